// The consent ledger as a register (Art. 7(1): the controller shows that consent was given): every
// event given or withdrawn, per purpose, with its proof — the person's pseudonymous subject id, never
// their address — and the counts per purpose for the dashboard (REQ-AUD-03).
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Policy } from '../policy/policy.ts'
import { csvText } from '../util/csv.ts'

export interface LedgerRow {
  readonly subjectId: string
  readonly purpose: string
  readonly granted: boolean
  readonly at: string
  readonly channel: string
  readonly act: string
  readonly lang: string
  readonly statementVersion: number
  readonly textHash: string
}

/** Purposes that rest on consent for at least one type of person. */
export function consentPurposes(policy: Policy): string[] {
  return policy.purposes.filter((p) => Object.values(p.basis).includes('consent')).map((p) => p.id)
}


export async function consentLedger(db: Kysely<DB>, purposes: readonly string[]): Promise<LedgerRow[]> {
  if (purposes.length === 0) return []
  const rows = await db
    .selectFrom('consent_event')
    .select(['subject_id', 'purpose', 'granted', 'at', 'channel', 'act', 'lang', 'statement_version', 'text_hash'])
    .where('purpose', 'in', [...purposes])
    .orderBy('at')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    subjectId: r.subject_id,
    purpose: r.purpose,
    granted: r.granted,
    at: new Date(r.at).toISOString(),
    channel: r.channel,
    act: r.act,
    lang: r.lang,
    statementVersion: r.statement_version,
    textHash: r.text_hash,
  }))
}

export const LEDGER_CSV_COLUMNS = ['subject_id', 'purpose', 'event', 'at', 'channel', 'act', 'lang', 'statement_version', 'text_sha256'] as const

export function ledgerToCsv(rows: readonly LedgerRow[]): string {
  return csvText([
    [...LEDGER_CSV_COLUMNS],
    ...rows.map((r) => [r.subjectId, r.purpose, r.granted ? 'granted' : 'withdrawn', r.at, r.channel, r.act, r.lang, String(r.statementVersion), r.textHash]),
  ])
}

export interface ConsentVolume {
  readonly purpose: string
  /** Events giving consent, and events withdrawing it. */
  readonly granted: number
  readonly withdrawn: number
}

/** Events per purpose and kind, as the database counts them. */
export async function consentEventCounts(db: Kysely<DB>): Promise<{ purpose: string; granted: boolean; count: number }[]> {
  const rows = await db
    .selectFrom('consent_event')
    .select(['purpose', 'granted', db.fn.countAll<string | number | bigint>().as('n')])
    .groupBy(['purpose', 'granted'])
    .execute()
  return rows.map((r) => ({ purpose: r.purpose, granted: r.granted, count: Number(r.n) }))
}

/** One row per consent purpose of the policy (zeros included), then any other purpose met, by id. */
export function consentVolumes(counts: readonly { purpose: string; granted: boolean; count: number }[], purposes: readonly string[]): ConsentVolume[] {
  const by = new Map<string, { granted: number; withdrawn: number }>(purposes.map((p) => [p, { granted: 0, withdrawn: 0 }]))
  for (const c of counts) {
    const v = by.get(c.purpose) ?? { granted: 0, withdrawn: 0 }
    if (c.granted) v.granted += c.count
    else v.withdrawn += c.count
    by.set(c.purpose, v)
  }
  const order = [...purposes, ...[...by.keys()].filter((p) => !purposes.includes(p)).sort()]
  return order.map((p) => ({ purpose: p, ...by.get(p)! }))
}
