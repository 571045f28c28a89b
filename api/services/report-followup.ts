import type { AppDeps } from '../deps.ts'
import { logError } from '../lib/log.ts'
import type { Report } from '../domain/reports/report.ts'
import { dueWork } from '../domain/reports/workflow.ts'
import { feedbackCard, feedbackQuestion, overdueCard, overdueNotice, statusCard, statusNotice } from '../domain/reports/notices.ts'
import type { PushCard } from '../domain/notify/push-card.ts'

type Deps = Pick<AppDeps, 'knowledge' | 'reports' | 'outbox' | 'cadreSessions' | 'deadlines'>

export const officeName = (deps: Deps, id: string) => deps.knowledge.offices.get(id)?.name ?? id

/** Sends one text to the bound cadres of the report's town (or village); never says who reported. */
export async function notifyCadres(deps: Deps, r: Report, text: string, card: PushCard, at: Date): Promise<void> {
  const sessions = await deps.cadreSessions({ town: r.place.town, ...(r.place.village ? { village: r.place.village } : {}) })
  await deps.outbox.enqueue(
    sessions.map((session) => ({ session, text, card })),
    at,
  )
}

/** The reporter hears of every change, if they reported from WeChat; a failed notice never undoes the change. */
export async function tellReporter(deps: Deps, r: Report, at: Date): Promise<void> {
  const hotline = `${deps.knowledge.hotline.name}（${deps.knowledge.hotline.phone}）`
  const text = statusNotice(r, r.assignee ? officeName(deps, r.assignee) : undefined, hotline)
  const session = r.reporter?.session
  if (!text || !session) return
  await deps.outbox.enqueue([{ session, text, card: statusCard(r) }], at).catch((err) => logError(`通知反映人失败（${r.ticket}）`, err))
}

/**
 * What time alone moves on: "问题解决了吗?" some days after 办结, 已销号 after a week without
 * objection, and a daily reminder to the area's cadres of each overdue report. Run every few minutes
 * by the server, and by POST /api/reports/sweep.
 */
export async function followUp(deps: Deps, at: Date): Promise<{ asked: number; closed: number; reminded: number }> {
  const done = { asked: 0, closed: 0, reminded: 0 }
  for (const r of deps.reports.all()) {
    const work = dueWork(r, at, deps.deadlines)
    if (work === 'close') {
      const closed = await deps.reports.apply(
        r.ticket,
        {
          action: 'autoClose',
          actor: { kind: 'system', label: '系统' },
          at,
          note: `办结满${deps.deadlines.silentCloseDays}天无异议，自动销号`,
        },
        deps.deadlines,
      )
      await tellReporter(deps, closed, at)
      done.closed += 1
    } else if (work === 'ask') {
      await deps.reports.update(r.ticket, { askedFeedback: true })
      const session = r.reporter?.session
      if (session)
        await deps.outbox.enqueue([{ session, text: feedbackQuestion(r, deps.deadlines.feedbackDays), card: feedbackCard(r) }], at)
      done.asked += 1
    } else if (work === 'remind') {
      await notifyCadres(deps, r, overdueNotice(r), overdueCard(r), at)
      await deps.reports.update(r.ticket, { remindedAt: at.toISOString() })
      done.reminded += 1
    }
  }
  return done
}
