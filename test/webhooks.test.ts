// Signed webhooks (Art. 19 notifications and routing to customers, REQ-ER-06, REQ-PR-01): the
// endpoint per owner, HMAC-SHA256 signatures a receiver checks with verifySignature, retries with
// backoff until a 2xx, delivery state through the API, and owners isolated from each other.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { jobsRuntime } from './support/jobs-runtime.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'
import { signPayload, verifySignature } from '../src/webhooks/signature.ts'

interface Received {
  headers: IncomingHttpHeaders
  body: string
  valid: boolean
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  assert.fail(`timed out waiting for ${what}`)
}

test('REQ-ER-06 webhooks: verifySignature accepts the v1 scheme, and refuses a changed body, a wrong secret, an old timestamp and a malformed header', () => {
  const now = new Date('2026-05-01T10:00:00Z')
  const ts = Math.floor(now.getTime() / 1000)
  const body = '{"id":"d-1","event":"request.routed","data":{"requestId":"r-1"}}'
  const header = signPayload('whsec_test', ts, body)
  assert.match(header, /^v1=[0-9a-f]{64}$/)
  assert.equal(verifySignature('whsec_test', ts, body, header, { now }), true)
  assert.equal(verifySignature('whsec_test', String(ts), Buffer.from(body), `v1=${'0'.repeat(64)}, ${header}`, { now }), true)
  assert.equal(verifySignature('whsec_test', ts, body.replace('r-1', 'r-2'), header, { now }), false)
  assert.equal(verifySignature('whsec_other', ts, body, header, { now }), false)
  assert.equal(verifySignature('whsec_test', ts, body, header, { now: new Date(now.getTime() + 600_000) }), false)
  assert.equal(verifySignature('whsec_test', ts, body, 'v1=zz', { now }), false)
  assert.equal(verifySignature('whsec_test', ts, body, undefined, { now }), false)
})

