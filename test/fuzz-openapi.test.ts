// The OpenAPI fuzz test (issue 11): every operation of the app's own OpenAPI document, and every
// route the document hides (the privacy center and newsletter pages, /docs), is sent a bounded set of
// malformed inputs — wrong types, missing fields, long strings, deep JSON, NUL and lone surrogates,
// bad and upper-case UUIDs, repeated parameters, wrong content types — with a least-privileged API
// key and without one, on both databases. The cases come from the route schemas alone (nothing here
// names a route), from fast-check with a fixed seed, so a new route is fuzzed without anyone touching
// this file. Nothing may answer 5xx, every request must be answered, and the audit log must verify
// intact afterwards.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import type { FastifyInstance, RouteOptions } from 'fastify'
import { allOperations, baseline, types, type Field, type Fixtures, type Operation, type Schema } from './support/openapi.ts'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { runOperation } from '../src/operations.ts'
import type { Runtime } from '../src/runtime.ts'

const SEED = 20_261_111
/** Random cases per operation, on top of the systematic ones (every field × NUL, surrogate, too long, …). */
const RANDOM_PER_OPERATION = 60
/** Requests in flight at once. */
const CONCURRENCY = 4
/** A request not answered by then counts as unanswered (a generous guard, not a timing assertion). */
const ANSWER_WITHIN_MS = 20_000
/** The purpose of the least-privileged key: the one the issue reproduced every 5xx with. */
const LEAST_PURPOSES = ['customer_service']

interface Malformed {
  readonly label: string
  readonly value: unknown
}

const text = (label: string, value: string): Malformed => ({ label, value })
const long = (n: number): Malformed => text(`${n.toLocaleString('en-US')} characters`, 'a'.repeat(n))
const deepArray = (depth: number): unknown => {
  let v: unknown = 'x'
  for (let i = 0; i < depth; i++) v = [v]
  return v
}
const deepObject = (depth: number): unknown => {
  let v: unknown = 'x'
  for (let i = 0; i < depth; i++) v = { a: v }
  return v
}

const ENCODING: readonly Malformed[] = [
  text('NUL', '\u0000'),
  text('NUL inside', 'customer\u0000service'),
  text('lone high surrogate', '\ud800'),
  text('lone low surrogate inside', 'a\udc00b'),
  text('high surrogate at the end', 'customer_service\ud83d'),
]

const WRONG_TYPES: readonly Malformed[] = [
  { label: 'empty string', value: '' },
  { label: 'zero', value: 0 },
  { label: 'negative', value: -1 },
  { label: 'fraction', value: 1.5 },
  { label: 'huge number', value: 1e308 },
  { label: 'true', value: true },
  { label: 'null', value: null },
  { label: 'empty array', value: [] },
  { label: 'array of two', value: ['a', 'b'] },
  { label: 'empty object', value: {} },
  { label: 'object with toString', value: { toString: 1 } },
  { label: 'object with __proto__', value: JSON.parse('{"__proto__":{"polluted":1}}') as unknown },
  { label: 'deep array', value: deepArray(3_000) },
  { label: 'deep object', value: deepObject(1_000) },
]

const LONG: readonly Malformed[] = [33, 37, 65, 101, 201, 321, 501, 1_001, 2_049, 4_001, 20_001, 65_537, 100_000].map(long)

function uuids(f: Fixtures): Malformed[] {
  return [
    text('upper-case subject id', f.subjectId.toUpperCase()),
    text('upper-case request id', f.requestId.toUpperCase()),
    text('mixed-case subject id', f.subjectId.slice(0, 9).toUpperCase() + f.subjectId.slice(9)),
    text('request id', f.requestId),
    text('random uuid', randomUUID()),
    text('not a uuid', 'not-a-uuid'),
    text('bad uuid digit', '00000000-0000-0000-0000-00000000000g'),
    text('uuid without dashes', f.subjectId.replace(/-/g, '')),
    text('urn uuid', `urn:uuid:${f.subjectId}`),
    text('uuid with spaces', ` ${f.subjectId} `),
  ]
}

/** Raw path segments and query strings, sent as given (already percent-encoded or deliberately not). */
const RAW_SEGMENTS = ['%00', '%0D%0Aset-cookie:%20x=1', '%0A', '%ED%A0%80', '%C0%AF', '%FF', '%', '%zz', '..', '%2E%2E%2F', 'a'.repeat(2_000), '%F0%9F%98%80', '%uD800', '%25']
const RAW_QUERIES = ['%00=%00', 'purpose=%00', 'token=%ED%A0%80', 't=%ED%A0%80', 'token[]=a', 'token[a]=b', 'a=%', '&&&=&', 'lang=%C0%AF', `x=${'a'.repeat(5_000)}`, 'token=a&token=b&t=a&t=b&lang=en&lang=nl&purpose=a&purpose=b&subject=a&subject=b']

