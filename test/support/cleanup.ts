// Runs once after the test files: drops this run's PostgreSQL template database and removes this
// run's bundle of the pledge command.
import { rmSync } from 'node:fs'
import { sql } from 'kysely'
import { openPostgres } from '../../src/db/database.ts'
import { PG_TEMPLATE_DB, adminUrl, CLI_BUNDLE } from './paths.ts'

rmSync(CLI_BUNDLE, { force: true })

const url = process.env.PLEDGE_TEST_DATABASE_URL
if (url) {
  const admin = await openPostgres(adminUrl(url), { max: 1 })
  try {
    await sql.raw(`drop database if exists ${PG_TEMPLATE_DB} with (force)`).execute(admin.db)
  } finally {
    await admin.close()
  }
}
