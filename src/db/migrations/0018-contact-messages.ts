import { sql, type Kysely } from 'kysely'

// The website's contact form (src/contact/): one row per message, ids and times only. The message,
// the name and the address are the contact subject's personal data in the vault (encrypted, read
// through the gate, erased with the person); `lookup` is the keyed blind-index hash of the address,
// for the per-address rate limit, like pending_subscription's.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contact_message')
    .addColumn('subject_id', 'uuid', (c) => c.primaryKey())
    .addColumn('lookup', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('linked_subject_id', 'uuid')
    .execute()
  await sql`create index contact_message_lookup on contact_message (lookup, received_at)`.execute(db)
  await sql`create index contact_message_received on contact_message (received_at)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('contact_message').execute()
}
