import { contains, type KnowledgeIndex, type IndexedDoc, type Searchable } from './index.ts'
import { analyzeQuery, type AnalyzedQuery, type QueryTerm } from './query.ts'
import { charPairs } from '../text/normalize.ts'
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
  /**
   * The question names a place the seeds' figures are from that the first entry does not name (石首 asked,
   * 乌审旗's entry first): its figures are another place's. Too rare in the tuning split for the trees to
   * learn; a rule over them (answer.ts) uses it.
   */
  otherSourcePlace: boolean
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
  const byWord = new Map<string, QueryTerm[]>()
  for (const t of terms) {
    const word = t.from?.[0] ?? t.text
    const group = byWord.get(word)
    if (group) group.push(t)
    else byWord.set(word, [t])
  }
  // One scratch array for every word, cleared where it was written: a question costs two arrays of the
  // index's size, not one per word (allocation shows as GC pauses in the p99 of a large knowledge base).
  const total = new Float64Array(n)
  const best = new Float64Array(n)
  const touched: number[] = []
  for (const group of byWord.values()) {
    for (const t of group) {
      const posting = index.postings.get(t.text)
      if (!posting) continue
      const weight = t.weight * idf(index, t.text)
      for (let i = 0; i < posting.positions.length; i++) {
        const tf = posting.tf[i]!
        const s = weight * ((tf * (K1 + 1)) / (tf + K1))
        const p = posting.positions[i]!
        if (best[p] === 0) touched.push(p)
        if (s > best[p]!) best[p] = s
      }
    }
    for (const p of touched) {
      total[p]! += best[p]!
      best[p] = 0
    }
    touched.length = 0
  }
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
  let missing = 0
  let domainTotal = 0
  let domainCovered = 0
  let titled = 0
  for (const t of typed) {
    const df = index.df.get(t.text) ?? 0
    const weight = t.weight * idf(index, t.text)
    total += weight
    if (t.origin === 'lexicon') domainTotal += weight
    // Words the knowledge base never uses are the story around a question (俺家今年, 咋整): they say
    // nothing about which entry is right, only that the question may be about something else.
    if (df > 0) knownTotal += weight
    const hit = contains(doc, t.text) || terms.some((s) => s.from?.includes(t.text) && contains(doc, s.text))
    if (!hit) {
      if ([...t.text].length >= 2) missing = Math.max(missing, weight)
      continue
    }
    covered += weight
    if (t.origin === 'lexicon') domainCovered += weight
    if (t.origin === 'lexicon' && (doc.fields.title.tf.has(t.text) || doc.fields.keywords.tf.has(t.text))) titled += weight
    if (t.origin === 'lexicon' && df <= index.docs.length * TOPICAL_DF) domainWords++
    if (t.origin === 'lexicon' && df <= DISTINCTIVE_DF && (doc.fields.title.tf.has(t.text) || doc.fields.keywords.tf.has(t.text)))
      distinctive = 1
  }
  return {
    share: total > 0 ? covered / total : 0,
    knownShare: knownTotal > 0 ? covered / knownTotal : 0,
    domainShare: domainTotal > 0 ? domainCovered / domainTotal : 0,
    titleShare: domainTotal > 0 ? titled / domainTotal : 0,
    covered,
    domainWords,
    distinctive,
    missing: missing / idf(index, ''),
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
  /** the same, counting only the domain words the entry's title or keywords name: what it is about, not what it mentions */
  titleShare: number
  /** the idf-weighted sum of the question's words the entry accounts for */
  covered: number
  /** how many distinct domain words (lexicon terms) of the question the entry accounts for */
  domainWords: number
  /** 1 when a rare domain word of the question is in the entry's title or keywords */
  distinctive: number
  /** the weight of the heaviest word of the question the entry does not account for, against a word no entry uses */
  missing: number
}

/** A question no entry matches at all. */
const NO_COVERAGE: Coverage = {
  share: 0,
  knownShare: 0,
  domainShare: 0,
  titleShare: 0,
  covered: 0,
  domainWords: 0,
  distinctive: 0,
  missing: 0,
}

/** How much more or less likely an entry is for this question before its words are compared (1 = neutral). */
export type Prior<T> = (entry: T, query: AnalyzedQuery) => number

/**
 * What the ranking model weighs for each of the best-scored entries: the word score (relative to the
 * best, and absolute), how closely the question echoes one of the entry's example questions (the share
 * of the example's character pairs the question has, and the share of the question's the example has),
 * how much of the question the entry accounts for, and the prior (log; 0 = neutral).
 */
export const RANK_FEATURES = [
  'relative',
  'logScore',
  'exampleCovered',
  'exampleShare',
  'coverage',
  'domainCoverage',
  'knownCoverage',
  'pairCosine',
  'prior',
  'titleCoverage',
] as const
export type RankFeature = (typeof RANK_FEATURES)[number]
export type RankFeatures = Record<RankFeature, number>

