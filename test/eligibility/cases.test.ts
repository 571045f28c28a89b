import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { z } from '../../api/lib/zod.ts'
import { HouseholdFacts } from '../../api/domain/eligibility/facts.ts'
import { HOUSEHOLD_CATEGORIES } from '../../api/domain/eligibility/classify.ts'
import { STATUSES } from '../../api/domain/eligibility/rule.ts'
import { evaluateHousehold } from '../../api/domain/eligibility/evaluate.ts'
import { RULES } from '../../api/domain/eligibility/rules/index.ts'
import { testKnowledge } from '../support/app.ts'

/** What a case expects of one rule: a status alone, or with amount, missing facts and words of the reason. */
const RuleExpectation = z.union([
  z.enum(STATUSES),
  z
    .object({
      status: z.enum(STATUSES),
      provisional: z.enum(['eligible', 'not_eligible']).optional(),
      amount: z.number().optional(),
      times: z.number().optional(),
      missing: z.array(z.string()).optional(),
      says: z.array(z.string()).optional(),
    })
    .strict(),
])
const ClassExpectation = z.union([
  z.enum(HOUSEHOLD_CATEGORIES),
  z
    .object({
      category: z.enum(HOUSEHOLD_CATEGORIES),
      provisional: z.boolean().optional(),
      missing: z.array(z.string()).optional(),
      says: z.array(z.string()).optional(),
    })
    .strict(),
])
const Case = z
  .object({
    name: z.string(),
    date: z.string().default('2020-06-01'),
    facts: HouseholdFacts,
    classification: ClassExpectation.optional(),
    results: z.record(z.string(), RuleExpectation).default({}),
  })
  .strict()
  // a case that expects nothing checks nothing
  .refine((c) => c.classification !== undefined || Object.keys(c.results).length > 0, {
    message: 'a case must expect a classification or at least one result',
  })

const dir = join(import.meta.dirname, 'cases')
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
const k = testKnowledge()
const ruleIds = new Set(RULES.map((r) => r.id))

const allCases = files.flatMap((file) =>
  z
    .array(Case)
    .parse(parse(readFileSync(join(dir, file), 'utf8')))
    .map((c) => ({ file, ...c })),
)

describe('eligibility cases (test/eligibility/cases/*.yaml)', () => {
  it('refuses a case that expects nothing', () => {
    expect(Case.safeParse({ name: '只有情况', facts: { householdSize: 3 } }).success).toBe(false)
    expect(Case.safeParse({ name: '有结论', facts: { householdSize: 3 }, classification: '待定' }).success).toBe(true)
  })

  it('has enough of them, and names only rules that exist', () => {
    expect(allCases.length).toBeGreaterThanOrEqual(40)
    for (const c of allCases) for (const id of Object.keys(c.results)) expect(ruleIds, `${c.file}: ${c.name}`).toContain(id)
  })

  for (const c of allCases) {
    it(`${c.file}: ${c.name}`, () => {
      const report = evaluateHousehold(k, c.facts, c.date)
      if (c.classification) {
        const want = typeof c.classification === 'string' ? { category: c.classification } : c.classification
        const got = report.classification
        expect(got.category, got.reasons.join(' ')).toBe(want.category)
        if (want.provisional !== undefined) expect(got.provisional).toBe(want.provisional)
        if (want.missing) expect(got.missing.map((m) => m.fact)).toEqual(want.missing)
        for (const s of want.says ?? []) expect(got.reasons.join(' ')).toContain(s)
      }
      for (const [id, expected] of Object.entries(c.results)) {
        const want = typeof expected === 'string' ? { status: expected } : expected
        const got = report.results.find((r) => r.id === id)!
        expect(got.status, `${id}: ${got.reasons.join(' ')}`).toBe(want.status)
        if ('provisional' in want) expect(got.provisional).toBe(want.provisional)
        if ('amount' in want) expect(got.amount?.value).toBe(want.amount)
        if ('times' in want) expect(got.amount?.times).toBe(want.times)
        if ('missing' in want) expect(got.missing.map((m) => m.fact)).toEqual(want.missing)
        for (const s of ('says' in want ? want.says : undefined) ?? []) expect(got.reasons.join(' ')).toContain(s)
        if (got.status === 'eligible') expect(got.sources.length, `${id} cites nothing`).toBeGreaterThan(0)
      }
    })
  }
})
