// The durable scheduler Pledge keeps: data-subject request deadlines and reminders, Art. 19
// notifications, routing requests to customers, webhook deliveries and mail retries now;
// retention sweeps and breach clocks later.
//
// It is pg-boss 10 (the last line for Node 20) on both databases, through pg-boss's `db` adapter
// so that it shares Pledge's own connection: PGlite has a single connection, and every pg-boss
// statement goes through the same Kysely mutex as the application's queries, so a pg-boss poll
// can never land inside an application transaction. pg-boss's schema is created by migration 0005
// and pg-boss is started with `migrate: false`.
//
// DELIVERY IS AT LEAST ONCE. A job runs again when its handler throws, when it outlives its
// expiry (the instance running it died: the job is failed by any instance's maintenance and
// retried), or when an instance stops mid-job. Handlers must therefore be idempotent: make the
// effect conditional (a unique key, a state check, `where attempts < n`), so running twice has
// the effect of running once. Payloads are JSON with ids only, never personal data.
import { CompiledQuery, type Kysely } from 'kysely'
import PgBoss from 'pg-boss'
import { v5 as uuidv5 } from 'uuid'
import type { Database } from '../db/database.ts'
import type { DB } from '../db/schema.ts'
import type { Logger } from '../log.ts'
import { PGBOSS_SCHEMA } from './pgboss-schema.ts'

export type JobPayload = Record<string, unknown>

export interface JobContext {
  readonly id: string
  readonly name: string
  /** How many times this job ran before (0 on the first run). */
  readonly retryCount: number
}

export type JobHandler<P extends JobPayload = JobPayload> = (payload: P, job: JobContext) => Promise<void>

export interface QueueOptions {
  /** Runs after the first, on failure or expiry (default 5). */
  readonly retryLimit?: number
  /** Seconds before the first retry (default 10); with retryBackoff it doubles each time, with jitter. */
  readonly retryDelaySeconds?: number
  /** Exponential backoff between retries (default true). */
  readonly retryBackoff?: boolean
  /** A run longer than this is failed and retried, also by another instance (default: scheduler's). */
  readonly expireInSeconds?: number
  /** Jobs fetched per poll (default 1). */
  readonly batchSize?: number
}

export interface EnqueueOptions {
  /** Not before this instant. */
  readonly startAfter?: Date
  /**
   * Idempotent enqueue: the job id is derived from (queue, key), so a second enqueue with the same
   * key returns null while the first job is still kept (waiting, running, or finished less than
   * the archive period ago, 12 hours by default).
   */
  readonly singletonKey?: string
  /**
   * Enqueue inside this Kysely transaction: the job exists if and only if the transaction commits.
   * Required when calling from inside a transaction: on the embedded database the transaction
   * holds the single connection, so an enqueue without it would wait for itself.
   */
  readonly transaction?: Kysely<DB>
}

export interface Scheduler {
  /** Creates the queue (or updates its options) and, once started, works it in this process. */
  register<P extends JobPayload>(name: string, handler: JobHandler<P>, options?: QueueOptions): Promise<void>
  /** Queues a job; returns its id, or null when a job with the same singletonKey exists. */
  enqueue(name: string, payload: JobPayload, options?: EnqueueOptions): Promise<string | null>
  /** A cron schedule (5 fields, UTC unless timeZone) that enqueues `payload` on `name`. */
  schedule(name: string, cron: string, payload?: JobPayload, options?: { timeZone?: string }): Promise<void>
  unschedule(name: string): Promise<void>
  /** The state of one job (for tests and diagnostics), or undefined. */
  job(name: string, id: string): Promise<{ state: string; retryCount: number } | undefined>
  /** Starts the workers, maintenance (expiry of dead runs) and cron in this process. */
  start(): Promise<void>
  /** Stops polling; waits up to `graceMs` for running handlers, then fails what still runs (retried later). */
  stop(graceMs?: number): Promise<void>
  readonly started: boolean
}

export interface SchedulerOptions {
  readonly database: Database
  readonly logger: Logger
  /** Default job expiry (default 15 minutes). */
  readonly expireInSeconds?: number
  /** How often each queue is polled (default 2 s; every poll takes PGlite's single connection). */
  readonly pollIntervalSeconds?: number
  /** How often dead runs are expired and old jobs archived (default 60 s). */
  readonly maintenanceIntervalSeconds?: number
}

const ID_NAMESPACE = '0f6b2a4e-3f5d-4b6a-9a51-6c1a0f6ad3b1'
const QUEUE_NAME = /^[a-z][a-z0-9_.-]{0,63}$/

