// The typed SDK: the committed types are exactly what the routes generate today (no drift), and the
// client works against a real listening server, on both databases.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { generateSdk, SDK_DIR } from '../scripts/generate-sdk.ts'
import { createPledgeClient, type PledgeClient } from '../sdk/client.ts'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'

test('the committed SDK (sdk/openapi.json, sdk/api-types.ts) matches the routes: run `npm run sdk` after changing them', { timeout: 120_000 }, async () => {
  const fresh = await generateSdk()
  const committedTypes = readFileSync(join(SDK_DIR, 'api-types.ts'), 'utf8')
  const committedDocument = readFileSync(join(SDK_DIR, 'openapi.json'), 'utf8')
  assert.ok(fresh.types === committedTypes, 'sdk/api-types.ts is stale: run `npm run sdk` and commit the result')
  assert.ok(fresh.openapi === committedDocument, 'sdk/openapi.json is stale: run `npm run sdk` and commit the result')
  for (const path of ['/v1/subjects', '/v1/subjects/{id}', '/v1/subjects/search', '/v1/subjects/{id}/events']) {
    assert.ok(committedTypes.includes(`"${path}": {`), `the SDK types ${path}`)
  }
})

for (const variant of DATABASES) {
  describe(`${variant.name}: the SDK client against a listening server`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    let baseUrl: string
    let client: PledgeClient

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database)
      app = await buildApp(runtime)
      baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
      const { token } = await createApiKey(t.database.db, runtime.policy(), { name: 'sdk', purposes: ['customer_registration', 'customer_service'] })
      client = createPledgeClient({ baseUrl, apiKey: token })
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    test('creates a subject, reads it back, finds it by e-mail, and is idempotent on externalId', async () => {
      const created = await client.POST('/v1/subjects', {
        params: { query: { purpose: 'customer_registration' } },
        body: { type: 'customer', externalId: 'sdk-1', source: 'SDK test', data: { 'contact.name': 'Lotte Wouters', 'contact.email': 'lotte.wouters@example.com' } },
      })
      assert.equal(created.response.status, 201)
      const id = created.data?.id
      assert.ok(id)
      assert.equal(created.data?.created, true)

      const read = await client.GET('/v1/subjects/{id}', { params: { path: { id }, query: { purpose: 'customer_registration' } } })
      assert.equal(read.response.status, 200)
      assert.deepEqual(read.data?.data, { 'contact.name': 'Lotte Wouters', 'contact.email': 'lotte.wouters@example.com' })
      assert.equal(read.data?.type, 'customer')

      const found = await client.POST('/v1/subjects/search', { params: { query: { purpose: 'customer_registration' } }, body: { email: 'LOTTE.wouters@example.com' } })
      assert.deepEqual(found.data?.subjects, [{ id, type: 'customer' }])

      const again = await client.POST('/v1/subjects', {
        params: { query: { purpose: 'customer_registration' } },
        body: { type: 'customer', externalId: 'sdk-1', data: { 'contact.name': 'Lotte Wouters' } },
      })
      assert.equal(again.response.status, 409)
      assert.equal(again.error?.error.code, 'external_id_exists')
      assert.deepEqual(again.error?.error.details, { id })
    })

    test('REQ-LB-02 errors come back typed: 422 naming the categories, 404, and 401 without a valid key', async () => {
      const refused = await client.POST('/v1/subjects', {
        params: { query: { purpose: 'customer_registration' } },
        body: { type: 'customer', externalId: 'sdk-2', data: { 'financial.bank_account': 'BE71096123456769' } },
      })
      assert.equal(refused.response.status, 422)
      assert.equal(refused.error?.error.code, 'categories_not_in_purpose')
      const missing = await client.GET('/v1/subjects/{id}', { params: { path: { id: '00000000-0000-7000-8000-000000000000' }, query: { purpose: 'customer_service' } } })
      assert.equal(missing.response.status, 404)
      const stranger = createPledgeClient({ baseUrl, apiKey: 'pledge_not-a-key' })
      const denied = await stranger.GET('/v1/subjects/{id}', { params: { path: { id: 'x' }, query: { purpose: 'customer_service' } } })
      assert.equal(denied.response.status, 401)
      assert.equal(denied.error?.error.code, 'unauthorized')
    })
  })
}
