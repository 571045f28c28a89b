/**
 * The three calls the service makes to WeChat's servers: code2Session (a mini-program's wx.login code →
 * the user's openid), the app's access token, and subscribeMessage.send. The base URL is a setting so that
 * tests and `npm start` without an AppID talk to the fake server (api/wechat/fake-server.ts) instead.
 */
export interface WechatApiOptions {
  baseUrl: string
  appId: string
  secret: string
  /** a call that does not answer within this is a failure (WeChat is down): the notice waits */
  timeoutMs?: number
}

/** WeChat answered with an error code; `temporary` when trying again later may succeed. */
export class WechatError extends Error {
  constructor(
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`微信接口返回错误 ${errcode}：${errmsg}`)
    this.name = 'WechatError'
  }
  /** the access token expired or was replaced: fetch a new one and try again */
  get staleToken() {
    return this.errcode === 40001 || this.errcode === 42001 || this.errcode === 40014
  }
  /** the user has not (or no longer) agreed to this template: sending again will not help */
  get refusedByUser() {
    return this.errcode === 43101
  }
  /** system busy (-1) and other server-side trouble: try again later */
  get temporary() {
    return this.errcode === -1 || this.errcode === 45009 || this.staleToken
  }
}

export interface SubscribeMessage {
  touser: string
  template_id: string
  page?: string
  data: Record<string, { value: string }>
  miniprogram_state?: 'developer' | 'trial' | 'formal'
  lang?: 'zh_CN'
}

export interface WechatApi {
  code2Session(code: string): Promise<{ openid: string }>
  fetchAccessToken(): Promise<{ token: string; expiresInSeconds: number }>
  sendSubscribeMessage(accessToken: string, message: SubscribeMessage): Promise<void>
}

export function wechatApi({ baseUrl, appId, secret, timeoutMs = 10_000 }: WechatApiOptions): WechatApi {
  const base = baseUrl.replace(/\/+$/, '')
  /** WeChat answers 200 with {errcode, errmsg} on failure; an HTTP error or a timeout is a failure too. */
  async function call(path: string, init?: RequestInit): Promise<Record<string, unknown>> {
    const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    if (!res.ok) throw new Error(`微信接口 ${path.split('?')[0]} 返回 HTTP ${res.status}`)
    const body = (await res.json()) as Record<string, unknown>
    const errcode = typeof body.errcode === 'number' ? body.errcode : 0
    if (errcode !== 0) throw new WechatError(errcode, String(body.errmsg ?? ''))
    return body
  }
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString()
  return {
    async code2Session(code) {
      const body = await call(`/sns/jscode2session?${q({ appid: appId, secret, js_code: code, grant_type: 'authorization_code' })}`)
      if (typeof body.openid !== 'string' || !body.openid) throw new Error('微信登录没有返回 openid')
      // session_key is not kept: nothing here decrypts the user's data
      return { openid: body.openid }
    },
    async fetchAccessToken() {
      const body = await call(`/cgi-bin/token?${q({ grant_type: 'client_credential', appid: appId, secret })}`)
      if (typeof body.access_token !== 'string') throw new Error('微信没有返回 access_token')
      return { token: body.access_token, expiresInSeconds: Number(body.expires_in ?? 7200) }
    },
    async sendSubscribeMessage(accessToken, message) {
      await call(`/cgi-bin/message/subscribe/send?${q({ access_token: accessToken })}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
      })
    },
  }
}
