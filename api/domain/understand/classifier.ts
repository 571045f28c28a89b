import { seededRandom } from '../../lib/random.ts'
/**
 * A multinomial logistic regression over sparse binary features: small, deterministic, trained in well
 * under a second on a few thousand phrasings, and its probabilities are usable as confidence. Pure:
 * features in, probabilities out.
 */

export interface Example<L extends string> {
  features: readonly string[]
  label: L
}

export interface TrainOptions {
  epochs?: number
  /** AdaGrad's base step */
  rate?: number
  /** L2 penalty per update, keeps rare features from deciding alone */
  l2?: number
  /** shuffling seed: the same data always gives the same model */
  seed?: number
}

export interface Prediction<L extends string> {
  label: L
  probability: number
}

export interface Classifier<L extends string> {
  labels: readonly L[]
  /** every label with its probability, most likely first */
  predict(features: readonly string[]): Prediction<L>[]
}

function softmax(scores: Float64Array): Float64Array {
  let max = -Infinity
  for (const s of scores) if (s > max) max = s
  let sum = 0
  const out = new Float64Array(scores.length)
  for (let i = 0; i < scores.length; i++) sum += out[i] = Math.exp(scores[i]! - max)
  for (let i = 0; i < out.length; i++) out[i]! /= sum
  return out
}

/** A gradient this small is treated as zero (its update would not move a probability visibly). */
const SETTLED = 1e-3

export function trainClassifier<L extends string>(examples: readonly Example<L>[], options: TrainOptions = {}): Classifier<L> {
  const { epochs = 40, rate = 0.5, l2 = 1e-4, seed = 1 } = options
  const labels = [...new Set(examples.map((e) => e.label))].sort() as L[]
  const labelIndex = new Map(labels.map((l, i) => [l, i]))
  const vocabulary = new Map<string, number>()
  for (const e of examples) for (const f of e.features) if (!vocabulary.has(f)) vocabulary.set(f, vocabulary.size)

  const L = labels.length
  const weights = new Float64Array(vocabulary.size * L)
  const squares = new Float64Array(vocabulary.size * L).fill(1e-8)
  const bias = new Float64Array(L)
  const biasSquares = new Float64Array(L).fill(1e-8)

  // Classes are balanced: a label with 500 phrasings must not drown one with 25.
  const counts = new Map<L, number>()
  for (const e of examples) counts.set(e.label, (counts.get(e.label) ?? 0) + 1)
  const classWeight = new Map([...counts].map(([l, n]) => [l, examples.length / (L * n)]))

  const encoded = examples.map((e) => ({
    ids: [...new Set(e.features)].map((f) => vocabulary.get(f)!),
    y: labelIndex.get(e.label)!,
    w: classWeight.get(e.label)!,
  }))
  const next = seededRandom(seed)
  const order = encoded.map((_, i) => i)
  const scores = new Float64Array(L)

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    for (const k of order) {
      const { ids, y, w } = encoded[k]!
      const scale = 1 / Math.sqrt(ids.length || 1)
      scores.set(bias)
      for (const id of ids) for (let c = 0; c < L; c++) scores[c]! += weights[id * L + c]! * scale
      const p = softmax(scores)
      for (let c = 0; c < L; c++) {
        const g = (p[c]! - (c === y ? 1 : 0)) * w
        // A class this example already rules out teaches nothing; skipping it keeps training under a second.
        if (Math.abs(g) < SETTLED) continue
        biasSquares[c]! += g * g
        bias[c]! -= (rate / Math.sqrt(biasSquares[c]!)) * g
        for (const id of ids) {
          const at = id * L + c
          const gw = g * scale + l2 * weights[at]!
          squares[at]! += gw * gw
          weights[at]! -= (rate / Math.sqrt(squares[at]!)) * gw
        }
      }
    }
  }

  return {
    labels,
    predict(features) {
      const ids = [...new Set(features)].map((f) => vocabulary.get(f)).filter((id): id is number => id !== undefined)
      const s = new Float64Array(bias)
      const scale = 1 / Math.sqrt(new Set(features).size || 1)
      for (const id of ids) for (let c = 0; c < L; c++) s[c]! += weights[id * L + c]! * scale
      const p = softmax(s)
      return labels.map((label, i) => ({ label, probability: p[i]! })).sort((a, b) => b.probability - a.probability)
    },
  }
}
