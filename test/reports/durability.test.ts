import { writeFileSync, appendFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawnServer, started, stopServer } from '../support/server.ts'
import { describe, it, expect } from 'vitest'
import { openReportRepository } from '../../api/store/reports.ts'
import { openReport, type NewReport } from '../../api/domain/reports/report.ts'
import { formatTicket } from '../../api/domain/reports/ticket.ts'
import { tempDir } from '../support/app.ts'

const input: NewReport = {
  category: '饮水安全',
  description: '村里自来水停了三天了',
  place: { town: '东山镇' },
  anonymous: true,
  reporter: null,
}
const at = new Date('2026-11-25T02:00:00Z')

/** 100,000 stored reports written straight to the journal, as a year of a county's reports would be. */
function seedJournal(dir: string, count: number) {
  const lines: string[] = []
  for (let n = 1; n <= count; n++) {
    lines.push(JSON.stringify({ report: openReport(input, formatTicket(2026, n), 'x', at) }))
    if (lines.length === 10_000) appendFileSync(join(dir, 'reports.jsonl'), `${lines.splice(0).join('\n')}\n`)
  }
}

describe('reports survive load and crashes', () => {
  it('lands 1,000 concurrent reports on top of 100,000, all of them, in order', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'reports.jsonl'), '')
    seedJournal(dir, 100_000)
    const repo = await openReportRepository(dir)
    expect(repo.all()).toHaveLength(100_000)
    const filed = await Promise.all(Array.from({ length: 1000 }, () => repo.create(input, at)))
    expect(filed.map((f) => f.report.ticket)).toEqual(Array.from({ length: 1000 }, (_, i) => formatTicket(2026, 100_001 + i)))
    await repo.close()

    const reopened = await openReportRepository(dir)
    expect(reopened.all()).toHaveLength(101_000)
    const tail = readFileSync(join(dir, 'reports.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .slice(-1000)
      .map((l) => JSON.parse(l).report.ticket)
    expect(tail).toEqual(filed.map((f) => f.report.ticket))
    await reopened.close()
  }, 60_000)

  it('loses no acknowledged report when the server is killed with SIGKILL under load', async () => {
    const dir = tempDir()
    const { server, port } = await startServer(dir)

    const acknowledged: string[] = []
    let killed = false
    const post = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ category: '饮水安全', description: '村里自来水停了三天了', place: { town: '东山镇' }, anonymous: true }),
      })
      if (res.status === 201) acknowledged.push(((await res.json()) as { ticket: string }).ticket)
    }
    // 40 clients send up to 1,000 reports; the server is killed once 300 have been acknowledged.
    const clients = Array.from({ length: 40 }, async () => {
      for (let i = 0; i < 25 && !killed; i++) {
        await post().catch(() => undefined)
        if (!killed && acknowledged.length >= 300) {
          killed = true
          server.kill('SIGKILL')
        }
      }
    })
    await Promise.all(clients)
    if (!killed) server.kill('SIGKILL')
    await new Promise((r) => (server.exitCode !== null || server.signalCode !== null ? r(undefined) : server.once('exit', r)))

    const repo = await openReportRepository(dir)
    const stored = new Set(repo.all().map((r) => r.ticket))
    expect(acknowledged.length).toBeGreaterThanOrEqual(300)
    expect(acknowledged.filter((t) => !stored.has(t))).toEqual([])
    await repo.close()

    // The server starts again on the same directory (taking over the dead process's lock), reads every
    // report, and goes on numbering after the last one.
    const again = await startServer(dir)
    try {
      const list = await fetch(`http://127.0.0.1:${again.port}/api/reports?limit=1`, {
        headers: { authorization: 'Bearer crash-test-admin-token-0123' },
      })
      expect(((await list.json()) as { total: number }).total).toBe(stored.size)
      const res = await fetch(`http://127.0.0.1:${again.port}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ category: '饮水安全', description: '重启以后再反映一次', place: { town: '东山镇' }, anonymous: true }),
      })
      expect(res.status).toBe(201)
      expect(stored.has(((await res.json()) as { ticket: string }).ticket)).toBe(false)
    } finally {
      await stopServer(again.server)
    }
  }, 90_000)
})

/** The real server (npm start's entry point) on a free loopback port, without the bot. */
async function startServer(dir: string) {
  const { server, output } = spawnServer({
    RATE_LIMITS: 'off',
    LOG_LEVEL: 'info',
    DATA_DIR: dir,
    ADMIN_TOKEN: 'crash-test-admin-token-0123',
  })
  return { server, port: await started(server, output) }
}
