// The register of data-subject requests (Art. 5(2), 12(3)-(5)): one row per request with its dates,
// status and decisions, in ids, dates and codes only — no requester address, no name, no words of the
// person and no free-text reason (the extension's reason is a sentence sent to the person: only its
// months are kept here). And the dashboard's counts over those rows (REQ-AUD-03), as pure functions.
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { dateInZone } from '../util/dates.ts'
import { csvText } from '../util/csv.ts'
import { isOpen } from './states.ts'
import type { RequestStatus } from './types.ts'

export interface RegisterRow {
  readonly id: string
  readonly type: string
  readonly channel: string
  /** Calendar dates (YYYY-MM-DD) in the controller's time zone. */
  readonly receivedOn: string
  readonly dueOn: string
  readonly extensionMonths: number
  readonly pausedDays: number
  readonly status: string
  readonly closedOn: string | null
  /** An announced fee or refusal (Art. 12(5)): `fee`, `refusal`, or null. */
  readonly intended: string | null
  readonly feeCents: number | null
}

export type Timeliness = 'on_time' | 'late' | 'open' | 'overdue'

/** On time: answered (completed or refused) on or before the due date; open past it: overdue. */
export function timeliness(row: Pick<RegisterRow, 'status' | 'dueOn' | 'closedOn'>, today: string): Timeliness {
  if (!isOpen(row.status as RequestStatus) && row.closedOn) return row.closedOn <= row.dueOn ? 'on_time' : 'late'
  return row.dueOn < today ? 'overdue' : 'open'
}

/** The refusal or fee decision, as a code: refused, fee, intended_refusal, or '' for none. */
export function decisionOf(row: Pick<RegisterRow, 'status' | 'intended'>): string {
  if (row.status === 'refused') return 'refused'
  if (row.intended === 'fee') return 'fee'
  if (row.intended === 'refusal') return 'intended_refusal'
  return ''
}

/** The controller's own requests (a customer's are in its own register), oldest first. */
export async function requestRegister(db: Kysely<DB>, timeZone: string, tenantId: string | null = null): Promise<RegisterRow[]> {
  let q = db
    .selectFrom('dsr_request')
    .select(['id', 'type', 'channel', 'received_on', 'due_on', 'extension_months', 'paused_days', 'status', 'closed_at', 'intended', 'fee_cents', 'received_at'])
    .orderBy('received_at')
    .orderBy('id')
  q = tenantId === null ? q.where('tenant_id', 'is', null) : q.where('tenant_id', '=', tenantId)
  const rows = await q.execute()
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    channel: r.channel,
    receivedOn: r.received_on,
    dueOn: r.due_on,
    extensionMonths: r.extension_months,
    pausedDays: r.paused_days,
    status: r.status,
    closedOn: r.closed_at ? dateInZone(new Date(r.closed_at), timeZone) : null,
    intended: r.intended,
    feeCents: r.fee_cents,
  }))
}

export const REGISTER_CSV_COLUMNS = ['request_id', 'type', 'channel', 'received_on', 'due_on', 'extended', 'extension_months', 'paused_days', 'status', 'closed_on', 'timeliness', 'decision', 'fee_eur'] as const

export function registerToCsv(rows: readonly RegisterRow[], today: string): string {
  return csvText([
    [...REGISTER_CSV_COLUMNS],
    ...rows.map((r) => [
      r.id,
      r.type,
      r.channel,
      r.receivedOn,
      r.dueOn,
      r.extensionMonths > 0 ? 'yes' : 'no',
      String(r.extensionMonths),
      String(r.pausedDays),
      r.status,
      r.closedOn ?? '',
      timeliness(r, today),
      decisionOf(r),
      r.feeCents === null ? '' : (r.feeCents / 100).toFixed(2),
    ]),
  ])
}

// ---- the dashboard's counts (REQ-AUD-03) ----

export interface MonthTally {
  /** YYYY-MM */
  readonly month: string
  /** Requests answered (completed or refused) that month. */
  readonly closed: number
  readonly onTime: number
  readonly late: number
  /** Requests received that month whose deadline was extended (Art. 12(3)). */
  readonly extended: number
  /** Requests refused that month (Art. 12(5)). */
  readonly refused: number
  /** Requests received that month for which a fee was announced. */
  readonly fees: number
}

export interface RequestDashboard {
  readonly today: string
  /** Open requests due from today up to and including six days later. */
  readonly dueThisWeek: number
  /** Open requests whose due date has passed. */
  readonly overdue: number
  readonly open: number
  /** The last twelve months, oldest first, the current month last. */
  readonly months: readonly MonthTally[]
}

/** YYYY-MM-DD plus `days` calendar days. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** The twelve months ending with the month of `today`, oldest first (YYYY-MM). */
export function lastTwelveMonths(today: string): string[] {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const out: string[] = []
  for (let i = 11; i >= 0; i--) {
    const m = (month - 1 - i + 120) % 12
    const y = year + Math.floor((month - 1 - i) / 12)
    out.push(`${y}-${String(m + 1).padStart(2, '0')}`)
  }
  return out
}

export function requestDashboard(rows: readonly RegisterRow[], today: string): RequestDashboard {
  const weekEnd = addDays(today, 6)
  let dueThisWeek = 0
  let overdue = 0
  let open = 0
  const months = lastTwelveMonths(today)
  const tallies = new Map(months.map((m) => [m, { month: m, closed: 0, onTime: 0, late: 0, extended: 0, refused: 0, fees: 0 }]))
  for (const r of rows) {
    const when = timeliness(r, today)
    if (when === 'open' || when === 'overdue') {
      open++
      if (when === 'overdue') overdue++
      else if (r.dueOn <= weekEnd) dueThisWeek++
    }
    const closedIn = r.closedOn ? tallies.get(r.closedOn.slice(0, 7)) : undefined
    if (closedIn && (when === 'on_time' || when === 'late')) {
      closedIn.closed++
      if (when === 'on_time') closedIn.onTime++
      else closedIn.late++
      if (r.status === 'refused') closedIn.refused++
    }
    const receivedIn = tallies.get(r.receivedOn.slice(0, 7))
    if (receivedIn) {
      if (r.extensionMonths > 0) receivedIn.extended++
      if (r.intended === 'fee') receivedIn.fees++
    }
  }
  return { today, dueThisWeek, overdue, open, months: months.map((m) => tallies.get(m)!) }
}

/** The on-time rate of a month as a whole percentage, or null when nothing was answered. */
export function onTimePercent(m: Pick<MonthTally, 'closed' | 'onTime'>): number | null {
  return m.closed === 0 ? null : Math.round((m.onTime / m.closed) * 100)
}
