/**
 * `npm run eval:fit`: fits the answer step's two models on the tuning split and writes them as content:
 * first the ranking model (api/domain/qa/search.ts → content/qa-ranking.yaml), a softmax over each
 * question's candidate entries; then, over the answers that ranking gives, the confidence model
 * (api/domain/qa/confidence.ts → content/qa-confidence.yaml). Both are cross-validated (5 folds): the
 * figures printed are out-of-fold, and the confidence cut-offs are chosen on out-of-fold probabilities.
 * The held-out split is not read here.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { stringify } from 'yaml'
import { loadConfig } from '../../api/config.ts'
import { loadContent } from '../../api/content/load.ts'
import { buildKnowledge } from '../../api/domain/knowledge.ts'

import { assess, kindPrior } from '../../api/domain/qa/answer.ts'
import { candidates, POOL, RANK_FEATURES, rankScore, type RankingModel } from '../../api/domain/qa/search.ts'
import { FEATURES, probability, type ConfidenceModel, type ConfidenceFeatures } from '../../api/domain/qa/confidence.ts'
import { expected, tuning, tuningSets } from './cases.ts'

/**
 * Each question's fold is the file it came from: every out-of-fold figure is then for questions by people
 * whose phrasings the model never saw, as on the held-out split (random folds mix one writer's habits
 * into both sides and promise more than unseen questions give).
 */
const foldOf = tuningSets.flatMap((s, k) => s.questions.map(() => k))
const FOLDS = tuningSets.length
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

interface Ranked {
  fold: number
  /** each candidate's features, in RANK_FEATURES order */
  x: number[][]
  /** which candidates are a right answer */
  right: boolean[]
}

/** Listwise logistic regression: the softmax of the candidates' scores should put its mass on the right ones. */
function fitRanking(rows: Ranked[]): number[] {
  const d = RANK_FEATURES.length
  const w = Array.from({ length: d }, () => 0)
  const usable = rows.filter((r) => r.right.some(Boolean))
  for (let epoch = 0; epoch < 1500; epoch++) {
    const g = Array.from({ length: d }, () => 0)
    for (const r of usable) {
      const z = r.x.map((x) => x.reduce((s, v, i) => s + v * w[i]!, 0))
      const max = Math.max(...z)
      const e = z.map((v) => Math.exp(v - max))
      const all = e.reduce((a, b) => a + b, 0)
      const right = e.reduce((a, v, i) => a + (r.right[i] ? v : 0), 0)
      r.x.forEach((x, c) => {
        const err = e[c]! / all - (r.right[c] ? e[c]! / right : 0)
        x.forEach((v, i) => (g[i]! += err * v))
      })
    }
    for (let i = 0; i < d; i++) w[i]! -= 0.5 * (g[i]! / usable.length + L2 * w[i]!)
  }
  return w
}

const rankingModel = (w: number[]): RankingModel => ({
  weights: Object.fromEntries(RANK_FEATURES.map((f, i) => [f, w[i]!])) as RankingModel['weights'],
})

const firstIsRight = (r: Ranked, m: RankingModel) => {
  const z = r.x.map((x) => rankScore(m, Object.fromEntries(RANK_FEATURES.map((f, i) => [f, x[i]!])) as RankingModel['weights']))
  return r.right[z.indexOf(Math.max(...z))] ?? false
}

const round3 = (x: number) => Math.round(x * 1000) / 1000

function rankingStep(content: ReturnType<typeof loadContent>): ReturnType<typeof loadContent>['ranking'] {
  const knowledge = buildKnowledge(content)
  const rows: Ranked[] = tuning.questions.flatMap((c, i) => {
    const want = expected(c)
    if (want === null) return []
    const { pool } = candidates(knowledge.index, c.q, kindPrior)
    return [
      {
        fold: foldOf[i]!,
        x: pool.map((p) => RANK_FEATURES.map((f) => p.features[f])),
        right: pool.map((p) => want.includes(p.doc.entry.id)),
      },
    ]
  })
  let right = 0
  for (let k = 0; k < FOLDS; k++) {
    const m = rankingModel(fitRanking(rows.filter((r) => r.fold !== k)))
    right += rows.filter((r) => r.fold === k && firstIsRight(r, m)).length
  }
  const byWords = rows.filter((r) => r.right[0]).length
  const inPool = rows.filter((r) => r.right.some(Boolean)).length
  const fitted = {
    questions: rows.length,
    folds: FOLDS,
    crossValidated: {
      firstRight: round3(right / rows.length),
      firstRightByWordsAlone: round3(byWords / rows.length),
      inPool: round3(inPool / rows.length),
    },
  }
  console.log(
    `排序：${rows.length} 个调参问题，${FOLDS} 折交叉验证，排第一的是对的 ${((right / rows.length) * 100).toFixed(1)}%（只按文字得分 ${((byWords / rows.length) * 100).toFixed(1)}%，对的在前 ${POOL} 条里 ${((inPool / rows.length) * 100).toFixed(1)}%）`,
  )
  const final = fitRanking(rows)
  return { weights: Object.fromEntries(RANK_FEATURES.map((f, i) => [f, round3(final[i]!)])), fitted }
}

/** Keeps a model file's comment lines and replaces the rest. */
function writeModel(file: string, body: object) {
  const path = new URL(`../../content/${file}`, import.meta.url)
  const header = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('#'))
    .join('\n')
  writeFileSync(path, `${header}\n${stringify(body)}`)
}

function main() {
  const content = loadContent(loadConfig().CONTENT_DIR)
  const ranking = rankingStep(content)
  writeModel('qa-ranking.yaml', ranking)
  const knowledge = buildKnowledge({ ...content, ranking })
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
    const train = rows.filter((_, i) => foldOf[i] !== k)
    const m = model(fit(train))
    rows.forEach((r, i) => {
      if (foldOf[i] === k) oof[i] = probability(m, r.features)
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
  const round = round3
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
  writeModel('qa-confidence.yaml', body)
  console.log(`拟合完成：${rows.length} 个调参问题，${FOLDS} 折交叉验证`)
  console.log(`  回答阈值 ${final.answerAt}，“可能是”阈值 ${final.tentativeAt}`)
  console.log(
    `  交叉验证：答对 ${(cv.answeredRight * 100).toFixed(1)}%（含“可能是” ${(cv.answeredOrTentativeRight * 100).toFixed(1)}%），范围外不给确定回答 ${(cv.refused * 100).toFixed(1)}%（完全拒答 ${(cv.refusedStrict * 100).toFixed(1)}%）`,
  )
}

main()
