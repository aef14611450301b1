// The cookie banner's routes, in process, on both databases: cross-origin headers whatever helmet
// says elsewhere, the cookie policy in each language, Global Privacy Control, strict validation of
// the proof, the proof stored without IP or user agent, the rate limit, and the size budget.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { gzipSync } from 'node:zlib'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import { bannerScript } from '../src/banner/build.ts'
import { cookiePolicyVersion } from '../src/banner/cookie-policy.ts'
import { COOKIE_CONSENT_RATE_LIMIT } from '../src/http/routes/cookies.ts'
import type { Runtime } from '../src/runtime.ts'

const BUDGET = 6 * 1024

test('REQ-CK-01 REQ-CK-02 the banner script stays within 6 KB gzipped (zlib, level 9) and is built once', async () => {
  const banner = await bannerScript()
  const measured = gzipSync(banner.code, { level: 9 }).length
  assert.equal(measured, banner.gzipBytes)
  assert.ok(measured <= BUDGET, `banner.js is ${measured} B gzipped, over the ${BUDGET} B budget`)
  assert.match(banner.version, /^[0-9a-f]{16}$/)
  assert.ok(banner.code.includes(banner.version), 'the script carries its own version for the proof')
  assert.equal(await bannerScript(), banner)
})

function assertCrossOrigin(res: LightMyRequestResponse): void {
  assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin')
  assert.equal(res.headers['access-control-allow-origin'], '*')
}

function assertError(res: LightMyRequestResponse, status: number, code: string): void {
  assert.equal(res.statusCode, status, res.body)
  const body = res.json()
  assert.deepEqual(Object.keys(body), ['error'])
  assert.equal(body.error.code, code)
  assert.equal(typeof body.error.message, 'string')
  assertCrossOrigin(res)
}

