import { randomBytes, timingSafeEqual } from 'node:crypto'

/** 192 random bits, URL-safe: admin, bot, cadre and household tokens. */
export const randomToken = () => randomBytes(24).toString('base64url')

export const bearerToken = (header: string | undefined) => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1]

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
