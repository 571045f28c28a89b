/**
 * Durations in days, counted in half-day bins (the last bin holds everything longer): a range's median is
 * read from the sum of its days' histograms, so no list of durations is kept or sorted per request. Sparse,
 * because most of a town's days see few reports.
 */
const BIN_DAYS = 0.5
const LAST_BIN = 240

export class Histogram {
  readonly counts = new Map<number, number>()
  total = 0

  add(days: number, by: 1 | -1 = 1): void {
    const bin = Math.min(LAST_BIN, Math.max(0, Math.floor(days / BIN_DAYS)))
    const n = (this.counts.get(bin) ?? 0) + by
    if (n === 0) this.counts.delete(bin)
    else this.counts.set(bin, n)
    this.total += by
  }

  merge(other: Histogram): void {
    for (const [bin, n] of other.counts) this.counts.set(bin, (this.counts.get(bin) ?? 0) + n)
    this.total += other.total
  }

  /** The median in days, to the half day (the middle of its bin); null when empty. */
  median(): number | null {
    if (this.total === 0) return null
    let seen = 0
    for (const bin of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bin)!
      if (seen * 2 >= this.total) return bin === LAST_BIN ? LAST_BIN * BIN_DAYS : bin * BIN_DAYS + BIN_DAYS / 2
    }
    return null
  }
}
