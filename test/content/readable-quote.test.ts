import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, expect } from 'vitest'
import * as OpenCC from 'opencc-js/t2cn'
import { loadContent } from '../../api/content/load.ts'
import { loadConfig } from '../../api/config.ts'
import { readableQuote, quoteContext, stripPinyin, markPlaceholders, mojibakeSpans } from '../../api/content/readable-quote.ts'

const config = loadConfig()
const content = loadContent(config.CONTENT_DIR, { sourcesDir: config.SOURCES_DIR })
const seedText = new Map<string, string>()
const seed = (doc: string) => {
  if (!seedText.has(doc)) seedText.set(doc, readFileSync(join(config.SOURCES_DIR, doc), 'utf8'))
  return seedText.get(doc)!
}

/** Every source people can be shown: the entries' and the eligibility parameters'. */
const allSources = [
  ...content.policies.flatMap((p) => p.sources.map((s) => ({ where: p.file, s }))),
  ...content.parameters.flatMap((p) => p.values.map((v) => ({ where: `${p.file} ${p.id}`, s: v.source }))),
]
const seedSources = allSources.flatMap(({ where, s }) => ('doc' in s ? [{ where, s }] : []))

// An independent check of the script: the plain 't' table (not the 'tw' one the display uses).
const traditionalToSimplified = OpenCC.Converter({ from: 't', to: 'cn' })
const twToSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' })
const TONE_MARK = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/u
/** Letters, digits and characters only: punctuation and our marks (… 「」) do not count. */
const words = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, '')

describe('the display form of a quote', () => {
  it('removes bracketed pinyin, and the halves of one the quote was cut through', () => {
    expect(stripPinyin('扎實推進農(nóng)村牧區(qū)低保制度')).toBe('扎實推進農村牧區低保制度')
    expect(stripPinyin('發(fā)展思路（xù）')).toBe('發展思路')
    expect(stripPinyin('ng)村牧區')).toBe('村牧區')
    expect(stripPinyin('全局牽頭負責農(nó')).toBe('全局牽頭負責農')
    // brackets that are not pinyin stay
    expect(stripPinyin('至少3次(1月30日前)；(一)開發')).toBe('至少3次(1月30日前)；(一)開發')
  })

  it('cuts a mis-decoded run out and marks the cut with …', () => {
    expect(readableQuote('考入全日制本??圃盒5拿咳艘淮涡苑謩e補助4萬元和3萬元')).toBe('考入全日制本…补助4万元和3万元')
    expect(readableQuote('资金\uFFFD\uFFFD到位')).toBe('资金…到位')
    expect(readableQuote('锟斤拷锟斤拷贫困户')).toBe('…贫困户')
    expect(readableQuote('两个??乱码，中间的正文保留，又一个??乱码')).toBe('两个…乱码，中间的正文保留，又一个…乱码')
    // numbers with their units and a single question mark are text, not debris
    expect(mojibakeSpans('补助4万元和3万元，怎么办呢?')).toEqual([])
  })

  it('is Simplified, with Chinese punctuation', () => {
    expect(readableQuote('對幫扶不及時、整改遲緩的予以通報批評,並建議追究相關(guān)人員責任')).toBe('对帮扶不及时、整改迟缓的予以通报批评，并建议追究相关人员责任')
    expect(readableQuote('規劃跟著群眾走')).toBe('规划跟着群众走')
    expect(readableQuote('至少3次(1月30日前、3月30日前),發放1,000元;')).toBe('至少3次（1月30日前、3月30日前），发放1,000元；')
  })

  it('shows a place the source left anonymous as a quoted name, except inside a document title', () => {
    expect(markPlaceholders('XX市委、市政府在xx县召开')).toBe('「XX市」委、市政府在「xx县」召开')
    expect(markPlaceholders('分别在XX、淄博召开')).toBe('分别在「XX」、淄博召开')
    expect(markPlaceholders('制定了《XX市2020年脱贫攻坚工作要点》')).toBe('制定了《XX市2020年脱贫攻坚工作要点》')
    expect(markPlaceholders('已标好的「XX市」')).toBe('已标好的「XX市」')
  })

  it('marks with … where the quote was cut out of a longer sentence', () => {
    const text = '一、总则\n全市共有贫困户100户,其中低保户20户。(一)落实帮扶责任,每户都有帮扶人。'
    expect(quoteContext(text, '全市共有贫困户100户')).toEqual({ cutBefore: false, cutAfter: true })
    expect(quoteContext(text, '其中低保户20户')).toEqual({ cutBefore: true, cutAfter: false })
    expect(quoteContext(text, '落实帮扶责任')).toEqual({ cutBefore: false, cutAfter: true })
    expect(quoteContext(text, '不在原文里')).toBeNull()
    expect(readableQuote('其中低保户20户', quoteContext(text, '其中低保户20户'))).toBe('…其中低保户20户')
    expect(readableQuote('全市共有贫困户100户,', { cutBefore: false, cutAfter: true })).toBe('全市共有贫困户100户…')
  })
})

