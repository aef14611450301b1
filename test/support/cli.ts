// The `pledge` command as tests run it: `node` on this run's bundle (test/support/prepare.ts), or
// on bin/pledge.js (through tsx) when a file is run without the runner.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { CLI_BUNDLE, REPO_ROOT } from './paths.ts'

/** The script node runs as `pledge`. */
export function pledgeEntry(): string {
  return existsSync(CLI_BUNDLE) ? CLI_BUNDLE : join(REPO_ROOT, 'bin/pledge.js')
}

export interface PledgeResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs one `pledge` command to its end. The guard is generous: a busy machine is slow, not wrong. */
export function runPledge(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 180_000): PledgeResult {
  const r = spawnSync(process.execPath, [pledgeEntry(), ...args], { env, encoding: 'utf8', timeout: timeoutMs })
  if (r.error) throw new Error(`pledge ${args.join(' ')}: ${r.error.message}\n${r.stderr ?? ''}`)
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
