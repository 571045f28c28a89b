/**
 * Chinese word segmentation with a domain lexicon.
 *
 * Intl.Segmenter alone splits domain words (低保户 → 低/保/户, 上高职能 → 上/高/职能). So the lexicon is
 * matched first, longest word first; Intl.Segmenter only splits what lies between lexicon words.
 * A long lexicon word also yields its inner words (大病保险 → 大病, 保险) so that a question
 * using part of a term still meets documents that use the whole term, and vice versa.
 */
export interface Token {
  text: string
  /** 'lexicon' = a whole domain word; 'part' = a word inside a longer domain word; 'free' = between them */
  kind: 'lexicon' | 'part' | 'free'
}

const HAN_RUN = /\p{Script=Han}{3,}/gu
/**
 * Intl.Segmenter glues particles and pronouns onto the next or previous word (养的, 扶了, 多少个, 我还,
 * 是啥). Such a glued word is in no entry, so it would count as a rare, unmatched word of the question.
 * (Not 么: a word ending in it is itself a question word — 什么, 怎么 — and cut down to 什 it is noise.)
 */
const GLUED_AFTER = /[的了吗呢吧啊呀啥个]+$/u
const GLUED_BEFORE = /^[我你他她俺咱]+/u
const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' })

export class Segmenter {
  private readonly byFirstChar = new Map<string, string[]>()
  private readonly words: ReadonlySet<string>

  constructor(lexicon: Iterable<string>) {
    const words = new Set<string>()
    for (const raw of lexicon) {
      const w = raw.trim().toLowerCase()
      if ([...w].length < 2) continue
      words.add(w)
    }
    this.words = words
    for (const w of words) {
      const first = w[0]!
      const list = this.byFirstChar.get(first) ?? []
      list.push(w)
      this.byFirstChar.set(first, list)
    }
    for (const list of this.byFirstChar.values()) list.sort((a, b) => b.length - a.length)
  }

  has(word: string): boolean {
    return this.words.has(word)
  }

  /** Segments normalised text (see normalize). */
  segment(text: string): Token[] {
    const tokens: Token[] = []
    let gapStart = 0
    let i = 0
    while (i < text.length) {
      const match = this.longestAt(text, i)
      if (match) {
        this.free(text.slice(gapStart, i), tokens)
        tokens.push({ text: match, kind: 'lexicon' })
        for (const part of this.partsOf(match)) tokens.push({ text: part, kind: 'part' })
        i += match.length
        gapStart = i
      } else {
        i += 1
      }
    }
    this.free(text.slice(gapStart), tokens)
    return tokens
  }

  private longestAt(text: string, at: number): string | undefined {
    const candidates = this.byFirstChar.get(text[at]!)
    if (!candidates) return undefined
    for (const w of candidates) if (text.startsWith(w, at)) return w
    return undefined
  }

  /** Lexicon words inside a longer one, e.g. 建档立卡贫困户 → 建档立卡, 贫困户, 贫困. */
  private partsOf(word: string): string[] {
    if (word.length < 3) return []
    const parts = new Set<string>()
    for (let start = 0; start < word.length; start++) {
      for (let end = word.length - (start === 0 ? 1 : 0); end >= start + 2; end--) {
        const sub = word.slice(start, end)
        if (this.words.has(sub)) parts.add(sub)
      }
    }
    if (parts.size === 0) for (const s of wordSegmenter.segment(word)) if (s.segment.length >= 2) parts.add(s.segment)
    return [...parts]
  }

  /**
   * Text between lexicon words: Intl.Segmenter words, plus Han character pairs (bigrams) so that
   * phrasings the lexicon does not know still meet, e.g. 先看病后付钱 and 先诊疗后付费 share 后付.
   */
  private free(span: string, out: Token[]): void {
    for (const s of wordSegmenter.segment(span)) {
      if (!s.isWordLike) continue
      const word = s.segment.length > 1 ? s.segment.replace(GLUED_AFTER, '').replace(GLUED_BEFORE, '') : s.segment
      if (word) out.push({ text: word, kind: 'free' })
    }
    for (const run of span.match(HAN_RUN) ?? []) {
      for (let k = 0; k + 1 < run.length; k++) out.push({ text: run.slice(k, k + 2), kind: 'part' })
    }
  }
}
