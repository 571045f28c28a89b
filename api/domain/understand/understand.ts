import { normalize } from '../text/normalize.ts'
import { trainClassifier, type Classifier, type Example } from './classifier.ts'
import { looseLookup, parseCommand } from './commands.ts'
import { entityExtractor, type EntityVocabulary } from './entities.ts'
import { messageFeatures } from './features.ts'
import { INTENTS, type EntitiesOut, type Intent, type Understanding } from './intents.ts'

export interface TrainingSet {
  /** phrasings per intent (content/intents/*.yaml) */
  phrasings: ReadonlyMap<Intent, readonly string[]>
  /** how people ask the knowledge base (its entries' titles and questions): the policy.question class */
  policyQuestions: readonly string[]
}

/**
 * Below this, the classifier is guessing: the message is taken as a question, and the answer step
 * (with its own, calibrated confidence) decides whether anything in the knowledge base answers it.
 * A short message ("中", "行吧", "滚") has few character n-grams, so its probabilities are spread
 * thinner, and it gets a lower bar. Both chosen by 5-fold cross-validation over the training phrasings
 * (accuracy 89.5% → 91.5%, small talk taken as a question 59 → 10 of 402, questions taken as
 * something else 21 → 27 of 527, against one bar of 0.4).
 */
export const INTENT_THRESHOLD = 0.25
export const SHORT_MESSAGE_THRESHOLD = 0.15
export const SHORT_MESSAGE = 6
export const intentBar = (text: string) => ([...text.trim()].length <= SHORT_MESSAGE ? SHORT_MESSAGE_THRESHOLD : INTENT_THRESHOLD)

export interface Understander {
  /** `cadre`: a loose "查张三" is a household lookup only when a cadre says it; from anyone else it is read as usual */
  understand(text: string, asked?: { cadre?: boolean }): Understanding
  /** the probabilities alone, for evaluation */
  classify(text: string): { intent: Intent; confidence: number }[]
}

export function trainingExamples(set: TrainingSet, maskText: (normalized: string) => string): Example<Intent>[] {
  const out: Example<Intent>[] = []
  const add = (text: string, label: Intent) => out.push({ features: messageFeatures(maskText(normalize(text))), label })
  for (const [intent, texts] of set.phrasings) for (const t of texts) add(t, intent)
  for (const q of set.policyQuestions) add(q, 'policy.question')
  return out
}

export function buildUnderstander(set: TrainingSet, vocabulary: EntityVocabulary, trained?: Classifier<Intent>): Understander {
  const unknown = [...set.phrasings.keys()].filter((i) => !INTENTS.includes(i))
  if (unknown.length > 0) throw new Error(`不认识的意图：${unknown.join('、')}`)
  const entities = entityExtractor(vocabulary)
  const model = trained ?? trainClassifier(trainingExamples(set, entities.mask))

  /**
   * "东山镇" or "危房改造" alone says where or what about, not what is wanted: it is asked as a question
   * (the answer step decides), never taken as a contact search or a report, which the classifier would
   * guess from the name alone.
   */
  const onlyNames = (masked: string, found: EntitiesOut) => {
    let rest = masked
    for (const m of found.matters ?? []) rest = rest.split(normalize(m)).join('')
    return rest.replace(/[Ⓟ\s\p{P}]/gu, '') === ''
  }

  const rank = (masked: string) => model.predict(messageFeatures(masked)).map((p) => ({ intent: p.label, confidence: p.probability }))
  const classify = (text: string) => rank(entities.mask(normalize(text)))

  return {
    classify,
    understand(text, asked = {}) {
      const found = entities.extract(text)
      const command = parseCommand(text)
      if (command) {
        return { intent: command.intent, confidence: 1, entities: { ...found, ...command.entities }, via: 'command', alternatives: [] }
      }
      const lookup = asked.cadre ? looseLookup(text) : undefined
      if (lookup) return { intent: 'cadre.lookup', confidence: 1, entities: lookup, via: 'command', alternatives: [] }
      const masked = entities.mask(normalize(text))
      const ranked = rank(masked)
      const top = ranked[0]!
      const intent: Intent = top.confidence >= intentBar(text) && !onlyNames(masked, found) ? top.intent : 'policy.question'
      const round = (x: number) => Math.round(x * 1000) / 1000
      return {
        intent,
        confidence: round(intent === top.intent ? top.confidence : ranked.find((r) => r.intent === intent)!.confidence),
        entities: found,
        via: 'classifier',
        alternatives: ranked
          .filter((r) => r.intent !== intent)
          .slice(0, 2)
          .map((r) => ({ intent: r.intent, confidence: round(r.confidence) })),
      }
    },
  }
}
