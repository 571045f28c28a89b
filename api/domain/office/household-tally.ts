import { latestIncome, type Household } from '../households/household.ts'
import { isRecentShock, type AlertKind } from '../households/monitoring.ts'
import type { PlaceFilter } from './scope.ts'

/**
 * The households' figures for the office — how many of each status, and how many with each 返贫监测
 * alert — per village, kept up to date one household at a time by the household store, so a summary
 * reads a few numbers per village instead of a million records. Alerts count as alertsFor
 * (domain/households/monitoring.ts) would over every household on the day asked about
 * (test/office/household-tally.test.ts checks that they agree).
 */

const ILL = 1
const UNMET = 2

/** What the tally needs to take one household out again: a few numbers, kept in the store's index. */
export interface TallyKey {
  town: string
  village: string
  status: Household['status']
  /** the latest 人均纯收入 on record; -1 when none */
  perCapita: number
  /** ILL | UNMET */
  flags: number
}

export function tallyFacts(h: Household): Pick<TallyKey, 'perCapita' | 'flags'> {
  const ill = h.members.some((m) => m.health === '大病')
  const unmet = Object.values(h.guarantees).some((met) => !met)
  return { perCapita: latestIncome(h)?.perCapita ?? -1, flags: (ill ? ILL : 0) | (unmet ? UNMET : 0) }
}

class VillageCounts {
  total = 0
  byStatus = new Map<string, number>()
  ill = 0
  unmet = 0
  sudden = 0
  /** per-capita incomes, sorted when first counted after a change */
  incomes: number[] = []
  sorted = true
}

/** A household with shocks on record: whether they are recent depends on the day asked, so it is checked then. */
interface Shocked {
  town: string
  village: string
  status: Household['status']
  ill: boolean
  shocks: Household['shocks']
}

export type AlertCounts = Record<AlertKind, number>

export interface VillageFigures {
  town: string
  village: string
  households: number
  byStatus: Record<string, number>
  alerts: AlertCounts
}

const SUDDEN: Household['status'] = '突发严重困难户'

export class HouseholdTally {
  private readonly places = new Map<string, Map<string, VillageCounts>>()
  private readonly shocked = new Map<string, Shocked>()
  /** bumped whenever a shocked household is stored or goes: the day's shock counts are then worked out again */
  private version = 0
  private recent: { date: string; version: number; counts: Map<string, { illness: number; sudden: number }> } | undefined

  private village(town: string, village: string): VillageCounts {
    let villages = this.places.get(town)
    if (!villages) this.places.set(town, (villages = new Map()))
    let v = villages.get(village)
    if (!v) villages.set(village, (v = new VillageCounts()))
    return v
  }

  private apply(k: TallyKey, sign: 1 | -1) {
    const v = this.village(k.town, k.village)
    v.total += sign
    v.byStatus.set(k.status, (v.byStatus.get(k.status) ?? 0) + sign)
    if (k.flags & ILL) v.ill += sign
    if (k.flags & UNMET) v.unmet += sign
    if (k.status === SUDDEN) v.sudden += sign
    if (k.perCapita >= 0) {
      if (sign === 1) {
        v.incomes.push(k.perCapita)
        v.sorted = false
      } else {
        const at = v.incomes.indexOf(k.perCapita)
        v.incomes[at] = v.incomes[v.incomes.length - 1]!
        v.incomes.pop()
        v.sorted = false
      }
    }
  }

  /** A household stored, replaced or gone: `before` is what was counted for it, if anything. */
  replace(id: string, before: TallyKey | undefined, after: TallyKey | undefined, shocks: Household['shocks']): void {
    if (before) this.apply(before, -1)
    if (after) this.apply(after, 1)
    if (this.shocked.has(id) || shocks.length > 0) this.version++
    if (after && shocks.length > 0) {
      this.shocked.set(id, { town: after.town, village: after.village, status: after.status, ill: (after.flags & ILL) !== 0, shocks })
    } else this.shocked.delete(id)
  }

  /** Shocks that count on a day, per village: worked out once per day and again only after a shocked household changes. */
  private recentShocks(date: string): Map<string, { illness: number; sudden: number }> {
    if (this.recent?.date === date && this.recent.version === this.version) return this.recent.counts
    const counts = new Map<string, { illness: number; sudden: number }>()
    for (const s of this.shocked.values()) {
      const current = s.shocks.filter((x) => isRecentShock(x, date))
      if (current.length === 0) continue
      const key = `${s.town}\u0000${s.village}`
      const r = counts.get(key) ?? { illness: 0, sudden: 0 }
      // Counted here only when the village's standing counts do not already hold the household.
      if (!s.ill && current.some((x) => x.kind === '大病')) r.illness++
      if (s.status !== SUDDEN && current.some((x) => x.kind !== '大病')) r.sudden++
      counts.set(key, r)
    }
    this.recent = { date, version: this.version, counts }
    return counts
  }

  /** Each village's households by status and its alerts on `date`, against the monitoring line if one is set. */
  villages(filter: PlaceFilter, line: number | undefined, date: string): VillageFigures[] {
    const recent = this.recentShocks(date)
    const out: VillageFigures[] = []
    for (const [town, villages] of this.places) {
      for (const [village, v] of villages) {
        if (v.total === 0 || (filter && !filter(town, village))) continue
        const r = recent.get(`${town}\u0000${village}`)
        out.push({
          town,
          village,
          households: v.total,
          byStatus: Object.fromEntries([...v.byStatus].filter(([, n]) => n > 0)),
          alerts: {
            收入低于监测线: line === undefined ? 0 : below(v, line),
            大病: v.ill + (r?.illness ?? 0),
            突发困难: v.sudden + (r?.sudden ?? 0),
            三保障未达标: v.unmet,
          },
        })
      }
    }
    return out
  }
}

/** How many incomes are under the line (binary search over the sorted list). */
function below(v: VillageCounts, line: number): number {
  if (!v.sorted) {
    v.incomes.sort((a, b) => a - b)
    v.sorted = true
  }
  let lo = 0
  let hi = v.incomes.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (v.incomes[mid]! < line) lo = mid + 1
    else hi = mid
  }
  return lo
}
