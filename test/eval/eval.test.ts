import { describe, it, expect, beforeAll } from 'vitest'
import { testApp, testKnowledge } from '../support/app.ts'
import {
  askedFrom,
  expected,
  heldOut,
  heldOut2,
  heldOutQuestions,
  tuning,
  tuningSets,
  type IntentCase,
  type QuestionCase,
} from './cases.ts'
import { loadConfig } from '../../api/config.ts'
import { loadContent } from '../../api/content/load.ts'
import { buildIndex } from '../../api/domain/qa/index.ts'
import { normalize } from '../../api/domain/text/normalize.ts'
import { isSmallTalk } from '../../api/domain/understand/intents.ts'

/** The content as loaded (the lexicon and qa-asked.yaml are not part of Knowledge). */
const content = loadContent(loadConfig().CONTENT_DIR)

/**
 * The tuning split, each file answered over an index without its own wording (the other files' phrasings
 * only, content/qa-asked.yaml): otherwise a tuning question would find itself there word for word.
 */
async function answerTuning(): Promise<Answered[]> {
  const out: Answered[] = []
  for (const [k, set] of tuningSets.entries()) {
    const index = buildIndex(content.policies, content.lexicon, askedFrom([k]))
    out.push(...(await answerAll(set.questions, { ...testKnowledge(), index })))
  }
  return out
}

/**
 * Answer and understanding evaluation on both splits (test/eval/cases.ts). Prints a report per split and
 * per style; the floors below are the service's promises on the held-out split, which is never edited.
 */
type Answered = { c: QuestionCase; tier: string; got: string | null; unstated: boolean }

const wording = (q: string) => normalize(q).replace(/[^\p{L}\p{N}]/gu, '')
const askedWording = new Set(tuning.questions.map((c) => wording(c.q)))

