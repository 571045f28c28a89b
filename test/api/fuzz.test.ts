import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { testApp, ADMIN_TOKEN, BOT_TOKEN } from '../support/app.ts'
import { seedHouseholds } from '../support/households.ts'

const HAN = /[\u4e00-\u9fa5]/

/** What a careless or hostile client sends: every kind of odd text. */
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '../../etc/passwd',
    '..%2F..%2Fpackage.json',
    '%00',
    '\u0000\u0001\u001b[31m',
    '😀👨‍👩‍👧‍👦🏚️',
    '孩子上高職有補助嗎',
    '臺灣省',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '330102199001011234',
    'FK-2026-000001',
    'SB-2026-000001',
    'DS-0001',
    '',
  ),
  fc.string({ minLength: 5000, maxLength: 20000 }),
)
const anyJson = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(
    fc.constantFrom(
      'q',
      'text',
      'session',
      'facts',
      'category',
      'description',
      'place',
      'name',
      'idLast6',
      'note',
      'code',
      'bindingCode',
      'kind',
      'outcome',
      'action',
      'satisfied',
      'anonymous',
      'date',
      'routes',
    ),
    fc.oneof(fc.jsonValue(), nasty),
  ),
)
const rawBody = fc.oneof(
  anyJson.map((v) => JSON.stringify(v)),
  fc.constantFrom('{', '{"a":', 'null', '[]', '"x"', 'not json at all', '{"text":"\u0000"}'),
  fc.string({ minLength: 70_000, maxLength: 80_000 }).map((s) => JSON.stringify({ text: s })),
)

describe('fuzzed requests to every route', () => {
  it('never get a 5xx; every 4xx explains itself in Chinese; the server keeps answering', async () => {
    const service = await testApp()
    const { app } = service
    const tokens = await seedHouseholds(service)
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> }
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ path, method: method.toUpperCase() })),
    )
    expect(operations.length).toBeGreaterThan(35)
    const auth = fc.constantFrom(undefined, ADMIN_TOKEN, BOT_TOKEN, tokens['BF-A'], 'forged-token-1234567890')
    let requests = 0

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.array(nasty, { minLength: 1, maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 10 }), nasty, { maxKeys: 4 }),
        rawBody,
        auth,
        async (op, params, query, body, token) => {
          let i = 0
          const path = op.path.replace(/\{\w+\}/g, () => encodeURIComponent(params[i++ % params.length]!))
          const search = new URLSearchParams(query).toString()
          const res = await app.request(`${path}${search ? `?${search}` : ''}`, {
            method: op.method,
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            ...(op.method === 'GET' ? {} : { body }),
          })
          requests += 1
          const text = await res.text()
          if (res.status >= 500) throw new Error(`${op.method} ${path} → ${res.status}: ${text.slice(0, 200)}`)
          if (res.status >= 400) {
            const message = (JSON.parse(text) as { error: { message: string } }).error.message
            if (!HAN.test(message)) throw new Error(`${op.method} ${path} → ${res.status} without a Chinese message: ${message}`)
          }
        },
      ),
      { numRuns: 1500, seed: 20261125 },
    )

    expect(requests).toBe(1500)
    expect((await app.request('/health')).status).toBe(200)
    expect((await app.request('/api/ask?q=低保怎么申请')).status).toBe(200)
  }, 300_000) // about 45 s alone; sized for a busy 2-core machine
})
