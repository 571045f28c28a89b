import type { AppDeps } from '../deps.ts'
import { Refusal } from '../domain/refusal.ts'
import { templateData } from '../domain/notify/template-fields.ts'
import type { PushCard } from '../domain/notify/push-card.ts'
import type { SubscribeResult } from '../store/miniprogram-users.ts'
import type { Notice } from '../store/outbox.ts'
import { WechatError } from '../wechat/wechat-api.ts'

type Deps = Pick<AppDeps, 'miniprogram' | 'wechat' | 'outbox' | 'reports' | 'now'>

const wechatOf = (deps: Deps) => {
  if (!deps.wechat) throw new Refusal('unavailable', '小程序服务没有配置（WX_APPID），请联系县扶贫办。')
  return deps.wechat
}

/**
 * wx.login's code → WeChat's openid for this user → our session token. The same person signing in again
 * is the same session (their reports, their binding), however many tokens they hold.
 */
export async function signInMiniprogram(deps: Deps, code: string) {
  const { api } = wechatOf(deps)
  let openid: string
  try {
    ;({ openid } = await api.code2Session(code))
  } catch (err) {
    if (err instanceof WechatError && !err.temporary)
      throw new Refusal('unauthorized', '微信登录没有成功（登录凭证无效或已用过），请重新打开小程序。', 'WX_LOGIN_FAILED')
    throw new Refusal('unavailable', '暂时连不上微信，请稍后再试。')
  }
  return deps.miniprogram.signIn(openid, deps.now())
}

/**
 * Records what the user answered when the page asked to send them updates: for one of their own reports
 * (topic = its ticket, status template), or, for a bound cadre, their work (topic "cadre").
 */
export async function recordSubscription(deps: Deps, session: string, topic: string, result: SubscribeResult) {
  const { push } = wechatOf(deps)
  const template = topic === 'cadre' ? push.templates.cadre.id : push.templates.status.id
  if (topic !== 'cadre' && deps.reports.get(topic)?.reporter?.session !== session)
    throw new Refusal('not_found', `没有找到您反映的问题 ${topic}（匿名反映的问题收不到推送）。`)
  await deps.miniprogram.subscribe(session, topic, template, result, deps.now())
  return { topic, template, result }
}

/** What one round of sending did. */
export interface PushRound {
  sent: number
  /** settled without sending: the user did not subscribe, or turned the messages off */
  dropped: number
  /** still owed: WeChat could not be reached, or answered "busy" (tried again next round) */
  waiting: number
}

const topicOf = (card: PushCard) => (card.template === 'cadre' ? 'cadre' : card.ticket)

/**
 * Sends the mini-program users' notices as subscription messages. A notice is settled only when WeChat
 * took it or it can never be sent (no subscription, the user refused); anything else leaves it in the
 * outbox for the next round, so a WeChat outage delays an update and never loses it. Stops at the first
 * failure to reach WeChat: the rest would fail the same way.
 */
export async function sendPushes(deps: Deps, limit = 100): Promise<PushRound> {
  const round: PushRound = { sent: 0, dropped: 0, waiting: 0 }
  const wechat = deps.wechat
  const pending = deps.outbox.pending(limit, 'miniprogram')
  if (!wechat || pending.length === 0) return { ...round, waiting: pending.length }
  const settle = (n: Notice, why?: string) => deps.outbox.markSent([n.id], deps.now(), why)
  for (const [i, n] of pending.entries()) {
    const to = recipientOf(deps, n)
    if ('why' in to) {
      await settle(n, to.why)
      round.dropped += 1
      continue
    }
    const { card, openid } = to
    const template = wechat.push.templates[card.template]
    let token: string | undefined
    try {
      token = await wechat.token.get()
      await wechat.api.sendSubscribeMessage(token, {
        touser: openid,
        template_id: template.id,
        page: wechat.push.page,
        data: templateData(card, new Date(n.createdAt), template.fields),
        miniprogram_state: wechat.push.state,
        lang: 'zh_CN',
      })
      await settle(n)
      round.sent += 1
    } catch (err) {
      // WeChat refused this message for good (the user turned the messages off, a template id or field it
      // does not accept): settled with the reason, so one bad message never holds up everyone else's
      if (err instanceof WechatError && !err.temporary) {
        await settle(n, err.refusedByUser ? '用户在微信里关闭了订阅消息' : err.message)
        round.dropped += 1
        continue
      }
      if (err instanceof WechatError && err.staleToken && token) wechat.token.invalidate(token)
      round.waiting = pending.length - i
      return round
    }
  }
  return round
}

/** Whom a notice goes to and as what, or why it never will as a push. */
function recipientOf(deps: Deps, n: Notice): { card: PushCard; openid: string } | { why: string } {
  if (!n.card) return { why: '没有可用的订阅消息模板' }
  const openid = deps.miniprogram.openidOf(n.session)
  if (!openid) return { why: '没有这个小程序用户' }
  if (deps.miniprogram.subscription(n.session, topicOf(n.card))?.result !== 'accept') return { why: '用户没有订阅' }
  return { card: n.card, openid }
}

/**
 * Sends pushes every few seconds; while WeChat cannot be reached, waits longer between rounds (up to five
 * minutes) instead of knocking on a server that is down. Returns a stop function.
 */
export function startPushLoop(deps: Deps, log: (message: string) => void, everyMs = 3000): () => void {
  let wait = everyMs
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const round = async () => {
    try {
      const r = await sendPushes(deps)
      if (r.waiting > 0 && r.sent === 0) {
        if (wait === everyMs) log(`小程序订阅消息暂时发不出去，${r.waiting} 条稍后重发`)
        wait = Math.min(wait * 2, 5 * 60 * 1000)
      } else wait = everyMs
    } catch (err) {
      log(`发送小程序订阅消息出错：${String(err)}`)
      wait = Math.min(wait * 2, 5 * 60 * 1000)
    }
    if (!stopped) timer = setTimeout(() => void round(), wait).unref()
  }
  timer = setTimeout(() => void round(), everyMs).unref()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}
