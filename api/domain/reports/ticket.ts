import { createHash, randomInt, timingSafeEqual } from 'node:crypto'

/** FK-2026-000123: the year and a number that counts up through it. */
export const formatTicket = (year: number, n: number) => `FK-${year}-${String(n).padStart(6, '0')}`
export const TICKET = /^FK-(\d{4})-(\d{6,})$/

/** Letters and digits that cannot be misread over the phone (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const CODE_LENGTH = 8

/** A query code: 31^8 ≈ 8.5×10^11 possibilities, and only its hash is stored. */
export const newQueryCode = () => Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')

export const hashCode = (code: string) => createHash('sha256').update(code.trim().toUpperCase()).digest('hex')

export function codeMatches(code: string, hash: string): boolean {
  const given = Buffer.from(hashCode(code), 'hex')
  const stored = Buffer.from(hash, 'hex')
  return given.length === stored.length && timingSafeEqual(given, stored)
}
