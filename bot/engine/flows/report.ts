import { asChoices, errorMessage, pick } from '../choices.ts'
import type { DialogueState, ReportDraft } from '../state.ts'
import type { Flow, FlowContext } from './flow.ts'
import type { EngineVocabulary } from '../ports.ts'

interface Draft {
  category?: string
  description?: string
  town?: string
  village?: string | null
  anonymous?: boolean
  towns: { name: string; villages: string[] }[]
}

const draftOf = (state: DialogueState) => state.flow!.data as unknown as Draft

const ASK = {
  category: (_d: Draft, v: EngineVocabulary) => `您要反映哪一类问题？回复数字：\n${asChoices(v.reportCategories)}`,
  description: () => '请说说发生了什么：什么事、多长时间了（5到500字）。',
  town: (d: Draft) => `在哪个乡镇？回复数字：\n${asChoices(d.towns.map((t) => t.name))}`,
  village: (d: Draft) => `在哪个村？回复数字，不想说就回“跳过”：\n${asChoices(d.towns.find((t) => t.name === d.town)!.villages)}`,
  anonymous: () =>
    '要匿名吗？\n1. 匿名（不记录您是谁，凭受理编号和查询码查进度）\n2. 留名（办理进度会发到这个微信，您的身份只有县扶贫办能看到）',
}

function confirmText(d: Draft): string {
  return [
    '请核对：',
    `类别：${d.category}`,
    `地点：${d.town}${d.village ?? ''}`,
    `问题：${d.description}`,
    `方式：${d.anonymous ? '匿名' : '留名（进度发到这个微信）'}`,
    '',
    '回复“确认”提交，回复“重填”重新填写，回复“取消”不提交。',
  ].join('\n')
}

async function file(d: Draft, ctx: FlowContext): Promise<string[]> {
  const res = await ctx.client.api.reports.$post({
    json: {
      category: d.category as EngineVocabulary['reportCategories'][number],
      description: d.description!,
      place: { town: d.town!, ...(d.village ? { village: d.village } : {}) },
      anonymous: d.anonymous!,
    },
  })
  if (res.status !== 201) return [`没有提交成功：${await errorMessage(res)}。`]
  const filed = (await res.json()) as { ticket: string; code: string; message: string }
  if (d.anonymous) ctx.forgetPast?.()
  return [`${filed.message}\n回复“查进度 ${filed.ticket} ${filed.code}”随时查看办理进度。`]
}

type Step = 'category' | 'description' | 'town' | 'village' | 'anonymous' | 'confirm'

/** The first thing a draft still lacks; a draft with everything goes straight to confirmation. */
function firstMissing(d: Draft): Step {
  if (!d.category) return 'category'
  if (!d.description) return 'description'
  if (!d.town) return 'town'
  if (d.village === undefined) return 'village'
  if (d.anonymous === undefined) return 'anonymous'
  return 'confirm'
}

const ask = (step: Step, d: Draft, ctx: FlowContext) => (step === 'confirm' ? confirmText(d) : ASK[step](d, ctx.vocabulary))

/** A category from its number, its name, or how the person describes the problem (房子漏雨 → 住房安全). */
async function categoryOf(text: string, ctx: FlowContext): Promise<string | undefined> {
  const chosen = pick(text, ctx.vocabulary.reportCategories)
  if (chosen || /^\s*\d+\s*$/.test(text)) return chosen
  const res = await ctx.client.api.understand.$post({ json: { text: text.slice(0, 500) } })
  return res.ok ? (await res.json()).entities.category : undefined
}

/**
 * Starts 反映问题, with what the person already said filled in (category, description, place, and
 * anonymity when they picked it from the offer): a complete draft is filed at once, since the offer
 * showed it; otherwise only what is missing is asked.
 */
export async function startReport(state: DialogueState, ctx: FlowContext, prefill: ReportDraft = {}): Promise<string[]> {
  state.options = []
  const res = await ctx.client.api.places.$get()
  const towns = res.ok ? (await res.json()).towns : []
  const known = towns.find((t) => t.name === prefill.town)
  const d: Draft = {
    towns,
    ...(prefill.category && (ctx.vocabulary.reportCategories as readonly string[]).includes(prefill.category)
      ? { category: prefill.category }
      : {}),
    ...(prefill.description ? { description: prefill.description.slice(0, 500) } : {}),
    ...(known
      ? { town: known.name, ...(prefill.village && known.villages.includes(prefill.village) ? { village: prefill.village } : {}) }
      : {}),
    ...(prefill.anonymous !== undefined ? { anonymous: prefill.anonymous } : {}),
  }
  const step = firstMissing(d)
  if (step === 'confirm') {
    state.flow = null
    return file(d, ctx)
  }
  state.flow = { kind: 'report', step, data: d as unknown as Record<string, unknown> }
  const intro = Object.keys(prefill).length > 0 ? '好的，帮您登记。' : '好的，您反映的问题会登记、转交、跟踪到销号。'
  return [`${intro}\n${ask(step, d, ctx)}`]
}

