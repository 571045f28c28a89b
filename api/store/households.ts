import { existsSync } from 'node:fs'
import { rename } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from '../lib/zod.ts'
import { openJsonStore } from './json-store.ts'
import { Cadre, Household, type Shock } from '../domain/households/household.ts'
import { localDate } from '../lib/calendar.ts'
import { pushTo } from '../lib/group.ts'
import { RecordFile, type Located } from './record-file.ts'
import { inTurn } from '../lib/in-turn.ts'
import { HouseholdTally, tallyFacts, type TallyKey } from '../domain/office/household-tally.ts'

/** What lists filter on, kept in memory for every household; the whole record is read by get(). */
export type HouseholdKey = Pick<Household, 'id' | 'headName' | 'town' | 'village' | 'status' | 'cadreId' | 'demo'>

/**
 * Household records (cold data: they change by import, rarely otherwise) and the cadres they are
 * assigned to. A province's million households do not fit in memory as objects, so only their keys
 * are held, with indexes; a read parses the one record from the file.
 */
export interface HouseholdRepository {
  get(id: string): Household | undefined
  /** what lists filter on, without reading the record */
  key(id: string): HouseholdKey | undefined
  /** every household's key, in the order first stored */
  all(): readonly HouseholdKey[]
  count(): number
  /** households by status and 返贫监测 alerts per village, kept up to date on every write (the office summary) */
  tally(): HouseholdTally
  assignedTo(cadreId: string): readonly HouseholdKey[]
  inTown(town: string): readonly HouseholdKey[]
  byHeadName(name: string): readonly HouseholdKey[]
  /** adds or replaces records by 户编号, all or none; resolves once on disk */
  upsert(households: readonly Household[]): Promise<void>
  /** a hardship confirmed on a visit (自主申报 核实) */
  addShock(id: string, kind: Shock, at: Date): Promise<Household | undefined>
  close(): Promise<void>
}

export interface CadreRepository {
  get(id: string): Cadre | undefined
  all(): readonly Cadre[]
  upsert(cadres: readonly Cadre[]): Promise<void>
}

const HouseholdsFile = z.object({ households: z.array(Household) })
const CadresFile = z.object({ cadres: z.array(Cadre) })

/** shocks are rare: kept (or null) so the tally can tell on any day which are recent */
type Entry = HouseholdKey & Located & Pick<TallyKey, 'perCapita' | 'flags'> & { shocks: Household['shocks'] | null }

/**
 * The in-memory index of the household file: one small entry per household (where its line is, and the
 * fields lists filter on), and the lists by cadre, town and name, built when first needed.
 */
function householdIndex() {
  const byId = new Map<string, Entry>()
  const tally = new HouseholdTally()
  /** built from byId when a list first needs it */
  let indexed: { all: Entry[]; byCadre: Map<string, Entry[]>; byTown: Map<string, Entry[]>; byName: Map<string, Entry[]> } | undefined
  // Towns, villages, statuses and cadre ids repeat across thousands of households: hold each string once.
  const strings = new Map<string, string>()
  const intern = (s: string) => strings.get(s) ?? (strings.set(s, s), s)
  // One literal of fixed shape: a million of these is most of the memory the store holds. No spread in
  // it: V8 gives an object built from a spread a slower, larger shape (opening 100k households took
  // 1.3 s longer and 60 MB more).
  const entry = (h: Household, { at, size }: Located): Entry => {
    const { perCapita, flags } = tallyFacts(h)
    return {
      perCapita,
      flags,
      shocks: h.shocks.length > 0 ? h.shocks : null,
      id: h.id,
      headName: intern(h.headName),
      town: intern(h.town),
      village: intern(h.village),
      status: h.status,
      cadreId: h.cadreId && intern(h.cadreId),
      demo: h.demo,
      at,
      size,
    }
  }
  /**
   * A changed household's entry is updated in place, so the indexes stay valid; they are rebuilt (on
   * the next list) only when a household is new or moves town, cadre or name. One 核实 at province scale
   * must not cost a rebuild over a million entries.
   */
  const keep = (e: Entry) => {
    const old = byId.get(e.id)
    tally.replace(e.id, old && { ...old }, e, e.shocks ?? [])
    if (!old) {
      byId.set(e.id, e)
      indexed = undefined
      return
    }
    if (old.town !== e.town || old.cadreId !== e.cadreId || old.headName !== e.headName) indexed = undefined
    Object.assign(old, e)
  }
  const lists = () => {
    if (indexed) return indexed
    indexed = { all: [...byId.values()], byCadre: new Map(), byTown: new Map(), byName: new Map() }
    for (const e of indexed.all) {
      if (e.cadreId) pushTo(indexed.byCadre, e.cadreId, e)
      pushTo(indexed.byTown, e.town, e)
      pushTo(indexed.byName, e.headName, e)
    }
    return indexed
  }
  return { byId, entry, keep, lists, tally }
}

export async function openHouseholdRepository(dataDir: string): Promise<HouseholdRepository> {
  const fileName = join(dataDir, 'households.jsonl')
  const legacy = join(dataDir, 'households.json')
  const migrate = !existsSync(fileName) && existsSync(legacy)
  const { byId, entry, keep, lists: index, tally } = householdIndex()
  let lines = 0
  /** 核实 reads a record and writes it back: one at a time, so two confirmations both keep their shock */
  const changeInTurn = inTurn()
  const file = RecordFile.open(
    fileName,
    (value, where) => {
      const parsed = Household.safeParse(value)
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}：${i.message}`).join('；'))
      return entry(parsed.data, where)
    },
    (e) => {
      keep(e)
      lines++
    },
  )

  const get = (id: string) => {
    const e = byId.get(id)
    return e && (file.read(e) as Household)
  }
  const upsert = async (households: readonly Household[]) => {
    if (households.length === 0) return
    // Checked on the way in too: a record the next start would refuse must never reach the file.
    households = households.map((h) => Household.parse(h))
    const placed = await file.append(households)
    households.forEach((h, i) => keep(entry(h, placed[i]!)))
    lines += households.length
    // Replaced records stay in the file as dead lines; rewrite once they outnumber the live ones.
    if (lines > 2 * byId.size) {
      await file.rewrite(() => [...byId.values()])
      lines = byId.size
    }
  }

  if (migrate) {
    // Data written before households moved to one line each: carry it over once, keeping the old file.
    const old = await openJsonStore(legacy, HouseholdsFile, { households: [] })
    await upsert(old.data.households)
    await rename(legacy, `${legacy}.migrated`)
  }

  return {
    get,
    key: (id) => byId.get(id),
    all: () => index().all,
    count: () => byId.size,
    tally: () => tally,
    assignedTo: (cadreId) => index().byCadre.get(cadreId) ?? [],
    inTown: (town) => index().byTown.get(town) ?? [],
    byHeadName: (name) => index().byName.get(name) ?? [],
    upsert,
    addShock: (id, kind, at) =>
      changeInTurn(async () => {
        const h = get(id)
        if (!h) return undefined
        h.shocks.push({ kind, date: localDate(at) })
        await upsert([h])
        return h
      }),
    close: () => file.close(),
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
