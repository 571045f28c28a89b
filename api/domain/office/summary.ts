import { z } from '../../lib/zod.ts'
import { DAY_MS, localDate } from '../../lib/calendar.ts'
import { charPairs, normalize } from '../text/normalize.ts'
import { ALERT_KINDS } from '../households/monitoring.ts'
import type { Deadlines } from '../reports/workflow.ts'
import type { ReportTally } from './report-tally.ts'
import type { HouseholdTally } from './household-tally.ts'
import type { VisitTally } from './visit-tally.ts'
import type { PlaceFilter } from './scope.ts'
import { Histogram } from './histogram.ts'

/**
 * The office's dashboard figures for a date range and an area. Counts, places and cadres' names only:
 * no household, reporter or text a person wrote (the unanswered questions are masked when recorded).
 */
const Count = z.number().int()
const Tally = z.record(z.string(), Count)
const Rate = z.number().min(0).max(1).nullable()

export const OfficeSummary = z.object({
  from: z.string().describe('起（含），YYYY-MM-DD'),
  to: z.string().describe('止（含）'),
  area: z.string().describe('范围：全县，或某乡镇、某几个村'),
  reports: z.object({
    filed: Count.describe('期间登记的问题'),
    byStatus: Tally.describe('期间登记的问题现在的状态'),
    byCategory: Tally,
    byTown: z.array(z.object({ town: z.string(), filed: Count, open: Count, overdue: Count })),
    closed: Count.describe('期间销号的'),
    closedRate: Rate.describe('销号率：期间登记、予以受理的问题中已销号的比例'),
    satisfied: Count,
    unsatisfied: Count,
    satisfactionRate: Rate.describe('满意率：反映人表示满意的次数 ÷ 表态次数'),
    medianDaysToAccept: z.number().nullable(),
    medianDaysToResolve: z.number().nullable(),
    overdueCount: Count.describe('现在超期的问题'),
    overdue: z
      .array(
        z.object({
          ticket: z.string(),
          category: z.string(),
          town: z.string(),
          village: z.string().nullable(),
          status: z.string(),
          kind: z.enum(['受理超期', '办结超期']),
          daysOver: Count,
        }),
      )
      .describe('超期最久的问题（最多 100 件；周报里是全部）'),
    trend: z.array(z.object({ weekStart: z.string(), filed: Count, closed: Count })).describe('截至“止”的 12 周：每周登记和销号'),
  }),
  households: z.object({
    total: Count,
    byStatus: Tally,
    alertsByKind: Tally,
    alertsByVillage: z.array(
      z.object({ town: z.string(), village: z.string(), households: Count, alerts: Tally, total: Count }).describe('按预警户次从多到少'),
    ),
    visitTarget: z.number().nullable().describe('每户每年应走访次数'),
    visits: z.array(
      z
        .object({ cadreId: z.string(), name: z.string(), town: z.string(), households: Count, reached: Count, rate: Rate })
        .describe('完成率从低到高'),
    ),
  }),
  questions: z.object({
    days: z.array(z.object({ day: z.string(), answer: Count, tentative: Count, none: Count })),
    total: Count,
    answered: Rate,
    tentative: Rate,
    refused: Rate,
    unanswered: z
      .array(z.object({ question: z.string(), count: Count, variants: z.array(z.string()) }))
      .describe('答不上的问题，相近的归成一组'),
  }),
})
export type OfficeSummary = z.infer<typeof OfficeSummary>

export interface SummaryInput {
  reports: ReportTally
  households: HouseholdTally
  visits: VisitTally
  /** the cadres in the reader's area, with how many households each is assigned */
  cadres: readonly { id: string; name: string; town: string; households: number }[]
  questions: readonly { day: string; answer: number; tentative: number; none: number }[]
  unanswered: readonly { example: string; count: number }[]
  filter: PlaceFilter
  area: string
  from: string
  to: string
  now: Date
  deadlines: Deadlines
  monitoringLine: number | undefined
  visitTarget: number | undefined
  /** how many overdue reports are listed (the dashboard: the longest overdue; the weekly workbook: all) */
  overdueListed?: number
}

const OVERDUE_LISTED = 100

/** Every day from..to, YYYY-MM-DD (the range is checked by the route: at most a few years). */
export function daysFrom(from: string, to: string): string[] {
  const out: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS)
    out.push(new Date(t).toISOString().slice(0, 10))
  return out
}

const rate = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 1000)
const add = (into: Record<string, number>, from: ReadonlyMap<string, number> | Record<string, number>) => {
  for (const [k, n] of from instanceof Map ? from : Object.entries(from)) if (n !== 0) into[k] = (into[k] ?? 0) + n
}

