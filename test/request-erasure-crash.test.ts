// An erasure request whose server is killed with SIGKILL while carrying it out is finished by the
// next server to start: the person is never half erased, the request ends completed and the person
// gets the confirmation. Real `pledge start` processes on one PostgreSQL database, mail over SMTP.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { randomBytes, randomInt } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { createPostgresDatabase } from './support/databases.ts'
import { openNode } from './support/erasure-node.ts'
import { seedRecords } from './support/erasure-seed.ts'
import { startPledgeProcess } from './support/server-process.ts'
import { startSmtpServer } from './support/smtp.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { runtimeKey } from './support/actors.ts'
import { parseMasterKey } from '../src/vault/master-key.ts'

const RECORDS = 3000
const ROUNDS = 3
const skip = process.env.PLEDGE_TEST_DATABASE_URL ? false : 'needs PLEDGE_TEST_DATABASE_URL (PostgreSQL)'

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

test(`REQ-ER-04 REQ-SEC-05 an erasure request killed with SIGKILL mid-way is completed by the next start, never half done`, { skip, timeout: 600_000 }, async () => {
  const pg = await createPostgresDatabase()
  const smtp = await startSmtpServer()
  const dir = mkdtempSync(join(tmpdir(), 'pledge-request-crash-'))
  const masterKey = randomBytes(32).toString('base64')
  const tombstones = join(dir, 'tombstones')
  const env = { ...process.env, PLEDGE_DATABASE_URL: pg.url, PLEDGE_MASTER_KEY: masterKey, PLEDGE_DATA_DIR: join(dir, 'data'), PLEDGE_TOMBSTONES: tombstones, PLEDGE_SMTP_URL: smtp.url, PLEDGE_POLICY: EXAMPLE_POLICY, PLEDGE_PORT: '0', PLEDGE_LOG_LEVEL: 'warn' }
  // The test's own node on the same database: seeds people and looks at the rows (PostgreSQL
  // serves several instances at once).
  const node = await openNode({ dataDir: join(dir, 'probe'), databaseUrl: pg.url, tombstones, masterKey })
  const db = node.database.db
  let server: ChildProcess | undefined
  const outcomes: string[] = []
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const email = `crash${round}@example.be`
      const { id: subjectId } = await node.runtime.gate.create(await runtimeKey(node.runtime, 'crm', ['customer_registration']), 'customer_registration', { type: 'customer', data: { 'contact.name': `Crash ${round}`, 'contact.email': email, 'online.ip_address': '192.0.2.9' } })
      await node.runtime.gate.recordEvent(await runtimeKey(node.runtime, 'crm', ['customer_registration', 'accounting']), subjectId, 'invoice_issued', new Date())
      await seedRecords(db, parseMasterKey(masterKey), subjectId, 'financial.payment_data', RECORDS, 'accounting')

      const first = await startPledgeProcess(env)
      server = first.child
      const before = smtp.messages.length
      const filed = await fetch(`${first.url}/v1/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'erasure', email, lang: 'nl' }) })
      assert.equal(filed.status, 202)
      const requestId = ((await filed.json()) as { id: string }).id
      await smtp.waitFor(before + 1, 20_000)
      const code = /#code=(\d{6})/.exec(smtp.messages.at(-1)!.text ?? '')![1]!
      const verified = await fetch(`${first.url}/v1/requests/${requestId}/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })
      assert.equal(verified.status, 200)
      // The job picks the request up; kill the server while it works (or just before or after).
      await until('the request in progress', async () => {
        const r = await db.selectFrom('dsr_request').select('status').where('id', '=', requestId).executeTakeFirst()
        return r && r.status !== 'verified' ? r.status : undefined
      })
      await new Promise((r) => setTimeout(r, randomInt(0, 400)))
      server.kill('SIGKILL')
      await new Promise((r) => server!.once('exit', r))
      server = undefined

      // Never half done: either the ordinary key is there and nothing is marked erased, or the key
      // is gone, the person is marked erased and the invoices are all under the retention key.
      const key = await db.selectFrom('subject_key').select('kind').where('subject_id', '=', subjectId).execute()
      const subject = await db.selectFrom('subject').select('erased_at').where('id', '=', subjectId).executeTakeFirstOrThrow()
      const hasOrdinary = key.some((k) => k.kind === 'ordinary')
      const retained = await db.selectFrom('personal_data').select((eb) => eb.fn.countAll<string>().as('n')).where('subject_id', '=', subjectId).where('key_kind', '=', 'retention').where('category', '=', 'financial.payment_data').executeTakeFirstOrThrow()
      if (hasOrdinary) {
        assert.equal(subject.erased_at, null)
        assert.equal(Number(retained.n), 0)
        outcomes.push('killed before the shredding committed')
      } else {
        assert.notEqual(subject.erased_at, null)
        assert.equal(Number(retained.n), RECORDS)
        outcomes.push('killed after the shredding committed')
      }

      // The next start finishes the request.
      const second = await startPledgeProcess(env)
      server = second.child
      const status = await until('the request completed', async () => {
        const r = await db.selectFrom('dsr_request').select(['status', 'outcome']).where('id', '=', requestId).executeTakeFirst()
        return r?.status === 'completed' ? r : undefined
      }, 120_000)
      assert.equal((status.outcome as { kind: string }).kind, 'erased')
      assert.equal((await db.selectFrom('subject_key').select('kind').where('subject_id', '=', subjectId).where('kind', '=', 'ordinary').execute()).length, 0)
      const left = await db.selectFrom('personal_data').select((eb) => eb.fn.countAll<string>().as('n')).where('subject_id', '=', subjectId).where('key_kind', '=', 'ordinary').executeTakeFirstOrThrow()
      assert.equal(Number(left.n), 0, 'no unreadable leftovers')
      assert.ok(readFileSync(tombstones, 'utf8').split('\n').includes(subjectId), 'the tombstone outside the database')
      const kept = await node.runtime.gate.read(await runtimeKey(node.runtime, 'finance', ['accounting']), 'accounting', subjectId, ['financial.payment_data'])
      assert.equal((kept.data['financial.payment_data'] as unknown[]).length, RECORDS, 'the invoices are kept for accounting')
      await until('the confirmation', async () => (smtp.envelopes.slice(before).filter((e) => e.to.includes(email)).length >= 2 ? true : undefined), 30_000)
      server.kill('SIGTERM')
      await new Promise((r) => server!.once('exit', r))
      server = undefined
    }
    console.log(`# outcomes: ${outcomes.join('; ')}`)
  } finally {
    server?.kill('SIGKILL')
    await node.close()
    await smtp.close()
    await pg.drop()
    rmSync(dir, { recursive: true, force: true })
  }
})
