// The console's exports, on both databases: the record of processing as controller (Art. 30(1)) and
// as processor (Art. 30(2)), the register of data-subject requests and the consent ledger, each as a
// CSV download and a printable page; who may export what; every export an audit entry with codes only;
// no requester's address anywhere; and CSV fields a spreadsheet would run as a formula made inert.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { seedRequest } from './support/actors.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { buildRopa, ropaToCsv } from '../src/policy/ropa.ts'
import { csvField } from '../src/util/csv.ts'
import type { Runtime } from '../src/runtime.ts'
import { TestClock, signIn, staffAccount, type SignedIn } from './support/staff.ts'

const ROPA_HEADER = 'record,purpose_id,purpose_name,description,controller,processor,privacy_contact,data_subject_categories,data_categories,legal_basis,legitimate_interest,lia_reference,statutory_reference,source,recipients,recipient_categories,transfers,retention_per_category,retention_rule,security_measures,direct_marketing,automated_decisions,staff_roles,dpia'
const REGISTER_HEADER = 'request_id,type,channel,received_on,due_on,extended,extension_months,paused_days,status,closed_on,timeliness,decision,fee_eur'
const LEDGER_HEADER = 'subject_id,purpose,event,at,channel,act,lang,statement_version,text_sha256'
const EXTENSION_REASON = 'Jan Peeters sent forty requests at once, so we need more time'

test('CSV fields a spreadsheet would run as a formula start with an apostrophe; plain, quoted and multi-line fields are RFC 4180', () => {
  assert.equal(csvField('=HYPERLINK("http://evil.example","x")'), `"'=HYPERLINK(""http://evil.example"",""x"")"`)
  assert.equal(csvField('+31 20'), "'+31 20")
  assert.equal(csvField('-1+2'), "'-1+2")
  assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)")
  assert.equal(csvField('\tcmd'), "'\tcmd")
  assert.equal(csvField('plain'), 'plain')
  assert.equal(csvField('a,b'), '"a,b"')
  assert.equal(csvField('two\nlines'), '"two\nlines"')
  assert.equal(csvField('x=1'), 'x=1', 'only a leading sign is dangerous')
})

