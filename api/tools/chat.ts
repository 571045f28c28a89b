import { localDate } from '../lib/calendar.ts'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { loadConfig } from '../config.ts'
import { loadContent } from '../content/load.ts'
import { buildKnowledge } from '../domain/knowledge.ts'
import { createService } from '../service.ts'
import { createLogger, useLogger } from '../lib/log.ts'
import { lockDataDir } from '../store/lock.ts'
import { inProcessClient } from '../../bot/client.ts'
import { startBot } from '../../bot/wechaty/bot.ts'
import { onMockMessage } from '../../bot/wechaty/mock-events.ts'

/**
 * `npm run chat`: talk to the bot through the real Wechaty pipeline on a simulated WeChat.
 * What you type is said by a mock contact to the bot; what the bot sends back is printed.
 * Reads lines from a terminal or from a pipe (each line waits for the bot's replies before the next).
 */
async function main() {
  const config = loadConfig()
  // The terminal shows the conversation only: the service's log is on only with CHAT_VERBOSE.
  if (!process.env.CHAT_VERBOSE) useLogger(createLogger(undefined, 'silent'))
  const dataDir = process.env.DATA_DIR ? resolve(config.DATA_DIR) : mkdtempSync(join(tmpdir(), 'fupin-chat-'))
  // Like every tool that opens a data directory: never beside a running server on the same files.
  const unlock = lockDataDir(dataDir, '聊天试用')
  process.once('exit', unlock)
  const service = await createService({
    knowledge: buildKnowledge(loadContent(config.CONTENT_DIR, { sourcesDir: config.SOURCES_DIR }), { region: config.REGION }),
    dataDir,
  })
  const quiet = (line: string) => {
    if (process.env.CHAT_VERBOSE) console.error(line)
  }
  const bot = await startBot({
    dayOf: localDate,
    client: inProcessClient(service.app, service.botToken),
    dataDir,
    sendIntervalMs: Number(process.env.CHAT_SEND_INTERVAL_MS ?? 50),
    dailyCap: 10_000,
    log: quiet,
  })
  const mocker = bot.mocker!
  const botUser = mocker.createContact({ name: '扶贫政策助手' })
  mocker.login(botUser)
  const villager = mocker.createContact({ name: '村民' })

  let lastReplyAt = Date.now()
  onMockMessage(villager, (m) => {
    if (m.talker().id !== botUser.id) return // the mock also echoes what the villager said
    lastReplyAt = Date.now()
    console.log(`\n助手：${m.text()}`)
  })
  /** The bot has answered when its queue is empty and nothing new arrived for a moment. */
  const settled = async () => {
    const start = Date.now()
    while (Date.now() - start < 15_000) {
      await new Promise((r) => setTimeout(r, 100))
      if (bot.queue.status().waiting === 0 && Date.now() - lastReplyAt > 600) return
    }
  }

  const interactive = process.stdin.isTTY
  console.log('这是模拟微信里的扶贫政策助手：输入问题后回车，输入“菜单”看功能，按 Ctrl+D 或输入 /exit 退出。')
  const rl = createInterface({ input: process.stdin, terminal: interactive })
  if (interactive) process.stdout.write('\n你：')
  for await (const raw of rl) {
    const line = raw.trim()
    if (line === '/exit') break
    if (!line) continue
    if (!interactive) console.log(`\n你：${line}`)
    lastReplyAt = Date.now()
    villager.say(line).to(botUser)
    await settled()
    if (interactive) process.stdout.write('\n你：')
  }
  await bot.stop()
  process.exit(0)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
