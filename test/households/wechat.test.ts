import { describe, it, expect, afterEach } from 'vitest'
import { mockWeChat } from '../support/wechat.ts'
import { seedHouseholds, UNMASKED } from '../support/households.ts'
import { ADMIN_TOKEN } from '../support/app.ts'

let running: Awaited<ReturnType<typeof mockWeChat>> | undefined
afterEach(async () => {
  await running?.stop().catch(() => undefined)
  running = undefined
})

describe('cadres and villagers in WeChat (wechaty-puppet-mock)', () => {
  it('a cadre binds with a code and checks their households; a curious villager sees none; the digest arrives', async () => {
    const w = (running = await mockWeChat())
    await seedHouseholds(w.service)
    const admin = (path: string) => w.service.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    const { code } = (await (await admin('/api/cadres/BF-A/binding-code')).json()) as { code: string }

    const cadre = w.person('甲干部')
    expect((await cadre.say(`绑定 ${code}`)).join('\n')).toContain('绑定成功')
    const list = (await cadre.say('我的帮扶户')).join('\n')
    expect(list).toContain('张三户 DS-0001')
    expect(list).not.toContain('TY-0001')
    expect((await cadre.say('查 DS-0001')).join('\n')).toContain('3301**********1234')

    const villager = w.person('好奇的村民')
    for (const text of ['查 DS-0001', '我的帮扶户', `绑定 ${code}`]) {
      const reply = (await villager.say(text)).join('\n')
      expect(reply).not.toContain('张三')
    }

    const before = cadre.inbox.length
    await admin('/api/alerts/digest')
    const deadline = Date.now() + 10_000
    while (cadre.inbox.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(cadre.inbox.slice(before).join('\n')).toMatch(/【返贫监测】[\s\S]*张三户（DS-0001，东山村）/)
    expect([...cadre.inbox, ...villager.inbox].filter((m) => UNMASKED.test(m))).toEqual([])
  })
})
