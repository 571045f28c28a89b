import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { all, miniprogram, phone, text, until } from './harness.ts'
import { appWithWechat, CADRE_TEMPLATE, STATUS_TEMPLATE } from '../support/fake-wechat.ts'
import { seedHouseholds } from '../support/households.ts'
import { tempDir } from '../support/app.ts'
import { sendPushes } from '../../api/services/miniprogram.ts'

const clock = () => new Date('2026-11-25T02:00:00Z')
const PAGES = ['ask', 'report', 'mine', 'contacts', 'check', 'household', 'cadre']
const mp = miniprogram()
let t: Awaited<ReturnType<typeof appWithWechat>>
let cadreTokens: Record<string, string>
beforeAll(async () => {
  t = await appWithWechat(clock)
  cadreTokens = await seedHouseholds(t.service)
})

// j-component delivers an event a tick later, as WeChat does: each helper waits for it
const tick = () => new Promise((r) => setTimeout(r, 0))
const fire = async (page: any, selector: string, event: string, detail?: unknown) => {
  const el = page.querySelector(selector)
  if (!el) throw new Error(`页面上没有 ${selector}`)
  el.dispatchEvent(event, detail === undefined ? undefined : { detail })
  await tick()
}
const type = (page: any, selector: string, value: string) => fire(page, selector, 'input', { value })
const pick = (page: any, selector: string, value: number) => fire(page, selector, 'change', { value })
const tap = (page: any, selector: string) => fire(page, selector, 'tap')
const asCadre = (method: string, url: string, body?: unknown) => t.call(method, url, body, cadreTokens['BF-A'])

/** 问政策 on a page of its own: types the question, taps 问, and waits until `shown` is on the page. */
async function askOn(device: ReturnType<typeof phone>, question: string, shown: string) {
  const page = mp.open('ask', device)
  await type(page, '.question', question)
  await tap(page, '.ask')
  await until(shown, () => !!text(page, shown))
  return page
}

/** Files 我要反映 (filled as below), with a photo of these bytes if given, and waits for the ticket. */
async function fileReport(
  device: ReturnType<typeof phone>,
  { description, photo }: { description?: string; photo?: { name: string; bytes: Buffer | string } } = {},
) {
  const page = mp.open('report', device)
  await fillReport(page, description)
  if (photo) {
    const file = join(tempDir('photo-'), photo.name)
    writeFileSync(file, photo.bytes)
    device.settings.photo = file
    await tap(page, '.photo')
  }
  await tap(page, '.submit')
  await until('the ticket', () => !!text(page, '.ticket') && device.idle())
  return page
}

/** Fills 我要反映 as a villager would: 饮水安全, what happened, 东山镇 东山村. */
async function fillReport(page: any, description = '村东头的自来水停了三天了') {
  await until('the towns', () => all(page, '.town').length > 0 && page.instance.data.townNames.length > 0)
  await pick(page, '.category', page.instance.data.categories.indexOf('饮水安全'))
  await type(page, '.description', description)
  await pick(page, '.town', page.instance.data.townNames.indexOf('东山镇'))
  await pick(page, '.village', page.instance.data.villages.indexOf('东山村'))
}

