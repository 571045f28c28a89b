import { join } from 'node:path'
import { z } from '../lib/zod.ts'
import { Journal } from './journal.ts'

export const AuditEntry = z.object({
  at: z.string(),
  /** who, as a sentence: 东山镇帮扶责任人李某（C0001） */
  who: z.string(),
  kind: z.enum(['admin', 'bot', 'cadre', 'household', 'public']),
  action: z.enum(['列表', '查看', '走访', '导出', '核实申报']).describe('做了什么'),
  /** the households concerned (a list read names every household it returned) */
  households: z.array(z.string()),
  channel: z.enum(['API', '微信', '网页聊天']).describe('通过什么渠道'),
  result: z.enum(['允许', '拒绝']),
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** Every read of a household record, appended durably before the record is returned. */
export interface AuditRepository {
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

export async function openAuditRepository(dataDir: string): Promise<AuditRepository> {
  const { journal, entries } = await Journal.open(join(dataDir, 'audit.jsonl'), AuditEntry)
  let recent = entries.slice(-KEEP_IN_MEMORY)
  return {
    async record(entry) {
      await journal.append(entry)
      recent.push(entry)
      if (recent.length > KEEP_IN_MEMORY * 1.2) recent = recent.slice(-KEEP_IN_MEMORY)
    },
    recent(filter, limit, offset) {
      const matching = recent.filter(
        (e) => (!filter.household || e.households.includes(filter.household)) && (!filter.kind || e.kind === filter.kind),
      )
      return { total: matching.length, entries: matching.reverse().slice(offset, offset + limit) }
    },
    close: () => journal.close(),
  }
}
