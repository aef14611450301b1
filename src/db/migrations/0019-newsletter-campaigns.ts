import { sql, type Kysely } from 'kysely'

// Newsletter campaigns sent by Pledge (issue 19 part 2). A campaign keeps its content per language;
// each recipient has one row, written `in_flight` before the mail is handed to SMTP and `sent`
// after: the primary key (campaign, subject) makes a second send impossible, and a crash leaves
// `in_flight` rows that are reported, never resent (at-most-once). Provider events (unsubscribes,
// complaints, hard bounces from a mailing provider) are kept by their id, so a replayed event is a
// no-op. Ids and codes only: never an address.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('newsletter_campaign')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('rate', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute()
  await db.schema
    .createTable('newsletter_delivery')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('newsletter_campaign.id').onDelete('cascade'))
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('lang', 'text')
    .addColumn('reason', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('newsletter_delivery_pk', ['campaign_id', 'subject_id'])
    .execute()
  await db.schema.createIndex('newsletter_delivery_state').on('newsletter_delivery').columns(['campaign_id', 'state']).execute()
  await db.schema
    .createTable('newsletter_provider_event')
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'uuid')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('newsletter_provider_event_pk', ['recipient_id', 'event_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('newsletter_provider_event').execute()
  await db.schema.dropTable('newsletter_delivery').execute()
  await db.schema.dropTable('newsletter_campaign').execute()
}
