import type { MiddlewareHandler } from 'hono'
import { maskPersonalData } from '../../domain/privacy/mask.ts'
import { logger } from '../../lib/log.ts'
import type { InProcessEnv, PrincipalVariables } from './principal.ts'

/** What a client's own request id may look like: letters, digits, - and _, 8 to 64 of them. */
const LOOKS_LIKE_AN_ID = /^[\w-]{8,64}$/

/**
 * Every request gets an id (X-Request-Id, echoed to the client for support calls). A client's own id is
 * kept only if it looks like one and carries no ID or phone number: it is written to the log as given.
 */
export const withRequestId: MiddlewareHandler<{ Variables: { requestId: string } }> = async (c, next) => {
  const given = c.req.header('x-request-id')
  const id = given && LOOKS_LIKE_AN_ID.test(given) && maskPersonalData(given) === given ? given : crypto.randomUUID()
  c.set('requestId', id)
  c.header('x-request-id', id)
  await next()
}

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
