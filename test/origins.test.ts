// Browser posts and where they may come from (hostile input, item 6): the newsletter form from an
// allowed origin or a website backend's intake key; the privacy center from itself only; one-click
// unsubscribe and the banner's consent route from anywhere. HTML pages say which browser features
// they never use. And a customer's erasure clears the outbox mail to the person, as the
// controller's does.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey, INTAKE_SCOPE } from '../src/gate/api-keys.ts'
import { runtimeKey } from './support/actors.ts'
import type { Runtime } from '../src/runtime.ts'

const BASE = 'https://privacy.ixpole.example'
const SITE = 'https://www.ixpole.example'

for (const variant of DATABASES) {
  describe(`${variant.name}: where browser posts may come from`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    let intake: string
    let n = 0
    const remote = () => `10.77.${Math.floor(++n / 250)}.${(n % 250) + 1}`
    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database, { baseUrl: BASE, allowedOrigins: SITE })
      app = await buildApp(runtime)
      intake = (await createApiKey(t.database.db, runtime.policy(), { name: 'website', purposes: [], scopes: [INTAKE_SCOPE] })).token
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const subscribe = (headers: Record<string, string>, body = 'email=visitor%40example.be&lang=nl') =>
      app.inject({ method: 'POST', url: '/v1/newsletter/subscribe', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: body, remoteAddress: remote() })

    test('REQ-CON-02 the newsletter form: a browser post from the company\'s site or Pledge is taken, from another site refused; with neither header only a website backend\'s key', async () => {
      assert.equal((await subscribe({ origin: SITE, 'sec-fetch-site': 'cross-site' })).statusCode, 202)
      assert.equal((await subscribe({ origin: BASE })).statusCode, 202)
      const evil = await subscribe({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })
      assert.equal(evil.statusCode, 403)
      assert.equal(evil.json().error.code, 'cross_origin')
      assert.equal((await subscribe({ origin: 'null' })).statusCode, 403)
      assert.equal((await subscribe({ 'sec-fetch-site': 'cross-site' })).statusCode, 403, 'a cross-site post that hides its origin')
      const bare = await subscribe({})
      assert.equal(bare.statusCode, 403)
      assert.equal(bare.json().error.code, 'intake_key_required')
      assert.equal((await subscribe({ authorization: `Bearer ${intake}` })).statusCode, 202)
    })

    test('REQ-ID-09 the privacy center takes posts from its own pages only, and the browser must say so', async () => {
      const page = await app.inject({ method: 'GET', url: '/privacy-center?lang=en' })
      const formToken = /name="formToken" value="([^"]+)"/.exec(page.body)![1]!
      const post = (headers: Record<string, string>) =>
        app.inject({ method: 'POST', url: '/privacy-center/requests?lang=en', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: `formToken=${formToken}&type=access&email=origin.test%40example.be&lang=en`, remoteAddress: remote() })
      assert.equal((await post({ origin: SITE })).statusCode, 403, 'not even the company\'s own site')
      assert.equal((await post({})).statusCode, 403)
      assert.equal((await post({ 'sec-fetch-site': 'same-site' })).statusCode, 403)
      assert.equal((await post({ origin: BASE, 'sec-fetch-site': 'same-origin' })).statusCode, 303)
    })

    test('one-click unsubscribe and the banner\'s consent route take posts from anywhere and without headers', async () => {
      const oneClick = await app.inject({ method: 'POST', url: '/newsletter/unsubscribe?t=nobody.x&lang=en', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click', remoteAddress: remote() })
      assert.notEqual(oneClick.statusCode, 403)
      const policy = (await app.inject({ method: 'GET', url: '/v1/cookie-policy?lang=en' })).json()
      const choices = Object.fromEntries(policy.categories.map((c: { id: string; necessary: boolean }) => [c.id, c.necessary]))
      const consent = await app.inject({ method: 'POST', url: '/v1/cookie-consents', headers: { origin: 'https://any-site.example' }, payload: { consentId: '0190a5b2-7c1d-7000-8000-0000000000cc', bannerVersion: '0123abcd', policyVersion: policy.version, choices, lang: 'en', gpc: false }, remoteAddress: remote() })
      assert.equal(consent.statusCode, 201, consent.body)
    })

    test('HTML pages carry a Permissions-Policy that turns every powerful feature off; JSON does not need one', async () => {
      for (const url of ['/privacy?lang=en', '/privacy-center?lang=nl', '/newsletter/unsubscribe?t=x&lang=fr']) {
        const res = await app.inject({ method: 'GET', url, remoteAddress: remote() })
        assert.match(String(res.headers['content-type']), /^text\/html/, url)
        const policy = String(res.headers['permissions-policy'])
        for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()']) assert.ok(policy.includes(feature), `${url}: ${feature}`)
      }
      assert.equal((await app.inject({ method: 'GET', url: '/health' })).headers['permissions-policy'], undefined)
    })
  })

  describe(`${variant.name}: a customer's erasure clears the outbox`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    before(async () => {
      t = await variant.open()
      // No SMTP: mail waits in the outbox.
      runtime = await testRuntime(t.database, { baseUrl: BASE })
    })
    after(async () => {
      await runtime?.close()
      await t?.drop()
    })

    test('REQ-ER-04 REQ-PR-01 when a customer erases its visitor through the request, mail to that person waiting in the outbox is deleted', async () => {
      const acme = await runtimeKey(runtime, 'acme', ['processing_for_customers', 'data_subject_request'], { tenantId: 'acme' })
      const dpo = await runtimeKey(runtime, 'dpo', ['data_subject_request'])
      const { id: visitor } = await runtime.gate.create(acme, 'processing_for_customers', { type: 'customer_visitor', data: { 'contact.name': 'Olga Outbox', 'contact.email': 'olga.outbox@example.be' } })
      // Received by post from the address on record: verified at once, routed to Acme.
      const filed = await runtime.requests.record(dpo, { type: 'erasure', email: 'olga.outbox@example.be', lang: 'nl', channel: 'post', receivedAt: new Date() }, 'known_channel')
      const row = (await runtime.requests.row(filed.id))!
      assert.equal(row.status, 'waiting_on_controller')
      const waiting = await t.database.db.selectFrom('outbox_file').select('file').where('recipient_hash', '=', row.email_hash).execute()
      assert.ok(waiting.length >= 2, 'the acknowledgement and the routing notice wait in the outbox')
      const path = (file: string) => join(runtime.config.dataDir, 'outbox', file)
      assert.ok(waiting.every((w) => existsSync(path(w.file))))
      await runtime.fulfilment.fulfilFor(acme, (await runtime.requests.row(filed.id))!, 'erase', visitor)
      assert.equal((await t.database.db.selectFrom('outbox_file').select('file').where('recipient_hash', '=', row.email_hash).execute()).length, 0)
      assert.ok(waiting.every((w) => !existsSync(path(w.file))), 'the files are gone')
    })
  })
}
