import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { ApiError } from '../http/errors.ts'
import { allow, type PrincipalVariables } from '../http/middleware/principal.ts'
import { errors, json } from '../http/responses.ts'
import { checkPlace } from '../http/places.ts'
import { personName } from '../lib/zod.ts'
import { CadreRole } from '../domain/access/principal.ts'
import { Cadre, CADRE_ID, HOUSEHOLD_ID, MOBILE } from '../domain/households/household.ts'
import { CadreView, cadreView } from '../domain/households/views.ts'
import { auditEntry } from '../services/households.ts'
import type { Holder } from '../store/access.ts'
import type { AppDeps } from '../deps.ts'

/**
 * The county office's accounts: create and change cadres, disable them (every token, binding code and
 * WeChat binding revoked at once, and no new ones until enabled again), and see and revoke the WeChat
 * conversations bound to a cadre or a verified household. Admin only; every act is audited.
 */
const param = (pattern: RegExp, what: string, example: string) =>
  z.object({
    id: z
      .string()
      .regex(pattern, what)
      .describe(what)
      .openapi({ param: { name: 'id', in: 'path' }, example }),
  })
const CadreParam = param(CADRE_ID, '干部编号', 'BF000004')
const HouseholdParam = param(HOUSEHOLD_ID, '户编号', 'DS-0001')

const CadreInput = z
  .object({
    name: personName().min(1).max(20).describe('姓名'),
    role: CadreRole,
    town: z.string().min(1).max(20).describe('乡镇'),
    villages: z.array(z.string().min(1).max(20)).max(50).describe('负责的村（乡镇扶贫专干可以不填：整个乡镇）'),
    phone: z.string().regex(MOBILE, '手机号应为11位').nullable().describe('电话'),
  })
  .strict()
const Account = CadreView.extend({ disabled: z.boolean().describe('已停用：令牌、绑定码和微信绑定都不起作用') })
const Chats = z.object({
  chats: z.array(z.object({ session: z.string().describe('微信对话'), boundAt: z.string().nullable() })),
})