describe('问政策', () => {
  it('answers a question with the policy and its source, without markdown stars', async () => {
    const page = await askOn(phone(t.service.app, 'asker-a'), '孩子上高职有补助吗', '.answer .title')
    expect(text(page, '.answer .title')).toMatch(/雨露计划/)
    expect(text(page, '.answer .text')).not.toMatch(/\*\*/)
    expect(text(page, '.answer')).toMatch(/出处：/)
    expect(text(page, '.answer .applies')).toMatch(/^适用：.+（\d{4}年文件）$/)
  })

  it('gives the office to phone about an answer, and a tap calls it', async () => {
    const device = phone(t.service.app, 'asker-e')
    const page = await askOn(device, '孩子上高职有补助吗', '.answer .title')
    expect(text(page, '.answer-contact')).toMatch(/教育局/)
    expect(text(page, '.answer-contact')).toMatch(/演示号码/)
    await tap(page, '.answer-contact .call')
    expect(device.seen.calls).toHaveLength(1)
    expect(text(page, '.answer-contact .call')).toContain(device.seen.calls[0]!)
  })

  it('says how it read a mistyped word', async () => {
    const page = await askOn(phone(t.service.app, 'asker-f'), '低包怎么申请', '.answer .title')
    expect(text(page, '.corrected')).toBe('已按“低保”理解您的问题。')
    expect(text(page, '.answer .title')).toMatch(/低保/)
  })

  it('when not sure, names the entry it may be and opens it in full on a tap', async () => {
    const page = await askOn(phone(t.service.app, 'asker-g'), '贷款', '.tentative')
    expect(text(page, '.answer')).toBe('')
    expect(text(page, '.tentative .title')).toMatch(/^您问的可能是【.*贷款.*】$/)
    const title = text(page, '.tentative .title').replace(/^您问的可能是【|】$/g, '')
    await tap(page, '.open-tentative')
    await until('the entry', () => text(page, '.answer .title') === title)
    expect(text(page, '.tentative')).toBe('')
    expect(text(page, '.answer .text').length).toBeGreaterThan(text(page, '.tentative .text').length + 40)
  })

  it('says first that a sum asked is not written in the policy, and not when it is', async () => {
    const page = await askOn(phone(t.service.app, 'asker-u'), '公益岗位一个月给多少钱', '.tentative .title')
    expect(text(page, '.answer')).toBe('')
    expect(text(page, '.tentative .unstated')).toMatch(/这一条里没有写.*以当地规定为准/)
    expect(text(page, '.tentative .answer-contact')).toMatch(/📞 [\d-]+/)
    const stated = await askOn(phone(t.service.app, 'asker-v'), '雨露计划一年补多少钱', '.answer .title')
    expect(text(stated, '.answer .text')).toMatch(/\d+元/)
    expect(text(stated, '.unstated')).toBe('')
  })

  it('shows an answer’s list as bullet points, not markdown dashes or stars', async () => {
    const page = await askOn(phone(t.service.app, 'asker-d'), '饮水安全的标准是什么', '.answer .title')
    expect(text(page, '.answer .title')).toMatch(/饮水安全标准/)
    const shown = text(page, '.answer .text')
    expect(shown).toMatch(/^• /m)
    expect(shown).not.toMatch(/^\s*- |\*\*/m)
  })

  it('says honestly it does not know, and a tap on the hotline calls it', async () => {
    const device = phone(t.service.app, 'asker-b')
    const page = await askOn(device, '明天天气怎么样', '.fallback')
    expect(text(page, '.answer')).toBe('')
    await tap(page, '.fallback .call')
    expect(device.seen.calls).toHaveLength(1)
    expect(text(page, '.fallback .call')).toContain(device.seen.calls[0]!)
  })

  it('sends a described problem to 我要反映 with the text and the category filled in', async () => {
    const device = phone(t.service.app, 'asker-c')
    const ask = mp.open('ask', device)
    await type(ask, '.question', '我家房子漏雨好几天了没人管')
    await tap(ask, '.ask')
    await until('a page change', () => device.seen.navigations.length > 0)
    expect(device.seen.navigations).toEqual(['/pages/report/report'])
    const report = mp.open('report', device)
    report.triggerPageLifeTime('show')
    await until('the description', () => report.instance.data.description === '我家房子漏雨好几天了没人管')
    expect(report.instance.data.categories[report.instance.data.categoryIndex]).toBe('住房安全')
  })
})

