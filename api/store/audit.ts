import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { logError } from '../lib/log.ts'
import { z } from '../lib/zod.ts'
import { Journal } from './journal.ts'
import { checkChain, describeCheck, headFile, type Head } from './audit-chain.ts'
import { replaceFile } from './replace-file.ts'
import { LatestWins, sha256 } from './file-mark.ts'

export const AuditEntry = z.object({
  at: z.string(),
  /** who, as a sentence: 东山镇帮扶责任人李某（C0001） */
  who: z.string(),
  kind: z.enum(['admin', 'bot', 'cadre', 'household', 'public', 'operator']),
  action: z.enum(['列表', '查看', '走访', '导出', '核实申报', '申报列表', '预警推送', '接受数据损失', '账号管理']).describe('做了什么'),
  /** the households concerned (a list read names every household it returned) */
  households: z.array(z.string()),
  /** 自主申报 read (申报列表): a case of a family not yet matched to a record names a person too */
  cases: z.array(z.string()).optional(),
  channel: z.enum(['API', '微信', '小程序', '网页聊天', '命令行']).describe('通过什么渠道'),
  result: z.enum(['允许', '拒绝']),
  /** the hash chain (store/audit-chain.ts): this line's number and the sha-256 of the line before */
  seq: z.number().int().positive().optional(),
  prev: z.string().optional(),
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** Every read of a household record, appended durably before the record is returned. */
export interface AuditRepository {
  /** appends durably, chained to the line before (seq and prev are set here) */
  record(entry: AuditEntry): Promise<void>
  /** newest first; only the most recent entries are kept in memory (the file has them all) */
  recent(
    filter: { household?: string | undefined; kind?: AuditEntry['kind'] | undefined },
    limit: number,
    offset: number,
  ): { total: number; entries: AuditEntry[] }
  close(): Promise<void>
}

const KEEP_IN_MEMORY = 50_000

/**
 * Opens audit.jsonl, checking its hash chain first: a broken chain is logged loudly (with the line and
 * the command to check again) but the service still starts — stopping every household lookup because
 * someone cut the log would hand them a way to stop the service; the break stays visible to
 * `npm run audit:verify` until the file is restored. New lines link to the file's real last line.
 */
export async function openAuditRepository(dataDir: string, warn: (message: string) => void = () => {}): Promise<AuditRepository> {
  const file = join(dataDir, 'audit.jsonl')
  const check = checkChain(file)
  if (!check.ok) warn(describeCheck(file, check))
  const { journal, entries } = await Journal.open(file, AuditEntry)
  let recent = entries.slice(-KEEP_IN_MEMORY)
  let tail = check.tail
  const writeHead = (head: Head) => replaceFile(headFile(file), (h) => h.write(JSON.stringify(head)))
  // A log with no chained line yet gets its head now, so that from the first line on a missing head means
  // a deleted one (never a head not yet written). A chained log without one keeps the warning above.
  if (!existsSync(headFile(file)) && check.tail.seq === 0) await writeHead(check.tail)
  // The head follows the journal, newest wins: written after the lines it names are on disk, and off the
  // reader's path. A head that lags (a crash between the two) passes the check; only a head ahead of the
  // file means lines were cut.
  const heads = new LatestWins<Head>((head) => writeHead(head).catch((err) => logError(`写 ${headFile(file)} 失败`, err)))
  return {
    async record(input) {
      const entry = AuditEntry.parse({ ...input, seq: tail.seq + 1, prev: tail.hash })
      const written = { seq: entry.seq!, hash: sha256(JSON.stringify(entry)) }
      tail = written
      await journal.append(entry)
      void heads.update(written)
      recent.push(entry)
      if (recent.length > KEEP_IN_MEMORY * 1.2) recent = recent.slice(-KEEP_IN_MEMORY)
    },
    recent(filter, limit, offset) {
      const matching = recent.filter(
        (e) => (!filter.household || e.households.includes(filter.household)) && (!filter.kind || e.kind === filter.kind),
      )
      return { total: matching.length, entries: matching.reverse().slice(offset, offset + limit) }
    },
    close: async () => {
      await journal.close()
      await heads.settle()
    },
  }
}
