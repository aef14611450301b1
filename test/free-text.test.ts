// No personal data in free text that outlives erasure (issue: hostile input, item 5): a purpose or
// category the policy does not declare never reaches the audit log as the caller wrote it; consent
// channel and act are codes; an externalId is kept only as a keyed hash; a legal hold's reason is
// sealed under the person's retention key and destroyed when the hold is released.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'

// An IBAN and a phone number written the way a careless caller might put them in a field.
const IBAN_AS_ID = 'be71096123456769'
const PHONE = '+32 470 12 34 56'
const EMAIL_AS_ID = 'ann.peeters@free-text.example'

for (const variant of DATABASES) {
  describe(`${variant.name}: no caller text outlives an erasure`, { skip: variant.skip }, () => {
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
      keys.crm = (await createApiKey(t.database.db, policy, { name: 'crm', purposes: ['customer_registration', 'contract_execution', 'customer_service', 'prospect_registration', 'newsletter'] })).token
      keys.legal = (await createApiKey(t.database.db, policy, { name: 'legal', purposes: ['legal_defence'] })).token
      keys.acme = (await createApiKey(t.database.db, policy, { name: 'acme', purposes: ['processing_for_customers'], tenantId: 'acme' })).token
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const create = async (payload: object, key = 'crm', purpose = 'customer_registration') => app.inject({ method: 'POST', url: `/v1/subjects?purpose=${purpose}`, headers: auth(key), payload })
    const auditText = async () => (await sql<{ row: string }>`select a::text as row from audit_entry a`.execute(t.database.db)).rows.map((r) => r.row).join('\n')

    test('REQ-SEC-04 a purpose or category the policy does not declare is refused and recorded without the caller\'s text', async () => {
      const created = await create({ type: 'customer', data: { 'contact.name': 'Careless Caller' } })
      const id = created.json().id as string
      const read = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=${IBAN_AS_ID}`, headers: auth('crm') })
      assert.equal(read.statusCode, 403)
      assert.equal(read.json().error.code, 'unknown_purpose')
      const categories = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=customer_service&categories=contact.name,${IBAN_AS_ID}`, headers: auth('crm') })
      assert.ok(categories.statusCode < 500)
      const consent = await app.inject({ method: 'POST', url: `/v1/subjects/${id}/consents`, headers: auth('crm'), payload: { purpose: IBAN_AS_ID, granted: true, text: 'x', channel: 'web' } })
      assert.ok(consent.statusCode >= 400 && consent.statusCode < 500)
      const check = await app.inject({ method: 'GET', url: `/v1/consents/check?subject=${id}&purpose=${IBAN_AS_ID}`, headers: auth('crm') })
      assert.equal(check.json().reason, 'unknown_purpose')
      const text = await auditText()
      assert.ok(!text.includes(IBAN_AS_ID), 'the caller\'s text is not in the audit log')
      const refused = await t.database.db.selectFrom('audit_entry').select(['purpose', 'reason']).where('subject_id', '=', id).where('reason', '=', 'unknown_purpose').execute()
      assert.ok(refused.length >= 2, 'the refusals are recorded')
      assert.ok(refused.every((r) => r.purpose === null))
    })

    test('REQ-CON-01 consent channel and act are codes: free text (a phone number) is refused, the codes are kept', async () => {
      const id = (await create({ type: 'prospect', data: { 'contact.name': 'Code Person' } }, 'crm', 'prospect_registration')).json().id as string
      const phone = await app.inject({ method: 'POST', url: `/v1/subjects/${id}/consents`, headers: auth('crm'), payload: { purpose: 'newsletter', granted: true, text: 'Ja.', channel: PHONE } })
      assert.equal(phone.statusCode, 400)
      assert.equal(phone.json().error.code, 'invalid_field')
      assert.equal(phone.json().error.details.field, 'channel')
      const act = await app.inject({ method: 'POST', url: `/v1/subjects/${id}/consents`, headers: auth('crm'), payload: { purpose: 'newsletter', granted: true, text: 'Ja.', channel: 'phone', act: `called ${PHONE}` } })
      assert.equal(act.statusCode, 400)
      assert.equal(act.json().error.details.field, 'act')
      const ok = await app.inject({ method: 'POST', url: `/v1/subjects/${id}/consents`, headers: auth('crm'), payload: { purpose: 'newsletter', granted: true, text: 'Ja.', channel: 'phone', act: 'spoken' } })
      assert.equal(ok.statusCode, 201, ok.body)
      const rows = await t.database.db.selectFrom('consent_event').select(['channel', 'act']).where('subject_id', '=', id).execute()
      assert.deepEqual(rows, [{ channel: 'phone', act: 'spoken' }])
    })

    test('REQ-SEC-02 an externalId is kept only as a keyed hash, per tenant, and still finds the person it names (409 with their id)', async () => {
      const first = await create({ type: 'customer', externalId: EMAIL_AS_ID, data: { 'contact.name': 'Ann Peeters' } })
      assert.equal(first.statusCode, 201)
      const again = await create({ type: 'customer', externalId: EMAIL_AS_ID, data: { 'contact.name': 'Ann Peeters' } })
      assert.equal(again.statusCode, 409)
      assert.equal(again.json().error.details.id, first.json().id)
      const acme = await create({ type: 'customer_visitor', externalId: EMAIL_AS_ID, data: { 'contact.name': 'Ann at Acme' } }, 'acme', 'processing_for_customers')
      assert.equal(acme.statusCode, 201)
      const stored = await t.database.db.selectFrom('subject').select(['id', 'external_id']).where('id', 'in', [first.json().id, acme.json().id]).execute()
      assert.equal(stored.length, 2)
      for (const s of stored) assert.match(s.external_id!, /^x1:[A-Za-z0-9_-]{22}$/)
      assert.notEqual(stored[0]!.external_id, stored[1]!.external_id, 'one hash per tenant: the same id cannot link the two')
      const raw = (await sql<{ row: string }>`select s::text as row from subject s`.execute(t.database.db)).rows.map((r) => r.row).join('\n')
      assert.ok(!raw.includes('ann.peeters'), 'the external id is not stored in the clear')
    })

    test('REQ-RT-04 a legal hold\'s reason is sealed under the person\'s retention key and destroyed when the hold is released', async () => {
      const id = (await create({ type: 'customer', data: { 'contact.name': 'Held Person', 'contact.email': 'held.person@free-text.example' } })).json().id as string
      const reason = `Dispute with Jan Janssens about invoice F-2026-77, refund to ${IBAN_AS_ID.toUpperCase()}`
      const placed = await app.inject({ method: 'POST', url: `/v1/subjects/${id}/legal-holds`, headers: auth('legal'), payload: { reason } })
      assert.equal(placed.statusCode, 201, placed.body)
      const hold = placed.json()
      assert.equal(hold.reason, reason, 'the hold shows its reason to who may see it')
      const row = await t.database.db.selectFrom('legal_hold').select(['reason', 'reason_sealed']).where('id', '=', hold.id).executeTakeFirstOrThrow()
      assert.equal(row.reason, null)
      assert.ok(row.reason_sealed && !Buffer.from(row.reason_sealed).toString('latin1').includes('Janssens'), 'sealed, not in the clear')
      assert.deepEqual((await t.database.db.selectFrom('subject_key').select('kind').where('subject_id', '=', id).orderBy('kind').execute()).map((k) => k.kind), ['ordinary', 'retention'])
      const listed = await app.inject({ method: 'GET', url: `/v1/subjects/${id}/legal-holds`, headers: auth('legal') })
      assert.equal(listed.json().holds[0].reason, reason)
      const released = await app.inject({ method: 'DELETE', url: `/v1/subjects/${id}/legal-holds/${hold.id}`, headers: auth('legal') })
      assert.equal(released.statusCode, 200, released.body)
      assert.equal(released.json().reason, null)
      const after = await t.database.db.selectFrom('legal_hold').select(['reason', 'reason_sealed', 'released_at']).where('id', '=', hold.id).executeTakeFirstOrThrow()
      assert.deepEqual([after.reason, after.reason_sealed], [null, null])
      assert.ok(after.released_at)
      assert.ok(!(await auditText()).includes('Janssens'))
    })
  })
}
