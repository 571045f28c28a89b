import { randomBytes } from 'node:crypto'
import { createApp, type AppDeps } from './app.ts'
import type { Knowledge } from './knowledge.ts'
import { openUnansweredRepository } from './store/unanswered.ts'
import { openSessionRepository } from './store/sessions.ts'
import { openOutboxRepository } from './store/outbox.ts'
import { openReportRepository } from './store/reports.ts'
import { openRoutingRepository } from './store/routing.ts'
import { DEFAULT_DEADLINES, type Deadlines } from './domain/reports/workflow.ts'
import { IDLE_LIMIT_MS } from '../bot/engine/state.ts'
import { BotStatusBoard } from './bot-status.ts'

export interface ServiceOptions {
  knowledge: Knowledge
  dataDir: string
  adminToken?: string | undefined
  botToken?: string | undefined
  now?: () => Date
  deadlines?: Partial<Deadlines>
  /** replaces the default identity lookups (tests of one feature without the others' stores) */
  overrides?: Partial<Pick<AppDeps, 'resolveToken' | 'resolveChatSession' | 'cadreSessions'>>
}

export const randomToken = () => randomBytes(24).toString('base64url')

/** Opens the stores under dataDir and builds the app over them: the one way the server and tests get an app. */
export async function createService(options: ServiceOptions) {
  const [unanswered, sessions, outbox, reports, routing] = await Promise.all([
    openUnansweredRepository(options.dataDir),
    openSessionRepository(options.dataDir, IDLE_LIMIT_MS),
    openOutboxRepository(options.dataDir),
    openReportRepository(options.dataDir),
    openRoutingRepository(options.dataDir, options.knowledge.routing),
  ])
  const deadlines = { ...DEFAULT_DEADLINES, ...options.deadlines }
  const adminToken = options.adminToken ?? randomToken()
  const botToken = options.botToken ?? randomToken()
  const deps: AppDeps = {
    knowledge: options.knowledge,
    unanswered,
    sessions,
    adminToken,
    botToken,
    botStatus: new BotStatusBoard(),
    outbox,
    reports,
    routing,
    deadlines,
    resolveToken: async () => undefined,
    resolveChatSession: async () => undefined,
    cadreSessions: async () => [],
    ...options.overrides,
    now: options.now ?? (() => new Date()),
  }
  const app = createApp(deps)
  return { app, deps, adminToken, botToken, deadlines, stores: { unanswered, sessions, outbox, reports, routing } }
}
export type Service = Awaited<ReturnType<typeof createService>>