describe('我要反映 → 我的反映, with pushes at the fake WeChat server', () => {
  it('files a report with a photo, shows the ticket and code, and the filer is pushed each status', async () => {
    const device = phone(t.service.app, 'reporter-a')
    const page = await fileReport(device, {
      photo: { name: 'leak.jpg', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 9)]) },
    })
    const ticket = text(page, '.ticket')
    expect(ticket).toMatch(/^FK-\d{4}-\d{6}$/)
    expect(text(page, '.code')).toMatch(/\S{4,}/)
    expect(device.seen.subscribeAsked).toEqual([[STATUS_TEMPLATE]])
    expect(text(page, '.photo-error')).toBe('')
    // where it goes and by when, without the code a second time; and the two to copy
    expect(text(page, '.next')).toMatch(/^将转交.+办理，\d+天内受理。$/)
    await tap(page, '.copy')
    expect(device.seen.clipboard).toBe(`受理编号：${ticket}　查询码：${text(page, '.code')}`)

    // the cadre sees it, with the photo, and acts on it
    const seen = await asCadre('GET', `/api/reports/${ticket}`)
    expect(seen.body).toMatchObject({
      category: '饮水安全',
      description: '村东头的自来水停了三天了',
      place: { town: '东山镇', village: '东山村' },
    })
    expect((await asCadre('GET', `/api/reports/${ticket}/photos`)).body.photos).toHaveLength(1)
    await asCadre('POST', `/api/reports/${ticket}/actions`, { action: 'accept' })
    await asCadre('POST', `/api/reports/${ticket}/actions`, { action: 'start' })
    await asCadre('POST', `/api/reports/${ticket}/actions`, { action: 'resolve', note: '水管已修好' })
    await sendPushes(t.service.deps)
    const pushed = t.wechat.sent.filter((m) => m.touser === t.wechat.openidOf('reporter-a'))
    expect(pushed.map((m) => [m.data.character_string1?.value, m.data.phrase2?.value])).toEqual([
      [ticket, '已受理'],
      [ticket, '办理中'],
      [ticket, '已办结'],
    ])

    // 我的反映 lists it as 已办结; 满意 closes it
    const mine = mp.open('mine', device)
    await until('the list', () => all(mine, '.report').length === 1)
    expect(text(mine, '.report .title')).toBe('饮水安全：已办结')
    expect(text(mine, '.report')).toContain('水管已修好')
    await tap(mine, '.satisfied')
    await until('销号', () => text(mine, '.report .title') === '饮水安全：已销号')
    expect((await asCadre('GET', `/api/reports/${ticket}`)).body.status).toBe('已销号')
  })

  it.each([
    ['declines the subscription', 'reject'],
    ['closes the request without answering (the call fails)', 'fail'],
  ])('files the report all the same when the user %s, and pushes nothing', async (_, answer) => {
    const person = `reporter-${answer}`
    const device = phone(t.service.app, person)
    device.settings.subscribe = answer
    const page = await fileReport(device, { description: '扶贫干部一年没来过我家' })
    expect(text(page, '.error')).toBe('')
    expect(text(page, '.filed')).toMatch(/我的反映/)
    const ticket = text(page, '.ticket')
    // the service is told "no" either way, so it never waits for a yes
    expect(device.seen.requests.filter((r) => r.path === '/api/wx/subscriptions')).toEqual([
      { method: 'POST', path: '/api/wx/subscriptions', body: { ticket, result: 'reject' } },
    ])
    await asCadre('POST', `/api/reports/${ticket}/actions`, { action: 'accept' })
    const round = await sendPushes(t.service.deps)
    expect(round.waiting).toBe(0)
    expect(t.wechat.sent.filter((m) => m.touser === t.wechat.openidOf(person))).toEqual([])
  })

  it('refuses a photo that is not JPG or PNG, or is over 5 MB, before sending it; the report goes without it', async () => {
    const device = phone(t.service.app, 'reporter-d')
    const dir = tempDir('photo-')
    const gif = join(dir, 'leak.gif')
    writeFileSync(gif, Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(2000, 1)]))
    const big = join(dir, 'big.jpg')
    writeFileSync(big, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5 * 1024 * 1024, 9)]))
    const page = mp.open('report', device)
    await fillReport(page)
    device.settings.photo = gif
    await tap(page, '.photo')
    expect(text(page, '.error')).toBe('只收 JPG 或 PNG 格式的照片。')
    device.settings.photo = big
    await tap(page, '.photo')
    expect(text(page, '.error')).toBe('照片不能超过5MB，请换一张。')
    expect(text(page, '.photo')).toBe('拍照或选照片')
    await tap(page, '.submit')
    await until('the ticket', () => !!text(page, '.ticket') && device.idle())
    expect(device.seen.requests.filter((r) => r.body === 'photo')).toEqual([])
    expect((await asCadre('GET', `/api/reports/${text(page, '.ticket')}/photos`)).body.photos).toEqual([])
  })

  it('keeps the report when the service refuses its photo, and says the photo did not go', async () => {
    const device = phone(t.service.app, 'reporter-e')
    const page = await fileReport(device, { photo: { name: 'scan.jpg', bytes: '这不是一张照片' } })
    expect(text(page, '.photo-error')).toBe('问题已收到，但照片没传上：只收 JPG 或 PNG 格式的照片。')
    expect((await asCadre('GET', `/api/reports/${text(page, '.ticket')}`)).body.description).toBe('村东头的自来水停了三天了')
  })

  it('不满意 on a resolved report sends it back to be handled again', async () => {
    const device = phone(t.service.app, 'reporter-f')
    const page = await fileReport(device, { description: '低保金这个月没有发' })
    const ticket = text(page, '.ticket')
    for (const action of ['accept', 'start']) await asCadre('POST', `/api/reports/${ticket}/actions`, { action })
    await asCadre('POST', `/api/reports/${ticket}/actions`, { action: 'resolve', note: '已经补发' })
    const mine = mp.open('mine', device)
    await until('已办结', () => text(mine, '.report .title') === '饮水安全：已办结')
    // what happened, in order, by whom, with what the office said
    expect(all(mine, '.step-to').map((s) => s.dom.textContent)).toEqual(['待受理', '已受理', '办理中', '已办结'])
    expect(all(mine, '.step')[3].dom.textContent).toMatch(/^已办结2026-11-25 10:00 .*甲干部已经补发$/)
    await type(mine, '.feedback-note', '这个月的还是没有到')
    await tap(mine, '.unsatisfied')
    await until('办理中', () => text(mine, '.report .title') === '饮水安全：办理中')
    expect(device.seen.toasts).toContain('已重新交办')
    const after = (await asCadre('GET', `/api/reports/${ticket}`)).body
    expect(after.status).toBe('办理中')
    expect(after.history.at(-1)).toMatchObject({ to: '办理中', actor: { label: '反映人' }, note: '这个月的还是没有到' })
    expect(all(mine, '.step-to').map((s) => s.dom.textContent)).toEqual(['待受理', '已受理', '办理中', '已办结', '办理中'])
  })

  it('says what is missing, in Chinese, before sending anything', async () => {
    const device = phone(t.service.app, 'reporter-c')
    const page = mp.open('report', device)
    await until('the towns', () => page.instance.data.townNames.length > 0)
    await tap(page, '.submit')
    expect(text(page, '.error')).toBe('请选择问题类别。')
    expect(device.seen.subscribeAsked).toEqual([])
  })
})

