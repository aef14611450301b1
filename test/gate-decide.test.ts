// The gate's decision, as a pure function over the iXpole policy and a subject's state.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { loadPolicyFile } from '../src/policy/load.ts'
import { decide, type SubjectState, type Decision } from '../src/gate/decide.ts'
import type { Actor } from '../src/gate/actor.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'

const policy = await loadPolicyFile(EXAMPLE_POLICY)
const now = new Date('2026-06-15T12:00:00Z')

function actor(purposes: string[], extra: Partial<Actor> = {}): Actor {
  return { kind: 'api_key', id: 'key:test', name: 'API key test', purposes: new Set(purposes), categories: new Map(), capabilities: new Set(), tenantId: null, recipientId: null, ...extra }
}

function subject(extra: Partial<SubjectState> & { events?: Record<string, string> } = {}): SubjectState {
  const { events, ...rest } = extra
  return {
    id: '0190a0a0-0000-7000-8000-000000000001',
    type: 'customer',
    tenantId: null,
    restricted: false,
    erased: false,
    objections: new Map(),
    consents: new Map(),
    suppressed: false,
    createdAt: new Date('2026-01-10T09:00:00Z'),
    lastEvent: new Map(Object.entries(events ?? {}).map(([k, v]) => [k, new Date(v)])),
    ...rest,
  }
}

function reason(d: Decision): string {
  return d.allow ? 'allow' : d.reason
}

const all = policy.purposes.filter((p) => p.role === 'controller').map((p) => p.id)

test('REQ-LB-02 a write may carry only the purpose\'s categories, and the refusal names the others', () => {
  const d = decide(policy, { actor: actor(all), purposeId: 'accounting', operation: 'write', subject: subject({ events: { contract_started: '2026-01-11' } }), categories: ['contact.name', 'contact.email', 'contact.phone'], now })
  assert.equal(d.allow, false)
  assert.ok(!d.allow && d.reason === 'categories_not_in_purpose')
  assert.deepEqual(!d.allow && d.categories, ['contact.email', 'contact.phone'])
})

test('REQ-LB-02 data minimisation: a read returns only the categories the purpose may use', () => {
  const d = decide(policy, { actor: actor(all), purposeId: 'accounting', operation: 'read', subject: subject(), categories: ['contact.name', 'contact.email'], now })
  assert.ok(d.allow)
  assert.deepEqual(d.allow && d.categories, ['contact.name'])
  assert.deepEqual(d.allow && d.withheld, ['contact.email'])
  const everything = decide(policy, { actor: actor(all), purposeId: 'accounting', operation: 'read', subject: subject(), now })
  assert.deepEqual(everything.allow && [...everything.categories].sort(), policy.purpose('accounting')!.categories.map((c) => c.id).sort())
})

test('REQ-SEC-01 an actor may use only its own purposes; unknown purposes are refused', () => {
  assert.equal(reason(decide(policy, { actor: actor(['customer_service']), purposeId: 'accounting', operation: 'read', subject: subject(), now })), 'purpose_not_allowed_for_actor')
  assert.equal(reason(decide(policy, { actor: actor(all), purposeId: 'profiling', operation: 'read', subject: subject(), now })), 'unknown_purpose')
})

test('a purpose is refused for a subject type it does not cover', () => {
  assert.equal(reason(decide(policy, { actor: actor(all), purposeId: 'accounting', operation: 'read', subject: subject({ type: 'prospect' }), now })), 'subject_type_not_covered')
})

test('REQ-LB-04 a contract basis needs a contract or an application of the person\'s own; a company contact rests on legitimate interests', () => {
  const q = (s: SubjectState) => reason(decide(policy, { actor: actor(all), purposeId: 'contract_execution', operation: 'read', subject: s, now }))
  assert.equal(q(subject()), 'no_contract')
  assert.equal(q(subject({ events: { application_received: '2026-01-10' } })), 'allow')
  assert.equal(q(subject({ events: { application_received: '2026-01-10', application_rejected: '2026-01-20' } })), 'no_contract')
  assert.equal(q(subject({ events: { contract_started: '2026-02-01' } })), 'allow')
  const contact = subject({ type: 'customer_contact' })
  const d = decide(policy, { actor: actor(all), purposeId: 'contract_execution', operation: 'read', subject: contact, now })
  assert.ok(d.allow && d.basis === 'legitimate_interests')
})

