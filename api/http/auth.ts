import { timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { ApiError } from './errors.ts'

export const bearerToken = (header: string | undefined) => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1]

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Routes for one holder of a secret token (the admin, the bot). */
export const requireToken = (expected: string, who: string): MiddlewareHandler => async (c, next) => {
  const token = bearerToken(c.req.header('authorization'))
  if (!token) throw new ApiError(401, 'UNAUTHORIZED', `请先登录：需要${who}令牌（Authorization: Bearer …）。`)
  if (!sameSecret(token, expected)) throw new ApiError(403, 'FORBIDDEN', `没有权限：只有${who}可以使用。`)
  await next()
}

export const requireAdmin = (adminToken: string) => requireToken(adminToken, '管理员')
