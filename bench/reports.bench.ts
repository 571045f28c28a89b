import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openReportRepository, type ReportRepository } from '../api/store/reports.ts'
import type { NewReport } from '../api/domain/reports/report.ts'
import { median, type BenchRow } from './row.ts'

const input: NewReport = {
  category: '饮水安全',
  description: '村里自来水停了三天了，一直没人来修',
  place: { town: '东山镇' },
  anonymous: true,
  reporter: null,
}
const STORED = 100_000

/** Reports acknowledged per second (each one on disk after fsync) with `concurrency` callers at once. */
async function perSecond(repo: ReportRepository, concurrency: number, count: number): Promise<number> {
  const at = new Date()
  let left = count
  const start = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left > 0) {
        left -= 1
        await repo.create(input, at)
      }
    }),
  )
  return count / ((performance.now() - start) / 1000)
}

/** Durable report writes with 100,000 reports already stored, at concurrency 1, 16 and 256. */
export default async function (): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-reports-'))
  const repo = await openReportRepository(dir)
  for (let i = 0; i < STORED; i += 10_000) await Promise.all(Array.from({ length: 10_000 }, () => repo.create(input, new Date())))
  const rssAfterLoad = process.memoryUsage().rss / 2 ** 20
  const RUNS = 3
  const rows: BenchRow[] = []
  for (const concurrency of [1, 16, 256]) {
    const runs: number[] = []
    for (let i = 0; i < RUNS; i++) runs.push(await perSecond(repo, concurrency, concurrency === 1 ? 300 : 3000))
    const rate = median(runs)
    rows.push({
      name: `反映问题写盘（已有 10 万条，并发 ${concurrency}，每条 fsync 后才确认）`,
      value: Math.round(rate),
      unit: '条/秒',
      goal: '≥ 1000',
      ok: rate >= 1000,
      note: `中位数，${RUNS} 次`,
    })
  }
  await repo.close()
  rmSync(dir, { recursive: true, force: true })
  rows.push({
    name: '进程内存（10 万条读入后）',
    value: Math.round(rssAfterLoad),
    unit: 'MiB',
    note: '整个 bench 进程的 RSS，含之前运行的各项',
  })
  return rows
}
