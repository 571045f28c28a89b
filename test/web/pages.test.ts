import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { serve, type ServerType } from '@hono/node-server'
import { ROOT } from '../../api/config.ts'
import { testApp, asAdmin, ADMIN_TOKEN } from '../support/app.ts'
import { HOUSEHOLDS, seedHouseholds, UNMASKED } from '../support/households.ts'
import { launchChromium } from '../support/chromium.ts'

const SCREENS = join(ROOT, 'test-artifacts', 'screens')
const PHONE = { width: 360, height: 740 }
/** The phone is set to a zone far from China: times must still be the county's (Asia/Shanghai). */
const PHONE_ZONE = 'America/Los_Angeles'

let browser: Browser
let server: ServerType
let base: string
let tokens: Record<string, string>
let service: Awaited<ReturnType<typeof testApp>>
/** The injected clock: 2026-03-10 16:30 UTC is 2026-03-11 00:30 in China and 09:30 on the 10th in Los Angeles. */
let clock = new Date('2026-03-10T16:30:00Z')

/** The longer walks through several pages: their own time budget on a busy 2-core machine (no assertion is timed). */
const SLOW = 60_000

/** Words of the office and the code that no page may show a villager. */
const JARGON = /种子|seed|监测分类|未达标|need_info|not_eligible|provisional|undefined|NaN|\[object|\d{3}_[0-9a-f]{16}\.txt/i

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'web/dist/app.js'))) throw new Error('网页还没有构建：npm test 会先运行 npm run build:web。')
  service = await testApp(undefined, () => clock)
  tokens = await seedHouseholds(service)
  server = serve({ fetch: service.app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await launchChromium()
  mkdirSync(SCREENS, { recursive: true })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
})

async function phone(path: string): Promise<Page> {
  const page = await browser.newPage({
    viewport: PHONE,
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: PHONE_ZONE,
    permissions: ['clipboard-read', 'clipboard-write'],
  })
  const external: string[] = []
  const missing: string[] = []
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) external.push(r.url())
  })
  page.on('response', (r) => {
    if (r.status() === 404 && !new URL(r.url()).pathname.startsWith('/api/')) missing.push(r.url())
  })
  opened.push({ page, external, missing })
  await page.goto(`${base}/${path}`)
  return page
}

/** The pages a test opened, with what they asked for: checked when the test ends (a failure fails that test). */
const opened: { page: Page; external: string[]; missing: string[] }[] = []
afterEach(async () => {
  const pages = opened.splice(0)
  for (const { page } of pages) if (!page.isClosed()) await page.close()
  expect(
    pages.flatMap((p) => p.external),
    'the pages load nothing from outside this server',
  ).toEqual([])
  expect(
    pages.flatMap((p) => p.missing),
    'no file the pages ask for is missing (the icon included)',
  ).toEqual([])
})

/**
 * Fits a 360px screen with readable type: no sideways scrolling, body text at least 16px. And what every
 * page owes its users: no office or code words, every phone number a tap-to-call link a thumb can hit
 * (44 px), and forms that check themselves in Chinese (noValidate: no browser bubbles).
 */
async function expectPhoneSized(page: Page, name: string, { fullPage = true } = {}) {
  const { scrollWidth, fontSize } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    fontSize: parseFloat(getComputedStyle(document.body).fontSize),
  }))
  expect(scrollWidth).toBeLessThanOrEqual(PHONE.width)
  expect(fontSize).toBeGreaterThanOrEqual(16)
  const seen = await page.evaluate(() => {
    const phone = /(?<![\d*])(?:0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|12317|12345)(?![\d*])/
    const unlinked: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? ''
      if (phone.test(text) && !n.parentElement?.closest('a[href^="tel:"], noscript, script')) unlinked.push(text.trim().slice(0, 80))
    }
    const links = [...document.querySelectorAll<HTMLAnchorElement>('a[href^="tel:"]')].map((a) => ({
      text: a.textContent,
      height: a.getBoundingClientRect().height,
    }))
    return {
      text: document.body.textContent ?? '',
      unlinked,
      links,
      forms: document.querySelectorAll('form').length,
      validatingForms: document.querySelectorAll('form:not([novalidate])').length,
    }
  })
  expect(seen.text.match(JARGON)?.[0], `${name}: no jargon in the page`).toBeUndefined()
  expect(seen.unlinked, `${name}: every phone number is a tel: link`).toEqual([])
  for (const link of seen.links)
    expect([link.text, link.height >= 44], `${name}: a phone link at least 44 px tall`).toEqual([link.text, true])
  expect(seen.validatingForms, `${name}: forms use our own Chinese checks`).toBe(0)
  // very long pages (every policy unfolded, a long chat) as the phone shows them: one screen
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage })
}

