import { chmodSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The data directory holds ID numbers, health and income data: only the service's own user may read it.
 * Files made from now on are 0600 and directories 0700 (umask), and what is already there is brought in line.
 */
export function keepPrivate(dataDir: string): void {
  process.umask(0o077)
  chmodSync(dataDir, 0o700)
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isFile()) chmodSync(join(dataDir, entry.name), 0o600)
  }
}
