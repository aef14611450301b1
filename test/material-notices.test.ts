// Material-change notices (REQ-TR-04) on both databases, end to end: the notice period refuses a
// material change that would apply too soon; publishing one queues a notice per person it concerns
// (the controller's own people under the changed purpose, with an address; not a customer's visitor,
// not someone under an unchanged purpose, not an erased person); the scheduler sends each notice
// over a real SMTP server in the person's language, audited by subject id only; the version's
// notification status moves to sent; the progress shows on the keyed route and the CLI operation.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseDocument } from 'yaml'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { runtimeKey, seedRequest } from './support/actors.ts'
import { makeTempDir, removeTempDir } from './support/temp.ts'
import { TestClock, signIn, staffAccount } from './support/staff.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { runOperation, type OperationContext } from '../src/operations.ts'
import { PublishError, listVersions } from '../src/policy/versions.ts'
import { buildApp } from '../src/http/app.ts'
import { parsePolicy } from '../src/policy/load.ts'
import { materialChanges } from '../src/policy/statement-diff.ts'
import { affectedSubjectTypes } from '../src/policy/notices.ts'
import type { Runtime } from '../src/runtime.ts'

const NOW = new Date('2026-12-03T10:00:00Z') // 3 December 2026 in Brussels; staff logins step it by 30 s
const BASE = 'https://privacy.ixpole.test'

/** The example policy with edits, written to the test's directory. */
function policyFile(dir: string, name: string, mutate: (doc: any) => void): string {
  const doc = parseDocument(readFileSync(EXAMPLE_POLICY, 'utf8')).toJS()
  mutate(doc)
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(doc))
  return path
}

/** Waits for a state, checking after each change the database may have seen (no fixed sleep). */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setImmediate(r))
    await new Promise((r) => setTimeout(r, 50))
  }
}

test('REQ-TR-04 who a change concerns: the types a changed controller purpose covers, never the customers\' visitors', () => {
  const text = readFileSync(EXAMPLE_POLICY, 'utf8')
  const v1 = parsePolicy(text, 'v1')
  const next = (mutate: (doc: any) => void) => {
    const doc = parseDocument(text).toJS()
    mutate(doc)
    return parsePolicy(JSON.stringify(doc), 'next')
  }
  const types = (p: ReturnType<typeof next>) => affectedSubjectTypes(v1, p, materialChanges(v1, p))
  assert.deepEqual(types(next((d) => (d.purposes.find((p: any) => p.id === 'prospect_registration').retention.duration = 'P3Y'))), ['prospect'])
  assert.deepEqual(types(next((d) => (d.purposes.find((p: any) => p.id === 'newsletter').retention.duration = 'P36M'))), ['customer', 'customer_contact', 'newsletter_subscriber', 'prospect'])
  assert.deepEqual(types(next((d) => (d.purposes.find((p: any) => p.id === 'processing_for_customers').retention.duration = 'P60D'))), [])
  assert.deepEqual(types(next((d) => (d.statement.security.en = 'Reworded.'))), [])
  // A removed purpose concerns the people it covered.
  assert.deepEqual(types(next((d) => {
    d.purposes = d.purposes.filter((p: any) => p.id !== 'market_research')
    for (const r of d.staffRoles ?? []) r.purposes = r.purposes.filter((p: string) => p !== 'market_research')
  })), ['customer', 'customer_contact', 'prospect'])
})

