// Runs once before the test files: builds one migrated PGlite template (dumped to a tarball that
// every test file loads, instead of paying initdb per file) and, when PLEDGE_TEST_DATABASE_URL is
// set, one migrated PostgreSQL template database that test databases are cloned from; and the
// `pledge` command bundled into one file, that the CLI and server tests run with plain node.
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { openInMemory, openPostgres, migrateToLatest } from '../../src/db/database.ts'
import { migrations } from '../../src/db/migrations/index.ts'
import { TEMPLATE_DIR, templateTarball, PG_TEMPLATE_DB, adminUrl, CLI_BUNDLE } from './paths.ts'
import { bundleCli } from './cli-bundle.ts'
import { sql } from 'kysely'

const fingerprint = createHash('sha256')
  .update(Object.keys(migrations).join(','))
  .update(readFileSync(new URL('../../src/db/migrations/index.ts', import.meta.url)))
  .update(Object.keys(migrations).map((m) => readFileSync(new URL(`../../src/db/migrations/${m}.ts`, import.meta.url), 'utf8')).join('\n'))
  .digest('hex')
  .slice(0, 16)

mkdirSync(TEMPLATE_DIR, { recursive: true })
const tarball = templateTarball()
const stamp = join(TEMPLATE_DIR, 'pglite-template.fingerprint')
if (!existsSync(tarball) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== fingerprint) {
  const started = Date.now()
  const database = await openInMemory()
  await migrateToLatest(database.db)
  const dump = await database.pglite!.dumpDataDir('gzip')
  writeFileSync(tarball, Buffer.from(await dump.arrayBuffer()))
  writeFileSync(stamp, fingerprint)
  await database.close()
  console.log(`# prepared the migrated PGlite template in ${Date.now() - started} ms`)
}

{
  const started = Date.now()
  await bundleCli(CLI_BUNDLE)
  console.log(`# bundled the pledge command in ${Date.now() - started} ms`)
}

const url = process.env.PLEDGE_TEST_DATABASE_URL
if (url) {
  const admin = await openPostgres(adminUrl(url), { max: 1 })
  // Rebuild the template every run: it is cheap on PostgreSQL and never stale.
  await sql.raw(`drop database if exists ${PG_TEMPLATE_DB} with (force)`).execute(admin.db)
  await sql.raw(`create database ${PG_TEMPLATE_DB}`).execute(admin.db)
  await admin.close()
  const template = await openPostgres(withDatabase(url, PG_TEMPLATE_DB), { max: 1 })
  await migrateToLatest(template.db)
  await template.close()
  console.log('# prepared the migrated PostgreSQL template database')
}

function withDatabase(u: string, name: string): string {
  const parsed = new URL(u)
  parsed.pathname = `/${name}`
  return parsed.toString()
}
