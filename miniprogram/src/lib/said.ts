import { plainWords } from '../../../bot/engine/text/plain-words.ts'
import { phonesIn } from '../../../bot/engine/text/phones.ts'

/** A stretch of a text from the service; `phone` (digits only) when it is a number to tap and call. */
export type Piece = { text: string; phone: string }

/**
 * A text from the service as the web page shows it: in the words a villager uses, and every phone number in
 * it a tap-to-call (pages render the pieces as <text> with bindtap="dial"; see dial below).
 */
export function said(text: string): Piece[] {
  const plain = plainWords(text)
  const pieces: Piece[] = []
  let last = 0
  for (const { at, number } of phonesIn(plain)) {
    if (at > last) pieces.push({ text: plain.slice(last, at), phone: '' })
    pieces.push({ text: number, phone: number.replace(/[^\d+]/g, '') })
    last = at + number.length
  }
  if (last < plain.length) pieces.push({ text: plain.slice(last), phone: '' })
  return pieces
}

/** The tap on a piece: a number is called, the words around it do nothing. */
export function dial(e: { currentTarget: { dataset: { phone?: string } } }): void {
  const phone = e.currentTarget.dataset.phone
  if (phone) wx.makePhoneCall({ phoneNumber: phone })
}