describe('sign-in (wx.login → /api/wx/login)', () => {
  it('signs in again once when the kept token no longer works, and is still the same user', async () => {
    const device = phone(t.service.app, 'returning-a')
    const page = await fileReport(device, { description: '村里的路灯坏了一个月' })
    expect(device.seen.logins).toBe(1)
    // a token the service no longer knows (revoked, or a restore from an older backup)
    const kept = device.storage.get('session') as { token: string }
    device.storage.set('session', { ...kept, token: 'no-longer-valid-token-0123456789' })
    const mine = mp.open('mine', device)
    await until('the list', () => all(mine, '.report').length === 1 || !!text(mine, '.error'))
    expect(text(mine, '.error')).toBe('')
    expect(text(mine, '.report')).toContain(text(page, '.ticket'))
    expect(device.seen.logins).toBe(2)
  })
})

describe('政策自测', () => {
  it('says what a typed answer should be, in Chinese, before asking the service', async () => {
    const device = phone(t.service.app, 'checker-a')
    const page = mp.open('check', device)
    await type(page, '.size', '三口')
    await tap(page, '.submit')
    expect(text(page, '.error')).toBe('家里人口请只填数字，比如 3。')
    await type(page, '.size', '3')
    await type(page, '.workers', '2.5')
    await tap(page, '.submit')
    expect(text(page, '.error')).toBe('劳动力请填0到30之间的整数。')
    expect(device.seen.requests.filter((r) => r.path === '/api/eligibility')).toEqual([])
  })

  it('takes “no child at school” as an answer: the school grants do not apply, rather than wait to be told', async () => {
    const page = mp.open('check', phone(t.service.app, 'checker-c'))
    await pick(page, '.status', page.instance.data.statuses.indexOf('建档立卡贫困户'))
    await pick(page, '.students', page.instance.data.yesNo.indexOf('没有'))
    expect(all(page, '.student')).toHaveLength(0)
    await tap(page, '.submit')
    await until('the results', () => all(page, '.result').length > 0)
    const no = all(page, '.not .title').map((r) => r.dom.textContent as string)
    expect(no).toContain('雨露计划：不符合')
    expect(text(page, '.open')).not.toMatch(/上什么学/)
  })

  it('checks a family against the policies: what it can get first, and whom to phone to apply', async () => {
    const device = phone(t.service.app, 'checker-b')
    const page = mp.open('check', device)
    await pick(page, '.status', page.instance.data.statuses.indexOf('已脱贫户'))
    await type(page, '.size', '3')
    await type(page, '.income', '9000')
    await pick(page, '.students', 0)
    await pick(page, '.stage', page.instance.data.stages.indexOf('高职'))
    await pick(page, '.illness', page.instance.data.illnesses.indexOf('大病'))
    await pick(page, '.housing', page.instance.data.grades.indexOf('D'))
    await pick(page, '.water', page.instance.data.waters.indexOf('安全'))
    await tap(page, '.submit')
    await until('the results', () => all(page, '.result').length > 0)
    expect(device.seen.requests.find((r) => r.path === '/api/eligibility')?.body).toEqual({
      facts: {
        status: '已脱贫户',
        householdSize: 3,
        annualIncome: 9000,
        students: [{ stage: '高职', newlyAdmitted: false }],
        illness: '大病',
        housingGrade: 'D',
        drinkingWater: '安全',
      },
    })
    // a D-grade house and a child at 高职: 危房改造 and 雨露计划 (3000 a year) are among what the family can get
    const get = all(page, '.summary .get').map((g) => g.dom.textContent as string)
    expect(get).toContain('农村危房改造')
    expect(get).toContain('雨露计划：3000元/人·年')
    const verdicts = all(page, '.result .title').map((r) => r.dom.textContent as string)
    const rank = (v: string) => (/：(符合|可能符合，需核实)$/.test(v) ? 0 : v.endsWith('：还要了解更多情况') ? 1 : 2)
    const ranks = verdicts.map(rank)
    expect(ranks).toEqual(verdicts.map(rank).sort())
    expect(verdicts.every((v) => rank(v) < 2)).toBe(true)
    // safe water: 饮水安全保障 does not apply, and is listed apart
    expect(all(page, '.not .title').map((r) => r.dom.textContent)).toContain('饮水安全保障：不符合')
    // how to apply names the office's number, and a tap on it calls that number
    const cardOf = (el: HTMLElement): HTMLElement => (/\bresult\b/.test(el.className) ? el : cardOf(el.parentElement!))
    const number = all(page, '.result .apply .phone-in-text').find((n) => cardOf(n.dom).textContent!.startsWith('农村危房改造'))
    expect(number.dom.textContent).toMatch(/^0\d{2,3}-\d{7,8}$/)
    number.dispatchEvent('tap')
    await tick()
    expect(device.seen.calls).toEqual([number.dom.textContent.replace(/-/g, '')])
    expect(text(page, '.basis')).toMatch(/有效的文件。$/)
  })
})

