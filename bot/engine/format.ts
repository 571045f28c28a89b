import { plainText } from './text/brief.ts'
import type { ContactCard, PolicyAnswer } from '../../api/domain/qa/answer.ts'
import type { ChatOption } from './state.ts'

/** WeChat shows long messages badly and cuts very long ones: keep each under this. */
export const MESSAGE_LIMIT = 500

/** Splits at line ends so that no message exceeds the limit; a single overlong line is cut. */
export function splitMessages(text: string, limit = MESSAGE_LIMIT): string[] {
  const messages: string[] = []
  let current = ''
  const push = () => {
    if (current.trim()) messages.push(current.trim())
    current = ''
  }
  for (const line of text.split('\n')) {
    for (let rest = line; ;) {
      const room = limit - current.length - (current ? 1 : 0)
      if (rest.length <= room) {
        current += (current ? '\n' : '') + rest
        break
      }
      if (current) {
        push()
        continue
      }
      current = rest.slice(0, limit)
      rest = rest.slice(limit)
      push()
      if (!rest) break
    }
  }
  push()
  return messages
}

export function contactLine(c: ContactCard): string {
  return `${c.name} ${c.phone}${c.demo ? '（演示号码）' : ''}`
}

export function numbered(options: ChatOption[]): string {
  return options.map((o, i) => `${i + 1}. ${o.label}`).join('\n')
}

/** An answer as the bot says it: the text, where it applies, its source, whom to call, and what to read next. */
/** `unstated`: said right under the title when the question asked a sum the entry does not state. */
export function answerText(a: PolicyAnswer, options: ChatOption[], unstated?: string | null): string {
  const sources = [...new Set(a.sources.map((s) => s.title))].join('、')
  const lines = [
    `【${a.title}】`,
    ...(unstated ? [unstated] : []),
    plainText(a.text),
    '',
    `适用：${a.region}（${a.year}年），各地标准不同，以当地规定为准。`,
    `来源：${sources}`,
    `咨询：${a.contacts.map(contactLine).join('；')}`,
  ]
  if (options.length > 0) lines.push('', '回复数字查看相关问题：', numbered(options))
  return lines.join('\n')
}
