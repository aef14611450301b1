// The console's audit page, on both databases: the DPO only (it shows what employees did), filters
// by actor, subject id, purpose, action and time, every read and check itself audited, and the
// "verify the chain" button with its verdict — intact, then tampered, naming the entry.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'
import { FORM, TestClock, form, signIn, staffAccount, type SignedIn } from './support/staff.ts'

for (const variant of DATABASES) {
  describe(`${variant.name}: the console's audit page`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    const clock = new TestClock()
    let dpo: SignedIn
    let support: SignedIn
    let dpoActor = ''
    let supportActor = ''
    let customerId = ''
    let keyActor = ''

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      const key = await createApiKey(t.database.db, runtime.policy(), { name: 'crm-audit', purposes: ['customer_registration', 'customer_service'] })
      keyActor = `key:${key.info.id}`
      const created = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: { authorization: `Bearer ${key.token}` }, payload: { type: 'customer', data: { 'contact.name': 'Nora Audit', 'contact.email': 'nora.audit@audit.example' } } })
      assert.equal(created.statusCode, 201, created.body)
      customerId = created.json().id
      const read = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=customer_service`, headers: { authorization: `Bearer ${key.token}` } })
      assert.equal(read.statusCode, 200, read.body)
      const admin = await staffAccount(runtime, app, clock, 'admin@audit.example', ['staff_admin'])
      const adminParty = { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) }
      const dpoAccount = await staffAccount(runtime, app, clock, 'dpo@audit.example', ['dpo'], { approver: adminParty })
      const supportAccount = await staffAccount(runtime, app, clock, 'support@audit.example', ['support'], { approver: adminParty })
      dpoActor = `staff:${dpoAccount.id}`
      supportActor = `staff:${supportAccount.id}`
      dpo = await signIn(app, clock, dpoAccount)
      support = await signIn(app, clock, supportAccount)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const page = (url: string, who: SignedIn = dpo) => app.inject({ method: 'GET', url, headers: { cookie: who.cookie } })
    const seqsOf = (html: string) => [...html.matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => Number(m[1]))
    const entriesBy = (actor: string, action: string) => runtime.database.db.selectFrom('audit_entry').select(['decision', 'reason']).where('actor_id', '=', actor).where('action', '=', action).orderBy('seq').execute()

    test('REQ-AUD-03 only the DPO reads the audit log: support gets a 403 page, and the refused read is itself an entry', async () => {
      const refused = await page('/admin/audit?lang=nl', support)
      assert.equal(refused.statusCode, 403)
      assert.match(refused.body, /Alleen de functionaris voor gegevensbescherming leest het auditlogboek/)
      assert.doesNotMatch(refused.body, new RegExp(customerId))
      assert.deepEqual(await entriesBy(supportActor, 'audit.read'), [{ decision: 'deny', reason: 'dpo_only' }])
      const verify = await app.inject({ method: 'POST', url: '/admin/audit/verify', headers: { ...FORM, cookie: support.cookie }, payload: form({ _csrf: support.csrf }) })
      assert.equal(verify.statusCode, 403)
    })

    test('REQ-AUD-01 the DPO filters by actor, subject id, purpose, action (or a family) and time; each read is an audit.read entry naming the filters, never a person\'s data', async () => {
      const all = await page('/admin/audit?lang=en')
      assert.equal(all.statusCode, 200)
      const bySubject = await page(`/admin/audit?subject=${customerId}`)
      const subjectRows = await runtime.database.db.selectFrom('audit_entry').select('seq').where('subject_id', '=', customerId).orderBy('seq', 'desc').execute()
      assert.ok(subjectRows.length >= 2, 'the create and the read')
      assert.deepEqual(seqsOf(bySubject.body), subjectRows.map((r) => Number(r.seq)))
      const readEntry = await page(`/admin/audit?actor=${keyActor}&action=subject.read&purpose=customer_service`)
      assert.equal(seqsOf(readEntry.body).length, 1, 'the one read under customer_service')
      assert.match(readEntry.body, /<code>subject\.read<\/code>/)
      const family = await page(`/admin/audit?actor=${encodeURIComponent(dpoActor)}&action=audit.*`)
      assert.ok(seqsOf(family.body).length >= 3, 'the DPO\'s own reads so far')
      assert.doesNotMatch(family.body, /<code>subject\./)
      const future = await page('/admin/audit?from=2099-01-01T00:00')
      assert.deepEqual(seqsOf(future.body), [])
      assert.match(future.body, /No entry matches these filters\./)
      const bad = await page('/admin/audit?subject=not-a-uuid')
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /A filter is not valid/)
      assert.doesNotMatch(all.body, /nora\.audit@audit\.example|Nora Audit/, 'entries hold ids and codes only')
      const reads = await entriesBy(dpoActor, 'audit.read')
      assert.deepEqual(reads.slice(0, 5), [
        { decision: 'allow', reason: 'all' },
        { decision: 'allow', reason: `subject=${customerId}` },
        { decision: 'allow', reason: `actor=${keyActor};purpose=customer_service;action=subject.read` },
        { decision: 'allow', reason: `actor=${dpoActor};action=audit.*` },
        { decision: 'allow', reason: 'from=2099-01-01T00:00:00.000Z' },
      ])
    })

    test('REQ-AUD-02 "verify the chain" says the log is intact, is audited, and names the first altered entry after tampering', async () => {
      const url = '/admin/audit/verify?lang=en'
      const noToken = await app.inject({ method: 'POST', url, headers: { ...FORM, cookie: dpo.cookie }, payload: form({}) })
      assert.equal(noToken.statusCode, 403)
      const intact = await app.inject({ method: 'POST', url, headers: { ...FORM, cookie: dpo.cookie }, payload: form({ _csrf: dpo.csrf }) })
      assert.equal(intact.statusCode, 200, intact.body)
      assert.match(intact.body, /The audit log is intact\./)
      assert.match(intact.body, /audit log intact: \d+ entries verified from the genesis/)
      const target = await runtime.database.db.selectFrom('audit_entry').select('seq').where('subject_id', '=', customerId).where('action', '=', 'subject.read').executeTakeFirstOrThrow()
      await sql`update audit_entry set purpose = 'accounting' where seq = ${target.seq}`.execute(runtime.database.db)
      const tampered = await app.inject({ method: 'POST', url, headers: { ...FORM, cookie: dpo.cookie }, payload: form({ _csrf: dpo.csrf }) })
      assert.equal(tampered.statusCode, 200)
      assert.match(tampered.body, /The audit log has been altered/)
      assert.match(tampered.body, new RegExp(`first bad entry seq ${target.seq} `))
      assert.deepEqual((await entriesBy(dpoActor, 'audit.verify')).map((e) => e.reason), ['intact', 'tampered'])
    })
  })
}
