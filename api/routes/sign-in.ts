import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { ApiError } from '../http/errors.ts'
import type { PrincipalVariables } from '../http/middleware/principal.ts'
import { errors, json } from '../http/responses.ts'
import { refuseWhileLocked } from '../domain/access/lockout.ts'
import { BINDING_CODE } from '../store/access.ts'
import { principalOf } from '../services/households.ts'
import type { AppDeps } from '../deps.ts'

const SignInBody = z
  .object({
    bindingCode: z.string().trim().regex(BINDING_CODE, '绑定码是6位数字').describe('绑定码：县扶贫办发的6位数字'),
  })
  .strict()
  .openapi('CadreSignIn')

const SignedIn = z
  .object({
    token: z.string().describe('网页用的令牌（Bearer），30天有效'),
    expiresAt: z.string(),
    name: z.string(),
    role: z.string(),
    town: z.string(),
    villages: z.array(z.string()),
  })
  .openapi('CadreSignedIn')

const route = createRoute({
  method: 'post',
  path: '/api/sign-in',
  summary: '干部在网页上用6位绑定码登录（与微信里“绑定 绑定码”用同一个码，用过即作废）：换得30天有效的令牌；每个IP每小时最多错5次',
  request: { body: { required: true, content: { 'application/json': { schema: SignInBody } } } },
  responses: { 201: json(SignedIn, '已登录'), 400: errors[400], 401: errors[401], 429: errors[429] },
})

/**
 * The web's equivalent of the bot's "绑定 123456": the county office hands a cadre one binding code, and
 * the cadre uses it either in WeChat (binding that conversation) or here (getting a token for the cadre
 * pages). Wrong codes count against the caller's IP, as household verification does.
 */
export function signInRoutes(
  deps: Pick<AppDeps, 'knowledge' | 'households' | 'cadres' | 'visits' | 'access' | 'visitGapDays' | 'lockout' | 'now'>,
) {
  const { access, lockout, now } = deps
  return routeApp<{ Variables: PrincipalVariables }>().openapi(route, async (c) => {
    const key = `ip:${c.get('clientAddress')}`
    const at = now()
    refuseWhileLocked(lockout, key, at, '绑定码')
    const signed = await access.exchangeBindingCode(c.req.valid('json').bindingCode, at)
    const p = principalOf(deps, signed?.holder)
    if (!signed || p?.kind !== 'cadre') {
      lockout.fail(key, at)
      const left = lockout.maxFailures - lockout.failuresOf(key, at)
      throw new ApiError(
        401,
        'SIGN_IN_FAILED',
        `绑定码不对，或者已经用过、过期了。请核对后再试，或向县扶贫办重新领取。${left > 0 ? `还可以再试${left}次。` : '请一小时后再试。'}`,
      )
    }
    return c.json({ token: signed.token, expiresAt: signed.expiresAt, name: p.name, role: p.role, town: p.town, villages: p.villages }, 201)
  })
}
