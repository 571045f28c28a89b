import { describe, it, expect, beforeAll, vi } from 'vitest'
import { asAdmin, testApp } from '../support/app.ts'
import { seedHouseholds } from '../support/households.ts'
import * as log from '../../api/lib/log.ts'

type Service = Awaited<ReturnType<typeof testApp>>
let service: Service
let tokens: Record<string, string>
beforeAll(async () => {
  service = await testApp(undefined, () => new Date('2026-11-25T02:00:00Z'), { rateLimits: false })
  tokens = await seedHouseholds(service)
})

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  service.app.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

describe('what a client sends is checked before it is kept or logged', () => {
  it('keeps a client’s request id that looks like one, and replaces one that carries an ID or phone number', async () => {
    const plain = await service.app.request('/health', { headers: { 'x-request-id': 'support-call-20261125' } })
    expect(plain.headers.get('x-request-id')).toBe('support-call-20261125')
    const lines: unknown[] = []
    const spy = vi.spyOn(log.logger, 'info').mockImplementation(((obj: unknown) => void lines.push(obj)) as never)
    try {
      for (const id of ['330102199001011234', 'caller-13812345678', '"><script>']) {
        const res = await service.app.request('/health', { headers: { 'x-request-id': id } })
        expect(res.headers.get('x-request-id')).not.toContain(id)
        expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
      }
    } finally {
      spy.mockRestore()
    }
    expect(lines.length).toBeGreaterThanOrEqual(3)
    expect(JSON.stringify(lines)).not.toMatch(/330102199001011234|13812345678/)
  })

  it('refuses a visit dated on a day the calendar does not have (2026-02-30)', async () => {
    const cadre = tokens['BF-A']!
    const res = await post(
      '/api/households/DS-0001/visits',
      { date: '2026-02-30', note: '入户走访，了解收入' },
      { authorization: `Bearer ${cadre}` },
    )
    expect(res.status).toBe(400)
    expect(((await res.json()) as any).error.message).toMatch(/^走访日期（date）：不是日历上有的日期/)
  })

  it('refuses a name with a control or invisible character', async () => {
    for (const name of ['\u0000', '张\u200b三']) {
      const res = await post('/api/households/verify', { name, idLast6: '011234' })
      expect(res.status, JSON.stringify(name)).toBe(400)
      expect(((await res.json()) as any).error.message).toMatch(/^户主姓名（name）：不能含控制字符/)
    }
    const report = {
      category: '住房安全',
      description: '房子漏雨两个月了',
      place: { town: '东山镇' },
      anonymous: false,
      reporter: { name: 'a\u0007b' },
    }
    expect((await post('/api/reports', report)).status).toBe(400)
    expect((await service.app.request('/api/reports?limit=5', asAdmin)).status).toBe(200)
  })
})
