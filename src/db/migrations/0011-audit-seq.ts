import { sql, type Kysely } from 'kysely'

// The audit log fails closed: a use of personal data appends its entry first, and the data change
// it commits carries that entry's sequence number (audit_seq). Verification — and a check at every
// start — flags a change whose entry is missing. Rows written before this migration carry none;
// from the time recorded on the chain head on, every change must.
const TABLES = ['personal_data', 'subject', 'subject_event', 'consent_event', 'disclosure', 'erasure_tombstone'] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const t of TABLES) {
    await db.schema.alterTable(t).addColumn('audit_seq', 'bigint').execute()
    await sql.raw(`create index ${t}_audit_seq on ${t} (audit_seq)`).execute(db)
  }
  await db.schema.alterTable('audit_head').addColumn('seq_required_since', 'timestamptz').execute()
  await sql`update audit_head set seq_required_since = now() where id = 1`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_head').dropColumn('seq_required_since').execute()
  for (const t of TABLES) await db.schema.alterTable(t).dropColumn('audit_seq').execute()
}
