import { describe, it, expect } from 'vitest'
import { numbersIn, parseNumber } from '../../bot/engine/text/chinese-number.ts'

describe('numbers as villagers type them', () => {
  it.each([
    ['三口人', 3],
    ['5口', 5],
    ['四千五', 4500],
    ['4.5千', 4500],
    ['两万', 20000],
    ['一万二', 12000],
    ['1.2万', 12000],
    ['1万2', 12000],
    ['三千零五十', 3050],
    ['一千零五', 1005],
    ['十二', 12],
    ['二十五', 25],
    ['三百五', 350],
    ['两千五百块', 2500],
    ['人均4300元', 4300],
    ['12,600', 12600],
    ['二〇二〇年', 2020],
    ['3k', 3000],
  ] as const)('%s → %d', (text, n) => {
    expect(parseNumber(text)).toBe(n)
  })

  it.each(['没有数字', '五六千', ''])('finds no number in “%s” rather than guess', (text) => {
    expect(parseNumber(text)).toBeUndefined()
  })

  it('finds every number in order', () => {
    expect(numbersIn('一年收入两万，5口人')).toEqual([1, 20000, 5])
  })
})
