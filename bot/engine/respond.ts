import { isBlank } from '../../api/domain/text/normalize.ts'
import type { DomainClient } from '../client.ts'
import { answerText, contactLine, numbered, splitMessages } from './format.ts'
import { resumeState, type ChatOption, type DialogueState } from './state.ts'
import type { Flow } from './flows/flow.ts'
import { contactsFlow } from './flows/contacts.ts'
import { selfCheckFlow } from './flows/self-check.ts'
import { feedback, progress, reportFlow } from './flows/report.ts'
import { hardshipFlow } from './flows/hardship.ts'
import * as records from './flows/records.ts'

/** Every multi-step flow the engine knows, by kind. */
const FLOWS: ReadonlyMap<string, Flow> = new Map([contactsFlow, selfCheckFlow, reportFlow, hardshipFlow].map((f) => [f.kind, f]))

export interface EngineContext {
  client: DomainClient
  now: Date
}

export interface Turn {
  state: DialogueState
  replies: string[]
}

/** What the API accepts as one question; longer messages get a polite request to shorten them. */
const QUESTION_MAX = 200

const MENU_WORDS = /^(帮助|菜单|功能|你好|您好|在吗|在不在|hi|hello|help|\?|？|开始)$/i
const CANCEL_WORDS = /^(取消|退出|算了|不问了|结束|返回|cancel)$/i
const CONTACT_COMMAND = /^(找人|联系人|联系|电话|找谁)\s*(.*)$/
const REPORT = /^(反映问题|反映|举报|投诉|我要反映|我要举报|我要投诉)[。！!]*$/
const PROGRESS = /^查进度\s*(FK-\d{4}-\d{6,})?\s*([A-Za-z0-9]{4,20})?\s*$/i
const FEEDBACK = /^(满意|不满意)\s*(FK-\d{4}-\d{6,})\s*([A-Za-z0-9]{4,20})?\s*$/i
const SELF_CHECK = /^(政策自测|自测|测一测|我家能享受什么(政策)?|我(家)?能(领|享受|拿)什么(补贴|补助|政策)?)[？?。!！]*$/
const NUMBER = /^\s*(\d{1,2})\s*$/
const HARDSHIP = /^(自主申报|申报困难|困难申报|我要申报)[。！!]*$/
const BIND = /^绑定\s*(\d{6})$/
const VERIFY = /^(核验|验证)\s*([^\s\d]{1,20})\s*(\d{5}[\dXx])$/
const VERIFY_HELP = /^(核验|验证|核验身份|绑定)$/
const UNBIND = /^解除绑定$/
const OWN_RECORD = /^(我家档案|我家信息|我的档案|查我家)$/
/** Cadre commands: for anyone else they show the public menu. */
const CADRE = {
  list: /^(我的帮扶户|帮扶户)$/,
  due: /^待走访$/,
  alerts: /^(预警|申报)$/,
  lookUp: /^查\s+(\S.{0,30})$/,
  visit: /^走访\s*([A-Za-z0-9-]{4,32})\s+(.{2,500})$/s,
  settle: /^核实\s*(SB-\d{4}-\d{6,})\s*(纳入监测|不纳入监测)\s*(.*)$/is,
}
/** 查张三 without a space: a lookup for a cadre, a question for anyone else. */
const LOOSE_LOOKUP = /^查([A-Za-z]{1,4}[0-9-]{3,31}|[\u4e00-\u9fa5]{2,4})$/

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

async function ask(text: string, state: DialogueState, ctx: EngineContext): Promise<string[]> {
  const res = await ctx.client.api.ask.$get({ query: { q: text } })
  if (!res.ok) {
    const body = await res.json() as { error?: { message?: string } }
    return [body.error?.message ?? '这个问题暂时没法回答，请换个说法再试。']
  }
  const result = await res.json()
  const options: ChatOption[] = result.alternatives.map((a) => ({ label: a.title, action: { type: 'policy', id: a.policyId } }))
  state.options = options
  if (result.answer) return splitMessages(answerText(result, options))

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
  return splitMessages(answerText({
    query: '', normalized: '', alternatives: [], confidence: 1, corrections: [], fallback: null,
    answer: p,
  }, options))
}

/**
 * One turn of the conversation: (stored state, message) → (new state, replies). Pure apart from the API
 * client it is given, so the same engine serves WeChat, the web chat page and tests.
 */
