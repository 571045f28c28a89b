import { z } from '../../lib/zod.ts'
import type { Principal } from '../access/principal.ts'
import { coversPlace } from '../access/principal.ts'
import { maskPersonalData } from '../privacy/mask.ts'
import type { Household } from './household.ts'

/**
 * 农户自主申报: since 2021 the official way for a family to ask to be watched by 防返贫监测 after a
 * hardship. A case goes to the village's cadres, who must 入户核实 and record what they found.
 */
export const HARDSHIP_KINDS = ['大病', '灾害', '失业', '收入骤减'] as const
export const HardshipKind = z.enum(HARDSHIP_KINDS).describe('申报的困难')
export const CASE_ID = /^SB-(\d{4})-(\d{6,})$/
export const OUTCOMES = ['纳入监测', '不纳入监测'] as const

export const HardshipCase = z
  .object({
    id: z.string().regex(CASE_ID),
    kind: HardshipKind,
    town: z.string(),
    village: z.string(),
    /** 申报人（户主）姓名 */
    name: z.string(),
    description: z.string(),
    /** the household's record, when the applicant was verified or the cadre matched it */
    householdId: z.string().nullable(),
    /** the WeChat conversation that applied, to tell it the result; never shown */
    session: z.string().nullable(),
    status: z.enum(['待核实', '已纳入监测', '不纳入监测']),
    createdAt: z.string(),
    result: z.object({ outcome: z.enum(OUTCOMES), note: z.string(), by: z.string(), at: z.string() }).nullable(),
  })
  .strict()
  .openapi('HardshipCase')
export type HardshipCase = z.infer<typeof HardshipCase>

/** What cadres and the admin see: everything but the conversation it came from; free text masked but for the admin. */
export function caseView({ session: _session, ...rest }: HardshipCase, forAdmin: boolean) {
  if (forAdmin) return rest
  return {
    ...rest,
    description: maskPersonalData(rest.description),
    result: rest.result && { ...rest.result, note: maskPersonalData(rest.result.note) },
  }
}

/**
 * Who handles a case: the admin; a 帮扶责任人 the household assigned to them (or, for a family without a
 * record yet, of their villages); 第一书记 and 乡镇专干 of the place.
 */
export function mayHandleCase(p: Principal, c: HardshipCase, household: Household | undefined): boolean {
  if (p.kind === 'admin') return true
  if (p.kind !== 'cadre') return false
  if (p.role === '帮扶责任人' && household) return household.cadreId === p.cadreId
  return coversPlace(p, { town: c.town, village: c.village })
}
