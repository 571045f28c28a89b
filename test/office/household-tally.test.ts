import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { HouseholdTally, tallyFacts } from '../../api/domain/office/household-tally.ts'
import { alertsFor, ALERT_KINDS, type MonitoringStandards } from '../../api/domain/households/monitoring.ts'
import { HOUSEHOLD_STATUSES, SHOCKS, type Household } from '../../api/domain/households/household.ts'
import { HOUSEHOLDS } from '../support/households.ts'

/**
 * The dashboard counts alerts from per-village tallies kept on write; a household's own page runs
 * alertsFor over its record. Whatever the households and whatever the day, the two must agree, also
 * after records are replaced.
 */
const template = HOUSEHOLDS[0]!
const household = fc.record({
  id: fc.constantFrom('H-01', 'H-02', 'H-03', 'H-04', 'H-05', 'H-06'),
  village: fc.constantFrom('东山村', '桃园村'),
  status: fc.constantFrom(...HOUSEHOLD_STATUSES),
  income: fc.option(fc.integer({ min: 0, max: 12000 }), { nil: undefined }),
  ill: fc.boolean(),
  housing: fc.boolean(),
  shocks: fc.array(
    fc.record({ kind: fc.constantFrom(...SHOCKS), date: fc.constantFrom('2025-06-01', '2025-12-01', '2026-10-01', '2026-12-20') }),
    {
      maxLength: 2,
    },
  ),
})
type Written = typeof household extends fc.Arbitrary<infer T> ? T : never
const toHousehold = (h: Written): Household => ({
  ...template,
  id: h.id,
  town: '东山镇',
  village: h.village,
  status: h.status,
  incomes: h.income === undefined ? [] : [{ year: 2025, perCapita: h.income }],
  members: [{ ...template.members[0]!, health: h.ill ? '大病' : '健康' }],
  guarantees: { ...template.guarantees, housing: h.housing },
  shocks: h.shocks,
})

describe('the household tally', () => {
  it('counts the same alerts per village as alertsFor over every household, on any day', () => {
    fc.assert(
      fc.property(
        fc.array(household, { maxLength: 12 }),
        fc.constantFrom('2026-01-15', '2026-11-02', '2027-06-01'),
        fc.constantFrom(undefined, 5000),
        (writes, date, line) => {
          const tally = new HouseholdTally()
          const current = new Map<string, Household>()
          for (const w of writes) {
            const h = toHousehold(w)
            const before = current.get(h.id)
            tally.replace(
              h.id,
              before && { town: before.town, village: before.village, status: before.status, ...tallyFacts(before) },
              { town: h.town, village: h.village, status: h.status, ...tallyFacts(h) },
              h.shocks,
            )
            current.set(h.id, h)
          }
          const std: MonitoringStandards = {
            monitoringLine: line === undefined ? undefined : ({ value: line, region: '测试' } as MonitoringStandards['monitoringLine']),
            visitTarget: undefined,
            visitGapDays: 60,
          }
          const expected = new Map<string, Record<string, number>>()
          for (const h of current.values()) {
            const counts = expected.get(h.village) ?? Object.fromEntries(ALERT_KINDS.map((k) => [k, 0]))
            for (const a of alertsFor(h, std, date)) counts[a.kind]! += 1
            expected.set(h.village, counts)
          }
          const got = new Map(tally.villages(null, line, date).map((v) => [v.village, v.alerts]))
          expect(got).toEqual(expected)
        },
      ),
      { numRuns: 300 },
    )
  })
})
