import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { keepPrivate } from './private-files.ts'

type Holder = { pid: number; owner: string }

/** A takeover lasts microseconds; a takeover file this old was left by a process that died in one. */
const ABANDONED_TAKEOVER_MS = 10_000

/**
 * One process owns a data directory: lowdb keeps the data in memory and rewrites whole files, so an
 * import run beside the server would be overwritten by the server's next write (or overwrite it).
 * The lock is a file with the owner's pid, created exclusively; a lock left by a dead process is taken over.
 * Whoever takes it also makes the directory private to its user (store/private-files.ts).
 *
 * Taking over is where two processes could both win: each sees the dead pid, one deletes the stale file
 * and creates its own, and the other, a moment late, deletes that fresh lock and creates another. So only
 * the holder of a second, exclusive ".lock.takeover" file may delete ".lock", and only after reading it
 * again and finding the same dead holder it saw.
 */
export function lockDataDir(dataDir: string, owner: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, '.lock')
  const me = JSON.stringify({ pid: process.pid, owner })
  for (;;) {
    if (createExclusive(file, me)) {
      keepPrivate(dataDir)
      return () => rmSync(file, { force: true })
    }
    const seen = readFile(file)
    const held = parseHolder(seen)
    if (held && held.pid !== process.pid && alive(held.pid)) {
      throw new Error(`数据目录 ${dataDir} 正被进程 ${held.pid}（${held.owner}）使用。请先停止它再${owner}。`)
    }
    // No readable holder: another process has created the file and not yet written its pid. Look again.
    if (!held && seen !== undefined && ageMs(file) < ABANDONED_TAKEOVER_MS) {
      pause(5)
      continue
    }
    takeOver(file, seen, me)
  }
}

/** Deletes the lock file if it still holds `stale`, under the exclusive takeover file; then the caller tries again. */
function takeOver(file: string, stale: string | undefined, me: string): void {
  const takeover = `${file}.takeover`
  if (!createExclusive(takeover, me)) {
    // Someone else is taking over right now (wait for them), or died doing it long ago (clear it).
    if (ageMs(takeover) > ABANDONED_TAKEOVER_MS) rmSync(takeover, { force: true })
    else pause(5)
    return
  }
  try {
    if (readFile(file) === stale) rmSync(file, { force: true })
  } finally {
    rmSync(takeover, { force: true })
  }
}

function createExclusive(file: string, content: string): boolean {
  try {
    writeFileSync(file, content, { flag: 'wx' })
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  }
}

function readFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

function parseHolder(text: string | undefined): Holder | undefined {
  try {
    const h = JSON.parse(text ?? '') as Partial<Holder>
    return typeof h.pid === 'number' ? { pid: h.pid, owner: String(h.owner ?? '') } : undefined
  } catch {
    return undefined
  }
}

/** When this process first saw each version of a file (by inode and mtime), on its own monotonic clock. */
const firstSeen = new Map<string, { version: string; at: number }>()

/**
 * How long this process has seen the file unchanged (0 when it is gone or new: nothing to wait for yet).
 * Measured on this process's monotonic clock, not as "now minus the file's mtime": the file system's and
 * the process's clocks need not agree (a clock set wrong, a container, a test run a year ahead), and a live
 * takeover that looked a year old would be cleared under its owner, letting two processes win.
 */
function ageMs(file: string): number {
  let version: string
  try {
    const s = statSync(file)
    version = `${s.ino}:${s.mtimeMs}`
  } catch {
    firstSeen.delete(file)
    return 0
  }
  const seen = firstSeen.get(file)
  if (seen?.version === version) return performance.now() - seen.at
  firstSeen.set(file, { version, at: performance.now() })
  return 0
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Waits without returning to the event loop: the lock is taken once, at start, before anything else runs. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}
