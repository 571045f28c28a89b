import { createRoute, z } from '@hono/zod-openapi'
import { routeApp } from '../http/validation.ts'
import type { PrincipalVariables } from '../http/middleware/principal.ts'
import { ApiError } from '../http/errors.ts'
import { errors, json, unavailable } from '../http/responses.ts'
import { recordSubscription, signInMiniprogram } from '../services/miniprogram.ts'
import { principalOf } from '../services/households.ts'
import { SubscribeResult } from '../store/miniprogram-users.ts'
import { PUBLIC } from '../domain/access/principal.ts'
import { Me, meView } from './households.ts'
import type { AppDeps } from '../deps.ts'

const routes = {
  login: createRoute({
    method: 'post',
    path: '/api/wx/login',
    summary:
      '小程序登录：wx.login 得到的 code 换本服务的令牌（30天）。之后带这个令牌调用其他接口，身份是绑定过的干部、核验过的农户，或普通群众',
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({ code: z.string().trim().min(1).max(128).describe('wx.login 返回的 code（一次性）') }).strict(),
          },
        },
      },
    },
    responses: {
      201: json(z.object({ token: z.string().describe('Bearer 令牌'), expiresAt: z.string(), me: Me }), '已登录'),
      400: errors[400],
      401: errors[401],
      429: errors[429],
      503: unavailable,
    },
  }),
  subscribe: createRoute({
    method: 'post',
    path: '/api/wx/subscriptions',
    summary:
      '记下用户对订阅消息的选择（wx.requestSubscribeMessage 的结果）：ticket 为自己反映的问题的编号（办理进度），或 "cadre"（干部收新问题和预警）。选了 accept 才推送',
    security: [{ bearer: [] }],
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z
              .object({
                ticket: z.string().trim().min(1).max(40).describe('问题编号，或 cadre'),
                result: SubscribeResult,
              })
              .strict(),
          },
        },
      },
    },
    responses: {
      200: json(z.object({ topic: z.string(), template: z.string(), result: SubscribeResult }), '已记下'),
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: errors[404],
      503: unavailable,
    },
  }),
}

/** The mini-program's own endpoints; everything else it does goes through the same API as the web pages. */
export function miniprogramRoutes(
  deps: Pick<
    AppDeps,
    'miniprogram' | 'wechat' | 'outbox' | 'reports' | 'now' | 'access' | 'households' | 'cadres' | 'knowledge' | 'visits' | 'visitGapDays'
  >,
) {
  return routeApp<{ Variables: PrincipalVariables }>()
    .openapi(routes.login, async (c) => {
      const { session, token, expiresAt } = await signInMiniprogram(deps, c.req.valid('json').code)
      const me = principalOf(deps, deps.access.bindingOf(session, deps.now())) ?? PUBLIC
      return c.json({ token, expiresAt, me: meView(me) }, 201)
    })
    .openapi(routes.subscribe, async (c) => {
      const session = c.get('chatSession')
      if (!session?.startsWith('mp:')) throw new ApiError(401, 'UNAUTHORIZED', '请先在小程序里登录。')
      const { ticket, result } = c.req.valid('json')
      if (ticket === 'cadre' && c.get('principal').kind !== 'cadre')
        throw new ApiError(403, 'FORBIDDEN', '只有绑定过的干部能订阅工作提醒。')
      return c.json(await recordSubscription(deps, session, ticket, result), 200)
    })
}
