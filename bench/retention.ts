// Retention sweep figures on each database (issue 13 §7): prospects of the example policy seeded
// with SQL (not through the gate), 10 % of them past prospect_registration's two years after their
// last interaction (delete), the others recent. First a dry run over the data (evaluation only:
// batch query and planning), then the real run, which erases the expired people (their ordinary key
// destroyed, their records removed) and tells the processors. Printed: people evaluated per
// second for each run, and for the deleting part (time inside gate.applyRetention) the people
// erased and the rows removed per second, with where the real run's time went.
// BENCH_RETENTION_PG / BENCH_RETENTION_EMBEDDED set the number of people (see SIZES);
// BENCH_RETENTION_BATCH the sweep's batch size (default the sweep's own).
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { migrateToLatest, type Database } from '../src/db/database.ts'
import { loadConfig, DEFAULT_POLICY } from '../src/config.ts'
import { createLogger } from '../src/log.ts'
import { loadPolicyFile } from '../src/policy/load.ts'
import { ensureFirstVersion } from '../src/policy/versions.ts'
import { createRuntime, type Runtime } from '../src/runtime.ts'
import { generateMasterKeyRing } from '../src/vault/master-key.ts'
import { generateDataKey, wrapDataKey } from '../src/vault/envelope.ts'
import { format, record, section } from './harness.ts'
import { onEachDatabase } from './postgres.ts'

// The sizes (1,000,000 on PostgreSQL, 100,000 embedded) take hours with today's sweep
// (about 400 people evaluated per second, 60 erased per second): the defaults keep the section
// within a few minutes; set the sizes once the sweep is faster.
const SIZES = { embedded: Number(process.env.BENCH_RETENTION_EMBEDDED ?? 4_000), PostgreSQL: Number(process.env.BENCH_RETENTION_PG ?? 10_000) }
const BATCH = process.env.BENCH_RETENTION_BATCH ? Number(process.env.BENCH_RETENTION_BATCH) : undefined
const DRY_RUNS = Math.max(1, Math.min(Number(process.env.BENCH_RUNS ?? 3), 3))
const PHASES = [
  'batch query (gate.retentionBatch)',
  'deleting (gate.applyRetention)',
  '  vault.applyRetention (value deletes)',
  '  vault.erasureCategories',
  '  vault.erase (shred)',
  '  vault.purgeShredded',
  'processor instructions (notifier.notify)',
  'audit commits (audit.appendMany, in both above)',
]

/** Wraps `obj[name]` to add the time spent in it (and the calls) to `into`. */
function timed<T extends object>(obj: T, name: keyof T & string, into: Map<string, { ms: number; calls: number }>, label: string = name): void {
  const original = (obj[name] as (...args: unknown[]) => Promise<unknown>).bind(obj)
  ;(obj as Record<string, unknown>)[name] = async (...args: unknown[]) => {
    const started = performance.now()
    try {
      return await original(...args)
    } finally {
      const t = into.get(label) ?? { ms: 0, calls: 0 }
      t.ms += performance.now() - started
      t.calls++
      into.set(label, t)
    }
  }
}

const count = async (database: Database, query: string): Promise<number> => Number((await sql<{ n: string | number }>`${sql.raw(query)}`.execute(database.db)).rows[0]!.n)

/**
 * `total` prospects, every tenth created three years ago and never heard of since
 * (past P2Y after last_interaction: deleted), the others within the last 300 days; each with an
 * ordinary key (one real wrapped key's bytes for all: deleting never unwraps it), the
 * `application_received` event the gate records at creation, a name and, for half of them, an
 * e-mail address with its lookup hash. The ciphertext is opaque bytes: deleting never decrypts.
 */
