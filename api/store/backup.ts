import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from '../lib/zod.ts'
import { replaceFile, syncDir } from './replace-file.ts'
import { countLines, readMark, sha256, versionOf } from './file-mark.ts'
import { PHOTO_DIR } from './report-photos.ts'

/**
 * A consistent copy of a data directory while the service runs, and its restore. The service writes
 * files in two ways only: append-only journals (a prefix that ends on a whole line is an earlier state of
 * the file; households.jsonl is cut at its last commit line) and whole files replaced by rename (one
 * open reads either the old or the new one whole). Files are copied in an order that lets a reference
 * point only backwards: households before the visits, reports and audit lines that name them, reports
 * before the notices and cases about them, audit.head before audit.jsonl (the head may then only lag the
 * lines, which the chain allows). Every file's length, line count and sha-256 go into manifest.json.
 */
export const MANIFEST = 'manifest.json'

const ORDER = [
  'households.jsonl',
  'cadres.json',
  'access.json',
  'routing.json',
  'reports.jsonl',
  'monitoring.json',
  'visits.jsonl',
  'outbox.json',
  'sessions.jsonl',
  'unanswered.json',
  'question-stats.json',
]
/** Last, and the head before the lines. */
const AUDIT = ['audit.head', 'audit.jsonl']

export const Manifest = z.object({
  format: z.literal(1),
  takenAt: z.string(),
  from: z.string(),
  files: z.array(
    z.object({
      name: z.string().regex(/^(photos\/)?[\w-][\w.-]*$/, '文件名只能是数据目录里的文件'),
      bytes: z.number().int().min(0),
      lines: z.number().int().min(0),
      sha256: z.string(),
    }),
  ),
})
export type Manifest = z.infer<typeof Manifest>

/** Reads a file once through one descriptor: a rename meanwhile does not mix two versions. */
function readOnce(file: string): Buffer {
  const fd = openSync(file, 'r')
  try {
    const size = fstatSync(fd).size
    const data = Buffer.alloc(size)
    let read = 0
    while (read < size) {
      const n = readSync(fd, data, read, size - read, read)
      if (n === 0) break
      read += n
    }
    return data.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

/** What of a file belongs in the copy: a journal up to its last whole line (households: its last commit line). */
export function consistentPart(name: string, data: Buffer): Buffer {
  if (!name.endsWith('.jsonl')) return data
  const whole = data.subarray(0, data.lastIndexOf(0x0a) + 1)
  if (name !== 'households.jsonl') return whole
  // a record's text cannot hold {"commit": (its quotes would be escaped): only commit lines start so
  const commit = whole.lastIndexOf('{"commit":')
  return commit === -1 ? whole.subarray(0, 0) : whole.subarray(0, whole.indexOf(0x0a, commit) + 1)
}

function filesOf(dataDir: string): string[] {
  // marks are not copied: each copied file gets one made from the bytes copied (see takeBackup)
  const present = readdirSync(dataDir).filter(
    (f) => statSync(join(dataDir, f)).isFile() && !f.startsWith('.lock') && !f.endsWith('.tmp') && !f.endsWith('.mark'),
  )
  const rest = present.filter((f) => !ORDER.includes(f) && !AUDIT.includes(f)).sort()
  // reporters' photos: each written once, whole, and never changed
  const photoDir = join(dataDir, PHOTO_DIR)
  const photos = existsSync(photoDir)
    ? readdirSync(photoDir)
        .filter((f) => !f.endsWith('.tmp'))
        .map((f) => `${PHOTO_DIR}/${f}`)
    : []
  const here = (f: string) => present.includes(f)
  return [...ORDER.filter(here), ...rest, ...photos.sort(), ...AUDIT.filter(here)]
}

const isEmptyDir = (dir: string) => !existsSync(dir) || readdirSync(dir).filter((f) => !f.startsWith('.lock')).length === 0

/** Copies dataDir into target (new or empty) with a manifest; `say` hears one line per file. */
export async function takeBackup(dataDir: string, target: string, at: Date, say: (line: string) => void): Promise<Manifest> {
  if (!existsSync(dataDir)) throw new Error(`数据目录 ${dataDir} 不存在。`)
  if (!isEmptyDir(target)) throw new Error(`备份目录 ${target} 里已经有文件：请换一个新的或空的目录，免得覆盖以前的备份。`)
  mkdirSync(target, { recursive: true, mode: 0o700 })
  const files: Manifest['files'] = []
  const put = async (name: string, data: Buffer) => {
    mkdirSync(dirname(join(target, name)), { recursive: true, mode: 0o700 })
    await replaceFile(join(target, name), (h) => h.write(data))
    files.push({ name, bytes: data.length, lines: countLines(data), sha256: sha256(data) })
  }
  for (const name of filesOf(dataDir)) {
    // read the live mark first: what it keeps (the highest ticket numbers) can only be ahead of the copy
    const live = readMark(join(dataDir, name))
    const data = consistentPart(name, readOnce(join(dataDir, name)))
    await put(name, data)
    // The copy's own mark describes the bytes copied: the live one may already name lines written after
    // the copy was read, and the restored service would refuse a file shorter than its mark.
    if (live) await put(`${name}.mark`, Buffer.from(JSON.stringify({ ...versionOf(data), ...(live.extra ? { extra: live.extra } : {}) })))
    say(`  ${name}：${data.length} 字节，${countLines(data)} 行`)
  }
  const manifest: Manifest = { format: 1, takenAt: at.toISOString(), from: dataDir, files }
  await replaceFile(join(target, MANIFEST), (h) => h.write(JSON.stringify(manifest, null, 2)))
  await syncDir(target)
  return manifest
}

/** What is wrong with a backup (missing or changed files), in Chinese; empty when it is whole. */
export function checkBackup(source: string): { manifest: Manifest | undefined; problems: string[] } {
  const path = join(source, MANIFEST)
  if (!existsSync(path)) return { manifest: undefined, problems: [`${source} 里没有 ${MANIFEST}，不是本服务做的备份。`] }
  let manifest: Manifest
  try {
    manifest = Manifest.parse(JSON.parse(readFileSync(path, 'utf8')))
  } catch {
    return { manifest: undefined, problems: [`${path} 损坏，无法确认备份是否完整。`] }
  }
  const problems: string[] = []
  for (const f of manifest.files) {
    const file = join(source, f.name)
    if (!existsSync(file)) {
      problems.push(`缺少 ${f.name}`)
      continue
    }
    const data = readFileSync(file)
    if (data.length !== f.bytes || sha256(data) !== f.sha256) problems.push(`${f.name} 和备份时不一样（校验和不符）`)
  }
  return { manifest, problems }
}

/** Restores a checked backup into an empty data directory the caller has locked. */
export async function restoreBackup(source: string, dataDir: string, say: (line: string) => void): Promise<Manifest> {
  const { manifest, problems } = checkBackup(source)
  if (!manifest || problems.length > 0) throw new Error(`备份 ${source} 不完整，没有恢复任何文件：${problems.join('；')}`)
  if (!isEmptyDir(dataDir))
    throw new Error(`数据目录 ${dataDir} 里已经有数据：恢复只往空目录里写，不覆盖现有数据。请换一个空目录，或先把它移走。`)
  for (const f of manifest.files) {
    const data = readFileSync(join(source, f.name))
    mkdirSync(dirname(join(dataDir, f.name)), { recursive: true, mode: 0o700 })
    await replaceFile(join(dataDir, f.name), (h) => h.write(data))
    say(`  ${f.name}：${f.bytes} 字节`)
  }
  await syncDir(dataDir)
  return manifest
}
