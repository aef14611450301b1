// The role × purpose × route matrix, derived from the example policy and walked in full with real
// staff sessions (cookie + CSRF token), on both databases: every allow and every deny. What a role
// may do is read from the policy file (its staffRoles and purposes), never from the code under
// test; and a support account is refused the bank account number on every route.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { seedRequest } from './support/actors.ts'
import { buildApp } from '../src/http/app.ts'
import type { Runtime } from '../src/runtime.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { loadPolicyFile } from '../src/policy/load.ts'
import type { Policy } from '../src/policy/policy.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { TestClock, signIn, staffAccount, type SignedIn } from './support/staff.ts'

const BANK = 'financial.bank_account'
const IBAN = 'BE71096123456769'

// What the customer and the prospect hold, by category (values a real CRM would send).
const CUSTOMER: Record<string, string> = {
  'contact.name': 'Ann Peeters',
  'contact.address': 'Kempische Steenweg 1, 3500 Hasselt',
  'contact.email': 'ann.peeters@matrix.example',
  'contact.phone': '+32 470 12 34 56',
  'identification.vat_number': 'BE0123456789',
  'professional.role': 'Office manager',
}
const PROSPECT: Record<string, string> = { 'contact.name': 'Piet Janssens', 'contact.email': 'piet.janssens@matrix.example', 'professional.role': 'Buyer' }
// Someone who wrote through the contact form (a subject of its own type).
const COMPLAINANT: Record<string, string> = { 'contact.name': 'Luc Maes', 'contact.email': 'luc.maes@matrix.example', 'complaint.description': 'My address was still on a mailing after I objected.' }
const CONTACT: Record<string, string> = { 'contact.name': 'Els Claes', 'contact.email': 'els.claes@matrix.example', 'professional.organisation': 'Claes BV', 'communication.message': 'Do you support SSO?' }

