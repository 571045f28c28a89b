import { resolve } from 'node:path'
import { loadConfig } from '../config.ts'
import { takeBackup } from '../store/backup.ts'

/**
 * `npm run backup -- <备份目录>`: a consistent copy of DATA_DIR while the service runs (store/backup.ts),
 * with a manifest of lengths and checksums. Reads the data directory only; takes no lock.
 */
async function main() {
  const target = process.argv.slice(2).find((a) => !a.startsWith('--'))
  if (!target) {
    console.error('用法：npm run backup -- <备份目录>   （一个新的或空的目录，最好在另一块盘或另一台机器上）')
    process.exit(2)
  }
  process.umask(0o077) // the copy holds the same personal data: readable by this user only
  const dataDir = resolve(loadConfig().DATA_DIR)
  const started = Date.now()
  console.log(`正在备份 ${dataDir} → ${resolve(target)}`)
  const manifest = await takeBackup(dataDir, resolve(target), new Date(), (line) => console.log(line))
  console.log(`备份完成：${manifest.files.length} 个文件，用时 ${Date.now() - started} ms。恢复：npm run restore -- ${resolve(target)}`)
}

main().catch((err) => {
  console.error(`备份失败：${err instanceof Error ? err.message : err}`)
  process.exit(1)
})
