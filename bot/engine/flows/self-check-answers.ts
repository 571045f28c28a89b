import { numbersIn, parseNumber } from '../text/chinese-number.ts'
import type { FactKey, HouseholdFacts, SchoolStage, Student } from '../../../api/domain/eligibility/facts.ts'

/**
 * Reading one chat reply as one household fact. Pure: (fact asked, text, facts so far) → the facts to
 * set, or undefined when the reply does not answer the question (the flow then asks again, with an
 * example). "不知道" and "跳过" are handled by the flow, not here.
 */
export type Parsed = Partial<HouseholdFacts> | undefined

const NO = /^(没有|没|无|不是|否|都不是|都没有|没得|木有|没呢|还没有)/
/** "没有" — unless the reply goes on to name one ("没有，就是去年住院了"). */
const denies = (t: string) => NO.test(t) && !/但|就是|只是|不过|除了/.test(t)
const YES = /^(有|是|对|嗯|是的|有的)/

/** "一年收入两万": the 一 of 一年 is a period, not the amount. */
const PERIODS = /[一每全今去前]年|[一每]个?月|一家|全家|每人|每个人|一个人|一人/g
const amount = (text: string) => parseNumber(text.replace(PERIODS, ''))

/** How many: a number, or 有/没有 alone (有 without a count is one). */
function count(text: string): number | undefined {
  const n = parseNumber(text)
  if (n !== undefined) return Number.isInteger(n) && n >= 0 && n <= 30 ? n : undefined
  if (NO.test(text)) return 0
  if (YES.test(text)) return 1
  return undefined
}

/** School words villagers use, longest first so 高职 is not read as 高中's 高. */
const STAGE_WORDS: [RegExp, SchoolStage][] = [
  [/幼儿园|学前|托儿|上幼|幼稚园/, '学前'],
  [/小学/, '小学'],
  [/初中|初一|初二|初三|中学/, '初中'],
  [/高职|职业技术学院|职业学院|职院|高等职业/, '高职'],
  [/中职|中专|职高|技校|职业高中|职业中学/, '中职'],
  [/高中|高一|高二|高三/, '高中'],
  [/专科|大专/, '专科'],
  [/本科|大学/, '本科'],
]

/** "一个上高职、两个读小学" → 高职, 小学, 小学. */
export function parseStudents(text: string): Student[] | undefined {
  if (NO.test(text) && !STAGE_WORDS.some(([re]) => re.test(text))) return []
  const students: Student[] = []
  let rest = text
  for (const [re, stage] of STAGE_WORDS) {
    const global = new RegExp(re.source, 'g')
    for (const m of rest.matchAll(global)) {
      // the count right before the school word, if any: 两个读小学 → 2
      const before = rest.slice(Math.max(0, m.index - 5), m.index)
      const n = /([0-9一二两俩三四五六七八九十]+)\s*个[^个]*$/.exec(before)
      const times = n ? (numbersIn(n[1]!)[0] ?? 1) : 1
      for (let i = 0; i < Math.min(times, 10); i++) students.push({ stage })
    }
    rest = rest.replace(global, '　')
  }
  return students.length > 0 ? students : undefined
}

/** 是/不是 for every college student whose admission year is not known yet. */
function parseAdmitted(text: string, students: Student[]): Parsed {
  const college = (s: Student) => s.stage === '本科' || s.stage === '专科'
  let admitted: boolean | undefined
  if (/不是|没有|以前|去年|早就|已经在读|在读/.test(text)) admitted = false
  else if (/是|今年|刚|新考|对/.test(text)) admitted = true
  if (admitted === undefined) return undefined
  return { students: students.map((s) => (college(s) && s.newlyAdmitted === undefined ? { ...s, newlyAdmitted: admitted } : s)) }
}

const HOUSING = /([ABCDabcd])\s*级?/
const SHOCK_WORDS: [RegExp, NonNullable<HouseholdFacts['shocks']>[number]][] = [
  [/大病|住院|生病|看病|手术|病/, '大病支出'],
  [/灾|洪|涝|旱|冰雹|火|地震|塌/, '灾害'],
  [/失业|没活|下岗|没工作|找不到工作/, '失业'],
  [/减收|骤减|收入少|少了|疫情|卖不出|亏/, '收入骤减'],
  [/车祸|意外|受伤|摔/, '意外事故'],
]

