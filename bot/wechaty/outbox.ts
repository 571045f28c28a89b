import type { Wechaty } from 'wechaty'
import type { ApiClient } from '../client.ts'
import type { SendQueue } from './send-queue.ts'

export interface OutboxPollerOptions {
  client: ApiClient
  wechaty: Wechaty
  queue: SendQueue
  /** the contact id behind a chat session, for sessions whose id had to be hashed */
  contactOf: (session: string) => string | undefined
  intervalMs: number
  log: (line: string) => void
}

/**
 * Takes the notices the service owes WeChat contacts (report status changes, alerts to cadres) and puts
 * them on the send queue; each is acknowledged only once WeChat has it, so a logout or a crash sends it
 * later instead of losing it. Runs only while logged in.
 */
export function outboxPoller({ client, wechaty, queue, contactOf, intervalMs, log }: OutboxPollerOptions) {
  const inFlight = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let polling = false

  const poll = async () => {
    if (polling) return
    polling = true
    try {
      const res = await client.api.bot.outbox.$get({ query: { limit: '50' } })
      if (!res.ok) throw new Error(`HTTP ${res.status}`)
      for (const notice of (await res.json()).notices) {
        if (inFlight.has(notice.id)) continue
        const contactId = contactOf(notice.session)
        const contact = contactId ? await wechaty.Contact.find({ id: contactId }) : undefined
        if (!contact) {
          log(`通知 ${notice.id} 的收件人找不到（${notice.session.slice(0, 12)}…），保留待下次`)
          continue
        }
        inFlight.add(notice.id)
        queue.enqueue({
          label: `联系人 ${contactId}（通知）`,
          text: notice.text,
          send: async () => {
            await contact.say(notice.text)
          },
          onSent: async () => {
            const ack = await client.api.bot.outbox.ack.$post({ json: { ids: [notice.id] } })
            inFlight.delete(notice.id)
            if (!ack.ok) throw new Error(`HTTP ${ack.status}`)
          },
        })
      }
    } catch (err) {
      log(`取待发通知失败：${err instanceof Error ? err.message : String(err)}`)
    } finally {
      polling = false
    }
  }

  return {
    start() {
      timer ??= setInterval(() => void poll(), intervalMs)
      void poll()
    },
    stop() {
      clearInterval(timer)
      timer = undefined
    },
    poll,
  }
}
