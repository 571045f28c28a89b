import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, expect } from 'vitest'
import { tempDir } from '../support/app.ts'
import { spawnServer, started, stopServer } from '../support/server.ts'

/**
 * What `npm start` prints (which ends up in logs): no token or binding code unless DEMO=on; they are in
 * owner-only files in the data directory, which the output names.
 */
async function start(env: Record<string, string>) {
  const dir = tempDir('start-')
  const { server, output } = spawnServer({ DATA_DIR: dir, ...env })
  await started(server, output)
  await stopServer(server)
  const out = output()
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
    const { server, output } = spawnServer({ DATA_DIR: tempDir('start-'), TRUST_PROXY: '10.0.0.1, gateway.county.local' })
    const exited = new Promise((resolve) => server.once('exit', resolve))
    // it exits, or it starts (then it is stopped and the test fails on the code)
    await started(server, output).then(
      () => stopServer(server),
      () => undefined,
    )
    const code = await exited
    const out = output()
    expect(code).toBe(1)
    expect(out).toContain('TRUST_PROXY')
    expect(out).toContain('gateway.county.local')
    expect(out).not.toContain('已启动')
  })
})
