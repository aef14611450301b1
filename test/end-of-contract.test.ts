// End of contract (issue 16 part 4, REQ-PR-04, Art. 28(3)(g)) on both databases: a customer's people
// are returned (the ZIP holds their data) and deleted (erased by crypto-shredding, tombstoned, audited
// per person), other tenants and the controller's own people untouched; the signed deletion
// certificate verifies offline with `pledge certificate verify` and a tampered one (one byte) is
// refused. On PostgreSQL the run is also started with `pledge processors end-contract`.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync, strFromU8 } from 'fflate'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { runtimeKey } from './support/actors.ts'
import { runPledge } from './support/cli.ts'
import { makeTempDir } from './support/temp.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { masterKeyRingFrom } from '../src/vault/master-key.ts'
import { runEndOfContract } from '../src/processors/end-of-contract.ts'
import { endOfContractDeps } from '../src/processors/processor-operations.ts'
import { keysDocument, serializeCertificate, verifyCertificate, parseKeysDocument } from '../src/processors/certificate.ts'
import type { Runtime } from '../src/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import type { FastifyInstance } from 'fastify'
import { TestClock, signIn, staffAccount, type SignedIn } from './support/staff.ts'
import type { Actor } from '../src/gate/actor.ts'

const SECRET = randomBytes(32)
const KEY_HEX = SECRET.toString('hex')

