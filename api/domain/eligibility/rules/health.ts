import type { HouseholdFacts } from '../facts.ts'
import { describeValue, eligible, gate, needFacts, notEligible, REGISTERED, type Draft, type Rule } from '../rule.ts'

/** 低保 and 特困 households count as 低收入人口 whatever their registration status. */
export function lowIncomeGate(f: HouseholdFacts): Draft | undefined {
  if (f.assistance === '低保' || f.assistance === '特困') return undefined
  if (f.status === '一般农户') {
    return f.assistance === undefined
      ? needFacts(['assistance'])
      : notEligible('对象是低收入人口（建档立卡贫困户、已脱贫户、监测户、低保户、特困人员），您家是一般农户。')
  }
  return gate(f, [...REGISTERED, '监测户'])
}

export const healthRules: Rule[] = [
  {
    id: 'critical-illness-insurance',
    title: '大病医疗商业补充保险',
    policy: 'health-critical-illness-insurance',
    apply: '保险由政府统一购买，不用自己交钱；看大病报销时，医院和医保部门会按规定结算，有疑问问县医保局',
    evaluate(f, p) {
      const closed = gate(f, REGISTERED)
      if (closed) return closed
      const premium = p.get('critical-illness-premium')
      return eligible([`建档立卡贫困人口由政府出钱买大病医疗商业补充保险：${describeValue(premium)}。`], premium, f.householdSize)
    },
  },
  {
    id: 'inpatient-self-pay-cap',
    title: '住院自付比例控制',
    policy: 'health-inpatient-self-pay',
    apply: '在县域内定点医院住院，出院时直接结算；觉得自付太多，可以问县医保局',
    evaluate(f, p) {
      const closed = lowIncomeGate(f)
      if (closed) return closed
      const cap = p.get('inpatient-self-pay-cap')
      return eligible(
        [
          `低收入人口在县域内定点医疗机构住院，个人自付费用控制在政策范围内住院总费用的${cap.value}${cap.unit}以内（${cap.region}，${cap.from.slice(0, 4)}年起）。`,
        ],
        cap,
      )
    },
  },
]
