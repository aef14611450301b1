// Every migration, listed in code rather than globbed from disk, so a bundled build still finds them.
import type { Migration, MigrationProvider } from 'kysely'
import * as m0001 from './0001-foundation.ts'
import * as m0002 from './0002-vault-gate-audit.ts'
import * as m0003 from './0003-consent.ts'

export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-vault-gate-audit': m0002,
  '0003-consent': m0003,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}
