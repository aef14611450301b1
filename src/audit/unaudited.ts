// The other half of a fail-closed audit log: every data change carries the sequence number of the
// entry it was recorded under (audit_seq), written only once that entry was durable. This finds
// changes that break that: a number whose entry is not in the log (or is about someone else), or,
// after the log started requiring them, a change with no number at all. `pledge audit verify` runs
// it over everything; every start runs it over the changes after the last signed checkpoint.
import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

export interface UnauditedChange {
  readonly table: string
  /** The person the change is about (ids only). */
  readonly subjectId: string
  readonly auditSeq: number | null
  readonly problem: 'entry_missing' | 'entry_of_another_person' | 'no_entry_number'
}

// Each table whose rows are a use of a person's data, with its subject column and its time column.
const CHANGES = [
  { table: 'subject', subject: 'id', time: 'created_at' },
  { table: 'personal_data', subject: 'subject_id', time: 'updated_at' },
  { table: 'subject_event', subject: 'subject_id', time: 'recorded_at' },
  { table: 'consent_event', subject: 'subject_id', time: 'at' },
  { table: 'disclosure', subject: 'subject_id', time: 'disclosed_at' },
  { table: 'erasure_tombstone', subject: 'subject_id', time: 'erased_at' },
] as const

export interface UnauditedOptions {
  /** Only changes recorded under entries after this seq (the start-up check: after the last checkpoint). */
  readonly afterSeq?: number
  /** Also look for changes without a number since the log began requiring them (a full scan). */
  readonly withoutNumber?: boolean
  /** At most this many findings per table (default 100). */
  readonly limit?: number
}

export async function unauditedChanges(db: Kysely<DB>, options: UnauditedOptions = {}): Promise<UnauditedChange[]> {
  const after = options.afterSeq ?? 0
  const limit = options.limit ?? 100
  const out: UnauditedChange[] = []
  for (const c of CHANGES) {
    const t = sql.table(c.table)
    const subject = sql.ref(`t.${c.subject}`)
    // Entries before the recorded start were pruned (up to a signed checkpoint): not checkable.
    const rows = await sql<{ subject_id: string; audit_seq: string | number; problem: UnauditedChange['problem'] }>`
      select ${subject} as subject_id, t.audit_seq,
        case when a.seq is null then 'entry_missing' else 'entry_of_another_person' end as problem
      from ${t} as t left join audit_entry a on a.seq = t.audit_seq
      where t.audit_seq is not null and t.audit_seq > ${after}
        and t.audit_seq >= coalesce((select seq from audit_start where id = 1), 0)
        and (a.seq is null or a.subject_id is distinct from ${subject}::text)
      limit ${limit}`.execute(db)
    for (const r of rows.rows) out.push({ table: c.table, subjectId: r.subject_id, auditSeq: Number(r.audit_seq), problem: r.problem })
    if (options.withoutNumber) {
      const time = sql.ref(`t.${c.time}`)
      const bare = await sql<{ subject_id: string }>`
        select ${subject} as subject_id from ${t} as t
        where t.audit_seq is null and ${time} > (select seq_required_since from audit_head where id = 1)
        limit ${limit}`.execute(db)
      for (const r of bare.rows) out.push({ table: c.table, subjectId: r.subject_id, auditSeq: null, problem: 'no_entry_number' })
    }
  }
  return out
}

/** The start-up check: changes recorded after the last signed checkpoint whose entry is missing. */
export async function unauditedSinceLastCheckpoint(db: Kysely<DB>): Promise<UnauditedChange[]> {
  const last = await db.selectFrom('audit_checkpoint').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst()
  return unauditedChanges(db, { afterSeq: Number(last?.seq ?? 0) })
}
