import Fuse from 'fuse.js'
import { pinyin } from 'pinyin-pro'

export interface Correction {
  /** the lexicon word the user probably meant */
  term: string
  /** what they typed, as found in the text */
  typed: string
  /** fuse.js score: 0 = exact, 1 = nothing alike */
  score: number
}

/** Short words are left alone: one wrong character in 低保 or 医保 changes the meaning, not the spelling. */
const MIN_TERM_LENGTH = 4
const MAX_SCORE = 0.3
/**
 * Sound-alike words are what a pinyin keyboard produces (底保 for 低保, 小额信代 for 小额信贷, 公式 for 公示):
 * a whole word with the same syllables is a far surer guess than a spelling one character off, so it
 * may be short — but a two-character word must keep one of its characters in place.
 */
const HOMOPHONE_SCORE = 0.05
const HOMOPHONE_LENGTHS = { min: 2, max: 8 }

const words = new Intl.Segmenter('zh', { granularity: 'word' })

/** Offsets where a word starts or ends: a sound-alike must not take half of a word (五保|户 is not 包户). */
function wordBoundaries(text: string): Set<number> {
  const edges = new Set([text.length])
  for (const { index } of words.segment(text)) edges.add(index)
  return edges
}

const syllables = (text: string): string[] => pinyin(text, { toneType: 'none', type: 'array', nonZh: 'spaced' })

/**
 * Finds lexicon words typed with a wrong, missing or extra character (雨路计划 → 雨露计划, 先诊疗付费 → 先诊疗后付费).
 *
 * fuse.js scores the match, but over the whole lexicon it costs milliseconds per question. An inverted
 * index of characters first keeps only the words whose characters are nearly all in the question, so fuse
 * scores a handful of candidates per question.
 */
export class TypoCorrector {
  private readonly terms: string[]
  private readonly distinct: number[]
  private readonly byChar = new Map<string, number[]>()
  private readonly known: ReadonlySet<string>
  /** "di bao" → [低保]: domain words by their syllables */
  private readonly bySound = new Map<string, string[]>()

  /**
   * @param corpus the knowledge base's own text: a span found there is a word it uses (扶贫基金,
   *   小额扶贫贷款), not a misspelling of a lexicon word that looks or sounds like it.
   */
  constructor(
    lexicon: Iterable<string>,
    private readonly corpus = '',
  ) {
    this.known = new Set(lexicon)
    for (const term of this.known) {
      const n = [...term].length
      if (n < HOMOPHONE_LENGTHS.min || n > HOMOPHONE_LENGTHS.max || !/^\p{Script=Han}+$/u.test(term)) continue
      const key = syllables(term).join(' ')
      this.bySound.set(key, [...(this.bySound.get(key) ?? []), term])
    }
    this.terms = [...this.known].filter((t) => [...t].length >= MIN_TERM_LENGTH)
    this.distinct = this.terms.map((t) => new Set(t).size)
    this.terms.forEach((term, i) => {
      for (const c of new Set(term)) {
        const list = this.byChar.get(c) ?? []
        list.push(i)
        this.byChar.set(c, list)
      }
    })
  }

  correct(text: string): Correction[] {
    const found = [...this.soundAlikes(text), ...this.spellingMistakes(text)]
    return bestNonOverlapping(found.filter((c) => !this.corpus.includes(c.typed) && !this.twoWords(c.typed)))
  }

  /** 高职补助 is 高职 + 补助, two words the knowledge base uses, not a misspelt 高中补助. */
  private twoWords(typed: string): boolean {
    const chars = [...typed]
    for (let i = 2; i <= chars.length - 2; i++) {
      if (this.known.has(chars.slice(0, i).join('')) && this.known.has(chars.slice(i).join(''))) return true
    }
    return false
  }

  private soundAlikes(text: string): Located[] {
    const chars = [...text]
    if (chars.length !== text.length) return [] // astral characters (emoji) would misalign the offsets
    const sounds = syllables(text)
    const edges = wordBoundaries(text)
    const found: Located[] = []
    for (let start = 0; start < chars.length; start++) {
      if (!edges.has(start)) continue
      for (let n = HOMOPHONE_LENGTHS.min; n <= HOMOPHONE_LENGTHS.max && start + n <= chars.length; n++) {
        if (!edges.has(start + n)) continue
        const typed = text.slice(start, start + n)
        if (this.known.has(typed)) continue
        for (const term of this.bySound.get(sounds.slice(start, start + n).join(' ')) ?? []) {
          if (n === 2 && term[0] !== typed[0] && term[1] !== typed[1]) continue
          found.push({ term, typed, score: HOMOPHONE_SCORE, start, end: start + n - 1 })
        }
      }
    }
    return found
  }

  private spellingMistakes(text: string): Located[] {
    const shared = new Map<number, number>()
    for (const c of new Set(text)) {
      for (const i of this.byChar.get(c) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1)
    }
    const candidates: string[] = []
    for (const [i, n] of shared) {
      const term = this.terms[i]!
      if (n >= this.distinct[i]! - 1 && !text.includes(term)) candidates.push(term)
    }
    if (candidates.length === 0) return []

    const fuse = new Fuse([text], {
      includeScore: true,
      includeMatches: true,
      ignoreLocation: true,
      threshold: MAX_SCORE,
      minMatchCharLength: 1,
    })
    const found: Located[] = []
    for (const term of candidates) {
      const [hit] = fuse.search(term)
      if (!hit || hit.score === undefined || hit.score > MAX_SCORE) continue
      const spans = hit.matches?.[0]?.indices ?? []
      const start = Math.min(...spans.map(([s]) => s))
      const end = Math.max(...spans.map(([, e]) => e))
      const typed = text.slice(start, end + 1)
      // The typed span must be about as long as the word: fuse also "finds" words scattered over a sentence.
      // Three typed characters are too few to call a typo (改造补 is not a misspelt 改造补助).
      const length = [...typed].length
      if (length < MIN_TERM_LENGTH || Math.abs(length - [...term].length) > 1) continue
      found.push({ term, typed, score: hit.score, start, end })
    }
    return found
  }
}

type Located = Correction & { start: number; end: number }

/** Two corrections of the same characters cannot both be right: keep the closer one. */
function bestNonOverlapping(found: Located[]): Correction[] {
  const kept: Located[] = []
  for (const c of found.sort((a, b) => a.score - b.score || b.end - b.start - (a.end - a.start))) {
    if (kept.every((k) => c.end < k.start || c.start > k.end)) kept.push(c)
  }
  return kept.map(({ term, typed, score }) => ({ term, typed, score }))
}
