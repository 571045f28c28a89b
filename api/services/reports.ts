import type { AppDeps } from '../deps.ts'
import { logError } from '../lib/log.ts'
import { Refusal } from '../domain/refusal.ts'
import { coversPlace, personalSession, type Principal } from '../domain/access/principal.ts'
import { REFUSAL_REASONS, type Actor, type Report } from '../domain/reports/report.ts'
import { routeFor } from '../domain/reports/routing.ts'
import { isOverdue, type Action } from '../domain/reports/workflow.ts'
import { codeMatches } from '../domain/reports/ticket.ts'
import { adminView, reportView } from '../domain/reports/views.ts'
import { newReportNotice, newReportCard } from '../domain/reports/notices.ts'
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REPORT, photoTypeOf } from '../domain/reports/photo.ts'
import { notifyCadres, officeName as officeNameIn, tellReporter } from './report-followup.ts'

type Deps = Pick<AppDeps, 'knowledge' | 'reports' | 'routing' | 'outbox' | 'cadreSessions' | 'deadlines' | 'now' | 'photos'>

/** What a person files: the report as the API took it, and the WeChat conversation it came from, if any. */
export interface Filing {
  category: Report['category']
  description: string
  place: Report['place']
  anonymous: boolean
  reporter?: { name?: string | undefined; phone?: string | undefined } | undefined
  /** the conversation ("wx:…", "web:…"): only a WeChat one can be written back to */
  chatSession: string | undefined
}

/** A cadre's or the admin's step on a report (受理, 不予受理, 开始办理, 办结, 销号, 重新办理). */
export interface ActionRequest {
  action: Exclude<Action, 'autoClose'>
  note?: string | undefined
  /** 受理: the office it goes to (default: the routing table's) */
  assignee?: string | undefined
  /** 不予受理: one of REFUSAL_REASONS */
  reason?: string | undefined
}

/** The filters and the page of the cadres' list. */
export interface ReportQuery {
  status?: string | undefined
  category?: string | undefined
  town?: string | undefined
  overdue?: 'true' | 'false' | undefined
  limit: number
  offset: number
}

const NOT_FOUND = '没有找到这个编号，或者查询码不对。'

/** Who takes a step, as the report's history shows it. */
export function actorOf(p: Principal): Actor {
  if (p.kind === 'admin') return { kind: 'admin', label: '县扶贫办' }
  if (p.kind === 'cadre') return { kind: 'cadre', label: `${p.town}${p.role}${p.name}` }
  return { kind: 'reporter', label: '反映人' }
}

/**
 * The use cases of 反映问题: filing, listing, reading and acting on a report, with the rules of who may do
 * what. The routes only parse the request and shape the answer; the workflow itself is domain/reports/workflow.ts.
 */