test('REQ-LB-08 a consent purpose is denied without consent and never falls back to another basis', () => {
  const prospect = subject({ type: 'prospect' })
  const d = decide(policy, { actor: actor(all), purposeId: 'market_research', operation: 'read', subject: prospect, now })
  assert.equal(reason(d), 'no_consent')
  const withdrawn = subject({ type: 'prospect', consents: new Map([['market_research', false]]) })
  assert.equal(reason(decide(policy, { actor: actor(all), purposeId: 'market_research', operation: 'read', subject: withdrawn, now })), 'no_consent')
  const given = subject({ type: 'prospect', consents: new Map([['market_research', true]]) })
  assert.equal(reason(decide(policy, { actor: actor(all), purposeId: 'market_research', operation: 'read', subject: given, now })), 'allow')
  // The same purpose for a customer rests on legitimate interests: consent is not needed there.
  assert.equal(reason(decide(policy, { actor: actor(all), purposeId: 'market_research', operation: 'read', subject: subject(), now })), 'allow')
})

test('REQ-OB-01 REQ-OB-02 objections: pending restricts a legitimate-interest purpose, direct marketing stops at once', () => {
  const q = (s: SubjectState, purposeId: string) => reason(decide(policy, { actor: actor(all), purposeId, operation: 'read', subject: s, now }))
  assert.equal(q(subject({ objections: new Map([['market_research', 'pending']]) }), 'market_research'), 'objection_pending')
  assert.equal(q(subject({ objections: new Map([['market_research', 'upheld']]) }), 'market_research'), 'objection_upheld')
  assert.equal(q(subject({ objections: new Map([['market_research', 'rejected']]) }), 'market_research'), 'allow')
  // customer_information is direct marketing: even a pending objection is absolute.
  assert.equal(q(subject({ objections: new Map([['customer_information', 'pending']]) }), 'customer_information'), 'objection_upheld')
})

test('REQ-RS-02 while restricted only legal claims pass', () => {
  const restricted = subject({ restricted: true, events: { contract_started: '2026-02-01' } })
  for (const purposeId of ['contract_execution', 'customer_service', 'accounting', 'market_research']) {
    assert.equal(reason(decide(policy, { actor: actor(all), purposeId, operation: 'read', subject: restricted, now })), 'restricted', purposeId)
  }
  assert.equal(reason(decide(policy, { actor: actor(all), purposeId: 'legal_defence', operation: 'read', subject: restricted, now })), 'allow')
})

test('REQ-RT-01 a purpose whose retention ended is refused for that person', () => {
  const accounting = policy.purpose('accounting')!.retention
  assert.equal(accounting.duration, 'P10Y')
  // Invoice in March 2015: ten years from 1 January 2016 ends on 1 January 2026.
  const old = subject({ events: { invoice_issued: '2015-03-01T10:00:00Z' } })
  const d = decide(policy, { actor: actor(all), purposeId: 'accounting', operation: 'read', subject: old, now })
  assert.equal(reason(d), 'retention_expired')
  assert.match(!d.allow ? d.message : '', /2026-01-01/)
  const recent = subject({ events: { invoice_issued: '2016-03-01T10:00:00Z' } })
  assert.equal(reason(decide(policy, { actor: actor(all), purposeId: 'accounting', operation: 'read', subject: recent, now })), 'allow')
  // A prospect is kept two years after the last interaction.
  const prospect = subject({ type: 'prospect', createdAt: new Date('2024-01-01T00:00:00Z'), events: { last_interaction: '2024-06-01T00:00:00Z' } })
  assert.equal(reason(decide(policy, { actor: actor(all), purposeId: 'prospect_registration', operation: 'read', subject: prospect, now })), 'retention_expired')
})

test('REQ-PR-02 data held for a customer is invisible to the controller and to other tenants, and never serves a controller purpose', () => {
  const visitor = subject({ type: 'customer_visitor', tenantId: 'acme' })
  assert.equal(reason(decide(policy, { actor: actor(all), purposeId: 'market_research', operation: 'read', subject: visitor, now })), 'subject_not_visible')
  const otherTenant = actor(['processing_for_customers'], { tenantId: 'globex' })
  assert.equal(reason(decide(policy, { actor: otherTenant, purposeId: 'processing_for_customers', operation: 'read', subject: visitor, now })), 'subject_not_visible')
  const ownTenant = actor(['processing_for_customers', 'market_research'], { tenantId: 'acme' })
  assert.equal(reason(decide(policy, { actor: ownTenant, purposeId: 'processing_for_customers', operation: 'read', subject: visitor, now })), 'allow')
  assert.equal(reason(decide(policy, { actor: ownTenant, purposeId: 'market_research', operation: 'read', subject: visitor, now })), 'processor_data_for_controller_purpose')
  assert.equal(reason(decide(policy, { actor: actor(['processing_for_customers']), purposeId: 'processing_for_customers', operation: 'create', subject: undefined, subjectType: 'customer_visitor', categories: ['contact.name'], now })), 'controller_data_for_processor_purpose')
})

