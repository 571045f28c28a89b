import { charPairs, normalize } from '../text/normalize.ts'
import { Segmenter } from '../text/segment.ts'
import { TypoCorrector } from '../text/typo.ts'
import { ORIGIN_WEIGHT, tokenize, type TextAnalyzer } from './query.ts'
import type { LexiconFile } from '../../content/schema.ts'
import { withoutPlaceNotice } from '../../content/place-notice.ts'

/** What the index needs of an entry; policies satisfy it, and so do synthetic entries in benchmarks. */
export interface Searchable {
  id: string
  title: string
  keywords: readonly string[]
  questions: readonly string[]
  body: string
}

export const FIELDS = ['title', 'keywords', 'questions', 'asked', 'body'] as const
export type Field = (typeof FIELDS)[number]

interface FieldStats {
  /** term → weighted frequency */
  tf: Map<string, number>
  length: number
}

export interface IndexedDoc<T extends Searchable> {
  entry: T
  fields: Record<Field, FieldStats>
  /** the character pairs of each example question and of the title, for how closely a question echoes one */
  examples: ReadonlySet<string>[]
  /** the entry's character pairs, idf-weighted and of unit length: its words' meaning without segmentation */
  pairs: ReadonlyMap<string, number>
}

export interface KnowledgeIndex<T extends Searchable> {
  analyzer: TextAnalyzer
  docs: IndexedDoc<T>[]
  byId: ReadonlyMap<string, T>
  /** term → number of entries that contain it */
  df: ReadonlyMap<string, number>
  /**
   * term → the entries that contain it (positions in `docs`, ascending) with the term's BM25F frequency
   * in each. A question scores only these, term by term, without looking into entries at all.
   */
  postings: ReadonlyMap<string, Posting>
  /** character pair → its idf over the entries */
  pairIdf: ReadonlyMap<string, number>
  /** the character pairs of each question no entry answers (Asked.outOfScope) */
  outOfScope: ReadonlySet<string>[]
}

export interface Posting {
  positions: number[]
  /** field-weighted, length-normalised frequency, before saturation */
  tf: number[]
}

/**
 * BM25F field weights and length normalisation: a word in the title or the keywords says more about
 * an entry than the same word in its body; example questions are how people actually ask.
 */
const FIELD_WEIGHT = { title: 3, keywords: 3, questions: 2, asked: 2, body: 1 } as const
const FIELD_B = { title: 0.3, keywords: 0.2, questions: 0.5, asked: 0.5, body: 0.75 } as const

/** BM25F: field frequencies are weighted and length-normalised first (saturated once, when scoring). */
function termFrequency(doc: IndexedDoc<Searchable>, term: string, avg: Record<Field, number>): number {
  let tf = 0
  for (const f of FIELDS) {
    const field = doc.fields[f]
    const raw = field.tf.get(term)
    if (!raw) continue
    tf += (FIELD_WEIGHT[f] * raw) / (1 - FIELD_B[f] + (FIELD_B[f] * field.length) / avg[f])
  }
  return tf
}

function charPairCounts(normalized: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const word of normalized.split(' ')) {
    const chars = [...word]
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i]! + chars[i + 1]!
      counts.set(pair, (counts.get(pair) ?? 0) + 1)
    }
  }
  return counts
}

/** Whether any field of the entry has the term. */
export const contains = (doc: IndexedDoc<Searchable>, term: string) => FIELDS.some((f) => (doc.fields[f].tf.get(term) ?? 0) > 0)

