/**
 * Run by `npm test` before the suite: the browser tests need Debian's Chromium and a CJK font (without one,
 * Chinese renders as empty boxes in the screenshots). As root it installs both with apt; otherwise it says
 * exactly what to install. Never downloads a browser of its own.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { CHROMIUM } from './chromium.ts'

const PACKAGES = ['chromium', 'fonts-wqy-microhei']

const hasCjkFont = () => spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout?.trim().length > 0
const missing = () => [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...(hasCjkFont() ? [] : ['fonts-wqy-microhei'])]

function apt(args: string[]) {
  execFileSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
}

function ensure() {
  if (missing().length === 0) return
  const need = missing()
  if (process.getuid?.() !== 0) {
    console.error(
      [
        `浏览器测试需要 Chromium 和中文字体，这台机器还没有：${need.join('、')}。请先安装：`,
        `  sudo apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`,
        `The browser tests need Debian's Chromium and a CJK font (missing: ${need.join(', ')}). Install them with the command above.`,
      ].join('\n'),
    )
    process.exit(1)
  }
  console.log(`== 安装浏览器测试需要的 ${need.join('、')}（apt-get，只装一次）`)
  try {
    apt(['install', '-y', '--no-install-recommends', ...PACKAGES])
  } catch {
    // A fresh machine has no package lists yet.
    apt(['update'])
    apt(['install', '-y', '--no-install-recommends', ...PACKAGES])
  }
  if (missing().length > 0) {
    console.error(`安装后仍然缺少：${missing().join('、')}（Chromium 路径：${CHROMIUM}，可用 CHROMIUM_PATH 指定）。`)
    process.exit(1)
  }
}

ensure()
