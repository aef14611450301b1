import { type Kysely } from 'kysely'

// Verification codes are bounded per request, not per code: attempts are no longer reset by a new
// code, and the number of new codes a request may get is counted here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dsr_code').addColumn('resends', 'integer', (c) => c.notNull().defaultTo(0)).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dsr_code').dropColumn('resends').execute()
}
