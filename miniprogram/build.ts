import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/**
 * Builds the mini-program into miniprogram/dist (the folder WeChat DevTools opens): each page's and the app's
 * TypeScript bundled on its own into the CommonJS WeChat runs (ES2017, no Node built-ins), beside the copied
 * WXML, WXSS and JSON. Prints the package size: WeChat refuses a main package over 2 MB.
 */
const root = dirname(fileURLToPath(import.meta.url))
const src = join(root, 'src')
const DIST = join(root, 'dist')

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]))

/** Builds into `dist` (tests build into a directory of their own); returns the package's bytes. */
export async function buildMiniprogram(dist = DIST, log: (line: string) => void = console.log): Promise<number> {
  rmSync(dist, { recursive: true, force: true })
  mkdirSync(dist, { recursive: true })
  const files = walk(src)
  const entries = files.filter((f) => /(^|\/)(app|pages\/[^/]+\/[^/]+)\.ts$/.test(relative(src, f)))
  await build({
    entryPoints: entries,
    outdir: dist,
    outbase: src,
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2017',
    minify: true,
    charset: 'utf8',
    logLevel: 'warning',
  })
  for (const f of files.filter((f) => /\.(wxml|wxss|json)$/.test(f))) {
    mkdirSync(dirname(join(dist, relative(src, f))), { recursive: true })
    cpSync(f, join(dist, relative(src, f)))
  }
  const bytes = walk(dist).reduce((n, f) => n + statSync(f).size, 0)
  log(
    `小程序已构建到 ${relative(process.cwd(), dist) || dist}：${walk(dist).length} 个文件，${(bytes / 1024).toFixed(1)} KB（主包上限 2048 KB）`,
  )
  return bytes
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildMiniprogram().catch((err) => {
    console.error(`构建小程序失败：${String(err)}`)
    process.exit(1)
  })
}
