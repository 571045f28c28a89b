import { describeValue, eligible, gate, needCheck, needFacts, notEligible, REGISTERED, type Rule } from '../rule.ts'

export const livelihoodRules: Rule[] = [
  {
    id: 'pension-subsidy',
    title: '养老保险缴费补贴',
    policy: 'social-pension-subsidy',
    apply: '在村里交城乡居民养老保险时说明是贫困人口，补贴按规定发放；问乡镇社保所或县人社局',
    evaluate(f, p) {
      const closed = gate(f, REGISTERED)
      if (closed) return closed
      if (f.pensionContribution === undefined) return needFacts(['pensionContribution'])
      const high = p.get('pension-tier-high')
      const low = p.get('pension-tier-low')
      if (f.pensionContribution >= high.value) {
        const subsidy = p.get('pension-subsidy-high')
        return eligible([`每人每年缴费${f.pensionContribution}元，达到${high.value}元：${describeValue(subsidy)}。`], subsidy)
      }
      if (f.pensionContribution >= low.value) {
        const subsidy = p.get('pension-subsidy-low')
        return eligible(
          [`每人每年缴费${f.pensionContribution}元，在${low.value}元到${high.value}元之间：${describeValue(subsidy)}。`],
          subsidy,
        )
      }
      const lowSubsidy = p.get('pension-subsidy-low')
      // The document names subsidies from 500元 up and is silent below: that is for the office to say.
      return needCheck(
        `每人每年缴费${f.pensionContribution}元，不到${low.value}元：文件只写了缴${low.value}元及以上每人每年补贴${lowSubsidy.value}元（${lowSubsidy.region}），不到${low.value}元有没有补贴没写。`,
      )
    },
  },
  {
    id: 'microcredit',
    title: '扶贫小额贷款',
    policy: 'finance-microcredit',
    apply: '谁符合贷款条件、要什么材料，以当地规定为准，请问乡镇扶贫工作站或县扶贫办',
    evaluate(f, p) {
      const closed = gate(f, REGISTERED)
      if (closed) return closed
      if (f.workers === undefined) return needFacts(['workers'])
      if (f.workers === 0) return notEligible('贷款扶持是给有劳动能力、又有创业致富意愿的贫困群众的，家里没有劳动力。')
      const most = p.get('microcredit-max')
      const least = p.get('microcredit-min')
      return {
        ...eligible(
          [`家里有劳动力；有创业致富意愿、符合贷款条件的，可以贷${least.value}—${most.value}${most.unit}（${most.region}，财政贴息）。`],
          most,
        ),
        minimum: least,
      }
    },
  },
  {
    id: 'public-welfare-posts',
    title: '公益性岗位',
    policy: 'jobs-public-welfare-posts',
    apply: '向村委会或驻村工作队说明就业意愿，按就业意愿和能力安排；问乡镇或县人社局',
    evaluate(f) {
      const closed = gate(f, REGISTERED)
      if (closed) return closed
      if (f.workers === undefined) return needFacts(['workers'])
      if (f.workers === 0) return notEligible('公益性岗位安置的是有劳动力的贫困户，家里没有劳动力。')
      return eligible(['有劳动力的贫困户，要确保至少每户1人稳定就业，优先就近安排保洁、巡查、管水等公益性岗位。'])
    },
  },
]
