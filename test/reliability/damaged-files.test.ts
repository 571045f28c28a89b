import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, expect, beforeAll } from 'vitest'
import { ADMIN_TOKEN, BOT_TOKEN, tempDir, testApp } from '../support/app.ts'
import { seedHouseholds, HOUSEHOLDS } from '../support/households.ts'
import { acceptLoss } from '../../api/store/repair.ts'

/**
 * Every durable file of a data directory, damaged in every way a disk, a crash or a hand can damage it:
 * each start either has nothing missing or refuses, naming the file. Never a silent start with data gone.
 * Only a torn last line (a write cut by a crash, never acknowledged) is trimmed, and nothing is lost.
 */
let original: string
let counts: Counts

type Counts = Awaited<ReturnType<typeof countsOf>>
async function countsOf(service: Awaited<ReturnType<typeof testApp>>) {
  const s = service.stores
  return {
    reports: s.reports.all().length,
    households: s.households.count(),
    cadres: s.cadres.all().length,
    visits: HOUSEHOLDS.reduce((n, h) => n + s.visits.of(h.id).length, 0),
    audit: s.audit.recent({}, 1, 0).total,
    unanswered: (await s.unanswered.list()).length,
    cases: s.monitoring.all().length,
  }
}

/**
 * Files whose every record the counts above see. A damaged audit.head starts the service (the chain's
 * warning names it; no record is in it), and lines after households.jsonl's last commit were never
 * acknowledged (set aside in households.jsonl.uncommitted): both may start, with the counts unchanged.
 */
const COUNTED = new Set([
  'households.jsonl',
  'reports.jsonl',
  'visits.jsonl',
  'audit.jsonl',
  'audit.head',
  'cadres.json',
  'unanswered.json',
  'monitoring.json',
])

const clock = () => new Date('2026-11-25T02:00:00Z')

beforeAll(async () => {
  // A directory with something in every file: households, cadres and tokens, reports (with their
  // notices), a visit, reads (audit), chats (sessions), an unanswered question, a 自主申报, a wrong 核验.
  const service = await testApp(undefined, clock, { rateLimits: false })
  const tokens = await seedHouseholds(service)
  const call = (method: string, url: string, body?: unknown, token?: string) =>
    service.app.request(url, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  for (let i = 0; i < 5; i++) {
    const res = await call('POST', '/api/reports', {
      category: '饮水安全',
      description: `自来水停了${i + 2}天`,
      place: { town: '东山镇', village: '东山村' },
    })
    expect(res.status).toBe(201)
  }
  expect((await call('POST', '/api/households/DS-0001/visits', { note: '了解生产生活情况' }, tokens['BF-A'])).status).toBe(201)
  expect((await call('GET', '/api/households/DS-0002', undefined, ADMIN_TOKEN)).status).toBe(200)
  expect((await call('POST', '/api/chat', { session: 'villager-1', text: '你好' }, BOT_TOKEN)).status).toBe(200)
  // a wrong 核验 (lockouts.json: a damaged one must not start the service with the lockouts forgiven)
  expect((await call('POST', '/api/households/verify', { name: '张三', idLast6: '000000' })).status).toBe(401)
  expect((await call('GET', `/api/ask?q=${encodeURIComponent('明天天气怎么样')}`)).status).toBe(200)
  expect(
    (
      await call('POST', '/api/hardship', {
        kind: '大病',
        description: '老伴住院花了六万多',
        town: '东山镇',
        village: '东山村',
        name: '孙七',
      })
    ).status,
  ).toBe(201)
  counts = await countsOf(service)
  await service.close()
  original = service.dataDir
}, 60_000)

/** The durable files: everything in the directory but the lock, temp files and the marks themselves. */
const durable = () => readdirSync(original).filter((f) => !f.startsWith('.') && !f.endsWith('.tmp') && !f.endsWith('.mark'))

function copyOf(): string {
  const dir = tempDir('damaged-')
  for (const f of readdirSync(original)) if (!f.endsWith('.tmp') && !f.startsWith('.lock')) copyFileSync(join(original, f), join(dir, f))
  return dir
}

const lines = (text: string) => text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1)
/** A change that keeps the file valid JSON: someone edits a value. */
function editValue(text: string): string | undefined {
  for (const [from, to] of [
    ['"2026-', '"2025-'],
    ['东山', '西河'],
    ['true', 'false'],
  ]) {
    if (text.includes(from!)) return text.replace(from!, to!)
  }
  return undefined
}

