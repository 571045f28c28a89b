import { describe, it, expect, afterEach } from 'vitest'
import { ADMIN_TOKEN } from '../support/app.ts'
import { seedHouseholds, UNMASKED } from '../support/households.ts'
import { mockWeChat } from '../support/wechat.ts'

// the bot @-mentions the asker in a group: “@张三 这件事……”
const PRIVATE_ONLY = /^(@\S+\s)?这件事涉及个人信息，请私聊我/

let running: Awaited<ReturnType<typeof mockWeChat>>[] = []
afterEach(async () => {
  for (const w of running) await w.stop()
  running = []
})

/** A WeChat with the demo households, a cadre bound to 东山村's BF-A and a village group they are both in. */
async function setUp() {
  const w = await mockWeChat()
  running.push(w)
  await seedHouseholds(w.service)
  const res = await w.service.app.request('/api/cadres/BF-A/binding-code', {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  })
  const { code } = (await res.json()) as { code: string }
  const cadre = w.person('李干部')
  const villager = w.person('张三')
  expect((await cadre.say(`绑定 ${code}`)).join('')).toMatch(/绑定成功/)
  const group = w.room('东山村群', [cadre.contact, villager.contact])
  return { w, cadre, villager, group }
}

describe('in a WeChat group, where everyone reads the reply', () => {
  it('a bound cadre’s household lookups and lists get only “请私聊我”, and work in private', async () => {
    const { cadre, group } = await setUp()
    for (const ask of ['查 DS-0001', '查张三', '我的帮扶户', '待走访', '预警']) {
      const said = await group.say(cadre.contact, ask, true)
      expect(said, ask).toHaveLength(1)
      expect(said[0], ask).toMatch(PRIVATE_ONLY)
    }
    expect(group.said.join('\n')).not.toMatch(/DS-000\d|身份证|人均纯收入|张三户/)
    expect((await cadre.say('查 DS-0001')).join('\n')).toMatch(/DS-0001[\s\S]*身份证/)
  })

  it('a villager’s 核验, 我家档案, self-check and report are sent to a private chat; nothing personal reaches the room', async () => {
    const { villager, group } = await setUp()
    for (const ask of ['核验 张三 011234', '我家档案', '政策自测', '我要反映问题', '查进度 FK-2026-000001 ABC123', '自主申报']) {
      const said = await group.say(villager.contact, ask, true)
      expect(said.join('\n'), ask).toMatch(PRIVATE_ONLY)
    }
    expect(group.said.filter((s) => UNMASKED.test(s))).toEqual([])
    // verified in private, the family's record still never goes to the group
    expect((await villager.say('核验 张三 011234')).join('')).toMatch(/核验通过/)
    expect((await group.say(villager.contact, '我家档案', true)).join('\n')).toMatch(PRIVATE_ONLY)
    expect((await villager.say('我家档案')).join('\n')).toContain('DS-0001')
  })

  it('still answers public policy questions in the group', async () => {
    const { villager, group } = await setUp()
    expect((await group.say(villager.contact, '孩子上高职有补助吗', true)).join('\n')).toContain('雨露计划')
  })
})
