import { createRoute, z } from '@hono/zod-openapi'
import { routeApp } from '../http/validation.ts'
import { ErrorBody } from '../http/errors.ts'
import { allow, type PrincipalVariables } from '../http/middleware/principal.ts'
import { personalSession } from '../domain/access/principal.ts'
import { errors, json } from '../http/responses.ts'
import { checkPlace } from '../http/places.ts'
import { CODE_CALLER, refuseWhileLocked } from '../domain/access/lockout.ts'
import { Refusal } from '../domain/refusal.ts'
import { REFUSAL_REASONS, ReportCategory, ReportPlace, ReportStatus, Reporter } from '../domain/reports/report.ts'
import { RoutingTable } from '../content/schema.ts'
import { TICKET } from '../domain/reports/ticket.ts'
import { AdminReportView, ReportView, ledgerCsv, open311View, reportStats } from '../domain/reports/views.ts'
import { followUp } from '../services/report-followup.ts'
import { reportService } from '../services/reports.ts'
import type { AppDeps } from '../deps.ts'

const NewReportBody = z
  .object({
    category: ReportCategory,
    description: z
      .string()
      .trim()
      .min(5, '请把问题说清楚一些（至少5个字）')
      .max(1000, '问题描述请控制在1000字以内')
      .describe('问题描述：什么事、多长时间了'),
    place: ReportPlace.describe('地点'),
    anonymous: z.boolean().default(false).describe('是否匿名：匿名时不记录反映人'),
    reporter: Reporter.omit({ session: true }).optional().describe('反映人：留名时填'),
  })
  .strict()
  .openapi('NewReport')

const Ticket = z.string().regex(TICKET, '受理编号格式应为 FK-年份-六位数字，如 FK-2026-000123').describe('受理编号，如 FK-2026-000123')
const Filed = z
  .object({
    ticket: z.string(),
    code: z.string().describe('查询码：只显示这一次，凭编号和查询码查进度'),
    status: ReportStatus,
    message: z.string(),
  })
  .openapi('FiledReport')

const ActionBody = z
  .object({
    action: z
      .enum(['accept', 'refuse', 'start', 'resolve', 'confirm', 'reopen'])
      .describe('操作：accept 受理、refuse 不予受理、start 开始办理、resolve 办结、confirm 销号、reopen 重新办理'),
    note: z.string().trim().max(500).optional().describe('说明：转交给谁、办理结果、不予受理的理由等'),
    assignee: z.string().max(60).optional().describe('受理时转交的单位；不填按转交表'),
    reason: z.enum(REFUSAL_REASONS).optional().describe('不予受理的理由'),
  })
  .strict()
const FeedbackBody = z
  .object({
    code: z.string().max(20).optional().describe('查询码；在微信里反映的不用填'),
    satisfied: z.boolean().describe('是否满意'),
    note: z.string().trim().max(500).optional().describe('意见：哪里不满意'),
  })
  .strict()
const ListQuery = z.object({
  status: ReportStatus.optional().describe('状态：只看这个状态的'),
  category: ReportCategory.optional(),
  town: z.string().max(20).optional().describe('乡镇'),
  overdue: z.enum(['true', 'false']).optional().describe('超期：true 只看超期的'),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('条数：一页最多几条'),
  offset: z.coerce.number().int().min(0).default(0).describe('起始位置：跳过前面几条'),
})

const notFound = { 404: json(ErrorBody, '没有这个编号，或查询码不对') }
const ticketParam = z.object({ ticket: Ticket })
const codeQuery = z.object({ code: z.string().max(20).optional().describe('查询码：匿名反映时给的') })