const DAMAGES: Record<string, (text: string) => string | null | undefined> = {
  'truncated in the middle': (t) =>
    Buffer.from(t)
      .subarray(0, Math.floor(Buffer.byteLength(t) / 2))
      .toString('latin1'),
  'last line cut': (t) => {
    const l = lines(t)
    return l.length > 1 ? `${l.slice(0, -1).join('\n')}\n` : ''
  },
  emptied: () => '',
  deleted: () => null,
  'garbage appended': (t) => `${t}@@@ garbage @@@\n`,
  'a valid value edited': (t) => editValue(t),
}

function damage(dir: string, file: string, how: (text: string) => string | null | undefined): boolean {
  const path = join(dir, file)
  const text = readFileSync(path, 'utf8')
  const next = how(text)
  if (next === undefined || next === text) return false
  if (next === null) rmSync(path)
  else if (how === DAMAGES['truncated in the middle']) writeFileSync(path, Buffer.from(next, 'latin1'))
  else writeFileSync(path, next)
  return true
}

describe('a damaged data file', { timeout: 300_000 }, () => {
  it('never starts the service with data silently missing: every case refuses naming the file', async () => {
    const silent: string[] = []
    let cases = 0
    for (const file of durable()) {
      for (const [what, how] of Object.entries(DAMAGES)) {
        const dir = copyOf()
        if (!damage(dir, file, how)) continue
        cases++
        try {
          const service = await testApp(dir, clock)
          const after = await countsOf(service)
          await service.close()
          // A start is whole only where the counts can show it: anything else must refuse.
          if (!COUNTED.has(file) || JSON.stringify(after) !== JSON.stringify(counts))
            silent.push(`${file} ${what}: started with ${JSON.stringify(after)} (before ${JSON.stringify(counts)})`)
        } catch (err) {
          expect((err as Error).message, `${file} ${what}`).toContain(file)
        }
      }
    }
    expect(silent).toEqual([])
    expect(durable().length).toBeGreaterThanOrEqual(10)
    expect(durable()).toContain('lockouts.json')
    expect(cases).toBeGreaterThanOrEqual(durable().length * 5)
  })

  it('trims a torn last line (a write cut by a crash, never acknowledged) and starts with nothing lost', async () => {
    for (const file of durable().filter((f) => f.endsWith('.jsonl'))) {
      const dir = copyOf()
      writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}{"torn":`)
      const service = await testApp(dir, clock)
      expect(await countsOf(service), file).toEqual(counts)
      await service.close()
    }
  })

  it('after an accepted loss of reports, a new report never gets a ticket number that was given out', async () => {
    const dir = copyOf()
    const reports = join(dir, 'reports.jsonl')
    const all = lines(readFileSync(reports, 'utf8'))
    const lastTicket = JSON.parse(all.at(-1)!).report.ticket as string
    writeFileSync(reports, `${all.slice(0, 2).join('\n')}\n`) // three reports gone
    await expect(testApp(dir, clock)).rejects.toThrow(/reports\.jsonl.*少了内容/)
    expect(await acceptLoss(dir, 'reports.jsonl', clock())).toMatch(/原有 5 行/)
    const service = await testApp(dir, clock, { rateLimits: false })
    const res = await service.app.request('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: '饮水安全', description: '自来水又停了', place: { town: '东山镇', village: '东山村' } }),
    })
    const { ticket } = (await res.json()) as { ticket: string }
    expect(ticket > lastTicket).toBe(true)
    // the decision is in the audit log
    const audit = service.stores.audit.recent({}, 1, 0).entries[0]!
    expect(audit).toMatchObject({ action: '接受数据损失', channel: '命令行' })
    await service.close()
  })
})
