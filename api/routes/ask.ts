import { QUESTION_MAX } from '../domain/qa/answer.ts'
import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { logError } from '../lib/log.ts'
import { ApiError, ErrorBody } from '../http/errors.ts'
import { AskResult } from '../domain/qa/answer.ts'
import { cachedAsk } from '../domain/qa/answer-cache.ts'
import { maskPersonalData } from '../domain/privacy/mask.ts'
import type { AppDeps } from '../deps.ts'

export const Question = z.string().trim().min(1, '请输入要问的问题').max(QUESTION_MAX, `问题太长了，请控制在${QUESTION_MAX}个字以内`)

const route = createRoute({
  method: 'get',
  path: '/api/ask',
  summary: '问政策：用大白话提问，返回最相关的政策、出处和联系电话',
  request: {
    query: z.object({ q: Question.describe('问题：用大白话问').openapi({ example: '孩子上高职有补助吗' }) }),
  },
  responses: {
    200: {
      description: '回答；没有可靠答案时 answer 为 null，并给出咨询电话',
      content: { 'application/json': { schema: AskResult.openapi('AskResult') } },
    },
    400: { description: '问题为空、太长或没有文字', content: { 'application/json': { schema: ErrorBody } } },
  },
})

export function askRoutes({ knowledge, unanswered, questions, now }: Pick<AppDeps, 'knowledge' | 'unanswered' | 'questions' | 'now'>) {
  const answer = cachedAsk(knowledge)
  return routeApp().openapi(route, (c) => {
    const { q } = c.req.valid('query')
    const result = answer(q)
    if (!result) throw new ApiError(400, 'BAD_REQUEST', '问题（q）：问题里没有文字，请用文字描述您的问题')
    questions.record(result.tier, now())
    if (!result.answer) {
      // The office reviews these to see what the knowledge base lacks; a failed write must not fail the answer.
      unanswered.record(maskPersonalData(result.normalized), maskPersonalData(q), now()).catch((err) => logError('记录未答问题失败', err))
    }
    return c.json(result, 200)
  })
}
