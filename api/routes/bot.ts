import { OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { ErrorBody, validationHook } from '../http/errors.ts'
import { requireToken } from '../http/auth.ts'
import { BotStatus } from '../bot-status.ts'
import type { AppDeps } from '../app.ts'

const route = createRoute({
  method: 'post',
  path: '/api/bot/status',
  summary: '机器人上报微信登录状态（仅机器人）',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: BotStatus } } } },
  responses: {
    204: { description: '已记录' },
    401: { description: '没有令牌', content: { 'application/json': { schema: ErrorBody } } },
    403: { description: '不是机器人', content: { 'application/json': { schema: ErrorBody } } },
  },
})

export function botRoutes({ botToken, botStatus, now }: AppDeps) {
  const app = new OpenAPIHono({ defaultHook: validationHook })
  app.use(route.path, requireToken(botToken, '机器人'))
  return app.openapi(route, (c) => {
    botStatus.set(c.req.valid('json'), now())
    return c.body(null, 204)
  })
}
