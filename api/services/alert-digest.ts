import type { AppDeps } from '../deps.ts'
import { localDate } from '../lib/calendar.ts'
import { alertsFor } from '../domain/households/monitoring.ts'
import { mayHandleCase } from '../domain/households/hardship.ts'
import { principalOf, standardsOn, visibleHouseholds } from './households.ts'
import { pushTo } from '../store/group.ts'

type Deps = Pick<AppDeps, 'knowledge' | 'households' | 'cadres' | 'visits' | 'access' | 'visitGapDays' | 'monitoring' | 'outbox'>

/** At most this many households named in one digest message; the rest are counted ("预警" lists all). */
const DIGEST_LINES = 10

/**
 * The daily digest: each bound cadre hears of the 返贫监测 alerts among their households that they
 * have not been told about yet, and of 自主申报 cases waiting for their 入户核实.
 */
export async function alertDigest(deps: Deps, at: Date): Promise<{ cadres: number; newAlerts: number }> {
  const date = localDate(at)
  const std = standardsOn(deps, date)
  const sessionsByCadre = new Map<string, string[]>()
  for (const { session, holder } of deps.access.bound()) {
    if (holder.kind === 'cadre') pushTo(sessionsByCadre, holder.cadreId, session)
  }
  const sent = new Map<string, string[]>()
  const notices: { session: string; text: string }[] = []
  let told = 0
  let newAlerts = 0
  for (const [cadreId, sessions] of sessionsByCadre) {
    const p = principalOf(deps, { kind: 'cadre', cadreId })
    if (p?.kind !== 'cadre') continue
    const known = deps.monitoring.alertsSent(cadreId)
    const current: string[] = []
    const fresh: string[] = []
    for (const { id } of visibleHouseholds(deps, p)) {
      const h = deps.households.get(id)!
      const alerts = alertsFor(h, std, date)
      current.push(...alerts.map((a) => a.key))
      const news = alerts.filter((a) => !known.has(a.key))
      if (news.length > 0) fresh.push(`• ${h.headName}户（${h.id}，${h.village}）：${news.map((a) => `${a.kind}，${a.text}`).join('；')}`)
    }
    sent.set(cadreId, current)
    newAlerts += fresh.length
    const waiting = deps.monitoring
      .all()
      .filter((c) => c.status === '待核实' && mayHandleCase(p, c, c.householdId ? deps.households.get(c.householdId) : undefined)).length
    if (fresh.length === 0 && waiting === 0) continue
    const lines = [`【返贫监测】${p.name}您好，${date}：`]
    if (fresh.length > 0) {
      lines.push(`新增预警 ${fresh.length} 户：`, ...fresh.slice(0, DIGEST_LINES))
      if (fresh.length > DIGEST_LINES) lines.push(`……另有 ${fresh.length - DIGEST_LINES} 户，回复“预警”查看全部。`)
    }
    if (waiting > 0) lines.push(`农户自主申报待入户核实 ${waiting} 件，回复“申报”查看。`)
    for (const session of sessions) notices.push({ session, text: lines.join('\n') })
    told += 1
  }
  await deps.outbox.enqueue(notices, at)
  await deps.monitoring.digested(date, sent)
  return { cadres: told, newAlerts }
}

/** Hour of the day (China time) after which the daily digest goes out. */
const DIGEST_HOUR = 8

/** Whether today's digest is due: after 8:00 and not yet sent today. */
export function digestDue(deps: Pick<Deps, 'monitoring'>, at: Date): boolean {
  const hour = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', hour: 'numeric', hourCycle: 'h23' }).format(at))
  return hour >= DIGEST_HOUR && deps.monitoring.lastDigest() !== localDate(at)
}
