import * as OpenCC from 'opencc-js/t2cn'

/**
 * The form of a quoted seed sentence that people read. A source's `quote` stays verbatim — the content
 * test finds it in the seed file — but some seeds were copied badly: one is in Traditional characters
 * with pinyin after many characters ("農(nóng)村"), and a few runs were decoded with the wrong
 * encoding ("本??圃盒5拿咳艘淮涡苑謩e補助"). Users see this display form instead:
 *
 * - mojibake runs are cut out and the cut is marked "…";
 * - bracketed pinyin is removed;
 * - Traditional → Simplified (opencc-js, the converter questions go through);
 * - ASCII , ; : ? ! and brackets around Chinese become Chinese punctuation;
 * - a placeholder place name of the source (XX市, xx县, XX) is shown as a quoted name: 「XX市」;
 * - "…" at the start or end where the quote was cut out of a longer sentence (when the seed is known).
 *
 * Nothing is added but "…", 「」 and punctuation, so every word shown is still the seed's.
 */

const plainTable = OpenCC.Converter({ from: 't', to: 'cn' })
// 'tw' rather than 't' for Traditional text: its phrases also turn 跟著 into 跟着 (the seed was converted the
// Taiwan way). Only for Traditional text: on Simplified text it would turn 显著 into 显着.
const taiwanTable = OpenCC.Converter({ from: 'tw', to: 'cn' })
const toSimplified = (text: string) => (plainTable(text) === text ? text : taiwanTable(text))

export const ELLIPSIS = '…'

/** Where the quote sits in its seed: whether the seed sentence goes on before and after it. */
export interface QuoteContext {
  cutBefore: boolean
  cutAfter: boolean
}

const HAN = /\p{Script=Han}/u
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ'
const PINYIN_LETTERS = `a-zü${TONED}`

// ── mojibake ──────────────────────────────────────────────────────────────────────────────────────

/** Unmistakable marks of a wrong decoding: ?? (bytes the decoder gave up on), U+FFFD, 锟斤拷 (GBK of U+FFFD). */
const MOJIBAKE_MARK = /\?{2,}|\uFFFD+|(?:锟斤拷)+/gu
/**
 * Units that may follow a digit inside Chinese text (3万元, 5户, 90%): such a digit is a number.
 * A lone digit or Latin letter squeezed between other Chinese characters is the debris of a misread
 * double-byte character (…盒5拿…謩e補…).
 */
const UNIT_AFTER_DIGIT = /[\d.万萬亿億千百十元年月日号號个個户戶人名次岁歲天倍项項处處所家座条條台臺套间間头頭亩畝斤吨噸公米%％:：—\-~～]/u
/** How far from one mark of garbage the next may be for both to belong to one garbled run. */
const REACH = 12

function isDebris(text: string, i: number): boolean {
  const c = text[i]!
  const before = text[i - 1] ?? ''
  const after = text[i + 1] ?? ''
  if (/[A-Za-z]/.test(c)) return HAN.test(before) && (HAN.test(after) || after === '')
  if (/\d/.test(c)) return HAN.test(before) && HAN.test(after) && !UNIT_AFTER_DIGIT.test(after)
  return false
}

/** The garbled runs of a text as [start, end) spans, merged where they touch. */
export function mojibakeSpans(text: string): [number, number][] {
  const spans: [number, number][] = []
  for (const m of text.matchAll(MOJIBAKE_MARK)) {
    let start = m.index
    let end = m.index + m[0].length
    // Garbage rarely starts or stops exactly at the marks: take in debris within reach on either side.
    for (let i = end, last = end; i < text.length && i - last <= REACH; i++) {
      if (/[，。；！？,;!?\s]/u.test(text[i]!)) break
      if (isDebris(text, i)) end = last = i + 1
    }
    for (let i = start - 1, last = start; i >= 0 && last - i <= REACH; i--) {
      if (/[，。；！？,;!?\s]/u.test(text[i]!)) break
      if (isDebris(text, i)) start = last = i
    }
    const previous = spans[spans.length - 1]
    if (previous && start <= previous[1]) previous[1] = Math.max(previous[1], end)
    else spans.push([start, end])
  }
  return spans
}

function cutMojibake(text: string): string {
  let out = ''
  let at = 0
  for (const [start, end] of mojibakeSpans(text)) {
    out += text.slice(at, start) + ELLIPSIS
    at = end
  }
  return out + text.slice(at)
}

