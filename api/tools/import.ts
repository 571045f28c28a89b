import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadConfig } from '../config.ts'
import { loadContent } from '../content/load.ts'
import { buildKnowledge } from '../domain/knowledge.ts'
import { lockDataDir } from '../store/lock.ts'
import { importLedger } from '../services/ledger-import.ts'

async function main() {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'))
  if (!file) {
    console.error('用法：npm run import -- 台账.csv   （住户台账要有「户编号」列，干部名单要有「干部编号」列；先导入干部名单）')
    process.exit(2)
  }
  const config = loadConfig()
  const dataDir = resolve(config.DATA_DIR)
  const knowledge = buildKnowledge(loadContent(config.CONTENT_DIR), { region: config.REGION })
  const release = lockDataDir(dataDir, '导入')
  try {
    const result = await importLedger(readFileSync(file), dataDir, knowledge)
    if (!result.ok) {
      console.error(`没有导入任何数据：${file} 有 ${result.errors.length} 处问题，改好后请重新导入。`)
      for (const e of result.errors.slice(0, 200)) console.error(e.row > 0 ? `  第 ${e.row} 行：${e.message}` : `  ${e.message}`)
      if (result.errors.length > 200) console.error(`  ……另有 ${result.errors.length - 200} 处`)
      process.exitCode = 1
      return
    }
    const what = result.kind === 'cadres' ? '干部' : '住户'
    console.log(`已导入${what}：新增 ${result.added}，更新 ${result.updated}（数据目录 ${dataDir}）。`)
  } finally {
    release()
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
