import { resolve } from 'node:path'
import { loadConfig } from '../config.ts'
import { lockDataDir } from '../store/lock.ts'
import { restoreBackup } from '../store/backup.ts'

/**
 * `npm run restore -- <备份目录>`: checks every file of a backup against its manifest, then copies it
 * into DATA_DIR, which must be empty (nothing is overwritten), holding the data-directory lock so no
 * service runs on it meanwhile.
 */
async function main() {
  const source = process.argv.slice(2).find((a) => !a.startsWith('--'))
  if (!source) {
    console.error('用法：npm run restore -- <备份目录>   （恢复到 DATA_DIR，它必须是空的；服务要先停下）')
    process.exit(2)
  }
  process.umask(0o077)
  const dataDir = resolve(loadConfig().DATA_DIR)
  const release = lockDataDir(dataDir, '恢复')
  try {
    console.log(`正在检查并恢复 ${resolve(source)} → ${dataDir}`)
    const manifest = await restoreBackup(resolve(source), dataDir, (line) => console.log(line))
    console.log(`恢复完成：${manifest.files.length} 个文件（备份于 ${manifest.takenAt}）。现在可以启动服务。`)
  } finally {
    release()
  }
}

main().catch((err) => {
  console.error(`恢复失败：${err instanceof Error ? err.message : err}`)
  process.exit(1)
})