/** 反映问题: category, what happened, where, anonymous or not, then a confirmation before anything is filed. */
export const reportFlow: Flow = {
  kind: 'report',
  start: (state, ctx) => startReport(state, ctx),
  async step(state, text, ctx) {
    const d = draftOf(state)
    const t = text.trim()
    const flow = state.flow!
    switch (flow.step) {
      case 'category': {
        const c = await categoryOf(t, ctx)
        if (!c)
          return [
            `没看出是哪一类，请回复 1 到 ${ctx.vocabulary.reportCategories.length} 的数字，或者说说是什么事。\n${ASK.category(d, ctx.vocabulary)}`,
          ]
        d.category = c
        // "房子漏雨没人管" answers both questions at once.
        if (!d.description && t.length >= 5 && !pick(t, ctx.vocabulary.reportCategories)) d.description = t.slice(0, 500)
        flow.step = firstMissing(d)
        return [ask(flow.step as Step, d, ctx)]
      }
      case 'description':
        if (t.length < 5 || t.length > 500) return [`${t.length < 5 ? '说得再具体一些。' : '太长了。'}${ASK.description()}`]
        d.description = t
        flow.step = firstMissing(d)
        return [ask(flow.step as Step, d, ctx)]
      case 'town': {
        const town = pick(
          t,
          d.towns.map((x) => x.name),
        )
        if (!town) return [ASK.town(d)]
        d.town = town
        flow.step = 'village'
        return [ASK.village(d)]
      }
      case 'village': {
        if (/^(跳过|不说|不知道)$/.test(t)) d.village = null
        else {
          const village = pick(t, d.towns.find((x) => x.name === d.town)!.villages)
          if (!village) return [ASK.village(d)]
          d.village = village
        }
        flow.step = firstMissing(d)
        return [ask(flow.step as Step, d, ctx)]
      }
      case 'anonymous':
        if (/^1$|匿名/.test(t)) d.anonymous = true
        else if (/^2$|留名|实名/.test(t)) d.anonymous = false
        else return [ASK.anonymous()]
        flow.step = 'confirm'
        return [confirmText(d)]
      case 'confirm':
        if (/^(确认|提交|是|对|好)$/.test(t)) {
          state.flow = null
          return file(d, ctx)
        }
        if (/^(重填|修改|改)$/.test(t)) {
          state.flow = { kind: 'report', step: 'category', data: { towns: d.towns } as unknown as Record<string, unknown> }
          return [ASK.category(d, ctx.vocabulary)]
        }
        return [confirmText(d)]
      default:
        state.flow = null
        return ['请重新开始：回复“反映问题”。']
    }
  },
}

const STATUS_LINE = (h: { at: string; to: string; actor: { label: string }; note?: string }) =>
  `• ${h.at.slice(0, 10)} ${h.to}（${h.actor.label}）${h.note ? `：${h.note}` : ''}`

/** 查进度 FK-…[ 查询码]: in the WeChat that reported it the code is not needed. */
export async function progress(ticket: string, code: string | undefined, ctx: FlowContext): Promise<string[]> {
  const res = await ctx.client.api.reports[':ticket'].$get({ param: { ticket }, query: code ? { code } : {} })
  if (!res.ok) return [`没有找到 ${ticket}，或者查询码不对。格式：查进度 FK-2026-000123 查询码`]
  const r = await res.json()
  return [
    [
      `${r.ticket}（${r.category}，${r.place.town}${r.place.village ?? ''}）`,
      `现在：${r.status}${r.assignee ? `，办理单位：${r.assignee}` : ''}${r.overdue ? '（已超期）' : ''}`,
      ...r.history.map(STATUS_LINE),
    ].join('\n'),
  ]
}

/** 满意/不满意 FK-…: the reporter's answer to 问题解决了吗. */
export async function feedback(ticket: string, satisfied: boolean, code: string | undefined, ctx: FlowContext): Promise<string[]> {
  const res = await ctx.client.api.reports[':ticket'].feedback.$post({ param: { ticket }, json: { satisfied, ...(code ? { code } : {}) } })
  if (res.status === 409) return [((await res.json()) as { error: { message: string } }).error.message]
  if (!res.ok) return [`没有找到 ${ticket}，或者不是在这个微信反映的；请带上查询码：${satisfied ? '满意' : '不满意'} ${ticket} 查询码`]
  const r = (await res.json()) as { status: string }
  return [satisfied ? `已确认，问题 ${ticket} ${r.status}。谢谢您的监督！` : `已记下您不满意，问题 ${ticket} 重新交办，现在“${r.status}”。`]
}