/** Whole bodies, each with its content type. */
const BODIES: readonly { label: string; contentType: string | undefined; payload: string | Buffer }[] = [
  { label: 'JSON array', contentType: 'application/json', payload: '[]' },
  { label: 'JSON string', contentType: 'application/json', payload: '"x"' },
  { label: 'JSON number', contentType: 'application/json', payload: '1' },
  { label: 'JSON null', contentType: 'application/json', payload: 'null' },
  { label: 'truncated JSON', contentType: 'application/json', payload: '{"a":' },
  { label: 'empty JSON body', contentType: 'application/json', payload: '' },
  { label: 'deep JSON arrays', contentType: 'application/json', payload: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
  { label: 'deep JSON objects', contentType: 'application/json', payload: `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}` },
  { label: 'escaped NUL key', contentType: 'application/json', payload: '{"\\u0000":"\\u0000"}' },
  { label: 'escaped lone surrogate', contentType: 'application/json', payload: '{"x":"\\ud800"}' },
  { label: 'invalid UTF-8', contentType: 'application/json', payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0xff, 0x22, 0x7d]) },
  { label: 'too large', contentType: 'application/json', payload: `{"a":"${'a'.repeat(1_100_000)}"}` },
  { label: 'text/plain', contentType: 'text/plain', payload: 'hello' },
  { label: 'form with repeated keys', contentType: 'application/x-www-form-urlencoded', payload: 'token=a&token=b&t=a&t=b&email=a&email=b&code=1&code=2' },
  { label: 'form with NUL', contentType: 'application/x-www-form-urlencoded', payload: 'token=%00&email=%00&details=%00&type=%00&code=%00' },
  { label: 'form with invalid UTF-8', contentType: 'application/x-www-form-urlencoded', payload: 'token=%ED%A0%80&email=%ED%A0%80&details=%ED%A0%80' },
  { label: 'XML', contentType: 'application/xml', payload: '<a/>' },
  { label: 'multipart', contentType: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n' },
  { label: 'JSON with a latin1 charset', contentType: 'application/json; charset=latin1', payload: '{}' },
  { label: 'no content type', contentType: undefined, payload: '{}' },
]

/** Header values a client can really send (a header cannot carry NUL or a lone surrogate over HTTP). */
const HEADERS: readonly { name: string; value: string }[] = [
  { name: 'accept-language', value: `${'x-'.repeat(3_000)}en` },
  { name: 'accept-language', value: 'q=;;,,;q=2,*;q=-1' },
  { name: 'idempotency-key', value: 'k'.repeat(5_000) },
  { name: 'idempotency-key', value: 'ÿþ\u0080' },
  { name: 'cookie', value: `pledge_request=${'a'.repeat(5_000)}; pledge_request=%00` },
  { name: 'origin', value: 'null' },
  { name: 'origin', value: 'http://evil.example' },
  { name: 'sec-fetch-site', value: 'cross-site' },
  { name: 'x-request-id', value: 'r'.repeat(5_000) },
  { name: 'if-none-match', value: '"'.repeat(5_000) },
  { name: 'authorization', value: 'Bearer' },
  { name: 'authorization', value: `Bearer ${'a'.repeat(8_000)}` },
  { name: 'authorization', value: 'Basic Zm9vOmJhcg==' },
  { name: 'content-length', value: '0' },
  { name: 'sec-gpc', value: '1'.repeat(1_000) },
]

// ---------- cases ----------

interface Case {
  readonly op: Operation
  readonly label: string
  readonly auth: 'least' | 'none'
  /** Values by field (undefined: leave the field out). */
  readonly values: ReadonlyMap<Field, unknown>
  /** A path parameter sent as a raw, already-encoded segment. */
  readonly rawSegment?: { readonly name: string; readonly segment: string }
  readonly repeated?: Field
  readonly rawQuery?: string
  readonly body?: (typeof BODIES)[number]
  readonly header?: (typeof HEADERS)[number]
  /** An extra property or map key in the body. */
  readonly extra?: { readonly key: string; readonly value: unknown; readonly into?: Field }
}

function baseValues(op: Operation, f: Fixtures): Map<Field, unknown> {
  return new Map(op.fields.map((field) => [field, baseline(field, f)]))
}

