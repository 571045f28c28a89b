import { normalize } from '../text/normalize.ts'
import type { Segmenter, Token } from '../text/segment.ts'
import type { TypoCorrector } from '../text/typo.ts'

/** Where a query term came from; decides how much it counts. */
export type TermOrigin = Token['kind'] | 'synonym'

export interface QueryTerm {
  text: string
  origin: TermOrigin
  weight: number
  /** for a synonym: the words the user typed that it stands for */
  from?: string[]
}

/**
 * A whole domain word counts fully; a word guessed from a typo nearly so; synonyms and fragments
 * (inner words, character pairs) help ranking but must not outweigh what the user actually typed.
 */
export const ORIGIN_WEIGHT: Record<TermOrigin, number> = {
  lexicon: 1,
  free: 1,
  synonym: 0.6,
  part: 0.35,
}

export interface TextAnalyzer {
  segmenter: Segmenter
  typos: TypoCorrector
  synonyms: ReadonlyMap<string, readonly string[]>
  stopwords: ReadonlySet<string>
  /** places elsewhere (LexiconFile.elsewhere), normalised */
  elsewhere: readonly string[]
  /** the places the seeds' figures are from (LexiconFile.sourcePlaces), normalised */
  sourcePlaces: readonly string[]
}

export interface AnalyzedQuery {
  normalized: string
  terms: QueryTerm[]
  corrections: { typed: string; term: string }[]
}

const SINGLE_CHAR_WEIGHT = 0.4

/** Tokens of a document field or a question, without stopwords. */
export function tokenize(analyzer: TextAnalyzer, normalized: string): Token[] {
  return analyzer.segmenter.segment(normalized).filter((t) => !analyzer.stopwords.has(t.text))
}

/**
 * Normalises a question, rewrites probable typos to the lexicon word (雨路计划 → 雨露计划), segments it
 * and adds the synonyms of what was typed (看病 → 医疗).
 */
export function analyzeQuery(analyzer: TextAnalyzer, question: string): AnalyzedQuery {
  const normalized = normalize(question)
  const corrections = analyzer.typos.correct(normalized).map(({ typed, term }) => ({ typed, term }))
  const corrected = corrections.reduce((text, c) => text.replace(c.typed, c.term), normalized)

  const terms = new Map<string, QueryTerm>()
  const add = (text: string, origin: TermOrigin, from?: string) => {
    if (analyzer.stopwords.has(text)) return
    const weight = ORIGIN_WEIGHT[origin] * ([...text].length === 1 ? SINGLE_CHAR_WEIGHT : 1)
    const seen = terms.get(text)
    if (seen && from && seen.from) seen.from.push(from)
    if (!seen || seen.weight < weight) terms.set(text, { text, origin, weight, ...(from ? { from: [from] } : {}) })
  }
  for (const t of tokenize(analyzer, corrected)) add(t.text, t.kind)
  // A snapshot: add() puts the synonyms into `terms`, and they must not be expanded in turn.
  // oxlint-disable-next-line unicorn/no-useless-spread
  for (const t of [...terms.values()]) {
    if (t.origin === 'part') continue
    for (const s of analyzer.synonyms.get(t.text) ?? []) add(s, 'synonym', t.text)
  }
  return { normalized: corrected, terms: [...terms.values()], corrections }
}
