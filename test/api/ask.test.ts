import { describe, it, expect, beforeAll, vi } from 'vitest'
import { BOT_TOKEN, testApp, asAdmin } from '../support/app.ts'

type App = Awaited<ReturnType<typeof testApp>>['app']
let app: App
beforeAll(async () => {
  ;({ app } = await testApp())
})

const ask = async (q: string) => {
  const res = await app.request(`/api/ask?q=${encodeURIComponent(q)}`)
  return { status: res.status, body: (await res.json()) as any }
}

describe('GET /api/ask', () => {
  it('answers a villager question about vocational school with 雨露计划, 3000元 and its source', async () => {
    const { status, body } = await ask('孩子上高职有补助吗')
    expect(status).toBe(200)
    expect(body.answer.policyId).toBe('edu-yulu-plan')
    expect(body.answer.text).toContain('3000元')
    expect(body.answer.sources[0]).toMatchObject({ doc: expect.stringMatching(/\.txt$/), quote: expect.stringContaining('3000元') })
    expect(body.answer.contacts[0]).toMatchObject({ phone: expect.any(String), demo: true })
    expect(body.confidence).toBeGreaterThan(0.5)
  })

  it('reads Traditional characters and full-width letters the same as Simplified', async () => {
    const simplified = await ask('孩子上高职有补助吗')
    const traditional = await ask('孩子上高職有補助嗎？')
    expect(traditional.body.normalized).toBe('孩子上高职有补助吗')
    expect(traditional.body.answer.policyId).toBe(simplified.body.answer.policyId)
  })

  it('corrects a mistyped policy name and says so', async () => {
    const { body } = await ask('雨路计划能领多少钱')
    expect(body.answer.policyId).toBe('edu-yulu-plan')
    expect(body.corrections).toEqual([{ typed: '雨路计划', term: '雨露计划' }])
  })

  it('does not "correct" words it knows: 高职补助 asks about 高职, not 高中', async () => {
    const { body } = await ask('孩子上高职补助多少')
    expect(body.corrections).toEqual([])
    expect(body.answer.policyId).toBe('edu-yulu-plan')
  })

  it('does not invent an answer to a question outside its knowledge, and gives the hotline instead', async () => {
    const { status, body } = await ask('明天天气怎么样')
    expect(status).toBe(200)
    expect(body.answer).toBeNull()
    expect(body.alternatives).toEqual([])
    expect(body.fallback.message).toContain('没有找到')
    expect(body.fallback.hotline.phone).toMatch(/^[0-9-]+$/)
  })

  it.each([
    ['', '请输入要问的问题'],
    ['   ', '请输入要问的问题'],
    ['问'.repeat(201), '200'],
    ['😀😀😀', '没有文字'],
    ['\u0000\u0007\u001b', '没有文字'],
  ])('refuses %j with a 400 and a Chinese message', async (q, words) => {
    const { status, body } = await ask(q)
    expect(status).toBe(400)
    expect(body.error.code).toBe('BAD_REQUEST')
    expect(body.error.message).toContain(words)
  })

  it('refuses a request without q, and one with q twice, naming the field', async () => {
    for (const url of ['/api/ask', '/api/ask?q=a&q=b']) {
      const res = await app.request(url)
      expect(res.status).toBe(400)
      expect(((await res.json()) as any).error.message).toMatch(/问题（q）/)
    }
  })
})

describe('GET /api/unanswered', () => {
  it('keeps each unanswered question once, with a count, for the admin only, with ID numbers masked', async () => {
    const { app } = await testApp()
    await app.request(`/api/ask?q=${encodeURIComponent('明天天气怎么样')}`)
    await app.request(`/api/ask?q=${encodeURIComponent('明天天氣怎麼樣？？')}`)
    await app.request(`/api/ask?q=${encodeURIComponent('身份证330102199001011234丢了去哪补')}`)
    // the answer does not wait for the note to be written: wait for it here, not for a guessed time
    await vi.waitFor(async () => {
      const { items } = (await (await app.request('/api/unanswered', asAdmin)).json()) as any
      expect(items.reduce((n: number, i: any) => n + i.count, 0)).toBe(3)
    })

    expect((await app.request('/api/unanswered')).status).toBe(401)
    expect((await app.request('/api/unanswered', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
    expect((await app.request('/api/unanswered', { headers: { authorization: `Bearer ${BOT_TOKEN}` } })).status).toBe(403)
    const res = await app.request('/api/unanswered', asAdmin)
    expect(res.status).toBe(200)
    const { items } = (await res.json()) as any
    expect(items[0]).toMatchObject({ key: '明天天气怎么样', count: 2 })
    const id = items.find((i: any) => i.example.includes('身份证'))
    expect(id.example).toContain('3301**********1234')
    expect(JSON.stringify(items)).not.toContain('330102199001011234')
  })
})
