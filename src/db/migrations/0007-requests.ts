import { sql, type Kysely } from 'kysely'

// Data-subject requests: the request and its clock, one-time codes, verified sessions, the history
// of its states, and Art. 14 notices. The requester's address is kept sealed (it is the only way to
// answer), and matched by its keyed hash; nothing else about the person is stored here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dsr_request')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('email_hash', 'text', (c) => c.notNull())
    .addColumn('email_sealed', 'bytea', (c) => c.notNull())
    .addColumn('details_sealed', 'bytea')
    .addColumn('submission_key', 'text', (c) => c.unique())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('extension_months', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_reason', 'text')
    .addColumn('paused_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paused_on', 'text')
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('doubt_reason', 'text')
    .addColumn('verified_at', 'timestamptz')
    .addColumn('verification_method', 'text')
    .addColumn('verified_by', 'text')
    .addColumn('subject_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('tenant_id', 'text')
    .addColumn('routed_at', 'timestamptz')
    .addColumn('repeat_of', 'uuid')
    .addColumn('intended', 'text')
    .addColumn('fee_cents', 'integer')
    .addColumn('justification', 'text')
    .addColumn('announced_at', 'timestamptz')
    .addColumn('outcome', 'jsonb')
    .addColumn('export_expires_at', 'timestamptz')
    // A push to another controller (REQ-PO-02): pending until staff confirm, then sent. The address
    // itself is in details_sealed.
    .addColumn('push_state', 'text', (c) => c.check(sql`push_state in ('pending', 'sent')`))
    .addColumn('push_confirmed_by', 'text')
    .addColumn('restriction_lift_noticed_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .execute()
  await sql`create index dsr_request_open on dsr_request (due_on) where closed_at is null`.execute(db)
  await sql`create index dsr_request_by_address on dsr_request (email_hash, received_at)`.execute(db)
  await sql`create index dsr_request_by_tenant on dsr_request (tenant_id) where tenant_id is not null`.execute(db)

  await db.schema
    .createTable('dsr_code')
    .addColumn('request_id', 'uuid', (c) => c.primaryKey().references('dsr_request.id').onDelete('cascade'))
    .addColumn('digest', 'bytea', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('used_at', 'timestamptz')
    .execute()

  await db.schema
    .createTable('dsr_session')
    .addColumn('digest', 'bytea', (c) => c.primaryKey())
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('dsr_request.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('dsr_event')
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('dsr_request.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dsr_event_pk', ['request_id', 'id'])
    .execute()

  // Art. 14 notices owed to people whose data came from elsewhere (REQ-TR-03).
  await db.schema
    .createTable('art14_notice')
    .addColumn('subject_id', 'uuid', (c) => c.primaryKey())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('skipped_reason', 'text')
    .execute()

  // Where a customer (tenant:<id>) or a recipient (recipient:<id>) without a webhook endpoint is
  // told of routed requests and Art. 19 changes: a mailbox they register with their own key.
  await db.schema
    .createTable('notification_contact')
    .addColumn('owner', 'text', (c) => c.primaryKey())
    .addColumn('email_sealed', 'bytea', (c) => c.notNull())
    .addColumn('email_hash', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['notification_contact', 'art14_notice', 'dsr_event', 'dsr_session', 'dsr_code', 'dsr_request']) await db.schema.dropTable(t).ifExists().execute()
}
