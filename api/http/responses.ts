import type { z } from '../lib/zod.ts'
import { ErrorBody } from './errors.ts'

/** A JSON response for createRoute. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } })

/** The error responses routes declare, each with the one error body. */
export const errors = {
  400: json(ErrorBody, '输入有误'),
  401: json(ErrorBody, '需要登录'),
  403: json(ErrorBody, '没有权限'),
  404: json(ErrorBody, '没有找到'),
  409: json(ErrorBody, '当前状态不能这样操作'),
  429: json(ErrorBody, '尝试太多次，稍后再试（见 Retry-After）'),
}

/** A service the request needs (WeChat's servers) cannot be reached, or is not configured. */
export const unavailable = json(ErrorBody, '暂时不可用（如微信连不上，或没有配置小程序）')
