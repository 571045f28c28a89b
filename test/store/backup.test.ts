import { execFile } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { AddressInfo } from 'node:net'
import { describe, it, expect } from 'vitest'
import { serve } from '@hono/node-server'
import { ROOT } from '../../api/config.ts'
import { testApp, tempDir } from '../support/app.ts'
import { seedHouseholds, HOUSEHOLDS } from '../support/households.ts'

/**
 * Backup while the service takes reports over 127.0.0.1, then wipe, restore into an empty directory and
 * start again: every report acknowledged before the backup began is there with its query code, and
 * every household. A changed backup or a directory with data in it is refused, naming why.
 */
const tool = (name: 'backup' | 'restore', arg: string, dataDir: string) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, `api/tools/${name}.ts`), arg], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, out: stdout + stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, out: err.stdout + err.stderr }),
  )

describe('backup and restore', { timeout: 120_000 }, () => {
  it('backs up under write load; restored into an empty directory, every acknowledged report and every household is there', async () => {
    const service = await testApp(undefined, undefined, { rateLimits: false })
    await seedHouseholds(service)
    const server = serve({ fetch: service.app.fetch, hostname: '127.0.0.1', port: 0 })
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const filed: { ticket: string; code: string }[] = []
    const file = async (i: number) => {
      const res = await fetch(`${base}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          category: '饮水安全',
          description: `第${i}户：自来水停了三天`,
          place: { town: '东山镇', village: '东山村' },
        }),
      })
      expect(res.status).toBe(201)
      filed.push((await res.json()) as { ticket: string; code: string })
    }
    for (let i = 0; i < 40; i++) await file(i)

    // Writers keep filing (10 at a time) while the backup runs; what was acknowledged before it began must be in it.
    const before = [...filed]
    let writing = true
    const writers = Array.from({ length: 10 }, async (_, w) => {
      for (let i = 0; writing && i < 100; i++) await file(1000 + w * 100 + i)
    })
    const backupDir = join(tempDir('backup-'), 'copy')
    const backup = await tool('backup', backupDir, service.dataDir)
    writing = false
    await Promise.all(writers)
    expect(backup.out).toContain('备份完成')
    expect(backup.code).toBe(0)
    expect(filed.length).toBeGreaterThan(before.length) // the backup really ran beside writes
    await new Promise((resolve) => server.close(resolve))
    await service.close()

    const fresh = join(tempDir('restored-'), 'data')
    const restored = await tool('restore', backupDir, fresh)
    expect(restored.out).toContain('恢复完成')
    expect(restored.code).toBe(0)
    const again = await testApp(fresh)
    for (const { ticket, code } of before) {
      const res = await again.app.request(`/api/reports/${ticket}?code=${code}`)
      expect(res.status, ticket).toBe(200)
    }
    expect(again.stores.households.count()).toBe(HOUSEHOLDS.length)
    await again.close()
  })

  it('refuses a backup whose file was changed, and a data directory that already has data, and says which', async () => {
    const service = await testApp()
    await seedHouseholds(service)
    await service.close()
    const backupDir = join(tempDir('backup-'), 'copy')
    expect((await tool('backup', backupDir, service.dataDir)).code).toBe(0)
    expect((await tool('backup', backupDir, service.dataDir)).out).toContain('已经有文件')

    const busy = tempDir('busy-')
    writeFileSync(join(busy, 'reports.jsonl'), '')
    const refused = await tool('restore', backupDir, busy)
    expect(refused.code).toBe(1)
    expect(refused.out).toContain('已经有数据')

    const households = join(backupDir, 'households.jsonl')
    writeFileSync(households, readFileSync(households, 'utf8').replace('张三', '张四'))
    const target = join(tempDir('restored-'), 'data')
    const damaged = await tool('restore', backupDir, target)
    expect(damaged.code).toBe(1)
    expect(damaged.out).toContain('households.jsonl 和备份时不一样')
    expect(existsSync(join(target, 'households.jsonl'))).toBe(false)
  })
})
