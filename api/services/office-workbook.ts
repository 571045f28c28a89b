import ExcelJS from 'exceljs'
import type { AppDeps } from '../deps.ts'
import type { Principal } from '../domain/access/principal.ts'
import { coversPlace } from '../domain/access/principal.ts'
import { DAY_MS, localDate } from '../lib/calendar.ts'
import { LEDGER_HEADERS, ledgerRows } from '../domain/reports/views.ts'
import type { OfficeSummary } from '../domain/office/summary.ts'
import { summaryFor } from './office.ts'

type Deps = Parameters<typeof summaryFor>[0] & Pick<AppDeps, 'knowledge'>

/** The county's clock: Excel keeps no time zone, so a time is written as it reads in China. */
const CHINA_MS = 8 * 3_600_000
const excelTime = (iso: string) => (iso ? new Date(Date.parse(iso) + CHINA_MS) : null)
const day = (d: string) => new Date(`${d}T00:00:00Z`)
const minus = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10)

interface Column {
  header: string
  width: number
  /** Excel's number format for dates and shares */
  format?: string
}

/** A sheet with Chinese headers in bold, the header row frozen, and widths set. */
function sheet(wb: ExcelJS.Workbook, name: string, columns: readonly Column[], rows: readonly (readonly unknown[])[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width, ...(c.format ? { style: { numFmt: c.format } } : {}) }))
  ws.getRow(1).font = { bold: true }
  for (const r of rows) ws.addRow([...r])
  return ws
}

const pct = (r: number | null) => r ?? ''
const change = (a: number | null, b: number | null) => (a === null || b === null ? '' : Math.round((a - b) * 1000) / 1000)

function summaryRows(week: OfficeSummary, before: OfficeSummary): unknown[][] {
  const r = week.reports
  const p = before.reports
  const alerts = Object.entries(week.households.alertsByKind)
  const reached = week.households.visits.reduce((n, v) => n + v.reached, 0)
  const assigned = week.households.visits.reduce((n, v) => n + v.households, 0)
  const q = week.questions
  const rows: [string, number | null | '', number | null | ''][] = [
    ['登记的问题（件）', r.filed, p.filed],
    ['销号（件）', r.closed, p.closed],
    ['销号率', pct(r.closedRate), pct(p.closedRate)],
    ['满意率', pct(r.satisfactionRate), pct(p.satisfactionRate)],
    ['受理用时中位数（天）', r.medianDaysToAccept, p.medianDaysToAccept],
    ['办结用时中位数（天）', r.medianDaysToResolve, p.medianDaysToResolve],
    ['群众提问（次）', q.total, before.questions.total],
    ['有把握回答的比例', pct(q.answered), pct(before.questions.answered)],
  ]
  return [
    ...rows.map(([name, a, b]) => [name, a ?? '', b ?? '', change(typeof a === 'number' ? a : null, typeof b === 'number' ? b : null)]),
    ['目前超期的问题（件）', r.overdueCount, '', ''],
    ...alerts.map(([kind, n]) => [`目前预警：${kind}（户）`, n, '', '']),
    [`今年走访达标的户（每户每年${week.households.visitTarget ?? '—'}次）`, reached, '', ''],
    ['结对帮扶的户', assigned, '', ''],
  ]
}

/**
 * 周报 (GET /api/office/weekly.xlsx): the summary of the 7 days ending on `to` beside the 7 days before, and
 * sheets for the reports' 台账 (free text masked for all but the admin), the overdue ones, the alerts by
 * village and the visits by cadre — each for the reader's area only.
 */
export async function weeklyWorkbook(deps: Deps, p: Principal, q: { to?: string | undefined; town?: string | undefined }): Promise<Buffer> {
  const to = q.to ?? localDate(deps.now())
  const week = await summaryFor(deps, p, { from: minus(to, 6), to, town: q.town }, { allOverdue: true })
  const before = await summaryFor(deps, p, { from: minus(to, 13), to: minus(to, 7), town: q.town })

  const wb = new ExcelJS.Workbook()
  wb.creator = '扶贫政策助手'
  wb.created = deps.now()
  wb.modified = deps.now()

  sheet(
    wb,
    '汇总',
    [
      { header: `指标（${week.area}，本周 ${week.from} 至 ${week.to}）`, width: 44 },
      { header: '本周', width: 12 },
      { header: '上周', width: 12 },
      { header: '变化', width: 12 },
    ],
    summaryRows(week, before),
  )

  const inArea = (r: { place: { town: string; village?: string | undefined } }) =>
    p.kind === 'admin' ? !q.town || r.place.town === q.town : coversPlace(p, r.place)
  const officeName = (id: string) => deps.knowledge.offices.get(id)?.name ?? id
  const reports = deps.reports.all().filter(inArea)
  const ledger = ledgerRows(reports, officeName, deps.now(), deps.deadlines, p.kind !== 'admin').map((row) =>
    row.map((cell, i) => (LEDGER_HEADERS[i]!.endsWith('时间') ? excelTime(cell) : cell)),
  )
  const DATE_TIME = 'yyyy-mm-dd hh:mm'
  const widths: Record<string, number> = { 问题描述: 40, 办理结果: 30, 办理单位: 22, 受理编号: 18 }
  sheet(
    wb,
    '问题台账',
    LEDGER_HEADERS.map((h) => ({
      header: h,
      width: widths[h] ?? (h.endsWith('时间') ? 18 : 10),
      ...(h.endsWith('时间') ? { format: DATE_TIME } : {}),
    })),
    ledger,
  )

  sheet(
    wb,
    '超期问题',
    [
      { header: '受理编号', width: 18 },
      { header: '类别', width: 12 },
      { header: '乡镇', width: 10 },
      { header: '村', width: 10 },
      { header: '状态', width: 10 },
      { header: '超期类型', width: 10 },
      { header: '超期天数', width: 10 },
    ],
    week.reports.overdue.map((o) => [o.ticket, o.category, o.town, o.village ?? '', o.status, o.kind, o.daysOver]),
  )

  const kinds = Object.keys(week.households.alertsByKind)
  sheet(
    wb,
    '返贫监测预警',
    [
      { header: '乡镇', width: 10 },
      { header: '村', width: 10 },
      { header: '户数', width: 8 },
      ...kinds.map((k) => ({ header: k, width: 14 })),
      { header: '合计', width: 8 },
    ],
    week.households.alertsByVillage.map((v) => [v.town, v.village, v.households, ...kinds.map((k) => v.alerts[k] ?? 0), v.total]),
  )

  sheet(
    wb,
    '走访',
    [
      { header: '干部', width: 10 },
      { header: '乡镇', width: 10 },
      { header: '结对户数', width: 10 },
      { header: `今年走访满${week.households.visitTarget ?? '—'}次的户`, width: 20 },
      { header: '完成率', width: 10, format: '0.0%' },
      { header: '截至', width: 12, format: 'yyyy-mm-dd' },
    ],
    week.households.visits.map((v) => [v.name, v.town, v.households, v.reached, v.rate ?? '', day(to)]),
  )
  return Buffer.from(await wb.xlsx.writeBuffer())
}
