import { describe, it, expect, afterEach } from 'vitest'
import { mockWeChat } from '../support/wechat.ts'

/**
 * People talking as they do, not in menu commands, over the real Wechaty pipeline (wechaty-puppet-mock).
 * The sentences here are not in content/intents: they check that the service understands, not that it
 * remembers.
 */
let running: Awaited<ReturnType<typeof mockWeChat>>[] = []
const start = async () => {
  const w = await mockWeChat()
  running.push(w)
  return w
}
afterEach(async () => {
  await Promise.all(running.map((w) => w.stop().catch(() => undefined)))
  running = []
})

const REFUSAL = /没有找到能可靠回答/

describe('the bot understands people as they talk', () => {
  it('turns a complaint into a filed report in three messages', async () => {
    const w = await start()
    const villager = w.person('赵婶')
    const say = async (text: string) => (await villager.say(text)).join('\n')

    const offer = await say('俺们东山镇桃园村的自来水停了三天了，打电话给村里也没人来修')
    expect(offer).toContain('要登记成反映问题吗')
    expect(offer).toMatch(/类别：饮水安全｜地点：东山镇桃园村/)
    const filed = await say('1')
    expect(filed).toMatch(/FK-\d{4}-\d{6}/)
    expect(filed).toContain('查询码')

    const ticket = /FK-\d{4}-\d{6}/.exec(filed)![0]
    const admin = { authorization: `Bearer ${w.service.adminToken}` }
    const report = (await (await w.service.app.request(`/api/reports/${ticket}`, { headers: admin })).json()) as {
      category: string
      description: string
      place: { town: string; village?: string }
    }
    expect(report).toMatchObject({ category: '饮水安全', place: { town: '东山镇', village: '桃园村' } })
    expect(report.description).toContain('自来水停了三天')
  })

  it('asks only for what a complaint left out', async () => {
    const w = await start()
    const villager = w.person('钱叔')
    const say = async (text: string) => (await villager.say(text)).join('\n')
    expect(await say('村干部把低保都给了他自家亲戚，我们真正困难的反而评不上')).toContain('要登记成反映问题吗')
    expect(await say('2')).toContain('哪个乡镇')
    expect(await say('西河乡')).toContain('哪个村')
    // what the offer could not show yet is confirmed before anything is filed
    expect(await say('跳过')).toMatch(/请核对：\n类别：低保兜底\n地点：西河乡/)
    expect(await say('确认')).toMatch(/FK-\d{4}-\d{6}/)
  })

  it('starts the report flow for a request to report, in words other than the menu’s', async () => {
    const w = await start()
    expect((await w.person('孙姐').say('我要反映问题')).join('\n')).toContain('哪一类问题')
    expect((await w.person('李哥').say('我想投诉一下我们村的干部')).join('\n')).toMatch(/哪一类问题|要登记成反映问题吗/)
  })

  it('gives a phone number in one message', async () => {
    const w = await start()
    const station = (await w.person('周伯').say('南岭镇扶贫站的电话是多少')).join('\n')
    expect(station).toContain('南岭镇扶贫工作站')
    expect(station).toContain('0000-8100003')
    const office = (await w.person('吴哥').say('扶贫办的电话是多少啊')).join('\n')
    expect(office).toContain('0000-8000001')
    const committee = (await w.person('郑姨').say('西河村委会电话')).join('\n')
    expect(committee).toContain('0000-8200003')
  })

  it('answers small talk warmly, never with a refusal or a policy', async () => {
    const w = await start()
    const villager = w.person('王奶奶')
    const thanks = (await villager.say('谢谢')).join('\n')
    expect(thanks).toContain('不客气')
    expect(thanks).not.toMatch(REFUSAL)
    for (const text of ['好的', '再见', '你是谁啊', '我看不懂你说的', '我要找人工']) {
      const reply = (await villager.say(text)).join('\n')
      expect(reply, text).not.toMatch(REFUSAL)
      expect(reply, text).not.toMatch(/来源：《/)
    }
    expect((await villager.say('我要找人工')).join('\n')).toContain('0000-8000001')
  })

  it('takes 88 and 886 for goodbye, not for an option number', async () => {
    const w = await start()
    const villager = w.person('韩大爷')
    const bye = (await villager.say('再见')).join('\n')
    await villager.say('孩子上高职有补助吗') // leaves numbered alternatives to choose from
    for (const text of ['88', '886']) expect((await villager.say(text)).join('\n'), text).toBe(bye)
  })

  it('answers a long, rambling question with the right policy', async () => {
    const w = await start()
    const question =
      '俺家的情况是这样的，俺男人前年得了一场大病，花了不少钱，家里欠了好多债，今年闺女又考上了县城的职业学校读高职，学费生活费都要钱，听村里人说有个啥计划能给上高职的娃补钱，俺想问问俺家这种情况能不能领，一年能给多少'
    expect([...question].length).toBeGreaterThanOrEqual(100)
    const reply = (await w.person('刘婶').say(question)).join('\n')
    expect(reply).toContain('雨露计划')
    expect(reply).not.toMatch(REFUSAL)
  })

  it('lists the reports of this chat when asked how they are going', async () => {
    const w = await start()
    const villager = w.person('冯叔')
    const say = async (text: string) => (await villager.say(text)).join('\n')
    for (const step of ['反映问题', '2', '村里自来水停了一个星期，没人管', '东山镇', '1', '2']) await say(step)
    const ticket = /FK-\d{4}-\d{6}/.exec(await say('确认'))?.[0]
    expect(ticket).toBeDefined()
    expect(await say('我上回反映的那个事现在咋样了')).toContain(ticket!)
  })

  it('says at once when the sum asked is not written in the policy it offers', async () => {
    const w = await start()
    const reply = (await w.person('郑叔').say('公益岗位一个月给多少钱')).join('\n')
    expect(reply).toMatch(/^您问的可能是【.*公益.*】：\n您问的具体钱数（或比例），这一条里没有写/)
    expect(reply).toMatch(/咨询：.*\d/)
  })

  it('says what a broad question is probably about, and opens a choice by its number', async () => {
    const w = await start()
    const villager = w.person('陈嫂')
    const reply = (await villager.say('危房改造')).join('\n')
    expect(reply).toMatch(/您问的可能是【(.+)】/)
    expect(reply).not.toMatch(REFUSAL)
    const title = /您问的可能是【(.+?)】/.exec(reply)![1]!
    expect((await villager.say('1')).join('\n')).toContain(`【${title}】`)
  })
})
