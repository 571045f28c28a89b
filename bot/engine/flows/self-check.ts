import type { FactKey, HouseholdFacts } from '../../../api/domain/eligibility/facts.ts'
import type { EligibilityReport } from '../../../api/domain/eligibility/evaluate.ts'
import { plainWords } from '../text/plain-words.ts'
import { splitMessages } from '../format.ts'
import type { DialogueState } from '../state.ts'
import type { Flow, FlowContext } from './flow.ts'
import { parseAnswer } from './self-check-answers.ts'

/** The questions, in the order they are asked; only those some result still needs are asked at all. */
const QUESTIONS: [FactKey, string][] = [
  ['householdSize', '您家一共几口人？（比如：4口人）'],
  ['annualIncome', '全家一年的收入大概多少钱？（比如：一年两万；也可以说人均多少，如：人均4500）'],
  ['status', '您家是建档立卡贫困户、已脱贫户、监测户，还是都不是？'],
  ['assistance', '家里有没有享受低保或特困供养（五保）？回复：低保 / 特困 / 没有'],
  ['students', '家里有没有在上学或今年考上学校的孩子？有的话说说上什么学，比如：一个上高职、一个读小学；没有就回“没有”。'],
  ['childrenOutOfSchool', '家里有没有该上小学、初中却没去上学的孩子？回复“没有”，或者说有几个。'],
  ['housingGrade', '住房鉴定过安全等级吗？A、B 级是安全的，C、D 级是危房。请回复 A、B、C 或 D。'],
  ['drinkingWater', '家里吃水怎么样？回复：安全 / 不安全 / 季节性缺水'],
  ['illness', '家里有没有人患大病或慢性病？回复：没有 / 慢性病 / 大病'],
  ['workers', '家里有几个能干活的劳动力？（比如：2个；没有就回“没有”）'],
  ['pensionContribution', '城乡居民养老保险每人每年交多少钱？（比如：500；没交就回“没交”）'],
  ['shocks', '最近一年有没有遇到突发困难？比如大病花钱、受灾、失业、收入突然减少。没有就回“没有”。'],
]
const ORDER = QUESTIONS.map(([k]) => k)
const ADMITTED = '上大学（本科或专科）的孩子是今年新考上的吗？回复：是 / 不是'

const BACK = /^(上一步|上一题|上一个|返回上一步|回到上一步|back)$/i
const SKIP = /^(不知道|不清楚|不晓得|不确定|跳过|下一个|下一题|忘了|说不准)$/

interface Progress {
  facts: HouseholdFacts
  /** questions answered or skipped, in order: what 上一步 walks back */
  asked: FactKey[]
  skipped: FactKey[]
}

const progress = (state: DialogueState): Progress => state.flow!.data as unknown as Progress

function question(fact: FactKey, facts: HouseholdFacts): string {
  if (fact === 'students' && facts.students !== undefined) return ADMITTED
  return QUESTIONS.find(([k]) => k === fact)![1]
}

/** Forgets the answer to a question, so it can be asked again. */
function forget(p: Progress, fact: FactKey) {
  delete p.facts[fact]
  if (fact === 'annualIncome') delete p.facts.perCapitaIncome
  p.skipped = p.skipped.filter((k) => k !== fact)
}

async function evaluate(facts: HouseholdFacts, ctx: FlowContext): Promise<EligibilityReport | undefined> {
  // The turn's own date, not the server's: a conversation judged by the clock it was held at.
  const res = await ctx.client.api.eligibility.$post({ json: { facts, date: ctx.vocabulary.localDate(ctx.now) } })
  return res.ok ? ((await res.json()) as EligibilityReport) : undefined
}

/** The first question, in the fixed order, whose answer some result or the classification still lacks. */
function nextQuestion(report: EligibilityReport, p: Progress): FactKey | undefined {
  const wanted = new Set<string>([...report.classification.missing, ...report.results.flatMap((r) => r.missing)].map((m) => m.fact))
  return ORDER.find((k) => wanted.has(k) && !p.skipped.includes(k))
}

const yuan = (r: EligibilityReport['results'][number]) =>
  r.amount ? `${r.amount.text}${r.amount.times && r.amount.times > 1 ? `，${r.amount.times}人` : ''}` : ''

