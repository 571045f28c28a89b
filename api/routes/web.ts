import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Hono } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'
import { ROOT } from '../config.ts'

const DIST = join(ROOT, 'web', 'dist')

/**
 * The mobile pages (web/dist, built by `npm run build:web`), from this server: nothing comes from a CDN,
 * so they work on a county intranet and inside a WeChat mini-program's web-view. The pages may load
 * only this server's own scripts and call only this server's API. The build writes each file also as
 * .br and .gz: a phone that accepts them gets the compressed copy (a third of the bytes on a slow network).
 */
export function webPages() {
  return (
    new Hono()
      .use(
        '*',
        serveStatic({
          root: DIST,
          precompressed: true,
          onFound: (path, c) => {
            c.header('cache-control', 'no-cache')
            c.header('x-content-type-options', 'nosniff')
            // the same URL is sent compressed or not, by the request's Accept-Encoding
            if (!c.res.headers.get('content-encoding')) c.header('vary', 'Accept-Encoding')
            if (/\.html(\.(br|gz|zst))?$/.test(path))
              c.header(
                'content-security-policy',
                "default-src 'self'; img-src 'self' data:; frame-ancestors 'self' https://servicewechat.com",
              )
          },
        }),
      )
      // Browsers ask for /favicon.ico on their own; the pages name /favicon.svg.
      .get('/favicon.ico', (c) => c.redirect('/favicon.svg', 301))
      .get('/', (c) =>
        existsSync(join(DIST, 'index.html'))
          ? c.notFound()
          : c.text('网页还没有构建：请先运行 npm run build:web（npm start 会自动构建）。', 503),
      )
  )
}