for (const variant of DATABASES) {
  describe(`${variant.name}: the console's exports`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    const clock = new TestClock()
    let dpo: SignedIn
    let support: SignedIn
    let marketing: SignedIn
    let dpoActor = ''
    let supportActor = ''
    let marketingActor = ''
    const ids: Record<string, string> = {}
    let subjects: string[] = []

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      const key = await createApiKey(t.database.db, runtime.policy(), { name: 'crm-exports', purposes: ['customer_registration', 'newsletter'] })
      const auth = { authorization: `Bearer ${key.token}` }
      for (const [name, email] of [['Wim Export', 'wim.export@exports.example'], ['Lies Export', 'lies.export@exports.example']] as const) {
        const created = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: auth, payload: { type: 'customer', data: { 'contact.name': name, 'contact.email': email } } })
        assert.equal(created.statusCode, 201, created.body)
        subjects.push(created.json().id)
      }
      subjects = subjects.sort()
      for (const [subject, granted] of [[subjects[0]!, true], [subjects[1]!, true], [subjects[1]!, false]] as const) {
        clock.advance(60_000)
        const res = await app.inject({ method: 'POST', url: `/v1/subjects/${subject}/consents`, headers: auth, payload: { purpose: 'newsletter', granted, text: granted ? 'Yes, send me the newsletter' : 'Unsubscribe me', channel: 'web_form' } })
        assert.equal(res.statusCode, 201, res.body)
      }
      ids.open = await seedRequest(runtime, 'erasure', { subjectIds: [], receivedOn: '2026-10-01', dueOn: '2026-12-01', extensionMonths: 2, extensionReason: EXTENSION_REASON })
      ids.onTime = await seedRequest(runtime, 'access', { subjectIds: [], status: 'completed', receivedOn: '2026-10-05', dueOn: '2026-11-05', closedAt: new Date('2026-11-03T10:00:00Z') })
      ids.fee = await seedRequest(runtime, 'portability', { subjectIds: [], status: 'completed', receivedOn: '2026-11-02', dueOn: '2026-12-02', closedAt: new Date('2026-12-03T08:00:00Z'), intended: 'fee', feeCents: 2500 })
      const admin = await staffAccount(runtime, app, clock, 'admin@exports.example', ['staff_admin'])
      const approver = { approver: { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) } }
      const dpoAccount = await staffAccount(runtime, app, clock, 'dpo@exports.example', ['dpo'], approver)
      const supportAccount = await staffAccount(runtime, app, clock, 'support@exports.example', ['support'], approver)
      const marketingAccount = await staffAccount(runtime, app, clock, 'marketing@exports.example', ['marketing'], approver)
      dpoActor = `staff:${dpoAccount.id}`
      supportActor = `staff:${supportAccount.id}`
      marketingActor = `staff:${marketingAccount.id}`
      dpo = await signIn(app, clock, dpoAccount)
      support = await signIn(app, clock, supportAccount)
      marketing = await signIn(app, clock, marketingAccount)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const get = (url: string, who: SignedIn) => app.inject({ method: 'GET', url, headers: { cookie: who.cookie } })
    const entries = (actor: string, action: string) => runtime.database.db.selectFrom('audit_entry').select(['decision', 'reason', 'purpose', 'subject_id']).where('actor_id', '=', actor).where('action', '=', action).orderBy('seq').execute()
    const lines = (csv: string) => csv.split('\r\n').filter(Boolean)

    test('the index links every export as a CSV download and a printable page, in the reader\'s language', async () => {
      const nl = await get('/admin/exports?lang=nl', support)
      assert.equal(nl.statusCode, 200)
      assert.match(nl.body, /<h1>Exports<\/h1>/)
      for (const id of ['ropa-controller', 'ropa-processor', 'request-register', 'consent-ledger']) {
        assert.ok(nl.body.includes(`href="/admin/exports/${id}.csv?lang=nl"`), id)
        assert.ok(nl.body.includes(`href="/admin/exports/${id}?lang=nl"`), id)
      }
      assert.match(nl.body, /CSV downloaden/)
      const fr = await get('/admin/exports?lang=fr', support)
      assert.match(fr.body, /Registre des demandes des personnes concernées/)
      const bad = await get('/admin/exports?lang=nl&x=1', support)
      assert.equal(bad.statusCode, 400)
    })

    test('REQ-BR-01 REQ-DPIA-01 REQ-LB-05 the index also links the breach, DPIA and legitimate-interest registers, which the DPO downloads from there', async () => {
      const en = await get('/admin/exports?lang=en', dpo)
      for (const [href, title] of [
        ['/admin/breaches/export.csv?lang=en', 'Breach register (Art. 33(5))'],
        ['/admin/breaches/export?lang=en', 'Breach register (Art. 33(5))'],
        ['/admin/dpia/export.csv?lang=en', 'DPIA register: screenings, DPIAs and prior consultations'],
        ['/admin/dpia/export.html?lang=en', 'DPIA register: screenings, DPIAs and prior consultations'],
        ['/admin/dpia/lia.csv?lang=en', 'Legitimate-interest assessments'],
        ['/admin/dpia/lia.html?lang=en', 'Legitimate-interest assessments'],
      ] as const) {
        assert.ok(en.body.includes(`href="${href}"`), href)
        assert.ok(en.body.includes(title), title)
        const opened = await get(href, dpo)
        assert.equal(opened.statusCode, 200, `${href}: ${opened.body.slice(0, 200)}`)
        assert.match(String(opened.headers['content-type']), href.includes('.csv') ? /^text\/csv/ : /^text\/html/, href)
      }
      assert.match((await get('/admin/exports?lang=nl', dpo)).body, /Register van datalekken/)
      assert.match((await get('/admin/exports?lang=fr', dpo)).body, /Registre des violations de données/)
    })

    test('REQ-ROPA-01 the Art. 30(1) record: a CSV of controller rows only (attachment, UTF-8) and a printable page with 30(1)(a)-(g); the export is audited', async () => {
      const csv = await get('/admin/exports/ropa-controller.csv?lang=en', support)
      assert.equal(csv.statusCode, 200)
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8')
      assert.equal(csv.headers['content-disposition'], 'attachment; filename="ropa-controller.csv"')
      const rows = lines(csv.body)
      assert.equal(rows[0], ROPA_HEADER)
      assert.ok(rows.slice(1).every((r) => r.startsWith('controller,')), 'no processor row')
      assert.ok(rows.some((r) => r.startsWith('controller,customer_registration,')))
      assert.ok(rows.some((r) => r.startsWith('controller,newsletter,')))
      const html = await get('/admin/exports/ropa-controller?lang=en', support)
      assert.equal(html.statusCode, 200)
      assert.match(html.body, /<h1>Record of processing activities: controller \(Art\. 30\(1\) GDPR\)<\/h1>/)
      for (const heading of ['Controller (Art. 30(1)(a))', 'Purposes (b)', 'Categories of data subjects (c)', 'Categories of personal data (c)', 'Categories of recipients (d)', 'Transfers to third countries (e)', 'Erasure time limits per data category (f)', 'Technical and organisational security measures (Art. 30(1)(g), Art. 32)']) {
        assert.ok(html.body.includes(heading), heading)
      }
      assert.ok(!html.body.includes('id="processor-record"'))
      assert.ok(!html.body.includes('<style>'), 'the admin stylesheet, no inline style')
      assert.deepEqual(await entries(supportActor, 'export.ropa_controller'), [
        { decision: 'allow', reason: 'csv:version:1', purpose: null, subject_id: null },
        { decision: 'allow', reason: 'html:version:1', purpose: null, subject_id: null },
      ])
    })

    test('REQ-ROPA-02 the Art. 30(2) record: processor rows only, the processor, its controllers and the Art. 32 measures', async () => {
      const csv = await get('/admin/exports/ropa-processor.csv', support)
      assert.equal(csv.statusCode, 200)
      const rows = lines(csv.body)
      assert.equal(rows[0], ROPA_HEADER)
      assert.ok(rows.length >= 2)
      assert.ok(rows.slice(1).every((r) => r.startsWith('processor,')), 'no controller row')
      assert.ok(rows.some((r) => r.startsWith('processor,processing_for_customers,')))
      const html = await get('/admin/exports/ropa-processor?lang=en', support)
      assert.match(html.body, /<h1>Record of processing activities: processor \(Art\. 30\(2\) GDPR\)<\/h1>/)
      for (const text of ['Processor and controllers (Art. 30(2)(a))', 'Categories of processing (b)', 'Transfers to third countries (c)', 'Technical and organisational security measures (Art. 30(2)(d), Art. 32)', 'Each customer (tenant)']) assert.ok(html.body.includes(text), text)
      assert.ok(!html.body.includes('id="controller-record"'))
    })

    test('REQ-ROPA-01 a record text that starts like a formula leaves the CSV inert', () => {
      const ropa = buildRopa(runtime.policy())
      ropa.controllerRecord.entries[0]!.purposes = '=HYPERLINK("http://evil.example","click")'
      const row = lines(ropaToCsv(ropa, 'controller'))[1]!
      assert.ok(row.includes(`,"'=HYPERLINK(""http://evil.example"",""click"")",`), row)
    })

    test('REQ-TR-06 the request register: header, one row per request with dates and codes, no requester address and no free-text reason; audited', async () => {
      const csv = await get('/admin/exports/request-register.csv', dpo)
      assert.equal(csv.statusCode, 200, csv.body)
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8')
      assert.equal(csv.headers['content-disposition'], 'attachment; filename="request-register.csv"')
      assert.deepEqual(lines(csv.body), [
        REGISTER_HEADER,
        `${ids.open},erasure,web,2026-10-01,2026-12-01,yes,2,0,in_progress,,overdue,,`,
        `${ids.onTime},access,web,2026-10-05,2026-11-05,no,0,0,completed,2026-11-03,on_time,,`,
        `${ids.fee},portability,web,2026-11-02,2026-12-02,no,0,0,completed,2026-12-03,late,fee,25.00`,
      ])
      for (const id of Object.values(ids)) assert.ok(!csv.body.includes(`requester-${id.slice(0, 8)}@requests-test.example`), 'no requester address')
      assert.ok(!csv.body.includes('@'), 'no address at all')
      assert.ok(!csv.body.includes('Peeters'), 'the extension reason is a sentence to the person: left out')
      const html = await get('/admin/exports/request-register?lang=nl', dpo)
      assert.equal(html.statusCode, 200)
      assert.match(html.body, /<caption class="hint">3 verzoeken<\/caption>/)
      assert.match(html.body, /<td>termijn verstreken<\/td>/)
      assert.match(html.body, /<td>2 maanden<\/td>/)
      assert.ok(!html.body.includes('requests-test.example') && !html.body.includes('Peeters'))
      assert.deepEqual(await entries(dpoActor, 'export.request_register'), [
        { decision: 'allow', reason: 'csv:rows:3', purpose: 'data_subject_request', subject_id: null },
        { decision: 'allow', reason: 'html:rows:3', purpose: 'data_subject_request', subject_id: null },
      ])
    })

    test('REQ-SEC-01 support, which handles no requests, gets a 403 page for the register in its language, and the refusal is audited', async () => {
      const refused = await get('/admin/exports/request-register.csv?lang=fr', support)
      assert.equal(refused.statusCode, 403)
      assert.match(refused.headers['content-type'] as string, /^text\/html/)
      assert.match(refused.body, /Seules les personnes qui traitent les demandes des personnes concernées exportent ce registre\./)
      assert.ok(!refused.body.includes(ids.open!))
      const page = await get('/admin/exports/request-register', support)
      assert.equal(page.statusCode, 403)
      assert.deepEqual(await entries(supportActor, 'export.request_register'), [
        { decision: 'deny', reason: 'purpose_not_allowed_for_actor', purpose: 'data_subject_request', subject_id: null },
        { decision: 'deny', reason: 'purpose_not_allowed_for_actor', purpose: 'data_subject_request', subject_id: null },
      ])
    })

    test('REQ-CON-01 the consent ledger: per event the pseudonymous subject id, purpose, given or withdrawn, time, channel, act, statement version and text hash — for the consent purposes the reader holds', async () => {
      const csv = await get('/admin/exports/consent-ledger.csv', marketing)
      assert.equal(csv.statusCode, 200, csv.body)
      assert.equal(csv.headers['content-disposition'], 'attachment; filename="consent-ledger.csv"')
      const rows = lines(csv.body)
      assert.equal(rows[0], LEDGER_HEADER)
      assert.equal(rows.length, 4)
      const fields = rows.slice(1).map((r) => r.split(','))
      assert.deepEqual(fields.map((f) => [f[1], f[2], f[4], f[5], f[6]]), [
        ['newsletter', 'granted', 'web_form', 'checkbox_ticked', 'en'],
        ['newsletter', 'granted', 'web_form', 'checkbox_ticked', 'en'],
        ['newsletter', 'withdrawn', 'web_form', 'withdrawal_requested', 'en'],
      ])
      assert.deepEqual(fields.map((f) => f[0]).sort(), [subjects[0], subjects[1], subjects[1]].sort())
      for (const f of fields) {
        assert.match(f[3]!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
        assert.equal(f[7], '1')
        assert.match(f[8]!, /^[0-9a-f]{64}$/)
      }
      assert.ok(!csv.body.includes('exports.example') && !csv.body.includes('Export'), 'no address, no name')
      const html = await get('/admin/exports/consent-ledger?lang=en', marketing)
      assert.match(html.body, /<caption class="hint">3 events \(Newsletter and marketing messages, /)
      assert.deepEqual(await entries(marketingActor, 'export.consent_ledger'), [
        { decision: 'allow', reason: 'csv:purposes:newsletter+market_research:rows:3', purpose: null, subject_id: null },
        { decision: 'allow', reason: 'html:purposes:newsletter+market_research:rows:3', purpose: null, subject_id: null },
      ])
      const refused = await get('/admin/exports/consent-ledger.csv?lang=nl', support)
      assert.equal(refused.statusCode, 403)
      assert.match(refused.body, /Uw rollen bevatten geen doeleinde dat op toestemming berust/)
      assert.deepEqual(await entries(supportActor, 'export.consent_ledger'), [{ decision: 'deny', reason: 'purpose_not_allowed_for_actor', purpose: null, subject_id: null }])
    })

    test('without a session the exports redirect to the sign-in page', async () => {
      const res = await app.inject({ method: 'GET', url: '/admin/exports/request-register.csv' })
      assert.equal(res.statusCode, 303)
      assert.equal(res.headers.location, '/admin/login')
    })
  })
}
