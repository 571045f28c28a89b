import { z } from '../../lib/zod.ts'
import { CitedSource } from '../qa/citation.ts'
import { incomeFactsMissing, perCapita, UNSAFE_HOUSING, WATER_UNMET, type FactKey, type HouseholdFacts } from './facts.ts'
import { describeValue, type Params } from './rule.ts'

/** The monitoring categories of seeds 003 and 004, and 待定 while the facts do not decide. */
export const HOUSEHOLD_CATEGORIES = ['未达标', '边缘易致贫', '脱贫不稳定', '稳定', '待定'] as const
export type HouseholdCategory = (typeof HOUSEHOLD_CATEGORIES)[number]

export interface Classified {
  category: HouseholdCategory
  reasons: string[]
  missing: FactKey[]
}

/** 两不愁三保障 items the known facts show unmet; unknown ones are listed in `unknown`. */
function guaranteesUnmet(f: HouseholdFacts): { unmet: string[]; unknown: FactKey[] } {
  const unmet: string[] = []
  const unknown: FactKey[] = []
  if (f.housingGrade === undefined) unknown.push('housingGrade')
  else if (UNSAFE_HOUSING.includes(f.housingGrade)) unmet.push(`住房安全没保障：住的是${f.housingGrade}级危房。`)
  if (f.drinkingWater === undefined) unknown.push('drinkingWater')
  else if (WATER_UNMET.includes(f.drinkingWater)) unmet.push(`饮水安全没保障：饮水${f.drinkingWater}。`)
  if (f.childrenOutOfSchool === undefined) unknown.push('childrenOutOfSchool')
  else if (f.childrenOutOfSchool > 0) unmet.push(`义务教育没保障：有${f.childrenOutOfSchool}个孩子没上学。`)
  return { unmet, unknown }
}

/**
 * Where a household stands. 未达标: income under the line that applies to it (the poverty line; for a
 * 建档立卡贫困户, the exit standard it must reach) or a 三保障 item unmet. At risk (income under the
 * monitoring line, or a recent shock that cuts income or raises spending): 边缘易致贫 for households
 * never registered, 脱贫不稳定 for the registered. 稳定 otherwise.
 */
export function classify(f: HouseholdFacts, p: Params): Classified {
  const { unmet, unknown } = guaranteesUnmet(f)
  const income = perCapita(f)
  if (income !== undefined) {
    const line = p.get(f.status === '建档立卡贫困户' ? 'exit-standard' : 'poverty-line')
    const planned = line.planned.length > 0 ? `；文件计划提高到${line.planned.join('、')}${line.unit}` : ''
    if (income < line.value) unmet.unshift(`人均收入${income}元，低于${describeValue(line)}${planned}。`)
  }
  if (unmet.length > 0) return { category: '未达标', reasons: unmet, missing: [] }
  if (income === undefined) return { category: '待定', reasons: [], missing: [...incomeFactsMissing(f), ...unknown] }

  const monitoring = p.get('monitoring-line')
  const risks: string[] = []
  if (income < monitoring.value) risks.push(`人均收入${income}元，低于${describeValue(monitoring)}。`)
  if (f.shocks && f.shocks.length > 0) risks.push(`最近遇到${f.shocks.join('、')}，收入可能骤减或支出骤增。`)
  if (f.illness === '大病') risks.push('家里有人患大病，有因病致贫返贫的风险。')
  if (risks.length > 0) {
    if (f.status === undefined) return { category: '待定', reasons: risks, missing: ['status'] }
    return f.status === '一般农户'
      ? { category: '边缘易致贫', reasons: [...risks, '属于有致贫风险的边缘户，应纳入监测、提前帮扶。'], missing: [] }
      : { category: '脱贫不稳定', reasons: [...risks, '属于有返贫风险的不稳定户，应纳入监测、提前帮扶。'], missing: [] }
  }
  const stillUnknown: FactKey[] = [...unknown, ...(['shocks', 'illness'] as const).filter((k) => f[k] === undefined)]
  if (stillUnknown.length > 0)
    return { category: '待定', reasons: [`人均收入${income}元，不低于${describeValue(monitoring)}。`], missing: stillUnknown }
  return { category: '稳定', reasons: [`人均收入${income}元，不低于${describeValue(monitoring)}，两不愁三保障都有保障。`], missing: [] }
}

export const ClassificationOut = z.object({
  category: z.enum(HOUSEHOLD_CATEGORIES).describe('未达标 / 边缘易致贫 / 脱贫不稳定 / 稳定；信息不够时为 待定'),
  provisional: z.boolean().describe('依据的标准已超过一年或缺少，结论仅供参考，请核实'),
  reasons: z.array(z.string()),
  missing: z.array(z.object({ fact: z.string(), label: z.string() })),
  sources: z.array(CitedSource),
})
export type ClassificationOut = z.infer<typeof ClassificationOut>
