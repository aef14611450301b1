// Request handling is a grant for one (request, subject, right), never a purpose that opens everyone.
// The walk: every right × every operation × every request state, through the gate on both
// databases, each allow and each deny checked against the table below, and every use audited with
// its request. Then the back door the review found, over HTTP: a key holding data_subject_request
// reads and writes nobody without a request.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { runtimeKey, seedRequest, type RequestSetup } from './support/actors.ts'
import { GateDenied } from '../src/gate/gate.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { buildApp } from '../src/http/app.ts'
import type { Actor } from '../src/gate/actor.ts'
import type { RequestRight } from '../src/gate/request-grant.ts'
import type { Runtime } from '../src/runtime.ts'

const RIGHTS: readonly RequestRight[] = ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdraw_consent']
// Erase last: it leaves nothing for the operations after it.
const OPERATIONS = ['export', 'compare', 'rectify', 'facts', 'restrict', 'lift_restriction', 'object', 'withdraw', 'erase'] as const
type Op = (typeof OPERATIONS)[number]

/** What each right needs while its request is verified and its work under way. */
const NEEDS: Record<RequestRight, readonly Op[]> = {
  access: ['export', 'compare'],
  portability: ['export', 'compare'],
  rectification: ['rectify', 'facts', 'compare'],
  erasure: ['erase', 'facts', 'compare'],
  restriction: ['restrict', 'lift_restriction', 'facts', 'compare'],
  objection: ['object', 'facts', 'compare'],
  withdraw_consent: ['withdraw', 'compare'],
}

const DAY = 86_400_000
type StateName = 'unverified' | 'doubt_open' | 'verified' | 'completed_live_download' | 'download_expired' | 'refused' | 'another_subject'
const STATES: Record<StateName, Omit<RequestSetup, 'subjectIds'> & { other?: true }> = {
  unverified: { status: 'awaiting_verification' },
  doubt_open: { status: 'in_progress', doubt: true },
  verified: { status: 'in_progress' },
  completed_live_download: { status: 'completed', exportExpiresAt: new Date(Date.now() + DAY) },
  download_expired: { status: 'completed', exportExpiresAt: new Date(Date.now() - DAY) },
  refused: { status: 'refused' },
  another_subject: { status: 'in_progress', other: true },
}

/** Allowed operations per state and right; everything else is refused with the reason below. */
function allowed(state: StateName, right: RequestRight): readonly Op[] {
  switch (state) {
    case 'unverified':
    case 'doubt_open':
      return ['compare']
    case 'verified':
      return NEEDS[right]
    case 'completed_live_download':
      return right === 'access' || right === 'portability' ? ['export'] : right === 'restriction' ? ['lift_restriction', 'facts'] : []
    case 'download_expired':
      return right === 'restriction' ? ['lift_restriction', 'facts'] : []
    case 'refused':
    case 'another_subject':
      return []
  }
}

function expectedDenial(state: StateName, right: RequestRight, op: Op): string {
  if (state === 'refused') return 'request_refused'
  if (state === 'another_subject') return 'subject_not_in_request'
  if (!NEEDS[right].includes(op)) return 'operation_not_for_right'
  if (state === 'unverified') return 'request_not_verified'
  if (state === 'doubt_open') return 'request_doubt_open'
  if (state === 'download_expired' && op === 'export') return 'export_expired'
  return 'request_closed'
}

