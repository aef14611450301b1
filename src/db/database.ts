// Opens the one database Pledge uses: embedded PGlite under the data directory (the default), or
// PostgreSQL when a postgres:// URL is given. Both get the same migrations and the same queries.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { PGliteDialect } from './pglite-dialect.ts'
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts'
import { migrationProvider } from './migrations/index.ts'
import type { DB } from './schema.ts'

export type DatabaseMode = 'embedded' | 'postgres'

export interface Database {
  readonly db: Kysely<DB>
  readonly mode: DatabaseMode
  /** The PGlite instance in embedded mode (for dumps and checkpoints). */
  readonly pglite?: PGlite
  close(): Promise<void>
}

// Same JavaScript types from both drivers: dates stay 'YYYY-MM-DD' strings (no time-zone shift),
// 64-bit integers become numbers (counts and sequence numbers stay far below 2^53).
const INT8 = 20
const DATE = 1082
const parsers = { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v }

export class DatabaseOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DatabaseOpenError'
  }
}

export async function openEmbedded(dataDir: string, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const lock: DataDirLock = acquireDataDirLock(dataDir)
  let pglite: PGlite
  try {
    pglite = await PGlite.create({ dataDir: join(dataDir, 'pg'), parsers, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) })
  } catch (err) {
    lock.release()
    throw new DatabaseOpenError(`cannot open the embedded database in ${dataDir}: ${(err as Error).message}`, { cause: err })
  }
  return wrapPGlite(pglite, lock)
}

/** An in-memory PGlite (tests), optionally from a dumped template. */
export async function openInMemory(options: { loadDataDir?: Blob } = {}): Promise<Database> {
  const pglite = await PGlite.create({ parsers, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) })
  return wrapPGlite(pglite)
}

function wrapPGlite(pglite: PGlite, lock?: DataDirLock): Database {
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) })
  let closed = false
  return {
    db,
    mode: 'embedded',
    pglite,
    async close() {
      if (closed) return
      closed = true
      try {
        // Flush the WAL into the data files so the next start does not have to replay it.
        await pglite.query('checkpoint')
      } catch {
        /* already closed */
      }
      await db.destroy()
      await pglite.close()
      lock?.release()
    },
  }
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid in parsers ? parsers[oid as keyof typeof parsers] : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  })
  // An idle connection closed by the server (restart, failover) must not crash the process: the
  // pool drops it and the next query opens a new one.
  pool.on('error', () => {})
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  try {
    await sql`select 1`.execute(db)
  } catch (err) {
    await db.destroy()
    throw new DatabaseOpenError(`cannot connect to PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`, { cause: err })
  }
  let closed = false
  return {
    db,
    mode: 'postgres',
    async close() {
      if (closed) return
      closed = true
      await db.destroy()
    },
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'postgres://…'
  }
}

export async function openDatabase(options: { dataDir: string; databaseUrl?: string | undefined }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openEmbedded(options.dataDir)
}

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableName: 'pledge_migration', migrationLockTableName: 'pledge_migration_lock' })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw new DatabaseOpenError(`migration failed: ${(error as Error).message ?? String(error)}`, { cause: error })
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
