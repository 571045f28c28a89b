import { z } from '../../lib/zod.ts'
import { maskIdNumber, maskPersonalData, maskPhone } from '../privacy/mask.ts'
import {
  Guarantees,
  HouseholdStatus,
  Member,
  PovertyCause,
  Shock,
  latestIncome,
  type Cadre,
  type Household,
  type Visit,
} from './household.ts'
import type { Alert, VisitStatus } from './monitoring.ts'

/**
 * What a reader sees of a household. ID and phone numbers are masked in every view; only the admin's
 * CSV export (ledgerRows) carries them whole, for the office's own 台账 work.
 */
export const HouseholdSummary = z
  .object({
    id: z.string().describe('户编号'),
    headName: z.string().describe('户主'),
    town: z.string(),
    village: z.string(),
    status: HouseholdStatus,
    size: z.number().describe('家庭人口'),
    perCapitaIncome: z.number().nullable().describe('最近一年人均纯收入（元）'),
    cadre: z.string().nullable().describe('帮扶责任人'),
    lastVisit: z.string().nullable().describe('最近走访日期'),
    visitsThisYear: z.number(),
    visitDue: z.boolean().describe('该走访了'),
    visitReasons: z.array(z.string()),
    alerts: z.array(z.string()).describe('返贫监测预警'),
    demo: z.boolean().describe('演示数据'),
  })
  .openapi('HouseholdSummary')
export type HouseholdSummary = z.infer<typeof HouseholdSummary>

export const CadreView = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.string(),
    town: z.string(),
    villages: z.array(z.string()),
    phone: z.string().nullable().describe('电话（已脱敏）'),
  })
  .openapi('Cadre')

export const VisitView = z.object({ date: z.string(), by: z.string(), note: z.string() }).openapi('Visit')

export const HouseholdDetail = HouseholdSummary.extend({
  idNumber: z.string().describe('户主身份证号（已脱敏）'),
  phone: z.string().nullable().describe('联系电话（已脱敏）'),
  members: z.array(Member),
  incomes: z.array(z.object({ year: z.number(), perCapita: z.number() })),
  causes: z.array(PovertyCause),
  guarantees: Guarantees,
  shocks: z.array(z.object({ kind: Shock, date: z.string() })),
  measures: z.array(z.string()),
  cadreDetail: CadreView.nullable(),
  visits: z.array(VisitView).describe('最近的走访记录，新的在前（最多20条）'),
}).openapi('HouseholdDetail')
export type HouseholdDetail = z.infer<typeof HouseholdDetail>

export const cadreView = (c: Cadre) => ({
  id: c.id,
  name: c.name,
  role: c.role,
  town: c.town,
  villages: c.villages,
  phone: c.phone && maskPhone(c.phone),
})

export function householdSummary(h: Household, cadre: Cadre | undefined, visits: VisitStatus, alerts: readonly Alert[]): HouseholdSummary {
  return {
    id: h.id,
    headName: h.headName,
    town: h.town,
    village: h.village,
    status: h.status,
    size: h.members.length,
    perCapitaIncome: latestIncome(h)?.perCapita ?? null,
    cadre: cadre?.name ?? null,
    lastVisit: visits.lastVisit,
    visitsThisYear: visits.thisYear,
    visitDue: visits.due,
    visitReasons: visits.reasons,
    alerts: alerts.map((a) => `${a.kind}：${a.text}`),
    demo: h.demo,
  }
}

export function householdDetail(
  h: Household,
  cadre: Cadre | undefined,
  visits: readonly Visit[],
  status: VisitStatus,
  alerts: readonly Alert[],
): HouseholdDetail {
  return {
    ...householdSummary(h, cadre, status, alerts),
    idNumber: maskIdNumber(h.idNumber),
    phone: h.phone && maskPhone(h.phone),
    members: h.members,
    incomes: [...h.incomes].sort((a, b) => b.year - a.year),
    causes: h.causes,
    guarantees: h.guarantees,
    shocks: h.shocks,
    measures: h.measures,
    cadreDetail: cadre ? cadreView(cadre) : null,
    visits: [...visits]
      .sort((a, b) => b.date.localeCompare(a.date))
      .slice(0, 20)
      // a visit note is free text: an ID or phone number written into it is masked like the record's own
      .map((v) => ({ date: v.date, by: v.by, note: maskPersonalData(v.note) })),
  }
}
