import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.ts'
import { loadContent } from '../content/load.ts'
import { buildKnowledge } from '../domain/knowledge.ts'
import { lockDataDir } from '../store/lock.ts'
import { loadDemoData } from '../services/demo-data.ts'

/** npm run seed -- --households N [--seed S]: replaces the data directory's households and cadres with synthetic ones. */
async function main() {
  const { values } = parseArgs({
    options: { households: { type: 'string', default: '60' }, seed: { type: 'string', default: '20201231' } },
  })
  const count = Number(values.households)
  if (!Number.isInteger(count) || count < 1 || count > 2_000_000) throw new Error('--households 应为 1 到 2000000 之间的整数')
  const config = loadConfig()
  const dataDir = resolve(config.DATA_DIR)
  const knowledge = buildKnowledge(loadContent(config.CONTENT_DIR), { region: config.REGION })
  const release = lockDataDir(dataDir, '生成演示数据')
  try {
    const started = Date.now()
    const { households, cadres } = await loadDemoData(dataDir, knowledge.towns, count, Number(values.seed), (line) => console.log(line))
    console.log(
      `已生成演示数据（姓名、身份证号均为虚构）：住户 ${households} 户，干部 ${cadres} 人，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒，数据目录 ${dataDir}。`,
    )
  } finally {
    release()
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
