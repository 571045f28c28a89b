import { localDate } from '../../api/lib/calendar.ts'
import type { mock } from 'wechaty-puppet-mock'
import { inProcessClient } from '../../bot/client.ts'
import { startBot, type RunningBot } from '../../bot/wechaty/bot.ts'
import { onMockMessage } from '../../bot/wechaty/mock-events.ts'
import { BOT_TOKEN, tempDir, testApp } from './app.ts'

/**
 * Waits until the bot has nothing queued and no message arrived for a moment — and, when a reply is
 * expected, until it has come: on a loaded machine the first answer can take longer than the quiet window.
 */
async function settle(bot: RunningBot, lastAt: () => number, replied: () => boolean = () => true, quietMs = 120, limitMs = 10_000) {
  const start = Date.now()
  while (Date.now() - start < limitMs) {
    await new Promise((r) => setTimeout(r, 20))
    if (replied() && bot.queue.status().waiting === 0 && Date.now() - lastAt() > quietMs) return
  }
  throw new Error('the bot did not settle')
}

/**
 * The real Wechaty pipeline on wechaty-puppet-mock over a test app: people say things to the bot
 * and collect what the bot sends them.
 */
export async function mockWeChat(options: { dataDir?: string; log?: (line: string) => void } = {}) {
  const dataDir = options.dataDir ?? tempDir()
  const service = await testApp(dataDir)
  const logs: string[] = []
  const bot = await startBot({
    dayOf: localDate,
    client: inProcessClient(service.app, BOT_TOKEN),
    dataDir,
    sendIntervalMs: 0,
    dailyCap: 10_000,
    log: options.log ?? ((line) => logs.push(line)),
  })
  const mocker = bot.mocker!
  const botUser = mocker.createContact({ name: '扶贫助手' })
  mocker.login(botUser)
  let lastAt = Date.now()

  /** A WeChat user: `say` sends a text to the bot and resolves with the bot's replies to them. */
  function person(name: string, contact: mock.ContactMock = mocker.createContact({ name })) {
    const inbox: string[] = []
    onMockMessage(contact, (m) => {
      if (m.talker().id !== botUser.id || m.room()) return
      lastAt = Date.now()
      inbox.push(m.text() ?? '')
    })
    return {
      contact,
      inbox,
      async say(text: string): Promise<string[]> {
        const before = inbox.length
        lastAt = Date.now()
        contact.say(text).to(botUser)
        await settle(
          bot,
          () => lastAt,
          () => inbox.length > before,
        )
        return inbox.slice(before)
      },
    }
  }

  /** A group chat with the bot and these people; `said` collects what the bot says in it. */
  function room(topic: string, members: mock.ContactMock[]) {
    const r = mocker.createRoom({ id: `${topic}@chatroom`, topic, memberIdList: [botUser.id, ...members.map((m) => m.id)] })
    const said: string[] = []
    onMockMessage(r, (m) => {
      if (m.talker().id !== botUser.id) return
      lastAt = Date.now()
      said.push(m.text() ?? '')
    })
    return {
      said,
      async say(from: mock.ContactMock, text: string, mentionBot: boolean): Promise<string[]> {
        const before = said.length
        lastAt = Date.now()
        from.say(mentionBot ? `@${botUser.payload.name} ${text}` : text, mentionBot ? [botUser] : []).to(r)
        await settle(
          bot,
          () => lastAt,
          () => !mentionBot || said.length > before,
        )
        return said.slice(before)
      },
    }
  }

  return {
    service,
    bot,
    mocker,
    botUser,
    dataDir,
    logs,
    person,
    room,
    /** Waits for quiet; `replied` first, when the test sends events itself and expects an answer. */
    settle: (replied?: () => boolean, quietMs?: number) => settle(bot, () => lastAt, replied, quietMs),
    stop: () => bot.stop(),
  }
}
