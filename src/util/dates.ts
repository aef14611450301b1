// Calendar dates as the law counts them: in the controller's time zone, as YYYY-MM-DD strings.

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
    return true
  } catch {
    return false
  }
}

/** The calendar date of an instant in a time zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  const p = partsInZone(instant, timeZone)
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value)
}

// Building an Intl.DateTimeFormat costs ~0.2 ms, formatting with one ~20 µs: the sweep asks for
// millions of dates, so there is one formatter per zone, and the zone's offset is remembered per
// UTC hour (an hour whose two ends disagree holds a transition and is computed exactly each time).
const formatters = new Map<string, Intl.DateTimeFormat>()
const offsets = new Map<string, number | null>()
const HOUR = 3_600_000

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    formatters.set(timeZone, f)
  }
  return f
}

/** Wall clock minus UTC at a whole second, in ms, asked of Intl. */
function exactOffset(ms: number, timeZone: string): number {
  const second = Math.floor(ms / 1000) * 1000
  const parts = formatter(timeZone).formatToParts(new Date(second))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  let year = get('year')
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year
  return Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - second
}

function offsetAt(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / HOUR)
  const key = `${timeZone}|${hour}`
  const cached = offsets.get(key)
  if (typeof cached === 'number') return cached
  if (cached === null) return exactOffset(ms, timeZone)
  const start = exactOffset(hour * HOUR, timeZone)
  const steady = start === exactOffset(hour * HOUR + HOUR - 1000, timeZone)
  if (offsets.size > 200_000) offsets.clear()
  offsets.set(key, steady ? start : null)
  return steady ? start : exactOffset(ms, timeZone)
}

/** The wall-clock fields of an instant in a time zone. */
export function partsInZone(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number } {
  const ms = instant.getTime()
  const wall = new Date(ms + offsetAt(ms, timeZone))
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds(), ms: instant.getUTCMilliseconds() }
}

/**
 * The instant at which a time zone's clock shows these fields (month 1-12). In the hour a clock is
 * set back it is the first of the two; in the hour it jumps over, the time just after the jump.
 */
export function instantInZone(fields: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number; ms?: number }, timeZone: string): Date {
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0, fields.ms ?? 0)
  let guess = wall
  for (let i = 0; i < 3; i++) {
    const p = partsInZone(new Date(guess), timeZone)
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms)
    if (shown === wall) return new Date(guess)
    guess += wall - shown
  }
  return new Date(guess)
}
