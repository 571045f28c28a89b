import { randomToken } from './lib/secrets.ts'
import { createApp } from './app.ts'
import type { AppDeps } from './deps.ts'
import type { Knowledge } from './domain/knowledge.ts'
import { openUnansweredRepository } from './store/unanswered.ts'
import { openSessionRepository } from './store/sessions.ts'
import { openOutboxRepository } from './store/outbox.ts'
import { openReportRepository } from './store/reports.ts'
import { openRoutingRepository } from './store/routing.ts'
import { DEFAULT_DEADLINES, type Deadlines } from './domain/reports/workflow.ts'
import { IDLE_LIMIT_MS } from '../bot/engine/state.ts'
import { chatEngine } from './chat-engine.ts'
import { BotStatusBoard } from './services/bot-status.ts'
import { openCadreRepository, openHouseholdRepository } from './store/households.ts'
import { openVisitRepository } from './store/visits.ts'
import { openQuestionStats } from './store/question-stats.ts'
import { openAuditRepository } from './store/audit.ts'
import { logger } from './lib/log.ts'
import { openAccessRepository } from './store/access.ts'
import { openMonitoringRepository } from './store/monitoring.ts'
import { openLockouts } from './store/lockouts.ts'
import { maxFailuresFor } from './domain/access/lockout.ts'
import { cadreSessionsAt, principalOf } from './services/households.ts'
import { openMiniprogramUsers } from './store/miniprogram-users.ts'
import { openReportPhotos } from './store/report-photos.ts'
import type { Wechat } from './wechat/connect.ts'
import { PUBLIC } from './domain/access/principal.ts'

export interface ServiceOptions {
  knowledge: Knowledge
  dataDir: string
  adminToken?: string | undefined
  botToken?: string | undefined
  now?: () => Date
  deadlines?: Partial<Deadlines>
  /** false: no per-caller request limits (a gateway in front limits, or a test plays many users from one address) */
  rateLimits?: boolean
  /** TRUST_PROXY: the proxies in front, whose X-Forwarded-For is believed */
  trustProxy?: readonly string[]
  /** days without a visit before a household is due one (VISIT_GAP_DAYS) */
  visitGapDays?: number
  /** WeChat's servers for the mini-program (sign-in, subscription messages); none → /api/wx/login is 503 */
  wechat?: Wechat | undefined
  /** replaces the default identity lookups (tests of one feature without the others' stores) */
  overrides?: Partial<Pick<AppDeps, 'resolveToken' | 'resolveChatSession' | 'cadreSessions'>>
}

/** Opens the stores under dataDir and builds the app over them: the one way the server and tests get an app. */
export async function createService(options: ServiceOptions) {
  const dir = options.dataDir
  const [unanswered, sessions, outbox, reports, routing, households, cadres, audit, access, monitoring, questions] = await Promise.all([
    openUnansweredRepository(dir),
    openSessionRepository(dir, IDLE_LIMIT_MS),
    openOutboxRepository(dir),
    openReportRepository(dir),
    openRoutingRepository(dir, options.knowledge.routing),
    openHouseholdRepository(dir),
    openCadreRepository(dir),
    openAuditRepository(dir, (message) => logger.warn(message)),
    openAccessRepository(dir),
    openMonitoringRepository(dir),
    openQuestionStats(dir),
  ])
  const lockouts = await openLockouts(dir, { maxFor: maxFailuresFor })
  const miniprogram = await openMiniprogramUsers(dir)
  // after the households: a visit counts for the cadre its household is assigned to
  const visits = await openVisitRepository(dir, (id) => households.key(id)?.cadreId ?? null)
  const deadlines = { ...DEFAULT_DEADLINES, ...options.deadlines }
  const adminToken = options.adminToken ?? randomToken()
  const botToken = options.botToken ?? randomToken()
  const now = options.now ?? (() => new Date())
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
    photos: openReportPhotos(dir),
    deadlines,
    households,
    cadres,
    visits,
    audit,
    access,
    monitoring,
    questions,
    lockout: lockouts.lockout,
    visitGapDays: options.visitGapDays ?? 60,
    rateLimits: options.rateLimits ?? true,
    trustProxy: options.trustProxy ?? [],
    miniprogram,
    wechat: options.wechat,
    resolveToken: async (token) => {
      const at = now()
      const held = principalOf(deps, access.tokenHolder(token, at))
      if (held) return { principal: held }
      // a mini-program user is whoever their session is bound to (a cadre, a household), or the public
      const session = miniprogram.sessionOf(token, at)
      return session ? { principal: principalOf(deps, access.bindingOf(session, at)) ?? PUBLIC, session } : undefined
    },
    resolveChatSession: async (key) => principalOf(deps, access.bindingOf(key, now())),
    cadreSessions: async (place) => cadreSessionsAt(deps, place),
    chat: chatEngine,
    ...options.overrides,
    now,
  }
  const app = createApp(deps)
  /** Waits for pending writes and closes the files held open (the journals and the household file). */
  const close = async () => {
    for (const store of [reports, visits, audit, sessions, households, questions, lockouts]) await store.close()
  }
  return {
    app,
    deps,
    adminToken,
    botToken,
    deadlines,
    close,
    stores: {
      unanswered,
      sessions,
      outbox,
      reports,
      routing,
      households,
      cadres,
      visits,
      audit,
      access,
      monitoring,
      questions,
      miniprogram,
    },
  }
}
export type Service = Awaited<ReturnType<typeof createService>>
