/**
 * A message as the classifier sees it: character 1-, 2- and 3-grams of the normalised text with entity
 * mentions masked (东山镇 → Ⓟ, FK-2026-000123 → Ⓣ), plus where the message starts and ends (commands
 * and small talk are told apart by their first and last characters) and how long it is (a long message
 * is a description or a question, rarely a command).
 */
export function messageFeatures(masked: string): string[] {
  const chars = [...masked.replace(/\s+/g, ' ').trim()]
  const out: string[] = []
  const n = chars.length
  for (let i = 0; i < n; i++) {
    const c = chars[i]!
    if (c === ' ') continue
    out.push(c)
    if (i + 1 < n) out.push(c + chars[i + 1])
    if (i + 2 < n) out.push(c + chars[i + 1] + chars[i + 2])
  }
  if (n > 0) {
    out.push(`^${chars[0]}`, `^${chars.slice(0, 2).join('')}`, `${chars[n - 1]}$`, `${chars.slice(-2).join('')}$`)
  }
  out.push(n <= 4 ? 'len:tiny' : n <= 10 ? 'len:short' : n <= 30 ? 'len:medium' : 'len:long')
  return out
}
