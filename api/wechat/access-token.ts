/**
 * The app's WeChat access token: fetched once, shared by every send, refreshed before it lapses. WeChat
 * limits how often a token may be fetched per day and a new fetch invalidates the old token after a few
 * minutes, so there is one refresher: concurrent callers wait on the same fetch, and after a failed fetch
 * the next try waits longer (1 s, 2 s, 4 s … up to 5 min) instead of hammering a server that is down.
 */
export interface AccessTokenCache {
  /** a live token, or a rejection while WeChat cannot give one (the caller keeps its work for later) */
  get(): Promise<string>
  /** WeChat said this token is no longer good: the next get() fetches a new one */
  invalidate(token: string): void
}

/** refresh this long before WeChat says the token lapses: a send in flight must not carry a dead one */
const EARLY_MS = 5 * 60 * 1000
const FIRST_BACKOFF_MS = 1000
const MAX_BACKOFF_MS = 5 * 60 * 1000

export function accessTokenCache(
  fetchToken: () => Promise<{ token: string; expiresInSeconds: number }>,
  now: () => Date,
): AccessTokenCache {
  let current: { token: string; refreshAt: number } | undefined
  let inFlight: Promise<string> | undefined
  let failures = 0
  let notBefore = 0
  let lastError: unknown

  const refresh = async () => {
    try {
      const { token, expiresInSeconds } = await fetchToken()
      current = { token, refreshAt: now().getTime() + Math.max(60_000, expiresInSeconds * 1000 - EARLY_MS) }
      failures = 0
      return token
    } catch (err) {
      failures += 1
      lastError = err
      notBefore = now().getTime() + Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (failures - 1))
      throw err
    } finally {
      inFlight = undefined
    }
  }

  return {
    get() {
      const at = now().getTime()
      if (current && at < current.refreshAt) return Promise.resolve(current.token)
      if (inFlight) return inFlight
      if (at < notBefore) {
        const wait = Math.ceil((notBefore - at) / 1000)
        return Promise.reject(new Error(`获取微信 access_token 失败，${wait} 秒后再试（${String(lastError)}）`))
      }
      inFlight = refresh()
      return inFlight
    },
    invalidate(token) {
      if (current?.token === token) current = undefined
    },
  }
}
