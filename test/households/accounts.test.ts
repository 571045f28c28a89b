import { describe, it, expect, beforeEach } from 'vitest'
import { ADMIN_TOKEN, BOT_TOKEN, testApp } from '../support/app.ts'
import { seedHouseholds } from '../support/households.ts'

/**
 * Accounts and revocation from the outside: the admin creates, changes and disables cadres; disabling or
 * re-issuing a token revokes every token and WeChat binding at once; one live binding code per cadre,
 * for 24 hours; a verified household's WeChat lapses after 30 days; nobody but the admin reaches these.
 */
let clock: Date
let service: Awaited<ReturnType<typeof testApp>>
let tokens: Record<string, string>
beforeEach(async () => {
  clock = new Date('2026-11-25T02:00:00Z')
  service = await testApp(undefined, () => clock)
  tokens = await seedHouseholds(service)
})

const call = async (method: string, url: string, token?: string, body?: unknown) => {
  const res = await service.app.request(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { message: string } } }
}
const say = async (contact: string, text: string) => {
  const res = await call('POST', '/api/chat', BOT_TOKEN, { session: contact, text })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return (res.body.replies as string[]).join('\n')
}
const code = async (cadreId: string) => (await call('POST', `/api/cadres/${cadreId}/binding-code`, ADMIN_TOKEN)).body.code as string

