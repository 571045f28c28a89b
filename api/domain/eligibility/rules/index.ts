import type { Rule } from '../rule.ts'
import { educationRules } from './education.ts'
import { healthRules } from './health.ts'
import { livingRules } from './living.ts'
import { livelihoodRules } from './livelihood.ts'

/** Every rule, in the order a summary lists them. */
export const RULES: readonly Rule[] = [...educationRules, ...healthRules, ...livingRules, ...livelihoodRules]
