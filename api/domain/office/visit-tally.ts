/**
 * Visits per household and year, and for each cadre and year how many of their households have had how
 * many visits: a cadre's completion against the yearly target is then a sum over a few counts, not a
 * walk over their households. A visit counts for the cadre the household is assigned to when it is
 * recorded (a household moved to another cadre later keeps its visits with the first).
 */
export class VisitTally {
  private readonly byHousehold = new Map<string, Map<number, number>>()
  /** `${cadreId}|${year}` → visits so far → households */
  private readonly byCadre = new Map<string, Map<number, number>>()

  add(householdId: string, cadreId: string | null, year: number): void {
    let years = this.byHousehold.get(householdId)
    if (!years) this.byHousehold.set(householdId, (years = new Map()))
    const before = years.get(year) ?? 0
    years.set(year, before + 1)
    if (!cadreId) return
    const key = `${cadreId}|${year}`
    let counts = this.byCadre.get(key)
    if (!counts) this.byCadre.set(key, (counts = new Map()))
    if (before > 0) counts.set(before, counts.get(before)! - 1)
    counts.set(before + 1, (counts.get(before + 1) ?? 0) + 1)
  }

  /** How many of a cadre's households had at least `target` visits in the year. */
  reached(cadreId: string, year: number, target: number): number {
    let n = 0
    for (const [visits, households] of this.byCadre.get(`${cadreId}|${year}`) ?? []) if (visits >= target) n += households
    return n
  }
}
