/**
 * Phone numbers as people write them in this county's texts: landlines with an area code (0716-1234567,
 * the demo directory's 0000-8000001), mobiles (13812345678), and the national hotlines 12317 / 12345.
 * A masked number (138****5678) is not a number anyone can call, so it is left as text. No lookbehind:
 * older iPhones' WeChat (Safari before 16.4) cannot even parse one, and the whole script would fail.
 * The web pages and the mini-program both make these tap-to-call.
 */
const PHONE_IN_TEXT = /(^|[^\d*])(0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|12317|12345)(?![\d*])/g

/** The phone numbers in a text. */
export function phonesIn(text: string): { at: number; number: string }[] {
  const found: { at: number; number: string }[] = []
  const re = new RegExp(PHONE_IN_TEXT.source, 'g')
  for (let m = re.exec(text); m; m = re.exec(text)) found.push({ at: m.index + m[1]!.length, number: m[2]! })
  return found
}
