import type { Kysely } from 'kysely'

// A portability push to a controller outside the EEA (Art. 49(1)(a)): the receiving controller's
// country as the person gave it, and — for a country without adequacy — when they accepted the
// risks and the sha256 of the risks text they were shown (src/requests/push-transfer.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('dsr_request')
    .addColumn('push_country', 'text')
    .execute()
  await db.schema.alterTable('dsr_request').addColumn('push_risks_accepted_at', 'timestamptz').execute()
  await db.schema.alterTable('dsr_request').addColumn('push_risks_hash', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dsr_request').dropColumn('push_risks_hash').execute()
  await db.schema.alterTable('dsr_request').dropColumn('push_risks_accepted_at').execute()
  await db.schema.alterTable('dsr_request').dropColumn('push_country').execute()
}