function withValue(op: Operation, f: Fixtures, field: Field, value: unknown): Map<Field, unknown> {
  const values = baseValues(op, f)
  values.set(field, value)
  return values
}

const cap = (s: Schema) => (typeof s.maxLength === 'number' ? s.maxLength : undefined)

/** The cases every operation gets: each field × encoding, too long, upper-case uuid; each required field left out. */
function systematic(op: Operation, f: Fixtures, auth: Case['auth']): Case[] {
  const out: Case[] = []
  const field = (fl: Field, m: Malformed) => out.push({ op, auth, label: `${fl.in}.${fl.name} = ${m.label}`, values: withValue(op, f, fl, m.value) })
  for (const fl of op.fields) {
    if (fl.in === 'header') continue
    for (const m of ENCODING) field(fl, m)
    const max = cap(fl.schema)
    field(fl, long(max === undefined ? 10_001 : max + 1))
    if (fl.in === 'body') field(fl, long(1_000_000))
    if (fl.in === 'path') {
      field(fl, text('upper-case subject id', f.subjectId.toUpperCase()))
      field(fl, text('upper-case request id', f.requestId.toUpperCase()))
    }
    if (fl.in === 'query') out.push({ op, auth, label: `query.${fl.name} repeated`, values: baseValues(op, f), repeated: fl })
    if (fl.required) {
      const values = baseValues(op, f)
      values.set(fl, undefined)
      out.push({ op, auth, label: `${fl.in}.${fl.name} missing`, values })
    }
    const t = types(fl.schema)
    if (fl.in === 'body' && t.includes('object') && fl.schema.additionalProperties !== false) {
      for (const m of [...ENCODING, long(10_001), long(100_000)]) out.push({ op, auth, label: `a key of body.${fl.name} = ${m.label}`, values: baseValues(op, f), extra: { key: m.value as string, value: 'x', into: fl } })
    }
  }
  if (op.hasBody) out.push({ op, auth, label: 'body.<unknown property> = NUL', values: baseValues(op, f), extra: { key: 'unknown\u0000', value: '\ud800' } })
  return out
}

function randomCases(op: Operation, f: Fixtures, seed: number): Case[] {
  const fields = op.fields.filter((fl) => fl.in !== 'header')
  const pathFields = op.fields.filter((fl) => fl.in === 'path')
  const queryFields = op.fields.filter((fl) => fl.in === 'query')
  const mapFields = op.fields.filter((fl) => fl.in === 'body' && types(fl.schema).includes('object'))
  const unit = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), fc.constantFrom('\u0000', '\ud800', '\udfff', '@', '.', ' ', '%'))
  const malformed: fc.Arbitrary<Malformed> = fc.oneof(
    fc.constantFrom(...ENCODING, ...WRONG_TYPES, ...LONG, ...uuids(f)),
    fc.string({ unit, maxLength: 40 }).map((s) => text('random UTF-16', s)),
    fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => text('random text', s)),
    fc.jsonValue({ maxDepth: 3 }).map((v) => ({ label: 'random JSON', value: v })),
  )
  const auth = fc.constantFrom<Case['auth']>(...(op.keyed ? (['least', 'least', 'least', 'none'] as const) : (['none', 'none', 'none', 'least'] as const)))
  const kinds: fc.Arbitrary<Omit<Case, 'op' | 'auth'>>[] = [
    fc.record({ body: fc.constantFrom(...BODIES) }).map(({ body }) => ({ label: `body: ${body.label}`, values: baseValues(op, f), body })),
    fc.record({ header: fc.constantFrom(...HEADERS) }).map(({ header }) => ({ label: `header ${header.name}: ${header.value.length} characters`, values: baseValues(op, f), header })),
    fc.record({ q: fc.constantFrom(...RAW_QUERIES) }).map(({ q }) => ({ label: `raw query ${q.slice(0, 24)}`, values: baseValues(op, f), rawQuery: q })),
  ]
  if (fields.length) {
    kinds.push(
      fc.record({ field: fc.constantFrom(...fields), m: malformed }).map(({ field, m }) => ({ label: `${field.in}.${field.name} = ${m.label}`, values: withValue(op, f, field, m.value) })),
      fc.record({ field: fc.constantFrom(...fields) }).map(({ field }) => {
        const values = baseValues(op, f)
        values.set(field, undefined)
        return { label: `${field.in}.${field.name} missing`, values }
      }),
    )
  }
  if (pathFields.length) {
    kinds.push(fc.record({ field: fc.constantFrom(...pathFields), segment: fc.constantFrom(...RAW_SEGMENTS) }).map(({ field, segment }) => ({ label: `path.${field.name} raw ${segment.slice(0, 12)}`, values: baseValues(op, f), rawSegment: { name: field.name, segment } })))
  }
  if (queryFields.length) {
    kinds.push(fc.record({ field: fc.constantFrom(...queryFields) }).map(({ field }) => ({ label: `query.${field.name} repeated`, values: baseValues(op, f), repeated: field })))
  }
  if (mapFields.length) {
    kinds.push(fc.record({ field: fc.constantFrom(...mapFields), key: malformed, value: malformed }).map(({ field, key, value }) => ({ label: `a key of body.${field.name} = ${key.label}`, values: baseValues(op, f), extra: { key: typeof key.value === 'string' ? key.value : JSON.stringify(key.value) ?? 'null', value: value.value, into: field } })))
  }
  const arb = fc.record({ auth, kind: fc.oneof(...kinds) }).map(({ auth, kind }) => ({ ...kind, op, auth }))
  return fc.sample(arb, { seed, numRuns: RANDOM_PER_OPERATION })
}

