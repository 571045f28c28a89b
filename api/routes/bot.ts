import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { ErrorBody } from '../http/errors.ts'
import { allow, type PrincipalVariables } from '../http/middleware/principal.ts'
import { BotStatus } from '../services/bot-status.ts'
import { Notice } from '../store/outbox.ts'
import type { AppDeps } from '../deps.ts'

const denied = {
  401: { description: '没有令牌', content: { 'application/json': { schema: ErrorBody } } },
  403: { description: '不是机器人', content: { 'application/json': { schema: ErrorBody } } },
}

const statusRoute = createRoute({
  method: 'post',
  path: '/api/bot/status',
  summary: '机器人上报微信登录状态（仅机器人）',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: BotStatus } } } },
  responses: { 204: { description: '已记录' }, ...denied },
})

const outboxRoute = createRoute({
  method: 'get',
  path: '/api/bot/outbox',
  summary: '机器人取待发的微信通知（仅机器人）',
  description: '返回尚未确认发出的通知（办理进度、给干部的提醒）。发出后调用 /api/bot/outbox/ack 确认，否则下次还会返回。',
  security: [{ bearer: [] }],
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: '最多返回几条' }) }) },
  responses: {
    200: { description: '待发通知', content: { 'application/json': { schema: z.object({ notices: z.array(Notice.openapi('Notice')) }) } } },
    ...denied,
  },
})

const ackRoute = createRoute({
  method: 'post',
  path: '/api/bot/outbox/ack',
  summary: '机器人确认通知已发出（仅机器人）',
  security: [{ bearer: [] }],
  request: {
    body: {
      required: true,
      content: {
        'application/json': { schema: z.object({ ids: z.array(z.string().max(100)).min(1).max(200).describe('通知编号：已经发出的') }) },
      },
    },
  },
  responses: {
    200: { description: '已确认的条数', content: { 'application/json': { schema: z.object({ marked: z.number().int() }) } } },
    ...denied,
  },
})

export function botRoutes({ botStatus, outbox, now }: Pick<AppDeps, 'botStatus' | 'outbox' | 'now'>) {
  const app = routeApp<{ Variables: PrincipalVariables }>()
  app.use('/api/bot/*', allow('bot'))
  return app
    .openapi(statusRoute, (c) => {
      botStatus.set(c.req.valid('json'), now())
      return c.body(null, 204)
    })
    .openapi(outboxRoute, (c) => c.json({ notices: outbox.pending(c.req.valid('query').limit) }, 200))
    .openapi(ackRoute, async (c) => c.json({ marked: await outbox.markSent(c.req.valid('json').ids, now()) }, 200))
}
