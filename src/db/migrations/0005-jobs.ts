// The jobs room: pg-boss's schema (the durable scheduler, see src/jobs/scheduler.ts) and the
// webhook endpoints and deliveries (src/webhooks/webhooks.ts).
import { sql, type Kysely } from 'kysely'
import { pgBossConstructionStatements, PGBOSS_SCHEMA } from '../../jobs/pgboss-schema.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of pgBossConstructionStatements()) await sql.raw(statement).execute(db)

  // One endpoint per owner (`tenant:<id>` or `recipient:<id>`); its signing secret is sealed.
  await db.schema
    .createTable('webhook_endpoint')
    .addColumn('owner', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret_sealed', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // Every event sent, with its delivery state. The payload carries ids and event names only.
  await db.schema
    .createTable('webhook_delivery')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending').check(sql`state in ('pending', 'delivered', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_attempt_at', 'timestamptz')
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('webhook_delivery_owner').on('webhook_delivery').columns(['owner', 'created_at']).execute()
  await db.schema.createIndex('webhook_delivery_state').on('webhook_delivery').columns(['state', 'created_at']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_delivery').ifExists().execute()
  await db.schema.dropTable('webhook_endpoint').ifExists().execute()
  await sql.raw(`drop schema if exists ${PGBOSS_SCHEMA} cascade`).execute(db)
}
