import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { WechatyBuilder, type Wechaty } from 'wechaty'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import type { ApiClient } from '../client.ts'
import type { BotStatus } from '../../api/services/bot-status.ts'
import { SendQueue } from './send-queue.ts'
import { RecentIds } from './recent-ids.ts'
import { messageHandler } from './handler.ts'
import { outboxPoller } from './outbox.ts'

export interface BotOptions {
  /** typed API client holding BOT_TOKEN */
  client: ApiClient
  /** WECHATY_PUPPET; unset → wechaty-puppet-mock (a local, simulated WeChat) */
  puppet?: string | undefined
  /** WECHATY_PUPPET_SERVICE_TOKEN, for wechaty-puppet-service */
  puppetToken?: string | undefined
  /** for the mock puppet: the simulated WeChat (tests and `npm run chat` drive it) */
  mocker?: mock.Mocker
  /** where a real puppet keeps its login session between restarts */
  dataDir: string
  sendIntervalMs: number
  dailyCap: number
  /** the county's calendar day of a moment (api/lib/calendar.ts localDate): when the daily cap resets */
  dayOf: (at: Date) => string
  /** how often to look for notices owed to contacts (report progress, cadre alerts) */
  outboxIntervalMs?: number
  log: (line: string) => void
}

export interface RunningBot {
  wechaty: Wechaty
  mocker: mock.Mocker | undefined
  queue: SendQueue
  /** fetch owed notices now instead of at the next interval (tests) */
  pollOutbox: () => Promise<void>
  stop: () => Promise<void>
}

const MOCK = 'wechaty-puppet-mock'

/** A WeChat contact's conversation id for /api/chat: the id itself when it fits, else a stable hash of it. */
export function sessionOf(contactId: string): string {
  return /^[\w:.@-]{1,77}$/.test(contactId)
    ? `wx-${contactId}`
    : `wx-${createHash('sha256').update(contactId).digest('base64url').slice(0, 40)}`
}

/** The API keys the bot's conversations "wx:<session>"; hashed ids are found from those seen since start. */
function contactDirectory() {
  const hashed = new Map<string, string>()
  return {
    sessionOf(contactId: string) {
      const session = sessionOf(contactId)
      if (session !== `wx-${contactId}`) hashed.set(session, contactId)
      return session
    },
    contactOf(key: string) {
      const session = key.replace(/^wx:/, '')
      return hashed.get(session) ?? (session.startsWith('wx-') ? session.slice(3) : undefined)
    },
  }
}

function build(options: BotOptions): { wechaty: Wechaty; mocker: mock.Mocker | undefined; puppetName: string } {
  if (!options.puppet || options.puppet === MOCK) {
    const mocker = options.mocker ?? new mock.Mocker()
    return { wechaty: WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) }), mocker, puppetName: MOCK }
  }
  const wechaty = WechatyBuilder.build({
    // Wechaty keeps its session in <name>.memory-card.json: under DATA_DIR, not in the working directory.
    name: join(options.dataDir, 'wechaty'),
    puppet: options.puppet as never,
    ...(options.puppetToken ? { puppetOptions: { token: options.puppetToken } } : {}),
  })
  return { wechaty, mocker: undefined, puppetName: options.puppet }
}

/** Starts Wechaty, wires messages to the chat API and every reply through one send queue. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { client, log } = options
  const { wechaty, mocker, puppetName } = build(options)
  const queue = new SendQueue({ intervalMs: options.sendIntervalMs, dailyCap: options.dailyCap, dayOf: options.dayOf, maxAttempts: 3, log })
  let state: BotStatus['state'] = 'starting'
  let user: string | null = null
  let qrcode: string | null = null
  const contacts = contactDirectory()
  const outbox = outboxPoller({
    client,
    wechaty,
    queue,
    contactOf: contacts.contactOf,
    intervalMs: options.outboxIntervalMs ?? 3000,
    log,
  })

  const report = async () => {
    const res = await client.api.bot.status.$post({ json: { state, puppet: puppetName, user, qrcode, queue: queue.status() } })
    if (!res.ok) log(`上报机器人状态失败：HTTP ${res.status}`)
  }
  const reportQuietly = () => void report().catch((err) => log(`上报机器人状态失败：${String(err)}`))

  wechaty
    .on('scan', (code, status) => {
      state = 'scanning'
      qrcode = `https://wechaty.js.org/qrcode/${encodeURIComponent(code)}`
      log(`请用微信扫码登录（状态 ${status}）：${qrcode}`)
      reportQuietly()
    })
    .on('login', (contact) => {
      state = 'logged_in'
      user = contact.name()
      qrcode = null
      log(`微信已登录：${user}`)
      queue.resume()
      outbox.start()
      reportQuietly()
    })
    .on('logout', (contact, reason) => {
      state = 'logged_out'
      log(`微信已退出登录：${contact.name()}${reason ? `（${reason}）` : ''}；待发消息 ${queue.status().waiting} 条会在重新登录后发送`)
      queue.pause()
      outbox.stop()
      reportQuietly()
    })
    .on('error', (err) => log(`微信出错：${err.message}`))
    .on(
      'message',
      messageHandler({
        queue,
        seen: new RecentIds(),
        log,
        chat: async (contactId, text, inRoom) => {
          const json = { session: contacts.sessionOf(contactId), text: text.slice(0, 20_000), ...(inRoom ? { room: true } : {}) }
          const res = await client.api.chat.$post({ json })
          if (!res.ok) throw new Error(`对话接口返回 HTTP ${res.status}`)
          return (await res.json()).replies
        },
      }),
    )

  if (puppetName === MOCK) log('未设置 WECHATY_PUPPET：使用模拟微信（wechaty-puppet-mock），不会连接真实微信。')
  await wechaty.start()
  reportQuietly()

  return {
    wechaty,
    mocker,
    queue,
    pollOutbox: outbox.poll,
    async stop() {
      outbox.stop()
      queue.pause()
      state = 'stopped'
      await report().catch(() => undefined)
      await wechaty.stop()
    },
  }
}
