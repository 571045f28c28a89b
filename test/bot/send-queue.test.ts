import { localDate } from '../../api/lib/calendar.ts'
import { describe, it, expect } from 'vitest'
import { SendQueue } from '../../bot/wechaty/send-queue.ts'

const queue = (opts: Partial<ConstructorParameters<typeof SendQueue>[0]> = {}) => {
  const logs: string[] = []
  const q = new SendQueue({ intervalMs: 0, dailyCap: 100, maxAttempts: 3, dayOf: localDate, log: (l) => logs.push(l), ...opts })
  return { q, logs }
}
const item = (text: string, sent: string[], fail = 0) => {
  let failures = fail
  return {
    label: 'x',
    text,
    send: async () => {
      if (failures-- > 0) throw new Error('操作过于频繁')
      sent.push(text)
    },
  }
}

describe('the send queue', () => {
  it('sends in order, spaced by the interval', async () => {
    const { q } = queue({ intervalMs: 40 })
    const sent: string[] = []
    const times: number[] = []
    q.resume()
    for (const t of ['a', 'b', 'c'])
      q.enqueue({
        ...item(t, sent),
        onSent: () => {
          times.push(Date.now())
        },
      })
    await q.drained()
    expect(sent).toEqual(['a', 'b', 'c'])
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(75)
  })

  it('holds everything while logged out and sends it after login', async () => {
    const { q } = queue()
    const sent: string[] = []
    q.enqueue(item('通知1', sent))
    q.enqueue(item('通知2', sent))
    await new Promise((r) => setTimeout(r, 50))
    expect(sent).toEqual([])
    expect(q.status()).toMatchObject({ waiting: 2, paused: true })
    q.resume()
    await q.drained()
    expect(sent).toEqual(['通知1', '通知2'])
  })

  it('retries a failed send and logs it, without sending twice', async () => {
    const { q, logs } = queue({ intervalMs: 5 })
    const sent: string[] = []
    q.resume()
    q.enqueue(item('a', sent, 2))
    await q.drained()
    expect(sent).toEqual(['a'])
    expect(logs.filter((l) => l.includes('稍后重试'))).toHaveLength(2)
  })

  it('gives up after the last attempt and goes on with the next message', async () => {
    const { q, logs } = queue({ intervalMs: 1, maxAttempts: 2 })
    const sent: string[] = []
    q.resume()
    q.enqueue(item('坏', sent, 99))
    q.enqueue(item('好', sent))
    await q.drained()
    expect(sent).toEqual(['好'])
    expect(logs.some((l) => l.includes('放弃'))).toBe(true)
  })

  it('stops at the daily cap and keeps the rest for the next day', async () => {
    let now = new Date('2026-11-24T10:00:00Z')
    const { q, logs } = queue({ dailyCap: 2, now: () => now })
    const sent: string[] = []
    q.resume()
    for (const t of ['1', '2', '3']) q.enqueue(item(t, sent))
    await new Promise((r) => setTimeout(r, 50))
    expect(sent).toEqual(['1', '2'])
    expect(q.status()).toMatchObject({ waiting: 1, sentToday: 2 })
    expect(logs.some((l) => l.includes('上限'))).toBe(true)
    now = new Date('2026-11-25T00:00:01Z')
    expect(q.status().sentToday).toBe(0)
    q.pause()
  })

  it('starts a new day at midnight in the county (Asia/Shanghai), eight hours before UTC does', async () => {
    let now = new Date('2026-11-24T15:00:00Z') // 23:00 on the 24th in the county
    const { q } = queue({ dailyCap: 2, now: () => now })
    const sent: string[] = []
    q.resume()
    for (const t of ['1', '2', '3']) q.enqueue(item(t, sent))
    await new Promise((r) => setTimeout(r, 50))
    expect(q.status()).toMatchObject({ waiting: 1, sentToday: 2 })
    now = new Date('2026-11-24T16:30:00Z') // 00:30 on the 25th in the county, still the 24th in UTC
    expect(q.status().sentToday).toBe(0)
    q.pause()
  })
})
