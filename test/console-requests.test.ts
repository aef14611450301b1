// The console's request pages, on both databases: the inbox behind a staff session and the role
// matrix, its filters, one request with the requester and the timeline, and staff decisions taken
// on the page — the same staff actions as the API, audited under the account id, in nl, fr and en.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { seedRequest } from './support/actors.ts'
import { buildApp } from '../src/http/app.ts'
import type { Runtime } from '../src/runtime.ts'
import { FORM, SAME_ORIGIN, TestClock, form, signIn, staffAccount, type SignedIn } from './support/staff.ts'

for (const variant of DATABASES) {
  describe(`${variant.name}: the console's requests`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    const clock = new TestClock()
    let dpo: SignedIn
    let support: SignedIn
    let dpoId = ''
    const ids = { access: '', erasure: '', old: '', routed: '' }

    const setDates = (id: string, receivedOn: string, dueOn: string) =>
      runtime.database.db.updateTable('dsr_request').set({ received_on: receivedOn, due_on: dueOn, received_at: new Date(`${receivedOn}T10:00:00Z`) }).where('id', '=', id).execute()

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      ids.access = await seedRequest(runtime, 'access', { subjectIds: [] })
      ids.erasure = await seedRequest(runtime, 'erasure', { subjectIds: [] })
      ids.old = await seedRequest(runtime, 'access', { subjectIds: [] })
      // The clock says 2026-12-03: one request due in January, one in December, one overdue.
      await setDates(ids.access, '2026-12-01', '2027-01-01')
      await setDates(ids.erasure, '2026-11-20', '2026-12-20')
      await setDates(ids.old, '2026-10-01', '2026-11-01')
      // A request that concerned a customer's visitor, passed on to that customer (tenant acme-shop).
      ids.routed = await seedRequest(runtime, 'erasure', { subjectIds: [], tenantId: 'acme-shop', status: 'waiting_on_controller' })
      await runtime.database.db.updateTable('dsr_request').set({ routed_at: new Date('2026-11-25T10:00:00Z') }).where('id', '=', ids.routed).execute()
      await setDates(ids.routed, '2026-11-25', '2026-12-25')
      const admin = await staffAccount(runtime, app, clock, 'admin@console.example', ['staff_admin'])
      const adminParty = { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) }
      const dpoAccount = await staffAccount(runtime, app, clock, 'dpo@console.example', ['dpo'], { approver: adminParty })
      dpoId = dpoAccount.id
      dpo = await signIn(app, clock, dpoAccount)
      support = await signIn(app, clock, await staffAccount(runtime, app, clock, 'support@console.example', ['support'], { approver: adminParty }))
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const page = (url: string, who: SignedIn | null = dpo) => app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} })
    const rowsOf = (html: string) => [...html.matchAll(/href="\/admin\/requests\/([0-9a-f-]{36})\?lang=/g)].map((m) => m[1])

    test('REQ-SEC-03 the inbox needs a staff session and a role holding data_subject_request: no cookie goes to sign-in, support gets a refusal page', async () => {
      const anonymous = await page('/admin/requests', null)
      assert.equal(anonymous.statusCode, 303, anonymous.body.slice(0, 300))
      assert.equal(anonymous.headers.location, '/admin/login')
      const refused = await page('/admin/requests?lang=nl', support)
      assert.equal(refused.statusCode, 403)
      assert.match(refused.body, /Uw rollen geven geen toegang tot de verzoeken van betrokkenen/)
      assert.doesNotMatch(refused.body, new RegExp(ids.access))
      const one = await page(`/admin/requests/${ids.access}?lang=en`, support)
      assert.equal(one.statusCode, 403)
      assert.doesNotMatch(one.body, /requests-test\.example/, 'no requester address for a role without the purpose')
      const listed = await page('/admin/requests?lang=en')
      assert.equal(listed.statusCode, 200)
      assert.deepEqual(rowsOf(listed.body), [ids.old, ids.erasure, ids.access], 'earliest due date first')
      assert.match(listed.body, /<caption class="hint">3 requests<\/caption>/)
    })

    test('REQ-TR-07 the inbox filters by type, state, due date and overdue', async () => {
      assert.deepEqual(rowsOf((await page('/admin/requests?type=erasure')).body), [ids.erasure])
      assert.deepEqual(rowsOf((await page('/admin/requests?type=access')).body), [ids.old, ids.access])
      assert.deepEqual(rowsOf((await page('/admin/requests?overdue=true')).body), [ids.old])
      assert.deepEqual(rowsOf((await page('/admin/requests?dueBefore=2026-12-31')).body), [ids.old, ids.erasure])
      assert.deepEqual(rowsOf((await page('/admin/requests?status=completed')).body), [])
      assert.match((await page('/admin/requests?status=completed&lang=fr')).body, /Aucune demande ne correspond à ces filtres/)
      const bad = await page('/admin/requests?dueBefore=tomorrow')
      assert.equal(bad.statusCode, 400)
    })

    test('REQ-TR-07 REQ-PR-01 the customer filter shows what was passed on to one customer, with its state, and never opens it', async () => {
      const own = await page('/admin/requests?lang=en')
      assert.ok(!own.body.includes(ids.routed), 'our own inbox holds only our own requests')
      assert.match(own.body, /<option value="acme-shop">Passed on to customer acme-shop<\/option>/)
      const routed = await page('/admin/requests?customer=acme-shop&lang=en')
      assert.equal(routed.statusCode, 200, routed.body.slice(0, 300))
      assert.match(routed.body, /<caption class="hint">1 request<\/caption>/)
      assert.match(routed.body, /<td>acme-shop<\/td>/)
      assert.match(routed.body, /routed to the customer/)
      assert.match(routed.body, /the customer handles this request/)
      assert.deepEqual(rowsOf(routed.body), [], 'no link to open a request that belongs to the customer')
      const opened = await page(`/admin/requests/${ids.routed}?lang=en`)
      assert.equal(opened.statusCode, 404)
      assert.match((await page('/admin/requests?customer=acme-shop&lang=nl')).body, /Doorgestuurd naar klant acme-shop/)
      assert.deepEqual(rowsOf((await page('/admin/requests?customer=other-shop')).body), [])
      assert.equal((await page('/admin/requests?customer=%27%3Bdrop')).statusCode, 400)
    })

    test('REQ-TR-05 the pages speak the staff member\'s language: nl, fr and en headings, the request type and state in words', async () => {
      const expected: [string, string, string, string][] = [
        ['nl', 'Verzoeken van betrokkenen', 'Tijdlijn', 'Termijn verlengen'],
        ['fr', 'Demandes des personnes concernées', 'Chronologie', 'Prolonger le délai'],
        ['en', 'Data-subject requests', 'Timeline', 'Extend the deadline'],
      ]
      for (const [lang, inbox, timeline, extend] of expected) {
        const list = await page(`/admin/requests?lang=${lang}`)
        assert.match(list.body, new RegExp(`<html lang="${lang}">`))
        assert.ok(list.body.includes(`<h1>${inbox}</h1>`), `${lang} inbox heading`)
        const one = await page(`/admin/requests/${ids.access}?lang=${lang}`)
        assert.equal(one.statusCode, 200, one.body)
        assert.ok(one.body.includes(`<h2>${timeline}</h2>`), `${lang} timeline`)
        assert.ok(one.body.includes(extend), `${lang} extend form`)
      }
      const byBrowser = await app.inject({ method: 'GET', url: '/admin/requests', headers: { cookie: dpo.cookie, 'accept-language': 'fr-BE,fr;q=0.9' } })
      assert.match(byBrowser.body, /<html lang="fr">/)
    })

    test('REQ-AUD-01 the request page shows the requester\'s address and words to the DPO, and that read is audited under the account id', async () => {
      const before = await runtime.database.db.selectFrom('audit_entry').select((eb) => eb.fn.countAll<string>().as('n')).where('actor_id', '=', `staff:${dpoId}`).executeTakeFirstOrThrow()
      const one = await page(`/admin/requests/${ids.access}?lang=en`)
      assert.equal(one.statusCode, 200)
      assert.ok(one.body.includes(`requester-${ids.access.slice(0, 8)}@requests-test.example`), 'the address the answer goes to')
      const entries = await runtime.database.db.selectFrom('audit_entry').select(['action', 'reason', 'actor_id']).where('actor_id', '=', `staff:${dpoId}`).orderBy('seq').execute()
      assert.ok(entries.length > Number(before.n), 'the page read left entries')
      for (const e of entries) assert.doesNotMatch(`${e.action} ${e.reason ?? ''}`, /@/, 'no address in the audit log')
    })

    test('REQ-TR-08 an extension decided on the page: the new due date with the reason, in the timeline, audited under the account id', async () => {
      const url = `/admin/requests/${ids.access}/actions/extend?lang=en`
      const res = await app.inject({ method: 'POST', url, headers: { ...FORM, cookie: dpo.cookie }, payload: form({ _csrf: dpo.csrf, months: '2', reason: 'Your data sit in three separate archives.' }) })
      assert.equal(res.statusCode, 303, res.body)
      assert.equal(res.headers.location, `/admin/requests/${ids.access}?done=1&lang=en`)
      const after = await page(res.headers.location as string)
      assert.match(after.body, /Saved and recorded in the audit log\./)
      assert.match(after.body, /2027-03-01 \(\+2\)/, 'received 2026-12-01: one month plus two')
      assert.match(after.body, /<code>extended:2<\/code><\/td><td><code>staff:[0-9a-f-]{36}<\/code>/)
      const api = await app.inject({ method: 'GET', url: `/v1/staff/requests/${ids.access}`, headers: { cookie: dpo.cookie } })
      assert.equal(api.json().request.dueAt, '2027-03-01', 'the API sees the same decision')
      const audit = await runtime.database.db.selectFrom('audit_entry').select(['actor_id']).where('reason', 'like', `%${ids.access}%`).where('action', 'like', 'request.%').execute()
      assert.ok(audit.some((e) => e.actor_id === `staff:${dpoId}`))
    })

    test('REQ-TR-09 a decision the rules refuse comes back on the page with the reason (in the page\'s language) and the status: refusing before any announcement is 409', async () => {
      const res = await app.inject({ method: 'POST', url: `/admin/requests/${ids.erasure}/actions/refuse?lang=en`, headers: { ...FORM, cookie: dpo.cookie }, payload: form({ _csrf: dpo.csrf }) })
      assert.equal(res.statusCode, 409, res.body)
      assert.match(res.body, /role="alert"/)
      assert.match(res.body, /<h1>Request [0-9a-f]{8}<\/h1>/)
      assert.match(res.body, /announce the intended refusal with its justification first/)
      const nl = await app.inject({ method: 'POST', url: `/admin/requests/${ids.erasure}/actions/refuse?lang=nl`, headers: { ...FORM, cookie: dpo.cookie }, payload: form({ _csrf: dpo.csrf }) })
      assert.equal(nl.statusCode, 409)
      assert.match(nl.body, /Kondig de voorgenomen weigering eerst aan, met haar motivering\./, 'the rule\'s refusal in the page\'s language')
      const fr = await app.inject({ method: 'POST', url: `/admin/requests/${ids.erasure}/actions/refuse?lang=fr`, headers: { ...FORM, cookie: dpo.cookie }, payload: form({ _csrf: dpo.csrf }) })
      assert.match(fr.body, /Annoncez d’abord le refus envisagé, avec sa justification\./)
      const incomplete = await app.inject({ method: 'POST', url: `/admin/requests/${ids.erasure}/actions/extend?lang=nl`, headers: { ...FORM, cookie: dpo.cookie }, payload: form({ _csrf: dpo.csrf, months: '1' }) })
      assert.equal(incomplete.statusCode, 400)
      assert.match(incomplete.body, /Het formulier is niet volledig ingevuld: Reden \(wordt naar de persoon gestuurd\)\./)
    })

    test('REQ-SEC-03 a decision needs the session\'s CSRF token and our own origin, and a role holding the purpose', async () => {
      const url = `/admin/requests/${ids.erasure}/actions/close?lang=en`
      const noToken = await app.inject({ method: 'POST', url, headers: { ...FORM, cookie: dpo.cookie }, payload: form({ note: 'answered' }) })
      assert.equal(noToken.statusCode, 403)
      const crossSite = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site', cookie: dpo.cookie }, payload: form({ _csrf: dpo.csrf, note: 'answered' }) })
      assert.equal(crossSite.statusCode, 403)
      const bySupport = await app.inject({ method: 'POST', url, headers: { ...FORM, cookie: support.cookie }, payload: form({ _csrf: support.csrf, note: 'answered' }) })
      assert.equal(bySupport.statusCode, 403)
      const state = await app.inject({ method: 'GET', url: `/v1/staff/requests/${ids.erasure}`, headers: { cookie: dpo.cookie } })
      assert.equal(state.json().request.status, 'in_progress', 'none of them closed it')
      const closed = await app.inject({ method: 'POST', url, headers: { ...SAME_ORIGIN, 'content-type': 'application/x-www-form-urlencoded', cookie: dpo.cookie }, payload: form({ _csrf: dpo.csrf, note: 'answered' }) })
      assert.equal(closed.statusCode, 303, closed.body)
      const done = await page(`/admin/requests/${ids.erasure}?lang=en`)
      assert.match(done.body, /This request is closed: no further action is possible\./)
    })
  })
}
