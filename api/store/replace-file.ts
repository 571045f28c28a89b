import { open, rename, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * Puts new contents in place of a file so that a crash leaves either the old file or the whole new
 * one: written to a temp file and fsynced, renamed over, and the rename made durable by fsyncing the
 * directory.
 */
/** Each replacement its own temp file: two in flight for one file (a test's two openings) must not collide. */
let replacements = 0

export async function replaceFile<T>(file: string, write: (handle: FileHandle) => Promise<T>): Promise<T> {
  const temp = `${file}.${process.pid}-${++replacements}.tmp`
  const handle = await open(temp, 'w')
  let result: T
  try {
    result = await write(handle)
    await handle.datasync()
  } finally {
    await handle.close()
  }
  await rename(temp, file)
  await syncDir(dirname(file))
  return result
}

/** Makes a file's creation or renaming in a directory durable. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
