/**
 * Counts failed attempts (household verification, binding codes) per key — a WeChat contact or an IP —
 * over a sliding window. With 5 tries an hour, guessing the 6 digits of an ID number or a binding
 * code (10^6) would take over 20 years per key. Kept in memory: a restart forgives, which is acceptable
 * for a limit measured in hours.
 */
export class Lockout {
  private readonly failures = new Map<string, number[]>()

  constructor(
    readonly maxFailures = 5,
    readonly windowMs = 3600_000,
  ) {}

  /** when the key may try again, or undefined when it may try now */
  lockedUntil(key: string, at: Date): Date | undefined {
    const recent = this.recent(key, at)
    return recent.length >= this.maxFailures ? new Date(recent[0]! + this.windowMs) : undefined
  }

  failuresOf(key: string, at: Date): number {
    return this.recent(key, at).length
  }

  fail(key: string, at: Date): void {
    this.failures.set(key, [...this.recent(key, at), at.getTime()])
  }

  private recent(key: string, at: Date): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => at.getTime() - t < this.windowMs)
    if (kept.length === 0) this.failures.delete(key)
    else this.failures.set(key, kept)
    return kept
  }
}
