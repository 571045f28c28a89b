import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { loadConfig } from '../api/config.ts'
import { loadContent } from '../api/content/load.ts'
import { buildKnowledge } from '../api/domain/knowledge.ts'
import { loadDemoData } from '../api/services/demo-data.ts'
import { median, type BenchRow } from './row.ts'

const run = promisify(execFile)

/** Start-up time, memory and lookup latency of the household store at county (100k) and province (1M) size. */
export default async function (): Promise<BenchRow[]> {
  const towns = buildKnowledge(loadContent(loadConfig().CONTENT_DIR)).towns
  const rows: BenchRow[] = []
  for (const count of [100_000, 1_000_000]) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-households-'))
    try {
      await loadDemoData(dir, towns, count, 7)
    } catch (err) {
      rows.push({
        name: `住户 ${count / 10_000} 万户：生成并写入`,
        value: 0,
        unit: '',
        ok: false,
        goal: '能启动',
        note: `失败：${(err as Error).message}`,
      })
      rmSync(dir, { recursive: true, force: true })
      continue
    }
    const size = statSync(join(dir, 'households.jsonl')).size / 2 ** 20
    const RUNS = 5
    const results: { openMs: number; rssMiB: number; p99: number; p50: number }[] = []
    for (let i = 0; i < RUNS; i++) {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', new URL('./households-open.ts', import.meta.url).pathname, dir], {
        maxBuffer: 1 << 20,
      })
      results.push(JSON.parse(stdout.trim().split('\n').at(-1)!))
    }
    rmSync(dir, { recursive: true, force: true })
    const open = median(results.map((r) => r.openMs)) / 1000
    const rss = median(results.map((r) => r.rssMiB))
    const p99 = median(results.map((r) => r.p99))
    const label = `${count / 10_000} 万户`
    rows.push(
      {
        name: `住户 ${label}：启动时读入`,
        value: Math.round(open * 100) / 100,
        unit: '秒',
        ...(count === 100_000 ? { goal: '≤ 3 s', ok: open <= 3 } : {}),
        note: `文件 ${Math.round(size)} MiB，新进程，${RUNS} 次中位数`,
      },
      {
        name: `住户 ${label}：进程内存峰值`,
        value: Math.round(rss),
        unit: 'MiB',
        ...(count === 1_000_000 ? { goal: '≤ 1.5 GB', ok: rss <= 1536 } : {}),
      },
      {
        name: `住户 ${label}：查一户（权限、预警、走访、脱敏视图）p99`,
        value: Math.round(p99 * 1000) / 1000,
        unit: 'ms',
        goal: '≤ 1 ms',
        ok: p99 <= 1,
        note: `p50 ${Math.round(median(results.map((r) => r.p50)) * 1000) / 1000} ms，2 万次查找`,
      },
    )
  }
  return rows
}
