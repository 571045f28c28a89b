import { describe, it, expect } from 'vitest'
import { testApp } from '../support/app.ts'

const HAN = /[\u4e00-\u9fa5]/

describe('the API document', () => {
  it('has every route the app serves, each with a Chinese summary and its request and response schemas', async () => {
    const { app } = await testApp()
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<
          string,
          { summary?: string; requestBody?: unknown; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }
        >
      >
    }
    const served = app.routes
      .filter((r) => r.method !== 'ALL' && /^\/(api|open311|health)/.test(r.path))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
    expect(served.length).toBeGreaterThan(40)
    expect(served.filter((r) => !documented.includes(r))).toEqual([])
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect([path, method, HAN.test(op.summary ?? '')]).toEqual([path, method, true])
        const ok = Object.entries(op.responses).find(([status]) => status.startsWith('2'))
        expect([path, method, !!ok && Object.values(ok[1].content ?? {}).every((c) => !!c.schema)]).toEqual([path, method, true])
        if (method === 'post' || method === 'put') {
          // a body-less action (unbind, sweep, digest, tokens, disable/enable a cadre) has no requestBody; every other write declares one
          const bodyless = /\/(unbind|sweep|digest|token|binding-code|disable|enable)$/.test(path)
          expect([path, method, bodyless || !!op.requestBody]).toEqual([path, method, true])
        }
      }
    }
  })

  it('describes every field a request may send, so that a 400 can name it (户主姓名（name）, not 字段 name)', async () => {
    const { app } = await testApp()
    const doc = (await (await app.request('/openapi.json')).json()) as any
    const resolve = (s: any): any => (s?.$ref ? resolve(doc.components.schemas[s.$ref.split('/').at(-1)]) : s)
    const undescribed: string[] = []
    const walk = (schema: any, where: string) => {
      const s = resolve(schema)
      for (const part of [...(s?.anyOf ?? []), ...(s?.oneOf ?? []), ...(s?.allOf ?? [])]) walk(part, where)
      if (s?.items) walk(s.items, `${where}[]`)
      for (const [key, prop] of Object.entries<any>(s?.properties ?? {})) {
        const p = resolve(prop)
        const described = prop.description ?? p?.description ?? p?.anyOf?.map(resolve).find((x: any) => x?.description)?.description
        if (!described) undescribed.push(`${where}.${key}`)
        walk(prop, `${where}.${key}`)
      }
    }
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        for (const p of op.parameters ?? [])
          if (!p.description && !p.schema?.description) undescribed.push(`${method} ${path} ${p.in} ${p.name}`)
        const body = op.requestBody?.content?.['application/json']?.schema
        if (body) walk(body, `${method} ${path} body`)
      }
    }
    expect(undescribed).toEqual([])
  })

  it('is readable at /docs without any CDN', async () => {
    const { app } = await testApp()
    const page = await app.request('/docs')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('/docs/swagger-ui-bundle.js')
    expect(html).not.toMatch(/https?:\/\//)
    expect((await app.request('/docs/swagger-ui-bundle.js')).status).toBe(200)
    expect((await app.request('/docs/swagger-ui.css')).status).toBe(200)
    expect((await app.request('/docs/init.js')).status).toBe(200)
  })
})
