import { describe, it, expect, beforeAll } from 'vitest'
import { dialogue } from '../support/dialogue.ts'
import { parseAnswer, parseStudents } from '../../bot/engine/flows/self-check-answers.ts'

let play: Awaited<ReturnType<typeof dialogue>>
beforeAll(async () => {
  play = await dialogue()
})

const said = (turn: { replies: string[] } | undefined) => turn!.replies.join('\n')

describe('政策自测 in chat', () => {
  it.each(['政策自测', '我家能享受什么', '我能领什么补贴？'])('starts on “%s” and asks one question at a time', async (trigger) => {
    const [turn] = await play([[trigger]])
    const text = said(turn)
    expect(text).toContain('第1问')
    expect(text.match(/第\d问/g)).toHaveLength(1)
    expect(turn!.state.flow?.kind).toBe('self-check')
  })

  it('a poor household with a 高职 student and a D-grade house: asks only what matters and sums up', async () => {
    const turns = await play([
      ['政策自测'],
      ['三口人'],
      ['一年收入一万二'],
      ['是贫困户'],
      ['一个上高职'],
      ['没有'],
      ['D级'],
      ['安全'],
      ['两个'],
      ['一年交500'],
    ])
    const asked = turns.map(said)
    expect(asked[1]).toContain('收入')
    expect(asked[2]).toContain('建档立卡')
    expect(asked[3]).toContain('上学')
    // once the house is known to be D-grade the household is 未达标: no question about illness
    expect(asked.join('\n')).not.toContain('大病或慢性病')
    const summary = asked.at(-1)!
    expect(turns.at(-1)!.state.flow).toBeNull()
    expect(summary).toContain('您家情况：还没达到脱贫标准')
    // a villager reads this: no office or code words (the web pages check the same words)
    expect(asked.join('\n')).not.toMatch(/种子|监测分类|未达标|need_info|not_eligible|undefined/)
    expect(summary).toContain('人均收入4000元')
    expect(summary).toMatch(/✅ 符合[\s\S]*农村危房改造/)
    expect(summary).toMatch(/雨露计划：3000元/)
    expect(summary).toMatch(/养老保险缴费补贴：400元/)
    expect(summary).toMatch(/0000-\d{7}/)
    expect(summary).toContain('以2026年11月24日有效的文件为准')
    expect(turns.at(-1)!.replies.every((r) => r.length <= 500)).toBe(true)
  })

  it('asks nothing about schooling of a one-person household, nor about support for an ordinary farmer', async () => {
    const turns = await play([['政策自测'], ['就我一个人'], ['人均九千'], ['都不是'], ['没有']])
    const all = turns.map(said).join('\n')
    expect(all).not.toContain('上学')
    expect(all).not.toContain('养老保险')
    expect(all).not.toContain('劳动力')
  })

  it('goes back with 上一步 and forgets the answer', async () => {
    const turns = await play([['政策自测'], ['5口'], ['上一步'], ['4口人'], ['人均四千五']])
    expect(said(turns[2])).toContain('几口人')
    expect(said(turns[3])).toContain('收入')
    expect(said(turns[4])).toContain('建档立卡')
  })

  it('skips what the household does not know, and lists it as still needed', async () => {
    const turns = await play([['政策自测'], ['3口'], ['不知道'], ['是贫困户'], ['没有'], ['没有'], ['跳过'], ['安全'], ['没有'], ['跳过']])
    const summary = said(turns.at(-1))
    expect(summary).toContain('📋 自测结果')
    expect(summary).toMatch(/农村危房改造：还需要知道住房安全等级/)
  })

  it('asks again, with the question, when it cannot read the answer', async () => {
    const turns = await play([['政策自测'], ['很多很多']])
    expect(said(turns[1])).toContain('没看明白')
    expect(said(turns[1])).toContain('几口人')
    expect(turns[1]!.state.flow?.kind).toBe('self-check')
  })

  it('cancels', async () => {
    const turns = await play([['政策自测'], ['取消']])
    expect(said(turns[1])).toContain('已经退出')
    expect(turns[1]!.state.flow).toBeNull()
  })

  it('asks whether a 本科 student was admitted this year before promising the one-time grant', async () => {
    const turns = await play([['政策自测'], ['4口人'], ['人均3000'], ['建档立卡户'], ['一个考上了本科'], ['是，今年刚考上']])
    expect(said(turns[4])).toContain('今年新考上')
    expect(said(turns[5])).not.toContain('今年新考上')
    expect(turns[5]!.state.flow).not.toBeNull()
    const rest = await play([
      ['政策自测'],
      ['4口人'],
      ['人均3000'],
      ['建档立卡户'],
      ['一个考上了本科'],
      ['是'],
      ...Array.from({ length: 10 }, () => ['跳过'] as [string]),
    ])
    const summary = rest.map(said).find((r) => r.includes('📋 自测结果'))
    expect(summary).toMatch(/考入本科一次性补助：4万元/)
  })
})

describe('reading answers', () => {
  it.each([
    ['householdSize', '三口人', { householdSize: 3 }],
    ['householdSize', '5口', { householdSize: 5 }],
    ['householdSize', '就我一个', { householdSize: 1 }],
    ['annualIncome', '四千五', { annualIncome: 4500 }],
    ['annualIncome', '4.5千', { annualIncome: 4500 }],
    ['annualIncome', '一年收入两万', { annualIncome: 20000 }],
    ['annualIncome', '一万二', { annualIncome: 12000 }],
    ['annualIncome', '1.2万', { annualIncome: 12000 }],
    ['annualIncome', '人均四千五', { perCapitaIncome: 4500 }],
    ['annualIncome', '一个月两千', { annualIncome: 24000 }],
    ['annualIncome', '12,600元', { annualIncome: 12600 }],
    ['status', '已经脱贫了', { status: '已脱贫户' }],
    ['status', '不是', { status: '一般农户' }],
    ['status', '是建档立卡户', { status: '建档立卡贫困户' }],
    ['childrenOutOfSchool', '没有', { childrenOutOfSchool: 0 }],
    ['childrenOutOfSchool', '有一个', { childrenOutOfSchool: 1 }],
    ['housingGrade', 'c级', { housingGrade: 'C' }],
    ['drinkingWater', '天旱的时候没水', { drinkingWater: '季节性缺水' }],
    ['illness', '没有大病', { illness: '无' }],
    ['shocks', '没有，就是去年住院花了不少', { shocks: ['大病支出'] }],
    ['pensionContribution', '没交', { pensionContribution: 0 }],
  ] as const)('%s: “%s”', (fact, text, want) => {
    expect(parseAnswer(fact, text, {})).toEqual(want)
  })

  it.each(['很多', '看情况', '啊？'])('does not guess a household size from “%s”', (text) => {
    expect(parseAnswer('householdSize', text, {})).toBeUndefined()
  })

  it('reads schooling with counts', () => {
    expect(parseStudents('两个读小学，一个上高职')).toEqual([{ stage: '小学' }, { stage: '小学' }, { stage: '高职' }])
    expect(parseStudents('没有')).toEqual([])
    expect(parseStudents('老大上职高')).toEqual([{ stage: '中职' }])
  })
})
