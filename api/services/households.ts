import type { AppDeps } from '../deps.ts'
import { channelOf, coversPlace, type Principal } from '../domain/access/principal.ts'
import { cadrePrincipal, describePrincipal, mayRead } from '../domain/households/access.ts'
import type { AuditEntry } from '../store/audit.ts'
import { HOUSEHOLD_TARGET, refuseWhileLocked } from '../domain/access/lockout.ts'
import type { Household } from '../domain/households/household.ts'
import { alertsFor, visitStatus, type Alert, type MonitoringStandards } from '../domain/households/monitoring.ts'
import { householdDetail, householdSummary } from '../domain/households/views.ts'
import type { Holder } from '../store/access.ts'
import type { HouseholdKey } from '../store/households.ts'
import { daysBetween, localDate } from '../lib/calendar.ts'
import { Refusal } from '../domain/refusal.ts'

type Deps = Pick<AppDeps, 'knowledge' | 'households' | 'cadres' | 'visits' | 'access' | 'visitGapDays'>

/** The region's 监测线 and visit target on a date (from content/parameters), and the visit gap setting. */
export function standardsOn(deps: Pick<Deps, 'knowledge' | 'visitGapDays'>, date: string): MonitoringStandards {
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
  cases?: string[],
): AuditEntry => ({
  at: at.toISOString(),
  who: describePrincipal(p),
  kind: p.kind,
  action,
  households,
  ...(cases ? { cases } : {}),
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

/** The filters of the household list (the query the API takes). */
export interface HouseholdQuery {
  town?: string | undefined
  village?: string | undefined
  status?: Household['status'] | undefined
  name?: string | undefined
  due?: 'true' | 'false' | undefined
  alert?: 'true' | 'false' | undefined
  limit: number
  offset: number
}

/** One page of the households a principal may see, each assessed (alerts, visit duty) on the day of `at`. */
export function listHouseholds(deps: Deps, p: Principal, q: HouseholdQuery, at: Date) {
  const date = localDate(at)
  const std = standardsOn(deps, date)
  const matching = visibleHouseholds(deps, p).filter(
    (h) =>
      (!q.town || h.town === q.town) &&
      (!q.village || h.village === q.village) &&
      (!q.status || h.status === q.status) &&
      (!q.name || h.headName.includes(q.name)),
  )
  const assessed = (k: HouseholdKey) => {
    const h = deps.households.get(k.id)!
    return { h, a: assess(deps, h, std, date) }
  }
  // Filtering by visit duty or alerts needs every household read and assessed; otherwise only the page is.
  const found =
    q.due || q.alert
      ? matching
          .map(assessed)
          .filter(({ a }) => (!q.due || a.visits.due === (q.due === 'true')) && (!q.alert || a.alerts.length > 0 === (q.alert === 'true')))
      : matching
  const page = found.slice(q.offset, q.offset + q.limit).map((f) => ('a' in f ? f : assessed(f)))
  return { total: found.length, page }
}

/** 走访: recorded by the cadre (or the admin) on a day no later than today and at most a year back. */
export async function logVisit(deps: Deps, h: Household, p: Principal, body: { date?: string | undefined; note: string }, at: Date) {
  const today = localDate(at)
  const date = body.date ?? today
  if (date > today) throw new Refusal('invalid', '日期（date）：走访日期不能晚于今天')
  if (daysBetween(date, today) > 366) throw new Refusal('invalid', '日期（date）：只能补记一年以内的走访')
  const visit = await deps.visits.add(
    {
      householdId: h.id,
      cadreId: p.kind === 'cadre' ? p.cadreId : null,
      by: p.kind === 'cadre' ? `${p.role}${p.name}` : '县扶贫办',
      date,
      note: body.note,
    },
    at,
  )
  const { visits: status } = assess(deps, h, standardsOn(deps, today), today)
  return { visit: { date: visit.date, by: visit.by, note: visit.note }, visitsThisYear: status.thisYear, visitDue: status.due }
}

/**
 * 核验: the household whose head has this name and whose ID number ends in these six characters (and this
 * number, when two match). A miss counts against the caller's attempts; the route refuses while they are used up.
 */
export function matchHousehold(
  deps: Deps,
  claim: { name: string; idLast6: string; householdId?: string | undefined },
  attempt: { key: string; at: Date; lockout: AppDeps['lockout'] },
): Household {
  const last6 = claim.idLast6.toUpperCase()
  const named = deps.households.byHeadName(claim.name).filter((k) => !claim.householdId || k.id === claim.householdId)
  const { key, at, lockout } = attempt
  // Guesses at one family from many addresses meet that family's own count.
  for (const k of named) refuseWhileLocked(lockout, `${HOUSEHOLD_TARGET}${k.id}`, at, '这一户的核验')
  const matches = named.map((k) => deps.households.get(k.id)!).filter((h) => h.idNumber.slice(-6) === last6)
  if (matches.length === 0) {
    for (const k of named) lockout.fail(`${HOUSEHOLD_TARGET}${k.id}`, at)
    lockout.fail(key, at)
    const left = lockout.maxFailures - lockout.failuresOf(key, at)
    throw new Refusal(
      'unauthorized',
      `户主姓名或身份证后6位对不上。${left > 0 ? `还可以再试${left}次。` : '请一小时后再试。'}`,
      'VERIFY_FAILED',
    )
  }
  if (matches.length > 1) throw new Refusal('conflict', '有不止一户对得上，请同时填写户编号（householdId）。', 'AMBIGUOUS')
  return matches[0]!
}
