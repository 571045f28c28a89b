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
  /** when each binding was made: a household's lapses after HOUSEHOLD_BINDING_TTL_MS (it verifies again) */
  boundAt: z.record(z.string(), z.string()).default({}),
  /** cadres the admin has disabled: none of their tokens, codes or bindings count */
  disabled: z.record(z.string(), z.object({ at: z.string() })).default({}),
})

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const live = (g: z.infer<typeof Grant> | undefined, at: Date) => !!g && (g.expiresAt === null || Date.parse(g.expiresAt) > at.getTime())

export const BINDING_CODE = /^\d{6}$/
const CODE_TTL_MS = 24 * 3600 * 1000
/** a household's sign-in on the web lasts a month; a cadre's token until the admin issues a new one */
const HOUSEHOLD_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000
/** a cadre's web sign-in with a binding code lasts a month too (the admin's token for them stays valid) */
const CADRE_WEB_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000
/** a verified household's WeChat lasts a month, as its web sign-in: then it verifies again */
const HOUSEHOLD_BINDING_TTL_MS = 30 * 24 * 3600 * 1000

/** Tokens, one-time binding codes, and which WeChat conversations are bound to whom. */
export interface AccessRepository {
  /** a new token for a cadre; the cadre's earlier tokens, codes and WeChat bindings stop working */
  issueCadreToken(cadreId: string): Promise<string>
  /** every token, code and WeChat binding of a cadre revoked at once; `disable` also keeps them from getting new ones */
  revokeCadre(cadreId: string, at: Date, disable: boolean): Promise<{ tokens: number; bindings: number }>
  enableCadre(cadreId: string): Promise<void>
  isDisabled(cadreId: string): boolean
  /** the WeChat conversations bound to a holder (a cadre, or a verified household), with when */
  bindingsOf(holder: Holder): { session: string; boundAt: string | null }[]
  /** removes them, and for a household its web sign-ins too; how many conversations */
  revokeBindings(holder: Holder): Promise<number>
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
  bind(session: string, holder: Holder, at: Date): Promise<void>
  unbind(session: string): Promise<boolean>
  /** whom a conversation is bound to now (a household's binding lapses after a month) */
  bindingOf(session: string, at: Date): Holder | undefined
  /** every bound conversation (few: one per cadre or verified member using WeChat) */
  bound(): { session: string; holder: Holder }[]
}

export async function openAccessRepository(dataDir: string): Promise<AccessRepository> {
  const store = await openJsonStore(join(dataDir, 'access.json'), AccessFile, {
    tokens: {},
    codes: {},
    bindings: {},
    boundAt: {},
    disabled: {},
  })
  const data = () => store.data
  const same = (a: Holder, b: Holder) =>
    a.kind === b.kind && (a.kind === 'cadre' ? a.cadreId === (b as typeof a).cadreId : a.householdId === (b as typeof a).householdId)
  /** drops what stands for the holder; returns how many tokens and bindings went */
  const drop = (holder: Holder, what: { tokens: boolean; codes: boolean; bindings: boolean }) => {
    let tokens = 0
    let bindings = 0
    if (what.tokens)
      for (const [hash, g] of Object.entries(data().tokens))
        if (same(g.holder, holder)) {
          delete data().tokens[hash]
          tokens++
        }
    if (what.codes) for (const [hash, g] of Object.entries(data().codes)) if (same(g.holder, holder)) delete data().codes[hash]
    if (what.bindings)
      for (const [session, h] of Object.entries(data().bindings))
        if (same(h, holder)) {
          delete data().bindings[session]
          delete data().boundAt[session]
          bindings++
        }
    return { tokens, bindings }
  }
  const disabledHolder = (h: Holder) => h.kind === 'cadre' && !!data().disabled[h.cadreId]
  return {
    async issueCadreToken(cadreId) {
      drop({ kind: 'cadre', cadreId }, { tokens: true, codes: true, bindings: true })
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
    async revokeCadre(cadreId, at, disable) {
      const gone = drop({ kind: 'cadre', cadreId }, { tokens: true, codes: true, bindings: true })
      if (disable) data().disabled[cadreId] = { at: at.toISOString() }
      await store.write()
      return gone
    },
    async enableCadre(cadreId) {
      delete data().disabled[cadreId]
      await store.write()
    },
    isDisabled: (cadreId) => !!data().disabled[cadreId],
    bindingsOf: (holder) =>
      Object.entries(data().bindings)
        .filter(([, h]) => same(h, holder))
        .map(([session]) => ({ session, boundAt: data().boundAt[session] ?? null })),
    async revokeBindings(holder) {
      const { bindings } = drop(holder, { tokens: holder.kind === 'household', codes: false, bindings: true })
      await store.write()
      return bindings
    },
    tokenHolder(token, at) {
      const g = data().tokens[sha256(token)]
      return live(g, at) && !disabledHolder(g!.holder) ? g!.holder : undefined
    },
    async issueBindingCode(cadreId, at) {
      // one live code per cadre: a new one replaces the last
      drop({ kind: 'cadre', cadreId }, { tokens: false, codes: true, bindings: false })
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
      if (!live(g, at) || disabledHolder(g!.holder)) return undefined
      delete data().codes[hash]
      data().bindings[session] = g!.holder
      data().boundAt[session] = at.toISOString()
      await store.write()
      return g!.holder
    },
    async exchangeBindingCode(code, at) {
      const hash = sha256(code)
      const g = data().codes[hash]
      if (!live(g, at) || disabledHolder(g!.holder)) return undefined
      delete data().codes[hash]
      for (const [h, t] of Object.entries(data().tokens)) if (!live(t, at)) delete data().tokens[h]
      const token = randomToken()
      const expiresAt = new Date(at.getTime() + CADRE_WEB_TOKEN_TTL_MS).toISOString()
      data().tokens[sha256(token)] = { holder: g!.holder, expiresAt }
      await store.write()
      return { holder: g!.holder, token, expiresAt }
    },
    async bind(session, holder, at) {
      data().bindings[session] = holder
      data().boundAt[session] = at.toISOString()
      await store.write()
    },
    async unbind(session) {
      if (!data().bindings[session]) return false
      delete data().bindings[session]
      delete data().boundAt[session]
      await store.write()
      return true
    },
    bindingOf(session, at) {
      const holder = data().bindings[session]
      if (!holder || disabledHolder(holder)) return undefined
      const since = data().boundAt[session]
      // a household bound before the date was kept has no date: it verifies again, like one past its month
      if (holder.kind === 'household' && (!since || at.getTime() - Date.parse(since) > HOUSEHOLD_BINDING_TTL_MS)) return undefined
      return holder
    },
    bound: () =>
      Object.entries(data().bindings)
        .filter(([, holder]) => !disabledHolder(holder))
        .map(([session, holder]) => ({ session, holder })),
  }
}
