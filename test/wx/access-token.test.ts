import { describe, expect, it } from 'vitest'
import { accessTokenCache } from '../../api/wechat/access-token.ts'

/** WeChat limits token fetches per day and a new one retires the old: one refresher, patient after failures. */
describe('the WeChat access token', () => {
  const setup = () => {
    let now = new Date('2026-11-25T02:00:00Z').getTime()
    let fetches = 0
    let down = false
    const cache = accessTokenCache(
      async () => {
        fetches++
        await new Promise((r) => setTimeout(r, 5))
        if (down) throw new Error('connect ECONNREFUSED')
        return { token: `token-${fetches}`, expiresInSeconds: 7200 }
      },
      () => new Date(now),
    )
    return {
      cache,
      fetches: () => fetches,
      setDown: (d: boolean) => (down = d),
      later: (seconds: number) => (now += seconds * 1000),
    }
  }

  it('is fetched once for many sends at the same moment, and reused until shortly before it lapses', async () => {
    const t = setup()
    const tokens = await Promise.all(Array.from({ length: 20 }, () => t.cache.get()))
    expect(new Set(tokens)).toEqual(new Set(['token-1']))
    expect(t.fetches()).toBe(1)
    t.later(6000) // 100 minutes: still good
    expect(await t.cache.get()).toBe('token-1')
    t.later(1000) // 116 minutes: within 5 minutes of lapsing, a new one
    expect(await t.cache.get()).toBe('token-2')
  })

  it('after a failed fetch waits longer each time before asking WeChat again', async () => {
    const t = setup()
    t.setDown(true)
    await expect(t.cache.get()).rejects.toThrow(/ECONNREFUSED/)
    // within the second that follows: no new fetch, the caller is told to wait
    await expect(t.cache.get()).rejects.toThrow(/秒后再试/)
    expect(t.fetches()).toBe(1)
    t.later(1)
    await expect(t.cache.get()).rejects.toThrow(/ECONNREFUSED/)
    t.later(1) // the second wait is two seconds
    await expect(t.cache.get()).rejects.toThrow(/秒后再试/)
    expect(t.fetches()).toBe(2)
    t.setDown(false)
    t.later(1)
    expect(await t.cache.get()).toBe('token-3')
  })

  it('fetches a new token when WeChat says the one in hand is stale, and only then', async () => {
    const t = setup()
    const first = await t.cache.get()
    t.cache.invalidate('some-older-token')
    expect(await t.cache.get()).toBe(first)
    t.cache.invalidate(first)
    expect(await t.cache.get()).toBe('token-2')
  })
})