for (const variant of DATABASES) {
  describe(`${variant.name}: cookie banner routes`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    let policyVersion = ''
    let bannerVersion = ''
    const consentId = 'c0ffee00c0ffee00c0ffee00c0ffee00'

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database)
      app = await buildApp(runtime)
      policyVersion = cookiePolicyVersion(runtime.policy().cookies)
      bannerVersion = (await bannerScript()).version
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const post = (payload: object, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: '/v1/cookie-consents', payload, headers: { origin: 'https://www.ixpole.be', ...headers } })
    const valid = (over: object = {}) => ({
      consentId,
      bannerVersion,
      policyVersion,
      choices: { necessary: true, analytics: false, marketing: false },
      lang: 'nl',
      gpc: false,
      ...over,
    })

    test('GET /banner.js: JavaScript with an ETag, usable from another origin (CORP cross-origin, CORS) while the rest stays same-origin', async () => {
      const res = await app.inject({ method: 'GET', url: '/banner.js', headers: { origin: 'https://www.ixpole.be' } })
      assert.equal(res.statusCode, 200)
      assert.match(String(res.headers['content-type']), /^application\/javascript/)
      assertCrossOrigin(res)
      const etag = String(res.headers.etag)
      assert.equal(etag, `"${bannerVersion}"`)
      assert.match(String(res.headers['cache-control']), /max-age=\d+/)
      assert.equal(res.body, (await bannerScript()).code)
      assert.ok(gzipSync(res.body, { level: 9 }).length <= BUDGET)
      const again = await app.inject({ method: 'GET', url: '/banner.js', headers: { 'if-none-match': etag } })
      assert.equal(again.statusCode, 304)
      assert.equal(again.body, '')
      assertCrossOrigin(again)
      // helmet's same-origin policy still holds for everything else.
      const health = await app.inject({ method: 'GET', url: '/health' })
      assert.equal(health.headers['cross-origin-resource-policy'], 'same-origin')
      assert.equal(health.headers['access-control-allow-origin'], undefined)
    })

    test('REQ-CK-06 GET /v1/cookie-policy: categories, cookies and banner texts in the language asked, versioned by a hash of the cookies section', async () => {
      const expected = { nl: ['Alles accepteren', 'Alles weigeren', 'Analytische cookies'], fr: ['Tout accepter', 'Tout refuser', 'Cookies analytiques'], en: ['Accept all', 'Refuse all', 'Analytics cookies'] } as const
      for (const lang of ['nl', 'fr', 'en'] as const) {
        const res = await app.inject({ method: 'GET', url: `/v1/cookie-policy?lang=${lang}` })
        assert.equal(res.statusCode, 200, res.body)
        assertCrossOrigin(res)
        const body = res.json()
        assert.equal(body.version, policyVersion)
        assert.match(body.version, /^[0-9a-f]{64}$/)
        assert.equal(body.lang, lang)
        assert.equal(body.gpc, false)
        assert.equal(body.controller, 'iXpole')
        assert.equal(body.statementVersion, 1)
        assert.deepEqual(body.categories.map((c: { id: string }) => c.id), ['necessary', 'analytics', 'marketing'])
        assert.deepEqual(body.categories.map((c: { necessary: boolean }) => c.necessary), [true, false, false])
        assert.equal(body.texts.acceptAll, expected[lang][0])
        assert.equal(body.texts.refuseAll, expected[lang][1])
        assert.equal(body.categories[1].label, expected[lang][2])
        assert.ok(body.texts.body.includes('iXpole'))
        assert.equal(body.privacyUrl, `/privacy?lang=${lang}`)
        const pk = body.cookies.find((c: { name: string }) => c.name === '_pk_id')
        assert.equal(pk.category, 'analytics')
        assert.equal(pk.lifetime, 'P13M')
        assert.ok(pk.lifetimeText.length > 0 && pk.purpose.length > 0 && pk.provider.length > 0)
      }
      assertError(await app.inject({ method: 'GET', url: '/v1/cookie-policy?lang=de' }), 400, 'unknown_language')
    })

    test('Global Privacy Control: Sec-GPC: 1 is reported by the cookie policy, and /.well-known/gpc.json says it is honoured', async () => {
      const res = await app.inject({ method: 'GET', url: '/v1/cookie-policy?lang=en', headers: { 'sec-gpc': '1' } })
      assert.equal(res.json().gpc, true)
      assert.match(String(res.headers.vary), /Sec-GPC/)
      const wk = await app.inject({ method: 'GET', url: '/.well-known/gpc.json' })
      assert.equal(wk.statusCode, 200)
      assertCrossOrigin(wk)
      const body = wk.json()
      assert.equal(body.gpc, true)
      assert.match(body.lastUpdate, /^\d{4}-\d{2}-\d{2}$/)
    })

    test('POST /v1/cookie-consents answers the CORS preflight', async () => {
      const res = await app.inject({
        method: 'OPTIONS',
        url: '/v1/cookie-consents',
        headers: { origin: 'https://www.ixpole.be', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      })
      assert.equal(res.statusCode, 204)
      assertCrossOrigin(res)
      assert.match(String(res.headers['access-control-allow-methods']), /POST/)
      assert.match(String(res.headers['access-control-allow-headers']), /content-type/)
    })

    test('REQ-CK-07 the proof of a cookie choice is stored: consent id, banner and policy version, choices, language, time — no IP address, no user agent', async () => {
      const agent = 'Mozilla/5.0 (ProofTest) Chrome/999'
      const res = await post(valid({ choices: { necessary: true, analytics: true, marketing: false } }), { 'user-agent': agent, 'x-forwarded-for': '203.0.113.77' })
      assert.equal(res.statusCode, 201, res.body)
      assertCrossOrigin(res)
      const { id, at } = res.json()
      assert.match(id, /^[0-9a-f-]{36}$/)
      assert.ok(!Number.isNaN(Date.parse(at)))
      const row = await t.database.db.selectFrom('cookie_consent').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.deepEqual(Object.keys(row).sort(), ['at', 'banner_version', 'choices', 'consent_id', 'gpc', 'id', 'lang', 'policy_version'])
      assert.equal(row.consent_id, consentId)
      assert.equal(row.banner_version, bannerVersion)
      assert.equal(row.policy_version, policyVersion)
      assert.deepEqual(row.choices, { necessary: true, analytics: true, marketing: false })
      assert.equal(row.lang, 'nl')
      assert.equal(row.gpc, false)
      const stored = JSON.stringify(row)
      for (const secret of ['127.0.0.1', '203.0.113.77', 'ProofTest']) assert.ok(!stored.includes(secret), `the proof holds ${secret}`)
      // A withdrawal under the same consent id is a second record: the history stays.
      assert.equal((await post(valid())).statusCode, 201)
      const history = await t.database.db.selectFrom('cookie_consent').select(['choices']).where('consent_id', '=', consentId).execute()
      assert.deepEqual(history.map((h) => h.choices.analytics).sort(), [false, true])
    })

    test('REQ-CK-07 a choice made by Global Privacy Control is recorded as such (body flag or Sec-GPC header)', async () => {
      const viaHeader = await post(valid({ consentId: 'gpc-header-000000000001', gpc: undefined }), { 'sec-gpc': '1' })
      assert.equal(viaHeader.statusCode, 201, viaHeader.body)
      const viaBody = await post(valid({ consentId: 'gpc-body-00000000000001', gpc: true }))
      assert.equal(viaBody.statusCode, 201, viaBody.body)
      const rows = await t.database.db.selectFrom('cookie_consent').select(['consent_id', 'gpc']).where('consent_id', 'in', ['gpc-header-000000000001', 'gpc-body-00000000000001']).execute()
      assert.deepEqual(rows.map((r) => r.gpc), [true, true])
    })

    test('POST /v1/cookie-consents validates strictly: known categories only, every one, necessary always true; one error shape', async () => {
      const before = await t.database.db.selectFrom('cookie_consent').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
      assertError(await post(valid({ choices: { necessary: true, analytics: false, marketing: false, tracking: true } })), 400, 'invalid_choices')
      assertError(await post(valid({ choices: { necessary: false, analytics: false, marketing: false } })), 400, 'invalid_choices')
      const missing = await post(valid({ choices: { necessary: true, analytics: true } }))
      assertError(missing, 400, 'invalid_choices')
      assert.deepEqual(missing.json().error.details.map((d: { field: string }) => d.field), ['body.choices.marketing'])
      assertError(await post(valid({ choices: { necessary: true, analytics: 'yes', marketing: false } })), 400, 'invalid_request')
      assertError(await post(valid({ policyVersion: 'f'.repeat(64) })), 400, 'unknown_policy_version')
      assertError(await post(valid({ consentId: 'short' })), 400, 'invalid_request')
      assertError(await post(valid({ lang: 'de' })), 400, 'unknown_language')
      assertError(await post(valid({ ip: '1.2.3.4' })), 400, 'invalid_request')
      const { bannerVersion: _omit, ...noBanner } = valid()
      assertError(await post(noBanner), 400, 'invalid_request')
      const malformed = await app.inject({ method: 'POST', url: '/v1/cookie-consents', payload: '{"consentId":', headers: { 'content-type': 'application/json' } })
      assertError(malformed, 400, 'malformed_json')
      const after = await t.database.db.selectFrom('cookie_consent').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
      assert.equal(Number(after.n), Number(before.n), 'nothing invalid was stored')
    })

    test('the cookie routes are in the OpenAPI document', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
      for (const path of ['/banner.js', '/v1/cookie-policy', '/v1/cookie-consents', '/.well-known/gpc.json']) assert.ok(doc.paths[path], `${path} is documented`)
      assert.ok(doc.paths['/v1/cookie-consents'].post.requestBody)
    })

    // Last: it uses up this client's allowance.
    test('POST /v1/cookie-consents is rate-limited per client, with the one error shape', async () => {
      let limited: LightMyRequestResponse | undefined
      for (let i = 0; i <= COOKIE_CONSENT_RATE_LIMIT && !limited; i++) {
        const res = await post(valid({ consentId: `rate-limit-${String(i).padStart(12, '0')}` }))
        if (res.statusCode === 429) limited = res
        else assert.equal(res.statusCode, 201, res.body)
      }
      assert.ok(limited, 'no 429 after the limit')
      assertError(limited, 429, 'rate_limited')
      // Other routes are not limited by it.
      assert.equal((await app.inject({ method: 'GET', url: '/v1/cookie-policy?lang=en' })).statusCode, 200)
    })
  })
}
