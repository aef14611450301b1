// The database matrix: every storage test runs on the embedded database (PGlite, loaded from the
// migrated template) and on PostgreSQL (a database cloned from the migrated template). Without
// PLEDGE_TEST_DATABASE_URL the PostgreSQL variant is reported as skipped, never silently passed.
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { openInMemory, openPostgres, type Database } from '../../src/db/database.ts'
import { templateTarball, PG_TEMPLATE_DB, adminUrl, databaseUrl } from './paths.ts'

export interface TestDatabase {
  readonly database: Database
  /** postgres:// URL of this test database (PostgreSQL variant only). */
  readonly url?: string
  drop(): Promise<void>
}

export interface DatabaseVariant {
  readonly name: 'pglite' | 'postgres'
  /** Why the variant is skipped, or undefined when it runs. */
  readonly skip: string | undefined
  open(): Promise<TestDatabase>
}

async function openPglite(): Promise<TestDatabase> {
  const blob = new Blob([readFileSync(templateTarball())])
  const database = await openInMemory({ loadDataDir: blob })
  return { database, drop: () => database.close() }
}

/** A fresh, migrated PostgreSQL database; returns its URL and a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.PLEDGE_TEST_DATABASE_URL
  if (!base) throw new Error('PLEDGE_TEST_DATABASE_URL is not set')
  const name = `pledge_t_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = await openPostgres(adminUrl(base), { max: 1 })
  try {
    await sql.raw(`create database ${name} template ${PG_TEMPLATE_DB}`).execute(admin.db)
  } finally {
    await admin.close()
  }
  const url = databaseUrl(base, name)
  return {
    url,
    async drop() {
      const a = await openPostgres(adminUrl(base), { max: 1 })
      try {
        await sql.raw(`drop database if exists ${name} with (force)`).execute(a.db)
      } finally {
        await a.close()
      }
    },
  }
}

async function openPostgresVariant(): Promise<TestDatabase> {
  const created = await createPostgresDatabase()
  const database = await openPostgres(created.url, { max: 4 })
  return {
    database,
    url: created.url,
    async drop() {
      await database.close()
      await created.drop()
    },
  }
}

export const DATABASES: readonly DatabaseVariant[] = [
  { name: 'pglite', skip: undefined, open: openPglite },
  {
    name: 'postgres',
    skip: process.env.PLEDGE_TEST_DATABASE_URL ? undefined : 'PLEDGE_TEST_DATABASE_URL is not set',
    open: openPostgresVariant,
  },
]
