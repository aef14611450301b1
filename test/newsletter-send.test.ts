// Newsletters that honour every choice (issue 19 part 2), over a real SMTP server on both databases:
// a campaign Pledge sends (the gate decides each person, in their language; RFC 8058 headers; at most
// once), the refusal of remote content, the audience a mailing provider reads (a recorded disclosure),
// its signed events, and opt-outs made in Pledge reaching it as a signed webhook.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { runtimeKey, seedRequest } from './support/actors.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { remoteContentIn } from '../src/consent/campaign.ts'
import { parseMultipart } from '../src/http/routes/newsletter.ts'
import { signPayload, verifySignature } from '../src/webhooks/signature.ts'
import type { Runtime } from '../src/runtime.ts'
import type { Actor } from '../src/gate/actor.ts'
import { recordConsent } from '../src/consent/ledger.ts'

const BASE = 'https://privacy.ixpole.example'

test('remote content in a campaign is found: images, pixels, CSS url(), style sheets, frames; links and data: images are not', () => {
  assert.equal(remoteContentIn('<p>Hi</p><img src="https://track.example/p.gif" width="1" height="1">'), 'src="https://track.example/p.gif"')
  assert.equal(remoteContentIn('<div style="background:url(http://cdn.example/a.png)">x</div>'), 'CSS url(http://cdn.example/a.png)')
  assert.equal(remoteContentIn("<td background='//cdn.example/bg.jpg'>"), 'background="//cdn.example/bg.jpg"')
  assert.equal(remoteContentIn('<link rel="stylesheet" href="https://fonts.example/css">'), 'a <link> element')
  assert.equal(remoteContentIn('<style>@import "https://x.example/a.css";</style>'), 'a CSS @import')
  assert.equal(remoteContentIn('<img srcset="https://x.example/a.png 2x">'), 'srcset="https://x.example/a.png 2x"')
  assert.equal(remoteContentIn('<iframe></iframe>'), 'a <iframe> element')
  assert.equal(remoteContentIn('<p><a href="https://ixpole.example/news">Read</a></p><img src="data:image/png;base64,iVBORw0KGgo=" alt=""><img src="cid:logo@ixpole">'), undefined)
})

test('RFC 8058 one-click: a multipart/form-data body is read (RFC 7578)', () => {
  const body = '--XyZ\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--XyZ--\r\n'
  assert.deepEqual(parseMultipart('multipart/form-data; boundary=XyZ', body), { 'List-Unsubscribe': 'One-Click' })
  assert.deepEqual(parseMultipart('multipart/form-data; boundary="XyZ"', body), { 'List-Unsubscribe': 'One-Click' })
  assert.equal(parseMultipart('multipart/form-data', body), undefined)
  assert.equal(parseMultipart('multipart/form-data; boundary=XyZ', '--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--'), undefined)
})

