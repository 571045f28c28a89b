import { join } from 'node:path'
import { z } from '../lib/zod.ts'
import { localYear } from '../lib/calendar.ts'
import { Journal } from './journal.ts'
import { Report, openReport, type NewReport } from '../domain/reports/report.ts'
import { formatTicket, hashCode, newQueryCode, TICKET } from '../domain/reports/ticket.ts'
import { transition, type Deadlines, type Step } from '../domain/reports/workflow.ts'
import { ReportTally } from '../domain/office/report-tally.ts'

/** Each line is the whole report after a change: replaying the file, the last line of a ticket wins. */
const Entry = z.object({ report: Report })
const LastTicket = z.record(z.string(), z.number().int().min(0))

export interface ReportRepository {
  /** resolves once the report is on disk; the query code is returned this once and never stored */
  create(input: NewReport, at: Date): Promise<{ report: Report; code: string }>
  get(ticket: string): Report | undefined
  /** applies a workflow step (TransitionError if not allowed) and resolves once it is on disk */
  apply(ticket: string, step: Step, deadlines?: Deadlines): Promise<Report>
  /** bookkeeping of the sweep (reminders sent, feedback asked) */
  update(ticket: string, change: Partial<Pick<Report, 'askedFeedback' | 'remindedAt'>>): Promise<Report>
  all(): readonly Report[]
  /** the office's figures by day and town, kept up to date on every write */
  tally(): ReportTally
  close(): Promise<void>
}

export class UnknownTicket extends Error {}

export async function openReportRepository(dataDir: string): Promise<ReportRepository> {
  // The highest ticket number given out each year is also kept in the file's mark: if reports are ever
  // lost and the loss accepted (npm run repair), their numbers are still never given out again.
  const lastNumber = new Map<number, number>()
  const { journal, entries, kept } = await Journal.open(join(dataDir, 'reports.jsonl'), Entry, {
    extra: () => ({ lastTicket: Object.fromEntries(lastNumber) }),
  })
  const byTicket = new Map<string, Report>()
  for (const e of entries) byTicket.set(e.report.ticket, e.report)
  const tally = new ReportTally()
  for (const r of byTicket.values()) tally.replace(r)
  for (const [year, n] of Object.entries(LastTicket.parse(kept?.lastTicket ?? {}))) lastNumber.set(Number(year), n)
  for (const ticket of byTicket.keys()) {
    const m = TICKET.exec(ticket)!
    const year = Number(m[1])
    lastNumber.set(year, Math.max(lastNumber.get(year) ?? 0, Number(m[2])))
  }

  // The map changes before the line is written, so a second change to the same report that arrives
  // during the flush builds on the first; the journal writes lines in the order they were appended.
  const save = (report: Report) => {
    byTicket.set(report.ticket, report)
    tally.replace(report)
    return journal.append({ report }).then(() => report)
  }
  const existing = (ticket: string) => {
    const report = byTicket.get(ticket)
    if (!report) throw new UnknownTicket(ticket)
    return report
  }

  return {
    async create(input, at) {
      const year = localYear(at)
      const n = (lastNumber.get(year) ?? 0) + 1
      lastNumber.set(year, n)
      const code = newQueryCode()
      const report = openReport(input, formatTicket(year, n), hashCode(code), at)
      await save(report)
      return { report, code }
    },
    get: (ticket) => byTicket.get(ticket),
    apply: (ticket, step, deadlines) => save(transition(existing(ticket), step, deadlines)),
    update: (ticket, change) => save({ ...existing(ticket), ...change }),
    all: () => [...byTicket.values()],
    tally: () => tally,
    close: () => journal.close(),
  }
}
