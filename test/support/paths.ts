import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const TEMPLATE_DIR = join(REPO_ROOT, '.test-cache')
export const templateTarball = () => join(TEMPLATE_DIR, 'pglite-template.tar.gz')
/**
 * The migrated PostgreSQL template of this test run: named per run (scripts/run-tests.mjs sets
 * PLEDGE_TEST_RUN_ID), so two runs on one server never drop each other's template.
 */
export const PG_TEMPLATE_DB = `pledge_tpl_${(process.env.PLEDGE_TEST_RUN_ID ?? 'local').replace(/[^a-z0-9_]/g, '')}`
/**
 * The `pledge` command bundled once per run (test/support/prepare.ts) so that each CLI call and
 * server started by a test is a plain `node` process, not a fresh tsx compile: named per run, so two
 * runs never overwrite each other's.
 */
export const CLI_BUNDLE = join(TEMPLATE_DIR, `pledge-cli-${(process.env.PLEDGE_TEST_RUN_ID ?? 'local').replace(/[^A-Za-z0-9_]/g, '')}.mjs`)
export const EXAMPLE_POLICY = join(REPO_ROOT, 'examples/ixpole/policy.yaml')

/** The same server, connected to its maintenance database (to create and drop databases). */
export function adminUrl(url: string): string {
  const parsed = new URL(url)
  parsed.pathname = '/postgres'
  return parsed.toString()
}

export function databaseUrl(url: string, name: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}
