import { hc } from 'hono/client'
import type { AppType } from '../../api/app.ts'

const TOKEN_KEY = 'fupin.cadreToken'

/** The signed-in cadre's token: kept on this phone only, sent only to this site. */
export const token = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (value: string) => localStorage.setItem(TOKEN_KEY, value),
  clear: () => localStorage.removeItem(TOKEN_KEY),
}

/** The typed API client (same routes and types as the server's): pages never build URLs by hand. */
export const api = hc<AppType>(location.origin, {
  headers: (): Record<string, string> => {
    const t = token.get()
    return t ? { authorization: `Bearer ${t}` } : {}
  },
}).api

/** The Chinese message of a failed response; every API error body carries one. */
export async function failure(res: Response): Promise<Error> {
  try {
    const body = (await res.json()) as { error?: { message?: string } }
    return new Error(body.error?.message ?? `请求没有成功（${res.status}），请稍后再试。`)
  } catch {
    return new Error(`请求没有成功（${res.status}），请稍后再试。`)
  }
}
