import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { Hono } from 'hono'
import { serve } from '@hono/node-server'
import { pino } from 'pino'
import { loadConfig } from '../api/config.ts'
import { loadContent } from '../api/content/load.ts'
import { buildKnowledge } from '../api/domain/knowledge.ts'
import { createService } from '../api/service.ts'
import { loadDemoData } from '../api/services/demo-data.ts'
import { createLogger, useLogger } from '../api/lib/log.ts'

/**
 * The server under test for bench/http.bench.ts, in its own process so that the load generator does not
 * share its event loop: the service as `npm start` builds it (request log on, to /dev/null) plus a bare
 * Hono route beside it as the baseline. Prints the port once listening.
 */
useLogger(createLogger(pino.destination({ dest: '/dev/null', sync: false }), 'info'))
const knowledge = buildKnowledge(loadContent(loadConfig().CONTENT_DIR))
const dir = mkdtempSync(join(tmpdir(), 'bench-http-'))
await loadDemoData(dir, knowledge.towns, Number(process.env.BENCH_HOUSEHOLDS ?? 10_000), 1)
const service = await createService({ knowledge, dataDir: dir, adminToken: process.env.ADMIN_TOKEN, rateLimits: false })
const app = new Hono().get('/bare', (c) => c.json({ ok: true })).route('/', service.app)
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => {
  process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