describe('联系人 and 大字', () => {
  it('lists contacts with their numbers, and a tap calls the number shown', async () => {
    const device = phone(t.service.app, 'caller-a')
    const page = mp.open('contacts', device)
    await until('contacts', () => all(page, '.contact').length > 0)
    await type(page, '.search', '南岭镇')
    await tap(page, '.find')
    await until('南岭镇', () => text(page, '.contact .title').includes('南岭镇'))
    await tap(page, '.contact .call')
    expect(device.seen.calls).toHaveLength(1)
    expect(text(page, '.contact .call')).toContain(device.seen.calls[0]!)
    expect(text(page, '.notice')).toMatch(/演示数据/)
  })

  it('turns large text on for every page, and keeps it', async () => {
    const device = phone(t.service.app, 'elder-a')
    const ask = mp.open('ask', device)
    expect(ask.querySelector('.page').dom.className).not.toMatch(/\blarge\b/)
    await fire(ask, '.large-switch', 'change', { value: true })
    await until('large text', () => /\blarge\b/.test(ask.querySelector('.page').dom.className))
    const contacts = mp.open('contacts', device)
    expect(contacts.querySelector('.page').dom.className).toMatch(/\blarge\b/)
  })

  it('is honoured by every page, and switched off from any of them', async () => {
    const device = phone(t.service.app, 'elder-b')
    const large = (page: any) => /\blarge\b/.test(page.querySelector('.page').dom.className)
    await fire(mp.open('mine', device), '.large-switch', 'change', { value: true })
    for (const name of PAGES) {
      const page = mp.open(name, device)
      expect(large(page), name).toBe(true)
      expect(page.querySelector('.large-switch'), name).toBeTruthy()
    }
    const check = mp.open('check', device)
    await fire(check, '.large-switch', 'change', { value: false })
    expect(large(check)).toBe(false)
    for (const name of PAGES) expect(large(mp.open(name, device)), name).toBe(false)
  })
})

