import { describe, it, expect, beforeEach } from 'vitest'
import { testApp, ADMIN_TOKEN, BOT_TOKEN } from '../support/app.ts'
import { seedHouseholds, UNMASKED } from '../support/households.ts'

let clock = new Date('2026-11-25T02:00:00Z')
let service: Awaited<ReturnType<typeof testApp>>
const seen: string[] = []

beforeEach(async () => {
  clock = new Date('2026-11-25T02:00:00Z')
  service = await testApp(undefined, () => clock)
  await seedHouseholds(service)
  seen.length = 0
})

/** A WeChat contact's message as the bot relays it (BOT_TOKEN: the session is "wx:<contact>"). */
async function say(contact: string, text: string, token: string | null = BOT_TOKEN): Promise<string> {
  const res = await service.app.request('/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ session: contact, text }),
  })
  expect(res.status).toBe(200)
  const reply = ((await res.json()) as { replies: string[] }).replies.join('\n')
  seen.push(reply)
  return reply
}

async function bindingCode(cadreId: string): Promise<string> {
  const res = await service.app.request(`/api/cadres/${cadreId}/binding-code`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { code: string }).code
}

async function bound(contact: string, cadreId: string) {
  expect(await say(contact, `绑定 ${await bindingCode(cadreId)}`)).toMatch(/绑定成功/)
}

const notices = (contact: string) =>
  service.stores.outbox
    .pending(100)
    .filter((n) => n.session === `wx:${contact}`)
    .map((n) => n.text)

