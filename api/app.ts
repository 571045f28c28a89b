import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import type { AppDeps } from './deps.ts'
import { ApiError, notFound, onError } from './http/errors.ts'
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
import { officeRoutes } from './routes/office.ts'
import { accountRoutes } from './routes/accounts.ts'
import { chatRoutes } from './routes/chat.ts'
import { botRoutes } from './routes/bot.ts'
import { webPages } from './routes/web.ts'
import { MAX_PHOTO_BYTES } from './domain/reports/photo.ts'
import { signInRoutes } from './routes/sign-in.ts'
import { miniprogramRoutes } from './routes/miniprogram.ts'
import { docsPages } from './routes/docs.ts'
import { identify, type InProcessEnv } from './http/middleware/principal.ts'
import { LIMITS, rateLimit } from './http/middleware/rate-limit.ts'
import { requestLog, withRequestId } from './http/middleware/request-log.ts'

/** No request of this API needs more than this; a 10 MB body is refused before it is read. */
const BODY_LIMIT = 64 * 1024
const PHOTO_UPLOAD = /^\/api\/reports\/[^/]+\/photos$/

/** The domain's routes: everything the chat engine itself may call. */
export function domainRoutes(deps: AppDeps) {
  return new OpenAPIHono()
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
    .route('/', officeRoutes(deps))
    .route('/', accountRoutes(deps))
    .route('/', miniprogramRoutes(deps))
}
export type DomainApp = ReturnType<typeof domainRoutes>

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono()
  app.onError(onError)
  app.notFound(notFound)
  app.use('*', withRequestId)
  app.use('*', requestLog)
  const limitBody = bodyLimit({
    maxSize: BODY_LIMIT,
    onError: () => {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `提交的内容太大了（上限 ${BODY_LIMIT / 1024} KB）。`)
    },
  })
  // A GET has no body to limit, and asking for one makes @hono/node-server build a whole Request
  // (headers copied, an AbortSignal): a quarter of the cost of answering a cached question.
  // A photo is the one upload larger than a form: its own limit (5 MB and the form around it).
  const limitPhoto = bodyLimit({
    maxSize: MAX_PHOTO_BYTES + 64 * 1024,
    onError: () => {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `照片不能超过${MAX_PHOTO_BYTES / 1024 / 1024}MB，请换一张或压缩后再传。`)
    },
  })
  app.use('*', (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    return PHOTO_UPLOAD.test(c.req.path) ? limitPhoto(c, next) : limitBody(c, next)
  })
  app.use('*', identify(deps))
  if (deps.rateLimits) {
    // The bot's own IP carries every WeChat contact: it is limited per contact, never as one caller.
    app.use('/api/ask', rateLimit('提问', LIMITS.ask, deps.now))
    app.use('/api/understand', rateLimit('理解', LIMITS.ask, deps.now))
    app.use('/api/chat', rateLimit('发消息', LIMITS.chat, deps.now))
    app.use('/api/households/verify', rateLimit('核验', LIMITS.verify, deps.now))
    app.use('/api/reports', rateLimit('反映问题', LIMITS.report, deps.now))
    app.use('/api/hardship', rateLimit('申报', LIMITS.hardship, deps.now))
    app.use('/api/wx/login', rateLimit('小程序登录', LIMITS.wxLogin, deps.now))
    app.use('/api/reports/:ticket/photos', rateLimit('传照片', LIMITS.photo, deps.now))
  }

  // The chat engine reaches the domain through the typed client, in process, through this same app (so
  // the same middleware, validation and access rules apply), acting for the conversation's principal.
  const fetchAs = (env: InProcessEnv) => async (input: string | URL | Request, init?: RequestInit) => app.request(input, init, env)
  const routes = app
    .route('/', domainRoutes(deps))
    .route('/', chatRoutes(deps, fetchAs))
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