for (const variant of DATABASES) {
  describe(`${variant.name}: newsletter campaigns and the mailing provider`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let smtp: TestSmtpServer
    let runtime: Runtime
    let app: FastifyInstance
    let receiver: Server
    let receiverUrl = ''
    let providerSecret = ''
    const received: { body: string; valid: boolean }[] = []
    let crm: Actor
    let campaignKey = ''
    let mailingKey = ''
    const people: Record<string, string> = {}
    const EMAIL: Record<string, string> = { nl: 'an.nl@example.be', fr: 'benoit.fr@example.be', en: 'chris.en@example.be', withdrawn: 'wim.withdrawn@example.be', objecting: 'olga.objects@example.be', suppressed: 'sam.suppressed@example.be' }
    const bearer = (k: string) => ({ authorization: `Bearer ${k}` })
    const content = {
      nl: { subject: 'Nieuws van april', html: '<h1>Nieuws</h1><p>Onze nieuwe diensten. <a href="https://ixpole.example/nieuws">Lees meer</a></p>' },
      fr: { subject: "Nouvelles d'avril", html: '<h1>Nouvelles</h1><p>Nos nouveaux services.</p>' },
      default: { subject: 'April news', html: '<h1>News</h1><p>Our new services.</p><img src="data:image/png;base64,iVBORw0KGgo=" alt="">', text: 'News\n\nOur new services.' },
    }
    const allowed = async (id: string) => runtime.gate.check(crm, id, 'newsletter')
    const raw = (mail: { headerLines: readonly { key: string; line: string }[] }, name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '') ?? ''
    const mailTo = (email: string) => smtp.messages.filter((_m, i) => smtp.envelopes[i]!.to.includes(email))
    const unsubscribeUrlOf = (email: string) => new URL(raw(mailTo(email)[0]!, 'list-unsubscribe').slice(1, -1))
    const post = (recipient: string, body: string, options: { timestamp?: number; signature?: string } = {}) => {
      const ts = options.timestamp ?? Math.floor(Date.now() / 1000)
      return app.inject({ method: 'POST', url: `/v1/newsletter/provider-events?recipient=${recipient}`, headers: { 'content-type': 'application/json', 'pledge-timestamp': String(ts), 'pledge-signature': options.signature ?? signPayload(providerSecret, ts, body) }, payload: body })
    }
    const deliverProviderWebhooks = async () => {
      for (const d of await runtime.webhooks.deliveries({ owner: 'recipient:mailing_us_dpf', state: 'pending' })) await runtime.webhooks.attempt(d.id, d.attempts + 1)
    }

    before(async () => {
      t = await variant.open()
      smtp = await startSmtpServer()
      runtime = await testRuntime(t.database, { smtpUrl: smtp.url, baseUrl: BASE, allowPrivateTargets: true })
      app = await buildApp(runtime)
      crm = await runtimeKey(runtime, 'crm', ['newsletter'])
      campaignKey = (await createApiKey(t.database.db, runtime.policy(), { name: 'campaigns', purposes: ['newsletter'] })).token
      mailingKey = (await createApiKey(t.database.db, runtime.policy(), { name: 'mailing', purposes: ['newsletter'], recipientId: 'mailing_us_dpf' })).token
      receiver = createServer((req, res) => {
        let body = ''
        req.setEncoding('utf8')
        req.on('data', (c: string) => (body += c))
        req.on('end', () => {
          const valid = verifySignature(providerSecret, String(req.headers['pledge-timestamp']), body, req.headers['pledge-signature'] as string | undefined)
          received.push({ body, valid })
          res.writeHead(valid ? 200 : 401).end()
        })
      })
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
      receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/pledge`
      // Six subscribers who confirmed; then one withdraws, one objects, one is on the suppression list.
      const newsletterActor = runtime.gate.systemActor('newsletter')
      for (const [who, lang] of [['nl', 'nl'], ['fr', 'fr'], ['en', 'en'], ['withdrawn', 'nl'], ['objecting', 'fr'], ['suppressed', 'en']] as const) {
        const created = await runtime.gate.create(newsletterActor, 'newsletter', { type: 'newsletter_subscriber', data: { 'contact.email': EMAIL[who]! }, language: lang }, { text: 'Ja', channel: 'web', lang, act: 'double_opt_in_confirmed' })
        people[who] = created.id
      }
      await runtime.gate.recordConsent(crm, people.withdrawn!, { purpose: 'newsletter', granted: false, text: 'stop', channel: 'web', lang: 'nl', act: 'withdrawal_requested' })
      const request = await seedRequest(runtime, 'objection', { subjectIds: [people.objecting!] })
      await runtime.gate.setObjection(runtime.gate.systemActor('requests'), request, people.objecting!, 'newsletter', 'upheld')
      await runtime.vault.suppress(runtime.vault.addressHash('email', EMAIL.suppressed!), 'unsubscribed')
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await smtp?.close()
      receiver?.close()
      await t?.drop()
    })

    test('REQ-CON-07 REQ-DM-03 a dry run counts the recipients per language and the people skipped, with the reason, and sends nothing', async () => {
      const before = smtp.messages.length
      const res = await app.inject({ method: 'POST', url: '/v1/newsletter/campaigns', headers: bearer(campaignKey), payload: { purpose: 'newsletter', content, dryRun: true } })
      assert.equal(res.statusCode, 200, res.body)
      assert.deepEqual(res.json(), { purpose: 'newsletter', recipients: 3, byLanguage: { nl: 1, fr: 1, en: 1 }, skipped: { no_consent: 1, objection_upheld: 1, suppressed: 1 } })
      assert.equal(smtp.messages.length, before)
    })

    test('REQ-DM-02 REQ-OB-02 REQ-DM-03 a campaign reaches only those the gate allows, in their language, with the RFC 8058 headers and a visible link; at most once', async () => {
      const res = await app.inject({ method: 'POST', url: '/v1/newsletter/campaigns', headers: bearer(campaignKey), payload: { purpose: 'newsletter', content, rate: 50 } })
      assert.equal(res.statusCode, 202, res.body)
      const id = res.json().id as string
      let report
      for (let i = 0; i < 300; i++) {
        report = (await app.inject({ method: 'GET', url: `/v1/newsletter/campaigns/${id}`, headers: bearer(campaignKey) })).json()
        if (report.status === 'finished') break
        await new Promise((r) => setTimeout(r, 100))
      }
      assert.deepEqual(report, { id, purpose: 'newsletter', status: 'finished', sent: 3, failed: 0, skipped: { no_consent: 1, objection_upheld: 1, suppressed: 1 }, sentByLanguage: { nl: 1, fr: 1, en: 1 }, inFlight: [] })
      await smtp.waitFor(3)
      for (const who of ['withdrawn', 'objecting', 'suppressed']) assert.equal(mailTo(EMAIL[who]!).length, 0, `nothing to the ${who} person`)
      const subjects = ['nl', 'fr', 'en'].map((who) => mailTo(EMAIL[who]!).map((m) => m.subject))
      assert.deepEqual(subjects, [['Nieuws van april'], ["Nouvelles d'avril"], ['April news']])
      for (const who of ['nl', 'fr', 'en']) {
        const mail = mailTo(EMAIL[who]!)[0]!
        assert.match(raw(mail, 'list-unsubscribe'), /^<https:\/\/privacy\.ixpole\.example\/newsletter\/unsubscribe\?t=[0-9a-f-]{36}\.[A-Za-z0-9_-]+&lang=(nl|fr|en)>$/)
        assert.equal(raw(mail, 'list-unsubscribe-post'), 'List-Unsubscribe=One-Click')
        const url = unsubscribeUrlOf(EMAIL[who]!).href
        assert.ok((mail.text ?? '').includes(url), 'the visible link in the text part')
        assert.ok((mail.html || '').replace(/&amp;/g, '&').includes(`href="${url}"`), 'the visible link in the HTML part')
      }
      assert.match(mailTo(EMAIL.nl!)[0]!.html || '', /<h1>Nieuws<\/h1>/)
      assert.match(mailTo(EMAIL.nl!)[0]!.text ?? '', /bezwaar/)
      // Again: nobody is sent the same campaign twice.
      const again = await runtime.campaigns.send(id)
      assert.equal(again.sent, 3)
      assert.equal(smtp.messages.length, 3)
      const rows = await t.database.db.selectFrom('newsletter_delivery').select(['subject_id', 'state']).where('campaign_id', '=', id).orderBy('subject_id').execute()
      assert.equal(rows.length, 6)
      assert.ok(!JSON.stringify(await t.database.db.selectFrom('audit_entry').selectAll().where('action', 'like', 'newsletter.%').execute()).includes('@'), 'no address in the audit log')
    })

    test('a campaign whose HTML loads a tracking pixel or a remote image is refused with the reason (ePrivacy Art. 5(3))', async () => {
      const pixel = await app.inject({ method: 'POST', url: '/v1/newsletter/campaigns', headers: bearer(campaignKey), payload: { purpose: 'newsletter', content: { default: { subject: 'x', html: '<p>Hi</p><img src="https://track.example/open.gif?u=1" width="1" height="1">' } } } })
      assert.equal(pixel.statusCode, 422)
      assert.equal(pixel.json().error.code, 'remote_content')
      assert.match(pixel.json().error.message, /content\.default\.html loads remote content \(src="https:\/\/track\.example\/open\.gif\?u=1"\).*Art\. 5\(3\).*Art\. 10\/2.*2\/2023/)
      const css = await app.inject({ method: 'POST', url: '/v1/newsletter/campaigns', headers: bearer(campaignKey), payload: { purpose: 'newsletter', content: { nl: { subject: 'x', html: '<div style="background-image:url(\'http://cdn.example/bg.png\')">x</div>' } } } })
      assert.equal(css.statusCode, 422)
      assert.match(css.json().error.message, /CSS url\(http:\/\/cdn\.example\/bg\.png\)/)
      const notMarketing = await app.inject({ method: 'POST', url: '/v1/newsletter/campaigns', headers: bearer(campaignKey), payload: { purpose: 'accounting', content: { default: { subject: 'x', html: '<p>x</p>' } } } })
      assert.equal(notMarketing.statusCode, 422)
      assert.equal(notMarketing.json().error.code, 'not_direct_marketing')
      const tooLong = await app.inject({ method: 'POST', url: '/v1/newsletter/campaigns', headers: bearer(campaignKey), payload: { purpose: 'newsletter', content: { default: { subject: 'x'.repeat(201), html: '<p>x</p>' } } } })
      assert.equal(tooLong.statusCode, 400)
      const campaigns = await t.database.db.selectFrom('newsletter_campaign').select('id').execute()
      assert.equal(campaigns.length, 1, 'nothing refused was recorded')
    })

    test('REQ-PR-01 the audience is refused to a key that is not a processor\'s for the purpose, and given (as recorded disclosures) to the mailing provider\'s', async () => {
      const plain = await app.inject({ method: 'GET', url: '/v1/newsletter/audience?purpose=newsletter', headers: bearer(campaignKey) })
      assert.equal(plain.statusCode, 403)
      assert.equal(plain.json().error.code, 'purpose_not_allowed_for_actor')
      const accountant = (await createApiKey(t.database.db, runtime.policy(), { name: 'accountant', purposes: ['newsletter'], recipientId: 'accounting_firm_be' })).token
      assert.equal((await app.inject({ method: 'GET', url: '/v1/newsletter/audience?purpose=newsletter', headers: bearer(accountant) })).statusCode, 403, 'a processor the policy does not name for the newsletter')
      assert.equal((await app.inject({ method: 'GET', url: '/v1/newsletter/audience?purpose=newsletter&lang=de', headers: bearer(mailingKey) })).statusCode, 400)
      const disclosures = async () => (await t.database.db.selectFrom('disclosure').select(['subject_id', 'recipient_id', 'purpose']).where('recipient_id', '=', 'mailing_us_dpf').execute()).length
      const res = await app.inject({ method: 'GET', url: '/v1/newsletter/audience?purpose=newsletter', headers: bearer(mailingKey) })
      assert.equal(res.statusCode, 200, res.body)
      const body = res.json() as { recipients: { id: string; email: string; lang: string; unsubscribeUrl: string }[]; next: string | null }
      assert.deepEqual(body.recipients.map((r) => [r.email, r.lang]).sort(), [['an.nl@example.be', 'nl'], ['benoit.fr@example.be', 'fr'], ['chris.en@example.be', 'en']])
      assert.equal(body.next, null)
      for (const r of body.recipients) assert.match(r.unsubscribeUrl, new RegExp(`^https://privacy\\.ixpole\\.example/newsletter/unsubscribe\\?t=${r.id}\\.[A-Za-z0-9_-]+&lang=${r.lang}$`))
      assert.equal(await disclosures(), 3)
      const fr = (await app.inject({ method: 'GET', url: '/v1/newsletter/audience?purpose=newsletter&lang=fr', headers: bearer(mailingKey) })).json()
      assert.deepEqual(fr.recipients.map((r: { email: string }) => r.email), [EMAIL.fr])
      assert.equal(await disclosures(), 4, 'one more disclosure: only the French subscriber was read')
    })

    test('REQ-DM-03 the provider\'s events are signed (HMAC-SHA256 over timestamp and body), within 5 minutes, once; a complaint suppresses, a bounce is recorded', async () => {
      const put = await app.inject({ method: 'PUT', url: '/v1/webhook-endpoint', headers: bearer(mailingKey), payload: { url: receiverUrl } })
      assert.equal(put.statusCode, 200, put.body)
      providerSecret = put.json().secret
      const token = unsubscribeUrlOf(EMAIL.en!).searchParams.get('t')!
      const body = JSON.stringify({ events: [{ id: 'evt-1', type: 'complaint', token }] })
      const now = Math.floor(Date.now() / 1000)
      const good = signPayload(providerSecret, now, body)
      const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === '0' ? '1' : '0') + s.slice(i + 1)
      for (const signature of [flip(good, 3), flip(good, good.length - 1), 'v1=abc', '']) {
        const res = await post('mailing_us_dpf', body, { timestamp: now, signature })
        assert.equal(res.statusCode, 401, `refused: ${signature.slice(0, 12)}`)
        assert.equal(res.json().error.code, 'invalid_signature')
      }
      const old = await post('mailing_us_dpf', body, { timestamp: now - 301, signature: signPayload(providerSecret, now - 301, body) })
      assert.deepEqual([old.statusCode, old.json().error.code], [401, 'timestamp_out_of_window'])
      const other = await post('accounting_firm_be', body)
      assert.equal(other.statusCode, 401, 'a recipient that is no mailing provider')
      assert.equal((await allowed(people.en!)).allowed, true, 'nothing changed yet')
      const ok = await post('mailing_us_dpf', body, { timestamp: now, signature: good })
      assert.equal(ok.statusCode, 200, ok.body)
      assert.deepEqual(ok.json(), { applied: 1, duplicates: 0, unknownTokens: 0 })
      assert.equal((await allowed(people.en!)).reason, 'no_consent')
      const suppressed = await t.database.db.selectFrom('suppression').select('hash').where('hash', '=', runtime.vault.addressHash('email', EMAIL.en!)).execute()
      assert.equal(suppressed.length, 1)
      assert.deepEqual((await post('mailing_us_dpf', body)).json(), { applied: 0, duplicates: 1, unknownTokens: 0 }, 'a replayed event id is a no-op')
      const frToken = unsubscribeUrlOf(EMAIL.fr!).searchParams.get('t')!
      const bounce = await post('mailing_us_dpf', JSON.stringify({ events: [{ id: 'evt-2', type: 'hard_bounce', token: frToken }, { id: 'evt-3', type: 'unsubscribe', token: 'nobody.AAAA' }] }))
      assert.deepEqual(bounce.json(), { applied: 1, duplicates: 0, unknownTokens: 1 })
      const rows = await t.database.db.selectFrom('newsletter_provider_event').select(['event_id', 'kind', 'subject_id']).orderBy('event_id').execute()
      assert.deepEqual(rows, [{ event_id: 'evt-1', kind: 'complaint', subject_id: people.en }, { event_id: 'evt-2', kind: 'hard_bounce', subject_id: people.fr }, { event_id: 'evt-3', kind: 'unsubscribe', subject_id: null }])
      assert.equal((await allowed(people.fr!)).allowed, true, 'a bounce is recorded, not an opt-out')
      const bad = await post('mailing_us_dpf', JSON.stringify({ events: [{ id: 'evt 4', type: 'spam', token: 'x' }] }))
      assert.equal(bad.statusCode, 400)
    })

    test('REQ-CON-06 REQ-CON-07 one POST to the List-Unsubscribe URL unsubscribes (multipart or urlencoded), a GET does not, and the provider is told by a signed webhook', async () => {
      const nl = unsubscribeUrlOf(EMAIL.nl!)
      const shown = await app.inject({ method: 'GET', url: `${nl.pathname}${nl.search}` })
      assert.equal(shown.statusCode, 200)
      assert.match(shown.body, /<form method="post"[^>]*>\s*<button type="submit">Uitschrijven<\/button>/)
      assert.equal((await allowed(people.nl!)).allowed, true, 'opening the link (a mail scanner) changed nothing')
      const boundary = '----pledgeTest7MA4YWxkTrZu0gW'
      const multipart = await app.inject({
        method: 'POST',
        url: `${nl.pathname}${nl.search}`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
      })
      assert.equal(multipart.statusCode, 200, multipart.body)
      assert.equal((await allowed(people.nl!)).reason, 'no_consent')
      const last = await t.database.db.selectFrom('consent_event').select(['act', 'channel']).where('subject_id', '=', people.nl!).orderBy('at', 'desc').executeTakeFirstOrThrow()
      assert.deepEqual(last, { act: 'one_click', channel: 'list_unsubscribe' })
      const fr = unsubscribeUrlOf(EMAIL.fr!)
      const urlencoded = await app.inject({ method: 'POST', url: `${fr.pathname}${fr.search}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' })
      assert.equal(urlencoded.statusCode, 200)
      assert.equal((await allowed(people.fr!)).reason, 'no_consent')
      // The complaint (from the provider) and both one-click unsubscribes made in Pledge: each told to the provider.
      await deliverProviderWebhooks()
      const told = received.filter((r) => r.valid).map((r) => JSON.parse(r.body) as { event: string; data: { subjectId: string; purposes: string[]; reason: string } })
      const byId = (a: unknown[], b: unknown[]) => String(a[1]).localeCompare(String(b[1]))
      assert.deepEqual(
        told.map((r) => [r.event, r.data.subjectId, r.data.purposes, r.data.reason]).sort(byId),
        [
          ['newsletter.opt_out', people.en, ['newsletter'], 'unsubscribed'],
          ['newsletter.opt_out', people.nl, ['newsletter'], 'unsubscribed'],
          ['newsletter.opt_out', people.fr, ['newsletter'], 'unsubscribed'],
        ].sort(byId),
      )
      assert.equal(received.every((r) => r.valid), true, 'every webhook signed with the provider\'s secret')
      assert.ok(!received.some((r) => r.body.includes('@')), 'ids only')
    })

    test('REQ-CON-07 a withdrawal through the API and an upheld objection reach the mailing provider as signed webhooks (no address in them)', async () => {
      const newsletterActor = runtime.gate.systemActor('newsletter')
      const d = (await runtime.gate.create(newsletterActor, 'newsletter', { type: 'newsletter_subscriber', data: { 'contact.email': 'dana@example.be' }, language: 'nl' }, { text: 'Ja', channel: 'web', lang: 'nl', act: 'double_opt_in_confirmed' })).id
      const e = (await runtime.gate.create(newsletterActor, 'newsletter', { type: 'newsletter_subscriber', data: { 'contact.email': 'eli@example.be' }, language: 'en' }, { text: 'Yes', channel: 'web', lang: 'en', act: 'double_opt_in_confirmed' })).id
      const before = received.length
      const res = await app.inject({ method: 'POST', url: `/v1/subjects/${d}/consents`, headers: bearer(campaignKey), payload: { purpose: 'newsletter', granted: false, text: 'Stop', channel: 'privacy_center' } })
      assert.ok(res.statusCode < 300, res.body)
      await runtime.gate.setObjection(runtime.gate.systemActor('requests'), await seedRequest(runtime, 'objection', { subjectIds: [e] }), e, 'newsletter', 'upheld')
      await deliverProviderWebhooks()
      const told = received.slice(before).map((r) => [r.valid, (JSON.parse(r.body) as { data: { subjectId: string; reason: string } }).data.subjectId, (JSON.parse(r.body) as { data: { reason: string } }).data.reason])
      assert.deepEqual(told.sort((a, b) => String(a[2]).localeCompare(String(b[2]))), [[true, e, 'objected'], [true, d, 'withdrawn']])
    })

    test('REQ-TR-03 a person from another source gets the Art. 14 notice before the mailing provider is given the address; a withdrawn person gets nothing', async () => {
      const newsletterActor = runtime.gate.systemActor('newsletter')
      const sourced = await runtime.gate.create(newsletterActor, 'newsletter', { type: 'newsletter_subscriber', data: { 'contact.email': 'fien.sourced@example.be' }, source: 'Visitors list of the Hasselt trade fair, 3 March 2026', language: 'nl' }, { text: 'Ja', channel: 'web', lang: 'nl', act: 'double_opt_in_confirmed' })
      assert.equal(mailTo('fien.sourced@example.be').length, 0)
      const res = await app.inject({ method: 'GET', url: '/v1/newsletter/audience?purpose=newsletter&lang=nl', headers: bearer(mailingKey) })
      assert.equal(res.statusCode, 200, res.body)
      assert.ok((res.json().recipients as { id: string }[]).some((r) => r.id === sourced.id), 'given to the provider')
      const notices = mailTo('fien.sourced@example.be')
      assert.equal(notices.length, 1, 'the Art. 14 notice went out first')
      const row = await runtime.database.db.selectFrom('art14_notice').select(['subject_id']).where('subject_id', '=', sourced.id).executeTakeFirst()
      assert.equal(row?.subject_id, sourced.id)
      assert.equal(mailTo(EMAIL.withdrawn!).length, 0, 'the withdrawn subscriber is neither told nor given')
      const again = await app.inject({ method: 'GET', url: '/v1/newsletter/audience?purpose=newsletter&lang=nl', headers: bearer(mailingKey) })
      assert.equal(again.statusCode, 200)
      assert.equal(mailTo('fien.sourced@example.be').length, 1, 'told once')
    })

    test('REQ-CON-07 the hourly safety round queues the opt-out webhook a crash lost (a withdrawal recorded without its webhook), once', async () => {
      const newsletterActor = runtime.gate.systemActor('newsletter')
      const lost = await runtime.gate.create(newsletterActor, 'newsletter', { type: 'newsletter_subscriber', data: { 'contact.email': 'lotte.lost@example.be' }, language: 'nl' }, { text: 'Ja', channel: 'web', lang: 'nl', act: 'double_opt_in_confirmed' })
      // Only what happens from here on (earlier tests' opt-outs came before the provider's endpoint existed).
      const since = new Date(Date.now() - 5)
      // The withdrawal is in the ledger, but the process died before its webhook was queued.
      await recordConsent(runtime.database.db, lost.id, { purpose: 'newsletter', granted: false, text: 'stop', channel: 'web', lang: 'nl', act: 'withdrawal_requested', obtainedBy: 'test:crash', statementVersion: 1 })
      const before = received.length
      assert.equal(await runtime.newsletter.sweepOptOuts(since), 1)
      await deliverProviderWebhooks()
      const told = received.slice(before).map((r) => ({ valid: r.valid, data: (JSON.parse(r.body) as { data: unknown }).data }))
      assert.deepEqual(told, [{ valid: true, data: { subjectId: lost.id, purposes: ['newsletter'], reason: 'withdrawn' } }])
      assert.equal(await runtime.newsletter.sweepOptOuts(since), 0, 'already told: nothing queued twice')
    })
  })
}
