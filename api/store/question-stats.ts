import { join } from 'node:path'
import { z } from '../lib/zod.ts'
import { localDate } from '../lib/calendar.ts'
import { openJsonStore } from './json-store.ts'

const TIERS = ['answer', 'tentative', 'none'] as const
export type AnswerTier = (typeof TIERS)[number]

const Counts = z.object({ answer: z.number().int().min(0), tentative: z.number().int().min(0), none: z.number().int().min(0) })
export type DayQuestions = z.infer<typeof Counts> & { day: string }

const QuestionStatsFile = z.object({ days: z.record(z.string(), Counts) })

/**
 * How many questions were asked each day, and how many got an answer, a "可能是" or the refusal: for the
 * office's dashboard. Counted in memory and written at most every FLUSH_MS and on close — a count is not
 * worth a disk write per question; a crash loses at most those seconds of counts (README says so).
 */
export interface QuestionStatsRepository {
  record(tier: AnswerTier, at: Date): void
  /** the days from..to (YYYY-MM-DD, inclusive) that had questions, oldest first */
  between(from: string, to: string): DayQuestions[]
  close(): Promise<void>
}

const FLUSH_MS = 5_000

export async function openQuestionStats(dataDir: string): Promise<QuestionStatsRepository> {
  const store = await openJsonStore(join(dataDir, 'question-stats.json'), QuestionStatsFile, { days: {} })
  let timer: NodeJS.Timeout | undefined
  const flush = () => {
    timer = undefined
    return store.write()
  }
  return {
    record(tier, at) {
      const day = localDate(at)
      const counts = (store.data.days[day] ??= { answer: 0, tentative: 0, none: 0 })
      counts[tier] += 1
      // unref: a pending flush does not keep a finished process (a test, a tool) alive; close() flushes
      timer ??= setTimeout(() => void flush().catch(() => {}), FLUSH_MS).unref()
    },
    between(from, to) {
      return Object.entries(store.data.days)
        .filter(([day]) => day >= from && day <= to)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([day, counts]) => ({ day, ...counts }))
    },
    async close() {
      if (timer) clearTimeout(timer)
      await flush()
    },
  }
}
