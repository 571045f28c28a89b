import { UNSAFE_HOUSING, WATER_UNMET } from '../facts.ts'
import { eligible, needFacts, notEligible, type Rule } from '../rule.ts'
import { lowIncomeGate } from './health.ts'

export const livingRules: Rule[] = [
  {
    id: 'housing-renovation',
    title: '农村危房改造',
    policy: 'housing-dilapidated-renovation',
    apply: '向村委会提出，由住建部门鉴定房屋安全等级后纳入改造；补助标准以当地规定为准，问县住建局',
    evaluate(f) {
      if (f.housingGrade === undefined) return needFacts(['housingGrade'])
      if (!UNSAFE_HOUSING.includes(f.housingGrade)) return notEligible(`住房安全等级是${f.housingGrade}级，不是C级、D级危房。`)
      const closed = lowIncomeGate(f)
      if (closed) return closed
      return eligible([`住房是${f.housingGrade}级危房：贫困户等低收入农户不能住C级、D级危房，要纳入危房改造。`])
    },
  },
  {
    id: 'drinking-water',
    title: '饮水安全保障',
    policy: 'water-safety',
    apply: '向村委会反映，由县水利局排查解决',
    evaluate(f) {
      if (f.drinkingWater === undefined) return needFacts(['drinkingWater'])
      if (!WATER_UNMET.includes(f.drinkingWater)) return notEligible('饮水已经安全。')
      return eligible([`饮水${f.drinkingWater}：农村低收入人口饮水要达到当地农村饮水安全评价标准，可以反映，由水利部门解决。`])
    },
  },
]
