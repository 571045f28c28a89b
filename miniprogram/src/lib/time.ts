/** 2026-11-25T02:00:00Z → 2026-11-25 10:00, always on the county's clock (China does not change its clocks). */
export function beijingTime(iso: string): string {
  const at = new Date(Date.parse(iso) + 8 * 3600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${at.getUTCFullYear()}-${p(at.getUTCMonth() + 1)}-${p(at.getUTCDate())} ${p(at.getUTCHours())}:${p(at.getUTCMinutes())}`
}
