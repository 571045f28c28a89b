import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Hono } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'
import { ROOT } from '../config.ts'

const DIST = join(ROOT, 'web', 'dist')

/**
 * The mobile pages (web/dist, built by `npm run build:web`), from this server: nothing comes from a CDN,
 * so they work on a county intranet and inside a WeChat mini-program's web-view. The pages may load
 * only this server's own scripts and call only this server's API.
 */
export function webPages() {
  return new Hono()
    .use('*', serveStatic({
      root: DIST,
      onFound: (path, c) => {
        c.header('cache-control', 'no-cache')
        c.header('x-content-type-options', 'nosniff')
        if (path.endsWith('.html')) c.header('content-security-policy', "default-src 'self'; img-src 'self' data:; frame-ancestors 'self' https://servicewechat.com")
      },
    }))
    .get('/', (c) => (existsSync(join(DIST, 'index.html'))
      ? c.notFound()
      : c.text('网页还没有构建：请先运行 npm run build:web（npm start 会自动构建）。', 503)))
}
