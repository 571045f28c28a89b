import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { personName } from '../lib/zod.ts'
import { allow, type PrincipalVariables } from '../http/middleware/principal.ts'
import { errors, json } from '../http/responses.ts'
import { checkPlace } from '../http/places.ts'
import { CASE_ID, HardshipCase, HardshipKind, OUTCOMES, caseView } from '../domain/households/hardship.ts'
import { alertDigest } from '../services/alert-digest.ts'
import { hardshipService } from '../services/hardship.ts'
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
    name: personName().min(1).max(20).optional().describe('户主姓名；已核验的农户不用填'),
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

export function monitoringRoutes(
  deps: Pick<
    AppDeps,
    'knowledge' | 'households' | 'cadres' | 'visits' | 'access' | 'visitGapDays' | 'monitoring' | 'outbox' | 'audit' | 'now'
  >,
) {
  const service = hardshipService(deps)
  const { knowledge, now } = deps

  return routeApp<{ Variables: PrincipalVariables }>()
    .openapi(routes.create, async (c) => {
      const body = c.req.valid('json')
      const p = c.get('principal')
      const where = service.placeOf(body, p)
      checkPlace(knowledge.towns, where.place, { town: 'town', village: 'village' })
      const { created, message } = await service.declare(body, where, c.get('chatSession'))
      return c.json({ id: created.id, message }, 201)
    })
    .openapi(routes.list, async (c) => {
      const cases = await service.list(c.get('principal'), c.req.valid('query').status, c.get('chatSession'))
      return c.json({ cases: cases.map((k) => caseView(k, c.get('principal').kind === 'admin')) }, 200)
    })
    .openapi(routes.result, async (c) => {
      const done = await service.settle(c.req.valid('param').id, c.get('principal'), c.req.valid('json'), c.get('chatSession'))
      return c.json(caseView(done, c.get('principal').kind === 'admin'), 200)
    })
    .openapi(routes.digest, async (c) => c.json(await alertDigest(deps, now()), 200))
}
