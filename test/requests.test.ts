// Data-subject requests end to end through the HTTP API, on both databases, with mail over a real
// SMTP server: intake, verification and its brute-force limits, enumeration-proof answers, every
// right, staff decisions, the clock, processor routing and the audit trail.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { unzipSync, strFromU8 } from 'fflate'
import type { FastifyInstance } from 'fastify'
import type { ParsedMail } from 'mailparser'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'
import { CODE_ATTEMPTS, FILINGS_PER_ADDRESS_PER_HOUR } from '../src/requests/service.ts'

const BASE = 'https://privacy.ixpole.example'

function codeIn(mail: ParsedMail): string {
  const m = /#code=(\d{6})/.exec(mail.text ?? '')
  assert.ok(m, 'the acknowledgement carries the code in the link fragment')
  return m[1]!
}

function mailTo(smtp: TestSmtpServer, address: string, from = 0): ParsedMail[] {
  return smtp.messages.slice(from).filter((m, i) => smtp.envelopes[from + i]!.to.some((t) => t.toLowerCase() === address.toLowerCase()))
}

for (const variant of DATABASES) {
  describe(`${variant.name}: data-subject requests`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let smtp: TestSmtpServer
    let runtime: Runtime
    let app: FastifyInstance
    let clock = new Date('2026-11-25T10:00:00Z')
    const keys: Record<string, string> = {}
    let ip = 1
    const nextIp = () => `10.1.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`
    const auth = (name: string) => ({ authorization: `Bearer ${keys[name]}` })

    const createSubject = async (purpose: string, body: object, key = 'crm') => {
      const res = await app.inject({ method: 'POST', url: `/v1/subjects?purpose=${purpose}`, headers: auth(key), payload: body })
      assert.equal(res.statusCode, 201, res.body)
      return res.json().id as string
    }
    const file = (payload: object, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url: '/v1/requests', payload, headers, remoteAddress: nextIp() })
    /** Files, reads the code from the mail, verifies; returns the id and the session. */
    const fileAndVerify = async (type: string, email: string, extra: object = {}) => {
      const before = smtp.messages.length
      const res = await file({ type, email, lang: 'nl', ...extra })
      assert.equal(res.statusCode, 202, res.body)
      const id = res.json().id as string
      await smtp.waitFor(before + 1)
      const ack = mailTo(smtp, email, before).at(-1)!
      const verified = await app.inject({ method: 'POST', url: `/v1/requests/${id}/verify`, payload: { code: codeIn(ack) }, remoteAddress: nextIp() })
      assert.equal(verified.statusCode, 200, verified.body)
      return { id, session: verified.json().session as string, view: verified.json().request }
    }
    const status = (id: string, session: string) => app.inject({ method: 'GET', url: `/v1/requests/${id}`, headers: { authorization: `Bearer ${session}` } })

    before(async () => {
      t = await variant.open()
      smtp = await startSmtpServer()
      runtime = await testRuntime(t.database, { smtpUrl: smtp.url, baseUrl: BASE, now: () => clock })
      app = await buildApp(runtime)
      const policy = runtime.policy()
      const make = async (name: string, purposes: string[], extra: object = {}) => (keys[name] = (await createApiKey(t.database.db, policy, { name, purposes, ...extra })).token)
      await make('crm', ['customer_registration', 'contract_execution', 'accounting', 'customer_service', 'newsletter', 'prospect_registration', 'customer_information', 'market_research'])
      await make('dpo', ['data_subject_request'])
      await make('acme', ['processing_for_customers', 'data_subject_request'], { tenantId: 'acme' })
      await make('helpdesk', ['customer_service'], { recipientId: 'helpdesk_us_scc' })
      // The recipient and the customer listen for Art. 19 notices and routed requests.
      for (const [name, url] of [['helpdesk', 'https://helpdesk.example/pledge'], ['acme', 'https://acme.example/pledge']] as const) {
        const r = await app.inject({ method: 'PUT', url: '/v1/webhook-endpoint', headers: auth(name), payload: { url } })
        assert.equal(r.statusCode < 300, true, r.body)
      }
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await smtp?.close()
      await t?.drop()
    })

    test('REQ-TR-05 REQ-TR-06 REQ-TR-07 REQ-TR-11 filing answers 202 with id, receipt and due date, and acknowledges in the language', async (ctx) => {
      const saved = clock
      ctx.after(() => void (clock = saved))
      clock = new Date('2027-01-31T12:00:00Z')
      const before = smtp.messages.length
      const res = await file({ type: 'access', email: 'nobody.yet@example.be', lang: 'fr' })
      assert.equal(res.statusCode, 202, res.body)
      const body = res.json()
      assert.match(body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a random (v4) uuid')
      assert.equal(body.status, 'awaiting_verification')
      assert.equal(body.receivedAt, '2027-01-31T12:00:00.000Z')
      assert.equal(body.dueAt, '2027-02-28', 'one calendar month, clamped to the end of February')
      await smtp.waitFor(before + 1)
      const ack = mailTo(smtp, 'nobody.yet@example.be', before)[0]!
      assert.equal(ack.subject, 'Nous avons reçu votre demande : Accès — iXpole', 'the acknowledgement is in French')
      assert.match(ack.html || '', /^<!DOCTYPE html>\n<html lang="fr">/)
      assert.match(ack.text ?? '', /2027/)
      assert.doesNotMatch(ack.text ?? '', /carte d'identité|identity card|identiteitskaart/i, 'no identity document asked')
      const invalid = await file({ type: 'access', email: 'not-an-address', lang: 'en' })
      assert.equal(invalid.statusCode, 400)
      assert.equal(invalid.json().error.code, 'invalid_email')
      const wrongType = await file({ type: 'complaint', email: 'a@example.be' })
      assert.equal(wrongType.statusCode, 400)
    })

    test('REQ-ID-01 REQ-ID-08 an unknown address gets the same answer, the same mail with a code, and after the code: no data held', async () => {
      await createSubject('customer_registration', { type: 'customer', data: { 'contact.name': 'Known Klant', 'contact.email': 'known@example.be', 'online.ip_address': '192.0.2.4' } })
      const before = smtp.messages.length
      const known = await file({ type: 'access', email: 'known@example.be', lang: 'en' })
      const unknown = await file({ type: 'access', email: 'stranger@example.be', lang: 'en' })
      assert.equal(known.statusCode, unknown.statusCode)
      assert.deepEqual(Object.keys(known.json()).sort(), Object.keys(unknown.json()).sort())
      assert.equal(known.json().status, unknown.json().status)
      await smtp.waitFor(before + 2)
      const a = mailTo(smtp, 'known@example.be', before)[0]!
      const b = mailTo(smtp, 'stranger@example.be', before)[0]!
      assert.equal(a.subject, b.subject, 'the same mail either way')
      const verified = await app.inject({ method: 'POST', url: `/v1/requests/${unknown.json().id}/verify`, payload: { code: codeIn(b) }, remoteAddress: nextIp() })
      assert.equal(verified.statusCode, 200)
      const view = (await status(unknown.json().id, verified.json().session)).json()
      assert.equal(view.status, 'completed')
      assert.equal(view.outcome.kind, 'no_data')
      await smtp.waitFor(before + 3)
      assert.ok(mailTo(smtp, 'stranger@example.be', before).length >= 2, 'the no-data answer is mailed')
    })

    test(`REQ-ID-03 codes are single use, expire, and after ${CODE_ATTEMPTS} wrong tries the request is closed and the person told`, async () => {
      const before = smtp.messages.length
      const res = await file({ type: 'access', email: 'guess@example.be', lang: 'en' })
      const id = res.json().id
      await smtp.waitFor(before + 1)
      const code = codeIn(mailTo(smtp, 'guess@example.be', before)[0]!)
      const wrong = code === '000000' ? '111111' : '000000'
      for (let i = 1; i <= CODE_ATTEMPTS; i++) {
        const r = await app.inject({ method: 'POST', url: `/v1/requests/${id}/verify`, payload: { code: wrong }, remoteAddress: nextIp() })
        assert.equal(r.statusCode, 400)
        assert.equal(r.json().error.details.attemptsLeft, CODE_ATTEMPTS - i)
      }
      const locked = await app.inject({ method: 'POST', url: `/v1/requests/${id}/verify`, payload: { code }, remoteAddress: nextIp() })
      assert.equal(locked.statusCode, 429, 'even the right code is refused after too many tries')
      await smtp.waitFor(before + 2)
      assert.equal(mailTo(smtp, 'guess@example.be', before)[1]!.subject, 'Your request was closed for your protection — iXpole', 'the person is told')
      // A new code does not reopen it: the person files again, and that new request's code works once.
      const before2 = smtp.messages.length
      assert.equal((await app.inject({ method: 'POST', url: `/v1/requests/${id}/resend`, remoteAddress: nextIp() })).statusCode, 202)
      const again = await file({ type: 'access', email: 'guess@example.be', lang: 'en' })
      await smtp.waitFor(before2 + 1)
      assert.equal(mailTo(smtp, 'guess@example.be', before2).length, 1, 'no code for the closed request, one for the new one')
      const fresh = codeIn(mailTo(smtp, 'guess@example.be', before2)[0]!)
      assert.equal((await app.inject({ method: 'POST', url: `/v1/requests/${again.json().id}/verify`, payload: { code: fresh }, remoteAddress: nextIp() })).statusCode, 200)
      assert.equal((await app.inject({ method: 'POST', url: `/v1/requests/${again.json().id}/verify`, payload: { code: fresh }, remoteAddress: nextIp() })).statusCode, 409)
      // Expiry.
      const before3 = smtp.messages.length
      const late = await file({ type: 'erasure', email: 'late@example.be', lang: 'en' })
      await smtp.waitFor(before3 + 1)
      const lateCode = codeIn(mailTo(smtp, 'late@example.be', before3)[0]!)
      const saved = clock
      clock = new Date(clock.getTime() + 31 * 60_000)
      const expired = await app.inject({ method: 'POST', url: `/v1/requests/${late.json().id}/verify`, payload: { code: lateCode }, remoteAddress: nextIp() })
      clock = saved
      assert.equal(expired.statusCode, 410)
      assert.equal(expired.json().error.code, 'code_expired')
    })

    test('REQ-ID-01 filing is rate-limited per address and the same submission twice is one request', async () => {
      const one = await file({ type: 'portability', email: 'twice@example.be', lang: 'en' }, { 'idempotency-key': 'form-123' })
      const two = await file({ type: 'portability', email: 'twice@example.be', lang: 'en' }, { 'idempotency-key': 'form-123' })
      assert.equal(one.json().id, two.json().id)
      let last = 0
      for (let i = 0; i < FILINGS_PER_ADDRESS_PER_HOUR + 1; i++) last = (await file({ type: 'objection', email: 'flood@example.be', lang: 'en' })).statusCode
      assert.equal(last, 429)
      const status = (await file({ type: 'objection', email: 'flood@example.be' })).json()
      assert.equal(status.error.code, 'rate_limited')
      assert.doesNotMatch(JSON.stringify(status), /flood@/, 'the error does not echo the address')
    })

    test('REQ-AC-01 REQ-AC-06 REQ-AC-09 REQ-TR-12 access: the verified requester downloads a ZIP with data.json, data.csv and report.html', async () => {
      const id = await createSubject('customer_registration', { type: 'customer', data: { 'contact.name': 'An Access', 'contact.email': 'an.access@example.be', 'online.ip_address': '198.51.100.7' } })
      const { id: requestId, session } = await fileAndVerify('access', 'an.access@example.be')
      const view = (await status(requestId, session)).json()
      assert.equal(view.status, 'completed', JSON.stringify(view))
      assert.ok(view.download?.url, 'a download link')
      const noSession = await app.inject({ method: 'GET', url: view.download.url })
      assert.equal(noSession.statusCode, 401, 'the link alone is not enough')
      const zip = await app.inject({ method: 'GET', url: view.download.url, headers: { authorization: `Bearer ${session}` } })
      assert.equal(zip.statusCode, 200)
      assert.match(String(zip.headers['content-disposition']), /attachment/)
      const files = unzipSync(new Uint8Array(zip.rawPayload))
      assert.deepEqual(Object.keys(files).sort(), ['data.csv', 'data.json', 'report.html'])
      const data = strFromU8(files['data.json']!)
      assert.match(data, /An Access/)
      assert.match(data, /198\.51\.100\.7/)
      assert.match(strFromU8(files['report.html']!), /lang="nl"/)
      const report = strFromU8(files['report.html']!)
      assert.match(report, /id="art15-uses"/, 'REQ-AC-09 how the data were used')
      assert.match(report, /geregistreerd/, 'the registration is among the uses')
      const uses = JSON.parse(data).uses as { by: string; action: string }[]
      assert.ok(uses.some((u) => u.action === 'subject.create' && u.by === 'service'))
      assert.doesNotMatch(JSON.stringify(uses), /key:|staff:/, 'not who')
      const audit = await t.database.db.selectFrom('audit_entry').selectAll().where('subject_id', '=', id).where('action', '=', 'request.export').execute()
      assert.ok(audit.length >= 1 && audit.every((a) => a.purpose === 'data_subject_request'), 'the export went through the gate under the built-in purpose')
      const expired = clock
      clock = new Date(clock.getTime() + 15 * 86_400_000)
      assert.equal((await app.inject({ method: 'GET', url: view.download.url, headers: { authorization: `Bearer ${session}` } })).statusCode, 409, 'the download expires')
      clock = expired
    })

    test('REQ-PO-01 REQ-PO-02 REQ-PO-03 portability: only consent or contract data, JSON and CSV with a schema; a push waits for staff and never reaches a private address', async () => {
      const id = await createSubject('customer_registration', { type: 'customer', data: { 'contact.name': 'Paul Port', 'contact.email': 'paul.port@example.be', 'online.ip_address': '203.0.113.20' } })
      await app.inject({ method: 'POST', url: `/v1/subjects/${id}/events`, headers: auth('crm'), payload: { event: 'contract_started' } })
      await app.inject({ method: 'POST', url: `/v1/subjects/${id}/events`, headers: auth('crm'), payload: { event: 'invoice_issued' } })
      const written = await app.inject({ method: 'PATCH', url: `/v1/subjects/${id}?purpose=accounting`, headers: auth('crm'), payload: { data: { 'identification.vat_number': 'BE0123456789' } } })
      assert.equal(written.statusCode, 200, written.body)
      const { id: requestId, session } = await fileAndVerify('portability', 'paul.port@example.be')
      const view = (await status(requestId, session)).json()
      assert.equal(view.status, 'completed')
      const zip = await app.inject({ method: 'GET', url: view.download.url, headers: { authorization: `Bearer ${session}` } })
      const files = unzipSync(new Uint8Array(zip.rawPayload))
      assert.deepEqual(Object.keys(files).sort(), ['data.csv', 'data.json', 'schema.json'])
      const json = strFromU8(files['data.json']!)
      assert.match(json, /Paul Port/)
      assert.doesNotMatch(json, /BE0123456789/, 'accounting data (legal obligation) is not portable')
      assert.ok((await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=customer_registration`, headers: auth('crm') })).statusCode === 200, 'portability erases nothing')

      const pushed = await fileAndVerify('portability', 'paul.port@example.be', { pushTo: 'https://127.0.0.1:9/import', pushCountry: 'BE' })
      const waiting = (await status(pushed.id, pushed.session)).json()
      assert.equal(waiting.status, 'in_progress', 'a push waits for a staff confirmation')
      const refused = await app.inject({ method: 'POST', url: `/v1/staff/requests/${pushed.id}/confirm-push`, headers: auth('dpo'), payload: {} })
      assert.equal(refused.statusCode, 502)
      assert.equal(refused.json().error.code, 'push_refused', refused.body)
      const plain = await file({ type: 'portability', email: 'paul.port@example.be', pushTo: 'http://other.example/import' })
      assert.equal(plain.statusCode, 400)
      assert.equal(plain.json().error.code, 'invalid_push_url')
    })

    test('REQ-ER-01 REQ-ER-02 REQ-ER-03 REQ-ER-06 erasure: the data become unreadable, recipients are notified, the confirmation says what was kept and until when', async () => {
      const id = await createSubject('customer_registration', { type: 'customer', data: { 'contact.name': 'Eva Erase', 'contact.email': 'eva.erase@example.be', 'online.ip_address': '203.0.113.9' } })
      // The helpdesk (a recipient) reads the data: a disclosure to notify later (Art. 19).
      await app.inject({ method: 'POST', url: `/v1/subjects/${id}/events`, headers: auth('crm'), payload: { event: 'contract_started' } })
      await app.inject({ method: 'POST', url: `/v1/subjects/${id}/events`, headers: auth('crm'), payload: { event: 'invoice_issued' } })
      const invoice = await app.inject({ method: 'PATCH', url: `/v1/subjects/${id}?purpose=accounting`, headers: auth('crm'), payload: { data: { 'contact.address': 'Kerkstraat 1, 3500 Hasselt', 'financial.payment_data': 'INV-2026-001 paid' } } })
      assert.equal(invoice.statusCode, 200, invoice.body)
      const read = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=customer_service`, headers: auth('helpdesk') })
      assert.equal(read.statusCode, 200, read.body)
      const before = smtp.messages.length
      const { id: requestId, session } = await fileAndVerify('erasure', 'eva.erase@example.be')
      const view = (await status(requestId, session)).json()
      assert.equal(view.status, 'completed', JSON.stringify(view))
      assert.equal(view.outcome.kind, 'erased')
      assert.ok(view.outcome.erased.includes('online.ip_address'))
      assert.ok(view.outcome.kept.some((k: { purpose: string; category: string; until: string | null }) => k.purpose === 'accounting' && k.category === 'financial.payment_data' && /^\d{4}-\d{2}-\d{2}$/.test(k.until ?? '')), 'invoice data kept for accounting, with an end date')
      const after = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=customer_service`, headers: auth('crm') })
      assert.equal(after.statusCode, 403, after.body)
      assert.equal(after.json().error.code, 'subject_erased')
      const kept = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=accounting`, headers: auth('crm') })
      assert.equal(kept.statusCode, 200, kept.body)
      assert.deepEqual(kept.json().data['financial.payment_data'], ['INV-2026-001 paid'], 'REQ-ER-03 kept under the retention key, for accounting only')
      assert.equal(kept.json().data['contact.email'], undefined)
      const key = await t.database.db.selectFrom('subject_key').selectAll().where('subject_id', '=', id).where('kind', '=', 'ordinary').execute()
      assert.equal(key.length, 0, 'the ordinary data key is destroyed')
      const deliveries = await runtime.webhooks.deliveriesFor('recipient:helpdesk_us_scc')
      assert.ok(deliveries.some((d) => d.event === 'subject.erased'), 'the recipient is notified')
      await smtp.waitFor(before + 2)
      assert.ok(mailTo(smtp, 'eva.erase@example.be', before).length >= 2, 'acknowledgement and confirmation')
      const entries = await t.database.db.selectFrom('audit_entry').selectAll().execute()
      assert.ok(!JSON.stringify(entries).includes('eva.erase'), 'no address in the audit log')
    })

    test('REQ-RS-01 REQ-RS-02 REQ-RS-03 restriction: only storage and legal claims, and the person is told before it is lifted', async () => {
      const id = await createSubject('customer_registration', { type: 'customer', data: { 'contact.name': 'Rita Restrict', 'contact.email': 'rita@example.be', 'online.ip_address': '203.0.113.10' } })
      const { id: requestId } = await fileAndVerify('restriction', 'rita@example.be')
      const denied = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=customer_registration`, headers: auth('crm') })
      assert.equal(denied.statusCode, 403)
      assert.equal(denied.json().error.code, 'restricted')
      const early = await app.inject({ method: 'POST', url: `/v1/staff/requests/${requestId}/lift-restriction`, headers: auth('dpo'), payload: {} })
      assert.equal(early.statusCode, 409)
      assert.equal(early.json().error.code, 'lift_notice_required')
      assert.equal((await app.inject({ method: 'POST', url: `/v1/staff/requests/${requestId}/restriction-lift-notice`, headers: auth('dpo'), payload: { liftOn: '2026-12-10' } })).statusCode, 200)
      assert.equal((await app.inject({ method: 'POST', url: `/v1/staff/requests/${requestId}/lift-restriction`, headers: auth('dpo'), payload: {} })).statusCode, 200)
      assert.equal((await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=customer_registration`, headers: auth('crm') })).statusCode, 200)
    })

    test('REQ-OB-01 REQ-OB-02 objection: direct marketing stops at once; other legitimate interests wait for a documented decision', async () => {
      const id = await createSubject('customer_registration', { type: 'customer', data: { 'contact.name': 'Otto Object', 'contact.email': 'otto@example.be', 'online.ip_address': '203.0.113.11' } })
      await app.inject({ method: 'POST', url: `/v1/subjects/${id}/events`, headers: auth('crm'), payload: { event: 'contract_started' } })
      const { id: requestId, session } = await fileAndVerify('objection', 'otto@example.be')
      const view = (await status(requestId, session)).json()
      // A customer: both direct-marketing purposes stop; market research (legitimate interests for a
      // customer) waits for staff; contract purposes and legal defence are not objectable here.
      assert.deepEqual(view.outcome, { kind: 'objection', upheld: ['customer_information', 'newsletter'], pending: ['market_research'] })
      for (const purpose of ['customer_information', 'newsletter']) {
        const marketing = await app.inject({ method: 'GET', url: `/v1/consents/check?subject=${id}&purpose=${purpose}`, headers: auth('crm') })
        assert.equal(marketing.json().allowed, false, purpose)
      }
      const pending = view.outcome.pending as string[]
      // The job runs at least once: running it again changes nothing and mails nobody.
      const mails = smtp.messages.length
      await runtime.fulfilment.run(requestId)
      assert.deepEqual((await status(requestId, session)).json().outcome, view.outcome)
      assert.equal(smtp.messages.length, mails)
      const tooThin = await app.inject({ method: 'POST', url: `/v1/staff/requests/${requestId}/objection-decision`, headers: auth('dpo'), payload: { purpose: pending[0], upheld: false, grounds: 'no' } })
      assert.equal(tooThin.statusCode, 400)
      for (const purpose of pending) {
        const r = await app.inject({ method: 'POST', url: `/v1/staff/requests/${requestId}/objection-decision`, headers: auth('dpo'), payload: { purpose, upheld: true } })
        assert.equal(r.statusCode, 200, r.body)
      }
      assert.equal((await status(requestId, session)).json().status, 'completed')
    })

    test('withdraw_consent has the same effect as a withdrawal in the consent ledger', async () => {
      const id = await createSubject('prospect_registration', { type: 'prospect', data: { 'contact.name': 'Wim Withdraw', 'contact.email': 'wim@example.be' } })
      const given = await app.inject({ method: 'POST', url: `/v1/subjects/${id}/consents`, headers: auth('crm'), payload: { purpose: 'market_research', granted: true, text: 'Ja, u mag mij bevragen voor marktonderzoek.', channel: 'web', lang: 'nl' } })
      assert.equal(given.statusCode < 300, true, given.body)
      const { id: requestId, session } = await fileAndVerify('withdraw_consent', 'wim@example.be')
      const view = (await status(requestId, session)).json()
      assert.equal(view.status, 'completed')
      assert.deepEqual(view.outcome.purposes, ['market_research'])
      const consents = await app.inject({ method: 'GET', url: `/v1/subjects/${id}/consents`, headers: auth('crm') })
      assert.equal(consents.json().current.market_research, false)
      const check = await app.inject({ method: 'GET', url: `/v1/consents/check?subject=${id}&purpose=market_research`, headers: auth('crm') })
      assert.equal(check.json().allowed, false)
    })

    test('REQ-RE-01 REQ-RE-03 rectification: staff write the corrected value through the gate and recipients are notified', async () => {
      const id = await createSubject('customer_registration', { type: 'customer', data: { 'contact.name': 'Rob Wrong', 'contact.email': 'rob@example.be', 'online.ip_address': '203.0.113.12' } })
      await app.inject({ method: 'POST', url: `/v1/subjects/${id}/events`, headers: auth('crm'), payload: { event: 'contract_started' } })
      await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=customer_service`, headers: auth('helpdesk') })
      const { id: requestId } = await fileAndVerify('rectification', 'rob@example.be', { details: 'My name is Rob Right' })
      const handler = (await app.inject({ method: 'GET', url: `/v1/staff/requests/${requestId}`, headers: auth('dpo') })).json()
      assert.equal(handler.requester.details, 'My name is Rob Right', 'the handler reads the person\'s words')
      assert.equal(handler.requester.email, 'rob@example.be')
      const listed = (await app.inject({ method: 'GET', url: '/v1/staff/requests', headers: auth('dpo') })).body
      assert.doesNotMatch(listed, /rob@example|Rob Right/, 'lists carry no personal data')
      const r = await app.inject({ method: 'POST', url: `/v1/staff/requests/${requestId}/rectify`, headers: auth('dpo'), payload: { subjectId: id, data: { 'contact.name': 'Rob Right' } } })
      assert.equal(r.statusCode, 200, r.body)
      assert.equal(r.json().status, 'completed')
      const read = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=customer_registration`, headers: auth('crm') })
      assert.equal(read.json().data['contact.name'], 'Rob Right')
      assert.ok((await runtime.webhooks.deliveriesFor('recipient:helpdesk_us_scc')).some((d) => d.event === 'subject.rectified'))
    })

    test('REQ-TR-06 REQ-TR-07 REQ-TR-08 staff record a posted request with its real date; extension only with a reason and before the first due date', async () => {
      const res = await app.inject({ method: 'POST', url: '/v1/staff/requests', headers: auth('dpo'), payload: { type: 'access', email: 'post@example.be', lang: 'nl', channel: 'post', receivedAt: '2026-10-31T09:00:00Z', verification: 'known_channel' } })
      assert.equal(res.statusCode, 202, res.body)
      assert.equal(res.json().dueAt, '2026-11-30')
      assert.equal(res.json().status, 'completed', 'from the address on record, no code needed; nothing held under it')
      const open = await app.inject({ method: 'POST', url: '/v1/staff/requests', headers: auth('dpo'), payload: { type: 'rectification', email: 'phone@example.be', lang: 'fr', channel: 'phone', receivedAt: '2026-11-10T09:00:00Z' } })
      const openId = open.json().id
      const noReason = await app.inject({ method: 'POST', url: `/v1/staff/requests/${openId}/extend`, headers: auth('dpo'), payload: { months: 2, reason: 'busy' } })
      assert.equal(noReason.statusCode, 409)
      assert.equal(noReason.json().error.code, 'extension_reason_required')
      const tooLong = await app.inject({ method: 'POST', url: `/v1/staff/requests/${openId}/extend`, headers: auth('dpo'), payload: { months: 3, reason: 'many linked records across several systems' } })
      assert.equal(tooLong.statusCode, 400, 'at most two months')
      const ok = await app.inject({ method: 'POST', url: `/v1/staff/requests/${openId}/extend`, headers: auth('dpo'), payload: { months: 2, reason: 'many linked records across several systems' } })
      assert.equal(ok.statusCode, 200, ok.body)
      assert.equal(ok.json().request.dueAt, '2027-02-10')
      const late = await app.inject({ method: 'POST', url: '/v1/staff/requests', headers: auth('dpo'), payload: { type: 'rectification', email: 'late.post@example.be', lang: 'en', channel: 'post', receivedAt: '2026-10-01T09:00:00Z' } })
      const refused = await app.inject({ method: 'POST', url: `/v1/staff/requests/${late.json().id}/extend`, headers: auth('dpo'), payload: { months: 1, reason: 'many linked records across several systems' } })
      assert.equal(refused.statusCode, 409)
      assert.equal(refused.json().error.code, 'extension_too_late')
      const notHandler = await app.inject({ method: 'GET', url: '/v1/staff/requests', headers: auth('crm') })
      assert.equal(notHandler.statusCode, 403, 'only keys with the request-handling purpose')
      const customerRecords = await app.inject({ method: 'POST', url: '/v1/staff/requests', headers: auth('acme'), payload: { type: 'access', email: 'x@example.be', lang: 'en', channel: 'post', receivedAt: '2026-11-20T09:00:00Z' } })
      assert.equal(customerRecords.statusCode, 403, 'a customer answers routed requests; it does not record new ones')
      const denials = await t.database.db.selectFrom('audit_entry').select(['action', 'decision']).where('action', 'in', ['request.list', 'request.record']).execute()
      assert.ok(denials.some((d) => d.action === 'request.list' && d.decision === 'deny'), 'the refusal is audited')
      const overdue = await app.inject({ method: 'GET', url: '/v1/staff/requests?overdue=true', headers: auth('dpo') })
      assert.ok(overdue.json().requests.some((r: { id: string }) => r.id === late.json().id))
    })

    test('REQ-ID-02 REQ-ID-03 REQ-ID-05 REQ-ID-06 a doubt needs a reason code, the least intrusive means first, pauses the clock, and keeps no document', async () => {
      const id = await createSubject('customer_registration', { type: 'customer', data: { 'contact.name': 'Dora Doubt', 'contact.email': 'dora@example.be', 'online.ip_address': '203.0.113.13' } })
      assert.ok(id)
      const { id: requestId } = await fileAndVerify('rectification', 'dora@example.be')
      const free = await app.inject({ method: 'POST', url: `/v1/staff/requests/${requestId}/doubt`, headers: auth('dpo'), payload: { reason: 'I just feel like it', means: 'id_document' } })
      assert.equal(free.statusCode, 400, 'no free-form doubt')
      const idFirst = await app.inject({ method: 'POST', url: `/v1/staff/requests/${requestId}/doubt`, headers: auth('dpo'), payload: { reason: 'details_mismatch', means: 'id_document' } })
      assert.equal(idFirst.statusCode, 409)
      assert.equal(idFirst.json().error.code, 'less_intrusive_means_first')
      const asked = await app.inject({ method: 'POST', url: `/v1/staff/requests/${requestId}/doubt`, headers: auth('dpo'), payload: { reason: 'details_mismatch', means: 'known_data_question' } })
      assert.equal(asked.statusCode, 200, asked.body)
      assert.equal(asked.json().request.paused, true)
      const due = asked.json().request.dueAt
      clock = new Date(clock.getTime() + 5 * 86_400_000)
      const answered = await app.inject({ method: 'POST', url: `/v1/staff/requests/${requestId}/identity-verified`, headers: auth('dpo'), payload: { method: 'known_data_question' } })
      clock = new Date(clock.getTime() - 5 * 86_400_000)
      assert.equal(answered.statusCode, 200, answered.body)
      const view = answered.json().request
      assert.equal(view.dueAt > due, true, 'the due date moved by the days paused')
      assert.deepEqual(Object.keys(view.verification).sort(), ['at', 'by', 'method', 'verified'])
    })

    test('REQ-TR-10 repeated requests are flagged, a fee or refusal needs a justification announced first, the first copy is free', async () => {
      await createSubject('customer_registration', { type: 'customer', data: { 'contact.name': 'Rep Eat', 'contact.email': 'repeat@example.be', 'online.ip_address': '203.0.113.14' } })
      const first = await fileAndVerify('access', 'repeat@example.be')
      const fee = await app.inject({ method: 'POST', url: `/v1/staff/requests/${first.id}/announce`, headers: auth('dpo'), payload: { kind: 'fee', feeCents: 500, justification: 'The same access request every week for a month, see log.' } })
      assert.equal(fee.statusCode, 409)
      const second = await file({ type: 'access', email: 'repeat@example.be', lang: 'nl' })
      const view = await app.inject({ method: 'GET', url: `/v1/staff/requests/${second.json().id}`, headers: auth('dpo') })
      assert.equal(view.json().request.repeated, true, 'flagged for a person')
      assert.equal(view.json().request.status, 'awaiting_verification', 'nothing refused automatically')
      const early = await app.inject({ method: 'POST', url: `/v1/staff/requests/${second.json().id}/refuse`, headers: auth('dpo'), payload: {} })
      assert.equal(early.statusCode, 409)
      const before = smtp.messages.length
      const announce = await app.inject({ method: 'POST', url: `/v1/staff/requests/${second.json().id}/announce`, headers: auth('dpo'), payload: { kind: 'refusal', justification: 'The same access request every week for a month, see log.' } })
      assert.equal(announce.statusCode, 200, announce.body)
      const refused = await app.inject({ method: 'POST', url: `/v1/staff/requests/${second.json().id}/refuse`, headers: auth('dpo'), payload: {} })
      assert.equal(refused.statusCode, 200)
      assert.equal(refused.json().request.status, 'refused')
      await smtp.waitFor(before + 2)
      const last = mailTo(smtp, 'repeat@example.be', before).at(-1)!
      assert.match(last.text ?? '', /gegevensbeschermingsautoriteit|GBA/i, 'the refusal names the right to complain')
    })

    test('REQ-PR-01 REQ-PR-02 a request about a customer\'s visitor is routed to that customer, who fulfils and closes it', async () => {
      const visitor = await createSubject('processing_for_customers', { type: 'customer_visitor', externalId: 'v-77', data: { 'contact.name': 'Vera Visitor', 'contact.email': 'vera@example.be' } }, 'acme')
      const { id: requestId, session } = await fileAndVerify('erasure', 'vera@example.be')
      const view = (await status(requestId, session)).json()
      assert.equal(view.status, 'waiting_on_controller')
      assert.equal(view.outcome.kind, 'routed_to_customer')
      const controller = await app.inject({ method: 'GET', url: `/v1/staff/requests/${requestId}`, headers: auth('dpo') })
      assert.equal(controller.statusCode, 404, 'the controller does not answer it')
      const listed = await app.inject({ method: 'GET', url: '/v1/staff/requests', headers: auth('acme') })
      assert.ok(listed.json().requests.some((r: { id: string }) => r.id === requestId))
      const staffView = (await app.inject({ method: 'GET', url: `/v1/staff/requests/${requestId}`, headers: auth('acme') })).json().request
      assert.ok(new Date(staffView.routedAt).getTime() - new Date(staffView.receivedAt).getTime() <= 2 * 86_400_000, 'routed within the SLA')
      assert.ok((await runtime.webhooks.deliveriesFor('tenant:acme')).some((d) => d.event === 'request.routed'))
      const erased = await app.inject({ method: 'POST', url: `/v1/staff/requests/${requestId}/fulfil`, headers: auth('acme'), payload: { action: 'erase', subjectId: visitor } })
      assert.equal(erased.statusCode, 200, erased.body)
      const closed = await app.inject({ method: 'POST', url: `/v1/staff/requests/${requestId}/close`, headers: auth('acme'), payload: { note: 'answered' } })
      assert.equal(closed.statusCode, 200)
      assert.equal((await status(requestId, session)).json().status, 'completed')
    })

    test('REQ-TR-03 REQ-TR-07 the daily round sends Art. 14 notices with the specific source, and reminds staff at day 20', async () => {
      const id = await createSubject('prospect_registration', { type: 'prospect', source: 'Fair list bought from Expo Hasselt on 2026-11-02', data: { 'contact.name': 'Pia Prospect', 'contact.email': 'pia@example.be' } })
      assert.ok(id)
      const reminded = await file({ type: 'access', email: 'reminder@example.be', lang: 'en' })
      assert.equal(reminded.statusCode, 202)
      const before = smtp.messages.length
      const saved = clock
      clock = new Date(clock.getTime() + 20 * 86_400_000)
      const { dailyRound } = await import('../src/requests/jobs.ts')
      const report = await dailyRound({ requests: runtime.requests, gate: runtime.gate, vault: runtime.vault, mailer: runtime.mailer, baseUrl: BASE, policy: runtime.policy, logger: runtime.logger, now: () => clock })
      clock = saved
      assert.ok(report.art14Sent >= 1)
      assert.ok(report.reminded >= 1, 'day 20 after receipt')
      await smtp.waitFor(before + 2)
      const notice = mailTo(smtp, 'pia@example.be', before)[0]!
      assert.match(notice.text ?? '', /Expo Hasselt/, 'the specific source')
      const again = await dailyRound({ requests: runtime.requests, gate: runtime.gate, vault: runtime.vault, mailer: runtime.mailer, baseUrl: BASE, policy: runtime.policy, logger: runtime.logger, now: () => clock })
      assert.equal(again.art14Sent, 0, 'sent once')
      const staff = smtp.messages.slice(before).find((m) => /reminder/.test(m.subject ?? ''))
      assert.ok(staff, 'staff are reminded')
      assert.doesNotMatch(staff!.text ?? '', /reminder@example/, 'ids only in the staff mail')
    })

    test('REQ-PR-01 a customer exports and rectifies for its own visitor; another customer\'s key cannot touch the request', async () => {
      const visitor = await createSubject('processing_for_customers', { type: 'customer_visitor', externalId: 'v-99', data: { 'contact.name': 'Xavier Wrongname', 'contact.email': 'xavier@example.be' } }, 'acme')
      const access = await fileAndVerify('access', 'xavier@example.be')
      assert.equal((await status(access.id, access.session)).json().status, 'waiting_on_controller')
      const zip = await app.inject({ method: 'GET', url: `/v1/staff/requests/${access.id}/export`, headers: auth('acme') })
      assert.equal(zip.statusCode, 200, zip.body)
      assert.match(strFromU8(unzipSync(new Uint8Array(zip.rawPayload))['data.json']!), /Xavier Wrongname/)
      const rect = await fileAndVerify('rectification', 'xavier@example.be', { details: 'My name is Xavier Rightname' })
      const fixed = await app.inject({ method: 'POST', url: `/v1/staff/requests/${rect.id}/rectify`, headers: auth('acme'), payload: { subjectId: visitor, data: { 'contact.name': 'Xavier Rightname' } } })
      assert.equal(fixed.statusCode, 200, fixed.body)
      const read = await app.inject({ method: 'GET', url: `/v1/subjects/${visitor}?purpose=processing_for_customers`, headers: auth('acme') })
      assert.equal(read.json().data['contact.name'], 'Xavier Rightname')
      keys.globex = (await createApiKey(t.database.db, runtime.policy(), { name: 'globex', purposes: ['processing_for_customers', 'data_subject_request'], tenantId: 'globex' })).token
      assert.equal((await app.inject({ method: 'GET', url: `/v1/staff/requests/${access.id}`, headers: auth('globex') })).statusCode, 404)
      assert.equal((await app.inject({ method: 'GET', url: `/v1/staff/requests/${access.id}/export`, headers: auth('globex') })).statusCode, 404)
    })

    test('REQ-PR-01 REQ-N19-01 without a webhook, the customer and the recipient are told by mail at the mailbox they registered, with ids only', async () => {
      keys.initech = (await createApiKey(t.database.db, runtime.policy(), { name: 'initech', purposes: ['processing_for_customers', 'data_subject_request'], tenantId: 'initech' })).token
      keys.mailing = (await createApiKey(t.database.db, runtime.policy(), { name: 'mailing', purposes: ['customer_service'], recipientId: 'mailing_us_dpf' })).token
      assert.equal((await app.inject({ method: 'GET', url: '/v1/notification-contact', headers: auth('initech') })).statusCode, 404)
      assert.equal((await app.inject({ method: 'PUT', url: '/v1/notification-contact', headers: auth('initech'), payload: { email: 'privacy@initech.example', lang: 'fr' } })).statusCode, 200)
      assert.equal((await app.inject({ method: 'PUT', url: '/v1/notification-contact', headers: auth('mailing'), payload: { email: 'dpo@mailing.example', lang: 'en' } })).statusCode, 200)
      assert.equal((await app.inject({ method: 'PUT', url: '/v1/notification-contact', headers: auth('dpo'), payload: { email: 'x@example.be', lang: 'en' } })).statusCode, 422, 'the controller has no notification contact')
      await createSubject('processing_for_customers', { type: 'customer_visitor', externalId: 'v-5', data: { 'contact.name': 'Ines Initech', 'contact.email': 'ines@example.be' } }, 'initech')
      const before = smtp.messages.length
      const routed = await fileAndVerify('access', 'ines@example.be')
      await smtp.waitFor(before + 3)
      const toCustomer = mailTo(smtp, 'privacy@initech.example', before)
      assert.equal(toCustomer.length, 1)
      assert.match(toCustomer[0]!.text ?? '', new RegExp(routed.id))
      assert.match(toCustomer[0]!.text ?? '', /sous-traitant/, 'in the language the customer chose')
      assert.doesNotMatch(toCustomer[0]!.text ?? '', /Ines|ines@/, 'ids only')
      // Art. 19 by mail: the mailing provider read a customer's data, then the customer is erased.
      const id = await createSubject('customer_registration', { type: 'customer', data: { 'contact.name': 'Mia Mailing', 'contact.email': 'mia@example.be', 'online.ip_address': '203.0.113.40' } })
      await app.inject({ method: 'POST', url: `/v1/subjects/${id}/events`, headers: auth('crm'), payload: { event: 'contract_started' } })
      assert.equal((await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=customer_service`, headers: auth('mailing') })).statusCode, 200)
      const before2 = smtp.messages.length
      await fileAndVerify('erasure', 'mia@example.be')
      await smtp.waitFor(before2 + 3)
      const toRecipient = mailTo(smtp, 'dpo@mailing.example', before2)
      assert.equal(toRecipient.length, 1)
      assert.match(toRecipient[0]!.text ?? '', new RegExp(id))
      assert.match(toRecipient[0]!.text ?? '', /Art\. 17/)
      assert.doesNotMatch(toRecipient[0]!.text ?? '', /Mia|mia@/)
    })

    test('REQ-PR-01 an address that is both the controller\'s customer and a customer\'s visitor: answered for the controller\'s part, forwarded for the customer\'s', async () => {
      await createSubject('customer_registration', { type: 'customer', data: { 'contact.name': 'Bo Both', 'contact.email': 'bo.both@example.be', 'online.ip_address': '203.0.113.30' } })
      await createSubject('processing_for_customers', { type: 'customer_visitor', externalId: 'v-88', data: { 'contact.name': 'Bo Both', 'contact.email': 'bo.both@example.be' } }, 'acme')
      const { id: requestId, session } = await fileAndVerify('access', 'bo.both@example.be')
      assert.equal((await status(requestId, session)).json().status, 'completed')
      const forwarded = (await runtime.webhooks.deliveriesFor('tenant:acme')).filter((d) => d.event === 'request.forwarded' && d.payload.requestId === requestId)
      assert.equal(forwarded.length, 1)
    })

    test('REQ-RT-01 a year after a request is closed, the requester\'s address and words are deleted; the record of its handling stays', async () => {
      const { id: requestId } = await fileAndVerify('rectification', 'old.request@example.be', { details: 'old words' })
      const saved = clock
      clock = new Date(clock.getTime() + 366 * 86_400_000)
      const forgotten = await runtime.requests.forgetRequesters()
      clock = saved
      assert.ok(forgotten >= 1)
      const row = await t.database.db.selectFrom('dsr_request').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow()
      assert.equal(row.email_sealed.length, 0)
      assert.equal(row.details_sealed, null)
      const view = (await app.inject({ method: 'GET', url: `/v1/staff/requests/${requestId}`, headers: auth('dpo') })).json()
      assert.equal(view.request.status, 'completed', 'nothing held: answered and closed at once')
      assert.equal(view.requester.email, null)
      assert.ok(view.history.length >= 3, 'how it was handled is still on record')
    })

    test('REQ-TR-03 the first marketing mail to a person from another source is preceded by the Art. 14 notice', async () => {
      const id = await createSubject('customer_registration', { type: 'customer', source: 'Handed over by our reseller Limburg IT on 2026-11-20', data: { 'contact.name': 'Fien First', 'contact.email': 'fien@example.be', 'online.ip_address': '203.0.113.50' } })
      for (const event of ['contract_started', 'marketing_opt_out_offered']) await app.inject({ method: 'POST', url: `/v1/subjects/${id}/events`, headers: auth('crm'), payload: { event } })
      const before = smtp.messages.length
      await runtime.newsletter.sendMarketing(id, 'customer_information', { bodyText: 'Nieuw in iXpole: kalenders.', lang: 'nl' })
      await smtp.waitFor(before + 2)
      const mails = mailTo(smtp, 'fien@example.be', before)
      assert.equal(mails.length, 2)
      assert.match(mails[0]!.text ?? '', /Limburg IT/, 'the notice, with its source, comes first')
      assert.match(mails[1]!.text ?? '', /kalenders/)
      await runtime.newsletter.sendMarketing(id, 'customer_information', { bodyText: 'Nog meer nieuws.', lang: 'nl' })
      await smtp.waitFor(before + 3)
      assert.equal(mailTo(smtp, 'fien@example.be', before).length, 3, 'the notice is sent once')
    })

    test('REQ-AUD-01 every state change of a request is in the audit log, with ids only', async () => {
      // Three requests of this test's own: answered, refused, routed to a customer.
      await createSubject('customer_registration', { type: 'customer', data: { 'contact.name': 'Aud Trail', 'contact.email': 'aud.trail@example.be', 'online.ip_address': '203.0.113.60' } })
      await createSubject('processing_for_customers', { type: 'customer_visitor', externalId: 'v-aud', data: { 'contact.name': 'Aud Visitor', 'contact.email': 'aud.visitor@example.be' } }, 'acme')
      const answered = await fileAndVerify('access', 'aud.trail@example.be')
      const repeated = (await file({ type: 'access', email: 'aud.trail@example.be', lang: 'nl' })).json().id as string
      const justification = 'The same access request twice within minutes, see the log.'
      assert.equal((await app.inject({ method: 'POST', url: `/v1/staff/requests/${repeated}/announce`, headers: auth('dpo'), payload: { kind: 'refusal', justification } })).statusCode, 200)
      assert.equal((await app.inject({ method: 'POST', url: `/v1/staff/requests/${repeated}/refuse`, headers: auth('dpo'), payload: {} })).statusCode, 200)
      const routed = await fileAndVerify('access', 'aud.visitor@example.be')
      const states = new Set(['request.filed', 'request.verified', 'request.in_progress', 'request.completed', 'request.refused', 'request.waiting_on_controller'])
      const trail = async (requestId: string) => {
        const entries = await t.database.db.selectFrom('audit_entry').select(['seq', 'action', 'subject_id', 'reason', 'categories']).where('reason', 'like', `request:${requestId}%`).orderBy('seq').execute()
        assert.ok(!JSON.stringify(entries).includes('@'), 'no address in any request entry')
        assert.ok(!/Aud (Trail|Visitor)/.test(JSON.stringify(entries)), 'no name in any request entry')
        return entries.map((e) => e.action).filter((a) => states.has(a))
      }
      assert.deepEqual(await trail(answered.id), ['request.filed', 'request.verified', 'request.in_progress', 'request.completed'])
      assert.deepEqual(await trail(repeated), ['request.filed', 'request.refused'])
      assert.deepEqual(await trail(routed.id), ['request.filed', 'request.verified', 'request.waiting_on_controller'])
    })
  })
}
