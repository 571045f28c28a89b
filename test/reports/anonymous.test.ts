import { describe, it, expect } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BOT_TOKEN, testApp, tempDir } from '../support/app.ts'

/**
 * 匿名 means no one can tell who filed the report, not even from the service's own files: after an
 * anonymous report is filed in chat, no line of any file in the data directory holds both the sender's
 * conversation and anything of the report.
 */
describe('an anonymous report filed in chat', () => {
  it('leaves nothing on disk that links the WeChat contact to the report', async () => {
    const dataDir = tempDir()
    const { app, close } = await testApp(dataDir, undefined, { rateLimits: false })
    const contact = 'wxid_anonymous_villager_7'
    const description = '村里低保名额都给了村主任的亲戚，大家都有意见'
    const say = async (text: string) => {
      const res = await app.request('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BOT_TOKEN}` },
        body: JSON.stringify({ session: contact, text }),
      })
      return ((await res.json()) as { replies: string[] }).replies.join('\n')
    }
    await say('反映问题')
    await say('优亲厚友')
    await say(description)
    await say('东山镇')
    await say('东山村')
    await say('1') // 匿名
    const filed = await say('确认')
    const ticket = /FK-\d{4}-\d{6}/.exec(filed)?.[0]
    expect(ticket, filed).toBeDefined()
    // the conversation goes on as before
    expect(await say('低保怎么申请')).toContain('低保')
    await close()

    const linked: string[] = []
    for (const name of readdirSync(dataDir)) {
      const text = readFileSync(join(dataDir, name), 'utf8')
      for (const line of text.split('\n')) {
        if (line.includes(contact) && (line.includes(ticket!) || line.includes(description) || line.includes('优亲厚友')))
          linked.push(`${name}: ${line.slice(0, 120)}`)
      }
    }
    expect(linked).toEqual([])
    // the report itself is there, naming no one
    const reports = readFileSync(join(dataDir, 'reports.jsonl'), 'utf8')
    expect(reports).toContain(description)
    expect(reports).not.toContain(contact)
  })
})
