import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { logError } from '../lib/log.ts'
import { Refusal, type RefusalKind } from '../domain/refusal.ts'

// Zod's own messages in Chinese for whatever a schema does not word itself.
z.config(z.locales.zhCN())

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'BAD_REQUEST' }),
      message: z.string().openapi({ example: '问题（q）：请输入要问的问题' }),
    }),
  })
  .openapi('Error')
export type ErrorBody = z.infer<typeof ErrorBody>

/** An error whose message is written for the user, in Chinese. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } })

const HTTP_MESSAGES: Partial<Record<number, [string, string]>> = {
  400: ['BAD_REQUEST', '请求格式不对，请检查后再试。'],
  401: ['UNAUTHORIZED', '请先登录。'],
  403: ['FORBIDDEN', '没有权限查看。'],
  404: ['NOT_FOUND', '找不到这个地址。'],
  405: ['METHOD_NOT_ALLOWED', '不支持这种请求方式。'],
  413: ['PAYLOAD_TOO_LARGE', '提交的内容太大了。'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '请用 JSON 格式提交。'],
}

const REFUSALS: Record<RefusalKind, [ContentfulStatusCode, string]> = {
  invalid: [400, 'BAD_REQUEST'],
  unauthorized: [401, 'UNAUTHORIZED'],
  forbidden: [403, 'FORBIDDEN'],
  not_found: [404, 'NOT_FOUND'],
  conflict: [409, 'CONFLICT'],
  too_many: [429, 'TOO_MANY_ATTEMPTS'],
  unavailable: [503, 'UNAVAILABLE'],
}

export function onError(err: Error, c: Context) {
  if (err instanceof ApiError) {
    for (const [k, v] of Object.entries(err.headers)) c.header(k, v)
    return c.json(errorBody(err.code, err.message), err.status)
  }
  if (err instanceof Refusal) {
    const [status, code] = REFUSALS[err.kind]
    if (err.retryAfter !== undefined) c.header('retry-after', String(err.retryAfter))
    return c.json(errorBody(err.code ?? code, err.message), status)
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode
    const [code, message] = HTTP_MESSAGES[status] ?? ['ERROR', '请求没有成功，请稍后再试。']
    // Hono's JSON validator throws this for a body that is not JSON at all.
    const detail = /json/i.test(err.message) && status === 400 ? '提交的内容不是合法的 JSON。' : message
    return c.json(errorBody(code, detail), status)
  }
  logError('未处理的错误', err)
  return c.json(errorBody('INTERNAL', '服务暂时出了问题，请稍后再试。'), 500)
}

export const notFound = (c: Context) => c.json(errorBody('NOT_FOUND', '找不到这个地址。'), 404)
