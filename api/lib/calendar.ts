/** The county's calendar: dates are China's (Asia/Shanghai), whatever the server's time zone. */
const LOCAL_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' })

export const DAY_MS = 86_400_000

/** 2026-11-25 */
export const localDate = (at: Date) => LOCAL_DATE.format(at)

const LOCAL_HOUR = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', hour: 'numeric', hourCycle: 'h23' })

/** 0–23: the hour on the county's clock. */
export const localHour = (at: Date) => Number(LOCAL_HOUR.format(at))

export const localYear = (at: Date) => Number(localDate(at).slice(0, 4))

/** Whole days from one YYYY-MM-DD to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS)
