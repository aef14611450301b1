// The PostgreSQL the bench measures: PLEDGE_BENCH_DATABASE_URL, else the local server CI uses.
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openEmbedded, openPostgres, migrateToLatest, type Database } from '../src/db/database.ts'

export async function benchPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const base = process.env.PLEDGE_BENCH_DATABASE_URL ?? process.env.PLEDGE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const adminUrl = new URL(base)
  adminUrl.pathname = '/postgres'
  let admin
  try {
    admin = await openPostgres(adminUrl.toString(), { max: 1 })
  } catch (err) {
    console.log(`(PostgreSQL figures skipped: ${(err as Error).message})`)
    return undefined
  }
  const name = `pledge_bench_${randomBytes(4).toString('hex')}`
  await sql.raw(`create database ${name}`).execute(admin.db)
  await admin.close()
  const url = new URL(base)
  url.pathname = `/${name}`
  const migrated = await openPostgres(url.toString(), { max: 1 })
  await migrateToLatest(migrated.db)
  await migrated.close()
  return {
    url: url.toString(),
    async drop() {
      const a = await openPostgres(adminUrl.toString(), { max: 1 })
      await sql.raw(`drop database if exists ${name} with (force)`).execute(a.db)
      await a.close()
    },
  }
}

/**
 * Runs `measure` on a fresh embedded database and then on a fresh PostgreSQL database (when the
 * server is reachable), each with its own data directory, and cleans both up.
 */
/**
 * BENCH_DATABASES=embedded or =postgresql measures one database only: a process that ran the
 * embedded database keeps PGlite's WebAssembly memory, so PostgreSQL's memory figure is its own only
 * in a run without it.
 */
export function benchDatabaseWanted(label: 'embedded' | 'PostgreSQL'): boolean {
  const only = process.env.BENCH_DATABASES?.toLowerCase().split(',')
  return !only || only.includes(label.toLowerCase())
}

export async function onEachDatabase(name: string, measure: (label: 'embedded' | 'PostgreSQL', database: Database, dataDir: string) => Promise<void>, options: { poolSize?: number } = {}): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `pledge-bench-${name}-`))
  try {
    if (benchDatabaseWanted('embedded')) {
      const embedded = await openEmbedded(join(dir, 'embedded'))
      try {
        await measure('embedded', embedded, join(dir, 'embedded'))
      } finally {
        await embedded.close()
      }
    }
    const pg = benchDatabaseWanted('PostgreSQL') ? await benchPostgresDatabase() : undefined
    if (pg) {
      const database = await openPostgres(pg.url, { max: options.poolSize ?? 10 })
      try {
        await measure('PostgreSQL', database, join(dir, 'pg'))
      } finally {
        await database.close()
        await pg.drop()
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
