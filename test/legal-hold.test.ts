// Legal holds over HTTP, on both databases: who may place them, what they may keep, and their
// effect on erasure (kept under 17(3)(e) until released, then erased by the retention run).
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Actor } from '../src/gate/actor.ts'
import { runtimeKey, seedRequest } from './support/actors.ts'
import { GateDenied } from '../src/gate/gate.ts'
import type { Runtime } from '../src/runtime.ts'

const DAY = 86_400_000
const DISPUTE = 'Dispute 2026/117 about unpaid invoice'

for (const variant of DATABASES) {
  describe(`${variant.name}: legal holds`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    const keys: Record<string, string> = {}
    const auth = (name: string) => ({ authorization: `Bearer ${keys[name]}` })

    let dsr: Actor
    let legalActor: Actor
    let finance: Actor
    const erase = async (id: string) => runtime.gate.erase(dsr, await seedRequest(runtime, 'erasure', { subjectIds: [id] }), id)

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database)
      app = await buildApp(runtime)
      dsr = runtime.gate.systemActor('requests')
      legalActor = await runtimeKey(runtime, 'legal-actor', ['legal_defence'])
      finance = await runtimeKey(runtime, 'finance', ['accounting'])
      const policy = runtime.policy()
      const make = async (name: string, purposes: string[], extra: { tenantId?: string } = {}) => {
        keys[name] = (await createApiKey(t.database.db, policy, { name, purposes, ...extra })).token
      }
      await make('crm', ['customer_registration', 'contract_execution', 'customer_service'])
      await make('legal', ['legal_defence'])
      await make('acme', ['processing_for_customers'], { tenantId: 'acme' })
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    async function customer(): Promise<string> {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/subjects?purpose=customer_registration',
        headers: auth('crm'),
        payload: { type: 'customer', data: { 'contact.name': 'Lotte Hold', 'contact.address': 'Markt 1, 3500 Hasselt', 'contact.email': 'lotte.hold@hold-test.example', 'contact.phone': '+32 472 10 20 30', 'identification.vat_number': 'BE0123456749' } },
      })
      assert.equal(res.statusCode, 201)
      const id = res.json().id as string
      await runtime.gate.recordEvent(finance, id, 'contract_started', new Date(Date.now() - 200 * DAY))
      await runtime.gate.write(finance, 'accounting', id, { 'financial.payment_data': { invoice: 'INV-2', amount: 240 } })
      await runtime.gate.recordEvent(finance, id, 'invoice_issued', new Date(Date.now() - 100 * DAY))
      return id
    }
    const place = (key: string, id: string, payload: object) => app.inject({ method: 'POST', url: `/v1/subjects/${id}/legal-holds`, headers: auth(key), payload })

    test('REQ-RT-04 only a key with a legal-claims purpose may place a hold, only on categories of that purpose, with a reason and a future review date', async () => {
      const id = await customer()
      const noPurpose = await place('crm', id, { reason: DISPUTE })
      assert.equal(noPurpose.statusCode, 403)
      assert.equal(noPurpose.json().error.code, 'no_legal_claims_purpose')
      const outside = await place('legal', id, { reason: DISPUTE, categories: ['online.ip_address'] })
      assert.equal(outside.statusCode, 422)
      assert.equal(outside.json().error.code, 'categories_not_in_purpose')
      assert.deepEqual(outside.json().error.details, { categories: ['online.ip_address'] })
      const past = await place('legal', id, { reason: DISPUTE, reviewDate: '2020-01-01' })
      assert.equal(past.statusCode, 422)
      assert.equal(past.json().error.code, 'invalid_review_date')
      assert.equal((await place('legal', id, { reason: DISPUTE, reviewDate: '2030-02-30' })).statusCode, 422)
      assert.equal((await place('legal', id, {})).statusCode, 400)
      assert.equal((await place('legal', id, { reason: DISPUTE, extra: 1 })).statusCode, 400)
      assert.equal((await place('legal', '018f0000-0000-7000-8000-0000000000ff', { reason: DISPUTE })).statusCode, 404)
      assert.equal((await place('legal', 'not-a-uuid', { reason: DISPUTE })).statusCode, 404)
      // Another tenant's key cannot see the controller's customer at all.
      assert.equal((await place('acme', id, { reason: DISPUTE })).statusCode, 404)
      assert.equal((await app.inject({ method: 'POST', url: `/v1/subjects/${id}/legal-holds`, payload: { reason: DISPUTE } })).statusCode, 401)

      const ok = await place('legal', id, { reason: DISPUTE, categories: ['contact.email', 'financial.payment_data'] })
      assert.equal(ok.statusCode, 201)
      const hold = ok.json()
      assert.equal(hold.purpose, 'legal_defence')
      assert.deepEqual(hold.categories, ['contact.email', 'financial.payment_data'])
      assert.equal(hold.active, true)
      assert.match(hold.reviewDate, /^\d{4}-\d{2}-\d{2}$/)
      assert.ok(hold.reviewDate > new Date().toISOString().slice(0, 10))
      const list = await app.inject({ method: 'GET', url: `/v1/subjects/${id}/legal-holds`, headers: auth('legal') })
      assert.equal(list.statusCode, 200)
      assert.deepEqual(list.json().holds.map((h: { id: string }) => h.id), [hold.id])
      assert.equal((await app.inject({ method: 'GET', url: `/v1/subjects/${id}/legal-holds`, headers: auth('crm') })).statusCode, 403)
      // The audit entry names the hold and the categories, never the reason text.
      const entry = await t.database.db.selectFrom('audit_entry').selectAll().where('subject_id', '=', id).where('action', '=', 'legal_hold.place').where('decision', '=', 'allow').executeTakeFirstOrThrow()
      assert.equal(entry.reason, `hold:${hold.id}`)
      assert.deepEqual(entry.categories, ['contact.email', 'financial.payment_data'])
    })

    test('REQ-ER-02 REQ-RT-04 held categories survive erasure for legal claims only, until the hold is released; then the retention run erases them', async () => {
      const id = await customer()
      const hold = (await place('legal', id, { reason: DISPUTE, categories: ['contact.email', 'financial.payment_data'] })).json()
      const outcome = await erase(id)
      assert.deepEqual(outcome.plan.erased, ['contact.phone'])
      const legalKept = outcome.confirmation.kept.filter((k) => k.purpose === 'legal_defence')
      assert.deepEqual(legalKept, [
        { category: 'contact.email', purpose: 'legal_defence', reason: 'legal_claims', article: 'Art. 17(3)(e)', until: null },
        { category: 'financial.payment_data', purpose: 'legal_defence', reason: 'legal_claims', article: 'Art. 17(3)(e)', until: null },
      ])
      const read = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=legal_defence`, headers: auth('legal') })
      assert.equal(read.statusCode, 200)
      assert.equal(read.json().data['contact.email'], 'lotte.hold@hold-test.example')
      assert.equal(read.json().data['contact.name'], undefined)
      const crmRead = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=customer_service`, headers: auth('crm') })
      assert.equal(crmRead.statusCode, 403)
      assert.equal(crmRead.json().error.code, 'subject_erased')

      const released = await app.inject({ method: 'DELETE', url: `/v1/subjects/${id}/legal-holds/${hold.id}`, headers: auth('legal') })
      assert.equal(released.statusCode, 200)
      assert.equal(released.json().active, false)
      assert.ok(released.json().releasedAt)
      const twice = await app.inject({ method: 'DELETE', url: `/v1/subjects/${id}/legal-holds/${hold.id}`, headers: auth('legal') })
      assert.equal(twice.statusCode, 409)
      assert.equal((await app.inject({ method: 'DELETE', url: `/v1/subjects/${id}/legal-holds/018f0000-0000-7000-8000-0000000000ff`, headers: auth('legal') })).statusCode, 404)
      await new Promise((r) => setTimeout(r, 5))
      await assert.rejects(runtime.gate.read(legalActor, 'legal_defence', id), (err: unknown) => err instanceof GateDenied && err.reason === 'subject_erased')

      const result = await runtime.gate.expireRetained(new Date())
      assert.deepEqual(result.expired.filter((e) => e.subjectId === id).map((e) => `${e.category}/${e.purpose}`).sort(), ['contact.email/legal_defence', 'financial.payment_data/legal_defence'])
      const left = await t.database.db.selectFrom('personal_data').select('category').where('subject_id', '=', id).execute()
      assert.deepEqual([...new Set(left.map((r) => r.category))].sort(), ['contact.address', 'contact.name', 'financial.payment_data', 'identification.vat_number'])
      // The accounting duty still holds the payment data.
      const accounting = await runtime.gate.read(finance, 'accounting', id)
      assert.equal((accounting.data['financial.payment_data'] as unknown[]).length, 1)
    })

    test('REQ-RT-04 a hold placed after erasure keeps what is still kept, and nothing else', async () => {
      const id = await customer()
      await erase(id)
      const phone = await place('legal', id, { reason: DISPUTE, categories: ['contact.phone'] })
      assert.equal(phone.statusCode, 409)
      assert.equal(phone.json().error.code, 'subject_erased')
      const name = await place('legal', id, { reason: DISPUTE, categories: ['contact.name'] })
      assert.equal(name.statusCode, 201)
      const read = await runtime.gate.read(legalActor, 'legal_defence', id)
      assert.deepEqual(Object.keys(read.data), ['contact.name'])
      const retained = await runtime.vault.retained(id)
      assert.deepEqual(retained.filter((r) => r.purpose === 'legal_defence'), [{ category: 'contact.name', purpose: 'legal_defence', reason: 'legal_claims', until: null }])
    })
  })
}
