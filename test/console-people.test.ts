// The console's people pages, on both databases: a person found by e-mail or phone through the
// gate's search under a purpose the account holds, opened under that purpose with only its
// categories and the consent history; other purposes refused; every search and read audited under
// the account id, and the searched address in no URL and no audit entry.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'
import { FORM, TestClock, form, signIn, staffAccount, type SignedIn } from './support/staff.ts'

const EMAIL = 'ines.console@people.example'
const IBAN = 'BE71096123456769'

for (const variant of DATABASES) {
  describe(`${variant.name}: the console's people pages`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    const clock = new TestClock()
    let support: SignedIn
    let dpo: SignedIn
    let supportActor = ''
    let customerId = ''

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      const key = await createApiKey(t.database.db, runtime.policy(), { name: 'crm-people', purposes: ['customer_registration', 'contract_execution', 'newsletter'] })
      const auth = { authorization: `Bearer ${key.token}` }
      const created = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: auth, payload: { type: 'customer', data: { 'contact.name': 'Ines Console', 'contact.email': EMAIL } } })
      assert.equal(created.statusCode, 201, created.body)
      customerId = created.json().id
      for (const event of ['contract_started']) assert.equal((await app.inject({ method: 'POST', url: `/v1/subjects/${customerId}/events`, headers: auth, payload: { event } })).statusCode, 201)
      const bank = await app.inject({ method: 'PATCH', url: `/v1/subjects/${customerId}?purpose=contract_execution`, headers: auth, payload: { data: { 'financial.bank_account': IBAN } } })
      assert.equal(bank.statusCode, 200, bank.body)
      const consent = await app.inject({ method: 'POST', url: `/v1/subjects/${customerId}/consents`, headers: auth, payload: { purpose: 'newsletter', granted: true, text: 'Yes, send me the iXpole newsletter', channel: 'web_form' } })
      assert.equal(consent.statusCode, 201, consent.body)
      // Two recipients read the person: the helpdesk under customer_service, the accountant under accounting.
      for (const [name, recipientId, purpose] of [['helpdesk-people', 'helpdesk_us_scc', 'customer_service'], ['accountant-people', 'accounting_firm_be', 'accounting']] as const) {
        const bound = await createApiKey(t.database.db, runtime.policy(), { name, purposes: [purpose], recipientId })
        const read = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=${purpose}`, headers: { authorization: `Bearer ${bound.token}` } })
        assert.equal(read.statusCode, 200, read.body)
      }
      const admin = await staffAccount(runtime, app, clock, 'admin@people.example', ['staff_admin'])
      const account = await staffAccount(runtime, app, clock, 'support@people.example', ['support'], { approver: { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) } })
      supportActor = `staff:${account.id}`
      support = await signIn(app, clock, account)
      dpo = await signIn(app, clock, await staffAccount(runtime, app, clock, 'dpo@people.example', ['dpo'], { approver: { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) } }))
      const legal = await createApiKey(t.database.db, runtime.policy(), { name: 'legal-people', purposes: ['legal_defence'] })
      const hold = await app.inject({ method: 'POST', url: `/v1/subjects/${customerId}/legal-holds`, headers: { authorization: `Bearer ${legal.token}` }, payload: { reason: 'Dispute about invoice F-2026-91' } })
      assert.equal(hold.statusCode, 201, hold.body)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const search = (fields: Record<string, string>, lang = 'en') => app.inject({ method: 'POST', url: `/admin/people/search?lang=${lang}`, headers: { ...FORM, cookie: support.cookie }, payload: form({ _csrf: support.csrf, ...fields }) })

    test('REQ-SEC-03 support finds a person by e-mail under its own purpose (case-insensitive), through the gate; the address stays in the form body', async () => {
      const page = await app.inject({ method: 'GET', url: '/admin/people?lang=nl', headers: { cookie: support.cookie } })
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<h1>Personen<\/h1>/)
      assert.match(page.body, /<form method="post" action="\/admin\/people\/search\?lang=nl"/)
      assert.match(page.body, /<option value="customer_service">/)
      assert.doesNotMatch(page.body, /<option value="contract_execution">/, 'only the purposes of the account\'s roles')
      const found = await search({ purpose: 'customer_service', kind: 'email', value: EMAIL.toUpperCase() })
      assert.equal(found.statusCode, 200, found.body)
      assert.match(found.body, /1 person found/)
      assert.ok(found.body.includes(`href="/admin/people/${customerId}?purpose=customer_service&amp;lang=en"`))
      assert.ok(!found.body.includes(EMAIL) && !found.body.includes(EMAIL.toUpperCase()), 'the searched address is not echoed')
      const none = await search({ purpose: 'customer_service', kind: 'email', value: 'nobody@people.example' })
      assert.match(none.body, /Nobody found under this purpose\./)
      const missing = await search({ purpose: 'customer_service', kind: 'email', value: ' ' })
      assert.equal(missing.statusCode, 400)
    })

    test('REQ-LB-02 opened under customer_service: the categories that purpose uses and the consent history, never the bank account; another role\'s purpose is refused', async () => {
      const person = await app.inject({ method: 'GET', url: `/admin/people/${customerId}?purpose=customer_service&lang=en`, headers: { cookie: support.cookie } })
      assert.equal(person.statusCode, 200, person.body)
      assert.match(person.body, /<h1>Person [0-9a-f]{8}<\/h1>/)
      assert.ok(person.body.includes('Ines Console'))
      assert.ok(!person.body.includes(IBAN), 'no bank account under customer_service')
      assert.match(person.body, /<strong>given<\/strong>/, 'the newsletter consent, current')
      const other = await app.inject({ method: 'GET', url: `/admin/people/${customerId}?purpose=contract_execution&lang=fr`, headers: { cookie: support.cookie } })
      assert.equal(other.statusCode, 403)
      assert.match(other.body, /Cette finalité ne fait pas partie de vos rôles/)
      assert.ok(!other.body.includes(IBAN))
      // The gate denies each candidate under a purpose the account lacks (audited): nobody comes back.
      const searchOther = await search({ purpose: 'contract_execution', kind: 'email', value: EMAIL })
      assert.equal(searchOther.statusCode, 200)
      assert.match(searchOther.body, /Nobody found under this purpose\./)
      const unknown = await app.inject({ method: 'GET', url: '/admin/people/00000000-0000-7000-8000-000000000000?purpose=customer_service', headers: { cookie: support.cookie } })
      assert.equal(unknown.statusCode, 404)
    })

    test('REQ-AUD-01 REQ-AC-02 the person page shows the lifecycle events and only the disclosures made under the purpose opened, in the reader\'s language; the look is audited', async () => {
      const person = await app.inject({ method: 'GET', url: `/admin/people/${customerId}?purpose=customer_service&lang=en`, headers: { cookie: support.cookie } })
      assert.equal(person.statusCode, 200, person.body)
      assert.match(person.body, /<h2>Lifecycle<\/h2>/)
      assert.match(person.body, /<td>the start of the contract <code>contract_started<\/code><\/td>/)
      assert.match(person.body, /<h2>Disclosures<\/h2>/)
      assert.ok(person.body.includes('<td>Helpdesk software provider (example)</td>'), 'the helpdesk read under customer_service')
      assert.ok(!person.body.includes('Accounting firm (example)'), 'the accountant read under accounting, a purpose support does not hold')
      const nl = await app.inject({ method: 'GET', url: `/admin/people/${customerId}?purpose=customer_service&lang=nl`, headers: { cookie: support.cookie } })
      assert.match(nl.body, /<h2>Levensloop<\/h2>/)
      assert.match(nl.body, /<td>de start van de overeenkomst <code>contract_started<\/code><\/td>/)
      assert.match(nl.body, /<h2>Verstrekkingen<\/h2>/)
      const looks = await runtime.database.db.selectFrom('audit_entry').select(['purpose', 'decision', 'categories']).where('actor_id', '=', supportActor).where('action', '=', 'subject.history').execute()
      assert.ok(looks.length >= 2)
      assert.ok(looks.every((e) => e.purpose === 'customer_service' && e.decision === 'allow'))
      const refused = await app.inject({ method: 'GET', url: `/admin/people/${customerId}?purpose=accounting&lang=en`, headers: { cookie: support.cookie } })
      assert.equal(refused.statusCode, 403)
      assert.ok(!refused.body.includes('Accounting firm (example)'))
    })

    test('REQ-RT-04 the person\'s legal holds: the DPO (legal_defence) sees the hold with its reason and review date; support is refused by the gate', async () => {
      const forDpo = await app.inject({ method: 'GET', url: `/admin/people/${customerId}/holds?purpose=customer_service&lang=nl`, headers: { cookie: dpo.cookie } })
      assert.equal(forDpo.statusCode, 200, forDpo.body)
      assert.match(forDpo.body, /<h1>Bewaringen voor persoon [0-9a-f]{8}<\/h1>/)
      assert.ok(forDpo.body.includes('Dispute about invoice F-2026-91'))
      assert.match(forDpo.body, /<td>actief<\/td>/)
      const forSupport = await app.inject({ method: 'GET', url: `/admin/people/${customerId}/holds?lang=en`, headers: { cookie: support.cookie } })
      assert.equal(forSupport.statusCode, 403)
      assert.match(forSupport.body, /Your roles hold no legal-claims purpose for this person\./)
      assert.ok(!forSupport.body.includes('Dispute about invoice'))
      const person = await app.inject({ method: 'GET', url: `/admin/people/${customerId}?purpose=customer_service&lang=en`, headers: { cookie: support.cookie } })
      assert.ok(person.body.includes(`href="/admin/people/${customerId}/holds?purpose=customer_service&amp;lang=en"`), 'the person page links to the holds')
    })

    test('REQ-AUD-01 every search and read is an entry under the account id, with ids and codes only', async () => {
      const entries = await runtime.database.db.selectFrom('audit_entry').select(['action', 'subject_id', 'purpose', 'decision', 'reason', 'categories']).where('actor_id', '=', supportActor).orderBy('seq').execute()
      const actions = entries.map((e) => `${e.action}:${e.purpose ?? ''}:${e.decision ?? ''}`)
      assert.ok(actions.includes('subject.search:customer_service:allow'))
      assert.ok(actions.includes('subject.read:customer_service:allow'))
      assert.ok(actions.includes('subject.read:contract_execution:deny'))
      assert.ok(actions.includes('subject.search:contract_execution:deny'))
      assert.ok(actions.includes('consent.read::allow'))
      assert.ok(actions.includes('legal_hold.list::deny'), 'the refused holds list is audited')
      for (const e of entries) assert.doesNotMatch(JSON.stringify(e), /people\.example|Ines/, 'no address or name in the audit log')
    })
  })
}
