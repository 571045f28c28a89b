import { describe, it, expect } from 'vitest'
import { alertsFor, visitStatus, type MonitoringStandards } from '../../api/domain/households/monitoring.ts'
import type { Visit } from '../../api/domain/households/household.ts'
import { HOUSEHOLDS } from '../support/households.ts'
import { testKnowledge } from '../support/app.ts'

const k = testKnowledge()
const std: MonitoringStandards = {
  monitoringLine: k.parameters.resolve('monitoring-line', k.region, '2026-11-25'),
  visitTarget: k.parameters.resolve('visits-per-year', k.region, '2026-11-25'),
  visitGapDays: 60,
}
const visit = (date: string): Visit => ({
  id: date,
  householdId: 'DS-0002',
  cadreId: 'BF-A',
  by: '甲干部',
  date,
  note: '走访',
  at: `${date}T02:00:00Z`,
})
const quiet = HOUSEHOLDS[1]!

describe('返贫监测 alerts', () => {
  it('reads the 监测线 and the visit target from the seeds (xx县 5000元, 乌审旗 6次)', () => {
    expect([std.monitoringLine?.value, std.monitoringLine?.region]).toEqual([5000, 'xx县'])
    expect([std.visitTarget?.value, std.visitTarget?.region]).toEqual([6, '乌审旗'])
  })

  it('a household with income above the line, no illness, no shock and all guarantees met has none', () => {
    expect(alertsFor(quiet, std, '2026-11-25')).toEqual([])
  })

  it('a shock counts for a year, then drops out', () => {
    const shocked = { ...quiet, shocks: [{ kind: '灾害' as const, date: '2025-12-01' }] }
    expect(alertsFor(shocked, std, '2026-11-25').map((a) => a.kind)).toEqual(['突发困难'])
    expect(alertsFor(shocked, std, '2026-12-02')).toEqual([])
  })

  it('income exactly at the line is not under it', () => {
    expect(alertsFor({ ...quiet, incomes: [{ year: 2025, perCapita: 5000 }] }, std, '2026-11-25')).toEqual([])
    expect(alertsFor({ ...quiet, incomes: [{ year: 2025, perCapita: 4999 }] }, std, '2026-11-25').map((a) => a.kind)).toEqual([
      '收入低于监测线',
    ])
  })

  it('without a 监测线 for the region, income raises no alert (and nothing crashes)', () => {
    expect(alertsFor({ ...quiet, incomes: [{ year: 2025, perCapita: 100 }] }, { ...std, monitoringLine: undefined }, '2026-11-25')).toEqual(
      [],
    )
  })
})

describe('visit duty', () => {
  it('six visits this year with a recent one: not due', () => {
    const six = ['2026-01-10', '2026-03-10', '2026-05-10', '2026-07-10', '2026-09-10', '2026-11-10'].map(visit)
    expect(visitStatus(six, std, '2026-11-25')).toEqual({ thisYear: 6, lastVisit: '2026-11-10', due: false, reasons: [] })
  })

  it('fewer than six, or more than 60 days since the last: due, with the reason', () => {
    expect(visitStatus([visit('2026-11-01')], std, '2026-11-25').reasons).toEqual(['今年走访1次，不足每年6次（乌审旗要求）'])
    const six = ['2026-01-10', '2026-02-10', '2026-03-10', '2026-04-10', '2026-05-10', '2026-06-10'].map(visit)
    expect(visitStatus(six, std, '2026-11-25').reasons).toEqual(['168天没有走访'])
  })

  it('last year’s visits do not count toward this year', () => {
    expect(visitStatus([visit('2025-12-30')], std, '2026-01-05')).toMatchObject({ thisYear: 0, due: true })
  })
})
