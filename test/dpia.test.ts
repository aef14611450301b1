// DPIA screening, the DPIA record, the prior consultation and the gate's hold (issue 17 part 3), on
// both databases: two WP248 criteria make a DPIA required; a required DPIA not on file, or a high
// residual risk without a recorded prior consultation, keeps the gate from any use under the
// purpose; re-screening triggers; legitimate-interest assessments past their review date remind.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'
import { defaultRequired, holdOf, parseDpia, parseScreening, statusOf, triggersOf, type DpiaEntry } from '../src/dpia/entry.ts'
import { DpiaRegister } from '../src/dpia/register.ts'
import { DpiaReminders, liaRows } from '../src/dpia/reminders.ts'
import { ART35_CODES, GBA_CODES, WP248_CODES, screeningLabel } from '../src/dpia/vocabulary.ts'
import { loadPolicyFile, validatePolicyDocument } from '../src/policy/load.ts'
import { FORM, TestClock, form, signIn, staffAccount } from './support/staff.ts'
import { h } from 'preact'
import { renderToString } from 'preact-render-to-string'
import { LiaTable } from '../src/http/admin/console/dpia.tsx'
import type { Policy } from '../src/policy/policy.ts'

const SCREEN = { art35: [], wp248: [], gba: [], notes: '', screenedOn: '2026-12-01' }
const BASIS = { categories: ['contact.name'], thirdCountryRecipients: [], automatedDecisions: false }
const DPIA = {
  reference: 'DPIA-2026-01',
  description: 'Helpdesk tickets analysed to score customers (35(7)(a)).',
  necessity: 'Only ticket metadata; kept 2 years (35(7)(b)).',
  risks: 'Mistaken scores limit service (35(7)(c)).',
  measures: 'Human review of every score (35(7)(d)).',
  dpoAdvice: 'Proceed only after the GBA is consulted.',
  dataSubjectViews: 'Customer panel consulted on 2026-11-20.',
  completedOn: '2026-12-02',
  reviewOn: '2027-12-02',
  residualHighRisk: true,
}
const CONSULTATION = { submittedOn: '2026-12-02', gbaReference: 'GBA/DPIA/2026/0042', answeredOn: '2026-12-03', answer: 'Written advice: may proceed with the measures listed.' }

test('REQ-DPIA-01 two WP248 criteria make a DPIA required; one does not; any Art. 35(3) case or GBA-list item does', () => {
  assert.equal(defaultRequired({ art35: [], wp248: ['wp248_1_scoring'], gba: [] }), false)
  assert.equal(defaultRequired({ art35: [], wp248: ['wp248_1_scoring', 'wp248_5_large_scale'], gba: [] }), true)
  assert.equal(defaultRequired({ art35: ['art35_3_c'], wp248: [], gba: [] }), true)
  assert.equal(defaultRequired({ art35: [], wp248: [], gba: ['gba_biometric'] }), true)
  const two: DpiaEntry = { screening: { ...parseScreening({ ...SCREEN, wp248: ['wp248_5_large_scale', 'wp248_1_scoring'] }), basis: BASIS } }
  assert.deepEqual(two.screening!.wp248, ['wp248_1_scoring', 'wp248_5_large_scale'])
  assert.equal(statusOf(two), 'dpia_missing')
  assert.deepEqual(holdOf('p', two), { reason: 'dpia_missing', message: 'the screening of p says a DPIA is required (Art. 35) and none is on file: the purpose stays on hold until it is recorded' })
  // The DPO's override, with reasons, wins over the default.
  const overridden: DpiaEntry = { screening: { ...parseScreening({ ...SCREEN, wp248: ['wp248_1_scoring', 'wp248_5_large_scale'], override: { required: false, reasoning: 'Scores are aggregate only.' } }), basis: BASIS } }
  assert.equal(statusOf(overridden), 'not_required')
  assert.equal(holdOf('p', overridden), undefined)
  assert.equal(statusOf(undefined), 'not_screened')
})