// ── pinyin ────────────────────────────────────────────────────────────────────────────────────────

/** "(nóng)" after a character, in ASCII or full-width brackets; one syllable, with a tone mark. */
const PINYIN = new RegExp(`(?<=\\p{Script=Han})[(（](?=[${PINYIN_LETTERS}]*[${TONED}])[${PINYIN_LETTERS}]{1,6}[)）]`, 'gu')
/** A quote cut inside an annotation: "ng)村…" at the start, "…農(nó" at the end. */
const PINYIN_TAIL_AT_START = new RegExp(`^[${PINYIN_LETTERS}]{1,6}[)）]`, 'u')
const PINYIN_HEAD_AT_END = new RegExp(`(?<=\\p{Script=Han})[(（][${PINYIN_LETTERS}]{0,6}$`, 'u')

export function stripPinyin(text: string): string {
  return text.replace(PINYIN, '').replace(PINYIN_TAIL_AT_START, '').replace(PINYIN_HEAD_AT_END, '')
}

// ── punctuation and placeholders ──────────────────────────────────────────────────────────────────

const CJK_CONTEXT = /[\p{Script=Han}，。；：！？、“”‘’《》（）「」…—]/u
const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' }

function chinesePunctuation(text: string): string {
  let out = text.replace(/\(([^()]*\p{Script=Han}[^()]*)\)/gu, '（$1）')
  out = out.replace(/[,;:?!]/g, (c, i: number) => {
    const before = out[i - 1] ?? ''
    const after = out[i + 1] ?? ''
    // 1,000 and 10:30 stay as they are
    if (/\d/.test(before) && /\d/.test(after)) return c
    return CJK_CONTEXT.test(before) || CJK_CONTEXT.test(after) ? FULL_WIDTH[c]! : c
  })
  return out
}

/**
 * Place names the seeds or the editors left anonymous: XX市, xx县, a bare XX, xxxx户 (a number left
 * blank), 某市, 某乡 … A reader takes "XX市" for a form nobody filled in; 「XX市」 reads as a name quoted.
 */
export const PLACEHOLDER = /[XxＸｘ]{2,}[省市县区乡镇村旗州]?|某[省市县区乡镇村旗州]/gu

/** Wraps each placeholder in 「」 unless it already is, or stands in a 《document title》. */
export function markPlaceholders(text: string): string {
  return text.split(/(《[^》]*》)/u).map((part) => part.startsWith('《')
    ? part
    : part.replace(PLACEHOLDER, (m, i: number, whole: string) =>
      whole[i - 1] === '「' && whole[i + m.length] === '」' ? m : `「${m}」`))
    .join('')
}

// ── the whole display form ────────────────────────────────────────────────────────────────────────

const SENTENCE_END = /[。！？；;!?]$/u

/** Where a verbatim quote sits in its seed text; null when the seed does not contain it. */
export function quoteContext(seed: string, quote: string): QuoteContext | null {
  const at = seed.indexOf(quote)
  if (at < 0) return null
  const before = seed.slice(Math.max(0, at - 12), at)
  const after = seed.slice(at + quote.length, at + quote.length + 1)
  const startsSentence = before === ''
    || /[。！？；;!?\n]\s*$/u.test(before)
    // a list item: (一) （二） 1. 2、 一是 二要
    || /(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．]|[一二三四五六七八九十]{1,3}[、是要])\s*$/u.test(before)
  const endsSentence = SENTENCE_END.test(quote) || after === '' || /[。！？；;!?\n]/u.test(after)
  return { cutBefore: !startsSentence, cutAfter: !endsSentence }
}

/** The display form of a verbatim quote (see the top of this file). Without a context the ends are left unmarked. */
export function readableQuote(quote: string, context?: QuoteContext | null): string {
  let text = cutMojibake(quote)
  text = stripPinyin(text)
  text = toSimplified(text)
  text = chinesePunctuation(text)
  text = markPlaceholders(text)
  text = text.trim()
  if (context?.cutBefore) text = ELLIPSIS + text
  if (context?.cutAfter) text = text.replace(/[，、,]$/u, '') + ELLIPSIS
  // one mark where two cuts meet, and none next to a comma that the cut left behind
  return text.replace(/…(?:\s*…)+/gu, ELLIPSIS).replace(/[，、；]…/gu, ELLIPSIS).replace(/…[，、；]/gu, ELLIPSIS)
}
