import type { Towns } from '../places.ts'
import { HOUSEHOLD_STATUSES, POVERTY_CAUSES, type Cadre, type Household, type Member } from './household.ts'
import { seededRandom } from '../../lib/random.ts'

/**
 * Deterministic synthetic households and cadres for demos and benchmarks. Everything is visibly made
 * up: names are "姓某字" (the form Chinese documents use to anonymise), ID numbers start with the
 * non-existent area code 000000, no phone numbers, and every record carries demo: true.
 */

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const GIVEN = '华明丽强芳军英平红兰秀云成国建春海燕文志'
/** ISO 7064 MOD 11-2, as on a real ID card, so the numbers pass format checks while being visibly fake */
function checkDigit(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0)
  return '10X98765432'[sum % 11]!
}

export interface SyntheticData {
  cadres: Cadre[]
  households: Household[]
}

/** Households per 帮扶责任人: counties pair each cadre with a handful of families. */
const PER_CADRE = 5

export function syntheticData(count: number, towns: Towns, seed = 20201231): SyntheticData {
  const rand = seededRandom(seed)
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!
  const name = () => `${pick([...SURNAMES])}某${pick([...GIVEN])}`
  const villages = towns.flatMap((t) => t.villages.map((v) => ({ town: t.name, village: v })))
  const cadres: Cadre[] = []
  for (const [ti, t] of towns.entries()) {
    cadres.push({
      id: `ZG${String(ti + 1).padStart(3, '0')}`,
      name: name(),
      role: '乡镇扶贫专干',
      town: t.name,
      villages: [...t.villages],
      phone: null,
      demo: true,
    })
  }
  for (const [vi, v] of villages.entries()) {
    cadres.push({
      id: `SJ${String(vi + 1).padStart(4, '0')}`,
      name: name(),
      role: '第一书记',
      town: v.town,
      villages: [v.village],
      phone: null,
      demo: true,
    })
  }
  const households: Household[] = []
  // Each 帮扶责任人 takes PER_CADRE households of one village.
  const helpers = new Map<number, { id: string; taken: number }>()
  for (let i = 0; i < count; i++) {
    const vi = i % villages.length
    const place = villages[vi]!
    let helper = helpers.get(vi)
    if (!helper || helper.taken === PER_CADRE) {
      const id = `BF${String(cadres.length + 1).padStart(6, '0')}`
      cadres.push({ id, name: name(), role: '帮扶责任人', town: place.town, villages: [place.village], phone: null, demo: true })
      helper = { id, taken: 0 }
      helpers.set(vi, helper)
    }
    helper.taken++
    households.push(household(i, place, helper.id))
  }
  return { cadres, households }

  function household(i: number, place: { town: string; village: string }, cadreId: string): Household {
    const size = 1 + Math.floor(rand() * 5)
    const headAge = 30 + Math.floor(rand() * 45)
    const members: Member[] = [
      {
        name: name(),
        relationship: '户主',
        age: headAge,
        health: rand() < 0.1 ? '大病' : rand() < 0.2 ? '长期慢性病' : '健康',
        disability: rand() < 0.1 ? '二级' : '无',
        schooling: '非在校',
        work: pick(['外出务工', '本地务工', '务农', '公益岗位'] as const),
      },
    ]
    for (let k = 1; k < size; k++) {
      const child = k > 1
      const age = child ? Math.floor(rand() * 22) : headAge - 3 + Math.floor(rand() * 6)
      members.push({
        name: name(),
        relationship: child ? '子女' : '配偶',
        age,
        health: rand() < 0.05 ? '大病' : '健康',
        disability: '无',
        schooling: !child
          ? '非在校'
          : age < 6
            ? '学龄前'
            : age < 12
              ? '小学'
              : age < 15
                ? '初中'
                : age < 18
                  ? '高中'
                  : age < 21
                    ? '高职'
                    : '非在校',
        work: child && age < 21 ? '在校生' : pick(['外出务工', '本地务工', '务农'] as const),
      })
    }
    const birth = `${2026 - headAge}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`
    const body = `000000${birth}${String(i % 1000).padStart(3, '0')}`
    const income = 3000 + Math.floor(rand() * 9000)
    return {
      id: `YS${String(i + 1).padStart(7, '0')}`,
      headName: members[0]!.name,
      idNumber: body + checkDigit(body),
      phone: null,
      town: place.town,
      village: place.village,
      members,
      incomes: [{ year: 2025, perCapita: income }],
      causes: [pick(POVERTY_CAUSES)],
      status: pick(HOUSEHOLD_STATUSES),
      guarantees: { food: true, clothing: true, education: true, medical: true, housing: rand() > 0.05, water: rand() > 0.05 },
      shocks: [],
      cadreId,
      measures: [pick(['产业帮扶', '就业帮扶', '健康帮扶', '教育帮扶', '兜底保障'] as const)],
      demo: true,
    }
  }
}