test('REQ-DPIA-01 the vocabulary: 3 Art. 35(3) cases, 9 WP248 criteria, the GBA list, each labelled in nl, fr and en', () => {
  assert.deepEqual(ART35_CODES, ['art35_3_a', 'art35_3_b', 'art35_3_c'])
  assert.equal(WP248_CODES.length, 9)
  assert.equal(GBA_CODES.length, 9)
  assert.equal(screeningLabel('wp248_6_matching', 'en'), 'Matching or combining datasets')
  assert.equal(screeningLabel('wp248_6_matching', 'nl'), 'Matching of combineren van datasets')
  assert.equal(screeningLabel('wp248_6_matching', 'fr'), "Croisement ou combinaison d'ensembles de données")
})

test('REQ-DPIA-01 bad screening and DPIA input is refused with a 422 naming the field', () => {
  assert.throws(() => parseScreening({ ...SCREEN, wp248: ['wp248_10'] }), (e: { status: number; code: string; details: { field: string } }) => e.status === 422 && e.code === 'invalid_dpia_entry' && e.details.field === 'wp248[0]')
  assert.throws(() => parseScreening({ ...SCREEN, notes: 'x'.repeat(2001) }), (e: { details: { field: string } }) => e.details.field === 'notes')
  assert.throws(() => parseScreening({ ...SCREEN, override: { required: true } }), (e: { details: { field: string } }) => e.details.field === 'override.reasoning')
  assert.throws(() => parseDpia({ ...DPIA, risks: '' }), (e: { details: { field: string } }) => e.details.field === 'risks')
  assert.throws(() => parseDpia({ ...DPIA, reviewOn: '2026-01-01' }), (e: { details: { field: string } }) => e.details.field === 'reviewOn')
  assert.throws(() => parseDpia({ ...DPIA, extra: 1 }), (e: { details: { field: string } }) => e.details.field === 'extra')
})

test('REQ-DPIA-03 a high residual risk holds the purpose until the prior consultation is recorded', () => {
  const screening = { ...parseScreening({ ...SCREEN, art35: ['art35_3_a'] }), basis: BASIS }
  const held: DpiaEntry = { screening, dpia: parseDpia(DPIA) }
  assert.equal(statusOf(held), 'prior_consultation_needed')
  assert.equal(holdOf('p', held)?.reason, 'purpose_on_hold_dpia')
  assert.equal(statusOf({ ...held, consultation: CONSULTATION }), 'dpia_complete')
  assert.equal(holdOf('p', { ...held, consultation: CONSULTATION }), undefined)
  assert.equal(statusOf({ screening, dpia: parseDpia({ ...DPIA, residualHighRisk: false }) }), 'dpia_complete')
})

test('REQ-DPIA-02 triggers: a new category (a photo is special), a new third-country recipient, automated decisions switched on', () => {
  const special = (c: string) => c === 'identification.photo'
  assert.deepEqual(triggersOf(BASIS, BASIS, special), [])
  assert.deepEqual(
    triggersOf(BASIS, { categories: ['contact.name', 'contact.email', 'identification.photo'], thirdCountryRecipients: ['helpdesk_us_scc'], automatedDecisions: true }, special),
    ['category_added:contact.email', 'special_category_added:identification.photo', 'third_country_recipient:helpdesk_us_scc', 'automated_decisions_added'],
  )
})

test('REQ-LB-05 the example policy lists its legitimate-interest assessments with their review dates; a passed date is overdue', async () => {
  const policy = await loadPolicyFile(EXAMPLE_POLICY)
  assert.deepEqual(liaRows(policy, '2027-12-01').map((r) => [r.purposeId, r.reviewDate, r.overdue]), [
    ['customer_registration', '2027-11-25', true],
    ['contract_execution', '2027-11-25', true],
    ['prospect_registration', '2027-11-25', true],
    ['customer_information', '2027-11-25', true],
    ['contact_requests', '2027-12-04', false],
    ['complaints', '2027-12-06', false],
    ['customer_service', '2027-11-25', true],
    ['market_research', '2027-11-25', true],
    ['legal_defence', '2027-11-25', true],
  ])
  assert.equal(liaRows(policy, '2027-11-24').filter((r) => r.overdue).length, 0)
  // The console flags each overdue one.
  const html = renderToString(h(LiaTable, { lang: 'en', rows: liaRows(policy, '2027-12-01') }))
  assert.equal(html.match(/class="flag flag-late lia-overdue">Review overdue</g)?.length, 7)
  assert.equal(html.match(/class="flag">Up to date</g)?.length, 2)
  assert.match(renderToString(h(LiaTable, { lang: 'nl', rows: liaRows(policy, '2027-12-01') })), /Herziening achterstallig/)
})