describe('accounts', () => {
  it('disabling a cadre revokes the token and the WeChat binding at once, and no new code works until enabled', async () => {
    expect(await say('wx-cadre-a', `绑定 ${await code('BF-A')}`)).toMatch(/绑定成功/)
    expect(await say('wx-cadre-a', '我的帮扶户')).toContain('张三')
    expect((await call('GET', '/api/households', tokens['BF-A'])).status).toBe(200)

    const disabled = await call('POST', '/api/cadres/BF-A/disable', ADMIN_TOKEN)
    expect(disabled.body).toEqual({ cadreId: 'BF-A', tokens: 1, chats: 1 })
    const after = await call('GET', '/api/households', tokens['BF-A'])
    expect(after.status).toBe(401)
    expect(after.body.error!.message).toMatch(/重新登录/)
    expect(await say('wx-cadre-a', '我的帮扶户')).not.toContain('张三')
    // a code issued while disabled binds nobody
    expect(await say('wx-cadre-a2', `绑定 ${await code('BF-A')}`)).not.toMatch(/绑定成功/)

    expect((await call('POST', '/api/cadres/BF-A/enable', ADMIN_TOKEN)).body).toMatchObject({ id: 'BF-A', disabled: false })
    expect(await say('wx-cadre-a', `绑定 ${await code('BF-A')}`)).toMatch(/绑定成功/)
    const audit = (await call('GET', '/api/audit?kind=admin', ADMIN_TOKEN)).body.entries as { action: string; who: string }[]
    expect(audit.filter((e) => e.action === '账号管理').map((e) => e.who)).toEqual(
      expect.arrayContaining([expect.stringContaining('停用干部 甲干部（BF-A）'), expect.stringContaining('重新启用干部 甲干部（BF-A）')]),
    )
  })

  it('re-issuing a token revokes the old one and the WeChat bindings', async () => {
    expect(await say('wx-cadre-b', `绑定 ${await code('BF-B')}`)).toMatch(/绑定成功/)
    const fresh = (await call('POST', '/api/cadres/BF-B/token', ADMIN_TOKEN)).body.token as string
    expect((await call('GET', '/api/households', tokens['BF-B'])).status).toBe(401)
    expect((await call('GET', '/api/households', fresh)).status).toBe(200)
    expect((await call('GET', '/api/cadres/BF-B/chats', ADMIN_TOKEN)).body.chats).toEqual([])
    expect(await say('wx-cadre-b', '我的帮扶户')).not.toContain('王五')
  })

  it('keeps one live binding code per cadre, for 24 hours', async () => {
    const first = await code('BF-A')
    const second = await code('BF-A')
    expect(await say('wx-contact-1', `绑定 ${first}`)).not.toMatch(/绑定成功/)
    const third = await code('BF-A')
    clock = new Date(clock.getTime() + 24 * 3600_000 + 1000)
    expect(await say('wx-contact-2', `绑定 ${third}`)).not.toMatch(/绑定成功/)
    expect(second).not.toBe(third)
  })

  it('creates and changes a cadre, checking the places; lists and revokes a cadre’s and a household’s chats', async () => {
    const created = await call('PUT', '/api/cadres/BF-NEW', ADMIN_TOKEN, {
      name: '新干部',
      role: '帮扶责任人',
      town: '东山镇',
      villages: ['桃园村'],
      phone: null,
    })
    expect(created).toMatchObject({ status: 200, body: { id: 'BF-NEW', town: '东山镇', villages: ['桃园村'], disabled: false } })
    const wrong = await call('PUT', '/api/cadres/BF-NEW', ADMIN_TOKEN, {
      name: '新干部',
      role: '帮扶责任人',
      town: '东山镇',
      villages: ['月亮村'],
      phone: null,
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.error!.message).toContain('月亮村')
    expect(await say('wx-cadre-new', `绑定 ${await code('BF-NEW')}`)).toMatch(/绑定成功/)
    expect((await call('GET', '/api/cadres/BF-NEW/chats', ADMIN_TOKEN)).body.chats).toEqual([
      { session: 'wx:wx-cadre-new', boundAt: clock.toISOString() },
    ])
    expect((await call('DELETE', '/api/cadres/BF-NEW/chats', ADMIN_TOKEN)).body).toEqual({ revoked: 1 })

    expect(await say('wx-family', '核验 张三 011234')).toMatch(/核验通过/)
    expect((await call('GET', '/api/households/DS-0001/chats', ADMIN_TOKEN)).body.chats).toHaveLength(1)
    expect((await call('DELETE', '/api/households/DS-0001/chats', ADMIN_TOKEN)).body).toEqual({ revoked: 1 })
    expect(await say('wx-family', '我家档案')).toMatch(/请先核验身份/)
  })

  it('a verified household’s WeChat must verify again after 30 days', async () => {
    expect(await say('wx-family', '核验 张三 011234')).toMatch(/核验通过/)
    expect(await say('wx-family', '我家档案')).toContain('DS-0001')
    clock = new Date(clock.getTime() + 31 * 24 * 3600_000)
    const reply = await say('wx-family', '我家档案')
    expect(reply).not.toContain('DS-0001')
    expect(reply).toMatch(/请先核验身份/)
  })

  it('is the admin’s alone: a cadre, a household, the bot, no token and a forged token are refused', async () => {
    const household = (await call('POST', '/api/households/verify', undefined, { name: '张三', idLast6: '011234' })).body.token as string
    const requests: [string, string, unknown?][] = [
      ['PUT', '/api/cadres/BF-X', { name: '某', role: '帮扶责任人', town: '东山镇', villages: [], phone: null }],
      ['POST', '/api/cadres/BF-A/disable'],
      ['POST', '/api/cadres/BF-A/enable'],
      ['GET', '/api/cadres/BF-A/chats'],
      ['DELETE', '/api/cadres/BF-A/chats'],
      ['GET', '/api/households/DS-0001/chats'],
      ['DELETE', '/api/households/DS-0001/chats'],
    ]
    for (const [method, url, body] of requests) {
      for (const token of [tokens['ZG-DS'], tokens['BF-A'], household, BOT_TOKEN])
        expect((await call(method, url, token, body)).status, `${method} ${url}`).toBe(403)
      expect((await call(method, url, undefined, body)).status).toBe(401)
      expect((await call(method, url, 'forged-token-0123456789abcdef', body)).status).toBe(401)
    }
    expect((await call('GET', '/api/households', tokens['BF-A'])).status).toBe(200)
  })
})
