import { describe, it, expect, beforeAll } from 'vitest'
import { testApp, BOT_TOKEN } from '../support/app.ts'

type App = Awaited<ReturnType<typeof testApp>>['app']
let app: App
beforeAll(async () => {
  ;({ app } = await testApp())
})

const chat = async (body: unknown, headers: Record<string, string> = {}) => {
  const res = await app.request('/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as any }
}

describe('POST /api/chat', () => {
  it('answers like the bot in WeChat', async () => {
    const { status, body } = await chat({ session: 'web-test-0001', text: '孩子上高职有补助吗' })
    expect(status).toBe(200)
    expect(body.replies.join('\n')).toContain('雨露计划')
  })

  it('keeps a web conversation apart from a WeChat conversation with the same id', async () => {
    const session = 'contact-shared-0001'
    const asBot = { authorization: `Bearer ${BOT_TOKEN}` }
    await chat({ session, text: '找人' }, asBot)
    // The web user sends the same session id without the bot token: they do not continue the bot's flow.
    const web = await chat({ session, text: '东山镇' })
    expect(web.body.replies.join('')).not.toContain('东山镇扶贫工作站')
    const bot = await chat({ session, text: '东山镇' }, asBot)
    expect(bot.body.replies.join('')).toContain('东山镇扶贫工作站')
  })

  it('two messages sent at once in one conversation are taken in turn, as if sent one after the other', async () => {
    const texts = ['找人', '东山镇']
    const oneByOne: string[][] = []
    for (const text of texts) oneByOne.push((await chat({ session: 'web-turns-0001', text })).body.replies)
    const together = await Promise.all(texts.map((text) => chat({ session: 'web-turns-0002', text })))
    expect(together.map((r) => r.body.replies)).toEqual(oneByOne)
    expect(together[1]!.body.replies.join('')).toContain('东山镇扶贫工作站')
  })

  it.each([
    [{ session: 'short', text: '你好' }, '会话（session）'],
    [{ session: 'web-test-0002' }, '内容（text）'],
    [{ session: 'web-test-0002', text: 42 }, '内容（text）'],
    [{ session: '../../etc/passwd', text: '你好' }, '会话（session）'],
    ['{not json', 'JSON'],
  ])('refuses %j with a Chinese 400', async (body, words) => {
    const res = await chat(body)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(words)
  })

  it('refuses a 10 MB body with 413 before reading it', async () => {
    const res = await chat({ session: 'web-test-0003', text: 'x'.repeat(10 * 1024 * 1024) })
    expect(res.status).toBe(413)
    expect(res.body.error.message).toContain('太大')
  })
})
