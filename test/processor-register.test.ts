// The processor and transfer register (issue 16 part 1, REQ-PRC-02, REQ-TF-01), on both databases:
// the API (/v1/processors, staff sessions only: the DPO edits, a staff administrator reads), the
// console pages (/admin/processors), every change audited with ids and codes, 4xx for bad input,
// and none of it in the public policy view. Then `pledge processors` against a real server process.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'
import { FORM, TestClock, form, signIn, staffAccount, type SignedIn } from './support/staff.ts'
import { startPledgeProcess } from './support/server-process.ts'
import { runPledge } from './support/cli.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'

const TERMS = { a: true, b: true, c: true, d: true, e: true, f: true, g: true, h: false }
const ENTRY = {
  legalName: 'EU hosting provider (example) GmbH',
  address: 'Beispielstraße 1, 10115 Berlin',
  contact: 'privacy@hosting.example',
  dpo: 'dpo@hosting.example',
  processingLocations: ['DE'],
  supportLocations: ['DE', 'CH'],
  dpa: { version: 'DPA-2026-07', signedOn: '2026-07-01', terms: TERMS },
  subProcessors: [{ name: 'Backup GmbH', country: 'AT', service: 'off-site backups' }],
  assurance: 'ISO/IEC 27001 certificate 2026-123',
  reviewOn: '2027-07-01',
  mechanisms: [{ country: 'CH', kind: 'adequacy', decisionId: '2000/518/EC', decisionDate: '2000-07-26' }],
}

