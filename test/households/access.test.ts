import { describe, it, expect, beforeEach } from 'vitest'
import { testApp, ADMIN_TOKEN } from '../support/app.ts'
import { seedHouseholds, UNMASKED } from '../support/households.ts'

let clock = new Date('2026-11-25T02:00:00Z')
let service: Awaited<ReturnType<typeof testApp>>
let tokens: Record<string, string>
const responses: string[] = []

beforeEach(async () => {
  clock = new Date('2026-11-25T02:00:00Z')
  service = await testApp(undefined, () => clock)
  tokens = await seedHouseholds(service)
})

async function call(method: string, url: string, token?: string, body?: unknown) {
  const res = await service.app.request(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  responses.push(text)
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  }
}

async function householdToken(name: string, idLast6: string) {
  const res = await call('POST', '/api/households/verify', undefined, { name, idLast6 })
  expect(res.status).toBe(200)
  return res.body.token as string
}

const ids = (res: { body: { households: { id: string }[] } }) => res.body.households.map((h) => h.id).sort()

describe('who may see which household, over HTTP', () => {
  // (who) × (list, read, visit): the households each caller lists, and what reading and visiting answer.
  const MATRIX: { who: string; lists: string[]; reads: Record<string, number>; visits: Record<string, number> }[] = [
    {
      who: 'BF-A',
      lists: ['DS-0001', 'DS-0002'],
      reads: { 'DS-0001': 200, 'TY-0001': 403, 'XH-0001': 403, 'NO-SUCH-1': 403 },
      visits: { 'DS-0001': 201, 'TY-0001': 403 },
    },
    {
      who: 'BF-B',
      lists: ['TY-0001'],
      reads: { 'TY-0001': 200, 'DS-0001': 403, 'NO-SUCH-1': 403 },
      visits: { 'TY-0001': 201, 'DS-0002': 403 },
    },
    { who: 'SJ-DS', lists: ['DS-0001', 'DS-0002'], reads: { 'DS-0002': 200, 'TY-0001': 403 }, visits: { 'DS-0001': 201, 'TY-0001': 403 } },
    {
      who: 'ZG-DS',
      lists: ['DS-0001', 'DS-0002', 'TY-0001'],
      reads: { 'TY-0001': 200, 'XH-0001': 403 },
      visits: { 'TY-0001': 201, 'XH-0001': 403 },
    },
    {
      who: 'admin',
      lists: ['DS-0001', 'DS-0002', 'TY-0001', 'XH-0001'],
      reads: { 'XH-0001': 200, 'NO-SUCH-1': 404 },
      visits: { 'XH-0001': 201 },
    },
  ]
  for (const row of MATRIX) {
    it(`${row.who}: lists ${row.lists.join(', ')}; reads and visits only those`, async () => {
      const token = row.who === 'admin' ? ADMIN_TOKEN : tokens[row.who]
      expect(ids(await call('GET', '/api/households', token))).toEqual(row.lists)
      for (const [id, status] of Object.entries(row.reads))
        expect([id, (await call('GET', `/api/households/${id}`, token)).status]).toEqual([id, status])
      for (const [id, status] of Object.entries(row.visits)) {
        expect([id, (await call('POST', `/api/households/${id}/visits`, token, { note: '入户了解收入和就业情况' })).status]).toEqual([
          id,
          status,
        ])
      }
    })
  }

  it('a verified household sees its own record only, and cannot log visits', async () => {
    const token = await householdToken('张三', '011234')
    expect(ids(await call('GET', '/api/households', token))).toEqual(['DS-0001'])
    expect((await call('GET', '/api/households/DS-0001', token)).status).toBe(200)
    expect((await call('GET', '/api/households/DS-0002', token)).status).toBe(403)
    expect((await call('POST', '/api/households/DS-0001/visits', token, { note: '我自己记一次' })).status).toBe(403)
  })

  it('the public gets 401 for list, read and visit, and nothing about the record', async () => {
    for (const [method, url] of [
      ['GET', '/api/households'],
      ['GET', '/api/households/DS-0001'],
      ['POST', '/api/households/DS-0001/visits'],
    ] as const) {
      const res = await call(method, url, undefined, method === 'POST' ? { note: '看看' } : undefined)
      expect(res.status).toBe(401)
      expect(res.text).not.toContain('张三')
    }
  })

  it('a made-up or stale token is 401, not public', async () => {
    expect((await call('GET', '/api/households', 'forged-token-0000000000000000')).status).toBe(401)
    const old = tokens['BF-A']!
    const renewed = await call('POST', '/api/cadres/BF-A/token', ADMIN_TOKEN)
    expect(renewed.status).toBe(201)
    expect((await call('GET', '/api/households', old)).status).toBe(401)
    expect(ids(await call('GET', '/api/households', renewed.body.token))).toEqual(['DS-0001', 'DS-0002'])
  })

  it('refuses someone else’s household and a household that does not exist with the same body', async () => {
    const other = await call('GET', '/api/households/TY-0001', tokens['BF-A'])
    const none = await call('GET', '/api/households/TY-9999', tokens['BF-A'])
    expect(other.status).toBe(403)
    expect(none.text).toBe(other.text)
    expect(other.body.error.message).toMatch(/没有权限/)
  })

  it('the bot token itself cannot read households (it only speaks for bound contacts)', async () => {
    const { BOT_TOKEN } = await import('../support/app.ts')
    expect((await call('GET', '/api/households', BOT_TOKEN)).status).toBe(403)
    expect((await call('GET', '/api/households/DS-0001', BOT_TOKEN)).status).toBe(403)
  })

  it('a filter cannot widen the scope: cadre B asking for 东山村 gets none', async () => {
    const res = await call('GET', '/api/households?village=东山村', tokens['BF-B'])
    expect(res.body.total).toBe(0)
  })

  it('only the admin issues tokens and binding codes and reads the audit log and the export', async () => {
    for (const [method, url] of [
      ['POST', '/api/cadres/BF-B/token'],
      ['POST', '/api/cadres/BF-B/binding-code'],
      ['GET', '/api/audit'],
      ['GET', '/api/households/export.csv'],
      ['GET', '/api/cadres'],
    ] as const) {
      expect([url, (await call(method, url, tokens['ZG-DS'])).status]).toEqual([url, 403])
      expect([url, (await call(method, url)).status]).toEqual([url, 401])
    }
  })
})

