import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, basename, relative } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { z } from '../lib/zod.ts'
import {
  PolicyFrontMatter, ContactsFile, SourcesFile, LexiconFile, ParametersFile, RegionsFile, IntentFile, CategoryWordsFile, ConfidenceModelFile,
  RankingModelFile, AskedFile,
  type Policy, type ContactsFile as Contacts, type SourceDoc, type LexiconFile as Lexicon, type Parameter, type ParameterValue, type Region,
  type Source, type LoadedSource, type IntentFile as Intents, RoutingTable,
} from './schema.ts'
import { quoteContext, readableQuote, type QuoteContext } from './readable-quote.ts'

/** A content file that cannot be used: names the file and the field so the editor can fix it. */
export class ContentError extends Error {
  constructor(readonly file: string, readonly field: string, detail: string) {
    super(`内容文件 ${file} 有误${field ? `（字段 ${field}）` : ''}：${detail}`)
    this.name = 'ContentError'
  }
}

/** A parameter as loaded: the file it came from, and each value's source with its display form. */
export type LoadedParameter = Omit<Parameter, 'values'> & { file: string; values: (Omit<ParameterValue, 'source'> & { source: LoadedSource })[] }

export interface Content {
  policies: Policy[]
  contacts: Contacts
  sources: SourceDoc[]
  lexicon: Lexicon
  parameters: LoadedParameter[]
  regions: Region[]
  routing: RoutingTable
  intents: (Intents & { file: string })[]
  /** report category → how people describe such a problem */
  categoryWords: Record<string, string[]>
  confidence: z.infer<typeof ConfidenceModelFile>
  ranking: z.infer<typeof RankingModelFile>
  /** how people asked: for each entry, and what no entry answers (content/qa-asked.yaml) */
  asked: z.infer<typeof AskedFile>
}

function check<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const result = schema.safeParse(data)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  throw new ContentError(file, issue.path.join('.'), issue.message)
}