/** A stable number per operation, so that each one's sample does not depend on the others. */
function seedOf(op: Operation): number {
  let h = SEED
  for (const c of `${op.method} ${op.path}`) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0
  return h
}

// ---------- sending ----------

const asString = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? 'null')

function encodeForm(values: Record<string, unknown>): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(values)) {
    if (Array.isArray(v)) for (const item of v) params.append(k, asString(item))
    else params.append(k, asString(v))
  }
  return params.toString()
}

/** Percent-encoding that keeps a lone surrogate a lone surrogate (as its CESU-8 bytes), where encodeURIComponent would throw. */
function encodeLoose(s: string): string {
  try {
    return encodeURIComponent(s)
  } catch {
    return [...s].map((c) => { try { return encodeURIComponent(c) } catch { return '%ED%A0%80' } }).join('')
  }
}

interface Injection {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string | Buffer
  remoteAddress: string
}

function toInjection(c: Case, f: Fixtures, n: number): Injection {
  const headers: Record<string, string> = {}
  if (c.auth === 'least') headers.authorization = `Bearer ${f.leastKey}`
  let path = c.op.path
  const query: string[] = []
  const body: Record<string, unknown> = {}
  for (const [field, value] of c.values) {
    if (value === undefined) continue
    if (field.in === 'path') {
      const segment = c.rawSegment?.name === field.name ? c.rawSegment.segment : encodeLoose(asString(value))
      path = path.replace(`{${field.name}}`, segment)
    } else if (field.in === 'query') {
      const values = c.repeated === field ? ['a', asString(value)] : Array.isArray(value) ? value.map(asString) : [asString(value)]
      for (const v of values) query.push(`${encodeLoose(field.name)}=${encodeLoose(v)}`)
    } else if (field.in === 'header') {
      headers[field.name] = asString(value).replace(/[^\t\x20-\x7e\x80-\xff]/g, '?')
    } else body[field.name] = value
  }
  for (const m of path.matchAll(/\{(\w+)\}/g)) path = path.replace(m[0], encodeLoose(String(m[1])))
  if (c.rawQuery) query.push(c.rawQuery)
  if (c.extra) {
    if (c.extra.into) {
      const map = body[c.extra.into.name]
      body[c.extra.into.name] = { ...(map !== null && typeof map === 'object' && !Array.isArray(map) ? map : {}), [c.extra.key]: c.extra.value }
    } else body[c.extra.key] = c.extra.value
  }
  if (c.header) headers[c.header.name] = c.header.value
  const injection: Injection = {
    method: c.op.method,
    url: query.length ? `${path}?${query.join('&')}` : path,
    headers,
    // A different client address per request, so that the per-address rate limits do not answer everything.
    remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
  }
  if (c.body) {
    if (c.body.contentType) headers['content-type'] = c.body.contentType
    injection.payload = c.body.payload
  } else if (c.op.hasBody) {
    // A page's form posts form-encoded, unless a value cannot be (an object, a number): then JSON.
    if (c.op.hidden && Object.values(body).every((v) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      injection.payload = encodeForm(body)
    } else {
      headers['content-type'] = 'application/json'
      injection.payload = JSON.stringify(body)
    }
  }
  return injection
}

interface Outcome {
  readonly sent: number
  readonly byStatus: ReadonlyMap<number, number>
  readonly failures: readonly string[]
}

async function send(app: FastifyInstance, cases: readonly Case[], f: Fixtures): Promise<Outcome> {
  const byStatus = new Map<number, number>()
  const failures: string[] = []
  let next = 0
  let sent = 0
  const worker = async () => {
    while (next < cases.length) {
      const n = next++
      const c = cases[n]!
      const injection = toInjection(c, f, n + 1)
      let timer: NodeJS.Timeout | undefined
      const answer = await Promise.race([
        app.inject(injection).then((res) => res.statusCode),
        new Promise<'unanswered'>((resolve) => {
          timer = setTimeout(() => resolve('unanswered'), ANSWER_WITHIN_MS)
        }),
      ]).finally(() => clearTimeout(timer))
      sent++
      const what = `${c.op.method} ${c.op.path} [${c.auth} key] ${c.label}`
      if (answer === 'unanswered') failures.push(`${what}: no answer within ${ANSWER_WITHIN_MS / 1000} s`)
      else {
        byStatus.set(answer, (byStatus.get(answer) ?? 0) + 1)
        if (answer >= 500) failures.push(`${what}: ${answer}`)
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return { sent, byStatus, failures }
}

for (const variant of DATABASES) {
  describe(`${variant.name}: OpenAPI fuzz`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    const routes: RouteOptions[] = []
    let fixtures: Fixtures

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database)
      app = await buildApp(runtime, { onRoute: (r) => void routes.push(r) })
      const policy = runtime.policy()
      const setup = (await createApiKey(t.database.db, policy, { name: 'fuzz-setup', purposes: ['customer_registration', 'customer_service'] })).token
      const leastKey = (await createApiKey(t.database.db, policy, { name: 'fuzz-least', purposes: LEAST_PURPOSES })).token
      const created = await app.inject({
        method: 'POST',
        url: '/v1/subjects?purpose=customer_registration',
        headers: { authorization: `Bearer ${setup}` },
        payload: { type: 'customer', data: { 'contact.name': 'Fuzz Tester', 'contact.email': 'fuzz.tester@example.com' } },
      })
      assert.equal(created.statusCode, 201, created.body)
      const filed = await app.inject({ method: 'POST', url: '/v1/requests', payload: { type: 'access', email: 'fuzz.requester@example.com', lang: 'en' }, remoteAddress: '10.255.255.254' })
      assert.equal(filed.statusCode, 202, filed.body)
      fixtures = { subjectId: created.json().id as string, requestId: filed.json().id as string, leastKey }
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    test('every operation and hidden route, malformed: no 5xx, every request answered, the audit log intact afterwards', { timeout: 240_000 }, async (ctx) => {
      const started = performance.now()
      const { documented, hidden } = await allOperations(app, routes)
      // The public HTML forms are not in the document: they come from the route table.
      for (const page of ['POST /privacy-center/requests', 'POST /privacy-center/requests/{id}/verify', 'GET /newsletter/confirm', 'POST /newsletter/unsubscribe']) {
        assert.ok(hidden.some((o) => `${o.method} ${o.path}` === page), `${page} is fuzzed`)
      }
      const operations = [...documented, ...hidden]
      const cases: Case[] = []
      for (const op of operations) {
        cases.push(...systematic(op, fixtures, op.keyed ? 'least' : 'none'))
        if (op.keyed) cases.push(...systematic(op, fixtures, 'none').filter((_, i) => i % 4 === 0))
        cases.push(...randomCases(op, fixtures, seedOf(op)))
      }
      const outcome = await send(app, cases, fixtures)
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      const statuses = [...outcome.byStatus].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`).join(', ')
      const fivexx = [...outcome.byStatus].filter(([status]) => status >= 500).reduce((n, [, k]) => n + k, 0)
      const unanswered = outcome.failures.length - fivexx
      ctx.diagnostic(`${variant.name}: ${outcome.sent} requests to ${documented.length} documented operations and ${hidden.length} hidden routes in ${seconds} s; ${fivexx} answered 5xx, ${unanswered} unanswered; by status ${statuses}`)
      assert.equal(outcome.sent, cases.length, 'every case was sent')
      assert.equal(outcome.failures.length, 0, `${outcome.failures.length} requests answered 5xx or not at all:\n${outcome.failures.slice(0, 200).join('\n')}`)

      const verified = await runOperation({ database: t.database, config: runtime.config, runtime, policyPath: EXAMPLE_POLICY, now: () => new Date() }, 'audit-verify', {})
      assert.match(verified.output, /^audit log intact: /)
    })
  })
}
