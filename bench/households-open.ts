import { openCadreRepository, openHouseholdRepository } from '../api/store/households.ts'
import { openVisitRepository } from '../api/store/visits.ts'
import { mayRead } from '../api/domain/households/access.ts'
import { alertsFor, visitStatus } from '../api/domain/households/monitoring.ts'
import { householdDetail } from '../api/domain/households/views.ts'
import { peakRssMiB, percentile } from './row.ts'

/**
 * One measurement in a fresh process (bench/households.bench.ts runs it): open a data directory's
 * household store as the service does at start, then look households up as GET /api/households/{id}
 * does (access rule, alerts, visit status, masked view; no HTTP). Prints one JSON line.
 */
const dir = process.argv[2]!
const start = performance.now()
const [households, cadres, visits] = await Promise.all([openHouseholdRepository(dir), openCadreRepository(dir), openVisitRepository(dir)])
const openMs = performance.now() - start
const all = households.all()
const admin = { kind: 'admin' } as const
const std = { monitoringLine: undefined, visitTarget: undefined, visitGapDays: 60 }
const times: number[] = []
for (let i = 0; i < 20_000; i++) {
  const id = all[(i * 7919) % all.length]!.id
  const t = performance.now()
  const h = households.get(id)!
  if (mayRead(admin, h))
    householdDetail(
      h,
      h.cadreId ? cadres.get(h.cadreId) : undefined,
      visits.of(h.id),
      visitStatus(visits.of(h.id), std, '2026-11-25'),
      alertsFor(h, std, '2026-11-25'),
    )
  times.push(performance.now() - t)
}
const rss = peakRssMiB()
console.log(JSON.stringify({ count: all.length, openMs, rssMiB: rss, p50: percentile(times, 50), p99: percentile(times, 99) }))
