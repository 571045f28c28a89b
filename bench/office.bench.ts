import { DEFAULT_DEADLINES } from '../api/domain/reports/workflow.ts'
import { REPORT_CATEGORIES, type Report } from '../api/domain/reports/report.ts'
import { HOUSEHOLD_STATUSES } from '../api/domain/households/household.ts'
import { HouseholdTally } from '../api/domain/office/household-tally.ts'
import { ReportTally } from '../api/domain/office/report-tally.ts'
import { VisitTally } from '../api/domain/office/visit-tally.ts'
import { officeSummary, type SummaryInput } from '../api/domain/office/summary.ts'
import { seededRandom } from '../api/lib/random.ts'
import { median, percentile, type BenchRow } from './row.ts'

/**
 * The 工作台 summary (GET /api/office/summary's domain step) in process, at county size (100k households,
 * 10k reports) and province size (1M households, 100k reports): its cost must follow the days and places
 * asked about, not the records, so the ratio of the two p99s is the figure to watch. Tallies are filled
 * as the stores fill them on write; the build time and the heap they take are reported too.
 */
const NOW = new Date('2026-11-30T04:00:00Z')
const DAY = 86_400_000
const TOWNS = 20
const VILLAGES = 30
const CADRES = 2000

function build(households: number, reports: number) {
  const rand = seededRandom(households + reports)
  const place = () => {
    const t = Math.floor(rand() * TOWNS)
    return { town: `镇${t}`, village: `村${t}-${Math.floor(rand() * VILLAGES)}` }
  }
  const h = new HouseholdTally()
  const visits = new VisitTally()
  for (let i = 0; i < households; i++) {
    const { town, village } = place()
    const shocks = rand() < 0.01 ? [{ kind: '灾害' as const, date: '2026-06-01' }] : []
    h.replace(
      `H${i}`,
      undefined,
      {
        town,
        village,
        status: HOUSEHOLD_STATUSES[Math.floor(rand() * HOUSEHOLD_STATUSES.length)]!,
        perCapita: Math.floor(rand() * 12000),
        flags: rand() < 0.05 ? 1 : rand() < 0.05 ? 2 : 0,
      },
      shocks,
    )
    const cadre = `C${i % CADRES}`
    for (let v = Math.floor(rand() * 8); v > 0; v--) visits.add(`H${i}`, cadre, 2026)
  }
  const r = new ReportTally()
  for (let i = 0; i < reports; i++) {
    const createdAt = new Date(NOW.getTime() - rand() * 365 * DAY).toISOString()
    const step = (days: number) => new Date(Date.parse(createdAt) + days * DAY).toISOString()
    const stage = rand()
    const actor = { kind: 'cadre' as const, label: '干部' }
    const history: Report['history'] = [{ at: createdAt, from: null, to: '待受理', actor }]
    if (stage > 0.05) history.push({ at: step(1), from: '待受理', to: '已受理', actor })
    if (stage > 0.3) history.push({ at: step(6), from: '已受理', to: '已办结', actor })
    if (stage > 0.4) history.push({ at: step(9), from: '已办结', to: '已销号', actor: { kind: 'reporter', label: '反映人' } })
    r.replace({
      ticket: `FK-2026-${String(i).padStart(6, '0')}`,
      codeHash: '',
      category: REPORT_CATEGORIES[i % REPORT_CATEGORIES.length]!,
      description: '',
      place: place(),
      anonymous: true,
      reporter: null,
      status: history.at(-1)!.to,
      assignee: null,
      createdAt,
      updatedAt: history.at(-1)!.at,
      resolvedAt: null,
      askedFeedback: false,
      remindedAt: null,
      history,
    })
  }
  const cadres = Array.from({ length: CADRES }, (_, i) => ({
    id: `C${i}`,
    name: `干部${i}`,
    town: `镇${i % TOWNS}`,
    households: Math.ceil(households / CADRES),
  }))
  return { h, r, visits, cadres }
}

function measure(households: number, reports: number) {
  const heapBefore = process.memoryUsage().heapUsed
  const started = performance.now()
  const { h, r, visits, cadres } = build(households, reports)
  const buildMs = performance.now() - started
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20
  const input: SummaryInput = {
    reports: r,
    households: h,
    visits,
    cadres,
    questions: Array.from({ length: 30 }, (_, i) => ({
      day: `2026-11-${String(i + 1).padStart(2, '0')}`,
      answer: 300,
      tentative: 40,
      none: 20,
    })),
    unanswered: Array.from({ length: 2000 }, (_, i) => ({
      example: `第${i}个没答上的问题：${i % 7 === 0 ? '天气' : '彩礼'}${i}`,
      count: (i * 7919) % 50,
    })),
    filter: null,
    area: '全县',
    from: '2026-11-01',
    to: '2026-11-30',
    now: NOW,
    deadlines: DEFAULT_DEADLINES,
    monitoringLine: 5000,
    visitTarget: 6,
  }
  const RUNS = 5
  const CALLS = 40
  const p99s: number[] = []
  const p50s: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const times: number[] = []
    for (let i = 0; i < CALLS; i++) {
      const t = performance.now()
      officeSummary(input)
      times.push(performance.now() - t)
    }
    p99s.push(percentile(times, 99))
    p50s.push(percentile(times, 50))
  }
  return { buildMs, heapMiB, p99: median(p99s), p50: median(p50s), keep: [h, r, visits] }
}

export default async function (): Promise<BenchRow[]> {
  const county = measure(100_000, 10_000)
  const province = measure(1_000_000, 100_000)
  const ratio = province.p99 / county.p99
  return [
    {
      name: '工作台汇总（10 万户、1 万件问题）p99',
      value: county.p99,
      unit: 'ms',
      note: `p50 ${county.p50.toFixed(2)} ms；5 轮各 40 次的中位数`,
    },
    {
      name: '工作台汇总（100 万户、10 万件问题）p99',
      value: province.p99,
      unit: 'ms',
      goal: '≤ 50 ms',
      ok: province.p99 <= 50,
      note: `p50 ${province.p50.toFixed(2)} ms`,
    },
    {
      name: '工作台汇总：记录多 10 倍时 p99 之比',
      value: ratio,
      unit: '倍',
      goal: '远小于 10（不随记录线性增长）',
      ok: ratio < 3,
      note: '同一次运行里量的；余下随未办结问题的件数增长（本基准 3 成未办结，10 万件里约 3 万件；实际县里通常几百件）',
    },
    {
      name: '统计账（100 万户、10 万件、约 350 万次走访）建立用时',
      value: province.buildMs,
      unit: 'ms',
      note: '启动时随存储读入一起建立，加在启动时间上；含本基准生成数据的时间',
    },
    { name: '统计账（100 万户、10 万件）占用堆内存', value: province.heapMiB, unit: 'MiB' },
  ]
}
