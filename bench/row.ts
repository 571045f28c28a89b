/**
 * One measured figure. Every bench module (bench/<topic>.bench.ts) default-exports an async function that
 * returns rows; bench/run.ts runs them all and writes RESULTS.md. Figures are medians of several runs, and
 * wherever possible a ratio against a baseline measured in the same run (the machines are shared and noisy).
 */
export interface BenchRow {
  /** what is measured, in words a reader of RESULTS.md understands */
  name: string
  value: number
  unit: string
  /** the goal from the issue, e.g. '≥ 0.6' or '≤ 2 ms'; omitted when there is none */
  goal?: string
  /** whether value meets the goal */
  ok?: boolean
  note?: string
}

export type BenchModule = () => Promise<BenchRow[]>

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

/** Peak resident set size of this process so far, in MiB (Linux reports maxRSS in KiB). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024
}