export async function seedRetention(database: Database, runtime: Runtime, total: number, now: Date): Promise<{ expired: number; rows: number }> {
  const db = database.db
  const ring = runtime.keys()
  const wrapped = wrapDataKey(ring.current, generateDataKey(), { subjectId: uuidv7(), keyKind: 'ordinary' })
  const ciphertext = Buffer.alloc(60, 7)
  const at = now.toISOString()
  // Ids as the gate makes them (uuid v7: the creation time, then random bits), in id order.
  await sql`
    insert into subject (id, type, created_at, created_by, source)
    select (lpad(to_hex((extract(epoch from c) * 1000)::bigint), 12, '0') || '7' || substr(h, 1, 3) || '8' || substr(h, 4, 15))::uuid, 'prospect', c, 'bench', 'bench'
    from (
      select md5(g::text) as h,
        case when g % 10 = 0 then ${at}::timestamptz - interval '3 years' - (g % 300) * interval '1 day' - (g % 86400) * interval '1 second'
             else ${at}::timestamptz - (g % 300) * interval '1 day' - interval '1 hour' - (g % 86400) * interval '1 second' end as c
      from generate_series(1, ${total}::int) g) x
    order by 1`.execute(db)
  await sql`insert into subject_key (subject_id, kind, key_version, master_version, wrapped)
    select id, 'ordinary', 1, ${ring.current.version}::int, ${wrapped}::bytea from subject`.execute(db)
  await sql`insert into subject_event (subject_id, id, event, occurred_at, recorded_at, actor_id)
    select id, gen_random_uuid(), 'application_received', created_at, created_at, 'bench' from subject`.execute(db)
  await sql`insert into personal_data (subject_id, category, record_id, key_kind, key_version, ciphertext, lookup, written_purpose, updated_at)
    select id, 'contact.name', gen_random_uuid(), 'ordinary', 1, ${ciphertext}::bytea, null, 'prospect_registration', created_at from subject`.execute(db)
  await sql`insert into personal_data (subject_id, category, record_id, key_kind, key_version, ciphertext, lookup, written_purpose, updated_at)
    select id, 'contact.email', gen_random_uuid(), 'ordinary', 1, ${ciphertext}::bytea, md5(id::text), 'prospect_registration', created_at
    from subject where get_byte(uuid_send(id), 15) % 2 = 0`.execute(db)
  await sql`analyze`.execute(db)
  const expired = await count(database, `select count(*) as n from subject where created_at < '${at}'::timestamptz - interval '2 years'`)
  const rows = await count(database, `select count(*) as n from personal_data d join subject s on s.id = d.subject_id where s.created_at < '${at}'::timestamptz - interval '2 years'`)
  return { expired, rows }
}

