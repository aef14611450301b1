import type { Kysely } from 'kysely'

// The DPIA register (REQ-DPIA-01..03): one JSON document per purpose of the policy (the screening
// and the purpose as it was screened, the DPIA record, the prior consultation), and the reminders
// raised for the privacy role: a re-screening trigger, a DPIA or LIA review date passed (REQ-LB-05),
// once per purpose, kind and date.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dpia_register')
    .addColumn('purpose_id', 'text', (c) => c.primaryKey())
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('dpia_reminder')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull())
    .addColumn('mailed_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addUniqueConstraint('dpia_reminder_once', ['purpose_id', 'kind', 'due_on'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dpia_reminder').execute()
  await db.schema.dropTable('dpia_register').execute()
}
