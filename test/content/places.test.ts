import { describe, it, expect } from 'vitest'
import { loadContent } from '../../api/content/load.ts'
import { loadConfig } from '../../api/config.ts'
import { PLACEHOLDER } from '../../api/content/readable-quote.ts'
import { firstLine, hasPlaceNotice } from '../../api/content/place-notice.ts'
import { buildKnowledge } from '../../api/domain/knowledge.ts'
import { ask } from '../../api/domain/qa/answer.ts'

/**
 * Whose figures an answer gives. The seeds are other places' documents (乌审旗, 石首市, and places they
 * leave anonymous: XX市, xx县; editors wrote 某市/某乡/某镇 where a document only says 全市/我乡). A villager
 * of our county must not take them for our county's: every entry from elsewhere says so in its first line.
 *
 * Marking rule for anonymous places (XX市, xx县, XX, xxxx户, 某市, 某县, 某乡, 某镇 … — PLACEHOLDER in
 * api/content/readable-quote.ts): in any text a user is shown, such a name may appear only
 *   1. inside 「」 — a name quoted as the document writes it (「XX市」), or
 *   2. inside 《》 — part of a document's title (《XX市脱贫攻坚工作总结2020》; pages and the bot always show
 *      document titles in 《》);
 * and an entry's text that contains one must say 外地 or 其他地方 in its first line, so the reader knows
 * 「XX市」 is some other place. Shown to users: entry titles, texts, regions (适用：…), amounts' `who`,
 * display quotes, document titles, and everything in the contacts directory. Not covered: `questions` and
 * `keywords`, which are what users type (search matches them), not what the assistant states.
 */
const config = loadConfig()
const content = loadContent(config.CONTENT_DIR, { sourcesDir: config.SOURCES_DIR })
const ourCounty = content.contacts.region

/** Placeholders left once quoted names 「…」 and document titles 《…》 are set aside. */
const unmarked = (text: string) => text.replace(/「[^」]*」|《[^》]*》/gu, '').match(PLACEHOLDER) ?? []
const isPlaceholder = (text: string) => new RegExp(PLACEHOLDER.source, 'u').test(text)
/** National rules apply here as they are; an entry from our own county needs no warning either. */
const fromElsewhere = (region: string) => region !== '全国' && !region.includes(ourCounty)

describe('an entry with another place\'s figures', () => {
  it('says so in the first line of its text: whose they are, and that our county goes by its own documents', () => {
    const silent: string[] = []
    for (const p of content.policies.filter((p) => fromElsewhere(p.region))) {
      const line = firstLine(p.body)
      const says = /外地|其他地方/.test(line) || ['乌审旗', '石首市'].some((place) => p.region.includes(place) && line.includes(place))
      // 以下是…，本县以县里文件为准。 / 以下是…，不是本县的数字。 (api/content/place-notice.ts)
      if (!says || !hasPlaceNotice(p.body)) silent.push(`${p.file}: ${line}`)
    }
    expect(content.policies.filter((p) => fromElsewhere(p.region)).length).toBeGreaterThan(100)
    expect(silent).toEqual([])
  })

  it('names in that line the place, when its region is one real place', () => {
    const wrong: string[] = []
    for (const p of content.policies) {
      const places = p.region.match(/乌审旗|石首市|[XxＸｘ]{2,}[省市县区乡镇村旗州]?|某[省市县区乡镇村旗州]/gu) ?? []
      if (places.length === 1 && !isPlaceholder(places[0]!) && !firstLine(p.body).includes(places[0]!)) wrong.push(`${p.file}: ${firstLine(p.body)}`)
    }
    expect(wrong).toEqual([])
  })

  it('is still found by what it is about, not by the words of that line', () => {
    const k = buildKnowledge(content)
    // words only the notices use: indexed, they would make this look like a question the base can answer
    expect(ask(k, '外地的做法').answer).toBeNull()
    expect(ask(k, '孩子上高职有补助吗').answer?.policyId).toBe('edu-yulu-plan')
  })
})

describe('what users are shown', () => {
  it('names an anonymous place only as a quoted name or inside a document title', () => {
    const texts: [string, string][] = [
      ...content.policies.flatMap((p): [string, string][] => [
        [`${p.file} title`, p.title],
        [`${p.file} body`, p.body],
        [`${p.file} region`, p.region],
        ...p.amounts.map((a, i): [string, string] => [`${p.file} amounts.${i}.who`, a.who]),
        ...p.sources.map((s, i): [string, string] => [`${p.file} sources.${i}.display`, s.display]),
      ]),
      ...content.parameters.flatMap((p) => p.values.map((v, i): [string, string] => [`${p.file} ${p.id}.values.${i}.display`, v.source.display])),
      ...content.sources.map((d): [string, string] => [`content/sources.yaml ${d.doc}`, `《${d.title}》`]),
      ['content/contacts.yaml notice', content.contacts.notice],
      ...content.contacts.offices.flatMap((o): [string, string][] => [
        [`content/contacts.yaml ${o.id}`, [o.name, o.town ?? '', o.village ?? '', o.hours ?? '', o.address ?? '', ...o.duties].join(' ')],
      ]),
      ...content.contacts.towns.map((t): [string, string] => [`content/contacts.yaml towns`, [t.name, ...t.villages].join(' ')]),
    ]
    const bare = texts.flatMap(([where, text]) => unmarked(text).map((name) => `${where}: ${name}`))
    expect(bare).toEqual([])
  })

  it('tells the reader in the first line that a quoted anonymous name is another place', () => {
    const quotesAnonymous = (text: string) => (text.match(/「[^」]*」/gu) ?? []).some(isPlaceholder)
    const unexplained = content.policies
      .filter((p) => quotesAnonymous(p.body) && !/外地|其他地方/.test(firstLine(p.body)))
      .map((p) => `${p.file}: ${firstLine(p.body)}`)
    expect(unexplained).toEqual([])
  })

  it('applies the rule as documented', () => {
    expect(unmarked('「XX市」2020年的标准，见《XX市脱贫攻坚工作总结2020》')).toEqual([])
    expect(unmarked('XX市2020年的标准')).toEqual(['XX市'])
    expect(unmarked('某乡要求每月驻村')).toEqual(['某乡'])
    expect(unmarked('全县共有贫困村xx个')).toEqual(['xx'])
    expect(fromElsewhere('乌审旗')).toBe(true)
    expect(fromElsewhere('全国')).toBe(false)
    expect(fromElsewhere(ourCounty)).toBe(false)
  })
})
