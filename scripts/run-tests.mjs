#!/usr/bin/env node
// Runs every test file under test/ with node's test runner through tsx.
// Node 20 does not expand globs for --test, so the list is built here; an empty list is an error,
// so that a broken layout can never pass as "ran no test".
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'

const args = process.argv.slice(2)
const roots = args.filter((a) => !a.startsWith('-'))
const flags = args.filter((a) => a.startsWith('-'))

function walk(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...walk(p))
    else if (name.endsWith('.test.ts')) out.push(p)
  }
  return out
}

const files = (roots.length ? roots : ['test']).flatMap((r) => (statSync(r).isDirectory() ? walk(r) : [r])).sort()
if (files.length === 0) {
  console.error('no test files found')
  process.exit(2)
}
// One id per run names this run's PostgreSQL template database (test/support/paths.ts).
process.env.PLEDGE_TEST_RUN_ID ??= `${process.pid}_${randomBytes(3).toString('hex')}`
const prepare = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/prepare.ts'], { stdio: 'inherit' })
if (prepare.status !== 0) process.exit(prepare.status ?? 1)
const concurrency = process.env.PLEDGE_TEST_CONCURRENCY ?? '2'
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...flags, ...files],
  { stdio: 'inherit' },
)
spawnSync(process.execPath, ['--import', 'tsx', 'test/support/cleanup.ts'], { stdio: 'inherit' })
process.exit(result.status ?? 1)
