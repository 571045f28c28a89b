/**
 * How sure an answer is, from features that hold on questions nobody tuned against: how much of the
 * question's informative words the entry accounts for (with and without the words the knowledge base
 * never uses), how much evidence that is, how far ahead of the second entry it is, whether a programme's
 * own name matched (exactly or after a typo was corrected), how closely the question echoes one of the
 * ways the entry was asked, and what says the entry does not answer it: a year or a place it never
 * mentions, a likeness to a question nobody can answer here, the heaviest word it does not account for,
 * a sum of money asked when it states none. Boosted decision trees combine them — a feature can matter
 * only when another is low (a likeness to an out-of-scope question counts when the question echoes no
 * way the entry was asked), which one weight per feature cannot say. The trees and the two cut-offs are
 * fitted and cross-validated on the tuning split by `npm run eval:fit` (test/eval/boost.ts) and kept as
 * content (content/qa-confidence.yaml), not tuned by hand.
 */
export const FEATURES = [
  'coverage',
  'knownCoverage',
  'domainCoverage',
  'evidence',
  'domainWords',
  'margin',
  'distinctive',
  'corrected',
  'corroborated',
  'strength',
  'length',
  'example',
  'otherYear',
  'offTopic',
  'otherPlace',
  'unstatedMoney',
  'missing',
  'echo',
  'missingUnechoed',
  'offTopicUnechoed',
] as const
export type FeatureName = (typeof FEATURES)[number]
export type ConfidenceFeatures = Record<FeatureName, number>

/** A question goes `lo` when its `feature` is at most `at`, else `hi`; a leaf adds `add` to the log-odds. */
export type TreeNode = { add: number } | { feature: FeatureName; at: number; lo: TreeNode; hi: TreeNode }

export interface ConfidenceModel {
  /** log-odds before any tree */
  base: number
  trees: TreeNode[]
  /** at or above: the answer */
  answerAt: number
  /** at or above (and below answerAt): "您问的可能是……" with the entry and the alternatives */
  tentativeAt: number
}

export type Tier = 'answer' | 'tentative' | 'none'

export function leafOf(tree: TreeNode, f: ConfidenceFeatures): number {
  let node = tree
  while (!('add' in node)) node = f[node.feature] <= node.at ? node.lo : node.hi
  return node.add
}

export function probability(model: ConfidenceModel, f: ConfidenceFeatures): number {
  let z = model.base
  for (const tree of model.trees) z += leafOf(tree, f)
  return 1 / (1 + Math.exp(-z))
}

export function tierOf(model: ConfidenceModel, p: number): Tier {
  return p >= model.answerAt ? 'answer' : p >= model.tentativeAt ? 'tentative' : 'none'
}
