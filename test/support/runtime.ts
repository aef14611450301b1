// A Runtime over a test database with the example policy published, for in-process HTTP tests.
import { makeTempDir, removeTempDir } from './temp.ts'
import { loadConfig } from '../../src/config.ts'
import { createLogger } from '../../src/log.ts'
import { loadPolicyFile } from '../../src/policy/load.ts'
import { ensureFirstVersion } from '../../src/policy/versions.ts'
import { createRuntime, type Runtime, type RuntimeParts } from '../../src/runtime.ts'
import type { Database } from '../../src/db/database.ts'
import { generateMasterKeyRing, type MasterKeyRing } from '../../src/vault/master-key.ts'
import { EXAMPLE_POLICY } from './paths.ts'

export interface TestRuntimeOptions {
  policyPath?: string
  now?: () => Date
  keys?: MasterKeyRing
  consent?: RuntimeParts['consent']
  audit?: RuntimeParts['audit']
  smtpUrl?: string
  baseUrl?: string
  /** PLEDGE_TRUSTED_PROXIES for this runtime's HTTP app. */
  trustedProxies?: string
  /** PLEDGE_ALLOWED_ORIGINS for this runtime's HTTP app. */
  allowedOrigins?: string
  staffSessions?: RuntimeParts['staffSessions']
  /** PLEDGE_ALLOW_PRIVATE_TARGETS: webhook receivers on loopback (tests). */
  allowPrivateTargets?: boolean
  /** Scheduler tuning (short polls and retries); workers start only on runtime.jobs.start(). */
  jobs?: RuntimeParts['jobs']
}

export async function testRuntime(database: Database, options: TestRuntimeOptions = {}): Promise<Runtime> {
  const filePolicy = await loadPolicyFile(options.policyPath ?? EXAMPLE_POLICY)
  await ensureFirstVersion(database.db, filePolicy)
  // The runtime's data directory (outbox, tombstones) is removed when the runtime closes.
  const dataDir = makeTempDir('pledge-rt-')
  const config = loadConfig({ policy: options.policyPath ?? EXAMPLE_POLICY, dataDir, port: 0, ...(options.smtpUrl ? { smtpUrl: options.smtpUrl } : {}), ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}), ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}) }, options.allowPrivateTargets ? { PLEDGE_ALLOW_PRIVATE_TARGETS: '1' } : {})
  const runtime = await createRuntime({
    config,
    database,
    logger: createLogger({ level: 'silent' }),
    filePolicy,
    keys: options.keys ?? generateMasterKeyRing(),
    ...(options.now ? { now: options.now } : {}),
    ...(options.consent ? { consent: options.consent } : {}),
    ...(options.audit ? { audit: options.audit } : {}),
    ...(options.staffSessions ? { staffSessions: options.staffSessions } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
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
