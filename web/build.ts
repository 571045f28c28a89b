import { build } from 'esbuild'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

/**
 * Builds the mobile pages into web/dist: one bundled, minified script plus the HTML, CSS and icon, all served
 * by the API itself (nothing from a CDN: the service must work on a county intranet). Each file is also
 * written compressed (.br, .gz) once here, so the server sends the small copy without compressing per request.
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
for (const file of ['index.html', 'app.css', 'favicon.svg']) copyFileSync(join(here, file), join(out, file))
let sent = 0
for (const file of ['index.html', 'app.css', 'favicon.svg', 'app.js']) {
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
