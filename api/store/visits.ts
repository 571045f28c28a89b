import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { Journal } from './journal.ts'
import { pushTo } from '../lib/group.ts'
import { Visit } from '../domain/households/household.ts'

/** Visit records: hot, append-only, so a journal line each rather than a rewrite of a large file. */
export interface VisitRepository {
  add(visit: Omit<Visit, 'id' | 'at'>, at: Date): Promise<Visit>
  of(householdId: string): readonly Visit[]
  close(): Promise<void>
}

export async function openVisitRepository(dataDir: string): Promise<VisitRepository> {
  const { journal, entries } = await Journal.open(join(dataDir, 'visits.jsonl'), Visit)
  const byHousehold = new Map<string, Visit[]>()
  const remember = (v: Visit) => pushTo(byHousehold, v.householdId, v)
  entries.forEach(remember)
  return {
    async add(input, at) {
      const visit: Visit = { ...input, id: randomUUID(), at: at.toISOString() }
      await journal.append(visit)
      remember(visit)
      return visit
    },
    of: (householdId) => byHousehold.get(householdId) ?? [],
    close: () => journal.close(),
  }
}
