import { localMinute } from '../../lib/calendar.ts'
import type { PushCard } from './push-card.ts'

/** Where a template field's value comes from: a field of the card, or the time of the notice. */
export type CardSource = 'ticket' | 'title' | 'note' | 'time'
export type FieldMap = { field: string; source: CardSource }[]

const SOURCES: readonly CardSource[] = ['ticket', 'title', 'note', 'time']

/**
 * "character_string1=ticket,phrase2=title,time3=time,thing4=note" → the mapping. The template's fields are
 * chosen in WeChat's console, so the mapping is a setting; a wrong one is refused at start, naming it.
 */
export function parseFieldMap(text: string): FieldMap {
  return text
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const [field, source] = pair.split('=').map((s) => s.trim())
      if (!field || !/^[a-z_]+\d+$/.test(field) || !SOURCES.includes(source as CardSource))
        throw new Error(`“${pair}”应写成 模板字段=${SOURCES.join('|')}，如 thing4=note`)
      return { field, source: source as CardSource }
    })
}

/**
 * WeChat refuses a whole message whose one field is too long for its kind (thing: 20 characters, phrase: 5,
 * character_string: 32, name: 10, letter/symbol: 32): the value is cut to fit, with … where words go.
 */
const LIMITS: Record<string, number> = { thing: 20, phrase: 5, character_string: 32, name: 10, letter: 32, symbol: 5 }

function fit(field: string, value: string): string {
  const limit = LIMITS[field.replace(/\d+$/, '')]
  const chars = [...value]
  if (!limit || chars.length <= limit) return value
  return field.startsWith('thing') ? `${chars.slice(0, limit - 1).join('')}…` : chars.slice(0, limit).join('')
}

/** The `data` of subscribeMessage.send for one notice. */
export function templateData(card: PushCard, at: Date, map: FieldMap): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {}
  for (const { field, source } of map) {
    const raw = source === 'time' ? localMinute(at) : card[source]
    data[field] = { value: fit(field, raw || '—') }
  }
  return data
}
