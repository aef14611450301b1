// The gate enforces the processor register (issue 16 part 2), on both databases: a recipient-bound
// key's read (a disclosure) is refused while its processor has no active DPA, or while a location
// outside the EEA has no recorded mechanism, with a reason naming what is missing; recording it
// makes the same read work and record a disclosure. Third parties need no DPA. A notice the law
// requires (Art. 19) still goes out to an uncovered recipient, and is flagged to staff.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { makeTempDir, removeTempDir } from './support/temp.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'
import { gapsOf, parseEntry } from '../src/processors/entry.ts'
import { lintUncoveredRecipients } from '../src/policy/lint.ts'
import { loadPolicyFile } from '../src/policy/load.ts'

const TERMS = { a: true, b: true, c: true, d: true, e: true, f: true, g: true, h: true }
const BASE = { legalName: 'Accounting firm (example) BV', address: 'Voorbeeldstraat 1, 1000 Brussel', contact: 'office@accounting.example', dpo: '', processingLocations: ['BE'], supportLocations: ['BE'], subProcessors: [], assurance: '', mechanisms: [] }

test('REQ-PRC-01 REQ-TF-01 gapsOf: a processor needs an active DPA, every non-EEA location a mechanism; third parties and public authorities need no DPA', () => {
  const today = '2026-12-03'
  const processor = { id: 'p', name: 'P', role: 'processor', service: { nl: 's', fr: 's', en: 's' }, country: 'BE' } as const
  assert.deepEqual(gapsOf(processor, undefined, today), ['dpa_missing'])
  assert.deepEqual(gapsOf(processor, parseEntry({ ...BASE, dpa: { version: '1', signedOn: '2026-12-04', terms: TERMS } }), today), ['dpa_not_yet_in_force'])
  assert.deepEqual(gapsOf(processor, parseEntry({ ...BASE, dpa: { version: '1', signedOn: '2025-01-01', endsOn: '2026-12-02', terms: TERMS } }), today), ['dpa_ended'])
  assert.deepEqual(gapsOf(processor, parseEntry({ ...BASE, dpa: { version: '1', signedOn: '2025-01-01', endsOn: '2026-12-03', terms: TERMS } }), today), [])
  // Support from India and a US sub-processor are transfers too.
  assert.deepEqual(gapsOf(processor, parseEntry({ ...BASE, supportLocations: ['IN'], subProcessors: [{ name: 'Cloud', country: 'US', service: 'hosting' }], dpa: { version: '1', signedOn: '2025-01-01', terms: TERMS } }), today), ['mechanism_missing:IN', 'mechanism_missing:US'])
  const authority = { ...processor, id: 'tax', role: 'public_authority' } as const
  assert.deepEqual(gapsOf(authority, undefined, today), [])
  const thirdUs = { ...processor, id: 'partner', role: 'third_party', country: 'US' } as const
  assert.deepEqual(gapsOf(thirdUs, undefined, today), ['mechanism_missing:US'])
  assert.deepEqual(gapsOf(thirdUs, parseEntry({ ...BASE, legalName: 'Partner Inc.', processingLocations: ['US'], mechanisms: [{ country: 'US', kind: 'scc', sccModule: 1, signedOn: '2025-01-01', tiaOn: '2024-12-01' }] }), today), [])
})

test('REQ-PRC-01 the policy lint warns (not errors) about uncovered recipients, and the example policy still loads', async () => {
  const policy = await loadPolicyFile(EXAMPLE_POLICY)
  const warnings = lintUncoveredRecipients(policy.document, (id) => (id === 'survey_us_scc' ? ['dpa_missing', 'mechanism_missing:US'] : []))
  assert.deepEqual(warnings, [{
    path: 'recipients[4]',
    message: 'survey_us_scc (processor, US) is not covered by the processor register (dpa_missing, mechanism_missing:US): the gate refuses disclosures to it until its DPA and transfer mechanisms are recorded (pledge processors set, /admin/processors/survey_us_scc)',
  }])
})