/** The phone-sized end of the self-check: 符合, 可能符合, 不符合, each with what to do next. */
export function summaryText(report: EligibilityReport): string {
  const yes = report.results.filter((r) => r.status === 'eligible')
  const maybe = report.results.filter((r) => r.status === 'need_info' && r.provisional !== 'not_eligible')
  const no = report.results.filter((r) => r.status === 'not_eligible' || r.provisional === 'not_eligible')
  const c = report.classification
  const lines = [`📋 自测结果（按${report.region}的标准${report.demo ? '；演示地区，借用外地文件里的标准' : ''}）`]
  lines.push(`您家情况：${plainWords(c.category)}${c.provisional ? '（仅供参考）' : ''}`)
  lines.push(...c.reasons.slice(0, 2).map((r) => `  ${plainWords(r)}`))
  if (yes.length > 0) {
    lines.push('', `✅ 符合（${yes.length}项）`)
    for (const r of yes) lines.push(`• ${r.title}${r.amount ? `：${yuan(r)}` : ''}`, `  ${r.apply}`)
  }
  if (maybe.length > 0) {
    lines.push('', `❔ 可能符合，要核实（${maybe.length}项）`)
    for (const r of maybe) {
      if (r.provisional === 'eligible') lines.push(`• ${r.title}${r.amount ? `：${yuan(r)}` : ''}（按旧文件符合）`, `  ${r.apply}`)
      else if (r.missing.length > 0) lines.push(`• ${r.title}：还需要知道${r.missing.map((m) => m.label).join('、')}`)
      else lines.push(`• ${r.title}：${r.reasons.at(-1)}`)
    }
  }
  if (no.length > 0) {
    lines.push('', `❌ 不符合（${no.length}项）`)
    // Several measures refused for the same reason ("家里没有这个学段的学生") share one line.
    const byReason = new Map<string, string[]>()
    for (const r of no) {
      const why = `${r.reasons[0]}${r.provisional ? '（按旧文件）' : ''}`
      byReason.set(why, [...(byReason.get(why) ?? []), r.title])
    }
    for (const [why, titles] of byReason) lines.push(`• ${titles.join('、')}：${why}`)
  }
  const stale = report.results.find((r) => r.provisional)?.reasons.at(-1)
  if (stale) lines.push('', `⚠️ ${stale.replace(/请向.+?核实/, '请向各项的联系单位核实')}`)
  lines.push('', '回复政策名称（如“雨露计划”）看详细说明；回复“政策自测”重新测一遍。')
  return lines.join('\n')
}

async function askNext(state: DialogueState, ctx: FlowContext, lead: string[] = []): Promise<string[]> {
  const p = progress(state)
  const report = await evaluate(p.facts, ctx)
  if (!report) {
    state.flow = null
    return [...lead, '自测暂时没法完成，请稍后再试，或打电话问县扶贫办。']
  }
  const next = nextQuestion(report, p)
  if (!next) {
    state.flow = null
    return [...lead, ...splitMessages(summaryText(report))]
  }
  state.flow!.step = next
  const number = p.asked.length + 1
  return [...lead, `第${number}问：${question(next, p.facts)}\n（不清楚回“跳过”，答错了回“上一步”，不测了回“取消”）`]
}

/**
 * 政策自测: one question at a time, only those a result still needs, Chinese answers understood
 * (三口人, 四千五, 有/没有/不知道), 上一步 and 取消, ending with what the household can get.
 */
export const selfCheckFlow: Flow = {
  kind: 'self-check',
  async start(state, ctx) {
    state.options = []
    const fresh: Progress = { facts: {}, asked: [], skipped: [] }
    state.flow = { kind: 'self-check', step: '', data: fresh as unknown as Record<string, unknown> }
    return askNext(state, ctx, ['好的，我问您几个问题，看看您家能享受哪些政策。信息只用来计算，不会保存。'])
  },
  async step(state, text, ctx) {
    const p = progress(state)
    const fact = state.flow!.step as FactKey
    const t = text.trim()
    if (BACK.test(t)) {
      const previous = p.asked.pop()
      if (!previous) return [`已经是第一个问题了。${question(fact, p.facts)}`]
      forget(p, previous)
      return askNext(state, ctx)
    }
    if (SKIP.test(t)) {
      p.skipped.push(fact)
      p.asked.push(fact)
      return askNext(state, ctx)
    }
    const parsed = parseAnswer(fact, t, p.facts)
    if (!parsed) return [`没看明白“${t.slice(0, 12)}”。${question(fact, p.facts)}\n（不清楚可以回“跳过”）`]
    Object.assign(p.facts, parsed)
    p.asked.push(fact)
    return askNext(state, ctx)
  },
}
