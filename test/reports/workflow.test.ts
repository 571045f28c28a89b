import { describe, it, expect } from 'vitest'
import { ACTIONS, transition, TransitionError, dueWork, type Action } from '../../api/domain/reports/workflow.ts'
import { REPORT_STATUSES, type Actor, type Report, type ReportStatus } from '../../api/domain/reports/report.ts'

const at = new Date('2026-11-25T02:00:00Z')
const report = (status: ReportStatus, resolvedAt: string | null = status === '已办结' ? at.toISOString() : null): Report => ({
  ticket: 'FK-2026-000001',
  codeHash: 'x',
  category: '饮水安全',
  description: '村里的自来水停了三天',
  place: { town: '东山镇' },
  anonymous: true,
  reporter: null,
  status,
  assignee: null,
  createdAt: at.toISOString(),
  updatedAt: at.toISOString(),
  resolvedAt,
  askedFeedback: false,
  remindedAt: null,
  history: [],
})
const actors: Record<Actor['kind'], Actor> = {
  reporter: { kind: 'reporter', label: '反映人' },
  admin: { kind: 'admin', label: '县扶贫办' },
  cadre: { kind: 'cadre', label: '东山镇乡镇扶贫专干张三' },
  system: { kind: 'system', label: '系统' },
}

/** The workflow as the issue states it, written out independently of the code's table. */
const LEGAL: Record<Action, { from: ReportStatus[]; to: ReportStatus; by: Actor['kind'][] }> = {
  accept: { from: ['待受理'], to: '已受理', by: ['admin', 'cadre'] },
  refuse: { from: ['待受理', '已受理'], to: '不予受理', by: ['admin', 'cadre'] },
  start: { from: ['已受理'], to: '办理中', by: ['admin', 'cadre'] },
  resolve: { from: ['办理中'], to: '已办结', by: ['admin', 'cadre'] },
  confirm: { from: ['已办结'], to: '已销号', by: ['reporter', 'admin'] },
  reopen: { from: ['已办结'], to: '办理中', by: ['reporter', 'admin'] },
  autoClose: { from: ['已办结'], to: '已销号', by: ['system'] },
}

describe('the report workflow, every action from every status by every kind of actor', () => {
  const cases = ACTIONS.flatMap((action) =>
    REPORT_STATUSES.flatMap((status) => (Object.keys(actors) as Actor['kind'][]).map((kind) => ({ action, status, kind }))),
  )
  it.each(cases)('$action from $status by $kind', ({ action, status, kind }) => {
    const step = { action, actor: actors[kind], at, note: '已修好', assignee: 'county-water' }
    const legal =
      (LEGAL[action].from.includes(status) && LEGAL[action].by.includes(kind)) ||
      // only the admin may reopen what is already 已销号
      (action === 'reopen' && status === '已销号' && kind === 'admin')
    if (legal) {
      const after = transition(report(status), step)
      expect(after.status).toBe(LEGAL[action].to)
      expect(after.history.at(-1)).toMatchObject({ from: status, to: LEGAL[action].to, actor: actors[kind] })
    } else {
      expect(() => transition(report(status), step)).toThrow(TransitionError)
    }
  })

  it('lets the reporter say 不满意 within 15 days of 办结, not after', () => {
    const resolved = report('已办结', new Date(at.getTime() - 14 * 86_400_000).toISOString())
    expect(transition(resolved, { action: 'reopen', actor: actors.reporter, at }).status).toBe('办理中')
    const old = report('已办结', new Date(at.getTime() - 16 * 86_400_000).toISOString())
    expect(() => transition(old, { action: 'reopen', actor: actors.reporter, at })).toThrow(/超过15天/)
  })

  it('requires a reason to refuse, a result to resolve, an office to accept', () => {
    expect(() => transition(report('待受理'), { action: 'refuse', actor: actors.admin, at })).toThrow(/理由/)
    expect(() => transition(report('办理中'), { action: 'resolve', actor: actors.admin, at })).toThrow(/办理结果/)
    expect(() => transition(report('待受理'), { action: 'accept', actor: actors.admin, at })).toThrow(/转交/)
  })

  it('asks for feedback after 3 days, closes after 7, reminds of overdue reports once a day', () => {
    const resolved = report('已办结')
    const day = (n: number) => new Date(at.getTime() + n * 86_400_000)
    expect(dueWork(resolved, day(1))).toBeUndefined()
    expect(dueWork(resolved, day(4))).toBe('ask')
    expect(dueWork({ ...resolved, askedFeedback: true }, day(4))).toBeUndefined()
    expect(dueWork(resolved, day(8))).toBe('close')
    const waiting = report('待受理')
    expect(dueWork(waiting, day(1))).toBeUndefined()
    expect(dueWork(waiting, day(3))).toBe('remind')
    expect(dueWork({ ...waiting, remindedAt: day(2.5).toISOString() }, day(3))).toBeUndefined()
  })
})
