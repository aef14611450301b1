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
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value)
}

/** The wall-clock fields of an instant in a time zone. */
export function partsInZone(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(instant)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second'), ms: instant.getUTCMilliseconds() }
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
