import { describe, it, expect, beforeAll } from 'vitest'
import { testApp } from '../support/app.ts'

/**
 * Every cited source in a response carries `display`, the quote as people read it, beside `quote`, the
 * verbatim seed text: the 乌审旗 document (seed 002) is Traditional, annotated with pinyin, and has a
 * mis-decoded run right in the sentence that gives the 4万元/3万元 grant.
 */
type App = Awaited<ReturnType<typeof testApp>>['app']
let app: App
beforeAll(async () => {
  ;({ app } = await testApp())
})

const get = async (url: string) => (await app.request(url)).json() as Promise<any>
const UNREADABLE = /\?|？？|\uFFFD|[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]|[貧農戶標準幫區]/u

describe('the quotes an answer shows', () => {
  it('/api/ask: the grant for new university students shows its quote readable, and keeps the verbatim one', async () => {
    const body = await get(`/api/ask?q=${encodeURIComponent('孩子考上大学有补助吗')}`)
    expect(body.answer.policyId).toBe('edu-college-entry-grant')
    const sources = body.answer.sources as { quote: string; display: string }[]
    expect(sources.map((s) => s.display)).toEqual(['对新考入普通高等院校的贫困家庭学生落实资助政策…', '…考入全日制本…补助4万元和3万元'])
    expect(sources[1]!.quote).toBe('考入全日制本??圃盒5拿咳艘淮涡苑謩e補助4萬元和3萬元')
  })

  it('/api/policies/{id}: every source of every entry has a readable display form', async () => {
    const { policies } = await get('/api/policies')
    const unreadable: string[] = []
    for (const { id } of policies as { id: string }[]) {
      const detail = await get(`/api/policies/${id}`)
      for (const s of detail.sources) {
        if (typeof s.display !== 'string' || !s.display || UNREADABLE.test(s.display)) unreadable.push(`${id}: ${s.display}`)
      }
    }
    expect(policies.length).toBeGreaterThan(100)
    expect(unreadable).toEqual([])
  })

  it('/api/eligibility: the sources of a decision have the display form too', async () => {
    const res = await app.request('/api/eligibility', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ facts: { status: '建档立卡贫困户', students: [{ stage: '本科', newlyAdmitted: true }] }, date: '2020-09-01' }),
    })
    const body = (await res.json()) as any
    const grant = body.results.find((r: any) => r.id === 'college-grant-bachelor')
    expect(grant.status).toBe('eligible')
    expect(grant.sources.map((s: any) => s.display)).toContain('…考入全日制本…补助4万元和3万元')
    for (const r of body.results) for (const s of r.sources) expect(s.display, r.id).not.toMatch(UNREADABLE)
  })
})
