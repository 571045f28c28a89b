import { daysBetween } from '../../lib/calendar.ts'
import type { ResolvedValue } from '../eligibility/parameters.ts'
import { GUARANTEE_LABELS, latestIncome, type Guarantees, type Household, type Visit } from './household.ts'

/** The standards 返贫监测 and visit duty are measured against, resolved for the region and date. */
export interface MonitoringStandards {
  /** 监测线 (人均纯收入) — undefined when no document sets one for the region */
  monitoringLine: ResolvedValue | undefined
  /** visits a year a cadre owes each household */
  visitTarget: ResolvedValue | undefined
  /** a household not visited for this many days is due whatever the yearly count */
  visitGapDays: number
}

export const ALERT_KINDS = ['收入低于监测线', '大病', '突发困难', '三保障未达标'] as const
export type AlertKind = (typeof ALERT_KINDS)[number]

export interface Alert {
  /** stable while the cause lasts: the daily digest tells a cadre only about keys it has not sent */
  key: string
  kind: AlertKind
  text: string
}

/** A shock counts for monitoring for a year after it happened. */
const SHOCK_WINDOW_DAYS = 365
export const isRecentShock = (s: Household['shocks'][number], date: string) =>
  s.date <= date && daysBetween(s.date, date) <= SHOCK_WINDOW_DAYS

/** 返贫监测 warnings for one household on a date. Pure: the caller resolves the standards. */
export function alertsFor(h: Household, standards: MonitoringStandards, date: string): Alert[] {
  const alerts: Alert[] = []
  const line = standards.monitoringLine
  const income = latestIncome(h)
  if (line && income && income.perCapita < line.value) {
    alerts.push({
      key: `${h.id}:income:${income.year}`,
      kind: '收入低于监测线',
      text: `${income.year}年人均纯收入${income.perCapita}元，低于监测线${line.value}元（${line.region}标准）`,
    })
  }
  const ill = h.members.filter((m) => m.health === '大病').map((m) => m.name)
  const recent = h.shocks.filter((s) => isRecentShock(s, date))
  if (ill.length > 0 || recent.some((s) => s.kind === '大病')) {
    alerts.push({ key: `${h.id}:illness`, kind: '大病', text: ill.length > 0 ? `${ill.join('、')}患大病` : '申报家中有人患大病' })
  }
  const shocks = recent.filter((s) => s.kind !== '大病')
  if (shocks.length > 0 || h.status === '突发严重困难户') {
    const what = shocks.map((s) => `${s.kind}（${s.date}）`).join('、') || '突发严重困难户'
    alerts.push({ key: `${h.id}:shock:${shocks.map((s) => s.date).join(',')}`, kind: '突发困难', text: what })
  }
  const unmet = (Object.keys(GUARANTEE_LABELS) as (keyof Guarantees)[]).filter((k) => !h.guarantees[k])
  if (unmet.length > 0) {
    alerts.push({
      key: `${h.id}:guarantees:${unmet.join(',')}`,
      kind: '三保障未达标',
      text: `未达标：${unmet.map((k) => GUARANTEE_LABELS[k]).join('、')}`,
    })
  }
  return alerts
}

export interface VisitStatus {
  thisYear: number
  lastVisit: string | null
  due: boolean
  /** why it is due, for the cadre */
  reasons: string[]
}

/** Whether a household is due a visit: under the yearly target, or not seen for visitGapDays. */
export function visitStatus(visits: readonly Visit[], standards: MonitoringStandards, date: string): VisitStatus {
  const year = date.slice(0, 4)
  const thisYear = visits.filter((v) => v.date.startsWith(year) && v.date <= date).length
  const lastVisit = visits.reduce<string | null>((last, v) => (v.date <= date && (!last || v.date > last) ? v.date : last), null)
  const reasons: string[] = []
  const target = standards.visitTarget
  if (target && thisYear < target.value) reasons.push(`今年走访${thisYear}次，不足每年${target.value}次（${target.region}要求）`)
  if (!lastVisit) reasons.push('还没有走访记录')
  else if (daysBetween(lastVisit, date) > standards.visitGapDays) reasons.push(`${daysBetween(lastVisit, date)}天没有走访`)
  return { thisYear, lastVisit, due: reasons.length > 0, reasons }
}
