import { sql, type Kysely } from 'kysely'

// Complaints filed in the privacy center (src/complaints/): one row per complaint and one per event
// of its handling, ids, codes, times and states only. The name, the address, what happened, the
// handling notes and the outcome's text are the complainant subject's personal data in the vault
// (encrypted, read through the gate, erased with the person), so nothing here outlives an erasure.
// `lookup` is the keyed blind-index hash of the address, for the per-address limit only (forgotten
// when that window has passed); `code_digest` the HMAC of the one-time code, never the code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('complaint')
    .addColumn('subject_id', 'uuid', (c) => c.primaryKey())
    .addColumn('lookup', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('code_digest', 'bytea')
    .addColumn('code_expires_at', 'timestamptz')
    .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('due_on', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_at', 'timestamptz')
    .execute()
  await sql`create index complaint_lookup on complaint (lookup, received_at)`.execute(db)
  await sql`create index complaint_received on complaint (received_at)`.execute(db)
  await db.schema
    .createTable('complaint_event')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('complaint_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute()
  await sql`create index complaint_event_complaint on complaint_event (complaint_id, id)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('complaint_event').execute()
  await db.schema.dropTable('complaint').execute()
}
