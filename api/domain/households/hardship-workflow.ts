import { Refusal } from '../refusal.ts'
import type { HardshipCase, OUTCOMES } from './hardship.ts'
import type { PushCard } from '../notify/push-card.ts'

export type Outcome = (typeof OUTCOMES)[number]
export type NewCase = Pick<HardshipCase, 'kind' | 'town' | 'village' | 'name' | 'description' | 'householdId' | 'session'>

/** The n-th case of a year: SB-2026-000001. */
export const caseId = (year: number, n: number) => `SB-${year}-${String(n).padStart(6, '0')}`

/** A new 自主申报, waiting for the village's cadres to 入户核实. */
export function openCase(input: NewCase, id: string, at: Date): HardshipCase {
  return { ...input, id, status: '待核实', createdAt: at.toISOString(), result: null }
}

/** The case after 入户核实: 纳入监测 or not, with what the cadre found; a case is settled once. */
export function settleCase(c: HardshipCase, result: { outcome: Outcome; note: string; by: string }, at: Date): HardshipCase {
  if (c.status !== '待核实') throw new Refusal('conflict', `申报 ${c.id} 已经核实过了（${c.status}）。`)
  return { ...c, status: result.outcome === '纳入监测' ? '已纳入监测' : '不纳入监测', result: { ...result, at: at.toISOString() } }
}

/** What the cadres are told of a new case, with the reply that settles it. */
export const newCaseCard = (c: HardshipCase): PushCard => ({
  template: 'cadre',
  ticket: c.id,
  title: '自主申报',
  note: `${c.kind}，${c.town}${c.village}`,
})

export const newCaseNotice = (c: HardshipCase) =>
  `【自主申报】${c.town}${c.village}${c.name}户申报“${c.kind}”（${c.id}），请尽快入户核实，核实后回复“核实 ${c.id} 纳入监测 情况”或“核实 ${c.id} 不纳入监测 情况”。`

export const resultCard = (c: HardshipCase): PushCard => ({
  template: 'status',
  ticket: c.id,
  title: c.result?.outcome ?? '已核实',
  note: `${c.kind}，已入户核实`,
})

/** What the family is told of the result; a refusal says why and whom to ask. */
export function resultNotice(c: HardshipCase, hotline: { name: string; phone: string }): string {
  if (c.result?.outcome === '纳入监测') return `您的申报 ${c.id}（${c.kind}）已经入户核实，纳入防返贫监测，干部会跟进帮扶。`
  return `您的申报 ${c.id}（${c.kind}）已经入户核实，这次不纳入监测。说明：${c.result?.note ?? ''}。有疑问请找村里的帮扶干部或拨打${hotline.name}电话 ${hotline.phone}。`
}
