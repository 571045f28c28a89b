import { describe, it, expect, beforeEach } from 'vitest'
import ExcelJS from 'exceljs'
import { ADMIN_TOKEN, testApp } from '../support/app.ts'
import { seedHouseholds, UNMASKED } from '../support/households.ts'

/** The weekly workbook, opened again with ExcelJS and read cell by cell. */
let clock: Date
let service: Awaited<ReturnType<typeof testApp>>
let tokens: Record<string, string>
beforeEach(async () => {
  clock = new Date('2026-11-02T02:00:00Z')
  service = await testApp(undefined, () => clock, { rateLimits: false })
  tokens = await seedHouseholds(service)
})

const post = (url: string, body: unknown, token?: string) =>
  service.app.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
const fileReport = async (town: string, village: string, description: string) =>
  (await (await post('/api/reports', { category: '住房安全', description, place: { town, village } })).json()) as { ticket: string }

async function workbook(token: string, query = '') {
  const res = await service.app.request(`/api/office/weekly.xlsx${query}`, { headers: { authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await res.arrayBuffer())
  return wb
}
const values = (ws: ExcelJS.Worksheet) =>
  ws
    .getSheetValues()
    .slice(1)
    .map((row) => (row as unknown[]).slice(1))

describe('the weekly workbook', () => {
  it('has the week beside the week before, the reports ledger, overdue items, alerts and visits, with Chinese headers', async () => {
    const old = await fileReport('东山镇', '东山村', '上周反映的：桥断了没人修')
    const forgotten = await fileReport('东山镇', '桃园村', '上周反映的：路灯坏了')
    clock = new Date('2026-11-09T02:00:00Z')
    await post(`/api/reports/${old.ticket}/actions`, { action: 'accept', assignee: 'county-fupinban' }, ADMIN_TOKEN)
    const a = await fileReport('东山镇', '东山村', '房子漏雨，联系我 13812345678，身份证 330102199001011234')
    await fileReport('西河乡', '西河村', '自来水停了三天')
    const wb = await workbook(ADMIN_TOKEN, '?to=2026-11-09')
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '问题台账', '超期问题', '返贫监测预警', '走访'])
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(ws.getRow(1).font?.bold).toBe(true)
    }

    const summary = values(wb.getWorksheet('汇总')!)
    expect(summary[0]![0]).toBe('指标（全县，本周 2026-11-03 至 2026-11-09）')
    expect(summary.find((r) => r[0] === '登记的问题（件）')).toEqual(['登记的问题（件）', 2, 2, 0])
    // never taken up in 7 days (the limit is 2): the one overdue item, with its ticket
    expect(summary.find((r) => r[0] === '目前超期的问题（件）')![1]).toBe(1)
    expect(values(wb.getWorksheet('超期问题')!)[1]).toEqual([forgotten.ticket, '住房安全', '东山镇', '桃园村', '待受理', '受理超期', 5])

    const ledger = values(wb.getWorksheet('问题台账')!)
    expect(ledger[0]).toEqual([
      '受理编号',
      '类别',
      '乡镇',
      '村',
      '问题描述',
      '状态',
      '办理单位',
      '是否超期',
      '反映时间',
      '受理时间',
      '办结时间',
      '销号时间',
      '办理结果',
    ])
    const row = ledger.find((r) => r[0] === a.ticket)!
    // the admin's copy keeps what was typed; times are real dates, as read in China
    expect(row[4]).toContain('13812345678')
    expect(row[8]).toEqual(new Date('2026-11-09T10:00:00Z'))
    expect(wb.getWorksheet('问题台账')!.getColumn(9).numFmt).toBe('yyyy-mm-dd hh:mm')
    expect(ledger).toHaveLength(5)

    const alerts = values(wb.getWorksheet('返贫监测预警')!)
    expect(alerts[0]).toEqual(['乡镇', '村', '户数', '收入低于监测线', '大病', '突发困难', '三保障未达标', '合计'])
    expect(alerts.find((r) => r[1] === '东山村')!.slice(4, 5)).toEqual([1])
    const visits = values(wb.getWorksheet('走访')!)
    expect(
      visits
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['乙干部', '戊干部', '甲干部'].sort())
  })

  it('masks ID and phone numbers for a 乡镇 and shows only its town', async () => {
    const a = await fileReport('东山镇', '东山村', '房子漏雨，联系我 13812345678，身份证 330102199001011234')
    const other = await fileReport('西河乡', '西河村', '自来水停了三天')
    const wb = await workbook(tokens['ZG-DS']!)
    const ledger = values(wb.getWorksheet('问题台账')!)
    const tickets = ledger.slice(1).map((r) => r[0])
    expect(tickets).toContain(a.ticket)
    expect(tickets).not.toContain(other.ticket)
    for (const ws of wb.worksheets) for (const r of values(ws)) for (const cell of r) expect(String(cell ?? '')).not.toMatch(UNMASKED)
    expect(ledger.find((r) => r[0] === a.ticket)![4]).toContain('138****5678')
  })

  it('is for the office roles only', async () => {
    const get = (token?: string) =>
      service.app.request('/api/office/weekly.xlsx', token ? { headers: { authorization: `Bearer ${token}` } } : {})
    expect((await get(tokens['BF-A'])).status).toBe(403)
    expect((await get()).status).toBe(401)
  })
})
