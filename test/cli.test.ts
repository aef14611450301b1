// The `pledge` command as a user runs it: a real server process on the embedded database, and CLI
// commands that reach it through its admin endpoint while it holds the data directory.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, copyFileSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startPledgeProcess } from './support/server-process.ts'
import { REPO_ROOT, EXAMPLE_POLICY } from './support/paths.ts'

const BIN = join(REPO_ROOT, 'bin/pledge.js')
let dir: string
let env: NodeJS.ProcessEnv
let server: ChildProcess | undefined
let baseUrl = ''

function pledge(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  return startPledgeProcess(env)
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pledge-cli-'))
  copyFileSync(EXAMPLE_POLICY, join(dir, 'policy.yaml'))
  env = { ...process.env, PLEDGE_DATA_DIR: join(dir, 'data'), PLEDGE_POLICY: join(dir, 'policy.yaml'), PLEDGE_PORT: '0', PLEDGE_DATABASE_URL: '', PLEDGE_LOG_LEVEL: 'info' }
})

after(async () => {
  server?.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

test('pledge policy check accepts the example and exits 0', () => {
  const r = pledge(['policy', 'check', EXAMPLE_POLICY])
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /valid — 10 purposes/)
})

test('REQ-LB-01 pledge policy check refuses a bad policy with the field path and exit 1', () => {
  const bad = readFileSync(EXAMPLE_POLICY, 'utf8').replace(/(\n\s+duration: )P10Y/, '$1ten years')
  writeFileSync(join(dir, 'bad.yaml'), bad)
  const r = pledge(['policy', 'check', join(dir, 'bad.yaml')])
  assert.equal(r.code, 1)
  assert.match(r.stderr, /purposes\[\d+\]\.retention\.duration: must be ISO 8601 duration/)
})

test('pledge --help and each command --help describe the commands', () => {
  const r = pledge(['--help'])
  assert.equal(r.code, 0)
  for (const c of ['start', 'policy', 'statement', 'ropa', 'migrate']) assert.match(r.stdout, new RegExp(`\\b${c}\\b`))
  for (const c of [['policy', 'publish'], ['statement'], ['ropa'], ['migrate'], ['start']]) assert.equal(pledge([...c, '--help']).code, 0)
})

test('pledge start serves /health, publishes version 1, and refuses a second server on the same directory', { timeout: 120_000 }, async () => {
  const started = await startServer()
  server = started.child
  baseUrl = started.url
  const health = await (await fetch(`${baseUrl}/health`)).json()
  assert.equal(health.database, 'embedded')
  assert.equal(health.policyVersion, 1)
  const info = join(dir, 'data', 'server.json')
  assert.ok(existsSync(info))
  assert.equal(statSync(info).mode & 0o777, 0o600)
  const second = pledge(['start'])
  assert.equal(second.code, 1)
  assert.match(second.stderr, /in use by another Pledge process/)
})

test('REQ-TR-04 while the server runs, publish and statement go through it', { timeout: 60_000 }, async () => {
  const unchanged = pledge(['policy', 'publish'])
  assert.equal(unchanged.code, 1)
  assert.match(unchanged.stderr, /identical to the published version 1/)
  const path = join(dir, 'policy.yaml')
  writeFileSync(path, readFileSync(path, 'utf8').replace(/(\n\s+duration: )P10Y/, '$1P11Y'))
  const published = pledge(['policy', 'publish'])
  assert.equal(published.code, 0, published.stderr)
  assert.match(published.stdout, /published statement version 2/)
  assert.match(published.stdout, /material changes: .*retention/)
  const health = await (await fetch(`${baseUrl}/health`)).json()
  assert.equal(health.policyVersion, 2)
  const md = pledge(['statement', '--lang', 'nl', '--format', 'md'])
  assert.equal(md.code, 0, md.stderr)
  assert.match(md.stdout, /Kempische Steenweg 311/)
  const v1 = pledge(['statement', '--at-version', '1', '--format', 'html'])
  assert.match(v1.stdout, /<html/)
  const versions = pledge(['policy', 'versions'])
  assert.match(versions.stdout, /^2\t/m)
})

let apiKey = ''
test('REQ-SEC-04 apikey create prints the key alone on its last line; audit verify and keys rotate go through the server', { timeout: 60_000 }, async () => {
  const created = pledge(['apikey', 'create', '--name', 'crm', '--purposes', 'customer_registration,customer_service'])
  assert.equal(created.code, 0, created.stderr)
  const lines = created.stdout.trim().split('\n')
  apiKey = lines.at(-1)!
  assert.match(apiKey, /^pledge_[A-Za-z0-9_-]{43}$/)
  const bad = pledge(['apikey', 'create', '--name', 'x', '--purposes', 'profiling'])
  assert.equal(bad.code, 1)
  assert.match(bad.stderr, /unknown purpose profiling/)
  const res = await fetch(`${baseUrl}/v1/subjects?purpose=customer_registration`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'customer', data: { 'contact.name': 'Cli Person', 'contact.email': 'cli@example.be' } }),
  })
  assert.equal(res.status, 201)
  const { id } = (await res.json()) as { id: string }
  const verify = pledge(['audit', 'verify'])
  assert.equal(verify.code, 0, verify.stderr + verify.stdout)
  const rotate = pledge(['keys', 'rotate'])
  assert.equal(rotate.code, 0, rotate.stderr)
  assert.match(rotate.stdout, /added master key v2/)
  assert.match(rotate.stdout, /re-wrapped 1 data keys under master key v2; 0 left/)
  const read = await fetch(`${baseUrl}/v1/subjects/${id}?purpose=customer_service`, { headers: { authorization: `Bearer ${apiKey}` } })
  assert.equal(read.status, 200)
  assert.equal(((await read.json()) as any).data['contact.name'], 'Cli Person')
  const list = pledge(['apikey', 'list'])
  assert.match(list.stdout, /\tcrm\t/)
  assert.ok(!list.stdout.includes(apiKey), 'the list never shows a key')
  const revoked = pledge(['apikey', 'revoke', 'crm'])
  assert.equal(revoked.code, 0, revoked.stderr)
  const after = await fetch(`${baseUrl}/v1/subjects/${id}?purpose=customer_service`, { headers: { authorization: `Bearer ${apiKey}` } })
  assert.equal(after.status, 401)
})

