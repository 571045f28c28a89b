import { z } from '../../lib/zod.ts'
import type { Knowledge } from '../knowledge.ts'
import type { Policy } from '../../content/schema.ts'
import { contactsFor } from '../qa/answer.ts'
import type { CitedSource } from '../qa/citation.ts'
import { FACT_LABELS, withImplied, type FactKey, type HouseholdFacts } from './facts.ts'
import { formatValue, type ParameterBook, type ResolvedValue } from './parameters.ts'
import { MissingParameter, RuleResult, type Draft, type Params, type Rule } from './rule.ts'
import { classify, ClassificationOut, type Classified } from './classify.ts'
import { RULES } from './rules/index.ts'

export const EligibilityReport = z.object({
  region: z.string().describe('按哪个地区的标准'),
  demo: z.boolean().describe('演示地区：标准借用种子文件里其他地方的，每条写明来源地'),
  date: z.string().describe('按哪一天有效的文件'),
  classification: ClassificationOut,
  results: z.array(RuleResult),
})
export type EligibilityReport = z.infer<typeof EligibilityReport>

export interface Where {
  region: string
  /** YYYY-MM-DD */
  date: string
}

/** 2026-11-25 → 2026年11月25日 */
const chineseDate = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`

/** Parameters for one place and date, remembering each one a rule looked at. */
function recorder(book: ParameterBook, where: Where) {
  const used: ResolvedValue[] = []
  const params: Params = {
    get(id) {
      const value = book.resolve(id, where.region, where.date)
      if (!value) throw new MissingParameter(id)
      used.push(value)
      return value
    },
  }
  return { used, params }
}

/** Runs a rule or the classification; a missing parameter becomes an answer, never an exception. */
function run<T>(
  book: ParameterBook,
  where: Where,
  decide: (p: Params) => T,
): { value: T; used: ResolvedValue[] } | { missing: string; used: ResolvedValue[] } {
  const { used, params } = recorder(book, where)
  try {
    return { value: decide(params), used }
  } catch (err) {
    if (err instanceof MissingParameter) return { missing: err.id, used }
    throw err
  }
}

const missingFacts = (keys: readonly FactKey[] | undefined) => [...new Set(keys ?? [])].map((fact) => ({ fact, label: FACT_LABELS[fact] }))

function citations(k: Knowledge, used: ResolvedValue[], policy: Policy | undefined): CitedSource[] {
  const all = [...used.map((u) => u.source), ...(policy?.sources ?? [])].map((s) => k.citeSource(s))
  const seen = new Set<string>()
  return all.filter((c) => !seen.has(c.quote) && seen.add(c.quote)).slice(0, 4)
}

/**
 * Turns what a rule decided into what a household is told: amounts with their source and date, whom to
 * ask, and — when a parameter is missing or over a year old — need_info with the conclusion the last
 * known document gives, marked provisional, and the office that can confirm it.
 */
function explain(
  k: Knowledge,
  book: ParameterBook,
  where: Where,
  rule: Rule,
  facts: HouseholdFacts,
  policy: Policy | undefined,
): RuleResult {
  const contact = policy ? contactsFor(k, policy)[0]! : undefined
  const whom = contact ? `${contact.name}（${contact.phone}）` : `${k.hotline.name}（${k.hotline.phone}）`
  const outcome = run(book, where, (p) => rule.evaluate(facts, p))
  const base = {
    id: rule.id,
    title: rule.title,
    policyId: rule.policy,
    apply: `${rule.apply}；联系：${whom}。`,
    sources: citations(k, outcome.used, policy),
  }
  if ('missing' in outcome) {
    return {
      ...base,
      status: 'need_info',
      reasons: [
        `${where.region}没有「${book.label(outcome.missing)}」的文件依据；以${chineseDate(where.date)}有效的文件为准，请向${whom}核实。`,
      ],
      missing: [],
    }
  }
  const draft: Draft = outcome.value
  const stale = outcome.used.filter((u) => u.stale)
  const amount = draft.amount && {
    value: draft.amount.value,
    unit: draft.amount.unit,
    ...(draft.amount.per ? { per: draft.amount.per } : {}),
    ...(draft.times ? { times: draft.times } : {}),
    text: draft.minimum ? `${draft.minimum.value}—${formatValue(draft.amount)}` : formatValue(draft.amount),
  }
  const result: RuleResult = {
    ...base,
    status: draft.status,
    reasons: draft.reasons,
    ...(amount ? { amount } : {}),
    missing: missingFacts(draft.missing),
  }
  if (stale.length > 0 && draft.status !== 'need_info') {
    const oldest = stale.map((s) => s.from).sort()[0]!
    return {
      ...result,
      status: 'need_info',
      provisional: draft.status,
      reasons: [
        ...draft.reasons,
        `依据的是${chineseDate(oldest)}起执行的文件，已超过一年；以${chineseDate(where.date)}有效的文件为准，请向${whom}核实。`,
      ],
    }
  }
  return result
}

/** The entry that defines 两不愁三保障: cited beside the income lines a classification used. */
const GUARANTEES = 'standard-two-worries-three-guarantees'

function explainClass(
  k: Knowledge,
  book: ParameterBook,
  where: Where,
  facts: HouseholdFacts,
  guarantees: Policy | undefined,
): ClassificationOut {
  const outcome = run(book, where, (p) => classify(facts, p))
  const hotline = `${k.hotline.name}（${k.hotline.phone}）`
  const sources = citations(k, outcome.used, guarantees)
  if ('missing' in outcome) {
    return {
      category: '待定',
      provisional: true,
      missing: [],
      sources,
      reasons: [
        `${where.region}没有「${book.label(outcome.missing)}」的文件依据；以${chineseDate(where.date)}有效的文件为准，请向${hotline}核实。`,
      ],
    }
  }
  const c: Classified = outcome.value
  const stale = outcome.used.filter((u) => u.stale)
  const note =
    stale.length > 0
      ? [
          `依据的标准是${chineseDate(stale.map((s) => s.from).sort()[0]!)}起执行的，已超过一年；以${chineseDate(where.date)}有效的文件为准，请向${hotline}核实。`,
        ]
      : []
  return {
    category: c.category,
    provisional: stale.length > 0,
    reasons: [...c.reasons, ...note],
    missing: missingFacts(c.missing),
    sources,
  }
}

/**
 * Every rule and the classification for one household, on one date, by the parameters of the household's
 * region (or the service's). Pure.
 */
export function evaluateHousehold(k: Knowledge, given: HouseholdFacts, date: string): EligibilityReport {
  const book = k.parameters
  const where: Where = { region: given.region ?? k.region, date }
  const facts = withImplied(given)
  return {
    region: where.region,
    demo: book.isDemo(where.region),
    date: where.date,
    classification: explainClass(k, book, where, facts, k.index.byId.get(GUARANTEES)),
    results: RULES.map((rule) => explain(k, book, where, rule, facts, k.index.byId.get(rule.policy))),
  }
}
