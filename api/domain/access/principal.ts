import { z } from '../../lib/zod.ts'

export const CadreRole = z.enum(['帮扶责任人', '第一书记', '乡镇扶贫专干']).describe('干部角色')
export type CadreRole = z.infer<typeof CadreRole>

/**
 * Who is asking. Every access decision starts from this one value: routes never look at tokens themselves.
 * - admin: the county office (ADMIN_TOKEN); bot: the Wechaty process (BOT_TOKEN), which may speak for a
 *   WeChat contact but holds no powers over records itself;
 * - cadre: a cadre token, or a WeChat contact bound to a cadre; household: a verified household member;
 * - public: everyone else.
 */
export const Principal = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('admin') }),
  z.object({ kind: z.literal('bot') }),
  z.object({
    kind: z.literal('cadre'),
    cadreId: z.string(),
    name: z.string(),
    role: CadreRole,
    town: z.string(),
    /** villages in the cadre's charge; a 乡镇扶贫专干 has the whole town */
    villages: z.array(z.string()),
  }),
  z.object({ kind: z.literal('household'), householdId: z.string() }),
  z.object({ kind: z.literal('public') }),
])
export type Principal = z.infer<typeof Principal>
export type CadrePrincipal = Extract<Principal, { kind: 'cadre' }>

export const PUBLIC: Principal = { kind: 'public' }

/** A town, and a village of it or none (the whole town). */
export interface TownVillage {
  town: string
  village?: string | null | undefined
}

/** Whether a place (a household's, a report's) lies in the area a principal answers for. */
export function coversPlace(principal: Principal, place: TownVillage): boolean {
  switch (principal.kind) {
    case 'admin':
      return true
    case 'cadre':
      if (principal.town !== place.town) return false
      if (principal.role === '乡镇扶贫专干') return true
      return !!place.village && principal.villages.includes(place.village)
    default:
      return false
  }
}

/**
 * Who holds a token other than the admin's and the bot's, if anyone: a cadre, a verified household, or a
 * mini-program user, whose token also names its session (and who is the public unless that session is bound).
 */
export type TokenResolver = (token: string) => Promise<{ principal: Principal; session?: string } | undefined>

/**
 * The session when it is one person's, vouched for by WeChat: a contact the bot speaks for ("wx:…") or a
 * mini-program user signed in with wx.login ("mp:…"). Such a session may be bound, files reports that are
 * "mine", and is counted by itself for limits. A web-chat session ("web:…") is the client's own choice and
 * proves nothing, so it is none of these.
 */
export function personalSession(chatSession: string | undefined): string | undefined {
  return chatSession?.startsWith('wx:') || chatSession?.startsWith('mp:') ? chatSession : undefined
}

/** Where a request came from, for the audit log and per-channel limits. */
export function channelOf(chatSession: string | undefined): '微信' | '小程序' | '网页聊天' | 'API' {
  if (chatSession?.startsWith('wx:')) return '微信'
  if (chatSession?.startsWith('mp:')) return '小程序'
  if (chatSession?.startsWith('web:')) return '网页聊天'
  return 'API'
}