test('SIGTERM stops the server cleanly; commands then open the database directly', { timeout: 60_000 }, async () => {
  const exited = new Promise<number | null>((resolve) => server!.on('exit', (code) => resolve(code)))
  server!.kill('SIGTERM')
  assert.equal(await exited, 0)
  server = undefined
  assert.equal(existsSync(join(dir, 'data', 'server.json')), false)
  assert.equal(existsSync(join(dir, 'data', 'pledge.lock')), false)
  const csv = pledge(['ropa', '--format', 'csv'])
  assert.equal(csv.code, 0, csv.stderr)
  assert.match(csv.stdout.split('\n')[0]!, /,/)
  assert.ok(csv.stdout.includes('processing_for_customers'))
  assert.equal(pledge(['audit', 'verify']).code, 0)
})

test('REQ-SEC-04 audit verify exits 1 naming the first bad entry after tampering', { timeout: 60_000 }, async () => {
  const { openEmbedded } = await import('../src/db/database.ts')
  const database = await openEmbedded(join(dir, 'data'))
  const rows = await database.db.selectFrom('audit_entry').select(['seq']).orderBy('seq').execute()
  assert.ok(rows.length >= 3)
  const target = rows[1]!.seq
  await database.db.updateTable('audit_entry').set({ reason: 'forged' }).where('seq', '=', target).execute()
  await database.close()
  const verify = pledge(['audit', 'verify'])
  assert.equal(verify.code, 1)
  assert.match(verify.stdout + verify.stderr, new RegExp(`seq ${target}\\b`))
})
