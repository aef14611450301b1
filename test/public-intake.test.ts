// The public intake routes under their rate limits, in process over both databases: a tripped limit
// is a 429 with the one error shape and Retry-After (never a 500); a website backend's intake key
// has a bucket of its own; X-Forwarded-For counts only from a trusted proxy; the per-address
// (client and e-mail) limits still apply.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { loadConfig, ConfigError } from '../src/config.ts'
import { runOperation } from '../src/operations.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import type { Runtime } from '../src/runtime.ts'

const BASE = 'https://privacy.ixpole.example'

/** A 429 in the one error shape, with Retry-After in whole seconds within the window. */
function assertRateLimited(res: LightMyRequestResponse, windowSeconds: number, who = 'this address'): void {
  assert.equal(res.statusCode, 429, res.body)
  assert.match(String(res.headers['content-type']), /^application\/json/)
  const body = res.json()
  assert.deepEqual(Object.keys(body), ['error'])
  assert.equal(body.error.code, 'rate_limited')
  const retryAfter = Number(res.headers['retry-after'])
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= windowSeconds, `Retry-After ${res.headers['retry-after']}`)
  assert.equal(body.error.message, `too many requests from ${who}: try again in ${retryAfter} s`)
  assert.deepEqual(body.error.details, { retryAfterSeconds: retryAfter })
}