describe('masking', () => {
  it('no response but the admin export carries a whole ID or phone number', async () => {
    responses.length = 0
    const hh = await householdToken('张三', '011234')
    for (const token of [ADMIN_TOKEN, tokens['BF-A'], tokens['ZG-DS'], hh]) {
      await call('GET', '/api/households', token)
      await call('GET', '/api/households/DS-0001', token)
    }
    await call('GET', '/api/cadres', ADMIN_TOKEN)
    await call('GET', '/api/me', tokens['BF-A'])
    await call('GET', '/api/audit', ADMIN_TOKEN)
    expect(responses.join('\n')).toContain('张三')
    expect(responses.filter((r) => UNMASKED.test(r))).toEqual([])
    const detail = await call('GET', '/api/households/DS-0001', tokens['BF-A'])
    expect(detail.body.idNumber).toBe('3301**********1234')
    expect(detail.body.phone).toBe('138****5678')
    expect(detail.body.cadreDetail.phone).toBe('139****1111')
  })

  it('the admin export has the numbers whole, in the import’s columns', async () => {
    const res = await call('GET', '/api/households/export.csv', ADMIN_TOKEN)
    expect(res.status).toBe(200)
    expect(res.text).toContain('330102199001011234')
    expect(res.text.split('\r\n')[0]).toContain('户编号,乡镇,村')
  })
})

