import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from '../lib/zod.ts'
import { openJsonStore } from './json-store.ts'

/** A message the service owes someone in WeChat (a report's new status, an alert to a cadre). */
export const Notice = z.object({
  id: z.string(),
  /** the chat session to deliver to, as /api/chat keys it: "wx:<session>" */
  session: z.string(),
  text: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
})
export type Notice = z.infer<typeof Notice>

/**
 * Notices are written here first, durably, and the bot takes them from here and acknowledges each once
 * WeChat has it. A logout, a crash of the bot or of the API loses none: unacknowledged notices are handed
 * out again.
 */
export interface OutboxRepository {
  /** resolves once the notices are on disk */
  enqueue(notices: { session: string; text: string }[], at: Date): Promise<void>
  pending(limit: number): Notice[]
  markSent(ids: string[], at: Date): Promise<number>
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
      for (const n of notices) store.data.notices.push({ id: randomUUID(), session: n.session, text: n.text, createdAt, sentAt: null })
      await store.write()
    },
    pending(limit) {
      return store.data.notices.filter((n) => n.sentAt === null).slice(0, limit)
    },
    async markSent(ids, at) {
      const wanted = new Set(ids)
      let marked = 0
      for (const n of store.data.notices) {
        if (wanted.has(n.id) && n.sentAt === null) {
          n.sentAt = at.toISOString()
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