/** pg-boss's `db` adapter over Pledge's database, or over one open transaction. */
export function pgBossExecutor(database: Database, transaction?: Kysely<DB>): PgBoss.Db {
  if (transaction) {
    // Inside a transaction every pg-boss statement is single and parameterised (send/insert).
    return { executeSql: async (text, values) => ({ rows: (await transaction.executeQuery(CompiledQuery.raw(text, values ?? []))).rows as unknown[] }) }
  }
  const { db, pglite } = database
  if (pglite) {
    return {
      async executeSql(text, values) {
        if (values && values.length) return { rows: (await db.executeQuery(CompiledQuery.raw(text, values))).rows as unknown[] }
        // Without parameters pg-boss may send several statements (its maintenance runs as one
        // BEGIN…COMMIT script): PGlite needs the simple protocol for that. Take Pledge's
        // connection first, so the script never interleaves with an application transaction.
        return db.connection().execute(async () => {
          const results = await pglite.exec(text)
          return { rows: results.at(-1)?.rows ?? [] }
        })
      },
    }
  }
  // node-postgres sends a query without parameters with the simple protocol: scripts work as is.
  return { executeSql: async (text, values) => ({ rows: (await db.executeQuery(CompiledQuery.raw(text, values ?? []))).rows as unknown[] }) }
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { database, logger } = options
  const expireInSeconds = options.expireInSeconds ?? 15 * 60
  const pollIntervalSeconds = options.pollIntervalSeconds ?? 2
  const executor = pgBossExecutor(database)
  const boss = new PgBoss({
    db: executor,
    schema: PGBOSS_SCHEMA,
    migrate: false,
    expireInSeconds,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    // No periodic queue-size monitoring; cron checks every 30 s (pg-boss's default).
    retryLimit: 5,
    retryDelay: 10,
    retryBackoff: true,
  })
  boss.on('error', (err: Error) => logger.error({ err: { type: err.name, message: err.message } }, 'job scheduler error'))

  const handlers = new Map<string, { handler: JobHandler; options: QueueOptions }>()
  let started = false
  let stopping = false

  const work = async (name: string) => {
    const entry = handlers.get(name)!
    await boss.work<JobPayload>(name, { pollingIntervalSeconds: pollIntervalSeconds, batchSize: entry.options.batchSize ?? 1, includeMetadata: true }, async (jobs: PgBoss.JobWithMetadata<JobPayload>[]) => {
      // pg-boss fails the whole batch when this throws: fail only the job that failed (pg-boss then
      // completes the others, and leaves a failed one alone as it is no longer active).
      for (const job of jobs) {
        try {
          await entry.handler(job.data ?? {}, { id: job.id, name, retryCount: job.retryCount ?? 0 })
        } catch (err) {
          const e = err as Error & { code?: string }
          logger.warn({ job: { name, id: job.id }, err: { type: e.name, code: e.code, message: e.message } }, 'job failed; it will be retried')
          // Only the error class is stored with the job, never a message that might carry data.
          await boss.fail(name, job.id, { error: `${e.name ?? 'Error'}${e.code ? ` ${e.code}` : ''}` })
        }
      }
    })
  }

  return {
    get started() {
      return started
    },
    async register(name, handler, queueOptions = {}) {
      if (!QUEUE_NAME.test(name)) throw new Error(`job queue name must match ${QUEUE_NAME} (got "${name}")`)
      const settings = {
        retryLimit: queueOptions.retryLimit ?? 5,
        retryDelay: queueOptions.retryDelaySeconds ?? 10,
        retryBackoff: queueOptions.retryBackoff ?? true,
        expireInSeconds: queueOptions.expireInSeconds ?? expireInSeconds,
      }
      const existing = await boss.getQueue(name)
      if (existing) await boss.updateQueue(name, { name, ...settings, policy: 'standard' })
      else await boss.createQueue(name, { name, ...settings, policy: 'standard' })
      const already = handlers.has(name)
      handlers.set(name, { handler: handler as JobHandler, options: queueOptions })
      if (already) await boss.offWork(name)
      if (started) await work(name)
    },
    async enqueue(name, payload, enqueueOptions = {}) {
      const sendOptions: PgBoss.SendOptions & { db?: PgBoss.Db } = {}
      if (enqueueOptions.startAfter) sendOptions.startAfter = enqueueOptions.startAfter
      if (enqueueOptions.singletonKey !== undefined) {
        sendOptions.id = uuidv5(`${name}\u0000${enqueueOptions.singletonKey}`, ID_NAMESPACE)
        sendOptions.singletonKey = enqueueOptions.singletonKey
      }
      if (enqueueOptions.transaction) sendOptions.db = pgBossExecutor(database, enqueueOptions.transaction)
      return boss.send(name, payload, sendOptions)
    },
    async schedule(name, cron, payload = {}, scheduleOptions = {}) {
      await boss.schedule(name, cron, payload, scheduleOptions.timeZone ? { tz: scheduleOptions.timeZone } : {})
    },
    async unschedule(name) {
      await boss.unschedule(name)
    },
    async job(name, id) {
      const job = await boss.getJobById(name, id)
      return job ? { state: job.state, retryCount: job.retryCount } : undefined
    },
    async start() {
      if (started) return
      await boss.start()
      started = true
      for (const name of handlers.keys()) await work(name)
    },
    async stop(graceMs = 10_000) {
      if (!started || stopping) return
      stopping = true
      await boss.stop({ graceful: true, wait: true, timeout: graceMs, close: false })
      started = false
      stopping = false
    },
  }
}
