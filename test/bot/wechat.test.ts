import { describe, it, expect, afterEach } from 'vitest'
import { types } from 'wechaty-puppet'
import { sessionOf } from '../../bot/wechaty/bot.ts'
import { mockWeChat } from '../support/wechat.ts'

let running: Awaited<ReturnType<typeof mockWeChat>>[] = []
const start = async (...args: Parameters<typeof mockWeChat>) => {
  const w = await mockWeChat(...args)
  running.push(w)
  return w
}
afterEach(async () => {
  await Promise.all(running.map((w) => w.stop().catch(() => undefined)))
  running = []
})

describe('the bot in WeChat (wechaty-puppet-mock)', () => {
  it('answers a villager with the policy, its source and a number to call', async () => {
    const w = await start()
    const replies = await w.person('王大娘').say('孩子上高职有补助吗')
    const text = replies.join('\n')
    expect(text).toContain('雨露计划')
    expect(text).toContain('3000元')
    expect(text).toMatch(/来源：《.+》/)
    expect(text).toMatch(/咨询：.+\d{4}-\d{7}（演示号码）/)
    expect(replies.every((r) => r.length <= 500)).toBe(true)
  })

  it('runs 政策自测 as a conversation and ends with what the family can get', async () => {
    const w = await start()
    const villager = w.person('周婶')
    const script = ['政策自测', '三口人', '一年一万二', '已脱贫户', '一个读初中', '没有', 'C级', '安全', '有两个', '一年交1500']
    const replies: string[] = []
    for (const line of script) replies.push((await villager.say(line)).join('\n'))
    expect(replies[0]).toContain('第1问')
    const summary = replies.at(-1)!
    expect(summary).toContain('📋 自测结果')
    expect(summary).toMatch(/农村危房改造/)
    expect(summary).toMatch(/小学初中伙食费资助：2000元/)
    expect(summary).toMatch(/养老保险缴费补贴：1000元/)
  })

  it('reads Traditional characters', async () => {
    const w = await start()
    const replies = await w.person('陳伯').say('孩子上高職有補助嗎')
    expect(replies.join('\n')).toContain('雨露计划')
  })

  it('shows the menu, and a number picks from it', async () => {
    const w = await start()
    const villager = w.person('李叔')
    expect((await villager.say('菜单')).join('\n')).toMatch(/1\. 问政策[\s\S]*2\. 政策自测[\s\S]*3\. 找联系人/)
    expect((await villager.say('3')).join('\n')).toContain('您要找哪里')
  })

  it('opens a numbered related question', async () => {
    const w = await start()
    const villager = w.person('赵哥')
    const first = (await villager.say('孩子上高职有补助吗')).join('\n')
    const listed = /回复数字查看相关问题：\n1\. (.+)/.exec(first)
    expect(listed, first).not.toBeNull()
    const opened = (await villager.say('1')).join('\n')
    expect(opened).toContain(`【${listed![1]}】`)
  })

  it('leaves a flow on "取消" and re-asks with an example on input it cannot use', async () => {
    const w = await start()
    const villager = w.person('孙婶')
    expect((await villager.say('找人')).join('')).toContain('比如“东山镇”')
    expect((await villager.say('火星基地')).join('')).toMatch(/没有找到“火星基地”[\s\S]*比如“东山镇”/)
    expect((await villager.say('取消')).join('')).toContain('已经退出')
    // out of the flow, a place name is a question again, not a contact search
    expect((await villager.say('东山镇')).join('')).not.toContain('东山镇扶贫工作站')
  })

  it('answers in a group only when @-mentioned', async () => {
    const w = await start()
    const a = w.person('村民甲')
    const group = w.room('东山村群', [a.contact])
    expect(await group.say(a.contact, '低保怎么申请', false)).toEqual([])
    const replies = await group.say(a.contact, '孩子上高职有补助吗', true)
    expect(replies.join('\n')).toContain('雨露计划')
  })

  it('replies politely to a message of 10,000 characters and to one of only emoji', async () => {
    const w = await start()
    const villager = w.person('周大爷')
    const long = await villager.say('补助'.repeat(5000))
    expect(long.join('')).toContain('太长了')
    const emoji = await villager.say('😀🙏👍')
    expect(emoji.join('')).toContain('只能看懂文字')
  })

  it('tells a sender of a picture that it reads text only', async () => {
    const w = await start()
    const villager = w.person('吴姐')
    const before = villager.inbox.length
    const msg = w.mocker.MessageMock.create({
      id: 'pic-1',
      talkerId: villager.contact.id,
      listenerId: w.botUser.id,
      timestamp: Date.now(),
      type: types.Message.Image,
    })
    w.mocker.puppet.emit('message', { messageId: msg.id })
    await w.settle(() => villager.inbox.length > before)
    expect(villager.inbox.slice(before).join('')).toContain('只能读文字')
  })

  it('handles a duplicated message event once', async () => {
    const w = await start()
    const villager = w.person('郑伯')
    const before = villager.inbox.length
    const msg = w.mocker.MessageMock.create({
      id: 'dup-1',
      talkerId: villager.contact.id,
      listenerId: w.botUser.id,
      timestamp: Date.now(),
      type: types.Message.Text,
      text: '你好',
    })
    w.mocker.puppet.emit('message', { messageId: msg.id })
    w.mocker.puppet.emit('message', { messageId: msg.id })
    // Wait for the first answer, then long enough that a second one would have come too.
    await w.settle(() => villager.inbox.length > before, 600)
    expect(villager.inbox.slice(before).filter((t) => t.includes('扶贫政策助手'))).toHaveLength(1)
  })

  it('keeps the conversation across a restart of the bot', async () => {
    const first = await start()
    const villager = first.person('冯姨')
    const offered = (await villager.say('孩子上高职有补助吗')).join('\n')
    const listed = /回复数字查看相关问题：\n1\. (.+)/.exec(offered)
    expect(listed).not.toBeNull()
    await first.stop()

    const second = await start({ dataDir: first.dataDir })
    // Same WeChat contact id on the new bot: its conversation state comes from the store.
    const again = second.person('冯姨', second.mocker.createContact({ id: villager.contact.id, name: '冯姨' }))
    expect((await again.say('1')).join('\n')).toContain(`【${listed![1]}】`)
  })

  it('shows on /health that WeChat is logged in', async () => {
    const w = await start()
    await w.settle()
    const health = (await (await w.service.app.request('/health')).json()) as any
    expect(health.bot).toMatchObject({ state: 'logged_in', puppet: 'wechaty-puppet-mock' })
  })

  it('delivers a notice the service owes a contact, and holds it through a logout until re-login', async () => {
    const w = await start()
    const villager = w.person('周叔')
    await villager.say('你好')
    const session = `wx:${sessionOf(villager.contact.id)}`

    await w.mocker.puppet.logout()
    await w.service.stores.outbox.enqueue([{ session, text: '您反映的问题 FK-2026-000001 已受理。' }], new Date())
    await w.bot.pollOutbox()
    await new Promise((r) => setTimeout(r, 200))
    expect(villager.inbox.join('\n')).not.toContain('已受理')
    expect(w.service.stores.outbox.pending(10)).toHaveLength(1)

    w.mocker.login(w.botUser)
    const waiting = villager.inbox.length
    await w.bot.pollOutbox()
    await w.settle(() => villager.inbox.length > waiting)
    expect(villager.inbox.at(-1)).toBe('您反映的问题 FK-2026-000001 已受理。')
    expect(w.service.stores.outbox.pending(10)).toEqual([])
  })

  it('takes a report in chat, and tells the reporter of each step until 销号', async () => {
    const w = await start()
    const villager = w.person('吴婶')
    const say = async (text: string) => (await villager.say(text)).join('\n')
    expect(await say('反映问题')).toContain('哪一类问题')
    expect(await say('2')).toContain('发生了什么')
    expect(await say('村里自来水停了一个星期，没人管')).toContain('哪个乡镇')
    expect(await say('东山镇')).toContain('哪个村')
    expect(await say('1')).toContain('要匿名吗')
    const confirm = await say('2')
    expect(confirm).toMatch(/类别：饮水安全[\s\S]*地点：东山镇东山村/)
    const filed = await say('确认')
    const ticket = /FK-\d{4}-\d{6}/.exec(filed)![0]
    expect(filed).toContain('查询码')

    const admin = { 'content-type': 'application/json', authorization: `Bearer ${w.service.adminToken}` }
    const act = (body: unknown) =>
      w.service.app.request(`/api/reports/${ticket}/actions`, { method: 'POST', headers: admin, body: JSON.stringify(body) })
    expect((await act({ action: 'accept' })).status).toBe(200)
    let told = villager.inbox.length
    await w.bot.pollOutbox()
    await w.settle(() => villager.inbox.length > told)
    expect(villager.inbox.at(-1)).toContain(`${ticket}）已受理，已转交演示县水利局`)

    await act({ action: 'start' })
    await act({ action: 'resolve', note: '水管已修复，恢复供水' })
    told = villager.inbox.length
    await w.bot.pollOutbox()
    await w.settle(() => villager.inbox.length > told)
    expect(villager.inbox.at(-1)).toContain('水管已修复')

    expect(await say(`查进度 ${ticket}`)).toMatch(/现在：已办结/)
    expect(await say(`满意 ${ticket}`)).toContain('已销号')
    // the reporter's identity reaches the admin only
    const cadreView = await w.service.app.request(`/api/reports/${ticket}`, { headers: admin })
    expect(((await cadreView.json()) as { reporter: { wechat: boolean } }).reporter.wechat).toBe(true)
  })
})
