import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { describe, it, expect } from 'vitest'
import { serve } from '@hono/node-server'
import { ADMIN_TOKEN, BOT_TOKEN, tempDir, testApp, testKnowledge } from '../support/app.ts'
import { seedHouseholds } from '../support/households.ts'
import { createService } from '../../api/service.ts'

/**
 * Lockouts as a deployment meets them: guesses at one family from many addresses, a restart, a reverse
 * proxy in front (TRUST_PROXY), RATE_LIMITS=off, and reports filed in chat rather than on the page.
 */
let clock = new Date('2026-11-25T02:00:00Z')
const now = () => clock

/** 核验 as a caller from `address` (the in-process env stands for the TCP peer). */
const verify = (app: Awaited<ReturnType<typeof testApp>>['app'], name: string, idLast6: string, address: string) =>
  app.request(
    '/api/households/verify',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, idLast6 }) },
    { clientAddress: address },
  )

describe('lockouts', { timeout: 60_000 }, () => {
  it('counts guesses at one household from many addresses against that household', async () => {
    clock = new Date('2026-11-25T02:00:00Z')
    const service = await testApp(undefined, now)
    await seedHouseholds(service)
    // 张三's ID ends 011234: ten wrong guesses, each from a different address (each address is under its own limit)
    for (let i = 0; i < 10; i++) expect((await verify(service.app, '张三', `00000${i}`, `10.0.0.${i + 1}`)).status).toBe(401)
    const locked = await verify(service.app, '张三', '011234', '10.0.1.1')
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await locked.json()) as { error: { message: string } }).error.message).toMatch(/这一户的核验错误次数太多/)
    // another family is not affected; 张三's own family can verify once the hour is over
    expect((await verify(service.app, '李四', '05567X', '10.0.1.2')).status).toBe(200)
    clock = new Date(clock.getTime() + 3601_000)
    expect((await verify(service.app, '张三', '011234', '10.0.1.1')).status).toBe(200)
  })

  it('keeps a lockout across a restart', async () => {
    clock = new Date('2026-11-25T02:00:00Z')
    const first = await testApp(undefined, now)
    await seedHouseholds(first)
    for (let i = 0; i < 5; i++) expect((await verify(first.app, '王二麻', '123456', '10.9.9.9')).status).toBe(401)
    await first.close()
    const again = await testApp(first.dataDir, now)
    expect((await verify(again.app, '王二麻', '123456', '10.9.9.9')).status).toBe(429)
  })

  it('RATE_LIMITS=off turns off the request limits, never the lockouts', async () => {
    clock = new Date('2026-11-25T02:00:00Z')
    const service = await testApp(undefined, now, { rateLimits: false })
    await seedHouseholds(service)
    // 核验 from one address
    for (let i = 0; i < 5; i++) expect((await verify(service.app, '王二麻', '123456', '10.8.8.8')).status).toBe(401)
    expect((await verify(service.app, '王二麻', '123456', '10.8.8.8')).status).toBe(429)
    // 核验 of one household from ten addresses
    for (let i = 0; i < 10; i++) expect((await verify(service.app, '张三', `00000${i}`, `10.8.9.${i + 1}`)).status).toBe(401)
    expect((await verify(service.app, '张三', '011234', '10.8.10.1')).status).toBe(429)
    // a ticket's query code: 25 reports from one address are all filed (no request limit), but 5 wrong codes lock the ticket
    const file = () =>
      service.app.request(
        '/api/reports',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ category: '饮水安全', description: '村里自来水停了三天', place: { town: '东山镇' } }),
        },
        { clientAddress: '10.8.8.8' },
      )
    let filed = { ticket: '', code: '' }
    for (let i = 0; i < 25; i++) {
      const res = await file()
      expect(res.status).toBe(201)
      filed = (await res.json()) as typeof filed
    }
    const read = (code: string, address: string) =>
      service.app.request(`/api/reports/${filed.ticket}?code=${code}`, {}, { clientAddress: address })
    for (let i = 0; i < 5; i++) expect((await read(`WRONG${i}AB`, `10.8.11.${i + 1}`)).status).toBe(404)
    expect((await read(filed.code, '10.8.12.1')).status).toBe(429)
    // while 70 questions a minute from one address are all answered
    for (let i = 0; i < 70; i++) expect((await service.app.request('/api/ask?q=低保', {}, { clientAddress: '10.8.8.8' })).status).toBe(200)
  })

  it('keeps only the last hour in lockouts.json: the addresses that failed before it are forgotten', async () => {
    clock = new Date('2026-11-25T02:00:00Z')
    const service = await testApp(undefined, now)
    await seedHouseholds(service)
    for (let i = 0; i < 3; i++) expect((await verify(service.app, '不存在的人', '123456', `10.7.7.${i + 1}`)).status).toBe(401)
    clock = new Date(clock.getTime() + 3601_000)
    expect((await verify(service.app, '不存在的人', '123456', '10.7.8.1')).status).toBe(401)
    await service.close()
    const kept = readFileSync(join(service.dataDir, 'lockouts.json'), 'utf8')
    expect(kept).toContain('ip:10.7.8.1')
    for (let i = 0; i < 3; i++) expect(kept).not.toContain(`ip:10.7.7.${i + 1}`)
  })

  it('believes X-Forwarded-For only from a proxy named in TRUST_PROXY, for lockouts and request limits alike', async () => {
    clock = new Date('2026-11-25T02:00:00Z')
    const run = async (trustProxy: string[]) => {
      const service = await createService({
        knowledge: testKnowledge(),
        dataDir: tempDir(),
        adminToken: ADMIN_TOKEN,
        botToken: BOT_TOKEN,
        now,
        trustProxy,
      })
      const server = serve({ fetch: service.app.fetch, hostname: '127.0.0.1', port: 0 })
      await new Promise<void>((resolve) => server.once('listening', () => resolve()))
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      // what the proxy passes on: whatever the client wrote, then the address the proxy saw
      const guess = async (forwardedFor: string) =>
        (
          await fetch(`${base}/api/households/verify`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
            body: JSON.stringify({ name: '不存在的人', idLast6: '123456' }),
          })
        ).status
      const statuses: number[] = []
      // six callers, each one wrong guess… five times over
      for (let round = 0; round < 5; round++) for (let who = 0; who < 6; who++) statuses.push(await guess(`203.0.113.${who + 1}`))
      // the first caller once more, writing a new address of its own in front of the one the proxy saw
      const sixth = await guess(`198.51.100.77, 203.0.113.1`)
      // 60 questions from one villager, then one from another
      const ask = (forwardedFor: string) => fetch(`${base}/api/ask?q=低保`, { headers: { 'x-forwarded-for': forwardedFor } })
      for (let i = 0; i < 60; i++) await ask('203.0.113.50')
      const neighbour = (await ask('203.0.113.51')).status
      await new Promise((resolve) => server.close(resolve))
      await service.close()
      return { statuses, sixth, neighbour }
    }
    // not trusted: every request is one caller (the TCP peer): locked after 5, and the neighbour is over the limit
    const untrusted = await run([])
    expect(untrusted.statuses.filter((s) => s === 429)).toHaveLength(25)
    expect(untrusted.neighbour).toBe(429)
    // the proxy is trusted: six callers, 5 tries each, none locked; the sixth try of the first is, whatever it wrote;
    // the neighbour has its own count of questions
    const trusted = await run(['127.0.0.1'])
    expect(trusted.statuses.every((s) => s === 401)).toBe(true)
    expect(trusted.sixth).toBe(429)
    expect(trusted.neighbour).toBe(200)
  })

  it('counts reports filed in chat against the same limit as reports filed on the page', async () => {
    clock = new Date('2026-11-25T02:00:00Z')
    const service = await testApp(undefined, now)
    const say = async (text: string) => {
      const res = await service.app.request('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BOT_TOKEN}` },
        body: JSON.stringify({ session: 'wx-villager-zhao', text }),
      })
      expect(res.status).toBe(200)
      return ((await res.json()) as { replies: string[] }).replies.join('\n')
    }
    let filed = 0
    let refused = ''
    for (let i = 0; i < 21; i++) {
      clock = new Date(clock.getTime() + 61_000) // a minute apart: the chat's own limit is not what stops it
      expect(await say(`俺们东山镇桃园村的自来水停了${i + 2}天了，没人来修`)).toContain('要登记成反映问题吗')
      const reply = await say('1')
      if (/FK-\d{4}-\d{6}/.test(reply)) filed++
      else refused = reply
    }
    expect(filed).toBe(20)
    expect(refused).toMatch(/太频繁/)
  })

  it('counts a web chat’s reports with the page’s from the same address, however many chat sessions it opens', async () => {
    clock = new Date('2026-11-25T02:00:00Z')
    const service = await testApp(undefined, now)
    const address = '10.6.6.6'
    for (let i = 0; i < 10; i++) {
      const res = await service.app.request(
        '/api/reports',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ category: '饮水安全', description: `自来水停了${i + 2}天`, place: { town: '东山镇' } }),
        },
        { clientAddress: address },
      )
      expect(res.status).toBe(201)
    }
    const say = async (session: string, text: string) => {
      const res = await service.app.request(
        '/api/chat',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ session, text }) },
        { clientAddress: address },
      )
      expect(res.status).toBe(200)
      return ((await res.json()) as { replies: string[] }).replies.join('\n')
    }
    const replies: string[] = []
    for (let i = 0; i < 11; i++) {
      clock = new Date(clock.getTime() + 61_000)
      const session = `web-session-${i}-abc` // a fresh session each time, as a script would
      expect(await say(session, `俺们东山镇桃园村的自来水停了${i + 2}天了，没人来修`)).toContain('要登记成反映问题吗')
      replies.push(await say(session, '1'))
    }
    expect(replies.slice(0, 10).every((r) => /FK-\d{4}-\d{6}/.test(r))).toBe(true)
    expect(replies[10]).toMatch(/太频繁/)
    // another address files in chat as usual
    clock = new Date(clock.getTime() + 61_000)
    const other = async (text: string) =>
      (
        (await (
          await service.app.request(
            '/api/chat',
            { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ session: 'web-neighbour-1', text }) },
            { clientAddress: '10.6.6.7' },
          )
        ).json()) as { replies: string[] }
      ).replies.join('\n')
    await other('俺们东山镇桃园村的自来水停了两天了，没人来修')
    expect(await other('1')).toMatch(/FK-\d{4}-\d{6}/)
  })
})
