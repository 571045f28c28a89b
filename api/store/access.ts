import { createHash, randomInt } from 'node:crypto'
import { join } from 'node:path'
import { z } from '../lib/zod.ts'
import { openJsonStore } from './json-store.ts'
import { randomToken } from '../lib/secrets.ts'

/** Whom a WeChat conversation or a token stands for; turned into a Principal against current records. */
export const Holder = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cadre'), cadreId: z.string() }),
  z.object({ kind: z.literal('household'), householdId: z.string() }),
])
export type Holder = z.infer<typeof Holder>

const Grant = z.object({ holder: Holder, expiresAt: z.string().nullable() })
const AccessFile = z.object({
  /** sha256 of a token → its holder: a stolen copy of this file grants nothing */
  tokens: z.record(z.string(), Grant),
  /** sha256 of a one-time WeChat binding code → the cadre it binds */
  codes: z.record(z.string(), Grant),
  /** chat session key ("wx:<contact>") → holder */
  bindings: z.record(z.string(), Holder),
})

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const live = (g: z.infer<typeof Grant> | undefined, at: Date) => !!g && (g.expiresAt === null || Date.parse(g.expiresAt) > at.getTime())

export const BINDING_CODE = /^\d{6}$/
const CODE_TTL_MS = 24 * 3600 * 1000
/** a household's sign-in on the web lasts a month; a cadre's token until the admin issues a new one */
const HOUSEHOLD_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000
/** a cadre's web sign-in with a binding code lasts a month too (the admin's token for them stays valid) */
const CADRE_WEB_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000

/** Tokens, one-time binding codes, and which WeChat conversations are bound to whom. */
export interface AccessRepository {
  /** a new token for a cadre; the cadre's earlier tokens stop working */
  issueCadreToken(cadreId: string): Promise<string>
  issueHouseholdToken(householdId: string, at: Date): Promise<{ token: string; expiresAt: string }>
  tokenHolder(token: string, at: Date): Holder | undefined
  issueBindingCode(cadreId: string, at: Date): Promise<{ code: string; expiresAt: string }>
  /** uses up a binding code and binds the session to its cadre; undefined when the code is wrong or spent */
  redeemBindingCode(code: string, session: string, at: Date): Promise<Holder | undefined>
  /**
   * uses up a binding code for a sign-in on the web instead of a WeChat binding: a token for its cadre,
   * expiring in a month, issued beside (not instead of) the cadre's other tokens; undefined when wrong or spent
   */
  exchangeBindingCode(code: string, at: Date): Promise<{ holder: Holder; token: string; expiresAt: string } | undefined>
  bind(session: string, holder: Holder): Promise<void>
  unbind(session: string): Promise<boolean>
  bindingOf(session: string): Holder | undefined
  /** every bound conversation (few: one per cadre or verified member using WeChat) */
  bound(): { session: string; holder: Holder }[]
}

export async function openAccessRepository(dataDir: string): Promise<AccessRepository> {
  const store = await openJsonStore(join(dataDir, 'access.json'), AccessFile, { tokens: {}, codes: {}, bindings: {} })
  const data = () => store.data
  return {
    async issueCadreToken(cadreId) {
      for (const [hash, g] of Object.entries(data().tokens)) {
        if (g.holder.kind === 'cadre' && g.holder.cadreId === cadreId) delete data().tokens[hash]
      }
      const token = randomToken()
      data().tokens[sha256(token)] = { holder: { kind: 'cadre', cadreId }, expiresAt: null }
      await store.write()
      return token
    },
    async issueHouseholdToken(householdId, at) {
      const token = randomToken()
      const expiresAt = new Date(at.getTime() + HOUSEHOLD_TOKEN_TTL_MS).toISOString()
      for (const [hash, g] of Object.entries(data().tokens)) if (!live(g, at)) delete data().tokens[hash]
      data().tokens[sha256(token)] = { holder: { kind: 'household', householdId }, expiresAt }
      await store.write()
      return { token, expiresAt }
    },
    tokenHolder(token, at) {
      const g = data().tokens[sha256(token)]
      return live(g, at) ? g!.holder : undefined
    },
    async issueBindingCode(cadreId, at) {
      for (const [hash, g] of Object.entries(data().codes)) if (!live(g, at)) delete data().codes[hash]
      let code: string
      do code = String(randomInt(0, 1_000_000)).padStart(6, '0')
      while (data().codes[sha256(code)])
      const expiresAt = new Date(at.getTime() + CODE_TTL_MS).toISOString()
      data().codes[sha256(code)] = { holder: { kind: 'cadre', cadreId }, expiresAt }
      await store.write()
      return { code, expiresAt }
    },
    async redeemBindingCode(code, session, at) {
      const hash = sha256(code)
      const g = data().codes[hash]
      if (!live(g, at)) return undefined
      delete data().codes[hash]
      data().bindings[session] = g!.holder
      await store.write()
      return g!.holder
    },
    async exchangeBindingCode(code, at) {
      const hash = sha256(code)
      const g = data().codes[hash]
      if (!live(g, at)) return undefined
      delete data().codes[hash]
      for (const [h, t] of Object.entries(data().tokens)) if (!live(t, at)) delete data().tokens[h]
      const token = randomToken()
      const expiresAt = new Date(at.getTime() + CADRE_WEB_TOKEN_TTL_MS).toISOString()
      data().tokens[sha256(token)] = { holder: g!.holder, expiresAt }
      await store.write()
      return { holder: g!.holder, token, expiresAt }
    },
    async bind(session, holder) {
      data().bindings[session] = holder
      await store.write()
    },
    async unbind(session) {
      if (!data().bindings[session]) return false
      delete data().bindings[session]
      await store.write()
      return true
    },
    bindingOf: (session) => data().bindings[session],
    bound: () => Object.entries(data().bindings).map(([session, holder]) => ({ session, holder })),
  }
}
