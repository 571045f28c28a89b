import { hc } from 'hono/client'
import type { Hono } from 'hono'
import type { AppType, DomainApp } from '../api/app.ts'
import type { InProcessEnv } from '../api/http/middleware/principal.ts'

/** The typed API clients (hono/client): the bot reaches the domain only through these. */
export type ApiClient = ReturnType<typeof hc<AppType>>
/** What the chat engine may call: the domain routes, not the chat route that hosts it. */
export type DomainClient = ReturnType<typeof hc<DomainApp>>

type Fetch = typeof fetch
type Requestable = { request: (input: Parameters<Fetch>[0], init?: RequestInit, env?: InProcessEnv) => Response | Promise<Response> }
const authHeaders = (token?: string) => (token ? { headers: { authorization: `Bearer ${token}` } } : {})

/**
 * Calls an app in the same process through app.request: no socket, same routes, same validation.
 * `env` lets the chat engine act for its conversation's principal (see api/http/principal.ts).
 */
export function inProcessClient<T extends Hono<any, any, any> = AppType>(app: Requestable, token?: string, env?: InProcessEnv) {
  return hc<T>('http://in-process', {
    fetch: ((input: Parameters<Fetch>[0], init?: RequestInit) => app.request(input, init, env)) as Fetch,
    ...authHeaders(token),
  })
}

/** Calls the API over HTTP (API_URL), e.g. when the bot runs on another machine. */
export function httpClient(baseUrl: string, token?: string): ApiClient {
  return hc<AppType>(baseUrl, authHeaders(token))
}
