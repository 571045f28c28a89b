import { normalize } from '../text/normalize.ts'
import type { EntitiesOut as Entities } from './intents.ts'

/**
 * What a message names, found by dictionaries (places, offices, report categories, domain words from the
 * content) and by the shapes of the service's own identifiers. Pure: the vocabularies come in built.
 */

export interface EntityVocabulary {
  towns: readonly { name: string; villages: readonly string[] }[]
  offices: readonly { id: string; name: string; town: string | null; village: string | null; aliases: readonly string[] }[]
  /** report category → words people use when describing such a problem */
  categoryWords: ReadonlyMap<string, readonly string[]>
  /** domain words worth naming as the matter asked about */
  matters: readonly string[]
}

export const TICKET_IN_TEXT = /FK[-\s]?(\d{4})[-\s]?(\d{6})/i
export const CASE_IN_TEXT = /SB[-\s]?(\d{4})[-\s]?(\d{6})/i
/** Household ids as the ledger writes them: two or three letters, a dash, digits (DS-0001). */
export const HOUSEHOLD_IN_TEXT = /\b([A-Z]{2,3})-?(\d{3,6})\b/i
/** A query code: 8 of the letters and digits that cannot be misread (no 0/O, 1/I/L). */
const QUERY_CODE = /(?<![A-Za-z0-9-])([2-9A-HJ-KM-NP-Za-hj-km-np-z]{8})(?![A-Za-z0-9])/
const BINDING_CODE = /(?<!\d)(\d{6})(?!\d)/
const ID_LAST6 = /(?<![\dA-Za-z])(\d{5}[\dXx])(?![\dA-Za-z])/
/** A name after a lookup or verification word: 2–4 Han characters (王某华, 张三). */
const PERSON = /(?:查一下|查查|查|看看|核验|验证|户主|叫)\s*([\u4e00-\u9fa5]{2,4}?)(?:家|户|的|\s|\d|$)/

/** Generic words for the two kinds of local office, combined with a named place. */
const STATION_WORDS = ['扶贫工作站', '扶贫站', '工作站', '乡政府', '镇政府', '镇里', '乡里']
const COMMITTEE_WORDS = ['村委会', '村委', '村部', '村两委', '村干部', '村支书']

function longestFirst(words: Iterable<string>): string[] {
  return [...new Set(words)].filter((w) => w.length > 0).sort((a, b) => b.length - a.length)
}

export interface EntityExtractor {
  extract(text: string): Entities
  /** the text with entity mentions replaced by placeholders, so phrasings generalise across names */
  mask(normalized: string): string
}

export function entityExtractor(vocab: EntityVocabulary): EntityExtractor {
  const villages = vocab.towns.flatMap((t) => t.villages.map((v) => ({ village: v, town: t.name })))
  const placeWords = longestFirst([...vocab.towns.map((t) => t.name), ...villages.map((v) => v.village)])
  const categoryWords = longestFirst([...vocab.categoryWords.values()].flat().map(normalize))
  const categoryOf = new Map<string, string>()
  for (const [category, words] of vocab.categoryWords)
    for (const w of words) if (!categoryOf.has(normalize(w))) categoryOf.set(normalize(w), category)
  const categoryNames = longestFirst(vocab.categoryWords.keys())
  const countyOffices = vocab.offices.filter((o) => o.town === null)
  const officeNames = longestFirst(countyOffices.flatMap((o) => [o.name, ...o.aliases].map(normalize)))
  const officeOf = new Map<string, string>()
  for (const o of countyOffices) for (const n of [o.name, ...o.aliases]) if (!officeOf.has(normalize(n))) officeOf.set(normalize(n), o.id)
  const matters = longestFirst(vocab.matters.map(normalize))

  function extract(text: string): Entities {
    const raw = text.normalize('NFKC')
    const t = normalize(text)
    const found: Entities = {}

    const ticket = TICKET_IN_TEXT.exec(raw)
    if (ticket) found.ticket = `FK-${ticket[1]}-${ticket[2]}`
    const kase = CASE_IN_TEXT.exec(raw)
    if (kase) found.case = `SB-${kase[1]}-${kase[2]}`
    const rest = raw.replace(TICKET_IN_TEXT, ' ').replace(CASE_IN_TEXT, ' ')
    const household = HOUSEHOLD_IN_TEXT.exec(rest)
    if (household && !/^(FK|SB)$/i.test(household[1]!)) found.household = `${household[1]!.toUpperCase()}-${household[2]}`
    const withoutIds = rest.replace(HOUSEHOLD_IN_TEXT, ' ')
    const code = QUERY_CODE.exec(withoutIds)
    // A code mixes letters and digits or is all capitals; an English word typed in a question is not one.
    if (code && /\d/.test(code[1]!) && /[A-Za-z]/.test(code[1]!)) found.code = code[1]!.toUpperCase()
    const digits = withoutIds.replace(QUERY_CODE, ' ')
    const last6 = ID_LAST6.exec(digits)
    const bindingCode = BINDING_CODE.exec(digits)
    if (last6 && /[\u4e00-\u9fa5]/.test(digits.slice(0, last6.index))) found.idLast6 = last6[1]!.toUpperCase()
    if (bindingCode) found.bindingCode = bindingCode[1]!

    for (const w of placeWords) {
      if (!t.includes(w)) continue
      const v = villages.find((x) => x.village === w)
      if (v) {
        found.village ??= v.village
        found.town ??= v.town
      } else found.town ??= w
    }

    const offices: string[] = []
    if (found.village && COMMITTEE_WORDS.some((w) => t.includes(w))) {
      const o = vocab.offices.find((x) => x.village === found.village)
      if (o) offices.push(o.id)
    }
    if (found.town && STATION_WORDS.some((w) => t.includes(w))) {
      const o = vocab.offices.find((x) => x.town === found.town && x.village === null)
      if (o) offices.push(o.id)
    }
    for (const n of officeNames) if (t.includes(n)) offices.push(officeOf.get(n)!)
    if (offices.length > 0) found.offices = [...new Set(offices)]

    const named = categoryNames.find((c) => t.includes(normalize(c)))
    const described = categoryWords.find((w) => t.includes(w))
    const category = named ?? (described ? categoryOf.get(described) : undefined)
    if (category) found.category = category

    const person = PERSON.exec(t)
    if (person && !placeWords.includes(person[1]!) && !/进度|政策|电话|档案|一下|我家|帮扶|预警|走访/.test(person[1]!))
      found.person = person[1]!

    const about = matters.filter((m) => t.includes(m))
    if (about.length > 0) found.matters = about.filter((m, i) => !about.some((o, j) => j < i && o.includes(m))).slice(0, 5)
    return found
  }

  function mask(normalized: string): string {
    let out = normalized
      .replace(/fk\s?\d{4}\s?\d{6}/g, ' Ⓣ ')
      .replace(/sb\s?\d{4}\s?\d{6}/g, ' Ⓢ ')
      .replace(/\b[a-z]{2,3}\s?\d{3,6}\b/g, ' Ⓗ ')
      .replace(/(?<![a-z0-9])(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{8}(?![a-z0-9])/g, ' Ⓠ ')
      .replace(/\d{5}[\dx]/g, ' Ⓝ ')
      .replace(/\d+/g, '#')
    for (const w of placeWords) out = out.split(w).join('Ⓟ')
    return out
  }

  return { extract, mask }
}
