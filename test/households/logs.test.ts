import { describe, it, expect, afterEach } from 'vitest'
import { createLogger, log, logError, useLogger } from '../../api/lib/log.ts'
import { testApp, ADMIN_TOKEN, BOT_TOKEN } from '../support/app.ts'
import { seedHouseholds, UNMASKED } from '../support/households.ts'

/** Captures the structured log: one JSON object per line. */
function capture() {
  const lines: string[] = []
  useLogger(createLogger({ write: (line: string) => void lines.push(line) }, 'info'))
  return { lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) }
}
afterEach(() => useLogger(createLogger(undefined, 'silent')))

describe('logs', () => {
  it('are JSON lines, and never carry a whole ID or phone number, in messages or error stacks', () => {
    const { lines, records } = capture()
    log('处理 330102199001011234 的消息失败，电话 13812345678')
    logError('未处理的错误', new Error('户主身份证 33010219850505567X 不对'))
    expect(records().map((r) => r.level)).toEqual(['info', 'error'])
    expect(lines[0]).toContain('3301**********1234')
    expect(lines[0]).toContain('138****5678')
    expect(lines[1]).toContain('3301**********567X')
    expect(lines.filter((l) => UNMASKED.test(l))).toEqual([])
  })

  it('log each request with an id, status and time, but no body, query or token', async () => {
    const service = await testApp()
    await seedHouseholds(service)
    const { lines, records } = capture()
    const res = await service.app.request('/api/households/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '张三', idLast6: '011234' }),
    })
    await service.app.request('/api/ask?q=我的身份证330102199001011234能办低保吗')
    await service.app.request('/api/households/330102199001011234', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    const reqs = records().filter((r) => r.msg === 'request')
    expect(reqs).toHaveLength(3)
    expect(reqs[0]).toMatchObject({
      method: 'POST',
      path: '/api/households/verify',
      status: 200,
      caller: 'public',
      reqId: res.headers.get('x-request-id'),
    })
    expect(reqs[2]).toMatchObject({ path: '/api/households/3301**********1234', caller: 'admin' })
    const all = lines.join('\n')
    expect(all).not.toContain('张三')
    expect(all).not.toContain('011234')
    expect(all).not.toContain(ADMIN_TOKEN)
    expect(all).not.toContain('低保')
    expect(lines.filter((l) => UNMASKED.test(l))).toEqual([])
  })

  it("keep the bot's polling every few seconds out of the operator's info log, but not its failures", async () => {
    const service = await testApp()
    const { records } = capture()
    const asBot = { headers: { authorization: `Bearer ${BOT_TOKEN}` } }
    await service.app.request('/api/bot/outbox?limit=50', asBot)
    await service.app.request('/api/bot/outbox?limit=50', { headers: { authorization: 'Bearer wrong-token-0123456789' } })
    await service.app.request('/api/ask?q=低保')
    expect(
      records()
        .filter((r) => r.msg === 'request')
        .map((r) => [r.path, r.status]),
    ).toEqual([
      ['/api/bot/outbox', 401],
      ['/api/ask', 200],
    ])
  })
})
