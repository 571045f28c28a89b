import { asChoices, errorMessage, pick } from '../choices.ts'
import type { DialogueState } from '../state.ts'
import type { Flow, FlowContext } from './flow.ts'
import type { EngineVocabulary } from '../ports.ts'
import { whoAmI } from './records.ts'

interface Draft {
  kind?: EngineVocabulary['hardshipKinds'][number]
  town?: string
  village?: string
  name?: string
  description?: string
  /** a verified household: place and name come from its record */
  verified: boolean
  towns: { name: string; villages: string[] }[]
}

const draftOf = (state: DialogueState) => state.flow!.data as unknown as Draft

const ASK = {
  kind: (v: EngineVocabulary) => `家里遇到了什么困难？回复数字：\n${asChoices(v.hardshipKinds)}`,
  town: (d: Draft) => `您家在哪个乡镇？回复数字：\n${asChoices(d.towns.map((t) => t.name))}`,
  village: (d: Draft) => `哪个村？回复数字：\n${asChoices(d.towns.find((t) => t.name === d.town)!.villages)}`,
  name: () => '户主叫什么名字？',
  description: () => '请简单说说情况：什么时候、花了多少钱或少了多少收入（5到500字）。',
}

function confirmText(d: Draft): string {
  return [
    '请核对：',
    `困难：${d.kind}`,
    d.verified ? '户：已核验的本户' : `户：${d.town}${d.village} ${d.name}`,
    `情况：${d.description}`,
    '',
    '回复“确认”提交，回复“重填”重新填写，回复“取消”不提交。',
  ].join('\n')
}

async function submit(d: Draft, ctx: FlowContext): Promise<string[]> {
  const res = await ctx.client.api.hardship.$post({
    json: { kind: d.kind!, description: d.description!, ...(d.verified ? {} : { town: d.town!, village: d.village!, name: d.name! }) },
  })
  if (res.status !== 201) return [`没有提交成功：${await errorMessage(res)}。`]
  return [(await res.json()).message]
}

/**
 * 自主申报: a family reports a hardship (大病、灾害、失业、收入骤减) to enter 防返贫监测. The village's
 * cadres are told at once and must 入户核实; the family hears the result in this chat.
 */
export const hardshipFlow: Flow = {
  kind: 'hardship',
  async start(state, ctx) {
    state.options = []
    const me = await whoAmI(ctx)
    const res = await ctx.client.api.places.$get()
    const towns = res.ok ? (await res.json()).towns : []
    state.flow = {
      kind: 'hardship',
      step: 'kind',
      data: { towns, verified: me.kind === 'household' } as unknown as Record<string, unknown>,
    }
    return [`自主申报是家里遇到突发困难时申请纳入防返贫监测的正式渠道，村里的帮扶干部会上门核实。\n${ASK.kind(ctx.vocabulary)}`]
  },
  async step(state, text, ctx) {
    const d = draftOf(state)
    const t = text.trim()
    const flow = state.flow!
    const next = (step: string, question: string) => {
      flow.step = step
      return [question]
    }
    switch (flow.step) {
      case 'kind': {
        const kind = pick(t, ctx.vocabulary.hardshipKinds)
        if (!kind) return [`请回复 1 到 ${ctx.vocabulary.hardshipKinds.length} 的数字。\n${ASK.kind(ctx.vocabulary)}`]
        d.kind = kind
        return d.verified ? next('description', ASK.description()) : next('town', ASK.town(d))
      }
      case 'town': {
        const town = pick(
          t,
          d.towns.map((x) => x.name),
        )
        if (!town) return [ASK.town(d)]
        d.town = town
        return next('village', ASK.village(d))
      }
      case 'village': {
        const village = pick(t, d.towns.find((x) => x.name === d.town)!.villages)
        if (!village) return [ASK.village(d)]
        d.village = village
        return next('name', ASK.name())
      }
      case 'name':
        if (t.length < 1 || t.length > 20) return [ASK.name()]
        d.name = t
        return next('description', ASK.description())
      case 'description':
        if (t.length < 5 || t.length > 500) return [`${t.length < 5 ? '说得再具体一些。' : '太长了。'}${ASK.description()}`]
        d.description = t
        return next('confirm', confirmText(d))
      case 'confirm':
        if (/^(确认|提交|是|对|好)$/.test(t)) {
          state.flow = null
          return submit(d, ctx)
        }
        if (/^(重填|修改|改)$/.test(t)) return next('kind', ASK.kind(ctx.vocabulary))
        return [confirmText(d)]
      default:
        state.flow = null
        return ['请重新开始：回复“自主申报”。']
    }
  },
}
