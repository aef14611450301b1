// How the tests run `pledge`: bin/pledge.js once src/cli/main.ts registers the import command and
// src/operations.ts merges the import operations; until then test/support/import-cli.js, which
// wires both in.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from './paths.ts'

export function pledgeEntry(): string {
  const main = readFileSync(join(REPO_ROOT, 'src/cli/main.ts'), 'utf8')
  const ops = readFileSync(join(REPO_ROOT, 'src/operations.ts'), 'utf8')
  if (main.includes('registerImportCommand') && ops.includes('importOperations')) return join(REPO_ROOT, 'bin/pledge.js')
  return join(REPO_ROOT, 'test/support/import-cli.js')
}
