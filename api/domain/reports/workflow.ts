import { Refusal } from '../refusal.ts'
import { DAY_MS } from '../../lib/calendar.ts'
import type { Actor, Report, ReportStatus } from './report.ts'

/**
 * The life of a report, as a table: 待受理 → 已受理 → 办理中 → 已办结 → 已销号, 不予受理 from the first
 * two, 不满意 back to 办理中. Pure: (report, action, who, when) → the report after it, or why not.
 */
export const ACTIONS = ['accept', 'refuse', 'start', 'resolve', 'confirm', 'reopen', 'autoClose'] as const
export type Action = (typeof ACTIONS)[number]

export const ACTION_LABELS: Record<Action, string> = {
  accept: '受理',
  refuse: '不予受理',
  start: '开始办理',
  resolve: '办结',
  confirm: '确认销号',
  reopen: '不满意，重新办理',
  autoClose: '到期自动销号',
}

export interface Deadlines {
  /** days to take a report up */
  acceptDays: number
  /** days from filing to 办结 */
  resolveDays: number
  /** days after 办结 without objection before 已销号 */
  silentCloseDays: number
  /** days after 办结 the reporter may still say 不满意 */
  reopenDays: number
  /** days after 办结 the bot asks "问题解决了吗" */
  feedbackDays: number
}
export const DEFAULT_DEADLINES: Deadlines = { acceptDays: 2, resolveDays: 15, silentCloseDays: 7, reopenDays: 15, feedbackDays: 3 }

const MOVES: Record<Action, { from: readonly ReportStatus[]; to: ReportStatus; by: readonly Actor['kind'][] }> = {
  accept: { from: ['待受理'], to: '已受理', by: ['admin', 'cadre'] },
  refuse: { from: ['待受理', '已受理'], to: '不予受理', by: ['admin', 'cadre'] },
  start: { from: ['已受理'], to: '办理中', by: ['admin', 'cadre'] },
  resolve: { from: ['办理中'], to: '已办结', by: ['admin', 'cadre'] },
  confirm: { from: ['已办结'], to: '已销号', by: ['reporter', 'admin'] },
  reopen: { from: ['已办结', '已销号'], to: '办理中', by: ['reporter', 'admin'] },
  autoClose: { from: ['已办结'], to: '已销号', by: ['system'] },
}

/** A step the workflow does not allow from the report's status, or not by this actor: a 409. */
export class TransitionError extends Refusal {
  constructor(message: string) {
    super('conflict', message)
  }
}

export interface Step {
  action: Action
  actor: Actor
  at: Date
  note?: string | undefined
  /** accept: the office it goes to */
  assignee?: string | undefined
}

/** The report after the step; TransitionError (a 409) with a Chinese reason when the step is not allowed. */
export function transition(report: Report, step: Step, deadlines: Deadlines = DEFAULT_DEADLINES): Report {
  const move = MOVES[step.action]
  if (!move.by.includes(step.actor.kind)) throw new TransitionError(`${step.actor.label}不能执行“${ACTION_LABELS[step.action]}”。`)
  if (!move.from.includes(report.status)) {
    throw new TransitionError(
      `问题现在是“${report.status}”，不能${ACTION_LABELS[step.action]}（只有“${move.from.join('”或“')}”的问题可以）。`,
    )
  }
  if (step.action === 'reopen' && step.actor.kind === 'reporter') {
    if (report.status === '已销号') throw new TransitionError('问题已经销号，如仍有意见，请联系县扶贫办由管理员重新打开。')
    const since = step.at.getTime() - Date.parse(report.resolvedAt!)
    if (since > deadlines.reopenDays * DAY_MS)
      throw new TransitionError(`办结已超过${deadlines.reopenDays}天，不能再提出不满意；请联系县扶贫办。`)
  }
  if (step.action === 'accept' && !step.assignee) throw new TransitionError('受理时要写明转交给哪个部门或乡镇。')
  if ((step.action === 'refuse' || step.action === 'resolve') && !step.note?.trim()) {
    throw new TransitionError(step.action === 'refuse' ? '不予受理要写明理由。' : '办结要写明办理结果，会告诉反映人。')
  }
  const at = step.at.toISOString()
  return {
    ...report,
    status: move.to,
    assignee: step.action === 'accept' ? step.assignee! : report.assignee,
    updatedAt: at,
    resolvedAt: move.to === '已办结' ? at : move.to === '办理中' ? null : report.resolvedAt,
    askedFeedback: move.to === '办理中' ? false : report.askedFeedback,
    history: [...report.history, { at, from: report.status, to: move.to, actor: step.actor, ...(step.note ? { note: step.note } : {}) }],
  }
}

const OPEN: readonly ReportStatus[] = ['待受理', '已受理', '办理中']

/**
 * How long an open report has been past its deadline (not taken up within acceptDays, or not 办结 within
 * resolveDays of filing), in ms; 0 or less when it is not, null when it is not open. Takes the age as a
 * number so the office's tally can check thousands of open reports without parsing dates.
 */
export function pastDeadline(status: ReportStatus, ageMs: number, deadlines: Deadlines = DEFAULT_DEADLINES): number | null {
  if (!OPEN.includes(status)) return null
  return ageMs - (status === '待受理' ? deadlines.acceptDays : deadlines.resolveDays) * DAY_MS
}

/** Past its deadline: not taken up within acceptDays, or not 办结 within resolveDays of filing. */
export function isOverdue(report: Pick<Report, 'status' | 'createdAt'>, now: Date, deadlines: Deadlines = DEFAULT_DEADLINES): boolean {
  return (pastDeadline(report.status, now.getTime() - Date.parse(report.createdAt), deadlines) ?? 0) > 0
}

export const isClosed = (r: Report) => r.status === '已销号' || r.status === '不予受理'

/** What the periodic sweep owes a report now: ask for feedback, close silently, or remind of a deadline. */
export function dueWork(report: Report, now: Date, deadlines: Deadlines = DEFAULT_DEADLINES): 'ask' | 'close' | 'remind' | undefined {
  if (report.status === '已办结' && report.resolvedAt) {
    const since = now.getTime() - Date.parse(report.resolvedAt)
    if (since > deadlines.silentCloseDays * DAY_MS) return 'close'
    if (!report.askedFeedback && since > deadlines.feedbackDays * DAY_MS) return 'ask'
    return undefined
  }
  if (isOverdue(report, now, deadlines)) {
    const last = report.remindedAt ? Date.parse(report.remindedAt) : 0
    if (now.getTime() - last > DAY_MS) return 'remind'
  }
  return undefined
}
