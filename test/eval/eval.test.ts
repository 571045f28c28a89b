import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { describe, it, expect, beforeAll } from 'vitest'
import { z } from '../../api/zod.ts'
import { testApp, testKnowledge } from '../support/app.ts'

/**
 * Answer evaluation: questions written as villagers, cadres and deputies ask them (colloquial, Traditional
 * characters, typos, keywords only, rambling), each with the entry that should answer it — or null when
 * the honest answer is "没有找到". Prints top-1 accuracy and the refusal rate; fails below 90% / 95%.
 */
const Case = z.object({
  q: z.string().min(1).max(200),
  /** acceptable entry ids (two entries may both answer a question correctly); null = must refuse */
  expect: z.union([z.string(), z.array(z.string()).min(1), z.null()]),
  style: z.enum(['colloquial', 'traditional', 'typo', 'keyword', 'rambling', 'cadre', 'formal', 'out-of-scope']),
}).strict()
const cases = z.array(Case).parse(parse(readFileSync(new URL('./questions.yaml', import.meta.url), 'utf8')))

const inScope = cases.filter((c) => c.expect !== null)
const outOfScope = cases.filter((c) => c.expect === null)

describe('answer evaluation', () => {
  const results: { q: string; style: string; expected: string[] | null; got: string | null; confidence: number }[] = []

  beforeAll(async () => {
    // each question stands for a different villager: no per-caller limit
    const { app } = await testApp(undefined, undefined, { rateLimits: false })
    for (const c of cases) {
      const res = await app.request(`/api/ask?q=${encodeURIComponent(c.q)}`)
      const body = await res.json() as { answer: { policyId: string } | null; confidence: number }
      const expected = c.expect === null ? null : [c.expect].flat()
      results.push({ q: c.q, style: c.style, expected, got: body.answer?.policyId ?? null, confidence: body.confidence })
    }
  }, 120_000)

  it('has enough questions of every kind', () => {
    expect(inScope.length).toBeGreaterThanOrEqual(150)
    expect(outOfScope.length).toBeGreaterThanOrEqual(20)
    const ids = new Set(testKnowledge().policies.map((p) => p.id))
    const unknown = inScope.flatMap((c) => [c.expect].flat()).filter((id) => !ids.has(id as string))
    expect(unknown, 'expected ids that are not in the knowledge base').toEqual([])
  })

  it('answers at least 90% correctly and refuses at least 95% of what it cannot know', () => {
    const answered = results.filter((r) => r.expected !== null)
    const refused = results.filter((r) => r.expected === null)
    const correct = answered.filter((r) => r.got !== null && r.expected!.includes(r.got))
    const honest = refused.filter((r) => r.got === null)
    const accuracy = correct.length / answered.length
    const refusal = honest.length / refused.length

    const byStyle = new Map<string, [number, number]>()
    for (const r of answered) {
      const [ok, n] = byStyle.get(r.style) ?? [0, 0]
      byStyle.set(r.style, [ok + Number(r.got !== null && r.expected!.includes(r.got)), n + 1])
    }
    const lines = [
      `top-1 accuracy ${(accuracy * 100).toFixed(1)}% (${correct.length}/${answered.length}), ` +
        `honest refusal ${(refusal * 100).toFixed(1)}% (${honest.length}/${refused.length})`,
      ...[...byStyle].map(([style, [ok, n]]) => `  ${style}: ${ok}/${n}`),
      ...answered.filter((r) => !(r.got !== null && r.expected!.includes(r.got)))
        .map((r) => `  ✗ ${r.q} → ${r.got ?? '（无答案）'} (want ${r.expected!.join('|')}, conf ${r.confidence})`),
      ...refused.filter((r) => r.got !== null).map((r) => `  ✗ should refuse: ${r.q} → ${r.got} (conf ${r.confidence})`),
    ]
    console.log(lines.join('\n'))
    expect(accuracy).toBeGreaterThanOrEqual(0.9)
    expect(refusal).toBeGreaterThanOrEqual(0.95)
  })
})
