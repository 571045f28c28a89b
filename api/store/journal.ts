import { mkdirSync, openSync, closeSync, readFileSync, existsSync, ftruncateSync, fstatSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { z } from '../lib/zod.ts'
import { StoreError } from './json-store.ts'
import { replaceFile } from './replace-file.ts'

/**
 * An append-only JSON Lines file with group commit. lowdb rewrites the whole file on every write: with
 * 100,000 reports that is tens of megabytes per report. Here a write appends one line; appends that
 * arrive while a flush is under way wait and go out together in the next one (one write, one fsync),
 * and each caller's promise resolves only after the fsync that covers its line. So an acknowledgement
 * always means "on disk", and throughput grows with concurrency instead of collapsing.
 *
 * A crash can leave at most a torn last line (never acknowledged): it is cut off when the file is
 * opened again. A bad line anywhere else stops the start, rather than silently dropping records.
 */
export class Journal<E> {
  private handle: FileHandle | undefined
  private waiting: { line: string; done: () => void; failed: (err: unknown) => void }[] = []
  private flushing: Promise<void> | undefined

  private constructor(
    readonly file: string,
    private readonly schema: z.ZodType<E>,
  ) {}

  /** Opens (creating) the file and returns it with every entry already in it, in order. */
  static async open<E>(file: string, schema: z.ZodType<E>): Promise<{ journal: Journal<E>; entries: E[] }> {
    mkdirSync(dirname(file), { recursive: true })
    const entries = existsSync(file) ? Journal.recover(file, schema) : []
    const journal = new Journal(file, schema)
    journal.handle = await open(file, 'a')
    return { journal, entries }
  }

  private static recover<E>(file: string, schema: z.ZodType<E>): E[] {
    const text = readFileSync(file, 'utf8')
    const lines = text.split('\n')
    const entries: E[] = []
    let goodBytes = 0
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!
      const last = i === lines.length - 1
      if (line === '') {
        if (!last) goodBytes += 1
        continue
      }
      let parsed: ReturnType<typeof schema.safeParse> | undefined
      try {
        parsed = schema.safeParse(JSON.parse(line))
      } catch {
        parsed = undefined
      }
      if (!parsed?.success) {
        // Only the final, unterminated line can be a write cut short by a crash.
        if (last) break
        throw new StoreError(file, `第 ${i + 1} 行不是有效记录`)
      }
      if (last) break // a complete record without its newline was never acknowledged either; keep the file consistent
      entries.push(parsed.data)
      goodBytes += Buffer.byteLength(line, 'utf8') + 1
    }
    const size = Buffer.byteLength(text, 'utf8')
    if (goodBytes < size) {
      const fd = openSync(file, 'r+')
      try {
        if (fstatSync(fd).size === size) ftruncateSync(fd, goodBytes)
      } finally {
        closeSync(fd)
      }
    }
    return entries
  }

  /** Resolves once the entry is on disk. */
  append(entry: E): Promise<void> {
    const line = `${JSON.stringify(this.schema.parse(entry))}\n`
    return new Promise((done, failed) => {
      this.waiting.push({ line, done, failed })
      this.flushing ??= this.flushLoop()
    })
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting
        this.waiting = []
        try {
          await this.handle!.write(batch.map((b) => b.line).join(''))
          await this.handle!.datasync()
          for (const b of batch) b.done()
        } catch (err) {
          for (const b of batch) b.failed(err)
        }
      }
    } finally {
      this.flushing = undefined
    }
  }

  /**
   * Replaces the file with the entries `current` returns (temp file, fsync, rename), for a journal
   * whose old lines no longer matter (conversation state). `current` is asked when the rewrite starts;
   * appends that arrive meanwhile wait, and go to the new file.
   */
  async rewrite(current: () => readonly E[]): Promise<void> {
    while (this.flushing) await this.flushing
    const swap = async () => {
      await replaceFile(this.file, (handle) =>
        handle.write(
          current()
            .map((e) => `${JSON.stringify(e)}\n`)
            .join(''),
        ),
      )
      await this.handle?.close()
      this.handle = await open(this.file, 'a')
    }
    this.flushing = swap()
    try {
      await this.flushing
    } finally {
      this.flushing = this.waiting.length > 0 ? this.flushLoop() : undefined
    }
  }

  async close(): Promise<void> {
    await this.flushing
    await this.handle?.close()
    this.handle = undefined
  }
}
