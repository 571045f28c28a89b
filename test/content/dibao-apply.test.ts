import { describe, it, expect, beforeAll } from 'vitest'
import { answerText } from '../../bot/engine/format.ts'
import { testApp, testKnowledge } from '../support/app.ts'

/**
 * 低保怎么申请: the seeds only report 低保 numbers and the 低保–扶贫 linkage, so who may apply, where and how
 * come from the national 《社会救助暂行办法》 (国务院), cited by name. Each step the answer tells a villager
 * must stand in a cited sentence; the standard and the papers to bring are local and must not be guessed.
 */
const entry = () => testKnowledge().index.byId.get('social-dibao-apply')!

/** What the answer tells → the words of the rule that say it. */
const STEPS: [string, string][] = [
  ['低保标准', '人均收入低于当地最低生活保障标准'],
  ['财产', '家庭财产状况'],
  ['户口所在地的乡镇政府', '户籍所在地的乡镇人民政府'],
  ['书面申请', '提出书面申请'],
  ['委托**村委会**代为申请', '可以委托村民委员会'],
  ['入户调查', '入户调查、邻里访问'],
  ['公示', '在申请人所在村、社区公示'],
  ['县民政局审批', '报县级人民政府民政部门审批'],
  ['书面告诉申请人理由', '书面向申请人说明理由'],
  ['按月发低保金', '按月发给最低生活保障金'],
]

describe('低保怎么申请', () => {
  it('says who can apply, where, what to hand in and how it is approved, each step from the cited rule', () => {
    const p = entry()
    expect(p.category).toBe('兜底保障')
    const quotes = p.sources.map((s) => s.quote).join('\n')
    for (const [told, rule] of STEPS) {
      expect(p.body, told).toContain(told)
      expect(quotes, rule).toContain(rule)
    }
  })

  it('cites the national rule by name, and no amount: the standard and the papers are set locally', () => {
    const p = entry()
    for (const s of p.sources) {
      if ('doc' in s) continue
      expect(s).toMatchObject({ publication: '社会救助暂行办法', issuer: '国务院' })
    }
    expect(p.sources.some((s) => 'publication' in s)).toBe(true)
    expect(p.amounts).toEqual([])
    expect(p.body).not.toMatch(/\d/)
    expect(p.body.split('\n')[0]).toMatch(/《社会救助暂行办法》.*本县以县里文件为准/)
    expect(p.contacts).toContain('county-civil-affairs')
  })

  describe('asked over the API', () => {
    let app: Awaited<ReturnType<typeof testApp>>['app']
    beforeAll(async () => { ({ app } = await testApp()) })

    it('answers 低保怎么申请 with it, the rule named as the source and the 民政局 to call', async () => {
      const body = await (await app.request(`/api/ask?q=${encodeURIComponent('低保怎么申请')}`)).json() as any
      expect(body.answer.policyId).toBe('social-dibao-apply')
      expect(body.answer.sources.map((s: any) => s.title)).toContain('国务院《社会救助暂行办法》（2014）')
      expect(body.answer.contacts.map((c: any) => c.id)).toContain('county-civil-affairs')
      // the bot names its sources as they come: one pair of 《》, not 《国务院《…》（2014）》
      const said = answerText(body.answer, [])
      expect(said).toContain('来源：国务院《社会救助暂行办法》（2014）')
      expect(said).not.toMatch(/《[^》]*《/)
    })

    it('still refuses a question about one family\'s case', async () => {
      const body = await (await app.request(`/api/ask?q=${encodeURIComponent('我家张三的低保批下来没有')}`)).json() as any
      expect(body.answer).toBeNull()
    })
  })
})
