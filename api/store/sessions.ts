import { join } from 'node:path'
import { z } from '../lib/zod.ts'
import { Journal } from './journal.ts'

/**
 * Dialogue state per conversation, opaque to the API (the chat engine validates its own shape).
 * It changes on every message, so each change is one appended line (group commit, as the report
 * journal does) rather than a rewrite of every live conversation; the file is rewritten with only the
 * live ones once old lines far outnumber them.
 */
export interface SessionRepository {
  get(key: string): Promise<unknown>
  /** `forgetPast`: the file is rewritten at once without this conversation's earlier lines (after an anonymous report) */
  put(key: string, state: unknown, at: Date, options?: { forgetPast?: boolean }): Promise<void>
  close(): Promise<void>
}

const Line = z.object({ key: z.string(), state: z.unknown(), at: z.string() })
type Line = z.infer<typeof Line>

/** Rewrite once the file holds this many lines per live conversation (and at least MIN_LINES). */
const LINES_PER_LIVE = 4
const MIN_LINES = 10_000

export async function openSessionRepository(dataDir: string, idleLimitMs: number, minLines = MIN_LINES): Promise<SessionRepository> {
  const { journal, entries } = await Journal.open(join(dataDir, 'sessions.jsonl'), Line)
  const live = new Map<string, Line>()
  for (const e of entries) live.set(e.key, e)
  let lines = entries.length
  let lastPrune = 0
  /** Idle conversations are dropped: the engine would start them afresh anyway. */
  const prune = (now: number) => {
    if (now - lastPrune < 60_000) return
    lastPrune = now
    for (const [key, e] of live) if (now - Date.parse(e.at) > idleLimitMs) live.delete(key)
  }
  let compacting: Promise<void> | undefined
  /** Rewrites the file with only the live conversations; one rewrite at a time. */
  const compact = () => {
    compacting ??= journal
      .rewrite(() => {
        lines = live.size
        return [...live.values()]
      })
      .finally(() => {
        compacting = undefined
      })
    return compacting
  }
  return {
    async get(key) {
      return live.get(key)?.state ?? null
    },
    async put(key, state, at, options = {}) {
      prune(at.getTime())
      const line = { key, state, at: at.toISOString() }
      live.set(key, line)
      lines += 1
      await journal.append(line)
      if (options.forgetPast) {
        // a rewrite that began before this line may predate it: wait for it, then rewrite from now
        await compacting
        await compact()
      } else if (lines > Math.max(minLines, LINES_PER_LIVE * live.size) && !compacting) {
        await compact()
      }
    },
    close: () => journal.close(),
  }
}
