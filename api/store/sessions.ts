import { join } from 'node:path'
import { z } from '../zod.ts'
import { openJsonStore } from './json-store.ts'

/**
 * Dialogue state per conversation, opaque to the API (the chat engine validates its own shape).
 * Kept apart from cold data: it changes on every message.
 */
export interface SessionRepository {
  get(key: string): Promise<unknown>
  put(key: string, state: unknown, at: Date): Promise<void>
}

const Entry = z.object({ state: z.unknown(), at: z.string() })
const File = z.object({ sessions: z.record(z.string(), Entry) })

export async function openSessionRepository(dataDir: string, idleLimitMs: number): Promise<SessionRepository> {
  const store = await openJsonStore(join(dataDir, 'sessions.json'), File, { sessions: {} })
  let lastPrune = 0
  /** Idle conversations are dropped so the file holds only live ones and stays small to rewrite. */
  const prune = (now: number) => {
    if (now - lastPrune < 60_000) return
    lastPrune = now
    for (const [key, entry] of Object.entries(store.data.sessions)) {
      if (now - Date.parse(entry.at) > idleLimitMs) delete store.data.sessions[key]
    }
  }
  return {
    async get(key) {
      return store.data.sessions[key]?.state ?? null
    },
    async put(key, state, at) {
      prune(at.getTime())
      store.data.sessions[key] = { state, at: at.toISOString() }
      await store.write()
    },
  }
}
