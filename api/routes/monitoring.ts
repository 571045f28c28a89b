import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { ApiError } from '../http/errors.ts'
import { allow, type PrincipalVariables } from '../http/middleware/principal.ts'
import { errors, json } from '../http/responses.ts'
import { checkPlace } from '../http/places.ts'
import { CASE_ID, HardshipCase, HardshipKind, OUTCOMES, caseView, mayHandleCase } from '../domain/households/hardship.ts'
import { describePrincipal } from '../domain/households/access.ts'
import { alertDigest } from '../services/alert-digest.ts'
import { auditEntry, cadreSessionsAt, sessionsOfCadre } from '../services/households.ts'
import type { AppDeps } from '../deps.ts'

const NewCase = z
  .object({
    kind: HardshipKind,
    description: z
      .string()
      .trim()
      .min(5, '请把情况说清楚一些（至少5个字）')
      .max(500, '情况说明请控制在500字以内')
      .describe('情况说明：什么时候、花了多少钱或少了多少收入'),
    town: z.string().max(20).optional().describe('乡镇：已核验的农户不用填'),
    village: z.string().max(20).optional().describe('村：已核验的农户不用填'),
    name: z.string().trim().min(1).max(20).optional().describe('户主姓名；已核验的农户不用填'),
  })
  .strict()
  .openapi('NewHardshipCase')
const CaseView = HardshipCase.omit({ session: true }).openapi('HardshipCaseView')
const Result = z
  .object({
    outcome: z.enum(OUTCOMES).describe('核实结果'),
    note: z.string().trim().min(2, '请写明入户核实的情况').max(500).describe('核实情况：入户看到的情况'),
  })
  .strict()
const CaseParam = z.object({
  id: z
    .string()
    .regex(CASE_ID, '申报编号格式应为 SB-年份-六位数字')
    .describe('申报编号')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'SB-2026-000001' }),
})

const bearer = [{ bearer: [] }]
const routes = {
  create: createRoute({
    method: 'post',
    path: '/api/hardship',
    summary: '农户自主申报困难（大病、灾害、失业、收入骤减），进入防返贫监测，由村里干部入户核实',
    request: { body: { required: true, content: { 'application/json': { schema: NewCase } } } },
    responses: { 201: json(z.object({ id: z.string(), message: z.string() }), '已收到'), 400: errors[400] },
  }),
  list: createRoute({
    method: 'get',
    path: '/api/hardship',
    summary: '自主申报清单（管理员看全部，干部看本辖区）',
    security: bearer,
    middleware: [allow('admin', 'cadre')],
    request: { query: z.object({ status: HardshipCase.shape.status.optional().describe('状态：待核实、已纳入监测或不纳入监测') }) },
    responses: { 200: json(z.object({ cases: z.array(CaseView) }), '清单'), 401: errors[401], 403: errors[403] },
  }),
  result: createRoute({
    method: 'post',
    path: '/api/hardship/{id}/result',
    summary: '记录入户核实结果：纳入监测或不纳入监测（本辖区干部）',
    security: bearer,
    middleware: [allow('admin', 'cadre')],
    request: { params: CaseParam, body: { required: true, content: { 'application/json': { schema: Result } } } },
    responses: {
      200: json(CaseView, '核实后的申报'),
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: errors[404],
      409: errors[409],
    },
  }),
  digest: createRoute({
    method: 'post',
    path: '/api/alerts/digest',
    summary: '立即给已绑定微信的干部推送新增返贫监测预警（服务每天8点后自动推送一次；管理员）',
    security: bearer,
    middleware: [allow('admin')],
    responses: {
      200: json(z.object({ cadres: z.number(), newAlerts: z.number() }), '推送给了几位干部、几条新预警'),
      401: errors[401],
      403: errors[403],
    },
  }),
}

export function monitoringRoutes(deps: AppDeps) {
  const { knowledge, households, monitoring, outbox, audit, now } = deps
  const householdOf = (c: HardshipCase) => (c.householdId ? households.get(c.householdId) : undefined)

  return routeApp<{ Variables: PrincipalVariables }>()
    .openapi(routes.create, async (c) => {
      const body = c.req.valid('json')
      const p = c.get('principal')
      const own = p.kind === 'household' ? households.get(p.householdId) : undefined
      const place = own
        ? { town: own.town, village: own.village, name: own.headName }
        : { town: body.town, village: body.village, name: body.name }
      if (!place.town || !place.village || !place.name)
        throw new ApiError(400, 'BAD_REQUEST', '请填写乡镇（town）、村（village）和户主姓名（name）。')
      checkPlace(knowledge.towns, { town: place.town, village: place.village }, { town: 'town', village: 'village' })
      const session = c.get('chatSession')
      const created = await monitoring.create(
        {
          kind: body.kind,
          description: body.description,
          town: place.town,
          village: place.village,
          name: place.name,
          householdId: own?.id ?? null,
          session: session?.startsWith('wx:') ? session : null,
        },
        now(),
      )
      const sessions = new Set([
        ...cadreSessionsAt(deps, { town: created.town, village: created.village }),
        ...(own?.cadreId ? sessionsOfCadre(deps, own.cadreId) : []),
      ])
      const text = `【自主申报】${created.town}${created.village}${created.name}户申报“${created.kind}”（${created.id}），请尽快入户核实，核实后回复“核实 ${created.id} 纳入监测 情况”或“核实 ${created.id} 不纳入监测 情况”。`
      await outbox.enqueue(
        [...sessions].map((s) => ({ session: s, text })),
        now(),
      )
      return c.json(
        { id: created.id, message: `已收到您的申报（编号 ${created.id}）。村里的帮扶干部会上门核实情况，核实结果会告诉您。` },
        201,
      )
    })
    .openapi(routes.list, (c) => {
      const { status } = c.req.valid('query')
      const p = c.get('principal')
      const cases = monitoring.all().filter((k) => (!status || k.status === status) && mayHandleCase(p, k, householdOf(k)))
      return c.json({ cases: cases.map(caseView) }, 200)
    })
    .openapi(routes.result, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const p = c.get('principal')
      const existing = monitoring.get(id)
      if (!existing || !mayHandleCase(p, existing, householdOf(existing)))
        throw new ApiError(404, 'NOT_FOUND', `没有找到申报 ${id}，或不在您负责的范围。`)
      if (existing.status !== '待核实') throw new ApiError(409, 'CONFLICT', `申报 ${id} 已经核实过了（${existing.status}）。`)
      const at = now()
      const done = await monitoring.resolve(id, { outcome: body.outcome, note: body.note, by: describePrincipal(p) }, at)
      if (body.outcome === '纳入监测' && done.householdId) {
        await households.addShock(done.householdId, done.kind, at)
        await audit.record(auditEntry(p, c.get('chatSession'), '核实申报', [done.householdId], at))
      }
      if (done.session) {
        const text =
          body.outcome === '纳入监测'
            ? `您的申报 ${done.id}（${done.kind}）已经入户核实，纳入防返贫监测，干部会跟进帮扶。`
            : `您的申报 ${done.id}（${done.kind}）已经入户核实，这次不纳入监测。说明：${body.note}。有疑问请找村里的帮扶干部或拨打${knowledge.hotline.name}电话 ${knowledge.hotline.phone}。`
        await outbox.enqueue([{ session: done.session, text }], at)
      }
      return c.json(caseView(done), 200)
    })
    .openapi(routes.digest, async (c) => c.json(await alertDigest(deps, now()), 200))
}