describe('every quote in the knowledge base, as shown', () => {
  it('is produced when content is loaded, for entries and parameters alike', () => {
    expect(seedSources.length).toBeGreaterThan(300)
    for (const { where, s } of allSources) expect(s.display, where).toBeTruthy()
  })

  it('is Simplified text without pinyin or mojibake', () => {
    const unreadable: string[] = []
    for (const { where, s } of allSources) {
      const d = s.display
      if (traditionalToSimplified(d) !== d) unreadable.push(`${where}: Traditional: ${d}`)
      if (TONE_MARK.test(d) || /[(（][a-z]+[)）]/.test(d)) unreadable.push(`${where}: pinyin: ${d}`)
      if (/\?|？？|\uFFFD|锟斤拷/u.test(d)) unreadable.push(`${where}: mojibake: ${d}`)
    }
    expect(unreadable).toEqual([])
  })

  it('shows the mis-decoded 乌审旗 grant quote cut and marked', () => {
    const grant = content.policies.find((p) => p.id === 'edu-college-entry-grant')!
    expect(grant.sources.map((s) => s.display)).toContain('…考入全日制本…补助4万元和3万元')
  })

  it('adds no word of its own: every piece between the marks is in the seed', () => {
    const plainSeed = new Map<string, string>()
    const plain = (doc: string) => {
      const traditional = content.sources.find((d) => d.doc === doc)?.script === '繁体'
      if (!plainSeed.has(doc)) plainSeed.set(doc, words(traditional ? twToSimplified(stripPinyin(seed(doc))) : seed(doc)))
      return plainSeed.get(doc)!
    }
    const added: string[] = []
    for (const { where, s } of seedSources) {
      for (const piece of s.display.split('…').map(words).filter(Boolean)) {
        if (!plain(s.doc).includes(piece)) added.push(`${where}: ${piece}`)
      }
    }
    expect(added).toEqual([])
  })

  it('leaves quotes of Simplified seeds word for word as they are', () => {
    const simplifiedDocs = new Set(content.sources.filter((d) => d.script === '简体').map((d) => d.doc))
    const changed = seedSources
      .filter(({ s }) => simplifiedDocs.has(s.doc) && !/\?{2}|\uFFFD/u.test(s.quote))
      .filter(({ s }) => words(s.display) !== words(s.quote))
      .map(({ where, s }) => `${where}: ${s.quote} → ${s.display}`)
    expect(changed).toEqual([])
  })

  it('says where the quote goes on in the document when the seeds are at hand, and only then', () => {
    const marked = (policies: typeof content.policies) => policies.flatMap((p) => p.sources).filter((s) => /^…|…$/u.test(s.display)).length
    const withoutSeeds = loadContent(config.CONTENT_DIR)
    expect(marked(content.policies)).toBeGreaterThan(100)
    expect(marked(withoutSeeds.policies)).toBe(0)
    // the quote itself is the seed's text either way
    expect(withoutSeeds.policies.flatMap((p) => p.sources.map((s) => s.quote))).toEqual(content.policies.flatMap((p) => p.sources.map((s) => s.quote)))
  })
})