for (const variant of DATABASES) {
  describe(`${variant.name}: end of contract`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let acme: Actor
    let globex: Actor
    let crm: Actor
    const acmeIds: string[] = []
    let globexId = ''
    let ownId = ''
    const dir = makeTempDir('pledge-eoc-')

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database, { keys: masterKeyRingFrom([{ version: 1, secret: SECRET }]) })
      acme = await runtimeKey(runtime, 'acme', ['processing_for_customers'], { tenantId: 'acme' })
      globex = await runtimeKey(runtime, 'globex', ['processing_for_customers'], { tenantId: 'globex' })
      crm = await runtimeKey(runtime, 'crm', ['customer_registration'])
      for (const [name, email] of [['Ada Acme', 'ada@acme-visitors.example'], ['Bert Acme', 'bert@acme-visitors.example'], ['Cleo Acme', 'cleo@acme-visitors.example']] as const) {
        acmeIds.push((await runtime.gate.create(acme, 'processing_for_customers', { type: 'customer_visitor', data: { 'contact.name': name, 'contact.email': email } })).id)
      }
      globexId = (await runtime.gate.create(globex, 'processing_for_customers', { type: 'customer_visitor', data: { 'contact.name': 'Gina Globex', 'contact.email': 'gina@globex-visitors.example' } })).id
      ownId = (await runtime.gate.create(crm, 'customer_registration', { type: 'customer', data: { 'contact.name': 'Olaf Own', 'contact.email': 'olaf@own.example' } })).id
    })
    after(async () => {
      await runtime?.close()
      await t?.drop()
    })

    const subjectRow = (id: string) => t.database.db.selectFrom('subject').select(['erased_at']).where('id', '=', id).executeTakeFirst()
    let certificateText = ''
    const result0KeyId = () => (JSON.parse(certificateText) as { keyId: string }).keyId

    test('REQ-PR-04 the customer\'s people are returned (the ZIP holds their data) and deleted: erased, tombstoned, audited; others untouched', async () => {
      const out = join(dir, 'acme-return')
      const result = await runEndOfContract(endOfContractDeps(runtime), { tenantId: 'acme', returnDir: out, delete: true, startedBy: 'test' })
      assert.ok(result.exportFile && existsSync(result.exportFile))
      const files = unzipSync(new Uint8Array(readFileSync(result.exportFile)))
      const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { tenantId: string; subjects: { subjectId: string }[] }
      assert.equal(manifest.tenantId, 'acme')
      assert.deepEqual(manifest.subjects.map((s) => s.subjectId).sort(), [...acmeIds].sort())
      for (const id of acmeIds) assert.ok(files[`${id}/data.json`] && files[`${id}/data.csv`], `export of ${id}`)
      const all = Object.values(files).map((f) => strFromU8(f)).join('\n')
      for (const email of ['ada@acme-visitors.example', 'bert@acme-visitors.example', 'cleo@acme-visitors.example']) assert.ok(all.includes(email), `the return holds ${email}`)
      assert.ok(!all.includes('gina@globex-visitors.example') && !all.includes('olaf@own.example'), 'nobody else is in the return')

      for (const id of acmeIds) {
        assert.ok((await subjectRow(id))?.erased_at, `${id} is erased`)
        assert.ok(await t.database.db.selectFrom('erasure_tombstone').select('subject_id').where('subject_id', '=', id).executeTakeFirst(), `${id} has a tombstone`)
        assert.equal((await t.database.db.selectFrom('subject_key').select('subject_id').where('subject_id', '=', id).execute()).length, 0, `${id}'s keys are destroyed`)
      }
      assert.equal((await subjectRow(globexId))?.erased_at, null)
      assert.equal((await subjectRow(ownId))?.erased_at, null)
      assert.equal((await runtime.gate.read(globex, 'processing_for_customers', globexId)).data['contact.email'], 'gina@globex-visitors.example')
      assert.equal((await runtime.gate.read(crm, 'customer_registration', ownId)).data['contact.email'], 'olaf@own.example')

      const entries = await t.database.db.selectFrom('audit_entry').select(['seq', 'action', 'subject_id', 'reason']).where('reason', 'like', `contract:${result.runId}%`).orderBy('seq').execute()
      assert.deepEqual(entries.filter((e) => e.action === 'contract.erase').map((e) => e.subject_id).sort(), [...acmeIds].sort())
      assert.deepEqual(entries.filter((e) => e.action === 'contract.export').map((e) => e.subject_id).sort(), [...acmeIds].sort())
      const c = result.certificate.certificate
      assert.equal(c.tenantId, 'acme')
      assert.deepEqual(c.subjects, { total: 3, returned: 3, deleted: 3, alreadyErased: 0 })
      assert.ok(c.records.deleted >= 6, `records deleted: ${c.records.deleted}`)
      assert.equal(c.tombstonesKept, 3)
      assert.equal(c.audit.fromSeq, Number(entries[0]!.seq))
      assert.equal(c.audit.toSeq, Number(entries.at(-1)!.seq))
      const head = await t.database.db.selectFrom('audit_entry').select('hash').where('seq', '=', c.audit.toSeq).executeTakeFirst()
      assert.equal(c.audit.headHash, head?.hash)
      assert.equal(c.policy.version, (await runtime.currentVersion()).version)
      certificateText = serializeCertificate(result.certificate)
      assert.equal(verifyCertificate(certificateText, parseKeysDocument(keysDocument([runtime.keys().current.auditSigningKeyPair().publicKey]))).valid, true)

      // Running it again finds nobody left to delete and issues a certificate that says so.
      const again = await runEndOfContract(endOfContractDeps(runtime), { tenantId: 'acme', delete: true, startedBy: 'test' })
      assert.deepEqual(again.certificate.certificate.subjects, { total: 3, returned: 0, deleted: 0, alreadyErased: 3 })
    })

    test('REQ-PR-04 the certificate verifies offline with `pledge certificate verify` and the published keys; a tampered one (one byte changed) is refused', async () => {
      assert.ok(certificateText, 'the run above wrote a certificate')
      const file = join(dir, 'certificate.json')
      writeFileSync(file, certificateText)
      // The public keys as Pledge publishes them (no caller needed).
      const app = await buildApp(runtime)
      const published = await app.inject({ method: 'GET', url: '/.well-known/pledge-keys.json' })
      await app.close()
      assert.equal(published.statusCode, 200)
      assert.equal(published.json().keys[0].keyId, result0KeyId())
      const keys = join(dir, 'keys.json')
      writeFileSync(keys, published.body)
      // Offline: no database, no server, an empty data directory.
      const env = { ...process.env, PLEDGE_DATABASE_URL: '', PLEDGE_DATA_DIR: makeTempDir('pledge-eoc-offline-'), PLEDGE_MASTER_KEY: '', PLEDGE_POLICY: EXAMPLE_POLICY }
      const ok = runPledge(['certificate', 'verify', file, '--keys', keys], env)
      assert.equal(ok.code, 0, ok.stderr)
      assert.match(ok.stdout, /valid, signed by key [0-9a-f]{16}/)
      assert.match(ok.stdout, /tenant acme: 3 people/)
      const viaProcessors = runPledge(['processors', 'certificate', 'verify', file], { ...env, PLEDGE_MASTER_KEY: KEY_HEX })
      assert.equal(viaProcessors.code, 0, viaProcessors.stderr)

      // One byte changed: a count 3 becomes 4.
      const tampered = join(dir, 'tampered.json')
      const at = certificateText.indexOf('"deleted": 3')
      assert.ok(at > 0)
      writeFileSync(tampered, `${certificateText.slice(0, at)}"deleted": 4${certificateText.slice(at + '"deleted": 3'.length)}`)
      const bad = runPledge(['certificate', 'verify', tampered, '--keys', keys], env)
      assert.equal(bad.code, 1)
      assert.match(bad.stderr, /NOT VALID: the signature does not match the content/)
      // Another key (another installation) does not verify it either.
      const other = runPledge(['certificate', 'verify', file], { ...env, PLEDGE_MASTER_KEY: randomBytes(32).toString('hex') })
      assert.equal(other.code, 1)
      assert.match(other.stderr, /not among the trusted keys/)
    })

    // The CLI opens the database itself: an in-memory embedded one is not reachable, so only on PostgreSQL.
    if (variant.name === 'postgres') test('REQ-PR-04 `pledge processors end-contract --tenant --return --delete` runs it from the command line (PostgreSQL)', async () => {
      const out = join(dir, 'globex-return')
      const env = { ...process.env, PLEDGE_DATABASE_URL: t.url!, PLEDGE_DATA_DIR: makeTempDir('pledge-eoc-cli-'), PLEDGE_MASTER_KEY: KEY_HEX, PLEDGE_POLICY: EXAMPLE_POLICY, PLEDGE_LOG_LEVEL: 'warn' }
      const r = runPledge(['processors', 'end-contract', '--tenant', 'globex', '--return', out, '--delete'], env)
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, /deleted 1 people/)
      const certFile = /certificate: (\S+)/.exec(r.stdout)![1]!
      assert.ok((await subjectRow(globexId))?.erased_at)
      assert.equal((await subjectRow(ownId))?.erased_at, null)
      const key = runPledge(['certificate', 'key'], env)
      assert.equal(key.code, 0, key.stderr)
      const keys = join(dir, 'published-keys.json')
      writeFileSync(keys, key.stdout)
      const v = runPledge(['certificate', 'verify', certFile, '--keys', keys], { ...env, PLEDGE_DATABASE_URL: '', PLEDGE_MASTER_KEY: '' })
      assert.equal(v.code, 0, v.stderr)
    })
  })
}

