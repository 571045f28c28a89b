import type { FieldMap } from '../domain/notify/template-fields.ts'
import type { PushCard } from '../domain/notify/push-card.ts'
import { wechatApi, type WechatApi, type WechatApiOptions } from './wechat-api.ts'
import { accessTokenCache, type AccessTokenCache } from './access-token.ts'

/** The subscription-message templates (chosen in the mini-program's console) and where a tap on one leads. */
export interface PushSettings {
  templates: Record<PushCard['template'], { id: string; fields: FieldMap }>
  /** the page a message opens */
  page: string
  /** which version of the mini-program a message opens: the released one unless testing */
  state: 'developer' | 'trial' | 'formal'
}

/** WeChat's servers as the service uses them: present only when an AppID (or the fake server) is set. */
export interface Wechat {
  api: WechatApi
  token: AccessTokenCache
  push: PushSettings
}

/** WeChat's servers at a base URL (the real ones, or the fake), with one token refresher for all sends. */
export function connectWechat(options: WechatApiOptions & { push: PushSettings }, now: () => Date): Wechat {
  const api = wechatApi(options)
  return { api, token: accessTokenCache(() => api.fetchAccessToken(), now), push: options.push }
}
