import type { Kysely } from 'kysely'

// The processor and transfer register (REQ-PRC-02, REQ-TF-01): the policy declares each recipient;
// this table holds, per recipient, the dates and evidence staff enter (the DPA and its Art. 28(3)
// terms, locations, sub-processors, assurance, review date, transfer mechanisms) as one JSON
// document, and the Art. 19 notices that went out to a recipient the register did not cover.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('processor_register')
    .addColumn('recipient_id', 'text', (c) => c.primaryKey())
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('processor_uncovered_notice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('missing', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('processor_uncovered_notice_recipient').on('processor_uncovered_notice').columns(['recipient_id', 'sent_at']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('processor_uncovered_notice').execute()
  await db.schema.dropTable('processor_register').execute()
}