describe('干部 and 我家档案: the same access rules as the API', () => {
  it('a user without a binding sees the binding form and no household', async () => {
    const page = mp.open('cadre', phone(t.service.app, 'stranger-a'))
    await until('the form', () => !!page.querySelector('.binding-code'))
    expect(all(page, '.household')).toHaveLength(0)
    await type(page, '.binding-code', '000000')
    await tap(page, '.bind')
    await until('the refusal', () => !!text(page, '.error'))
    expect(text(page, '.error')).toMatch(/绑定码不对/)
    expect(all(page, '.household')).toHaveLength(0)
  })

  it('a cadre binds with the code, sees only their households, records a visit and takes up a report', async () => {
    const device = phone(t.service.app, 'cadre-a')
    const { code } = await t.service.stores.access.issueBindingCode('BF-A', clock())
    const filed = await t.call('POST', '/api/reports', {
      category: '住房安全',
      description: '家里的墙裂了一道大缝',
      place: { town: '东山镇', village: '东山村' },
    })
    expect(filed.status).toBe(201)
    const page = mp.open('cadre', device)
    await until('the form', () => !!page.querySelector('.binding-code'))
    await type(page, '.binding-code', code)
    await tap(page, '.bind')
    await until('the households', () => all(page, '.household').length > 0)
    expect(device.seen.subscribeAsked).toEqual([[CADRE_TEMPLATE]])
    expect(
      all(page, '.household .title')
        .map((h) => h.dom.textContent.replace(/（.*/, ''))
        .sort(),
    ).toEqual(['张三', '李四'])

    await tap(page, '.visit')
    await type(page, '.visit-note', '了解了孩子上学的情况')
    await tap(page, '.save-visit')
    await until('the visit saved', () => device.seen.toasts.includes('已记下'))
    const visits = await asCadre('GET', '/api/households/DS-0001')
    expect(JSON.stringify(visits.body.visits)).toContain('了解了孩子上学的情况')

    const tab = all(page, '.tab').find((b) => b.dom.textContent === '反映的问题')
    tab.dispatchEvent('tap')
    await tick()
    await until('the reports', () => all(page, '.report').some((r) => r.dom.textContent.includes(filed.body.ticket)))
    const accept = all(page, '.act-accept').find((b) => b.dom.getAttribute('data-ticket') === filed.body.ticket)
    accept.dispatchEvent('tap')
    await tick()
    await until('已受理', () =>
      all(page, '.report').some((r) => r.dom.textContent.includes(filed.body.ticket) && r.dom.textContent.includes('已受理')),
    )
    expect((await asCadre('GET', `/api/reports/${filed.body.ticket}`)).body.status).toBe('已受理')
  })

  it('a household verifies once and then sees its own record, its ID masked', async () => {
    const device = phone(t.service.app, 'household-a')
    const page = mp.open('household', device)
    await until('the form', () => !!page.querySelector('.verify'))
    await type(page, '.name', '张三')
    await type(page, '.id-last6', '011234')
    await tap(page, '.verify')
    await until('the record', () => !!text(page, '.record'))
    expect(text(page, '.record .title')).toBe('张三户（东山镇东山村）')
    expect(text(page, '.record')).not.toMatch(/330102199001011234/)
    expect(text(page, '.record')).toMatch(/身份证号：\S*\*/)

    // a household is not a cadre: 干部 shows it the binding form, not the area's households
    const cadre = mp.open('cadre', device)
    await until('the form', () => !!cadre.querySelector('.binding-code'))
    expect(all(cadre, '.household')).toHaveLength(0)
  })

  it('a cadre sees who is due a visit and who has an alert, as the service lists them', async () => {
    const device = phone(t.service.app, 'cadre-b')
    await asCadre('POST', '/api/households/DS-0001/visits', { note: '上门看了看' })
    const { code } = await t.service.stores.access.issueBindingCode('BF-A', clock())
    const page = mp.open('cadre', device)
    await until('the form', () => !!page.querySelector('.binding-code'))
    await type(page, '.binding-code', code)
    await tap(page, '.bind')
    await until('the households', () => all(page, '.household').length > 0)
    const names = () => all(page, '.household .title').map((h) => h.dom.textContent.replace(/（.*/, '') as string)
    const show = async (label: string, n: number) => {
      all(page, '.tab')
        .find((b) => b.dom.textContent === label)
        .dispatchEvent('tap')
      await tick()
      await until(label, () => names().length === n && device.idle())
    }
    const lines = (selector: string) => all(page, selector).map((x) => x.dom.textContent as string)

    // both are short of the county's visits this year (张三 visited once or twice, as the tests ran); 李四 never
    await show('该走访', 2)
    const due = Object.fromEntries(names().map((n, i) => [n, lines('.household .due')[i]]))
    expect(due['张三']).toMatch(/^该走访了：今年走访[12]次，不足每年6次（乌审旗要求）$/)
    expect(due['李四']).toMatch(/^该走访了：.*还没有走访记录/)
    // only 张三's income fell below the line, with a serious illness and an unsafe house (in plain words)
    await show('预警', 1)
    expect(names()).toEqual(['张三'])
    expect(lines('.household .alert')).toEqual([
      '收入低于监测线：2025年人均纯收入4200元，低于监测线5000元（xx县标准）',
      '大病：张小明患大病',
      '三保障有缺口：还没保障：住房安全',
    ])
    await show('帮扶户', 2)
    expect(text(page, '.total')).toBe('共 2 户')
  })
})

