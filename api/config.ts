import { isIP } from 'node:net'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from './lib/zod.ts'
import { parseFieldMap } from './domain/notify/template-fields.ts'

/** "thing4=note,…" → the mapping, or the issue in Chinese (a wrong mapping would fail every push). */
const FieldMapSetting = z.string().transform((text, ctx) => {
  try {
    return parseFieldMap(text)
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message })
    return z.NEVER
  }
})

/** The repository root: content and the default SOURCES_DIR are found from here, whatever the cwd. */
export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))

const Env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().default('127.0.0.1'),
    DATA_DIR: z.string().default('./data'),
    CONTENT_DIR: z.string().default(resolve(ROOT, 'content')),
    /** Where the policy documents that content files quote are kept. */
    SOURCES_DIR: z.string().default(resolve(ROOT, '../shared/seeds')),
    /** the place whose parameters (贫困线, amounts …) eligibility uses; unset → the contacts' region (the demo county) */
    REGION: z.string().trim().min(1).optional(),
    /** days to take up a public report, and to 办结 it, before it is flagged overdue */
    REPORT_ACCEPT_DAYS: z.coerce.number().positive().default(2),
    REPORT_RESOLVE_DAYS: z.coerce.number().positive().default(15),
    /** "off" when a gateway in front already limits callers (or for load tests from one address) */
    RATE_LIMITS: z.enum(['on', 'off']).default('on'),
    /**
     * the reverse proxies in front (comma-separated IP addresses): X-Forwarded-For is believed only from them.
     * Addresses only: the peer is compared as it is, so a host name or a network would never match and the
     * proxy's own address would silently become every villager's.
     */
    TRUST_PROXY: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      )
      .superRefine((addresses, ctx) => {
        const wrong = addresses.filter((a) => isIP(a) === 0)
        if (wrong.length > 0)
          ctx.addIssue({ code: 'custom', message: `应为代理的 IP 地址，用逗号分开（不能写主机名或网段）：${wrong.join('，')}` })
      }),
    /** "on" prints the admin's and the demo cadre's tokens and binding code at start (a demo on one's own machine) */
    DEMO: z.enum(['on', 'off']).default('off'),
    /** days without a visit before a household shows under 待走访 */
    VISIT_GAP_DAYS: z.coerce.number().int().positive().default(60),
    /** synthetic households loaded into an empty data directory at start (0: none) */
    DEMO_HOUSEHOLDS: z.coerce.number().int().min(0).default(60),
    /** Bearer token of the admin; unset → a random one is generated and printed at start. */
    ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN 至少16个字符').optional(),
    /** Shared by the API and a bot running elsewhere (API_URL); unset → random, fine when both run in one process. */
    BOT_TOKEN: z.string().min(16, 'BOT_TOKEN 至少16个字符').optional(),
    /** unset → the simulated WeChat (wechaty-puppet-mock); e.g. wechaty-puppet-service for production */
    WECHATY_PUPPET: z.string().optional(),
    WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
    /** "off" starts the API and web pages without the bot */
    BOT: z.enum(['on', 'off']).default('on'),
    /** WeChat punishes bursts: the gap between two messages the bot sends, and a daily cap */
    SEND_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
    SEND_DAILY_CAP: z.coerce.number().int().min(1).default(3000),
    /** the mini-program's AppID and secret; unset → a fake WeChat server on loopback (a demo, and the tests) */
    WX_APPID: z.string().trim().min(1).optional(),
    WX_SECRET: z.string().trim().min(1).optional(),
    /** WeChat's API (a proxy in front of it, or the fake server) */
    WX_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
    /** subscription-message templates: their ids from the mini-program's console, and which field shows what */
    WX_TEMPLATE_STATUS: z.string().trim().min(1).default('demo-status-template'),
    WX_TEMPLATE_CADRE: z.string().trim().min(1).default('demo-cadre-template'),
    WX_STATUS_FIELDS: FieldMapSetting.default(parseFieldMap('character_string1=ticket,phrase2=title,time3=time,thing4=note')),
    WX_CADRE_FIELDS: FieldMapSetting.default(parseFieldMap('character_string1=ticket,thing2=title,time3=time,thing4=note')),
    /** the page a subscription message opens, and which build of the mini-program (developer | trial | formal) */
    WX_PAGE: z.string().default('pages/mine/mine'),
    WX_STATE: z.enum(['developer', 'trial', 'formal']).default('formal'),
  })
  .superRefine((env, ctx) => {
    if (env.WX_APPID && !env.WX_SECRET)
      ctx.addIssue({ code: 'custom', path: ['WX_SECRET'], message: '设置了 WX_APPID 就要设置 WX_SECRET（小程序的 AppSecret）' })
  })
export type Config = z.infer<typeof Env>

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`配置项 ${issue.path.join('.')} 有误：${issue.message}`)
  }
  return parsed.data
}
