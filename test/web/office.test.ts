import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { serve, type ServerType } from '@hono/node-server'
import { ROOT } from '../../api/config.ts'
import { testApp, ADMIN_TOKEN } from '../support/app.ts'
import { seedHouseholds } from '../support/households.ts'
import { launchChromium } from '../support/chromium.ts'
import type { OfficeSummary } from '../../api/domain/office/summary.ts'

/**
 * The 工作台 (#/office) in Chromium, on a phone and on a desktop: the charts are drawn (SVG), the numbers
 * under each chart are the API's, and on a desktop the three things a meeting starts from — overdue
 * reports, alerts by village, visits behind — are on screen without scrolling. Screenshots go to
 * test-artifacts/screens/.
 */
const SCREENS = join(ROOT, 'test-artifacts', 'screens')
const SLOW = 60_000
let browser: Browser
let server: ServerType
let base: string
let tokens: Record<string, string>
let service: Awaited<ReturnType<typeof testApp>>
let clock = new Date('2026-11-02T02:00:00Z')

const post = (url: string, body: unknown, token?: string) =>
  service.app.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'web/dist/app.js'))) throw new Error('网页还没有构建：npm test 会先运行 npm run build:web。')
  service = await testApp(undefined, () => clock, { rateLimits: false })
  tokens = await seedHouseholds(service)
  // two weeks of a small county: reports in both towns, one left untouched (overdue), visits, questions
  for (const [town, village, category] of [
    ['东山镇', '东山村', '住房安全'],
    ['东山镇', '桃园村', '饮水安全'],
    ['西河乡', '西河村', '住房安全'],
  ]) {
    const { ticket } = (await (
      await post('/api/reports', { category, description: '房子漏雨没人管', place: { town, village } })
    ).json()) as {
      ticket: string
    }
    if (village !== '桃园村') await post(`/api/reports/${ticket}/actions`, { action: 'accept', assignee: 'county-fupinban' }, ADMIN_TOKEN)
  }
  clock = new Date('2026-11-09T02:00:00Z')
  await post('/api/households/TY-0001/visits', { note: '了解生产生活情况' }, tokens['BF-B'])
  for (const q of ['孩子上高职有补助吗', '明天天气怎么样', '明天天气咋样']) await service.app.request(`/api/ask?q=${encodeURIComponent(q)}`)

  server = serve({ fetch: service.app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await launchChromium()
  mkdirSync(SCREENS, { recursive: true })
}, SLOW)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
})

async function open(viewport: { width: number; height: number }, token: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('blob:')) problems.push(`outside: ${r.url()}`)
  })
  await page.addInitScript((t) => localStorage.setItem('fupin.cadreToken', t), token)
  await page.goto(`${base}/#/office`)
  await page.locator('.plot svg').first().waitFor({ timeout: 30_000 })
  return { page, problems }
}

const summary = async (token: string) =>
  (await (await service.app.request('/api/office/summary', { headers: { authorization: `Bearer ${token}` } })).json()) as OfficeSummary

/** The rows of the table under a chart, by the chart's title. */
const tableOf = (page: Page, title: string) =>
  page
    .locator('figure.chart', { has: page.locator('figcaption', { hasText: title }) })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')))

describe('the 工作台 page', () => {
  it(
    'on a desktop: overdue reports, alerts by village and visits behind without scrolling; charts drawn; numbers the API’s',
    async () => {
      const { page, problems } = await open({ width: 1280, height: 800 }, ADMIN_TOKEN)
      const api = await summary(ADMIN_TOKEN)
      for (const heading of ['超期问题', '预警最多的村', '走访落后的干部']) {
        const box = await page.locator('.glance .card', { has: page.locator('h3', { hasText: heading }) }).boundingBox()
        expect(box, heading).not.toBeNull()
        expect(box!.y + box!.height, `${heading} is on the first screen`).toBeLessThanOrEqual(800)
      }
      expect(await page.locator('.kpi.alarm .big').textContent()).toBe(`${api.reports.overdueCount} 件`)
      expect(api.reports.overdueCount).toBe(1)
      // every chart with data is drawn as SVG with shapes in it
      const plots = await page.locator('.plot').count()
      expect(plots).toBeGreaterThanOrEqual(6)
      await expect.poll(() => page.locator('.plot svg path').count()).toBeGreaterThan(plots)
      expect(await tableOf(page, '各乡镇')).toEqual(
        api.reports.byTown.map((t) => [t.town, String(t.filed), String(t.open), String(t.overdue)]),
      )
      expect(await tableOf(page, '走访完成率')).toEqual(
        api.households.visits.map((v) => [
          v.name,
          v.town,
          String(v.households),
          String(v.reached),
          v.rate === null ? '—' : `${Math.round(v.rate * 1000) / 10}%`,
        ]),
      )
      expect(await page.locator('.gaps li').first().textContent()).toContain('天气')
      await page.screenshot({ path: join(SCREENS, 'office-1280.png'), fullPage: false })
      expect(problems).toEqual([])
      await page.close()
    },
    SLOW,
  )

  it(
    'on a phone: one column, nothing wider than the screen; a 乡镇 sees its own town',
    async () => {
      const { page, problems } = await open({ width: 360, height: 740 }, tokens['ZG-DS']!)
      expect(await page.locator('.office > p.muted').first().textContent()).toContain('东山镇')
      const widest = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(widest).toBeLessThanOrEqual(360)
      const towns = await tableOf(page, '各乡镇')
      expect(towns.map((r) => r[0])).toEqual(['东山镇'])
      await page.screenshot({ path: join(SCREENS, 'office-360.png'), fullPage: true })
      expect(problems).toEqual([])
      await page.close()
    },
    SLOW,
  )

  it(
    'a 帮扶责任人 is told the page is not theirs',
    async () => {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
      await page.addInitScript((t) => localStorage.setItem('fupin.cadreToken', t), tokens['BF-A']!)
      await page.goto(`${base}/#/office`)
      await expect.poll(() => page.locator('.error').textContent()).toContain('只有县扶贫办、乡镇扶贫专干和第一书记可以看工作台')
      expect(await page.locator('.plot').count()).toBe(0)
      await page.close()
    },
    SLOW,
  )
})
