import { describe, it, expect } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { lockDataDir } from '../../api/store/lock.ts'
import { tempDir } from '../support/app.ts'

const ROOT = join(import.meta.dirname, '../..')

/** A pid that is certainly not running: a process that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!

/** Another process that tries to lock `dir` at `start`, says whether it got it, and holds it until killed. */
function contender(dir: string, start: number): { said: Promise<string>; kill: () => void } {
  const script = `
    import { lockDataDir } from ${JSON.stringify(join(ROOT, 'api/store/lock.ts'))}
    while (Date.now() < ${start}) {}
    try { lockDataDir(${JSON.stringify(dir)}, '测试'); console.log('got'); setTimeout(() => {}, 60_000) }
    catch (err) { console.log(/正被进程/.test(String(err)) ? 'busy' : 'error: ' + err) }
  `
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT })
  const said = new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      if (/got|busy|error/.test(out)) resolve(out.trim())
    })
    child.on('error', reject)
    child.on('exit', () => resolve(out.trim()))
  })
  return { said, kill: () => child.kill('SIGKILL') }
}

describe('the data-directory lock', () => {
  it('refuses a second owner while the first is alive, and is free again once released', () => {
    const dir = tempDir()
    const release = lockDataDir(dir, '运行服务')
    const stranger = { pid: process.ppid, owner: '运行服务' }
    writeFileSync(join(dir, '.lock'), JSON.stringify(stranger))
    expect(() => lockDataDir(dir, '导入')).toThrow(/正被进程 \d+（运行服务）使用。请先停止它再导入/)
    release()
    expect(existsSync(join(dir, '.lock'))).toBe(false)
    lockDataDir(dir, '导入')()
  })

  it('takes over a lock left by a process that died, and writes itself as the holder', () => {
    const dir = tempDir()
    writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: deadPid(), owner: '运行服务' }))
    const release = lockDataDir(dir, '导入')
    expect(JSON.parse(readFileSync(join(dir, '.lock'), 'utf8'))).toEqual({ pid: process.pid, owner: '导入' })
    release()
  })

  it('makes the data directory readable by the service’s user only: files 0600, the directory 0700', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'reports.jsonl'), '', { mode: 0o644 })
    chmodSync(dir, 0o755)
    const release = lockDataDir(dir, '运行服务')
    try {
      writeFileSync(join(dir, 'audit.jsonl'), '')
      const mode = (name: string) => statSync(join(dir, name)).mode & 0o777
      expect([mode('.'), mode('reports.jsonl'), mode('audit.jsonl'), mode('.lock')]).toEqual([0o700, 0o600, 0o600, 0o600])
    } finally {
      release()
    }
  })

  it('gives a stale lock to exactly one of several processes that race for it', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: deadPid(), owner: '运行服务' }))
    const start = Date.now() + 4000 // all try at once, after their imports are loaded
    const racers = Array.from({ length: 6 }, () => contender(dir, start))
    try {
      const said = await Promise.all(racers.map((r) => r.said))
      expect(said.filter((s) => s === 'got')).toHaveLength(1)
      expect(said.filter((s) => s === 'busy')).toHaveLength(5)
    } finally {
      for (const r of racers) r.kill()
    }
  }, 60_000)
})
