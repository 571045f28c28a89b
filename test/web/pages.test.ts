import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { serve, type ServerType } from '@hono/node-server'
import { ROOT } from '../../api/config.ts'
import { testApp } from '../support/app.ts'
import { seedHouseholds, UNMASKED } from '../support/households.ts'
import { CHROMIUM } from '../support/chromium.ts'

const SCREENS = join(ROOT, 'test-artifacts', 'screens')
const PHONE = { width: 360, height: 740 }

let browser: Browser
let server: ServerType
let base: string
let tokens: Record<string, string>

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`没有找到 ${CHROMIUM}：npm test 会先安装 chromium 和中文字体（test/support/browser-prereqs.ts）。`)
  if (!existsSync(join(ROOT, 'web/dist/app.js'))) throw new Error('网页还没有构建：npm test 会先运行 npm run build:web。')
  const service = await testApp()
  tokens = await seedHouseholds(service)
  server = serve({ fetch: service.app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  })
  mkdirSync(SCREENS, { recursive: true })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
})

async function phone(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 2, locale: 'zh-CN' })
  const external: string[] = []
  page.on('request', (r) => { if (!r.url().startsWith(base)) external.push(r.url()) })
  page.on('close', () => expect(external, 'the pages load nothing from outside this server').toEqual([]))
  await page.goto(`${base}/${path}`)
  return page
}

/** Fits a 360px screen with readable type: no sideways scrolling, body text at least 16px. */
async function expectPhoneSized(page: Page, name: string) {
  const { scrollWidth, fontSize } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, fontSize: parseFloat(getComputedStyle(document.body).fontSize) }))
  expect(scrollWidth).toBeLessThanOrEqual(PHONE.width)
  expect(fontSize).toBeGreaterThanOrEqual(16)
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true })
}

