import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { inject } from 'vitest'
import { loadConfig } from '../../api/config.ts'
import { loadContent } from '../../api/content/load.ts'
import { buildKnowledge, type Knowledge } from '../../api/domain/knowledge.ts'
import { createService } from '../../api/service.ts'
import type { Wechat } from '../../api/wechat/connect.ts'

export const ADMIN_TOKEN = 'test-admin-token-0123456789'
export const BOT_TOKEN = 'test-bot-token-0123456789'

let knowledge: Knowledge | undefined
/** Content is read-only: one copy for all tests of a worker. */
export function testKnowledge(): Knowledge {
  if (!knowledge) {
    const config = loadConfig()
    knowledge = buildKnowledge(loadContent(config.CONTENT_DIR, { sourcesDir: config.SOURCES_DIR }))
  }
  return knowledge
}

/** A fresh directory under this test run's temporary root (removed when the run ends). */
export const tempDir = (prefix = 'data-') => mkdtempSync(join(inject('tempRoot'), prefix))

/** A fresh app over a fresh data directory, built as the server builds it. */
export async function testApp(
  dataDir = tempDir(),
  now?: () => Date,
  { knowledge = testKnowledge(), ...options }: { rateLimits?: boolean; wechat?: Wechat; knowledge?: Knowledge } = {},
) {
  const service = await createService({
    knowledge,
    dataDir,
    adminToken: ADMIN_TOKEN,
    botToken: BOT_TOKEN,
    ...(now ? { now } : {}),
    ...options,
  })
  return { ...service, dataDir }
}

export const asAdmin = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }
