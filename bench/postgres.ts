// The PostgreSQL the bench measures: PLEDGE_BENCH_DATABASE_URL, else the local server CI uses.
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { openPostgres, migrateToLatest } from '../src/db/database.ts'

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
