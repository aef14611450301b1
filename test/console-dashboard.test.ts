// The compliance dashboard (REQ-AUD-03), on both databases: requests due within the week, overdue,
// answered on time per month over the last twelve months, extensions, refusals and fees; consents and
// withdrawals per purpose; the retention outlook; counts only, as inline SVG charts with the same
// numbers in tables. For those who handle requests and the DPO; others get a 403 page, audited.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { seedRequest } from './support/actors.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { lastTwelveMonths, requestDashboard, type RegisterRow } from '../src/requests/register.ts'
import { consentVolumes } from '../src/consent/ledger-export.ts'
import { retentionOutlook } from '../src/retention/outlook.ts'
import type { Runtime } from '../src/runtime.ts'
import { TestClock, signIn, staffAccount, type SignedIn } from './support/staff.ts'

const row = (r: Partial<RegisterRow> & Pick<RegisterRow, 'receivedOn' | 'dueOn' | 'status'>): RegisterRow => ({ id: 'x', type: 'access', channel: 'web', extensionMonths: 0, pausedDays: 0, closedOn: null, intended: null, feeCents: null, ...r })

test('REQ-AUD-03 the twelve months end with the current one, across a year boundary', () => {
  assert.deepEqual(lastTwelveMonths('2026-03-15'), ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'])
  assert.deepEqual(lastTwelveMonths('2026-12-03').slice(0, 2), ['2026-01', '2026-02'])
})

test('REQ-AUD-03 the request counts: due within seven days (today to today + 6), overdue, on time per month of answer, extensions and fees per month of receipt', () => {
  const d = requestDashboard(
    [
      row({ receivedOn: '2026-11-10', dueOn: '2026-12-03', status: 'in_progress' }),
      row({ receivedOn: '2026-11-10', dueOn: '2026-12-09', status: 'verified' }),
      row({ receivedOn: '2026-11-10', dueOn: '2026-12-10', status: 'verified' }),
      row({ receivedOn: '2026-10-01', dueOn: '2026-12-02', status: 'in_progress', extensionMonths: 1 }),
      row({ receivedOn: '2026-10-01', dueOn: '2026-11-01', status: 'completed', closedOn: '2026-11-01' }),
      row({ receivedOn: '2026-10-01', dueOn: '2026-11-01', status: 'refused', closedOn: '2026-11-02', intended: 'refusal' }),
      row({ receivedOn: '2025-10-01', dueOn: '2025-11-01', status: 'completed', closedOn: '2025-11-01' }),
    ],
    '2026-12-03',
  )
  assert.equal(d.dueThisWeek, 2)
  assert.equal(d.overdue, 1)
  assert.equal(d.open, 4)
  assert.deepEqual(d.months.find((m) => m.month === '2026-11'), { month: '2026-11', closed: 2, onTime: 1, late: 1, extended: 0, refused: 1, fees: 0 })
  assert.deepEqual(d.months.find((m) => m.month === '2026-10'), { month: '2026-10', closed: 0, onTime: 0, late: 0, extended: 1, refused: 0, fees: 0 })
  assert.equal(d.months.length, 12)
  assert.equal(d.months.reduce((n, m) => n + m.closed, 0), 2, 'November 2025 is outside the window')
})

test('REQ-AUD-03 consent volumes per purpose (zeros included) and the retention outlook per action and category', () => {
  assert.deepEqual(consentVolumes([{ purpose: 'newsletter', granted: true, count: 5 }, { purpose: 'newsletter', granted: false, count: 2 }, { purpose: 'old_purpose', granted: true, count: 1 }], ['newsletter', 'market_research']), [
    { purpose: 'newsletter', granted: 5, withdrawn: 2 },
    { purpose: 'market_research', granted: 0, withdrawn: 0 },
    { purpose: 'old_purpose', granted: 1, withdrawn: 0 },
  ])
  assert.deepEqual(
    retentionOutlook({
      items: [
        { date: '2026-12-10', action: 'delete', category: 'contact.phone', purposes: ['newsletter'], count: 3 },
        { date: '2026-12-20', action: 'delete', category: 'contact.phone', purposes: ['customer_service'], count: 2 },
        { date: '2026-12-20', action: 'erase', category: '*', purposes: [], count: 4, subjectIds: ['a', 'b', 'c', 'd'] },
        { date: '2026-12-21', action: 'anonymise', category: 'contact.email', purposes: ['market_research'], count: 1 },
      ],
    }),
    [
      { action: 'erase', category: '*', people: 4 },
      { action: 'delete', category: 'contact.phone', people: 5 },
      { action: 'anonymise', category: 'contact.email', people: 1 },
    ],
  )
})

for (const variant of DATABASES) {
  describe(`${variant.name}: the console's dashboard`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    // Thursday 3 December 2026, 10:00 in Brussels.
    const clock = new TestClock()
    let dpo: SignedIn
    let support: SignedIn
    let supportActor = ''
    let dpoActor = ''

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      // Open: three due within the week (4, 5 and 9 December), one overdue (1 December, extended), one later.
      await seedRequest(runtime, 'access', { subjectIds: [], receivedOn: '2026-11-04', dueOn: '2026-12-04' })
      await seedRequest(runtime, 'erasure', { subjectIds: [], status: 'verified', receivedOn: '2026-11-09', dueOn: '2026-12-09' })
      await seedRequest(runtime, 'access', { subjectIds: [], status: 'awaiting_verification', receivedOn: '2026-11-05', dueOn: '2026-12-05' })
      await seedRequest(runtime, 'rectification', { subjectIds: [], receivedOn: '2026-10-01', dueOn: '2026-12-01', extensionMonths: 1, extensionReason: 'many requests at once' })
      await seedRequest(runtime, 'objection', { subjectIds: [], receivedOn: '2026-11-28', dueOn: '2026-12-28' })
      // Answered in November 2026: two on time (one of them refused), one late.
      await seedRequest(runtime, 'access', { subjectIds: [], status: 'completed', receivedOn: '2026-10-05', dueOn: '2026-11-05', closedAt: new Date('2026-11-03T10:00:00Z') })
      await seedRequest(runtime, 'erasure', { subjectIds: [], status: 'completed', receivedOn: '2026-10-10', dueOn: '2026-11-10', closedAt: new Date('2026-11-12T10:00:00Z') })
      await seedRequest(runtime, 'access', { subjectIds: [], status: 'refused', receivedOn: '2026-10-20', dueOn: '2026-11-20', closedAt: new Date('2026-11-18T10:00:00Z'), intended: 'refusal' })
      // Answered in September 2026, on time; received in November with a fee, answered on 2 December.
      await seedRequest(runtime, 'portability', { subjectIds: [], status: 'completed', receivedOn: '2026-09-01', dueOn: '2026-10-01', closedAt: new Date('2026-09-30T10:00:00Z') })
      await seedRequest(runtime, 'access', { subjectIds: [], status: 'completed', receivedOn: '2026-11-02', dueOn: '2026-12-02', closedAt: new Date('2026-12-02T10:00:00Z'), intended: 'fee', feeCents: 1500 })
      // Outside the twelve months.
      await seedRequest(runtime, 'access', { subjectIds: [], status: 'completed', receivedOn: '2025-10-01', dueOn: '2025-11-01', closedAt: new Date('2025-11-20T10:00:00Z') })
      const key = await createApiKey(t.database.db, runtime.policy(), { name: 'crm-dashboard', purposes: ['customer_registration', 'newsletter'] })
      const auth = { authorization: `Bearer ${key.token}` }
      const people: string[] = []
      for (const n of [1, 2, 3]) {
        const created = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: auth, payload: { type: 'customer', data: { 'contact.name': `Dash Person ${n}`, 'contact.email': `dash${n}@dash-people.example` } } })
        assert.equal(created.statusCode, 201, created.body)
        people.push(created.json().id)
      }
      // Newsletter: three given, one withdrawn.
      for (const [subject, granted] of [[people[0], true], [people[1], true], [people[2], true], [people[2], false]] as const) {
        const res = await app.inject({ method: 'POST', url: `/v1/subjects/${subject}/consents`, headers: auth, payload: { purpose: 'newsletter', granted, text: 'The newsletter', channel: 'web_form' } })
        assert.equal(res.statusCode, 201, res.body)
      }
      const admin = await staffAccount(runtime, app, clock, 'admin@dashboard.example', ['staff_admin'])
      const approver = { approver: { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) } }
      const dpoAccount = await staffAccount(runtime, app, clock, 'dpo@dashboard.example', ['dpo'], approver)
      const supportAccount = await staffAccount(runtime, app, clock, 'support@dashboard.example', ['support'], approver)
      dpoActor = `staff:${dpoAccount.id}`
      supportActor = `staff:${supportAccount.id}`
      dpo = await signIn(app, clock, dpoAccount)
      support = await signIn(app, clock, supportAccount)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const get = (url: string, who: SignedIn) => app.inject({ method: 'GET', url, headers: { cookie: who.cookie } })
    const entries = (actor: string) => runtime.database.db.selectFrom('audit_entry').select(['decision', 'reason', 'subject_id']).where('actor_id', '=', actor).where('action', '=', 'dashboard.read').orderBy('seq').execute()
    const tile = (html: string, id: string) => new RegExp(`<li id="${id}"><strong>(\\d+)</strong>`).exec(html)?.[1]
    const monthRow = (html: string, month: string) => new RegExp(`<tr><th scope="row">${month}</th>((?:<td>[^<]*</td>)+)</tr>`).exec(html)?.[1]?.match(/<td>([^<]*)<\/td>/g)?.map((c) => c.slice(4, -5))

    test('REQ-AUD-03 requests: 3 due this week, 1 overdue, 5 open; on time 2 of 3 in 2026-11 (67%), 1 of 1 in 2026-09 and 2026-12; 1 extension, 1 refusal, 1 fee', async () => {
      const res = await get('/admin/dashboard?lang=en', dpo)
      assert.equal(res.statusCode, 200, res.body)
      assert.match(res.body, /<h1>Dashboard<\/h1>/)
      assert.match(res.body, /Counts on 2026-12-03/)
      assert.equal(tile(res.body, 'tile-due-week'), '3')
      assert.equal(tile(res.body, 'tile-overdue'), '1')
      assert.equal(tile(res.body, 'tile-open'), '5')
      assert.equal(tile(res.body, 'tile-extended'), '1')
      assert.equal(tile(res.body, 'tile-refused'), '1')
      assert.equal(tile(res.body, 'tile-fees'), '1')
      // month, answered, on time, late, rate, extended (received), refused
      assert.deepEqual(monthRow(res.body, '2026-11'), ['3', '2', '1', '67%', '0', '1'])
      assert.deepEqual(monthRow(res.body, '2026-10'), ['0', '0', '0', 'none', '1', '0'])
      assert.deepEqual(monthRow(res.body, '2026-09'), ['1', '1', '0', '100%', '0', '0'])
      assert.deepEqual(monthRow(res.body, '2026-12'), ['1', '1', '0', '100%', '0', '0'])
      assert.equal(monthRow(res.body, '2025-11'), undefined, 'twelve months: January to December 2026')
      assert.deepEqual([...res.body.matchAll(/<tr><th scope="row">(\d{4}-\d{2})<\/th>/g)].map((m) => m[1]), ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'])
    })

    test('REQ-AUD-03 the charts are inline SVG images with a title and a description, and the same numbers are in tables with captions', async () => {
      const res = await get('/admin/dashboard?lang=nl', dpo)
      assert.equal(res.statusCode, 200)
      const svgs = [...res.body.matchAll(/<svg class="chart" role="img" aria-labelledby="([^"]+)"/g)].map((m) => m[1])
      assert.deepEqual(svgs, ['chart-ontime-title chart-ontime-desc', 'chart-consent-title chart-consent-desc'])
      assert.match(res.body, /<title id="chart-ontime-title">Tijdig beantwoord, per maand<\/title>/)
      assert.match(res.body, /<desc id="chart-ontime-desc">Staafdiagram: aandeel van de verzoeken die binnen de termijn zijn beantwoord, per maand van 2026-01 tot 2026-12\./)
      assert.match(res.body, /<caption class="hint">Afgehandelde verzoeken per maand<\/caption>/)
      assert.match(res.body, /<caption class="hint">Toestemmingen per doeleinde<\/caption>/)
      assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)/, 'no inline script: the charts are drawn on the server')
    })

    test('REQ-AUD-03 consents and withdrawals per purpose: newsletter 3 given, 1 withdrawn; market research 0 and 0; no person named', async () => {
      const res = await get('/admin/dashboard?lang=en', dpo)
      assert.match(res.body, /<tr><th scope="row">Newsletter and marketing messages<\/th><td>3<\/td><td>1<\/td><\/tr>/)
      assert.match(res.body, /<tr><th scope="row">[^<]*[Mm]arket research[^<]*<\/th><td>0<\/td><td>0<\/td><\/tr>/)
      assert.ok(!res.body.includes('dash-people.example') && !res.body.includes('Dash Person'), 'counts only')
      assert.ok(!/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.test(res.body), 'no subject or request id')
      assert.match(res.body, /Storage periods ending soon/)
    })

    test('REQ-AUD-03 support, which handles no requests and is not the DPO, gets a 403 page in its language; both the read and the refusal are audited', async () => {
      const refused = await get('/admin/dashboard?lang=fr', support)
      assert.equal(refused.statusCode, 403)
      assert.match(refused.body, /Le tableau de bord est destiné aux personnes qui traitent les demandes des personnes concernées et au délégué à la protection des données\./)
      assert.ok(!refused.body.includes('tile-due-week'))
      assert.deepEqual(await entries(supportActor), [{ decision: 'deny', reason: 'purpose_not_allowed_for_actor', subject_id: null }])
      const reads = await entries(dpoActor)
      assert.ok(reads.length >= 1)
      assert.ok(reads.every((r) => r.decision === 'allow' && r.reason === null && r.subject_id === null))
      const bad = await get('/admin/dashboard?lang=en&from=2026-01-01', dpo)
      assert.equal(bad.statusCode, 400)
    })
  })
}
