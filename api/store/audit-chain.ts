import { existsSync, readFileSync } from 'node:fs'
import { z } from '../lib/zod.ts'
import { sha256 } from './file-mark.ts'

/**
 * The audit log as a hash chain. Each line carries its number (seq, from 1) and the sha-256 of the line
 * before it (prev; the first line's is GENESIS), so editing, deleting, inserting or reordering a line
 * breaks the link after it. The last line's number and hash are also kept in a separate small file
 * (audit.head), so cutting lines off the end shows too. Lines written before the chain existed (no seq)
 * may only come first; the first chained line links to the last of them.
 */
export const GENESIS = '0'.repeat(64)

export const Head = z.object({ seq: z.number().int().min(0), hash: z.string() })
export type Head = z.infer<typeof Head>

/**
 * `head`: where the intact chain ends. `tail`: the file's real last line (number and hash), which new
 * lines link to — after a break too, so what is written later can still be checked from there.
 */
export type ChainCheck =
  { ok: true; lines: number; legacy: number; head: Head; tail: Head } | { ok: false; line: number; problem: string; head: Head; tail: Head }

const Link = z.object({ seq: z.number().int().positive().optional(), prev: z.string().optional() }).loose()

export const headFile = (auditFile: string) => auditFile.replace(/\.jsonl$/, '.head')

/**
 * Checks the chain over a file's lines against its head file. A torn last line (no newline: a write cut
 * by a crash) is left to the journal, which drops it. `head` in the answer is where the chain stands:
 * what the next line links to.
 */
export function checkChain(file: string): ChainCheck {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const lines = text.split('\n')
  lines.pop() // after the last newline: empty, or a torn line
  const tail = tailOf(lines)
  const broken = (line: number, problem: string, head: Head): ChainCheck => ({ ok: false, line, problem, head, tail })
  let legacy = 0
  let last: Head = { seq: 0, hash: GENESIS }
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1
    let link: z.infer<typeof Link>
    try {
      link = Link.parse(JSON.parse(lines[i]!))
    } catch {
      return broken(n, '这一行不是有效的记录（被改动或损坏）', last)
    }
    if (link.seq === undefined) {
      if (last.seq > 0) return broken(n, '链中间出现了没有编号的记录（被插入或改动）', last)
      legacy++
      last = { seq: 0, hash: sha256(lines[i]!) }
      continue
    }
    if (link.seq !== last.seq + 1)
      return broken(
        n,
        link.seq > last.seq + 1 ? `缺了第 ${last.seq + 1}–${link.seq - 1} 条（被删除）` : `编号 ${link.seq} 重复或倒序（被插入或调换）`,
        last,
      )
    if (link.prev !== last.hash) return broken(n, '和上一条对不上（上一条或这一条被改动）', last)
    last = { seq: link.seq, hash: sha256(lines[i]!) }
  }
  const stored = readHead(file)
  if (stored === undefined && last.seq > 0) return broken(lines.length, `链头文件 ${headFile(file)} 不见了（被删除）`, last)
  if (stored === 'damaged') return broken(lines.length, `链头文件 ${headFile(file)} 损坏`, last)
  if (stored && stored.seq > last.seq)
    return broken(lines.length + 1, `末尾少了 ${stored.seq - last.seq} 条（应有 ${stored.seq} 条，被截断或删除）`, last)
  if (stored && stored.seq === last.seq && stored.hash !== last.hash)
    return broken(lines.length, '最后一条和单独保存的链头对不上（被改动）', last)
  return { ok: true, lines: lines.length, legacy, head: last, tail }
}

/** The last line's number (its seq, else how many lines there are) and hash. */
function tailOf(lines: readonly string[]): Head {
  const line = lines.at(-1)
  if (line === undefined) return { seq: 0, hash: GENESIS }
  let seq = lines.length
  try {
    seq = Link.parse(JSON.parse(line)).seq ?? 0
  } catch {
    // a damaged last line: the count stands in for its number
  }
  return { seq, hash: sha256(line) }
}

/** The separately kept head: undefined when there is none yet (a new or a pre-chain log). */
function readHead(file: string): Head | undefined | 'damaged' {
  const path = headFile(file)
  if (!existsSync(path)) return undefined
  try {
    return Head.parse(JSON.parse(readFileSync(path, 'utf8')))
  } catch {
    return 'damaged'
  }
}

/** The check in words, for the log and `npm run audit:verify`. */
export function describeCheck(file: string, c: ChainCheck): string {
  if (c.ok) return `审计链完整：${file} 共 ${c.lines} 条${c.legacy > 0 ? `（其中最早 ${c.legacy} 条是建链以前的记录，没有编号）` : ''}。`
  return `审计链断了：${file} 第 ${c.line} 行：${c.problem}。这以前的 ${c.head.seq} 条完好。请从备份恢复这个文件并查明原因（npm run audit:verify 可再次检查）。`
}
