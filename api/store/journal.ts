import { mkdirSync, openSync, closeSync, readFileSync, existsSync, ftruncateSync, fstatSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { z } from '../lib/zod.ts'
import { StoreError } from './store-error.ts'
import { replaceFile } from './replace-file.ts'
import { checkMark, MarkWriter, readMark, RunningVersion, versionOf, writeMark, type Mark } from './file-mark.ts'
import { log } from '../lib/log.ts'

/**
 * An append-only JSON Lines file with group commit. lowdb rewrites the whole file on every write: with
 * 100,000 reports that is tens of megabytes per report. Here a write appends one line; appends that
 * arrive while a flush is under way wait and go out together in the next one (one write, one fsync),
 * and each caller's promise resolves only after the fsync that covers its line. So an acknowledgement
 * always means "on disk", and throughput grows with concurrency instead of collapsing.
 *
 * A crash can leave at most a torn last line (never acknowledged): it is cut off when the file is
 * opened again, and the log says so. A bad line anywhere else stops the start, rather than silently
 * dropping records; so does a file shorter than, or different from, what its mark (store/file-mark.ts)
 * says was written.
 */
export class Journal<E> {
  private handle: FileHandle | undefined
  private waiting: { line: string; done: () => void; failed: (err: unknown) => void }[] = []
  private flushing: Promise<void> | undefined
  private readonly marks: MarkWriter
  private running = new RunningVersion(Buffer.alloc(0))

  private constructor(
    readonly file: string,
    private readonly schema: z.ZodType<E>,
    /** kept in the mark with each write (the reports keep their highest ticket numbers there) */
    private readonly extra?: () => Record<string, unknown>,
  ) {
    this.marks = new MarkWriter(file)
  }

  /** Opens (creating) the file and returns it with every entry already in it, in order, and what its mark kept. */
  static async open<E>(
    file: string,
    schema: z.ZodType<E>,
    options: { extra?: () => Record<string, unknown> } = {},
  ): Promise<{ journal: Journal<E>; entries: E[]; kept: Mark['extra'] }> {
    mkdirSync(dirname(file), { recursive: true })
    const mark = readMark(file)
    const data = existsSync(file) ? readFileSync(file) : undefined
    checkMark(file, data, mark, true)
    const { entries, goodBytes } = data ? Journal.recover(file, data, schema) : { entries: [], goodBytes: 0 }
    const journal = new Journal(file, schema, options.extra)
    journal.running = new RunningVersion(data ? data.subarray(0, goodBytes) : Buffer.alloc(0))
    journal.handle = await open(file, 'a')
    // a file from before marks, or one grown past its lagging mark: the mark catches up now
    if (!mark || mark.bytes !== goodBytes || mark.next)
      journal.marks.update({ ...journal.running.now(), ...(mark?.extra ? { extra: mark.extra } : {}) })
    return { journal, entries, kept: mark?.extra }
  }

  private static recover<E>(file: string, data: Buffer, schema: z.ZodType<E>): { entries: E[]; goodBytes: number } {
    const text = data.toString('utf8')
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
    const size = data.length
    if (goodBytes < size) {
      const fd = openSync(file, 'r+')
      try {
        if (fstatSync(fd).size === size) ftruncateSync(fd, goodBytes)
      } finally {
        closeSync(fd)
      }
      log(`${file}：末尾 ${size - goodBytes} 字节是崩溃时没写完的一行（从未确认），已裁掉；之前的 ${entries.length} 条完好。`)
    }
    return { entries, goodBytes }
  }

  private markNow(): Mark {
    const extra = this.extra?.()
    return { ...this.running.now(), ...(extra ? { extra } : {}) }
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
          const bytes = Buffer.from(batch.map((b) => b.line).join(''), 'utf8')
          await this.handle!.write(bytes)
          await this.handle!.datasync()
          this.running.add(bytes)
          this.marks.update(this.markNow())
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
      const bytes = Buffer.from(
        current()
          .map((e) => `${JSON.stringify(e)}\n`)
          .join(''),
        'utf8',
      )
      // the mark accepts the new version before it replaces the old: a crash on either side is whole
      await this.marks.settle()
      await writeMark(this.file, { ...this.markNow(), next: versionOf(bytes) })
      await replaceFile(this.file, (handle) => handle.write(bytes))
      this.running.reset(bytes)
      this.marks.update(this.markNow())
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
    await this.marks.settle()
    await this.handle?.close()
    this.handle = undefined
  }
}
