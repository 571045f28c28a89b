import type { MiddlewareHandler } from 'hono'
import { requestId } from 'hono/request-id'
import { maskPersonalData } from '../../domain/privacy/mask.ts'
import { logger } from '../../lib/log.ts'
import type { InProcessEnv, PrincipalVariables } from './principal.ts'

/** Every request gets an id (X-Request-Id, echoed to the client for support calls). */
export const withRequestId = requestId({ headerName: 'x-request-id', limitLength: 64 })

/**
 * One line per network request: id, method, path (masked: paths can carry ids), status, duration and
 * the kind of caller. Never a body, a query string or a token. The chat engine's in-process calls are
 * part of the chat request's line, not lines of their own. The bot's successful polls (every few seconds,
 * all day) are logged at debug: at info they would bury everything an operator needs to see.
 */
export const requestLog: MiddlewareHandler<{ Bindings: InProcessEnv; Variables: PrincipalVariables & { requestId: string } }> = async (
  c,
  next,
) => {
  if (c.env?.principal) return next()
  const started = performance.now()
  await next()
  const caller = c.get('principal')?.kind
  const routine = caller === 'bot' && c.req.method === 'GET' && c.res.status < 400
  logger[routine ? 'debug' : 'info'](
    {
      reqId: c.get('requestId'),
      method: c.req.method,
      path: maskPersonalData(c.req.path),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      caller,
    },
    'request',
  )
}
