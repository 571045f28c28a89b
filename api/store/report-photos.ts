import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { photoExtension, type PhotoType } from '../domain/reports/photo.ts'
import { replaceFile } from './replace-file.ts'

/** Where reports' photos are kept: DATA_DIR/photos/<ticket>-<n>.<jpg|png>, each written whole and fsynced. */
export const PHOTO_DIR = 'photos'

export interface ReportPhotos {
  /** the photos of a report, numbered from 1 */
  list(ticket: string): { n: number; type: PhotoType }[]
  /** stores the next photo of a report; resolves once it is on disk */
  add(ticket: string, bytes: Uint8Array, type: PhotoType): Promise<number>
  read(ticket: string, n: number): { bytes: Buffer; type: PhotoType } | undefined
}

const NAME = /^(.+)-(\d+)\.(jpg|png)$/

export function openReportPhotos(dataDir: string): ReportPhotos {
  const dir = join(dataDir, PHOTO_DIR)
  const byTicket = new Map<string, { n: number; type: PhotoType }[]>()
  if (existsSync(dir))
    for (const f of readdirSync(dir)) {
      const m = NAME.exec(f)
      if (!m) continue
      const list = byTicket.get(m[1]!) ?? []
      list.push({ n: Number(m[2]), type: m[3] === 'png' ? 'image/png' : 'image/jpeg' })
      byTicket.set(
        m[1]!,
        list.sort((a, b) => a.n - b.n),
      )
    }
  return {
    list: (ticket) => byTicket.get(ticket) ?? [],
    async add(ticket, bytes, type) {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      const list = byTicket.get(ticket) ?? []
      // the number is taken before the write: two uploads at once get two numbers, never one file
      const n = (list.at(-1)?.n ?? 0) + 1
      byTicket.set(ticket, [...list, { n, type }])
      try {
        await replaceFile(join(dir, `${ticket}-${n}.${photoExtension(type)}`), (h) => h.write(bytes))
      } catch (err) {
        byTicket.set(
          ticket,
          (byTicket.get(ticket) ?? []).filter((x) => x.n !== n),
        )
        throw err
      }
      return n
    },
    read(ticket, n) {
      const p = byTicket.get(ticket)?.find((x) => x.n === n)
      return p && { bytes: readFileSync(join(dir, `${ticket}-${n}.${photoExtension(p.type)}`)), type: p.type }
    },
  }
}