for (const variant of DATABASES) {
  describe(`${variant.name}: the processor register`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    const clock = new TestClock()
    let dpo: SignedIn
    let admin: SignedIn
    let support: SignedIn
    let dpoActor = ''

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      const adminAccount = await staffAccount(runtime, app, clock, 'admin@register.example', ['staff_admin'])
      const adminParty = { id: `staff:${adminAccount.id}`, accountId: adminAccount.id, roles: new Set(['staff_admin']) }
      const dpoAccount = await staffAccount(runtime, app, clock, 'dpo@register.example', ['dpo'], { approver: adminParty })
      const supportAccount = await staffAccount(runtime, app, clock, 'support@register.example', ['support'], { approver: adminParty })
      dpoActor = `staff:${dpoAccount.id}`
      dpo = await signIn(app, clock, dpoAccount)
      admin = await signIn(app, clock, adminAccount)
      support = await signIn(app, clock, supportAccount)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const entries = (action: string) => t.database.db.selectFrom('audit_entry').select(['actor_id', 'reason', 'subject_id', 'purpose']).where('action', '=', action).orderBy('seq').execute()

    test('REQ-PRC-02 GET /v1/processors lists every recipient with what the policy declares and what the register holds (the seed)', async () => {
      const res = await app.inject({ method: 'GET', url: '/v1/processors', headers: admin.headers })
      assert.equal(res.statusCode, 200, res.body)
      const list = res.json().processors as { recipientId: string; role: string; country: string; covered: boolean; purposes: string[]; entry: { dpa: { version: string } } }[]
      assert.deepEqual(list.map((p) => [p.recipientId, p.role, p.country, p.covered, p.entry.dpa.version]), [
        ['hosting_eu', 'processor', 'DE', true, '2024-01'],
        ['accounting_firm_be', 'processor', 'BE', true, '1.0'],
        ['mailing_us_dpf', 'processor', 'US', true, '2023-09'],
        ['helpdesk_us_scc', 'processor', 'US', true, '3.1'],
        ['survey_us_scc', 'processor', 'US', true, '2.0'],
      ])
      const hosting = list[0]!
      assert.ok(hosting.purposes.includes('contract_execution'), hosting.purposes.join(','))
      assert.deepEqual(res.json().uncoveredNotices, [])
      assert.deepEqual((await entries('processor.seed')).map((e) => e.reason), ['hosting_eu', 'accounting_firm_be', 'mailing_us_dpf', 'helpdesk_us_scc', 'survey_us_scc'])
    })

    test('REQ-PRC-02 REQ-TF-01 the DPO enters a DPA over the API: stored, shown with the unticked Art. 28(3) term, audited with ids and codes only', async () => {
      const res = await app.inject({ method: 'PUT', url: '/v1/processors/hosting_eu', headers: dpo.changeHeaders, payload: ENTRY })
      assert.equal(res.statusCode, 200, res.body)
      const p = res.json().processor
      assert.equal(p.covered, true)
      assert.deepEqual(p.gaps, [])
      assert.deepEqual(p.missingTerms, ['h'])
      assert.deepEqual(p.entry.dpa, { version: 'DPA-2026-07', signedOn: '2026-07-01', terms: TERMS })
      assert.deepEqual(p.entry.mechanisms, ENTRY.mechanisms)
      assert.equal(p.updatedBy, dpoActor)
      assert.deepEqual(await entries('processor.register.set'), [{ actor_id: dpoActor, reason: 'hosting_eu:covered', subject_id: null, purpose: null }])
      const shown = await app.inject({ method: 'GET', url: '/v1/processors/hosting_eu', headers: admin.headers })
      assert.equal(shown.statusCode, 200)
      assert.equal(shown.json().processor.entry.assurance, 'ISO/IEC 27001 certificate 2026-123')
    })

    test('REQ-PRC-02 roles: a staff administrator reads but may not edit, support may not read, an API key gets nothing', async () => {
      const byAdmin = await app.inject({ method: 'PUT', url: '/v1/processors/hosting_eu', headers: admin.changeHeaders, payload: ENTRY })
      assert.equal(byAdmin.statusCode, 403)
      assert.equal(byAdmin.json().error.code, 'dpo_only')
      const bySupport = await app.inject({ method: 'GET', url: '/v1/processors', headers: support.headers })
      assert.equal(bySupport.statusCode, 403)
      assert.equal(bySupport.json().error.code, 'dpo_only')
      const key = await createApiKey(t.database.db, runtime.policy(), { name: 'svc', purposes: ['customer_service'] })
      const byKey = await app.inject({ method: 'GET', url: '/v1/processors', headers: { authorization: `Bearer ${key.token}` } })
      assert.equal(byKey.statusCode, 403)
      assert.equal(byKey.json().error.code, 'staff_session_required')
      assert.equal((await entries('processor.register.set')).length, 1, 'nothing refused was stored or recorded as a change')
    })

    test('REQ-PRC-02 4xx for bad input: unknown recipient 404, a bad date or an EEA mechanism 422 naming the field, a value outside the schema 400', async () => {
      const unknown = await app.inject({ method: 'PUT', url: '/v1/processors/nobody', headers: dpo.changeHeaders, payload: ENTRY })
      assert.equal(unknown.statusCode, 404)
      assert.equal(unknown.json().error.code, 'recipient_not_found')
      const badDate = await app.inject({ method: 'PUT', url: '/v1/processors/hosting_eu', headers: dpo.changeHeaders, payload: { ...ENTRY, dpa: { ...ENTRY.dpa, signedOn: '2026-13-40' } } })
      assert.equal(badDate.statusCode, 422, badDate.body)
      assert.deepEqual(badDate.json().error, { code: 'invalid_register_entry', message: 'dpa.signedOn must be a date YYYY-MM-DD', details: { field: 'dpa.signedOn' } })
      const eea = await app.inject({ method: 'PUT', url: '/v1/processors/hosting_eu', headers: dpo.changeHeaders, payload: { ...ENTRY, mechanisms: [{ country: 'FR', kind: 'adequacy', decisionId: 'x', decisionDate: '2020-01-01' }] } })
      assert.equal(eea.statusCode, 422)
      assert.equal(eea.json().error.message, 'mechanisms[0].country is in the EEA (FR): no transfer mechanism is needed')
      const wrongType = await app.inject({ method: 'PUT', url: '/v1/processors/hosting_eu', headers: dpo.changeHeaders, payload: { ...ENTRY, mechanisms: [{ country: 'US', kind: 'binding_rules' }] } })
      assert.equal(wrongType.statusCode, 400)
      assert.equal((await entries('processor.register.set')).length, 1)
    })

    test('REQ-PRC-02 console: the DPO sees the register and enters a DPA with the form; a staff administrator reads without a form; support is refused', async () => {
      const list = await app.inject({ method: 'GET', url: '/admin/processors?lang=nl', headers: { cookie: dpo.cookie } })
      assert.equal(list.statusCode, 200)
      assert.match(list.body, /<h1>Register van verwerkers en doorgiften<\/h1>/)
      assert.match(list.body, /href="\/admin\/processors\/accounting_firm_be\?lang=nl"/)
      const fields = { _csrf: dpo.csrf, legalName: 'Accounting firm (example) BV', address: 'Voorbeeldstraat 1', contact: 'office@accounting.example', dpo: '', processingLocations: 'BE', supportLocations: 'BE, US', dpaVersion: 'v9', dpaSignedOn: '2026-11-30', dpaEndsOn: '', term_a: 'true', term_c: 'true', subProcessors: 'Cloud Inc.; US; storage', assurance: '', reviewOn: '2027-11-30' }
      const saved = await app.inject({ method: 'POST', url: '/admin/processors/accounting_firm_be?lang=en', headers: { ...FORM, cookie: dpo.cookie }, payload: form(fields) })
      assert.equal(saved.statusCode, 303, saved.body)
      assert.equal(saved.headers.location, '/admin/processors/accounting_firm_be?saved=1&lang=en')
      const page = await app.inject({ method: 'GET', url: '/admin/processors/accounting_firm_be?saved=1&lang=en', headers: { cookie: dpo.cookie } })
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /The register data are saved and recorded in the audit log\./)
      // US support access and a US sub-processor without a mechanism: the gate refuses, the page says why.
      assert.match(page.body, /Pledge now refuses disclosures to this recipient:/)
      assert.match(page.body, /no transfer mechanism recorded for US \(outside the EEA\)/)
      assert.match(page.body, /does not contain these points of Art\. 28\(3\): b, d, e, f, g, h\./)
      assert.match(page.body, /<legend>Transfer mechanism for US<\/legend>/)
      const row = runtime.processors.row('accounting_firm_be')
      assert.deepEqual(row.entry?.dpa, { version: 'v9', signedOn: '2026-11-30', terms: { a: true, b: false, c: true, d: false, e: false, f: false, g: false, h: false } })
      assert.deepEqual(row.entry?.subProcessors, [{ name: 'Cloud Inc.', country: 'US', service: 'storage' }])
      assert.deepEqual(row.gaps, ['mechanism_missing:US'])
      const mechanism = await app.inject({ method: 'POST', url: '/admin/processors/accounting_firm_be?lang=en', headers: { ...FORM, cookie: dpo.cookie }, payload: form({ ...fields, m_US_kind: 'scc', m_US_sccModule: '3', m_US_signedOn: '2026-11-30', m_US_tiaOn: '2026-11-20' }) })
      assert.equal(mechanism.statusCode, 303, mechanism.body)
      assert.deepEqual(runtime.processors.row('accounting_firm_be').gaps, [])
      const bad = await app.inject({ method: 'POST', url: '/admin/processors/accounting_firm_be?lang=fr', headers: { ...FORM, cookie: dpo.cookie }, payload: form({ ...fields, dpaSignedOn: '30/11/2026' }) })
      assert.equal(bad.statusCode, 422)
      assert.match(bad.body, /Non enregistré : dpa\.signedOn must be a date YYYY-MM-DD\./)
      assert.deepEqual((await entries('processor.register.set')).slice(1).map((e) => [e.actor_id, e.reason]), [
        [dpoActor, 'accounting_firm_be:mechanism_missing:US'],
        [dpoActor, 'accounting_firm_be:covered'],
      ])

      const asAdmin = await app.inject({ method: 'GET', url: '/admin/processors/accounting_firm_be?lang=en', headers: { cookie: admin.cookie } })
      assert.equal(asAdmin.statusCode, 200)
      assert.doesNotMatch(asAdmin.body, /<form method="post" action="\/admin\/processors\//)
      assert.match(asAdmin.body, /You can read the register; only the data protection officer changes it\./)
      const postAdmin = await app.inject({ method: 'POST', url: '/admin/processors/accounting_firm_be?lang=en', headers: { ...FORM, cookie: admin.cookie }, payload: form({ ...fields, _csrf: admin.csrf }) })
      assert.equal(postAdmin.statusCode, 403)
      const asSupport = await app.inject({ method: 'GET', url: '/admin/processors?lang=en', headers: { cookie: support.cookie } })
      assert.equal(asSupport.statusCode, 403)
      assert.match(asSupport.body, /Only the data protection officer or a staff administrator reads the register\./)
      const noCsrf = await app.inject({ method: 'POST', url: '/admin/processors/accounting_firm_be?lang=en', headers: { ...FORM, cookie: dpo.cookie }, payload: form({ ...fields, _csrf: '' }) })
      assert.equal(noCsrf.statusCode, 403)
    })

    test('REQ-PRC-02 none of the register appears in the public policy view', async () => {
      const res = await app.inject({ method: 'GET', url: '/v1/policy' })
      assert.equal(res.statusCode, 200)
      for (const secret of ['DPA-2026-07', 'ISO/IEC 27001 certificate 2026-123', 'Backup GmbH', '2000/518/EC', 'dpo@hosting.example', 'Cloud Inc.', 'processingLocations', 'supportLocations']) {
        assert.ok(!res.body.includes(secret), `the public view shows ${secret}`)
      }
    })
  })
}

