import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { ApiError, ErrorBody } from '../http/errors.ts'
import { PolicyCategory, Kind } from '../content/schema.ts'
import { PolicyAnswer, policyAnswer } from '../domain/qa/answer.ts'
import type { AppDeps } from '../deps.ts'

const PolicySummary = z.object({ id: z.string(), title: z.string(), category: PolicyCategory, kind: Kind }).openapi('PolicySummary')
const PolicyDetail = PolicyAnswer.extend({
  keywords: z.array(z.string()),
  questions: z.array(z.string()).describe('示例问题'),
  related: z.array(z.object({ id: z.string(), title: z.string() })),
}).openapi('PolicyDetail')

const list = createRoute({
  method: 'get',
  path: '/api/policies',
  summary: '政策条目列表',
  request: {
    query: z.object({
      category: PolicyCategory.optional().openapi({ description: '类别：按类别筛选', example: '教育' }),
    }),
  },
  responses: {
    200: { description: '条目列表', content: { 'application/json': { schema: z.object({ policies: z.array(PolicySummary) }) } } },
    400: { description: '参数有误', content: { 'application/json': { schema: ErrorBody } } },
  },
})

const detail = createRoute({
  method: 'get',
  path: '/api/policies/{id}',
  summary: '一条政策的全文和出处',
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(80, '编号太长')
        .describe('政策编号')
        .openapi({ param: { name: 'id', in: 'path' }, example: 'edu-yulu-plan' }),
    }),
  },
  responses: {
    200: { description: '政策全文', content: { 'application/json': { schema: PolicyDetail } } },
    404: { description: '没有这个条目', content: { 'application/json': { schema: ErrorBody } } },
  },
})

export const policyRoutes = ({ knowledge }: Pick<AppDeps, 'knowledge'>) =>
  routeApp()
    .openapi(list, (c) => {
      const { category } = c.req.valid('query')
      const policies = knowledge.policies
        .filter((p) => !category || p.category === category)
        .map(({ id, title, category, kind }) => ({ id, title, category, kind }))
      return c.json({ policies }, 200)
    })
    .openapi(detail, (c) => {
      const { id } = c.req.valid('param')
      const policy = knowledge.index.byId.get(id)
      if (!policy) throw new ApiError(404, 'NOT_FOUND', `没有编号为「${id.slice(0, 40)}」的政策条目。`)
      return c.json(
        {
          ...policyAnswer(knowledge, policy),
          keywords: policy.keywords,
          questions: policy.questions,
          related: policy.related.map((r) => ({ id: r, title: knowledge.index.byId.get(r)!.title })),
        },
        200,
      )
    })
