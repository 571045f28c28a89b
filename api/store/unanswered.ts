import { join } from 'node:path'
import { z } from '../lib/zod.ts'
import { openJsonStore } from './json-store.ts'

export const UnansweredItem = z.object({
  /** the normalised question: two spellings of the same question count once */
  key: z.string(),
  /** the question as first asked, with ID and phone numbers masked */
  example: z.string(),
  count: z.number().int().positive(),
  firstAt: z.string(),
  lastAt: z.string(),
})
export type UnansweredItem = z.infer<typeof UnansweredItem>

/** Questions the knowledge base could not answer, so the office can see what it lacks. */
export interface UnansweredRepository {
  record(key: string, example: string, at: Date): Promise<void>
  list(): Promise<UnansweredItem[]>
}

const UnansweredFile = z.object({ items: z.array(UnansweredItem) })
/** A flood of distinct junk must not grow the file without bound: the least recently asked go first. */
const MAX_ITEMS = 5000

export async function openUnansweredRepository(dataDir: string): Promise<UnansweredRepository> {
  const store = await openJsonStore(join(dataDir, 'unanswered.json'), UnansweredFile, { items: [] })
  const byKey = new Map(store.data.items.map((i) => [i.key, i]))
  return {
    async record(key, example, at) {
      const iso = at.toISOString()
      const seen = byKey.get(key)
      if (seen) {
        seen.count += 1
        seen.lastAt = iso
      } else {
        const item = { key, example, count: 1, firstAt: iso, lastAt: iso }
        store.data.items.push(item)
        byKey.set(key, item)
        if (store.data.items.length > MAX_ITEMS) {
          store.data.items.sort((a, b) => b.lastAt.localeCompare(a.lastAt))
          for (const dropped of store.data.items.splice(MAX_ITEMS)) byKey.delete(dropped.key)
        }
      }
      await store.write()
    },
    async list() {
      return [...store.data.items].sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt))
    },
  }
}
