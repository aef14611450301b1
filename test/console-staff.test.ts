// The console's staff and keys pages, on both databases: an invitation mailed to the person (never
// shown), a role granted from the console that waits for a second staff administrator (the grantor
// is refused, in words), sessions ended from the console and refused on their next request, the
// access review confirmed by the DPO, API keys whose token is shown once and never listed, and a
// revoked key refused by the API. Support gets 403 pages, audited; every form needs its CSRF token.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import type { Runtime } from '../src/runtime.ts'
import type { OutgoingMail } from '../src/mail/mailer.ts'
import { FORM, TestClock, form, signIn, staffAccount, type SignedIn, type TestAccount } from './support/staff.ts'

for (const variant of DATABASES) {
  describe(`${variant.name}: the console's staff and keys pages`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    const clock = new TestClock()
    const mails: OutgoingMail[] = []
    let admin1: SignedIn
    let admin2: SignedIn
    let dpo: SignedIn
    let support: SignedIn
    let admin1Id = ''
    let admin2Id = ''
    let dpoId = ''
    let supportAccount: TestAccount

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      const send = runtime.mailer.send.bind(runtime.mailer)
      runtime.mailer.send = async (mail) => (mails.push(mail), send(mail))
      const a1 = await staffAccount(runtime, app, clock, 'admin1@staff-console.example', ['staff_admin'])
      const a2 = await staffAccount(runtime, app, clock, 'admin2@staff-console.example', ['staff_admin'])
      const approver = { id: `staff:${a1.id}`, accountId: a1.id, roles: new Set(['staff_admin']) }
      const d = await staffAccount(runtime, app, clock, 'dpo@staff-console.example', ['dpo'], { approver })
      supportAccount = await staffAccount(runtime, app, clock, 'support@staff-console.example', ['support'], { approver })
      admin1Id = a1.id
      admin2Id = a2.id
      dpoId = d.id
      admin1 = await signIn(app, clock, a1)
      admin2 = await signIn(app, clock, a2)
      dpo = await signIn(app, clock, d)
      support = await signIn(app, clock, supportAccount)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const page = (url: string, who: SignedIn) => app.inject({ method: 'GET', url, headers: { cookie: who.cookie } })
    const post = (url: string, who: SignedIn, fields: Record<string, string> = {}, csrf = true) =>
      app.inject({ method: 'POST', url, headers: { ...FORM, cookie: who.cookie }, payload: form({ ...(csrf ? { _csrf: who.csrf } : {}), ...fields }) })
    const audited = (action: string, actor: string) => runtime.database.db.selectFrom('audit_entry').select(['decision', 'reason']).where('action', '=', action).where('actor_id', '=', actor).orderBy('seq').execute()

    test('REQ-SEC-01 an invitation from the console is mailed to the person: the page never shows the setup link', async () => {
      const res = await post('/admin/staff/invite?lang=en', admin1, { email: 'New.Finance@staff-console.example', role: 'marketing' })
      assert.equal(res.statusCode, 303, res.body)
      const account = await runtime.staff.directory.find('new.finance@staff-console.example')
      assert.equal(res.headers.location, `/admin/staff/accounts/${account.id}?notice=invited&lang=en`)
      const mail = mails.find((m) => m.to === 'new.finance@staff-console.example')
      assert.ok(mail, 'the setup link went to the person')
      assert.match(mail.text, /\/admin\/setup\?token=[A-Za-z0-9_-]{43}/)
      const shown = await page(res.headers.location as string, admin1)
      assert.equal(shown.statusCode, 200)
      assert.match(shown.body, /The invitation is sent: the setup link is in the person’s mailbox\./)
      assert.doesNotMatch(shown.body, /token=/)
      assert.deepEqual(await audited('staff.account_create', `staff:${admin1Id}`), [{ decision: null, reason: `account:${account.id}` }])
    })

    test('REQ-SEC-01 a role granted from the console awaits a second staff administrator: the grantor is refused ("You granted this role yourself…"), another one approves', async () => {
      const target = await runtime.staff.directory.find('new.finance@staff-console.example')
      const url = `/admin/staff/accounts/${target.id}`
      const granted = await post(`${url}/roles?lang=en`, admin1, { role: 'finance' })
      assert.equal(granted.statusCode, 303, granted.body)
      assert.equal(granted.headers.location, `${url}?notice=granted_pending&lang=en`)
      const listed = await page('/admin/staff?lang=en', admin1)
      assert.equal(listed.statusCode, 200)
      assert.match(listed.body, /<code>finance<\/code> — awaiting approval/)

      const own = await post(`${url}/roles/finance/approve?lang=en`, admin1)
      assert.equal(own.statusCode, 403)
      assert.match(own.body, /You granted this role yourself: another administrator must approve it, so that no one gives access alone\./)
      const ownNl = await post(`${url}/roles/finance/approve?lang=nl`, admin1)
      assert.match(ownNl.body, /U hebt deze rol zelf toegekend: een andere beheerder moet hem goedkeuren, zodat niemand alleen toegang geeft\./)
      assert.deepEqual((await audited('staff.role_approve', `staff:${admin1Id}`)).filter((e) => e.decision === 'deny'), [
        { decision: 'deny', reason: `account:${target.id}:same_party` },
        { decision: 'deny', reason: `account:${target.id}:same_party` },
      ])
      assert.equal((await runtime.staff.directory.roles(target.id)).find((r) => r.role === 'finance')?.inEffect, false)

      const approved = await post(`${url}/roles/finance/approve?lang=en`, admin2)
      assert.equal(approved.statusCode, 303, approved.body)
      assert.equal(approved.headers.location, `${url}?notice=approved&lang=en`)
      const role = (await runtime.staff.directory.roles(target.id)).find((r) => r.role === 'finance')!
      assert.deepEqual([role.inEffect, role.grantedBy, role.approvedBy], [true, `staff:${admin1Id}`, `staff:${admin2Id}`])
      // Audited once, by the staff room, under the approving account.
      assert.deepEqual(await audited('staff.role_approve', `staff:${admin2Id}`), [{ decision: null, reason: `account:${target.id}:role:finance` }])
      const after = await page(`${url}?lang=en`, admin1)
      assert.match(after.body, /<th scope="row"><code>finance<\/code><\/th><td>in effect<\/td>/)

      const removed = await post(`${url}/roles/finance/remove?lang=en`, admin2)
      assert.equal(removed.statusCode, 303)
      assert.deepEqual((await runtime.staff.directory.roles(target.id)).map((r) => r.role), ['marketing'])
    })

    test('REQ-SEC-01 every staff form needs its CSRF token and our own origin; bad ids are a 400 page', async () => {
      const target = await runtime.staff.directory.find('new.finance@staff-console.example')
      const noToken = await post(`/admin/staff/accounts/${target.id}/roles`, admin1, { role: 'support' }, false)
      assert.equal(noToken.statusCode, 403)
      assert.match(noToken.body, /missing its security token/)
      const crossSite = await app.inject({ method: 'POST', url: `/admin/staff/accounts/${target.id}/roles`, headers: { ...FORM, 'sec-fetch-site': 'cross-site', cookie: admin1.cookie }, payload: form({ _csrf: admin1.csrf, role: 'support' }) })
      assert.equal(crossSite.statusCode, 403)
      const noKeyToken = await post('/admin/staff/keys', admin1, { name: 'csrf-less', purposes: 'customer_service' }, false)
      assert.equal(noKeyToken.statusCode, 403)
      assert.deepEqual((await runtime.staff.directory.roles(target.id)).map((r) => r.role), ['marketing'], 'nothing was granted')
      assert.equal((await runtime.database.db.selectFrom('api_key').select('id').where('name', '=', 'csrf-less').execute()).length, 0)
      assert.equal((await page('/admin/staff/accounts/not-an-id', admin1)).statusCode, 400)
      assert.equal((await post('/admin/staff/accounts/not-an-id/disable', admin1)).statusCode, 400)
    })

    test('REQ-SEC-01 support gets a 403 page on every staff page (in its language), audited; the DPO reads without the forms and is refused changes', async () => {
      for (const url of ['/admin/staff?lang=nl', `/admin/staff/accounts/${admin1Id}?lang=nl`, '/admin/staff/review?lang=nl', '/admin/staff/keys?lang=nl']) {
        const res = await page(url, support)
        assert.equal(res.statusCode, 403, url)
        assert.match(res.body, /Alleen een personeelsbeheerder \(staff_admin\) of de functionaris voor gegevensbescherming opent deze pagina’s\./)
        assert.doesNotMatch(res.body, /admin1@staff-console\.example/)
      }
      assert.equal((await post('/admin/staff/invite', support, { email: 'x@staff-console.example', role: 'support' })).statusCode, 403)
      assert.equal((await post('/admin/staff/keys', support, { name: 'support-key', purposes: 'customer_service' })).statusCode, 403)
      const supportId = (await runtime.staff.directory.find(supportAccount.email)).id
      const denied = await audited('staff.console', `staff:${supportId}`)
      assert.deepEqual(denied, Array.from({ length: 4 }, () => ({ decision: 'deny', reason: 'staff_admin_or_dpo_only' })))
      assert.deepEqual(await audited('staff.account_create', `staff:${supportId}`), [{ decision: 'deny', reason: 'staff_admin_only' }])
      assert.deepEqual(await audited('apikey.create', `staff:${supportId}`), [{ decision: 'deny', reason: 'staff_admin_only' }])

      const read = await page('/admin/staff?lang=en', dpo)
      assert.equal(read.statusCode, 200)
      assert.match(read.body, /admin1@staff-console\.example/)
      assert.doesNotMatch(read.body, /Send the invitation/)
      const grant = await post(`/admin/staff/accounts/${supportId}/roles?lang=en`, dpo, { role: 'marketing' })
      assert.equal(grant.statusCode, 403)
      assert.match(grant.body, /Only a staff administrator \(staff_admin\) does this\./)
      assert.deepEqual(await audited('staff.role_grant', `staff:${dpoId}`), [{ decision: 'deny', reason: `account:${supportId}:staff_admin_only` }])
    })

    test('REQ-SEC-03 a session ended on the console stops working on its next request: it goes to sign-in', async () => {
      const supportId = (await runtime.staff.directory.find(supportAccount.email)).id
      const second = await signIn(app, clock, supportAccount)
      const live = await runtime.staff.sessions.list(supportId)
      assert.equal(live.length, 2)
      const shown = await page(`/admin/staff/accounts/${supportId}?lang=en`, admin1)
      assert.match(shown.body, /2 live sessions/)
      const target = live[0]! // newest first: the second sign-in
      const revoked = await post(`/admin/staff/accounts/${supportId}/sessions/${target.id}/revoke?lang=en`, admin1)
      assert.equal(revoked.statusCode, 303, revoked.body)
      assert.equal(revoked.headers.location, `/admin/staff/accounts/${supportId}?notice=revoked&lang=en`)
      const next = await page('/admin/people', second)
      assert.equal(next.statusCode, 303)
      assert.equal(next.headers.location, '/admin/login')
      assert.equal((await page('/admin/people', support)).statusCode, 200, 'the other session goes on')
      assert.deepEqual(await audited('staff.session_revoke', `staff:${admin1Id}`), [{ decision: null, reason: `account:${supportId}:session:${target.id}` }])

      const own = await post(`/admin/staff/accounts/${admin1Id}/sessions/revoke-all?lang=en`, admin1)
      assert.equal(own.statusCode, 403)
      assert.match(own.body, /You do not do this to your own account: another administrator does it\./)
      const all = await post(`/admin/staff/accounts/${supportId}/sessions/revoke-all?lang=en`, admin2)
      assert.equal(all.statusCode, 303)
      assert.equal((await page('/admin/people', support)).headers.location, '/admin/login')
      support = await signIn(app, clock, supportAccount)
    })

    test('REQ-SEC-01 disabling ends the sessions; enabling again sends the roles that open personal data back to a second party', async () => {
      const supportId = (await runtime.staff.directory.find(supportAccount.email)).id
      const url = `/admin/staff/accounts/${supportId}`
      assert.equal((await post(`${url}/disable?lang=en`, admin1)).statusCode, 303)
      assert.equal((await page('/admin/people', support)).headers.location, '/admin/login')
      assert.equal((await post(`${url}/enable?lang=en`, admin1)).statusCode, 303)
      const role = (await runtime.staff.directory.roles(supportId)).find((r) => r.role === 'support')!
      assert.deepEqual([role.inEffect, role.grantedBy, role.approvedBy], [false, `staff:${admin1Id}`, null])
      assert.equal((await post(`${url}/roles/support/approve?lang=en`, admin1)).statusCode, 403, 'the one who enabled it does not approve')
      assert.equal((await post(`${url}/roles/support/approve?lang=en`, admin2)).statusCode, 303)
      assert.equal((await runtime.staff.directory.account(supportId))!.status, 'active')
      support = await signIn(app, clock, supportAccount)
      assert.deepEqual(await audited('staff.enable', `staff:${admin1Id}`), [{ decision: null, reason: `account:${supportId}:reapprove:support` }])
    })

    test('REQ-SEC-07 a confidentiality undertaking recorded on the account page shows in the list and the review; a future date is refused in words', async () => {
      const supportId = (await runtime.staff.directory.find(supportAccount.email)).id
      const url = `/admin/staff/accounts/${supportId}`
      const future = await post(`${url}/undertakings?lang=nl`, admin1, { signedOn: '2099-01-01', reference: 'HR-2026-017' })
      assert.equal(future.statusCode, 400)
      assert.match(future.body, /De ondertekeningsdatum is geen datum \(JJJJ-MM-DD\) van vandaag of eerder\./)
      const recorded = await post(`${url}/undertakings?lang=en`, admin1, { signedOn: '2026-11-30', reference: 'HR-2026-017' })
      assert.equal(recorded.statusCode, 303, recorded.body)
      assert.equal(recorded.headers.location, `${url}?notice=undertaking&lang=en`)
      const listed = await page('/admin/staff?lang=en', dpo)
      assert.match(listed.body, /support@staff-console\.example<\/a><\/th><td>active<\/td><td><ul><li><code>support<\/code> — in effect<\/li><\/ul><\/td><td>[^<]+<\/td><td>2026-11-30<\/td>/)
      assert.deepEqual(await audited('staff.undertaking', `staff:${admin1Id}`), [{ decision: null, reason: `account:${supportId}:signed:2026-11-30` }])
    })

    test('REQ-SEC-01 the access review: the DPO confirms the assignments on the console; a staff administrator reads it but may not confirm; /admin/recertify still works', async () => {
      const read = await page('/admin/staff/review?lang=en', admin1)
      assert.equal(read.statusCode, 200)
      assert.match(read.body, /Never confirmed yet\./)
      assert.match(read.body, /Only the data protection officer confirms the assignments\./)
      const refused = await post('/admin/staff/review/confirm?lang=en', admin1)
      assert.equal(refused.statusCode, 403)
      assert.deepEqual(await audited('staff.recertify', `staff:${admin1Id}`), [{ decision: 'deny', reason: 'dpo_only' }])
      const shown = await page('/admin/staff/review?lang=en', dpo)
      assert.match(shown.body, /<button type="submit">I confirm these assignments<\/button>/)
      const confirmed = await post('/admin/staff/review/confirm?lang=en', dpo)
      assert.equal(confirmed.statusCode, 303)
      assert.equal(confirmed.headers.location, '/admin/staff/review?notice=confirmed&lang=en')
      const status = await runtime.staff.directory.recertification()
      assert.equal(status.last?.confirmedBy, `staff:${dpoId}`)
      assert.equal(status.overdue, false)
      const after = await page(confirmed.headers.location as string, dpo)
      assert.match(after.body, new RegExp(`Last confirmed on .* by staff:${dpoId}`))
      const legacy = await post('/admin/recertify', dpo)
      assert.equal(legacy.statusCode, 200)
      assert.match(legacy.body, /the assignments are confirmed/)
      assert.equal((await audited('staff.recertify', `staff:${dpoId}`)).length, 2)
    })

    test('REQ-SEC-03 an API key created on the console shows its token once; the list never does; its last use is recorded; revoked, the key gets 401 on /v1', async () => {
      const created = await app.inject({ method: 'POST', url: '/admin/staff/keys?lang=en', headers: { ...FORM, cookie: admin1.cookie }, payload: `${form({ _csrf: admin1.csrf, name: 'crm-console', recipient: '' })}&purposes=customer_service&purposes=customer_registration` })
      assert.equal(created.statusCode, 200, created.body)
      assert.match(created.body, /Copy the key now and keep it somewhere safe: it is shown this once only\./)
      const token = /value="(pledge_[A-Za-z0-9_-]{43})"/.exec(created.body)?.[1]
      assert.ok(token, 'the token is on the result page')
      const key = await runtime.database.db.selectFrom('api_key').select(['id', 'purposes', 'last_used_at']).where('name', '=', 'crm-console').executeTakeFirstOrThrow()
      assert.deepEqual(key.purposes, ['customer_service', 'customer_registration'])
      assert.equal(key.last_used_at, null)
      assert.deepEqual(await audited('apikey.create', `staff:${admin1Id}`), [{ decision: null, reason: `key:${key.id}:crm-console` }])

      const list = await page('/admin/staff/keys?lang=en', admin1)
      assert.equal(list.statusCode, 200)
      assert.match(list.body, /crm-console/)
      assert.equal(list.body.includes(token), false, 'the list never shows the token')
      assert.doesNotMatch(list.body, /pledge_[A-Za-z0-9_-]{43}/)
      assert.match(list.body, /<td>never<\/td><td>active<\/td>/)

      const auth = { authorization: `Bearer ${token}` }
      const missing = '01890000-0000-7000-8000-000000000000'
      const used = await app.inject({ method: 'GET', url: `/v1/subjects/${missing}?purpose=customer_service`, headers: auth })
      assert.equal(used.statusCode, 404, used.body)
      const touched = await runtime.database.db.selectFrom('api_key').select('last_used_at').where('id', '=', key.id).executeTakeFirstOrThrow()
      assert.ok(touched.last_used_at, 'the use is recorded')
      const listedAgain = await page('/admin/staff/keys?lang=en', dpo)
      assert.equal(listedAgain.statusCode, 200)
      assert.doesNotMatch(listedAgain.body, /<td>never<\/td><td>active<\/td>/)
      assert.doesNotMatch(listedAgain.body, /Create the key/, 'the DPO reads the list only')

      const bad = await post('/admin/staff/keys?lang=en', admin1, { name: 'bad-key', purposes: 'not_a_purpose' })
      assert.equal(bad.statusCode, 400)
      const revoked = await post(`/admin/staff/keys/${key.id}/revoke?lang=en`, admin1)
      assert.equal(revoked.statusCode, 303, revoked.body)
      assert.equal(revoked.headers.location, '/admin/staff/keys?notice=key_revoked&lang=en')
      const refused = await app.inject({ method: 'GET', url: `/v1/subjects/${missing}?purpose=customer_service`, headers: auth })
      assert.equal(refused.statusCode, 401)
      assert.equal(refused.json().error.message, 'this API key is unknown or revoked')
      assert.deepEqual(await audited('apikey.revoke', `staff:${admin1Id}`), [{ decision: null, reason: `key:${key.id}:crm-console` }])
      const dpoRevoke = await post(`/admin/staff/keys/${key.id}/revoke?lang=en`, dpo)
      assert.equal(dpoRevoke.statusCode, 403)
    })
  })
}
