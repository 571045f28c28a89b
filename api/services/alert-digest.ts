import type { AppDeps } from '../deps.ts'
import { localDate, localHour } from '../lib/calendar.ts'
import { alertsFor, type MonitoringStandards } from '../domain/households/monitoring.ts'
import type { Principal } from '../domain/access/principal.ts'
import { mayHandleCase } from '../domain/households/hardship.ts'
import { auditEntry, principalOf, standardsOn, visibleHouseholds } from './households.ts'
import type { AuditEntry } from '../store/audit.ts'
import type { NewNotice } from '../store/outbox.ts'
import type { PushCard } from '../domain/notify/push-card.ts'
import { pushTo } from '../lib/group.ts'

type Deps = Pick<AppDeps, 'knowledge' | 'households' | 'cadres' | 'visits' | 'access' | 'visitGapDays' | 'monitoring' | 'outbox' | 'audit'>

/** At most this many households named in one digest message; the rest are counted ("预警" lists all). */
const DIGEST_LINES = 10

/** The WeChat conversations bound to each cadre. */
function cadreSessions(deps: Deps): Map<string, string[]> {
  const byCadre = new Map<string, string[]>()
  for (const { session, holder } of deps.access.bound()) {
    if (holder.kind === 'cadre') pushTo(byCadre, holder.cadreId, session)
  }
  return byCadre
}

/** One cadre's alerts today: every current key (to remember), the households with news, and cases to 核实. */
function cadreDigest(deps: Deps, p: Extract<Principal, { kind: 'cadre' }>, std: MonitoringStandards, date: string) {
  const known = deps.monitoring.alertsSent(p.cadreId)
  const current: string[] = []
  const fresh: string[] = []
  const named: string[] = []
  for (const { id } of visibleHouseholds(deps, p)) {
    const h = deps.households.get(id)!
    const alerts = alertsFor(h, std, date)
    current.push(...alerts.map((a) => a.key))
    const news = alerts.filter((a) => !known.has(a.key))
    if (news.length > 0) named.push(h.id)
    if (news.length > 0) fresh.push(`• ${h.headName}户（${h.id}，${h.village}）：${news.map((a) => `${a.kind}，${a.text}`).join('；')}`)
  }
  const waiting = deps.monitoring
    .all()
    .filter((c) => c.status === '待核实' && mayHandleCase(p, c, c.householdId ? deps.households.get(c.householdId) : undefined)).length
  return { current, fresh, named, waiting }
}

/** The message of a digest: the new alerts (the first few named) and the cases waiting; null when there is no news. */
function digestText(name: string, date: string, fresh: readonly string[], waiting: number): string | null {
  if (fresh.length === 0 && waiting === 0) return null
  const lines = [`【返贫监测】${name}您好，${date}：`]
  if (fresh.length > 0) {
    lines.push(`新增预警 ${fresh.length} 户：`, ...fresh.slice(0, DIGEST_LINES))
    if (fresh.length > DIGEST_LINES) lines.push(`……另有 ${fresh.length - DIGEST_LINES} 户，回复“预警”查看全部。`)
  }
  if (waiting > 0) lines.push(`农户自主申报待入户核实 ${waiting} 件，回复“申报”查看。`)
  return lines.join('\n')
}

/**
 * The daily digest: each bound cadre hears of the 返贫监测 alerts among their households that they
 * have not been told about yet, and of 自主申报 cases waiting for their 入户核实.
 */
export async function alertDigest(deps: Deps, at: Date): Promise<{ cadres: number; newAlerts: number }> {
  const date = localDate(at)
  const std = standardsOn(deps, date)
  const sent = new Map<string, string[]>()
  const notices: NewNotice[] = []
  const audits: AuditEntry[] = []
  let told = 0
  let newAlerts = 0
  for (const [cadreId, sessions] of cadreSessions(deps)) {
    const p = principalOf(deps, { kind: 'cadre', cadreId })
    if (p?.kind !== 'cadre') continue
    const { current, fresh, named, waiting } = cadreDigest(deps, p, std, date)
    sent.set(cadreId, current)
    newAlerts += fresh.length
    const text = digestText(p.name, date, fresh, waiting)
    if (!text) continue
    const card: PushCard = {
      template: 'cadre',
      ticket: '',
      title: '返贫预警',
      note: `新预警${fresh.length}户，待核实申报${waiting}件`,
    }
    for (const session of sessions) notices.push({ session, text, card })
    // the households the message names (the first few of the fresh ones) go to the cadre's WeChat
    if (fresh.length > 0) audits.push(auditEntry(p, sessions[0], '预警推送', named.slice(0, DIGEST_LINES), at))
    told += 1
  }
  for (const entry of audits) await deps.audit.record(entry)
  await deps.outbox.enqueue(notices, at)
  await deps.monitoring.digested(date, sent)
  return { cadres: told, newAlerts }
}

/** Hour of the day (China time) after which the daily digest goes out. */
const DIGEST_HOUR = 8

/** Whether today's digest is due: after 8:00 and not yet sent today. */
export function digestDue(deps: Pick<Deps, 'monitoring'>, at: Date): boolean {
  return localHour(at) >= DIGEST_HOUR && deps.monitoring.lastDigest() !== localDate(at)
}
