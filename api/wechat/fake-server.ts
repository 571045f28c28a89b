import { createHash, randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import type { SubscribeMessage } from './wechat-api.ts'

/**
 * A stand-in for WeChat's servers, on loopback: code2Session, the access token and subscribeMessage.send,
 * recording what it was sent. `npm test` signs in and pushes end to end with it, and `npm start` uses it
 * when no WX_APPID is set (a demo without a registered mini-program). Not a model of WeChat's every rule:
 * only the answers the service must handle (a bad code, a stale token, a user who refused, being down).
 */
export interface FakeWechat {
  readonly url: string
  /** subscription messages received, in order */
  readonly sent: (SubscribeMessage & { at: string })[]
  /** access tokens issued so far (one refresher: this stays small) */
  readonly tokensIssued: number
  /**
   * The openid a wx.login code stands for. A code is good once, as WeChat's are; "<person>#<n>" codes are the
   * same person each time (tests and demos name their users), any other code is a person of its own.
   */
  openidOf(code: string): string
  /** while down, every call answers 503: the service must keep its notices and try again */
  setDown(down: boolean): void
  /** WeChat's 43101 for this user: they turned the subscription off in WeChat's settings */
  refuse(openid: string): void
  /** WeChat's 40037 for this template id (deleted, or mistyped in the settings) */
  breakTemplate(templateId: string): void
  /** makes the current token stale (as WeChat does when a token is fetched elsewhere) */
  expireTokens(): void
  close(): Promise<void>
}

export async function startFakeWechat(options: { appId: string; secret: string; port?: number }): Promise<FakeWechat> {
  const sent: FakeWechat['sent'] = []
  const liveTokens = new Set<string>()
  const usedCodes = new Set<string>()
  const refused = new Set<string>()
  const brokenTemplates = new Set<string>()
  let tokensIssued = 0
  let down = false
  const openidOf = (code: string) =>
    `o${createHash('sha256')
      .update(`${options.appId}/${code.split('#')[0]}`)
      .digest('base64url')
      .slice(0, 27)}`
  const fail = (errcode: number, errmsg: string) => ({ errcode, errmsg })

  const app = new Hono()
  app.use('*', async (c, next) => (down ? c.json(fail(-1, 'system error'), 503) : next()))
  app.get('/sns/jscode2session', (c) => {
    const { appid, secret, js_code: code } = c.req.query()
    if (appid !== options.appId) return c.json(fail(40013, 'invalid appid'))
    if (secret !== options.secret) return c.json(fail(40125, 'invalid appsecret'))
    if (!code || code.length > 128) return c.json(fail(40029, 'invalid code'))
    if (usedCodes.has(code)) return c.json(fail(40163, 'code been used'))
    usedCodes.add(code)
    return c.json({ openid: openidOf(code), session_key: randomBytes(16).toString('base64') })
  })
  app.get('/cgi-bin/token', (c) => {
    const { appid, secret } = c.req.query()
    if (appid !== options.appId || secret !== options.secret) return c.json(fail(40013, 'invalid appid or secret'))
    const token = randomBytes(24).toString('base64url')
    liveTokens.add(token)
    tokensIssued += 1
    return c.json({ access_token: token, expires_in: 7200 })
  })
  app.post('/cgi-bin/message/subscribe/send', async (c) => {
    if (!liveTokens.has(c.req.query('access_token') ?? ''))
      return c.json(fail(40001, 'invalid credential, access_token is invalid or not latest'))
    const message = (await c.req.json()) as SubscribeMessage
    if (!message.touser || !message.template_id || !message.data) return c.json(fail(47003, 'argument invalid'))
    if (brokenTemplates.has(message.template_id)) return c.json(fail(40037, 'invalid template_id'))
    if (refused.has(message.touser)) return c.json(fail(43101, 'user refuse to accept the msg'))
    sent.push({ ...message, at: new Date().toISOString() })
    return c.json({ errcode: 0, errmsg: 'ok' })
  })
  // what a person running the demo can look at: the pushes the service made
  app.get('/fake/sent', (c) => c.json({ sent }))

  const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    sent,
    get tokensIssued() {
      return tokensIssued
    },
    openidOf,
    setDown: (d) => {
      down = d
    },
    refuse: (openid) => refused.add(openid),
    breakTemplate: (id) => brokenTemplates.add(id),
    expireTokens: () => liveTokens.clear(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
