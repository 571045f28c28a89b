import { buildIndex, type KnowledgeIndex } from './qa/index.ts'
import type { Content } from '../content/load.ts'
import type { LoadedSource, Office, Policy, Source, TreeNodeFile } from '../content/schema.ts'
import type { CitedSource } from './qa/citation.ts'
import { readableQuote } from '../content/readable-quote.ts'
import { ParameterBook } from './eligibility/parameters.ts'
import { ContentError } from '../content/load.ts'
import { buildUnderstander, type Understander } from './understand/understand.ts'
import { Intent } from './understand/intents.ts'
import { REPORT_CATEGORIES } from '../content/report-categories.ts'
import { FEATURES, type ConfidenceModel } from './qa/confidence.ts'
import { RANK_FEATURES, type RankingModel } from './qa/search.ts'

/** Everything the domain needs to answer, built once at start from the validated content. */
export interface Knowledge {
  policies: readonly Policy[]
  index: KnowledgeIndex<Policy>
  offices: ReadonlyMap<string, Office>
  hotline: Office
  contactsNotice: string | null
  towns: Content['contacts']['towns']
  /** the place this service is for: its parameters decide eligibility (REGION, else the contacts' region) */
  region: string
  parameters: ParameterBook
  /** the routing of public reports as shipped; the admin's edits live in the data directory */
  routing: Content['routing']
  citeSource(source: Source | LoadedSource): CitedSource
  /** the understanding step: what a message asks for, and what it names */
  understander: Understander
  /** how sure an answer is (fitted, see api/domain/qa/confidence.ts) */
  confidence: ConfidenceModel
  /** how the best-scored entries are ordered (fitted, see api/domain/qa/search.ts) */
  ranking: RankingModel
}

export function buildKnowledge(content: Content, options: { region?: string | undefined } = {}): Knowledge {
  const parameters = new ParameterBook(content.parameters, content.regions)
  const region = options.region ?? content.contacts.region
  if (!parameters.hasRegion(region)) {
    throw new ContentError(
      'content/parameters/regions.yaml',
      'regions',
      `没有地区「${region}」（REGION 或 contacts.yaml 的 region），请先在这里加上它的标准`,
    )
  }
  const offices = new Map(content.contacts.offices.map((o) => [o.id, o]))
  const titles = new Map(content.sources.map((s) => [s.doc, s.title]))
  return {
    understander: understanderFor(content),
    confidence: confidenceModel(content.confidence),
    ranking: rankingModel(content.ranking),
    policies: content.policies,
    index: buildIndex(content.policies, content.lexicon, {
      entries: new Map(Object.entries(content.asked.asked)),
      outOfScope: content.asked.outOfScope,
    }),
    offices,
    hotline: offices.get(content.contacts.hotline)!,
    contactsNotice: content.contacts.demo ? content.contacts.notice : null,
    towns: content.contacts.towns,
    region,
    parameters,
    routing: content.routing,
    citeSource(source) {
      // loaded content carries the display form (computed once, with the seed's context); a source built by hand gets it here
      const display = 'display' in source ? source.display : readableQuote(source.quote)
      if ('doc' in source) return { doc: source.doc, title: `《${titles.get(source.doc) ?? source.doc}》`, quote: source.quote, display }
      return { doc: source.publication, title: `${source.issuer}《${source.publication}》（${source.year}）`, quote: source.quote, display }
    },
  }
}

/** Trains the intent classifier once, at start (about a second; `npm run bench` measures it). */
function understanderFor(content: Content): Understander {
  const phrasings = new Map<Intent, string[]>()
  // policy.question learns from every entry's title and questions; its own file only adds the ways people
  // ask about a term in general (“……是啥意思”), which no single entry lists.
  const policyQuestions = content.policies.flatMap((p) => [p.title, ...p.questions])
  for (const f of content.intents) {
    const intent = Intent.safeParse(f.intent)
    if (!intent.success) throw new ContentError(f.file, 'intent', `不认识的意图「${f.intent}」`)
    if (intent.data === 'policy.question') policyQuestions.push(...f.examples)
    else phrasings.set(intent.data, f.examples)
  }
  for (const category of Object.keys(content.categoryWords)) {
    if (!(REPORT_CATEGORIES as readonly string[]).includes(category)) {
      throw new ContentError(
        'content/report-category-words.yaml',
        `categories.${category}`,
        `不是反映问题的类别：${REPORT_CATEGORIES.join('、')}`,
      )
    }
  }
  const categoryWords = new Map<string, string[]>(REPORT_CATEGORIES.map((c) => [c, content.categoryWords[c] ?? []]))
  return buildUnderstander(
    { phrasings, policyQuestions },
    {
      towns: content.contacts.towns,
      offices: content.contacts.offices,
      categoryWords,
      matters: [...content.lexicon.terms, ...content.policies.flatMap((p) => p.keywords)],
    },
  )
}

function rankingModel(file: Content['ranking']): RankingModel {
  const missing = RANK_FEATURES.filter((f) => typeof file.weights[f] !== 'number')
  if (missing.length > 0)
    throw new ContentError('content/qa-ranking.yaml', 'weights', `缺少：${missing.join('、')}（请运行 npm run eval:fit）`)
  return { weights: Object.fromEntries(RANK_FEATURES.map((f) => [f, file.weights[f]!])) as RankingModel['weights'] }
}

function confidenceModel(file: Content['confidence']): ConfidenceModel {
  const unknown = new Set<string>()
  const features = (n: TreeNodeFile): void => {
    if ('add' in n) return
    if (!(FEATURES as readonly string[]).includes(n.feature)) unknown.add(n.feature)
    features(n.lo)
    features(n.hi)
  }
  file.trees.forEach(features)
  if (unknown.size > 0)
    throw new ContentError('content/qa-confidence.yaml', 'trees', `没有这样的特征：${[...unknown].join('、')}（请运行 npm run eval:fit）`)
  return { base: file.base, trees: file.trees as ConfidenceModel['trees'], answerAt: file.answerAt, tentativeAt: file.tentativeAt }
}
