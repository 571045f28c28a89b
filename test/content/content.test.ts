import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, expect } from 'vitest'
import { loadContent, parsePolicyFile, ContentError } from '../../api/content/load.ts'
import { POLICY_CATEGORIES } from '../../api/content/schema.ts'
import { loadConfig } from '../../api/config.ts'

const config = loadConfig()
const content = loadContent(config.CONTENT_DIR)
const seedText = new Map<string, string>()
const seed = (doc: string) => {
  if (!seedText.has(doc)) seedText.set(doc, readFileSync(join(config.SOURCES_DIR, doc), 'utf8'))
  return seedText.get(doc)!
}

/** Numbers written in a text, without list markers such as "1." at a line start. */
function numbersIn(text: string): string[] {
  const withoutMarkers = text.replace(/^\s*\d+[.、)）]\s/gm, '')
  return withoutMarkers.match(/\d+(?:\.\d+)?/g) ?? []
}
const hasNumber = (haystack: string, n: string) =>
  new RegExp(`(?<![\\d.])${n.replace('.', '\\.')}(?![\\d]|\\.\\d)`).test(haystack)

describe('content files', () => {
  it('load and validate', () => {
    expect(content.policies.length).toBeGreaterThanOrEqual(50)
  })

  it('cover every category, and report achievements as 工作成效 entries', () => {
    for (const c of POLICY_CATEGORIES) expect(content.policies.filter((p) => p.category === c).length, c).toBeGreaterThan(0)
    expect(content.policies.filter((p) => p.kind === '工作成效').length).toBeGreaterThanOrEqual(8)
  })

  it('quote every seed document verbatim', () => {
    expect(existsSync(config.SOURCES_DIR), `SOURCES_DIR ${config.SOURCES_DIR}`).toBe(true)
    const missing: string[] = []
    for (const p of content.policies) {
      for (const s of p.sources) {
        if ('doc' in s && !seed(s.doc).includes(s.quote)) missing.push(`${p.file}: ${s.quote}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('state no number that their sources do not state', () => {
    const invented: string[] = []
    for (const p of content.policies) {
      const quotes = p.sources.map((s) => s.quote).join('\n')
      const stated = (n: string) => hasNumber(quotes, n) || n === String(p.year)
      for (const n of numbersIn(`${p.title}\n${p.body}`)) if (!stated(n)) invented.push(`${p.file}: ${n}`)
      for (const a of p.amounts) if (!stated(String(a.value))) invented.push(`${p.file}: amount ${a.value}${a.unit}`)
    }
    expect(invented).toEqual([])
  })

  it('give every parameter value a verbatim quote that states the value', () => {
    const wrong: string[] = []
    for (const p of content.parameters) {
      for (const v of p.values) {
        if (!('doc' in v.source)) continue
        if (!seed(v.source.doc).includes(v.source.quote)) wrong.push(`${p.file} ${p.id}: 原文里没有「${v.source.quote.slice(0, 30)}」`)
        if (!hasNumber(v.source.quote, String(v.value))) wrong.push(`${p.file} ${p.id}: 引文没有写 ${v.value}`)
      }
    }
    expect(content.parameters.length).toBeGreaterThanOrEqual(15)
    expect(wrong).toEqual([])
  })

  it('give every entry a short, phone-sized answer', () => {
    for (const p of content.policies) expect(p.body.length, p.file).toBeLessThanOrEqual(600)
  })
})

describe('a bad content file', () => {
  const good = readFileSync(join(config.CONTENT_DIR, 'policies', 'edu-yulu-plan.md'), 'utf8')
  const errorOf = (text: string, file = 'content/policies/edu-yulu-plan.md') => {
    try {
      parsePolicyFile(text, file)
    } catch (err) {
      return err as ContentError
    }
    throw new Error('expected a ContentError')
  }

  it('names the file and the field', () => {
    const err = errorOf(good.replace('category: 教育', 'category: 天气'))
    expect(err).toBeInstanceOf(ContentError)
    expect(err.message).toContain('edu-yulu-plan.md')
    expect(err.field).toBe('category')
  })

  it('names a missing source', () => {
    const err = errorOf(good.replace(/sources:[\s\S]*?contacts:/, 'contacts:'))
    expect(err.field).toBe('sources')
  })

  it('rejects a keyword that is a question, which would swallow the words of users\' questions', () => {
    const err = errorOf(good.replace('keywords: [雨露计划,', 'keywords: [雨露计划多少钱,'))
    expect(err.field).toBe('keywords.0')
    expect(err.message).toContain('疑问词')
  })

  it('rejects an id that does not match the file name', () => {
    expect(errorOf(good, 'content/policies/other.md').field).toBe('id')
  })

  it('rejects a file without front matter', () => {
    expect(errorOf('只有正文').message).toContain('front matter')
  })
})
