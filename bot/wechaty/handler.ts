import { types, type Message } from 'wechaty'
import type { SendQueue } from './send-queue.ts'
import type { RecentIds } from './recent-ids.ts'

export interface HandlerDeps {
  /** one conversation turn through the API: the contact id, the text, and whether it was said in a group → replies */
  chat: (contactId: string, text: string, inRoom: boolean) => Promise<string[]>
  queue: SendQueue
  seen: RecentIds
  log: (line: string) => void
}

/** WeChat redelivers old messages after a re-login; answering them hours later would confuse people. */
const MAX_AGE_SECONDS = 10 * 60

const TEXT_ONLY = '我目前只能读文字消息，暂时看不了图片、语音和文件。请把问题用文字打出来，比如“低保怎么申请”。'
const UNAVAILABLE = '服务暂时出了点问题，请稍后再问。着急的话可以回复“菜单”查看联系电话。'

/** Who the bot answers, and how: one readable handler, in the order WeChat's quirks demand. */
export function messageHandler({ chat, queue, seen, log }: HandlerDeps) {
  return async (msg: Message): Promise<void> => {
    if (msg.self()) return
    if (!seen.add(msg.id)) return
    if (msg.age() > MAX_AGE_SECONDS) return
    const talker = msg.talker()
    if (talker.type() === types.Contact.Official) return

    const room = msg.room()
    // In a group the bot speaks only when spoken to.
    if (room && !(await msg.mentionSelf())) return
    const label = room ? `群聊 ${room.id} 中的 ${talker.id}` : `联系人 ${talker.id}`
    const reply = (text: string) =>
      queue.enqueue({
        label,
        text,
        send: async () => {
          if (room) await room.say(text, talker)
          else await talker.say(text)
        },
      })

    if (msg.type() !== types.Message.Text) {
      if (!room) reply(TEXT_ONLY)
      return
    }
    const text = room ? await msg.mentionText() : msg.text()
    try {
      for (const r of await chat(talker.id, text, room !== undefined)) reply(r)
    } catch (err) {
      log(`处理 ${label} 的消息失败：${err instanceof Error ? err.message : String(err)}`)
      reply(UNAVAILABLE)
    }
  }
}
