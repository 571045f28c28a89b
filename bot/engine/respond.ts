import { brief } from './text/brief.ts'
import type { Intent, Understanding } from '../../api/domain/understand/intents.ts'
import type { EngineContext } from './ports.ts'
import { answerText, contactLine, numbered, splitMessages } from './format.ts'
import { resumeState, type ChatOption, type DialogueState, type ReportDraft } from './state.ts'
import { understand } from './understanding.ts'
import { smallTalkReply } from './smalltalk.ts'
import type { Flow } from './flows/flow.ts'
import { answerContacts, contactsFlow } from './flows/contacts.ts'
import { selfCheckFlow } from './flows/self-check.ts'
import { feedback, progress, reportFlow, startReport } from './flows/report.ts'
import { hardshipFlow } from './flows/hardship.ts'
import * as records from './flows/records.ts'

/** Every multi-step flow the engine knows, by kind. */
const FLOWS: ReadonlyMap<string, Flow> = new Map([contactsFlow, selfCheckFlow, reportFlow, hardshipFlow].map((f) => [f.kind, f]))

export interface Turn {
  state: DialogueState
  replies: string[]
}

/** Letters or digits: a message of only emoji, stickers' alt text or punctuation has none. */
const hasText = (text: string) => /[\p{L}\p{N}]/u.test(text.normalize('NFKC'))

/** An option's number; 88 and 886 are how people say bye. */
const NUMBER = /^\s*(1?\d)\s*$/
const FLOW_WORDS = /^(上一步|上一题|上一个|跳过|下一题|重填|修改|确认|提交)$/
/** A classifier's guess this sure takes a message out of a flow whose question it does not answer. */
const LEAVE_FLOW_CONFIDENCE = 0.9
/** Requests that start something of their own; the rest (questions, small talk, descriptions) may be a flow's answer. */
const SERVICES: ReadonlySet<Intent> = new Set<Intent>([
  'self_check',
  'report.request',
  'report.track',
  'report.feedback',
  'contacts',
  'hardship.declare',
  'record.own',
  'verify',
  'bind',
  'unbind',
  'cadre.list',
  'cadre.lookup',
  'cadre.visit',
  'cadre.due',
  'cadre.alerts',
  'cadre.settle',
])
/**
 * Requests about a person — a household's record, verification, a cadre's households, a report or a
 * 申报 with its details — are never answered in a group, where everyone reads the reply.
 */
const ABOUT_A_PERSON: ReadonlySet<Intent> = new Set<Intent>([
  ...[...SERVICES].filter((i) => i !== 'contacts'), // finding an office is public
  'report.describe', // a problem told in a group is someone's own
])
const PRIVATE_ONLY = '这件事涉及个人信息，请私聊我（点我的头像，发消息给我），群里只回答公开的政策问题。'
/** Which flow each service intent belongs to (a flow's own command restarts it with what it names). */
const FLOW_OF: Partial<Record<Intent, string>> = {
  self_check: 'self-check',
  'report.request': 'report',
  contacts: 'contacts',
  'hardship.declare': 'hardship',
}

const MENU: ChatOption[] = [
  { label: '问政策：直接打字提问，比如“孩子上高职有补助吗”', action: { type: 'say', text: '怎么问政策' } },
  { label: '政策自测：回答几个问题，看看您家能享受哪些政策', action: { type: 'say', text: '政策自测' } },
  { label: '找联系人：回复“找人 东山镇”或“联系 危房改造”', action: { type: 'say', text: '找人' } },
  { label: '反映问题：危房、饮水、帮扶走过场、优亲厚友、资金被挪用……登记后跟踪到销号', action: { type: 'say', text: '反映问题' } },
  { label: '查进度：回复“查进度 受理编号 查询码”', action: { type: 'say', text: '查进度' } },
  { label: '自主申报：家里遇到大病、灾害、失业、收入骤减，申请纳入防返贫监测', action: { type: 'say', text: '自主申报' } },
  { label: '我家档案：核验身份后查看自己家的帮扶档案', action: { type: 'say', text: '我家档案' } },
]

const HOW_TO_ASK = '请直接打字提问，说清楚是什么事，比如：\n• 孩子上高职有补助吗\n• 看病住院能报销多少\n• 房子漏雨怎么办'

export function menuText(forCadre = false): string {
  return `您好！我是扶贫政策助手，可以帮您：\n${numbered(MENU)}\n\n${forCadre ? `${records.CADRE_MENU}\n\n` : ''}随时回复“菜单”看这条说明，回复“取消”退出当前步骤。`
}