function fieldText(entry: Searchable, field: Field): string {
  switch (field) {
    case 'title':
      return entry.title
    case 'keywords':
      return entry.keywords.join(' ')
    case 'questions':
      return entry.questions.join(' ')
    // how people asked is the index's, not the entry's (buildIndex)
    case 'asked':
      return ''
    // the first line saying whose figures these are is for the reader, not a topic (content/place-notice.ts)
    case 'body':
      return withoutPlaceNotice(entry.body).replace(/[*_#>`-]/g, ' ')
  }
}

export function buildAnalyzer(entries: readonly Searchable[], lexicon: LexiconFile): TextAnalyzer {
  const synonyms = new Map<string, string[]>()
  for (const { from, to } of lexicon.synonyms) {
    const targets = to.map(normalize)
    for (const f of from.map(normalize)) synonyms.set(f, [...new Set([...(synonyms.get(f) ?? []), ...targets])])
  }
  const words = new Set<string>()
  for (const t of lexicon.terms) words.add(normalize(t))
  for (const e of entries) for (const k of e.keywords) words.add(normalize(k))
  for (const to of synonyms.values()) to.forEach((t) => words.add(t))
  // Typos are corrected only towards domain words: a colloquial phrase (能报多少) as a target would
  // rewrite ordinary speech (能领多少) into something the user did not say.
  const domainWords = [...words]
  for (const from of synonyms.keys()) words.add(from)
  return {
    segmenter: new Segmenter(words),
    // What the entries and the lexicon's colloquial words already say is a word, not a typo.
    typos: new TypoCorrector(
      domainWords,
      [...entries.flatMap((e) => FIELDS.map((f) => normalize(fieldText(e, f)))), ...synonyms.keys()].join('\n'),
    ),
    synonyms,
    stopwords: new Set(lexicon.stopwords.map(normalize)),
    elsewhere: lexicon.elsewhere.map(normalize),
    sourcePlaces: lexicon.sourcePlaces.map(normalize),
  }
}

/** How people asked, in their own words (content/qa-asked.yaml). */
export interface Asked {
  /** entry id → questions it answers */
  entries: ReadonlyMap<string, readonly string[]>
  /** questions no entry answers */
  outOfScope: readonly string[]
}
const NOTHING_ASKED: Asked = { entries: new Map(), outOfScope: [] }

/**
 * The index over the entries. How people asked (`asked`) is a field of its own, weighed like the example
 * questions, and counts in how closely a question echoes one; being the index's and not the entry's, it
 * stays out of what the typo corrector takes for words, so a typo someone once made (雨路计划) is still
 * corrected rather than learnt, and out of the curated questions' length normalisation.
 */
export function buildIndex<T extends Searchable>(
  entries: readonly T[],
  lexicon: LexiconFile,
  asked: Asked = NOTHING_ASKED,
): KnowledgeIndex<T> {
  const analyzer = buildAnalyzer(entries, lexicon)
  const text = (entry: T, field: Field) => (field === 'asked' ? (asked.entries.get(entry.id) ?? []).join(' ') : fieldText(entry, field))
  const df = new Map<string, number>()
  const positions = new Map<string, number[]>()
  const totals: Record<Field, number> = { title: 0, keywords: 0, questions: 0, asked: 0, body: 0 }
  const docs = entries.map((entry, position) => {
    const fields = {} as Record<Field, FieldStats>
    const seen = new Set<string>()
    for (const field of FIELDS) {
      const tf = new Map<string, number>()
      let length = 0
      for (const token of tokenize(analyzer, normalize(text(entry, field)))) {
        const w = ORIGIN_WEIGHT[token.kind]
        tf.set(token.text, (tf.get(token.text) ?? 0) + w)
        length += w
        seen.add(token.text)
      }
      fields[field] = { tf, length }
      totals[field] += length
    }
    for (const term of seen) {
      df.set(term, (df.get(term) ?? 0) + 1)
      const list = positions.get(term)
      if (list) list.push(position)
      else positions.set(term, [position])
    }
    return {
      entry,
      fields,
      examples: [entry.title, ...entry.questions, ...(asked.entries.get(entry.id) ?? [])].map((q) => charPairs(normalize(q))),
      pairs: new Map(charPairCounts(FIELDS.map((f) => normalize(text(entry, f))).join(' '))),
    }
  })
  const pairDf = new Map<string, number>()
  for (const d of docs) for (const pair of d.pairs.keys()) pairDf.set(pair, (pairDf.get(pair) ?? 0) + 1)
  const pairIdf = new Map([...pairDf].map(([pair, n]) => [pair, Math.log(1 + docs.length / n)]))
  for (const d of docs) {
    const weighted = d.pairs as Map<string, number>
    let norm = 0
    for (const [pair, count] of weighted) {
      const w = Math.log1p(count) * pairIdf.get(pair)!
      weighted.set(pair, w)
      norm += w * w
    }
    norm = Math.sqrt(norm) || 1
    for (const [pair, w] of weighted) weighted.set(pair, w / norm)
  }
  const n = Math.max(docs.length, 1)
  const avgLength = Object.fromEntries(FIELDS.map((f) => [f, totals[f] / n || 1])) as Record<Field, number>
  const postings = new Map<string, Posting>()
  for (const [term, list] of positions)
    postings.set(term, { positions: list, tf: list.map((p) => termFrequency(docs[p]!, term, avgLength)) })
  const outOfScope = asked.outOfScope.map((q) => charPairs(normalize(q)))
  return { analyzer, docs, byId: new Map(entries.map((e) => [e.id, e])), df, postings, pairIdf, outOfScope }
}