for (const variant of DATABASES) {
  describe(`${variant.name}: the DPIA register and the gate's hold`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    let token = ''
    let customerId = ''
    const auth = () => ({ authorization: `Bearer ${token}` })
    const clock = new TestClock(Date.parse('2026-12-03T10:00:00Z'))
    const now = clock.now
    const entries = async (prefix: string) => (await t.database.db.selectFrom('audit_entry').select(['action', 'actor_id', 'purpose', 'reason']).where('action', 'like', `${prefix}%`).orderBy('seq').execute())

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database, { now, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      token = (await createApiKey(t.database.db, runtime.policy(), { name: 'crm', purposes: ['customer_registration', 'customer_service'] })).token
      const res = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: auth(), payload: { type: 'customer', data: { 'contact.name': 'Lotte Dpia', 'contact.email': 'lotte.dpia@example.be' } } })
      assert.equal(res.statusCode, 201, res.body)
      customerId = res.json().id
      const ev = await app.inject({ method: 'POST', url: `/v1/subjects/${customerId}/events`, headers: auth(), payload: { event: 'contract_started' } })
      assert.equal(ev.statusCode, 201, ev.body)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const read = () => app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=customer_service`, headers: auth() })

    test('REQ-DPIA-01 a fresh install has the example screenings seeded: every controller purpose screened, none needs a DPIA, none held', async () => {
      const rows = runtime.dpia.list()
      assert.deepEqual(rows.map((r) => [r.purpose.id, r.status, r.triggers, r.hold]), [
        ['customer_registration', 'not_required', [], undefined],
        ['contract_execution', 'not_required', [], undefined],
        ['accounting', 'not_required', [], undefined],
        ['newsletter', 'not_required', [], undefined],
        ['prospect_registration', 'not_required', [], undefined],
        ['customer_information', 'not_required', [], undefined],
        ['contact_requests', 'not_required', [], undefined],
        ['complaints', 'not_required', [], undefined],
        ['customer_service', 'not_required', [], undefined],
        ['market_research', 'not_required', [], undefined],
        ['legal_defence', 'not_required', [], undefined],
      ])
      assert.equal(runtime.dpia.holds().size, 0)
      assert.equal((await entries('dpia.seed')).length, 11)
    })

    test('REQ-DPIA-03 REQ-DPIA-01 a purpose screened as needing a DPIA, then with a high residual risk, is refused by the gate until the prior consultation is recorded; each change audited', async () => {
      assert.equal((await read()).statusCode, 200)
      await runtime.dpia.setScreening('staff:test-dpo', 'customer_service', { ...SCREEN, wp248: ['wp248_1_scoring', 'wp248_6_matching'] })
      const missing = await read()
      assert.equal(missing.statusCode, 403, missing.body)
      assert.equal(missing.json().error.code, 'dpia_missing')
      await runtime.dpia.setDpia('staff:test-dpo', 'customer_service', DPIA)
      const held = await read()
      assert.equal(held.statusCode, 403, held.body)
      assert.equal(held.json().error.code, 'purpose_on_hold_dpia')
      assert.equal(held.json().error.message, 'the DPIA of customer_service records a high residual risk: the purpose stays on hold until the prior consultation of the supervisory authority (Art. 36) is recorded')
      // Every use, not only reads: a write under the purpose is refused too; other purposes are not.
      const write = await app.inject({ method: 'PATCH', url: `/v1/subjects/${customerId}?purpose=customer_service`, headers: auth(), payload: { data: { 'contact.name': 'Lotte D.' } } })
      assert.equal(write.statusCode, 403, write.body)
      assert.equal(write.json().error.code, 'purpose_on_hold_dpia')
      assert.equal((await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=customer_registration`, headers: auth() })).statusCode, 200)
      await runtime.dpia.setConsultation('staff:test-dpo', 'customer_service', CONSULTATION)
      assert.equal((await read()).statusCode, 200)
      assert.equal(runtime.dpia.row('customer_service').status, 'dpia_complete')
      assert.deepEqual((await entries('dpia.')).filter((e) => e.action !== 'dpia.seed' && !e.action.startsWith('dpia.reminder')), [
        { action: 'dpia.screening.set', actor_id: 'staff:test-dpo', purpose: 'customer_service', reason: 'customer_service:dpia_missing:dpia_missing' },
        { action: 'dpia.record.set', actor_id: 'staff:test-dpo', purpose: 'customer_service', reason: 'customer_service:prior_consultation_needed:purpose_on_hold_dpia' },
        { action: 'dpia.consultation.set', actor_id: 'staff:test-dpo', purpose: 'customer_service', reason: 'customer_service:dpia_complete' },
      ])
      const denied = await t.database.db.selectFrom('audit_entry').select(['reason']).where('action', '=', 'subject.read').where('decision', '=', 'deny').where('purpose', '=', 'customer_service').execute()
      assert.deepEqual(denied.map((d) => d.reason), ['dpia_missing', 'purpose_on_hold_dpia'])
      const deniedWrite = await t.database.db.selectFrom('audit_entry').select(['reason']).where('action', '=', 'subject.write').where('decision', '=', 'deny').execute()
      assert.deepEqual(deniedWrite.map((d) => d.reason), ['purpose_on_hold_dpia'])
    })

    test('REQ-DPIA-03 another instance\'s register sees a hold recorded here at its next refresh, without a query per gated request', async () => {
      const other = new DpiaRegister({ db: t.database.db, audit: { append: async () => 0 }, policy: runtime.policy, now, thirdCountries: () => [] })
      await other.refresh()
      assert.equal(other.holds().size, 0)
      await runtime.dpia.setScreening('staff:test-dpo', 'legal_defence', { ...SCREEN, gba: ['gba_combining_controllers'] })
      assert.equal(other.holds().size, 0, 'memory only: nothing read until the refresh')
      await other.refresh()
      assert.deepEqual([...other.holds()].map(([p, h]) => [p, h.reason]), [['legal_defence', 'dpia_missing']])
      await runtime.dpia.setScreening('staff:test-dpo', 'legal_defence', { ...SCREEN, notes: 'No criterion applies.' })
      await other.refresh()
      assert.equal(other.holds().size, 0)
    })

    test('REQ-DPIA-03 a prior consultation without a high residual risk, or a DPIA before a screening, is refused (409)', async () => {
      await assert.rejects(runtime.dpia.setConsultation('staff:test-dpo', 'accounting', CONSULTATION), (e: { status: number; code: string }) => e.status === 409 && e.code === 'no_residual_high_risk')
      await assert.rejects(runtime.dpia.setDpia('staff:test-dpo', 'processing_for_customers', DPIA), (e: { status: number; code: string }) => e.status === 409 && e.code === 'screening_missing')
      await assert.rejects(runtime.dpia.setScreening('staff:test-dpo', 'no_such_purpose', SCREEN), (e: { status: number; code: string }) => e.status === 404 && e.code === 'purpose_not_found')
    })

    test('REQ-DPIA-02 a new third-country sub-processor of a purpose\'s recipient, and a category added by a new policy, mark the screening for re-screening and raise one reminder each', async () => {
      const hosting = { legalName: 'EU hosting provider (example) GmbH', address: 'Beispielstraße 1, Berlin', contact: 'dpo@hosting.example', dpo: '', processingLocations: ['DE'], supportLocations: ['DE'], subProcessors: [{ name: 'Backup Inc.', country: 'US', service: 'backups' }], assurance: '', mechanisms: [{ country: 'US', kind: 'scc', sccModule: 3, signedOn: '2026-01-01', tiaOn: '2025-12-01' }], dpa: { version: '1', signedOn: '2025-01-01', terms: { a: true, b: true, c: true, d: true, e: true, f: true, g: true, h: true } } }
      await runtime.processors.set('staff:test-dpo', 'hosting_eu', hosting)
      const registration = runtime.dpia.row('customer_registration')
      assert.deepEqual(registration.triggers, ['third_country_recipient:hosting_eu'])
      const open = await runtime.dpiaReminders.open('customer_registration')
      assert.deepEqual(open.map((r) => [r.kind, r.dueOn]), [['rescreening:third_country_recipient:hosting_eu', '2026-11-25']])
      // A new screening takes the purpose as it is now: the trigger and its reminder go.
      await runtime.dpia.setScreening('staff:test-dpo', 'customer_registration', { ...SCREEN, notes: 'Backups in the US under SCCs: still no criterion.' })
      assert.deepEqual(runtime.dpia.row('customer_registration').triggers, [])
      assert.deepEqual(await runtime.dpiaReminders.open('customer_registration'), [])

      // The policy in force adds a photo to customer_information: a special (recognition) trigger.
      const doc = structuredClone(runtime.policy().document) as { purposes: { id: string; categories: { id: string; required: boolean }[] }[] }
      doc.purposes.find((p) => p.id === 'customer_information')!.categories.push({ id: 'identification.photo', required: false })
      let policy: Policy = runtime.policy()
      const sent: { to: string; subject: string; text?: string }[] = []
      const audit = { append: async () => 0 }
      const register = new DpiaRegister({ db: t.database.db, audit, policy: () => policy, now, thirdCountries: (id) => runtime.processors.thirdCountries(id) })
      await register.refresh()
      policy = validatePolicyDocument(doc)
      assert.deepEqual(register.row('customer_information').triggers, ['special_category_added:identification.photo', 'third_country_recipient:hosting_eu'])
      const reminders = new DpiaReminders({ db: t.database.db, audit, mailer: { send: async (m) => (sent.push(m), { id: 'test', channel: 'outbox' } as never) }, policy: () => policy, register, now })
      await reminders.raiseDue()
      assert.equal(await reminders.mailOpen() > 0, true)
      assert.equal(sent.length, 1)
      assert.match(sent[0]!.text ?? '', /customer_information: re-screening needed \(special_category_added:identification\.photo\) since the screening of 2026-11-25 \[rescreening:special_category_added:identification\.photo\]/)
      assert.doesNotMatch(sent[0]!.text ?? '', /lotte/i)
      // Once: the next round mails nothing.
      await reminders.raiseDue()
      assert.equal(await reminders.mailOpen(), 0)
    })

    test('REQ-LB-05 a legitimate-interest assessment past its review date raises a reminder once per review date, mailed to the privacy contact', async () => {
      const later = () => new Date('2027-12-01T10:00:00Z')
      const sent: { to: string; text?: string }[] = []
      const audit = { append: async () => 0 }
      const register = new DpiaRegister({ db: t.database.db, audit, policy: runtime.policy, now: later, thirdCountries: () => [] })
      await register.refresh()
      const reminders = new DpiaReminders({ db: t.database.db, audit, mailer: { send: async (m) => (sent.push(m), { id: 'test', channel: 'outbox' } as never) }, policy: runtime.policy, register, now: later })
      await reminders.raiseDue()
      const lia = (await reminders.open()).filter((r) => r.kind === 'lia_review_due')
      assert.deepEqual(lia.map((r) => [r.purposeId, r.dueOn]), [
        ['customer_registration', '2027-11-25'],
        ['contract_execution', '2027-11-25'],
        ['prospect_registration', '2027-11-25'],
        ['customer_information', '2027-11-25'],
        ['customer_service', '2027-11-25'],
        ['market_research', '2027-11-25'],
        ['legal_defence', '2027-11-25'],
      ])
      await reminders.mailOpen()
      const contact = runtime.policy().controller.privacyContact?.email ?? runtime.policy().controller.email
      assert.equal(sent.length, 1)
      assert.equal(sent[0]!.to, contact)
      assert.match(sent[0]!.text ?? '', /market_research: legitimate-interest assessment review date 2027-11-25 reached \[lia_review_due\]/)
      await reminders.raiseDue()
      assert.equal(await reminders.mailOpen(), 0)
      assert.equal(sent.length, 1)
    })

    test('REQ-DPIA-01 REQ-AUD-01 console: only the DPO records a screening (a staff administrator is refused and audited); bad input is a 422 page naming the field; the CSV names the screening', async () => {
      const admin = await staffAccount(runtime, app, clock, 'admin@dpia.example', ['staff_admin'])
      const adminParty = { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) }
      const dpoAccount = await staffAccount(runtime, app, clock, 'dpo@dpia.example', ['dpo'], { approver: adminParty })
      const adminSession = await signIn(app, clock, admin)
      const dpo = await signIn(app, clock, dpoAccount)
      const post = (who: typeof dpo, fields: Record<string, string>) => app.inject({ method: 'POST', url: '/admin/dpia/newsletter/screening?lang=en', headers: { ...FORM, cookie: who.cookie }, payload: form({ _csrf: who.csrf, ...fields }) })
      const refused = await post(adminSession, { screenedOn: '2026-12-03' })
      assert.equal(refused.statusCode, 403)
      assert.match(refused.body, /Read only: the DPO records screenings, DPIAs and prior consultations\./)
      const deny = await t.database.db.selectFrom('audit_entry').select(['actor_id', 'decision', 'reason']).where('action', '=', 'dpia.screening.set').where('decision', '=', 'deny').execute()
      assert.deepEqual(deny, [{ actor_id: `staff:${admin.id}`, decision: 'deny', reason: 'newsletter:dpo_only' }])
      const bad = await post(dpo, { screenedOn: '3 December' })
      assert.equal(bad.statusCode, 422)
      assert.match(bad.body, /Not saved: screenedOn must be a date YYYY-MM-DD/)
      const ok = await post(dpo, { wp248__wp248_5_large_scale: 'true', wp248__wp248_3_monitoring: 'true', override: 'not_required', overrideReasoning: 'Open tracking is off; the list is small.', screenedOn: '2026-12-03' })
      assert.equal(ok.statusCode, 303, ok.body)
      assert.equal(ok.headers.location, '/admin/dpia/newsletter?saved=1&lang=en')
      assert.equal(runtime.dpia.row('newsletter').status, 'not_required')
      assert.deepEqual(runtime.dpia.row('newsletter').entry?.screening?.override, { required: false, reasoning: 'Open tracking is off; the list is small.' })
      const csv = await app.inject({ method: 'GET', url: '/admin/dpia/export.csv', headers: { cookie: dpo.cookie } })
      assert.equal(csv.statusCode, 200)
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8')
      assert.match(csv.body, /^purpose,purpose_name,status,dpia_required,art35,wp248,gba,override,screened_on,triggers,gate_hold,/)
      assert.match(csv.body, /\r\nnewsletter,Newsletter and marketing messages,not_required,no,,wp248_3_monitoring wp248_5_large_scale,,not_required,2026-12-03,/)
      const lia = await app.inject({ method: 'GET', url: '/admin/dpia/lia.csv', headers: { cookie: dpo.cookie } })
      assert.match(lia.body, /^purpose,interest,necessity,balancing,mitigations,author,date,review_date,review_overdue\r\n/)
      assert.equal(lia.body.trim().split('\r\n').length, 10)
      const exported = await t.database.db.selectFrom('audit_entry').select(['action', 'reason']).where('action', 'in', ['export.dpia_register', 'export.lia_register']).orderBy('seq').execute()
      assert.deepEqual(exported, [{ action: 'export.dpia_register', reason: 'csv:rows:11' }, { action: 'export.lia_register', reason: 'csv:rows:9' }])
      const ropa = await app.inject({ method: 'GET', url: '/admin/exports/ropa-controller.csv', headers: { cookie: dpo.cookie } })
      assert.match(ropa.body, /,screened 2026-12-03: not_required\r\n/)
    })
  })
}
