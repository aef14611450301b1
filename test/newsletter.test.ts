// The newsletter end to end over a real SMTP server, on both databases: double opt-in, links that
// never act by being opened, one-click unsubscribe, the suppression list and the e-mail rule.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { runtimeKey } from './support/actors.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'

const BASE = 'https://privacy.ixpole.example'

function linkIn(text: string, path: string): URL {
  const match = new RegExp(`${BASE.replace(/\./g, '\\.')}${path}[^\\s"<>)]*`).exec(text)
  assert.ok(match, `a ${path} link in the mail`)
  return new URL(match[0].replace(/&amp;/g, '&'))
}

for (const variant of DATABASES) {
  describe(`${variant.name}: newsletter and direct marketing`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let smtp: TestSmtpServer
    let runtime: Runtime
    let app: FastifyInstance
    let key = ''
    let subscriberId = ''
    const auth = () => ({ authorization: `Bearer ${key}` })
    const subscribe = (email: string, lang = 'nl') => app.inject({ method: 'POST', url: '/v1/newsletter/subscribe', headers: { origin: BASE }, payload: { email, lang }, remoteAddress: `10.0.0.${Math.floor(Math.random() * 200) + 1}` })

    before(async () => {
      t = await variant.open()
      smtp = await startSmtpServer()
      runtime = await testRuntime(t.database, { smtpUrl: smtp.url, baseUrl: BASE })
      app = await buildApp(runtime)
      key = (await createApiKey(t.database.db, runtime.policy(), { name: 'crm', purposes: ['customer_registration', 'newsletter', 'prospect_registration', 'customer_information'] })).token
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await smtp?.close()
      await t?.drop()
    })

    test('REQ-CON-01 REQ-CON-04 double opt-in: the mail link shows a page, and only the button records consent', async () => {
      const res = await subscribe('Lies.Janssens@Example.be')
      assert.equal(res.statusCode, 202)
      const [mail] = await smtp.waitFor(1)
      assert.equal((mail!.to && 'text' in mail!.to ? mail!.to.text : '').toLowerCase(), 'lies.janssens@example.be')
      const link = linkIn(mail!.text ?? '', '/newsletter/confirm')
      assert.ok(!link.href.includes('Janssens'), 'no personal data in the link')
      const pageRes = await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` })
      assert.equal(pageRes.statusCode, 200)
      assert.match(pageRes.body, /<form method="post"/)
      assert.equal((await t.database.db.selectFrom('consent_event').selectAll().execute()).length, 0, 'opening the link changed nothing')
      const token = link.searchParams.get('token')!
      const confirmed = await app.inject({ method: 'POST', url: '/newsletter/confirm?lang=nl', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(token)}` })
      assert.equal(confirmed.statusCode, 200, confirmed.body)
      const events = await t.database.db.selectFrom('consent_event').selectAll().execute()
      assert.equal(events.length, 1)
      assert.equal(events[0]!.purpose, 'newsletter')
      assert.equal(events[0]!.act, 'double_opt_in_confirmed')
      assert.equal(events[0]!.lang, 'nl')
      subscriberId = events[0]!.subject_id
      const check = (await app.inject({ method: 'GET', url: `/v1/consents/check?subject=${subscriberId}&purpose=newsletter`, headers: auth() })).json()
      assert.equal(check.allowed, true)
      const again = await app.inject({ method: 'POST', url: '/newsletter/confirm', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(token)}` })
      assert.equal(again.statusCode, 404, 'a confirmation link works once')
    })

    test('the form is enumeration-proof: a customer, a stranger and a repeat get the same answer', async () => {
      await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: auth(), payload: { type: 'customer', data: { 'contact.name': 'Known Customer', 'contact.email': 'known@example.be' } } })
      const before = smtp.messages.length
      const known = await subscribe('known@example.be', 'en')
      const stranger = await subscribe('stranger@example.be', 'en')
      assert.equal(known.statusCode, stranger.statusCode)
      assert.deepEqual(known.json(), stranger.json())
      await smtp.waitFor(before + 2)
      const repeat = await subscribe('stranger@example.be', 'en')
      assert.deepEqual(repeat.json(), stranger.json())
      await new Promise((r) => setTimeout(r, 300))
      assert.equal(smtp.messages.length, before + 2, 'no second mail to the same address within minutes')
      const invalid = await subscribe('not-an-address')
      assert.equal(invalid.statusCode, 400)
      assert.equal(invalid.json().error.code, 'invalid_email')
    })

    let unsubscribeUrl: URL
    test('REQ-DM-02 REQ-OB-03 every marketing mail carries a one-click unsubscribe and the separate right to object', async () => {
      const before = smtp.messages.length
      await runtime.newsletter.sendMarketing(subscriberId, 'newsletter', { lang: 'nl', bodyText: 'Nieuw in iXpole deze maand.' })
      const mail = (await smtp.waitFor(before + 1)).at(-1)!
      const raw = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '') ?? ''
      const listUnsubscribe = raw('list-unsubscribe')
      assert.match(listUnsubscribe, /^<https:\/\/privacy\.ixpole\.example\/newsletter\/unsubscribe\?t=/)
      assert.equal(raw('list-unsubscribe-post'), 'List-Unsubscribe=One-Click')
      assert.match(mail.text ?? '', /bezwaar/i, 'the right to object, in Dutch')
      unsubscribeUrl = new URL(listUnsubscribe.slice(1, -1))
    })

    test('REQ-CON-06 REQ-ER-07 REQ-OB-02 one-click unsubscribe: no login, no ID, opening the link changes nothing', async () => {
      const path = `${unsubscribeUrl.pathname}${unsubscribeUrl.search}`
      const shown = await app.inject({ method: 'GET', url: path })
      assert.equal(shown.statusCode, 200)
      assert.match(shown.body, /<button type="submit">/)
      assert.equal((await runtime.gate.check(await runtimeKey(runtime, 'marketing', ['newsletter']), subscriberId, 'newsletter')).allowed, true)
      const res = await app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' })
      assert.equal(res.statusCode, 200)
      const check = (await app.inject({ method: 'GET', url: `/v1/consents/check?subject=${subscriberId}&purpose=newsletter`, headers: auth() })).json()
      assert.equal(check.allowed, false)
      const { current } = (await app.inject({ method: 'GET', url: `/v1/subjects/${subscriberId}/consents`, headers: auth() })).json()
      assert.equal(current.newsletter, false)
      await assert.rejects(runtime.newsletter.sendMarketing(subscriberId, 'newsletter', { lang: 'nl', bodyText: 'x' }))
      const forged = await app.inject({ method: 'POST', url: `/newsletter/unsubscribe?t=${subscriberId}.AAAAAAAAAAAAAAAAAAAAAAAA`, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      assert.equal(forged.statusCode, 404)
    })

    test('REQ-DM-03 the suppression list keeps only a keyed hash, blocks re-import into marketing and survives erasure', async () => {
      const rows = await t.database.db.selectFrom('suppression').selectAll().execute()
      assert.equal(rows.length, 1)
      assert.ok(!JSON.stringify(rows).toLowerCase().includes('janssens'))
      // An import brings the same address back as a prospect with a consent claimed: still no marketing.
      const again = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=prospect_registration', headers: auth(), payload: { type: 'prospect', data: { 'contact.name': 'Lies', 'contact.email': 'lies.janssens@example.be' } } })
      const id = again.json().id
      await app.inject({ method: 'POST', url: `/v1/subjects/${id}/consents`, headers: auth(), payload: { purpose: 'newsletter', granted: true, text: 'imported', channel: 'import' } })
      const check = (await app.inject({ method: 'GET', url: `/v1/consents/check?subject=${id}&purpose=newsletter`, headers: auth() })).json()
      assert.deepEqual([check.allowed, check.reason], [false, 'suppressed'])
      // Erase the profile's rows: the suppression hash stays.
      await t.database.db.deleteFrom('subject').where('id', '=', subscriberId).execute()
      assert.equal((await t.database.db.selectFrom('suppression').selectAll().execute()).length, 1)
    })

    test('REQ-DM-01 customer information by e-mail needs the soft opt-in of an existing customer', async () => {
      const res = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: auth(), payload: { type: 'customer', data: { 'contact.name': 'Soft Optin', 'contact.email': 'soft@example.be' } } })
      const id = res.json().id
      const check = async () => (await app.inject({ method: 'GET', url: `/v1/consents/check?subject=${id}&purpose=customer_information`, headers: auth() })).json()
      assert.equal((await check()).reason, 'no_soft_opt_in')
      await app.inject({ method: 'POST', url: `/v1/subjects/${id}/events`, headers: auth(), payload: { event: 'contract_started' } })
      await app.inject({ method: 'POST', url: `/v1/subjects/${id}/events`, headers: auth(), payload: { event: 'marketing_opt_out_offered' } })
      assert.equal((await check()).allowed, true)
    })
  })
}
