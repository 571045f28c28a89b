import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, it, expect, vi } from 'vitest'
import { ROOT } from '../../api/config.ts'
import * as log from '../../api/lib/log.ts'
import { ADMIN_TOKEN, testApp } from '../support/app.ts'
import { seedHouseholds } from '../support/households.ts'

/**
 * The audit log is tamper-evident: entries written through the app form a hash chain with a separately
 * kept head; `npm run audit:verify` and the service's start find an edited, deleted, reordered or
 * cut-off line and name it.
 */
const verify = (dataDir: string) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'api/tools/audit-verify.ts'), dataDir], { cwd: ROOT }).then(
    ({ stdout, stderr }) => ({ code: 0, out: stdout + stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, out: err.stdout + err.stderr }),
  )

/** A data directory whose audit log has four entries: the admin read four households. */
async function auditedDirectory() {
  const service = await testApp(undefined, () => new Date('2026-11-25T02:00:00Z'))
  await seedHouseholds(service)
  for (const id of ['DS-0001', 'DS-0002', 'TY-0001', 'XH-0001']) {
    const res = await service.app.request(`/api/households/${id}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    expect(res.status).toBe(200)
  }
  await service.close()
  const file = join(service.dataDir, 'audit.jsonl')
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n')
  expect(lines).toHaveLength(4)
  return { dir: service.dataDir, file, lines }
}

const rewrite = (file: string, lines: string[]) => writeFileSync(file, lines.map((l) => `${l}\n`).join(''))

/** What the service logs when it opens a data directory. */
async function startWarnings(dir: string): Promise<string[]> {
  const warned: string[] = []
  const spy = vi.spyOn(log.logger, 'warn').mockImplementation(((message: unknown) => void warned.push(String(message))) as never)
  try {
    const service = await testApp(dir)
    await service.close()
  } finally {
    spy.mockRestore()
  }
  return warned.filter((w) => w.includes('审计链'))
}

describe('the audit chain', { timeout: 90_000 }, () => {
  it('verifies whole when nobody touched it, and the service starts without a warning', async () => {
    const { dir } = await auditedDirectory()
    const result = await verify(dir)
    expect(result).toMatchObject({ code: 0 })
    expect(result.out).toContain('审计链完整')
    expect(result.out).toContain('共 4 条')
    expect(await startWarnings(dir)).toEqual([])
  })

  it('accepts a head that lags the file (a crash between the lines and the head), and still finds a deleted head', async () => {
    const { dir, lines } = await auditedDirectory()
    const head = join(dir, 'audit.head')
    // the head as it stood after the second line: what a crash before the next head write leaves
    const second = JSON.parse(lines[1]!) as { seq: number }
    writeFileSync(head, JSON.stringify({ seq: second.seq, hash: createHash('sha256').update(lines[1]!).digest('hex') }))
    expect(await verify(dir)).toMatchObject({ code: 0 })
    expect(await startWarnings(dir)).toEqual([])
    rmSync(head)
    expect((await verify(dir)).code).toBe(1)
    expect((await startWarnings(dir)).join('\n')).toMatch(/链头文件.*不见了/)
  })

  it('finds an edited line: the start stops naming the file, and a tamperer who also fixes the mark is still named', async () => {
    const { dir, file, lines } = await auditedDirectory()
    // someone hides who looked at DS-0002
    const edited = [lines[0]!, lines[1]!.replace('县扶贫办', '系统'), lines[2]!, lines[3]!]
    rewrite(file, edited)
    const result = await verify(dir)
    expect(result.code).toBe(1)
    expect(result.out).toMatch(/第 3 行：和上一条对不上/)
    await expect(testApp(dir)).rejects.toThrow(/audit\.jsonl.*内容和最后一次写入时不一样/)

    // …and rewrites the file's mark to match: the chain still names the line, at start and in audit:verify
    const bytes = Buffer.from(edited.map((l) => `${l}\n`).join(''))
    writeFileSync(
      `${file}.mark`,
      JSON.stringify({ bytes: bytes.length, lines: 4, sha256: createHash('sha256').update(bytes).digest('hex') }),
    )
    const warned = await startWarnings(dir)
    expect(warned).toHaveLength(1)
    expect(warned[0]).toMatch(/audit\.jsonl 第 3 行/)
  })

  it('finds a deleted line, two lines swapped, and lines cut off the end', async () => {
    const { dir, file, lines } = await auditedDirectory()
    rewrite(file, [lines[0]!, lines[2]!, lines[3]!])
    expect((await verify(dir)).out).toMatch(/第 2 行：缺了第 2–2 条/)
    rewrite(file, [lines[0]!, lines[2]!, lines[1]!, lines[3]!])
    expect((await verify(dir)).out).toMatch(/第 2 行/)
    rewrite(file, lines.slice(0, 2))
    const cut = await verify(dir)
    expect(cut.code).toBe(1)
    expect(cut.out).toMatch(/末尾少了 2 条（应有 4 条/)
  })

  it('keeps chaining after a restart, and records reads of the 自主申报 list', async () => {
    const { dir } = await auditedDirectory()
    const service = await testApp(dir, () => new Date('2026-11-26T02:00:00Z'))
    const res = await service.app.request('/api/hardship', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    expect(res.status).toBe(200)
    const audit = (await (await service.app.request('/api/audit', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as {
      entries: { action: string; seq: number }[]
    }
    expect(audit.entries[0]).toMatchObject({ action: '申报列表', seq: 5 })
    await service.close()
    expect(await verify(dir)).toMatchObject({ code: 0 })
  })
})
