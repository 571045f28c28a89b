import { DAY_MS } from '../../lib/calendar.ts'
import { z } from '../../lib/zod.ts'
import { maskPersonalData } from '../privacy/mask.ts'
import { HistoryEntry, ReportCategory, ReportPlace, ReportStatus, type Report } from './report.ts'
import { isOverdue, type Deadlines } from './workflow.ts'
import { csvDocument } from '../../lib/csv.ts'

/**
 * What each reader sees of a report. The reporter's identity appears in the admin view only: cadres of
 * the area (who may be the very people reported) and the public never see it.
 */
export const ReportView = z
  .object({
    ticket: z.string(),
    category: ReportCategory,
    description: z.string(),
    place: ReportPlace,
    status: ReportStatus,
    assignee: z.string().nullable().describe('办理单位'),
    overdue: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    history: z.array(HistoryEntry),
  })
  .openapi('ReportView')
export type ReportView = z.infer<typeof ReportView>

export const AdminReportView = ReportView.extend({
  anonymous: z.boolean(),
  reporter: z.object({ name: z.string().optional(), phone: z.string().optional(), wechat: z.boolean() }).nullable(),
}).openapi('AdminReportView')

export function reportView(r: Report, assigneeName: (id: string) => string, now: Date, deadlines?: Deadlines): ReportView {
  return {
    ticket: r.ticket,
    category: r.category,
    // what people typed (ID, phone, bank card numbers) is masked for everyone but the admin
    description: maskPersonalData(r.description),
    place: r.place,
    status: r.status,
    assignee: r.assignee ? assigneeName(r.assignee) : null,
    overdue: isOverdue(r, now, deadlines),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    history: r.history.map((h) => (h.note ? { ...h, note: maskPersonalData(h.note) } : h)),
  }
}

export function adminView(r: Report, assigneeName: (id: string) => string, now: Date, deadlines?: Deadlines) {
  return {
    ...reportView(r, assigneeName, now, deadlines),
    description: r.description,
    history: r.history,
    anonymous: r.anonymous,
    reporter: r.reporter && {
      ...(r.reporter.name ? { name: r.reporter.name } : {}),
      ...(r.reporter.phone ? { phone: r.reporter.phone } : {}),
      wechat: !!r.reporter.session,
    },
  }
}

/** Open311 GeoReport v2: other civic tools read status, never people. */
export function open311View(r: Report, assigneeName: (id: string) => string) {
  const closed = r.status === '已销号' || r.status === '不予受理'
  return {
    service_request_id: r.ticket,
    status: closed ? 'closed' : 'open',
    status_notes: r.status,
    service_name: r.category,
    service_code: r.category,
    // the reporter's own words are never published, nor the village (small enough to point at a family)
    description: '（反映内容不公开）',
    agency_responsible: r.assignee ? assigneeName(r.assignee) : '',
    requested_datetime: r.createdAt,
    updated_datetime: r.updatedAt,
    address: r.place.town,
  }
}

export const LEDGER_HEADERS = [
  '受理编号',
  '类别',
  '乡镇',
  '村',
  '问题描述',
  '状态',
  '办理单位',
  '是否超期',
  '反映时间',
  '受理时间',
  '办结时间',
  '销号时间',
  '办理结果',
] as const

/**
 * 问题整改台账's rows, no reporter identity. `masked`: ID, phone and bank card numbers typed into the
 * description and the result are masked (everyone but the admin). Times are ISO strings, '' when not yet.
 */
export function ledgerRows(
  reports: readonly Report[],
  assigneeName: (id: string) => string,
  now: Date,
  deadlines: Deadlines | undefined,
  masked: boolean,
): string[][] {
  const when = (r: Report, to: string) => r.history.findLast((h) => h.to === to)?.at ?? ''
  const text = (t: string) => (masked ? maskPersonalData(t) : t)
  return reports.map((r) => [
    r.ticket,
    r.category,
    r.place.town,
    r.place.village ?? '',
    text(r.description),
    r.status,
    r.assignee ? assigneeName(r.assignee) : '',
    isOverdue(r, now, deadlines) ? '是' : '否',
    r.createdAt,
    when(r, '已受理'),
    when(r, '已办结'),
    when(r, '已销号'),
    text(r.history.findLast((h) => h.to === '已办结' || h.to === '不予受理')?.note ?? ''),
  ])
}

/** 问题整改台账 for the admin: UTF-8 with BOM and CRLF, so Excel opens the Chinese right. */
export function ledgerCsv(reports: readonly Report[], assigneeName: (id: string) => string, now: Date, deadlines?: Deadlines): string {
  return csvDocument([...LEDGER_HEADERS], ledgerRows(reports, assigneeName, now, deadlines, false))
}

export interface Stats {
  total: number
  byStatus: Record<string, number>
  byCategory: Record<string, number>
  byTown: Record<string, number>
  /** 已销号 among the reports taken as problems (all but 不予受理), as seed 000 counts 销号率 (299 of 328) */
  closedRate: number
  overdue: number
  /** days from filing to 已销号, median */
  medianDaysToClose: number | null
}

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1
  return counts
}

export function reportStats(reports: readonly Report[], now: Date, deadlines?: Deadlines): Stats {
  const closedAt = reports
    .flatMap((r) => {
      const at = r.history.findLast((h) => h.to === '已销号')?.at
      return r.status === '已销号' && at ? [(Date.parse(at) - Date.parse(r.createdAt)) / DAY_MS] : []
    })
    .sort((a, b) => a - b)
  const mid = closedAt.length / 2
  const median = closedAt.length === 0 ? null : closedAt.length % 2 ? closedAt[Math.floor(mid)]! : (closedAt[mid - 1]! + closedAt[mid]!) / 2
  const accepted = reports.filter((r) => r.status !== '不予受理').length
  return {
    total: reports.length,
    byStatus: tally(reports.map((r) => r.status)),
    byCategory: tally(reports.map((r) => r.category)),
    byTown: tally(reports.map((r) => r.place.town)),
    closedRate: accepted === 0 ? 0 : Math.round((reports.filter((r) => r.status === '已销号').length / accepted) * 1000) / 1000,
    overdue: reports.filter((r) => isOverdue(r, now, deadlines)).length,
    medianDaysToClose: median === null ? null : Math.round(median * 10) / 10,
  }
}
