import { build } from 'esbuild'
import { copyFileSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

/**
 * Builds the mobile pages into web/dist: one bundled, minified script plus the HTML and CSS, all served
 * by the API itself (nothing from a CDN: the service must work on a county intranet).
 */
const here = dirname(fileURLToPath(import.meta.url))
const out = join(here, 'dist')
mkdirSync(out, { recursive: true })
const started = Date.now()
const result = await build({
  entryPoints: [join(here, 'src/main.tsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  // WeChat's built-in browser on older Android phones: ES2019 covers it
  target: 'es2019',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outfile: join(out, 'app.js'),
  metafile: true,
  logLevel: 'warning',
})
copyFileSync(join(here, 'index.html'), join(out, 'index.html'))
copyFileSync(join(here, 'app.css'), join(out, 'app.css'))
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0)
console.log(`网页已构建：web/dist（脚本 ${(bytes / 1024).toFixed(0)} KB，用时 ${Date.now() - started} ms）`)