describe('cadre commands in chat', () => {
  it('a bound cadre lists, reads (masked), and logs visits for their own households only', async () => {
    await bound('wx-cadre-a', 'BF-A')
    const list = await say('wx-cadre-a', '我的帮扶户')
    expect(list).toContain('DS-0001')
    expect(list).toContain('DS-0002')
    expect(list).not.toContain('TY-0001')

    const detail = await say('wx-cadre-a', '查 张三')
    expect(detail).toContain('3301**********1234')
    expect(detail).toContain('138****5678')
    expect(detail).toContain('张小明')
    expect(await say('wx-cadre-a', '查张三')).toContain('DS-0001')

    expect(await say('wx-cadre-a', '查 王五')).not.toContain('TY-0001')
    expect(await say('wx-cadre-a', '查 TY-0001')).toMatch(/查不到/)
    expect(await say('wx-cadre-a', '走访 DS-0001 入户看望，了解孩子住院情况')).toMatch(/已记录 2026-11-25.*今年已走访 1 次/)
    expect(await say('wx-cadre-a', '走访 TY-0001 入户看望')).toMatch(/记不了/)
    expect(seen.filter((r) => UNMASKED.test(r))).toEqual([])
  })

  it('待走访 and 预警 show the visit duty and the 返贫监测 warnings', async () => {
    await bound('wx-cadre-a', 'BF-A')
    const due = await say('wx-cadre-a', '待走访')
    expect(due).toMatch(/DS-0001.*还没有走访记录/)
    expect(due).toMatch(/不足每年6次/)
    const alerts = await say('wx-cadre-a', '预警')
    expect(alerts).toMatch(/DS-0001.*收入低于监测线/)
    expect(alerts).toContain('2025年人均纯收入4200元，低于监测线5000元')
    expect(alerts).toMatch(/大病：张小明患大病/)
    expect(alerts).toMatch(/三保障未达标：未达标：住房安全/)
    expect(alerts).not.toContain('DS-0002')
  })

  it('the menu of a bound cadre lists the cadre commands; the public menu does not', async () => {
    await bound('wx-cadre-a', 'BF-A')
    expect(await say('wx-cadre-a', '菜单')).toContain('我的帮扶户')
    expect(await say('wx-someone', '菜单')).not.toContain('我的帮扶户')
  })

  it('anyone not bound to a cadre gets the public menu for cadre commands, and no record', async () => {
    for (const text of ['我的帮扶户', '查 张三', '查 DS-0001', '走访 DS-0001 来过了', '待走访', '预警']) {
      const reply = await say('wx-villager', text)
      expect(reply).toContain('帮扶干部的功能')
      expect(reply).toContain('问政策')
      expect(reply).not.toContain('张三')
    }
    // 查低保 without a space is a question for the public, not a lookup
    expect(await say('wx-villager', '查低保')).not.toContain('帮扶干部的功能')
  })

  it('a binding code works once, for one contact; wrong codes lock the contact out', async () => {
    const code = await bindingCode('BF-B')
    expect(await say('wx-first', `绑定 ${code}`)).toMatch(/绑定成功：东山镇帮扶责任人乙干部/)
    expect(await say('wx-second', `绑定 ${code}`)).toMatch(/绑定码不对或已经用过/)
    for (let i = 0; i < 4; i++) expect(await say('wx-second', `绑定 00000${i}`)).toMatch(/绑定码不对/)
    expect(await say('wx-second', `绑定 ${await bindingCode('BF-B')}`)).toMatch(/错误次数太多，请\d+分钟后再试/)
  })

  it('a web chat cannot bind a cadre: only WeChat conversations can', async () => {
    const code = await bindingCode('BF-A')
    expect(await say('web-visitor-01', `绑定 ${code}`, null)).toMatch(/绑定只能在微信或小程序里进行/)
    expect(await say('web-visitor-01', '我的帮扶户', null)).toContain('帮扶干部的功能')
  })

  it('解除绑定 ends a cadre’s access from that WeChat', async () => {
    await bound('wx-cadre-a', 'BF-A')
    expect(await say('wx-cadre-a', '解除绑定')).toMatch(/已解除绑定/)
    expect(await say('wx-cadre-a', '我的帮扶户')).toContain('帮扶干部的功能')
  })

  it('reads in chat are audited with the WeChat channel', async () => {
    await bound('wx-cadre-a', 'BF-A')
    await say('wx-cadre-a', '查 DS-0001')
    const res = await service.app.request('/api/audit?household=DS-0001', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    const { entries } = (await res.json()) as { entries: { channel: string; action: string; who: string }[] }
    expect(entries[0]).toMatchObject({ channel: '微信', action: '查看', who: expect.stringContaining('甲干部') })
  })
})

describe('households in chat', () => {
  it('a household verifies, reads its own record, and cannot read another', async () => {
    expect(await say('wx-zhang', '我家档案')).toMatch(/核验 户主姓名 身份证后6位/)
    expect(await say('wx-zhang', '核验 张三 011234')).toMatch(/核验通过：东山镇东山村张三户/)
    const own = await say('wx-zhang', '我家档案')
    expect(own).toContain('DS-0001')
    expect(own).toContain('3301**********1234')
    expect(own).toMatch(/两不愁三保障：(都已达标|\d项还没保障)/)
    expect(own).not.toMatch(/种子|监测分类|未达标/)
    expect(await say('wx-zhang', '查 DS-0002')).toContain('帮扶干部的功能')
    expect(seen.filter((r) => UNMASKED.test(r))).toEqual([])
  })

  it('5 wrong tries lock the contact out for an hour', async () => {
    for (let i = 0; i < 5; i++) expect(await say('wx-guess', `核验 张三 12345${i}`)).toMatch(/对不上/)
    expect(await say('wx-guess', '核验 张三 011234')).toMatch(/错误次数太多/)
  })
})

describe('自主申报 to 核实', () => {
  it('a verified household reports a hardship; its cadre is told, 核实 it, and the family hears the result', async () => {
    await bound('wx-cadre-a', 'BF-A')
    await bound('wx-cadre-b', 'BF-B')
    await say('wx-zhang', '核验 张三 011234')
    expect(await say('wx-zhang', '自主申报')).toMatch(/大病/)
    expect(await say('wx-zhang', '3')).toMatch(/简单说说情况/)
    expect(await say('wx-zhang', '我在外地打工的厂子倒闭了，没有收入')).toMatch(/困难：失业/)
    const filed = await say('wx-zhang', '确认')
    const id = /SB-2026-\d{6}/.exec(filed)![0]
    expect(notices('wx-cadre-a').join('\n')).toContain(id)
    expect(notices('wx-cadre-b')).toEqual([])

    expect(await say('wx-cadre-a', '预警')).toContain(id)
    expect(await say('wx-cadre-b', `核实 ${id} 纳入监测 已入户`)).toMatch(/没有找到申报/)
    expect(await say('wx-cadre-a', `核实 ${id} 纳入监测 入户核实，工厂停工三个月`)).toMatch(/已记录/)
    expect(notices('wx-zhang').join('\n')).toMatch(/纳入防返贫监测/)
    expect(await say('wx-cadre-a', `核实 ${id} 不纳入监测 再核`)).toMatch(/已经核实过了/)
    expect(await say('wx-cadre-a', '预警')).toMatch(/突发困难：失业（2026-11-25）/)
  })

  it('a family without a record names its village; the village’s 第一书记 is told', async () => {
    await bound('wx-secretary', 'SJ-DS')
    await say('wx-newcomer', '自主申报')
    await say('wx-newcomer', '1')
    await say('wx-newcomer', '东山镇')
    await say('wx-newcomer', '东山村')
    await say('wx-newcomer', '孙七')
    expect(await say('wx-newcomer', '老伴查出肺癌，住院花了六万多')).toMatch(/东山镇东山村 孙七/)
    expect(await say('wx-newcomer', '确认')).toMatch(/已收到您的申报/)
    expect(notices('wx-secretary').join('\n')).toMatch(/东山镇东山村孙七户申报“大病”/)
  })
})

describe('daily 返贫监测 digest', () => {
  it('tells each bound cadre of new alerts once', async () => {
    await bound('wx-cadre-a', 'BF-A')
    await bound('wx-cadre-w', 'BF-W')
    const run = async () =>
      (await service.app.request('/api/alerts/digest', { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()
    expect(await run()).toEqual({ cadres: 1, newAlerts: 1 })
    const [digest] = notices('wx-cadre-a')
    expect(digest).toMatch(/新增预警 1 户/)
    expect(digest).toMatch(/张三户（DS-0001，东山村）/)
    expect(notices('wx-cadre-w')).toEqual([])
    // the household the message named is in the audit log: a read of personal data through WeChat
    const audit = (await (
      await service.app.request('/api/audit?household=DS-0001', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json()) as {
      entries: { action: string; channel: string; who: string }[]
    }
    expect(audit.entries[0]).toMatchObject({ action: '预警推送', channel: '微信' })
    expect(audit.entries[0]!.who).toContain('甲干部')
    expect(await run()).toEqual({ cadres: 0, newAlerts: 0 })
  })
})
