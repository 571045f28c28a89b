import { z } from '../../lib/zod.ts'
import { CitedSource } from '../qa/citation.ts'
import { FACT_LABELS, type FactKey, type HouseholdFacts, type SelfCheckStatus } from './facts.ts'
import { describeValue, formatValue, type ResolvedValue } from './parameters.ts'

export const STATUSES = ['eligible', 'not_eligible', 'need_info'] as const
export type Status = (typeof STATUSES)[number]

/** What a rule decides before the shared wrapping (sources, contacts, stale parameters) is added. */
export interface Draft {
  status: Status
  reasons: string[]
  /** facts whose absence keeps the rule from deciding */
  missing?: FactKey[]
  amount?: ResolvedValue
  /** the lower end when the documents give a range (贷款 5—10万元) */
  minimum?: ResolvedValue
  /** when the amount is per person or per student, how many */
  times?: number
}

/**
 * Parameters as one rule sees them. Each lookup is remembered so the result can cite and date it; a
 * parameter the place has no value for ends the rule (caught by evaluate, answered as need_info), so
 * rule code never handles the absence itself.
 */
export interface Params {
  get(id: string): ResolvedValue
}

export class MissingParameter extends Error {
  constructor(readonly id: string) {
    super(`没有参数 ${id} 的值`)
  }
}

/**
 * One policy with conditions, as a small pure function over a household's facts. No threshold or
 * amount is written in a rule: each comes from content/parameters through `p.get`.
 */
export interface Rule {
  id: string
  title: string
  /** the knowledge-base entry that explains the policy and names whom to ask */
  policy: string
  /** how to apply, as far as the documents say; the contact is added by evaluate */
  apply: string
  evaluate(facts: HouseholdFacts, p: Params): Draft
}

export const eligible = (reasons: string[], amount?: ResolvedValue, times?: number): Draft => ({
  status: 'eligible',
  reasons,
  ...(amount ? { amount } : {}),
  ...(times ? { times } : {}),
})
export const notEligible = (...reasons: string[]): Draft => ({ status: 'not_eligible', reasons })
export const needFacts = (missing: FactKey[], ...reasons: string[]): Draft => ({
  status: 'need_info',
  missing,
  reasons: [...reasons, `还需要知道：${missing.map((k) => FACT_LABELS[k]).join('、')}。`],
})
/** Facts are all there but the documents do not settle the case: someone must check. */
export const needCheck = (...reasons: string[]): Draft => ({ status: 'need_info', reasons })

/** 建档立卡 households, poor or already out of poverty: whom most measures in the seeds are for. */
export const REGISTERED: readonly SelfCheckStatus[] = ['建档立卡贫困户', '已脱贫户']

/**
 * The gate most rules start with: is the household in the group the measure is for? Returns the answer
 * when it is not (or unknown), undefined when the rule should go on. 监测户 are named by the seeds for
 * monitoring and help, not for each measure: for them the office decides.
 */
export function gate(f: HouseholdFacts, groups: readonly SelfCheckStatus[]): Draft | undefined {
  if (f.status === undefined) return needFacts(['status'])
  if (groups.includes(f.status)) return undefined
  if (f.status === '监测户') return needCheck(`文件写的对象是${groups.join('、')}；监测户能不能享受，文件没写。`)
  return notEligible(`对象是${groups.join('、')}，您家是${f.status}。`)
}

export { describeValue, formatValue }

export const AmountOut = z.object({
  value: z.number(),
  unit: z.string(),
  per: z.string().optional(),
  times: z.number().int().optional().describe('按人或按学生计算时的人数'),
  text: z.string().describe('如“3000元/人·年”'),
})

export const RuleResult = z.object({
  id: z.string(),
  title: z.string(),
  policyId: z.string().describe('解释这项政策的知识库条目'),
  status: z.enum(STATUSES).describe('eligible 符合 / not_eligible 不符合 / need_info 还需要信息或核实'),
  provisional: z.enum(['eligible', 'not_eligible']).optional().describe('依据的标准已过期或缺少时，按已知最近的标准得出的结论，仅供参考'),
  reasons: z.array(z.string()).describe('理由，写明依据的标准和出处'),
  amount: AmountOut.optional(),
  missing: z.array(z.object({ fact: z.string(), label: z.string() })).describe('还需要的信息'),
  apply: z.string().describe('怎么办、找谁'),
  sources: z.array(CitedSource),
})
export type RuleResult = z.infer<typeof RuleResult>
