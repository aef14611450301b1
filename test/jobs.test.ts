// The durable scheduler (pg-boss on both databases): at-least-once delivery with idempotent
// handlers, retries, idempotent and transactional enqueue, durability across a restart of the
// embedded database, and several instances on one PostgreSQL (each job's effect happens once; a
// job whose instance was killed mid-run is retried by the other).
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { DATABASES, createPostgresDatabase } from './support/databases.ts'
import { REPO_ROOT, templateTarball } from './support/paths.ts'
import { openEmbedded, openPostgres } from '../src/db/database.ts'
import { createScheduler, type Scheduler } from '../src/jobs/scheduler.ts'
import { createLogger } from '../src/log.ts'

const logger = createLogger({ level: 'silent' })

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  assert.fail(`timed out waiting for ${what}`)
}

for (const variant of DATABASES) {
  describe(`${variant.name}: jobs`, { skip: variant.skip }, () => {
    test('JOBS: a registered handler runs an enqueued job once, with its payload; a failing job is retried', async (t) => {
      const { database, drop } = await variant.open()
      const scheduler = createScheduler({ database, logger, pollIntervalSeconds: 0.5 })
      t.after(async () => (await scheduler.stop(), await drop()))
      const seen: { payload: Record<string, unknown>; retryCount: number }[] = []
      let failures = 0
      await scheduler.register('test.echo', async (payload, job) => {
        seen.push({ payload, retryCount: job.retryCount })
        if (payload.failOnce && failures === 0) {
          failures++
          throw new Error('transient')
        }
      }, { retryDelaySeconds: 0, retryBackoff: false })
      const first = await scheduler.enqueue('test.echo', { requestId: 'r-1' })
      assert.ok(first)
      const flaky = await scheduler.enqueue('test.echo', { requestId: 'r-2', failOnce: true })
      await scheduler.start()
      await until(async () => (await scheduler.job('test.echo', flaky!))?.state === 'completed', 15_000, 'the retried job')
      assert.equal((await scheduler.job('test.echo', first!))?.state, 'completed')
      assert.equal(seen.filter((s) => s.payload.requestId === 'r-1').length, 1)
      const flakyRuns = seen.filter((s) => s.payload.requestId === 'r-2')
      assert.deepEqual(flakyRuns.map((r) => r.retryCount), [0, 1])
      // The failure stored with the job is the error class only.
      const output = await sql<{ output: unknown }>`select output from pgboss.job where id = ${flaky!}`.execute(database.db)
      assert.doesNotMatch(JSON.stringify(output.rows[0]?.output ?? ''), /transient/)
    })

    test('JOBS: enqueue with a singletonKey is idempotent; enqueue inside a rolled-back transaction leaves no job; startAfter delays', async (t) => {
      const { database, drop } = await variant.open()
      const scheduler = createScheduler({ database, logger })
      t.after(async () => (await scheduler.stop(), await drop()))
      await scheduler.register('test.once', async () => {})
      const a = await scheduler.enqueue('test.once', { requestId: 'r-1' }, { singletonKey: 'reminder:r-1' })
      const b = await scheduler.enqueue('test.once', { requestId: 'r-1' }, { singletonKey: 'reminder:r-1' })
      assert.ok(a)
      assert.equal(b, null)
      await assert.rejects(
        database.db.transaction().execute(async (tx) => {
          const id = await scheduler.enqueue('test.once', { requestId: 'r-2' }, { transaction: tx })
          assert.ok(id)
          throw new Error('roll back')
        }),
        /roll back/,
      )
      const committed = await database.db.transaction().execute((tx) => scheduler.enqueue('test.once', { requestId: 'r-3' }, { transaction: tx }))
      const rows = await sql<{ data: { requestId: string } }>`select data from pgboss.job where name = 'test.once' order by created_on`.execute(database.db)
      assert.deepEqual(rows.rows.map((r) => r.data.requestId).sort(), ['r-1', 'r-3'])
      assert.ok(committed)
      const later = await scheduler.enqueue('test.once', {}, { startAfter: new Date(Date.now() + 3600_000) })
      const start = await sql<{ late: boolean }>`select start_after > now() + interval '50 minutes' as late from pgboss.job where id = ${later!}`.execute(database.db)
      assert.equal(start.rows[0]?.late, true)
    })

    test('JOBS: queue names are checked; cron schedules are stored', async (t) => {
      const { database, drop } = await variant.open()
      const scheduler = createScheduler({ database, logger })
      t.after(async () => (await scheduler.stop(), await drop()))
      await assert.rejects(scheduler.register('Bad Name!', async () => {}), /queue name/)
      await scheduler.register('test.daily', async () => {})
      await scheduler.schedule('test.daily', '0 3 * * *', { sweep: 'retention' }, { timeZone: 'Europe/Brussels' })
      const rows = await sql<{ cron: string; timezone: string }>`select cron, timezone from pgboss.schedule where name = 'test.daily'`.execute(database.db)
      assert.deepEqual(rows.rows, [{ cron: '0 3 * * *', timezone: 'Europe/Brussels' }])
    })
  })
}

