import type { MiddlewareHandler } from 'hono'
import { ApiError } from '../errors.ts'
import type { InProcessEnv, PrincipalVariables } from './principal.ts'

export interface Limit {
  /** requests allowed per window for one caller */
  max: number
  windowMs: number
  /** only these methods count (e.g. POST /api/reports, not GET) */
  methods?: readonly string[]
}

/**
 * Per-caller request limits, counted in fixed windows in memory (one process; a province running many
 * instances would put this in front of them). The caller is the WeChat contact when the bot speaks for
 * one, else the TCP peer's address. Calls the chat engine makes in process are not counted again: the
 * message that caused them already was.
 */
export function rateLimit(
  name: string,
  limit: Limit,
  clock: () => Date,
): MiddlewareHandler<{ Bindings: InProcessEnv; Variables: PrincipalVariables }> {
  const windows = new Map<string, { count: number; resetAt: number }>()
  let nextSweep = 0
  return async (c, next) => {
    if (c.env?.principal || (limit.methods && !limit.methods.includes(c.req.method))) return next()
    const now = clock().getTime()
    if (now >= nextSweep) {
      for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k)
      nextSweep = now + limit.windowMs
    }
    const principal = c.get('principal')
    const contact = principal.kind === 'bot' ? await contactOf(c.req.raw) : undefined
    const key = contact ? `wx:${contact}` : `ip:${c.get('clientAddress')}`
    let w = windows.get(key)
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + limit.windowMs }
      windows.set(key, w)
    }
    w.count += 1
    if (w.count > limit.max) {
      const seconds = Math.max(1, Math.ceil((w.resetAt - now) / 1000))
      throw new ApiError(429, 'TOO_MANY_REQUESTS', `${name}太频繁了，请${seconds}秒后再试。`, { 'retry-after': String(seconds) })
    }
    return next()
  }
}

/** The bot names the contact in the chat body; reading a clone leaves the body for the route. */
async function contactOf(req: Request): Promise<string | undefined> {
  if (req.method !== 'POST') return undefined
  try {
    const body = (await req.clone().json()) as { session?: unknown }
    return typeof body.session === 'string' ? body.session.slice(0, 80) : undefined
  } catch {
    return undefined
  }
}

/** What one caller may do per minute or hour: generous for a person, tight for a script. */
export const LIMITS = {
  ask: { max: 60, windowMs: 60_000 },
  chat: { max: 30, windowMs: 60_000 },
  verify: { max: 20, windowMs: 60_000, methods: ['POST'] },
  report: { max: 20, windowMs: 3600_000, methods: ['POST'] },
  hardship: { max: 10, windowMs: 3600_000, methods: ['POST'] },
} satisfies Record<string, Limit>
