import { describe, it, expect } from 'vitest'
import { normalize, isBlank } from '../../api/domain/text/normalize.ts'
import { Segmenter } from '../../api/domain/text/segment.ts'
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
  const words = (text: string, kind?: string) => seg.segment(text).filter((t) => !kind || t.kind === kind).map((t) => t.text)

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
})

describe('masking personal data', () => {
  it('masks ID numbers and mobile numbers inside text', () => {
    expect(maskPersonalData('身份证33010219900101123X，电话13812345678')).toBe('身份证3301**********123X，电话138****5678')
  })
  it('leaves other numbers alone', () => {
    expect(maskPersonalData('每年3000元，共734名，2020年')).toBe('每年3000元，共734名，2020年')
  })
})
