import type { ComponentChildren } from 'preact'
import { plainWords } from '../../bot/engine/text/plain-words.ts'
import { phonesIn } from '../../bot/engine/text/phones.ts'

/** A telephone link big enough for a thumb (44 px tall, see .tel in app.css). */
export function Tel({ number }: { number: string }) {
  return (
    <a class="tel" href={`tel:${number.replace(/[^\d+]/g, '')}`}>
      {number}
    </a>
  )
}

/** Text from the API: in plain words, with every phone number a tap-to-call link. */
export function Text({ text }: { text: string }): ComponentChildren {
  const said = plainWords(text)
  const parts: ComponentChildren[] = []
  let last = 0
  for (const { at, number } of phonesIn(said)) {
    if (at > last) parts.push(said.slice(last, at))
    parts.push(<Tel number={number} />)
    last = at + number.length
  }
  if (last < said.length) parts.push(said.slice(last))
  return <>{parts}</>
}

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** 2026-03-10T16:30:00Z → 2026年3月11日 00:30: the county's clock (Asia/Shanghai), whatever the phone's zone. */
export function shanghaiTime(iso: string): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  const part = (type: Intl.DateTimeFormatPartTypes) => TIME.formatToParts(at).find((p) => p.type === type)?.value ?? ''
  return `${part('year')}年${part('month')}月${part('day')}日 ${part('hour')}:${part('minute')}`
}
