import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, beforeAll } from 'vitest'
import { appWithWechat } from '../support/fake-wechat.ts'
import { seedHouseholds } from '../support/households.ts'
import { testApp } from '../support/app.ts'

const clock = () => new Date('2026-11-25T02:00:00Z')
const report = { category: '饮水安全', description: '自来水停了三天', place: { town: '东山镇', village: '东山村' } }

describe('mini-program sign-in (wx.login → /api/wx/login, against the fake WeChat server)', () => {
  let t: Awaited<ReturnType<typeof appWithWechat>>
  let cadreCode: string
  beforeAll(async () => {
    t = await appWithWechat(clock)
    await seedHouseholds(t.service)
    cadreCode = (await t.service.stores.access.issueBindingCode('BF-A', clock())).code
  })

  it('signs a villager in as the public, and the same person signing in again sees the reports they filed', async () => {
    const first = await t.signIn('villager-a')
    expect(first.me).toEqual({ kind: 'public' })
    const filed = await t.call('POST', '/api/reports', report, first.token)
    expect(filed.status).toBe(201)
    // a later launch: a new wx.login code, the same WeChat user
    const again = await t.signIn('villager-a')
    expect(again.token).not.toBe(first.token)
    const mine = await t.call('GET', '/api/reports/mine', undefined, again.token)
    expect(mine.body.reports.map((r: { ticket: string }) => r.ticket)).toEqual([filed.body.ticket])
    // another villager's list is their own
    const other = await t.signIn('villager-b')
    expect((await t.call('GET', '/api/reports/mine', undefined, other.token)).body.reports).toEqual([])
  })

  it('refuses a wx.login code used twice, or one WeChat does not know, in Chinese', async () => {
    const once = await t.call('POST', '/api/wx/login', { code: 'villager-c#1' })
    expect(once.status).toBe(201)
    const twice = await t.call('POST', '/api/wx/login', { code: 'villager-c#1' })
    expect(twice.status).toBe(401)
    expect(twice.body.error.message).toMatch(/重新打开小程序/)
    expect((await t.call('POST', '/api/wx/login', { code: '' })).status).toBe(400)
  })

  it('says WeChat cannot be reached (503) while it is down, and signs in once it is back', async () => {
    t.wechat.setDown(true)
    const down = await t.call('POST', '/api/wx/login', { code: 'villager-d#1' })
    t.wechat.setDown(false)
    expect(down.status).toBe(503)
    expect(down.body.error.message).toMatch(/连不上微信/)
    expect((await t.call('POST', '/api/wx/login', { code: 'villager-d#2' })).status).toBe(201)
  })

  it('a public mini-program user sees no household; bound with a binding code, a cadre sees only their own', async () => {
    const stranger = await t.signIn('curious-e')
    expect((await t.call('GET', '/api/households', undefined, stranger.token)).status).toBe(401)
    expect((await t.call('GET', '/api/households/DS-0001', undefined, stranger.token)).status).toBe(401)
    // a guessed code binds nothing
    expect((await t.call('POST', '/api/bind', { bindingCode: '000000' }, stranger.token)).status).toBe(401)

    const cadre = await t.signIn('cadre-a')
    const bound = await t.call('POST', '/api/bind', { bindingCode: cadreCode }, cadre.token)
    expect(bound.status).toBe(200)
    const list = await t.call('GET', '/api/households', undefined, cadre.token)
    expect(list.status).toBe(200)
    expect(list.body.households.map((h: { id: string }) => h.id).sort()).toEqual(['DS-0001', 'DS-0002'])
    expect((await t.call('GET', '/api/households/XH-0001', undefined, cadre.token)).status).toBe(403)
    // signing in again later is still the bound cadre; the stranger is still nobody
    expect((await t.signIn('cadre-a')).me).toMatchObject({ kind: 'cadre', name: '甲干部' })
    expect((await t.call('GET', '/api/households', undefined, stranger.token)).status).toBe(401)
  })

  it('a household verified in the mini-program reads its own record and no other', async () => {
    const user = await t.signIn('household-f')
    const verified = await t.call('POST', '/api/households/verify', { name: '张三', idLast6: '011234' }, user.token)
    expect(verified.status).toBe(200)
    const again = await t.signIn('household-f')
    expect(again.me).toEqual({ kind: 'household', householdId: 'DS-0001' })
    expect((await t.call('GET', '/api/households/DS-0001', undefined, again.token)).status).toBe(200)
    expect((await t.call('GET', '/api/households/DS-0002', undefined, again.token)).status).toBe(403)
  })

  it('keeps no openid in the data directory in the clear', async () => {
    const files = readdirSync(t.service.dataDir).filter((f) => statSync(join(t.service.dataDir, f)).isFile())
    const all = files.map((f) => readFileSync(join(t.service.dataDir, f), 'utf8')).join('\n')
    expect(files).toContain('miniprogram.json')
    for (const person of ['villager-a', 'villager-b', 'cadre-a', 'household-f']) expect(all).not.toContain(t.wechat.openidOf(person))
  })

  it('answers 503 in Chinese when no mini-program is configured', async () => {
    const bare = await testApp(undefined, clock)
    const res = await bare.app.request('/api/wx/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"code":"x#1"}',
    })
    expect(res.status).toBe(503)
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/小程序服务没有配置/)
  })
})
