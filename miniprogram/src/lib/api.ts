import { API_BASE } from '../config.ts'

/** A request the service refused or could not answer, with its Chinese message for the person. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'
interface Raw {
  status: number
  data: unknown
}

const KEY = 'session'
interface Session {
  token: string
  expiresAt: string
  me: Me
}
export type Me = {
  kind: 'public' | 'cadre' | 'household' | 'admin' | 'bot'
  name?: string
  role?: string
  town?: string
  villages?: string[]
  householdId?: string
}

function send(method: Method, path: string, data: unknown, token: string | undefined): Promise<Raw> {
  return new Promise((resolve) => {
    wx.request({
      url: `${API_BASE}${path}`,
      method,
      ...(data === undefined ? {} : { data: data as WechatMiniprogram.IAnyObject }),
      header: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      success: (res) => resolve({ status: res.statusCode, data: res.data }),
      // no network, or the domain not on the whitelist
      fail: () => resolve({ status: 0, data: null }),
    })
  })
}

/** The service's Chinese message for a failure, or ours when there was no answer at all. */
export function messageOf(r: Raw): string {
  const body = r.data as { error?: { message?: string } } | null
  if (body?.error?.message) return body.error.message
  if (r.status === 0) return '网络不通，请检查网络后再试。'
  return '服务暂时出了问题，请稍后再试。'
}

// The phone's clock may be anything: whether the token still works is the service's to say (a 401, and
// call() signs in again), never judged here from expiresAt.
const stored = (): Session | undefined => (wx.getStorageSync(KEY) as Session | '') || undefined

/** wx.login → POST /api/wx/login: the token every later request carries. */
export async function signIn(): Promise<Session> {
  const code = await new Promise<string>((resolve, reject) =>
    wx.login({ success: (r) => resolve(r.code), fail: () => reject(new ApiFailure(0, '微信登录没有成功，请稍后再试。')) }),
  )
  const res = await send('POST', '/api/wx/login', { code }, undefined)
  if (res.status !== 201) throw new ApiFailure(res.status, messageOf(res))
  const s = res.data as Session
  wx.setStorageSync(KEY, s)
  return s
}

export async function session(): Promise<Session> {
  return stored() ?? signIn()
}

/** Who this user is now (after a binding or a 核验 the server says so on the next sign-in or /api/me). */
export async function me(): Promise<Me> {
  const who = await call<Me>('GET', '/api/me')
  const s = stored()
  if (s) wx.setStorageSync(KEY, { ...s, me: who })
  return who
}

/** A JSON call as this user; a lapsed token signs in again once. */
export async function call<T>(method: Method, path: string, data?: unknown): Promise<T> {
  let s = await session()
  let res = await send(method, path, data, s.token)
  if (res.status === 401 && (res.data as { error?: { code?: string } } | null)?.error?.code === 'UNAUTHORIZED') {
    s = await signIn()
    res = await send(method, path, data, s.token)
  }
  if (res.status < 200 || res.status >= 300) throw new ApiFailure(res.status, messageOf(res))
  return res.data as T
}

/** wx.uploadFile of a photo to a report (multipart field "photo"); an anonymous report's with its query code. */
export async function uploadPhoto(ticket: string, filePath: string, code?: string): Promise<void> {
  const s = await session()
  const res = await new Promise<Raw>((resolve) =>
    wx.uploadFile({
      url: `${API_BASE}/api/reports/${ticket}/photos${query({ code })}`,
      filePath,
      name: 'photo',
      header: { authorization: `Bearer ${s.token}` },
      success: (r) => resolve({ status: r.statusCode, data: safeJson(r.data) }),
      fail: () => resolve({ status: 0, data: null }),
    }),
  )
  if (res.status !== 201) throw new ApiFailure(res.status, messageOf(res))
}

const safeJson = (text: string) => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

export const query = (params: Record<string, string | undefined>) => {
  const pairs = Object.entries(params).filter((p): p is [string, string] => !!p[1])
  return pairs.length ? `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : ''
}
