import type { Knowledge } from '../../knowledge.ts'
import { ask, type AskResult } from './answer.ts'

/**
 * Answers remembered by question text. The knowledge base does not change while the process runs, and
 * villagers ask the same few hundred questions over and over (高职补助, 低保, 危房…), so a repeat costs a
 * map lookup instead of normalising, segmenting and ranking again. Least recently asked go first.
 */
export function cachedAsk(k: Knowledge, size = 2000): (question: string) => AskResult {
  const cache = new Map<string, AskResult>()
  return (question) => {
    const key = question.trim()
    const hit = cache.get(key)
    if (hit) {
      cache.delete(key)
      cache.set(key, hit)
      return hit
    }
    const result = ask(k, key)
    cache.set(key, result)
    if (cache.size > size) cache.delete(cache.keys().next().value!)
    return result
  }
}
