import type { Kysely } from 'kysely'

// The breach register (Art. 33–34, REQ-BR-01..05, REQ-PR-03). Every breach is one `breach` row,
// notified or not: staff-written descriptions (facts, consequences, measures, reasoning; bounded,
// never personal data), category ids, approximate counts, the risk, the decision and, for a
// customer's (tenant's) data, the customer notified instead of the GBA. Its 72-hour clock runs from
// `aware_at`; `breach_alert` holds the 24/48/66-hour alerts (once each), `breach_submission` the
// phased notification to the GBA (Art. 33(4)), `breach_communication` the Art. 34 mail to each
// affected person (by subject id, with its language and delivery state).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('breach')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('tenant_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'timestamptz', (c) => c.notNull())
    .addColumn('aware_at', 'timestamptz')
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('data_categories', 'text', (c) => c.notNull())
    .addColumn('subject_types', 'text', (c) => c.notNull())
    .addColumn('approx_subjects', 'integer')
    .addColumn('approx_records', 'integer')
    .addColumn('consequences', 'text', (c) => c.notNull())
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('risk', 'text', (c) => c.notNull())
    .addColumn('risk_reasoning', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('art34_exception', 'text')
    .addColumn('art34_exception_reason', 'text')
    .addColumn('customer_notified_at', 'timestamptz')
    .addColumn('customer_channel', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('breach_created').on('breach').columns(['created_at', 'id']).execute()
  await db.schema.createIndex('breach_request').on('breach').column('request_id').execute()
  await db.schema
    .createTable('breach_alert')
    .addColumn('breach_id', 'text', (c) => c.notNull().references('breach.id'))
    .addColumn('hours', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull())
    .addColumn('mailed_at', 'timestamptz')
    .addPrimaryKeyConstraint('breach_alert_pk', ['breach_id', 'hours'])
    .execute()
  await db.schema
    .createTable('breach_submission')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('breach_id', 'text', (c) => c.notNull().references('breach.id'))
    .addColumn('phase', 'integer', (c) => c.notNull())
    .addColumn('final', 'boolean', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('gba_reference', 'text')
    .addColumn('late_reason', 'text')
    .addColumn('draft', 'text', (c) => c.notNull())
    .addUniqueConstraint('breach_submission_phase', ['breach_id', 'phase'])
    .execute()
  await db.schema
    .createTable('breach_communication')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('breach_id', 'text', (c) => c.notNull().references('breach.id'))
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addUniqueConstraint('breach_communication_once', ['breach_id', 'subject_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('breach_communication').execute()
  await db.schema.dropTable('breach_submission').execute()
  await db.schema.dropTable('breach_alert').execute()
  await db.schema.dropTable('breach').execute()
}
