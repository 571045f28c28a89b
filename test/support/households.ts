import type { Cadre, Household, Member } from '../../api/domain/households/household.ts'
import type { Service } from '../../api/service.ts'

/**
 * A small hand-made county for access tests. 东山镇 has two villages; 帮扶责任人 A has the two 东山村
 * households, B the 桃园村 one; the 第一书记 has 东山村, the 乡镇专干 the whole town; 西河乡 is another town.
 * The ID and phone numbers are made up for tests.
 */
export const CADRES: Cadre[] = [
  { id: 'BF-A', name: '甲干部', role: '帮扶责任人', town: '东山镇', villages: ['东山村'], phone: '13900001111', demo: false },
  { id: 'BF-B', name: '乙干部', role: '帮扶责任人', town: '东山镇', villages: ['桃园村'], phone: '13900002222', demo: false },
  { id: 'SJ-DS', name: '丙书记', role: '第一书记', town: '东山镇', villages: ['东山村'], phone: null, demo: false },
  { id: 'ZG-DS', name: '丁专干', role: '乡镇扶贫专干', town: '东山镇', villages: [], phone: null, demo: false },
  { id: 'BF-W', name: '戊干部', role: '帮扶责任人', town: '西河乡', villages: ['西河村'], phone: null, demo: false },
]

const head = (name: string): Member => ({
  name,
  relationship: '户主',
  age: 52,
  health: '健康',
  disability: '无',
  schooling: '非在校',
  work: '务农',
})
const allMet = { food: true, clothing: true, education: true, medical: true, housing: true, water: true }

function household(
  id: string,
  headName: string,
  idNumber: string,
  village: string,
  cadreId: string | null,
  over: Partial<Household> = {},
): Household {
  const town = village === '西河村' ? '西河乡' : '东山镇'
  return {
    id,
    headName,
    idNumber,
    phone: '13812345678',
    town,
    village,
    members: [head(headName)],
    incomes: [{ year: 2025, perCapita: 8000 }],
    causes: ['因病'],
    status: '已脱贫',
    guarantees: allMet,
    shocks: [],
    cadreId,
    measures: ['产业帮扶'],
    demo: false,
    ...over,
  }
}

export const HOUSEHOLDS: Household[] = [
  household('DS-0001', '张三', '330102199001011234', '东山村', 'BF-A', {
    members: [
      head('张三'),
      { name: '张小明', relationship: '子女', age: 17, health: '大病', disability: '无', schooling: '高中', work: '在校生' },
    ],
    incomes: [
      { year: 2024, perCapita: 6000 },
      { year: 2025, perCapita: 4200 },
    ],
    guarantees: { ...allMet, housing: false },
  }),
  household('DS-0002', '李四', '33010219850505567X', '东山村', 'BF-A'),
  household('TY-0001', '王五', '330102197003034321', '桃园村', 'BF-B'),
  household('XH-0001', '赵六', '330102196006068765', '西河村', 'BF-W'),
]

/** Loads the records into a service and issues every cadre a token: cadre id → token. */
export async function seedHouseholds(service: Service): Promise<Record<string, string>> {
  await service.stores.cadres.upsert(CADRES)
  await service.stores.households.upsert(HOUSEHOLDS)
  const tokens: Record<string, string> = {}
  for (const c of CADRES) tokens[c.id] = await service.stores.access.issueCadreToken(c.id)
  return tokens
}

/** Any unmasked 18-digit ID number or mobile number in a text. */
export const UNMASKED = /(?<![\dA-Za-z*])\d{17}[\dXx](?![\dA-Za-z])|(?<![\d*])1[3-9]\d{9}(?!\d)/