const routes = {
  places: createRoute({
    method: 'get',
    path: '/api/places',
    summary: '乡镇和村（反映问题时选择地点）',
    responses: { 200: json(z.object({ towns: z.array(z.object({ name: z.string(), villages: z.array(z.string()) })) }), '乡镇和村') },
  }),
  create: createRoute({
    method: 'post',
    path: '/api/reports',
    summary: '反映问题：返回受理编号和查询码',
    request: { body: { required: true, content: { 'application/json': { schema: NewReportBody } } } },
    responses: { 201: json(Filed, '已收到并保存'), 400: errors[400] },
  }),
  mine: createRoute({
    method: 'get',
    path: '/api/reports/mine',
    summary: '我反映的问题：在这个微信里留名反映的（匿名的不记录是谁，查不到）',
    responses: { 200: json(z.object({ reports: z.array(ReportView) }), '新的在前，最多20条') },
  }),
  addPhoto: createRoute({
    method: 'post',
    path: '/api/reports/{ticket}/photos',
    summary: '反映人给问题加照片（JPG/PNG，每张不超过5MB，每个问题最多3张）：在反映问题的微信或小程序里，或凭查询码',
    request: {
      params: ticketParam,
      query: codeQuery,
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({ photo: z.any().openapi({ type: 'string', format: 'binary' }).describe('照片文件') }),
          },
        },
      },
    },
    responses: {
      201: json(z.object({ photo: z.number().describe('第几张'), photos: z.number().describe('这个问题现有几张') }), '已保存'),
      400: errors[400],
      404: notFound[404],
      409: errors[409],
      413: errors[400],
      429: errors[429],
    },
  }),
  listPhotos: createRoute({
    method: 'get',
    path: '/api/reports/{ticket}/photos',
    summary: '问题的照片清单（反映人、本辖区干部、管理员）',
    request: { params: ticketParam, query: codeQuery },
    responses: {
      200: json(z.object({ photos: z.array(z.object({ n: z.number(), type: z.string(), url: z.string() })) }), '照片'),
      404: notFound[404],
      429: errors[429],
    },
  }),
  photo: createRoute({
    method: 'get',
    path: '/api/reports/{ticket}/photos/{n}',
    summary: '问题的一张照片',
    request: { params: ticketParam.extend({ n: z.coerce.number().int().min(1).max(99).describe('第几张') }), query: codeQuery },
    responses: {
      200: { description: '照片', content: { 'image/jpeg': { schema: z.string() }, 'image/png': { schema: z.string() } } },
      404: notFound[404],
    },
  }),
  show: createRoute({
    method: 'get',
    path: '/api/reports/{ticket}',
    summary: '查进度：凭查询码（或在反映问题的微信里）看状态和经过',
    request: { params: ticketParam, query: z.object({ code: z.string().max(20).optional().describe('查询码：匿名反映时给的') }) },
    responses: { 200: json(z.union([AdminReportView, ReportView]), '状态和经过'), 400: errors[400], 404: notFound[404], 429: errors[429] },
  }),
  act: createRoute({
    method: 'post',
    path: '/api/reports/{ticket}/actions',
    summary: '办理：受理、不予受理、开始办理、办结（管理员或本辖区干部）',
    security: [{ bearer: [] }],
    request: { params: ticketParam, body: { required: true, content: { 'application/json': { schema: ActionBody } } } },
    responses: { 200: json(ReportView, '办理后的状态'), ...errors, ...notFound },
  }),
  feedback: createRoute({
    method: 'post',
    path: '/api/reports/{ticket}/feedback',
    summary: '反映人评价：满意则销号，不满意重新办理',
    request: { params: ticketParam, body: { required: true, content: { 'application/json': { schema: FeedbackBody } } } },
    responses: { 200: json(ReportView, '评价后的状态'), 400: errors[400], 404: notFound[404], 409: errors[409], 429: errors[429] },
  }),
  list: createRoute({
    method: 'get',
    path: '/api/reports',
    summary: '问题清单（管理员看全部，干部看本辖区）',
    security: [{ bearer: [] }],
    middleware: [allow('admin', 'cadre')],
    request: { query: ListQuery },
    responses: {
      200: json(z.object({ total: z.number(), reports: z.array(ReportView) }), '清单'),
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  }),
  stats: createRoute({
    method: 'get',
    path: '/api/reports/stats',
    summary: '统计：按状态、类别、乡镇，销号率，超期数，办结用时中位数',
    security: [{ bearer: [] }],
    middleware: [allow('admin', 'cadre')],
    responses: { 200: json(z.record(z.string(), z.unknown()), '统计'), 401: errors[401], 403: errors[403] },
  }),
  routing: createRoute({
    method: 'get',
    path: '/api/reports/routing',
    summary: '转交表',
    security: [{ bearer: [] }],
    middleware: [allow('admin', 'cadre')],
    responses: { 200: json(RoutingTable, '转交表'), 401: errors[401], 403: errors[403] },
  }),
  sweep: createRoute({
    method: 'post',
    path: '/api/reports/sweep',
    summary: '立即执行到期处理：问满意度、自动销号、超期提醒（服务本身每10分钟执行一次；管理员）',
    security: [{ bearer: [] }],
    middleware: [allow('admin')],
    responses: {
      200: json(z.object({ asked: z.number(), closed: z.number(), reminded: z.number() }), '处理了多少'),
      401: errors[401],
      403: errors[403],
    },
  }),
  exportCsv: createRoute({
    method: 'get',
    path: '/api/reports/export.csv',
    summary: '问题整改台账（CSV，UTF-8 带 BOM，Excel 可直接打开；管理员）',
    security: [{ bearer: [] }],
    middleware: [allow('admin')],
    responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, 401: errors[401], 403: errors[403] },
  }),
  open311: createRoute({
    method: 'get',
    path: '/open311/v2/requests.json',
    summary: 'Open311 GeoReport v2（只读，不含个人信息）',
    request: { query: z.object({ status: z.enum(['open', 'closed']).optional().describe('状态：open 未办结，closed 已办结') }) },
    responses: { 200: json(z.array(z.record(z.string(), z.string())), '问题列表，新的在前，最多1000条'), 400: errors[400] },
  }),
  setRouting: createRoute({
    method: 'put',
    path: '/api/reports/routing',
    summary: '修改转交表（管理员）',
    security: [{ bearer: [] }],
    middleware: [allow('admin')],
    request: { body: { required: true, content: { 'application/json': { schema: RoutingTable } } } },
    responses: { 200: json(RoutingTable, '新的转交表'), ...errors, ...notFound },
  }),
}

