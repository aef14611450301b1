// A Runtime over a test database with the example policy published, for in-process HTTP tests.
import { loadConfig } from '../../src/config.ts'
import { createLogger } from '../../src/log.ts'
import { loadPolicyFile } from '../../src/policy/load.ts'
import { ensureFirstVersion } from '../../src/policy/versions.ts'
import { createRuntime, type Runtime } from '../../src/runtime.ts'
import type { Database } from '../../src/db/database.ts'
import { EXAMPLE_POLICY } from './paths.ts'

export async function testRuntime(database: Database, options: { policyPath?: string; now?: () => Date } = {}): Promise<Runtime> {
  const filePolicy = await loadPolicyFile(options.policyPath ?? EXAMPLE_POLICY)
  await ensureFirstVersion(database.db, filePolicy)
  const config = loadConfig({ policy: options.policyPath ?? EXAMPLE_POLICY, dataDir: '/nonexistent-test-data-dir', port: 0 }, {})
  return createRuntime({ config, database, logger: createLogger({ level: 'silent' }), filePolicy, ...(options.now ? { now: options.now } : {}) })
}
