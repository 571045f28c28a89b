import { describe, it, expect, beforeAll } from 'vitest'
import { testApp } from '../support/app.ts'

type App = Awaited<ReturnType<typeof testApp>>['app']
let app: App
beforeAll(async () => {
  ;({ app } = await testApp())
})

const understand = async (text: unknown) => {
  const res = await app.request('/api/understand', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  })
  return { status: res.status, body: (await res.json()) as any }
}

describe('POST /api/understand', () => {
  it('tells a report from a question, with the category and place it names', async () => {
    const { status, body } = await understand('俺们西河乡柳树村的自来水管子冻裂了，好几天没水吃')
    expect(status).toBe(200)
    expect(body).toMatchObject({
      intent: 'report.describe',
      entities: { town: '西河乡', village: '柳树村', category: '饮水安全' },
      via: 'classifier',
    })
    expect((await understand('孩子上高职有补助吗')).body.intent).toBe('policy.question')
  })

  it('takes a menu command exactly, with its arguments', async () => {
    const { body } = await understand('查进度 FK-2026-000123 ABCD2345')
    expect(body).toEqual({
      intent: 'report.track',
      confidence: 1,
      via: 'command',
      alternatives: [],
      entities: { ticket: 'FK-2026-000123', code: 'ABCD2345' },
    })
  })

  it('finds the office a contact question names', async () => {
    const { body } = await understand('医保局电话多少')
    expect(body).toMatchObject({ intent: 'contacts', entities: { offices: ['county-medical-insurance'] } })
  })

  it('refuses an empty or too long message with a Chinese reason', async () => {
    for (const text of ['', '   ', '话'.repeat(501), 42]) {
      const { status, body } = await understand(text)
      expect(status).toBe(400)
      expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/)
    }
  })
})

describe('GET /api/ask tiers', () => {
  const ask = async (q: string) => (await app.request(`/api/ask?q=${encodeURIComponent(q)}`)).json() as Promise<any>

  it('answers, suggests or refuses, and says which', async () => {
    const sure = await ask('孩子上高职有补助吗')
    expect(sure).toMatchObject({ tier: 'answer', answer: { policyId: 'edu-yulu-plan' }, tentative: null })
    // three housing entries rank close together: likely, not sure
    const broad = await ask('危房改造')
    expect(broad.tier).toBe('tentative')
    expect(broad.answer).toBeNull()
    expect(broad.tentative.policyId).toMatch(/^housing-/)
    const none = await ask('明天天气怎么样')
    expect(none).toMatchObject({ tier: 'none', answer: null, tentative: null })
  })

  it('never answers outright with an entry that lacks the sum asked: offers it, saying first the sum is not there', async () => {
    const unstated = await ask('公益岗位一个月给多少钱')
    expect(unstated).toMatchObject({ tier: 'tentative', answer: null, tentative: { policyId: 'jobs-public-welfare-posts' } })
    expect(unstated.tentative.text).not.toMatch(/\d+\s*元/)
    expect(unstated.unstated).toMatch(/没有写.*以当地规定为准/)
    // half of it the entry answers (how to join): offered, not refused
    const half = await ask('农业保险贫困户咋入 一亩能赔多少')
    expect(half).toMatchObject({ tier: 'tentative', tentative: { policyId: 'finance-agri-insurance' } })
    expect(half.unstated).toMatch(/没有写/)
    // a sum the person tells is not a sum asked for
    const told = await ask('老伴得了癌症花了十几万，医保报完还剩好多，还有别的救助没有')
    expect(told).toMatchObject({ tier: 'answer', answer: { policyId: 'health-medical-assistance' }, unstated: null })
    // the entry states the sum: nothing to add
    const stated = await ask('雨露计划一年补多少钱')
    expect(stated.answer.text).toMatch(/\d+\s*元/)
    expect(stated.unstated).toBeNull()
    // no sum asked
    expect((await ask('孩子上高职有补助吗')).unstated).toBeNull()
  })

  it("does not answer with one place's figures when another place the sources cover is asked about", async () => {
    // the one-off grant for a child entering university is 乌审旗's; 石首's sources state none
    expect(await ask('石首的娃考上大学有一次性补助吗')).toMatchObject({ tier: 'tentative', answer: null })
    expect(await ask('乌审旗的娃考上大学有一次性补助吗')).toMatchObject({ tier: 'answer', answer: { policyId: 'edu-college-entry-grant' } })
  })

  it('does not answer for a year its sources never mention: at most 您问的可能是', async () => {
    const later = await ask('2026年孩子上高职有补助吗')
    expect(later).toMatchObject({ tier: 'tentative', answer: null, tentative: { policyId: 'edu-yulu-plan' } })
    // the same question without a year is answered
    expect(await ask('孩子上高职有补助吗')).toMatchObject({ tier: 'answer', answer: { policyId: 'edu-yulu-plan' } })
    // and that year's sum is not answered either
    expect(await ask('2026年雨露计划高职一年补多少钱')).toMatchObject({ answer: null })
  })

  it('offers the entries of a topic named alone, unless one of them clearly owns it', async () => {
    for (const topic of ['看病', '教育', '我想问问低保']) {
      const reply = await ask(topic)
      expect(reply.tier, topic).toBe('tentative')
      expect(reply.alternatives.length, topic).toBeGreaterThan(0)
    }
    expect(await ask('雨露计划')).toMatchObject({ tier: 'answer', answer: { policyId: 'edu-yulu-plan' } })
  })
})
