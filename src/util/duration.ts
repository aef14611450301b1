// ISO 8601 calendar durations (P10Y, P6M, P2W, P30D) added to instants, month-end aware: one month
// after 31 January is the last day of February, as the law counts.
import { DURATION_PATTERN } from '../policy/schema.ts'

export interface CalendarDuration {
  readonly years: number
  readonly months: number
  readonly days: number
}

const pattern = new RegExp(DURATION_PATTERN)

export function parseDuration(text: string): CalendarDuration {
  if (!pattern.test(text)) throw new RangeError(`not an ISO 8601 duration: ${text}`)
  const part = (unit: string) => Number(new RegExp(`(\\d+)${unit}`).exec(text)?.[1] ?? 0)
  return { years: part('Y'), months: part('M'), days: part('W') * 7 + part('D') }
}

/** instant + duration, in UTC calendar arithmetic with the day clamped to the month's length. */
export function addDuration(instant: Date, duration: CalendarDuration | string): Date {
  const d = typeof duration === 'string' ? parseDuration(duration) : duration
  const totalMonths = instant.getUTCMonth() + d.months + d.years * 12
  const year = instant.getUTCFullYear() + Math.floor(totalMonths / 12)
  const month = ((totalMonths % 12) + 12) % 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const day = Math.min(instant.getUTCDate(), lastDay)
  const out = new Date(Date.UTC(year, month, day, instant.getUTCHours(), instant.getUTCMinutes(), instant.getUTCSeconds(), instant.getUTCMilliseconds()))
  out.setUTCDate(out.getUTCDate() + d.days)
  return out
}
