import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { readMark, versionOf, writeMark } from './file-mark.ts'
import { consistentPart } from './backup.ts'
import { openAuditRepository } from './audit.ts'

/**
 * `npm run repair -- --accept-loss <file>`: the operator's decision to run on with a file as it now is
 * (after a loss the service refused to start over). Its mark is set to what the file holds — keeping what
 * the mark kept, so lost tickets' numbers are still never reused — and the decision goes into the audit
 * log. The caller holds the data-directory lock.
 */
export async function acceptLoss(dataDir: string, name: string, at: Date): Promise<string> {
  if (basename(name) !== name) throw new Error(`请只写文件名（如 reports.jsonl），不要带目录。`)
  const file = join(dataDir, name)
  const before = readMark(file)
  if (!before) throw new Error(`${name} 没有校验文件，不需要修复。`)
  const data = consistentPart(name, existsSync(file) ? readFileSync(file) : Buffer.alloc(0))
  const now = versionOf(data)
  await writeMark(file, { ...now, ...(before.extra ? { extra: before.extra } : {}) })
  const what = `接受 ${name} 的数据损失：原有 ${before.lines} 行（${before.bytes} 字节），现有 ${now.lines} 行（${now.bytes} 字节）`
  const audit = await openAuditRepository(dataDir)
  try {
    await audit.record({
      at: at.toISOString(),
      who: `运维人员（npm run repair）：${what}`,
      kind: 'operator',
      action: '接受数据损失',
      households: [],
      channel: '命令行',
      result: '允许',
    })
  } finally {
    await audit.close()
  }
  return what
}
