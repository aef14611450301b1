// `pledge requests list|show` as the privacy team runs them, against a real server process that
// holds the embedded database (the CLI reaches it through the admin endpoint).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startPledgeProcess } from './support/server-process.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { runPledge } from './support/cli.ts'

let dir: string
let env: NodeJS.ProcessEnv
let server: ChildProcess | undefined
let url = ''

const pledge = (args: string[]) => runPledge(args, env)

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pledge-requests-cli-'))
  env = { ...process.env, PLEDGE_DATA_DIR: join(dir, 'data'), PLEDGE_POLICY: EXAMPLE_POLICY, PLEDGE_PORT: '0', PLEDGE_DATABASE_URL: '', PLEDGE_LOG_LEVEL: 'warn' }
  const started = await startPledgeProcess(env)
  server = started.child
  url = started.url
})

after(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve))
    server.kill('SIGKILL')
    await exited
  }
  rmSync(dir, { recursive: true, force: true })
})

test('REQ-TR-06 REQ-TR-07 pledge requests list and show: ids, states, dates and history, never the address', async () => {
  const res = await fetch(`${url}/v1/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'erasure', email: 'cli.person@example.be', lang: 'nl' }) })
  assert.equal(res.status, 202)
  const filed = (await res.json()) as { id: string; dueAt: string }
  const list = pledge(['requests', 'list', '--open'])
  assert.equal(list.code, 0, list.stderr)
  assert.match(list.stdout, new RegExp(`${filed.id}\\terasure\\tawaiting_verification\\tapi\\t\\d{4}-\\d{2}-\\d{2}\\t${filed.dueAt}`))
  assert.doesNotMatch(list.stdout, /cli\.person/)
  const show = pledge(['requests', 'show', filed.id])
  assert.equal(show.code, 0, show.stderr)
  assert.match(show.stdout, /status: awaiting_verification/)
  assert.match(show.stdout, /- → awaiting_verification {2}filed:api/)
  assert.doesNotMatch(show.stdout, /cli\.person/)
  const overdue = pledge(['requests', 'list', '--overdue'])
  assert.equal(overdue.stdout.trim(), 'no overdue requests')
  const bad = pledge(['requests', 'list', '--status', 'lost'])
  assert.equal(bad.code, 1)
  assert.match(bad.stderr, /--status must be one of/)
  const missing = pledge(['requests', 'show', 'nope'])
  assert.equal(missing.code, 1)
  assert.match(missing.stderr, /request id/)
})
