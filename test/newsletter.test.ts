// The newsletter end to end over a real SMTP server, on both databases: double opt-in, links that
// never act by being opened, one-click unsubscribe, the suppression list and the e-mail rule.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { runtimeKey, seedRequest } from './support/actors.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { GateDenied } from '../src/gate/gate.ts'
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
    let ip = 0
    const auth = () => ({ authorization: `Bearer ${key}` })
    // A new client address per call: the route's per-address limit is not what these tests are about.
    const subscribe = (email: string, lang = 'nl') => app.inject({ method: 'POST', url: '/v1/newsletter/subscribe', headers: { origin: BASE }, payload: { email, lang }, remoteAddress: `10.0.${Math.floor(++ip / 250)}.${(ip % 250) + 1}` })
    const confirmToken = async (email: string, lang = 'nl') => {
      const before = smtp.messages.length
      assert.equal((await subscribe(email, lang)).statusCode, 202)
      const mail = (await smtp.waitFor(before + 1)).slice(before).find((m) => smtp.envelopes[smtp.messages.indexOf(m)]!.to.some((to) => to.toLowerCase() === email.toLowerCase()))
      assert.ok(mail, `a confirmation mail to ${email}`)
      return linkIn(mail.text ?? '', '/newsletter/confirm')
    }
    const confirm = (token: string) => app.inject({ method: 'POST', url: '/newsletter/confirm?lang=nl', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(token)}` })
    /** A confirmed newsletter subscriber of this test's own; returns the subject id. */
    const subscriber = async (email: string): Promise<string> => {
      const link = await confirmToken(email)
      assert.equal((await confirm(link.searchParams.get('token')!)).statusCode, 200)
      const ids = await runtime.vault.lookup(null, 'email', email)
      assert.equal(ids.length, 1)
      return ids[0]!
    }
    /** The List-Unsubscribe link of a marketing mail sent to this subscriber. */
    const unsubscribeLink = async (subjectId: string): Promise<URL> => {
      const before = smtp.messages.length
      await runtime.newsletter.sendMarketing(subjectId, 'newsletter', { lang: 'nl', bodyText: 'Nieuw in iXpole deze maand.' })
      const mail = (await smtp.waitFor(before + 1)).at(-1)!
      const line = mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/^[^:]+:\s*/, '')
      return new URL(line.slice(1, -1))
    }
    const unsubscribe = (url: URL) => app.inject({ method: 'POST', url: `${url.pathname}${url.search}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' })

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
      const eventsBefore = (await t.database.db.selectFrom('consent_event').select('id').execute()).map((e) => e.id)
      const newEvents = async () => (await t.database.db.selectFrom('consent_event').selectAll().execute()).filter((e) => !eventsBefore.includes(e.id))
      const before = smtp.messages.length
      const res = await subscribe('Lies.Janssens@Example.be')
      assert.equal(res.statusCode, 202)
      const mail = (await smtp.waitFor(before + 1))[before]
      assert.equal((mail!.to && 'text' in mail!.to ? mail!.to.text : '').toLowerCase(), 'lies.janssens@example.be')
      const link = linkIn(mail!.text ?? '', '/newsletter/confirm')
      assert.ok(!link.href.includes('Janssens'), 'no personal data in the link')
      const pageRes = await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` })
      assert.equal(pageRes.statusCode, 200)
      assert.match(pageRes.body, /<form method="post"/)
      assert.deepEqual(await newEvents(), [], 'opening the link changed nothing')
      const token = link.searchParams.get('token')!
      const confirmed = await confirm(token)
      assert.equal(confirmed.statusCode, 200, confirmed.body)
      const events = await newEvents()
      assert.equal(events.length, 1)
      assert.equal(events[0]!.purpose, 'newsletter')
      assert.equal(events[0]!.act, 'double_opt_in_confirmed')
      assert.equal(events[0]!.lang, 'nl')
      const subscriberId = events[0]!.subject_id
      const check = (await app.inject({ method: 'GET', url: `/v1/consents/check?subject=${subscriberId}&purpose=newsletter`, headers: auth() })).json()
      assert.equal(check.allowed, true)
      const again = await confirm(token)
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
      // The answer comes after the mail is handed to the SMTP server, so a second mail would be here.
      assert.equal(smtp.messages.length, before + 2, 'no second mail to the same address within minutes')
      const last = await t.database.db.selectFrom('audit_entry').select(['action', 'reason']).where('action', '=', 'newsletter.subscribe_requested').orderBy('seq', 'desc').executeTakeFirstOrThrow()
      assert.equal(last.reason, 'rate_limited', 'the repeat was recognised, not lost')
      const invalid = await subscribe('not-an-address')
      assert.equal(invalid.statusCode, 400)
      assert.equal(invalid.json().error.code, 'invalid_email')
    })

    test('REQ-DM-02 REQ-OB-03 every marketing mail carries a one-click unsubscribe and the separate right to object', async () => {
      const subjectId = await subscriber('marketing.mail@example.be')
      const before = smtp.messages.length
      await runtime.newsletter.sendMarketing(subjectId, 'newsletter', { lang: 'nl', bodyText: 'Nieuw in iXpole deze maand.' })
      const mail = (await smtp.waitFor(before + 1)).at(-1)!
      const raw = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '') ?? ''
      assert.match(raw('list-unsubscribe'), /^<https:\/\/privacy\.ixpole\.example\/newsletter\/unsubscribe\?t=[^>]+>$/)
      assert.equal(raw('list-unsubscribe-post'), 'List-Unsubscribe=One-Click')
      assert.match(mail.text ?? '', /bezwaar/i, 'the right to object, in Dutch')
    })

    test('REQ-CON-06 REQ-ER-07 REQ-OB-02 one-click unsubscribe: no login, no ID, opening the link changes nothing', async () => {
      const subjectId = await subscriber('one.click@example.be')
      const unsubscribeUrl = await unsubscribeLink(subjectId)
      const path = `${unsubscribeUrl.pathname}${unsubscribeUrl.search}`
      const shown = await app.inject({ method: 'GET', url: path })
      assert.equal(shown.statusCode, 200)
      assert.match(shown.body, /<button type="submit">/)
      assert.equal((await runtime.gate.check(await runtimeKey(runtime, 'marketing', ['newsletter']), subjectId, 'newsletter')).allowed, true)
      const res = await unsubscribe(unsubscribeUrl)
      assert.equal(res.statusCode, 200)
      const check = (await app.inject({ method: 'GET', url: `/v1/consents/check?subject=${subjectId}&purpose=newsletter`, headers: auth() })).json()
      assert.equal(check.allowed, false)
      const { current } = (await app.inject({ method: 'GET', url: `/v1/subjects/${subjectId}/consents`, headers: auth() })).json()
      assert.equal(current.newsletter, false)
      const mails = smtp.messages.length
      await assert.rejects(runtime.newsletter.sendMarketing(subjectId, 'newsletter', { lang: 'nl', bodyText: 'x' }), (err: unknown) => err instanceof GateDenied && err.reason === 'no_consent')
      assert.equal(smtp.messages.length, mails, 'nothing was sent')
      const forged = await app.inject({ method: 'POST', url: `/newsletter/unsubscribe?t=${subjectId}.AAAAAAAAAAAAAAAAAAAAAAAA`, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      assert.equal(forged.statusCode, 404)
    })

    test('REQ-DM-03 the suppression list keeps only a keyed hash, blocks re-import into marketing and survives erasure', async () => {
      const suppressed = async () => (await t.database.db.selectFrom('suppression').selectAll().execute()).length
      const subjectId = await subscriber('Suppress.Me@example.be')
      const before = await suppressed()
      assert.equal((await unsubscribe(await unsubscribeLink(subjectId))).statusCode, 200)
      assert.equal(await suppressed(), before + 1)
      assert.ok(!JSON.stringify(await t.database.db.selectFrom('suppression').selectAll().execute()).toLowerCase().includes('suppress.me'))
      // The person is erased through the gate, as an erasure request does: the suppression hash stays.
      // Erased as an erasure request erases (a grant for that request).
      const outcome = await runtime.gate.erase(runtime.gate.systemActor('requests'), await seedRequest(runtime, 'erasure', { subjectIds: [subjectId] }), subjectId)
      assert.equal(outcome.alreadyErased, false)
      assert.equal(await suppressed(), before + 1)
      // An import brings the same address back as a prospect with a consent claimed: still no marketing.
      const again = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=prospect_registration', headers: auth(), payload: { type: 'prospect', data: { 'contact.name': 'Suppress Me', 'contact.email': 'suppress.me@example.be' } } })
      assert.equal(again.statusCode, 201, again.body)
      const id = again.json().id
      assert.notEqual(id, subjectId)
      await app.inject({ method: 'POST', url: `/v1/subjects/${id}/consents`, headers: auth(), payload: { purpose: 'newsletter', granted: true, text: 'imported', channel: 'import' } })
      const check = (await app.inject({ method: 'GET', url: `/v1/consents/check?subject=${id}&purpose=newsletter`, headers: auth() })).json()
      assert.deepEqual([check.allowed, check.reason], [false, 'suppressed'])
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
