import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openReportRepository, type NewReport } from '../api/store/reports.ts'
import { median, peakRssMiB, type BenchRow } from './row.ts'

const input: NewReport = { category: '饮水安全', description: '村里自来水停了三天了，一直没人来修', place: { town: '东山镇' }, anonymous: true, reporter: null }

/** Reports acknowledged per second (each one fsynced), one at a time vs 1,000 at once: group commit's gain. */
async function perSecond(concurrent: boolean, count: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-reports-'))
  const repo = await openReportRepository(dir)
  const at = new Date()
  const start = performance.now()
  if (concurrent) await Promise.all(Array.from({ length: count }, () => repo.create(input, at)))
  else for (let i = 0; i < count; i++) await repo.create(input, at)
  const seconds = (performance.now() - start) / 1000
  await repo.close()
  rmSync(dir, { recursive: true, force: true })
  return count / seconds
}

export default async function (): Promise<BenchRow[]> {
  const RUNS = 5
  const serial: number[] = []
  const grouped: number[] = []
  for (let i = 0; i < RUNS; i++) {
    serial.push(await perSecond(false, 200))
    grouped.push(await perSecond(true, 1000))
  }
  const s = median(serial)
  const g = median(grouped)
  return [
    { name: '反映问题写盘（逐条，每条 fsync）', value: Math.round(s), unit: '条/秒', note: `中位数，${RUNS} 次` },
    { name: '反映问题写盘（1000 条并发，合并提交）', value: Math.round(g), unit: '条/秒', note: `中位数，${RUNS} 次` },
    { name: '合并提交 / 逐条', value: Math.round((g / s) * 10) / 10, unit: '倍', goal: '> 1', ok: g > s },
    { name: '内存峰值', value: peakRssMiB(), unit: 'MiB' },
  ]
}