/** A question: the answer, "您问的可能是……" when the best entry is likely but not sure, or an honest "没有找到". */
async function ask(text: string, state: DialogueState, ctx: EngineContext): Promise<string[]> {
  const res = await ctx.client.api.ask.$get({ query: { q: text } })
  if (!res.ok) {
    const body = (await res.json()) as { error?: { message?: string } }
    return [body.error?.message ?? '这个问题暂时没法回答，请换个说法再试。']
  }
  const result = await res.json()
  const options: ChatOption[] = result.alternatives.map((a) => ({ label: a.title, action: { type: 'policy', id: a.policyId } }))
  if (result.answer) {
    state.options = options
    return splitMessages(answerText(result.answer, options, result.unstated))
  }
  if (result.tentative) {
    const t = result.tentative
    state.options = [{ label: `看【${t.title}】全文`, action: { type: 'policy', id: t.policyId } }, ...options]
    return splitMessages(
      [
        `您问的可能是【${t.title}】：`,
        ...(result.unstated ? [result.unstated] : []),
        brief(t.text),
        // the note sends them to the phone: the offices that know the local sum, not only the hotline
        ...(result.unstated ? [`咨询：${t.contacts.map(contactLine).join('；')}`] : []),
        '',
        '回复数字查看：',
        numbered(state.options),
        '',
        `都不是？可以换个说法再问，或打电话：${contactLine(result.fallback!.hotline)}`,
      ].join('\n'),
    )
  }
  state.options = options
  const lines = [`抱歉，没有找到能可靠回答“${text.slice(0, 30)}”的政策，我不乱说。`]
  if (options.length > 0) lines.push('', '您是不是想问：', numbered(options), '（回复数字查看）')
  lines.push('', `也可以打电话问：${contactLine(result.fallback!.hotline)}`, '回复“菜单”看我能做什么。')
  return splitMessages(lines.join('\n'))
}

async function openPolicy(id: string, state: DialogueState, ctx: EngineContext): Promise<string[]> {
  const res = await ctx.client.api.policies[':id'].$get({ param: { id } })
  if (!res.ok) return ['这条内容已经没有了，请重新提问。']
  const p = await res.json()
  const options: ChatOption[] = p.related.map((r) => ({ label: r.title, action: { type: 'policy', id: r.id } }))
  state.options = options
  return splitMessages(answerText(p, options))
}

/**
 * One turn of the conversation: (stored state, message) → (new state, replies). Every message is first
 * understood (intent and entities), then answered. Pure apart from the API client it is given, so the
 * same engine serves WeChat, the web chat page and tests.
 */
export async function respond(stored: unknown, message: string, ctx: EngineContext): Promise<Turn> {
  const { state, expiredFlow } = resumeState(stored, ctx.now)
  state.updatedAt = ctx.now.toISOString()
  const replies: string[] = []
  if (expiredFlow) replies.push('上次的办理步骤超过30分钟没有继续，已经结束了，需要的话请重新开始。')
  const done = (more: string[]) => ({ state, replies: [...replies, ...more] })

  const text = message.trim()
  if (!hasText(text)) return done(['我只能看懂文字。请用文字把问题打出来，比如“低保怎么申请”。'])
  const flow = state.flow && FLOWS.get(state.flow.kind)
  const picked = NUMBER.exec(text)
  if (picked && !flow) return done(await pickOption(Number(picked[1]), state, ctx))

  // A flow's own words (上一步, 跳过, 确认) are its business, whatever they might mean elsewhere.
  if (flow && FLOW_WORDS.test(text)) return done(await flow.step(state, text, ctx))
  const u = await understand(text, ctx)
  const sure = u.via === 'command' || u.confidence >= LEAVE_FLOW_CONFIDENCE
  if (u.intent === 'cancel' && (sure || !flow)) {
    const hadFlow = state.flow !== null
    state.flow = null
    state.options = []
    return done([hadFlow ? '好的，已经退出。回复“菜单”看我能做什么。' : '好的。有问题随时问我，回复“菜单”看我能做什么。'])
  }
  if ((u.intent === 'menu' && (u.via === 'command' || !flow)) || (u.intent === 'smalltalk.greeting' && u.via === 'command')) {
    state.flow = null
    state.options = MENU
    return done([menuText((await records.whoAmI(ctx)).kind === 'cadre')])
  }
  if (flow) {
    if (!leavesFlow(u, text, state.flow!.kind)) return done(await flow.step(state, text, ctx))
    state.flow = null
  }
  return done(await handle(u, text, state, ctx))
}

