// Hostile input at the edge (issue 11, items 1–3), on both databases: text that the database would
// change is refused in every field before anything is written, so the audit log cannot be broken
// by a request; every string a route reads has a length cap its schema enforces; upper-case UUIDs
// are the same ids; and what the fuzzer found answering 500 answers a 4xx with a reason.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse, RouteOptions } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { allOperations, baseline, types, type Field, type Fixtures, type Operation } from './support/openapi.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { runOperation } from '../src/operations.ts'
import type { Runtime } from '../src/runtime.ts'

const SURROGATE_PURPOSE = {
  error: {
    code: 'invalid_text',
    message: 'body.purpose is not well-formed Unicode (it holds a lone UTF-16 surrogate): send text that has a UTF-8 form',
    details: { field: 'body.purpose', problem: 'lone_surrogate' },
  },
}

const ONE_MB = 1_000_000

for (const variant of DATABASES) {
  describe(`${variant.name}: hostile input at the edge`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    const routes: RouteOptions[] = []
    const keys: Record<string, string> = {}
    const auth = (name: string) => ({ authorization: `Bearer ${keys[name]}` })
    let customerId = ''
    let requestId = ''
    let ip = 0
    const remoteAddress = () => `10.66.${(++ip >> 8) & 255}.${ip & 255}`

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database)
      app = await buildApp(runtime, { onRoute: (r) => void routes.push(r) })
      const make = async (name: string, purposes: string[]) => {
        keys[name] = (await createApiKey(t.database.db, runtime.policy(), { name, purposes })).token
      }
      await make('support', ['customer_service'])
      await make('crm', ['customer_registration', 'customer_service'])
      await make('legal', ['legal_defence'])
      const created = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: auth('crm'), payload: { type: 'customer', data: { 'contact.name': 'Hanne Edge', 'contact.email': 'hanne.edge@edge-test.example' } } })
      assert.equal(created.statusCode, 201, created.body)
      customerId = created.json().id
      const filed = await app.inject({ method: 'POST', url: '/v1/requests', payload: { type: 'access', email: 'hanne.edge@edge-test.example', lang: 'en' }, remoteAddress: remoteAddress() })
      assert.equal(filed.statusCode, 202, filed.body)
      requestId = filed.json().id
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const auditVerify = () => runOperation({ database: t.database, config: runtime.config, runtime, policyPath: EXAMPLE_POLICY, now: () => new Date() }, 'audit-verify', {})
    const count = async (table: 'subject' | 'consent_event' | 'legal_hold' | 'dsr_request') => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]!.n)

    test('REQ-SEC-04 a lone surrogate in a consent purpose is refused with 422 naming the field, and audit verify stays intact (the issue\'s reproduction)', async () => {
      const res = await app.inject({ method: 'POST', url: `/v1/subjects/${customerId}/consents`, headers: { ...auth('support'), 'content-type': 'application/json' }, payload: '{"purpose":"\\ud800","granted":true,"text":"x","channel":"web"}', remoteAddress: remoteAddress() })
      assert.equal(res.statusCode, 422)
      assert.deepEqual(res.json(), SURROGATE_PURPOSE)
      assert.equal(await count('consent_event'), 0)
      assert.match((await auditVerify()).output, /^audit log intact: /)
    })

    test('REQ-SEC-04 NUL and lone surrogates are refused with 422 in every kind of field — query, path, header, body values and keys — and nothing is written', async () => {
      const before = { subjects: await count('subject'), consents: await count('consent_event'), holds: await count('legal_hold'), requests: await count('dsr_request') }
      const json = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: string, key = 'crm') => ({ method, url, payload, headers: { ...auth(key), 'content-type': 'application/json' } })
      const cases: { name: string; request: InjectOptions; field: string; page?: boolean }[] = [
        { name: 'purpose in the query', request: json('POST', '/v1/subjects?purpose=customer%00registration', '{"type":"customer","data":{"contact.name":"Nul Query"}}'), field: 'querystring.purpose' },
        { name: 'externalId', request: json('POST', '/v1/subjects?purpose=customer_registration', '{"type":"customer","externalId":"crm-\\u0000-1","data":{"contact.name":"Nul External"}}'), field: 'body.externalId' },
        { name: 'a personal value', request: json('POST', '/v1/subjects?purpose=customer_registration', '{"type":"customer","data":{"contact.name":"Ann \\ud800Peeters"}}'), field: 'body.data.contact.name' },
        { name: 'a data key', request: json('PATCH', `/v1/subjects/${customerId}?purpose=customer_service`, '{"data":{"contact.\\u0000name":"Ann"}}'), field: 'a property name in body.data' },
        { name: 'the subject type', request: json('POST', '/v1/subjects?purpose=customer_registration', '{"type":"customer\\udc00","data":{"contact.name":"Nul Type"}}'), field: 'body.type' },
        { name: 'the consent channel', request: json('POST', `/v1/subjects/${customerId}/consents`, '{"purpose":"newsletter","granted":true,"text":"x","channel":"web\\u0000"}', 'support'), field: 'body.channel' },
        { name: 'the consent act', request: json('POST', `/v1/subjects/${customerId}/consents`, '{"purpose":"newsletter","granted":true,"text":"x","channel":"web","act":"\\ud83d"}', 'support'), field: 'body.act' },
        { name: 'a legal-hold reason', request: json('POST', `/v1/subjects/${customerId}/legal-holds`, '{"reason":"Case \\u0000 17"}', 'legal'), field: 'body.reason' },
        { name: 'a legal-hold purpose', request: json('POST', `/v1/subjects/${customerId}/legal-holds`, '{"reason":"Case 2026/17","purpose":"legal\\u0000defence"}', 'legal'), field: 'body.purpose' },
        { name: 'an e-mail to search', request: json('POST', '/v1/subjects/search?purpose=customer_service', '{"email":"ann\\u0000@example.be"}'), field: 'body.email' },
        { name: 'an item of an array', request: json('POST', `/v1/subjects/${customerId}/legal-holds`, '{"reason":"Case 2026/17","categories":["contact.email","contact.\\ud800"]}', 'legal'), field: 'body.categories.1' },
        { name: 'a path parameter', request: { method: 'GET', url: `/v1/subjects/${customerId}%00?purpose=customer_service`, headers: auth('crm') }, field: 'params.id' },
        { name: 'a header', request: { method: 'GET', url: `/v1/subjects/${customerId}?purpose=customer_service`, headers: { ...auth('crm'), 'accept-language': 'nl\u0000' } }, field: 'headers.accept-language' },
        { name: 'a request\'s details', request: { method: 'POST', url: '/v1/requests', payload: '{"type":"rectification","email":"hanne.edge@edge-test.example","details":"my name is \\u0000"}', headers: { 'content-type': 'application/json' } }, field: 'body.details' },
        { name: 'a newsletter address', request: { method: 'POST', url: '/v1/newsletter/subscribe', payload: '{"email":"ann\\ud800@example.be"}', headers: { 'content-type': 'application/json' } }, field: 'body.email' },
        { name: 'a privacy-center form field', request: { method: 'POST', url: '/privacy-center/requests', payload: 'type=access&email=ann%00%40example.be', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, field: 'body.email', page: true },
      ]
      for (const c of cases) {
        const res = await app.inject({ ...c.request, remoteAddress: remoteAddress() })
        assert.equal(res.statusCode, 422, `${c.name}: ${res.body.slice(0, 300)}`)
        if (c.page) {
          assert.match(String(res.headers['content-type']), /^text\/html/, c.name)
          continue
        }
        const error = res.json().error
        assert.equal(error.code, 'invalid_text', c.name)
        assert.equal(error.details.field, c.field, c.name)
        assert.ok(!/Peeters|Case|crm-|ann|legal.?defence/i.test(error.message.replace(c.field, '')), `${c.name}: the value is not echoed`)
      }
      assert.deepEqual({ subjects: await count('subject'), consents: await count('consent_event'), holds: await count('legal_hold'), requests: await count('dsr_request') }, before, 'nothing was written')
      assert.match((await auditVerify()).output, /^audit log intact: /)
    })

    test('a JSON body that is not valid UTF-8 is 400 invalid_utf8, not a value changed to U+FFFD; one nesting deeper than 32 levels is 400 json_too_deep', async () => {
      const broken = Buffer.concat([Buffer.from('{"type":"customer","data":{"contact.name":"Ann '), Buffer.from([0xed, 0xa0, 0x80, 0xff]), Buffer.from('"}}')])
      const res = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: { ...auth('crm'), 'content-type': 'application/json' }, payload: broken })
      assert.equal(res.statusCode, 400)
      assert.deepEqual(res.json(), { error: { code: 'invalid_utf8', message: 'the request body is not valid UTF-8' } })
      let address: unknown = 'Markt 1'
      for (let i = 0; i < 40; i++) address = { line: address }
      const deep = await app.inject({ method: 'PATCH', url: `/v1/subjects/${customerId}?purpose=customer_service`, headers: auth('crm'), payload: { data: { 'contact.address': address } } })
      assert.equal(deep.statusCode, 400)
      assert.equal(deep.json().error.code, 'json_too_deep')
      assert.match(deep.json().error.message, /^body\.data\.contact\.address(\.line)+ nests deeper than 32 levels$/)
    })

    test('every string a route reads has a length cap, and each is refused by its schema at its cap + 1 and at 1,000,000 characters (400 invalid_request naming it)', { timeout: 120_000 }, async () => {
      const { documented, hidden } = await allOperations(app, routes)
      const fixtures: Fixtures = { subjectId: customerId, requestId, leastKey: keys.crm! }
      const isString = (f: Field) => types(f.schema).length === 0 || types(f.schema).includes('string')
      const unbounded = [...documented, ...hidden].flatMap((op) => op.fields.filter((f) => isString(f) && f.schema.enum === undefined && f.schema.maxLength === undefined).map((f) => `${op.method} ${op.path} ${f.in}.${f.name}`))
      assert.deepEqual(unbounded, [], 'every string field has a maxLength')

      // The bounded fields of the JSON API (the pages answer the same refusals as a page, checked below).
      const send = (op: Operation, field: Field, value: string, mapKey: boolean): Promise<LightMyRequestResponse> => {
        let url = op.path
        const query: string[] = []
        const headers: Record<string, string> = op.keyed ? auth('crm') : {}
        const body: Record<string, unknown> = {}
        // The body carries its required fields and the one tested (some take one field of several), or else its first.
        const inBody = op.fields.filter((f) => f.in === 'body')
        const carried = new Set(inBody.filter((f) => f.required || f === field))
        if (carried.size === 0 && inBody[0]) carried.add(inBody[0])
        for (const f of op.fields) {
          if (f.in === 'body' && !carried.has(f)) continue
          const v = f === field && !mapKey ? value : baseline(f, fixtures)
          const text = typeof v === 'string' ? v : JSON.stringify(v)
          if (f.in === 'path') url = url.replace(`{${f.name}}`, encodeURIComponent(text))
          else if (f.in === 'query') query.push(`${f.name}=${encodeURIComponent(text)}`)
          else if (f.in === 'header') headers[f.name] = text
          else body[f.name] = f === field && mapKey ? { [value]: 'x' } : v
        }
        return app.inject({ method: op.method as 'GET', url: query.length ? `${url}?${query.join('&')}` : url, headers, ...(op.hasBody ? { payload: body } : {}), remoteAddress: remoteAddress() })
      }
      let checked = 0
      for (const op of documented) {
        for (const field of op.fields) {
          const mapKey = field.schema.propertyNames?.maxLength
          const cap = isString(field) ? field.schema.maxLength : mapKey
          if (cap === undefined) continue
          for (const length of [cap + 1, ONE_MB]) {
            const res = await send(op, field, 'a'.repeat(length), mapKey !== undefined && !isString(field))
            const what = `${op.method} ${op.path} ${field.in}.${field.name}${mapKey !== undefined && !isString(field) ? ' (a key)' : ''} at ${length}`
            if (field.in === 'path' && length === ONE_MB) {
              // The router refuses a path segment of more than 100 characters before any schema.
              assert.equal(res.statusCode, 414, what)
              assert.equal(res.json().error.code, 'uri_too_long', what)
              continue
            }
            assert.equal(res.statusCode, 400, `${what}: ${res.body.slice(0, 300)}`)
            assert.equal(res.json().error.code, 'invalid_request', what)
            const where = { path: 'params', query: 'querystring', header: 'headers', body: 'body' }[field.in]
            assert.ok((res.json().error.details as { field: string }[]).some((d) => d.field.startsWith(`${where}.${field.name}`) || d.field === `${where}.${field.name.toLowerCase()}`), `${what} names the field: ${res.body.slice(0, 300)}`)
            checked++
          }
        }
      }
      assert.ok(checked >= 100, `${checked} refusals checked`)
      // The server still answers at once.
      assert.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200)
    })

    test('upper-case UUIDs are the same ids: a person written, read and checked through an upper-case id', async () => {
      const upper = customerId.toUpperCase()
      const written = await app.inject({ method: 'PATCH', url: `/v1/subjects/${upper}?purpose=customer_service`, headers: auth('support'), payload: { data: { 'contact.phone': '+32 470 99 88 77' } } })
      assert.equal(written.statusCode, 200, written.body)
      assert.deepEqual(written.json(), { id: customerId, categories: ['contact.phone'] })
      const read = await app.inject({ method: 'GET', url: `/v1/subjects/${upper}?purpose=customer_service&categories=contact.phone`, headers: auth('support') })
      assert.equal(read.statusCode, 200, read.body)
      assert.deepEqual({ id: read.json().id, data: read.json().data }, { id: customerId, data: { 'contact.phone': '+32 470 99 88 77' } })
      const lower = await app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=customer_service&categories=contact.phone`, headers: auth('support') })
      assert.deepEqual(lower.json().data, { 'contact.phone': '+32 470 99 88 77' })
      const check = await app.inject({ method: 'GET', url: `/v1/consents/check?subject=${upper}&purpose=customer_service`, headers: auth('support') })
      assert.equal(check.statusCode, 200, check.body)
      const holds = await app.inject({ method: 'GET', url: `/v1/subjects/${upper}/legal-holds`, headers: auth('legal') })
      assert.equal(holds.statusCode, 200, holds.body)
      assert.match((await auditVerify()).output, /^audit log intact: /)
    })

    test('an empty or null legal-hold purpose, and an empty path id, are a 400 naming the field', async () => {
      for (const purpose of ['', null]) {
        const res = await app.inject({ method: 'POST', url: `/v1/subjects/${customerId}/legal-holds`, headers: auth('legal'), payload: { reason: 'Case 2026/17', purpose } })
        assert.equal(res.statusCode, 400, res.body)
        assert.equal(res.json().error.code, 'invalid_request')
        assert.equal(res.json().error.details[0].field, 'body.purpose')
      }
      const empty = await app.inject({ method: 'POST', url: '/v1/subjects//consents', headers: auth('support'), payload: { purpose: 'newsletter', granted: true, text: 'x', channel: 'web' } })
      assert.ok(empty.statusCode >= 400 && empty.statusCode < 500, empty.body)
      assert.equal(await count('legal_hold'), 0)
    })

    test('repeated query parameters and object-valued tokens on the public pages answer the "link no longer valid" page with 400', async () => {
      const pages = [
        { method: 'GET' as const, url: '/newsletter/confirm?token=a&token=b' },
        { method: 'GET' as const, url: '/newsletter/unsubscribe?t=a&t=b' },
        { method: 'POST' as const, url: '/newsletter/unsubscribe?t=a&t=b', payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        { method: 'POST' as const, url: '/newsletter/confirm', payload: '{"token":{"toString":1}}', headers: { 'content-type': 'application/json' } },
        { method: 'POST' as const, url: '/newsletter/confirm', payload: 'token=a&token=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        { method: 'GET' as const, url: `/newsletter/confirm?token=${'a'.repeat(257)}` },
      ]
      for (const page of pages) {
        const res = await app.inject({ ...page, remoteAddress: remoteAddress() })
        assert.equal(res.statusCode, 400, `${page.method} ${page.url.slice(0, 60)}: ${res.body.slice(0, 200)}`)
        assert.match(String(res.headers['content-type']), /^text\/html/)
        assert.match(res.body, /This link is no longer valid/)
      }
      // A token that is simply unknown is still the same page with 404.
      const unknown = await app.inject({ method: 'GET', url: '/newsletter/confirm?token=unknown&lang=en', remoteAddress: remoteAddress() })
      assert.equal(unknown.statusCode, 404)
      // The privacy center's form with a field given twice is its own error page.
      const twice = await app.inject({ method: 'POST', url: '/privacy-center/requests?lang=en', payload: 'type=access&email=a%40example.be&email=b%40example.be', headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: remoteAddress() })
      assert.equal(twice.statusCode, 400)
      assert.match(String(twice.headers['content-type']), /^text\/html/)
    })
  })
}
