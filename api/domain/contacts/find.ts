import Fuse from 'fuse.js'
import { normalize } from '../text/normalize.ts'
import { assess, contactCard, type ContactCard } from '../qa/answer.ts'
import type { Knowledge } from '../knowledge.ts'
import type { Office } from '../../content/schema.ts'

export interface ContactQuery {
  q?: string | undefined
  town?: string | undefined
  village?: string | undefined
}

const FUSE_THRESHOLD = 0.35

/** Offices by name, duty or place (typos tolerated), or by the topic of a question: "房子漏雨找谁" → 住建局. */
export function findContacts(k: Knowledge, query: ContactQuery): ContactCard[] {
  const offices = [...k.offices.values()]
  const town = query.town ? normalize(query.town) : undefined
  const village = query.village ? normalize(query.village) : undefined
  const local = offices.filter(
    (o) =>
      (!town || (o.town !== null && normalize(o.town) === town)) && (!village || (o.village !== null && normalize(o.village) === village)),
  )

  const placed = Boolean(town || village)
  let chosen: Office[]
  if (!query.q?.trim()) {
    chosen = placed ? local : offices
  } else {
    const county = offices.filter((o) => o.town === null)
    chosen = byName(placed ? [...local, ...county] : offices, query.q)
    if (chosen.length === 0) chosen = [...(placed ? local : []), ...byTopic(k, county, query.q)]
  }
  return chosen.map((o) => contactCard(k, o))
}

function byName(pool: Office[], q: string): Office[] {
  const fuse = new Fuse(
    pool.map((o) => ({
      office: o,
      name: normalize(o.name),
      duties: o.duties.map(normalize),
      place: normalize(`${o.town ?? ''}${o.village ?? ''}`),
    })),
    {
      keys: [
        { name: 'name', weight: 2 },
        { name: 'duties', weight: 1 },
        { name: 'place', weight: 1.5 },
      ],
      includeScore: true,
      ignoreLocation: true,
      threshold: FUSE_THRESHOLD,
    },
  )
  return fuse.search(normalize(q)).map((r) => r.item.office)
}

/**
 * County offices for the topic of a question: those its best answer names, else those of its category.
 * A tentative answer is enough here: "危房改造" ranks three housing entries close together, and all of
 * them name the same office.
 */
function byTopic(k: Knowledge, county: Office[], q: string): Office[] {
  const { result, tier } = assess(k, q)
  const top = result.hits[0]
  if (!top || tier === 'none') return []
  const named = county.filter((o) => top.entry.contacts.includes(o.id))
  return named.length > 0 ? named : county.filter((o) => o.categories.includes(top.entry.category))
}
