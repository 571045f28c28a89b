import { describe, it, expect, beforeAll } from 'vitest'
import { testApp } from '../support/app.ts'

type App = Awaited<ReturnType<typeof testApp>>['app']
let app: App
// 2026-11-24 17:00 UTC is already 11月25日 in the county.
beforeAll(async () => {
  ;({ app } = await testApp(undefined, () => new Date('2026-11-24T17:00:00Z')))
})

const post = async (body: unknown) => {
  const res = await app.request('/api/eligibility', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as any }
}
const result = (body: any, id: string) => body.results.find((r: any) => r.id === id)

describe('POST /api/eligibility', () => {
  it('tells 4100 from 4300 against the 4200 line, citing the document', async () => {
    const base = { householdSize: 3, status: '一般农户', housingGrade: 'A', drinkingWater: '安全', childrenOutOfSchool: 0, shocks: [] }
    const below = await post({ facts: { ...base, perCapitaIncome: 4100 }, date: '2020-06-01' })
    const above = await post({ facts: { ...base, perCapitaIncome: 4300 }, date: '2020-06-01' })
    expect(below.status).toBe(200)
    expect(below.body).toMatchObject({ region: '演示县', demo: true, date: '2020-06-01' })
    expect(below.body.classification.category).toBe('未达标')
    expect(below.body.classification.sources.map((s: any) => s.doc)).toContain('000_97d08e29890905f3.txt')
    expect(above.body.classification.category).toBe('边缘易致贫')
  })

  it('gives a 高职 student 雨露计划 3000元 with how to apply and whom to call', async () => {
    const { body } = await post({ facts: { status: '建档立卡贫困户', students: [{ stage: '高职' }] }, date: '2020-06-01' })
    const yulu = result(body, 'yulu-plan')
    expect(yulu).toMatchObject({ status: 'eligible', amount: { value: 3000, unit: '元', times: 1 } })
    expect(yulu.apply).toMatch(/县教育局.*\d{3,4}-\d{7}/)
    expect(yulu.sources[0].quote).toContain('3000元')
  })

  it('asks for what is missing instead of guessing', async () => {
    const { status, body } = await post({ facts: {} })
    expect(status).toBe(200)
    expect(result(body, 'housing-renovation')).toMatchObject({ status: 'need_info', missing: [{ fact: 'housingGrade' }] })
    expect(body.classification).toMatchObject({ category: '待定' })
    expect(body.classification.missing.map((m: any) => m.fact)).toContain('annualIncome')
  })

  it('without a date judges by today in the county, and says a 2020 document must be checked', async () => {
    const { body } = await post({ facts: { status: '建档立卡贫困户', housingGrade: 'D', students: [{ stage: '高职' }] } })
    expect(body.date).toBe('2026-11-25')
    const yulu = result(body, 'yulu-plan')
    expect(yulu).toMatchObject({ status: 'need_info', provisional: 'eligible' })
    expect(yulu.reasons.join('')).toContain('以2026年11月25日有效的文件为准')
    // A rule that needs no dated parameter is decided as before.
    expect(result(body, 'housing-renovation').status).toBe('eligible')
  })

  it.each([
    [{ facts: { householdSize: '三' } }, '家庭人口数'],
    [{ facts: { perCapitaIncome: -5 } }, '年人均收入'],
    [{ facts: { housingGrade: 'E' } }, '住房安全等级'],
    [{ facts: { students: [{ stage: '研究生' }] } }, '学段'],
    [{ facts: { status: '贫困户' } }, '户的类别'],
    [{ facts: { region: '火星' } }, '地区'],
    [{ facts: {}, date: '2026/11/25' }, '日期'],
    [{ facts: { nickname: '张三' } }, '家庭情况'],
    [{}, '家庭情况'],
  ])('refuses %j with a 400 naming the field in Chinese', async (body, field) => {
    const res = await post(body)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(field)
  })

  it('refuses a body that is not JSON', async () => {
    const res = await app.request('/api/eligibility', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{facts:' })
    expect(res.status).toBe(400)
  })
})
