import { z } from 'zod'

/** A report drafted from what the person said ("水停了三天没人管"), offered to be filed as it stands. */
export const ReportDraft = z.object({
  category: z.string().optional(),
  description: z.string().optional(),
  town: z.string().optional(),
  village: z.string().optional(),
  anonymous: z.boolean().optional(),
})
export type ReportDraft = z.infer<typeof ReportDraft>

/** What a numbered reply ("1", "2" …) does: open a policy, act as if the user had typed a command, or file a drafted report. */
export const OptionAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('policy'), id: z.string() }),
  z.object({ type: z.literal('say'), text: z.string() }),
  z.object({ type: z.literal('report'), draft: ReportDraft }),
])
export const ChatOption = z.object({ label: z.string(), action: OptionAction })
export type ChatOption = z.infer<typeof ChatOption>

export const DialogueState = z.object({
  /** the numbered choices offered by the last reply */
  options: z.array(ChatOption).default([]),
  /** a multi-step flow in progress (self-check, report …), by kind; null when none */
  flow: z
    .object({ kind: z.string(), step: z.string(), data: z.record(z.string(), z.unknown()) })
    .nullable()
    .default(null),
  updatedAt: z.string(),
})
export type DialogueState = z.infer<typeof DialogueState>

/** A conversation left alone this long starts over: an old half-finished flow would only confuse. */
export const IDLE_LIMIT_MS = 30 * 60 * 1000

export const freshState = (at: Date): DialogueState => ({ options: [], flow: null, updatedAt: at.toISOString() })

/** The stored state if it is valid and recent, else a fresh one (and whether a flow was dropped). */
export function resumeState(stored: unknown, at: Date): { state: DialogueState; expiredFlow: boolean } {
  const parsed = DialogueState.safeParse(stored)
  if (!parsed.success) return { state: freshState(at), expiredFlow: false }
  const idle = at.getTime() - Date.parse(parsed.data.updatedAt)
  if (idle > IDLE_LIMIT_MS) return { state: freshState(at), expiredFlow: parsed.data.flow !== null }
  return { state: parsed.data, expiredFlow: false }
}
