import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { ErrorBody } from '../http/errors.ts'
import { allow, type PrincipalVariables } from '../http/middleware/principal.ts'
import { UnansweredItem } from '../store/unanswered.ts'
import type { AppDeps } from '../deps.ts'

const route = createRoute({
  method: 'get',
  path: '/api/unanswered',
  summary: '没答上的问题（去重计数），供扶贫办补充知识库（管理员）',
  security: [{ bearer: [] }],
  responses: {
    200: {
      description: '按次数排序',
      content: { 'application/json': { schema: z.object({ items: z.array(UnansweredItem.openapi('UnansweredItem')) }) } },
    },
    401: { description: '没有登录', content: { 'application/json': { schema: ErrorBody } } },
    403: { description: '不是管理员', content: { 'application/json': { schema: ErrorBody } } },
  },
})

export function unansweredRoutes({ unanswered }: Pick<AppDeps, 'unanswered'>) {
  const app = routeApp<{ Variables: PrincipalVariables }>()
  app.use(route.path, allow('admin'))
  return app.openapi(route, async (c) => c.json({ items: await unanswered.list() }, 200))
}
