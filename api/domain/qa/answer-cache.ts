import type { Knowledge } from '../knowledge.ts'
import { isBlank } from '../text/normalize.ts'
import { ask, type AskResult } from './answer.ts'

/**
 * Answers remembered by question text. The knowledge base does not change while the process runs, and
 * villagers ask the same few hundred questions over and over (高职补助, 低保, 危房…), so a repeat costs a
 * map lookup instead of normalising, segmenting and ranking again. Least recently asked go first.
 * A question with no words in it (only emoji or punctuation) has no answer: null.
 */
export function cachedAsk(k: Knowledge, size = 2000): (question: string) => AskResult | null {
  const cache = new Map<string, AskResult | null>()
  return (question) => {
    const key = question.trim()
    const hit = cache.get(key)
    if (hit !== undefined) {
      cache.delete(key)
      cache.set(key, hit)
      return hit
    }
    const result = isBlank(key) ? null : ask(k, key)
    cache.set(key, result)
    if (cache.size > size) cache.delete(cache.keys().next().value!)
    return result
  }
}
