import type { Kysely } from 'kysely'

// When an API key was last used, for the console's key list (REQ-SEC-03: key management). Written
// by the authenticator at most once a minute per key, so the hot path stays one hash and a map.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_key').addColumn('last_used_at', 'timestamptz').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_key').dropColumn('last_used_at').execute()
}
