import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * One process owns a data directory: lowdb keeps the data in memory and rewrites whole files, so an
 * import run beside the server would be overwritten by the server's next write (or overwrite it).
 * The lock is a file with the owner's pid; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string, owner: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, '.lock')
  for (;;) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, owner }), { flag: 'wx' })
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const held = readHolder(file)
      if (held && held.pid !== process.pid && alive(held.pid)) {
        throw new Error(`数据目录 ${dataDir} 正被进程 ${held.pid}（${held.owner}）使用。请先停止它再${owner}。`)
      }
      rmSync(file, { force: true })
    }
  }
  return () => rmSync(file, { force: true })
}

function readHolder(file: string): { pid: number; owner: string } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { pid: number; owner: string }
  } catch {
    return undefined
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
