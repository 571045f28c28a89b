import { localDate } from '../api/lib/calendar.ts'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WechatyBuilder } from 'wechaty'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import { loadConfig } from '../api/config.ts'
import { loadContent } from '../api/content/load.ts'
import { buildKnowledge } from '../api/domain/knowledge.ts'
import { createService } from '../api/service.ts'
import { inProcessClient } from '../bot/client.ts'
import { startBot } from '../bot/wechaty/bot.ts'
import { onMockMessage } from '../bot/wechaty/mock-events.ts'
import { median, type BenchRow } from './row.ts'

const MESSAGES = 300
const QUESTIONS = ['孩子上高职有补助吗', '低保怎么申请', '危房改造找谁', '看病住院能报销多少', '菜单']

const CONTACTS = 10

/**
 * CONTACTS villagers send MESSAGES texts between them, all at once. Timed until the last reply: once at
 * least one reply per message has come and nothing more arrives for a moment (ours may answer one
 * question in two or three messages; the quiet moment is not counted).
 */
async function throughput(mocker: mock.Mocker, botUser: mock.ContactMock): Promise<number> {
  const people = Array.from({ length: CONTACTS }, (_, i) => mocker.createContact({ name: `村民${i}-${Math.random()}` }))
  let replies = 0
  let lastReplyAt = 0
  for (const person of people) {
    onMockMessage(person, (m) => {
      if (m.talker().id !== botUser.id) return
      replies += 1
      lastReplyAt = performance.now()
    })
  }
  const start = performance.now()
  for (let i = 0; i < MESSAGES / CONTACTS; i++) {
    for (const person of people) person.say(QUESTIONS[i % QUESTIONS.length]!).to(botUser)
  }
  while (replies < MESSAGES || performance.now() - lastReplyAt < 300) await new Promise((r) => setTimeout(r, 20))
  return MESSAGES / ((lastReplyAt - start) / 1000)
}

/**
 * Messages per second through wechaty-puppet-mock: our bot (dedupe, chat engine, send queue with no
 * spacing) against an echo bot on the same kind of mock in the same run. Counted until each message
 * has at least one reply (ours may send two or three for one question).
 */
export default async function (): Promise<BenchRow[]> {
  const echoMocker = new mock.Mocker()
  const echo = WechatyBuilder.build({ puppet: new PuppetMock({ mocker: echoMocker }) })
  echo.on('message', async (m) => {
    if (!m.self()) await m.say(m.text())
  })
  await echo.start()
  const echoUser = echoMocker.createContact({ name: '回声' })
  echoMocker.login(echoUser)

  const dir = mkdtempSync(join(tmpdir(), 'bench-bot-'))
  const service = await createService({
    knowledge: buildKnowledge(loadContent(loadConfig().CONTENT_DIR)),
    dataDir: dir,
    botToken: 'bench-bot-token-0123456789',
    rateLimits: false,
  })
  const bot = await startBot({
    dayOf: localDate,
    client: inProcessClient(service.app, 'bench-bot-token-0123456789'),
    dataDir: dir,
    sendIntervalMs: 0,
    dailyCap: 1_000_000,
    log: () => {},
  })
  const botUser = bot.mocker!.createContact({ name: '扶贫助手' })
  bot.mocker!.login(botUser)

  const RUNS = 3
  const echoRates: number[] = []
  const ourRates: number[] = []
  for (let i = 0; i < RUNS; i++) {
    echoRates.push(await throughput(echoMocker, echoUser))
    ourRates.push(await throughput(bot.mocker!, botUser))
  }
  await bot.stop()
  await echo.stop()
  await service.close()
  rmSync(dir, { recursive: true, force: true })
  const e = median(echoRates)
  const o = median(ourRates)
  return [
    { name: '回声机器人（基准，同一种模拟微信）', value: Math.round(e), unit: '条/秒', note: `${MESSAGES} 条，${RUNS} 轮中位数` },
    {
      name: '扶贫政策助手机器人',
      value: Math.round(o),
      unit: '条/秒',
      note: `${CONTACTS} 个联系人同时发，问政策和菜单混合，到最后一条回复为止`,
    },
    { name: '助手 ÷ 回声', value: Math.round((o / e) * 100) / 100, unit: '倍', goal: '≥ 0.5', ok: o / e >= 0.5 },
  ]
}
