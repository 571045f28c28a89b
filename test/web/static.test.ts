import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, expect, beforeAll } from 'vitest'
import { ROOT } from '../../api/config.ts'
import { testApp } from '../support/app.ts'

type App = Awaited<ReturnType<typeof testApp>>['app']
let app: App
beforeAll(async () => {
  app = (await testApp()).app
})

const DIST = join(ROOT, 'web', 'dist')

describe("the pages' files as the server sends them", () => {
  it.each([
    ['/', 'index.html', 'text/html'],
    ['/app.js', 'app.js', 'text/javascript'],
    ['/app.css', 'app.css', 'text/css'],
  ])('%s comes compressed (brotli, gzip) to a phone that accepts it, and whole to one that does not', async (url, file, type) => {
    const raw = readFileSync(join(DIST, file))
    const br = await app.request(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(br.status).toBe(200)
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('content-type')).toContain(type)
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i)
    const brBody = Buffer.from(await br.arrayBuffer())
    expect(brBody.length).toBeLessThan(raw.length)
    expect(brotliDecompressSync(brBody).equals(raw)).toBe(true)

    const gz = await app.request(url, { headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(raw)).toBe(true)

    const plain = await app.request(url)
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(plain.headers.get('vary')).toMatch(/accept-encoding/i)
    expect(Buffer.from(await plain.arrayBuffer()).equals(raw)).toBe(true)
  })

  it('the page keeps its security policy when sent compressed', async () => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const res = await app.request('/', { headers: { 'accept-encoding': encoding } })
      expect([encoding, res.headers.get('content-security-policy')]).toEqual([encoding, expect.stringContaining("default-src 'self'")])
    }
  })

  it('has an icon: /favicon.svg is served, and /favicon.ico (asked for by browsers on their own) leads to it', async () => {
    const svg = await app.request('/favicon.svg')
    expect(svg.status).toBe(200)
    expect(svg.headers.get('content-type')).toContain('image/svg+xml')
    expect(await svg.text()).toContain('<svg')
    const ico = await app.request('/favicon.ico')
    expect(ico.status).toBe(301)
    expect(ico.headers.get('location')).toBe('/favicon.svg')
    expect(readFileSync(join(DIST, 'index.html'), 'utf8')).toContain('<link rel="icon" href="/favicon.svg"')
  })
})
