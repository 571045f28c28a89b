import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { Journal } from './journal.ts'
import { pushTo } from '../lib/group.ts'
import { Visit } from '../domain/households/household.ts'
import { VisitTally } from '../domain/office/visit-tally.ts'

/** Visit records: hot, append-only, so a journal line each rather than a rewrite of a large file. */
export interface VisitRepository {
  add(visit: Omit<Visit, 'id' | 'at'>, at: Date): Promise<Visit>
  of(householdId: string): readonly Visit[]
  /** visits per cadre and year, kept up to date on every visit (the office summary) */
  tally(): VisitTally
  close(): Promise<void>
}

/** cadreOf: the cadre a household is assigned to now (the household store), to whom a visit counts */
export async function openVisitRepository(
  dataDir: string,
  cadreOf: (householdId: string) => string | null = () => null,
): Promise<VisitRepository> {
  const { journal, entries } = await Journal.open(join(dataDir, 'visits.jsonl'), Visit)
  const byHousehold = new Map<string, Visit[]>()
  const tally = new VisitTally()
  const remember = (v: Visit) => {
    pushTo(byHousehold, v.householdId, v)
    tally.add(v.householdId, cadreOf(v.householdId), Number(v.date.slice(0, 4)))
  }
  entries.forEach(remember)
  return {
    async add(input, at) {
      const visit: Visit = { ...input, id: randomUUID(), at: at.toISOString() }
      await journal.append(visit)
      remember(visit)
      return visit
    },
    of: (householdId) => byHousehold.get(householdId) ?? [],
    tally: () => tally,
    close: () => journal.close(),
  }
}
