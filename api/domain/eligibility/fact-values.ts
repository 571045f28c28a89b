// The answers a household can give. No zod here: the web pages' self-check form imports these lists.

export const SELF_CHECK_STATUSES = ['建档立卡贫困户', '已脱贫户', '监测户', '一般农户'] as const
export type SelfCheckStatus = (typeof SELF_CHECK_STATUSES)[number]
export const SCHOOL_STAGES = ['学前', '小学', '初中', '高中', '中职', '高职', '专科', '本科'] as const
export type SchoolStage = (typeof SCHOOL_STAGES)[number]
export const HOUSING_GRADES = ['A', 'B', 'C', 'D'] as const
export const WATER_STATES = ['安全', '不安全', '季节性缺水'] as const
export const ILLNESSES = ['无', '慢性病', '大病'] as const
export const SELF_CHECK_SHOCKS = ['大病支出', '灾害', '失业', '收入骤减', '意外事故'] as const
export const ASSISTANCE = ['低保', '特困', '无'] as const
