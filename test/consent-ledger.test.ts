// The consent ledger through the API and the gate, on both databases.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { parsePolicy } from '../src/policy/load.ts'
import { publishVersion } from '../src/policy/versions.ts'
import { purgeExpiredConsentProof, recordConsent } from '../src/consent/ledger.ts'
import { subtractDurationInZone } from '../src/util/duration.ts'
import type { Runtime } from '../src/runtime.ts'

const TEXT = 'Yes, iXpole may ask me to take part in market research by e-mail. I can withdraw this at any time.'

for (const variant of DATABASES) {
  describe(`${variant.name}: consent ledger`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    let key = ''
    let other = ''
    let prospect = ''
    const auth = (k = key) => ({ authorization: `Bearer ${k}` })
    const check = async (purpose: string) => (await app.inject({ method: 'GET', url: `/v1/consents/check?subject=${prospect}&purpose=${purpose}`, headers: auth() })).json()
    const give = (purpose: string, granted: boolean, extra: object = {}) =>
      app.inject({ method: 'POST', url: `/v1/subjects/${prospect}/consents`, headers: auth(), payload: { purpose, granted, text: TEXT, channel: 'web_form', lang: 'nl', ...extra } })

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database)
      app = await buildApp(runtime)
      key = (await createApiKey(t.database.db, runtime.policy(), { name: 'crm', purposes: ['prospect_registration', 'market_research', 'newsletter', 'customer_registration'] })).token
      other = (await createApiKey(t.database.db, runtime.policy(), { name: 'acme', purposes: ['processing_for_customers'], tenantId: 'acme' })).token
      const res = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=prospect_registration', headers: auth(), payload: { type: 'prospect', data: { 'contact.name': 'Piet Prospect', 'contact.email': 'piet@example.be' } } })
      prospect = res.json().id
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    test('REQ-CON-04 consent is off by default: a consent purpose is denied until given', async () => {
      assert.deepEqual(await check('market_research'), { allowed: false, reason: 'no_consent', message: 'market_research rests on consent, and this person has not given it (or has withdrawn it)' })
      const history = (await app.inject({ method: 'GET', url: `/v1/subjects/${prospect}/consents`, headers: auth() })).json()
      assert.deepEqual(history, { current: {}, history: [] })
    })

    test('REQ-CON-01 a consent event keeps the statement version, text hash, language, channel, act, who and when', async () => {
      const res = await give('market_research', true)
      assert.equal(res.statusCode, 201, res.body)
      const { current, history } = (await app.inject({ method: 'GET', url: `/v1/subjects/${prospect}/consents`, headers: auth() })).json()
      assert.deepEqual(current, { market_research: true })
      assert.equal(history.length, 1)
      const e = history[0]
      assert.equal(e.purpose, 'market_research')
      assert.equal(e.granted, true)
      assert.equal(e.statementVersion, 1)
      assert.match(e.textHash, /^[0-9a-f]{64}$/)
      assert.equal(e.lang, 'nl')
      assert.equal(e.channel, 'web_form')
      assert.equal(e.act, 'checkbox_ticked')
      assert.match(e.obtainedBy, /^key:/)
      assert.ok(!Number.isNaN(Date.parse(e.at)))
      assert.ok(!JSON.stringify(history).includes('market research by e-mail'), 'only the hash of the text is kept')
      assert.equal((await check('market_research')).allowed, true)
    })

    test('REQ-CON-02 one independent consent per purpose: market research does not give the newsletter', async () => {
      assert.equal((await check('newsletter')).reason, 'no_consent')
    })

    test('REQ-LB-08 withdrawal stops the purpose at once, and the gate never falls back to another basis', async () => {
      const read = () => app.inject({ method: 'GET', url: `/v1/subjects/${prospect}?purpose=market_research`, headers: auth() })
      assert.equal((await read()).statusCode, 200)
      const res = await give('market_research', false)
      assert.equal(res.statusCode, 201)
      assert.deepEqual(await check('market_research').then((c) => [c.allowed, c.reason]), [false, 'no_consent'])
      const denied = await read()
      assert.equal(denied.statusCode, 403)
      assert.equal(denied.json().error.code, 'no_consent')
      const { current, history } = (await app.inject({ method: 'GET', url: `/v1/subjects/${prospect}/consents`, headers: auth() })).json()
      assert.deepEqual(current, { market_research: false })
      assert.equal(history.at(-1).act, 'withdrawal_requested')
    })

    test('consent can only be recorded for a purpose that rests on consent for this person', async () => {
      const res = await give('prospect_registration', true)
      assert.equal(res.statusCode, 422)
      assert.equal(res.json().error.code, 'not_a_consent_purpose')
      const missing = await app.inject({ method: 'POST', url: `/v1/subjects/${prospect}/consents`, headers: auth(), payload: { purpose: 'market_research', granted: true } })
      assert.equal(missing.statusCode, 400)
    })

    test('consent routes are tenant-scoped like the subject routes', async () => {
      const res = await app.inject({ method: 'GET', url: `/v1/subjects/${prospect}/consents`, headers: auth(other) })
      assert.equal(res.statusCode, 404)
      const chk = await app.inject({ method: 'GET', url: `/v1/consents/check?subject=${prospect}&purpose=processing_for_customers`, headers: auth(other) })
      assert.equal(chk.statusCode, 404)
    })

    test('REQ-CON-09 a material change to a consent purpose makes older consents stop counting until given again', async () => {
      assert.equal((await give('market_research', true)).statusCode, 201)
      assert.equal((await check('market_research')).allowed, true)
      const doc = parseDocument(readFileSync(EXAMPLE_POLICY, 'utf8')).toJS()
      doc.purposes.find((p: any) => p.id === 'market_research').retention.duration = 'P19M'
      doc.statement.materialChangeNoticeDays = 0 // the change applies at once (no notice period)
      await publishVersion(t.database.db, parsePolicy(JSON.stringify(doc), 'v2'))
      await runtime.currentVersion()
      runtime.forgetCachedVersion()
      await runtime.currentVersion()
      const after = await check('market_research')
      assert.deepEqual([after.allowed, after.reason], [false, 'no_consent'])
      assert.equal((await give('market_research', true)).statusCode, 201)
      const { history } = (await app.inject({ method: 'GET', url: `/v1/subjects/${prospect}/consents`, headers: auth() })).json()
      assert.equal(history.at(-1).statementVersion, 2)
      assert.equal((await check('market_research')).allowed, true)
    })

    // The purge itself (the retention sweep runs it, with the policy's consentProofs rule).
    test('purgeExpiredConsentProof deletes the proof of a consent withdrawn more than five years ago, and keeps the rest', async () => {
      const now = new Date()
      const oldSubject = (await app.inject({ method: 'POST', url: '/v1/subjects?purpose=prospect_registration', headers: auth(), payload: { type: 'prospect', data: { 'contact.name': 'Old Prospect' } } })).json().id
      const evidence = { text: TEXT, channel: 'web_form' as const, lang: 'en', act: 'checkbox_ticked' as const, obtainedBy: 'key:test', statementVersion: 1 }
      const sixYearsAgo = new Date(now.getTime() - 6 * 365 * 24 * 3600_000)
      await recordConsent(t.database.db, oldSubject, { ...evidence, purpose: 'newsletter', granted: true }, new Date(sixYearsAgo.getTime() - 1000))
      await recordConsent(t.database.db, oldSubject, { ...evidence, purpose: 'newsletter', granted: false }, sixYearsAgo)
      await recordConsent(t.database.db, oldSubject, { ...evidence, purpose: 'market_research', granted: true }, sixYearsAgo)
      const deleted = await purgeExpiredConsentProof(t.database.db, subtractDurationInZone(now, 'P5Y', 'Europe/Brussels'))
      assert.equal(deleted, 2)
      const left = await t.database.db.selectFrom('consent_event').select(['subject_id', 'purpose']).where('subject_id', '=', oldSubject).execute()
      assert.deepEqual(left.map((r) => r.purpose), ['market_research'], 'a consent still given is proof still needed')
      const recent = await t.database.db.selectFrom('consent_event').select('purpose').where('subject_id', '=', prospect).execute()
      assert.ok(recent.length >= 4, 'recent withdrawals keep their proof')
    })
  })
}
