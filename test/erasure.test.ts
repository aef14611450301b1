// Erasure by crypto-shredding, on both databases: the plan per category (what a legal duty or a
// legal hold keeps, why and until when), the one-transaction shred (ordinary key destroyed, kept
// records under the retention key, tombstone), the gate after erasure, the end of the legal duty,
// and audit entries that carry ids only.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import type { Actor } from '../src/gate/actor.ts'
import { plainActor, runtimeKey, seedRequest } from './support/actors.ts'
import { GateDenied } from '../src/gate/gate.ts'
import { decide, type SubjectState } from '../src/gate/decide.ts'
import { loadPolicyFile } from '../src/policy/load.ts'
import { confirmationOf, planErasure } from '../src/retention/erasure-plan.ts'
import { shred } from '../src/vault/erasure.ts'
import { generateMasterKeyRing, type MasterKeyRing } from '../src/vault/master-key.ts'
import type { Runtime } from '../src/runtime.ts'

const DAY = 86_400_000

const PERSON = {
  'contact.name': 'Wannes Verbeeck-Erased',
  'contact.address': 'Kapelstraat 12, 3500 Hasselt',
  'contact.email': 'wannes.verbeeck@erasure-test.example',
  'contact.phone': '+32 471 22 33 44',
  'identification.vat_number': 'BE0123456749',
  'online.ip_address': '203.0.113.77',
}

function state(overrides: Partial<SubjectState> = {}): SubjectState {
  return {
    id: '018f0000-0000-7000-8000-000000000001',
    type: 'customer',
    tenantId: null,
    createdAt: new Date('2025-01-10T10:00:00Z'),
    lastEvent: new Map(),
    restricted: false,
    erased: false,
    objections: new Map(),
    consents: new Map(),
    suppressed: false,
    ...overrides,
  }
}

describe('erasure plan (pure)', () => {
  const now = new Date('2026-06-15T12:00:00Z')
  const all = ['contact.address', 'contact.email', 'contact.name', 'contact.phone', 'financial.payment_data', 'identification.vat_number', 'online.ip_address']

  test('REQ-ER-01 REQ-ER-02 a customer with an invoice keeps only the accounting categories, under 17(3)(b), until ten years after 1 January following the invoice', async () => {
    const policy = await loadPolicyFile(EXAMPLE_POLICY)
    const subject = state({ lastEvent: new Map([['contract_started', new Date('2025-01-10T10:00:00Z')], ['invoice_issued', new Date('2026-03-01T09:00:00Z')]]) })
    const plan = planErasure({ policy, subject, categories: all, holds: [], now })
    assert.deepEqual(plan.erased, ['contact.email', 'contact.phone', 'online.ip_address'])
    assert.deepEqual(
      plan.kept.map((k) => [k.category, k.purpose, k.reason, k.until?.toISOString()]),
      ['contact.address', 'contact.name', 'financial.payment_data', 'identification.vat_number'].map((c) => [c, 'accounting', 'legal_obligation', '2036-12-31T23:00:00.000Z']), // midnight of 1 January 2037 in Brussels
    )
    const confirmation = confirmationOf(plan, 'Europe/Brussels')
    assert.deepEqual(confirmation.erased, ['contact.email', 'contact.phone', 'online.ip_address'])
    assert.deepEqual(confirmation.kept[0], { category: 'contact.address', purpose: 'accounting', reason: 'legal_obligation', article: 'Art. 17(3)(b)', until: '2037-01-01' })
  })

  test('REQ-ER-02 no invoice ever issued, an ended duty, or a subject type without a legal obligation: everything is erased', async () => {
    const policy = await loadPolicyFile(EXAMPLE_POLICY)
    assert.deepEqual(planErasure({ policy, subject: state(), categories: all, holds: [], now }).kept, [])
    const old = state({ lastEvent: new Map([['invoice_issued', new Date('2010-05-01T00:00:00Z')]]) })
    assert.deepEqual(planErasure({ policy, subject: old, categories: all, holds: [], now }).erased, all)
    const prospect = state({ type: 'prospect', lastEvent: new Map([['invoice_issued', new Date('2026-03-01T00:00:00Z')]]) })
    assert.deepEqual(planErasure({ policy, subject: prospect, categories: all, holds: [], now }).kept, [])
  })

  test('REQ-ER-02 REQ-RT-04 a legal hold keeps only its named categories of its legal-claims purpose, under 17(3)(e), until released', async () => {
    const policy = await loadPolicyFile(EXAMPLE_POLICY)
    const holds = [{ id: 'h1', purpose: 'legal_defence', categories: ['contact.email', 'online.ip_address'] }]
    const plan = planErasure({ policy, subject: state(), categories: all, holds, now })
    // online.ip_address is not a category of legal_defence: a hold cannot stretch to it.
    assert.deepEqual(plan.kept, [{ category: 'contact.email', purpose: 'legal_defence', reason: 'legal_claims', until: null }])
    assert.ok(plan.erased.includes('online.ip_address'))
    assert.deepEqual(confirmationOf(plan, 'Europe/Brussels').kept[0], { category: 'contact.email', purpose: 'legal_defence', reason: 'legal_claims', article: 'Art. 17(3)(e)', until: null })
    // A hold under a purpose that is not for legal claims keeps nothing.
    assert.deepEqual(planErasure({ policy, subject: state(), categories: all, holds: [{ id: 'h2', purpose: 'accounting', categories: ['contact.name'] }], now }).kept, [])
  })

  test('REQ-ER-03 the gate lets an erased person through only for the purpose something is kept for, only those categories, only to read, only until the end', async () => {
    const policy = await loadPolicyFile(EXAMPLE_POLICY)
    const until = new Date('2037-01-01T00:00:00Z')
    const subject = state({ erased: true, retained: new Map([['accounting', [{ category: 'contact.name', until }, { category: 'financial.payment_data', until }]]]) })
    const actor = plainActor(['accounting', 'contract_execution', 'legal_defence'])
    const ask = (purposeId: string, operation: 'read' | 'write', categories?: string[], at = now) => decide(policy, { actor, purposeId, operation, subject, now: at, ...(categories ? { categories } : {}) })
    const read = ask('accounting', 'read')
    assert.ok(read.allow)
    assert.deepEqual(read.categories, ['contact.name', 'financial.payment_data'])
    const narrowed = ask('accounting', 'read', ['contact.name', 'identification.vat_number'])
    assert.ok(narrowed.allow)
    assert.deepEqual(narrowed.categories, ['contact.name'])
    assert.deepEqual(narrowed.withheld, ['identification.vat_number'])
    for (const d of [ask('contract_execution', 'read'), ask('legal_defence', 'read'), ask('accounting', 'write', ['contact.name']), ask('accounting', 'read', undefined, until), ask('accounting', 'read', ['contact.address'])]) {
      assert.equal(d.allow, false)
      assert.equal(!d.allow && d.reason, 'subject_erased')
    }
  })
})

