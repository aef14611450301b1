// The `pledge` command as a user runs it: a real server process on the embedded database, and CLI
// commands that reach it through its admin endpoint while it holds the data directory. Each test
// has a directory and, where it needs one, a server of its own.
import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, copyFileSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startPledgeProcess } from './support/server-process.ts'
import { runPledge } from './support/cli.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'

interface Workspace {
  readonly dir: string
  readonly env: NodeJS.ProcessEnv
  pledge(args: string[]): ReturnType<typeof runPledge>
  /** Run when the test ends, last added first, before the directory is removed. */
  readonly cleanups: (() => Promise<void>)[]
}

/** A fresh directory with a copy of the example policy, removed when the test ends. */
function workspace(t: TestContext): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-cli-'))
  const cleanups: (() => Promise<void>)[] = []
  t.after(async () => {
    try {
      for (const cleanup of cleanups.reverse()) await cleanup()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
  copyFileSync(EXAMPLE_POLICY, join(dir, 'policy.yaml'))
  const env = { ...process.env, PLEDGE_DATA_DIR: join(dir, 'data'), PLEDGE_POLICY: join(dir, 'policy.yaml'), PLEDGE_PORT: '0', PLEDGE_DATABASE_URL: '', PLEDGE_LOG_LEVEL: 'info' }
  return { dir, env, pledge: (args) => runPledge(args, env), cleanups }
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null

/** `pledge start` on the workspace; killed (and waited for) when the test ends if it still runs. */
async function serve(w: Workspace): Promise<{ child: ChildProcess; url: string }> {
  const started = await startPledgeProcess(w.env)
  w.cleanups.push(async () => {
    if (!running(started.child)) return
    const exited = new Promise((resolve) => started.child.once('exit', resolve))
    started.child.kill('SIGKILL')
    await exited
  })
  return started
}

function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  child.kill('SIGTERM')
  return exited
}

/** A key, a customer created and read twice through the gate: three entries in the audit log. */
async function someUse(w: Workspace, url: string): Promise<{ apiKey: string; id: string }> {
  const created = w.pledge(['apikey', 'create', '--name', 'crm', '--purposes', 'customer_registration,customer_service'])
  assert.equal(created.code, 0, created.stderr)
  const apiKey = created.stdout.trim().split('\n').at(-1)!
  const res = await fetch(`${url}/v1/subjects?purpose=customer_registration`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'customer', data: { 'contact.name': 'Cli Person', 'contact.email': 'cli@example.be' } }),
  })
  assert.equal(res.status, 201)
  const { id } = (await res.json()) as { id: string }
  for (let i = 0; i < 2; i++) {
    const read = await fetch(`${url}/v1/subjects/${id}?purpose=customer_service`, { headers: { authorization: `Bearer ${apiKey}` } })
    assert.equal(read.status, 200)
  }
  return { apiKey, id }
}

test('pledge policy check accepts the example and exits 0', (t) => {
  const r = workspace(t).pledge(['policy', 'check', EXAMPLE_POLICY])
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /valid — 12 purposes, 15 data categories, 8 subject types/)
})

test('REQ-LB-01 pledge policy check refuses a bad policy with the field path and exit 1', (t) => {
  const w = workspace(t)
  const bad = readFileSync(EXAMPLE_POLICY, 'utf8').replace(/(\n\s+duration: )P10Y/, '$1ten years')
  writeFileSync(join(w.dir, 'bad.yaml'), bad)
  const r = w.pledge(['policy', 'check', join(w.dir, 'bad.yaml')])
  assert.equal(r.code, 1)
  assert.match(r.stderr, /purposes\[\d+\]\.retention\.duration: must be ISO 8601 duration/)
})

test('pledge --help and each command --help describe the commands', (t) => {
  const w = workspace(t)
  const r = w.pledge(['--help'])
  assert.equal(r.code, 0)
  for (const c of ['start', 'policy', 'statement', 'ropa', 'migrate']) assert.match(r.stdout, new RegExp(`\\b${c}\\b`))
  for (const c of [['policy', 'publish'], ['statement'], ['ropa'], ['migrate'], ['start']]) assert.equal(w.pledge([...c, '--help']).code, 0)
})

test('pledge start serves /health, publishes version 1, and refuses a second server on the same directory', { timeout: 300_000 }, async (t) => {
  const w = workspace(t)
  const { url } = await serve(w)
  const health = await (await fetch(`${url}/health`)).json()
  assert.equal(health.database, 'embedded')
  assert.equal(health.policyVersion, 1)
  const info = join(w.dir, 'data', 'server.json')
  assert.ok(existsSync(info))
  assert.equal(statSync(info).mode & 0o777, 0o600)
  const second = w.pledge(['start'])
  assert.equal(second.code, 1)
  assert.match(second.stderr, /in use by another Pledge process/)
})

