// ISO 8601 calendar durations (P10Y, P6M, P2W, P30D) added to instants, month-end aware: one month
// after 31 January is the last day of February, as the law counts.
import { DURATION_PATTERN } from '../policy/schema.ts'
import { instantInZone, partsInZone } from './dates.ts'

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

/**
 * instant + duration on the calendar of a time zone, as the law counts a period (the controller's
 * zone): the same wall-clock time on the day the period reaches, that day clamped to its month's
 * length (six months after 31 August is 28 or 29 February), whatever the offset does in between.
 */
export function addDurationInZone(instant: Date, duration: CalendarDuration | string, timeZone: string): Date {
  const d = typeof duration === 'string' ? parseDuration(duration) : duration
  const p = partsInZone(instant, timeZone)
  const totalMonths = p.month - 1 + d.months + d.years * 12
  const year = p.year + Math.floor(totalMonths / 12)
  const month = ((totalMonths % 12) + 12) % 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const day = Math.min(p.day, lastDay)
  // Days are calendar days: added on the wall clock, then placed in the zone.
  const shifted = new Date(Date.UTC(year, month, day + d.days))
  return instantInZone({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(), hour: p.hour, minute: p.minute, second: p.second, ms: p.ms }, timeZone)
}

/** The instant a period of this length before `instant` began (the cut-off of a retention rule). */
export function subtractDurationInZone(instant: Date, duration: CalendarDuration | string, timeZone: string): Date {
  const d = typeof duration === 'string' ? parseDuration(duration) : duration
  return addDurationInZone(instant, { years: -d.years, months: -d.months, days: -d.days }, timeZone)
}
