import { resolve } from 'node:path'
import { loadConfig } from '../config.ts'
import { lockDataDir } from '../store/lock.ts'
import { acceptLoss } from '../store/repair.ts'

/**
 * `npm run repair -- --accept-loss <文件名>`: when the service refuses to start because a data file lost
 * or changed content and there is no backup to restore, this records that the loss is accepted, so the
 * service starts with the file as it is. Written into the audit log. The service must be stopped.
 */
async function main() {
  const args = process.argv.slice(2)
  const name = args.find((a) => !a.startsWith('--'))
  if (!args.includes('--accept-loss') || !name) {
    console.error('用法：npm run repair -- --accept-loss <文件名>   （先试着从备份恢复：npm run restore；确实没有备份时才接受损失）')
    process.exit(2)
  }
  process.umask(0o077)
  const dataDir = resolve(loadConfig().DATA_DIR)
  const release = lockDataDir(dataDir, '修复')
  try {
    console.log(`${await acceptLoss(dataDir, name, new Date())}。已记入查阅记录；现在可以启动服务。`)
  } finally {
    release()
  }
}

main().catch((err) => {
  console.error(`修复失败：${err instanceof Error ? err.message : err}`)
  process.exit(1)
})
