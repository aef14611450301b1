// Subjects over HTTP through the gate, on both databases: keys, purposes, data minimisation,
// tenant isolation, disclosures, events, and the audit entries every decision leaves.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey, revokeApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'

for (const variant of DATABASES) {
  describe(`${variant.name}: subjects API through the gate`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    const keys: Record<string, string> = {}
    const auth = (name: string) => ({ authorization: `Bearer ${keys[name]}` })

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database)
      app = await buildApp(runtime)
      const policy = runtime.policy()
      const make = async (name: string, purposes: string[], extra: { tenantId?: string; recipientId?: string } = {}) => {
        keys[name] = (await createApiKey(t.database.db, policy, { name, purposes, ...extra })).token
      }
      await make('crm', ['customer_registration', 'contract_execution', 'customer_service', 'market_research', 'prospect_registration'])
      await make('billing', ['accounting', 'contract_execution'])
      await make('support', ['customer_service'])
      await make('acme', ['processing_for_customers'], { tenantId: 'acme' })
      await make('globex', ['processing_for_customers'], { tenantId: 'globex' })
      const recipient = policy.recipients[0]!.id
      await make('processor', ['contract_execution'], { recipientId: recipient })
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const create = (key: string, purpose: string, body: object) => app.inject({ method: 'POST', url: `/v1/subjects?purpose=${purpose}`, headers: auth(key), payload: body })

    test('401 without a key or with an unknown or revoked key', async () => {
      assert.equal((await app.inject({ method: 'GET', url: '/v1/subjects/x?purpose=customer_service' })).statusCode, 401)
      const bad = await app.inject({ method: 'GET', url: '/v1/subjects/x?purpose=customer_service', headers: { authorization: 'Bearer pledge_nope' } })
      assert.equal(bad.statusCode, 401)
      assert.equal(bad.json().error.code, 'unauthorized')
      const temp = await createApiKey(t.database.db, runtime.policy(), { name: 'temp', purposes: ['customer_service'] })
      await revokeApiKey(t.database.db, temp.info.id)
      runtime.apiKeys.forget()
      assert.equal((await app.inject({ method: 'GET', url: '/v1/ropa', headers: { authorization: `Bearer ${temp.token}` } })).statusCode, 401)
      assert.equal((await app.inject({ method: 'GET', url: '/v1/ropa', headers: auth('support') })).statusCode, 200)
    })

    let customerId = ''
    test('REQ-LB-01 a customer is created under a registration purpose, which records the pre-contract step; a repeated externalId is 409 with their id and stores nothing', async () => {
      const res = await create('crm', 'customer_registration', {
        type: 'customer',
        externalId: 'crm-1',
        data: { 'contact.name': 'Ann Peeters', 'contact.email': 'Ann.Peeters@Example.be', 'contact.phone': '0470 12 34 56', 'identification.vat_number': 'BE0123456789' },
      })
      assert.equal(res.statusCode, 201, res.body)
      customerId = res.json().id
      assert.match(customerId, /^[0-9a-f-]{36}$/)
      const again = await create('crm', 'customer_registration', { type: 'customer', externalId: 'crm-1', data: { 'contact.name': 'Ann Janssens' } })
      assert.equal(again.statusCode, 409, 'a repeated externalId is never a silent drop')
      assert.deepEqual(again.json(), {
        error: {
          code: 'external_id_exists',
          message: `a person with this externalId exists already (id ${customerId}); the data of this request was not stored: change it with PATCH /v1/subjects/${customerId}`,
          details: { id: customerId },
        },
      })
      const unchanged = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=customer_registration`, headers: auth('crm') })
      assert.equal(unchanged.statusCode, 200, unchanged.body)
      assert.equal(unchanged.json().data['contact.name'], 'Ann Peeters', 'the first registration stands')
      // The registration recorded application_received, so the contract basis holds.
      const read = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=contract_execution`, headers: auth('crm') })
      assert.equal(read.statusCode, 200, read.body)
      assert.equal(read.json().data['contact.name'], 'Ann Peeters')
    })

    test('REQ-LB-02 data minimisation: accounting sees name, address, VAT number, payment data — not e-mail or phone', async () => {
      const res = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=accounting&categories=contact.name,contact.email,identification.vat_number`, headers: auth('billing') })
      assert.equal(res.statusCode, 200, res.body)
      const body = res.json()
      assert.deepEqual(Object.keys(body.data).sort(), ['contact.name', 'identification.vat_number'])
      assert.deepEqual(body.withheld, ['contact.email'])
    })

    test('REQ-LB-02 a write under a purpose carrying another purpose\'s category is refused with 422 naming it', async () => {
      const res = await app.inject({ method: 'PATCH', url: `/v1/subjects/${customerId}?purpose=accounting`, headers: auth('billing'), payload: { data: { 'contact.address': 'Kempische Steenweg 1, 3500 Hasselt', 'contact.email': 'x@example.be' } } })
      assert.equal(res.statusCode, 422)
      assert.equal(res.json().error.code, 'categories_not_in_purpose')
      assert.deepEqual(res.json().error.details.categories, ['contact.email'])
      assert.ok(!res.body.includes('x@example.be'), 'the value is not echoed')
      const ok = await app.inject({ method: 'PATCH', url: `/v1/subjects/${customerId}?purpose=accounting`, headers: auth('billing'), payload: { data: { 'contact.address': 'Kempische Steenweg 1, 3500 Hasselt' } } })
      assert.equal(ok.statusCode, 200, ok.body)
    })

    test('400 without a purpose, 403 for a purpose the key may not use, with reason codes', async () => {
      const missing = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}`, headers: auth('support') })
      assert.equal(missing.statusCode, 400)
      assert.equal(missing.json().error.code, 'missing_purpose')
      const notMine = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=accounting`, headers: auth('support') })
      assert.equal(notMine.statusCode, 403)
      assert.equal(notMine.json().error.code, 'purpose_not_allowed_for_actor')
      const consent = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=prospect_registration', headers: auth('crm'), payload: { type: 'prospect', data: { 'contact.name': 'Bo' } } })
      assert.equal(consent.statusCode, 201, consent.body)
      const research = await app.inject({ method: 'GET', url: `/v1/subjects/${consent.json().id}?purpose=market_research`, headers: auth('crm') })
      assert.equal(research.statusCode, 403)
      assert.equal(research.json().error.code, 'no_consent')
    })

    test('search by e-mail and phone uses the blind index; the value goes in the body, never the URL', async () => {
      const byEmail = await app.inject({ method: 'POST', url: '/v1/subjects/search?purpose=customer_service', headers: auth('crm'), payload: { email: '  ann.peeters@example.BE ' } })
      assert.equal(byEmail.statusCode, 200, byEmail.body)
      assert.deepEqual(byEmail.json().subjects.map((s: any) => s.id), [customerId])
      const byPhone = await app.inject({ method: 'POST', url: '/v1/subjects/search?purpose=customer_service', headers: auth('crm'), payload: { phone: '+32 470 12 34 56' } })
      assert.deepEqual(byPhone.json().subjects.map((s: any) => s.id), [customerId])
      const none = await app.inject({ method: 'POST', url: '/v1/subjects/search?purpose=customer_service', headers: auth('crm'), payload: { email: 'nobody@example.be' } })
      assert.deepEqual(none.json().subjects, [])
      const invalid = await app.inject({ method: 'POST', url: '/v1/subjects/search?purpose=customer_service', headers: auth('crm'), payload: { email: 'not an address' } })
      assert.equal(invalid.statusCode, 422)
    })

    test('REQ-PR-02 a tenant key sees and creates only its own subjects; another tenant cannot read or detect them', async () => {
      const visitor = await create('acme', 'processing_for_customers', { type: 'customer_visitor', externalId: 'v-1', data: { 'contact.name': 'Visitor One', 'contact.email': 'visitor@example.be' } })
      assert.equal(visitor.statusCode, 201, visitor.body)
      const id = visitor.json().id
      // Same external id in another tenant: a different person.
      const other = await create('globex', 'processing_for_customers', { type: 'customer_visitor', externalId: 'v-1', data: { 'contact.name': 'Someone Else' } })
      assert.equal(other.statusCode, 201)
      assert.notEqual(other.json().id, id)
      const own = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=processing_for_customers`, headers: auth('acme') })
      assert.equal(own.statusCode, 200)
      const foreign = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=processing_for_customers`, headers: auth('globex') })
      const absent = await app.inject({ method: 'GET', url: '/v1/subjects/0190a0a0-0000-7000-8000-0000000000ff?purpose=processing_for_customers', headers: auth('globex') })
      assert.equal(foreign.statusCode, 404)
      assert.equal(absent.statusCode, 404)
      assert.deepEqual(foreign.json(), absent.json(), 'the same answer whether it exists elsewhere or not at all')
      const controller = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=customer_service`, headers: auth('crm') })
      assert.equal(controller.statusCode, 404)
      const search = await app.inject({ method: 'POST', url: '/v1/subjects/search?purpose=processing_for_customers', headers: auth('globex'), payload: { email: 'visitor@example.be' } })
      assert.deepEqual(search.json().subjects, [], 'per-tenant blind index: not found from another tenant')
      const tenantForController = await create('acme', 'customer_service', { type: 'customer', data: { 'contact.name': 'X' } })
      assert.equal(tenantForController.statusCode, 403)
    })

    test('REQ-N19-01 a read by a key linked to a recipient is recorded as a disclosure', async () => {
      await app.inject({ method: 'POST', url: `/v1/subjects/${customerId}/events`, headers: auth('crm'), payload: { event: 'contract_started' } })
      const res = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=contract_execution`, headers: auth('processor') })
      assert.equal(res.statusCode, 200, res.body)
      const rows = await t.database.db.selectFrom('disclosure').selectAll().where('subject_id', '=', customerId).execute()
      assert.equal(rows.length, 1)
      assert.equal(rows[0]!.recipient_id, runtime.policy().recipients[0]!.id)
      assert.deepEqual([...rows[0]!.categories].sort(), Object.keys(res.json().data).sort())
    })

    test('lifecycle events: known events only, visible subjects only', async () => {
      const ok = await app.inject({ method: 'POST', url: `/v1/subjects/${customerId}/events`, headers: auth('billing'), payload: { event: 'invoice_issued', at: '2026-02-01T10:00:00Z' } })
      assert.equal(ok.statusCode, 201, ok.body)
      const unknown = await app.inject({ method: 'POST', url: `/v1/subjects/${customerId}/events`, headers: auth('billing'), payload: { event: 'birthday' } })
      assert.equal(unknown.statusCode, 422)
      const foreign = await app.inject({ method: 'POST', url: `/v1/subjects/${customerId}/events`, headers: auth('acme'), payload: { event: 'visit' } })
      assert.equal(foreign.statusCode, 404)
    })

    test('REQ-LB-02 a category declared with many records reads as a list, oldest first, even with one; the others as one value; the policy and the OpenAPI schema say so', async () => {
      const res = await create('crm', 'customer_registration', { type: 'customer', data: { 'contact.name': 'Raf Lijst', 'online.ip_address': '203.0.113.10' } })
      assert.equal(res.statusCode, 201, res.body)
      const id = res.json().id
      const read = async () => (await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=customer_registration&categories=contact.name,online.ip_address`, headers: auth('crm') })).json().data
      assert.deepEqual(await read(), { 'contact.name': 'Raf Lijst', 'online.ip_address': ['203.0.113.10'] })
      const more = await app.inject({ method: 'PATCH', url: `/v1/subjects/${id}?purpose=customer_registration`, headers: auth('crm'), payload: { data: { 'online.ip_address': '203.0.113.11', 'contact.name': 'Raf Lijsten' } } })
      assert.equal(more.statusCode, 200, more.body)
      assert.deepEqual(await read(), { 'contact.name': 'Raf Lijsten', 'online.ip_address': ['203.0.113.10', '203.0.113.11'] })

      const categories = (await app.inject({ method: 'GET', url: '/v1/policy' })).json().categories as { id: string; records: string }[]
      assert.equal(categories.find((c) => c.id === 'online.ip_address')?.records, 'many')
      assert.equal(categories.find((c) => c.id === 'contact.name')?.records, 'one')
      const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
      const data = spec.paths['/v1/subjects/{id}'].get.responses['200'].content['application/json'].schema.properties.data
      assert.deepEqual(data.additionalProperties.anyOf.map((s: { type: unknown }) => s.type), ['array', ['string', 'number', 'boolean', 'object']])
      assert.match(data.description, /records: many/)
    })

    test('REQ-AUD-01 every decision, allow and deny, is in the audit log with identifiers only', async () => {
      await runtime.audit.appendMany([])
      const entries = await t.database.db.selectFrom('audit_entry').selectAll().orderBy('seq').execute()
      assert.ok(entries.length >= 15)
      assert.ok(entries.some((e) => e.action === 'subject.read' && e.decision === 'deny' && e.reason === 'purpose_not_allowed_for_actor'))
      assert.ok(entries.some((e) => e.action === 'subject.read' && e.decision === 'allow' && e.subject_id === customerId))
      assert.ok(entries.some((e) => e.action === 'subject.write' && e.decision === 'deny' && e.reason === 'categories_not_in_purpose'))
      // Hashes are random hex: leave them out, or a short needle could match by chance.
      const text = JSON.stringify(entries.map(({ hash: _h, prev_hash: _p, ...rest }) => rest))
      for (const personal of ['Ann Peeters', 'Peeters', 'example.be', '470 12 34 56', '+32470123456', 'BE0123456789', 'Visitor One']) assert.ok(!text.includes(personal), `audit log holds no "${personal}"`)
    })
  })
}
