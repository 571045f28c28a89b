import { join } from 'node:path'
import { z } from '../lib/zod.ts'
import { openJsonStore } from './json-store.ts'
import { CASE_ID, HardshipCase } from '../domain/households/hardship.ts'

/** 自主申报 cases, and which 返贫监测 alerts each cadre has already been told about. */
export interface MonitoringRepository {
  /** how many cases were opened in a year: the next one's number follows */
  countInYear(year: number): number
  /** stores a new case, or a case's new state, and resolves once it is on disk */
  save(c: HardshipCase): Promise<HardshipCase>
  get(id: string): HardshipCase | undefined
  all(): readonly HardshipCase[]
  alertsSent(cadreId: string): ReadonlySet<string>
  /** the day of the last daily digest (YYYY-MM-DD) */
  lastDigest(): string | null
  /** after a digest: the alert keys now current per cadre (keys no longer current are forgotten, so a return is news) */
  digested(day: string, sent: ReadonlyMap<string, readonly string[]>): Promise<void>
}

const MonitoringFile = z.object({
  cases: z.array(HardshipCase),
  sent: z.record(z.string(), z.array(z.string())),
  lastDigest: z.string().nullable(),
})

export async function openMonitoringRepository(dataDir: string): Promise<MonitoringRepository> {
  const store = await openJsonStore(join(dataDir, 'monitoring.json'), MonitoringFile, { cases: [], sent: {}, lastDigest: null })
  const byId = new Map(store.data.cases.map((c) => [c.id, c]))
  return {
    countInYear: (year) => store.data.cases.filter((c) => Number(CASE_ID.exec(c.id)![1]) === year).length,
    async save(c) {
      const at = store.data.cases.findIndex((x) => x.id === c.id)
      if (at === -1) store.data.cases.push(c)
      else store.data.cases[at] = c
      byId.set(c.id, c)
      await store.write()
      return c
    },
    get: (id) => byId.get(id),
    all: () => store.data.cases,
    alertsSent: (cadreId) => new Set(store.data.sent[cadreId] ?? []),
    lastDigest: () => store.data.lastDigest,
    async digested(day, sent) {
      store.data.lastDigest = day
      for (const [cadreId, keys] of sent) store.data.sent[cadreId] = [...keys]
      await store.write()
    },
  }
}