export function reportRoutes(
  deps: Pick<AppDeps, 'knowledge' | 'reports' | 'routing' | 'outbox' | 'cadreSessions' | 'deadlines' | 'lockout' | 'now' | 'photos'>,
) {
  const { knowledge, reports, routing, deadlines, lockout, now } = deps
  const service = reportService(deps)
  const { officeName } = service

  /**
   * A ticket read or answered with its query code: wrong codes count against that ticket (5 an hour, as
   * for 核验), so its six characters cannot be guessed, and against the caller (a WeChat contact or an
   * address: 20 an hour), so one caller cannot try codes across many tickets.
   */
  const withCode = async <T>(ticket: string, code: string | undefined, caller: string, run: () => T | Promise<T>): Promise<T> => {
    const keys = [`code:${ticket}`, `${CODE_CALLER}${caller}`]
    const at = now()
    if (code) for (const key of keys) refuseWhileLocked(lockout, key, at, '查询码')
    try {
      return await run()
    } catch (err) {
      if (code && err instanceof Refusal && err.kind === 'not_found') for (const key of keys) lockout.fail(key, at)
      throw err
    }
  }
  const callerOf = (session: string | undefined, address: string) => personalSession(session) ?? `ip:${address}`

  return routeApp<{ Variables: PrincipalVariables }>()
    .openapi(routes.places, (c) => c.json({ towns: knowledge.towns }, 200))
    .openapi(routes.mine, (c) => c.json({ reports: service.mine(c.get('chatSession')) }, 200))
    .openapi(routes.create, async (c) => {
      const body = c.req.valid('json')
      checkPlace(knowledge.towns, body.place, { town: 'place.town', village: 'place.village' })
      const { report, code, message } = await service.file({ ...body, chatSession: c.get('chatSession') })
      return c.json({ ticket: report.ticket, code, status: report.status, message }, 201)
    })
    .openapi(routes.list, (c) => {
      return c.json(service.list(c.get('principal'), c.req.valid('query')), 200)
    })
    .openapi(routes.stats, (c) => c.json(reportStats(service.visibleTo(c.get('principal')), now(), deadlines), 200))
    .openapi(routes.exportCsv, (c) => {
      const csv = ledgerCsv(reports.all(), officeName, now(), deadlines)
      c.header('content-type', 'text/csv; charset=utf-8')
      c.header(
        'content-disposition',
        `attachment; filename="report-ledger.csv"; filename*=UTF-8''${encodeURIComponent('问题整改台账.csv')}`,
      )
      return c.body(csv, 200)
    })
    .openapi(routes.sweep, async (c) => c.json(await followUp(deps, now()), 200))
    .openapi(routes.routing, (c) => c.json(routing.get(), 200))
    .openapi(routes.setRouting, async (c) => c.json(await service.setRouting(c.req.valid('json')), 200))
    .openapi(routes.show, async (c) => {
      const { ticket } = c.req.valid('param')
      const { code } = c.req.valid('query')
      return c.json(
        await withCode(ticket, code, callerOf(c.get('chatSession'), c.get('clientAddress')), () =>
          service.show(ticket, c.get('principal'), code, c.get('chatSession')),
        ),
        200,
      )
    })
    .openapi(routes.addPhoto, async (c) => {
      const { ticket } = c.req.valid('param')
      const { code } = c.req.valid('query')
      const file = (await c.req.parseBody())['photo']
      if (!(file instanceof File)) throw new Refusal('invalid', '请选一张照片（表单字段 photo）。')
      const bytes = new Uint8Array(await file.arrayBuffer())
      const added = await withCode(ticket, code, callerOf(c.get('chatSession'), c.get('clientAddress')), () =>
        service.addPhoto(ticket, bytes, code, c.get('chatSession')),
      )
      return c.json(added, 201)
    })
    .openapi(routes.listPhotos, async (c) => {
      const { ticket } = c.req.valid('param')
      const { code } = c.req.valid('query')
      const { list } = await withCode(ticket, code, callerOf(c.get('chatSession'), c.get('clientAddress')), () =>
        service.photos(ticket, c.get('principal'), code, c.get('chatSession')),
      )
      return c.json({ photos: list.map((p) => ({ ...p, url: `/api/reports/${ticket}/photos/${p.n}` })) }, 200)
    })
    .openapi(routes.photo, async (c) => {
      const { ticket, n } = c.req.valid('param')
      const { code } = c.req.valid('query')
      const { read } = await withCode(ticket, code, callerOf(c.get('chatSession'), c.get('clientAddress')), () =>
        service.photos(ticket, c.get('principal'), code, c.get('chatSession')),
      )
      const photo = read(n)
      // a private record: not kept by shared caches, and never sniffed as anything but the image it is
      c.header('cache-control', 'private, no-store')
      c.header('x-content-type-options', 'nosniff')
      c.header('content-type', photo.type)
      return c.body(new Uint8Array(photo.bytes), 200)
    })
    .openapi(routes.act, async (c) => {
      const { ticket } = c.req.valid('param')
      return c.json(await service.act(ticket, c.get('principal'), c.req.valid('json')), 200)
    })
    .openapi(routes.feedback, async (c) => {
      const { ticket } = c.req.valid('param')
      const said = c.req.valid('json')
      return c.json(
        await withCode(ticket, said.code, callerOf(c.get('chatSession'), c.get('clientAddress')), () =>
          service.feedback(ticket, c.get('principal'), said, c.get('chatSession')),
        ),
        200,
      )
    })
    .openapi(routes.open311, (c) => {
      const { status } = c.req.valid('query')
      const all = reports
        .all()
        .map((r) => open311View(r, officeName))
        .filter((r) => !status || r.status === status)
      return c.json(all.slice(-1000).reverse(), 200)
    })
}
