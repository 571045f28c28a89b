import { describe, it, expect, beforeAll } from 'vitest'
import { ADMIN_TOKEN, testApp } from '../support/app.ts'
import { seedHouseholds, UNMASKED } from '../support/households.ts'
import { maskPersonalData } from '../../api/domain/privacy/mask.ts'
import { openReport } from '../../api/domain/reports/report.ts'
import { statusNotice } from '../../api/domain/reports/notices.ts'

/** Free text people type carries numbers they should not have typed there: fixtures full of them. */
const ID = '330102199001011234'
const MOBILE = '13812345678'
const CARD = '6222021234567890123'
const CARD_OR_UNMASKED = new RegExp(`${CARD}|${UNMASKED.source}`)

type Service = Awaited<ReturnType<typeof testApp>>
let service: Service
let tokens: Record<string, string>
beforeAll(async () => {
  service = await testApp(undefined, () => new Date('2026-11-25T02:00:00Z'), { rateLimits: false })
  tokens = await seedHouseholds(service)
})
const call = async (method: string, url: string, token: string | null, body?: unknown) => {
  const res = await service.app.request(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  return { status: res.status, text: await res.text() }
}

describe('numbers typed into free text are masked for everyone but the admin', () => {
  it('masks ID, mobile and bank card numbers, and leaves other numbers alone', () => {
    expect(maskPersonalData(`身份证${ID}，电话${MOBILE}，卡号${CARD}，去年收入12000元`)).toBe(
      '身份证3301**********1234，电话138****5678，卡号6222***********0123，去年收入12000元',
    )
  })

  it('in a report’s description and notes: the cadre’s list and detail, the reporter’s WeChat notice; the admin sees them', async () => {
    const description = `低保被取消了，我身份证${ID}，电话${MOBILE}，钱打到卡${CARD}`
    const filed = await call('POST', '/api/reports', null, {
      category: '低保兜底',
      description,
      place: { town: '东山镇', village: '东山村' },
      anonymous: false,
    })
    const { ticket } = JSON.parse(filed.text) as { ticket: string }
    const cadre = tokens['ZG-DS']!
    await call('POST', `/api/reports/${ticket}/actions`, cadre, { action: 'accept' })
    await call('POST', `/api/reports/${ticket}/actions`, cadre, { action: 'start' })
    await call('POST', `/api/reports/${ticket}/actions`, cadre, { action: 'resolve', note: `已恢复，联系人电话${MOBILE}` })
    for (const url of ['/api/reports?limit=50', `/api/reports/${ticket}`]) {
      const seen = await call('GET', url, cadre)
      expect(seen.status, url).toBe(200)
      expect(seen.text, url).toContain('3301**********1234')
      expect(seen.text, url).not.toMatch(CARD_OR_UNMASKED)
    }
    const admin = await call('GET', `/api/reports/${ticket}`, ADMIN_TOKEN)
    expect(admin.text).toContain(ID)
  })

  it('in a 自主申报 and a visit note', async () => {
    const declared = await call('POST', '/api/hardship', null, {
      kind: '大病',
      description: `住院花了三万，医保卡${CARD}，我电话${MOBILE}`,
      town: '东山镇',
      village: '东山村',
      name: '张三',
    })
    expect(declared.status).toBe(201)
    const cadre = tokens['BF-A']!
    const cases = await call('GET', '/api/hardship', cadre)
    expect(cases.text).toContain('138****5678')
    expect(cases.text).not.toMatch(CARD_OR_UNMASKED)
    expect((await call('GET', '/api/hardship', ADMIN_TOKEN)).text).toContain(CARD)

    expect((await call('POST', '/api/households/DS-0001/visits', cadre, { note: `入户，户主说身份证号${ID}` })).status).toBe(201)
    const detail = await call('GET', '/api/households/DS-0001', cadre)
    expect(detail.text).toContain('入户，户主说身份证号3301**********1234')
    expect(detail.text).not.toMatch(CARD_OR_UNMASKED)
  })

  it('in the notice the reporter gets in WeChat when the report is resolved', () => {
    const at = new Date('2026-11-25T02:00:00Z')
    const report = openReport(
      {
        category: '低保兜底',
        description: '低保被取消了',
        place: { town: '东山镇' },
        anonymous: false,
        reporter: { session: 'wx:someone' },
      },
      'FK-2026-000009',
      'x',
      at,
    )
    const resolved = {
      ...report,
      status: '已办结' as const,
      history: [
        ...report.history,
        {
          at: at.toISOString(),
          from: '办理中' as const,
          to: '已办结' as const,
          actor: { kind: 'cadre' as const, label: '东山镇专干' },
          note: `已恢复，请打${MOBILE}`,
        },
      ],
    }
    const notice = statusNotice(resolved, '县民政局', '县扶贫办（0000-8000001）')!
    expect(notice).toContain('已恢复，请打138****5678')
    expect(notice).not.toMatch(CARD_OR_UNMASKED)
  })
})