test('creating under a consent purpose is refused: the person exists first, then consents', () => {
  const d = decide(policy, { actor: actor(all), purposeId: 'newsletter', operation: 'create', subject: undefined, subjectType: 'newsletter_subscriber', categories: ['contact.email'], now })
  assert.equal(reason(d), 'no_consent')
})

test('REQ-DM-01 marketing e-mail needs consent, or the soft opt-in of an existing customer offered an opt-out', () => {
  const q = (s: SubjectState, purposeId: string) => reason(decide(policy, { actor: actor(all), purposeId, operation: 'read', subject: s, now }))
  assert.equal(q(subject(), 'customer_information'), 'no_soft_opt_in')
  assert.equal(q(subject({ events: { contract_started: '2026-02-01' } }), 'customer_information'), 'no_soft_opt_in')
  assert.equal(q(subject({ events: { contract_started: '2026-02-01', marketing_opt_out_offered: '2026-02-01' } }), 'customer_information'), 'allow')
  assert.equal(q(subject({ consents: new Map([['newsletter', true]]) }), 'newsletter'), 'allow')
})

test('REQ-DM-03 REQ-OB-02 a suppressed address stops every direct-marketing purpose, not the others', () => {
  const s = subject({ suppressed: true, consents: new Map([['newsletter', true]]), events: { contract_started: '2026-02-01', marketing_opt_out_offered: '2026-02-01' } })
  assert.equal(reason(decide(policy, { actor: actor(all), purposeId: 'newsletter', operation: 'read', subject: s, now })), 'suppressed')
  assert.equal(reason(decide(policy, { actor: actor(all), purposeId: 'customer_information', operation: 'read', subject: s, now })), 'suppressed')
  assert.equal(reason(decide(policy, { actor: actor(all), purposeId: 'contract_execution', operation: 'read', subject: s, now })), 'allow')
})

test('REQ-SEC-01 data_subject_request opens nobody through the general question: every operation is refused, even for its holder and a restricted or erased person', () => {
  const handler = actor(['data_subject_request', 'customer_service'])
  for (const operation of ['read', 'write', 'search', 'create', 'event'] as const) {
    for (const s of [subject(), subject({ restricted: true }), subject({ erased: true })]) {
      assert.equal(reason(decide(policy, { actor: handler, purposeId: 'data_subject_request', operation, subject: s, now })), 'request_grant_required')
    }
  }
  // The same actor reads under a purpose it holds, as before.
  assert.equal(reason(decide(policy, { actor: handler, purposeId: 'customer_service', operation: 'read', subject: subject({ events: { contract_started: '2026-02-01' } }), now })), 'allow')
})

test('REQ-TR-03 the Art. 14 notice purpose reaches only its holder, only the e-mail address, only to read, only the controller\'s living people', () => {
  const notices = actor(['art14_notice'], { kind: 'system', categories: new Map([['art14_notice', ['contact.email']]]) })
  const read = decide(policy, { actor: notices, purposeId: 'art14_notice', operation: 'read', subject: subject(), categories: ['contact.email', 'contact.name'], now })
  assert.ok(read.allow)
  assert.deepEqual(read.categories, ['contact.email'])
  assert.deepEqual(read.withheld, ['contact.name'])
  assert.equal(reason(decide(policy, { actor: notices, purposeId: 'art14_notice', operation: 'write', subject: subject(), categories: ['contact.email'], now })), 'purpose_not_allowed_for_actor')
  assert.equal(reason(decide(policy, { actor: notices, purposeId: 'art14_notice', operation: 'read', subject: subject({ erased: true }), now })), 'subject_erased')
  assert.equal(reason(decide(policy, { actor: notices, purposeId: 'art14_notice', operation: 'read', subject: subject({ tenantId: 'acme' }), now })), 'subject_not_visible')
  assert.equal(reason(decide(policy, { actor: actor(all), purposeId: 'art14_notice', operation: 'read', subject: subject(), now })), 'purpose_not_allowed_for_actor')
})

test('REQ-SEC-01 a declared system actor uses only the categories its declaration names for a purpose', () => {
  const mailer = actor(['newsletter'], { kind: 'system', categories: new Map([['newsletter', ['contact.email']]]) })
  const s = subject({ consents: new Map([['newsletter', true]]) })
  const read = decide(policy, { actor: mailer, purposeId: 'newsletter', operation: 'read', subject: s, now })
  assert.ok(read.allow)
  assert.deepEqual(read.categories, ['contact.email'])
  const wider = decide(policy, { actor: mailer, purposeId: 'newsletter', operation: 'read', subject: s, categories: ['contact.email', 'contact.name'], now })
  assert.ok(wider.allow)
  assert.deepEqual(wider.withheld, ['contact.name'])
  assert.equal(reason(decide(policy, { actor: mailer, purposeId: 'newsletter', operation: 'write', subject: s, categories: ['contact.name'], now })), 'categories_not_in_purpose')
})