const bearer = [{ bearer: [] }]
const admin = { security: bearer, middleware: allow('admin') }
const routes = {
  put: createRoute({
    method: 'put',
    path: '/api/cadres/{id}',
    summary: '新建或修改一位干部（管理员）',
    ...admin,
    request: { params: CadreParam, body: { required: true, content: { 'application/json': { schema: CadreInput } } } },
    responses: { 200: json(Account, '已保存'), 400: errors[400], 401: errors[401], 403: errors[403] },
  }),
  disable: createRoute({
    method: 'post',
    path: '/api/cadres/{id}/disable',
    summary: '停用干部：所有令牌、绑定码和微信绑定立即作废，重新启用前不能再领（管理员）',
    ...admin,
    request: { params: CadreParam },
    responses: {
      200: json(z.object({ cadreId: z.string(), tokens: z.number(), chats: z.number() }), '作废了几个令牌、几个微信对话'),
      401: errors[401],
      403: errors[403],
      404: errors[404],
    },
  }),
  enable: createRoute({
    method: 'post',
    path: '/api/cadres/{id}/enable',
    summary: '重新启用干部（之前的令牌和绑定不会恢复，要重新发）（管理员）',
    ...admin,
    request: { params: CadreParam },
    responses: { 200: json(Account, '已启用'), 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  cadreChats: createRoute({
    method: 'get',
    path: '/api/cadres/{id}/chats',
    summary: '绑定到这位干部的微信对话（管理员）',
    ...admin,
    request: { params: CadreParam },
    responses: { 200: json(Chats, '对话'), 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  revokeCadreChats: createRoute({
    method: 'delete',
    path: '/api/cadres/{id}/chats',
    summary: '解除这位干部的所有微信绑定（管理员）',
    ...admin,
    request: { params: CadreParam },
    responses: { 200: json(z.object({ revoked: z.number() }), '解除了几个'), 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  householdChats: createRoute({
    method: 'get',
    path: '/api/households/{id}/chats',
    summary: '核验过这一户的微信对话（管理员）',
    ...admin,
    request: { params: HouseholdParam },
    responses: { 200: json(Chats, '对话'), 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  revokeHouseholdChats: createRoute({
    method: 'delete',
    path: '/api/households/{id}/chats',
    summary: '撤销这一户的核验：微信对话和网页登录都要重新核验（管理员）',
    ...admin,
    request: { params: HouseholdParam },
    responses: { 200: json(z.object({ revoked: z.number() }), '撤销了几个微信对话'), 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
}

export function accountRoutes(deps: Pick<AppDeps, 'knowledge' | 'cadres' | 'households' | 'access' | 'audit' | 'now'>) {
  const { knowledge, cadres, households, access, audit, now } = deps
  const cadre = (id: string) => {
    const found = cadres.get(id)
    if (!found) throw new ApiError(404, 'NOT_FOUND', `没有编号为 ${id} 的干部。`)
    return found
  }
  const household = (id: string) => {
    if (!households.key(id)) throw new ApiError(404, 'NOT_FOUND', `没有户编号为 ${id} 的住户。`)
    return { kind: 'household', householdId: id } satisfies Holder
  }
  const account = (c: Cadre) => ({ ...cadreView(c), disabled: access.isDisabled(c.id) })
  /** who did what to which account, in the audit log (the households named when a household's chats are revoked) */
  const record = (what: string, householdIds: string[] = []) =>
    audit.record({ ...auditEntry({ kind: 'admin' }, undefined, '账号管理', householdIds, now()), who: `县扶贫办管理员：${what}` })

  return routeApp<{ Variables: PrincipalVariables }>()
    .openapi(routes.put, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      for (const village of body.villages) checkPlace(knowledge.towns, { town: body.town, village }, { town: 'town', village: 'villages' })
      checkPlace(knowledge.towns, { town: body.town }, { town: 'town', village: 'villages' })
      const before = cadres.get(id)
      const saved = Cadre.parse({ ...body, id, demo: before?.demo ?? false })
      await cadres.upsert([saved])
      await record(`${before ? '修改' : '新建'}干部 ${saved.name}（${id}）`)
      return c.json(account(saved), 200)
    })
    .openapi(routes.disable, async (c) => {
      const found = cadre(c.req.valid('param').id)
      const { tokens, bindings } = await access.revokeCadre(found.id, now(), true)
      await record(`停用干部 ${found.name}（${found.id}），作废令牌 ${tokens} 个、微信绑定 ${bindings} 个`)
      return c.json({ cadreId: found.id, tokens, chats: bindings }, 200)
    })
    .openapi(routes.enable, async (c) => {
      const found = cadre(c.req.valid('param').id)
      await access.enableCadre(found.id)
      await record(`重新启用干部 ${found.name}（${found.id}）`)
      return c.json(account(found), 200)
    })
    .openapi(routes.cadreChats, (c) => {
      const found = cadre(c.req.valid('param').id)
      return c.json({ chats: access.bindingsOf({ kind: 'cadre', cadreId: found.id }) }, 200)
    })
    .openapi(routes.revokeCadreChats, async (c) => {
      const found = cadre(c.req.valid('param').id)
      const revoked = await access.revokeBindings({ kind: 'cadre', cadreId: found.id })
      await record(`解除干部 ${found.name}（${found.id}）的微信绑定 ${revoked} 个`)
      return c.json({ revoked }, 200)
    })
    .openapi(routes.householdChats, async (c) => {
      const holder = household(c.req.valid('param').id)
      await record(`查看 ${holder.householdId} 核验过的微信对话`, [holder.householdId])
      return c.json({ chats: access.bindingsOf(holder) }, 200)
    })
    .openapi(routes.revokeHouseholdChats, async (c) => {
      const holder = household(c.req.valid('param').id)
      const revoked = await access.revokeBindings(holder)
      await record(`撤销 ${holder.householdId} 的核验（微信对话 ${revoked} 个，及网页登录）`, [holder.householdId])
      return c.json({ revoked }, 200)
    })
}
