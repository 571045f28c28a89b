import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { pino } from 'pino'
import type { BenchModule, BenchRow } from './row.ts'
import { createLogger, useLogger } from '../api/lib/log.ts'

// Request logs are written as in production (JSON, every request), to /dev/null instead of a terminal.
useLogger(createLogger(pino.destination({ dest: '/dev/null', sync: false }), 'info'))

/**
 * `npm run bench [topic…]`: runs bench/<topic>.bench.ts (all of them when no topic is named), prints a table
 * and, when every module ran, rewrites bench/RESULTS.md. Never part of `npm test`.
 */
const dir = new URL('./', import.meta.url)
const wanted = process.argv.slice(2)
const topics = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .filter((t) => wanted.length === 0 || wanted.includes(t))
  .sort()
if (topics.length === 0) {
  console.error(`没有找到要运行的基准：${wanted.join(' ') || '(bench/*.bench.ts 为空)'}`)
  process.exit(1)
}

const sections: { topic: string; rows: BenchRow[] }[] = []
for (const topic of topics) {
  console.log(`▶ ${topic} …`)
  const started = Date.now()
  const run = (await import(new URL(`./${topic}.bench.ts`, dir).href)).default as BenchModule
  const rows = await run()
  sections.push({ topic, rows })
  console.table(rows.map((r) => ({ 指标: r.name, 值: round(r.value), 单位: r.unit, 目标: r.goal ?? '', 达标: mark(r) })))
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}

const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`
const md = [
  '# Benchmark results',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine} with \`npm run bench\`.`,
  'Each figure is the median of several runs; ratios compare against a baseline measured in the same run.',
  '',
  ...sections.flatMap(({ topic, rows }) => [
    `## ${topic}`,
    '',
    '| figure | value | unit | goal | met | note |',
    '|---|---:|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${round(r.value)} | ${r.unit} | ${r.goal ?? ''} | ${mark(r)} | ${r.note ?? ''} |`),
    '',
  ]),
].join('\n')
if (wanted.length === 0) {
  // Why a goal is missed, from profiles: written by hand in bench/ANALYSIS.md and kept below the figures.
  const analysis = new URL('./ANALYSIS.md', dir)
  writeFileSync(new URL('./RESULTS.md', dir), existsSync(analysis) ? `${md}\n${readFileSync(analysis, 'utf8')}` : md)
  console.log('已写入 bench/RESULTS.md')
} else {
  console.log('只运行了部分基准，未改写 bench/RESULTS.md')
}
process.exit(0)

function round(v: number): number {
  return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100
}
function mark(r: BenchRow): string {
  return r.ok === undefined ? '' : r.ok ? '✓' : '✗'
}
