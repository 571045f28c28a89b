import { build } from 'esbuild'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { dirname, join, relative } from 'node:path'

/**
 * Builds the mobile pages into web/dist: bundled, minified scripts plus the HTML, CSS and icon, all served
 * by the API itself (nothing from a CDN: the service must work on a county intranet). Each file is also
 * written compressed (.br, .gz) once here, so the server sends the small copy without compressing per request.
 */
const here = dirname(fileURLToPath(import.meta.url))
const out = join(here, 'dist')
mkdirSync(out, { recursive: true })
const started = Date.now()
// Two bundles, each whole: the pages (app.js), and the 工作台's charts (office-charts.js, ECharts), which the
// page fetches only when it draws one — a villager's phone never downloads them, nor a shared chunk.
const result = await build({
  entryPoints: { app: join(here, 'src/main.tsx'), 'office-charts': join(here, 'src/pages/office-charts.ts') },
  bundle: true,
  minify: true,
  format: 'esm',
  // WeChat's built-in browser on older Android phones: ES2019 covers it
  target: 'es2019',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: out,
  metafile: true,
  logLevel: 'warning',
})
for (const file of ['index.html', 'app.css', 'favicon.svg']) copyFileSync(join(here, file), join(out, file))
let sent = 0
const scripts = Object.keys(result.metafile.outputs).map((o) => relative(out, o))
for (const file of ['index.html', 'app.css', 'favicon.svg', ...scripts]) {
  const raw = readFileSync(join(out, file))
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
  writeFileSync(join(out, `${file}.br`), br)
  writeFileSync(join(out, `${file}.gz`), gzipSync(raw, { level: 9 }))
  sent += br.length
}
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0)
console.log(
  `网页已构建：web/dist（脚本 ${(bytes / 1024).toFixed(0)} KB，压缩后全部文件共 ${(sent / 1024).toFixed(0)} KB，用时 ${Date.now() - started} ms）`,
)
