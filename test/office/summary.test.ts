import { describe, it, expect, beforeEach } from 'vitest'
import { ADMIN_TOKEN, testApp } from '../support/app.ts'
import { seedHouseholds, HOUSEHOLDS } from '../support/households.ts'
import type { OfficeSummary } from '../../api/domain/office/summary.ts'

/**
 * The office's dashboard figures (GET /api/office/summary) against a county whose counts are known:
 * reports filed and taken through the workflow over the API on a test clock, the hand-made households
 * of test/support/households.ts, visits and questions; and who may see which area.
 */
let clock: Date
let service: Awaited<ReturnType<typeof testApp>>
let tokens: Record<string, string>
beforeEach(async () => {
  clock = new Date('2026-11-02T02:00:00Z')
  service = await testApp(undefined, () => clock, { rateLimits: false })
  tokens = await seedHouseholds(service)
})

const call = async (method: string, url: string, body?: unknown, token?: string) => {
  const res = await service.app.request(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: res.status, body: await res.json() }
}
const file = async (town: string, village: string, category = '住房安全') =>
  (
    await call('POST', '/api/reports', {
      category,
      description: '房子裂缝很大，下雨漏水，一直没人来看',
      place: { town, village },
    })
  ).body as { ticket: string; code: string }
const act = (ticket: string, body: unknown) => call('POST', `/api/reports/${ticket}/actions`, body, ADMIN_TOKEN)
const summary = async (query = '', token = ADMIN_TOKEN) => call('GET', `/api/office/summary${query}`, undefined, token)
const days = (n: number) => (clock = new Date(clock.getTime() + n * 86_400_000))