/** A numbered reply picks one of the choices the last reply offered. */
async function pickOption(n: number, state: DialogueState, ctx: EngineContext): Promise<string[]> {
  const option = state.options[n - 1]
  if (!option) {
    return [
      state.options.length > 0
        ? `请回复 1 到 ${state.options.length} 之间的数字，或者直接打字提问。`
        : '请直接打字提问，或回复“菜单”看我能做什么。',
    ]
  }
  if (option.action.type === 'policy') return openPolicy(option.action.id, state, ctx)
  if (option.action.type === 'report') return startReport(state, ctx, option.action.draft)
  if (option.action.text === '怎么问政策') return [HOW_TO_ASK]
  return handle(await understand(option.action.text, ctx), option.action.text, state, ctx)
}

/**
 * A flow asked a question; does this message answer it, or ask for something else? An exact command
 * of another service leaves (and one of the same flow starts it over with what it names: "找人 南岭镇"
 * inside 找联系人); so does a long message the classifier is sure asks for another service. Questions,
 * descriptions and small talk stay with the flow: they may well be its answer.
 */
function leavesFlow(u: Understanding, text: string, kind: string): boolean {
  if (!SERVICES.has(u.intent)) return false
  if (u.via === 'command') return FLOW_OF[u.intent] !== kind || Object.keys(u.entities).length > 0
  return FLOW_OF[u.intent] !== kind && u.confidence >= LEAVE_FLOW_CONFIDENCE && [...text].length >= 6
}

/** What each intent does. */
async function handle(u: Understanding, text: string, state: DialogueState, ctx: EngineContext): Promise<string[]> {
  if (ctx.inRoom && ABOUT_A_PERSON.has(u.intent)) return [PRIVATE_ONLY]
  const e = u.entities
  switch (u.intent) {
    case 'self_check':
      return selfCheckFlow.start(state, ctx)
    case 'report.request':
      return startReport(state, ctx, { ...(e.category ? { category: e.category } : {}), ...placeOf(e) })
    case 'report.describe':
      return offerReport(u, text, state, ctx)
    case 'report.track':
      return e.ticket ? progress(e.ticket, e.code, ctx) : myReports(ctx)
    case 'report.feedback':
      return e.ticket && e.satisfied !== undefined ? feedback(e.ticket, e.satisfied, e.code, ctx) : myReports(ctx, true)
    case 'contacts':
      return contactsFor(u, text, state, ctx)
    case 'hardship.declare':
      return hardshipFlow.start(state, ctx)
    case 'record.own':
      return records.ownRecord(await records.whoAmI(ctx), ctx)
    case 'verify':
      return e.person && e.idLast6
        ? records.verifyHousehold(e.person, e.idLast6, ctx)
        : [`${records.HOW_TO_VERIFY}\n帮扶干部绑定微信：回复“绑定 六位绑定码”（绑定码向县扶贫办领取）。`]
    case 'bind':
      return e.bindingCode
        ? records.bind(e.bindingCode, ctx)
        : ['帮扶干部绑定微信：回复“绑定 六位绑定码”，比如：绑定 123456（绑定码向县扶贫办领取，一次有效）。']
    case 'unbind':
      return records.unbind(ctx)
    case 'cadre.list':
    case 'cadre.lookup':
    case 'cadre.visit':
    case 'cadre.due':
    case 'cadre.alerts':
    case 'cadre.settle':
      return cadreCommand(u, text, state, ctx)
    case 'menu':
    case 'cancel':
      state.options = MENU
      return [menuText()]
    case 'policy.question':
      if (text.length > ctx.vocabulary.questionMax) {
        return [
          `您的消息有${text.length}个字，太长了，我读不准。请用一两句话说您想问的事（${ctx.vocabulary.questionMax}字以内），比如“孩子上高职有补助吗”。`,
        ]
      }
      return ask(text, state, ctx)
    default:
      return [smallTalkReply(u.intent, await hotline(ctx))]
  }
}

const placeOf = (e: Understanding['entities']): ReportDraft => ({
  ...(e.town ? { town: e.town } : {}),
  ...(e.village ? { village: e.village } : {}),
})

const isCadre = async (ctx: EngineContext) => (await records.whoAmI(ctx)).kind === 'cadre'

async function hotline(ctx: EngineContext) {
  const res = await ctx.client.api.contacts.$get({ query: {} })
  return res.ok ? (await res.json()).hotline : undefined
}

/**
 * "水停了三天没人管": the matching policy in a few lines, then an offer to file it with what was said
 * filled in, so the person only has to say 1 or 2.
 */
