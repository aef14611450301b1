import { sql, type Kysely } from 'kysely'

// Retention that happens (REQ-RT-01..05): the sweep's run reports and the people each run touched
// (ids and codes only), the processor instructions it sent, and the aggregates anonymisation keeps
// (no subject, record or key in them: counts per purpose, category, year and bucket).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('retention_run')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'boolean', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('evaluated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cursor', 'text')
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute()
  // One sweep at a time, across instances: a second one cannot start while one runs.
  await sql`create unique index retention_run_one_running on retention_run ((true)) where status = 'running'`.execute(db)
  await db.schema
    .createTable('retention_run_subject')
    .addColumn('run_id', 'uuid', (c) => c.notNull().references('retention_run.id').onDelete('cascade'))
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('purposes', 'jsonb', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute()
  await sql`create index retention_run_subject_by_subject on retention_run_subject (subject_id, at)`.execute(db)
  // A batch redone after a kill records nothing twice.
  await sql`create unique index retention_run_subject_once on retention_run_subject (run_id, subject_id, category, action)`.execute(db)
  await db.schema
    .createTable('retention_instruction')
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('retention_instruction_pk', ['subject_id', 'purpose', 'recipient_id'])
    .execute()
  await db.schema
    .createTable('anonymised_count')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('anonymised_count_pk', ['purpose', 'category', 'period', 'bucket'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['anonymised_count', 'retention_instruction', 'retention_run_subject', 'retention_run']) await db.schema.dropTable(t).ifExists().execute()
}
