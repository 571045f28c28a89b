import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { Low } from 'lowdb'
import { DataFile, JSONFile } from 'lowdb/node'
import type { z } from '../lib/zod.ts'

/** A data file that cannot be read as it is: the service refuses to start rather than overwrite it. */
export class StoreError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`数据文件 ${file} 无法读取：${detail}。为避免覆盖数据，服务不会启动；请从备份恢复该文件，或把它移走后重新启动。`)
    this.name = 'StoreError'
  }
}

/**
 * Opens one lowdb JSON file. lowdb writes the whole file to a temp file and renames it, and concurrent
 * write() calls share one pending write (group commit): `await store.write()` resolves only once the
 * data, including this caller's change, is on disk.
 *
 * Tests of persistence use this too: JSONFilePreset would silently switch to memory under vitest.
 */
export async function openJsonStore<T extends object>(
  file: string,
  schema: z.ZodType<T>,
  defaults: T,
  options: { compact?: boolean } = {},
): Promise<Low<T>> {
  mkdirSync(dirname(file), { recursive: true })
  // Large files (households) are written without indentation: half the size, and parsed twice as fast at start.
  const adapter = options.compact
    ? new DataFile<T>(file, { parse: JSON.parse, stringify: (data) => JSON.stringify(data) })
    : new JSONFile<T>(file)
  const store = new Low<T>(adapter, defaults)
  let raw: unknown
  try {
    raw = await new JSONFile<unknown>(file).read()
  } catch (err) {
    throw new StoreError(file, `不是合法的 JSON（${(err as Error).message}）`)
  }
  if (raw === null) {
    store.data = structuredClone(defaults)
    return store
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new StoreError(file, `内容不符合格式（${issue.path.join('.') || '根'}：${issue.message}）`)
  }
  store.data = parsed.data
  return store
}