describe('pledge processors, against a server holding the embedded database', () => {
  let dir = ''
  let env: NodeJS.ProcessEnv
  let server: ChildProcess | undefined
  let url = ''
  const pledge = (args: string[]) => runPledge(args, env)

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pledge-processors-cli-'))
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

  test('REQ-PRC-01 REQ-PRC-02 list, set without a DPA (the server refuses the recipient at once), set with one (it is read), bad input exits 1', async () => {
    const list = pledge(['processors', 'list'])
    assert.equal(list.code, 0, list.stderr)
    assert.equal(list.stdout.trim().split('\n')[0], 'hosting_eu\tprocessor\tDE\tDPA 2024-01 of 2024-01-15\tcovered')
    const created = pledge(['apikey', 'create', '--name', 'hosting', '--purposes', 'customer_registration,contract_execution', '--recipient', 'hosting_eu'])
    assert.equal(created.code, 0, created.stderr)
    const token = created.stdout.trim().split('\n').at(-1)!
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const made = await fetch(`${url}/v1/subjects?purpose=customer_registration`, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'customer', data: { 'contact.name': 'Cli Person' } }) })
    assert.equal(made.status, 201)
    const id = ((await made.json()) as { id: string }).id
    await fetch(`${url}/v1/subjects/${id}/events`, { method: 'POST', headers: auth, body: JSON.stringify({ event: 'contract_started' }) })

    const noDpa = join(dir, 'no-dpa.json')
    writeFileSync(noDpa, JSON.stringify({ legalName: 'EU hosting provider (example) GmbH', processingLocations: ['DE'] }))
    const set = pledge(['processors', 'set', 'hosting_eu', '--file', noDpa])
    assert.equal(set.code, 0, set.stderr)
    assert.match(set.stdout, /^hosting_eu: recorded, NOT COVERED: dpa_missing\n/)
    const refused = await fetch(`${url}/v1/subjects/${id}?purpose=contract_execution`, { headers: auth })
    assert.equal(refused.status, 403)
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'recipient_not_covered')
    const check = pledge(['processors', 'check'])
    assert.equal(check.code, 0)
    assert.match(check.stdout, /^warning: recipients\[0\]: hosting_eu \(processor, DE\) is not covered by the processor register \(dpa_missing\)/)

    const withDpa = join(dir, 'dpa.json')
    writeFileSync(withDpa, JSON.stringify({ legalName: 'EU hosting provider (example) GmbH', processingLocations: ['DE'], dpa: { version: 'cli-1', signedOn: '2024-02-01', terms: { a: true } } }))
    const again = pledge(['processors', 'set', 'hosting_eu', '--file', withDpa])
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stdout, /^hosting_eu: recorded, covered\n/)
    const ok = await fetch(`${url}/v1/subjects/${id}?purpose=contract_execution`, { headers: auth })
    assert.equal(ok.status, 200)
    const show = pledge(['processors', 'show', 'hosting_eu'])
    assert.equal(show.code, 0)
    assert.equal((JSON.parse(show.stdout) as { entry: { dpa: { version: string } }; updatedBy: string }).updatedBy, 'system:cli')

    writeFileSync(withDpa, JSON.stringify({ legalName: 'x', dpa: { version: 'v', signedOn: 'soon' } }))
    const bad = pledge(['processors', 'set', 'hosting_eu', '--file', withDpa])
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /invalid_register_entry: dpa\.signedOn must be a date YYYY-MM-DD/)
    const unknown = pledge(['processors', 'show', 'nobody'])
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /recipient_not_found: the policy has no recipient nobody/)
  })
})
