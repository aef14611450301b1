// `pledge start`: load and validate the policy, open and migrate the database, publish version 1
// on first start, serve HTTP, and shut down cleanly (a CHECKPOINT for the embedded database).
import closeWithGrace from 'close-with-grace'
import { ListenError, type Config } from './config.ts'
import { openDatabase, migrateToLatest, type Database } from './db/database.ts'
import { loadPolicyFile } from './policy/load.ts'
import { ensureFirstVersion } from './policy/versions.ts'
import { createRuntime, type Runtime } from './runtime.ts'
import { loadMasterKeyRing } from './vault/keyring.ts'
import { buildApp } from './http/app.ts'
import { startAdminEndpoint } from './http/admin-endpoint.ts'
import type { Logger } from './log.ts'
import type { FastifyInstance } from 'fastify'
import { startRequestJobs } from './requests/jobs.ts'
import { startRetentionJobs } from './retention/jobs.ts'
import { startProcessorJobs } from './processors/jobs.ts'
import { startBreachJobs } from './breaches/jobs.ts'
import { startDpiaJobs } from './dpia/jobs.ts'
import { startNoticeJobs } from './policy/notice-sender.ts'
import { startOptOutJobs } from './consent/opt-out-jobs.ts'
import { ensureFirstRunLink } from './staff/first-run.ts'

export interface RunningServer {
  readonly runtime: Runtime
  readonly app: FastifyInstance
  readonly url: string
  close(): Promise<void>
}

/** Listens on the configured host and port; an address that cannot be used is a ListenError saying which and how to change it. */
export async function listenOn(app: FastifyInstance, config: Pick<Config, 'host' | 'port'>): Promise<string> {
  try {
    return await app.listen({ host: config.host, port: config.port })
  } catch (err) {
    throw ListenError.from(err, config.host, config.port) ?? err
  }
}

export async function startServer(config: Config, logger: Logger, options: { handleSignals?: boolean } = {}): Promise<RunningServer> {
  const filePolicy = await loadPolicyFile(config.policyPath)
  const database: Database = await openDatabase(config)
  let adminEndpoint: { close(): Promise<void> } | undefined
  let app: FastifyInstance | undefined
  let runtime: Runtime | undefined
  try {
    const applied = await migrateToLatest(database.db)
    if (applied.length) logger.info({ migrations: applied }, 'database migrated')
    const { published, draft } = await ensureFirstVersion(database.db, filePolicy)
    if (published) logger.info('published statement version 1 from the policy file')
    else if (draft.isDraft) logger.warn({ publishedVersion: draft.latest }, 'the policy file has unpublished changes; run `pledge policy publish` to publish them')
    const { ring } = loadMasterKeyRing(config, database.mode, logger)
    runtime = await createRuntime({ config, database, logger, filePolicy, keys: ring })
    // The first version is a publication like any other (REQ-AUD-01).
    if (published) await runtime.audit.append({ actorId: 'system:start', action: 'policy.publish', subjectId: null, purpose: null, categories: [], decision: null, reason: `version:1:${filePolicy.contentHash.slice(0, 16)}` })
    app = await buildApp(runtime)
    // Job workers run inside the server (every room has registered its handlers by now).
    await runtime.jobs.start()
    const resumed = await startRequestJobs(runtime)
    await startRetentionJobs(runtime.jobs, config.retentionSchedule, runtime.policy)
    await startNoticeJobs(runtime.jobs)
    await startOptOutJobs(runtime.jobs)
    // A campaign an earlier run left half-sent carries on (each mail still at most once).
    const campaigns = await runtime.campaigns.resumeSending((id, err) => logger.error({ campaign: id, err: { type: err.name, message: err.message } }, 'campaign stopped'))
    if (campaigns.length) logger.info({ campaigns: campaigns.length }, 'resumed newsletter campaigns left sending')
    await startProcessorJobs(runtime.jobs, runtime.policy().controller.timeZone)
    await startBreachJobs(runtime.jobs)
    await startDpiaJobs(runtime.jobs, runtime.policy().controller.timeZone)
    if (resumed) logger.info({ requests: resumed }, 'resumed data-subject requests left in progress')
    const url = await listenOn(app, config)
    // No staff account yet: the first one is made from a one-time link (never a default password).
    await ensureFirstRunLink(runtime.staff.directory, config.dataDir, new URL(config.baseUrl).port === '0' ? url : config.baseUrl, logger)
    if (database.mode === 'embedded') {
      adminEndpoint = await startAdminEndpoint(config.dataDir, {
        database,
        config,
        policyPath: config.policyPath,
        now: runtime.now,
        runtime,
        onChange: () => runtime?.forgetCachedVersion(),
      })
    }
    logger.info({ url, database: database.mode, dataDir: database.mode === 'embedded' ? config.dataDir : undefined }, 'Pledge is listening')
    let closing: Promise<void> | undefined
    const close = () =>
      (closing ??= (async () => {
        await adminEndpoint?.close()
        await app?.close()
        await runtime?.close()
        await database.close()
      })())
    if (options.handleSignals !== false) {
      closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
        if (err) logger.error({ err: { type: (err as Error).name, message: (err as Error).message } }, 'shutting down after an error')
        else logger.info({ signal }, 'shutting down')
        await close()
      })
    }
    return { runtime, app, url, close }
  } catch (err) {
    await adminEndpoint?.close().catch(() => {})
    await app?.close().catch(() => {})
    await runtime?.close().catch(() => {})
    await database.close()
    throw err
  }
}
