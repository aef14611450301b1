// Foundation figures: policy load + validation, statement rendering, point reads by primary key.
import { mkdtempSync, rmSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import { loadPolicyFile, parsePolicy } from '../src/policy/load.ts'
import { renderStatement } from '../src/policy/statement.ts'
import { LANGUAGES } from '../src/policy/schema.ts'
import { openEmbedded, openPostgres, type Database } from '../src/db/database.ts'
import { DEFAULT_POLICY } from '../src/config.ts'
import { record, ratio, section, timeRuns } from './harness.ts'
import { benchPostgresDatabase } from './postgres.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const POINT_READS = Number(process.env.BENCH_POINT_READS ?? 100_000)

export async function benchPolicy(): Promise<void> {
  section('policy')
  const text = readFileSync(DEFAULT_POLICY, 'utf8')
  await loadPolicyFile(DEFAULT_POLICY) // warm up the validator
  const load = await timeRuns(Math.max(RUNS, 20), () => void parsePolicy(text, 'bench'))
  record('policy load + validate (iXpole example)', load, 'ms')
  const policy = await loadPolicyFile(DEFAULT_POLICY)
  for (const lang of LANGUAGES) {
    for (const fmt of ['html', 'md'] as const) {
      renderStatement(policy, lang, fmt)
      record(`statement render ${lang} ${fmt}`, await timeRuns(Math.max(RUNS, 20), () => void renderStatement(policy, lang, fmt, { version: 1, effectiveDate: '2026-01-01' })), 'ms')
    }
  }
  // The statement is rendered per request: one render, rotating language and format, should stay
  // well under 50 ms (this figure was an assertion in test/statement.test.ts; timing lives here).
  let i = 0
  const mixed = await timeRuns(Math.max(RUNS, 20) * 6, () => void renderStatement(policy, LANGUAGES[i % LANGUAGES.length]!, i++ % 2 ? 'html' : 'md'))
  record('statement render, any language and format (per request)', mixed, 'ms', 'target < 50 ms')
}

async function pointReads(db: Kysely<any>, count: number): Promise<number[]> {
  await sql`create table if not exists bench_point (id integer primary key, email text not null, payload jsonb not null)`.execute(db)
  await sql`truncate bench_point`.execute(db)
  const rows = 10_000
  await sql`insert into bench_point select g, 'user' || g || '@example.test', jsonb_build_object('n', g) from generate_series(1, ${rows}) g`.execute(db)
  let seed = 42
  const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % rows) + 1
  return timeRuns(RUNS, async () => {
    for (let i = 0; i < count; i++) {
      const row = await db.selectFrom('bench_point').select(['id', 'email', 'payload']).where('id', '=', next()).executeTakeFirst()
      if (!row) throw new Error('missing row')
    }
  })
}

export async function benchPointReads(): Promise<void> {
  section(`${POINT_READS.toLocaleString('en-US')} point reads by primary key (one connection, sequential)`)
  const dir = mkdtempSync(join(tmpdir(), 'pledge-bench-'))
  let embedded: Database | undefined
  try {
    embedded = await openEmbedded(dir)
    const runs = await pointReads(embedded.db as Kysely<any>, POINT_READS)
    const e = record('embedded (PGlite) point reads', runs.map((ms) => POINT_READS / (ms / 1000)), 'reads/s')
    const pg = await benchPostgresDatabase()
    if (pg) {
      const database = await openPostgres(pg.url, { max: 1 })
      try {
        const p = record('PostgreSQL point reads', (await pointReads(database.db as Kysely<any>, POINT_READS)).map((ms) => POINT_READS / (ms / 1000)), 'reads/s')
        ratio('embedded / PostgreSQL point reads', e, p)
      } finally {
        await database.close()
        await pg.drop()
      }
    }
  } finally {
    await embedded?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