describe('the package', () => {
  it('sets no text under 16px and no width a 360-px screen cannot hold', () => {
    const styles = readdirSync(join(mp.dist, 'pages'))
      .map((page) => join(mp.dist, 'pages', page, `${page}.wxss`))
      .concat(join(mp.dist, 'app.wxss'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n')
    const sizes = [...styles.matchAll(/font-size:\s*([\d.]+)(px|rpx)/g)].map((m) => Number(m[1]) / (m[2] === 'rpx' ? 2 : 1))
    expect(sizes.length).toBeGreaterThan(5)
    expect(sizes.filter((px) => px < 16)).toEqual([])
    expect(styles).toMatch(/^page \{[^}]*font-size: 18px/m)
    const widths = [...styles.matchAll(/(?<![-\w])(?:min-)?width:\s*([\d.]+)(px|rpx)/g)].map((m) => Number(m[1]) / (m[2] === 'rpx' ? 2 : 1))
    expect(widths.filter((px) => px > 360 - 24)).toEqual([])
    // one rule per selector in the shared sheet: a second one would silently undo the first (大字 included)
    const selectors = [...readFileSync(join(mp.dist, 'app.wxss'), 'utf8').matchAll(/^([^{/\n][^{]*)\{/gm)].map((m) => m[1]!.trim())
    expect(selectors.filter((x, i) => selectors.indexOf(x) !== i)).toEqual([])
  })

  it('stays under WeChat’s 2 MB main-package limit, with every page of app.json built', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]))
    const files = walk(mp.dist)
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0)
    expect(bytes).toBeLessThan(2 * 1024 * 1024)
    for (const page of PAGES)
      for (const ext of ['js', 'wxml', 'wxss', 'json']) expect(files).toContain(join(mp.dist, 'pages', page, `${page}.${ext}`))
  })
})
