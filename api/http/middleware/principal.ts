import type { MiddlewareHandler } from 'hono'
import { bearerToken, sameSecret } from '../../lib/secrets.ts'
import { ApiError } from '../errors.ts'
import { PUBLIC, type Principal, type TokenResolver } from '../../domain/access/principal.ts'

/** Looks up tokens that are not the two fixed secrets (cadre tokens, household session tokens). */

/**
 * What an in-process caller (the chat engine) passes as Hono's env: the principal it acts for and the
 * chat session it speaks in. Requests from the network never carry these — @hono/node-server's env holds
 * only the Node request and response — so they cannot be forged by a client.
 */
export interface InProcessEnv {
  principal?: Principal
  chatSession?: string
  /** the address of the network request the in-process call serves (limits per IP must still hold) */
  clientAddress?: string
}

/** What @hono/node-server puts in env: the Node request, whose socket is the TCP peer. */
interface NodeEnv {
  incoming?: { socket?: { remoteAddress?: string } }
}

export type PrincipalVariables = { principal: Principal; chatSession: string | undefined; clientAddress: string }

export interface IdentifyOptions {
  adminToken: string
  botToken: string
  resolveToken: TokenResolver
  /** the reverse proxies in front (TRUST_PROXY): only their X-Forwarded-For is believed */
  trustProxy: readonly string[]
}

/** ::ffff:10.0.0.1 (IPv4 on an IPv6 socket) and 10.0.0.1 are one address. */
const plainAddress = (a: string) => a.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1')

/**
 * The client's address: the TCP peer, unless the peer is one of our own proxies, in which case the
 * right-most address in X-Forwarded-For that is not one of them (what a client writes further left is
 * its own claim and proves nothing).
 */
export function clientAddress(peer: string, forwardedFor: string | undefined, trustProxy: readonly string[]): string {
  const trusted = new Set(trustProxy.map(plainAddress))
  const from = plainAddress(peer)
  if (!trusted.has(from) || !forwardedFor) return from
  const hops = forwardedFor.split(',').map(plainAddress).filter(Boolean)
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i]!)) return hops[i]!
  return hops[0] ?? from
}

/** Sets c.var.principal for every request; an unknown token is a 401, not silently public. */
export function identify({
  adminToken,
  botToken,
  resolveToken,
  trustProxy,
}: IdentifyOptions): MiddlewareHandler<{ Bindings: InProcessEnv; Variables: PrincipalVariables }> {
  return async (c, next) => {
    const env = (c.env ?? {}) as InProcessEnv & NodeEnv
    c.set('chatSession', env.chatSession)
    // X-Forwarded-For only from our own proxies: a client can write anything there.
    c.set(
      'clientAddress',
      env.clientAddress ?? clientAddress(env.incoming?.socket?.remoteAddress ?? 'unknown', c.req.header('x-forwarded-for'), trustProxy),
    )
    if (env.principal) {
      c.set('principal', env.principal)
      return next()
    }
    const token = bearerToken(c.req.header('authorization'))
    let principal: Principal = PUBLIC
    if (token) {
      if (sameSecret(token, adminToken)) principal = { kind: 'admin' }
      else if (sameSecret(token, botToken)) principal = { kind: 'bot' }
      else {
        const held = await resolveToken(token)
        if (!held) throw new ApiError(401, 'UNAUTHORIZED', '登录已失效或令牌不正确，请重新登录。')
        principal = held.principal
        // a mini-program user's session comes with its token: the client cannot name another
        if (held.session) c.set('chatSession', held.session)
      }
    }
    c.set('principal', principal)
    return next()
  }
}

/** Only these kinds of caller may pass; everyone else gets 401 (not signed in) or 403 (signed in, not allowed). */
export const allow =
  (...kinds: Principal['kind'][]): MiddlewareHandler<{ Variables: PrincipalVariables }> =>
  async (c, next) => {
    const principal = c.get('principal')
    if (kinds.includes(principal.kind)) return next()
    if (principal.kind === 'public') throw new ApiError(401, 'UNAUTHORIZED', '请先登录。')
    throw new ApiError(403, 'FORBIDDEN', '没有权限。')
  }
