import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { allow, type PrincipalVariables } from '../http/middleware/principal.ts'
import { errors, json } from '../http/responses.ts'
import { IsoDate } from '../content/schema.ts'
import { OfficeSummary } from '../domain/office/summary.ts'
import { summaryFor } from '../services/office.ts'
import { weeklyWorkbook } from '../services/office-workbook.ts'
import type { AppDeps } from '../deps.ts'

const bearer = [{ bearer: [] }]
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const routes = {
  summary: createRoute({
    method: 'get',
    path: '/api/office/summary',
    summary:
      '工作台数据：问题反映、返贫监测预警、走访完成、群众提问（县扶贫办看全县，乡镇扶贫专干看本镇，第一书记看所驻村；只有数字，没有个人信息）',
    security: bearer,
    middleware: [allow('admin', 'cadre')],
    request: {
      query: z.object({
        from: IsoDate.optional().describe('起始日期（含），默认截止日期前 29 天'),
        to: IsoDate.optional().describe('截止日期（含），默认今天'),
        town: z.string().max(20).optional().describe('只看一个乡镇'),
      }),
    },
    responses: { 200: json(OfficeSummary.openapi('OfficeSummary'), '工作台数据'), 400: errors[400], 401: errors[401], 403: errors[403] },
  }),
  weekly: createRoute({
    method: 'get',
    path: '/api/office/weekly.xlsx',
    summary: '周报（Excel）：汇总（本周和上周）、问题台账（非管理员看到的证件号、电话已打码）、超期问题、返贫监测预警、走访',
    security: bearer,
    middleware: [allow('admin', 'cadre')],
    request: {
      query: z.object({
        to: IsoDate.optional().describe('本周最后一天，默认今天；本周是它和之前 6 天'),
        town: z.string().max(20).optional().describe('只看一个乡镇'),
      }),
    },
    responses: {
      200: { description: 'Excel 工作簿', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } },
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  }),
}

export function officeRoutes(
  deps: Pick<
    AppDeps,
    'knowledge' | 'reports' | 'households' | 'cadres' | 'visits' | 'questions' | 'unanswered' | 'deadlines' | 'visitGapDays' | 'now'
  >,
) {
  return routeApp<{ Variables: PrincipalVariables }>()
    .openapi(routes.summary, async (c) => c.json(await summaryFor(deps, c.get('principal'), c.req.valid('query')), 200))
    .openapi(routes.weekly, async (c) => {
      const q = c.req.valid('query')
      const book = await weeklyWorkbook(deps, c.get('principal'), q)
      c.header('content-type', XLSX)
      c.header(
        'content-disposition',
        `attachment; filename="weekly.xlsx"; filename*=UTF-8''${encodeURIComponent(`扶贫周报-${q.to ?? '本周'}.xlsx`)}`,
      )
      return c.body(new Uint8Array(book), 200)
    })
}