test('REQ-TR-04 while the server runs, publish and statement go through it', { timeout: 300_000 }, async (t) => {
  const w = workspace(t)
  const { url } = await serve(w)
  const unchanged = w.pledge(['policy', 'publish'])
  assert.equal(unchanged.code, 1)
  assert.match(unchanged.stderr, /identical to the published version 1/)
  const path = join(w.dir, 'policy.yaml')
  const before = await (await fetch(`${url}/health`)).json()
  assert.equal(before.policyDraft, false)
  writeFileSync(path, readFileSync(path, 'utf8').replace(/(\n\s+duration: )P10Y/, '$1P11Y'))
  const edited = await (await fetch(`${url}/health`)).json()
  assert.equal(edited.policyDraft, true, 'the edited file is a draft')
  // A material change needs 30 days' notice (REQ-TR-04): sooner is refused with the earliest date.
  const tooSoon = w.pledge(['policy', 'publish'])
  assert.equal(tooSoon.code, 1)
  assert.match(tooSoon.stderr, /the earliest effective date is \d{4}-\d{2}-\d{2}/)
  writeFileSync(path, readFileSync(path, 'utf8').replace(/\nstatement:\n/, '\nstatement:\n  materialChangeNoticeDays: 0\n'))
  const published = w.pledge(['policy', 'publish'])
  assert.equal(published.code, 0, published.stderr)
  assert.match(published.stdout, /published statement version 2/)
  assert.match(published.stdout, /material changes: .*retention/)
  const health = await (await fetch(`${url}/health`)).json()
  assert.equal(health.policyVersion, 2)
  assert.equal(health.latestPolicyVersion, 2)
  assert.equal(health.policyDraft, false, 'after publish, without a restart, the file is no draft')
  const md = w.pledge(['statement', '--lang', 'nl', '--format', 'md'])
  assert.equal(md.code, 0, md.stderr)
  assert.match(md.stdout, /Kempische Steenweg 311/)
  const v1 = w.pledge(['statement', '--at-version', '1', '--format', 'html'])
  assert.match(v1.stdout, /<html/)
  const versions = w.pledge(['policy', 'versions'])
  assert.match(versions.stdout, /^2\t/m)
  writeFileSync(path, 'controller: [not a policy\n')
  const broken = (await fetch(`${url}/health`)).status
  assert.equal(broken, 200, 'a broken policy file never breaks /health')
  assert.equal((await (await fetch(`${url}/health`)).json()).policyDraft, true)
})

test('REQ-SEC-04 apikey create prints the key alone on its last line; audit verify and keys rotate go through the server', { timeout: 300_000 }, async (t) => {
  const w = workspace(t)
  const { url } = await serve(w)
  const { apiKey, id } = await someUse(w, url)
  assert.match(apiKey, /^pledge_[A-Za-z0-9_-]{43}$/)
  const bad = w.pledge(['apikey', 'create', '--name', 'x', '--purposes', 'profiling'])
  assert.equal(bad.code, 1)
  assert.match(bad.stderr, /unknown purpose profiling/)
  const verify = w.pledge(['audit', 'verify'])
  assert.equal(verify.code, 0, verify.stderr + verify.stdout)
  const rotate = w.pledge(['keys', 'rotate'])
  assert.equal(rotate.code, 0, rotate.stderr)
  assert.match(rotate.stdout, /added master key v2/)
  assert.match(rotate.stdout, /re-wrapped 1 data keys under master key v2; 0 left/)
  const read = await fetch(`${url}/v1/subjects/${id}?purpose=customer_service`, { headers: { authorization: `Bearer ${apiKey}` } })
  assert.equal(read.status, 200)
  assert.equal(((await read.json()) as any).data['contact.name'], 'Cli Person')
  const list = w.pledge(['apikey', 'list'])
  assert.match(list.stdout, /\tcrm\t/)
  assert.ok(!list.stdout.includes(apiKey), 'the list never shows a key')
  const revoked = w.pledge(['apikey', 'revoke', 'crm'])
  assert.equal(revoked.code, 0, revoked.stderr)
  const after = await fetch(`${url}/v1/subjects/${id}?purpose=customer_service`, { headers: { authorization: `Bearer ${apiKey}` } })
  assert.equal(after.status, 401)
})

test('SIGTERM stops the server cleanly; commands then open the database directly', { timeout: 300_000 }, async (t) => {
  const w = workspace(t)
  const { child, url } = await serve(w)
  await someUse(w, url)
  assert.equal(await stop(child), 0)
  assert.equal(existsSync(join(w.dir, 'data', 'server.json')), false)
  assert.equal(existsSync(join(w.dir, 'data', 'pledge.lock')), false)
  const csv = w.pledge(['ropa', '--format', 'csv'])
  assert.equal(csv.code, 0, csv.stderr)
  assert.match(csv.stdout.split('\n')[0]!, /,/)
  assert.ok(csv.stdout.includes('processing_for_customers'))
  assert.equal(w.pledge(['audit', 'verify']).code, 0)
})

test('REQ-SEC-04 audit verify exits 1 naming the first bad entry after tampering', { timeout: 300_000 }, async (t) => {
  const w = workspace(t)
  const { child, url } = await serve(w)
  await someUse(w, url)
  assert.equal(await stop(child), 0)
  const { openEmbedded } = await import('../src/db/database.ts')
  const database = await openEmbedded(join(w.dir, 'data'))
  const rows = await database.db.selectFrom('audit_entry').select(['seq']).orderBy('seq').execute()
  assert.ok(rows.length >= 3, `${rows.length} audit entries`)
  const target = rows[1]!.seq
  await database.db.updateTable('audit_entry').set({ reason: 'forged' }).where('seq', '=', target).execute()
  await database.close()
  const verify = w.pledge(['audit', 'verify'])
  assert.equal(verify.code, 1)
  assert.match(verify.stdout + verify.stderr, new RegExp(`seq ${target}\\b`))
})
