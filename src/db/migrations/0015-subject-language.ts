import { sql, type Kysely } from 'kysely'

// The language Pledge writes to a person in (the Art. 14 notice, later breach communications and
// campaigns): set by the channel that collected the data, changed by the person in the privacy
// center; null when no channel said (mails then fall back to the controller's language). Not one of
// the encrypted categories, but cleared with the rest of the subject row's facts at erasure.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('subject').addColumn('language', 'text', (c) => c.check(sql`language in ('nl', 'fr', 'en')`)).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('subject').dropColumn('language').execute()
}
