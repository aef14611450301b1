import type { Kysely } from 'kysely'

// End-of-contract runs (REQ-PR-04): one row per customer instruction to return and/or delete its
// people's data. The run walks the tenant's subjects in id order; `cursor` is the last subject done,
// so a killed run resumes where it stopped. Counts and ids only; the signed certificate is kept too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contract_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('do_return', 'boolean', (c) => c.notNull())
    .addColumn('do_delete', 'boolean', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('start_seq', 'bigint', (c) => c.notNull())
    .addColumn('cursor', 'text')
    .addColumn('subjects_total', 'integer', (c) => c.notNull())
    .addColumn('subjects_exported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('subjects_erased', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('records_deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('records_kept', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('kept', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('certificate', 'text')
    .execute()
  await db.schema.createIndex('contract_run_tenant').on('contract_run').columns(['tenant_id', 'status']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('contract_run').execute()
}
