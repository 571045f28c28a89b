/**
 * Counts failed attempts (household verification, binding codes, query codes) per key over a sliding
 * window: a caller (a WeChat contact or an address), or a target (one household, one ticket), so
 * guesses spread over many addresses still run into the target's count. With 5 tries an hour, guessing
 * the 6 digits of an ID number or a binding code (10^6) would take over 20 years per key. The state is
 * handed to `changed` on every failure, so its owner can keep it across restarts (store/lockouts.ts);
 * keys whose last failure is older than the window are dropped first, so the kept state holds only the
 * last hour's addresses and contacts, however many have failed since the service was installed.
 */
import { Refusal } from '../refusal.ts'

/** Lockout keys of a target rather than a caller, and a caller's count of wrong query codes over all tickets. */
export const HOUSEHOLD_TARGET = 'hh:'
export const CODE_CALLER = 'codes:'

/** How many failures an hour each kind of key gets: a household is tried by its own family too; a caller may mistype a few tickets' codes. */
export const maxFailuresFor = (key: string) => (key.startsWith(HOUSEHOLD_TARGET) ? 10 : key.startsWith(CODE_CALLER) ? 20 : undefined)

export type LockoutState = Record<string, number[]>

export interface LockoutOptions {
  maxFailures?: number
  windowMs?: number
  /** a key's own limit (a household is tried by its family too: it gets more room than one caller) */
  maxFor?: (key: string) => number | undefined
  initial?: LockoutState
  changed?: (state: LockoutState) => void
}

export class Lockout {
  readonly maxFailures: number
  readonly windowMs: number
  private readonly failures: Map<string, number[]>

  constructor(private readonly options: LockoutOptions = {}) {
    this.maxFailures = options.maxFailures ?? 5
    this.windowMs = options.windowMs ?? 3600_000
    this.failures = new Map(Object.entries(options.initial ?? {}))
  }

  limitOf(key: string): number {
    return this.options.maxFor?.(key) ?? this.maxFailures
  }

  /** when the key may try again, or undefined when it may try now */
  lockedUntil(key: string, at: Date): Date | undefined {
    const recent = this.recent(key, at)
    const max = this.limitOf(key)
    return recent.length >= max ? new Date(recent[recent.length - max]! + this.windowMs) : undefined
  }

  failuresOf(key: string, at: Date): number {
    return this.recent(key, at).length
  }

  fail(key: string, at: Date): void {
    this.failures.set(key, [...this.recent(key, at), at.getTime()])
    for (const [k, times] of this.failures) if (at.getTime() - times[times.length - 1]! >= this.windowMs) this.failures.delete(k)
    this.options.changed?.(Object.fromEntries(this.failures))
  }

  private recent(key: string, at: Date): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => at.getTime() - t < this.windowMs)
    if (kept.length === 0) this.failures.delete(key)
    else this.failures.set(key, kept)
    return kept
  }
}

/** A 429 with Retry-After while the key has used up its failed attempts. */
export function refuseWhileLocked(lockout: Lockout, key: string, at: Date, what: string): void {
  const until = lockout.lockedUntil(key, at)
  if (!until) return
  const seconds = Math.ceil((until.getTime() - at.getTime()) / 1000)
  throw new Refusal('too_many', `${what}错误次数太多，请${Math.ceil(seconds / 60)}分钟后再试。`, 'TOO_MANY_ATTEMPTS', seconds)
}
