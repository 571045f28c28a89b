import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, inject } from 'vitest'
import { JSDOM } from 'jsdom'
import { API_BASE } from '../../miniprogram/src/config.ts'
import type { appWithWechat } from '../support/fake-wechat.ts'

type App = Awaited<ReturnType<typeof appWithWechat>>['service']['app']
type Callbacks = { success?: (r: any) => void; fail?: (e: any) => void; complete?: () => void }

/**
 * The `wx` a page sees, as WeChat would give it, with wx.request and wx.uploadFile answered by the real app
 * in process (the same routes, access rules and stores as over HTTP). It records what the page asked the
 * phone to do (calls, navigation, toasts) so tests assert what a user would see happen.
 */
export function phone(app: App, person: string) {
  const storage = new Map<string, unknown>()
  const seen = {
    calls: [] as string[],
    navigations: [] as string[],
    toasts: [] as string[],
    subscribeAsked: [] as string[][],
    /** what the page sent the service: method, path, JSON body (uploads as "photo") */
    requests: [] as { method: string; path: string; body?: unknown }[],
    logins: 0,
    clipboard: '',
  }
  const settings = { subscribe: 'accept' as string | 'fail', photo: '' as string, modal: '' }
  let inFlight = 0
  const answer = (cb: Callbacks, ok: boolean, r: unknown) => {
    if (ok) cb.success?.(r)
    else cb.fail?.(r)
    cb.complete?.()
  }
  const path = (url: string) => {
    expect(url.startsWith(API_BASE)).toBe(true)
    return url.slice(API_BASE.length)
  }
  const wx = {
    request(o: Callbacks & { url: string; method?: string; data?: unknown; header?: Record<string, string> }) {
      inFlight++
      const method = o.method ?? 'GET'
      seen.requests.push({ method, path: path(o.url), ...(o.data === undefined ? {} : { body: o.data }) })
      void Promise.resolve(
        app.request(path(o.url), {
          method,
          headers: o.header ?? {},
          ...(method === 'GET' || o.data === undefined ? {} : { body: JSON.stringify(o.data) }),
        }),
      )
        .then(async (res) => {
          const text = await res.text()
          let data: unknown = text
          try {
            data = JSON.parse(text)
          } catch {}
          answer(o, true, { statusCode: res.status, data, header: {} })
        })
        .finally(() => inFlight--)
    },
    uploadFile(o: Callbacks & { url: string; filePath: string; name: string; header?: Record<string, string> }) {
      inFlight++
      seen.requests.push({ method: 'POST', path: path(o.url), body: 'photo' })
      const form = new FormData()
      form.append(o.name, new Blob([new Uint8Array(readFileSync(o.filePath))]), 'photo.jpg')
      void Promise.resolve(app.request(path(o.url), { method: 'POST', headers: o.header ?? {}, body: form }))
        .then(async (res) => answer(o, true, { statusCode: res.status, data: await res.text() }))
        .finally(() => inFlight--)
    },
    login(o: Callbacks) {
      answer(o, true, { code: `${person}#${++seen.logins}`, errMsg: 'login:ok' })
    },
    requestSubscribeMessage(o: Callbacks & { tmplIds: string[] }) {
      seen.subscribeAsked.push(o.tmplIds)
      if (settings.subscribe === 'fail') return answer(o, false, { errMsg: 'requestSubscribeMessage:fail cancel' })
      answer(o, true, Object.fromEntries([['errMsg', 'requestSubscribeMessage:ok'], ...o.tmplIds.map((id) => [id, settings.subscribe])]))
    },
    makePhoneCall(o: Callbacks & { phoneNumber: string }) {
      seen.calls.push(o.phoneNumber)
      answer(o, true, {})
    },
    chooseMedia(o: Callbacks) {
      const size = readFileSync(settings.photo).length
      answer(o, true, { tempFiles: [{ tempFilePath: settings.photo, size, fileType: 'image' }], type: 'image' })
    },
    showModal(o: Callbacks) {
      answer(o, true, { confirm: !!settings.modal, cancel: !settings.modal, content: settings.modal })
    },
    setClipboardData(o: Callbacks & { data: string }) {
      seen.clipboard = o.data
      answer(o, true, {})
    },
    showToast(o: { title: string }) {
      seen.toasts.push(o.title)
    },
    navigateTo(o: { url: string }) {
      seen.navigations.push(o.url)
    },
    switchTab(o: { url: string }) {
      seen.navigations.push(o.url)
    },
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => void storage.set(k, structuredClone(v)),
    removeStorageSync: (k: string) => void storage.delete(k),
  }
  return { wx, seen, settings, storage, idle: () => inFlight === 0 }
}

/**
 * miniprogram-simulate renders into a DOM. Only the DOM is borrowed from jsdom (not vitest's jsdom
 * environment, whose URL, Blob and TextEncoder would break the real app the pages talk to).
 */
const dom = new JSDOM('<!doctype html><html><body></body></html>')
// j-component dispatches its events on jsdom's elements: they must be jsdom's Event, not Node's
for (const key of ['document', 'Node', 'Element', 'HTMLElement', 'Event', 'CustomEvent', 'MutationObserver', 'getComputedStyle'] as const)
  (globalThis as any)[key] = (dom.window as any)[key]
;(globalThis as any).window = dom.window
const simulate = (await import('miniprogram-simulate')).default

/** The mini-program as the test run built it (test/support/global-setup.ts), and its pages. */
export function miniprogram() {
  const dist = inject('miniprogramDist')
  return {
    dist,
    /** renders a page as WeChat would show it, with this phone's `wx` */
    /** a j-component root (untyped: its element API is the test's to use) */
    open(page: string, device: ReturnType<typeof phone>): any {
      ;(globalThis as any).wx = device.wx
      const id = simulate.load(join(dist, 'pages', page, page), { rootPath: dist })
      const comp = simulate.render(id)
      comp.attach(document.createElement('parent-wrapper'))
      return comp
    },
  }
}

/** Waits until the page shows what the test expects (its requests answered), or fails saying what it waited for. */
export async function until(what: string, ready: () => boolean, ms = 5000) {
  const start = Date.now()
  while (!ready()) {
    if (Date.now() - start > ms) throw new Error(`等了 ${ms} ms 还没有：${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

export const text = (comp: any, selector: string): string => comp.querySelector(selector)?.dom.textContent ?? ''
export const all = (comp: any, selector: string): any[] => comp.querySelectorAll(selector)
