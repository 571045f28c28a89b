/** The county's calendar: dates are China's (Asia/Shanghai), whatever the server's time zone. */
const LOCAL_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' })

export const DAY_MS = 86_400_000

/** 2026-11-25 */
export const localDate = (at: Date) => LOCAL_DATE.format(at)

const LOCAL_HOUR = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', hour: 'numeric', hourCycle: 'h23' })

/** 0–23: the hour on the county's clock. */
export const localHour = (at: Date) => Number(LOCAL_HOUR.format(at))

const LOCAL_MINUTE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** 2026-11-25 10:30 on the county's clock (a subscription message's time field). */
export const localMinute = (at: Date) => LOCAL_MINUTE.format(at)

export const localYear = (at: Date) => Number(localDate(at).slice(0, 4))

/** Whole days from one YYYY-MM-DD to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS)
