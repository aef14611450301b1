// Every migration, listed in code rather than globbed from disk, so a bundled build still finds them.
import type { Migration, MigrationProvider } from 'kysely'
import * as m0001 from './0001-foundation.ts'

export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}
