import { resolve } from 'node:path'
import { serve } from '@hono/node-server'
import { loadConfig } from './config.ts'
import { loadContent } from './content/load.ts'
import { buildKnowledge } from './knowledge.ts'
import { createService } from './service.ts'
import { followUp } from './report-followup.ts'
import { inProcessClient } from '../bot/client.ts'
import { startBot, type RunningBot } from '../bot/wechaty/bot.ts'

const log = (line: string) => console.log(`[${new Date().toISOString()}] ${line}`)

/** Starts the whole service: the API, and the WeChat bot beside it (on the simulated WeChat unless configured). */
async function main() {
  const config = loadConfig()
  const knowledge = buildKnowledge(loadContent(config.CONTENT_DIR), { region: config.REGION })
  const dataDir = resolve(config.DATA_DIR)
  const service = await createService({
    knowledge, dataDir, adminToken: config.ADMIN_TOKEN, botToken: config.BOT_TOKEN,
    deadlines: { acceptDays: config.REPORT_ACCEPT_DAYS, resolveDays: config.REPORT_RESOLVE_DAYS },
  })
  if (!config.ADMIN_TOKEN) log(`未设置 ADMIN_TOKEN，本次随机生成的管理员令牌：${service.adminToken}`)

  const server = serve({ fetch: service.app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    log(`扶贫政策助手已启动：http://${config.HOST}:${info.port}  （知识库 ${knowledge.policies.length} 条，数据目录 ${dataDir}）`)
  })

  let bot: RunningBot | undefined
  if (config.BOT === 'on') {
    bot = await startBot({
      client: inProcessClient(service.app, service.botToken),
      puppet: config.WECHATY_PUPPET,
      puppetToken: config.WECHATY_PUPPET_SERVICE_TOKEN,
      dataDir,
      sendIntervalMs: config.SEND_INTERVAL_MS,
      dailyCap: config.SEND_DAILY_CAP,
      log,
    })
    // The simulated WeChat has no QR code to scan: log its bot account in so the pipeline is live.
    bot.mocker?.login(bot.mocker.createContact({ name: '扶贫政策助手（模拟微信）' }))
  }

  // Time moves reports on (feedback questions, 7-day 销号, overdue reminders) even when no one calls.
  const FOLLOW_UP_MS = 10 * 60 * 1000
  const followUpTimer = setInterval(() => {
    followUp(service.deps, new Date()).catch((err) => log(`到期处理出错：${String(err)}`))
  }, FOLLOW_UP_MS)
  followUpTimer.unref()

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log(`收到 ${signal}，正在停止…`)
    clearInterval(followUpTimer)
    await bot?.stop().catch((err) => log(`停止机器人出错：${String(err)}`))
    await service.stores.reports.close().catch((err) => log(`关闭问题台账出错：${String(err)}`))
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 5000).unref()
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
