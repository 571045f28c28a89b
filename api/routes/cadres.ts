import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { ApiError } from '../http/errors.ts'
import { allow, type PrincipalVariables } from '../http/middleware/principal.ts'
import { errors, json } from '../http/responses.ts'
import { refuseWhileLocked } from '../domain/access/lockout.ts'
import { CADRE_ID } from '../domain/households/household.ts'
import { CadreView, cadreView } from '../domain/households/views.ts'
import { BINDING_CODE } from '../store/access.ts'
import { principalOf } from '../services/households.ts'
import { personalSession } from '../domain/access/principal.ts'
import type { AppDeps } from '../deps.ts'

const CadreIdParam = z.object({
  id: z
    .string()
    .regex(CADRE_ID, '干部编号应为2到32位字母、数字或 -')
    .describe('干部编号')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'BF000004' }),
})
const bearer = [{ bearer: [] }]
const routes = {
  list: createRoute({
    method: 'get',
    path: '/api/cadres',
    summary: '干部名单（管理员）',
    security: bearer,
    middleware: [allow('admin')],
    responses: { 200: json(z.object({ cadres: z.array(CadreView) }), '干部（电话已脱敏）'), 401: errors[401], 403: errors[403] },
  }),
  token: createRoute({
    method: 'post',
    path: '/api/cadres/{id}/token',
    summary: '给干部发登录令牌（网页和 API 用）；之前发的令牌随即作废（管理员）',
    security: bearer,
    middleware: [allow('admin')],
    request: { params: CadreIdParam },
    responses: {
      201: json(z.object({ cadreId: z.string(), token: z.string() }), '令牌只显示这一次'),
      401: errors[401],
      403: errors[403],
      404: errors[404],
    },
  }),
  code: createRoute({
    method: 'post',
    path: '/api/cadres/{id}/binding-code',
    summary: '给干部发一次性微信绑定码（6位数字，24小时内有效；干部在微信里发“绑定 绑定码”）（管理员）',
    security: bearer,
    middleware: [allow('admin')],
    request: { params: CadreIdParam },
    responses: {
      201: json(z.object({ cadreId: z.string(), code: z.string(), expiresAt: z.string() }), '绑定码只显示这一次'),
      401: errors[401],
      403: errors[403],
      404: errors[404],
    },
  }),
  bind: createRoute({
    method: 'post',
    path: '/api/bind',
    summary: '用绑定码把当前微信绑定到干部（只能在微信对话里用）',
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z
              .object({ bindingCode: z.string().trim().regex(BINDING_CODE, '绑定码是6位数字').describe('绑定码：县扶贫办发的6位数字') })
              .strict(),
          },
        },
      },
    },
    responses: {
      200: json(z.object({ name: z.string(), role: z.string(), town: z.string(), villages: z.array(z.string()) }), '已绑定'),
      400: errors[400],
      401: errors[401],
      403: errors[403],
      429: errors[429],
    },
  }),
  unbind: createRoute({
    method: 'post',
    path: '/api/unbind',
    summary: '解除当前微信的绑定（干部或农户；只能在微信对话里用）',
    responses: { 200: json(z.object({ unbound: z.boolean() }), '是否解除了'), 403: errors[403] },
  }),
}

export function cadreRoutes(
  deps: Pick<AppDeps, 'knowledge' | 'households' | 'cadres' | 'visits' | 'access' | 'visitGapDays' | 'lockout' | 'now'>,
) {
  const { cadres, access, lockout, now } = deps
  const existing = (id: string) => {
    const cadre = cadres.get(id)
    if (!cadre) throw new ApiError(404, 'NOT_FOUND', `没有编号为 ${id} 的干部。`)
    return cadre
  }
  /** Binding concerns one person's WeChat: a conversation the bot speaks for, or a mini-program user. */
  const wechatSession = (session: string | undefined) => {
    const own = personalSession(session)
    if (!own)
      throw new ApiError(
        403,
        'FORBIDDEN',
        '绑定只能在微信或小程序里进行：请在微信里给机器人发送“绑定 六位绑定码”，或在小程序的干部页输入绑定码。',
      )
    return own
  }

  return routeApp<{ Variables: PrincipalVariables }>()
    .openapi(routes.list, (c) => c.json({ cadres: cadres.all().map(cadreView) }, 200))
    .openapi(routes.token, async (c) => {
      const cadre = existing(c.req.valid('param').id)
      return c.json({ cadreId: cadre.id, token: await access.issueCadreToken(cadre.id) }, 201)
    })
    .openapi(routes.code, async (c) => {
      const cadre = existing(c.req.valid('param').id)
      return c.json({ cadreId: cadre.id, ...(await access.issueBindingCode(cadre.id, now())) }, 201)
    })
    .openapi(routes.bind, async (c) => {
      const session = wechatSession(c.get('chatSession'))
      const at = now()
      refuseWhileLocked(lockout, session, at, '绑定码')
      const holder = await access.redeemBindingCode(c.req.valid('json').bindingCode, session, at)
      const p = principalOf(deps, holder)
      if (p?.kind !== 'cadre') {
        lockout.fail(session, at)
        throw new ApiError(401, 'BIND_FAILED', '绑定码不对或已经用过、过期了。请向县扶贫办重新领取。')
      }
      return c.json({ name: p.name, role: p.role, town: p.town, villages: p.villages }, 200)
    })
    .openapi(routes.unbind, async (c) => c.json({ unbound: await access.unbind(wechatSession(c.get('chatSession'))) }, 200))
}
