import type { Kysely } from 'kysely'

// Sub-processor changes and re-validation (REQ-PRC-03, REQ-TF-03). A change announced under general
// authorisation (a sub-processor added or replaced) is one `subprocessor_change` row and one
// `subprocessor_notice` per customer (tenant), tracked from pending through sent to objected or
// window_closed. A `processor_reminder` is raised by the scheduler when a register entry's review
// date passes, or when staff record a changed adequacy decision or certification.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subprocessor_change')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sub_processor', 'text', (c) => c.notNull())
    .addColumn('replaces', 'text')
    .addColumn('announced_at', 'timestamptz', (c) => c.notNull())
    .addColumn('announced_by', 'text', (c) => c.notNull())
    .addColumn('window_ends_on', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('subprocessor_notice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('change_id', 'text', (c) => c.notNull().references('subprocessor_change.id'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('delivery_id', 'text')
    .addColumn('window_ends_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('objected_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addUniqueConstraint('subprocessor_notice_change_tenant', ['change_id', 'tenant_id'])
    .execute()
  await db.schema.createIndex('subprocessor_notice_tenant').on('subprocessor_notice').columns(['tenant_id', 'created_at']).execute()
  await db.schema.createIndex('subprocessor_notice_state').on('subprocessor_notice').columns(['state', 'window_ends_on']).execute()
  await db.schema
    .createTable('processor_reminder')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('mailed_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'text')
    .addUniqueConstraint('processor_reminder_once', ['recipient_id', 'kind', 'due_on'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('processor_reminder').execute()
  await db.schema.dropTable('subprocessor_notice').execute()
  await db.schema.dropTable('subprocessor_change').execute()
}
