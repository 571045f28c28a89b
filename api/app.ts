import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { ApiError, notFound, onError, validationHook } from './http/errors.ts'
import { healthRoutes } from './routes/health.ts'
import { policyRoutes } from './routes/policies.ts'
import { askRoutes } from './routes/ask.ts'
import { understandRoutes } from './routes/understand.ts'
import { contactRoutes } from './routes/contacts.ts'
import { unansweredRoutes } from './routes/unanswered.ts'
import { eligibilityRoutes } from './routes/eligibility.ts'
import { reportRoutes } from './routes/reports.ts'
import { householdRoutes } from './routes/households.ts'
import { cadreRoutes } from './routes/cadres.ts'
import { monitoringRoutes } from './routes/monitoring.ts'
import type { ReportRepository } from './store/reports.ts'
import type { RoutingRepository } from './store/routing.ts'
import type { Deadlines } from './domain/reports/workflow.ts'
import { chatRoutes } from './routes/chat.ts'
import { botRoutes } from './routes/bot.ts'
import { webPages } from './routes/web.ts'
import { signInRoutes } from './routes/sign-in.ts'
import { docsPages } from './routes/docs.ts'
import type { BotStatusBoard } from './bot-status.ts'
import { inProcessClient } from '../bot/client.ts'
import type { Knowledge } from './knowledge.ts'
import type { UnansweredRepository } from './store/unanswered.ts'
import type { SessionRepository } from './store/sessions.ts'
import type { OutboxRepository } from './store/outbox.ts'
import { identify, type InProcessEnv, type TokenResolver } from './http/principal.ts'
import { LIMITS, rateLimit } from './http/rate-limit.ts'
import { requestLog, withRequestId } from './http/request-log.ts'
import type { Principal } from './domain/access/principal.ts'
import type { CadreRepository, HouseholdRepository } from './store/households.ts'
import type { VisitRepository } from './store/visits.ts'
import type { AuditRepository } from './store/audit.ts'
import type { AccessRepository } from './store/access.ts'
import type { MonitoringRepository } from './store/monitoring.ts'
import type { Lockout } from './domain/access/lockout.ts'

export interface AppDeps {
  knowledge: Knowledge
  unanswered: UnansweredRepository
  sessions: SessionRepository
  adminToken: string
  /** the Wechaty bot's token: only it may speak for a WeChat contact in /api/chat */
  botToken: string
  botStatus: BotStatusBoard
  /** notices owed to WeChat contacts, delivered by the bot */
  outbox: OutboxRepository
  /** public reports, followed to 销号 */
  reports: ReportRepository
  routing: RoutingRepository
  deadlines: Deadlines
  households: HouseholdRepository
  cadres: CadreRepository
  visits: VisitRepository
  /** every read of a household record */
  audit: AuditRepository
  /** cadre and household tokens, WeChat binding codes and bindings */
  access: AccessRepository
  /** 自主申报 cases and the alert digest's memory */
  monitoring: MonitoringRepository
  /** failed verifications and binding codes, per WeChat contact or IP */
  lockout: Lockout
  /** a household not visited for this many days is due a visit */
  visitGapDays: number
  /** per-caller limits on ask, chat, verify and filing (429 with Retry-After) */
  rateLimits: boolean
  /** tokens other than the admin's and the bot's (cadres, verified households) */
  resolveToken: TokenResolver
  /** who a WeChat conversation ("wx:<session>") has been bound to, if anyone */
  resolveChatSession: (key: string) => Promise<Principal | undefined>
  /** the WeChat sessions of the cadres bound in a place (town, or one village of it): whom to notify */
  cadreSessions: (place: { town: string; village?: string }) => Promise<string[]>
  now: () => Date
}

/** No request of this API needs more than this; a 10 MB body is refused before it is read. */
const BODY_LIMIT = 64 * 1024

/** The domain's routes: everything the chat engine itself may call. */
export function domainRoutes(deps: AppDeps) {
  return new OpenAPIHono({ defaultHook: validationHook })
    .route('/', healthRoutes(deps))
    .route('/', policyRoutes(deps))
    .route('/', askRoutes(deps))
    .route('/', understandRoutes(deps))
    .route('/', contactRoutes(deps))
    .route('/', unansweredRoutes(deps))
    .route('/', eligibilityRoutes(deps))
    .route('/', reportRoutes(deps))
    .route('/', householdRoutes(deps))
    .route('/', cadreRoutes(deps))
    .route('/', monitoringRoutes(deps))
}
export type DomainApp = ReturnType<typeof domainRoutes>

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono({ defaultHook: validationHook })
  app.onError(onError)
  app.notFound(notFound)
  app.use('*', withRequestId)
  app.use('*', requestLog)
  const limitBody = bodyLimit({
    maxSize: BODY_LIMIT,
    onError: () => { throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `提交的内容太大了（上限 ${BODY_LIMIT / 1024} KB）。`) },
  })
  // A GET has no body to limit, and asking for one makes @hono/node-server build a whole Request
  // (headers copied, an AbortSignal): a quarter of the cost of answering a cached question.
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)))
  app.use('*', identify(deps))
  if (deps.rateLimits) {
    // The bot's own IP carries every WeChat contact: it is limited per contact, never as one caller.
    app.use('/api/ask', rateLimit('提问', LIMITS.ask, deps.now))
    app.use('/api/understand', rateLimit('理解', LIMITS.ask, deps.now))
    app.use('/api/chat', rateLimit('发消息', LIMITS.chat, deps.now))
    app.use('/api/households/verify', rateLimit('核验', LIMITS.verify, deps.now))
    app.use('/api/reports', rateLimit('反映问题', LIMITS.report, deps.now))
    app.use('/api/hardship', rateLimit('申报', LIMITS.hardship, deps.now))
  }

  // The chat engine reaches the domain through the typed client, in process, through this same app (so
  // the same middleware, validation and access rules apply), acting for the conversation's principal.
  const engineClient = (env: InProcessEnv) => inProcessClient<DomainApp>(app, undefined, env)
  const routes = app
    .route('/', domainRoutes(deps))
    .route('/', chatRoutes(deps, engineClient))
    .route('/', botRoutes(deps))
    .route('/', signInRoutes(deps))
    .route('/', docsPages())
    .route('/', webPages())

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' })
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '扶贫政策助手 API',
      version: '0.1.0',
      description: '政策问答、联系人查询、机器人对话。所有错误返回 { error: { code, message } }，message 为中文。',
    },
  })
  return routes
}

export type AppType = ReturnType<typeof createApp>