function readYaml(path: string, shown: string): unknown {
  try {
    return parseYaml(readFileSync(path, 'utf8'))
  } catch (err) {
    throw new ContentError(shown, '', `无法读取或不是合法的 YAML：${(err as Error).message}`)
  }
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/

/** Where a quote sits in its seed document (null: seed or quote not found), for the "…" of the display form. */
export type QuoteLocator = (source: Source) => QuoteContext | null

const noLocator: QuoteLocator = () => null

/** The source with its display form; the verbatim quote is kept as it is. */
export function withDisplay(source: Source, locate: QuoteLocator = noLocator): LoadedSource {
  return { ...source, display: readableQuote(source.quote, locate(source)) }
}

/**
 * Finds seed quotes in SOURCES_DIR. Without that directory (a server that ships only content/) quotes
 * are still shown readable, only without the "…" that says the sentence goes on in the document.
 */
export function seedLocator(sourcesDir: string | undefined): QuoteLocator {
  if (!sourcesDir || !existsSync(sourcesDir)) return noLocator
  const seeds = new Map<string, string | null>()
  const seed = (doc: string) => {
    if (!seeds.has(doc)) {
      const path = join(sourcesDir, doc)
      seeds.set(doc, existsSync(path) ? readFileSync(path, 'utf8') : null)
    }
    return seeds.get(doc)!
  }
  return (source) => {
    if (!('doc' in source)) return null
    const text = seed(source.doc)
    return text === null ? null : quoteContext(text, source.quote)
  }
}

export function parsePolicyFile(source: string, file: string, locate: QuoteLocator = noLocator): Policy {
  const match = FRONT_MATTER.exec(source.replace(/^\uFEFF/, ''))
  if (!match) throw new ContentError(file, '', '缺少以 --- 开头和结束的文件头（front matter）')
  let data: unknown
  try {
    data = parseYaml(match[1]!)
  } catch (err) {
    throw new ContentError(file, '', `文件头不是合法的 YAML：${(err as Error).message}`)
  }
  const front = check(PolicyFrontMatter, data, file)
  const expectedId = basename(file, '.md')
  if (front.id !== expectedId) throw new ContentError(file, 'id', `id「${front.id}」应与文件名「${expectedId}」一致`)
  const body = match[2]!.trim()
  if (!body) throw new ContentError(file, 'body', '正文不能为空')
  if (body.length > 600) throw new ContentError(file, 'body', `正文 ${body.length} 字，超过手机一屏能读完的 600 字`)
  return { ...front, sources: front.sources.map((s) => withDisplay(s, locate)), body, file }
}

export interface LoadOptions {
  /** SOURCES_DIR: the seed documents, to mark where a displayed quote was cut out of a longer sentence */
  sourcesDir?: string | undefined
}

export function loadContent(dir: string, options: LoadOptions = {}): Content {
  const shown = (p: string) => relative(process.cwd(), p) || p
  const locate = seedLocator(options.sourcesDir)
  const policyDir = join(dir, 'policies')
  const files = readdirSync(policyDir).filter((f) => f.endsWith('.md')).sort()
  const policies = files.map((f) => parsePolicyFile(readFileSync(join(policyDir, f), 'utf8'), shown(join(policyDir, f)), locate))

  const contactsPath = join(dir, 'contacts.yaml')
  const contacts = check(ContactsFile, readYaml(contactsPath, shown(contactsPath)), shown(contactsPath))
  const sourcesPath = join(dir, 'sources.yaml')
  const sources = check(SourcesFile, readYaml(sourcesPath, shown(sourcesPath)), shown(sourcesPath)).documents
  const lexiconPath = join(dir, 'lexicon.yaml')
  const lexicon = check(LexiconFile, readYaml(lexiconPath, shown(lexiconPath)), shown(lexiconPath))

  const parameterDir = join(dir, 'parameters')
  const regionsPath = join(parameterDir, 'regions.yaml')
  const regions = check(RegionsFile, readYaml(regionsPath, shown(regionsPath)), shown(regionsPath)).regions
  const parameterFiles = readdirSync(parameterDir).filter((f) => f.endsWith('.yaml') && f !== 'regions.yaml').sort()
  const parameters = parameterFiles.flatMap((f) => {
    const path = join(parameterDir, f)
    return check(ParametersFile, readYaml(path, shown(path)), shown(path)).parameters.map((p) => ({
      ...p,
      values: p.values.map((v) => ({ ...v, source: withDisplay(v.source, locate) })),
      file: shown(path),
    }))
  })

  const routingPath = join(dir, 'report-routing.yaml')
  const routing = check(RoutingTable, readYaml(routingPath, shown(routingPath)), shown(routingPath))

  const intentDir = join(dir, 'intents')
  const intents = readdirSync(intentDir).filter((f) => f.endsWith('.yaml')).sort().map((f) => {
    const path = join(intentDir, f)
    const parsed = check(IntentFile, readYaml(path, shown(path)), shown(path))
    if (`${parsed.intent}.yaml` !== f) throw new ContentError(shown(path), 'intent', `intent「${parsed.intent}」应与文件名一致`)
    return { ...parsed, file: shown(path) }
  })
  const wordsPath = join(dir, 'report-category-words.yaml')
  const categoryWords = check(CategoryWordsFile, readYaml(wordsPath, shown(wordsPath)), shown(wordsPath)).categories

  const confidencePath = join(dir, 'qa-confidence.yaml')
  const confidence = check(ConfidenceModelFile, readYaml(confidencePath, shown(confidencePath)), shown(confidencePath))

  const rankingPath = join(dir, 'qa-ranking.yaml')
  const ranking = check(RankingModelFile, readYaml(rankingPath, shown(rankingPath)), shown(rankingPath))
  const askedPath = join(dir, 'qa-asked.yaml')
  const asked = check(AskedFile, readYaml(askedPath, shown(askedPath)), shown(askedPath))
  const content = { policies, contacts, sources, lexicon, parameters, regions, routing, intents, categoryWords, confidence, ranking, asked }
  crossCheck(content)
  return content
}

/** References between files: ids exist, no duplicates, every seed cited is a known document. */
function crossCheck(content: Content): void {
  const ids = new Set<string>()
  for (const p of content.policies) {
    if (ids.has(p.id)) throw new ContentError(p.file, 'id', `id「${p.id}」重复`)
    ids.add(p.id)
  }
  for (const id of Object.keys(content.asked.asked)) {
    if (!ids.has(id)) throw new ContentError('content/qa-asked.yaml', `asked.${id}`, `找不到条目「${id}」`)
  }
  const officeIds = new Set(content.contacts.offices.map((o) => o.id))
  if (!officeIds.has(content.contacts.hotline)) {
    throw new ContentError('content/contacts.yaml', 'hotline', `找不到联系人「${content.contacts.hotline}」`)
  }
  const docs = new Set(content.sources.map((s) => s.doc))
  for (const p of content.policies) {
    p.related.forEach((r, i) => {
      if (!ids.has(r)) throw new ContentError(p.file, `related.${i}`, `找不到相关条目「${r}」`)
    })
    p.contacts.forEach((c, i) => {
      if (!officeIds.has(c)) throw new ContentError(p.file, `contacts.${i}`, `找不到联系人「${c}」`)
    })
    p.sources.forEach((s, i) => {
      if ('doc' in s && !docs.has(s.doc)) {
        throw new ContentError(p.file, `sources.${i}.doc`, `content/sources.yaml 里没有文档「${s.doc}」`)
      }
    })
  }
  const offices = new Set(content.contacts.offices.map((o) => o.id))
  const towns = new Set(content.contacts.towns.map((t) => t.name))
  content.routing.routes.forEach((r, i) => {
    if (!offices.has(r.office)) throw new ContentError('content/report-routing.yaml', `routes.${i}.office`, `contacts.yaml 里没有「${r.office}」`)
    if (r.town && !towns.has(r.town)) throw new ContentError('content/report-routing.yaml', `routes.${i}.town`, `contacts.yaml 里没有乡镇「${r.town}」`)
  })
  const regions = new Set(content.regions.map((r) => r.name))
  content.regions.forEach((r) => r.follows.forEach((f, i) => {
    if (!regions.has(f)) throw new ContentError('content/parameters/regions.yaml', `${r.name}.follows.${i}`, `没有地区「${f}」`)
  }))
  const parameterIds = new Set<string>()
  for (const p of content.parameters) {
    if (parameterIds.has(p.id)) throw new ContentError(p.file, p.id, `参数 id「${p.id}」重复`)
    parameterIds.add(p.id)
    if (!ids.has(p.policy)) throw new ContentError(p.file, `${p.id}.policy`, `找不到条目「${p.policy}」`)
    p.values.forEach((v, i) => {
      if (!regions.has(v.region)) throw new ContentError(p.file, `${p.id}.values.${i}.region`, `regions.yaml 里没有地区「${v.region}」`)
      if ('doc' in v.source && !docs.has(v.source.doc)) {
        throw new ContentError(p.file, `${p.id}.values.${i}.source.doc`, `content/sources.yaml 里没有文档「${v.source.doc}」`)
      }
    })
  }
}
