import { sql, type Kysely } from 'kysely'

// The consent ledger, the suppression list, pending double opt-ins, cookie consent proof and the
// mail outbox index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consent_event')
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('granted', 'boolean', (c) => c.notNull())
    .addColumn('statement_version', 'integer', (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('act', 'text', (c) => c.notNull())
    .addColumn('obtained_by', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('consent_event_pk', ['subject_id', 'id'])
    .execute()
  await sql`create index consent_event_by_purpose on consent_event (subject_id, purpose, at)`.execute(db)

  // Keyed hashes of addresses that unsubscribed or objected: never re-subscribed by an import.
  await db.schema
    .createTable('suppression')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('pending_subscription')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('token_digest', 'bytea', (c) => c.notNull().unique())
    .addColumn('email_ciphertext', 'bytea', (c) => c.notNull())
    .addColumn('lookup', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await sql`create index pending_subscription_lookup on pending_subscription (lookup)`.execute(db)

  await db.schema
    .createTable('cookie_consent')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('consent_id', 'text', (c) => c.notNull())
    .addColumn('banner_version', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('choices', 'jsonb', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('gpc', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index cookie_consent_by_id on cookie_consent (consent_id, at)`.execute(db)

  // Which outbox file was written for which recipient (keyed hash), so erasure can delete it.
  await db.schema
    .createTable('outbox_file')
    .addColumn('file', 'text', (c) => c.primaryKey())
    .addColumn('recipient_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index outbox_file_recipient on outbox_file (recipient_hash)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['outbox_file', 'cookie_consent', 'pending_subscription', 'suppression', 'consent_event']) await db.schema.dropTable(t).ifExists().execute()
}
