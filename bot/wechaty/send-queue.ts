export interface Outgoing {
  /** what the log shows for the addressee (never the message text: it may hold personal data) */
  label: string
  text: string
  send: () => Promise<void>
  /** called once the message is out, e.g. to acknowledge a durable notice */
  onSent?: () => void | Promise<void>
}

export interface SendQueueOptions {
  /** WeChat blocks accounts that send in bursts ("操作过于频繁"): at least this long between messages */
  intervalMs: number
  /** at most this many messages per calendar day; the rest wait for tomorrow */
  dailyCap: number
  maxAttempts: number
  log: (line: string) => void
  now?: () => Date
  /** the county's calendar day of a moment (Asia/Shanghai): the cap resets at its midnight, not UTC's */
  dayOf: (at: Date) => string
}

export interface QueueStatus {
  waiting: number
  sentToday: number
  paused: boolean
}

/**
 * The one way out for every message the bot sends. Spaced, capped per day, retried with backoff,
 * and paused while WeChat is logged out: nothing queued is dropped by a logout.
 */
export class SendQueue {
  private readonly items: (Outgoing & { attempts: number })[] = []
  private paused = true
  private running = false
  /** cancels the scheduled send, if one is */
  private timer: (() => void) | undefined
  private day = ''
  private sentToday = 0
  private lastSentAt = 0
  private readonly idle: (() => void)[] = []

  constructor(private readonly options: SendQueueOptions) {}

  enqueue(item: Outgoing): void {
    this.items.push({ ...item, attempts: 0 })
    this.kick(0)
  }

  /** Logged in: start sending. */
  resume(): void {
    this.paused = false
    this.kick(0)
  }

  /** Logged out: keep everything, send nothing. */
  pause(): void {
    this.paused = true
    this.timer?.()
    this.timer = undefined
  }

  status(): QueueStatus {
    this.rollDay()
    return { waiting: this.items.length, sentToday: this.sentToday, paused: this.paused }
  }

  /** Resolves when nothing is waiting (tests, graceful stop). */
  drained(): Promise<void> {
    if (this.items.length === 0 && !this.running) return Promise.resolve()
    return new Promise((resolve) => this.idle.push(resolve))
  }

  private now(): Date {
    return this.options.now?.() ?? new Date()
  }

  private rollDay(): void {
    const day = this.options.dayOf(this.now())
    if (day !== this.day) {
      this.day = day
      this.sentToday = 0
    }
  }

  private kick(delayMs: number): void {
    if (this.paused || this.running || this.timer || this.items.length === 0) return
    const wait = Math.max(delayMs, this.lastSentAt + this.options.intervalMs - Date.now())
    const go = () => {
      this.timer = undefined
      void this.sendNext()
    }
    // A timer never fires sooner than 1 ms: with no spacing due, that floor alone would cap a burst at 1,000/s.
    if (wait <= 0) {
      const immediate = setImmediate(go)
      this.timer = () => clearImmediate(immediate)
    } else {
      const timeout = setTimeout(go, wait)
      this.timer = () => clearTimeout(timeout)
    }
  }

  private async sendNext(): Promise<void> {
    if (this.paused || this.running) return
    const item = this.items[0]
    if (!item) return
    this.rollDay()
    if (this.sentToday >= this.options.dailyCap) {
      this.options.log(`今日发送已达上限 ${this.options.dailyCap} 条，其余 ${this.items.length} 条明天再发`)
      const now = this.now()
      const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)
      this.kick(tomorrow - now.getTime())
      return
    }
    this.running = true
    try {
      await item.send()
      this.items.shift()
      this.sentToday += 1
      this.lastSentAt = Date.now()
      // A failed acknowledgement must not send the message again.
      await Promise.resolve(item.onSent?.()).catch((err) => this.options.log(`发给 ${item.label} 的消息已发出，但确认失败：${String(err)}`))
    } catch (err) {
      item.attempts += 1
      const reason = err instanceof Error ? err.message : String(err)
      if (item.attempts >= this.options.maxAttempts) {
        this.items.shift()
        this.options.log(`发给 ${item.label} 的消息重试 ${item.attempts} 次仍失败，放弃：${reason}`)
      } else {
        this.options.log(`发给 ${item.label} 的消息发送失败（第 ${item.attempts} 次），稍后重试：${reason}`)
        this.running = false
        this.kick(this.options.intervalMs * 2 ** item.attempts)
        return
      }
    } finally {
      this.running = false
    }
    if (this.items.length === 0) this.idle.splice(0).forEach((resolve) => resolve())
    else this.kick(this.options.intervalMs)
  }
}
