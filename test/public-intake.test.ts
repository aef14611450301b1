// The public intake routes under their rate limits, in process over both databases: a tripped limit
// is a 429 with the one error shape and Retry-After (never a 500).
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { buildApp } from '../src/http/app.ts'
import type { Runtime } from '../src/runtime.ts'

const BASE = 'https://privacy.ixpole.example'

/** A 429 in the one error shape, with Retry-After in whole seconds within the window. */
function assertRateLimited(res: LightMyRequestResponse, windowSeconds: number): void {
  assert.equal(res.statusCode, 429, res.body)
  assert.match(String(res.headers['content-type']), /^application\/json/)
  const body = res.json()
  assert.deepEqual(Object.keys(body), ['error'])
  assert.equal(body.error.code, 'rate_limited')
  const retryAfter = Number(res.headers['retry-after'])
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= windowSeconds, `Retry-After ${res.headers['retry-after']}`)
  assert.equal(body.error.message, `too many requests from this address: try again in ${retryAfter} s`)
  assert.deepEqual(body.error.details, { retryAfterSeconds: retryAfter })
}

for (const variant of DATABASES) {
  describe(`${variant.name}: public intake limits`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let smtp: TestSmtpServer
    let runtime: Runtime
    let app: FastifyInstance
    // Each test uses addresses of its own, so no test spends another's allowance.
    let block = 0
    const addresses = () => {
      const b = ++block
      return (n: number) => `10.60.${b}.${n}`
    }

    before(async () => {
      t = await variant.open()
      smtp = await startSmtpServer()
      runtime = await testRuntime(t.database, { smtpUrl: smtp.url, baseUrl: BASE })
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
      const subscribe = (n: number, remoteAddress: string) => app.inject({ method: 'POST', url: '/v1/newsletter/subscribe', payload: { email: `limit.${n}@example.be`, lang: 'en' }, remoteAddress })
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
  })
}
