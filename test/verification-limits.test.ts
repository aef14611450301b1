// Verification codes are bounded per request, not per client address (REQ-ID-02, REQ-SEC-04): an
// attacker rotating addresses through a trusted proxy still gets five guesses in all, across every
// code the request was sent; a new code does not reset them; new codes are capped per request; the
// request is then closed and the person told by mail, and may file again.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import type { ParsedMail } from 'mailparser'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { buildApp } from '../src/http/app.ts'
import type { Runtime } from '../src/runtime.ts'

const BASE = 'https://privacy.ixpole.example'
const PROXY = '10.90.0.1'

function codeIn(mail: ParsedMail): string {
  const m = /#code=(\d{6})/.exec(mail.text ?? '')
  assert.ok(m, 'the mail carries a code')
  return m[1]!
}

for (const variant of DATABASES) {
  describe(`${variant.name}: verification codes bounded per request`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    let smtp: TestSmtpServer
    let visitor = 0
    // Every call seems to come from another client: the trusted proxy forwards a new address each time.
    const through = () => ({ remoteAddress: PROXY, headers: { 'x-forwarded-for': `198.51.${Math.floor(++visitor / 250)}.${(visitor % 250) + 1}` } })
    const to = (address: string, from: number) => smtp.messages.slice(from).filter((_, i) => smtp.envelopes[from + i]!.to.includes(address))

    before(async () => {
      t = await variant.open()
      smtp = await startSmtpServer()
      runtime = await testRuntime(t.database, { smtpUrl: smtp.url, baseUrl: BASE, trustedProxies: PROXY })
      app = await buildApp(runtime)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await smtp?.close()
      await t?.drop()
    })

    async function fileRequest(email: string): Promise<{ id: string; code: string }> {
      const before = smtp.messages.length
      const { remoteAddress, headers } = through()
      const res = await app.inject({ method: 'POST', url: '/v1/requests', remoteAddress, headers, payload: { type: 'access', email, lang: 'en' } })
      assert.equal(res.statusCode, 202, res.body)
      await smtp.waitFor(before + 1)
      return { id: res.json().id, code: codeIn(to(email, before).at(-1)!) }
    }
    const verify = (id: string, code: string) => {
      const { remoteAddress, headers } = through()
      return app.inject({ method: 'POST', url: `/v1/requests/${id}/verify`, remoteAddress, headers, payload: { code } })
    }
    const resend = (id: string) => {
      const { remoteAddress, headers } = through()
      return app.inject({ method: 'POST', url: `/v1/requests/${id}/resend`, remoteAddress, headers })
    }

    test('REQ-ID-02 REQ-SEC-04 five wrong guesses in all, from ever new addresses and across new codes, then the request is closed and the person told', async () => {
      const email = 'rotating.target@example.be'
      const { id, code } = await fileRequest(email)
      const wrong = (c: string) => (c === '000000' ? '111111' : '000000')
      // Two wrong guesses on the first code, then a new code: the count goes on, it is not reset.
      for (const left of [4, 3]) {
        const r = await verify(id, wrong(code))
        assert.equal(r.statusCode, 400)
        assert.equal(r.json().error.details.attemptsLeft, left)
      }
      const before = smtp.messages.length
      assert.equal((await resend(id)).statusCode, 202)
      await smtp.waitFor(before + 1)
      const second = codeIn(to(email, before).at(-1)!)
      for (const left of [2, 1, 0]) {
        const r = await verify(id, wrong(second))
        assert.equal(r.statusCode, 400)
        assert.equal(r.json().error.details.attemptsLeft, left)
      }
      // Closed: the right code no longer opens it, and the person was told.
      const right = await verify(id, second)
      assert.equal(right.statusCode, 429)
      assert.equal(right.json().error.code, 'too_many_attempts')
      await smtp.waitFor(before + 2)
      const told = to(email, before).at(-1)!
      assert.equal(told.subject, 'Your request was closed for your protection — iXpole')
      assert.match(told.text ?? '', /entered wrongly 5 times/)
      assert.match(told.text ?? '', /Nothing was done with your personal data/)
      const row = (await runtime.requests.row(id))!
      assert.equal(row.status, 'refused')
      assert.deepEqual(row.outcome, { kind: 'verification_locked' })
      // A new code for the closed request is not sent (the answer stays the same for anyone).
      const quiet = smtp.messages.length
      assert.equal((await resend(id)).statusCode, 202)
      assert.equal((await runtime.database.db.selectFrom('dsr_code').select('resends').where('request_id', '=', id).executeTakeFirstOrThrow()).resends, 1)
      assert.equal(smtp.messages.length, quiet)
      // The person may file again: a new request, with a code that works.
      const fresh = await fileRequest(email)
      assert.notEqual(fresh.id, id)
      assert.equal((await verify(fresh.id, fresh.code)).statusCode, 200)
    })

    test('REQ-ID-02 at most three new codes per request, whoever asks', async () => {
      const email = 'resend.cap@example.be'
      const { id } = await fileRequest(email)
      const before = smtp.messages.length
      for (let i = 0; i < 6; i++) assert.equal((await resend(id)).statusCode, 202)
      await smtp.waitFor(before + 3)
      assert.equal(to(email, before).length, 3, 'three new codes, not six')
      assert.equal((await runtime.database.db.selectFrom('dsr_code').select('resends').where('request_id', '=', id).executeTakeFirstOrThrow()).resends, 3)
      const refused = await runtime.database.db.selectFrom('audit_entry').select('reason').where('action', '=', 'request.code_refused').where('reason', '=', `request:${id}:resend_cap`).execute()
      assert.equal(refused.length, 3)
    })
  })
}
