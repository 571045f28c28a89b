import { describe, it, expect } from 'vitest'
import { loadContent } from '../../api/content/load.ts'
import { loadConfig } from '../../api/config.ts'
import { PLACEHOLDER } from '../../api/content/readable-quote.ts'
import { firstLine, hasPlaceNotice } from '../../api/content/place-notice.ts'
import { buildKnowledge } from '../../api/knowledge.ts'
import { ask } from '../../api/domain/qa/answer.ts'

/**
 * Whose figures an answer gives. The seeds are other places' documents (乌审旗, 石首市, and places they
 * leave anonymous: XX市, xx县; editors wrote 某市/某乡/某镇 where a document only says 全市/我乡). A villager
 * of our county must not take them for our county's: every entry from elsewhere says so in its first line.
 */
const config = loadConfig()
const content = loadContent(config.CONTENT_DIR, { sourcesDir: config.SOURCES_DIR })
const ourCounty = content.contacts.region

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
