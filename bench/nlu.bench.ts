import { containerBootstrap } from '@nlpjs/core'
import { Nlp } from '@nlpjs/nlp'
import { LangZh } from '@nlpjs/lang-zh'
import { loadConfig } from '../api/config.ts'
import { loadContent } from '../api/content/load.ts'
import { buildKnowledge } from '../api/domain/knowledge.ts'
import { intentBar } from '../api/domain/understand/understand.ts'
import { heldOut, tuning, type IntentCase } from '../test/eval/cases.ts'
import { median, percentile, type BenchRow } from './row.ts'

/**
 * Our intent classifier (api/domain/understand: logistic regression over character n-grams of the masked
 * message) against NLP.js (@nlpjs/nlp with @nlpjs/lang-zh), the library the issue suggested, trained on the
 * same phrasings: content/intents/*.yaml plus the entries' titles and questions for policy.question.
 * Both are scored on the classifier alone (no exact-command fast path) on both evaluation splits.
 */
type Classify = (text: string) => Promise<string> | string

async function score(classify: Classify, cases: readonly IntentCase[]): Promise<number> {
  let right = 0
  for (const c of cases) if ((await classify(c.text)) === c.intent) right++
  return cases.length === 0 ? 0 : right / cases.length
}

async function latencyP99(classify: Classify, texts: readonly string[]): Promise<number> {
  const runs: number[] = []
  for (let r = 0; r < 5; r++) {
    const times: number[] = []
    for (const t of texts) {
      const start = performance.now()
      await classify(t)
      times.push(performance.now() - start)
    }
    runs.push(percentile(times, 99))
  }
  return median(runs)
}

async function trainNlpJs(examples: readonly { text: string; intent: string }[]) {
  const container = await containerBootstrap()
  container.use(Nlp)
  container.use(LangZh)
  const nlp = container.get('nlp')
  nlp.settings.autoSave = false
  nlp.settings.log = false
  nlp.addLanguage('zh')
  for (const e of examples) nlp.addDocument('zh', e.text, e.intent)
  // It prints every epoch whatever its log setting says; the bench's table is what should be read.
  const print = console.log
  console.log = () => undefined
  try {
    await nlp.train()
  } finally {
    console.log = print
  }
  return async (text: string): Promise<string> => {
    const r = await nlp.process('zh', text)
    // NLP.js says "None" below its own threshold: like ours, an unsure message is taken as a question.
    return r.intent && r.intent !== 'None' && r.score >= intentBar(text) ? r.intent : 'policy.question'
  }
}

export default async function (): Promise<BenchRow[]> {
  const content = loadContent(loadConfig().CONTENT_DIR)
  const examples = [
    ...content.intents.flatMap((f) => f.examples.map((text) => ({ text, intent: f.intent }))),
    ...content.policies.flatMap((p) => [p.title, ...p.questions].map((text) => ({ text, intent: 'policy.question' }))),
  ]

  const ownTrain: number[] = []
  let k = buildKnowledge(content)
  for (let i = 0; i < 3; i++) {
    const start = performance.now()
    k = buildKnowledge(content)
    ownTrain.push(performance.now() - start)
  }
  const own: Classify = (text) => {
    const top = k.understander.classify(text)[0]!
    return top.confidence >= intentBar(text) ? top.intent : 'policy.question'
  }

  const libTrain: number[] = []
  let lib: Classify = own
  for (let i = 0; i < 3; i++) {
    const start = performance.now()
    lib = await trainNlpJs(examples)
    libTrain.push(performance.now() - start)
  }

  const texts = [...tuning.intents, ...heldOut.intents].map((c) => c.text)
  const rows: BenchRow[] = []
  for (const [name, classify, train] of [
    ['自己的分类器', own, ownTrain],
    ['NLP.js', lib, libTrain],
  ] as const) {
    rows.push(
      {
        name: `意图判对（${name}，调参集 ${tuning.intents.length} 句）`,
        value: Math.round((await score(classify, tuning.intents)) * 1000) / 10,
        unit: '%',
      },
      {
        name: `意图判对（${name}，留出测试集 ${heldOut.intents.length} 句）`,
        value: Math.round((await score(classify, heldOut.intents)) * 1000) / 10,
        unit: '%',
      },
      {
        name: `训练用时（${name}，${examples.length} 个说法）`,
        value: Math.round(median(train)),
        unit: 'ms',
        note: name === '自己的分类器' ? '含建整个知识库（索引、实体词表）' : '只含训练',
      },
      {
        name: `判一句 p99（${name}）`,
        value: Math.round((await latencyP99(classify, texts)) * 1000) / 1000,
        unit: 'ms',
        note: '5 轮中位数',
      },
    )
  }
  return rows
}
