// The website's contact form end to end, on both databases, over a real SMTP server: the hosted page
// with its Art. 13 notice, the API for a website backend with an intake key, the acknowledgement and
// the mailbox notice (neither carries the message), answers that do not tell whether an address is
// known, the honeypot, the minimum fill time, the rate limits, staff reading a message through the
// gate (and a role without the purpose refused), and erasure removing the message.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { seedRequest } from './support/actors.ts'
import { FORM, TestClock, form, signIn, staffAccount, type SignedIn } from './support/staff.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { GateDenied } from '../src/gate/gate.ts'
import type { Runtime } from '../src/runtime.ts'

const BASE = 'https://privacy.ixpole.example'
const MAILBOX = 'support@ixpole.example'
const MESSAGE = 'Kunnen jullie ons een offerte sturen voor 40 gebruikers? Referentie ZEBRA-7731.'
const SECRET_WORD = 'ZEBRA-7731'

for (const variant of DATABASES) {
  describe(`${variant.name}: the contact form`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let smtp: TestSmtpServer
    let runtime: Runtime
    let app: FastifyInstance
    const clock = new TestClock()
    let intake = ''
    let ip = 0
    let support: SignedIn
    let finance: SignedIn
    let accounts: { support: Parameters<typeof signIn>[2]; finance: Parameters<typeof signIn>[2] }
    let customerId = ''
    const nextIp = () => `10.9.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`

    before(async () => {
      t = await variant.open()
      smtp = await startSmtpServer()
      runtime = await testRuntime(t.database, { now: clock.now, smtpUrl: smtp.url, baseUrl: BASE, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      intake = (await createApiKey(t.database.db, runtime.policy(), { name: 'website-contact', purposes: [], scopes: ['intake'] })).token
      const crm = await createApiKey(t.database.db, runtime.policy(), { name: 'crm-contact', purposes: ['customer_service'] })
      const created = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_service', headers: { authorization: `Bearer ${crm.token}` }, payload: { type: 'customer', data: { 'contact.name': 'Known Customer', 'contact.email': 'known@contact.example' } } })
      assert.equal(created.statusCode, 201, created.body)
      customerId = created.json().id
      const admin = await staffAccount(runtime, app, clock, 'admin@contact.example', ['staff_admin'])
      const approver = { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) }
      accounts = { support: await staffAccount(runtime, app, clock, 'support@contact.example', ['support'], { approver }), finance: await staffAccount(runtime, app, clock, 'finance@contact.example', ['finance'], { approver }) }
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await smtp?.close()
      await t?.drop()
    })

    /** A form token, then the clock moved past the minimum fill time, as a person typing would. */
    const typedToken = async () => {
      const res = await app.inject({ method: 'GET', url: '/v1/contact/form-token', remoteAddress: nextIp() })
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.json().minSeconds, 3)
      clock.advance(5_000)
      return res.json().formToken as string
    }
    const api = async (body: Record<string, unknown>, remoteAddress = nextIp()) => app.inject({ method: 'POST', url: '/v1/contact', headers: { authorization: `Bearer ${intake}` }, payload: body, remoteAddress })
    const apiMessage = async (email: string, extra: Record<string, unknown> = {}) => api({ name: 'Sofie Peeters', email, message: MESSAGE, lang: 'nl', formToken: await typedToken(), ...extra })
    const mailsTo = (address: string) => smtp.messages.filter((_m, i) => smtp.envelopes[i]!.to.some((to) => to.toLowerCase() === address.toLowerCase()))
    const subjectsOf = (email: string) => runtime.vault.lookup(null, 'email', email)

    test('REQ-TR-01 REQ-PD-01 REQ-CON-02 GET /contact shows the Art. 13 notice in nl, fr and en, optional fields optional, a separate unticked newsletter box, and loads nothing from elsewhere', async () => {
      const expected = {
        nl: { h1: '<h1>Contact</h1>', why: 'We lezen en beantwoorden het bericht dat u ons via het contactformulier op de website stuurt.', basis: 'Antwoorden op de vragen die u ons zelf stelt.', howLong: 'Eén jaar na uw laatste bericht', who: 'JAG2 Solutions NV (iXpole), Kempische Steenweg 311 bus 1.02, 3500 Hasselt' },
        fr: { h1: '<h1>Contact</h1>', why: 'Nous lisons le message que vous nous envoyez via le formulaire de contact du site et nous y répondons.', basis: 'Répondre aux questions que vous nous posez vous-même.', howLong: 'Un an après votre dernier message', who: 'JAG2 Solutions SA (iXpole), Kempische Steenweg 311 boîte 1.02, 3500 Hasselt' },
        en: { h1: '<h1>Contact</h1>', why: 'We read and answer the message you send us through the contact form on the website.', basis: 'Answering the questions you ask us yourself.', howLong: 'One year after your last message', who: 'JAG2 Solutions NV (iXpole), Kempische Steenweg 311 box 1.02, 3500 Hasselt' },
      } as const
      for (const lang of ['nl', 'fr', 'en'] as const) {
        const res = await app.inject({ method: 'GET', url: `/contact?lang=${lang}`, remoteAddress: nextIp() })
        assert.equal(res.statusCode, 200)
        assert.equal(res.headers['content-language'], lang)
        assert.match(String(res.headers['content-security-policy']), /script-src 'none'/)
        assert.match(String(res.headers['content-security-policy']), /default-src 'self'/)
        const html = res.body.replace(/&#39;/g, "'")
        for (const text of Object.values(expected[lang])) assert.ok(html.includes(text), `${lang}: ${text}`)
        assert.ok(html.includes(`href="/privacy?lang=${lang}"`), 'a link to the statement')
        assert.ok(html.includes(`href="/privacy-center?lang=${lang}"`), 'a link to the privacy center')
        assert.ok(html.includes('mailto:privacy@ixpole.example'))
        // Only name, e-mail and message are required; the newsletter box is unticked and separate.
        assert.deepEqual([...html.matchAll(/<(?:input|textarea)[^>]*\bid="(\w+)"[^>]*\brequired\b/g)].map((m) => m[1]), ['name', 'email', 'message'])
        assert.match(html, /<input type="checkbox" id="newsletter" name="newsletter" value="yes" aria-describedby="newsletter-hint">/)
        assert.match(html, /<div class="hp" aria-hidden="true"><label for="website">[^<]+<\/label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off" value=""><\/div>/)
        assert.match(html, /<input type="hidden" name="formToken" value="\d+\.[A-Za-z0-9_-]+">/)
        assert.doesNotMatch(html, /<script|https?:\/\/(?!privacy\.ixpole\.example)[a-z]/i)
      }
      // A website backend gets the same notice with its form token, to show next to its own form.
      const token = await app.inject({ method: 'GET', url: '/v1/contact/form-token?lang=en', remoteAddress: nextIp() })
      assert.equal(token.statusCode, 200)
      assert.deepEqual(token.json().notice, {
        who: 'JAG2 Solutions NV (iXpole), Kempische Steenweg 311 box 1.02, 3500 Hasselt',
        contact: 'privacy@ixpole.example',
        why: 'We read and answer the message you send us through the contact form on the website.',
        basis: 'Necessary for our legitimate interests (Art. 6(1)(f) GDPR) — Answering the questions you ask us yourself.',
        howLong: 'One year after your last message, so that we can follow up on a further question.',
        recipients: token.json().notice.recipients,
        rights: 'You can see your data, have it corrected or erased and object to its use, without giving reasons and free of charge.',
        statementUrl: `${BASE}/privacy?lang=en`,
        privacyCenterUrl: `${BASE}/privacy-center?lang=en`,
      })
      assert.equal(token.json().notice.recipients.length, 2)
      assert.equal((await app.inject({ method: 'GET', url: '/v1/contact/form-token?lang=de', remoteAddress: nextIp() })).json().error.code, 'unknown_language')
    })

    test('REQ-TR-01 the hosted form: a person\'s post is recorded, acknowledged without the message, and the mailbox is told the id and a console link only', async () => {
      const page = await app.inject({ method: 'GET', url: '/contact?lang=en', remoteAddress: '10.8.0.1' })
      const token = /name="formToken" value="([^"]+)"/.exec(page.body)![1]!
      clock.advance(4_000)
      const before = smtp.messages.length
      const res = await app.inject({ method: 'POST', url: '/contact?lang=en', headers: { ...FORM, origin: BASE }, remoteAddress: '10.8.0.1', payload: form({ formToken: token, lang: 'en', name: 'Page Sender', email: 'page.sender@contact.example', phone: '+32 470 12 34 56', organisation: 'Acme NV', role: 'Buyer', message: `Hello,\r\n${MESSAGE}`, website: '' }) })
      assert.equal(res.statusCode, 303, res.body)
      assert.equal(res.headers.location, '/contact/sent?lang=en')
      const sent = await app.inject({ method: 'GET', url: '/contact/sent?lang=en' })
      assert.match(sent.body, /<h1>Thank you for your message<\/h1>/)
      await smtp.waitFor(before + 2)
      const [ack] = mailsTo('page.sender@contact.example')
      assert.ok(ack, 'the acknowledgement')
      assert.equal(ack.subject, 'Your message to iXpole has been received')
      const [notice] = mailsTo(MAILBOX).slice(-1)
      assert.ok(notice, 'the mailbox notice')
      const ids = await subjectsOf('page.sender@contact.example')
      assert.equal(ids.length, 1)
      const id = ids[0]!
      for (const mail of [ack, notice]) {
        const all = `${mail.subject}\n${mail.text}\n${mail.html}`
        assert.ok(!all.includes(SECRET_WORD), 'the message is not in the mail')
        assert.ok(!all.includes('Page Sender') && !all.includes('Acme NV') && !all.includes('Buyer'), 'nothing the sender typed is in the mail')
      }
      assert.ok(notice.text!.includes(`${BASE}/admin/contact/${id}?lang=nl`), 'the console link')
      assert.ok(notice.subject!.includes(id), 'the id in the subject')
      assert.ok(!notice.text!.includes('page.sender@contact.example'), 'not the sender\'s address')
      // Recorded as a contact subject through the gate: the message encrypted in the vault, the audit entry ids only.
      const state = await runtime.vault.state(id)
      assert.equal(state?.type, 'contact')
      // Collected from the person (Art. 13 on the page): no source recorded, so no Art. 14 notice is owed.
      assert.equal((await t.database.db.selectFrom('subject').select('source').where('id', '=', id).executeTakeFirstOrThrow()).source, null)
      const rows = await t.database.db.selectFrom('audit_entry').selectAll().where('subject_id', '=', id).execute()
      assert.ok(rows.some((r) => r.action === 'subject.create' && r.purpose === 'contact_requests'))
      assert.ok(!JSON.stringify(rows).includes(SECRET_WORD) && !JSON.stringify(rows).includes('page.sender'))
      const stored = await t.database.db.selectFrom('personal_data').selectAll().where('subject_id', '=', id).execute()
      assert.equal(stored.length, 6)
      assert.ok(!JSON.stringify(stored).includes(SECRET_WORD), 'the message is stored encrypted')
    })

    test('REQ-PD-02 the same status and body for a known and an unknown address, and the same mails; nothing is written into the known person', async () => {
      const known = await apiMessage('known@contact.example')
      const unknown = await apiMessage('nobody.yet@contact.example')
      assert.equal(known.statusCode, 202)
      assert.equal(unknown.statusCode, 202)
      assert.equal(known.body, unknown.body)
      assert.deepEqual(known.json(), { status: 'received', message: 'We hebben een bevestiging gestuurd naar het adres dat u opgaf. We antwoorden zo snel mogelijk.' })
      await smtp.waitFor(smtp.messages.length)
      const a = mailsTo('known@contact.example').at(-1)!
      const b = mailsTo('nobody.yet@contact.example').at(-1)!
      assert.equal(a.subject, b.subject)
      assert.equal(a.text!.replace(/t=[^&\s]+/g, 't=X'), b.text!.replace(/t=[^&\s]+/g, 't=X'))
      // The known customer keeps their own record untouched: the message is a contact subject of its own.
      const ids = await subjectsOf('known@contact.example')
      assert.equal(ids.length, 2)
      const contactId = ids.find((i) => i !== customerId)!
      const before = await t.database.db.selectFrom('personal_data').select(['category']).where('subject_id', '=', customerId).execute()
      assert.deepEqual(before.map((r) => r.category).sort(), ['contact.email', 'contact.name'])
      // Not linked before the sender confirms the address.
      const row = await t.database.db.selectFrom('contact_message').selectAll().where('subject_id', '=', contactId).executeTakeFirstOrThrow()
      assert.equal(row.linked_subject_id, null)
      assert.equal(row.confirmed_at, null)
      // The link in the mail shows a button; opening it changes nothing.
      const link = new URL(/https:\/\/privacy\.ixpole\.example\/contact\/confirm\S*/.exec(a.text!)![0])
      const shown = await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` })
      assert.equal(shown.statusCode, 200)
      assert.match(shown.body, /<button type="submit">Bevestigen<\/button>/)
      assert.equal((await t.database.db.selectFrom('contact_message').select('confirmed_at').where('subject_id', '=', contactId).executeTakeFirstOrThrow()).confirmed_at, null)
      const confirm = (url: URL) => app.inject({ method: 'POST', url: '/contact/confirm?lang=nl', headers: { ...FORM, origin: BASE }, payload: form({ t: url.searchParams.get('t')! }) })
      const linkB = new URL(/https:\/\/privacy\.ixpole\.example\/contact\/confirm\S*/.exec(b.text!)![0])
      const [ca, cb] = [await confirm(link), await confirm(linkB)]
      assert.equal(ca.statusCode, 200)
      assert.equal(ca.body, cb.body, 'the same page whether or not the address is known')
      assert.match(ca.body, /Uw e-mailadres is bevestigd/)
      const linked = await t.database.db.selectFrom('contact_message').selectAll().where('subject_id', '=', contactId).executeTakeFirstOrThrow()
      assert.equal(linked.linked_subject_id, customerId)
      assert.ok(linked.confirmed_at)
      const after = await t.database.db.selectFrom('personal_data').select(['category']).where('subject_id', '=', customerId).execute()
      assert.deepEqual(after.map((r) => r.category).sort(), ['contact.email', 'contact.name'])
      // A forged token is the "no longer valid" page.
      const forged = await app.inject({ method: 'POST', url: '/contact/confirm?lang=en', headers: { ...FORM, origin: BASE }, payload: form({ t: `${customerId}.AAAAAAAAAAAAAAAAAAAAAAAA` }) })
      assert.equal(forged.statusCode, 404)
      assert.match(forged.body, /This link is no longer valid/)
    })

    test('spam: the honeypot is refused, a form sent faster than 3 s is refused with when to retry, a forged token is refused', async () => {
      const token = await typedToken()
      const honey = await api({ name: 'Bot', email: 'bot@contact.example', message: 'Buy now', formToken: token, website: 'http://spam.example' })
      assert.equal(honey.statusCode, 400)
      assert.equal(honey.json().error.code, 'honeypot_filled')
      const fresh = (await app.inject({ method: 'GET', url: '/v1/contact/form-token', remoteAddress: nextIp() })).json().formToken as string
      clock.advance(1_000)
      const fast = await api({ name: 'Bot', email: 'bot@contact.example', message: 'Buy now', formToken: fresh })
      assert.equal(fast.statusCode, 422)
      assert.deepEqual(fast.json().error, { code: 'too_fast', message: 'the form was sent faster than a person types: wait 2 s and send it again', details: { retryAfterSeconds: 2 } })
      assert.equal(fast.headers['retry-after'], '2')
      const forged = await api({ name: 'Bot', email: 'bot@contact.example', message: 'Buy now', formToken: `${clock.now().getTime() - 10_000}.AAAAAAAAAAAAAAAAAAAAAAAA` })
      assert.equal(forged.statusCode, 400)
      assert.equal(forged.json().error.code, 'invalid_form_token')
      clock.advance(13 * 3_600_000)
      const old = await api({ name: 'Bot', email: 'bot@contact.example', message: 'Buy now', formToken: token })
      assert.equal(old.json().error.code, 'form_expired')
      assert.deepEqual(await subjectsOf('bot@contact.example'), [], 'nothing recorded')
      // The hosted page says it in the person's language and keeps what they typed.
      const page = await app.inject({ method: 'GET', url: '/contact?lang=fr', remoteAddress: '10.8.1.1' })
      const pageToken = /name="formToken" value="([^"]+)"/.exec(page.body)![1]!
      const tooFast = await app.inject({ method: 'POST', url: '/contact?lang=fr', headers: { ...FORM, origin: BASE }, remoteAddress: '10.8.1.1', payload: form({ formToken: pageToken, lang: 'fr', name: 'Rapide', email: 'rapide@contact.example', message: 'Bonjour' }) })
      assert.equal(tooFast.statusCode, 422)
      assert.match(tooFast.body, /Le formulaire a été envoyé plus vite qu&#39;une personne ne peut écrire\. Attendez 3 secondes/)
      assert.match(tooFast.body, /value="Rapide"/)
    })

    test('bad input is a 4xx with a reason that never echoes the value', async () => {
      const long = await api({ name: 'x'.repeat(201), email: 'long@contact.example', message: 'Hi', formToken: await typedToken() })
      assert.equal(long.statusCode, 400)
      assert.equal(long.json().error.code, 'invalid_request')
      const line = await api({ name: 'Evil\nBcc: victim@example.com', email: 'line@contact.example', message: 'Hi', formToken: await typedToken() })
      assert.equal(line.statusCode, 400)
      assert.deepEqual(line.json().error, { code: 'invalid_text', message: 'name holds a control character: send plain text on one line', details: { field: 'name' } })
      const email = await api({ name: 'Someone', email: 'not-an-address', message: 'Hi', formToken: await typedToken() })
      assert.equal(email.statusCode, 400)
      assert.ok(!email.body.includes('not-an-address'))
      const empty = await api({ name: 'Someone', email: 'empty@contact.example', message: '   ', formToken: await typedToken() })
      assert.deepEqual(empty.json().error, { code: 'missing_field', message: 'message is required', details: { field: 'message' } })
      const noKey = await app.inject({ method: 'POST', url: '/v1/contact', payload: { name: 'A', email: 'a@contact.example', message: 'Hi', formToken: 'x' }, remoteAddress: nextIp() })
      assert.equal(noKey.statusCode, 403)
      assert.equal(noKey.json().error.code, 'intake_key_required')
      const crossSite = await app.inject({ method: 'POST', url: '/contact', headers: { ...FORM, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, remoteAddress: nextIp(), payload: form({ name: 'A', email: 'a@contact.example', message: 'Hi' }) })
      assert.equal(crossSite.statusCode, 403)
    })

    test('rate limits: five posts per 10 minutes per client address, three messages per hour per e-mail address, each a 429 that says when to retry', async () => {
      const address = '10.7.7.7'
      const statuses: number[] = []
      let last
      for (let i = 0; i < 6; i++) {
        last = await app.inject({ method: 'POST', url: '/v1/contact', headers: { origin: BASE }, payload: { name: 'Visitor', email: `visitor${i}@contact.example`, message: MESSAGE, formToken: await typedToken() }, remoteAddress: address })
        statuses.push(last.statusCode)
      }
      assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429])
      assert.equal(last!.json().error.code, 'rate_limited')
      assert.match(last!.json().error.message, /^too many requests from this address: try again in \d+ s$/)
      assert.ok(Number(last!.headers['retry-after']) > 0)
      const perEmail: number[] = []
      let lastEmail
      for (let i = 0; i < 4; i++) {
        lastEmail = await apiMessage('frequent@contact.example')
        perEmail.push(lastEmail.statusCode)
        clock.advance(60_000)
      }
      assert.deepEqual(perEmail, [202, 202, 202, 429])
      // The first of the three was sent 3 × (60 + 5) s before the fourth: it leaves the hour in 3600 − 195 s.
      assert.deepEqual(lastEmail!.json().error, { code: 'rate_limited', message: 'too many messages from this e-mail address: try again in 3405 s', details: { retryAfterSeconds: 3405 } })
      assert.equal(lastEmail!.headers['retry-after'], '3405')
      // After the hour the address's keyed hash is forgotten: only ids and times stay.
      clock.advance(3_600_000)
      assert.equal((await apiMessage('frequent@contact.example')).statusCode, 202)
      const rows = await t.database.db.selectFrom('contact_message').select('lookup').where('received_at', '<=', new Date(clock.now().getTime() - 3_600_000)).execute()
      assert.ok(rows.length >= 3)
      assert.deepEqual([...new Set(rows.map((r) => r.lookup))], [''])
    })

    test('REQ-SEC-01 REQ-SEC-04 support reads the message in the console through the gate (audited); finance, without the purpose, is refused', async () => {
      support = await signIn(app, clock, accounts.support)
      finance = await signIn(app, clock, accounts.finance)
      assert.equal((await apiMessage('reader@contact.example', { phone: '+32 470 99 88 77', organisation: 'Reader BV' })).statusCode, 202)
      const [id] = await subjectsOf('reader@contact.example')
      const page = await app.inject({ method: 'GET', url: `/admin/contact/${id}?lang=en`, headers: { cookie: support.cookie } })
      assert.equal(page.statusCode, 200, page.body)
      assert.ok(page.body.includes(SECRET_WORD), 'the message')
      assert.ok(page.body.includes('Reader BV') && page.body.includes('reader@contact.example'))
      const reads = await t.database.db.selectFrom('audit_entry').selectAll().where('subject_id', '=', id!).where('action', '=', 'subject.read').execute()
      assert.ok(reads.some((r) => r.actor_id.startsWith('staff:') && r.purpose === 'contact_requests' && r.decision === 'allow'))
      const refused = await app.inject({ method: 'GET', url: `/admin/contact/${id}?lang=en`, headers: { cookie: finance.cookie } })
      assert.equal(refused.statusCode, 403)
      assert.match(refused.body, /Your role may not use the contact form(?:&#39;|&#x27;|')s purpose\./)
      assert.ok(!refused.body.includes(SECRET_WORD))
      // The list: ids and times only, for a role with the purpose.
      const list = await app.inject({ method: 'GET', url: '/admin/contact?lang=en', headers: { cookie: support.cookie } })
      assert.equal(list.statusCode, 200)
      assert.match(list.body, /<h1>Contact form messages<\/h1>/)
      assert.ok(list.body.includes(`href="/admin/contact/${id}?lang=en"`))
      assert.ok(!list.body.includes(SECRET_WORD) && !list.body.includes('reader@contact.example'))
      const listRefused = await app.inject({ method: 'GET', url: '/admin/contact?lang=en', headers: { cookie: finance.cookie } })
      assert.equal(listRefused.statusCode, 403)
      const signedOut = await app.inject({ method: 'GET', url: `/admin/contact/${id}` })
      assert.equal(signedOut.statusCode, 303)
    })

    test('REQ-ER-04 erasure reaches the message: after it, the console shows nothing and the gate refuses', async () => {
      support = await signIn(app, clock, accounts.support)
      assert.equal((await apiMessage('erase.me@contact.example')).statusCode, 202)
      const [id] = await subjectsOf('erase.me@contact.example')
      const requestId = await seedRequest(runtime, 'erasure', { subjectIds: [id!] })
      await runtime.gate.erase(runtime.gate.systemActor('requests'), requestId, id!)
      const page = await app.inject({ method: 'GET', url: `/admin/contact/${id}?lang=en`, headers: { cookie: support.cookie } })
      assert.equal(page.statusCode, 404)
      assert.ok(!page.body.includes(SECRET_WORD))
      await assert.rejects(runtime.contact.read(runtime.gate.systemActor('contact'), id!), (err: unknown) => err instanceof GateDenied && err.reason === 'subject_erased')
      const left = await t.database.db.selectFrom('personal_data').select('category').where('subject_id', '=', id!).execute()
      assert.deepEqual(left, [])
    })
  })
}
