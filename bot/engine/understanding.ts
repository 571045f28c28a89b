import type { Understanding } from '../../api/domain/understand/intents.ts'
import type { EngineContext } from './ports.ts'

/** When the understanding step cannot be reached, the message is still answered as a question. */
const AS_QUESTION: Understanding = { intent: 'policy.question', confidence: 0, entities: {}, via: 'classifier', alternatives: [] }

export async function understand(text: string, ctx: EngineContext): Promise<Understanding> {
  const res = await ctx.client.api.understand.$post({ json: { text: text.slice(0, 500) } })
  return res.ok ? await res.json() : AS_QUESTION
}