for (const variant of DATABASES) {
  describe(`${variant.name}: the gate enforces the processor register`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    const keys: Record<string, string> = {}
    const auth = (name: string) => ({ authorization: `Bearer ${keys[name]}` })
    let customerId = ''
    const now = () => new Date('2026-12-03T10:00:00Z')

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database, { now })
      app = await buildApp(runtime)
      const policy = runtime.policy()
      keys.crm = (await createApiKey(t.database.db, policy, { name: 'crm', purposes: ['customer_registration', 'contract_execution', 'customer_service'] })).token
      keys.accountant = (await createApiKey(t.database.db, policy, { name: 'accountant', purposes: ['contract_execution'], recipientId: 'accounting_firm_be' })).token
      keys.helpdesk = (await createApiKey(t.database.db, policy, { name: 'helpdesk', purposes: ['customer_service'], recipientId: 'helpdesk_us_scc' })).token
      const res = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: auth('crm'), payload: { type: 'customer', data: { 'contact.name': 'Lotte Gate', 'contact.email': 'lotte.gate@example.be' } } })
      assert.equal(res.statusCode, 201, res.body)
      customerId = res.json().id
      const ev = await app.inject({ method: 'POST', url: `/v1/subjects/${customerId}/events`, headers: auth('crm'), payload: { event: 'contract_started' } })
      assert.equal(ev.statusCode, 201, ev.body)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const disclosures = (recipient: string) => t.database.db.selectFrom('disclosure').select(['recipient_id', 'purpose']).where('subject_id', '=', customerId).where('recipient_id', '=', recipient).execute()

    test('REQ-PRC-02 a fresh install has the example processors seeded, every one covered', () => {
      assert.deepEqual(runtime.processors.list().map((r) => [r.recipient.id, r.gaps]), [
        ['hosting_eu', []],
        ['accounting_firm_be', []],
        ['mailing_us_dpf', []],
        ['helpdesk_us_scc', []],
        ['survey_us_scc', []],
      ])
    })

    test('REQ-PRC-01 a processor key without a DPA is refused with the reason naming the missing DPA; after recording the DPA the same read works and records a disclosure', async () => {
      await runtime.processors.set('staff:test-dpo', 'accounting_firm_be', BASE)
      const refused = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=contract_execution`, headers: auth('accountant') })
      assert.equal(refused.statusCode, 403, refused.body)
      assert.equal(refused.json().error.code, 'recipient_not_covered')
      assert.equal(refused.json().error.message, 'no data processing agreement (DPA, Art. 28(3)) is recorded for the processor accounting_firm_be: record it in the processor register (/admin/processors/accounting_firm_be, PUT /v1/processors/accounting_firm_be, or pledge processors set)')
      assert.deepEqual(await disclosures('accounting_firm_be'), [])
      const denied = await t.database.db.selectFrom('audit_entry').select(['decision', 'reason']).where('action', '=', 'subject.read').where('subject_id', '=', customerId).where('decision', '=', 'deny').execute()
      assert.deepEqual(denied, [{ decision: 'deny', reason: 'recipient_not_covered:dpa_missing' }])

      await runtime.processors.set('staff:test-dpo', 'accounting_firm_be', { ...BASE, dpa: { version: '2.0', signedOn: '2026-11-01', terms: TERMS } })
      const ok = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=contract_execution`, headers: auth('accountant') })
      assert.equal(ok.statusCode, 200, ok.body)
      assert.deepEqual(await disclosures('accounting_firm_be'), [{ recipient_id: 'accounting_firm_be', purpose: 'contract_execution' }])
    })

    test('REQ-PRC-01 a DPA past its end date no longer covers the processor', async () => {
      await runtime.processors.set('staff:test-dpo', 'accounting_firm_be', { ...BASE, dpa: { version: '2.0', signedOn: '2025-01-01', endsOn: '2026-12-02', terms: TERMS } })
      const refused = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=contract_execution`, headers: auth('accountant') })
      assert.equal(refused.statusCode, 403)
      assert.equal(refused.json().error.message, 'the DPA recorded for accounting_firm_be has ended: record it in the processor register (/admin/processors/accounting_firm_be, PUT /v1/processors/accounting_firm_be, or pledge processors set)')
      assert.equal((await disclosures('accounting_firm_be')).length, 1)
    })

    test('REQ-TF-01 a recipient outside the EEA without a recorded mechanism is refused, naming the country; with the SCCs recorded it is read', async () => {
      const helpdesk = { ...BASE, legalName: 'Helpdesk software provider (example) Inc.', processingLocations: ['US'], supportLocations: ['US'], dpa: { version: '3.1', signedOn: '2024-01-15', terms: TERMS } }
      await runtime.processors.set('staff:test-dpo', 'helpdesk_us_scc', helpdesk)
      const refused = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=customer_service`, headers: auth('helpdesk') })
      assert.equal(refused.statusCode, 403, refused.body)
      assert.equal(refused.json().error.code, 'recipient_not_covered')
      assert.equal(refused.json().error.message, 'no transfer mechanism (adequacy decision or SCCs, Art. 45/46) is recorded for helpdesk_us_scc in US, outside the EEA: record it in the processor register (/admin/processors/helpdesk_us_scc, PUT /v1/processors/helpdesk_us_scc, or pledge processors set)')
      assert.deepEqual(await disclosures('helpdesk_us_scc'), [])
      await runtime.processors.set('staff:test-dpo', 'helpdesk_us_scc', { ...helpdesk, mechanisms: [{ country: 'US', kind: 'scc', sccModule: 2, signedOn: '2024-01-15', tiaOn: '2024-01-10' }] })
      const ok = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=customer_service`, headers: auth('helpdesk') })
      assert.equal(ok.statusCode, 200, ok.body)
      assert.deepEqual(await disclosures('helpdesk_us_scc'), [{ recipient_id: 'helpdesk_us_scc', purpose: 'customer_service' }])
    })

    test('REQ-PRC-01 an Art. 19 notice to an uncovered recipient still goes out, and is flagged to staff on the register page', async () => {
      // accounting_firm_be's DPA ended (above): the rectification notice is sent all the same.
      await runtime.notifier.setContact('recipient:accounting_firm_be', 'privacy@accounting.example', 'en')
      const channel = await runtime.notifier.notify('recipient:accounting_firm_be', 'subject.rectified', { subjectId: customerId, requestId: '0190c0de-0000-7000-8000-000000000001', categories: ['contact.name'] })
      assert.equal(channel, 'mail')
      const flags = await runtime.processors.uncoveredNotices('accounting_firm_be')
      assert.deepEqual(flags.map((f) => [f.recipientId, f.event, f.missing]), [['accounting_firm_be', 'subject.rectified', ['dpa_ended']]])
      const flagged = await t.database.db.selectFrom('audit_entry').select(['actor_id', 'reason']).where('action', '=', 'processor.uncovered_notice').execute()
      assert.deepEqual(flagged, [{ actor_id: 'system:processors', reason: 'accounting_firm_be:subject.rectified:dpa_ended' }])
      // A covered recipient's notice is not flagged.
      await runtime.notifier.notify('recipient:helpdesk_us_scc', 'subject.rectified', { subjectId: customerId, requestId: '0190c0de-0000-7000-8000-000000000001', categories: [] })
      assert.equal((await runtime.processors.uncoveredNotices()).length, 1)
    })
  })

  describe(`${variant.name}: a third party needs no DPA, only a mechanism outside the EEA`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    let dir = ''

    before(async () => {
      // The example policy with the accounting firm as a third party, and no register seed.
      dir = makeTempDir('pledge-third-party-')
      const yaml = readFileSync(EXAMPLE_POLICY, 'utf8').replace('  - id: accounting_firm_be\n    name: Accounting firm (example)\n    example: true\n    role: processor', '  - id: accounting_firm_be\n    name: Accounting firm (example)\n    example: true\n    role: third_party')
      assert.match(yaml, /role: third_party/)
      writeFileSync(join(dir, 'policy.yaml'), yaml)
      t = await variant.open()
      runtime = await testRuntime(t.database, { policyPath: join(dir, 'policy.yaml'), now: () => new Date('2026-12-03T10:00:00Z') })
      app = await buildApp(runtime)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
      removeTempDir(dir)
    })

    test('REQ-PRC-01 without any register row, the third party in the EEA is read (a disclosure), the processor is refused', async () => {
      const policy = runtime.policy()
      const crm = (await createApiKey(t.database.db, policy, { name: 'crm', purposes: ['customer_registration', 'contract_execution'] })).token
      const third = (await createApiKey(t.database.db, policy, { name: 'third', purposes: ['contract_execution'], recipientId: 'accounting_firm_be' })).token
      const hosting = (await createApiKey(t.database.db, policy, { name: 'hosting', purposes: ['contract_execution'], recipientId: 'hosting_eu' })).token
      const created = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: { authorization: `Bearer ${crm}` }, payload: { type: 'customer', data: { 'contact.name': 'Pieter Third' } } })
      assert.equal(created.statusCode, 201, created.body)
      const id = created.json().id
      await app.inject({ method: 'POST', url: `/v1/subjects/${id}/events`, headers: { authorization: `Bearer ${crm}` }, payload: { event: 'contract_started' } })
      assert.deepEqual(runtime.processors.list().map((r) => [r.recipient.id, r.gaps]), [
        ['hosting_eu', ['dpa_missing']],
        ['accounting_firm_be', []],
        ['mailing_us_dpf', ['dpa_missing', 'mechanism_missing:US']],
        ['helpdesk_us_scc', ['dpa_missing', 'mechanism_missing:US']],
        ['survey_us_scc', ['dpa_missing', 'mechanism_missing:US']],
      ])
      const ok = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=contract_execution`, headers: { authorization: `Bearer ${third}` } })
      assert.equal(ok.statusCode, 200, ok.body)
      const refused = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=contract_execution`, headers: { authorization: `Bearer ${hosting}` } })
      assert.equal(refused.statusCode, 403)
      assert.equal(refused.json().error.code, 'recipient_not_covered')
      const rows = await t.database.db.selectFrom('disclosure').select('recipient_id').where('subject_id', '=', id).execute()
      assert.deepEqual(rows, [{ recipient_id: 'accounting_firm_be' }])
    })
  })
}
