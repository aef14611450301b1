// The Art. 12(3) clock, in calendar dates of the controller's time zone (as the law counts):
// due = date of receipt + one calendar month (same day of the month, or the month's last day when
// it has none); an extension adds at most two further months and must be decided and announced
// before the first due date; a pause while waiting for information asked without undue delay moves
// the due date by the days paused (REQ-ID-06).

export const MAX_EXTENSION_MONTHS = 2
/** Staff reminders at D+20 and D+27 after receipt (REQ-TR-07). */
export const REMINDER_DAYS_AFTER_RECEIPT = [20, 27] as const

function parts(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) throw new RangeError(`not a calendar date: ${date}`)
  return [Number(m[1]), Number(m[2]), Number(m[3])]
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** date + n calendar months, the day clamped to the target month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date)
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return format(year, month, Math.min(d, last))
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date)
  const t = new Date(Date.UTC(y, m - 1, d + days))
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  const [y1, m1, d1] = parts(a)
  const [y2, m2, d2] = parts(b)
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000)
}

/** The first due date: one calendar month after the date of receipt. */
export function firstDueDate(receivedOn: string): string {
  return addMonths(receivedOn, 1)
}

export interface Clock {
  readonly receivedOn: string
  /** Months of extension decided (0, 1 or 2). */
  readonly extensionMonths: number
  /** Days the clock stood still while waiting for information the person was asked for. */
  readonly pausedDays: number
}

/** The due date in force: first due date + extension months + paused days. */
export function dueDate(clock: Clock): string {
  return addDays(addMonths(clock.receivedOn, 1 + clock.extensionMonths), clock.pausedDays)
}

export type ExtensionCheck = { readonly ok: true; readonly dueOn: string } | { readonly ok: false; readonly code: string; readonly message: string }

/**
 * Whether an extension may be decided today: only with a reason, by at most two months in all, and
 * only before the first due date (moved by any pause), since the notice must reach the person within it.
 */
export function checkExtension(clock: Clock, months: number, reason: string, today: string): ExtensionCheck {
  if (!Number.isInteger(months) || months < 1) return { ok: false, code: 'invalid_extension', message: 'extend by 1 or 2 months' }
  if (clock.extensionMonths + months > MAX_EXTENSION_MONTHS) {
    return { ok: false, code: 'extension_too_long', message: `Art. 12(3) allows at most ${MAX_EXTENSION_MONTHS} further months in all; ${clock.extensionMonths} already decided` }
  }
  if (reason.trim().length < 10) return { ok: false, code: 'extension_reason_required', message: 'record the reason (complexity or number of requests) in a sentence: it is sent to the person' }
  const firstDue = addDays(firstDueDate(clock.receivedOn), clock.pausedDays)
  if (today >= firstDue) return { ok: false, code: 'extension_too_late', message: `the first due date (${firstDue}) has passed: an extension had to be announced before it` }
  return { ok: true, dueOn: dueDate({ ...clock, extensionMonths: clock.extensionMonths + months }) }
}

/** Days a pause counts: none when the question went out late (more than `promptDays` after receipt). */
export function pauseDays(receivedOn: string, askedOn: string, answeredOn: string, promptDays = 7): number {
  if (daysBetween(receivedOn, askedOn) > promptDays) return 0
  return Math.max(0, daysBetween(askedOn, answeredOn))
}

/** Which reminders fall due on `today` for a request received on `receivedOn`. */
export function remindersDue(receivedOn: string, today: string): number[] {
  const elapsed = daysBetween(receivedOn, today)
  return REMINDER_DAYS_AFTER_RECEIPT.filter((d) => d === elapsed)
}
