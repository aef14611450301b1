// The public foundation routes over HTTP (in-process inject), on both databases.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import { publishVersion } from '../src/policy/versions.ts'
import { parsePolicy } from '../src/policy/load.ts'
import { readFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'

const SEED_PURPOSES = ['customer_registration', 'contract_execution', 'accounting', 'newsletter', 'prospect_registration', 'customer_information', 'customer_service', 'market_research', 'legal_defence']

for (const variant of DATABASES) {
  describe(`${variant.name}: foundation HTTP routes`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let app: FastifyInstance
    let runtime: Runtime
    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database)
      app = await buildApp(runtime, {
        extraRoutes: [
          async (scope) => {
            scope.post('/test/echo', { schema: { body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } } } }, async (req) => req.body)
          },
        ],
      })
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    test('GET /health reports status, version, database mode and policy version', async () => {
      const res = await app.inject({ method: 'GET', url: '/health' })
      assert.equal(res.statusCode, 200)
      const body = res.json()
      assert.equal(body.status, 'ok')
      assert.match(body.version, /^\d+\.\d+\.\d+/)
      assert.equal(body.database, variant.name === 'pglite' ? 'embedded' : 'postgres')
      assert.equal(body.policyVersion, 1)
      assert.ok(res.headers['x-request-id'])
    })

    for (const [lang, heading] of [['en', 'Kempische Steenweg 311'], ['nl', 'Kempische Steenweg 311'], ['fr', 'Kempische Steenweg 311']] as const) {
      test(`REQ-TR-01 GET /privacy?lang=${lang} is the full statement with the address and every seed purpose`, async () => {
        const res = await app.inject({ method: 'GET', url: `/privacy?lang=${lang}` })
        assert.equal(res.statusCode, 200)
        assert.match(String(res.headers['content-type']), /text\/html/)
        assert.equal(res.headers['content-language'], lang)
        const html = res.body
        assert.ok(html.includes(heading))
        assert.ok(html.includes('3500 Hasselt') || html.includes('3500') , 'postal code')
        assert.match(html, new RegExp(`<html[^>]*lang="${lang}"`))
        const policy = (await app.inject({ method: 'GET', url: '/v1/policy' })).json()
        for (const id of SEED_PURPOSES) {
          const purpose = policy.purposes.find((p: any) => p.id === id)
          assert.ok(purpose, id)
          const name = purpose.name[lang].replace(/&/g, '&amp;').replace(/</g, '&lt;')
          assert.ok(html.includes(name), `statement names ${id} as "${purpose.name[lang]}"`)
        }
      })
    }

    test('the language comes from Accept-Language when not given, and English otherwise', async () => {
      const nl = await app.inject({ method: 'GET', url: '/privacy', headers: { 'accept-language': 'de-DE, nl-BE;q=0.8, fr;q=0.5' } })
      assert.equal(nl.headers['content-language'], 'nl')
      const none = await app.inject({ method: 'GET', url: '/privacy', headers: { 'accept-language': 'de' } })
      assert.equal(none.headers['content-language'], 'en')
      const md = await app.inject({ method: 'GET', url: '/privacy?lang=fr&format=md' })
      assert.match(String(md.headers['content-type']), /text\/markdown/)
      assert.match(md.body, /^#/m)
    })

    test('an unknown language is a 400 with the one error shape', async () => {
      const res = await app.inject({ method: 'GET', url: '/privacy?lang=de' })
      assert.equal(res.statusCode, 400)
      const body = res.json()
      assert.equal(body.error.code, 'unknown_language')
      assert.match(body.error.message, /nl, fr, en/)
    })

    test('an unknown route is a 404 and malformed JSON a 400, both with the one error shape', async () => {
      const missing = await app.inject({ method: 'GET', url: '/nope' })
      assert.equal(missing.statusCode, 404)
      assert.equal(missing.json().error.code, 'not_found')
      const malformed = await app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload: '{"n": 1' })
      assert.equal(malformed.statusCode, 400)
      assert.equal(malformed.json().error.code, 'malformed_json')
      const invalid = await app.inject({ method: 'POST', url: '/test/echo', payload: { n: 'x' } })
      assert.equal(invalid.statusCode, 400)
      assert.equal(invalid.json().error.code, 'invalid_request')
      assert.match(invalid.json().error.message, /n/)
    })

    test('GET /v1/policy gives purposes with a basis per subject type', async () => {
      const res = await app.inject({ method: 'GET', url: '/v1/policy' })
      assert.equal(res.statusCode, 200)
      const body = res.json()
      assert.ok(Array.isArray(body.purposes))
      const research = body.purposes.find((p: any) => p.id === 'market_research')
      assert.equal(research.basis.customer, 'legitimate_interests')
      assert.equal(research.basis.prospect, 'consent')
      assert.ok(Array.isArray(research.categories))
      assert.ok(research.retention.duration)
      const accounting = body.purposes.find((p: any) => p.id === 'accounting')
      assert.ok(!accounting.categories.includes('contact.email'))
    })

    test('REQ-ROPA-01 REQ-ROPA-02 GET /v1/ropa in json, csv and html, with an API key', async () => {
      assert.equal((await app.inject({ method: 'GET', url: '/v1/ropa' })).statusCode, 401)
      const { token } = await createApiKey(t.database.db, runtime.policy(), { name: 'dpo', purposes: ['legal_defence'] })
      const headers = { authorization: `Bearer ${token}` }
      const json = await app.inject({ method: 'GET', url: '/v1/ropa?format=json', headers })
      assert.equal(json.statusCode, 200)
      const text = json.body
      assert.ok(text.includes('processing_for_customers'))
      assert.ok(text.includes('accounting'))
      const csv = await app.inject({ method: 'GET', url: '/v1/ropa?format=csv', headers })
      assert.match(String(csv.headers['content-type']), /text\/csv/)
      assert.ok(csv.body.split('\n').length > 10)
      const html = await app.inject({ method: 'GET', url: '/v1/ropa?format=html', headers })
      assert.match(html.body, /<table/)
      const bad = await app.inject({ method: 'GET', url: '/v1/ropa?format=pdf', headers })
      assert.equal(bad.statusCode, 400)
    })

    test('GET /openapi.json documents the routes and /docs serves the API reference', async () => {
      const res = await app.inject({ method: 'GET', url: '/openapi.json' })
      assert.equal(res.statusCode, 200)
      const spec = res.json()
      assert.equal(spec.openapi, '3.1.0')
      for (const path of ['/health', '/v1/policy', '/v1/ropa', '/privacy', '/privacy/versions']) assert.ok(spec.paths[path], path)
      const docs = await app.inject({ method: 'GET', url: '/docs/' })
      assert.equal(docs.statusCode, 200)
    })

    test('REQ-TR-04 /privacy/versions lists versions, shows one, and diffs two', async () => {
      const doc = parseDocument(readFileSync(EXAMPLE_POLICY, 'utf8')).toJS()
      doc.purposes.find((p: any) => p.id === 'newsletter').retention.duration = 'P12M'
      await publishVersion(t.database.db, parsePolicy(JSON.stringify(doc), 'edited'))
      const list = (await app.inject({ method: 'GET', url: '/privacy/versions', headers: { accept: 'application/json' } })).json()
      assert.deepEqual(list.versions.map((v: any) => v.version), [1, 2])
      assert.ok(list.versions[1].materialChanges.some((c: any) => c.purposeId === 'newsletter' && c.material))
      const one = await app.inject({ method: 'GET', url: '/privacy/versions/1?lang=nl' })
      assert.equal(one.statusCode, 200)
      assert.equal(one.headers['content-language'], 'nl')
      const diff = await app.inject({ method: 'GET', url: '/privacy/versions/2/diff?lang=en&format=text' })
      assert.equal(diff.statusCode, 200)
      assert.match(diff.body, /^-.*/m)
      assert.match(diff.body, /^\+.*/m)
      assert.equal((await app.inject({ method: 'GET', url: '/privacy/versions/99' })).statusCode, 404)
      assert.equal((await app.inject({ method: 'GET', url: '/privacy/versions/abc' })).statusCode, 400)
      assert.equal((await app.inject({ method: 'GET', url: '/privacy/versions/1/diff' })).statusCode, 400)
    })
  })
}