for (const variant of DATABASES) {
  describe(`${variant.name}: REQ-SEC-01 the staff role × purpose × route matrix`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    let policy: Policy
    const clock = new TestClock()
    const sessions = new Map<string, SignedIn>()
    const accountIds = new Map<string, string>()
    let customerId = ''
    let prospectId = ''
    let contactId = ''
    let complainantId = ''
    let requestId = ''

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      policy = await loadPolicyFile(EXAMPLE_POLICY)
      // The people, registered by a service that holds every controller purpose.
      const all = policy.purposes.filter((p) => p.role === 'controller').map((p) => p.id)
      const { token } = await createApiKey(t.database.db, runtime.policy(), { name: 'crm-matrix', purposes: all })
      const key = { authorization: `Bearer ${token}` }
      const created = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: key, payload: { type: 'customer', data: CUSTOMER } })
      assert.equal(created.statusCode, 201, created.body)
      customerId = created.json().id
      const bank = await app.inject({ method: 'PATCH', url: `/v1/subjects/${customerId}?purpose=contract_execution`, headers: key, payload: { data: { [BANK]: IBAN } } })
      assert.equal(bank.statusCode, 200, bank.body)
      const paid = await app.inject({ method: 'PATCH', url: `/v1/subjects/${customerId}?purpose=accounting`, headers: key, payload: { data: { 'financial.payment_data': 'invoice 2026-0042 paid by transfer' } } })
      assert.equal(paid.statusCode, 200, paid.body)
      // A customer offered the opt-out at collection (the soft opt-in for customer information).
      for (const event of ['contract_started', 'marketing_opt_out_offered']) {
        const recorded = await app.inject({ method: 'POST', url: `/v1/subjects/${customerId}/events`, headers: key, payload: { event } })
        assert.equal(recorded.statusCode, 201, recorded.body)
      }
      const consent = await app.inject({ method: 'POST', url: `/v1/subjects/${customerId}/consents`, headers: key, payload: { purpose: 'newsletter', granted: true, text: 'Yes, send me the iXpole newsletter', channel: 'web_form' } })
      assert.equal(consent.statusCode, 201, consent.body)
      const prospect = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=prospect_registration', headers: key, payload: { type: 'prospect', data: PROSPECT } })
      assert.equal(prospect.statusCode, 201, prospect.body)
      prospectId = prospect.json().id
      const contact = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=contact_requests', headers: key, payload: { type: 'contact', data: CONTACT } })
      assert.equal(contact.statusCode, 201, contact.body)
      contactId = contact.json().id
      const complainant = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=complaints', headers: key, payload: { type: 'complainant', data: COMPLAINANT } })
      assert.equal(complainant.statusCode, 201, complainant.body)
      complainantId = complainant.json().id
      requestId = await seedRequest(runtime, 'access', { subjectIds: [customerId] })

      // One account per role of the policy, and the staff administrator who approves them.
      const admin = await staffAccount(runtime, app, clock, 'admin@matrix.example', ['staff_admin'])
      const adminParty = { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) }
      sessions.set('staff_admin', await signIn(app, clock, admin))
      accountIds.set('staff_admin', admin.id)
      for (const role of policy.staffRoles) {
        const account = await staffAccount(runtime, app, clock, `${role.id}@matrix.example`, [role.id], { approver: adminParty })
        sessions.set(role.id, await signIn(app, clock, account))
        accountIds.set(role.id, account.id)
      }
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const roles = () => ['staff_admin', ...policy.staffRoles.map((r) => r.id)]
    const holds = (role: string, purpose: string) => policy.staffRoles.find((r) => r.id === role)?.purposes.includes(purpose) ?? false
    const controllerPurposes = () => policy.purposes.filter((p) => p.role === 'controller')
    const subjectFor = (purposeId: string) => policy.purpose(purposeId)!.subjectTypes.includes('complainant') ? { id: complainantId, type: 'complainant', data: COMPLAINANT } : policy.purpose(purposeId)!.subjectTypes.includes('contact') ? { id: contactId, type: 'contact', data: CONTACT } : (policy.purpose(purposeId)!.subjectTypes.includes('customer') ? { id: customerId, type: 'customer', data: { ...CUSTOMER, [BANK]: IBAN, 'financial.payment_data': 'invoice 2026-0042 paid by transfer' } } : { id: prospectId, type: 'prospect', data: PROSPECT })

    test('the example policy gives the roles the matrix expects (need-to-know)', () => {
      assert.deepEqual(Object.fromEntries(policy.staffRoles.map((r) => [r.id, [...r.purposes].sort()])), {
        support: ['contact_requests', 'customer_registration', 'customer_service'],
        finance: ['accounting', 'contract_execution'],
        marketing: ['customer_information', 'market_research', 'newsletter'],
        legal: ['legal_defence'],
        dpo: ['complaints', 'data_subject_request', 'legal_defence'],
      })
    })

    test('each role opens exactly the purposes the policy gives it', async () => {
      for (const role of roles()) {
        const me = (await app.inject({ method: 'GET', url: '/v1/staff/me', headers: sessions.get(role)!.headers })).json()
        assert.deepEqual(me.purposes, [...(policy.staffRoles.find((r) => r.id === role)?.purposes ?? [])].sort(), role)
      }
    })

    test('read, search and write under every purpose: allowed with only the purpose\'s categories iff the role holds it', async () => {
      let walked = 0
      for (const role of roles()) {
        const s = sessions.get(role)!
        for (const purpose of controllerPurposes()) {
          const subject = subjectFor(purpose.id)
          const allowed = holds(role, purpose.id)
          const where = `${role} × ${purpose.id}`
          const read = await app.inject({ method: 'GET', url: `/v1/subjects/${subject.id}?purpose=${purpose.id}`, headers: s.headers })
          if (allowed) {
            assert.equal(read.statusCode, 200, `${where} read: ${read.body}`)
            const expected = purpose.categories.map((c) => c.id).filter((c) => c in subject.data).sort()
            assert.deepEqual(Object.keys(read.json().data).sort(), expected, `${where}: only the purpose's categories`)
            // Records of a multi-valued category (payments) come back as a list.
            for (const c of expected) assert.deepEqual([read.json().data[c]].flat(), [subject.data[c]], `${where} ${c}`)
          } else {
            assert.equal(read.statusCode, 403, `${where} read: ${read.body}`)
            assert.equal(read.json().error.code, 'purpose_not_allowed_for_actor', where)
            assert.equal(read.body.includes(subject.data['contact.name']!), false)
          }
          const search = await app.inject({ method: 'POST', url: `/v1/subjects/search?purpose=${purpose.id}`, headers: s.changeHeaders, payload: { email: subject.data['contact.email'] } })
          if (allowed && purpose.categories.some((c) => c.id === 'contact.email')) {
            assert.equal(search.statusCode, 200, `${where} search: ${search.body}`)
            assert.ok(JSON.stringify(search.json()).includes(subject.id), `${where} search finds the person`)
          } else if (!allowed) {
            // A search under a purpose one does not hold finds nobody (each match is refused and audited).
            assert.ok([200, 403].includes(search.statusCode), `${where} search: ${search.body}`)
            assert.equal(search.body.includes(subject.id), false, `${where} search finds nobody`)
          }
          const write = await app.inject({ method: 'PATCH', url: `/v1/subjects/${subject.id}?purpose=${purpose.id}`, headers: s.changeHeaders, payload: { data: { 'contact.name': subject.data['contact.name'] } } })
          assert.equal(write.statusCode, allowed ? 200 : 403, `${where} write: ${write.body}`)
          walked += 3
        }
      }
      assert.equal(walked, roles().length * controllerPurposes().length * 3)
    })

    test('the console\'s person page under every purpose: shown iff the role holds the purpose, with only its categories\' values', async () => {
      for (const role of roles()) {
        const s = sessions.get(role)!
        for (const purpose of controllerPurposes()) {
          const subject = subjectFor(purpose.id)
          const where = `${role} × ${purpose.id} (console)`
          const page = await app.inject({ method: 'GET', url: `/admin/people/${subject.id}?purpose=${purpose.id}&lang=en`, headers: { cookie: s.cookie } })
          const used = new Set(purpose.categories.map((c) => c.id))
          if (holds(role, purpose.id)) {
            assert.equal(page.statusCode, 200, `${where}: ${page.body.slice(0, 300)}`)
            for (const [category, value] of Object.entries(subject.data)) assert.equal(page.body.includes(value), used.has(category), `${where}: ${category}`)
          } else {
            assert.equal(page.statusCode, 403, `${where}: ${page.body.slice(0, 300)}`)
            for (const value of Object.values(subject.data)) assert.equal(page.body.includes(value), false, `${where}: nothing of the person`)
          }
        }
      }
    })

    test('create under every purpose: a role registers people only under a purpose it holds (and a consent purpose registers nobody)', async () => {
      for (const role of roles()) {
        for (const purpose of controllerPurposes()) {
          const type = purpose.subjectTypes.includes('customer') ? 'customer' : purpose.subjectTypes.includes('contact') ? 'contact' : purpose.subjectTypes.includes('complainant') ? 'complainant' : 'prospect'
          const res = await app.inject({ method: 'POST', url: `/v1/subjects?purpose=${purpose.id}`, headers: sessions.get(role)!.changeHeaders, payload: { type, data: { 'contact.name': `Created by ${role}` } } })
          const expected = !holds(role, purpose.id) ? 403 : purpose.basis[type] === 'consent' ? 403 : 201
          assert.equal(res.statusCode, expected, `${role} creates under ${purpose.id}: ${res.body}`)
          if (expected === 403 && !holds(role, purpose.id)) assert.equal(res.json().error.code, 'purpose_not_allowed_for_actor')
        }
      }
    })

    test('the routes without a purpose: consents, legal holds, requests, retention reports, the RoPA, staff accounts, the console pages (dashboard, exports)', async () => {
      const routes: { name: string; method: 'GET'; url: () => string; allowed: (role: string) => boolean }[] = [
        // Visible to anyone holding a purpose that covers customers.
        { name: 'consent history', method: 'GET', url: () => `/v1/subjects/${customerId}/consents`, allowed: (r) => r !== 'staff_admin' },
        // Legal holds are for the legal-claims purpose.
        { name: 'legal holds', method: 'GET', url: () => `/v1/subjects/${customerId}/legal-holds`, allowed: (r) => r === 'legal' || r === 'dpo' },
        // Requests are the request-handling purpose's, bound to one request.
        { name: 'request list', method: 'GET', url: () => '/v1/staff/requests', allowed: (r) => r === 'dpo' },
        { name: 'one request', method: 'GET', url: () => `/v1/staff/requests/${requestId}`, allowed: (r) => r === 'dpo' },
        // Counts for every controller actor; people named only under purposes held.
        { name: 'retention runs', method: 'GET', url: () => '/v1/retention/runs', allowed: () => true },
        { name: 'record of processing', method: 'GET', url: () => '/v1/ropa', allowed: () => true },
        { name: 'staff accounts', method: 'GET', url: () => '/v1/staff/accounts', allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        { name: 'access review', method: 'GET', url: () => '/v1/staff/recertification', allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        { name: 'own console page', method: 'GET', url: () => '/admin', allowed: () => true },
        // The console's pages: requests for the request-handling purpose, the audit log for the DPO.
        { name: 'console inbox', method: 'GET', url: () => '/admin/requests', allowed: (r) => r === 'dpo' },
        { name: 'console request page', method: 'GET', url: () => `/admin/requests/${requestId}`, allowed: (r) => r === 'dpo' },
        { name: 'console people search', method: 'GET', url: () => '/admin/people', allowed: () => true },
        { name: 'console legal holds', method: 'GET', url: () => `/admin/people/${customerId}/holds`, allowed: (r) => r === 'legal' || r === 'dpo' },
        { name: 'console audit log', method: 'GET', url: () => '/admin/audit', allowed: (r) => r === 'dpo' },
        // The console's staff and keys pages: staff administrators manage, the DPO reads.
        { name: 'console staff accounts', method: 'GET', url: () => '/admin/staff', allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        { name: 'console staff account', method: 'GET', url: () => `/admin/staff/accounts/${accountIds.get('support')}`, allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        { name: 'console access review', method: 'GET', url: () => '/admin/staff/review', allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        { name: 'console API keys', method: 'GET', url: () => '/admin/staff/keys', allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        // The console's Policy page: the DPO and staff administrators, as the notices' progress (publishing: the DPO only, test/console-policy.test.ts).
        { name: 'console policy page', method: 'GET', url: () => '/admin/policy', allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        // The processor register (issue 16): the DPO edits, staff administrators read.
        { name: 'console processor register', method: 'GET', url: () => '/admin/processors', allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        { name: 'console processor entry', method: 'GET', url: () => '/admin/processors/hosting_eu', allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        { name: 'processor register API', method: 'GET', url: () => '/v1/processors', allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        { name: 'sub-processor changes API', method: 'GET', url: () => '/v1/processors/hosting_eu/subprocessor-changes', allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        { name: 'processor reminders API', method: 'GET', url: () => '/v1/processor-reminders', allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        // The DPIA register and the LIA list (issue 17 part 3): the DPO edits, staff administrators read.
        { name: 'console DPIA register', method: 'GET', url: () => '/admin/dpia', allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        { name: 'console DPIA entry', method: 'GET', url: () => '/admin/dpia/market_research', allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        { name: 'DPIA register export', method: 'GET', url: () => '/admin/dpia/export.csv', allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        { name: 'LIA list export', method: 'GET', url: () => '/admin/dpia/lia.html', allowed: (r) => r === 'staff_admin' || r === 'dpo' },
        // The console's dashboard: request handlers and the DPO (counts only).
        { name: 'console dashboard', method: 'GET', url: () => '/admin/dashboard', allowed: (r) => r === 'dpo' },
        // The exports: the RoPA for every staff member (as GET /v1/ropa); the register for request
        // handlers; the consent ledger for holders of a consent purpose.
        { name: 'console exports', method: 'GET', url: () => '/admin/exports', allowed: () => true },
        { name: 'RoPA 30(1) export', method: 'GET', url: () => '/admin/exports/ropa-controller.csv', allowed: () => true },
        { name: 'RoPA 30(2) export', method: 'GET', url: () => '/admin/exports/ropa-processor', allowed: () => true },
        { name: 'request register export', method: 'GET', url: () => '/admin/exports/request-register.csv', allowed: (r) => r === 'dpo' },
        { name: 'consent ledger export', method: 'GET', url: () => '/admin/exports/consent-ledger.csv', allowed: (r) => r === 'marketing' },
      ]
      for (const route of routes) {
        for (const role of roles()) {
          const res = await app.inject({ method: route.method, url: route.url(), headers: sessions.get(role)!.headers })
          if (route.allowed(role)) assert.equal(res.statusCode, 200, `${role} ${route.name}: ${res.body.slice(0, 200)}`)
          else assert.equal(res.statusCode, 403, `${role} ${route.name}: ${res.body.slice(0, 200)}`)
        }
      }
    })

    test('a support account is refused the bank account number everywhere; finance reads it for the contract', async () => {
      const support = sessions.get('support')!
      for (const purpose of controllerPurposes()) {
        const asked = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=${purpose.id}&categories=${BANK}`, headers: support.headers })
        assert.equal(asked.body.includes(IBAN), false, `support under ${purpose.id}`)
        // The contact purpose covers contact-form senders only, not this customer.
        if (holds('support', purpose.id) && purpose.subjectTypes.includes('customer')) {
          assert.equal(asked.statusCode, 200)
          assert.deepEqual(asked.json().withheld, [BANK])
          assert.deepEqual(asked.json().data, {})
        } else assert.equal(asked.statusCode, 403, `support under ${purpose.id}`)
        const write = await app.inject({ method: 'PATCH', url: `/v1/subjects/${customerId}?purpose=${purpose.id}`, headers: support.changeHeaders, payload: { data: { [BANK]: 'BE68539007547034' } } })
        assert.ok([403, 422].includes(write.statusCode), `support writes the bank account under ${purpose.id}: ${write.statusCode}`)
      }
      const access = await app.inject({ method: 'GET', url: `/v1/staff/requests/${requestId}`, headers: support.headers })
      assert.equal(access.statusCode, 403)
      assert.equal(access.body.includes(IBAN), false)
      const page = await app.inject({ method: 'GET', url: '/admin', headers: support.headers })
      assert.equal(page.body.includes(IBAN), false)
      const finance = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=contract_execution&categories=${BANK}`, headers: sessions.get('finance')!.headers })
      assert.equal(finance.statusCode, 200)
      assert.equal(finance.json().data[BANK], IBAN)
    })

    test('every view and every refusal is audited under the account id, never its address', async () => {
      const supportActor = `staff:${accountIds.get('support')}`
      const entries = await t.database.db.selectFrom('audit_entry').select(['action', 'decision', 'purpose', 'subject_id', 'categories', 'reason']).where('actor_id', '=', supportActor).execute()
      const reads = entries.filter((e) => e.action === 'subject.read')
      assert.ok(reads.some((e) => e.decision === 'allow' && e.purpose === 'customer_service' && e.subject_id === customerId))
      assert.ok(reads.some((e) => e.decision === 'deny' && e.purpose === 'contract_execution' && e.reason === 'purpose_not_allowed_for_actor'))
      const all = await t.database.db.selectFrom('audit_entry').select(['actor_id', 'reason']).where('actor_id', 'like', 'staff:%').execute()
      assert.ok(all.length > 0)
      assert.equal(JSON.stringify(all).includes('@matrix.example'), false, 'no staff address in the audit log')
    })
  })
}
