import { appendFileSync, closeSync, existsSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { StoreError } from './store-error.ts'
import { syncDir } from './replace-file.ts'
import { inTurn } from '../lib/in-turn.ts'
import { damaged, MarkWriter, readMark, RunningVersion, writeMark, type Version } from './file-mark.ts'
import { createHash, type Hash } from 'node:crypto'
import { rename } from 'node:fs/promises'
import { log } from '../lib/log.ts'

/** Where one record's line sits in the file (bytes, without its newline). */
export interface Located {
  at: number
  size: number
}

/** Closes a batch: the records before it, back to the previous commit line, belong together. */
const commitLine = (count: number) => `{"commit":${count}}`
const COMMIT_PREFIX = '{"commit":'
const NEWLINE = 0x0a
const CHUNK = 8 << 20

/**
 * A file of JSON records, one per line, for data too large to hold parsed in memory (a province's
 * households run to a gigabyte of JSON, past V8's longest string). The owner keeps only where each
 * record is; a read parses the one line it needs.
 *
 * A write appends the batch's lines and then a commit line, and resolves after fsync. A crash mid-batch
 * leaves lines with no commit after them: they were never acknowledged and are cut off at the next
 * open, so an import lands whole or not at all. A changed record is written again further down, so
 * lines pile up; once the superseded ones outnumber the live ones the file is rewritten (temp + rename).
 */
export class RecordFile {
  /** for reads; none until the first write creates the file */
  private fd: number | undefined
  private size: number
  /** appends, rewrites and closing, one at a time */
  private readonly serialise = inTurn()
  private scratch = Buffer.alloc(64 << 10)
  private readonly marks: MarkWriter

  private constructor(
    readonly file: string,
    fd: number | undefined,
    size: number,
    /** the file's length, lines and hash up to `size`, for its mark (store/file-mark.ts) */
    private running: RunningVersion,
  ) {
    this.fd = fd
    this.size = size
    this.marks = new MarkWriter(file)
  }

  /**
   * Opens the file (if there is one yet). Each line is parsed and given to `check` at once, with its
   * place (it throws if the record is not valid, and returns what the owner keeps of it); `keep` gets
   * those results, in file order, as each batch's commit line is reached. A bad line before the last
   * commit stops the start with the file named and untouched.
   */
  static open<T>(file: string, check: (value: unknown, where: Located) => T, keep: (kept: T) => void): RecordFile {
    const mark = readMark(file)
    const expected = mark ? [mark, ...(mark.next ? [mark.next] : [])] : []
    if (!existsSync(file)) {
      if (expected.some((v) => v.bytes > 0)) throw damaged(file, `文件不见了（应有 ${mark!.lines} 行、${mark!.bytes} 字节）`)
      return new RecordFile(file, undefined, 0, new RunningVersion(Buffer.alloc(0)))
    }
    const fd = openSync(file, 'r+')
    try {
      const size = fstatSync(fd).size
      const { committed, running, matched } = RecordFile.scan(file, fd, check, keep, expected)
      // The mark is written at batch ends: the file's committed part must pass through one of its versions.
      if (mark && !matched) {
        throw damaged(
          file,
          size === 0
            ? `文件被清空了（应有 ${mark.lines} 行、${mark.bytes} 字节）`
            : committed < mark.bytes
              ? `少了内容：应有 ${mark.lines} 行（${mark.bytes} 字节），完整的只剩 ${running.lines} 行（${committed} 字节）`
              : `内容和最后一次写入时不一样（被改动或损坏；应有 ${mark.lines} 行）`,
        )
      }
      if (committed < size) {
        // A batch cut short by a crash, never acknowledged. Its bytes are set aside, not thrown away.
        const tail = Buffer.alloc(size - committed)
        readSync(fd, tail, 0, tail.length, committed)
        appendFileSync(`${file}.uncommitted`, tail)
        ftruncateSync(fd, committed)
        log(`${file}：末尾 ${size - committed} 字节是崩溃时没写完的一批（从未确认），已移到 ${file}.uncommitted。`)
      }
      const opened = new RecordFile(file, fd, committed, running)
      if (!mark || mark.bytes !== committed || mark.next) opened.marks.update(running.now())
      return opened
    } catch (err) {
      closeSync(fd)
      throw err
    }
  }

  /**
   * Reads the file in chunks (never the whole of it at once); returns the length up to the last commit,
   * the running version there, and whether the file passed through one of the `expected` versions (its
   * mark's) at a commit.
   */
  private static scan<T>(
    file: string,
    fd: number,
    check: (value: unknown, where: Located) => T,
    keep: (kept: T) => void,
    expected: readonly Version[],
  ): { committed: number; running: RunningVersion; matched: boolean } {
    const hash: Hash = createHash('sha256')
    let committedHash = hash.copy()
    let committedLines = 0
    let matched = expected.length === 0 || expected.some((v) => v.bytes === 0)
    // Only what the owner keeps waits for the commit, not the parsed records: one batch can be a million.
    let pending: T[] = []
    let bad: { line: number; reason: string } | undefined
    let committed = 0
    let lineNo = 0
    let carry = Buffer.alloc(0)
    let carryAt = 0
    /** bytes before this are in `hash` */
    let hashedFrom = 0
    const chunk = Buffer.alloc(CHUNK)
    for (let pos = 0; ;) {
      const n = readSync(fd, chunk, 0, CHUNK, pos)
      if (n === 0) break
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n)
      const bufAt = carry.length > 0 ? carryAt : pos
      pos += n
      const last = buf.lastIndexOf(NEWLINE)
      // One decode per chunk; lines are then slices of it. Byte places come from the bytes, since a
      // Chinese character is three bytes but one string unit.
      const text = last === -1 ? '' : buf.toString('utf8', 0, last)
      let start = 0
      let from = 0
      for (
        let nl = last === -1 ? -1 : buf.indexOf(NEWLINE, start);
        nl !== -1;
        start = nl + 1, nl = start > last ? -1 : buf.indexOf(NEWLINE, start)
      ) {
        lineNo++
        let to = text.indexOf('\n', from)
        if (to === -1) to = text.length
        const line = text.slice(from, to)
        from = to + 1
        const where = { at: bufAt + start, size: nl - start }
        if (line.startsWith(COMMIT_PREFIX)) {
          const count = Number(line.slice(COMMIT_PREFIX.length, -1))
          // A commit must close exactly the lines before it; anything else means the file was edited or damaged.
          if (bad || count !== pending.length)
            throw new StoreError(file, `第 ${bad?.line ?? lineNo} 行${bad ? `不是有效记录（${bad.reason}）` : '的批次记录数不符'}`)
          for (const p of pending) keep(p)
          pending = []
          committed = where.at + where.size + 1
          hash.update(buf.subarray(hashedFrom - bufAt, nl + 1))
          hashedFrom = committed
          committedHash = hash.copy()
          committedLines = lineNo
          if (!matched) {
            const digest = expected.some((v) => v.bytes === committed) ? committedHash.copy().digest('hex') : undefined
            matched = digest !== undefined && expected.some((v) => v.bytes === committed && v.sha256 === digest)
          }
          continue
        }
        try {
          pending.push(check(JSON.parse(line), where))
        } catch (err) {
          bad ??= { line: lineNo, reason: (err as Error).message }
        }
      }
      hash.update(buf.subarray(hashedFrom - bufAt, start))
      hashedFrom = bufAt + start
      carry = Buffer.from(buf.subarray(start))
      carryAt = bufAt + start
    }
    return { committed, running: RunningVersion.resume(committedHash, committed, committedLines), matched }
  }

  /** The record at a place the owner was given. */
  read({ at, size }: Located): unknown {
    const buf = size <= this.scratch.length ? this.scratch : Buffer.alloc(size)
    readSync(this.fd!, buf, 0, size, at)
    return JSON.parse(buf.toString('utf8', 0, size))
  }

  /** Appends one batch; resolves with each record's place once the batch and its commit are on disk. */
  append(records: readonly unknown[]): Promise<Located[]> {
    return this.serialise(async () => {
      const start = this.size
      const created = !existsSync(this.file)
      if (created) mkdirSync(dirname(this.file), { recursive: true })
      const handle = await open(this.file, created ? 'wx' : 'r+')
      try {
        // Places are counted from what this process wrote: a file changed under it must not be written on.
        if ((await handle.stat()).size !== start) throw new StoreError(this.file, '文件在服务运行期间被改动过')
        try {
          const grown = this.running.fork()
          const { placed, end } = await writeLines(handle, serialised(records), start, (bytes) => grown.add(bytes))
          await handle.datasync()
          if (created) await syncDir(dirname(this.file))
          this.fd ??= openSync(this.file, 'r')
          this.size = end
          this.running = grown
          this.marks.update(grown.now())
          return placed
        } catch (err) {
          await handle.truncate(start).catch(() => {})
          throw err
        }
      } finally {
        await handle.close()
      }
    })
  }

  /**
   * Writes the live records to a new file and puts it in place of this one. `live` is asked for when
   * the rewrite starts (after writes queued before it); their places are updated in the same step as
   * the switch to the new file, so a read never pairs a place with the wrong file.
   */
  rewrite(live: () => readonly Located[]): Promise<void> {
    return this.serialise(async () => {
      const records = live()
      // Written beside, then the mark told of the new version, then put in place: a crash anywhere
      // leaves a file its mark accepts (store/file-mark.ts).
      const temp = `${this.file}.tmp`
      const fresh = new RunningVersion(Buffer.alloc(0))
      const handle = await open(temp, 'w')
      let written: Awaited<ReturnType<typeof writeLines>>
      try {
        written = await writeLines(handle, this.raws(records), 0, (bytes) => fresh.add(bytes))
        await handle.datasync()
      } finally {
        await handle.close()
      }
      await this.marks.settle()
      await writeMark(this.file, { ...this.running.now(), next: fresh.now() })
      await rename(temp, this.file)
      await syncDir(dirname(this.file))
      const { placed, end } = written
      this.running = fresh
      this.marks.update(fresh.now())
      const old = this.fd
      this.fd = openSync(this.file, 'r')
      this.size = end
      records.forEach((r, i) => Object.assign(r, placed[i]))
      if (old !== undefined) closeSync(old)
    })
  }

  close(): Promise<void> {
    return this.serialise(async () => {
      await this.marks.settle()
      if (this.fd !== undefined) closeSync(this.fd)
      this.fd = undefined
    })
  }

  /** The lines at these places, as bytes, one at a time (a rewrite of a million never holds them all). */
  private *raws(places: readonly Located[]): Generator<Buffer> {
    for (const { at, size } of places) {
      const buf = Buffer.alloc(size)
      readSync(this.fd!, buf, 0, size, at)
      yield buf
    }
  }
}

/** Writes lines and the commit line closing them from byte `start`, in ~8 MB writes, each shown to `wrote` in order. */
async function writeLines(
  handle: FileHandle,
  lines: Iterable<Buffer>,
  start: number,
  wrote: (bytes: Buffer) => void,
): Promise<{ placed: Located[]; end: number }> {
  const placed: Located[] = []
  let parts: Buffer[] = []
  let partsBytes = 0
  let written = start
  const add = (line: Buffer) => {
    parts.push(line, NEWLINE_BUF)
    partsBytes += line.length + 1
  }
  const flush = async () => {
    const buf = Buffer.concat(parts, partsBytes)
    await handle.write(buf, 0, buf.length, written)
    wrote(buf)
    written += buf.length
    parts = []
    partsBytes = 0
  }
  for (const line of lines) {
    placed.push({ at: written + partsBytes, size: line.length })
    add(line)
    if (partsBytes >= CHUNK) await flush()
  }
  add(Buffer.from(commitLine(placed.length)))
  await flush()
  return { placed, end: written }
}

const NEWLINE_BUF = Buffer.from('\n')

function* serialised(records: readonly unknown[]) {
  for (const r of records) yield Buffer.from(JSON.stringify(r), 'utf8')
}
