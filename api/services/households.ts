import type { AppDeps } from '../deps.ts'
import { channelOf, coversPlace, type Principal } from '../domain/access/principal.ts'
import { cadrePrincipal, describePrincipal, mayRead } from '../domain/households/access.ts'
import type { AuditEntry } from '../store/audit.ts'
import type { Household } from '../domain/households/household.ts'
import { alertsFor, visitStatus, type Alert, type MonitoringStandards } from '../domain/households/monitoring.ts'
import { householdDetail, householdSummary } from '../domain/households/views.ts'
import type { Holder } from '../store/access.ts'
import type { HouseholdKey } from '../store/households.ts'
import { localDate } from '../lib/calendar.ts'

type Deps = Pick<AppDeps, 'knowledge' | 'households' | 'cadres' | 'visits' | 'access' | 'visitGapDays'>

/** The region's 监测线 and visit target on a date (from content/parameters), and the visit gap setting. */
export function standardsOn(deps: Deps, date: string): MonitoringStandards {
  const { parameters, region } = deps.knowledge
  return {
    monitoringLine: parameters.resolve('monitoring-line', region, date),
    visitTarget: parameters.resolve('visits-per-year', region, date),
    visitGapDays: deps.visitGapDays,
  }
}

/** One household's monitoring picture: alerts and visit status. */
export function assess(
  deps: Deps,
  h: Household,
  std: MonitoringStandards,
  date: string,
): { alerts: Alert[]; visits: ReturnType<typeof visitStatus> } {
  return { alerts: alertsFor(h, std, date), visits: visitStatus(deps.visits.of(h.id), std, date) }
}

export function summaryOf(deps: Deps, h: Household, { alerts, visits }: ReturnType<typeof assess>) {
  return householdSummary(h, h.cadreId ? deps.cadres.get(h.cadreId) : undefined, visits, alerts)
}

/** The audit line for an act on household records, as the principal did it through this channel. */
export const auditEntry = (
  p: Principal,
  chatSession: string | undefined,
  action: AuditEntry['action'],
  households: string[],
  at: Date,
  result: AuditEntry['result'] = '允许',
): AuditEntry => ({
  at: at.toISOString(),
  who: describePrincipal(p),
  kind: p.kind,
  action,
  households,
  channel: channelOf(chatSession),
  result,
})

export function detailOf(deps: Deps, h: Household, at: Date) {
  const date = localDate(at)
  const std = standardsOn(deps, date)
  const { alerts, visits } = assess(deps, h, std, date)
  return householdDetail(h, h.cadreId ? deps.cadres.get(h.cadreId) : undefined, deps.visits.of(h.id), visits, alerts)
}

/**
 * The households a principal may read (their keys: the caller reads the records it needs). The indexes
 * only narrow the candidates; the decision is mayRead's, so this can never show more than the access
 * rule allows.
 */
export function visibleHouseholds(deps: Deps, p: Principal): readonly HouseholdKey[] {
  let candidates: readonly HouseholdKey[]
  switch (p.kind) {
    case 'admin':
      return deps.households.all()
    case 'household':
      candidates = [deps.households.get(p.householdId)].filter((h) => h !== undefined)
      break
    case 'cadre':
      candidates = p.role === '帮扶责任人' ? deps.households.assignedTo(p.cadreId) : deps.households.inTown(p.town)
      break
    default:
      return []
  }
  return candidates.filter((h) => mayRead(p, h))
}

/** A token's or a WeChat binding's holder as a principal, checked against today's records. */
export function principalOf(deps: Deps, holder: Holder | undefined): Principal | undefined {
  if (!holder) return undefined
  if (holder.kind === 'household') return deps.households.get(holder.householdId) ? holder : undefined
  const cadre = deps.cadres.get(holder.cadreId)
  return cadre && cadrePrincipal(cadre)
}

/** The WeChat conversations of the bound cadres whose area covers a place (town, or a village of it). */
export function cadreSessionsAt(deps: Deps, place: { town: string; village?: string }): string[] {
  return deps.access
    .bound()
    .filter(({ holder }) => {
      const p = principalOf(deps, holder)
      return p?.kind === 'cadre' && coversPlace(p, place)
    })
    .map(({ session }) => session)
}

/** The WeChat conversations of one cadre. */
export const sessionsOfCadre = (deps: Deps, cadreId: string) =>
  deps.access
    .bound()
    .filter(({ holder }) => holder.kind === 'cadre' && holder.cadreId === cadreId)
    .map(({ session }) => session)
