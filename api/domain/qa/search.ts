import { contains, type KnowledgeIndex, type IndexedDoc, type Searchable } from './index.ts'
import { analyzeQuery, type AnalyzedQuery, type QueryTerm } from './query.ts'
import type { ConfidenceFeatures } from './confidence.ts'

const K1 = 1.2

export interface Hit<T extends Searchable> {
  entry: T
  score: number
}

export interface SearchResult<T extends Searchable> {
  query: AnalyzedQuery
  hits: Hit<T>[]
  /** what the calibrated confidence model weighs (qa/confidence.ts) */
  features: ConfidenceFeatures
}

function idf(index: KnowledgeIndex<Searchable>, term: string): number {
  const n = index.docs.length
  const df = index.df.get(term) ?? 0
  return Math.log(1 + (n - df + 0.5) / (df + 0.5))
}

/**
 * Every entry's score, term by term over the postings. Each word the user typed counts once: by itself
 * or through its best synonym, whichever matches the entry better. Summing every synonym would let one
 * colloquial word with four expansions (看病 → 医疗, 住院, 报销 …) outvote the rest of the question.
 */
function scores(index: KnowledgeIndex<Searchable>, terms: QueryTerm[]): Float64Array {
  const n = index.docs.length
  const bestByWord = new Map<string, Float64Array>()
  for (const t of terms) {
    const posting = index.postings.get(t.text)
    if (!posting) continue
    const weight = t.weight * idf(index, t.text)
    const word = t.from?.[0] ?? t.text
    let best = bestByWord.get(word)
    if (!best) bestByWord.set(word, (best = new Float64Array(n)))
    for (let i = 0; i < posting.positions.length; i++) {
      const tf = posting.tf[i]!
      const s = weight * ((tf * (K1 + 1)) / (tf + K1))
      const p = posting.positions[i]!
      if (s > best[p]!) best[p] = s
    }
  }
  const total = new Float64Array(n)
  for (const best of bestByWord.values()) for (let p = 0; p < n; p++) total[p]! += best[p]!
  return total
}

/**
 * A domain word found in more than this share of entries (申请, 标准, 补贴) names no topic of its own.
 */
const TOPICAL_DF = 0.1
/**
 * Two topical domain words of the question found together in one entry (墙裂 + 房子 → 危房改造) are
 * evidence enough even when the rest of a long, story-like question is words the knowledge base never
 * uses; such an entry is given this confidence at least.
 */
const CORROBORATING_WORDS = 2
const CORROBORATED = 0.5

/**
 * The share of the question's meaning that an entry accounts for: every word the user typed weighs its
 * rarity (idf; a word no entry uses weighs the most), and counts as covered when the entry contains it
 * or one of its synonyms. "明天天气怎么样" has no word the knowledge base knows: coverage 0.
 */
function coverage(index: KnowledgeIndex<Searchable>, doc: IndexedDoc<Searchable>, terms: QueryTerm[]): Coverage {
  const typed = terms.filter((t) => t.origin === 'lexicon' || t.origin === 'free')
  let total = 0
  let covered = 0
  let knownTotal = 0
  let domainWords = 0
  let distinctive = 0
  let domainTotal = 0
  let domainCovered = 0
  for (const t of typed) {
    const df = index.df.get(t.text) ?? 0
    const weight = t.weight * idf(index, t.text)
    total += weight
    if (t.origin === 'lexicon') domainTotal += weight
    // Words the knowledge base never uses are the story around a question (俺家今年, 咋整): they say
    // nothing about which entry is right, only that the question may be about something else.
    if (df > 0) knownTotal += weight
    const hit = contains(doc, t.text) || terms.some((s) => s.from?.includes(t.text) && contains(doc, s.text))
    if (!hit) continue
    covered += weight
    if (t.origin === 'lexicon') domainCovered += weight
    if (t.origin === 'lexicon' && df <= index.docs.length * TOPICAL_DF) domainWords++
    if (t.origin === 'lexicon' && df <= DISTINCTIVE_DF && (doc.fields.title.tf.has(t.text) || doc.fields.keywords.tf.has(t.text)))
      distinctive = 1
  }
  return {
    share: total > 0 ? covered / total : 0,
    knownShare: knownTotal > 0 ? covered / knownTotal : 0,
    domainShare: domainTotal > 0 ? domainCovered / domainTotal : 0,
    covered,
    domainWords,
    distinctive,
  }
}

/** A domain word in at most this many entries names a programme (雨露计划, 光伏扶贫) rather than a topic. */
const DISTINCTIVE_DF = 3

interface Coverage {
  share: number
  /** the same, counting only words the knowledge base uses */
  knownShare: number
  /**
   * the same over the question's domain words (lexicon terms) only: a villager's story around the
   * question (俺男人常年有病，俺一个人种地……) does not lower it
   */
  domainShare: number
  /** the idf-weighted sum of the question's words the entry accounts for */
  covered: number
  /** how many distinct domain words (lexicon terms) of the question the entry accounts for */
  domainWords: number
  /** 1 when a rare domain word of the question is in the entry's title or keywords */
  distinctive: number
}

/** How much more or less likely an entry is for this question before its words are compared (1 = neutral). */
export type Prior<T> = (entry: T, query: AnalyzedQuery) => number

export function search<T extends Searchable>(index: KnowledgeIndex<T>, question: string, limit = 5, prior?: Prior<T>): SearchResult<T> {
  const query = analyzeQuery(index.analyzer, question)
  const base = scores(index as KnowledgeIndex<Searchable>, query.terms)
  const scored: { doc: IndexedDoc<T>; score: number }[] = []
  // In index order, so that the stable sort keeps ties as they are in the content.
  for (let position = 0; position < index.docs.length; position++) {
    if (base[position] === 0) continue
    const doc = index.docs[position]!
    const s = base[position]! * (prior ? prior(doc.entry, query) : 1)
    if (s > 0) scored.push({ doc, score: s })
  }
  scored.sort((a, b) => b.score - a.score)
  const top = scored[0]
  const cov = top
    ? coverage(index as KnowledgeIndex<Searchable>, top.doc, query.terms)
    : { share: 0, knownShare: 0, domainShare: 0, covered: 0, domainWords: 0, distinctive: 0 }
  const corroborated = cov.domainWords >= CORROBORATING_WORDS ? Math.max(cov.share, CORROBORATED) : cov.share
  const second = scored[1]?.score ?? 0
  const corrected = top !== undefined && query.corrections.some((c) => contains(top.doc as IndexedDoc<Searchable>, c.term)) ? 1 : 0
  return {
    query,
    hits: scored.slice(0, limit).map(({ doc, score }) => ({ entry: doc.entry, score })),
    features: {
      coverage: cov.share,
      knownCoverage: cov.knownShare,
      domainCoverage: cov.domainShare,
      evidence: Math.log1p(cov.covered),
      domainWords: Math.min(cov.domainWords, 3),
      margin: top ? (top.score - second) / top.score : 0,
      distinctive: cov.distinctive,
      corrected,
      corroborated,
      strength: top ? Math.log1p(top.score) : 0,
      length: Math.log1p(query.terms.filter((t) => t.origin === 'lexicon' || t.origin === 'free').length),
    },
  }
}