for (const variant of DATABASES) {
  describe(`${variant.name}: end of contract over the API`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    const clock = new TestClock(Date.now())
    let dpo: SignedIn
    let admin: SignedIn

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      const adminAccount = await staffAccount(runtime, app, clock, 'admin@eoc.example', ['staff_admin'])
      const adminParty = { id: `staff:${adminAccount.id}`, accountId: adminAccount.id, roles: new Set(['staff_admin']) }
      const dpoAccount = await staffAccount(runtime, app, clock, 'dpo@eoc.example', ['dpo'], { approver: adminParty })
      dpo = await signIn(app, clock, dpoAccount)
      admin = await signIn(app, clock, adminAccount)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    test('REQ-PR-04 POST /v1/processors/end-of-contract: the DPO returns and deletes a customer\'s people and gets the signed certificate; a staff administrator is refused', async () => {
      const initech = await runtimeKey(runtime, 'initech', ['processing_for_customers'], { tenantId: 'initech' })
      const { id } = await runtime.gate.create(initech, 'processing_for_customers', { type: 'customer_visitor', data: { 'contact.name': 'Ian Initech', 'contact.email': 'ian@initech-visitors.example' } })
      const refused = await app.inject({ method: 'POST', url: '/v1/processors/end-of-contract', headers: admin.changeHeaders, payload: { tenantId: 'initech', delete: true } })
      assert.equal(refused.statusCode, 403, refused.body)
      assert.equal(refused.json().error.code, 'dpo_only')
      assert.equal((await t.database.db.selectFrom('subject').select('erased_at').where('id', '=', id).executeTakeFirst())?.erased_at, null)
      const unknown = await app.inject({ method: 'POST', url: '/v1/processors/end-of-contract', headers: dpo.changeHeaders, payload: { tenantId: 'nobody', delete: true } })
      assert.equal(unknown.statusCode, 404, unknown.body)
      const nothing = await app.inject({ method: 'POST', url: '/v1/processors/end-of-contract', headers: dpo.changeHeaders, payload: { tenantId: 'initech' } })
      assert.equal(nothing.statusCode, 400, nothing.body)
      const res = await app.inject({ method: 'POST', url: '/v1/processors/end-of-contract', headers: dpo.changeHeaders, payload: { tenantId: 'initech', return: true, delete: true } })
      assert.equal(res.statusCode, 200, res.body)
      const body = res.json() as { exportFile: string; certificate: { certificate: { subjects: { deleted: number } } } }
      assert.ok(existsSync(body.exportFile))
      assert.equal(body.certificate.certificate.subjects.deleted, 1)
      assert.ok((await t.database.db.selectFrom('subject').select('erased_at').where('id', '=', id).executeTakeFirst())?.erased_at)
      const keys = await app.inject({ method: 'GET', url: '/.well-known/pledge-keys.json' })
      assert.equal(verifyCertificate(JSON.stringify(body.certificate), parseKeysDocument(keys.body)).valid, true)
      const run = await t.database.db.selectFrom('contract_run').select(['started_by', 'status']).where('tenant_id', '=', 'initech').executeTakeFirst()
      assert.equal(run?.status, 'finished')
      assert.match(run?.started_by ?? '', /^staff:/)
    })
  })
}
