import { spawn } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, expect } from 'vitest'
import { ROOT } from '../../api/config.ts'
import { tempDir } from '../support/app.ts'

/**
 * What `npm start` prints (which ends up in logs): no token or binding code unless DEMO=on; they are in
 * owner-only files in the data directory, which the output names.
 */
async function start(env: Record<string, string>) {
  const dir = tempDir('start-')
  const server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'api/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BOT: 'off', DATA_DIR: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  server.stdout.on('data', (d: Buffer) => (out += d.toString()))
  server.stderr.on('data', (d: Buffer) => (out += d.toString()))
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('按 Ctrl+C 停止')) {
        clearInterval(timer)
        resolve()
      }
    }, 100)
    server.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)))
  })
  server.kill('SIGTERM')
  await new Promise((r) => (server.exitCode !== null ? r(undefined) : server.once('exit', r)))
  const admin = readFileSync(join(dir, 'admin-token.txt'), 'utf8').trim()
  const demo = readFileSync(join(dir, 'demo-cadre.txt'), 'utf8')
  const cadreToken = /令牌：(\S+)/.exec(demo)![1]!
  const code = /绑定码：(\d{6})/.exec(demo)![1]!
  return { dir, out, admin, cadreToken, code }
}

describe('the start-up output', { timeout: 90_000 }, () => {
  it('names where the tokens are, never the tokens, unless DEMO=on', async () => {
    const quiet = await start({})
    for (const secret of [quiet.admin, quiet.cadreToken, quiet.code]) expect(quiet.out).not.toContain(secret)
    expect(quiet.out).toContain(join(quiet.dir, 'admin-token.txt'))
    expect(quiet.out).toContain(join(quiet.dir, 'demo-cadre.txt'))
    expect(statSync(join(quiet.dir, 'demo-cadre.txt')).mode & 0o077).toBe(0)

    const demo = await start({ DEMO: 'on' })
    for (const secret of [demo.admin, demo.cadreToken, demo.code]) expect(demo.out).toContain(secret)
  })

  it('refuses to start with a TRUST_PROXY that is not a list of addresses, naming what is wrong', async () => {
    const server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'api/main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        BOT: 'off',
        DATA_DIR: tempDir('start-'),
        TRUST_PROXY: '10.0.0.1, gateway.county.local',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    server.stdout.on('data', (d: Buffer) => (out += d.toString()))
    server.stderr.on('data', (d: Buffer) => (out += d.toString()))
    // it exits, or it starts (then it is stopped and the test fails on the code)
    const code = await new Promise((resolve) => {
      const started = setInterval(() => {
        if (out.includes('按 Ctrl+C 停止')) server.kill('SIGTERM')
      }, 100)
      server.once('exit', (c) => {
        clearInterval(started)
        resolve(c)
      })
    })
    expect(code).toBe(1)
    expect(out).toContain('TRUST_PROXY')
    expect(out).toContain('gateway.county.local')
    expect(out).not.toContain('已启动')
  })
})
