import { z } from '../../lib/zod.ts'
import {
  SELF_CHECK_STATUSES,
  SCHOOL_STAGES,
  HOUSING_GRADES,
  WATER_STATES,
  ILLNESSES,
  SELF_CHECK_SHOCKS,
  ASSISTANCE,
} from './fact-values.ts'

/**
 * What a household tells about itself. Every field is optional: a rule that needs a fact it was not
 * given answers need_info and names the fact, so a self-check can ask for exactly that.
 */
export {
  SELF_CHECK_STATUSES,
  SCHOOL_STAGES,
  HOUSING_GRADES,
  WATER_STATES,
  ILLNESSES,
  SELF_CHECK_SHOCKS,
  ASSISTANCE,
  type SelfCheckStatus,
  type SchoolStage,
} from './fact-values.ts'

/** 危房: seed 001 checks that no household "居住在C级或D级危房". */
export const UNSAFE_HOUSING: readonly string[] = ['C', 'D']
/** 饮水 not meeting "当地农村饮水安全评价标准" (seed 001): unsafe water, or none in the dry season. */
export const WATER_UNMET: readonly string[] = ['不安全', '季节性缺水']

export const Student = z
  .object({
    stage: z.enum(SCHOOL_STAGES).describe('学段'),
    newlyAdmitted: z.boolean().optional().describe('是否今年新考入（大学一次性补助看这一项）'),
  })
  .strict()
export type Student = z.infer<typeof Student>

export const HouseholdFacts = z
  .object({
    region: z.string().trim().min(1).max(40).optional().describe('地区；不填用本系统所在地区'),
    householdSize: z.number().int().min(1).max(30).optional().describe('家庭人口数'),
    annualIncome: z.number().min(0).max(10_000_000).optional().describe('全家年收入（元）'),
    perCapitaIncome: z.number().min(0).max(1_000_000).optional().describe('年人均收入（元）；不填则用全家年收入除以人口数'),
    status: z.enum(SELF_CHECK_STATUSES).optional().describe('户的类别'),
    assistance: z.enum(ASSISTANCE).optional().describe('是否享受低保或特困供养'),
    housingGrade: z.enum(HOUSING_GRADES).optional().describe('住房安全等级（C、D 级为危房）'),
    drinkingWater: z.enum(WATER_STATES).optional().describe('饮水情况'),
    students: z.array(Student).max(20).optional().describe('在读或新考入的学生；没有学生填空数组'),
    childrenOutOfSchool: z.number().int().min(0).max(20).optional().describe('义务教育阶段没有上学的孩子人数'),
    illness: z.enum(ILLNESSES).optional().describe('家里有没有人患大病或慢性病'),
    workers: z.number().int().min(0).max(30).optional().describe('有劳动能力的人数'),
    pensionContribution: z.number().min(0).max(100_000).optional().describe('每人每年城乡居民养老保险缴费（元）'),
    shocks: z.array(z.enum(SELF_CHECK_SHOCKS)).max(10).optional().describe('最近一年遇到的突发困难；没有填空数组'),
  })
  .strict()
export type HouseholdFacts = z.infer<typeof HouseholdFacts>
export type FactKey = keyof HouseholdFacts

/** How a missing fact is named to a villager ("还需要知道：家庭人口数、年收入"). */
export const FACT_LABELS: Record<FactKey, string> = {
  region: '所在地区',
  householdSize: '家庭人口数',
  annualIncome: '全家年收入',
  perCapitaIncome: '年人均收入',
  status: '是不是建档立卡贫困户（或已脱贫户、监测户）',
  assistance: '是否享受低保或特困供养',
  housingGrade: '住房安全等级',
  drinkingWater: '饮水情况',
  students: '家里有没有上学的孩子、上什么学',
  childrenOutOfSchool: '有没有义务教育阶段没上学的孩子',
  illness: '家里有没有人患大病或慢性病',
  workers: '家里有没有劳动力',
  pensionContribution: '养老保险每年交多少',
  shocks: '最近有没有遇到突发困难',
}

/** Per-capita income: given, or the household's income shared by its members; undefined when unknown. */
export function perCapita(f: HouseholdFacts): number | undefined {
  if (f.perCapitaIncome !== undefined) return f.perCapitaIncome
  if (f.annualIncome !== undefined && f.householdSize) return Math.round(f.annualIncome / f.householdSize)
  return undefined
}

/** The facts an unknown per-capita income needs: the ones not yet given. */
export function incomeFactsMissing(f: HouseholdFacts): FactKey[] {
  if (perCapita(f) !== undefined) return []
  return f.annualIncome === undefined
    ? (['householdSize', 'annualIncome'].filter((k) => f[k as FactKey] === undefined) as FactKey[])
    : ['householdSize']
}

/**
 * What a one-person household implies: no children at school or out of it. Saves asking a widow living
 * alone about her children's schooling.
 */
export function withImplied(f: HouseholdFacts): HouseholdFacts {
  if (f.householdSize !== 1) return f
  return { ...f, students: f.students ?? [], childrenOutOfSchool: f.childrenOutOfSchool ?? 0 }
}