function reportFigures(i: SummaryInput): OfficeSummary['reports'] {
  const byStatus: Record<string, number> = {}
  const byCategory: Record<string, number> = {}
  const byTown = new Map<string, { town: string; filed: number; open: number; overdue: number }>()
  const town = (t: string) => byTown.get(t) ?? byTown.set(t, { town: t, filed: 0, open: 0, overdue: 0 }).get(t)!
  const toAccept = new Histogram()
  const toResolve = new Histogram()
  let filed = 0
  let closed = 0
  let satisfied = 0
  let unsatisfied = 0
  for (const day of daysFrom(i.from, i.to)) {
    for (const b of i.reports.days.get(day)?.values() ?? []) {
      if (i.filter && !i.filter(b.town, b.village)) continue
      filed += b.filed
      closed += b.closed
      satisfied += b.satisfied
      unsatisfied += b.unsatisfied
      add(byStatus, b.byStatus)
      add(byCategory, b.byCategory)
      town(b.town).filed += b.filed
      toAccept.merge(b.toAccept)
      toResolve.merge(b.toResolve)
    }
  }
  const open = i.reports.openFigures(i.filter, i.now, i.deadlines, i.overdueListed ?? OVERDUE_LISTED)
  for (const [t, n] of open.open) town(t).open = n
  for (const [t, n] of open.overdue) town(t).overdue = n
  const taken = filed - (byStatus['不予受理'] ?? 0)
  return {
    filed,
    byStatus,
    byCategory,
    byTown: [...byTown.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.town.localeCompare(b.town)),
    closed,
    closedRate: rate(byStatus['已销号'] ?? 0, taken),
    satisfied,
    unsatisfied,
    satisfactionRate: rate(satisfied, satisfied + unsatisfied),
    medianDaysToAccept: toAccept.median(),
    medianDaysToResolve: toResolve.median(),
    overdueCount: open.overdueTotal,
    overdue: open.items.map((o) => ({
      ticket: o.ticket,
      category: o.category,
      town: o.town,
      village: o.village,
      status: o.status,
      kind: o.kind,
      daysOver: o.daysOver,
    })),
    trend: trend(i),
  }
}

const WEEKS = 12

/** Twelve weeks back from `to` (each ending on a `to` weekday): filed and closed per week. */
function trend(i: SummaryInput): OfficeSummary['reports']['trend'] {
  const end = Date.parse(`${i.to}T00:00:00Z`)
  const weeks: OfficeSummary['reports']['trend'] = []
  for (let w = WEEKS - 1; w >= 0; w--) {
    const start = new Date(end - (w * 7 + 6) * DAY_MS).toISOString().slice(0, 10)
    const last = new Date(end - w * 7 * DAY_MS).toISOString().slice(0, 10)
    let filed = 0
    let closed = 0
    for (const day of daysFrom(start, last)) {
      for (const b of i.reports.days.get(day)?.values() ?? []) {
        if (i.filter && !i.filter(b.town, b.village)) continue
        filed += b.filed
        closed += b.closed
      }
    }
    weeks.push({ weekStart: start, filed, closed })
  }
  return weeks
}

function householdFigures(i: SummaryInput): OfficeSummary['households'] {
  const villages = i.households.villages(i.filter, i.monitoringLine, localDate(i.now))
  const byStatus: Record<string, number> = {}
  const alertsByKind: Record<string, number> = Object.fromEntries(ALERT_KINDS.map((k) => [k, 0]))
  for (const v of villages) {
    add(byStatus, v.byStatus)
    add(alertsByKind, v.alerts)
  }
  const year = Number(localDate(i.now).slice(0, 4))
  const target = i.visitTarget
  const visits = i.cadres
    .filter((c) => c.households > 0)
    .map((c) => {
      const reached = target === undefined ? 0 : i.visits.reached(c.id, year, target)
      return {
        cadreId: c.id,
        name: c.name,
        town: c.town,
        households: c.households,
        reached,
        rate: target === undefined ? null : rate(reached, c.households),
      }
    })
    .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || b.households - a.households || a.cadreId.localeCompare(b.cadreId))
  return {
    total: villages.reduce((n, v) => n + v.households, 0),
    byStatus,
    alertsByKind,
    alertsByVillage: villages
      .map((v) => ({
        town: v.town,
        village: v.village,
        households: v.households,
        alerts: v.alerts,
        total: Object.values(v.alerts).reduce((a, b) => a + b, 0),
      }))
      .sort((a, b) => b.total - a.total || a.town.localeCompare(b.town) || a.village.localeCompare(b.village)),
    visitTarget: target ?? null,
    visits,
  }
}

/** How many of the most asked unanswered questions are grouped; the rest are rarer than any shown. */
const GROUPED = 300
const SHOWN = 20
/** Two questions sharing this share of their character pairs are one gap in the knowledge base. */
const SAME_GAP = 0.5

/** The most asked unanswered questions, near-duplicates grouped (greedy: each joins the first group it is close to). */
export function groupUnanswered(items: readonly { example: string; count: number }[]): OfficeSummary['questions']['unanswered'] {
  const groups: { question: string; pairs: Set<string>; count: number; variants: string[] }[] = []
  for (const item of [...items].sort((a, b) => b.count - a.count).slice(0, GROUPED)) {
    const pairs = charPairs(normalize(item.example))
    const near = groups.find((g) => {
      let shared = 0
      for (const p of pairs) if (g.pairs.has(p)) shared++
      return shared / Math.max(1, Math.min(pairs.size, g.pairs.size)) >= SAME_GAP
    })
    if (near) {
      near.count += item.count
      if (near.variants.length < 5) near.variants.push(item.example)
    } else groups.push({ question: item.example, pairs, count: item.count, variants: [] })
  }
  return groups
    .sort((a, b) => b.count - a.count)
    .slice(0, SHOWN)
    .map(({ question, count, variants }) => ({ question, count, variants }))
}

function questionFigures(i: SummaryInput): OfficeSummary['questions'] {
  const sum = (k: 'answer' | 'tentative' | 'none') => i.questions.reduce((n, d) => n + d[k], 0)
  const total = sum('answer') + sum('tentative') + sum('none')
  return {
    days: [...i.questions],
    total,
    answered: rate(sum('answer'), total),
    tentative: rate(sum('tentative'), total),
    refused: rate(sum('none'), total),
    unanswered: groupUnanswered(i.unanswered),
  }
}

export function officeSummary(i: SummaryInput): OfficeSummary {
  return { from: i.from, to: i.to, area: i.area, reports: reportFigures(i), households: householdFigures(i), questions: questionFigures(i) }
}