for (const variant of DATABASES) {
  describe(`${variant.name}: request grants`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let crm: Actor
    let requests: Actor
    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database)
      crm = await runtimeKey(runtime, 'crm', ['customer_registration', 'contract_execution', 'customer_service', 'newsletter'])
      requests = runtime.gate.systemActor('requests')
    })
    after(async () => {
      await runtime?.close()
      await t?.drop()
    })

    let n = 0
    async function person(): Promise<{ id: string; email: string }> {
      const email = `grant.${++n}.${variant.name}@grant-test.example`
      const { id } = await runtime.gate.create(crm, 'customer_registration', { type: 'customer', data: { 'contact.name': `Grant Person ${n}`, 'contact.email': email, 'contact.phone': '+32 470 11 22 33' } })
      await runtime.gate.recordConsent(crm, id, { purpose: 'newsletter', granted: true, text: 'Ja, de nieuwsbrief.', channel: 'web_form', lang: 'nl', act: 'checkbox_ticked' })
      return { id, email }
    }

    function run(op: Op, actor: Actor, requestId: string, subjectId: string, email: string): Promise<unknown> {
      const g = runtime.gate
      switch (op) {
        case 'export':
          return g.dossier(actor, requestId, subjectId)
        case 'compare':
          return g.compareKnownData(actor, requestId, subjectId, 'contact.email', email)
        case 'rectify':
          return g.rectify(actor, requestId, subjectId, { 'contact.name': 'Corrected Name' })
        case 'facts':
          return g.factsFor(actor, requestId, subjectId)
        case 'restrict':
          return g.setRestriction(actor, requestId, subjectId, 'requested')
        case 'lift_restriction':
          return g.setRestriction(actor, requestId, subjectId, null)
        case 'object':
          return g.setObjection(actor, requestId, subjectId, 'newsletter', 'upheld')
        case 'withdraw':
          return g.withdrawConsents(actor, requestId, subjectId, { text: 'withdrawal by request', channel: 'privacy_center', lang: 'en', act: 'request' })
        case 'erase':
          return g.erase(actor, requestId, subjectId)
      }
    }

    test('REQ-SEC-01 REQ-SEC-04 every right × operation × request state is allowed or refused as the grant says, and every use names its request', { timeout: 300_000 }, async () => {
      const failures: string[] = []
      let allows = 0
      let denies = 0
      for (const right of RIGHTS) {
        for (const [state, setup] of Object.entries(STATES) as [StateName, (typeof STATES)[StateName]][]) {
          const subject = await person()
          const other = setup.other ? await person() : undefined
          const requestId = await seedRequest(runtime, right, { ...setup, subjectIds: [other ? other.id : subject.id] })
          for (const op of OPERATIONS) {
            const expectAllow = allowed(state, right).includes(op)
            let outcome: string
            try {
              await run(op, requests, requestId, subject.id, subject.email)
              outcome = 'allow'
            } catch (err) {
              if (!(err instanceof GateDenied)) throw err
              outcome = err.reason
            }
            const expected = expectAllow ? 'allow' : expectedDenial(state, right, op)
            if (outcome !== expected) failures.push(`${right} / ${state} / ${op}: expected ${expected}, got ${outcome}`)
            if (expectAllow) allows++
            else denies++
          }
          // Every entry about this person under the request-handling purpose names this request.
          const entries = await t.database.db.selectFrom('audit_entry').select(['action', 'reason', 'decision']).where('subject_id', '=', subject.id).where('purpose', '=', 'data_subject_request').execute()
          for (const e of entries) if (!e.reason?.startsWith(`request:${requestId}`)) failures.push(`${right} / ${state}: audit entry ${e.action} does not name the request (${e.reason})`)
          if (state === 'verified' && !entries.some((e) => e.decision === 'allow')) failures.push(`${right} / verified: no allowed use was audited`)
        }
      }
      assert.deepEqual(failures, [])
      // 7 rights × 7 states × 9 operations
      assert.equal(allows + denies, 441)
      // compare while unverified and in doubt (7 + 7), what each right needs (19), the live download
      // and the restriction to lift after completion (4), the restriction after the download expired (2)
      assert.equal(allows, 7 + 7 + 19 + 4 + 2)
    })

    test('REQ-ID-03 the known-data question answers yes or no, never the value, also while a doubt is open', async () => {
      const subject = await person()
      const requestId = await seedRequest(runtime, 'access', { status: 'in_progress', doubt: true, subjectIds: [subject.id] })
      assert.equal(await runtime.gate.compareKnownData(requests, requestId, subject.id, 'contact.email', `  ${subject.email.toUpperCase()} `), true)
      assert.equal(await runtime.gate.compareKnownData(requests, requestId, subject.id, 'contact.phone', '+32 470 99 99 99'), false)
      await assert.rejects(runtime.gate.dossier(requests, requestId, subject.id), (err: unknown) => err instanceof GateDenied && err.reason === 'request_doubt_open')
      await assert.rejects(runtime.gate.compareKnownData(requests, requestId, subject.id, 'no.such_category', 'x'), (err: unknown) => err instanceof GateDenied && err.reason === 'unknown_category')
      const entries = await t.database.db.selectFrom('audit_entry').select(['reason', 'categories']).where('subject_id', '=', subject.id).where('action', '=', 'request.compare').orderBy('seq').execute()
      assert.deepEqual(entries.map((e) => e.reason), [`request:${requestId}:match`, `request:${requestId}:no_match`])
    })

    test('REQ-PR-01 a customer\'s key uses its own routed requests only, and the controller\'s actors never reach a customer\'s', async () => {
      const subject = await person()
      const own = await seedRequest(runtime, 'access', { subjectIds: [subject.id] })
      const acme = await runtimeKey(runtime, 'acme', ['processing_for_customers', 'data_subject_request'], { tenantId: 'acme' })
      await assert.rejects(runtime.gate.dossier(acme, own, subject.id), (err: unknown) => err instanceof GateDenied && err.reason === 'request_not_found')
      const routed = await seedRequest(runtime, 'access', { subjectIds: [subject.id], tenantId: 'acme' })
      await assert.rejects(runtime.gate.dossier(requests, routed, subject.id), (err: unknown) => err instanceof GateDenied && err.reason === 'request_not_found')
      // Acme's request about a controller's person still does not open that person to Acme.
      await assert.rejects(runtime.gate.dossier(acme, routed, subject.id), (err: unknown) => err instanceof GateDenied && err.reason === 'subject_not_found')
      // A key without the purpose handles no request at all.
      await assert.rejects(runtime.gate.dossier(crm, own, subject.id), (err: unknown) => err instanceof GateDenied && err.reason === 'purpose_not_allowed_for_actor')
    })

    test('REQ-SEC-01 an actor the gate did not mint is refused, whatever purposes it claims', async () => {
      const subject = await person()
      const forged = { ...crm, purposes: new Set(['customer_service', 'data_subject_request']) } as Actor
      await assert.rejects(runtime.gate.read(forged, 'customer_service', subject.id), /did not mint/)
      const grown = crm.purposes as unknown as { add?: (p: string) => void }
      assert.equal(typeof grown.add, 'undefined', 'a minted actor\'s purposes cannot grow')
    })
  })

  describe(`${variant.name}: request handling over HTTP is bound to a request`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    const keys: Record<string, string> = {}
    const auth = (name: string) => ({ authorization: `Bearer ${keys[name]}` })
    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database)
      app = await buildApp(runtime)
      const policy = runtime.policy()
      keys.crm = (await createApiKey(t.database.db, policy, { name: 'crm', purposes: ['customer_registration', 'contract_execution', 'customer_service'] })).token
      // The privacy contact's role in the example: every purpose and the request-handling one.
      keys.dpo = (await createApiKey(t.database.db, policy, { name: 'dpo', purposes: ['customer_service', 'data_subject_request'] })).token
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    test('REQ-SEC-01 REQ-RS-02 a key with data_subject_request reads and writes nobody without a request, restricted or not', async () => {
      const created = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: auth('crm'), payload: { type: 'customer', data: { 'contact.name': 'Restricted Person', 'contact.email': 'restricted.person@grant-test.example' } } })
      assert.equal(created.statusCode, 201)
      const id = created.json().id as string
      await t.database.db.updateTable('subject').set({ restricted_at: new Date(), restriction_ground: 'requested' }).where('id', '=', id).execute()
      assert.equal((await t.database.db.selectFrom('dsr_request').select('id').execute()).length, 0, 'no request is open')

      const read = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=data_subject_request`, headers: auth('dpo') })
      assert.equal(read.statusCode, 403)
      assert.equal(read.json().error.code, 'request_grant_required')
      const write = await app.inject({ method: 'PATCH', url: `/v1/subjects/${id}?purpose=data_subject_request`, headers: auth('dpo'), payload: { data: { 'financial.bank_account': 'BE71 0961 2345 6769', 'identification.photo': 'data:image/png;base64,AAAA' } } })
      assert.equal(write.statusCode, 403)
      assert.equal(write.json().error.code, 'request_grant_required')
      const check = await app.inject({ method: 'GET', url: `/v1/consents/check?subject=${id}&purpose=data_subject_request`, headers: auth('dpo') })
      assert.equal(check.json().allowed, false)
      // The customer-service purpose the key also holds is refused too: the person is restricted.
      assert.equal((await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=customer_service`, headers: auth('dpo') })).statusCode, 403)
      const rows = await t.database.db.selectFrom('personal_data').select('category').where('subject_id', '=', id).execute()
      assert.deepEqual(rows.map((r) => r.category).sort(), ['contact.email', 'contact.name'], 'nothing was written')
    })
  })
}
