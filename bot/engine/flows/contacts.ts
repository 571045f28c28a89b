import { contactLine, splitMessages } from '../format.ts'
import type { Flow, FlowContext } from './flow.ts'
import type { DialogueState } from '../state.ts'

const ASK_WHERE = '您要找哪里的、办什么事的联系人？请回复乡镇或村的名字，或者要办的事，比如“东山镇”“危房改造”。回复“取消”退出。'

async function lookup(what: string, ctx: FlowContext): Promise<string[] | undefined> {
  const res = await ctx.client.api.contacts.$get({ query: { q: what.slice(0, 100) } })
  if (!res.ok) return undefined
  const body = await res.json()
  if (body.contacts.length === 0) return undefined
  const lines = body.contacts.slice(0, 6).map((c) => `• ${contactLine(c)}${c.duties.length ? `（${c.duties.slice(0, 3).join('、')}）` : ''}`)
  if (body.notice) lines.push('', body.notice)
  return splitMessages(lines.join('\n'))
}

/** "找人 东山镇" answers at once; "找人" alone asks where, and asks again with an example until it finds someone. */
export const contactsFlow: Flow = {
  kind: 'contacts',
  async start(state: DialogueState, ctx, argument) {
    state.options = []
    if (argument) {
      const found = await lookup(argument, ctx)
      if (found) return found
      state.flow = { kind: 'contacts', step: 'where', data: {} }
      return [`没有找到“${argument.slice(0, 20)}”的联系人。${ASK_WHERE}`]
    }
    state.flow = { kind: 'contacts', step: 'where', data: {} }
    return [ASK_WHERE]
  },
  async step(state, text, ctx) {
    const found = await lookup(text, ctx)
    if (!found) return [`没有找到“${text.slice(0, 20)}”的联系人。${ASK_WHERE}`]
    state.flow = null
    return found
  },
}