describe('audit', () => {
  it('records who read what, when, through which channel — refusals included', async () => {
    await call('GET', '/api/households/DS-0001', tokens['BF-A'])
    clock = new Date('2026-11-25T03:00:00Z')
    await call('GET', '/api/households/TY-0001', tokens['BF-A'])
    await call('GET', '/api/households', tokens['ZG-DS'])
    const log = await call('GET', '/api/audit?limit=10', ADMIN_TOKEN)
    expect(log.body.entries).toEqual([
      expect.objectContaining({
        who: expect.stringContaining('丁专干'),
        action: '列表',
        households: ['DS-0001', 'DS-0002', 'TY-0001'],
        channel: 'API',
        result: '允许',
      }),
      expect.objectContaining({
        who: expect.stringContaining('BF-A'),
        action: '查看',
        households: ['TY-0001'],
        result: '拒绝',
        at: '2026-11-25T03:00:00.000Z',
      }),
      expect.objectContaining({
        who: expect.stringContaining('BF-A'),
        action: '查看',
        households: ['DS-0001'],
        result: '允许',
        at: '2026-11-25T02:00:00.000Z',
      }),
    ])
    const one = await call('GET', '/api/audit?household=DS-0001', ADMIN_TOKEN)
    expect(one.body.entries.every((e: { households: string[] }) => e.households.includes('DS-0001'))).toBe(true)
  })

  it('survives a restart (the log is on disk)', async () => {
    await call('GET', '/api/households/DS-0001', tokens['BF-A'])
    await service.stores.audit.close()
    const again = await testApp(service.dataDir, () => clock)
    const res = await again.app.request('/api/audit', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    const body = (await res.json()) as { total: number }
    expect(body.total).toBe(1)
  })
})

describe('household verification', () => {
  it('locks out after 5 wrong tries an hour, even for the right answer, with Retry-After', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await call('POST', '/api/households/verify', undefined, { name: '张三', idLast6: `00000${i}` })
      expect(res.status).toBe(401)
      expect(res.body.error.message).toMatch(/对不上/)
    }
    const locked = await call('POST', '/api/households/verify', undefined, { name: '张三', idLast6: '011234' })
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(3000)
    expect(locked.body.error.message).toMatch(/分钟后再试/)
    clock = new Date(clock.getTime() + 3601_000)
    expect((await call('POST', '/api/households/verify', undefined, { name: '张三', idLast6: '011234' })).status).toBe(200)
  })

  it('the wrong name with the right digits fails the same way as wrong digits', async () => {
    const a = await call('POST', '/api/households/verify', undefined, { name: '张四', idLast6: '011234' })
    const b = await call('POST', '/api/households/verify', undefined, { name: '张三', idLast6: '999999' })
    expect(a.status).toBe(401)
    expect(b.status).toBe(401)
    expect(a.body.error.code).toBe(b.body.error.code)
  })

  it('accepts a lower-case x as the last character', async () => {
    expect((await call('POST', '/api/households/verify', undefined, { name: '李四', idLast6: '05567x' })).status).toBe(200)
  })
})

describe('visits and me', () => {
  it('a logged visit shows in the detail and counts toward the year', async () => {
    const res = await call('POST', '/api/households/DS-0001/visits', tokens['BF-A'], {
      note: '入户核实收入，孩子住院情况',
      date: '2026-11-20',
    })
    expect(res.status).toBe(201)
    expect(res.body.visitsThisYear).toBe(1)
    const detail = await call('GET', '/api/households/DS-0001', tokens['BF-A'])
    expect(detail.body.visits[0]).toEqual({ date: '2026-11-20', by: '帮扶责任人甲干部', note: '入户核实收入，孩子住院情况' })
    expect(detail.body.lastVisit).toBe('2026-11-20')
  })

  it('refuses a visit dated in the future, in Chinese', async () => {
    const res = await call('POST', '/api/households/DS-0001/visits', tokens['BF-A'], { note: '入户', date: '2026-12-30' })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/不能晚于今天/)
  })

  it('GET /api/me tells a cadre who they are and the public that they are public', async () => {
    expect((await call('GET', '/api/me', tokens['SJ-DS'])).body).toEqual({
      kind: 'cadre',
      name: '丙书记',
      role: '第一书记',
      town: '东山镇',
      villages: ['东山村'],
    })
    expect((await call('GET', '/api/me')).body).toEqual({ kind: 'public' })
  })
})
