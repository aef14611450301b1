// A portability push to a controller outside the EEA (issue 16, Art. 49(1)(a)), on both databases:
// the person gives the receiving controller's country; without adequacy the filing needs their
// acceptance of the risks, which is recorded, and the push refuses a row that lacks it.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import type { ParsedMail } from 'mailparser'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'
import { PUSH_RISKS_TEXT, pushRisksHash } from '../src/requests/push-transfer.ts'
import { h } from 'preact'
import { renderToString } from 'preact-render-to-string'
import { RequestBody } from '../src/http/admin/console/requests.tsx'

const BASE = 'https://privacy.ixpole.example'

function codeIn(mail: ParsedMail): string {
  const m = /#code=(\d{6})/.exec(mail.text ?? '')
  assert.ok(m, 'the acknowledgement carries the code')
  return m[1]!
}

for (const variant of DATABASES) {
  describe(`${variant.name}: portability push outside the EEA`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let smtp: TestSmtpServer
    let runtime: Runtime
    let app: FastifyInstance
    const clock = new Date('2026-11-25T10:00:00Z')
    let dpo = ''
    let ip = 1
    const nextIp = () => `10.7.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`
    const file = (payload: object) => app.inject({ method: 'POST', url: '/v1/requests', payload, remoteAddress: nextIp() })
    const fileAndVerify = async (email: string, extra: object) => {
      const before = smtp.messages.length
      const res = await file({ type: 'portability', email, lang: 'en', ...extra })
      assert.equal(res.statusCode, 202, res.body)
      const id = res.json().id as string
      await smtp.waitFor(before + 1)
      const ack = smtp.messages.slice(before).filter((_m, i) => smtp.envelopes[before + i]!.to.includes(email)).at(-1)!
      const verified = await app.inject({ method: 'POST', url: `/v1/requests/${id}/verify`, payload: { code: codeIn(ack) }, remoteAddress: nextIp() })
      assert.equal(verified.statusCode, 200, verified.body)
      return id
    }
    const row = (id: string) => t.database.db.selectFrom('dsr_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const confirmPush = (id: string) => app.inject({ method: 'POST', url: `/v1/staff/requests/${id}/confirm-push`, headers: { authorization: `Bearer ${dpo}` }, payload: {} })

    before(async () => {
      t = await variant.open()
      smtp = await startSmtpServer()
      runtime = await testRuntime(t.database, { smtpUrl: smtp.url, baseUrl: BASE, now: () => clock })
      app = await buildApp(runtime)
      dpo = (await createApiKey(t.database.db, runtime.policy(), { name: 'dpo', purposes: ['data_subject_request'] })).token
      const crm = (await createApiKey(t.database.db, runtime.policy(), { name: 'crm', purposes: ['customer_registration'] })).token
      const made = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: { authorization: `Bearer ${crm}` }, payload: { type: 'customer', data: { 'contact.name': 'Uma States', 'contact.email': 'us.row@example.be' } } })
      assert.equal(made.statusCode, 201, made.body)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await smtp?.close()
      await t?.drop()
    })

    test('REQ-TF-01 REQ-PO-02 a push to a Belgian (EEA) or Swiss (adequacy) controller files without any acceptance', async () => {
      for (const [email, country] of [['be.push@example.be', 'BE'], ['ch.push@example.be', 'ch']] as const) {
        const res = await file({ type: 'portability', email, lang: 'en', pushTo: 'https://other.example/import', pushCountry: country })
        assert.equal(res.statusCode, 202, res.body)
        const r = await row(res.json().id)
        assert.equal(r.push_country, country.toUpperCase())
        assert.equal(r.push_risks_accepted_at, null)
        assert.equal(r.push_risks_hash, null)
      }
    })

    test('REQ-TF-01 REQ-PO-02 a push to a US controller (no adequacy Pledge can rely on) needs pushRisksAccepted; with it the acceptance is recorded and audited with codes', async () => {
      const refused = await file({ type: 'portability', email: 'us.push@example.be', lang: 'en', pushTo: 'https://other.example/import', pushCountry: 'US' })
      assert.equal(refused.statusCode, 400, refused.body)
      assert.equal(refused.json().error.code, 'push_risks_not_accepted')
      assert.match(refused.json().error.message, /Art\. 49\(1\)\(a\)/)
      const notTrue = await file({ type: 'portability', email: 'us.push@example.be', lang: 'en', pushTo: 'https://other.example/import', pushCountry: 'US', pushRisksAccepted: false })
      assert.equal(notTrue.json().error.code, 'push_risks_not_accepted')

      const accepted = await file({ type: 'portability', email: 'us.push@example.be', lang: 'fr', pushTo: 'https://other.example/import', pushCountry: 'US', pushRisksAccepted: true })
      assert.equal(accepted.statusCode, 202, accepted.body)
      const r = await row(accepted.json().id)
      assert.equal(r.push_country, 'US')
      assert.equal(new Date(r.push_risks_accepted_at!).toISOString(), clock.toISOString())
      assert.equal(r.push_risks_hash, pushRisksHash('fr'), 'the hash of the text shown, in the language of the request')
      for (const [lang, words] of [['en', /risks accepted on 25 November 2026/i], ['nl', /risico's aanvaard op 25 november 2026/i], ['fr', /risques acceptés le 25 novembre 2026/i]] as const) {
        const html = renderToString(h(RequestBody, { data: { lang, csrf: 'x', policy: runtime.policy(), request: runtime.requests.staffView(r), requester: { email: 'us.push@example.be', details: null, pushTo: 'https://other.example/import' }, history: [] } }))
        assert.match(html, /id="push-country"><code>US<\/code>/)
        assert.match(html.replace(/&#39;/g, "'"), words, lang)
      }
      const audit = await t.database.db.selectFrom('audit_entry').select(['action', 'reason']).where('action', '=', 'request.push_risks_accepted').execute()
      assert.ok(audit.some((a) => a.reason === `request:${r.id}:art49_1_a:US`), JSON.stringify(audit))
      assert.ok(audit.every((a) => !/@|other\.example/.test(String(a.reason))), 'no address or URL in the audit')
    })

    test('REQ-TF-01 the push itself refuses a non-covered country whose row lacks the acceptance (409), and lets an accepted one through to the send', async () => {
      const id = await fileAndVerify('us.row@example.be', { pushTo: 'https://127.0.0.1:9/import', pushCountry: 'US', pushRisksAccepted: true })
      await t.database.db.updateTable('dsr_request').set({ push_risks_accepted_at: null, push_risks_hash: null }).where('id', '=', id).execute()
      const refused = await confirmPush(id)
      assert.equal(refused.statusCode, 409, refused.body)
      assert.equal(refused.json().error.code, 'push_risks_not_accepted')
      assert.equal((await row(id)).push_state, 'pending', 'nothing was sent')

      await t.database.db.updateTable('dsr_request').set({ push_risks_accepted_at: clock }).where('id', '=', id).execute()
      const sent = await confirmPush(id)
      assert.equal(sent.statusCode, 502, sent.body)
      assert.equal(sent.json().error.code, 'push_refused', 'past the transfer check, the send itself (to a private address) is what fails')

      await t.database.db.updateTable('dsr_request').set({ push_country: null }).where('id', '=', id).execute()
      const unknown = await confirmPush(id)
      assert.equal(unknown.statusCode, 409)
      assert.equal(unknown.json().error.code, 'push_country_unknown')
    })

    test('REQ-TF-01 a missing or invalid pushCountry is a 400, and pushCountry without pushTo too', async () => {
      const base = { type: 'portability', email: 'bad.country@example.be', lang: 'en', pushTo: 'https://other.example/import' }
      const missing = await file(base)
      assert.equal(missing.statusCode, 400)
      assert.equal(missing.json().error.code, 'push_country_required')
      for (const pushCountry of ['ZZ', '12', 'B1']) {
        const bad = await file({ ...base, pushCountry })
        assert.equal(bad.statusCode, 400, pushCountry)
        assert.equal(bad.json().error.code, 'invalid_push_country', pushCountry)
      }
      const tooLong = await file({ ...base, pushCountry: 'BEL' })
      assert.equal(tooLong.statusCode, 400)
      const alone = await file({ type: 'portability', email: 'bad.country@example.be', lang: 'en', pushCountry: 'US' })
      assert.equal(alone.statusCode, 400)
      assert.equal(alone.json().error.code, 'push_country_without_push')
    })

    test('REQ-TF-01 the privacy center form, without JavaScript: a non-covered country without the tick comes back with the error in the person\'s language; with it the request is filed', async () => {
      const post = async (fields: Record<string, string>) => {
        const page = await app.inject({ method: 'GET', url: `/privacy-center?lang=${fields.lang}` })
        assert.ok(page.body.includes(PUSH_RISKS_TEXT[fields.lang as 'nl'].slice(0, 40).replace(/'/g, '&#39;')) || page.body.includes('pushRisksAccepted'))
        const formToken = /name="formToken" value="([^"]+)"/.exec(page.body)![1]!
        return app.inject({ method: 'POST', url: `/privacy-center/requests?lang=${fields.lang}`, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE }, payload: new URLSearchParams({ formToken, ...fields }).toString(), remoteAddress: nextIp() })
      }
      const fields = { lang: 'nl', type: 'portability', email: 'form.push@example.be', pushTo: 'https://other.example/import', pushCountry: 'us' }
      const back = await post(fields)
      assert.equal(back.statusCode, 400)
      assert.match(back.body, /buiten de Europese Economische Ruimte/)
      assert.match(back.body, /value="https:\/\/other\.example\/import"/, 'the form keeps what the person typed')
      const filed = await post({ ...fields, pushRisksAccepted: 'yes' })
      assert.equal(filed.statusCode, 303, filed.body)
      const id = /requests\/([0-9a-f-]{36})/.exec(filed.headers.location as string)![1]!
      const r = await row(id)
      assert.equal(r.push_country, 'US')
      assert.ok(r.push_risks_accepted_at)
      assert.equal(r.push_risks_hash, pushRisksHash('nl'))
    })
  })
}