test('JOBS: a job enqueued on the embedded database survives a restart and runs after it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-jobs-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const first = await openEmbedded(dir, { loadDataDir: new Blob([readFileSync(templateTarball())]) })
  const before = createScheduler({ database: first, logger })
  await before.register('test.durable', async () => {})
  const id = await before.enqueue('test.durable', { requestId: 'r-9' })
  assert.ok(id)
  await first.close() // the process "stops" before any worker ran it

  const second = await openEmbedded(dir)
  const after = createScheduler({ database: second, logger, pollIntervalSeconds: 0.5 })
  t.after(async () => (await after.stop(), await second.close()))
  const ran: unknown[] = []
  await after.register('test.durable', async (payload) => void ran.push(payload))
  await after.start()
  await until(async () => ran.length > 0, 15_000, 'the durable job')
  assert.deepEqual(ran, [{ requestId: 'r-9' }])
  assert.equal((await after.job('test.durable', id!))?.state, 'completed')
})

describe('postgres: jobs with several instances', { skip: DATABASES[1]!.skip }, () => {
  function startWorker(url: string, name: string, env: Record<string, string> = {}): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/support/jobs-worker.ts')], {
      env: { ...process.env, JOBS_DATABASE_URL: url, JOBS_WORKER_NAME: name, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let err = ''
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()))
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => c.toString().includes('ready') && resolve(child))
      child.on('exit', (code) => reject(new Error(`worker ${name} exited with ${code}: ${err}`)))
    })
  }

  async function prepare(url: string): Promise<{ scheduler: Scheduler; close(): Promise<void>; db: Awaited<ReturnType<typeof openPostgres>>['db'] }> {
    const database = await openPostgres(url, { max: 2 })
    await sql`create table jobs_test_effect (job_key text primary key, worker text not null)`.execute(database.db)
    await sql`create table jobs_test_run (id serial primary key, job_key text not null, worker text not null, retry_count int not null)`.execute(database.db)
    const scheduler = createScheduler({ database, logger })
    // The queue exists before the workers start (their register only updates it).
    await scheduler.register('test.effect', async () => {}, { retryLimit: 3, retryDelaySeconds: 0, retryBackoff: false })
    return { scheduler, db: database.db, close: () => database.close() }
  }

  const stop = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }

  test('JOBS: two instances on one PostgreSQL run each job\'s effect once', async (t) => {
    const created = await createPostgresDatabase()
    const { scheduler, db, close } = await prepare(created.url)
    const workers: ChildProcess[] = []
    t.after(async () => {
      for (const w of workers) await stop(w)
      await close()
      await created.drop()
    })
    for (let i = 0; i < 200; i++) await scheduler.enqueue('test.effect', { key: `job-${i}` })
    workers.push(...(await Promise.all([startWorker(created.url, 'a'), startWorker(created.url, 'b')])))
    const count = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0]!.n)
    await until(async () => (await count('jobs_test_effect')) === 200, 60_000, 'all 200 effects')
    await until(async () => Number((await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = 'test.effect' and state = 'completed'`.execute(db)).rows[0]!.n) === 200, 30_000, 'all 200 jobs completed')
    const effects = await sql<{ job_key: string; worker: string }>`select job_key, worker from jobs_test_effect`.execute(db)
    assert.equal(new Set(effects.rows.map((r) => r.job_key)).size, 200)
    // Claimed with FOR UPDATE SKIP LOCKED: no job ran twice, and both instances took part.
    const runs = await sql<{ job_key: string; n: number }>`select job_key, count(*)::int as n from jobs_test_run group by job_key`.execute(db)
    assert.equal(runs.rows.length, 200)
    assert.ok(runs.rows.every((r) => r.n === 1), 'a job ran more than once')
    const byWorker = new Set(effects.rows.map((r) => r.worker))
    assert.deepEqual([...byWorker].sort(), ['a', 'b'])
  })

  test('JOBS: a job whose instance is killed mid-run (SIGKILL) is retried by the other after its expiry', async (t) => {
    const created = await createPostgresDatabase()
    const { scheduler, db, close } = await prepare(created.url)
    const workers: ChildProcess[] = []
    t.after(async () => {
      for (const w of workers) await stop(w)
      await close()
      await created.drop()
    })
    const env = { JOBS_EXPIRE_SECONDS: '2' }
    const a = await startWorker(created.url, 'a', env)
    workers.push(a)
    const id = await scheduler.enqueue('test.effect', { key: 'slow', sleepMs: 120_000 })
    await until(async () => (await sql`select 1 from jobs_test_run where job_key = 'slow' and worker = 'a'`.execute(db)).rows.length === 1, 20_000, 'worker a to start the job')
    const killed = new Promise((resolve) => a.once('exit', resolve))
    a.kill('SIGKILL')
    await killed
    assert.equal((await sql`select 1 from jobs_test_effect`.execute(db)).rows.length, 0)
    workers.push(await startWorker(created.url, 'b', env))
    await until(async () => (await sql`select 1 from jobs_test_effect where job_key = 'slow'`.execute(db)).rows.length === 1, 30_000, 'worker b to finish the job')
    const effect = await sql<{ worker: string }>`select worker from jobs_test_effect`.execute(db)
    assert.deepEqual(effect.rows, [{ worker: 'b' }])
    const runs = await sql<{ worker: string; retry_count: number }>`select worker, retry_count from jobs_test_run order by id`.execute(db)
    assert.deepEqual(runs.rows, [{ worker: 'a', retry_count: 0 }, { worker: 'b', retry_count: 1 }])
    await until(async () => (await scheduler.job('test.effect', id!))?.state === 'completed', 10_000, 'the job to complete')
  })
})