async function answerAll(cases: readonly QuestionCase[], knowledge = testKnowledge()): Promise<Answered[]> {
  // each question stands for a different villager: no per-caller limit
  const { app } = await testApp(undefined, undefined, { rateLimits: false, knowledge })
  const out: Answered[] = []
  for (const c of cases) {
    const res = await app.request(`/api/ask?q=${encodeURIComponent(c.q.slice(0, 200))}`)
    const body = (await res.json()) as {
      tier: string
      answer: { policyId: string } | null
      tentative: { policyId: string } | null
      unstated: string | null
    }
    out.push({ c, tier: body.tier, got: (body.answer ?? body.tentative)?.policyId ?? null, unstated: body.unstated !== null })
  }
  return out
}

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((n / d) * 100).toFixed(1)}%`)

function questionReport(name: string, rows: Answered[], { unseen = false } = {}) {
  const inScope = rows.filter((r) => expected(r.c) !== null)
  const oos = rows.filter((r) => expected(r.c) === null)
  const right = (r: Answered) => r.got !== null && expected(r.c)!.includes(r.got)
  const answered = inScope.filter((r) => r.tier === 'answer' && right(r)).length
  const shown = inScope.filter((r) => r.tier !== 'none' && right(r)).length
  const ranked = inScope.filter(right).length
  const refused = oos.filter((r) => r.tier !== 'answer').length
  const lines = [
    `${name}：政策问题 ${inScope.length} 个，范围外 ${oos.length} 个`,
    `  排第一的是对的 ${pct(ranked, inScope.length)}；答对（有把握） ${pct(answered, inScope.length)}；答对或“可能是”对 ${pct(shown, inScope.length)}`,
    `  范围外不给确定回答 ${pct(refused, oos.length)}；完全拒答 ${pct(oos.filter((r) => r.tier === 'none').length, oos.length)}，` +
      `“可能是”并说明没写所问钱数 ${oos.filter((r) => r.tier === 'tentative' && r.unstated).length} 个`,
  ]
  const styles = [...new Set(inScope.map((r) => r.c.style))]
  for (const s of styles) {
    const of = inScope.filter((r) => r.c.style === s)
    lines.push(
      `  ${s}: ${of.filter((r) => r.tier === 'answer' && right(r)).length}/${of.length} 有把握答对，${of.filter((r) => r.tier !== 'none' && right(r)).length}/${of.length} 含“可能是”`,
    )
  }
  const long = inScope.filter((r) => [...r.c.q].length > 60)
  lines.push(`  60字以上：${long.filter((r) => r.tier === 'answer' && right(r)).length}/${long.length}`)
  // A question also in the tuning split word for word is found in content/qa-asked.yaml as it stands:
  // the figure without them is the one for wordings nobody here has seen.
  const fresh = inScope.filter((r) => !askedWording.has(wording(r.c.q)))
  const freshOos = oos.filter((r) => !askedWording.has(wording(r.c.q)))
  if (unseen)
    lines.push(
      `  其中 ${inScope.length - fresh.length} 个政策问题、${oos.length - freshOos.length} 个范围外的与调参集一字不差；不算它们：答对（有把握） ${pct(fresh.filter((r) => r.tier === 'answer' && right(r)).length, fresh.length)}，范围外不给确定回答 ${pct(freshOos.filter((r) => r.tier !== 'answer').length, freshOos.length)}`,
    )
  return {
    answered: answered / inScope.length,
    shown: shown / inScope.length,
    ranked: ranked / inScope.length,
    refused: refused / Math.max(1, oos.length),
    lines,
    misses: inScope.filter((r) => !(r.tier === 'answer' && right(r))),
    wrongAnswers: oos.filter((r) => r.tier === 'answer'),
  }
}

function intentReport(name: string, cases: IntentCase[]) {
  const u = testKnowledge().understander
  const rows = cases.map((c) => ({ c, got: u.understand(c.text) }))
  const right = rows.filter((r) => r.got.intent === r.c.intent)
  const smallTalk = rows.filter((r) => isSmallTalk(r.c.intent))
  const smallTalkAsPolicy = smallTalk.filter((r) => r.got.intent === 'policy.question')
  const perIntent = new Map<string, [number, number]>()
  for (const r of rows) {
    const [ok, n] = perIntent.get(r.c.intent) ?? [0, 0]
    perIntent.set(r.c.intent, [ok + Number(r.got.intent === r.c.intent), n + 1])
  }
  const lines = [
    `${name}：意图 ${rows.length} 句，判对 ${pct(right.length, rows.length)}；闲聊被当成问政策 ${smallTalkAsPolicy.length}/${smallTalk.length}`,
    ...[...perIntent].map(([i, [ok, n]]) => `  ${i}: ${ok}/${n}`),
  ]
  return {
    accuracy: right.length / Math.max(1, rows.length),
    smallTalkAsPolicy: smallTalkAsPolicy.length,
    lines,
    misses: rows.filter((r) => r.got.intent !== r.c.intent),
  }
}

// Floors a little below what the held-out splits measured. The second split when it came (2026-12-04):
// 82.0% answered right / 88.9% shown / 92.5% refused; the third, first scored the same day: 76.6% / 85.7% /
// 95.7%; the fourth, first scored with cecb6a9: 91.8% / 95.7% / 84.4%. Since then, each scored once per
// change: with features for what an entry does not answer, 94.3% / 95.4% / 92.5%, 92.7% / 95.8% / 93.6%,
// 91.4% / 96.1% / 88.9%; with boosted trees for the confidence, 93.5% / 96.6% / 95.0%, 91.3% / 97.2% /
// 100%, 92.5% / 97.3% / 93.3%; at the change that set these floors (the hard out-of-scope batch,
// tuning-questions-6.yaml, in the tuning split, and the cut-off chosen per batch), 95.0% / 95.8% / 97.5%,
// 94.4% / 96.9% / 97.9%, 93.3% / 96.5% / 95.6% — the goals (92% answered right, 95% refused) on
// all three. With the year rule (a year no entry mentions is at most 您问的可能是): the fourth 100% refused,
// the rest unchanged. With a sum the entry does not state at most 您问的可能是 (and the sum detector no
// longer taking a told sum, 花了十几万, for one asked): 95.0% / 96.2% / 97.5%, 93.0% / 96.9% / 97.9%,
// 92.5% / 97.3% / 100%; the fifth 96.0% / 98.0% / 92.0%; the sixth, written before that change, 96.0% /
// 97.2% / 88.0% without it and 95.6% / 97.2% / 96.0% with it. With tuning-questions-7.yaml (a second
// batch of hard out-of-scope questions, scored once as it came: 98.1% answered right, 83.0% refused) in the
// tuning split: 94.6% / 96.9% / 97.5%, 93.7% / 96.9% / 97.9%, 92.9% / 96.9% / 100%, 96.4% / 98.8% / 94.0%,
// 96.4% / 96.8% / 100%; and with 高职补助 no longer "corrected" to 高中补助: 94.6% / 97.3% / 97.5%, 93.7% /
// 96.9% / 97.9%, 92.5% / 96.9% / 100%, 96.0% / 98.8% / 94.0%, 96.0% / 96.8% / 100%. The fifth was first
// scored with the model of 9cd7fec: 96.4% / 97.6% / 88.0%; the seventh at 5de96e8: 94.8% / 97.2% / 96.0%
// (with the model of 06dda09, before the sixth and seventh came: 96.8% / 97.2% / 94.0%). Per split (its
// number): answered right, shown, out of scope not answered. A change that makes answers worse fails here.
const FLOORS: Record<number, { answered: number; shown: number; refused: number }> = {
  2: { answered: 0.94, shown: 0.95, refused: 0.95 },
  3: { answered: 0.93, shown: 0.96, refused: 0.97 },
  4: { answered: 0.92, shown: 0.96, refused: 0.97 },
  5: { answered: 0.95, shown: 0.96, refused: 0.92 },
  6: { answered: 0.95, shown: 0.96, refused: 0.97 },
  7: { answered: 0.94, shown: 0.96, refused: 0.95 },
}
const NUMERALS = '零一二三四五六七八九'

describe('evaluation on the tuning and the held-out split', () => {
  let tuned: ReturnType<typeof questionReport>
  const held = new Map<number, ReturnType<typeof questionReport>>()
  beforeAll(async () => {
    tuned = questionReport('调参集（每个文件不含它自己的问法）', await answerTuning())
    for (const { n, questions } of heldOutQuestions)
      held.set(n, questionReport(`留出测试集（第${NUMERALS[n]}份）`, await answerAll(questions), { unseen: true }))
    console.log(
      [
        ...tuned.lines,
        // Only the tuning split's misses are listed: reading the held-out split's would make it a second tuning set.
        '调参集没答对的：',
        ...tuned.misses.map(
          (r) => `  ✗ [${r.c.style}] ${r.c.q.slice(0, 50)} → ${r.got ?? '—'}（${r.tier}） want ${expected(r.c)!.join('|')}`,
        ),
        ...tuned.wrongAnswers.map((r) => `  ✗ 应拒答：${r.c.q.slice(0, 50)} → ${r.got}`),
        ...[...held.values()].flatMap((r) => r.lines),
      ].join('\n'),
    )
  }, 300_000)

  it('knows how people asked: content/qa-asked.yaml is the tuning split as npm run eval:fit wrote it', () => {
    const { entries, outOfScope } = askedFrom()
    expect(new Map(Object.entries(content.asked.asked))).toEqual(entries)
    expect(content.asked.outOfScope).toEqual(outOfScope)
  })

  it('has enough questions of every kind, and every expected entry exists', () => {
    const all = [...tuning.questions, ...heldOutQuestions.flatMap((s) => s.questions)]
    expect(all.filter((c) => c.expect !== null).length).toBeGreaterThanOrEqual(400)
    expect(all.filter((c) => c.expect === null).length).toBeGreaterThanOrEqual(40)
    expect(heldOutQuestions[0]!.questions.length).toBeGreaterThanOrEqual(200)
    const ids = new Set(testKnowledge().policies.map((p) => p.id))
    expect(all.flatMap((c) => expected(c) ?? []).filter((id) => !ids.has(id))).toEqual([])
  })

  it('answers policy questions with the right entry and refuses what it cannot know', () => {
    for (const { n } of heldOutQuestions) {
      const r = held.get(n)!
      const floor = FLOORS[n]
      expect(floor, `第${n}份留出测试集没有下限`).toBeDefined()
      expect(r.answered, `第${n}份：答对（有把握）`).toBeGreaterThanOrEqual(floor!.answered)
      expect(r.shown, `第${n}份：答对或“可能是”对`).toBeGreaterThanOrEqual(floor!.shown)
      expect(r.refused, `第${n}份：范围外不给确定回答`).toBeGreaterThanOrEqual(floor!.refused)
    }
    // the goal: the tuning split (each file without its own wording) promises what unseen questions get
    expect(Math.abs(tuned.answered - held.get(2)!.answered)).toBeLessThan(0.05)
  })

  it('understands what people ask for, and rarely takes small talk for a question', () => {
    const t = intentReport('调参集', tuning.intents)
    const h = intentReport('留出测试集', heldOut.intents)
    const h2 = intentReport('第二份留出测试集', heldOut2.intents)
    console.log(
      [
        ...t.lines,
        '调参集判错的：',
        ...t.misses.map((r) => `  ✗ ${r.c.text.slice(0, 40)} → ${r.got.intent}（${r.got.confidence}） want ${r.c.intent}`),
        ...h.lines,
        ...h2.lines,
      ].join('\n'),
    )
    expect(h.accuracy).toBeGreaterThanOrEqual(0.94)
    expect(h.smallTalkAsPolicy).toBe(0)
    // the goal, on sentences nobody here had seen when this line was written
    expect(h2.accuracy).toBeGreaterThanOrEqual(0.95)
    expect(h2.smallTalkAsPolicy).toBe(0)
  })
})
