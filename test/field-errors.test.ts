// A value outside a closed list names its field and the allowed values (a language is
// unknown_language, anything else invalid_field), in process over both databases; the privacy
// center never fails over a language: it falls back to Accept-Language, then the controller's.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { parsePolicy, PolicyError } from '../src/policy/load.ts'
import { defaultLanguage } from '../src/policy/policy.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import type { Runtime } from '../src/runtime.ts'

const UNKNOWN_DE = { error: { code: 'unknown_language', message: 'unknown language "de": use one of nl, fr, en', details: { field: 'lang', allowed: ['nl', 'fr', 'en'] } } }
const BAD_TYPE = {
  error: {
    code: 'invalid_field',
    message: 'type must be one of access, portability, rectification, erasure, restriction, objection, withdraw_consent',
    details: { field: 'type', allowed: ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdraw_consent'] },
  },
}

function assertBody(res: LightMyRequestResponse, expected: unknown): void {
  assert.equal(res.statusCode, 400, res.body)
  assert.deepEqual(res.json(), expected)
}

for (const variant of DATABASES) {
  describe(`${variant.name}: field errors and language fallback`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    let ip = 0
    const remoteAddress = () => `10.63.0.${++ip}`

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database)
      app = await buildApp(runtime)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    test('POST /v1/requests: a bad lang is unknown_language and a bad type invalid_field, each naming the field and the allowed values', async () => {
      assertBody(await app.inject({ method: 'POST', url: '/v1/requests', payload: { type: 'access', email: 'lang.check@example.be', lang: 'de' }, remoteAddress: remoteAddress() }), UNKNOWN_DE)
      assertBody(await app.inject({ method: 'POST', url: '/v1/requests', payload: { type: 'complaint', email: 'type.check@example.be', lang: 'nl' }, remoteAddress: remoteAddress() }), BAD_TYPE)
      const rows = await t.database.db.selectFrom('dsr_request').select('id').execute()
      assert.deepEqual(rows, [], 'nothing was filed')
    })

    test('POST /v1/staff/requests: a bad channel, type or lang names the field and the allowed values', async () => {
      const { token } = await createApiKey(t.database.db, runtime.policy(), { name: 'dpo-fields', purposes: ['data_subject_request'] })
      const record = (fields: object) =>
        app.inject({ method: 'POST', url: '/v1/staff/requests', headers: { authorization: `Bearer ${token}` }, payload: { type: 'access', email: 'staff.check@example.be', lang: 'nl', channel: 'phone', receivedAt: '2026-11-20T09:00:00Z', ...fields } })
      assertBody(await record({ channel: 'fax' }), { error: { code: 'invalid_field', message: 'channel must be one of email, phone, post, in_app', details: { field: 'channel', allowed: ['email', 'phone', 'post', 'in_app'] } } })
      assertBody(await record({ type: 'complaint' }), BAD_TYPE)
      assertBody(await record({ lang: 'de' }), UNKNOWN_DE)
    })

    test('POST /v1/newsletter/subscribe: a bad lang is unknown_language with the allowed values', async () => {
      assertBody(await app.inject({ method: 'POST', url: '/v1/newsletter/subscribe', headers: { origin: runtime.config.baseUrl }, payload: { email: 'news.check@example.be', lang: 'de' }, remoteAddress: remoteAddress() }), UNKNOWN_DE)
    })

    test('/privacy-center?lang=de is the center in the best of Accept-Language, else in the controller\'s language (nl for iXpole)', async () => {
      const accepted = await app.inject({ method: 'GET', url: '/privacy-center?lang=de', headers: { 'accept-language': 'de-DE, fr;q=0.8, en;q=0.5' } })
      assert.equal(accepted.statusCode, 200)
      assert.equal(accepted.headers['content-language'], 'fr')
      assert.match(accepted.body, /<h1>Centre de confidentialité<\/h1>/)
      const none = await app.inject({ method: 'GET', url: '/privacy-center?lang=de', headers: { 'accept-language': 'de-DE' } })
      assert.equal(none.statusCode, 200)
      assert.equal(none.headers['content-language'], 'nl')
      assert.match(none.body, /<h1>Privacycentrum<\/h1>/)
      const bare = await app.inject({ method: 'GET', url: '/privacy-center' })
      assert.equal(bare.headers['content-language'], 'nl')
    })
  })
}

test('a policy names the controller\'s language with controller.language; without it the default is nl, the first of the policy\'s languages', () => {
  const text = readFileSync(EXAMPLE_POLICY, 'utf8')
  assert.equal(defaultLanguage(parsePolicy(text)), 'nl')
  const french = text.replace(/^  timeZone: Europe\/Brussels$/m, '  timeZone: Europe/Brussels\n  language: fr')
  assert.notEqual(french, text)
  assert.equal(defaultLanguage(parsePolicy(french)), 'fr')
  assert.throws(() => parsePolicy(text.replace(/^  timeZone: Europe\/Brussels$/m, '  timeZone: Europe/Brussels\n  language: de')), PolicyError)
})
