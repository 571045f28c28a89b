import type { Knowledge } from './domain/knowledge.ts'
import type { Deadlines } from './domain/reports/workflow.ts'
import type { Lockout } from './domain/access/lockout.ts'
import type { Principal, TokenResolver } from './domain/access/principal.ts'
import type { UnansweredRepository } from './store/unanswered.ts'
import type { SessionRepository } from './store/sessions.ts'
import type { OutboxRepository } from './store/outbox.ts'
import type { ReportRepository } from './store/reports.ts'
import type { RoutingRepository } from './store/routing.ts'
import type { CadreRepository, HouseholdRepository } from './store/households.ts'
import type { VisitRepository } from './store/visits.ts'
import type { AuditRepository } from './store/audit.ts'
import type { AccessRepository } from './store/access.ts'
import type { MonitoringRepository } from './store/monitoring.ts'
import type { QuestionStatsRepository } from './store/question-stats.ts'
import type { BotStatusBoard } from './services/bot-status.ts'
import type { MiniprogramUsers } from './store/miniprogram-users.ts'
import type { ReportPhotos } from './store/report-photos.ts'
import type { Wechat } from './wechat/connect.ts'

/**
 * What the routes and services are built over: the stores, the knowledge, the clock and the chat engine.
 * A leaf of types only, so a route can name what it needs (Pick<AppDeps, …>) without importing the app
 * that mounts it.
 */
export interface AppDeps {
  knowledge: Knowledge
  unanswered: UnansweredRepository
  sessions: SessionRepository
  adminToken: string
  /** the Wechaty bot's token: only it may speak for a WeChat contact in /api/chat */
  botToken: string
  botStatus: BotStatusBoard
  /** notices owed to WeChat contacts (delivered by the bot) and to mini-program users (as subscription messages) */
  outbox: OutboxRepository
  /** public reports, followed to 销号 */
  reports: ReportRepository
  routing: RoutingRepository
  /** reporters' photos of the problems they report */
  photos: ReportPhotos
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
  /** questions per day by how they were answered (the office summary) */
  questions: QuestionStatsRepository
  /** the mini-program's users (openids kept hashed and sealed), their tokens and subscriptions */
  miniprogram: MiniprogramUsers
  /** WeChat's servers (sign-in, pushes); undefined when no WX_APPID is set and no fake server runs */
  wechat: Wechat | undefined
  /** failed verifications and binding codes, per WeChat contact or IP */
  lockout: Lockout
  /** a household not visited for this many days is due a visit */
  visitGapDays: number
  /** per-caller limits on ask, chat, verify and filing (429 with Retry-After); never the lockouts */
  rateLimits: boolean
  /** reverse proxies whose X-Forwarded-For names the client (TRUST_PROXY) */
  trustProxy: readonly string[]
  /** tokens other than the admin's and the bot's (cadres, verified households, mini-program users) */
  resolveToken: TokenResolver
  /** who a WeChat conversation ("wx:<session>") has been bound to, if anyone */
  resolveChatSession: (key: string) => Promise<Principal | undefined>
  /** the WeChat sessions of the cadres bound in a place (town, or one village of it): whom to notify */
  cadreSessions: (place: { town: string; village?: string }) => Promise<string[]>
  now: () => Date
  /** the chat engine (bot/engine), passed in by api/service.ts: the API hosts it without importing it */
  chat: ChatEngine
}

/** A fetch that calls this same app in process, as one principal (see http/middleware/principal.ts). */
export type InProcessFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

/** One chat turn: the stored dialogue state and a message in, the new state and the replies out. */
export type ChatEngine = (
  stored: unknown,
  text: string,
  turn: { fetch: InProcessFetch; now: Date; inRoom: boolean; forgetPast: () => void },
) => Promise<{ state: unknown; replies: string[] }>
