import { DAY_MS, localDate } from '../../lib/calendar.ts'
import { pastDeadline, type Deadlines } from '../reports/workflow.ts'
import type { Report, ReportStatus } from '../reports/report.ts'
import { Histogram } from './histogram.ts'
import type { PlaceFilter } from './scope.ts'

/**
 * The reports' figures for the office, kept up to date one report at a time (replace), so a summary
 * adds up day buckets instead of reading every report: the cost of a summary grows with the days and
 * towns asked about and the reports still open, not with all the reports ever filed.
 */

/** What one report adds to the tally; everything a summary counts, nothing a person wrote. */
interface Contribution {
  town: string
  village: string | null
  category: string
  status: ReportStatus
  filedDay: string
  /** the day it reached 已销号 (while it is 已销号) */
  closedDay: string | null
  /** the first 受理 (or 不予受理): day and days taken */
  accepted: { day: string; days: number } | null
  /** the last 办结 on record: day and days from filing */
  resolved: { day: string; days: number } | null
  /** the reporter's own 满意 (确认销号) and 不满意 (重新办理), each by day */
  feedback: { day: string; satisfied: boolean }[]
}

/** One place's figures on one day. byStatus and byCategory count the reports filed that day, by what they are now. */
export class DayBucket {
  constructor(
    readonly town: string,
    readonly village: string | null,
  ) {}
  filed = 0
  closed = 0
  satisfied = 0
  unsatisfied = 0
  byStatus = new Map<string, number>()
  byCategory = new Map<string, number>()
  toAccept = new Histogram()
  toResolve = new Histogram()
}

export interface OpenReport {
  ticket: string
  town: string
  village: string | null
  category: string
  status: ReportStatus
  createdAt: string
  createdMs: number
}

const bump = (m: Map<string, number>, key: string, by: number) => {
  const n = (m.get(key) ?? 0) + by
  if (n === 0) m.delete(key)
  else m.set(key, n)
}

function contribution(r: Report): Contribution {
  const started = Date.parse(r.createdAt)
  const days = (at: string) => (Date.parse(at) - started) / DAY_MS
  const accept = r.history.find((h) => h.to === '已受理' || h.to === '不予受理')
  const resolve = r.history.findLast((h) => h.to === '已办结')
  const closed = r.status === '已销号' ? r.history.findLast((h) => h.to === '已销号') : undefined
  return {
    town: r.place.town,
    village: r.place.village ?? null,
    category: r.category,
    status: r.status,
    filedDay: localDate(new Date(r.createdAt)),
    closedDay: closed ? localDate(new Date(closed.at)) : null,
    accepted: accept ? { day: localDate(new Date(accept.at)), days: days(accept.at) } : null,
    resolved: resolve ? { day: localDate(new Date(resolve.at)), days: days(resolve.at) } : null,
    feedback: r.history
      .filter((h) => h.actor.kind === 'reporter' && (h.to === '已销号' || h.to === '办理中'))
      .map((h) => ({ day: localDate(new Date(h.at)), satisfied: h.to === '已销号' })),
  }
}

export type Overdue = OpenReport & { kind: '受理超期' | '办结超期'; daysOver: number }

const OPEN_STATUSES: readonly ReportStatus[] = ['待受理', '已受理', '办理中']

export class ReportTally {
  /** day → place (town and village) → bucket */
  readonly days = new Map<string, Map<string, DayBucket>>()
  /** the reports not yet 办结, 销号 or refused: the only ones that can be overdue */
  readonly open = new Map<string, OpenReport>()
  private readonly counted = new Map<string, Contribution>()

  /** A report as it is now (filed or changed): its old contribution goes, the new one comes. */
  replace(r: Report): void {
    const old = this.counted.get(r.ticket)
    if (old) this.apply(old, -1)
    const now = contribution(r)
    this.apply(now, 1)
    this.counted.set(r.ticket, now)
    if (OPEN_STATUSES.includes(r.status)) {
      this.open.set(r.ticket, {
        ticket: r.ticket,
        town: now.town,
        village: now.village,
        category: now.category,
        status: r.status,
        createdAt: r.createdAt,
        createdMs: Date.parse(r.createdAt),
      })
    } else this.open.delete(r.ticket)
  }

  private bucket(day: string, c: Contribution): DayBucket {
    let places = this.days.get(day)
    if (!places) this.days.set(day, (places = new Map()))
    const key = `${c.town}\u0000${c.village ?? ''}`
    let b = places.get(key)
    if (!b) places.set(key, (b = new DayBucket(c.town, c.village)))
    return b
  }

  private apply(c: Contribution, sign: 1 | -1) {
    const filed = this.bucket(c.filedDay, c)
    filed.filed += sign
    bump(filed.byStatus, c.status, sign)
    bump(filed.byCategory, c.category, sign)
    if (c.closedDay) this.bucket(c.closedDay, c).closed += sign
    if (c.accepted) this.bucket(c.accepted.day, c).toAccept.add(c.accepted.days, sign)
    if (c.resolved) this.bucket(c.resolved.day, c).toResolve.add(c.resolved.days, sign)
    for (const f of c.feedback) {
      const b = this.bucket(f.day, c)
      if (f.satisfied) b.satisfied += sign
      else b.unsatisfied += sign
    }
  }

  /**
   * The open reports in the reader's area: how many in each town, how many of them past a deadline
   * (受理超期 / 办结超期), and the `limit` longest overdue. One pass with numbers only; objects are made for
   * the few listed.
   */
  openFigures(
    filter: PlaceFilter,
    now: Date,
    deadlines: Deadlines,
    limit: number,
  ): { open: Map<string, number>; overdue: Map<string, number>; overdueTotal: number; items: Overdue[] } {
    const open = new Map<string, number>()
    const overdue = new Map<string, number>()
    // The longest overdue first (ties by ticket, so the list does not shuffle between two looks). With a
    // limit, only the `limit` longest are kept and ordered as they come: no sort of every open report.
    type Late = { o: OpenReport; past: number }
    const before = (a: Late, b: Late) => b.past - a.past || (a.o.ticket < b.o.ticket ? -1 : a.o.ticket > b.o.ticket ? 1 : 0)
    const late: Late[] = []
    let overdueTotal = 0
    const at = now.getTime()
    for (const o of this.open.values()) {
      if (filter && !filter(o.town, o.village)) continue
      open.set(o.town, (open.get(o.town) ?? 0) + 1)
      const past = pastDeadline(o.status, at - o.createdMs, deadlines) ?? 0
      if (past <= 0) continue
      overdue.set(o.town, (overdue.get(o.town) ?? 0) + 1)
      overdueTotal++
      const entry = { o, past }
      if (late.length >= limit && before(entry, late[late.length - 1]!) >= 0) continue
      if (!Number.isFinite(limit)) {
        late.push(entry)
        continue
      }
      let i = late.length
      while (i > 0 && before(entry, late[i - 1]!) < 0) i--
      late.splice(i, 0, entry)
      if (late.length > limit) late.pop()
    }
    if (!Number.isFinite(limit)) late.sort(before)
    const items = late.slice(0, limit).map(({ o, past }) => ({
      ticket: o.ticket,
      town: o.town,
      village: o.village,
      category: o.category,
      status: o.status,
      createdAt: o.createdAt,
      createdMs: o.createdMs,
      kind: o.status === '待受理' ? ('受理超期' as const) : ('办结超期' as const),
      daysOver: Math.floor(past / DAY_MS),
    }))
    return { open, overdue, overdueTotal, items }
  }
}
