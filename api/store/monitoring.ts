import { join } from 'node:path'
import { z } from '../lib/zod.ts'
import { openJsonStore } from './json-store.ts'
import { CASE_ID, HardshipCase, type OUTCOMES } from '../domain/households/hardship.ts'
import { localYear } from '../lib/calendar.ts'

export type NewCase = Pick<HardshipCase, 'kind' | 'town' | 'village' | 'name' | 'description' | 'householdId' | 'session'>

/** 自主申报 cases, and which 返贫监测 alerts each cadre has already been told about. */
export interface MonitoringRepository {
  create(input: NewCase, at: Date): Promise<HardshipCase>
  get(id: string): HardshipCase | undefined
  all(): readonly HardshipCase[]
  resolve(id: string, result: { outcome: (typeof OUTCOMES)[number]; note: string; by: string }, at: Date): Promise<HardshipCase>
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
    async create(input, at) {
      const year = localYear(at)
      const n = store.data.cases.filter((c) => Number(CASE_ID.exec(c.id)![1]) === year).length + 1
      const created: HardshipCase = {
        ...input,
        id: `SB-${year}-${String(n).padStart(6, '0')}`,
        status: '待核实',
        createdAt: at.toISOString(),
        result: null,
      }
      store.data.cases.push(created)
      byId.set(created.id, created)
      await store.write()
      return created
    },
    get: (id) => byId.get(id),
    all: () => store.data.cases,
    async resolve(id, result, at) {
      const c = byId.get(id)!
      c.status = result.outcome === '纳入监测' ? '已纳入监测' : '不纳入监测'
      c.result = { ...result, at: at.toISOString() }
      await store.write()
      return c
    },
    alertsSent: (cadreId) => new Set(store.data.sent[cadreId] ?? []),
    lastDigest: () => store.data.lastDigest,
    async digested(day, sent) {
      store.data.lastDigest = day
      for (const [cadreId, keys] of sent) store.data.sent[cadreId] = [...keys]
      await store.write()
    },
  }
}