export function reportService(deps: Deps) {
  const { reports, routing, deadlines, knowledge, now } = deps
  const officeName = (id: string) => officeNameIn(deps, id)
  const mayManage = (p: Principal, r: Report) => p.kind === 'admin' || (p.kind === 'cadre' && coversPlace(p, r.place))
  /** The reporter: holding the query code, or writing from the WeChat conversation that filed the report. */
  const isReporter = (r: Report, code: string | undefined, session: string | undefined) =>
    (!!code && codeMatches(code, r.codeHash)) || (session !== undefined && r.reporter?.session === session)
  const publicView = (r: Report) => reportView(r, officeName, now(), deadlines)
  const knownOffice = (id: string, field: string) => {
    if (!knowledge.offices.has(id)) throw new Refusal('invalid', `办理单位（${field}）：联系人目录里没有「${id}」`)
  }

  return {
    officeName,
    publicView,

    /** Files a report; the cadres of the place are told at once (a failed notice never loses the report). */
    async file(f: Filing) {
      // An anonymous reporter leaves no trace of who they are.
      const reporter = f.anonymous ? null : { ...f.reporter, ...(personalSession(f.chatSession) ? { session: f.chatSession } : {}) }
      const { report, code } = await reports.create(
        { category: f.category, description: f.description, place: f.place, anonymous: f.anonymous, reporter },
        now(),
      )
      await notifyCadres(deps, report, newReportNotice(report, deadlines), newReportCard(report), now()).catch((err) =>
        logError(`通知干部失败（${report.ticket}）`, err),
      )
      const office = routeFor(routing.get(), report)
      const message = `已收到，受理编号 ${report.ticket}，查询码 ${code}（请记下，凭编号和查询码查进度）。${office ? `将转交${officeName(office)}办理，` : ''}${deadlines.acceptDays}天内受理。`
      return { report, code, message }
    },

    /** The reports filed from this conversation, newest first. */
    mine(chatSession: string | undefined) {
      const mine = chatSession === undefined ? [] : reports.all().filter((r) => r.reporter?.session === chatSession)
      return mine.slice(-20).reverse().map(publicView)
    },

    /** The reports a caller oversees (the routes let only the admin and cadres in): all, or the cadre's area. */
    visibleTo: (p: Principal) => reports.all().filter((r) => mayManage(p, r)),

    /** One page of the cadres' list, filtered, every report judged (overdue or not) at the same moment. */
    list(p: Principal, q: ReportQuery) {
      const at = now()
      const found = reports
        .all()
        .filter(
          (r) =>
            mayManage(p, r) &&
            (!q.status || r.status === q.status) &&
            (!q.category || r.category === q.category) &&
            (!q.town || r.place.town === q.town) &&
            (!q.overdue || isOverdue(r, at, deadlines) === (q.overdue === 'true')),
        )
      return {
        total: found.length,
        reports: found.slice(q.offset, q.offset + q.limit).map((r) => reportView(r, officeName, at, deadlines)),
      }
    },

    /** One report: the full view for whoever manages it, the public view for its reporter, nothing for anyone else. */
    show(ticket: string, p: Principal, code: string | undefined, chatSession: string | undefined) {
      const r = reports.get(ticket)
      if (!r) throw new Refusal('not_found', NOT_FOUND)
      if (mayManage(p, r)) return p.kind === 'admin' ? adminView(r, officeName, now(), deadlines) : publicView(r)
      if (!isReporter(r, code, chatSession)) throw new Refusal('not_found', NOT_FOUND)
      return publicView(r)
    },

    /** A step by a cadre of the report's area or the admin; 销号 and 重新办理 are the reporter's or the admin's. */
    async act(ticket: string, p: Principal, step: ActionRequest) {
      if (p.kind === 'public') throw new Refusal('unauthorized', '请先登录。')
      const r = reports.get(ticket)
      if (!r || !mayManage(p, r)) throw new Refusal('not_found', NOT_FOUND)
      if ((step.action === 'confirm' || step.action === 'reopen') && p.kind !== 'admin') {
        throw new Refusal('forbidden', '确认销号和重新办理由反映人或管理员操作。')
      }
      const assignee = step.action === 'accept' ? (step.assignee ?? routeFor(routing.get(), r)) : undefined
      if (assignee) knownOffice(assignee, 'assignee')
      if (step.action === 'refuse' && !step.reason) {
        throw new Refusal('invalid', `理由（reason）：不予受理要选理由：${REFUSAL_REASONS.join(' / ')}`)
      }
      const note = step.action === 'refuse' ? `${step.reason}${step.note ? `：${step.note}` : ''}` : step.note
      const updated = await reports.apply(ticket, { action: step.action, actor: actorOf(p), at: now(), note, assignee }, deadlines)
      await tellReporter(deps, updated, now())
      return publicView(updated)
    },

    /** 满意 closes a resolved report, 不满意 reopens it: said by its reporter (code or WeChat) or the admin. */
    async feedback(
      ticket: string,
      p: Principal,
      said: { satisfied: boolean; note?: string | undefined; code?: string | undefined },
      chatSession: string | undefined,
    ) {
      const r = reports.get(ticket)
      if (!r) throw new Refusal('not_found', NOT_FOUND)
      const own = isReporter(r, said.code, chatSession)
      if (!own && p.kind !== 'admin') throw new Refusal('not_found', NOT_FOUND)
      const actor: Actor = own ? { kind: 'reporter', label: '反映人' } : actorOf(p)
      const updated = await reports.apply(
        ticket,
        { action: said.satisfied ? 'confirm' : 'reopen', actor, at: now(), note: said.note },
        deadlines,
      )
      await tellReporter(deps, updated, now())
      return publicView(updated)
    },

    /** A photo of the problem, added by its reporter (WeChat, mini-program, or the query code). */
    async addPhoto(ticket: string, bytes: Uint8Array, code: string | undefined, chatSession: string | undefined) {
      const r = reports.get(ticket)
      if (!r || !isReporter(r, code, chatSession)) throw new Refusal('not_found', NOT_FOUND)
      if (deps.photos.list(ticket).length >= MAX_PHOTOS_PER_REPORT)
        throw new Refusal('conflict', `每个问题最多${MAX_PHOTOS_PER_REPORT}张照片，已经够了。`)
      if (bytes.length > MAX_PHOTO_BYTES)
        throw new Refusal('invalid', `照片不能超过${MAX_PHOTO_BYTES / 1024 / 1024}MB，请换一张或压缩后再传。`)
      const type = photoTypeOf(bytes)
      if (!type) throw new Refusal('invalid', '只收 JPG 或 PNG 格式的照片。')
      const n = await deps.photos.add(ticket, bytes, type)
      return { photo: n, photos: deps.photos.list(ticket).length }
    },

    /** The photos of a report, for whoever may see the report in full or is its reporter. */
    photos(ticket: string, p: Principal, code: string | undefined, chatSession: string | undefined) {
      const r = reports.get(ticket)
      if (!r || (!mayManage(p, r) && !isReporter(r, code, chatSession))) throw new Refusal('not_found', NOT_FOUND)
      return {
        list: deps.photos.list(ticket),
        read: (n: number) => {
          const photo = deps.photos.read(ticket, n)
          if (!photo) throw new Refusal('not_found', `问题 ${ticket} 没有第${n}张照片。`)
          return photo
        },
      }
    },

    /** Replaces the routing table; every office must be in the directory. */
    async setRouting(table: ReturnType<typeof routing.get>) {
      const unknown = table.routes.find((r) => !knowledge.offices.has(r.office))
      if (unknown) knownOffice(unknown.office, 'office')
      await routing.set(table)
      return table
    },
  }
}
