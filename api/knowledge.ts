import { buildIndex, type KnowledgeIndex } from './domain/qa/index.ts'
import type { Content } from './content/load.ts'
import type { Office, Policy, Source } from './content/schema.ts'
import type { CitedSource } from './domain/qa/answer.ts'

/** Everything the domain needs to answer, built once at start from the validated content. */
export interface Knowledge {
  policies: readonly Policy[]
  index: KnowledgeIndex<Policy>
  offices: ReadonlyMap<string, Office>
  hotline: Office
  contactsNotice: string | null
  towns: Content['contacts']['towns']
  region: string
  citeSource(source: Source): CitedSource
}


export function buildKnowledge(content: Content): Knowledge {
  const offices = new Map(content.contacts.offices.map((o) => [o.id, o]))
  const titles = new Map(content.sources.map((s) => [s.doc, s.title]))
  return {
    policies: content.policies,
    index: buildIndex(content.policies, content.lexicon),
    offices,
    hotline: offices.get(content.contacts.hotline)!,
    contactsNotice: content.contacts.demo ? content.contacts.notice : null,
    towns: content.contacts.towns,
    region: content.contacts.region,
    citeSource(source) {
      if ('doc' in source) return { doc: source.doc, title: titles.get(source.doc) ?? source.doc, quote: source.quote }
      return { doc: source.publication, title: `${source.issuer}《${source.publication}》（${source.year}）`, quote: source.quote }
    },
  }
}
