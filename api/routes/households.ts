import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { personName } from '../lib/zod.ts'
import { ApiError } from '../http/errors.ts'
import { allow, type PrincipalVariables } from '../http/middleware/principal.ts'
import { errors, json } from '../http/responses.ts'
import { refuseWhileLocked } from '../domain/access/lockout.ts'
import { mayLogVisit, mayRead } from '../domain/households/access.ts'
import { personalSession, type Principal } from '../domain/access/principal.ts'
import { HOUSEHOLD_ID, HouseholdStatus, type Household } from '../domain/households/household.ts'
import { HouseholdDetail, HouseholdSummary, VisitView } from '../domain/households/views.ts'
import { householdLedgerCsv } from '../domain/households/ledger.ts'
import { IsoDate } from '../content/schema.ts'
import { AuditEntry } from '../store/audit.ts'
import { auditEntry, detailOf, listHouseholds, logVisit, matchHousehold, summaryOf } from '../services/households.ts'
import type { AppDeps } from '../deps.ts'

const HouseholdIdParam = z.object({
  id: z
    .string()
    .regex(HOUSEHOLD_ID, '户编号应为4到32位大写字母、数字或 -')
    .describe('户编号')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'YS0000001' }),
})
const ListQuery = z.object({
  town: z.string().max(20).optional().describe('乡镇'),
  village: z.string().max(20).optional().describe('村'),
  status: HouseholdStatus.optional(),
  name: z.string().trim().min(1).max(20).optional().describe('户主姓名'),
  due: z.enum(['true', 'false']).optional().describe('true：只看该走访的'),
  alert: z.enum(['true', 'false']).optional().describe('true：只看有返贫监测预警的'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('条数：一页最多几条'),
  offset: z.coerce.number().int().min(0).default(0).describe('起始位置：跳过前面几条'),
})
const VisitBody = z
  .object({
    date: IsoDate.optional().describe('走访日期，不填为今天'),
    note: z.string().trim().min(2, '请写一句走访情况').max(500, '走访记录请控制在500字以内').describe('走访情况'),
  })
  .strict()
  .openapi('NewVisit')
const VerifyBody = z
  .object({
    name: personName().min(1, '请填写户主姓名').max(20).describe('户主姓名'),
    idLast6: z
      .string()
      .trim()
      .regex(/^\d{5}[\dXx]$/, '请填写户主身份证号码的最后6位')
      .describe('身份证后6位：户主身份证号码的最后6位'),
    householdId: z.string().regex(HOUSEHOLD_ID).optional().describe('同名同号时才需要'),
  })
  .strict()
  .openapi('VerifyHousehold')
const Verified = z
  .object({
    householdId: z.string(),
    token: z.string().describe('网页用的令牌（Bearer），30天有效'),
    expiresAt: z.string(),
    message: z.string(),
  })
  .openapi('Verified')
export const Me = z
  .object({
    kind: z.enum(['admin', 'bot', 'cadre', 'household', 'public']),
    name: z.string().optional(),
    role: z.string().optional(),
    town: z.string().optional(),
    villages: z.array(z.string()).optional(),
    householdId: z.string().optional(),
  })
  .openapi('Me')

/** Who the caller is, as /api/me and the mini-program's sign-in tell it. */
export function meView(p: Principal): z.infer<typeof Me> {
  if (p.kind === 'cadre') return { kind: p.kind, name: p.name, role: p.role, town: p.town, villages: p.villages }
  if (p.kind === 'household') return { kind: p.kind, householdId: p.householdId }
  return { kind: p.kind }
}

const bearer = [{ bearer: [] }]
const routes = {
  me: createRoute({
    method: 'get',
    path: '/api/me',
    summary: '我是谁：管理员、干部（姓名、角色、负责的地方）、已核验的农户，或未登录',
    responses: { 200: json(Me, '当前身份') },
  }),
  list: createRoute({
    method: 'get',
    path: '/api/households',
    summary: '住户清单：干部只看分给自己的（第一书记看本村，乡镇专干看本乡镇），农户只看自己家',
    security: bearer,
    middleware: [allow('admin', 'cadre', 'household')],
    request: { query: ListQuery },
    responses: {
      200: json(z.object({ total: z.number(), households: z.array(HouseholdSummary) }), '清单（身份证号、电话已脱敏）'),
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  }),
  show: createRoute({
    method: 'get',
    path: '/api/households/{id}',
    summary: '一户的详细信息（已脱敏）；无权查看与不存在返回同样的 403',
    security: bearer,
    middleware: [allow('admin', 'cadre', 'household')],
    request: { params: HouseholdIdParam },
    responses: { 200: json(HouseholdDetail, '详细信息'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  visit: createRoute({
    method: 'post',
    path: '/api/households/{id}/visits',
    summary: '记录一次入户走访（帮扶干部）',
    security: bearer,
    middleware: [allow('admin', 'cadre')],
    request: { params: HouseholdIdParam, body: { required: true, content: { 'application/json': { schema: VisitBody } } } },
    responses: {
      201: json(z.object({ visit: VisitView, visitsThisYear: z.number(), visitDue: z.boolean() }), '已记录'),
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: errors[404],
    },
  }),
  verify: createRoute({
    method: 'post',
    path: '/api/households/verify',
    summary: '农户核验身份：户主姓名 + 身份证后6位；每个微信或IP每小时最多错5次',
    request: { body: { required: true, content: { 'application/json': { schema: VerifyBody } } } },
    responses: { 200: json(Verified, '核验通过'), 400: errors[400], 401: errors[401], 409: errors[409], 429: errors[429] },
  }),
  exportCsv: createRoute({
    method: 'get',
    path: '/api/households/export.csv',
    summary: '导出住户台账（CSV，与导入同样的列；身份证号、电话不脱敏；管理员）',
    security: bearer,
    middleware: [allow('admin')],
    responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, 401: errors[401], 403: errors[403] },
  }),
  audit: createRoute({
    method: 'get',
    path: '/api/audit',
    summary: '查阅记录：谁在何时通过什么渠道看了哪些户（管理员）',
    security: bearer,
    middleware: [allow('admin')],
    request: {
      query: z.object({
        household: z.string().max(40).optional().describe('户编号：只看这一户的记录'),
        kind: AuditEntry.shape.kind.optional().describe('查看人身份：admin、bot、cadre、household 或 public'),
        limit: z.coerce.number().int().min(1).max(1000).default(100).describe('条数：一页最多几条'),
        offset: z.coerce.number().int().min(0).default(0).describe('起始位置：跳过前面几条'),
      }),
    },
    responses: {
      200: json(z.object({ total: z.number(), entries: z.array(AuditEntry.openapi('AuditEntry')) }), '新的在前'),
      401: errors[401],
      403: errors[403],
    },
  }),
}

/** The same answer whether the household exists or is someone else's: ids cannot be probed. */
const DENIED = () => new ApiError(403, 'FORBIDDEN', '没有权限查看这一户的信息。')

export function householdRoutes(
  deps: Pick<AppDeps, 'knowledge' | 'households' | 'cadres' | 'visits' | 'access' | 'visitGapDays' | 'audit' | 'lockout' | 'now'>,
) {
  const { households, audit, access, lockout, now } = deps

  const record = (
    p: Principal,
    chatSession: string | undefined,
    action: AuditEntry['action'],
    ids: string[],
    result: AuditEntry['result'] = '允许',
  ) => audit.record(auditEntry(p, chatSession, action, ids, now(), result))

  /** A household the principal may act on, or the uniform refusal (audited, so probing shows up). */
  const readable = async (
    p: Principal,
    session: string | undefined,
    id: string,
    action: AuditEntry['action'],
    may = mayRead,
  ): Promise<Household> => {
    const h = households.get(id)
    if (h && may(p, h)) return h
    if (!h && p.kind === 'admin') throw new ApiError(404, 'NOT_FOUND', `没有户编号为 ${id} 的住户。`)
    await record(p, session, action, [id], '拒绝')
    throw DENIED()
  }

  return routeApp<{ Variables: PrincipalVariables }>()
    .openapi(routes.me, (c) => c.json(meView(c.get('principal')), 200))
    .openapi(routes.list, async (c) => {
      const p = c.get('principal')
      const { total, page } = listHouseholds(deps, p, c.req.valid('query'), now())
      await record(
        p,
        c.get('chatSession'),
        '列表',
        page.map(({ h }) => h.id),
      )
      return c.json({ total, households: page.map(({ h, a }) => summaryOf(deps, h, a)) }, 200)
    })
    .openapi(routes.exportCsv, async (c) => {
      const all = households.all().map((k) => households.get(k.id)!)
      await record(
        c.get('principal'),
        c.get('chatSession'),
        '导出',
        all.map((h) => h.id),
      )
      c.header('content-type', 'text/csv; charset=utf-8')
      c.header('content-disposition', `attachment; filename="households.csv"; filename*=UTF-8''${encodeURIComponent('住户台账.csv')}`)
      return c.body(householdLedgerCsv(all), 200)
    })
    .openapi(routes.show, async (c) => {
      const { id } = c.req.valid('param')
      const p = c.get('principal')
      const h = await readable(p, c.get('chatSession'), id, '查看')
      await record(p, c.get('chatSession'), '查看', [h.id])
      return c.json(detailOf(deps, h, now()), 200)
    })
    .openapi(routes.visit, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const p = c.get('principal')
      const h = await readable(p, c.get('chatSession'), id, '走访', mayLogVisit)
      const logged = await logVisit(deps, h, p, body, now())
      await record(p, c.get('chatSession'), '走访', [h.id])
      return c.json(logged, 201)
    })
    .openapi(routes.verify, async (c) => {
      const body = c.req.valid('json')
      const session = c.get('chatSession')
      // A WeChat contact or mini-program user is counted by itself; anything else (web chat sessions are the
      // client's to choose) by IP.
      const own = personalSession(session)
      const key = own ?? `ip:${c.get('clientAddress')}`
      const at = now()
      refuseWhileLocked(lockout, key, at, '核验')
      const h = matchHousehold(deps, body, { key, at, lockout })
      if (own) await access.bind(own, { kind: 'household', householdId: h.id }, at)
      const { token, expiresAt } = await access.issueHouseholdToken(h.id, at)
      return c.json({ householdId: h.id, token, expiresAt, message: `核验通过：${h.town}${h.village}${h.headName}户（${h.id}）。` }, 200)
    })
    .openapi(routes.audit, (c) => {
      const q = c.req.valid('query')
      return c.json(audit.recent({ household: q.household, kind: q.kind }, q.limit, q.offset), 200)
    })
}
