import { contactLine, splitMessages } from '../format.ts'
import type { Flow, FlowContext } from './flow.ts'
import type { DialogueState } from '../state.ts'

const ASK_WHERE = '您要找哪里的、办什么事的联系人？请回复乡镇或村的名字，或者要办的事，比如“东山镇”“危房改造”。回复“取消”退出。'

type ContactQuery = { q?: string; town?: string; village?: string; office?: string }

async function lookup(query: ContactQuery, ctx: FlowContext): Promise<string[] | undefined> {
  const res = await ctx.client.api.contacts.$get({ query })
  if (!res.ok) return undefined
  const body = await res.json()
  if (body.contacts.length === 0) return undefined
  const lines = body.contacts
    .slice(0, 6)
    .map((c) => `• ${contactLine(c)}${c.duties.length ? `（${c.duties.slice(0, 3).join('、')}）` : ''}`)
  if (body.notice) lines.push('', body.notice)
  return splitMessages(lines.join('\n'))
}

/**
 * Contacts for what the message named (an office, a place, a matter) at once; with nothing named, or
 * nothing found, asks where and what, and asks again with an example until it finds someone.
 */
export async function answerContacts(state: DialogueState, ctx: FlowContext, query: ContactQuery): Promise<string[]> {
  state.options = []
  const named = query.q ?? [query.town, query.village].filter(Boolean).join('')
  if (query.q || query.town || query.village || query.office) {
    const found = await lookup(query, ctx)
    if (found) return found
  }
  state.flow = { kind: 'contacts', step: 'where', data: {} }
  return [named ? `没有找到“${named.slice(0, 20)}”的联系人。${ASK_WHERE}` : ASK_WHERE]
}

/** "找人 东山镇" answers at once; "找人" alone asks where. */
export const contactsFlow: Flow = {
  kind: 'contacts',
  start: (state, ctx, argument) => answerContacts(state, ctx, argument ? { q: argument.slice(0, 100) } : {}),
  async step(state, text, ctx) {
    const found = await lookup({ q: text.slice(0, 100) }, ctx)
    if (!found) return [`没有找到“${text.slice(0, 20)}”的联系人。${ASK_WHERE}`]
    state.flow = null
    return found
  },
}