/** A linear score over RANK_FEATURES, fitted and cross-validated by `npm run eval:fit` (content/qa-ranking.yaml). */
export interface RankingModel {
  weights: RankFeatures
}

/** How many of the best word-scored entries the ranking model orders. */
export const POOL = 8

export interface Candidate<T extends Searchable> {
  doc: IndexedDoc<T>
  /** the word score (BM25F), before the prior */
  score: number
  features: RankFeatures
  coverage: Coverage
  /** the best Dice overlap of the question's character pairs with one of the entry's example questions */
  echo: number
}

/**
 * The entries worth ranking for a question, best word score first, each with what the ranking model
 * weighs; and the question's character pairs (`asked`), which the confidence features compare too.
 */
export function candidates<T extends Searchable>(
  index: KnowledgeIndex<T>,
  question: string,
  prior?: Prior<T>,
): { query: AnalyzedQuery; pool: Candidate<T>[]; asked: ReadonlySet<string> } {
  const query = analyzeQuery(index.analyzer, question)
  const base = scores(index as KnowledgeIndex<Searchable>, query.terms)
  // The best POOL entries, kept in order as the scores come (no object per matching entry: a large
  // knowledge base matches hundreds on common words). Index order decides ties: the earlier entry stays first.
  const scored: { position: number; prior: number; score: number }[] = []
  for (let position = 0; position < index.docs.length; position++) {
    if (base[position] === 0) continue
    const p = prior ? prior(index.docs[position]!.entry, query) : 1
    const score = base[position]! * p
    if (p <= 0 || (scored.length === POOL && score <= scored[POOL - 1]!.score)) continue
    let at = scored.length
    while (at > 0 && scored[at - 1]!.score < score) at--
    scored.splice(at, 0, { position, prior: p, score })
    if (scored.length > POOL) scored.pop()
  }
  const best = scored[0]?.score ?? 1
  const asked = charPairs(query.normalized)
  let askedNorm = 0
  for (const pair of asked) askedNorm += (index.pairIdf.get(pair) ?? 0) ** 2
  askedNorm = Math.sqrt(askedNorm) || 1
  const pool = scored.map(({ position, prior: p, score }) => {
    const doc = index.docs[position]!
    const cov = coverage(index as KnowledgeIndex<Searchable>, doc as IndexedDoc<Searchable>, query.terms)
    let exampleCovered = 0
    let exampleShare = 0
    let echo = 0
    for (const example of doc.examples) {
      const shared = sharedPairs(example, asked)
      exampleCovered = Math.max(exampleCovered, shared / Math.max(1, example.size))
      exampleShare = Math.max(exampleShare, shared / Math.max(1, asked.size))
      echo = Math.max(echo, dice(shared, example, asked))
    }
    let pairCosine = 0
    for (const pair of asked) pairCosine += (doc.pairs.get(pair) ?? 0) * (index.pairIdf.get(pair) ?? 0)
    const features: RankFeatures = {
      relative: score / best,
      logScore: Math.log1p(base[position]!),
      exampleCovered,
      exampleShare,
      coverage: cov.share,
      domainCoverage: cov.domainShare,
      knownCoverage: cov.knownShare,
      pairCosine: pairCosine / askedNorm,
      prior: Math.log(p),
      titleCoverage: cov.titleShare,
    }
    return { doc, score: base[position]!, features, coverage: cov, echo }
  })
  return { query, pool, asked }
}

/** How many of the example's character pairs the question has. */
function sharedPairs(example: ReadonlySet<string>, asked: ReadonlySet<string>): number {
  let shared = 0
  for (const pair of example) if (asked.has(pair)) shared++
  return shared
}

/** The Dice likeness of two sets of character pairs that have `shared` in common. */
const dice = (shared: number, a: ReadonlySet<string>, b: ReadonlySet<string>) => (2 * shared) / Math.max(1, a.size + b.size)

/**
 * How closely the question echoes one that no entry answers (天气、分数线、房价…, content/qa-asked.yaml):
 * the best Dice overlap of character pairs. Out-of-scope questions come back to the same few subjects.
 */
function likeOutOfScope(index: KnowledgeIndex<Searchable>, asked: ReadonlySet<string>): number {
  let best = 0
  for (const example of index.outOfScope) best = Math.max(best, dice(sharedPairs(example, asked), example, asked))
  return best
}

/** Whether the entry's text has every character pair of `phrase` (a place name need not be a word of the index). */
const mentions = (doc: IndexedDoc<Searchable>, phrase: string) => [...charPairs(phrase)].every((pair) => doc.pairs.has(pair))

