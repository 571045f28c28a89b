import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { ErrorBody } from '../http/errors.ts'
import { Understanding } from '../domain/understand/intents.ts'
import type { AppDeps } from '../deps.ts'
import type { PrincipalVariables } from '../http/middleware/principal.ts'

/** A message is read whole, as the chat reads it: a description can be longer than a question. */
export const MESSAGE_MAX = 500

const route = createRoute({
  method: 'post',
  path: '/api/understand',
  summary: '理解一句话：要办什么事（意图），提到了什么（地点、单位、类别、编号……）',
  description:
    '聊天和网页先用它判断一句话是问政策、反映问题、查进度、找电话还是打招呼，再去办。打的是菜单里的命令时 via 为 command、confidence 为 1；帮扶干部说“查张三”也按查户处理。',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              text: z
                .string()
                .trim()
                .min(1, '请输入要说的话')
                .max(MESSAGE_MAX, `太长了，请控制在${MESSAGE_MAX}个字以内`)
                .describe('用户说的一句话')
                .openapi({ example: '俺们村自来水停了三天了也没人管' }),
            })
            .strict(),
        },
      },
    },
  },
  responses: {
    200: { description: '意图、把握和提到的东西', content: { 'application/json': { schema: Understanding.openapi('Understanding') } } },
    400: { description: '为空、太长或字段不对', content: { 'application/json': { schema: ErrorBody } } },
  },
})

export const understandRoutes = ({ knowledge }: Pick<AppDeps, 'knowledge'>) =>
  routeApp<{ Variables: PrincipalVariables }>().openapi(route, (c) => {
    const cadre = c.get('principal').kind === 'cadre'
    return c.json(knowledge.understander.understand(c.req.valid('json').text, { cadre }), 200)
  })
