import { describe, it, expect, beforeAll } from 'vitest'
import { z } from '../../api/lib/zod.ts'
import { fieldLabel } from '../../api/http/validation.ts'
import { asAdmin, testApp } from '../support/app.ts'

type App = Awaited<ReturnType<typeof testApp>>['app']
let app: App
beforeAll(async () => {
  ;({ app } = await testApp(undefined, undefined, { rateLimits: false }))
})

const message = async (res: Response) => {
  expect(res.status).toBe(400)
  return ((await res.json()) as { error: { message: string } }).error.message
}
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

describe('a 400 names the field by the route’s own schema', () => {
  it('自主申报 with an empty name asks for 户主姓名, not 称呼 (a report’s reporter field of the same name)', async () => {
    const said = await message(
      await post('/api/hardship', { kind: '大病', description: '住院花了三万多', town: '东山镇', village: '东山村', name: '' }),
    )
    expect(said).toMatch(/^户主姓名（name）：/)
  })

  it('the audit log’s kind is who read it, not 困难类别 (the 自主申报 field of the same name)', async () => {
    const said = await message(await app.request('/api/audit?kind=xx', asAdmin))
    expect(said).toMatch(/^查看人身份（kind）：/)
  })

  it('a nested field is named with its path (乡镇（place.town）), a report’s reporter name as 称呼', async () => {
    const report = { category: '住房安全', description: '房子漏雨两个月了', place: { town: '' }, anonymous: false }
    expect(await message(await post('/api/reports', report))).toMatch(/^乡镇（place\.town）：/)
    const named = { ...report, place: { town: '东山镇' }, reporter: { name: '' } }
    expect(await message(await post('/api/reports', named))).toMatch(/^称呼（reporter\.name）：/)
  })

  it('a query parameter and a path parameter are named too', async () => {
    expect(await message(await app.request('/api/ask?q='))).toMatch(/^问题（q）：/)
    expect(await message(await app.request('/api/reports/not-a-ticket'))).toMatch(/^受理编号（ticket）：/)
  })
})

describe('fieldLabel', () => {
  const Schema = z.object({
    facts: z
      .object({ students: z.array(z.object({ stage: z.enum(['小学', '高职']).describe('上学阶段；不知道可以不填') })).optional() })
      .describe('家庭情况'),
    either: z.union([z.object({ a: z.string().describe('甲') }), z.object({ b: z.string().describe('乙') })]),
    bare: z.string(),
  })

  it('walks objects, optional arrays and unions down to the field, and takes the description up to its first ；：，（', () => {
    expect(fieldLabel(Schema, ['facts', 'students', 0, 'stage'])).toBe('上学阶段（facts.students.0.stage）')
    expect(fieldLabel(Schema, ['facts'])).toBe('家庭情况（facts）')
    expect(fieldLabel(Schema, ['either', 'b'])).toBe('乙（either.b）')
  })

  it('falls back to the path for a field without a description, and to 请求内容 for the whole body', () => {
    expect(fieldLabel(Schema, ['bare'])).toBe('字段 bare')
    expect(fieldLabel(Schema, ['nowhere'])).toBe('字段 nowhere')
    expect(fieldLabel(Schema, [])).toBe('请求内容')
  })
})
