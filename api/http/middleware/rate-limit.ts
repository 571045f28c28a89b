import type { MiddlewareHandler } from 'hono'
import { ApiError } from '../errors.ts'
import type { InProcessEnv, PrincipalVariables } from './principal.ts'

export interface Limit {
  /** requests allowed per window for one caller */
  max: number
  windowMs: number
  /** only these methods count (e.g. POST /api/reports, not GET) */
  methods?: readonly string[]
  /**
   * also count the chat engine's own calls: filing a report in chat is the same act as filing it on the
   * page, and must meet the same limit (a chat message is counted by the chat limit, its report by this)
   */
  inChatToo?: boolean
}

/**
 * Per-caller request limits, counted in fixed windows in memory (one process; a province running many
 * instances would put this in front of them). The caller is the WeChat contact when the bot speaks for
 * one, else the client's address. Calls the chat engine makes in process are not counted again (the
 * message that caused them already was), except where a limit says so.
 */
export function rateLimit(
  name: string,
  limit: Limit,
  clock: () => Date,
): MiddlewareHandler<{ Bindings: InProcessEnv; Variables: PrincipalVariables }> {
  const windows = new Map<string, { count: number; resetAt: number }>()
  let nextSweep = 0
  return async (c, next) => {
    const inProcess = !!c.env?.principal
    if ((inProcess && !limit.inChatToo) || (limit.methods && !limit.methods.includes(c.req.method))) return next()
    const now = clock().getTime()
    if (now >= nextSweep) {
      for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k)
      nextSweep = now + limit.windowMs
    }
    const principal = c.get('principal')
    // In chat: a WeChat contact by itself (only the bot, holding BOT_TOKEN, names contacts, and each is one
    // person, while the bot's own address is everyone's); a web chat by its address, since its session id is
    // the browser's to pick and a script would take a new one for every report. So a caller's reports in
    // chat and on the page fall in one count.
    const session = c.get('chatSession')
    const contact = inProcess
      ? session?.startsWith('wx:')
        ? session.slice(3)
        : undefined
      : principal.kind === 'bot'
        ? await contactOf(c.req.raw)
        : undefined
    // A mini-program user is one WeChat account (its session comes from its own token, never from the client).
    const miniprogram = !inProcess && session?.startsWith('mp:') ? session : undefined
    const key = contact ? `wx:${contact}` : (miniprogram ?? `ip:${c.get('clientAddress')}`)
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
  report: { max: 20, windowMs: 3600_000, methods: ['POST'], inChatToo: true },
  hardship: { max: 10, windowMs: 3600_000, methods: ['POST'], inChatToo: true },
  /** each sign-in is a call to WeChat's code2Session, which WeChat limits per app */
  wxLogin: { max: 30, windowMs: 3600_000, methods: ['POST'] },
  photo: { max: 20, windowMs: 3600_000, methods: ['POST'] },
} satisfies Record<string, Limit>