async function offerReport(u: Understanding, text: string, state: DialogueState, ctx: EngineContext): Promise<string[]> {
  const draft: ReportDraft = {
    description: text.slice(0, 500),
    ...(u.entities.category ? { category: u.entities.category } : {}),
    ...placeOf(u.entities),
  }
  const res = await ctx.client.api.ask.$get({ query: { q: text.slice(0, ctx.vocabulary.questionMax) } })
  const result = res.ok ? await res.json() : undefined
  const lines: string[] = []
  if (result?.answer)
    lines.push(`【${result.answer.title}】`, brief(result.answer.text), `咨询：${result.answer.contacts.map(contactLine).join('；')}`, '')
  const where = draft.town ? `${draft.town}${draft.village ?? ''}` : '（下一步选）'
  lines.push(
    '要登记成反映问题吗？登记后会转交办理单位，跟踪到销号：',
    `类别：${draft.category ?? '（下一步选）'}｜地点：${where}`,
    `问题：${draft.description!.slice(0, 60)}${draft.description!.length > 60 ? '…' : ''}`,
    '回复 1 登记（匿名），回复 2 登记（留名，进度发到这个微信），不用登记就接着问别的。',
  )
  state.options = [
    { label: '登记（匿名）', action: { type: 'report', draft: { ...draft, anonymous: true } } },
    { label: '登记（留名）', action: { type: 'report', draft: { ...draft, anonymous: false } } },
  ]
  return splitMessages(lines.join('\n'))
}

/** 查进度 without a ticket: the reports filed from this chat, or how to ask with a ticket and code. */
async function myReports(ctx: EngineContext, forFeedback = false): Promise<string[]> {
  const res = await ctx.client.api.reports.mine.$get()
  const mine = res.ok ? (await res.json()).reports : []
  const how = forFeedback
    ? '请回复“满意 受理编号”或“不满意 受理编号”，比如：满意 FK-2026-000123（不是在这个微信里反映的，后面加查询码）。'
    : '请回复“查进度 受理编号 查询码”，比如：查进度 FK-2026-000123 ABCD2345（在反映问题的这个微信里查，可以不带查询码）。'
  if (mine.length === 0) return [`这个微信里没有留名反映过的问题。${how}`]
  const waiting = mine.filter((r) => r.status === '已办结')
  if (forFeedback && waiting.length === 1)
    return [`您说的是 ${waiting[0]!.ticket} 吗？${how.replace('比如：满意 FK-2026-000123', `比如：满意 ${waiting[0]!.ticket}`)}`]
  return [
    [
      `您在这个微信里反映的问题（${mine.length}件）：`,
      ...mine
        .slice(0, 5)
        .map((r) => `• ${r.ticket}（${r.category}，${r.place.town}${r.place.village ?? ''}）：${r.status}${r.overdue ? '（已超期）' : ''}`),
      `看经过：${how}`,
    ].join('\n'),
  ]
}

/** "扶贫办电话多少", "西河村委会电话", "低保的事找谁": the contacts at once, place and matter from the message. */
function contactsFor(u: Understanding, text: string, state: DialogueState, ctx: EngineContext): Promise<string[]> {
  const e = u.entities
  const office = e.offices?.[0]
  if (office) return answerContacts(state, ctx, { office })
  const place = { ...(e.town ? { town: e.town } : {}), ...(e.village ? { village: e.village } : {}) }
  // A typed command names what to find; a sentence is searched by the matters it names, else as a whole.
  const q = u.via === 'command' ? e.matters?.join(' ') : (e.matters?.join(' ') ?? (Object.keys(place).length > 0 ? undefined : text))
  return answerContacts(state, ctx, { ...place, ...(q ? { q: q.slice(0, 100) } : {}) })
}

/** A cadre's command: bound cadres get it done, anyone else the public menu. */
async function cadreCommand(u: Understanding, text: string, state: DialogueState, ctx: EngineContext): Promise<string[]> {
  if (!(await isCadre(ctx))) {
    if (u.via !== 'command') return ask(text, state, ctx)
    state.options = MENU
    return ['这是帮扶干部的功能，需要先在微信里绑定。', menuText()]
  }
  const e = u.entities
  switch (u.intent) {
    case 'cadre.list':
      return records.myHouseholds(ctx)
    case 'cadre.due':
      return records.dueVisits(ctx)
    case 'cadre.alerts':
      return records.alerts(ctx)
    case 'cadre.visit':
      return e.household && e.note
        ? records.logVisit(e.household, e.note, ctx)
        : ['记走访请回复“走访 户编号 记录”，比如：走访 DS-0001 入户看望，孩子已复学。']
    case 'cadre.settle':
      return e.case && e.decision
        ? records.settleCase(e.case, e.decision, e.note ?? '', ctx)
        : ['请回复“核实 申报编号 纳入监测 情况”或“核实 申报编号 不纳入监测 情况”。']
    default: {
      const who = e.household ?? e.person
      return who ? records.lookUp(who, ctx) : ['查一户请回复“查 户主姓名”或“查 户编号”，比如：查 DS-0001。']
    }
  }
}