async function measure(label: 'embedded' | 'PostgreSQL', database: Database, dataDir: string): Promise<void> {
  const total = SIZES[label]
  await migrateToLatest(database.db)
  const filePolicy = await loadPolicyFile(DEFAULT_POLICY)
  await ensureFirstVersion(database.db, filePolicy)
  const now = new Date()
  const config = loadConfig({ dataDir, port: 0 }, {})
  const runtime = await createRuntime({ config, database, logger: createLogger({ level: 'silent' }), filePolicy, keys: generateMasterKeyRing(), now: () => now })
  try {
    let started = performance.now()
    const expected = await seedRetention(database, runtime, total, now)
    const seedS = (performance.now() - started) / 1000
    const keysBefore = await count(database, `select count(*) as n from subject_key where kind = 'ordinary'`)
    const rowsBefore = await count(database, 'select count(*) as n from personal_data')
    console.log(`${label}: ${total.toLocaleString('en-US')} prospects (${expected.expired.toLocaleString('en-US')} expired, ${expected.rows.toLocaleString('en-US')} of their ${rowsBefore.toLocaleString('en-US')} rows) seeded in ${seedS.toFixed(1)} s; batch ${BATCH ?? 'default'}`)

    // Where the time goes: the gate's and the vault's calls the sweep makes, timed from outside.
    const phases = new Map<string, { ms: number; calls: number }>()
    timed(runtime.gate, 'retentionBatch', phases, 'batch query (gate.retentionBatch)')
    timed(runtime.gate, 'applyRetention', phases, 'deleting (gate.applyRetention)')
    timed(runtime.audit, 'appendMany', phases, 'audit commits (audit.appendMany, in both above)')
    timed(runtime.vault, 'applyRetention', phases, '  vault.applyRetention (value deletes)')
    timed(runtime.vault, 'erasureCategories', phases, '  vault.erasureCategories')
    timed(runtime.vault, 'erase', phases, '  vault.erase (shred)')
    timed(runtime.vault, 'purgeShredded', phases, '  vault.purgeShredded')
    timed(runtime.notifier, 'notify', phases, 'processor instructions (notifier.notify)')

    const options = { startedBy: 'bench', ...(BATCH ? { batchSize: BATCH } : {}) }
    const dry: number[] = []
    const dryBatch: number[] = []
    for (let r = 0; r < DRY_RUNS; r++) {
      phases.clear()
      started = performance.now()
      const report = await runtime.retention.run({ ...options, dryRun: true })
      const s = (performance.now() - started) / 1000
      if (report.evaluated !== total) throw new Error(`the dry run evaluated ${report.evaluated} of ${total}`)
      const erasing = report.counts['erase||*'] ?? 0
      if (erasing !== expected.expired) throw new Error(`the dry run would erase ${erasing}, expected ${expected.expired}`)
      dry.push(total / s)
      dryBatch.push(total / (phases.get('batch query (gate.retentionBatch)')!.ms / 1000))
    }
    record(`${label}: dry run (evaluation only)`, dry, 'subjects/s', label === 'PostgreSQL' ? 'target ≥ 50,000/s' : undefined)
    record(`${label}: dry run, batch query alone`, dryBatch, 'subjects/s', 'the rest is holds, instructions sent and planning')

    // The real run, with the time spent in each part.
    phases.clear()
    started = performance.now()
    const report = await runtime.retention.run(options)
    const runS = (performance.now() - started) / 1000
    const keysAfter = await count(database, `select count(*) as n from subject_key where kind = 'ordinary'`)
    const rowsAfter = await count(database, 'select count(*) as n from personal_data')
    const keysDestroyed = keysBefore - keysAfter
    const rowsRemoved = rowsBefore - rowsAfter
    if (report.erased !== expected.expired || keysDestroyed !== expected.expired || rowsRemoved !== expected.rows) {
      throw new Error(`the sweep erased ${report.erased} (keys destroyed ${keysDestroyed}, rows removed ${rowsRemoved}); expected ${expected.expired} and ${expected.rows}`)
    }
    const deletingS = phases.get('deleting (gate.applyRetention)')!.ms / 1000
    record(`${label}: real run, whole (evaluated)`, [report.evaluated / runS], 'subjects/s', `${report.evaluated.toLocaleString('en-US')} in ${runS.toFixed(1)} s${label === 'PostgreSQL' ? '; target ≥ 50,000/s' : ''}`)
    record(`${label}: deleting part, people erased (keys destroyed)`, [keysDestroyed / deletingS], 'people/s', `${keysDestroyed.toLocaleString('en-US')} in ${deletingS.toFixed(1)} s`)
    record(`${label}: deleting part, personal_data rows removed`, [rowsRemoved / deletingS], 'rows/s', `${rowsRemoved.toLocaleString('en-US')}`)
    const instructions = Object.values(report.instructions).reduce((n, v) => n + v, 0)
    console.log(`${label}: real run, where the ${runS.toFixed(1)} s went (${instructions.toLocaleString('en-US')} processor instructions: ${JSON.stringify(report.instructions)})`)
    let accounted = 0
    for (const name of PHASES) {
      const t = phases.get(name)
      if (!t) continue
      if (!name.startsWith(' ') && !name.startsWith('audit')) accounted += t.ms
      console.log(`  ${name.padEnd(56)} ${format(t.ms / 1000).padStart(10)} s  ${t.calls.toLocaleString('en-US').padStart(9)} calls  ${format(t.ms / t.calls).padStart(8)} ms/call`)
    }
    console.log(`  ${'rest (holds, planning, intents, cursor, report, own records)'.padEnd(56)} ${format(runS - accounted / 1000).padStart(10)} s`)
  } finally {
    await runtime.close()
  }
}

export async function benchRetention(): Promise<void> {
  section(`retention sweep (prospects, 10 % past their period: ${SIZES.embedded.toLocaleString('en-US')} embedded, ${SIZES.PostgreSQL.toLocaleString('en-US')} PostgreSQL)`)
  await onEachDatabase('retention', measure, { poolSize: 4 })
}
