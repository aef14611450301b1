// A Runtime for the jobs and webhooks tests: like testRuntime, with private webhook targets
// allowed (the receivers run on loopback) and short polling and retry intervals.
import { makeTempDir, removeTempDir } from './temp.ts'
import { loadConfig } from '../../src/config.ts'
import { createLogger } from '../../src/log.ts'
import { loadPolicyFile } from '../../src/policy/load.ts'
import { ensureFirstVersion } from '../../src/policy/versions.ts'
import { createRuntime, type Runtime, type RuntimeParts } from '../../src/runtime.ts'
import type { Database } from '../../src/db/database.ts'
import { generateMasterKeyRing } from '../../src/vault/master-key.ts'
import { EXAMPLE_POLICY } from './paths.ts'

export async function jobsRuntime(database: Database, options: { allowPrivateTargets?: boolean; jobs?: RuntimeParts['jobs'] } = {}): Promise<Runtime> {
  const filePolicy = await loadPolicyFile(EXAMPLE_POLICY)
  await ensureFirstVersion(database.db, filePolicy)
  // The runtime's data directory (outbox, tombstones) is removed when the runtime closes.
  const dataDir = makeTempDir('pledge-jobs-rt-')
  const env = options.allowPrivateTargets === false ? {} : { PLEDGE_ALLOW_PRIVATE_TARGETS: '1' }
  const config = loadConfig({ policy: EXAMPLE_POLICY, dataDir, port: 0 }, env)
  const runtime = await createRuntime({
    config,
    database,
    logger: createLogger({ level: 'silent' }),
    filePolicy,
    keys: generateMasterKeyRing(),
    jobs: { pollIntervalSeconds: 0.5, webhookRetryBaseSeconds: 1, webhookTimeoutMs: 2000, ...options.jobs },
  })
  const close = runtime.close
  runtime.close = async () => {
    try {
      await close.call(runtime)
    } finally {
      removeTempDir(dataDir)
    }
  }
  return runtime
}
