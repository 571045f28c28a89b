/**
 * `npm run eval:fit`: learns the answer step from the tuning split and writes it as content:
 * how people asked for each entry (content/qa-asked.yaml, matched like example questions); the ranking
 * model (api/domain/qa/search.ts → content/qa-ranking.yaml), a softmax over each question's candidate
 * entries; then, over the answers that ranking gives, the confidence model (api/domain/qa/confidence.ts →
 * content/qa-confidence.yaml). All three are cross-validated, one tuning file per fold: the figures printed
 * are out-of-fold, and the confidence cut-offs are chosen on out-of-fold probabilities.
 * The held-out splits are not read here.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { stringify } from 'yaml'
import { loadConfig } from '../../api/config.ts'
import { loadContent } from '../../api/content/load.ts'
import { buildKnowledge, type Knowledge } from '../../api/domain/knowledge.ts'
import { buildIndex, type KnowledgeIndex } from '../../api/domain/qa/index.ts'
import type { Policy } from '../../api/content/schema.ts'

import { assess, atLeastTentative, atMostTentative, kindPrior } from '../../api/domain/qa/answer.ts'
import { candidates, POOL, RANK_FEATURES, rankScore, type RankingModel } from '../../api/domain/qa/search.ts'
import { probability, type ConfidenceModel, type ConfidenceFeatures, type TreeNode } from '../../api/domain/qa/confidence.ts'
import { BOOST, fitBoosted, type BoostOptions } from './boost.ts'
import { askedFrom, expected, tuning, tuningSets } from './cases.ts'

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

/** A fitted confidence model with its cut-offs. */
const model = (m: { base: number; trees: TreeNode[] }, answerAt = 0.5, tentativeAt = 0.25): ConfidenceModel => ({
  ...m,
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
const pct = (x: number) => `${(x * 100).toFixed(1)}%`

/**
 * The index a question of fold `j` is scored against while fold `k` is held out: without the phrasings of
 * either, so neither the model being fitted nor the figure reported has seen the question's own wording.
 * Without `k`: the index the final models are fitted over (every fold's phrasings but the question's own).
 */
type IndexFor = (j: number, k?: number) => KnowledgeIndex<Policy>

function indexes(content: ReturnType<typeof loadContent>): IndexFor {
  const built = new Map<string, KnowledgeIndex<Policy>>()
  return (j, k) => {
    const without = [...new Set([j, k ?? j])].sort()
    const key = without.join(',')
    let index = built.get(key)
    if (!index) built.set(key, (index = buildIndex(content.policies, content.lexicon, askedFrom(without))))
    return index
  }
}

/**
 * Every in-scope tuning question's candidates, over the index `indexFor` gives while `heldOut` is held out:
 * the other folds' rows fit that fold's model, and its own rows test it.
 */
function rankedRows(indexFor: IndexFor, heldOut?: number): Ranked[] {
  return tuning.questions.flatMap((c, i) => {
    const want = expected(c)
    const fold = foldOf[i]!
    if (want === null) return []
    const { pool } = candidates(indexFor(fold, heldOut), c.q, kindPrior)
    return [{ fold, x: pool.map((p) => RANK_FEATURES.map((f) => p.features[f])), right: pool.map((p) => want.includes(p.doc.entry.id)) }]
  })
}

/** The ranking model of each fold (fitted without it) and the final one, with the out-of-fold figures. */
function rankingStep(indexFor: IndexFor) {
  const perFold: RankingModel[] = []
  let right = 0
  let byWords = 0
  let inPool = 0
  let n = 0
  for (let k = 0; k < FOLDS; k++) {
    const rows = rankedRows(indexFor, k)
    const m = rankingModel(fitRanking(rows.filter((r) => r.fold !== k)))
    perFold.push(m)
    const test = rows.filter((r) => r.fold === k)
    right += test.filter((r) => firstIsRight(r, m)).length
    byWords += test.filter((r) => r.right[0]).length
    inPool += test.filter((r) => r.right.some(Boolean)).length
    n += test.length
  }
  const final = fitRanking(rankedRows(indexFor))
  console.log(
    `排序：${n} 个调参问题，${FOLDS} 折交叉验证，排第一的是对的 ${pct(right / n)}（只按文字得分 ${pct(byWords / n)}，对的在前 ${POOL} 条里 ${pct(inPool / n)}）`,
  )
  return {
    perFold,
    file: {
      weights: Object.fromEntries(RANK_FEATURES.map((f, i) => [f, round3(final[i]!)])),
      fitted: {
        questions: n,
        folds: FOLDS,
        crossValidated: { firstRight: round3(right / n), firstRightByWordsAlone: round3(byWords / n), inPool: round3(inPool / n) },
      },
    },
  }
}

interface Scored {
  features: ConfidenceFeatures
  /** 1 when the first entry is a right answer */
  y: number
  inScope: boolean
  /** the rules over the confidence (assess) make an answer at most "可能是" / a refusal at least "可能是" */
  capped: boolean
  raised: boolean
  correct: boolean
  fold: number
}

/** Each tuning question as the answer step sees it, with `ranking` and the index `indexFor` gives while `heldOut` is held out. */
function scoredRows(knowledge: Knowledge, ranking: RankingModel, indexFor: IndexFor, heldOut?: number): Scored[] {
  return tuning.questions.map((c, i) => {
    const fold = foldOf[i]!
    const { result } = assess({ ...knowledge, ranking, index: indexFor(fold, heldOut) }, c.q)
    const want = expected(c)
    const top = result.hits[0]?.entry.id
    const correct = want !== null && top !== undefined && want.includes(top)
    return {
      features: result.features,
      y: correct ? 1 : 0,
      inScope: want !== null,
      capped: atMostTentative(result),
      raised: atLeastTentative(result),
      correct,
      fold,
    }
  })
}

/**
 * Keeps a model file's comment lines and replaces the rest; `trees`, if any, go last, one tree to a line
 * (YAML's flow style), so the figures above them stay readable.
 */
function writeModel(file: string, body: object, trees?: TreeNode[]) {
  const path = new URL(`../../content/${file}`, import.meta.url)
  const header = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('#'))
    .join('\n')
  const lines = trees ? `trees:\n${trees.map((t) => `  - ${JSON.stringify(t)}\n`).join('')}` : ''
  writeFileSync(path, `${header}\n${stringify(body)}${lines}`)
}

type OutOfFold = { r: Scored; p: number }[]

/**
 * Out-of-fold probabilities: every question is scored by models (ranking and confidence) that never saw
 * it, over an index without its wording. `perFold[k]` holds the rows as fold k's models see them.
 */
function outOfFold(perFold: Scored[][], options: BoostOptions): OutOfFold {
  return perFold.flatMap((rows, k) => {
    const m = model(
      fitBoosted(
        rows.filter((r) => r.fold !== k),
        options,
      ),
    )
    return rows.filter((r) => r.fold === k).map((r) => ({ r, p: probability(m, r.features) }))
  })
}

/** What the reply to a row is at cut-off `t`, after the rules over the confidence, as `assess` gives it. */
const answers = ({ r, p }: OutOfFold[number], t: number) => p >= t && !r.capped
const refuses = ({ r, p }: OutOfFold[number], t: number) => p < t && !r.raised

/** The share of out-of-scope rows not answered at `t` (`strict`: refused outright, `t` being the "可能是" cut-off). */
const refusedAt = (oof: OutOfFold, t: number, strict = false) => {
  const out = oof.filter(({ r }) => !r.inScope)
  return out.filter((x) => (strict ? refuses(x, t) : !answers(x, t))).length / Math.max(1, out.length)
}
/**
 * The refusal figure the cut-offs must keep: each batch of writers (tuning file) counts the same, however
 * many out-of-scope questions it wrote. Two batches were asked for hard ones (tuning-questions-6 and -7.yaml):
 * pooled, they would decide the cut for everybody; a held-out split is scored on its own too.
 */
const refusedPerBatch = (oof: OutOfFold, t: number, strict = false) => {
  const batches = tuningSets.map((_, k) => oof.filter(({ r }) => r.fold === k && !r.inScope)).filter((rows) => rows.length > 0)
  return batches.reduce((sum, rows) => sum + refusedAt(rows, t, strict), 0) / Math.max(1, batches.length)
}
/** In-scope rows whose reply at `t` is the right entry: answered (`shown`: answered or "可能是", `t` being that cut-off). */
const answeredRight = (oof: OutOfFold, t: number, shown = false) =>
  oof.filter((x) => x.r.inScope && x.r.correct && (shown ? !refuses(x, t) : answers(x, t))).length /
  Math.max(1, oof.filter(({ r }) => r.inScope).length)

/** The two cut-offs, chosen on out-of-fold probabilities, and what they give there. */
function cutOffs(oof: OutOfFold) {
  let best = { answerAt: 0.5, gain: -Infinity }
  for (let t = 0.05; t <= 0.951; t += 0.01) {
    if (refusedPerBatch(oof, t) < REFUSE_AT_LEAST) continue
    const right = oof.filter((x) => answers(x, t) && x.r.correct).length
    const wrong = oof.filter((x) => answers(x, t) && !x.r.correct).length
    const gain = right - WRONG_COST * wrong
    if (gain > best.gain) best = { answerAt: Math.round(t * 100) / 100, gain }
  }
  // Tentative ("您问的可能是……", with the alternatives): as low as it can go while nearly all
  // out-of-scope questions still get the honest refusal. The questions a rule makes "可能是" whatever
  // the cut-off (a sum the entry does not state, with the note saying so) are not the cut-off's to spend.
  let tentativeAt = best.answerAt
  const byCutOff = oof.filter(({ r }) => !r.raised)
  for (let t = best.answerAt - 0.01; t >= 0.02; t -= 0.01) {
    if (refusedPerBatch(byCutOff, t, true) < TENTATIVE_REFUSE_AT_LEAST) break
    tentativeAt = Math.round(t * 100) / 100
  }
  const { answerAt } = best
  return {
    answerAt,
    tentativeAt,
    cv: {
      answeredRight: answeredRight(oof, answerAt),
      answeredOrTentativeRight: answeredRight(oof, tentativeAt, true),
      refused: refusedAt(oof, answerAt),
      refusedPerBatch: refusedPerBatch(oof, answerAt),
      refusedStrict: refusedAt(oof, tentativeAt, true),
    },
  }
}

/** Each tuning file's out-of-fold figures at a cut-off. */
const perFile = (oof: OutOfFold, t: number) =>
  tuningSets.map((s, k) => {
    const rows = oof.filter(({ r }) => r.fold === k)
    return `${s.file}：答对 ${pct(answeredRight(rows, t))}，范围外不给确定回答 ${pct(refusedAt(rows, t))}`
  })

/** `--grid`: the out-of-fold figures of each candidate setting of the trees (how BOOST was chosen); writes nothing. */
const GRID: BoostOptions[] = [1, 2, 3].flatMap((depth) =>
  [100, 300].flatMap((trees) => [0.05, 0.1].flatMap((rate) => [10, 20].map((minLeaf) => ({ ...BOOST, depth, trees, rate, minLeaf })))),
)

function main() {
  const content = loadContent(loadConfig().CONTENT_DIR)
  const knowledge = buildKnowledge(content)
  const indexFor = indexes(content)
  const ranking = rankingStep(indexFor)
  const perFold = ranking.perFold.map((m, k) => scoredRows(knowledge, m, indexFor, k))

  if (process.argv.includes('--grid')) {
    for (const options of GRID) {
      const oof = outOfFold(perFold, options)
      const { answerAt, cv } = cutOffs(oof)
      const right = oof.filter((x) => answers(x, answerAt) && x.r.correct).length
      const wrong = oof.filter((x) => answers(x, answerAt) && !x.r.correct).length
      const logLoss = -oof.reduce((a, { r, p }) => a + Math.log(Math.min(Math.max(r.y ? p : 1 - p, 1e-9), 1)), 0) / oof.length
      console.log(
        `${JSON.stringify(options)}：答对 ${pct(cv.answeredRight)}，答错 ${wrong}（得分 ${right - WRONG_COST * wrong}），范围外不给确定回答 ${pct(cv.refused)}（阈值 ${answerAt}），对数损失 ${logLoss.toFixed(4)}`,
      )
    }
    return
  }
  const oof = outOfFold(perFold, BOOST)
  const { answerAt, tentativeAt, cv } = cutOffs(oof)
  const final = model(
    fitBoosted(scoredRows(knowledge, rankingModel(RANK_FEATURES.map((f) => ranking.file.weights[f]!)), indexFor)),
    answerAt,
    tentativeAt,
  )
  const body = {
    base: final.base,
    answerAt,
    tentativeAt,
    fitted: {
      questions: oof.length,
      inScope: oof.filter(({ r }) => r.inScope).length,
      outOfScope: oof.filter(({ r }) => !r.inScope).length,
      folds: FOLDS,
      trees: BOOST,
      crossValidated: Object.fromEntries(Object.entries(cv).map(([k, v]) => [k, round3(v)])),
    },
  }
  writeModel('qa-ranking.yaml', ranking.file)
  writeModel('qa-confidence.yaml', body, final.trees)
  const asked = askedFrom()
  writeModel('qa-asked.yaml', {
    asked: Object.fromEntries([...asked.entries].sort(([a], [b]) => a.localeCompare(b))),
    outOfScope: asked.outOfScope,
  })
  console.log(`拟合完成：${oof.length} 个调参问题，${FOLDS} 折交叉验证（每折一个调参文件，问法也不含本折的）`)
  console.log(`  回答阈值 ${answerAt}，“可能是”阈值 ${tentativeAt}`)
  console.log(
    `  交叉验证：答对 ${pct(cv.answeredRight)}（含“可能是” ${pct(cv.answeredOrTentativeRight)}），范围外不给确定回答 ${pct(cv.refused)}（完全拒答 ${pct(cv.refusedStrict)}）`,
  )
  for (const line of perFile(oof, answerAt)) console.log(`  ${line}`)
}

main()