for (const variant of DATABASES) {
  describe(`${variant.name}: material-change notices`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let smtp: TestSmtpServer
    let app: FastifyInstance
    let dir: string
    let ctx: OperationContext
    const ids: Record<string, string> = {}
    let v1Path: string
    let refusing = false
    const clock = new TestClock(NOW.getTime())

    before(async () => {
      dir = makeTempDir('pledge-notices-')
      t = await variant.open()
      smtp = await startSmtpServer({ refuse: (to) => refusing && to.includes('luc.dubois@notice.example') })
      v1Path = policyFile(dir, 'v1.json', () => {})
      runtime = await testRuntime(t.database, { policyPath: v1Path, smtpUrl: smtp.url, baseUrl: BASE, now: clock.now, jobs: { pollIntervalSeconds: 0.5, noticeRetryLimit: 1, noticeRetryDelaySeconds: 1 } })
      ctx = { database: t.database, config: runtime.config, runtime, policyPath: v1Path, now: clock.now }
      app = await buildApp(runtime)
      const crm = await runtimeKey(runtime, 'crm', ['prospect_registration', 'customer_registration'])
      const customerKey = await runtimeKey(runtime, 'customer-a', ['processing_for_customers'], { tenantId: 'customer-a' })
      const create = async (actor: typeof crm, purpose: string, type: string, data: Record<string, string>, language?: 'nl' | 'fr' | 'en') =>
        (await runtime.gate.create(actor, purpose, { type, data, ...(language ? { language } : {}) })).id
      ids.nl = await create(crm, 'prospect_registration', 'prospect', { 'contact.name': 'Els Peeters', 'contact.email': 'els.peeters@notice.example' }, 'nl')
      ids.fr = await create(crm, 'prospect_registration', 'prospect', { 'contact.name': 'Luc Dubois', 'contact.email': 'luc.dubois@notice.example' }, 'fr')
      ids.noAddress = await create(crm, 'prospect_registration', 'prospect', { 'contact.name': 'Card Only' })
      ids.erased = await create(crm, 'prospect_registration', 'prospect', { 'contact.name': 'Gone Prospect', 'contact.email': 'gone.prospect@notice.example' }, 'nl')
      ids.customer = await create(crm, 'customer_registration', 'customer', { 'contact.name': 'Customer Unchanged', 'contact.email': 'customer.unchanged@notice.example' }, 'nl')
      ids.visitor = await create(customerKey, 'processing_for_customers', 'customer_visitor', { 'contact.name': 'Visitor Of A', 'contact.email': 'visitor.of.a@notice.example' }, 'nl')
      await runtime.gate.erase(runtime.gate.systemActor('requests'), await seedRequest(runtime, 'erasure', { subjectIds: [ids.erased] }), ids.erased)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await smtp?.close()
      await t?.drop()
      if (dir) removeTempDir(dir)
    })

    const notices = (version: number) => t.database.db.selectFrom('policy_notice').selectAll().where('version', '=', version).orderBy('subject_id').execute()
    // Prospects' retention changes materially, and so does the processing done for customers.
    const material = (doc: any) => {
      doc.purposes.find((p: any) => p.id === 'prospect_registration').retention.duration = 'P3Y'
      doc.purposes.find((p: any) => p.id === 'processing_for_customers').retention.duration = 'P60D'
    }

    test('REQ-TR-04 a material change effective sooner than 30 days is refused with the earliest date', async () => {
      const path = policyFile(dir, 'v2.json', material)
      await assert.rejects(runOperation(ctx, 'publish', { policyPath: path, effective: '2027-01-01' }), (err: unknown) => {
        assert.ok(err instanceof PublishError)
        assert.equal(err.code, 'notice_period')
        assert.match(err.message, /the earliest effective date is 2027-01-02/)
        assert.match(err.message, /prospect_registration \(retention\)/)
        return true
      })
      // Without a date (today) it is refused too; nothing was published or queued.
      await assert.rejects(runOperation(ctx, 'publish', { policyPath: path }), (err: unknown) => err instanceof PublishError && err.code === 'notice_period')
      assert.deepEqual((await listVersions(t.database.db)).map((v) => v.version), [1])
      assert.deepEqual(await notices(2), [])
    })

    test('REQ-TR-04 publishing at the earliest date queues notices only for the controller\'s people under the changed purpose', async () => {
      const path = policyFile(dir, 'v2.json', material)
      const out = await runOperation(ctx, 'publish', { policyPath: path, effective: '2027-01-02' })
      assert.match(out.output, /published statement version 2 \(effective 2027-01-02/)
      assert.match(out.output, /2 people are told by e-mail before 2027-01-02/)
      // Only the two reachable prospects: not the one without an address, not the erased one, not
      // the customer (unchanged purposes), not the customer's visitor (the customer is its controller).
      const queued = await notices(2)
      assert.deepEqual(queued.map((n) => n.subject_id).sort(), [ids.nl!, ids.fr!].sort())
      for (const n of queued) {
        assert.deepEqual(Object.keys(n).sort(), ['attempts', 'queued_at', 'sent_at', 'settled_at', 'status', 'subject_id', 'version'], 'ids and states only, no address')
      }
    })

    test('REQ-TR-04 the notice arrives over SMTP in Dutch and in French with the effective date and the links, audited without the address', async () => {
      await runtime.jobs.start()
      const mails = await smtp.waitFor(2)
      const to = (address: string) => mails[smtp.envelopes.findIndex((e) => e.to.includes(address))]!
      const nl = to('els.peeters@notice.example')
      assert.equal(nl.subject, 'Wijziging van de privacyverklaring van iXpole vanaf 2 januari 2027')
      const nlText = nl.text ?? ''
      assert.match(nlText, /Geachte heer, geachte mevrouw,/)
      assert.match(nlText, /De nieuwe versie \(versie 2\) geldt vanaf 2 januari 2027\./)
      assert.match(nlText, /hoe lang wij uw gegevens bewaren/)
      assert.ok(nlText.includes('https://privacy.ixpole.test/privacy/versions/2?lang=nl'), nlText)
      assert.ok(nlText.includes('https://privacy.ixpole.test/privacy/versions/2/diff?from=1&lang=nl'))
      assert.match(nlText, /u kunt bezwaar maken tegen deze verwerking \(art\. 21 AVG\)/)
      assert.doesNotMatch(nlText, /Verwerking voor klanten|processing_for_customers/, 'the customers\' processing is not the prospect\'s concern')
      const fr = to('luc.dubois@notice.example')
      assert.equal(fr.subject, "Modification de la déclaration de confidentialité d'iXpole à partir du 2 janvier 2027")
      const frText = fr.text ?? ''
      assert.match(frText, /Madame, Monsieur,/)
      assert.match(frText, /La nouvelle version \(version 2\) s'applique à partir du 2 janvier 2027\./)
      assert.match(frText, /la durée pendant laquelle nous conservons vos données/)
      assert.ok(frText.includes('https://privacy.ixpole.test/privacy/versions/2?lang=fr'))
      assert.ok(frText.includes('https://privacy.ixpole.test/privacy/versions/2/diff?from=1&lang=fr'))
      assert.match(frText, /vous pouvez vous opposer à ce traitement \(art\. 21 RGPD\)/)
      // Nobody else received one.
      assert.deepEqual(smtp.envelopes.map((e) => e.to).flat().sort(), ['els.peeters@notice.example', 'luc.dubois@notice.example'])

      const sent = await until('both notices sent', async () => {
        const rows = await notices(2)
        return rows.every((r) => r.status === 'sent') ? rows : undefined
      })
      for (const r of sent) {
        assert.equal(r.attempts, 1)
        assert.ok(r.sent_at)
      }
      const status = await until('version 2 settled', async () => {
        const v = (await listVersions(t.database.db)).find((x) => x.version === 2)!
        return v.notificationStatus === 'pending' ? undefined : v.notificationStatus
      })
      assert.equal(status, 'sent')

      const entries = await t.database.db.selectFrom('audit_entry').selectAll().where('action', 'in', ['policy.notice', 'notice.read']).orderBy('seq').execute()
      const noticeEntries = entries.filter((e) => e.action === 'policy.notice')
      assert.deepEqual(noticeEntries.map((e) => e.subject_id).sort(), [ids.nl!, ids.fr!].sort())
      assert.deepEqual(noticeEntries.map((e) => e.reason).sort(), ['version:2:fr', 'version:2:nl'])
      assert.ok(noticeEntries.every((e) => e.actor_id === 'system:policy-notices' && e.purpose === 'art14_notice'))
      const all = await t.database.db.selectFrom('audit_entry').selectAll().execute()
      for (const e of all) assert.doesNotMatch(JSON.stringify(e), /@notice\.example|Peeters|Dubois/, 'no address or name in the audit log')
    })

    test('REQ-TR-04 progress by status on the keyed route (privacy team only) and in the CLI', async () => {
      const token = await createToken(runtime, ['data_subject_request'])
      const res = await app.inject({ method: 'GET', url: '/v1/policy/versions/2/notices', headers: { authorization: `Bearer ${token}` } })
      assert.equal(res.statusCode, 200, res.body)
      assert.deepEqual(res.json(), { version: 2, effectiveDate: '2027-01-02', notificationStatus: 'sent', notices: { total: 2, pending: 0, sent: 2, failed: 0, noContact: 0 } })
      const crmToken = await createToken(runtime, ['prospect_registration'])
      assert.equal((await app.inject({ method: 'GET', url: '/v1/policy/versions/2/notices', headers: { authorization: `Bearer ${crmToken}` } })).statusCode, 403)
      const tenantToken = await createToken(runtime, ['data_subject_request'], 'customer-a')
      assert.equal((await app.inject({ method: 'GET', url: '/v1/policy/versions/2/notices', headers: { authorization: `Bearer ${tenantToken}` } })).statusCode, 403)
      assert.equal((await app.inject({ method: 'GET', url: '/v1/policy/versions/2/notices' })).statusCode, 401)
      assert.equal((await app.inject({ method: 'GET', url: '/v1/policy/versions/9/notices', headers: { authorization: `Bearer ${token}` } })).statusCode, 404)
      // A staff_admin (or the dpo) signed in reads it too.
      const admin = await staffAccount(runtime, app, clock, 'admin@ixpole.example', ['staff_admin'])
      const session = await signIn(app, clock, admin)
      const bySession = await app.inject({ method: 'GET', url: '/v1/policy/versions/2/notices', headers: session.headers })
      assert.equal(bySession.statusCode, 200, bySession.body)
      assert.deepEqual(bySession.json().notices, { total: 2, pending: 0, sent: 2, failed: 0, noContact: 0 })
      const cli = await runOperation(ctx, 'notices', { version: '2' })
      assert.equal(cli.output, 'version 2 (effective 2027-01-02): notification status sent\nnotices: 2 (pending 0, sent 2, failed 0, no contact 0)')
    })

    test('REQ-TR-04 a non-material change is published for today and queues nothing', async () => {
      const path = policyFile(dir, 'v3.json', (doc) => {
        material(doc)
        doc.statement.security.en = 'We encrypt every value under a key of its own, and test our restores.'
      })
      const out = await runOperation(ctx, 'publish', { policyPath: path })
      assert.match(out.output, /published statement version 3 \(effective 2026-12-03/)
      assert.match(out.output, /no material change to any purpose/)
      assert.deepEqual(await notices(3), [])
      assert.equal((await listVersions(t.database.db)).find((v) => v.version === 3)!.notificationStatus, 'none')
    })

    test('REQ-TR-04 a notice the relay keeps refusing is retried by the queue, then marked failed; the version is incomplete', async () => {
      refusing = true
      const before = smtp.messages.length
      const path = policyFile(dir, 'v4.json', (doc) => {
        material(doc)
        doc.statement.security.en = 'We encrypt every value under a key of its own, and test our restores.'
        doc.purposes.find((p: any) => p.id === 'prospect_registration').retention.duration = 'P4Y'
      })
      await runOperation(ctx, 'publish', { policyPath: path, effective: '2027-01-02' })
      await smtp.waitFor(before + 1)
      const settled = await until('version 4 settled', async () => {
        const v = (await listVersions(t.database.db)).find((x) => x.version === 4)!
        return v.notificationStatus === 'pending' ? undefined : v.notificationStatus
      })
      assert.equal(settled, 'incomplete')
      const rows = new Map((await notices(4)).map((r) => [r.subject_id, r]))
      assert.equal(rows.get(ids.nl!)!.status, 'sent')
      assert.equal(rows.get(ids.fr!)!.status, 'failed')
      assert.equal(rows.get(ids.fr!)!.attempts, 2, 'the first attempt and the queue\'s one retry')
      assert.equal(rows.get(ids.fr!)!.sent_at, null)
      const failed = await t.database.db.selectFrom('audit_entry').select(['subject_id', 'reason']).where('action', '=', 'policy.notice').where('reason', '=', 'version:4:failed').execute()
      assert.deepEqual(failed, [{ subject_id: ids.fr!, reason: 'version:4:failed' }])
      const cli = await runOperation(ctx, 'notices', { version: '4' })
      assert.equal(cli.output, 'version 4 (effective 2027-01-02): notification status incomplete\nnotices: 2 (pending 0, sent 1, failed 1, no contact 0)')
      refusing = false
    })
  })
}

async function createToken(runtime: Runtime, purposes: string[], tenantId?: string): Promise<string> {
  const { createApiKey } = await import('../src/gate/api-keys.ts')
  const { token } = await createApiKey(runtime.database.db, runtime.policy(), { name: `k-${Math.random().toString(36).slice(2, 10)}`, purposes, tenantId: tenantId ?? null, recipientId: null })
  return token
}