describe('the office summary', () => {
  it('counts reports, their progress, delays and satisfaction as filed and handled', async () => {
    // Nov 2: three in 东山镇, one in 西河乡
    const a = await file('东山镇', '东山村')
    const b = await file('东山镇', '桃园村', '饮水安全')
    const c = await file('东山镇', '东山村')
    const d = await file('西河乡', '西河村')
    days(1) // Nov 3: a and d taken up after a day; b refused
    await act(a.ticket, { action: 'accept', assignee: 'county-fupinban' })
    await act(d.ticket, { action: 'accept', assignee: 'county-fupinban' })
    expect((await act(b.ticket, { action: 'refuse', reason: '重复', note: '重复反映，已在办理' })).status).toBe(200)
    days(3) // Nov 6: a resolved (4 days from filing), and the reporter is satisfied
    await act(a.ticket, { action: 'start' })
    await act(a.ticket, { action: 'resolve', note: '已维修' })
    expect((await call('POST', `/api/reports/${a.ticket}/feedback`, { code: a.code, satisfied: true })).status).toBe(200)
    await act(d.ticket, { action: 'start' })
    await act(d.ticket, { action: 'resolve', note: '已处理' })
    expect((await call('POST', `/api/reports/${d.ticket}/feedback`, { code: d.code, satisfied: false, note: '还在漏' })).status).toBe(200)

    const s = (await summary('?from=2026-11-01&to=2026-11-06')).body as OfficeSummary
    expect(s.reports.filed).toBe(4)
    expect(s.reports.byStatus).toEqual({ 已销号: 1, 不予受理: 1, 待受理: 1, 办理中: 1 })
    expect(s.reports.byCategory).toEqual({ 住房安全: 3, 饮水安全: 1 })
    expect(s.reports.closed).toBe(1)
    expect(s.reports.closedRate).toBe(0.333) // 1 of the 3 taken up
    expect([s.reports.satisfied, s.reports.unsatisfied, s.reports.satisfactionRate]).toEqual([1, 1, 0.5])
    expect(s.reports.medianDaysToAccept).toBe(1.25) // three took 1 day: the half-day bin [1, 1.5)
    // c is still 待受理 four days after filing (the limit is 2): 受理超期 by 2 days, shown with its ticket
    expect(s.reports.overdueCount).toBe(1)
    expect(s.reports.overdue).toEqual([
      { ticket: c.ticket, category: '住房安全', town: '东山镇', village: '东山村', status: '待受理', kind: '受理超期', daysOver: 2 },
    ])
    expect(s.reports.byTown).toContainEqual({ town: '东山镇', filed: 3, open: 1, overdue: 1 })
    expect(s.reports.byTown).toContainEqual({ town: '西河乡', filed: 1, open: 1, overdue: 0 })
    expect(s.reports.trend.at(-1)).toEqual({ weekStart: '2026-10-31', filed: 4, closed: 1 })
    expect(s.reports.trend).toHaveLength(12)
    // a range before anything was filed counts nothing
    expect((await summary('?from=2026-10-01&to=2026-10-31')).body.reports.filed).toBe(0)

    // after a restart the figures are rebuilt from the files, the same
    await service.close()
    service = await testApp(service.dataDir, () => clock, { rateLimits: false })
    expect((await summary('?from=2026-11-01&to=2026-11-06')).body).toEqual(s)
  })

  it('counts households by status and alerts by village, and visit completion per cadre, worst first', async () => {
    const s = (await summary()).body as OfficeSummary
    expect(s.households.total).toBe(HOUSEHOLDS.length)
    expect(s.households.byStatus).toEqual({ 已脱贫: 4 })
    const dongshan = s.households.alertsByVillage.find((v) => v.village === '东山村')!
    // DS-0001: a son with 大病, housing not secure
    expect(dongshan.alerts).toMatchObject({ 大病: 1, 三保障未达标: 1, 突发困难: 0 })
    expect(s.households.alertsByVillage[0]!.village).toBe('东山村')
    // what the household's own page says about its income agrees with the count
    const detail = (await call('GET', '/api/households/DS-0001', undefined, ADMIN_TOKEN)).body
    const incomeAlert = (detail.alerts as string[]).some((x) => x.startsWith('收入低于监测线'))
    expect(dongshan.alerts['收入低于监测线']).toBe(incomeAlert ? 1 : 0)

    // A 家庭 hit by a disaster: the 核实 adds a shock, and the village's 突发困难 count follows
    await service.stores.households.addShock('TY-0001', '灾害', clock)
    const after = (await summary()).body as OfficeSummary
    expect(after.households.alertsByVillage.find((v) => v.village === '桃园村')!.alerts['突发困难']).toBe(1)

    const target = s.households.visitTarget!
    expect(target).toBeGreaterThan(0)
    for (let i = 0; i < target; i++) {
      const res = await call('POST', '/api/households/TY-0001/visits', { note: `第${i + 1}次走访，了解生产生活情况` }, tokens['BF-B'])
      expect(res.status).toBe(201)
    }
    const visits = ((await summary()).body as OfficeSummary).households.visits
    expect(visits.find((v) => v.cadreId === 'BF-B')).toMatchObject({ households: 1, reached: 1, rate: 1 })
    expect(visits.find((v) => v.cadreId === 'BF-A')).toMatchObject({ households: 2, reached: 0, rate: 0 })
    expect(visits.at(-1)!.cadreId).toBe('BF-B')
  })

  it('counts questions by how they were answered, and groups the unanswered ones', async () => {
    for (const q of ['孩子上高职有补助吗', '危房改造补助多少钱', '明天天气怎么样', '明天天气怎么样啊', '今年彩礼有没有限额']) {
      expect((await call('GET', `/api/ask?q=${encodeURIComponent(q)}`)).status).toBe(200)
    }
    const s = ((await summary()).body as OfficeSummary).questions
    expect(s.total).toBe(5)
    expect(s.days).toHaveLength(1)
    expect(s.days[0]!.day).toBe('2026-11-02')
    expect(s.days[0]!.answer + s.days[0]!.tentative + s.days[0]!.none).toBe(5)
    const weather = s.unanswered.find((g) => g.question.includes('天气'))!
    expect(weather.count).toBe(2)
    expect(s.unanswered.filter((g) => g.question.includes('天气'))).toHaveLength(1)
  })

  it('shows each office role its own area only, and nobody else anything', async () => {
    await file('东山镇', '东山村')
    await file('东山镇', '桃园村')
    await file('西河乡', '西河村')
    const town = (await summary('', tokens['ZG-DS'])).body as OfficeSummary
    expect(town.area).toBe('东山镇')
    expect(town.reports.filed).toBe(2)
    expect(town.households.total).toBe(3)
    expect(town.households.alertsByVillage.every((v) => v.town === '东山镇')).toBe(true)
    const secretary = (await summary('', tokens['SJ-DS'])).body as OfficeSummary
    expect([secretary.reports.filed, secretary.households.total]).toEqual([1, 2])
    expect(secretary.households.visits.map((v) => v.cadreId).sort()).toEqual(['BF-A'])

    expect((await summary('?town=西河乡', tokens['ZG-DS'])).status).toBe(403)
    expect((await summary('', tokens['BF-A'])).status).toBe(403)
    expect((await summary('')).status).toBe(200)
    expect((await call('GET', '/api/office/summary')).status).toBe(401)
    expect((await summary('', 'forged-token-0123456789abcdef')).status).toBe(401)
    expect((await summary('?from=2026-11-05&to=2026-11-01')).status).toBe(400)
    expect((await summary('?from=2025-01-01&to=2026-11-01')).status).toBe(400)
  })

  it('holds no personal data: no names, ID or phone numbers, no words a reporter wrote', async () => {
    await file('东山镇', '东山村')
    const text = JSON.stringify((await summary()).body)
    for (const h of HOUSEHOLDS) {
      expect(text).not.toContain(h.headName)
      expect(text).not.toContain(h.idNumber)
      expect(text).not.toContain(h.id)
    }
    expect(text).not.toContain('裂缝')
  })
})
