import { describe, expect, it, beforeAll } from 'vitest'
import { appWithWechat, CADRE_TEMPLATE, STATUS_TEMPLATE } from '../support/fake-wechat.ts'
import { seedHouseholds } from '../support/households.ts'
import { sendPushes } from '../../api/services/miniprogram.ts'
import { followUp } from '../../api/services/report-followup.ts'
import { BOT_TOKEN } from '../support/app.ts'

let now = new Date('2026-11-25T02:00:00Z')
const clock = () => now
const later = (hours: number) => {
  now = new Date(now.getTime() + hours * 3600_000)
}
const report = { category: '饮水安全', description: '自来水停了三天', place: { town: '东山镇', village: '东山村' } }

describe('report updates pushed to the mini-program as subscription messages (fake WeChat server)', () => {
  let t: Awaited<ReturnType<typeof appWithWechat>>
  let cadreToken: string
  const push = () => sendPushes(t.service.deps)
  const act = async (ticket: string, action: string, note?: string) => {
    const res = await t.call('POST', `/api/reports/${ticket}/actions`, { action, ...(note ? { note } : {}) }, cadreToken)
    expect(res.status).toBe(200)
    return res.body
  }
  /** a villager signs in, files a report, and answers the subscription request */
  const fileAs = async (person: string, result: 'accept' | 'reject') => {
    const { token } = await t.signIn(person)
    const filed = await t.call('POST', '/api/reports', report, token)
    expect(filed.status).toBe(201)
    const sub = await t.call('POST', '/api/wx/subscriptions', { ticket: filed.body.ticket, result }, token)
    expect(sub.status).toBe(200)
    return { token, ticket: filed.body.ticket as string, openid: t.wechat.openidOf(person) }
  }
  const sentTo = (openid: string) => t.wechat.sent.filter((m) => m.touser === openid)

  beforeAll(async () => {
    t = await appWithWechat(clock)
    const tokens = await seedHouseholds(t.service)
    cadreToken = tokens['BF-A']!
  })

  it('reaches the filer at every status change, with the ticket, the status and the time in the template fields', async () => {
    const { ticket, openid } = await fileAs('villager-a', 'accept')
    await act(ticket, 'accept', '转水利站')
    expect(await push()).toMatchObject({ sent: 1, waiting: 0 })
    later(2)
    await act(ticket, 'start')
    later(24)
    await act(ticket, 'resolve', '水管已修好')
    await push()
    // feedbackDays later, unanswered: "问题解决了吗?" as 需要您确认
    later(24 * t.service.deadlines.feedbackDays + 1)
    await followUp(t.service.deps, now)
    await push()
    const messages = sentTo(openid)
    expect(messages.map((m) => m.data.phrase2?.value)).toEqual(['已受理', '办理中', '已办结', '需要您确认'])
    for (const m of messages) {
      expect(m.template_id).toBe(STATUS_TEMPLATE)
      expect(m.data.character_string1?.value).toBe(ticket)
      expect(m.data.time3?.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
      expect(m.page).toBe('pages/mine/mine')
    }
    // the first at the time of 受理, on the county's clock (10:00 in Asia/Shanghai)
    expect(messages[0]!.data.time3!.value).toBe('2026-11-25 10:00')
  })

  it('sends nothing to a filer who declined, and settles their notices without an error', async () => {
    const { ticket, openid } = await fileAs('villager-b', 'reject')
    await act(ticket, 'accept')
    const round = await push()
    expect(round).toMatchObject({ sent: 0, waiting: 0 })
    expect(round.dropped).toBeGreaterThanOrEqual(1)
    expect(sentTo(openid)).toEqual([])
    expect(t.service.stores.outbox.pending(100, 'miniprogram')).toEqual([])
  })

  it('keeps every update while WeChat is down and delivers them, in order, once it is back', async () => {
    const { ticket, openid } = await fileAs('villager-c', 'accept')
    t.wechat.setDown(true)
    await act(ticket, 'accept')
    await act(ticket, 'start')
    const down = await push()
    // the status changed all the same
    expect((await t.call('GET', `/api/reports/${ticket}`, undefined, cadreToken)).body.status).toBe('办理中')
    expect(down).toMatchObject({ sent: 0, waiting: 2 })
    expect(await push()).toMatchObject({ sent: 0 })
    t.wechat.setDown(false)
    expect(await push()).toMatchObject({ sent: 2, waiting: 0 })
    expect(sentTo(openid).map((m) => m.data.phrase2?.value)).toEqual(['已受理', '办理中'])
    // and not again
    expect(await push()).toMatchObject({ sent: 0, waiting: 0 })
    expect(sentTo(openid)).toHaveLength(2)
  })

  it('shares one access token across sends, and fetches a new one when WeChat says it is stale', async () => {
    const before = t.wechat.tokensIssued
    const { ticket, openid } = await fileAs('villager-d', 'accept')
    await act(ticket, 'accept')
    await push()
    expect(t.wechat.tokensIssued).toBe(before)
    t.wechat.expireTokens()
    await act(ticket, 'start')
    expect(await push()).toMatchObject({ sent: 0, waiting: 1 })
    expect(await push()).toMatchObject({ sent: 1, waiting: 0 })
    expect(t.wechat.tokensIssued).toBe(before + 1)
    expect(sentTo(openid)).toHaveLength(2)
  })

  it('stops trying for a user who turned the messages off in WeChat (43101)', async () => {
    const { ticket, openid } = await fileAs('villager-e', 'accept')
    t.wechat.refuse(openid)
    await act(ticket, 'accept')
    expect(await push()).toMatchObject({ sent: 0, dropped: 1, waiting: 0 })
    expect(await push()).toMatchObject({ sent: 0, dropped: 0, waiting: 0 })
  })

  it('tells a subscribed cadre of a new report in their area, never naming the reporter', async () => {
    const cadre = await t.signIn('cadre-a')
    const { code } = await t.service.stores.access.issueBindingCode('BF-A', now)
    expect((await t.call('POST', '/api/bind', { bindingCode: code }, cadre.token)).status).toBe(200)
    expect((await t.call('POST', '/api/wx/subscriptions', { ticket: 'cadre', result: 'accept' }, cadre.token)).status).toBe(200)
    const { token } = await t.signIn('villager-f')
    const filed = await t.call('POST', '/api/reports', { ...report, reporter: { name: '王五', phone: '13812345678' } }, token)
    expect(filed.status).toBe(201)
    await push()
    const toCadre = sentTo(t.wechat.openidOf('cadre-a'))
    expect(toCadre).toHaveLength(1)
    expect(toCadre[0]).toMatchObject({ template_id: CADRE_TEMPLATE })
    expect(toCadre[0]!.data.character_string1!.value).toBe(filed.body.ticket)
    expect(toCadre[0]!.data.thing2!.value).toBe('新问题')
    expect(JSON.stringify(toCadre[0])).not.toMatch(/王五|13812345678/)
  })

  it('lets only the filer subscribe to a report, and only a bound cadre to the cadre messages', async () => {
    const { ticket } = await fileAs('villager-g', 'accept')
    const other = await t.signIn('villager-h')
    expect((await t.call('POST', '/api/wx/subscriptions', { ticket, result: 'accept' }, other.token)).status).toBe(404)
    expect((await t.call('POST', '/api/wx/subscriptions', { ticket: 'cadre', result: 'accept' }, other.token)).status).toBe(403)
    expect((await t.call('POST', '/api/wx/subscriptions', { ticket, result: 'accept' })).status).toBe(401)
  })

  it('never hands a mini-program user’s notice to the WeChat bot', async () => {
    const { ticket } = await fileAs('villager-i', 'accept')
    await act(ticket, 'accept')
    const outbox = await t.call('GET', '/api/bot/outbox', undefined, BOT_TOKEN)
    expect(outbox.status).toBe(200)
    expect(outbox.body.notices.filter((n: { session: string }) => n.session.startsWith('mp:'))).toEqual([])
  })
  it('settles a message WeChat refuses for good (a broken template) and delivers the ones after it', async () => {
    const villager = await fileAs('villager-j', 'accept')
    await push() // what earlier tests left
    t.wechat.breakTemplate(CADRE_TEMPLATE)
    // a cadre subscribed to the broken template, and a villager's status change queued behind it
    const bound = await t.signIn('cadre-w')
    const { code } = await t.service.stores.access.issueBindingCode('BF-W', now)
    expect((await t.call('POST', '/api/bind', { bindingCode: code }, bound.token)).status).toBe(200)
    expect((await t.call('POST', '/api/wx/subscriptions', { ticket: 'cadre', result: 'accept' }, bound.token)).status).toBe(200)
    expect((await t.call('POST', '/api/reports', { ...report, place: { town: '西河乡', village: '西河村' } })).status).toBe(201)
    await act(villager.ticket, 'accept')
    const round = await push()
    expect(round).toMatchObject({ sent: 1, dropped: 1, waiting: 0 })
    expect(sentTo(villager.openid)).toHaveLength(1)
    expect(t.service.stores.outbox.pending(100, 'miniprogram')).toEqual([])
  })
})
