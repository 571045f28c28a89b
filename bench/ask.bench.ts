import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { loadConfig } from '../api/config.ts'
import { loadContent, type Content } from '../api/content/load.ts'
import { buildKnowledge, type Knowledge } from '../api/domain/knowledge.ts'
import { ask } from '../api/domain/qa/answer.ts'
import { median, percentile, type BenchRow } from './row.ts'

/**
 * Every eval question, answered in process without the cache: the cost of a question seen for the first
 * time — with the understanding step in front, as a chat turn does it, or the answer step alone.
 */
function latencies(k: Knowledge, questions: readonly string[], rounds: number, understandFirst: boolean): number[] {
  const all: number[] = []
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const start = performance.now()
      if (understandFirst) k.understander.understand(q)
      ask(k, q)
      all.push(performance.now() - start)
    }
  }
  return all
}

/** The real entries plus copies with their own ids and titles, to 500 more: a province-sized base. */
function withSynthetic(content: Content, extra: number): Content {
  const copies = Array.from({ length: extra }, (_, i) => {
    const p = content.policies[i % content.policies.length]!
    const n = Math.floor(i / content.policies.length) + 1
    return { ...p, id: `${p.id}-syn${n}`, title: `${p.title}（第${n}地区）`, related: [] }
  })
  return { ...content, policies: [...content.policies, ...copies] }
}

export default async function (): Promise<BenchRow[]> {
  const content = loadContent(loadConfig().CONTENT_DIR)
  const questions = (parse(readFileSync(new URL('../test/eval/questions.yaml', import.meta.url), 'utf8')) as { q: string }[]).map(
    (x) => x.q,
  )
  const rows: BenchRow[] = []
  const builds: number[] = []
  for (let i = 0; i < 3; i++) {
    const start = performance.now()
    buildKnowledge(withSynthetic(content, 500))
    builds.push(performance.now() - start)
  }
  rows.push({
    name: '启动时建知识库（索引 + 训练意图分类器，606 条）',
    value: Math.round(median(builds)),
    unit: 'ms',
    goal: '≤ 2000 ms',
    ok: median(builds) <= 2000,
    note: '3 次中位数；分类器在启动时训练，不在构建时',
  })
  for (const [label, k] of [
    ['完整知识库', buildKnowledge(content)],
    ['加 500 条合成政策', buildKnowledge(withSynthetic(content, 500))],
  ] as const) {
    for (const [step, understandFirst] of [
      ['问答', false],
      ['理解+问答', true],
    ] as const) {
      latencies(k, questions, 3, understandFirst) // warm-up: JIT, caches of the segmenter
      // Four rounds per run: with one, the p99 of 155 questions is the second slowest, i.e. whichever met a GC pause.
      const RUNS = 5
      const ROUNDS = 4
      const p50s: number[] = []
      const p99s: number[] = []
      for (let i = 0; i < RUNS; i++) {
        const l = latencies(k, questions, ROUNDS, understandFirst)
        p50s.push(percentile(l, 50))
        p99s.push(percentile(l, 99))
      }
      const p99 = median(p99s)
      rows.push(
        {
          name: `${step}（进程内，${label}，${k.policies.length} 条）p50`,
          value: Math.round(median(p50s) * 1000) / 1000,
          unit: 'ms',
          note: `${questions.length} 个评测问题 × ${ROUNDS} 遍，${RUNS} 轮中位数`,
        },
        { name: `${step}（进程内，${label}）p99`, value: Math.round(p99 * 1000) / 1000, unit: 'ms', goal: '≤ 2 ms', ok: p99 <= 2 },
      )
    }
  }
  return rows
}
