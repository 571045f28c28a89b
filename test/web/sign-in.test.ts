import { describe, it, expect, beforeEach } from 'vitest'
import { testApp, asAdmin } from '../support/app.ts'
import { seedHouseholds } from '../support/households.ts'

const HAN = /[\u4e00-\u9fa5]/
let clock = new Date('2026-11-25T02:00:00Z')
let service: Awaited<ReturnType<typeof testApp>>
let tokens: Record<string, string>

beforeEach(async () => {
  clock = new Date('2026-11-25T02:00:00Z')
  service = await testApp(undefined, () => clock)
  tokens = await seedHouseholds(service)
})

const issueCode = async (cadreId: string) =>
  ((await (await service.app.request(`/api/cadres/${cadreId}/binding-code`, { method: 'POST', ...asAdmin })).json()) as { code: string })
    .code
const signIn = (bindingCode: unknown) =>
  service.app.request('/api/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ bindingCode }),
  })
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })

describe('a cadre signs in on the web with the binding code (the web\'s "绑定 123456")', () => {
  it('gets a token for the cadre pages: who they are, their households only, a month long', async () => {
    const res = await signIn(await issueCode('BF-A'))
    expect(res.status).toBe(201)
    const body = (await res.json()) as { token: string; expiresAt: string; name: string; role: string; town: string; villages: string[] }
    expect(body).toMatchObject({
      name: '甲干部',
      role: '帮扶责任人',
      town: '东山镇',
      villages: ['东山村'],
      expiresAt: '2026-12-25T02:00:00.000Z',
    })
    const me = await (await service.app.request('/api/me', bearer(body.token))).json()
    expect(me).toMatchObject({ kind: 'cadre', name: '甲干部' })
    const list = (await (await service.app.request('/api/households', bearer(body.token))).json()) as { households: { id: string }[] }
    expect(list.households.map((h) => h.id).sort()).toEqual(['DS-0001', 'DS-0002'])
    // the token the office issued earlier keeps working beside it
    expect((await service.app.request('/api/me', bearer(tokens['BF-A']!))).status).toBe(200)
    clock = new Date('2026-12-25T02:00:01Z')
    expect((await service.app.request('/api/me', bearer(body.token))).status).toBe(401)
  })

  it('a code works once: used on the web it cannot sign in again, nor bind a WeChat', async () => {
    const code = await issueCode('BF-B')
    expect((await signIn(code)).status).toBe(201)
    const again = await signIn(code)
    expect(again.status).toBe(401)
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/绑定码不对，或者已经用过、过期了/)
    const bound = await service.stores.access.redeemBindingCode(code, 'wx:someone', clock)
    expect(bound).toBeUndefined()
  })

  it('a wrong, badly written or expired code gets a clear Chinese refusal; five wrong ones an hour lock the address', async () => {
    const code = await issueCode('BF-A')
    const bad = await signIn('12ab56')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('绑定码是6位数字')
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0')
    for (let left = 4; left >= 1; left--) {
      const res = await signIn(wrong)
      expect(res.status).toBe(401)
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(`还可以再试${left}次`)
    }
    expect((await signIn(wrong)).status).toBe(401)
    const locked = await signIn(code)
    expect(locked.status).toBe(429)
    expect(locked.headers.get('retry-after')).toBeTruthy()
    const message = ((await locked.json()) as { error: { message: string } }).error.message
    expect(HAN.test(message)).toBe(true)
    clock = new Date(clock.getTime() + 3601_000)
    expect((await signIn(code)).status, 'an hour later the right code works').toBe(201)

    const old = await issueCode('BF-B')
    clock = new Date(clock.getTime() + 24 * 3600_000 + 1000)
    const expired = await signIn(old)
    expect(expired.status).toBe(401)
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/过期/)
  })
})
