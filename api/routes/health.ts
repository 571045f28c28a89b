import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { BotStatus } from '../services/bot-status.ts'
import type { AppDeps } from '../deps.ts'

const Health = z
  .object({
    ok: z.literal(true),
    policies: z.number().int().describe('知识库条目数'),
    bot: BotStatus.extend({ updatedAt: z.string() }).nullable().describe('微信机器人的登录状态；机器人没有运行时为 null'),
  })
  .openapi('Health')

const route = createRoute({
  method: 'get',
  path: '/health',
  summary: '健康检查',
  responses: { 200: { description: '服务正常', content: { 'application/json': { schema: Health } } } },
})

export const healthRoutes = ({ knowledge, botStatus }: Pick<AppDeps, 'knowledge' | 'botStatus'>) =>
  routeApp().openapi(route, (c) => c.json({ ok: true as const, policies: knowledge.policies.length, bot: botStatus.get() }, 200))
