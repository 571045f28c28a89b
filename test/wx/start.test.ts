import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/app.ts'
import { spawnServer, started, stopServer } from '../support/server.ts'

/** `npm start` without WX_APPID: the mini-program signs in and gets pushes through the fake WeChat it starts. */
describe('npm start without an AppID', { timeout: 90_000 }, () => {
  it('runs a fake WeChat on loopback, and a status change reaches it as a subscription message', async () => {
    const dir = tempDir('start-wx-')
    const { server, output } = spawnServer({ DATA_DIR: dir, DEMO_HOUSEHOLDS: '0' })
    try {
      const port = await started(server, output)
      const fake = /模拟微信 (http:\/\/127\.0\.0\.1:\d+)/.exec(output())?.[1]
      expect(fake).toBeDefined()
      const api = `http://127.0.0.1:${port}`
      const admin = readFileSync(join(dir, 'admin-token.txt'), 'utf8').trim()
      const post = async (path: string, body: unknown, token?: string) => {
        const res = await fetch(`${api}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        })
        return { status: res.status, body: (await res.json()) as any }
      }
      const login = await post('/api/wx/login', { code: 'villager#1' })
      expect(login.status).toBe(201)
      const filed = await post(
        '/api/reports',
        { category: '饮水安全', description: '自来水停了三天了', place: { town: '东山镇', village: '东山村' } },
        login.body.token,
      )
      expect(filed.status).toBe(201)
      expect((await post('/api/wx/subscriptions', { ticket: filed.body.ticket, result: 'accept' }, login.body.token)).status).toBe(200)
      expect((await post(`/api/reports/${filed.body.ticket}/actions`, { action: 'accept' }, admin)).status).toBe(200)
      // the server's own push loop sends it (every 3 s); bounded wait
      let sent: any[] = []
      for (let i = 0; i < 60 && sent.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 250))
        sent = ((await (await fetch(`${fake}/fake/sent`)).json()) as { sent: any[] }).sent
      }
      expect(sent).toHaveLength(1)
      expect(sent[0].data.character_string1.value).toBe(filed.body.ticket)
      expect(sent[0].data.phrase2.value).toBe('已受理')
    } finally {
      await stopServer(server)
    }
  })

  it('refuses to start with an AppID but no secret, naming the setting', async () => {
    const { server, output } = spawnServer({ DATA_DIR: tempDir('start-wx-'), WX_APPID: 'wx1234567890' })
    const code = await new Promise((resolve) => server.once('exit', resolve))
    expect(code).toBe(1)
    expect(output()).toMatch(/WX_SECRET/)
  })
})
