import { localDate } from './lib/calendar.ts'
import { existsSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { serve } from '@hono/node-server'
import type { Server } from 'node:http'
import { answerClientErrors } from './http/client-errors.ts'
import { loadConfig } from './config.ts'
import { maskPersonalData } from './domain/privacy/mask.ts'
import { log } from './lib/log.ts'
import { loadContent } from './content/load.ts'
import { buildKnowledge } from './domain/knowledge.ts'
import { createService } from './service.ts'
import { followUp } from './services/report-followup.ts'
import { alertDigest, digestDue } from './services/alert-digest.ts'
import { loadDemoData } from './services/demo-data.ts'
import { lockDataDir } from './store/lock.ts'
import { startPushLoop } from './services/miniprogram.ts'
import { connectWechat } from './wechat/connect.ts'
import { startFakeWechat, type FakeWechat } from './wechat/fake-server.ts'
import { inProcessClient } from '../bot/client.ts'
import { startBot, type RunningBot } from '../bot/wechaty/bot.ts'

/** Starts the whole service: the API, and the WeChat bot beside it (on the simulated WeChat unless configured). */
async function main() {
  const config = loadConfig()
  const knowledge = buildKnowledge(loadContent(config.CONTENT_DIR, { sourcesDir: config.SOURCES_DIR }), { region: config.REGION })
  const dataDir = resolve(config.DATA_DIR)
  const unlock = lockDataDir(dataDir, '运行服务')
  process.once('exit', unlock)
  const fresh = !existsSync(join(dataDir, 'households.jsonl')) && !existsSync(join(dataDir, 'households.json'))
  if (fresh && config.DEMO_HOUSEHOLDS > 0) {
    const loaded = await loadDemoData(dataDir, knowledge.towns, config.DEMO_HOUSEHOLDS, 20201231)
    log(
      `数据目录是空的：已载入演示住户 ${loaded.households} 户、干部 ${loaded.cadres} 人（姓名和身份证号都是虚构的）。正式使用请 npm run import 导入台账。`,
    )
  }
  // Without an AppID the mini-program signs in and gets its pushes from a fake WeChat on loopback.
  let fakeWechat: FakeWechat | undefined
  if (!config.WX_APPID) fakeWechat = await startFakeWechat({ appId: 'wx-demo-appid', secret: 'wx-demo-secret' })
  const wechat = connectWechat(
    {
      baseUrl: fakeWechat?.url ?? config.WX_API_BASE,
      appId: config.WX_APPID ?? 'wx-demo-appid',
      secret: config.WX_SECRET ?? 'wx-demo-secret',
      push: {
        templates: {
          status: { id: config.WX_TEMPLATE_STATUS, fields: config.WX_STATUS_FIELDS },
          cadre: { id: config.WX_TEMPLATE_CADRE, fields: config.WX_CADRE_FIELDS },
        },
        page: config.WX_PAGE,
        state: fakeWechat ? 'developer' : config.WX_STATE,
      },
    },
    () => new Date(),
  )
  const service = await createService({
    wechat,
    knowledge,
    dataDir,
    adminToken: config.ADMIN_TOKEN,
    botToken: config.BOT_TOKEN,
    deadlines: { acceptDays: config.REPORT_ACCEPT_DAYS, resolveDays: config.REPORT_RESOLVE_DAYS },
    visitGapDays: config.VISIT_GAP_DAYS,
    rateLimits: config.RATE_LIMITS === 'on',
    trustProxy: config.TRUST_PROXY,
  })
  // Secrets go to owner-only files in the data directory; the terminal (whose output ends up in logs)
  // shows them only for a demo on one's own machine (DEMO=on).
  const banner: string[] = []
  const secret = (what: string, value: string, file: string) =>
    banner.push(config.DEMO === 'on' ? `  ${what}：${value}（也保存在 ${file}）` : `  ${what}：见 ${file}（只有运行服务的用户能读）`)
  if (!config.ADMIN_TOKEN) {
    const file = join(dataDir, 'admin-token.txt')
    writeFileSync(file, `${service.adminToken}\n`, { mode: 0o600 })
    secret('管理员令牌（本次随机生成）', service.adminToken, file)
  }
  if (fresh && config.DEMO_HOUSEHOLDS > 0) {
    const demo = service.stores.cadres.all().find((c) => c.role === '帮扶责任人')
    if (demo) {
      const token = await service.stores.access.issueCadreToken(demo.id)
      const { code } = await service.stores.access.issueBindingCode(demo.id, service.deps.now())
      const file = join(dataDir, 'demo-cadre.txt')
      const text = `演示干部 ${demo.town}${demo.role}${demo.name}（${demo.id}）\n令牌：${token}\n绑定码：${code}（干部页面或微信里“绑定 ${code}”，用一次就作废）\n`
      writeFileSync(file, text, { mode: 0o600 })
      secret(`演示干部 ${demo.name}（${demo.id}）的令牌和绑定码`, `令牌 ${token}；绑定码 ${code}`, file)
    }
  }

  const server = serve({ fetch: service.app.fetch, port: config.PORT, hostname: config.HOST })
  answerClientErrors(server as Server)
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const url = `http://${config.HOST}:${(server.address() as AddressInfo).port}`

  let bot: RunningBot | undefined
  if (config.BOT === 'on') {
    bot = await startBot({
      dayOf: localDate,
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

  // Time moves reports on (feedback questions, 7-day 销号, overdue reminders) even when no one calls,
  // and the cadres' daily 返贫监测 digest goes out once a day after 8:00.
  const FOLLOW_UP_MS = 10 * 60 * 1000
  const followUpTimer = setInterval(() => {
    const at = new Date()
    followUp(service.deps, at).catch((err) => log(`到期处理出错：${String(err)}`))
    if (digestDue(service.deps, at)) alertDigest(service.deps, at).catch((err) => log(`推送预警出错：${String(err)}`))
  }, FOLLOW_UP_MS)
  followUpTimer.unref()
  const stopPushes = startPushLoop(service.deps, log)

  // Printed last, on stdout, as plain lines: what a person needs to start using the service.
  console.log(
    [
      '',
      `扶贫政策助手已启动：${url}`,
      `  手机网页：${url}/    接口文档：${url}/docs`,
      `  知识库 ${knowledge.policies.length} 条；数据目录 ${dataDir}`,
      ...banner,
      `  小程序：${fakeWechat ? `未设置 WX_APPID，登录和订阅消息用本机的模拟微信 ${fakeWechat.url}（发出的消息见 ${fakeWechat.url}/fake/sent）` : `AppID ${config.WX_APPID}`}`,
      `  微信机器人：${config.BOT === 'on' ? (config.WECHATY_PUPPET ? config.WECHATY_PUPPET : '模拟微信（另开终端 npm run chat 可以聊天试用）') : '未启动（BOT=off）'}`,
      '  日志写在标准错误输出（LOG_LEVEL=debug 看得更细）；按 Ctrl+C 停止。',
      '',
    ].join('\n'),
  )

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log(`收到 ${signal}，正在停止…`)
    clearInterval(followUpTimer)
    stopPushes()
    await bot?.stop().catch((err) => log(`停止机器人出错：${String(err)}`))
    await service.close().catch((err) => log(`关闭数据文件出错：${String(err)}`))
    await fakeWechat?.close()
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 5000).unref()
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((err) => {
  console.error(maskPersonalData(err instanceof Error ? err.message : String(err)))
  process.exit(1)
})
