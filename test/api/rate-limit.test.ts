import { describe, it, expect, beforeEach } from 'vitest'
import { testApp, ADMIN_TOKEN, BOT_TOKEN } from '../support/app.ts'

let clock = new Date('2026-11-25T02:00:00Z')
let app: Awaited<ReturnType<typeof testApp>>['app']
beforeEach(async () => {
  clock = new Date('2026-11-25T02:00:00Z')
  app = (await testApp(undefined, () => clock)).app
})

const chat = (session: string, token?: string) =>
  app.request('/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ session, text: '低保怎么申请' }),
  })

describe('per-caller limits', () => {
  it('the 61st question in a minute from one address gets 429 with Retry-After and a Chinese message; the next minute it is answered', async () => {
    for (let i = 0; i < 60; i++) expect((await app.request('/api/ask?q=低保')).status).toBe(200)
    const refused = await app.request('/api/ask?q=低保')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/提问太频繁了，请\d+秒后再试/)
    clock = new Date(clock.getTime() + 61_000)
    expect((await app.request('/api/ask?q=低保')).status).toBe(200)
  })

  it('counts WeChat contacts one by one, not the bot’s address as one caller', async () => {
    for (let i = 0; i < 30; i++) expect((await chat('wx-contact-aaa', BOT_TOKEN)).status).toBe(200)
    expect((await chat('wx-contact-aaa', BOT_TOKEN)).status).toBe(429)
    expect((await chat('wx-contact-bbb', BOT_TOKEN)).status).toBe(200)
  })

  it('new web chat sessions from one address do not get around the limit', async () => {
    for (let i = 0; i < 30; i++) expect((await chat(`web-session-${i}-x`)).status).toBe(200)
    expect((await chat('web-session-fresh')).status).toBe(429)
  })

  it('limits filing reports, not reading them', async () => {
    const file = () =>
      app.request('/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ category: '饮水安全', description: '村里自来水停了三天', place: { town: '东山镇' }, anonymous: true }),
      })
    for (let i = 0; i < 20; i++) expect((await file()).status).toBe(201)
    expect((await file()).status).toBe(429)
    for (let i = 0; i < 25; i++)
      expect((await app.request('/api/reports', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200)
  })
})