for (const variant of DATABASES) {
  describe(`${variant.name}: webhooks`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    let receiver: Server
    let receiverUrl = ''
    const received: Received[] = []
    let answers: number[] = []
    let secret = ''
    let acme = ''
    let globex = ''
    let controller = ''
    let recipient = ''
    const auth = (k: string) => ({ authorization: `Bearer ${k}` })

    before(async () => {
      t = await variant.open()
      runtime = await jobsRuntime(t.database)
      app = await buildApp(runtime)
      await runtime.jobs.start()
      acme = (await createApiKey(t.database.db, runtime.policy(), { name: 'acme', purposes: ['processing_for_customers'], tenantId: 'acme' })).token
      globex = (await createApiKey(t.database.db, runtime.policy(), { name: 'globex', purposes: ['processing_for_customers'], tenantId: 'globex' })).token
      controller = (await createApiKey(t.database.db, runtime.policy(), { name: 'ops', purposes: ['customer_registration'] })).token
      recipient = (await createApiKey(t.database.db, runtime.policy(), { name: 'accountant', purposes: ['customer_registration'], recipientId: 'accounting_firm_be' })).token
      receiver = createServer((req, res) => {
        let body = ''
        req.setEncoding('utf8')
        req.on('data', (c: string) => (body += c))
        req.on('end', () => {
          const valid = verifySignature(secret, String(req.headers['pledge-timestamp']), body, req.headers['pledge-signature'] as string | undefined)
          received.push({ headers: req.headers, body, valid })
          res.writeHead(valid ? (answers.shift() ?? 200) : 401).end()
        })
      })
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
      receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/pledge-events`
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      receiver?.close()
      await t?.drop()
    })

    test('REQ-PR-01 webhooks: PUT /v1/webhook-endpoint registers the key owner\'s endpoint and returns its secret once', async () => {
      const res = await app.inject({ method: 'PUT', url: '/v1/webhook-endpoint', headers: auth(acme), payload: { url: receiverUrl } })
      assert.equal(res.statusCode, 200, res.body)
      const body = res.json()
      assert.equal(body.owner, 'tenant:acme')
      assert.equal(body.url, receiverUrl)
      assert.match(body.secret, /^whsec_[A-Za-z0-9_-]{43}$/)
      secret = body.secret
      const shown = await app.inject({ method: 'GET', url: '/v1/webhook-endpoint', headers: auth(acme) })
      assert.equal(shown.statusCode, 200)
      assert.equal(shown.json().secret, undefined)
      assert.equal(shown.json().url, receiverUrl)
      // Sealed at rest: the secret is not in the database in the clear.
      const row = await t.database.db.selectFrom('webhook_endpoint').select('secret_sealed').where('owner', '=', 'tenant:acme').executeTakeFirstOrThrow()
      assert.ok(!Buffer.from(row.secret_sealed).toString('latin1').includes(secret.slice(6)))
      // A key of the controller's own has no owner to register for.
      const none = await app.inject({ method: 'PUT', url: '/v1/webhook-endpoint', headers: auth(controller), payload: { url: receiverUrl } })
      assert.equal(none.statusCode, 422)
      assert.equal(none.json().error.code, 'no_webhook_owner')
      const bad = await app.inject({ method: 'PUT', url: '/v1/webhook-endpoint', headers: auth(globex), payload: { url: 'ftp://example.com/x' } })
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().error.code, 'invalid_url')
    })

    test('REQ-ER-06 webhooks: a signed delivery answered 500 then 200 ends delivered after 2 attempts, visible through the API', async () => {
      answers = [500, 200]
      const delivery = await runtime.webhooks.send('tenant:acme', 'request.routed', { requestId: '7d0c6c1e-3f7e-4c3b-9a51-6c1a0f6ad3b1' })
      assert.ok(delivery)
      assert.equal(delivery.state, 'pending')
      await until(async () => (await runtime.webhooks.delivery(delivery.id))?.state === 'delivered', 20_000, 'the delivery to be acknowledged')
      const mine = received.filter((r) => r.headers['pledge-delivery'] === delivery.id)
      assert.equal(mine.length, 2)
      for (const r of mine) {
        assert.equal(r.valid, true)
        assert.equal(r.headers['pledge-event'], 'request.routed')
        assert.equal(r.headers['content-type'], 'application/json')
        assert.match(String(r.headers['pledge-timestamp']), /^\d{10}$/)
        assert.deepEqual(JSON.parse(r.body), { id: delivery.id, event: 'request.routed', createdAt: delivery.createdAt.toISOString(), data: { requestId: '7d0c6c1e-3f7e-4c3b-9a51-6c1a0f6ad3b1' } })
      }
      const res = await app.inject({ method: 'GET', url: `/v1/webhook-deliveries/${delivery.id}`, headers: auth(acme) })
      assert.equal(res.statusCode, 200, res.body)
      const shown = res.json()
      assert.equal(shown.state, 'delivered')
      assert.equal(shown.attempts, 2)
      assert.equal(shown.lastStatusCode, 200)
      assert.equal(shown.lastError, null)
      assert.equal(shown.owner, 'tenant:acme')
      assert.ok(shown.acknowledgedAt)
      assert.ok(Date.parse(shown.acknowledgedAt) >= Date.parse(shown.createdAt))
      const listed = await app.inject({ method: 'GET', url: '/v1/webhook-deliveries?state=delivered', headers: auth(acme) })
      assert.deepEqual(listed.json().deliveries.map((d: { id: string }) => d.id), [delivery.id])
      assert.deepEqual((await runtime.webhooks.deliveriesFor('tenant:acme')).map((d) => d.attempts), [2])
    })

    test('REQ-PR-01 webhooks: a key of one tenant cannot see another tenant\'s deliveries; the controller\'s key sees all', async () => {
      const [delivery] = await runtime.webhooks.deliveriesFor('tenant:acme')
      assert.ok(delivery)
      const other = await app.inject({ method: 'GET', url: `/v1/webhook-deliveries/${delivery.id}`, headers: auth(globex) })
      assert.equal(other.statusCode, 404)
      assert.equal(other.json().error.code, 'not_found')
      const missing = await app.inject({ method: 'GET', url: '/v1/webhook-deliveries/00000000-0000-4000-8000-000000000000', headers: auth(globex) })
      assert.deepEqual(missing.json(), other.json())
      const list = await app.inject({ method: 'GET', url: '/v1/webhook-deliveries', headers: auth(globex) })
      assert.deepEqual(list.json().deliveries, [])
      const all = await app.inject({ method: 'GET', url: '/v1/webhook-deliveries', headers: auth(controller) })
      assert.ok(all.json().deliveries.some((d: { id: string }) => d.id === delivery.id))
      const direct = await app.inject({ method: 'GET', url: `/v1/webhook-deliveries/${delivery.id}`, headers: auth(controller) })
      assert.equal(direct.statusCode, 200)
      const badState = await app.inject({ method: 'GET', url: '/v1/webhook-deliveries?state=lost', headers: auth(controller) })
      assert.equal(badState.statusCode, 400)
      const noKey = await app.inject({ method: 'GET', url: '/v1/webhook-deliveries' })
      assert.equal(noKey.statusCode, 401)
    })

    test('REQ-ER-06 webhooks: a receiver that never acknowledges ends failed after the attempt limit, with its status recorded; a recipient owner works the same', async () => {
      const res = await app.inject({ method: 'PUT', url: '/v1/webhook-endpoint', headers: auth(recipient), payload: { url: receiverUrl } })
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.json().owner, 'recipient:accounting_firm_be')
      secret = res.json().secret
      answers = [503, 503, 503, 503, 503, 503, 503, 503]
      const delivery = await runtime.webhooks.send('recipient:accounting_firm_be', 'subject.erased', { subjectId: '0190c6e4-0000-7000-8000-000000000001' })
      assert.ok(delivery)
      // Between attempts the state shows the attempt count and when the next one is due.
      await until(async () => (await runtime.webhooks.delivery(delivery.id))!.attempts >= 1, 10_000, 'a first attempt')
      const between = (await runtime.webhooks.delivery(delivery.id))!
      if (between.state === 'pending') assert.ok(between.nextAttemptAt && between.nextAttemptAt > between.lastAttemptAt!)
      // maxAttempts is 8 by default; with a 1 s base the backoff reaches 64 s: cut it short by
      // checking the recorded schedule, then let the scheduler's own runs play out for 3 attempts.
      await until(async () => (await runtime.webhooks.delivery(delivery.id))!.attempts >= 3, 20_000, 'three attempts')
      const shown = (await runtime.webhooks.delivery(delivery.id))!
      assert.equal(shown.state, 'pending')
      assert.equal(shown.lastStatusCode, 503)
      assert.equal(shown.lastError, 'http_status')
      assert.equal(runtime.webhooks.backoffSeconds(1), 1)
      assert.equal(runtime.webhooks.backoffSeconds(3), 4)
      assert.equal(runtime.webhooks.backoffSeconds(30), 6 * 3600)
      // The final attempt: the handler run directly (as the job would) for attempts 4..8.
      for (let attempt = shown.attempts + 1; attempt <= shown.maxAttempts; attempt++) await runtime.webhooks.attempt(delivery.id, attempt)
      const failed = (await runtime.webhooks.delivery(delivery.id))!
      assert.equal(failed.state, 'failed')
      assert.equal(failed.attempts, 8)
      assert.ok(failed.failedAt)
      assert.equal(failed.nextAttemptAt, null)
      // Rerunning a recorded attempt (at-least-once delivery) changes nothing.
      const before = received.length
      await runtime.webhooks.attempt(delivery.id, 8)
      assert.equal(received.length, before)
    })

    test('REQ-PR-01 webhooks: no endpoint means no delivery; payloads that look like personal data are refused', async () => {
      assert.equal(await runtime.webhooks.send('tenant:nobody', 'request.routed', { requestId: 'x' }), null)
      await assert.rejects(runtime.webhooks.send('tenant:acme', 'request.routed', { email: 'jan@example.be' }), /ids and event names only/)
      await assert.rejects(runtime.webhooks.send('someone', 'request.routed', {}), /tenant:<id>/)
      await assert.rejects(runtime.webhooks.send('tenant:acme', 'Bad Event', {}), /event names/)
    })
  })
}

test('REQ-PO-02 webhooks: without PLEDGE_ALLOW_PRIVATE_TARGETS an endpoint on loopback or plain http is refused', async (t) => {
  const db = await DATABASES[0]!.open()
  const runtime = await jobsRuntime(db.database, { allowPrivateTargets: false })
  const app = await buildApp(runtime)
  t.after(async () => (await app.close(), await runtime.close(), await db.drop()))
  const key = (await createApiKey(db.database.db, runtime.policy(), { name: 'acme', purposes: ['processing_for_customers'], tenantId: 'acme' })).token
  const put = (url: string) => app.inject({ method: 'PUT', url: '/v1/webhook-endpoint', headers: { authorization: `Bearer ${key}` }, payload: { url } })
  const loopback = await put('https://127.0.0.1/hook')
  assert.equal(loopback.statusCode, 422)
  assert.equal(loopback.json().error.code, 'target_not_allowed')
  assert.equal((await put('https://169.254.169.254/latest')).json().error.code, 'target_not_allowed')
  assert.equal((await put('https://localhost/hook')).json().error.code, 'target_not_allowed')
  assert.equal((await put('http://93.184.216.34/hook')).json().error.code, 'invalid_url')
  assert.equal((await put('https://hooks.example.com/pledge')).statusCode, 200)
})
