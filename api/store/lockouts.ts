import { join } from 'node:path'
import { z } from '../lib/zod.ts'
import { logError } from '../lib/log.ts'
import { openJsonStore } from './json-store.ts'
import { Lockout, type LockoutOptions } from '../domain/access/lockout.ts'

const LockoutFile = z.object({ failures: z.record(z.string(), z.array(z.number())) })

/**
 * The lockouts, kept in lockouts.json: a restart must not forgive a guesser. Written after each failure
 * (failures are rare; a failure lost in a crash only gives one more try).
 */
export async function openLockouts(
  dataDir: string,
  options: Omit<LockoutOptions, 'initial' | 'changed'> = {},
): Promise<{ lockout: Lockout; close: () => Promise<void> }> {
  const store = await openJsonStore(join(dataDir, 'lockouts.json'), LockoutFile, { failures: {} })
  let written: Promise<void> = Promise.resolve()
  const lockout = new Lockout({
    ...options,
    initial: store.data.failures,
    changed: (failures) => {
      store.data.failures = failures
      written = store.write().catch((err) => logError('保存错误尝试次数失败', err))
    },
  })
  return { lockout, close: () => written }
}
