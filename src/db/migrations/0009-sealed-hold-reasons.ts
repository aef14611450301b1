import { type Kysely } from 'kysely'

// A legal hold's reason names a dispute, often a person and an amount: it is kept sealed under the
// subject's retention key (reason_sealed) and destroyed when the hold is released. Reasons written
// in the clear before are sealed at the next start (src/retention/legal-holds.ts), then cleared.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('legal_hold').addColumn('reason_sealed', 'bytea').execute()
  await db.schema.alterTable('legal_hold').alterColumn('reason', (c) => c.dropNotNull()).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('legal_hold').dropColumn('reason_sealed').execute()
}
