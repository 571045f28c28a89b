import { createHash, type Hash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { z } from '../lib/zod.ts'
import { replaceFile } from './replace-file.ts'
import { StoreError } from './store-error.ts'
import { logError } from '../lib/log.ts'

/**
 * Each durable file has a small mark beside it (<file>.mark, replaced atomically and fsynced on its own):
 * how many bytes and lines the file had at the last write and the sha-256 of those bytes. At start the
 * file must still hold them: a file cut short, emptied, deleted or edited stops the start with a message
 * naming the file and what is missing, instead of starting with data silently gone.
 *
 * An append-only file's mark may lag its file (it is written after the lines, off the acknowledgement's
 * path): the file may be longer than its mark, never shorter, and its first `bytes` must hash the same.
 * A file rewritten whole (a JSON store, a compaction) gets its next version's mark as `next` before it is
 * replaced, so a crash on either side of the rename leaves a file its mark accepts.
 */
const Version = z.object({ bytes: z.number().int().min(0), lines: z.number().int().min(0), sha256: z.string() })
export type Version = z.infer<typeof Version>
export const Mark = Version.extend({
  next: Version.optional(),
  /** what the owner keeps with the mark (the highest ticket numbers given out) */
  extra: z.record(z.string(), z.unknown()).optional(),
})
export type Mark = z.infer<typeof Mark>

export const markFile = (file: string) => `${file}.mark`
export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')
export const countLines = (data: Buffer) => {
  let n = 0
  for (let i = data.indexOf(0x0a); i !== -1; i = data.indexOf(0x0a, i + 1)) n++
  return n
}
export const versionOf = (data: Buffer): Version => ({ bytes: data.length, lines: countLines(data), sha256: sha256(data) })

export function readMark(file: string): Mark | undefined {
  const path = markFile(file)
  if (!existsSync(path)) return undefined
  try {
    return Mark.parse(JSON.parse(readFileSync(path, 'utf8')))
  } catch {
    throw new StoreError(file, `它的校验文件 ${basename(path)} 损坏，无法确认数据是否完整`, REMEDY(file))
  }
}

export const writeMark = (file: string, mark: Mark) => replaceFile(markFile(file), (h) => h.write(JSON.stringify(mark)))

const REMEDY = (file: string) =>
  `服务不会启动，以免带着缺失的数据运行。请从备份恢复（npm run restore -- <备份目录>，恢复到空的数据目录）；如果确认接受这部分损失，运行 npm run repair -- --accept-loss ${basename(file)}（会记入查阅记录）。`

/** The refusal for a file that no longer holds what its mark says. */
export const damaged = (file: string, what: string) => new StoreError(file, what, REMEDY(file))

/** Checks a file's bytes (undefined: no file) against its mark; `append`: the file may have grown past it. */
export function checkMark(file: string, data: Buffer | undefined, mark: Mark | undefined, append: boolean): void {
  if (!mark) return
  const expected = [mark, ...(mark.next ? [mark.next] : [])]
  if (data === undefined) {
    if (expected.every((v) => v.bytes === 0)) return
    throw damaged(file, `文件不见了（应有 ${mark.lines} 行、${mark.bytes} 字节）`)
  }
  const matches = (v: Version) =>
    append ? data.length >= v.bytes && sha256(data.subarray(0, v.bytes)) === v.sha256 : data.length === v.bytes && sha256(data) === v.sha256
  if (expected.some(matches)) return
  const lines = countLines(data)
  if (data.length === 0) throw damaged(file, `文件被清空了（应有 ${mark.lines} 行、${mark.bytes} 字节）`)
  if (lines < mark.lines) {
    throw damaged(
      file,
      `少了内容：应有 ${mark.lines} 行（${mark.bytes} 字节），现在只有 ${lines} 行（${data.length} 字节），少了 ${mark.lines - lines} 行`,
    )
  }
  throw damaged(file, `内容和最后一次写入时不一样（被改动或损坏；应有 ${mark.lines} 行，现在 ${lines} 行）`)
}

/**
 * A small file written after the writes it describes, newest wins, never more than one at a time: the
 * caller need not wait for it (a mark), or waits only for the latest (the audit head). `settle()`
 * waits for the last.
 */
export class LatestWins<T> {
  private wanted: T | undefined
  private writing: Promise<void> | undefined

  constructor(private readonly write: (value: T) => Promise<unknown>) {}

  update(value: T): Promise<void> {
    this.wanted = value
    return (this.writing ??= this.loop())
  }

  private async loop() {
    try {
      while (this.wanted !== undefined) {
        const value = this.wanted
        this.wanted = undefined
        await this.write(value)
      }
    } finally {
      this.writing = undefined
    }
  }

  async settle(): Promise<void> {
    while (this.writing) await this.writing
  }
}

/** An append-only file's mark, written off the path of the caller's acknowledgement. */
export class MarkWriter extends LatestWins<Mark> {
  constructor(file: string) {
    // A mark that could not be written only lags; the file's data is on disk. Said, not thrown:
    // nobody waits on this write.
    super((mark) => writeMark(file, mark).catch((err) => logError(`写 ${markFile(file)} 失败`, err)))
  }
}

/** The running state of an append-only file: its length, lines and hash so far, extended as batches land. */
export class RunningVersion {
  private hash: Hash
  bytes: number
  lines: number

  constructor(start: Buffer) {
    this.hash = createHash('sha256').update(start)
    this.bytes = start.length
    this.lines = countLines(start)
  }

  /** Goes on from a hash already taken over the file's first `bytes` (read in chunks by its owner). */
  static resume(hash: Hash, bytes: number, lines: number): RunningVersion {
    const v = new RunningVersion(Buffer.alloc(0))
    v.hash = hash
    v.bytes = bytes
    v.lines = lines
    return v
  }

  /** A copy to grow on the side: adopted only once what it counts is on disk. */
  fork(): RunningVersion {
    return RunningVersion.resume(this.hash.copy(), this.bytes, this.lines)
  }

  add(data: Buffer): void {
    this.hash.update(data)
    this.bytes += data.length
    this.lines += countLines(data)
  }

  reset(data: Buffer): void {
    this.hash = createHash('sha256').update(data)
    this.bytes = data.length
    this.lines = countLines(data)
  }

  now(): Version {
    return { bytes: this.bytes, lines: this.lines, sha256: this.hash.copy().digest('hex') }
  }
}
