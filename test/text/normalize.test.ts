import { describe, it, expect } from 'vitest'
import { normalize, isBlank } from '../../api/domain/text/normalize.ts'
import { Segmenter } from '../../api/domain/text/segment.ts'
import { TypoCorrector } from '../../api/domain/text/typo.ts'
import { maskPersonalData } from '../../api/domain/privacy/mask.ts'

describe('normalize', () => {
  it.each([
    ['醫療保險怎麼報銷', '医疗保险怎么报销'],
    ['幫扶責任人多久來一次', '帮扶责任人多久来一次'],
    ['ＡＢＣ１２３，全角！', 'abc123 全角'],
    ['低保😀👍🏽怎么办', '低保 怎么办'],
    ['看\u200b病\u0007报销', '看 病 报销'],
    ['自付不超过10%，合计1.5万元。', '自付不超过10% 合计1.5万元'],
    ['  多个   空格\n换行\t制表 ', '多个 空格 换行 制表'],
  ])('%j → %j', (input, expected) => {
    expect(normalize(input)).toBe(expected)
  })

  it('treats a text of only emoji or punctuation as blank', () => {
    expect(isBlank('😀🙏！？。')).toBe(true)
    expect(isBlank('低保')).toBe(false)
  })
})

describe('Segmenter with a domain lexicon', () => {
  const seg = new Segmenter(['高职', '低保户', '低保', '建档立卡', '建档立卡贫困户', '贫困户', '两不愁三保障', '雨露计划'])
  const words = (text: string, kind?: string) =>
    seg
      .segment(text)
      .filter((t) => !kind || t.kind === kind)
      .map((t) => t.text)

  it.each([
    ['上高职能领多少', ['高职']],
    ['我是低保户', ['低保户']],
    ['建档立卡贫困户怎么退出', ['建档立卡贫困户']],
    ['什么是两不愁三保障', ['两不愁三保障']],
  ])('keeps domain words whole: %s', (text, expected) => {
    expect(words(text, 'lexicon')).toEqual(expected)
  })

  it('does not split 高职 as plain Intl.Segmenter does (上|高|职能)', () => {
    expect(words('上高职能领多少')).not.toContain('职能')
  })

  it('also yields the domain words inside a longer one', () => {
    expect(words('建档立卡贫困户', 'part')).toEqual(expect.arrayContaining(['建档立卡', '贫困户']))
  })

  it('does not glue particles and pronouns onto ordinary words (养的 → 养, 我还 → 还)', () => {
    const free = words('养的羊能上保险吗土地流转了我还能拿到钱', 'free')
    expect(free).not.toContain('养的')
    expect(free.some((w) => /^[我]|[的了吗]$/.test(w) && w.length > 1)).toBe(false)
  })
})

describe('typo correction towards domain words', () => {
  const typos = new TypoCorrector(['低保', '吃低保', '小额信贷', '雨露计划', '公示', '控辍保学', '五保', '包户', '先诊疗后付费'])
  const fixes = (text: string) => typos.correct(text).map(({ typed, term }) => `${typed}→${term}`)

  it.each([
    ['我家能不能吃底保', '吃底保→吃低保'],
    ['小额信代怎么申请', '小额信代→小额信贷'],
    ['两公告四公式是哪些', '公式→公示'],
    ['雨路计划', '雨路计划→雨露计划'],
    ['控缀保学是啥意思', '控缀保学→控辍保学'],
    ['先诊疗付费', '先诊疗付费→先诊疗后付费'],
  ])('%s: %s', (text, fix) => {
    expect(fixes(text)).toEqual([fix])
  })

  it('leaves correctly written and unrelated text alone', () => {
    expect(fixes('低保怎么申请')).toEqual([])
    expect(fixes('明天天气怎么样')).toEqual([])
  })

  it('does not take half of a word for a sound-alike (五保|户 is not 包户)', () => {
    expect(fixes('五保户特困供养')).toEqual([])
  })

  it('does not take two words it knows for one misspelt word (高职补助 is not 高中补助)', () => {
    const school = new TypoCorrector(['高中补助', '高职', '补助'])
    expect(school.correct('孩子上高职补助多少').map(({ term }) => term)).toEqual([])
    expect(school.correct('孩子上高种补助多少').map(({ term }) => term)).toEqual(['高中补助'])
  })
})

describe('masking personal data', () => {
  it('masks ID numbers and mobile numbers inside text', () => {
    expect(maskPersonalData('身份证33010219900101123X，电话13812345678')).toBe('身份证3301**********123X，电话138****5678')
  })
  it('leaves other numbers alone', () => {
    expect(maskPersonalData('每年3000元，共734名，2020年')).toBe('每年3000元，共734名，2020年')
  })
})