export async function respond(stored: unknown, message: string, ctx: EngineContext): Promise<Turn> {
  const { state, expiredFlow } = resumeState(stored, ctx.now)
  state.updatedAt = ctx.now.toISOString()
  const replies: string[] = []
  if (expiredFlow) replies.push('上次的办理步骤超过30分钟没有继续，已经结束了，需要的话请重新开始。')
  const done = (more: string[]) => ({ state, replies: [...replies, ...more] })

  const text = message.trim()
  if (isBlank(text)) return done(['我只能看懂文字。请用文字把问题打出来，比如“低保怎么申请”。'])
  if (CANCEL_WORDS.test(text)) {
    const hadFlow = state.flow !== null
    state.flow = null
    state.options = []
    return done([hadFlow ? '好的，已经退出。回复“菜单”看我能做什么。' : '好的。有问题随时问我，回复“菜单”看我能做什么。'])
  }
  if (MENU_WORDS.test(text)) {
    state.flow = null
    state.options = MENU
    return done([menuText((await records.whoAmI(ctx)).kind === 'cadre')])
  }
  const flow = state.flow && FLOWS.get(state.flow.kind)
  if (flow) return done(await flow.step(state, text, ctx))

  const picked = NUMBER.exec(text)
  if (picked) {
    const option = state.options[Number(picked[1]) - 1]
    if (!option) {
      return done([state.options.length > 0
        ? `请回复 1 到 ${state.options.length} 之间的数字，或者直接打字提问。`
        : '请直接打字提问，或回复“菜单”看我能做什么。'])
    }
    if (option.action.type === 'policy') return done(await openPolicy(option.action.id, state, ctx))
    return done(await command(option.action.text, state, ctx) ?? [HOW_TO_ASK])
  }

  const handled = await command(text, state, ctx)
  if (handled) return done(handled)
  if (text.length > QUESTION_MAX) {
    return done([`您的消息有${text.length}个字，太长了，我读不准。请用一两句话说您想问的事（${QUESTION_MAX}字以内），比如“孩子上高职有补助吗”。`])
  }
  return done(await ask(text, state, ctx))
}

/** Typed commands; undefined when the text is not one (it is then a question). */
async function command(text: string, state: DialogueState, ctx: EngineContext): Promise<string[] | undefined> {
  if (text === '怎么问政策') return [HOW_TO_ASK]
  if (SELF_CHECK.test(text)) return selfCheckFlow.start(state, ctx)
  if (REPORT.test(text)) return reportFlow.start(state, ctx)
  const asked = PROGRESS.exec(text)
  if (asked) return asked[1] ? progress(asked[1].toUpperCase(), asked[2]?.toUpperCase(), ctx) : ['请回复“查进度 受理编号 查询码”，比如：查进度 FK-2026-000123 ABCD2345（在反映问题的这个微信里查，可以不带查询码）。']
  const answered = FEEDBACK.exec(text)
  if (answered) return feedback(answered[2]!.toUpperCase(), answered[1] === '满意', answered[3]?.toUpperCase(), ctx)
  const contact = CONTACT_COMMAND.exec(text)
  if (contact) return contactsFlow.start(state, ctx, contact[2]!.trim() || undefined)
  if (HARDSHIP.test(text)) return hardshipFlow.start(state, ctx)
  const code = BIND.exec(text)
  if (code) return records.bind(code[1]!, ctx)
  const verify = VERIFY.exec(text)
  if (verify) return records.verifyHousehold(verify[2]!, verify[3]!, ctx)
  if (VERIFY_HELP.test(text)) return [`${records.HOW_TO_VERIFY}\n帮扶干部绑定微信：回复“绑定 六位绑定码”（绑定码向县扶贫办领取）。`]
  if (OWN_RECORD.test(text)) return records.ownRecord(await records.whoAmI(ctx), ctx)
  if (UNBIND.test(text)) return records.unbind(ctx)
  return cadreCommand(text, state, ctx)
}

/** A cadre's command, if the text is one: bound cadres get it done, anyone else the public menu. */
async function cadreCommand(text: string, state: DialogueState, ctx: EngineContext): Promise<string[] | undefined> {
  const loose = LOOSE_LOOKUP.exec(text)
  const strict = Object.values(CADRE).some((pattern) => pattern.test(text))
  if (!strict && !loose) return undefined
  if ((await records.whoAmI(ctx)).kind !== 'cadre') {
    if (!strict) return undefined
    state.options = MENU
    return ['这是帮扶干部的功能，需要先在微信里绑定。', menuText()]
  }
  if (CADRE.list.test(text)) return records.myHouseholds(ctx)
  if (CADRE.due.test(text)) return records.dueVisits(ctx)
  if (CADRE.alerts.test(text)) return records.alerts(ctx)
  const visit = CADRE.visit.exec(text)
  if (visit) return records.logVisit(visit[1]!, visit[2]!.trim(), ctx)
  const settle = CADRE.settle.exec(text)
  if (settle) return records.settleCase(settle[1]!.toUpperCase(), settle[2] as '纳入监测' | '不纳入监测', settle[3]!.trim(), ctx)
  return records.lookUp((CADRE.lookUp.exec(text) ?? loose)![1]!.trim(), ctx)
}
