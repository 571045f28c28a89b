import type { AppDeps } from '../deps.ts'
import type { Principal } from '../domain/access/principal.ts'
import { localDate, DAY_MS } from '../lib/calendar.ts'
import { officeScope, type PlaceFilter } from '../domain/office/scope.ts'
import { officeSummary, type OfficeSummary } from '../domain/office/summary.ts'
import { Refusal } from '../domain/refusal.ts'
import { standardsOn } from './households.ts'

type Deps = Pick<
  AppDeps,
  'knowledge' | 'reports' | 'households' | 'cadres' | 'visits' | 'questions' | 'unanswered' | 'deadlines' | 'visitGapDays' | 'now'
>

export interface SummaryQuery {
  from?: string | undefined
  to?: string | undefined
  town?: string | undefined
}

/** Without dates: the last 30 days up to today. */
const DEFAULT_DAYS = 30
/** A longer range is a different report (the yearly 台账), and would make a summary walk years of days. */
const MAX_DAYS = 366

function range(q: SummaryQuery, now: Date): { from: string; to: string } {
  const to = q.to ?? localDate(now)
  const from = q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10)
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1
  if (days < 1) throw new Refusal('invalid', '起始日期（from）不能晚于截止日期（to）。')
  if (days > MAX_DAYS) throw new Refusal('invalid', `日期范围最长 ${MAX_DAYS} 天，请缩短。`)
  return { from, to }
}

function areaOf(p: Principal, town: string | undefined): string {
  if (p.kind === 'cadre') return p.role === '第一书记' ? `${p.town} ${p.villages.join('、')}` : p.town
  return town ?? '全县'
}

/** The cadres whose charge lies in the reader's area, with how many households each has. */
function cadresIn(deps: Deps, filter: PlaceFilter) {
  return deps.cadres
    .all()
    .filter((c) => !filter || (c.villages.length === 0 ? filter(c.town, null) : c.villages.some((v) => filter(c.town, v))))
    .map((c) => ({ id: c.id, name: c.name, town: c.town, households: deps.households.assignedTo(c.id).length }))
}

/** The dashboard's figures for a principal (GET /api/office/summary): their area, the range asked. */
export async function summaryFor(
  deps: Deps,
  p: Principal,
  q: SummaryQuery,
  options: { allOverdue?: boolean } = {},
): Promise<OfficeSummary> {
  const filter = officeScope(p, q.town)
  const now = deps.now()
  const { from, to } = range(q, now)
  const std = standardsOn(deps, localDate(now))
  return officeSummary({
    reports: deps.reports.tally(),
    households: deps.households.tally(),
    visits: deps.visits.tally(),
    cadres: cadresIn(deps, filter),
    questions: deps.questions.between(from, to),
    unanswered: await deps.unanswered.list(),
    filter,
    area: areaOf(p, q.town),
    from,
    to,
    now,
    deadlines: deps.deadlines,
    monitoringLine: std.monitoringLine?.value,
    visitTarget: std.visitTarget?.value,
    ...(options.allOverdue ? { overdueListed: Infinity } : {}),
  })
}