describe('the mobile pages in Chromium at 360×740', () => {
  it('问政策: asking about 高职 shows 雨露计划 3000元 with its source and a number to call', async () => {
    const page = await phone('#/ask')
    await page.getByLabel('您想问什么？').fill('孩子上高职有补助吗')
    await page.getByRole('button', { name: '问一问' }).click()
    const answer = page.locator('article')
    await expect.poll(() => answer.textContent(), { timeout: 10_000 }).toContain('雨露计划')
    expect(await answer.textContent()).toContain('3000元')
    expect(await answer.textContent()).toMatch(/出处[\s\S]*《/)
    await expectPhoneSized(page, 'ask')
    await page.close()
  })

  it('问政策: a source from the Traditional, badly copied seed is shown as readable Simplified text', async () => {
    const page = await phone('#/ask')
    await page.getByLabel('您想问什么？').fill('孩子考上大学有补助吗')
    await page.getByRole('button', { name: '问一问' }).click()
    const answer = page.locator('article')
    await expect.poll(() => answer.textContent(), { timeout: 10_000 }).toContain('考入全日制本…补助4万元和3万元')
    const quotes = await page.locator('article .quote').allTextContents()
    expect(quotes.length).toBeGreaterThan(0)
    for (const q of quotes) expect(q).not.toMatch(/\?|[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]|[貧農戶補萬]/u)
    await page.close()
  })

  it('政策自测: answering step by step ends with what the family can get', async () => {
    const page = await phone('#/check')
    await page.getByLabel('建档立卡贫困户').check()
    await page.getByRole('button', { name: '下一步' }).click()
    await page.getByLabel('家里几口人？（人）').fill('3')
    await page.getByRole('button', { name: '下一步' }).click()
    await page.getByLabel('全家一年大概收入多少元？（元）').fill('12000')
    await page.getByRole('button', { name: '下一步' }).click()
    await page.getByRole('button', { name: '＋ 添加一个上学的孩子' }).click()
    await page.getByLabel('第 1 个孩子上什么学').selectOption('高职')
    for (let i = 0; i < 7; i++) await page.getByRole('button', { name: '跳过' }).click()
    await page.getByRole('button', { name: '看结果' }).click()
    await expect.poll(() => page.locator('main').textContent(), { timeout: 10_000 }).toContain('监测分类')
    const text = await page.locator('main').textContent()
    expect(text).toContain('雨露计划')
    expect(text).toMatch(/符合|可能符合/)
    await expectPhoneSized(page, 'check')
    await page.close()
  })

  it('我要反映 → 查进度: an anonymous report is found with its code; a wrong code shows an error', async () => {
    const page = await phone('#/report')
    await page.getByLabel('问题类别').selectOption('饮水安全')
    await page.getByLabel('发生了什么').fill('村里自来水停了三天，没人来修')
    await expect.poll(() => page.locator('#town option').count()).toBeGreaterThan(1)
    await page.getByLabel('乡镇').selectOption('东山镇')
    await page.getByLabel('村（可以不选）').selectOption('东山村')
    expect(await page.getByLabel('匿名反映').isChecked()).toBe(true)
    await page.getByRole('button', { name: '提交' }).click()
    const ticket = (await page.getByTestId('ticket').textContent({ timeout: 10_000 }))!
    const code = (await page.getByTestId('code').textContent())!
    expect(ticket).toMatch(/^FK-\d{4}-\d{6}$/)
    await expectPhoneSized(page, 'report')

    await page.getByRole('link', { name: '去查进度' }).click()
    await page.getByLabel('查询码').fill('WRONG234')
    await page.getByRole('button', { name: '查一查' }).click()
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/没有找到这个编号，或者查询码不对/)
    await page.getByLabel('查询码').fill(code)
    await page.getByRole('button', { name: '查一查' }).click()
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 10_000 }).toBe('待受理')
    expect(await page.locator('main').textContent()).toContain(ticket)
    await expectPhoneSized(page, 'track')
    await page.close()
  })

  it('干部: a cadre signs in and sees only their households, masked, and logs a visit', async () => {
    const page = await phone('#/cadre')
    await page.getByLabel('干部令牌').fill(tokens['BF-A']!)
    await page.getByRole('button', { name: '登录' }).click()
    const list = page.getByTestId('households')
    await expect.poll(() => list.textContent(), { timeout: 10_000 }).toContain('DS-0001')
    expect(await list.textContent()).toContain('DS-0002')
    expect(await list.textContent()).not.toContain('TY-0001')
    await expectPhoneSized(page, 'cadre')
    await page.getByRole('button', { name: '张三户 DS-0001' }).click()
    await expect.poll(() => page.getByTestId('id-number').textContent(), { timeout: 10_000 }).toBe('3301**********1234')
    await page.getByLabel('记一次走访').fill('入户了解孩子住院和收入情况')
    await page.getByRole('button', { name: '保存走访' }).click()
    await expect.poll(() => page.getByRole('status').last().textContent(), { timeout: 10_000 }).toMatch(/已记录 .* 的走访，今年第 1 次/)
    expect(UNMASKED.test((await page.locator('main').textContent())!)).toBe(false)
    await expectPhoneSized(page, 'cadre-household')
    await page.close()
  })

  it('干部: a wrong token is refused with a message, and nothing is listed', async () => {
    const page = await phone('#/cadre')
    await page.getByLabel('干部令牌').fill('not-a-real-token-000000000')
    await page.getByRole('button', { name: '登录' }).click()
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/令牌不正确/)
    expect(await page.getByTestId('households').count()).toBe(0)
    await page.close()
  })

  it('联系人 and 聊天 work at phone size', async () => {
    const contacts = await phone('#/contacts')
    await expect.poll(() => contacts.locator('main').textContent(), { timeout: 10_000 }).toContain('扶贫办')
    await expectPhoneSized(contacts, 'contacts')
    await contacts.close()

    const chat = await phone('#/chat')
    await expect.poll(() => chat.getByRole('log').textContent(), { timeout: 10_000 }).toContain('政策自测')
    await chat.getByLabel('输入消息').fill('低保怎么申请')
    await chat.getByRole('button', { name: '发送' }).click()
    await expect.poll(() => chat.locator('.bubble.bot').count(), { timeout: 10_000 }).toBeGreaterThan(1)
    await expectPhoneSized(chat, 'chat')
    await chat.close()
  })
})
