import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, expect, beforeEach } from 'vitest'
import { createService } from '../../api/service.ts'
import { ADMIN_TOKEN, BOT_TOKEN, tempDir, testKnowledge } from '../support/app.ts'
import type { Principal } from '../../api/domain/access/principal.ts'

const CADRES: Record<string, Principal> = {
  'cadre-dongshan-token-01': { kind: 'cadre', cadreId: 'c1', name: '张三', role: '乡镇扶贫专干', town: '东山镇', villages: [] },
  'cadre-xihe-token-000001': { kind: 'cadre', cadreId: 'c2', name: '李四', role: '乡镇扶贫专干', town: '西河乡', villages: [] },
}
let clock = new Date('2026-11-25T02:00:00Z')
let service: Awaited<ReturnType<typeof createService>>
let dataDir: string
beforeEach(async () => {
  clock = new Date('2026-11-25T02:00:00Z')
  dataDir = tempDir()
  service = await createService({
    knowledge: testKnowledge(),
    dataDir,
    adminToken: ADMIN_TOKEN,
    botToken: BOT_TOKEN,
    now: () => clock,
    overrides: {
      resolveToken: async (t) => (CADRES[t] ? { principal: CADRES[t] } : undefined),
      cadreSessions: async ({ town }) => (town === '东山镇' ? ['wx:cadre-zhang'] : []),
    },
  })
})
const call = async (method: string, url: string, body?: unknown, token?: string) => {
  const res = await service.app.request(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const bytes = Buffer.from(await res.arrayBuffer())
  const text = bytes.toString('utf8')
  return { status: res.status, bytes, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text }
}
const file = (over: Record<string, unknown> = {}) =>
  call('POST', '/api/reports', {
    category: '住房安全',
    description: '我家房子裂缝很大，下雨漏水，一直没人来看',
    place: { town: '东山镇', village: '东山村' },
    reporter: { name: '王大娘', phone: '13812345678' },
    ...over,
  })
const act = (ticket: string, body: unknown, token = ADMIN_TOKEN) => call('POST', `/api/reports/${ticket}/actions`, body, token)

describe('reporting a problem', () => {
  it('stops the guessing of a ticket’s query code after 5 wrong tries, for that ticket only', async () => {
    const a = (await file()).body
    const b = (await file()).body
    for (let i = 0; i < 5; i++) expect((await call('GET', `/api/reports/${a.ticket}?code=WRONG${i}`)).status).toBe(404)
    const locked = await call('GET', `/api/reports/${a.ticket}?code=${a.code}`)
    expect(locked.status).toBe(429)
    expect(locked.body.error.message).toMatch(/查询码错误次数太多，请\d+分钟后再试/)
    expect((await call('POST', `/api/reports/${a.ticket}/feedback`, { satisfied: true, code: a.code })).status).toBe(429)
    expect((await call('GET', `/api/reports/${b.ticket}?code=${b.code}`)).status).toBe(200)
  })

  it('stops one caller trying codes across many tickets (20 wrong an hour), though each ticket is under its own count', async () => {
    const tickets = []
    for (let i = 0; i < 6; i++) tickets.push((await file()).body)
    for (const t of tickets.slice(0, 5))
      for (let i = 0; i < 4; i++) expect((await call('GET', `/api/reports/${t.ticket}?code=WRONG${i}`)).status).toBe(404)
    const last = tickets[5]!
    const locked = await call('GET', `/api/reports/${last.ticket}?code=${last.code}`)
    expect(locked.status).toBe(429)
    expect(locked.body.error.message).toMatch(/查询码错误次数太多/)
    // from another address the holder of the code still reads it
    const own = await service.app.request(`/api/reports/${last.ticket}?code=${last.code}`, {}, { clientAddress: '10.1.2.3' })
    expect(own.status).toBe(200)
  })

  it('gives a ticket and a query code, and the code shows the progress', async () => {
    const filed = await file()
    expect(filed.status).toBe(201)
    expect(filed.body.ticket).toMatch(/^FK-2026-\d{6}$/)
    expect(filed.body.message).toContain('住房和城乡建设局')
    const seen = await call('GET', `/api/reports/${filed.body.ticket}?code=${filed.body.code}`)
    expect(seen.status).toBe(200)
    expect(seen.body).toMatchObject({ status: '待受理', category: '住房安全' })
    expect((await call('GET', `/api/reports/${filed.body.ticket}?code=AAAAAAAA`)).status).toBe(404)
    expect((await call('GET', `/api/reports/${filed.body.ticket}`)).status).toBe(404)
    expect((await call('GET', '/api/reports/FK-2026-999999?code=AAAAAAAA')).status).toBe(404)
  })

  it('numbers tickets in order', async () => {
    const a = await file()
    const b = await file()
    expect(Number(b.body.ticket.slice(-6))).toBe(Number(a.body.ticket.slice(-6)) + 1)
  })

  it.each([
    [{ category: '天气' }, '类别'],
    [{ description: '漏水' }, '问题描述'],
    [{ place: { town: '火星镇' } }, '乡镇'],
    [{ place: { town: '东山镇', village: '不存在村' } }, '村'],
    [{ reporter: { phone: 'call me' } }, '电话'],
  ])('refuses %j with a 400 naming the field', async (over, field) => {
    const res = await file(over)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(field)
  })

  it('tells the cadres of the area, without saying who reported', async () => {
    await file()
    const notices = service.stores.outbox.pending(10)
    expect(notices).toHaveLength(1)
    expect(notices[0]!.session).toBe('wx:cadre-zhang')
    expect(notices[0]!.text).toContain('【新问题】')
    expect(notices[0]!.text).not.toContain('王大娘')
    expect(notices[0]!.text).not.toContain('1381')
  })
})

describe('following a report to 销号', () => {
  it('goes 待受理 → 已受理 → 办理中 → 已办结 → 已销号, with who and when in the history', async () => {
    const { body: filed } = await file()
    expect((await act(filed.ticket, { action: 'accept' })).body).toMatchObject({ status: '已受理', assignee: '演示县住房和城乡建设局' })
    clock = new Date('2026-11-26T02:00:00Z')
    expect((await act(filed.ticket, { action: 'start' }, 'cadre-dongshan-token-01')).body.status).toBe('办理中')
    expect((await act(filed.ticket, { action: 'resolve', note: '已鉴定为C级，纳入危房改造' })).body.status).toBe('已办结')
    const done = await call('POST', `/api/reports/${filed.ticket}/feedback`, { code: filed.code, satisfied: true })
    expect(done.body.status).toBe('已销号')
    expect(done.body.history.map((h: any) => h.to)).toEqual(['待受理', '已受理', '办理中', '已办结', '已销号'])
    expect(done.body.history[2].actor.label).toBe('东山镇乡镇扶贫专干张三')
    expect(done.body.history[3].note).toContain('C级')
  })

  it('reopens on 不满意, and refuses what the state does not allow with a Chinese 409', async () => {
    const { body: filed } = await file()
    const early = await act(filed.ticket, { action: 'resolve', note: '好了' })
    expect(early.status).toBe(409)
    expect(early.body.error.message).toContain('待受理')
    await act(filed.ticket, { action: 'accept' })
    await act(filed.ticket, { action: 'start' })
    await act(filed.ticket, { action: 'resolve', note: '已处理' })
    const unhappy = await call('POST', `/api/reports/${filed.ticket}/feedback`, { code: filed.code, satisfied: false, note: '还在漏' })
    expect(unhappy.body.status).toBe('办理中')
  })

  it('needs a reason to refuse', async () => {
    const { body: filed } = await file()
    expect((await act(filed.ticket, { action: 'refuse' })).status).toBe(400)
    const refused = await act(filed.ticket, { action: 'refuse', reason: '重复', note: '同 FK-2026-000001' })
    expect(refused.body.status).toBe('不予受理')
  })

  it('asks 问题解决了吗 after 3 days and closes after 7 without objection', async () => {
    const { body: filed } = await file()
    await act(filed.ticket, { action: 'accept' })
    await act(filed.ticket, { action: 'start' })
    await act(filed.ticket, { action: 'resolve', note: '已处理' })
    clock = new Date('2026-11-29T03:00:00Z')
    expect((await call('POST', '/api/reports/sweep', undefined, ADMIN_TOKEN)).body).toMatchObject({ asked: 1, closed: 0 })
    clock = new Date('2026-12-03T03:00:00Z')
    expect((await call('POST', '/api/reports/sweep', undefined, ADMIN_TOKEN)).body).toMatchObject({ closed: 1 })
    expect((await call('GET', `/api/reports/${filed.ticket}?code=${filed.code}`)).body.status).toBe('已销号')
    const late = await call('POST', `/api/reports/${filed.ticket}/feedback`, { code: filed.code, satisfied: false })
    expect(late.status).toBe(409)
    expect(late.body.error.message).toContain('销号')
  })

  it('flags and reminds overdue reports', async () => {
    await file()
    clock = new Date('2026-11-28T03:00:00Z')
    const listed = await call('GET', '/api/reports?overdue=true', undefined, ADMIN_TOKEN)
    expect(listed.body.total).toBe(1)
    expect((await call('POST', '/api/reports/sweep', undefined, ADMIN_TOKEN)).body.reminded).toBe(1)
    expect(service.stores.outbox.pending(10).some((n) => n.text.includes('【超期提醒】'))).toBe(true)
  })
})

describe('who sees what', () => {
  it('shows the reporter to the admin only', async () => {
    const { body: filed } = await file()
    const admin = await call('GET', `/api/reports/${filed.ticket}`, undefined, ADMIN_TOKEN)
    expect(admin.body.reporter).toMatchObject({ name: '王大娘', phone: '13812345678' })
    const cadre = await call('GET', `/api/reports/${filed.ticket}`, undefined, 'cadre-dongshan-token-01')
    expect(cadre.status).toBe(200)
    expect(JSON.stringify(cadre.body)).not.toMatch(/王大娘|13812345678/)
    const list = await call('GET', '/api/reports', undefined, 'cadre-dongshan-token-01')
    expect(JSON.stringify(list.body)).not.toMatch(/王大娘|13812345678/)
  })

  it('stores nothing of an anonymous reporter', async () => {
    const { body: filed } = await file({ anonymous: true })
    const admin = await call('GET', `/api/reports/${filed.ticket}`, undefined, ADMIN_TOKEN)
    expect(admin.body).toMatchObject({ anonymous: true, reporter: null })
    const onDisk = readdirSync(dataDir)
      .map((f) => readFileSync(join(dataDir, f), 'utf8'))
      .join('\n')
    expect(onDisk).toContain(filed.ticket)
    expect(onDisk).not.toMatch(/王大娘|13812345678/)
  })

  it('keeps a cadre to their own town', async () => {
    const { body: filed } = await file()
    const other = 'cadre-xihe-token-000001'
    expect((await call('GET', `/api/reports/${filed.ticket}`, undefined, other)).status).toBe(404)
    expect((await act(filed.ticket, { action: 'accept' }, other)).status).toBe(404)
    expect((await call('GET', '/api/reports', undefined, other)).body.total).toBe(0)
    expect((await call('GET', '/api/reports/export.csv', undefined, other)).status).toBe(403)
    expect((await call('GET', '/api/reports', undefined)).status).toBe(401)
    expect((await call('PUT', '/api/reports/routing', { routes: [{ category: '其他', office: 'county-fupinban' }] }, other)).status).toBe(
      403,
    )
  })

  it('lets no one but the reporter or the admin 销号', async () => {
    const { body: filed } = await file()
    expect((await act(filed.ticket, { action: 'confirm' }, 'cadre-dongshan-token-01')).status).toBe(403)
    expect((await call('POST', `/api/reports/${filed.ticket}/feedback`, { satisfied: true })).status).toBe(404)
  })

  it('publishes an Open311 view without personal data: no reporter’s words, no village', async () => {
    await file({ description: '帮扶干部王五从不来，我的电话13812345678' })
    const res = await call('GET', '/open311/v2/requests.json?status=open')
    expect(res.status).toBe(200)
    expect(res.body[0]).toMatchObject({ status: 'open', service_name: '住房安全', address: '东山镇' })
    expect(JSON.stringify(res.body)).not.toMatch(/13812345678|王大娘|王五|从不来|东山村/)
  })
})

describe('oversight', () => {
  it('counts by status, category and town, with 销号率 and median days to close', async () => {
    const a = (await file()).body
    await file({ category: '饮水安全', place: { town: '西河乡' } })
    await act(a.ticket, { action: 'accept' })
    await act(a.ticket, { action: 'start' })
    await act(a.ticket, { action: 'resolve', note: '已修' })
    clock = new Date('2026-11-27T02:00:00Z')
    await call('POST', `/api/reports/${a.ticket}/feedback`, { code: a.code, satisfied: true })
    const stats = (await call('GET', '/api/reports/stats', undefined, ADMIN_TOKEN)).body
    expect(stats).toMatchObject({
      total: 2,
      byStatus: { 已销号: 1, 待受理: 1 },
      byTown: { 东山镇: 1, 西河乡: 1 },
      closedRate: 0.5,
      medianDaysToClose: 2,
    })
    const cadre = (await call('GET', '/api/reports/stats', undefined, 'cadre-dongshan-token-01')).body
    expect(cadre.total).toBe(1)
  })

  it('exports the 问题整改台账 as CSV that Excel opens, without the reporter', async () => {
    const a = (await file({ description: '房子漏水，"急"，请尽快处理' })).body
    await act(a.ticket, { action: 'accept' })
    const csv = await call('GET', '/api/reports/export.csv', undefined, ADMIN_TOKEN)
    expect(csv.status).toBe(200)
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe('受理编号,类别,乡镇,村,问题描述,状态,办理单位,是否超期,反映时间,受理时间,办结时间,销号时间,办理结果')
    expect(lines[1]).toContain(`${a.ticket},住房安全,东山镇,东山村,"房子漏水，""急""，请尽快处理",已受理,演示县住房和城乡建设局,否`)
    expect(csv.body).not.toMatch(/王大娘|13812345678/)
  })
})
