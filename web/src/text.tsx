import type { ComponentChildren } from 'preact'
import { plainWords } from '../../bot/engine/text/plain-words.ts'

/**
 * Phone numbers as people write them in this county's texts: landlines with an area code (0716-1234567,
 * the demo directory's 0000-8000001), mobiles (13812345678), and the national hotlines 12317 / 12345.
 * A masked number (138****5678) is not a number anyone can call, so it is left as text. No lookbehind:
 * older iPhones' WeChat (Safari before 16.4) cannot even parse one, and the whole script would fail.
 */
const PHONE_IN_TEXT = /(^|[^\d*])(0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|12317|12345)(?![\d*])/g

/** The phone numbers in a text. */
export function phonesIn(text: string): { at: number; number: string }[] {
  const found: { at: number; number: string }[] = []
  const re = new RegExp(PHONE_IN_TEXT.source, 'g')
  for (let m = re.exec(text); m; m = re.exec(text)) found.push({ at: m.index + m[1]!.length, number: m[2]! })
  return found
}

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
