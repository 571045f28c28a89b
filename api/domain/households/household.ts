import { z } from '../../lib/zod.ts'
import { CadreRole } from '../access/principal.ts'
import { IsoDate } from '../../content/schema.ts'

/** 致贫原因 as the county's 台账 counts them (seed 004: 因病、因残、因学、缺劳力、缺技术、其它原因). */
export const POVERTY_CAUSES = ['因病', '因残', '因学', '缺劳力', '缺技术', '其他'] as const
export const PovertyCause = z.enum(POVERTY_CAUSES).describe('致贫原因')

/** 户类型: the registered poor and, since 2021, the three 防返贫监测 groups. */
export const HOUSEHOLD_STATUSES = ['未脱贫', '已脱贫', '脱贫不稳定户', '边缘易致贫户', '突发严重困难户'] as const
export const HouseholdStatus = z.enum(HOUSEHOLD_STATUSES).describe('户类型')

/** Sudden hardships that bring a household into 防返贫监测 (自主申报 or found on a visit). */
export const SHOCKS = ['大病', '灾害', '失业', '收入骤减', '意外事故'] as const
export const Shock = z.enum(SHOCKS)
export type Shock = z.infer<typeof Shock>

export const ID_NUMBER = /^\d{17}[\dX]$/
export const MOBILE = /^1[3-9]\d{9}$/
export const HOUSEHOLD_ID = /^[A-Z0-9][A-Z0-9-]{3,31}$/
export const CADRE_ID = /^[A-Za-z0-9-]{2,32}$/

export const Member = z
  .object({
    name: z.string().trim().min(1).max(20),
    relationship: z.enum(['户主', '配偶', '子女', '儿媳', '女婿', '孙子女', '父母', '祖父母', '兄弟姐妹', '其他']).describe('与户主关系'),
    age: z.number().int().min(0).max(120),
    health: z.enum(['健康', '长期慢性病', '大病']).describe('健康状况'),
    disability: z.enum(['无', '一级', '二级', '三级', '四级']).describe('残疾等级'),
    schooling: z.enum(['学龄前', '小学', '初中', '高中', '中职', '高职', '大专', '本科及以上', '失学辍学', '非在校']).describe('在校情况'),
    work: z.enum(['外出务工', '本地务工', '务农', '公益岗位', '无劳动能力', '在校生', '其他']).describe('劳动务工'),
  })
  .strict()
export type Member = z.infer<typeof Member>

/** 两不愁三保障: each true when met. */
export const Guarantees = z
  .object({
    food: z.boolean().describe('不愁吃'),
    clothing: z.boolean().describe('不愁穿'),
    education: z.boolean().describe('义务教育有保障'),
    medical: z.boolean().describe('基本医疗有保障'),
    housing: z.boolean().describe('住房安全有保障'),
    water: z.boolean().describe('饮水安全有保障'),
  })
  .strict()
export type Guarantees = z.infer<typeof Guarantees>
export const GUARANTEE_LABELS: Record<keyof Guarantees, string> = {
  food: '不愁吃',
  clothing: '不愁穿',
  education: '义务教育',
  medical: '基本医疗',
  housing: '住房安全',
  water: '饮水安全',
}

export const Household = z
  .object({
    id: z.string().regex(HOUSEHOLD_ID, '户编号应为4到32位大写字母、数字或 -').describe('户编号'),
    headName: z.string().trim().min(1).max(20).describe('户主姓名'),
    idNumber: z.string().regex(ID_NUMBER, '身份证号应为18位').describe('户主身份证号'),
    phone: z.string().regex(MOBILE, '手机号应为11位').nullable().describe('联系电话'),
    town: z.string().min(1).max(20),
    village: z.string().min(1).max(20),
    members: z.array(Member).min(1, '至少有户主一人'),
    /** 人均纯收入 by year, as the 台账 records it */
    incomes: z.array(z.object({ year: z.number().int().min(2000).max(2100), perCapita: z.number().min(0) })),
    causes: z.array(PovertyCause),
    status: HouseholdStatus,
    guarantees: Guarantees,
    shocks: z.array(z.object({ kind: Shock, date: IsoDate })).default([]),
    cadreId: z.string().regex(CADRE_ID).nullable().describe('帮扶责任人编号'),
    measures: z.array(z.string().trim().min(1).max(60)).describe('帮扶措施'),
    /** synthetic demo data: names and ID numbers are made up */
    demo: z.boolean().default(false),
  })
  .strict()
export type Household = z.infer<typeof Household>

export const Cadre = z
  .object({
    id: z.string().regex(CADRE_ID, '干部编号应为2到32位字母、数字或 -'),
    name: z.string().trim().min(1).max(20),
    role: CadreRole,
    town: z.string().min(1).max(20),
    /** 帮扶责任人 and 第一书记: their villages; 乡镇扶贫专干: the whole town (may be empty) */
    villages: z.array(z.string().min(1).max(20)),
    phone: z.string().regex(MOBILE, '手机号应为11位').nullable(),
    demo: z.boolean().default(false),
  })
  .strict()
export type Cadre = z.infer<typeof Cadre>

export const Visit = z
  .object({
    id: z.string(),
    householdId: z.string(),
    /** the cadre who went; null when the county office recorded it */
    cadreId: z.string().nullable(),
    by: z.string().describe('走访人'),
    date: IsoDate,
    note: z.string().max(500),
    at: z.string(),
  })
  .strict()
export type Visit = z.infer<typeof Visit>

/** The latest per-capita income on record, if any. */
export const latestIncome = (h: Pick<Household, 'incomes'>) =>
  h.incomes.reduce<Household['incomes'][number] | undefined>((best, i) => (!best || i.year > best.year ? i : best), undefined)
