import { join, resolve } from 'node:path'
import { loadConfig } from '../config.ts'
import { checkChain, describeCheck } from '../store/audit-chain.ts'

/**
 * `npm run audit:verify [-- <数据目录>]`: checks the audit log's hash chain (store/audit-chain.ts) and
 * its separately kept head. Exit 0 when whole, 1 naming the first broken line. Reads only; safe beside a
 * running service.
 */
const dir = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? loadConfig().DATA_DIR)
const file = join(dir, 'audit.jsonl')
const check = checkChain(file)
const message = describeCheck(file, check)
if (check.ok) console.log(message)
else console.error(message)
process.exitCode = check.ok ? 0 : 1
