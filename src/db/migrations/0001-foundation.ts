import { sql, type Kysely } from 'kysely'

// Kept to what PostgreSQL 15 understands: PGlite runs 18 inside, production may run 15.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pledge_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('policy_version')
    .addColumn('version', 'integer', (c) => c.primaryKey().check(sql`version > 0`))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('effective_date', 'date', (c) => c.notNull())
    .addColumn('document', 'jsonb', (c) => c.notNull())
    .addColumn('material_changes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('notification_status', 'text', (c) => c.notNull().defaultTo('none').check(sql`notification_status in ('none', 'pending', 'sent')`))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('policy_version').execute()
  await db.schema.dropTable('pledge_meta').execute()
}
