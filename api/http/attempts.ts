import { ApiError } from './errors.ts'
import type { Lockout } from '../domain/access/lockout.ts'

/** A 429 with Retry-After while the key has used up its failed attempts. */
export function refuseWhileLocked(lockout: Lockout, key: string, at: Date, what: string): void {
  const until = lockout.lockedUntil(key, at)
  if (!until) return
  const seconds = Math.ceil((until.getTime() - at.getTime()) / 1000)
  throw new ApiError(429, 'TOO_MANY_ATTEMPTS', `${what}错误次数太多，请${Math.ceil(seconds / 60)}分钟后再试。`, {
    'retry-after': String(seconds),
  })
}