/** A report filed over the API (as the public does), returning its ticket and query code. */
async function fileReport(village = '东山村') {
  const res = await service.app.request('/api/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category: '住房安全', description: '房子漏雨，墙裂了缝', place: { town: '东山镇', village }, anonymous: true }),
  })
  expect(res.status).toBe(201)
  return (await res.json()) as { ticket: string; code: string }
}

async function act(ticket: string, body: Record<string, string>) {
  const res = await service.app.request(`/api/reports/${ticket}/actions`, {
    method: 'POST',
    headers: { ...asAdmin.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect([body.action, res.status]).toEqual([body.action, 200])
}

/** 政策自测 answered as a registered family of three with 12,000 a year and a child in 高职. */
async function checkUpToAChildInHigherVocational(): Promise<Page> {
  const page = await phone('#/check')
  await page.getByLabel('建档立卡贫困户').check()
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByLabel('家里几口人？（人）').fill('3')
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByLabel('全家一年大概收入多少元？（元）').fill('12000')
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByRole('button', { name: '＋ 添加一个上学的孩子' }).click()
  await page.getByLabel('第 1 个孩子上什么学').selectOption('高职')
  return page
}

const reportStatus = async (ticket: string) =>
  (await (await service.app.request(`/api/reports/${ticket}`, asAdmin)).json()) as {
    status: string
    history: { actor: { kind: string; label: string } }[]
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

  it('问政策: a sum the policy does not state is said first, above the policy, not left to be looked for', async () => {
    const page = await phone('#/ask')
    await page.getByLabel('您想问什么？').fill('公益岗位一个月给多少钱')
    await page.getByRole('button', { name: '问一问' }).click()
    const card = page.locator('article')
    await expect.poll(() => card.locator('h3').first().textContent(), { timeout: 10_000 }).toMatch(/^您问的可能是【.*公益.*】$/)
    expect(await card.locator('h3 + .unstated').textContent()).toMatch(/这一条里没有写.*请打下面的咨询电话/)
    // …and the numbers to call are there
    expect(await card.locator('h3', { hasText: '咨询电话' }).count()).toBe(1)
    expect(await card.locator('a[href^="tel:"]').count()).toBeGreaterThan(0)
    await page.close()
  })

  it('问政策: a broad question says what it is probably about; a described problem opens 我要反映 filled in', async () => {
    const page = await phone('#/ask')
    await page.getByLabel('您想问什么？').fill('危房改造')
    await page.getByRole('button', { name: '问一问' }).click()
    const card = page.locator('article')
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toMatch(/您问的可能是【.+】/)
    await page.getByRole('button', { name: /^看【.+】全文$/ }).click()
    await expect.poll(() => card.locator('h3').first().textContent(), { timeout: 10_000 }).not.toMatch(/您问的可能是/)

    await page.getByLabel('您想问什么？').fill('俺们东山镇桃园村的自来水停了三天了没人管')
    await page.getByRole('button', { name: '问一问' }).click()
    await expect.poll(() => page.locator('h2').textContent(), { timeout: 10_000 }).toBe('我要反映')
    expect(await page.getByLabel('发生了什么').inputValue()).toContain('自来水停了三天')
    expect(await page.getByLabel('问题类别').inputValue()).toBe('饮水安全')
    // the towns arrive after the page: the place is chosen once they have
    await expect.poll(() => page.getByLabel('乡镇').inputValue(), { timeout: 10_000 }).toBe('东山镇')
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
    const page = await checkUpToAChildInHigherVocational()
    for (let i = 0; i < 7; i++) await page.getByRole('button', { name: '跳过' }).click()
    await page.getByRole('button', { name: '看结果' }).click()
    await expect.poll(() => page.locator('main').textContent(), { timeout: 10_000 }).toContain('您家可以享受')
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

  it(
    '我要反映 → 去查进度: the ticket and code are shown once, unbroken, with 复制; the status shows without retyping; after 办结, 满意 closes it',
    async () => {
      clock = new Date('2026-03-10T16:30:00Z')
      const page = await phone('#/report')
      await page.getByLabel('问题类别').selectOption('住房安全')
      await page.getByLabel('发生了什么').fill('房子漏雨两个月了，墙也裂了')
      await expect.poll(() => page.locator('#town option').count()).toBeGreaterThan(1)
      await page.getByLabel('乡镇').selectOption('东山镇')
      await page.getByLabel('村（可以不选）').selectOption('东山村')
      await page.getByRole('button', { name: '提交' }).click()
      const ticket = (await page.getByTestId('ticket').textContent({ timeout: 10_000 }))!
      const code = (await page.getByTestId('code').textContent())!
      expect(ticket).toMatch(/^FK-2026-\d{6}$/)
      const main = (await page.locator('main').textContent())!
      expect(main.split(code).length - 1, 'the code is shown once').toBe(1)
      expect(main).toContain('请截图保存')
      // each on one line: FK-2026- / 000123 split over two lines is misread and mistyped
      const lines = (testId: string) =>
        page.getByTestId(testId).evaluate((el) => {
          const r = document.createRange()
          r.selectNodeContents(el)
          return r.getClientRects().length
        })
      expect(await lines('ticket')).toBe(1)
      expect(await lines('code')).toBe(1)
      await page.getByRole('button', { name: '复制' }).click()
      await expect.poll(() => page.getByRole('status').last().textContent(), { timeout: 10_000 }).toContain('已复制')
      const copied = await page.evaluate(() => navigator.clipboard.readText())
      expect(copied).toContain(ticket)
      expect(copied).toContain(code)
      await page.setViewportSize({ width: 320, height: 640 })
      expect(await lines('ticket')).toBe(1)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
      await page.setViewportSize(PHONE)
      await expectPhoneSized(page, 'report-filed')

      await page.getByRole('link', { name: '去查进度' }).click()
      await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 10_000 }).toBe('待受理')
      // filed at 16:30 UTC: 00:30 the next day in China, whatever the phone's own zone says
      expect(await page.locator('.timeline').textContent()).toContain('2026年3月11日 00:30')
      expect(await page.getByRole('button', { name: '满意' }).count()).toBe(0)

      clock = new Date('2026-03-11T02:00:00Z')
      await act(ticket, { action: 'accept' })
      await act(ticket, { action: 'start' })
      clock = new Date('2026-03-12T01:00:00Z')
      await act(ticket, { action: 'resolve', note: '已维修屋顶，墙体加固，联系电话0000-8000003' })
      await page.getByRole('button', { name: '查一查' }).click()
      await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 10_000 }).toBe('已办结')
      const timeline = (await page.locator('.timeline').textContent())!
      expect(timeline).toContain('2026年3月12日 09:00')
      expect(timeline).toContain('已维修屋顶')
      expect(await page.getByRole('button', { name: '不满意' }).isVisible()).toBe(true)
      await expectPhoneSized(page, 'track-resolved')
      await page.getByRole('button', { name: '满意', exact: true }).click()
      await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 10_000 }).toBe('已销号')
      const closed = await reportStatus(ticket)
      expect(closed.status).toBe('已销号')
      expect(closed.history.at(-1)!.actor.kind).toBe('reporter')
      await expectPhoneSized(page, 'track-closed')
      await page.close()
    },
    SLOW,
  )

  it(
    '查进度: 不满意 sends a resolved report back to be handled again',
    async () => {
      const { ticket, code } = await fileReport()
      await act(ticket, { action: 'accept' })
      await act(ticket, { action: 'start' })
      await act(ticket, { action: 'resolve', note: '已派人查看' })
      const page = await phone(`#/track?ticket=${ticket}&code=${code}`)
      await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 10_000 }).toBe('已办结')
      await page.getByLabel('想说的话').fill('屋顶还在漏')
      await page.getByRole('button', { name: '不满意' }).click()
      await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 10_000 }).toBe('办理中')
      expect(await page.locator('.timeline').textContent()).toContain('屋顶还在漏')
      expect((await reportStatus(ticket)).status).toBe('办理中')
      await page.close()
    },
    SLOW,
  )

  it(
    '干部: a cadre signs in with the 6-digit binding code (a wrong one is refused in Chinese) and accepts (受理) a report in their area',
    async () => {
      const { ticket } = await fileReport()
      const issued = (await (await service.app.request('/api/cadres/BF-A/binding-code', { method: 'POST', ...asAdmin })).json()) as {
        code: string
      }
      const wrong = String((Number(issued.code) + 1) % 1_000_000).padStart(6, '0')
      const page = await phone('#/cadre')
      await page.getByRole('button', { name: '登录' }).click()
      await expect.poll(() => page.locator('.field-error').textContent()).toContain('请填县扶贫办发的6位绑定码')
      await page.getByLabel('6位绑定码').fill('12345')
      await page.getByRole('button', { name: '登录' }).click()
      await expect.poll(() => page.locator('.field-error').textContent()).toContain('绑定码是6位数字')
      await page.getByLabel('6位绑定码').fill(wrong)
      await page.getByRole('button', { name: '登录' }).click()
      await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/绑定码不对/)
      expect(await page.getByTestId('households').count()).toBe(0)
      await expectPhoneSized(page, 'cadre-sign-in')

      await page.getByLabel('6位绑定码').fill(issued.code)
      await page.getByRole('button', { name: '登录' }).click()
      await expect.poll(() => page.getByTestId('households').textContent(), { timeout: 10_000 }).toContain('DS-0001')
      expect(await page.locator('main').textContent()).toContain('东山镇帮扶责任人甲干部')
      await page.getByRole('button', { name: new RegExp(`^${ticket}`) }).click()
      await expect.poll(() => page.getByTestId('report-status').textContent(), { timeout: 10_000 }).toBe('待受理')
      expect(await page.getByRole('button', { name: '确认销号' }).count()).toBe(0)
      await page.getByRole('button', { name: '受理', exact: true }).click()
      await expect.poll(() => page.getByTestId('report-status').textContent(), { timeout: 10_000 }).toBe('已受理')
      const accepted = await reportStatus(ticket)
      expect(accepted.status).toBe('已受理')
      expect(accepted.history.at(-1)!.actor.label).toContain('甲干部')
      // 办结 needs the result written down; the page says so itself
      await page.getByRole('button', { name: '开始办理' }).click()
      await expect.poll(() => page.getByTestId('report-status').textContent(), { timeout: 10_000 }).toBe('办理中')
      await page.getByRole('button', { name: '办结' }).click()
      await expect.poll(() => page.locator('.field-error').textContent()).toContain('办结要写明办理结果')
      expect((await reportStatus(ticket)).status).toBe('办理中')
      await expectPhoneSized(page, 'cadre-report')
      // the code is used up: it cannot sign anyone in again
      const again = await service.app.request('/api/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bindingCode: issued.code }),
      })
      expect(again.status).toBe(401)
      await page.close()
    },
    SLOW,
  )

  it(
    '干部 (管理员): the whole county with a total, pages and a name search — nothing silently cut off',
    async () => {
      const extra = Array.from({ length: 25 }, (_, i) => ({
        ...HOUSEHOLDS[3]!,
        id: `XH-${String(101 + i).padStart(4, '0')}`,
        headName: `孙${'一二三四五六七八九十'[i % 10]}${i}`,
        idNumber: `3301021960060${String(10000 + i).slice(1)}1`,
        cadreId: null,
      }))
      await service.stores.households.upsert(extra)
      const page = await phone('#/cadre')
      await page.getByLabel('干部令牌').fill(ADMIN_TOKEN)
      await page.getByRole('button', { name: '登录' }).click()
      const total = page.getByTestId('total').first()
      await expect.poll(() => total.textContent(), { timeout: 10_000 }).toBe('共 29 户，这是第 1–20 户')
      expect(await page.getByTestId('households').locator('li').count()).toBe(20)
      await expectPhoneSized(page, 'cadre-admin')
      await page.getByRole('button', { name: '下一页' }).first().click()
      await expect.poll(() => total.textContent(), { timeout: 10_000 }).toBe('共 29 户，这是第 21–29 户')
      expect(await page.getByTestId('households').locator('li').count()).toBe(9)
      await page.getByLabel('户主姓名').fill('张三')
      await page.getByRole('button', { name: '搜索' }).click()
      await expect.poll(() => total.textContent(), { timeout: 10_000 }).toBe('共 1 户，这是第 1–1 户')
      expect(await page.getByTestId('households').textContent()).toContain('DS-0001')
      await page.close()
    },
    SLOW,
  )

  it(
    '问政策: a new question clears the last answer, a failed one shows the error instead of it, an empty one is asked for in Chinese',
    async () => {
      const page = await phone('#/ask')
      await page.getByLabel('您想问什么？').fill('孩子上高职有补助吗')
      await page.getByRole('button', { name: '问一问' }).click()
      await expect.poll(() => page.locator('article').textContent(), { timeout: 10_000 }).toContain('雨露计划')

      await page.route('**/api/ask?**', (route) => route.abort('internetdisconnected'))
      await page.getByLabel('您想问什么？').fill('低保怎么申请')
      await page.getByRole('button', { name: '问一问' }).click()
      await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('连不上服务')
      expect(await page.locator('article').count(), 'the old answer is gone').toBe(0)
      expect(await page.locator('main').textContent()).not.toContain('雨露计划')
      await page.unroute('**/api/ask?**')

      await page.getByLabel('您想问什么？').fill('   ')
      await page.getByRole('button', { name: '问一问' }).click()
      await expect.poll(() => page.locator('.field-error').textContent()).toContain('请先写下您想问的问题')
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('q')
      expect(await page.getByRole('alert').count()).toBe(0)
      await expectPhoneSized(page, 'ask-empty')

      await page.getByLabel('您想问什么？').fill('孩子上高职有补助吗')
      await page.getByRole('button', { name: '问一问' }).click()
      await expect.poll(() => page.locator('article').textContent(), { timeout: 10_000 }).toContain('雨露计划')
      expect(await page.locator('.field-error').count()).toBe(0)
      await page.close()
    },
    SLOW,
  )

  it(
    'forms check themselves in Chinese: 我要反映 names every missing field and focuses the first; 政策自测 refuses a number it cannot read',
    async () => {
      const page = await phone('#/report')
      await page.getByRole('button', { name: '提交' }).click()
      const messages = page.locator('.field-error')
      await expect.poll(() => messages.allTextContents()).toEqual(['请选择问题类别。', '请写一写发生了什么事。', '请选择乡镇。'])
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('category')
      expect(await page.getByLabel('问题类别').getAttribute('aria-invalid')).toBe('true')
      await page.getByLabel('问题类别').selectOption('饮水安全')
      await page.getByLabel('发生了什么').fill('没水')
      await page.getByRole('button', { name: '提交' }).click()
      await expect.poll(() => messages.allTextContents()).toEqual(['请把问题说清楚一些，至少写5个字。', '请选择乡镇。'])
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('description')
      await expectPhoneSized(page, 'report-errors')
      await page.close()

      const check = await phone('#/check')
      await check.getByRole('button', { name: '下一步' }).click()
      await check.getByLabel('家里几口人？（人）').fill('三口')
      await check.getByRole('button', { name: '下一步' }).click()
      await expect.poll(() => check.locator('.field-error').textContent()).toContain('请只填数字')
      await check.getByLabel('家里几口人？（人）').fill('0')
      await check.getByRole('button', { name: '下一步' }).click()
      await expect.poll(() => check.locator('.field-error').textContent()).toContain('请填 1 到 30 之间的数')
      await check.getByLabel('家里几口人？（人）').fill('3')
      await check.getByRole('button', { name: '下一步' }).click()
      await expect.poll(() => check.getByLabel('全家一年大概收入多少元？（元）').count()).toBe(1)
      await check.close()
    },
    SLOW,
  )

  it(
    '政策自测: the result is one short screen — what the family can get, what to check — with the details folded',
    async () => {
      const page = await checkUpToAChildInHigherVocational()
      await page.getByRole('button', { name: '下一步' }).click()
      for (let i = 0; i < 6; i++) await page.getByRole('button', { name: '跳过' }).click()
      await page.getByRole('button', { name: '看结果' }).click()
      const result = page.getByTestId('check-result')
      await expect
        .poll(() => result.locator('.card').first().textContent(), { timeout: 10_000 })
        .toMatch(/您家可以享受[\s\S]*雨露计划：3000元[\s\S]*还要核实的/)
      const details = result.locator('details')
      expect(await details.count()).toBeGreaterThanOrEqual(2)
      expect(await details.evaluateAll((all) => all.filter((d) => (d as HTMLDetailsElement).open).length)).toBe(0)
      // the summary fits on the screen under the header, with the folded parts and the button just after it
      const box = await result.locator('.card').first().boundingBox()
      expect(box!.height).toBeLessThanOrEqual(PHONE.height * 0.8)
      await expectPhoneSized(page, 'check-result')
      await page.getByText('每一项的理由和怎么申请').click()
      await expect.poll(() => details.first().evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true)
      expect(await details.first().textContent()).toContain('怎么申请')
      expect(await details.first().locator('a[href^="tel:"]').count()).toBeGreaterThan(0)
      await expectPhoneSized(page, 'check-details', { fullPage: false })
      await page.close()
    },
    SLOW,
  )

  it(
    '聊天: phone numbers in replies are tap-to-call links, and after each reply the input is on screen',
    async () => {
      const chat = await phone('#/chat')
      await expect.poll(() => chat.getByRole('log').textContent(), { timeout: 10_000 }).toContain('政策自测')
      const inView = () =>
        chat.getByLabel('输入消息').evaluate((el) => {
          const r = el.getBoundingClientRect()
          return r.top >= 0 && r.bottom <= innerHeight
        })
      for (const text of ['扶贫办电话多少', '低保怎么申请', '1']) {
        const before = await chat.locator('.bubble.bot').count()
        await chat.getByLabel('输入消息').fill(text)
        await chat.getByRole('button', { name: '发送' }).click()
        await expect.poll(() => chat.locator('.bubble.bot').count(), { timeout: 10_000 }).toBeGreaterThan(before)
        await expect.poll(() => chat.getByRole('button', { name: '发送' }).isEnabled(), { timeout: 10_000 }).toBe(true)
        expect([text, await inView()]).toEqual([text, true])
      }
      const call = chat.locator('.bubble.bot a[href^="tel:"]').first()
      expect(await call.getAttribute('href')).toBe('tel:00008000001')
      expect((await call.boundingBox())!.height).toBeGreaterThanOrEqual(44)
      await expectPhoneSized(chat, 'chat-replies', { fullPage: false })
      await chat.close()
    },
    SLOW,
  )

  it(
    'every page: an icon, compressed files, Chinese drawn with a real font, and a heading that takes the focus without an input-like box',
    async () => {
      const encodings: Record<string, string | null> = {}
      const page = await browser.newPage({ viewport: PHONE, locale: 'zh-CN', timezoneId: PHONE_ZONE })
      page.on('response', async (r) => {
        const path = new URL(r.url()).pathname
        if (/\.(js|css)$/.test(path)) encodings[path] = await r.headerValue('content-encoding')
      })
      await page.goto(`${base}/#/ask`)
      await expect.poll(() => page.locator('h2').textContent()).toBe('问政策')
      expect(encodings).toEqual({ '/app.js': 'br', '/app.css': 'br' })
      const icon = await page.request.get(`${base}/favicon.ico`)
      expect(icon.status()).toBe(200)
      expect(icon.headers()['content-type']).toContain('image/svg+xml')
      expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg')

      // two different characters drawn differently: a missing CJK font draws both as the same empty box
      const differ = await page.evaluate(() => {
        const draw = (ch: string) => {
          const c = document.createElement('canvas')
          c.width = 40
          c.height = 40
          const g = c.getContext('2d')!
          g.font = '32px sans-serif'
          g.fillText(ch, 2, 32)
          return Array.from(g.getImageData(0, 0, 40, 40).data).join(',')
        }
        return draw('扶') !== draw('贫')
      })
      expect(differ).toBe(true)

      for (const [title, key] of [
        ['联系人', 'Enter'],
        ['聊天', null],
      ] as const) {
        const link = page.getByRole('link', { name: title })
        if (key) {
          await link.focus()
          await page.keyboard.press(key)
        } else await link.click()
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.tagName + ':' + document.activeElement?.textContent))
          .toBe(`H2:${title}`)
        const outline = await page.evaluate(() => {
          const s = getComputedStyle(document.activeElement!)
          return `${s.outlineStyle} ${s.outlineWidth}`
        })
        expect([title, outline]).toEqual([title, expect.stringMatching(/^none|\s0px$/)])
      }
      // a text field still shows where the typing goes
      await page.goto(`${base}/#/ask`)
      await page.getByLabel('您想问什么？').focus()
      expect(await page.getByLabel('您想问什么？').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid')
      await page.close()
    },
    SLOW,
  )
})