for (const variant of DATABASES) {
  describe(`${variant.name}: erasure by crypto-shredding`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let ring: MasterKeyRing
    let crm: Actor
    let finance: Actor
    let dsr: Actor
    before(async () => {
      t = await variant.open()
      ring = generateMasterKeyRing()
      runtime = await testRuntime(t.database, { keys: ring })
      crm = await runtimeKey(runtime, 'crm', ['customer_registration', 'contract_execution', 'customer_service', 'prospect_registration'])
      finance = await runtimeKey(runtime, 'finance', ['accounting'])
      dsr = runtime.gate.systemActor('requests')
    })

    /** Erases the person for an erasure request of their own (a grant needs one). */
    async function erase(actor: Actor, id: string, reasonCode = 'request') {
      return runtime.gate.erase(actor, await seedRequest(runtime, 'erasure', { subjectIds: [id] }), id, { reasonCode })
    }
    after(async () => {
      await runtime?.close()
      await t?.drop()
    })

    async function customer(options: { invoice?: boolean } = {}): Promise<string> {
      const { id } = await runtime.gate.create(crm, 'customer_registration', { type: 'customer', data: PERSON })
      await runtime.gate.recordEvent(crm, id, 'contract_started', new Date(Date.now() - 90 * DAY))
      for (const n of [1, 2, 3]) await runtime.gate.write(finance, 'accounting', id, { 'financial.payment_data': { invoice: `INV-${n}`, amount: 100 * n } })
      if (options.invoice !== false) await runtime.gate.recordEvent(finance, id, 'invoice_issued', new Date(Date.now() - 30 * DAY))
      return id
    }

    const db = () => t.database.db

    test('REQ-ER-01 REQ-ER-02 REQ-ER-03 erasure destroys the ordinary key and keeps the accounting data under the retention key, readable for accounting only', async () => {
      const id = await customer()
      const outcome = await erase(dsr, id, 'request')
      assert.equal(outcome.alreadyErased, false)
      assert.deepEqual(outcome.plan.erased, ['contact.email', 'contact.phone', 'online.ip_address'])
      assert.deepEqual(outcome.confirmation.kept.map((k) => [k.category, k.purpose, k.reason]), ['contact.address', 'contact.name', 'financial.payment_data', 'identification.vat_number'].map((c) => [c, 'accounting', 'legal_obligation']))
      const invoiceYear = new Date(Date.now() - 30 * DAY).getUTCFullYear()
      assert.equal(outcome.confirmation.kept[0]!.until, `${invoiceYear + 11}-01-01`)
      assert.equal(outcome.keptRecords, 6) // name, address, vat and three payment records

      const keys = await db().selectFrom('subject_key').select('kind').where('subject_id', '=', id).execute()
      assert.deepEqual(keys.map((k) => k.kind), ['retention'])
      const rows = await db().selectFrom('personal_data').select(['category', 'key_kind', 'lookup']).where('subject_id', '=', id).execute()
      assert.equal(rows.length, 6)
      assert.ok(rows.every((r) => r.key_kind === 'retention' && r.lookup === null))
      const subject = await db().selectFrom('subject').select(['erased_at', 'external_id']).where('id', '=', id).executeTakeFirstOrThrow()
      assert.ok(subject.erased_at)
      assert.ok(await db().selectFrom('erasure_tombstone').select('subject_id').where('subject_id', '=', id).executeTakeFirst())
      assert.ok(readFileSync(runtime.config.tombstones, 'utf8').split('\n').includes(id))

      const read = await runtime.gate.read(finance, 'accounting', id)
      assert.deepEqual(Object.keys(read.data).sort(), ['contact.address', 'contact.name', 'financial.payment_data', 'identification.vat_number'])
      assert.equal(read.data['contact.name'], PERSON['contact.name'])
      assert.equal((read.data['financial.payment_data'] as unknown[]).length, 3)

      await assert.rejects(runtime.gate.read(crm, 'contract_execution', id), (err: unknown) => err instanceof GateDenied && err.reason === 'subject_erased' && err.status === 403)
      await assert.rejects(runtime.gate.read(crm, 'customer_service', id), (err: unknown) => err instanceof GateDenied && err.reason === 'subject_erased')
      await assert.rejects(runtime.gate.write(finance, 'accounting', id, { 'financial.payment_data': { invoice: 'INV-9' } }), (err: unknown) => err instanceof GateDenied && err.reason === 'subject_erased')
      assert.deepEqual(await runtime.gate.search(crm, 'customer_service', 'email', PERSON['contact.email']), [])
    })

    test('REQ-ER-01 erasing again changes nothing and answers with what is kept', async () => {
      const id = await customer()
      const first = await erase(dsr, id, 'request')
      const second = await erase(dsr, id, 'request')
      assert.equal(second.alreadyErased, true)
      assert.deepEqual(second.confirmation.kept, first.confirmation.kept)
      assert.equal((await db().selectFrom('personal_data').select('record_id').where('subject_id', '=', id).execute()).length, 6)
    })

    test('REQ-ER-02 without an invoice nothing is kept: no retention key, no records', async () => {
      const id = await customer({ invoice: false })
      const outcome = await erase(dsr, id, 'consent_withdrawn')
      assert.deepEqual(outcome.plan.kept, [])
      assert.equal(outcome.purgedRecords, Object.keys(PERSON).length + 3)
      assert.equal((await db().selectFrom('subject_key').select('kind').where('subject_id', '=', id).execute()).length, 0)
      assert.equal((await db().selectFrom('personal_data').select('record_id').where('subject_id', '=', id).execute()).length, 0)
      await assert.rejects(runtime.gate.read(finance, 'accounting', id), (err: unknown) => err instanceof GateDenied && err.reason === 'subject_erased')
    })

    test('REQ-ER-04 the suppression hash is kept, so the person is never mailed again without consent', async () => {
      const id = await customer()
      const hash = (await runtime.vault.emailHashOf(id))!
      await runtime.vault.suppress(hash, 'unsubscribed')
      await erase(dsr, id, 'request')
      assert.equal(await runtime.vault.isSuppressed(hash), true)
      assert.equal(await runtime.vault.emailHashOf(id), undefined)
    })

    test('REQ-ER-01 only a request handler of the same tenant may erase; refusals are audited', async () => {
      const id = await customer()
      await assert.rejects(erase(crm, id), (err: unknown) => err instanceof GateDenied && err.reason === 'purpose_not_allowed_for_actor')
      // A customer's key does not reach the controller's request, nor the controller's person.
      const acme = await runtimeKey(runtime, 'acme', ['data_subject_request'], { tenantId: 'acme' })
      await assert.rejects(erase(acme, id), (err: unknown) => err instanceof GateDenied && err.reason === 'request_not_found')
      const acmeRequest = await seedRequest(runtime, 'erasure', { subjectIds: [id], tenantId: 'acme' })
      await assert.rejects(runtime.gate.erase(acme, acmeRequest, id), (err: unknown) => err instanceof GateDenied && err.reason === 'subject_not_found')
      const missing = '018f0000-0000-7000-8000-0000000000ff'
      await assert.rejects(runtime.gate.erase(dsr, await seedRequest(runtime, 'erasure', { subjectIds: [missing] }), missing), (err: unknown) => err instanceof GateDenied && err.reason === 'subject_not_found')
      await assert.rejects(erase(dsr, id, 'because Wannes asked'), TypeError)
      assert.ok((await runtime.gate.read(crm, 'customer_service', id)).data['contact.email'])
    })

    test('REQ-ER-01 REQ-SEC-02 the audit log records what was erased and kept, with ids and codes only', async () => {
      const id = await customer()
      const requestId = await seedRequest(runtime, 'erasure', { subjectIds: [id] })
      await runtime.gate.erase(dsr, requestId, id)
      const entries = await db().selectFrom('audit_entry').selectAll().where('subject_id', '=', id).where('action', 'like', 'subject.erase%').orderBy('seq').execute()
      const erased = entries.find((e) => e.action === 'subject.erase')!
      assert.equal(erased.reason, `request:${requestId}:request`)
      assert.equal(erased.purpose, 'data_subject_request')
      assert.deepEqual(erased.categories, ['contact.email', 'contact.phone', 'online.ip_address'])
      const retain = entries.find((e) => e.action === 'subject.erase.retain')!
      assert.equal(retain.purpose, 'accounting')
      assert.equal(retain.reason, `request:${requestId}:legal_obligation`)
      const all = await sql<{ row: string }>`select a::text as row from audit_entry a`.execute(db())
      for (const { row } of all.rows) for (const value of Object.values(PERSON)) assert.ok(!row.includes(value), 'personal data in the audit log')
    })

    test('REQ-ER-02 REQ-ER-03 REQ-RT-02 when the legal duty ends the kept data, then the retention key, are destroyed and audited', async () => {
      const id = await customer()
      const outcome = await erase(dsr, id, 'request')
      // 1 January, midnight in Brussels (CET, UTC+1): the controller's time zone.
      const until = new Date(`${outcome.confirmation.kept[0]!.until!}T00:00:00+01:00`)
      const before = await runtime.gate.expireRetained(new Date(until.getTime() - 1000))
      assert.ok(!before.expired.some((e) => e.subjectId === id))
      const result = await runtime.gate.expireRetained(until)
      assert.deepEqual(result.expired.filter((e) => e.subjectId === id).map((e) => e.category).sort(), ['contact.address', 'contact.name', 'financial.payment_data', 'identification.vat_number'])
      assert.ok(result.keysDestroyed.includes(id))
      assert.equal((await db().selectFrom('personal_data').select('record_id').where('subject_id', '=', id).execute()).length, 0)
      assert.equal((await db().selectFrom('subject_key').select('kind').where('subject_id', '=', id).execute()).length, 0)
      assert.equal((await db().selectFrom('retained_category').select('category').where('subject_id', '=', id).execute()).length, 0)
      await assert.rejects(runtime.gate.read(finance, 'accounting', id), (err: unknown) => err instanceof GateDenied && err.reason === 'subject_erased')
      const audited = await db().selectFrom('audit_entry').select(['action', 'purpose']).where('subject_id', '=', id).where('action', 'like', 'retention.%').execute()
      assert.deepEqual(audited.map((a) => a.action).sort(), ['retention.expire', 'retention.key_destroyed'])
      // Running it again finds nothing more to do.
      const again = await runtime.gate.expireRetained(until)
      assert.ok(!again.expired.some((e) => e.subjectId === id))
    })

    test('REQ-ER-04 ordinary records left behind by an interrupted purge are removed at the next start', async () => {
      const id = await customer({ invoice: false })
      // Shred without the purge that gate.erase runs afterwards, as if the process stopped there.
      const categories = await runtime.vault.erasureCategories(id)
      const s = (await runtime.vault.state(id))!
      const plan = planErasure({ policy: runtime.policy(), subject: s, categories, holds: [], now: new Date() })
      await shred(db(), ring, plan, new Date())
      assert.ok((await db().selectFrom('personal_data').select('record_id').where('subject_id', '=', id).execute()).length > 0)
      assert.ok((await runtime.vault.shreddedWithLeftovers()).includes(id))
      const restarted = await testRuntime(t.database, { keys: ring })
      try {
        assert.equal((await db().selectFrom('personal_data').select('record_id').where('subject_id', '=', id).execute()).length, 0)
      } finally {
        await restarted.close()
      }
    })
  })
}
