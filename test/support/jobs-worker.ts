// One Pledge job worker as a real process, for the multi-instance tests: opens the PostgreSQL
// database in JOBS_DATABASE_URL, works the queue `test.effect` and prints "ready" once polling.
// The handler logs every run (jobs_test_run) and applies its effect idempotently (jobs_test_effect
// has the job key as primary key), so a job run twice still has one effect. A payload with
// sleepMs sleeps on its first run only: the test kills that process mid-job.
import { sql } from 'kysely'
import { openPostgres } from '../../src/db/database.ts'
import { createScheduler } from '../../src/jobs/scheduler.ts'
import { createLogger } from '../../src/log.ts'

const url = process.env.JOBS_DATABASE_URL
const worker = process.env.JOBS_WORKER_NAME ?? `w${process.pid}`
if (!url) throw new Error('JOBS_DATABASE_URL is not set')

const database = await openPostgres(url, { max: 4 })
const scheduler = createScheduler({
  database,
  logger: createLogger({ level: 'silent' }),
  pollIntervalSeconds: 0.5,
  maintenanceIntervalSeconds: 1,
  expireInSeconds: Number(process.env.JOBS_EXPIRE_SECONDS ?? 60),
})
await scheduler.register<{ key: string; sleepMs?: number }>(
  'test.effect',
  async (payload, job) => {
    await sql`insert into jobs_test_run (job_key, worker, retry_count) values (${payload.key}, ${worker}, ${job.retryCount})`.execute(database.db)
    if (payload.sleepMs && job.retryCount === 0) await new Promise((resolve) => setTimeout(resolve, payload.sleepMs))
    await sql`insert into jobs_test_effect (job_key, worker) values (${payload.key}, ${worker}) on conflict (job_key) do nothing`.execute(database.db)
  },
  { retryLimit: 3, retryDelaySeconds: 0, retryBackoff: false, batchSize: 10, expireInSeconds: Number(process.env.JOBS_EXPIRE_SECONDS ?? 60) },
)
await scheduler.start()
process.stdout.write('ready\n')

const shutdown = async () => {
  await scheduler.stop(2000)
  await database.close()
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown())
