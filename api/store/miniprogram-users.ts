import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from '../lib/zod.ts'
import { randomToken } from '../lib/secrets.ts'
import { openJsonStore } from './json-store.ts'
import { StoreError } from './store-error.ts'
import { replaceFile } from './replace-file.ts'

/** What the user answered when the page asked to send updates (wx.requestSubscribeMessage, per template). */
export const SubscribeResult = z.enum(['accept', 'reject', 'ban', 'filter']).describe('用户对订阅消息的选择')
export type SubscribeResult = z.infer<typeof SubscribeResult>

const UsersFile = z.object({
  /** HMAC of the openid → the openid sealed with the key file (needed only to send pushes), first sign-in */
  users: z.record(z.string(), z.object({ sealed: z.string(), since: z.string() })),
  /** sha256 of a session token → the user's HMAC and when the token lapses */
  tokens: z.record(z.string(), z.object({ user: z.string(), expiresAt: z.string() })),
  /** "<session> <topic>" (topic: a ticket, or "cadre") → what the user answered for that template */
  subscriptions: z.record(z.string(), z.object({ template: z.string(), result: SubscribeResult, at: z.string() })),
})

/** a mini-program's sign-in lasts as long as a household's web sign-in; the page signs in again after */
const TOKEN_TTL_MS = 30 * 24 * 3600 * 1000
const KEY_FILE = 'miniprogram.key'
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

/** A mini-program user's session key, as the rest of the service knows it. */
export const miniprogramSession = (user: string) => `mp:${user}`

export interface MiniprogramUsers {
  /** Signs the WeChat user in (first time: remembers them) and issues a session token. */
  signIn(openid: string, at: Date): Promise<{ session: string; token: string; expiresAt: string }>
  /** The session a live token stands for. */
  sessionOf(token: string, at: Date): string | undefined
  /** The openid to push to, for a session of ours. */
  openidOf(session: string): string | undefined
  subscribe(session: string, topic: string, template: string, result: SubscribeResult, at: Date): Promise<void>
  subscription(session: string, topic: string): { template: string; result: SubscribeResult } | undefined
}

/**
 * The mini-program's users. The openid is WeChat's stable id of a person for our app: it is kept only as an
 * HMAC (the key of the user record and of the session) and, for sending subscription messages, sealed with
 * AES-256-GCM under a key kept in its own file (miniprogram.key, 0600). A copy of miniprogram.json alone
 * names no one.
 */
export async function openMiniprogramUsers(dataDir: string): Promise<MiniprogramUsers> {
  const store = await openJsonStore(join(dataDir, 'miniprogram.json'), UsersFile, { users: {}, tokens: {}, subscriptions: {} })
  // made at the first sign-in: a service without mini-program users has no key to keep
  let key = readKey(dataDir, Object.keys(store.data.users).length > 0)
  const userOf = (k: Buffer, openid: string) => createHmac('sha256', k).update(openid).digest('hex').slice(0, 32)
  const users = () => store.data.users
  return {
    async signIn(openid, at) {
      key ??= await makeKey(dataDir)
      const user = userOf(key, openid)
      users()[user] ??= { sealed: seal(key, openid), since: at.toISOString() }
      // lapsed tokens are dropped as new ones are issued: the file does not grow with every sign-in
      for (const [hash, t] of Object.entries(store.data.tokens)) if (Date.parse(t.expiresAt) <= at.getTime()) delete store.data.tokens[hash]
      const token = randomToken()
      const expiresAt = new Date(at.getTime() + TOKEN_TTL_MS).toISOString()
      store.data.tokens[sha256(token)] = { user, expiresAt }
      await store.write()
      return { session: miniprogramSession(user), token, expiresAt }
    },
    sessionOf(token, at) {
      const t = store.data.tokens[sha256(token)]
      return t && Date.parse(t.expiresAt) > at.getTime() ? miniprogramSession(t.user) : undefined
    },
    openidOf(session) {
      const u = session.startsWith('mp:') ? users()[session.slice(3)] : undefined
      return u && key && unseal(key, u.sealed)
    },
    async subscribe(session, topic, template, result, at) {
      store.data.subscriptions[`${session} ${topic}`] = { template, result, at: at.toISOString() }
      await store.write()
    },
    subscription(session, topic) {
      return store.data.subscriptions[`${session} ${topic}`]
    },
  }
}

/** The key, if made. Once users are recorded a missing key would orphan them all: refuse to start. */
function readKey(dataDir: string, needed: boolean): Buffer | undefined {
  const file = join(dataDir, KEY_FILE)
  if (!existsSync(file)) {
    if (needed) throw new StoreError(file, '文件不见了，而 miniprogram.json 里已有小程序用户：请从备份恢复这个文件')
    return undefined
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex')
  if (key.length !== 32) throw new StoreError(file, '密钥应为64位十六进制数')
  return key
}

async function makeKey(dataDir: string): Promise<Buffer> {
  const key = randomBytes(32)
  await replaceFile(join(dataDir, KEY_FILE), (h) => h.writeFile(`${key.toString('hex')}\n`))
  return key
}

function seal(key: Buffer, text: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
}

function unseal(key: Buffer, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64')
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
  decipher.setAuthTag(raw.subarray(12, 28))
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
}
