import { buildIndex, type KnowledgeIndex } from './domain/qa/index.ts'
import type { Content } from './content/load.ts'
import type { LoadedSource, Office, Policy, Source } from './content/schema.ts'
import type { CitedSource } from './domain/qa/answer.ts'
import { readableQuote } from './content/readable-quote.ts'
import { ParameterBook } from './domain/eligibility/parameters.ts'
import { ContentError } from './content/load.ts'

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
  citeSource(source: Source | LoadedSource): ShownCitation
}

/**
 * A source as answers cite it: `quote` the verbatim text, `display` what pages and the bot show instead —
 * Simplified, no pinyin or mojibake, "…" where the quote is cut (api/content/readable-quote.ts).
 */
export type ShownCitation = CitedSource & { display: string }


export function buildKnowledge(content: Content, options: { region?: string | undefined } = {}): Knowledge {
  const parameters = new ParameterBook(content.parameters, content.regions)
  const region = options.region ?? content.contacts.region
  if (!parameters.hasRegion(region)) {
    throw new ContentError('content/parameters/regions.yaml', 'regions', `没有地区「${region}」（REGION 或 contacts.yaml 的 region），请先在这里加上它的标准`)
  }
  const offices = new Map(content.contacts.offices.map((o) => [o.id, o]))
  const titles = new Map(content.sources.map((s) => [s.doc, s.title]))
  return {
    policies: content.policies,
    index: buildIndex(content.policies, content.lexicon),
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
      if ('doc' in source) return { doc: source.doc, title: titles.get(source.doc) ?? source.doc, quote: source.quote, display }
      return { doc: source.publication, title: `${source.issuer}《${source.publication}》（${source.year}）`, quote: source.quote, display }
    },
  }
}
