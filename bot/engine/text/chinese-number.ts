/**
 * Numbers as villagers type them: 三口人, 5口, 四千五, 4.5千, 两万, 一万二, 1.2万, 1万2, 三千零五十.
 * Pure; answers undefined when the text holds no number rather than guessing one.
 */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  幺: 1,
  二: 2,
  两: 2,
  俩: 2,
  三: 3,
  仨: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 佰: 100, 仟: 1000, k: 1000, K: 1000 }
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000, w: 10_000, W: 10_000 }

/** A run of characters that can make up one number. */
const NUMBER_RUN = /[0-9.零〇一幺二两俩三仨四五六七八九十百千佰仟万亿]+(?:[kKwW](?![a-zA-Z]))?/g

type Token = { kind: 'num'; value: number; arabic: boolean; zeroBefore: boolean } | { kind: 'unit'; value: number; big: boolean }

function tokenize(run: string): Token[] | undefined {
  const tokens: Token[] = []
  let zero = false
  for (let i = 0; i < run.length;) {
    const rest = run.slice(i)
    const arabic = /^\d+(?:\.\d+)?/.exec(rest)
    if (arabic) {
      tokens.push({ kind: 'num', value: Number(arabic[0]), arabic: true, zeroBefore: zero })
      zero = false
      i += arabic[0].length
      continue
    }
    const ch = run[i]!
    if (ch === '零' || ch === '〇') {
      // 〇 and 零 inside digit strings (二〇二〇) are digits; between units (三千零五) they mark a gap.
      const prev = tokens.at(-1)
      if (prev?.kind === 'num' && !prev.arabic) tokens.push({ kind: 'num', value: 0, arabic: false, zeroBefore: false })
      else zero = true
    } else if (ch in DIGITS) {
      tokens.push({ kind: 'num', value: DIGITS[ch]!, arabic: false, zeroBefore: zero })
      zero = false
    } else if (ch in SMALL_UNITS) tokens.push({ kind: 'unit', value: SMALL_UNITS[ch]!, big: false })
    else if (ch in BIG_UNITS) tokens.push({ kind: 'unit', value: BIG_UNITS[ch]!, big: true })
    else if (ch === '.') return undefined
    i += 1
  }
  return tokens
}

/** Chinese digit strings without units (二〇二〇, 一二): read digit by digit. */
function digitString(tokens: Token[]): number | undefined {
  if (tokens.length < 2 || !tokens.every((t) => t.kind === 'num' && !t.arabic)) return undefined
  return Number(tokens.map((t) => t.value).join(''))
}

function evaluate(tokens: Token[]): number | undefined {
  if (tokens.length === 0) return undefined
  const asDigits = digitString(tokens)
  if (asDigits !== undefined) return asDigits
  let total = 0 // finished 万/亿 groups
  let section = 0 // within the current group
  let pending: number | undefined // a number waiting for its unit
  let lastUnit = 0 // the unit just applied, for 四千五 = 4500
  for (const t of tokens) {
    if (t.kind === 'num') {
      if (pending !== undefined) return undefined // 两个数挨着（五六千）：不猜
      pending = t.value
      if (t.zeroBefore) lastUnit = 0
      continue
    }
    if (t.big) {
      const group = section + (pending ?? 0)
      total = (total + (group === 0 ? 1 : group)) * t.value
      section = 0
      pending = undefined
      lastUnit = t.value
      continue
    }
    section += (pending ?? 1) * t.value
    pending = undefined
    lastUnit = t.value
  }
  if (pending !== undefined) {
    // A digit right after a unit is one step below it: 四千五 → 4500, 一万二 → 12000, 1万2 → 12000.
    const afterUnit = tokens.at(-2)?.kind === 'unit' && lastUnit >= 100 && pending < 10
    section += afterUnit ? pending * (lastUnit / 10) : pending
  }
  const value = total + section
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : undefined
}

/** Every number written in the text, in order. */
export function numbersIn(text: string): number[] {
  const found: number[] = []
  // 12,600 and 12，600 are one number
  const plain = text.replace(/(?<=\d)[,，](?=\d{3})/g, '')
  for (const m of plain.matchAll(NUMBER_RUN)) {
    if (/^[零〇]+$/.test(m[0])) {
      found.push(0)
      continue
    }
    const tokens = tokenize(m[0])
    const value = tokens && evaluate(tokens)
    if (value !== undefined) found.push(value)
  }
  return found
}

/** The first number in the text. */
export const parseNumber = (text: string): number | undefined => numbersIn(text)[0]
