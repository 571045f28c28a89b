import { describe, it, expect, beforeAll } from 'vitest'
import { BOT_TOKEN, asAdmin, testApp, testKnowledge } from '../support/app.ts'

type App = Awaited<ReturnType<typeof testApp>>['app']
let app: App
beforeAll(async () => {
  ;({ app } = await testApp())
})
const get = async (url: string) => {
  const res = await app.request(url)
  return { status: res.status, body: (await res.json()) as any }
}

describe('GET /health', () => {
  it('says the service is up and how many entries it knows', async () => {
    expect(await get('/health')).toEqual({ status: 200, body: { ok: true, policies: testKnowledge().policies.length, bot: null } })
  })
})

describe('policies', () => {
  it('lists entries, filtered by category', async () => {
    const all = await get('/api/policies')
    expect(all.body.policies.length).toBe(testKnowledge().policies.length)
    const edu = await get(`/api/policies?category=${encodeURIComponent('教育')}`)
    expect(edu.body.policies.length).toBeGreaterThan(0)
    expect(edu.body.policies.every((p: any) => p.category === '教育')).toBe(true)
  })

  it('shows one entry in full with its sources', async () => {
    const { status, body } = await get('/api/policies/edu-yulu-plan')
    expect(status).toBe(200)
    expect(body).toMatchObject({ policyId: 'edu-yulu-plan', category: '教育' })
    expect(body.sources.length).toBeGreaterThan(0)
    expect(body.questions.length).toBeGreaterThan(1)
  })

  it.each(['nope', '..%2F..%2Fetc%2Fpasswd', '%E4%BD%A0%E5%A5%BD', 'x'.repeat(81)])(
    'answers an unknown id %s with a Chinese 4xx',
    async (id) => {
      const { status, body } = await get(`/api/policies/${id}`)
      expect([400, 404]).toContain(status)
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/)
    },
  )

  it('refuses an unknown category with 400 naming the field', async () => {
    const { status, body } = await get('/api/policies?category=天气')
    expect(status).toBe(400)
    expect(body.error.message).toContain('类别（category）')
  })
})

describe('GET /api/contacts', () => {
  it('lists the offices of a town', async () => {
    const { body } = await get(`/api/contacts?town=${encodeURIComponent('东山镇')}`)
    expect(body.demo).toBe(true)
    expect(body.notice).toContain('演示')
    expect(body.contacts.length).toBeGreaterThan(0)
    expect(body.contacts.every((c: any) => c.town === '东山镇')).toBe(true)
  })

  it('finds an office by a mistyped place name', async () => {
    const { body } = await get(`/api/contacts?q=${encodeURIComponent('冬山镇扶贫站')}`)
    expect(body.contacts[0].name).toBe('东山镇扶贫工作站')
  })

  it('finds the office for a topic', async () => {
    const { body } = await get(`/api/contacts?q=${encodeURIComponent('危房改造')}`)
    expect(body.contacts[0].id).toBe('county-housing')
  })

  it('returns an empty list, not an error, for a place it does not know', async () => {
    const { status, body } = await get(`/api/contacts?town=${encodeURIComponent('火星镇')}`)
    expect(status).toBe(200)
    expect(body.contacts).toEqual([])
  })
})

describe('the API as a whole', () => {
  it('answers an unknown address with a Chinese 404', async () => {
    const { status, body } = await get('/api/nothing-here')
    expect(status).toBe(404)
    expect(body.error.message).toContain('找不到')
  })

  it('refuses a forged or expired token with 401 instead of treating the caller as someone else', async () => {
    const { app } = await testApp()
    const res = await app.request('/api/ask?q=低保', { headers: { authorization: 'Bearer forged-token-123' } })
    expect(res.status).toBe(401)
    expect(((await res.json()) as any).error.message).toContain('令牌')
  })

  it('lets only the bot take the notices owed to WeChat contacts', async () => {
    const { app } = await testApp()
    expect((await app.request('/api/bot/outbox')).status).toBe(401)
    expect((await app.request('/api/bot/outbox', asAdmin)).status).toBe(403)
    expect((await app.request('/api/bot/outbox', { headers: { authorization: `Bearer ${BOT_TOKEN}` } })).status).toBe(200)
  })
})
