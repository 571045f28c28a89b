import { join } from 'node:path'
import { z } from '../zod.ts'
import { openJsonStore } from './json-store.ts'
import { Cadre, Household, type Shock } from '../domain/households/household.ts'
import { localDate } from '../domain/calendar.ts'
import { pushTo } from './group.ts'

/**
 * Household records (cold data: they change by import, rarely otherwise) and the cadres they are
 * assigned to. Reads are from memory with indexes; a change rewrites the file once for a whole batch.
 */
export interface HouseholdRepository {
  get(id: string): Household | undefined
  all(): readonly Household[]
  count(): number
  assignedTo(cadreId: string): readonly Household[]
  inTown(town: string): readonly Household[]
  byHeadName(name: string): readonly Household[]
  /** adds or replaces records by 户编号; resolves once on disk */
  upsert(households: readonly Household[]): Promise<void>
  /** a hardship confirmed on a visit (自主申报 核实) */
  addShock(id: string, kind: Shock, at: Date): Promise<Household | undefined>
}

export interface CadreRepository {
  get(id: string): Cadre | undefined
  all(): readonly Cadre[]
  upsert(cadres: readonly Cadre[]): Promise<void>
}

const HouseholdsFile = z.object({ households: z.array(Household) })
const CadresFile = z.object({ cadres: z.array(Cadre) })

export async function openHouseholdRepository(dataDir: string): Promise<HouseholdRepository> {
  const store = await openJsonStore(join(dataDir, 'households.json'), HouseholdsFile, { households: [] }, { compact: true })
  let byId = new Map<string, Household>()
  let byCadre = new Map<string, Household[]>()
  let byTown = new Map<string, Household[]>()
  let byName = new Map<string, Household[]>()
  const index = () => {
    byId = new Map(store.data.households.map((h) => [h.id, h]))
    byCadre = new Map()
    byTown = new Map()
    byName = new Map()
    for (const h of store.data.households) {
      if (h.cadreId) pushTo(byCadre, h.cadreId, h)
      pushTo(byTown, h.town, h)
      pushTo(byName, h.headName, h)
    }
  }
  index()
  return {
    get: (id) => byId.get(id),
    all: () => store.data.households,
    count: () => store.data.households.length,
    assignedTo: (cadreId) => byCadre.get(cadreId) ?? [],
    inTown: (town) => byTown.get(town) ?? [],
    byHeadName: (name) => byName.get(name) ?? [],
    async upsert(households) {
      const incoming = new Map(households.map((h) => [h.id, h]))
      const kept = store.data.households.filter((h) => !incoming.has(h.id))
      store.data.households = [...kept, ...incoming.values()]
      index()
      await store.write()
    },
    async addShock(id, kind, at) {
      const h = byId.get(id)
      if (!h) return undefined
      h.shocks.push({ kind, date: localDate(at) })
      await store.write()
      return h
    },
  }
}

export async function openCadreRepository(dataDir: string): Promise<CadreRepository> {
  const store = await openJsonStore(join(dataDir, 'cadres.json'), CadresFile, { cadres: [] }, { compact: true })
  let byId = new Map(store.data.cadres.map((c) => [c.id, c]))
  return {
    get: (id) => byId.get(id),
    all: () => store.data.cadres,
    async upsert(cadres) {
      const incoming = new Map(cadres.map((c) => [c.id, c]))
      store.data.cadres = [...store.data.cadres.filter((c) => !incoming.has(c.id)), ...incoming.values()]
      byId = new Map(store.data.cadres.map((c) => [c.id, c]))
      await store.write()
    },
  }
}
