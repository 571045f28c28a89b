import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from '../lib/zod.ts'
import { openJsonStore } from './json-store.ts'
import { PushCard } from '../domain/notify/push-card.ts'

/** A message the service owes someone in WeChat (a report's new status, an alert to a cadre). */
export const Notice = z.object({
  id: z.string(),
  /** the session to deliver to: a WeChat conversation as /api/chat keys it ("wx:<session>"), or a mini-program user ("mp:…") */
  session: z.string(),
  text: z.string(),
  /** the notice as a subscription message's fields: what a mini-program user is sent */
  card: PushCard.optional(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** why it was settled without being delivered (a mini-program user who did not subscribe) */
  dropped: z.string().optional(),
})
export type Notice = z.infer<typeof Notice>

export type NewNotice = Pick<Notice, 'session' | 'text' | 'card'>

/** Who delivers a notice: the bot (WeChat conversations), or the subscription-message sender (mini-program users). */
export type Channel = 'bot' | 'miniprogram'
const channelOf = (session: string): Channel => (session.startsWith('mp:') ? 'miniprogram' : 'bot')

/**
 * Notices are written here first, durably, and each channel takes its own from here and acknowledges each
 * once WeChat has it. A logout, a crash of the bot or of the API, WeChat's servers being down lose none:
 * unacknowledged notices are handed out again.
 */
export interface OutboxRepository {
  /** resolves once the notices are on disk */
  enqueue(notices: NewNotice[], at: Date): Promise<void>
  pending(limit: number, channel?: Channel): Notice[]
  /** settles notices as delivered, or (with a reason) as not to be delivered */
  markSent(ids: string[], at: Date, dropped?: string): Promise<number>
}

const OutboxFile = z.object({ notices: z.array(Notice) })
/** Delivered notices are kept a while for support questions ("我没收到"), then dropped. */
const KEEP_SENT_MS = 7 * 24 * 3600 * 1000

export async function openOutboxRepository(dataDir: string): Promise<OutboxRepository> {
  const store = await openJsonStore(join(dataDir, 'outbox.json'), OutboxFile, { notices: [] })
  return {
    async enqueue(notices, at) {
      if (notices.length === 0) return
      const createdAt = at.toISOString()
      for (const n of notices)
        store.data.notices.push({
          id: randomUUID(),
          session: n.session,
          text: n.text,
          ...(n.card ? { card: n.card } : {}),
          createdAt,
          sentAt: null,
        })
      await store.write()
    },
    pending(limit, channel = 'bot') {
      return store.data.notices.filter((n) => n.sentAt === null && channelOf(n.session) === channel).slice(0, limit)
    },
    async markSent(ids, at, dropped) {
      const wanted = new Set(ids)
      let marked = 0
      for (const n of store.data.notices) {
        if (wanted.has(n.id) && n.sentAt === null) {
          n.sentAt = at.toISOString()
          if (dropped) n.dropped = dropped
          marked += 1
        }
      }
      const cutoff = at.getTime() - KEEP_SENT_MS
      store.data.notices = store.data.notices.filter((n) => n.sentAt === null || Date.parse(n.sentAt) > cutoff)
      await store.write()
      return marked
    },
  }
}
