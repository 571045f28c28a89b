import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { Low, type Adapter } from 'lowdb'
import type { z } from '../lib/zod.ts'
import { StoreError } from './store-error.ts'
import { replaceFile } from './replace-file.ts'
import { checkMark, readMark, versionOf, writeMark, type Version } from './file-mark.ts'

/**
 * lowdb's adapter for our files: the whole file replaced (temp, fsync, rename, directory fsync), its
 * mark (store/file-mark.ts) told of the new version first. Concurrent write() calls share one pending
 * write (group commit): `await store.write()` resolves only once the data, including this caller's
 * change, is on disk; the writes in flight meanwhile go out as one, with the latest data.
 */
class MarkedFile<T> implements Adapter<T> {
  private latest: string | undefined
  private waiting: { done: () => void; failed: (err: unknown) => void }[] = []
  private writing: Promise<void> | undefined

  constructor(
    private readonly file: string,
    private readonly stringify: (data: T) => string,
    /** what the file holds now (undefined: no file yet) */
    private current: Version | undefined,
  ) {}

  async read(): Promise<T | null> {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as T) : null
  }

  write(data: T): Promise<void> {
    this.latest = this.stringify(data)
    return new Promise((done, failed) => {
      this.waiting.push({ done, failed })
      this.writing ??= this.loop()
    })
  }

  private async loop() {
    try {
      while (this.latest !== undefined) {
        const bytes = Buffer.from(this.latest, 'utf8')
        this.latest = undefined
        const batch = this.waiting
        this.waiting = []
        try {
          const next = versionOf(bytes)
          await writeMark(this.file, { ...(this.current ?? next), next })
          await replaceFile(this.file, (h) => h.write(bytes))
          this.current = next
          for (const w of batch) w.done()
        } catch (err) {
          for (const w of batch) w.failed(err)
        }
      }
    } finally {
      this.writing = undefined
    }
  }
}

/**
 * Opens one lowdb JSON file, after checking it against its mark: a file deleted, emptied or changed since
 * the service last wrote it stops the start (store/file-mark.ts). A file that is not valid JSON, or not
 * of its schema, stops it too, rather than being overwritten.
 *
 * Tests of persistence use this too: JSONFilePreset would silently switch to memory under vitest.
 */
export async function openJsonStore<T extends object>(
  file: string,
  schema: z.ZodType<T>,
  defaults: T,
  options: { compact?: boolean } = {},
): Promise<Low<T>> {
  mkdirSync(dirname(file), { recursive: true })
  const data = existsSync(file) ? readFileSync(file) : undefined
  const mark = readMark(file)
  checkMark(file, data, mark, false)
  // Large files are written without indentation: half the size, and parsed twice as fast at start.
  const stringify = options.compact ? (d: T) => JSON.stringify(d) : (d: T) => JSON.stringify(d, null, 2)
  const current = data && versionOf(data)
  const store = new Low<T>(new MarkedFile(file, stringify, current), defaults)
  // a file from before marks: it gets one now, as it is
  if (current && !mark) await writeMark(file, current)
  if (data === undefined) {
    store.data = structuredClone(defaults)
    return store
  }
  let raw: unknown
  try {
    raw = JSON.parse(data.toString('utf8'))
  } catch (err) {
    throw new StoreError(file, `不是合法的 JSON（${(err as Error).message}）`)
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new StoreError(file, `内容不符合格式（${issue.path.join('.') || '根'}：${issue.message}）`)
  }
  store.data = parsed.data
  return store
}
