import type { Kysely } from 'kysely'

// (filled by the room that owns these tables)
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
