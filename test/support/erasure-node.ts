// A Pledge runtime on a data directory (embedded) or a PostgreSQL URL, built the way `pledge start`
// builds it (migrate, publish version 1, check the master key, re-apply tombstones, purge
// leftovers). Used by the erasure restore and crash tests, in the test process and in a child.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig } from '../../src/config.ts'
import { createLogger } from '../../src/log.ts'
import { loadPolicyFile } from '../../src/policy/load.ts'
import { ensureFirstVersion } from '../../src/policy/versions.ts'
import { createRuntime, type Runtime } from '../../src/runtime.ts'
import { openEmbedded, openPostgres, migrateToLatest, type Database } from '../../src/db/database.ts'
import { parseMasterKey } from '../../src/vault/master-key.ts'
import { EXAMPLE_POLICY, templateTarball } from './paths.ts'

export interface NodeTarget {
  readonly dataDir: string
  readonly databaseUrl?: string | undefined
  readonly tombstones: string
  /** 32 bytes in base64. */
  readonly masterKey: string
}

export async function openNode(target: NodeTarget): Promise<{ runtime: Runtime; database: Database; close(): Promise<void> }> {
  const database = target.databaseUrl
    ? await openPostgres(target.databaseUrl, { max: 4 })
    : await openEmbedded(target.dataDir, existsSync(join(target.dataDir, 'pg')) ? {} : { loadDataDir: new Blob([readFileSync(templateTarball())]) })
  await migrateToLatest(database.db)
  const filePolicy = await loadPolicyFile(EXAMPLE_POLICY)
  await ensureFirstVersion(database.db, filePolicy)
  const config = loadConfig({ dataDir: target.dataDir, policy: EXAMPLE_POLICY, port: 0, tombstones: target.tombstones, ...(target.databaseUrl ? { databaseUrl: target.databaseUrl } : {}) }, {})
  const runtime = await createRuntime({ config, database, logger: createLogger({ level: 'silent' }), filePolicy, keys: parseMasterKey(target.masterKey) })
  return {
    runtime,
    database,
    async close() {
      await runtime.close()
      await database.close()
    },
  }
}