const householdSize = (t: string): Parsed => {
  const n = /就我|一个人|独自|自己一个/.test(t) ? 1 : parseNumber(t)
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 30 ? { householdSize: n } : undefined
}

const annualIncome = (t: string): Parsed => {
  if (/没有收入|没收入|没什么收入|零收入/.test(t)) return { annualIncome: 0 }
  const n = amount(t)
  if (n === undefined || n < 0 || n > 10_000_000) return undefined
  if (/人均|每人|每个人|一个人/.test(t)) return { perCapitaIncome: n }
  // 一个月两千 is a monthly figure: a year is twelve of them
  return { annualIncome: /月/.test(t) ? n * 12 : n }
}

const status = (t: string): Parsed => {
  if (/监测|边缘/.test(t)) return { status: '监测户' }
  if (/脱贫|摘帽/.test(t) && !/没脱贫|未脱贫|还没/.test(t)) return { status: '已脱贫户' }
  if (/建档|贫困户|立卡|是/.test(t) && !/不是/.test(t)) return { status: '建档立卡贫困户' }
  if (/不是|一般|普通|都不|没有|没评/.test(t)) return { status: '一般农户' }
  return undefined
}

const assistance = (t: string): Parsed => {
  if (/特困|五保/.test(t)) return { assistance: '特困' }
  if (/低保/.test(t) && !/没|不是/.test(t)) return { assistance: '低保' }
  if (NO.test(t) || /都没|不是/.test(t)) return { assistance: '无' }
  return undefined
}

/** First who is in school; once that is known, whether the college students were admitted this year. */
const students = (t: string, facts: HouseholdFacts): Parsed => {
  if (facts.students !== undefined) return parseAdmitted(t, facts.students)
  const found = parseStudents(t)
  return found ? { students: found } : undefined
}

const childrenOutOfSchool = (t: string): Parsed => {
  const n = count(t)
  return n === undefined ? undefined : { childrenOutOfSchool: n }
}

const housingGrade = (t: string): Parsed => {
  const m = HOUSING.exec(t)
  return m ? { housingGrade: m[1]!.toUpperCase() as 'A' | 'B' | 'C' | 'D' } : undefined
}

const drinkingWater = (t: string): Parsed => {
  if (/季节|旱季|有时|时有时无|干旱|天旱|断水|缺水/.test(t)) return { drinkingWater: '季节性缺水' }
  if (/不安全|不干净|不好|浑|有问题|苦|咸|氟|没有水|没水/.test(t)) return { drinkingWater: '不安全' }
  if (/安全|干净|自来水|没问题|好|正常|能喝/.test(t)) return { drinkingWater: '安全' }
  return undefined
}

const illness = (t: string): Parsed => {
  if (denies(t) || /都好|健康/.test(t)) return { illness: '无' }
  if (/大病|重病|癌|尿毒|白血病|住院/.test(t)) return { illness: '大病' }
  if (/慢性|高血压|糖尿病|慢病|长期吃药/.test(t)) return { illness: '慢性病' }
  return undefined
}

/** "都能干活" is every member of the household. */
const workers = (t: string, facts: HouseholdFacts): Parsed => {
  const n = /都能|都可以/.test(t) && facts.householdSize ? facts.householdSize : count(t)
  return n === undefined ? undefined : { workers: n }
}

const pensionContribution = (t: string): Parsed => {
  if (/没交|没有交|没缴|不交/.test(t)) return { pensionContribution: 0 }
  const n = amount(t)
  return n === undefined || n > 100_000 ? undefined : { pensionContribution: n }
}

const shocks = (t: string): Parsed => {
  if (denies(t) || /都没|挺好|还好|正常/.test(t)) return { shocks: [] }
  const found = SHOCK_WORDS.filter(([re]) => re.test(t)).map(([, s]) => s)
  return found.length > 0 ? { shocks: found } : undefined
}

/** One reader per question the self-check asks; a fact it never asks has none. */
const READERS: Partial<Record<FactKey, (text: string, facts: HouseholdFacts) => Parsed>> = {
  householdSize,
  annualIncome,
  status,
  assistance,
  students,
  childrenOutOfSchool,
  housingGrade,
  drinkingWater,
  illness,
  workers,
  pensionContribution,
  shocks,
}

export function parseAnswer(fact: FactKey, text: string, facts: HouseholdFacts): Parsed {
  return READERS[fact]?.(text.trim(), facts)
}