/**
 * A question that asks for a sum of money or a rate (多少钱, 一个月给多少, 工资多少, 报销比例是多少, 利息多少)
 * that the first entry states no sum or rate at all for: the entry is about the subject, but what is asked
 * is not in it. A sum the person tells (花了十几万, 几百块钱租金) is not a sum asked for; 多少 before a
 * count (多少天, 多少户) asks no money either.
 */
const HOW_MUCH = '多少(?![天次户人个回趟年岁名家村所条项遍])'
const ASKS_MONEY = new RegExp(
  [
    '多少钱|多少块|几块钱|百分之几|几个点',
    `(?:给|发|补|领|报|赔|贷|借|奖|拿|挣|开)了?(?:能|可以)?${HOW_MUCH}`,
    `(?:工资|薪水|报酬|补贴|补助|救助金|标准|比例|利息|利率|起付线|额度|金额|封顶线|保费)(?:是|有|能有|大概|一般|到底)?${HOW_MUCH}`,
    `(?:降|提高|涨|调)到${HOW_MUCH}`,
    `最(?:多|高|少|低)(?:能|可以)?(?:给|发|补|领|报|赔|贷|借)?${HOW_MUCH}`,
    `一(?:个)?[月年天亩次人户](?:能|可以)?(?:给|发|补|领|拿|挣|赔|报)?${HOW_MUCH}`,
  ].join('|'),
)
const STATES_MONEY = /\d\s*(?:[百千万亿]?元|块|%|％)|百分之/

const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/g
/** The years a question names: an entry that never mentions the year asked about does not answer it (2027年的标准). */
const askedYears = (query: AnalyzedQuery) => query.normalized.match(YEAR) ?? []

export const rankScore = (model: RankingModel, f: RankFeatures) => RANK_FEATURES.reduce((z, name) => z + model.weights[name] * f[name], 0)

/**
 * The entries for a question, most likely first, with the features of the first that the confidence
 * model weighs. Each hit's score is the ranking model's probability for it among the pool.
 */
export function search<T extends Searchable>(
  index: KnowledgeIndex<T>,
  question: string,
  ranking: RankingModel,
  limit = 5,
  prior?: Prior<T>,
): SearchResult<T> {
  const { query, pool, asked } = candidates(index, question, prior)
  const ranked = pool.map((c) => ({ c, z: rankScore(ranking, c.features) })).sort((a, b) => b.z - a.z)
  const top = ranked[0]?.c
  const maxZ = ranked[0]?.z ?? 0
  const weights = ranked.map(({ z }) => Math.exp(z - maxZ))
  const total = weights.reduce((a, b) => a + b, 0) || 1
  const probabilities = weights.map((w) => w / total)
  const cov = top?.coverage ?? NO_COVERAGE
  const corroborated = cov.domainWords >= CORROBORATING_WORDS ? Math.max(cov.share, CORROBORATED) : cov.share
  const offTopic = likeOutOfScope(index, asked)
  // how far the question is from every way this entry was asked: a missing word or a likeness to an
  // unanswerable question says more when nobody asked the entry like this before
  const unechoed = 1 - (top?.echo ?? 0)
  const corrected = top !== undefined && query.corrections.some((c) => contains(top.doc as IndexedDoc<Searchable>, c.term)) ? 1 : 0
  /** whether the question names one of `places` that the first entry does not */
  const namesOtherPlace = (places: readonly string[]) => !!top && places.some((p) => query.normalized.includes(p) && !mentions(top.doc, p))
  return {
    query,
    hits: ranked.slice(0, limit).map(({ c }, i) => ({ entry: c.doc.entry, score: probabilities[i]! })),
    features: {
      coverage: cov.share,
      knownCoverage: cov.knownShare,
      domainCoverage: cov.domainShare,
      evidence: Math.log1p(cov.covered),
      domainWords: Math.min(cov.domainWords, 3),
      margin: (probabilities[0] ?? 0) - (probabilities[1] ?? 0),
      distinctive: cov.distinctive,
      corrected,
      corroborated,
      strength: top ? Math.log1p(top.score) : 0,
      length: Math.log1p(query.terms.filter((t) => t.origin === 'lexicon' || t.origin === 'free').length),
      example: top?.features.exampleCovered ?? 0,
      otherYear: top && askedYears(query).some((y) => !contains(top.doc as IndexedDoc<Searchable>, y)) ? 1 : 0,
      offTopic,
      missing: cov.missing,
      echo: top?.echo ?? 0,
      missingUnechoed: cov.missing * unechoed,
      offTopicUnechoed: offTopic * unechoed,
      unstatedMoney: top && ASKS_MONEY.test(query.normalized) && !STATES_MONEY.test(top.doc.entry.body) ? 1 : 0,
      otherPlace: namesOtherPlace(index.analyzer.elsewhere) ? 1 : 0,
    },
    otherSourcePlace: namesOtherPlace(index.analyzer.sourcePlaces),
  }
}
