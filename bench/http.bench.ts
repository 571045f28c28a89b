import { readFileSync } from 'node:fs'
import { spawn } from 'node:child_process'
import autocannon from 'autocannon'
import { median, type BenchRow } from './row.ts'

const ADMIN = 'bench-admin-token-0123456789'

/** Starts bench/http-server.ts in a child process; resolves with its port and a way to read its peak RSS. */
async function startServer() {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./http-server.ts', import.meta.url).pathname], {
    env: { ...process.env, ADMIN_TOKEN: ADMIN },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /PORT (\d+)/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.once('exit', (code) => reject(new Error(`bench server exited ${code}`)))
  })
  const peakRss = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8') as string
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
  }
  return { port, child, peakRss }
}

/**
 * HTTP throughput of /api/ask and /api/households/{id} against a bare Hono route served by the same
 * server in the same run, so that the ratio says what our work costs, whatever the machine's mood.
 * The server runs in its own process (autocannon would otherwise share its event loop); per-caller
 * limits are off there (autocannon is one caller sending thousands of requests a second).
 */
export default async function (): Promise<BenchRow[]> {
  const { port, child, peakRss } = await startServer()
  const base = `http://127.0.0.1:${port}`

  const run = async (path: string, headers: Record<string, string> = {}) => {
    const result = await autocannon({ url: `${base}${path}`, connections: 16, duration: 4, headers })
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`)
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 }
  }
  const ROUNDS = 3
  const figures = {
    bare: [] as Awaited<ReturnType<typeof run>>[],
    ask: [] as Awaited<ReturnType<typeof run>>[],
    lookup: [] as Awaited<ReturnType<typeof run>>[],
  }
  const ask = `/api/ask?q=${encodeURIComponent('孩子上高职有补助吗')}`
  const lookup = '/api/households/YS0004321'
  for (let i = 0; i < ROUNDS; i++) {
    // interleaved, so that a noisy neighbour hits all three alike
    figures.bare.push(await run('/bare'))
    figures.ask.push(await run(ask))
    figures.lookup.push(await run(lookup, { authorization: `Bearer ${ADMIN}` }))
  }
  const rss = peakRss()
  child.kill('SIGTERM')

  const m = (k: keyof typeof figures, f: 'rps' | 'p50' | 'p99') => median(figures[k].map((x) => x[f]))
  const askRatio = m('ask', 'rps') / m('bare', 'rps')
  const lookupRatio = m('lookup', 'rps') / m('bare', 'rps')
  const note = `autocannon 16 连接 × 4 秒，${ROUNDS} 轮交替，中位数；服务在单独进程`
  return [
    { name: '空 Hono 路由（基准）', value: Math.round(m('bare', 'rps')), unit: '请求/秒', note },
    { name: '/api/ask', value: Math.round(m('ask', 'rps')), unit: '请求/秒', note: `p50 ${m('ask', 'p50')} ms，p99 ${m('ask', 'p99')} ms` },
    { name: '/api/ask ÷ 基准', value: Math.round(askRatio * 100) / 100, unit: '倍', goal: '≥ 0.6', ok: askRatio >= 0.6 },
    {
      name: '/api/households/{id}（1万户，每次查看写审计并落盘）',
      value: Math.round(m('lookup', 'rps')),
      unit: '请求/秒',
      note: `p50 ${m('lookup', 'p50')} ms，p99 ${m('lookup', 'p99')} ms`,
    },
    { name: '/api/households/{id} ÷ 基准', value: Math.round(lookupRatio * 100) / 100, unit: '倍', goal: '≥ 0.8', ok: lookupRatio >= 0.8 },
    { name: '服务进程内存峰值（1万户）', value: Math.round(rss), unit: 'MiB' },
  ]
}
