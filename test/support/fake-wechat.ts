import { afterAll } from 'vitest'
import { startFakeWechat, type FakeWechat } from '../../api/wechat/fake-server.ts'
import { connectWechat } from '../../api/wechat/connect.ts'
import { parseFieldMap } from '../../api/domain/notify/template-fields.ts'
import { tempDir, testApp } from './app.ts'
import { CADRE_TEMPLATE, STATUS_TEMPLATE } from '../../miniprogram/src/config.ts'

// the ids the mini-program asks the user for: the server must send with the same ones
export { CADRE_TEMPLATE, STATUS_TEMPLATE } from '../../miniprogram/src/config.ts'

/**
 * The app as `npm start` builds it without an AppID: signing in and pushing through a fake WeChat server
 * on loopback, over real HTTP. The fake is closed when the file's tests end.
 */
export async function appWithWechat(now: () => Date, dataDir = tempDir()) {
  const wechat: FakeWechat = await startFakeWechat({ appId: 'wx-test', secret: 'wx-test-secret' })
  afterAll(() => wechat.close())
  const service = await testApp(dataDir, now, {
    rateLimits: false,
    wechat: connectWechat(
      {
        baseUrl: wechat.url,
        appId: 'wx-test',
        secret: 'wx-test-secret',
        timeoutMs: 2000,
        push: {
          templates: {
            status: { id: STATUS_TEMPLATE, fields: parseFieldMap('character_string1=ticket,phrase2=title,time3=time,thing4=note') },
            cadre: { id: CADRE_TEMPLATE, fields: parseFieldMap('character_string1=ticket,thing2=title,time3=time,thing4=note') },
          },
          page: 'pages/mine/mine',
          state: 'developer',
        },
      },
      now,
    ),
  })
  /** a JSON request to the app, as a client holding the token (if any) sends it */
  const call = async (method: string, url: string, body?: unknown, token?: string) => {
    const res = await service.app.request(url, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: res.status, body: (await res.json()) as any }
  }
  let logins = 0
  /** wx.login → POST /api/wx/login, as the mini-program does on launch: a fresh code for the same person */
  const signIn = async (person: string) => {
    const res = await call('POST', '/api/wx/login', { code: `${person}#${++logins}` })
    if (res.status !== 201) throw new Error(`login failed: ${JSON.stringify(res.body)}`)
    return res.body as { token: string; expiresAt: string; me: { kind: string } }
  }
  return { service, wechat, call, signIn }
}
