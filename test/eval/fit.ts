/**
 * `npm run eval:fit`: fits the answer step's confidence model (api/domain/qa/confidence.ts) on the tuning
 * split, cross-validated (5 folds, out-of-fold probabilities choose the cut-offs), and writes it to
 * content/qa-confidence.yaml. The held-out split is not read here.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { stringify } from 'yaml'
import { loadConfig } from '../../api/config.ts'
import { loadContent } from '../../api/content/load.ts'
import { buildKnowledge } from '../../api/domain/knowledge.ts'

import { assess } from '../../api/domain/qa/answer.ts'
import { FEATURES, probability, type ConfidenceModel, type ConfidenceFeatures } from '../../api/domain/qa/confidence.ts'
import { expected, tuning } from './cases.ts'

const FOLDS = 5
const L2 = 0.01
/** A wrong answer told to a family costs this many right ones: it is acted on. */
const WRONG_COST = 3
/** The share of out-of-scope questions that must get no confident answer. */
const REFUSE_AT_LEAST = 0.95
/** …and the share that must get no suggestion either. */
const TENTATIVE_REFUSE_AT_LEAST = 0.9

interface Row {
  x: number[]
  y: number
  inScope: boolean
}

function fit(rows: Row[]): { bias: number; w: number[] } {
  const d = FEATURES.length
  let bias = 0
  const w = Array.from({ length: d }, () => 0)
  const rate = 0.5
  for (let epoch = 0; epoch < 3000; epoch++) {
    let gb = 0
    const gw = Array.from({ length: d }, () => 0)
    for (const r of rows) {
      const z = bias + r.x.reduce((s, v, i) => s + v * w[i]!, 0)
      const err = 1 / (1 + Math.exp(-z)) - r.y
      gb += err
      r.x.forEach((v, i) => (gw[i]! += err * v))
    }
    bias -= (rate * gb) / rows.length
    for (let i = 0; i < d; i++) w[i]! -= rate * (gw[i]! / rows.length + L2 * w[i]!)
  }
  return { bias, w }
}

const model = (m: { bias: number; w: number[] }, answerAt = 0.5, tentativeAt = 0.25): ConfidenceModel => ({
  bias: m.bias,
  weights: Object.fromEntries(FEATURES.map((f, i) => [f, m.w[i]!])) as ConfidenceModel['weights'],
  answerAt,
  tentativeAt,
})

function main() {
  const knowledge = buildKnowledge(loadContent(loadConfig().CONTENT_DIR))
  const rows: (Row & { features: ConfidenceFeatures; correct: boolean })[] = tuning.questions.map((c) => {
    const { result } = assess(knowledge, c.q)
    const want = expected(c)
    const top = result.hits[0]?.entry.id
    const correct = want !== null && top !== undefined && want.includes(top)
    return { features: result.features, x: FEATURES.map((f) => result.features[f]), y: correct ? 1 : 0, inScope: want !== null, correct }
  })

  // Out-of-fold probabilities: every question is scored by a model that never saw it.
  const oof: number[] = Array.from({ length: rows.length }, () => 0)
  for (let k = 0; k < FOLDS; k++) {
    const train = rows.filter((_, i) => i % FOLDS !== k)
    const m = model(fit(train))
    rows.forEach((r, i) => {
      if (i % FOLDS === k) oof[i] = probability(m, r.features)
    })
  }
  const outOfScope = rows.map((r, i) => ({ r, p: oof[i]! })).filter(({ r }) => !r.inScope)
  const inScope = rows.map((r, i) => ({ r, p: oof[i]! })).filter(({ r }) => r.inScope)
  let best = { answerAt: 0.5, gain: -Infinity }
  for (let t = 0.05; t <= 0.951; t += 0.01) {
    const refused = outOfScope.filter(({ p }) => p < t).length / Math.max(1, outOfScope.length)
    if (refused < REFUSE_AT_LEAST) continue
    const right = inScope.filter(({ r, p }) => p >= t && r.correct).length
    const wrong = rows.filter((r, i) => oof[i]! >= t && !r.correct).length
    const gain = right - WRONG_COST * wrong
    if (gain > best.gain) best = { answerAt: Math.round(t * 100) / 100, gain }
  }
  // Tentative ("您问的可能是……", with the alternatives): as low as it can go while nearly all
  // out-of-scope questions still get the honest refusal.
  let tentativeAt = best.answerAt
  for (let t = best.answerAt - 0.01; t >= 0.02; t -= 0.01) {
    if (outOfScope.filter(({ p }) => p < t).length / Math.max(1, outOfScope.length) < TENTATIVE_REFUSE_AT_LEAST) break
    tentativeAt = Math.round(t * 100) / 100
  }
  const final = model(fit(rows), best.answerAt, tentativeAt)
  const cv = {
    answeredRight: inScope.filter(({ r, p }) => p >= best.answerAt && r.correct).length / inScope.length,
    answeredOrTentativeRight: inScope.filter(({ r, p }) => p >= tentativeAt && r.correct).length / inScope.length,
    refused: outOfScope.filter(({ p }) => p < best.answerAt).length / Math.max(1, outOfScope.length),
    refusedStrict: outOfScope.filter(({ p }) => p < tentativeAt).length / Math.max(1, outOfScope.length),
  }
  const path = new URL('../../content/qa-confidence.yaml', import.meta.url)
  const header = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('#') && !l.includes('初始值'))
    .join('\n')

  const round = (x: number) => Math.round(x * 1000) / 1000
  const body = {
    bias: round(final.bias),
    weights: Object.fromEntries(Object.entries(final.weights).map(([k, v]) => [k, round(v)])),
    answerAt: final.answerAt,
    tentativeAt: final.tentativeAt,
    fitted: {
      questions: rows.length,
      inScope: inScope.length,
      outOfScope: outOfScope.length,
      folds: FOLDS,
      crossValidated: Object.fromEntries(Object.entries(cv).map(([k, v]) => [k, round(v)])),
    },
  }
  writeFileSync(path, `${header}\n${stringify(body)}`)
  console.log(`拟合完成：${rows.length} 个调参问题，${FOLDS} 折交叉验证`)
  console.log(`  回答阈值 ${final.answerAt}，“可能是”阈值 ${final.tentativeAt}`)
  console.log(
    `  交叉验证：答对 ${(cv.answeredRight * 100).toFixed(1)}%（含“可能是” ${(cv.answeredOrTentativeRight * 100).toFixed(1)}%），范围外不给确定回答 ${(cv.refused * 100).toFixed(1)}%（完全拒答 ${(cv.refusedStrict * 100).toFixed(1)}%）`,
  )
}

main()
