import type { AddressInfo } from 'node:net'
import { describe, it, expect } from 'vitest'
import { serve } from '@hono/node-server'
import { testApp, ADMIN_TOKEN } from '../support/app.ts'
import { seedHouseholds } from '../support/households.ts'

describe('load on loopback', () => {
  it('2,000 mixed requests at concurrency 64: every one answered, none with an error', async () => {
    // Many villagers from one address: the per-caller limits would (rightly) stop this as one caller.
    const service = await testApp(undefined, undefined, { rateLimits: false })
    const tokens = await seedHouseholds(service)
    const server = serve({ fetch: service.app.fetch, hostname: '127.0.0.1', port: 0 })
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const json = { 'content-type': 'application/json' }
    const kinds: (() => Promise<Response>)[] = [
      () => fetch(`${base}/api/ask?q=${encodeURIComponent('孩子上高职有补助吗')}`),
      () => fetch(`${base}/api/ask?q=${encodeURIComponent('危房改造怎么申请')}`),
      () => fetch(`${base}/api/contacts?town=${encodeURIComponent('东山镇')}`),
      () => fetch(`${base}/api/households/DS-0001`, { headers: { authorization: `Bearer ${tokens['BF-A']}` } }),
      () => fetch(`${base}/api/households`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }),
      () =>
        fetch(`${base}/api/chat`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ session: `web-load-${Math.random().toString(36).slice(2, 10)}`, text: '低保怎么申请' }),
        }),
      () =>
        fetch(`${base}/api/reports`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ category: '饮水安全', description: '村里自来水停了三天', place: { town: '东山镇' }, anonymous: true }),
        }),
      () =>
        fetch(`${base}/api/eligibility`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ facts: { status: '建档立卡贫困户', students: [{ stage: '高职' }] }, date: '2020-06-01' }),
        }),
    ]
    const TOTAL = 2000
    const statuses = new Map<number, number>()
    const failures: string[] = []
    let next = 0
    const worker = async () => {
      while (next < TOTAL) {
        const i = next++
        try {
          const res = await kinds[i % kinds.length]!()
          await res.arrayBuffer()
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        } catch (err) {
          failures.push(String(err))
        }
      }
    }
    try {
      await Promise.all(Array.from({ length: 64 }, worker))
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
    expect(failures).toEqual([])
    expect(Object.fromEntries(statuses)).toEqual({ 200: TOTAL - TOTAL / kinds.length, 201: TOTAL / kinds.length })
    expect(service.stores.reports.all()).toHaveLength(TOTAL / kinds.length)
  }, 120_000)
})