for (const variant of DATABASES) {
  describe(`${variant.name}: public intake limits`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let smtp: TestSmtpServer
    let runtime: Runtime
    let app: FastifyInstance
    const intakeKey = async (name: string) => (await createApiKey(t.database.db, runtime.policy(), { name, purposes: [], scopes: ['intake'] })).token
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
    // Each test uses addresses (and keys) of its own, so no test spends another's allowance.
    let block = 0
    const addresses = () => {
      const b = ++block
      return (n: number) => `10.60.${b}.${n}`
    }

    before(async () => {
      t = await variant.open()
      smtp = await startSmtpServer()
      // 10.61.0.1 and 10.62.0.0/16 are the reverse proxies; every other peer is a client itself.
      runtime = await testRuntime(t.database, { smtpUrl: smtp.url, baseUrl: BASE, trustedProxies: '10.61.0.1, 10.62.0.0/16' })
      app = await buildApp(runtime)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await smtp?.close()
      await t?.drop()
    })

    test('POST /v1/newsletter/subscribe: the sixth call in a minute from one address is a 429 with Retry-After; another address is not affected', async () => {
      const ip = addresses()
      const subscribe = (n: number, remoteAddress: string) => app.inject({ method: 'POST', url: '/v1/newsletter/subscribe', headers: { origin: BASE }, payload: { email: `limit.${n}@example.be`, lang: 'en' }, remoteAddress })
      for (let n = 1; n <= 5; n++) assert.equal((await subscribe(n, ip(1))).statusCode, 202)
      assertRateLimited(await subscribe(6, ip(1)), 60)
      assert.equal((await subscribe(7, ip(2))).statusCode, 202)
    })

    test('POST /v1/requests: the eleventh filing in a minute from one address is a 429 with Retry-After', async () => {
      const ip = addresses()
      const file = (n: number, remoteAddress: string) => app.inject({ method: 'POST', url: '/v1/requests', payload: { type: 'access', email: `filer.${n}@example.be`, lang: 'en' }, remoteAddress })
      for (let n = 1; n <= 10; n++) assert.equal((await file(n, ip(1))).statusCode, 202)
      assertRateLimited(await file(11, ip(1)), 60)
      assert.equal((await file(12, ip(2))).statusCode, 202)
    })

    test('POST /v1/requests/{id}/verify: after ten tries in a minute the right code from that address is a 429, not a 500; from another address it verifies', async () => {
      const ip = addresses()
      const before = smtp.messages.length
      const filed = await app.inject({ method: 'POST', url: '/v1/requests', payload: { type: 'access', email: 'right.code@example.be', lang: 'en' }, remoteAddress: ip(1) })
      assert.equal(filed.statusCode, 202, filed.body)
      const [mail] = (await smtp.waitFor(before + 1)).slice(before)
      const code = /#code=(\d{6})/.exec(mail!.text ?? '')![1]!
      const verify = (id: string, remoteAddress: string, c = code) => app.inject({ method: 'POST', url: `/v1/requests/${id}/verify`, payload: { code: c }, remoteAddress })
      // Ten guesses at other (unknown) requests use up this address's allowance.
      for (let n = 1; n <= 10; n++) assert.equal((await verify(randomUUID(), ip(2), '123456')).statusCode, 404)
      assertRateLimited(await verify(filed.json().id, ip(2)), 60)
      const ok = await verify(filed.json().id, ip(3))
      assert.equal(ok.statusCode, 200, ok.body)
    })

    test('POST /v1/requests/{id}/resend: the fourth call in ten minutes from one address is a 429 with Retry-After', async () => {
      const ip = addresses()
      const resend = (remoteAddress: string) => app.inject({ method: 'POST', url: `/v1/requests/${randomUUID()}/resend`, remoteAddress })
      for (let n = 1; n <= 3; n++) assert.equal((await resend(ip(1))).statusCode, 202)
      assertRateLimited(await resend(ip(1)), 600)
      assert.equal((await resend(ip(2))).statusCode, 202)
    })

    test('the request status and the newsletter pages share their scope\'s limit (30 and 20 a minute per address) and answer 429 the same way', async () => {
      const ip = addresses()
      const id = randomUUID()
      for (let n = 1; n <= 30; n++) assert.equal((await app.inject({ method: 'GET', url: `/v1/requests/${id}`, remoteAddress: ip(1) })).statusCode, 401)
      assertRateLimited(await app.inject({ method: 'GET', url: `/v1/requests/${id}/download`, remoteAddress: ip(1) }), 60)
      for (let n = 1; n <= 20; n++) assert.equal((await app.inject({ method: 'GET', url: '/newsletter/confirm?token=unknown&lang=en', remoteAddress: ip(2) })).statusCode, 404)
      assertRateLimited(await app.inject({ method: 'GET', url: '/newsletter/unsubscribe?t=unknown&lang=en', remoteAddress: ip(2) }), 60)
    })

    test('a website backend with an intake key posts for its visitors from one address: counted in the key\'s own bucket, not the address\'s', async () => {
      const ip = addresses()
      const key = await intakeKey('website-bucket')
      for (let n = 1; n <= 12; n++) {
        const res = await app.inject({ method: 'POST', url: '/v1/newsletter/subscribe', headers: bearer(key), payload: { email: `visitor.${n}@example.be`, lang: 'nl' }, remoteAddress: ip(1) })
        assert.equal(res.statusCode, 202, res.body)
        assert.equal(res.headers['x-ratelimit-limit'], '300')
        assert.equal(res.headers['x-ratelimit-remaining'], String(300 - n))
      }
      for (let n = 1; n <= 11; n++) assert.equal((await app.inject({ method: 'POST', url: '/v1/requests', headers: bearer(key), payload: { type: 'access', email: `visitor.${n}@example.be`, lang: 'nl' }, remoteAddress: ip(1) })).statusCode, 202)
      // The key's calls took nothing from the address: a visitor posting from it directly still has five.
      for (let n = 1; n <= 5; n++) assert.equal((await app.inject({ method: 'POST', url: '/v1/newsletter/subscribe', headers: { origin: BASE }, payload: { email: `direct.${n}@example.be`, lang: 'nl' }, remoteAddress: ip(1) })).statusCode, 202)
    })

    test('an intake key\'s bucket is limited too (100 new codes in ten minutes), and another key\'s is its own', async () => {
      const ip = addresses()
      const [one, two] = [await intakeKey('website-one'), await intakeKey('website-two')]
      const resend = (key: string) => app.inject({ method: 'POST', url: `/v1/requests/${randomUUID()}/resend`, headers: bearer(key), remoteAddress: ip(1) })
      for (let n = 1; n <= 100; n++) assert.equal((await resend(one)).statusCode, 202)
      assertRateLimited(await resend(one), 600, 'this API key')
      assert.equal((await resend(two)).statusCode, 202)
    })

    test('the filing and the subscription record the intake key that posted them, not the visitor', async () => {
      const ip = addresses()
      const token = await intakeKey('website-audit')
      const [keyRow] = await t.database.db.selectFrom('api_key').select('id').where('name', '=', 'website-audit').execute()
      const filed = await app.inject({ method: 'POST', url: '/v1/requests', headers: bearer(token), payload: { type: 'erasure', email: 'posted.for@example.be', lang: 'fr' }, remoteAddress: ip(1) })
      assert.equal(filed.statusCode, 202, filed.body)
      const row = await t.database.db.selectFrom('dsr_request').select(['created_by', 'channel']).where('id', '=', filed.json().id).executeTakeFirstOrThrow()
      assert.deepEqual(row, { created_by: `key:${keyRow!.id}`, channel: 'api' })
      assert.equal((await app.inject({ method: 'POST', url: '/v1/newsletter/subscribe', headers: bearer(token), payload: { email: 'posted.for@example.be', lang: 'fr' }, remoteAddress: ip(1) })).statusCode, 202)
      const audited = await t.database.db.selectFrom('audit_entry').select(['action', 'actor_id']).where('actor_id', '=', `key:${keyRow!.id}`).orderBy('seq').execute()
      assert.deepEqual(audited.map((a) => a.action), ['request.filed', 'newsletter.subscribe_requested'])
    })

    test('a bearer that is no intake key is refused on the public forms; an intake-only key opens no keyed route', async () => {
      const ip = addresses()
      const crm = (await createApiKey(t.database.db, runtime.policy(), { name: 'crm-not-intake', purposes: ['customer_registration'] })).token
      const subscribe = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/v1/newsletter/subscribe', headers, payload: { email: 'refused@example.be', lang: 'en' }, remoteAddress: ip(1) })
      const unknown = await subscribe(bearer('pledge_unknownunknownunknownunknownunknownunkno'))
      assert.equal(unknown.statusCode, 401)
      assert.deepEqual(unknown.json(), { error: { code: 'unauthorized', message: 'this API key is unknown or revoked' } })
      const noScope = await subscribe(bearer(crm))
      assert.equal(noScope.statusCode, 403)
      assert.deepEqual(noScope.json(), { error: { code: 'missing_scope', message: 'this API key may not post the public forms: create one with `pledge apikey create --name website --intake`' } })
      const ropa = await app.inject({ method: 'GET', url: '/v1/ropa', headers: bearer(await intakeKey('website-keyed')), remoteAddress: ip(1) })
      assert.equal(ropa.statusCode, 403)
      assert.equal(ropa.json().error.code, 'intake_only_key')
    })

    test('X-Forwarded-For names the client only when the peer is a trusted proxy: each visitor behind it has its own five; an untrusted peer cannot pick its address', async () => {
      const ip = addresses()
      const subscribe = (n: number, peer: string, visitor: string) =>
        app.inject({ method: 'POST', url: '/v1/newsletter/subscribe', headers: { origin: BASE, 'x-forwarded-for': visitor }, payload: { email: `proxied.${n}@example.be`, lang: 'en' }, remoteAddress: peer })
      const [visitorA, visitorB] = [ip(1), ip(2)]
      for (let n = 1; n <= 5; n++) assert.equal((await subscribe(n, '10.61.0.1', visitorA)).statusCode, 202)
      assertRateLimited(await subscribe(6, '10.61.0.1', visitorA), 60)
      // Through another proxy of the trusted range, the visitor is still the same client.
      assertRateLimited(await subscribe(7, '10.62.3.4', `${visitorA}, 10.61.0.1`), 60)
      assert.equal((await subscribe(8, '10.61.0.1', visitorB)).statusCode, 202)
      // An untrusted peer: its own address counts, whatever it forwards.
      for (let n = 1; n <= 5; n++) assert.equal((await subscribe(10 + n, ip(3), `192.0.2.${n}`)).statusCode, 202)
      assertRateLimited(await subscribe(16, ip(3), '192.0.2.99'), 60)
    })

    test('a keyed call through a trusted proxy is counted under the visitor\'s address too, and the per-e-mail limit applies with a key', async () => {
      const ip = addresses()
      const key = await intakeKey('website-proxied')
      const subscribe = (n: number, visitor: string) =>
        app.inject({ method: 'POST', url: '/v1/newsletter/subscribe', headers: { ...bearer(key), 'x-forwarded-for': visitor }, payload: { email: `keyed.proxied.${n}@example.be`, lang: 'en' }, remoteAddress: '10.61.0.1' })
      for (let n = 1; n <= 5; n++) assert.equal((await subscribe(n, ip(1))).statusCode, 202)
      assertRateLimited(await subscribe(6, ip(1)), 60)
      assert.equal((await subscribe(7, ip(2))).statusCode, 202)
      // Five filings an hour for one e-mail address, whoever posts them (the request service counts them).
      const file = () => app.inject({ method: 'POST', url: '/v1/requests', headers: bearer(key), payload: { type: 'objection', email: 'one.person@example.be', lang: 'en' }, remoteAddress: ip(3) })
      for (let n = 1; n <= 5; n++) assert.equal((await file()).statusCode, 202)
      const sixth = await file()
      assert.equal(sixth.statusCode, 429)
      assert.equal(sixth.json().error.code, 'rate_limited')
    })

    test('pledge apikey create --name website --intake makes a key with the intake scope and no purposes', async () => {
      const ip = addresses()
      const config = loadConfig({ policy: EXAMPLE_POLICY, dataDir: runtime.config.dataDir }, {})
      // As the CLI runs it through the server that holds the database (its audit log records it).
      const ctx = { database: t.database, config, runtime, policyPath: EXAMPLE_POLICY, now: () => new Date() }
      const made = await runOperation(ctx, 'apikey-create', { name: 'website-cli', intake: 'true' })
      const lines = made.output.split('\n')
      assert.match(lines[0]!, /^created API key website-cli \(id [0-9a-f-]{36}\)$/)
      assert.equal(lines[1], 'scope: intake (may post the public newsletter and request forms for its visitors, in its own rate-limit bucket)')
      const token = lines.at(-1)!
      assert.equal((await app.inject({ method: 'POST', url: '/v1/newsletter/subscribe', headers: bearer(token), payload: { email: 'cli.made@example.be', lang: 'en' }, remoteAddress: ip(1) })).statusCode, 202)
      const listed = (await runOperation(ctx, 'apikey-list', {})).output.split('\n').find((l) => l.includes('\twebsite-cli\t'))
      assert.match(listed!, /^[0-9a-f-]{36}\twebsite-cli\t-\tintake\t-\t-\tactive$/)
      await assert.rejects(runOperation(ctx, 'apikey-create', { name: 'nothing' }), { message: '--purposes must list at least one purpose of the policy (or give --intake for a website backend that posts the public forms)' })
      await assert.rejects(runOperation(ctx, 'apikey-create', { name: 'tenant-site', intake: 'true', purposes: 'processing_for_customers', tenant: 'acme' }), { message: "--intake is for the controller's own website backend: it cannot act for a customer (--tenant) or a recipient (--recipient)" })
    })
  })
}

test('PLEDGE_TRUSTED_PROXIES takes IPs and CIDR ranges, and names the entry it cannot read', () => {
  assert.deepEqual(loadConfig({}, { PLEDGE_TRUSTED_PROXIES: ' 10.0.0.1, 10.1.0.0/16,::1, fd00::/8 ' }).trustedProxies, ['10.0.0.1', '10.1.0.0/16', '::1', 'fd00::/8'])
  assert.deepEqual(loadConfig({}, {}).trustedProxies, [])
  for (const bad of ['proxy.example.com', '10.0.0.0/33', '10.0.0.1/8/1', '::1/129']) {
    assert.throws(() => loadConfig({}, { PLEDGE_TRUSTED_PROXIES: `10.0.0.1,${bad}` }), (err: unknown) => {
      assert.ok(err instanceof ConfigError)
      assert.equal(err.message, `PLEDGE_TRUSTED_PROXIES must list IP addresses or CIDR ranges separated by commas, such as 10.0.0.1,10.1.0.0/16; "${bad}" is neither`)
      return true
    })
  }
})
