import { sql, type Kysely } from 'kysely'

// What an API key may do besides reading and writing people under its purposes. The one scope
// today: `intake`, a company's website backend posting the public forms (newsletter, requests) for
// its visitors, counted in the key's own rate-limit bucket.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('api_key')
    .addColumn('scopes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_key').dropColumn('scopes').execute()
}
