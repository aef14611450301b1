// Sub-processor change notices and re-validation reminders (issue 16 part 3, REQ-PRC-03, REQ-TF-03),
// on both databases: the DPO announces a sub-processor added to a processor; every customer (tenant
// of an active API key) gets a notice with an objection window: a webhook delivery for a customer
// with an endpoint, pending for one without until it registers one; an objection within the window
// is recorded, one after it is refused with the date; the daily round closes the window on the test
// clock. A passed review date raises a reminder mailed to the privacy contact over a real SMTP
// server and flagged on the console's register page; a changed adequacy decision raises one too.
// Roles: only the DPO announces; a customer key objects to its own notice only.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { FORM, TestClock, form, signIn, staffAccount, type SignedIn, type TestAccount } from './support/staff.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { processorDailyRound } from '../src/processors/jobs.ts'
import { revalidationKinds } from '../src/processors/reminders.ts'
import { addDays } from '../src/processors/subprocessor-notices.ts'
import { dateInZone } from '../src/util/dates.ts'
import type { Runtime } from '../src/runtime.ts'

const DAY = 24 * 3600_000
const ADDED = { kind: 'added', subProcessor: { name: 'Backup Storage (example) BV', country: 'NL', service: 'encrypted off-site backups' } }

test('REQ-TF-03 what a register change asks to re-validate: an adequacy decision or the certification, not a first entry', () => {
  const base = { legalName: 'X', address: '', contact: '', dpo: '', processingLocations: ['US'], supportLocations: [], subProcessors: [], assurance: 'ISO 27001 cert 1', mechanisms: [{ country: 'US', kind: 'adequacy' as const, decisionId: '(EU) 2023/1795', decisionDate: '2023-07-10' }] }
  assert.deepEqual(revalidationKinds(undefined, base), [])
  assert.deepEqual(revalidationKinds(base, { ...base }), [])
  assert.deepEqual(revalidationKinds(base, { ...base, assurance: 'ISO 27001 cert 2' }), ['certification_changed'])
  assert.deepEqual(revalidationKinds(base, { ...base, mechanisms: [{ ...base.mechanisms[0]!, decisionDate: '2025-01-01' }] }), ['adequacy_changed:US'])
  assert.deepEqual(revalidationKinds(base, { ...base, mechanisms: [] }), ['adequacy_changed:US'])
})

for (const variant of DATABASES) {
  describe(`${variant.name}: sub-processor notices and re-validation reminders`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    let smtp: TestSmtpServer
    const clock = new TestClock()
    let dpoAccount: TestAccount
    let adminAccount: TestAccount
    let dpo: SignedIn
    let admin: SignedIn
    const keys: Record<string, string> = {}
    let noticeA = ''
    let noticeB = ''
    let windowEndsOn = ''

    const bearer = (name: string) => ({ authorization: `Bearer ${keys[name]}` })
    const today = () => dateInZone(clock.now(), runtime.policy().controller.timeZone)
    const audit = (action: string) => t.database.db.selectFrom('audit_entry').select(['actor_id', 'reason', 'subject_id', 'decision']).where('action', '=', action).orderBy('seq').execute()

    before(async () => {
      t = await variant.open()
      smtp = await startSmtpServer()
      runtime = await testRuntime(t.database, { now: clock.now, smtpUrl: smtp.url, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      adminAccount = await staffAccount(runtime, app, clock, 'admin@notices.example', ['staff_admin'])
      const adminParty = { id: `staff:${adminAccount.id}`, accountId: adminAccount.id, roles: new Set(['staff_admin']) }
      dpoAccount = await staffAccount(runtime, app, clock, 'dpo@notices.example', ['dpo'], { approver: adminParty })
      dpo = await signIn(app, clock, dpoAccount)
      admin = await signIn(app, clock, adminAccount)
      const policy = runtime.policy()
      for (const tenant of ['customer-a', 'customer-b']) keys[tenant] = (await createApiKey(t.database.db, policy, { name: tenant, purposes: ['processing_for_customers'], tenantId: tenant })).token
      keys.controller = (await createApiKey(t.database.db, policy, { name: 'crm', purposes: ['customer_service'] })).token
      // A revoked customer's key does not make it a customer.
      const gone = await createApiKey(t.database.db, policy, { name: 'customer-gone', purposes: ['processing_for_customers'], tenantId: 'customer-gone' })
      await t.database.db.updateTable('api_key').set({ revoked_at: clock.now() }).where('id', '=', gone.info.id).execute()
      // Customer A has a webhook endpoint; customer B has none yet.
      const put = await app.inject({ method: 'PUT', url: '/v1/webhook-endpoint', headers: bearer('customer-a'), payload: { url: 'https://hooks.customer-a.example/pledge' } })
      assert.equal(put.statusCode, 200, put.body)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await smtp?.close()
      await t?.drop()
    })

    test('REQ-PRC-03 only the DPO announces a sub-processor change; bad input is refused with the field at fault', async () => {
      const url = '/v1/processors/hosting_eu/subprocessor-changes'
      const byAdmin = await app.inject({ method: 'POST', url, headers: admin.changeHeaders, payload: ADDED })
      assert.equal(byAdmin.statusCode, 403, byAdmin.body)
      assert.equal(byAdmin.json().error.code, 'dpo_only')
      const byKey = await app.inject({ method: 'POST', url, headers: bearer('customer-a'), payload: ADDED })
      assert.equal(byKey.statusCode, 403)
      assert.equal(byKey.json().error.code, 'staff_session_required')
      const short = await app.inject({ method: 'POST', url, headers: dpo.changeHeaders, payload: { ...ADDED, windowDays: 3 } })
      assert.equal(short.statusCode, 400, short.body)
      const long = await app.inject({ method: 'POST', url, headers: dpo.changeHeaders, payload: { ...ADDED, subProcessor: { ...ADDED.subProcessor, name: 'x'.repeat(201) } } })
      assert.equal(long.statusCode, 400)
      const mail = await app.inject({ method: 'POST', url, headers: dpo.changeHeaders, payload: { ...ADDED, subProcessor: { ...ADDED.subProcessor, name: 'jan@backup.example' } } })
      assert.equal(mail.statusCode, 422, mail.body)
      assert.equal(mail.json().error.details.field, 'subProcessor.name')
      const noCountry = await app.inject({ method: 'POST', url, headers: dpo.changeHeaders, payload: { kind: 'added', subProcessor: { name: 'Backup Storage (example) BV' } } })
      assert.equal(noCountry.statusCode, 422, noCountry.body)
      assert.equal(noCountry.json().error.details.field, 'subProcessor.country')
      const third = await app.inject({ method: 'POST', url: '/v1/processors/' + runtime.policy().recipients.find((r) => r.role !== 'processor' && r.role !== 'sub_processor')?.id + '/subprocessor-changes', headers: dpo.changeHeaders, payload: ADDED })
      assert.ok([404, 422].includes(third.statusCode), third.body)
      const noOld = await app.inject({ method: 'POST', url, headers: dpo.changeHeaders, payload: { ...ADDED, kind: 'replaced' } })
      assert.equal(noOld.statusCode, 422)
      assert.equal(noOld.json().error.details.field, 'replaces')
      const unknown = await app.inject({ method: 'POST', url: '/v1/processors/nobody/subprocessor-changes', headers: dpo.changeHeaders, payload: ADDED })
      assert.equal(unknown.statusCode, 404)
      assert.equal((await t.database.db.selectFrom('subprocessor_change').select('id').execute()).length, 0)
    })

    test('REQ-PRC-03 announcing a new sub-processor creates one notice per customer: a signed webhook delivery for a customer with an endpoint, pending for one without', async () => {
      const res = await app.inject({ method: 'POST', url: '/v1/processors/hosting_eu/subprocessor-changes', headers: dpo.changeHeaders, payload: ADDED })
      assert.equal(res.statusCode, 201, res.body)
      const body = res.json()
      windowEndsOn = body.change.windowEndsOn
      assert.equal(windowEndsOn, addDays(today(), 30))
      assert.equal(body.change.kind, 'added')
      assert.deepEqual(body.change.subProcessor, ADDED.subProcessor)
      const notices = body.notices as { id: string; tenantId: string; state: string; channel: string | null; deliveryId: string | null; windowEndsOn: string }[]
      assert.deepEqual(notices.map((n) => [n.tenantId, n.state, n.channel, n.windowEndsOn]).sort(), [['customer-a', 'sent', 'webhook', windowEndsOn], ['customer-b', 'pending', null, windowEndsOn]])
      const a = notices.find((n) => n.tenantId === 'customer-a')!
      noticeA = a.id
      noticeB = notices.find((n) => n.tenantId === 'customer-b')!.id
      // The webhook delivery (signed at each attempt by the outbox) carries ids, a company and the window.
      const delivery = await runtime.webhooks.delivery(a.deliveryId!)
      assert.ok(delivery)
      assert.equal(delivery.owner, 'tenant:customer-a')
      assert.equal(delivery.event, 'subprocessor.change')
      assert.equal(delivery.payload.noticeId, noticeA)
      assert.equal(delivery.payload.objectionWindowEndsOn, windowEndsOn)
      assert.equal(delivery.payload.objection, `POST /v1/subprocessor-notices/${noticeA}/objection`)
      assert.deepEqual(delivery.payload.subProcessor, ADDED.subProcessor)
      // The customer sees its own notice, and only its own.
      const mine = await app.inject({ method: 'GET', url: '/v1/subprocessor-notices', headers: bearer('customer-a') })
      assert.equal(mine.statusCode, 200, mine.body)
      assert.deepEqual(mine.json().notices.map((n: { notice: { id: string } }) => n.notice.id), [noticeA])
      // Audited with ids and codes only.
      const [announce] = await audit('processor.subprocessor.announce')
      assert.match(announce!.reason!, new RegExp(`^hosting_eu:${body.change.id}:added:customers:2:until:${windowEndsOn}$`))
      assert.equal(announce!.subject_id, null)
      assert.deepEqual((await audit('processor.subprocessor.notice_sent')).map((e) => e.reason), [`${noticeA}:tenant:customer-a:webhook`])
    })

    test('REQ-PRC-03 a customer objects to its own notice within the window; another customer\'s notice is not found; the controller\'s key is refused', async () => {
      const other = await app.inject({ method: 'POST', url: `/v1/subprocessor-notices/${noticeA}/objection`, headers: bearer('customer-b') })
      assert.equal(other.statusCode, 404)
      const controller = await app.inject({ method: 'POST', url: `/v1/subprocessor-notices/${noticeA}/objection`, headers: bearer('controller') })
      assert.equal(controller.statusCode, 403)
      assert.equal(controller.json().error.code, 'customer_key_required')
      const byStaff = await app.inject({ method: 'POST', url: `/v1/subprocessor-notices/${noticeA}/objection`, headers: dpo.changeHeaders })
      assert.equal(byStaff.statusCode, 403)
      const badId = await app.inject({ method: 'POST', url: '/v1/subprocessor-notices/not%20an%20id/objection', headers: bearer('customer-a') })
      assert.equal(badId.statusCode, 400)
      clock.advance(10 * DAY)
      const res = await app.inject({ method: 'POST', url: `/v1/subprocessor-notices/${noticeA}/objection`, headers: bearer('customer-a') })
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.json().notice.state, 'objected')
      assert.ok(res.json().notice.objectedAt)
      const again = await app.inject({ method: 'POST', url: `/v1/subprocessor-notices/${noticeA}/objection`, headers: bearer('customer-a') })
      assert.equal(again.statusCode, 200)
      assert.deepEqual((await audit('processor.subprocessor.objection')).map((e) => [e.actor_id, e.reason?.split(':')[0]]), [['tenant:customer-a', noticeA]])
    })

    test('REQ-PRC-03 a pending notice goes out once the customer registers an endpoint (daily round); the console shows each customer\'s state', async () => {
      const put = await app.inject({ method: 'PUT', url: '/v1/webhook-endpoint', headers: bearer('customer-b'), payload: { url: 'https://hooks.customer-b.example/pledge' } })
      assert.equal(put.statusCode, 200, put.body)
      const round = await processorDailyRound({ notices: runtime.subprocessorNotices, reminders: runtime.processorReminders })
      assert.equal(round.noticesSent, 1)
      assert.equal((await runtime.subprocessorNotices.notice(noticeB)).state, 'sent')
      dpo = await signIn(app, clock, dpoAccount)
      for (const lang of ['nl', 'fr', 'en']) {
        const page = await app.inject({ method: 'GET', url: `/admin/processors/hosting_eu?lang=${lang}`, headers: { cookie: dpo.cookie } })
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /class="subprocessor-notice" data-state="objected"/)
        assert.match(page.body, /class="subprocessor-notice" data-state="sent"/)
        assert.match(page.body, /Backup Storage \(example\) BV/)
        assert.ok(page.body.includes(windowEndsOn))
      }
      const listed = await app.inject({ method: 'GET', url: '/v1/processors/hosting_eu/subprocessor-changes', headers: dpo.headers })
      assert.equal(listed.statusCode, 200, listed.body)
      assert.deepEqual(listed.json().changes[0].notices.map((n: { state: string }) => n.state).sort(), ['objected', 'sent'])
    })

    test('REQ-PRC-03 an objection after the window is refused with 409 and the date; the window closes on the clock', async () => {
      clock.advance(21 * DAY) // 31 days after the announcement: the 30-day window ended yesterday
      assert.ok(today() > windowEndsOn)
      const late = await app.inject({ method: 'POST', url: `/v1/subprocessor-notices/${noticeB}/objection`, headers: bearer('customer-b') })
      assert.equal(late.statusCode, 409, late.body)
      assert.equal(late.json().error.code, 'objection_window_closed')
      assert.equal(late.json().error.details.windowEndsOn, windowEndsOn)
      assert.ok(late.json().error.message.includes(windowEndsOn))
      const round = await processorDailyRound({ notices: runtime.subprocessorNotices, reminders: runtime.processorReminders })
      assert.equal(round.windowsClosed, 1)
      assert.equal((await runtime.subprocessorNotices.notice(noticeB)).state, 'window_closed')
      assert.equal((await runtime.subprocessorNotices.notice(noticeA)).state, 'objected')
      assert.equal((await processorDailyRound({ notices: runtime.subprocessorNotices, reminders: runtime.processorReminders })).windowsClosed, 0)
    })

    test('REQ-TF-03 a passed review date raises a reminder: a mail to the privacy contact and a flag on the console register page', async () => {
      dpo = await signIn(app, clock, dpoAccount)
      const current = (await app.inject({ method: 'GET', url: '/v1/processors/accounting_firm_be', headers: dpo.headers })).json().processor.entry
      const reviewOn = addDays(today(), -1)
      const put = await app.inject({ method: 'PUT', url: '/v1/processors/accounting_firm_be', headers: dpo.changeHeaders, payload: { ...current, reviewOn } })
      assert.equal(put.statusCode, 200, put.body)
      const before = smtp.messages.length
      const round = await processorDailyRound({ notices: runtime.subprocessorNotices, reminders: runtime.processorReminders })
      assert.ok(round.remindersRaised >= 1)
      assert.ok(round.remindersMailed >= 1)
      const [mail] = (await smtp.waitFor(before + 1)).slice(before)
      const contact = runtime.policy().controller.privacyContact?.email ?? runtime.policy().controller.email
      assert.deepEqual(smtp.envelopes[before]!.to, [contact])
      assert.match(mail!.text ?? '', new RegExp(`accounting_firm_be: review date ${reviewOn} reached \\[review_due\\]`))
      // A second round on the same day mails nothing new.
      assert.equal((await processorDailyRound({ notices: runtime.subprocessorNotices, reminders: runtime.processorReminders })).remindersMailed, 0)
      const page = await app.inject({ method: 'GET', url: '/admin/processors?lang=en', headers: { cookie: dpo.cookie } })
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /id="row-accounting_firm_be">(?:(?!<\/tr>).)*class="reminder-flag"/s)
      assert.match(page.body, /class="processor-reminder" data-kind="review_due"/)
      const raised = await audit('processor.reminder.raise')
      assert.ok(raised.some((e) => e.reason === `accounting_firm_be:review_due:${reviewOn}` && e.actor_id === 'system:processors'))
      // A later review date resolves it: the flag goes.
      const later = await app.inject({ method: 'PUT', url: '/v1/processors/accounting_firm_be', headers: dpo.changeHeaders, payload: { ...current, reviewOn: addDays(today(), 365) } })
      assert.equal(later.statusCode, 200)
      assert.equal((await runtime.processorReminders.open('accounting_firm_be')).length, 0)
    })

    test('REQ-TF-03 staff recording a changed adequacy decision raises a reminder on the scheduler; only the DPO marks it done', async () => {
      admin = await signIn(app, clock, adminAccount)
      const current = (await app.inject({ method: 'GET', url: '/v1/processors/mailing_us_dpf', headers: dpo.headers })).json().processor.entry
      const mechanisms = current.mechanisms.map((m: { kind: string; decisionDate?: string }) => (m.kind === 'adequacy' ? { ...m, decisionDate: addDays(m.decisionDate!, 1) } : m))
      const put = await app.inject({ method: 'PUT', url: '/v1/processors/mailing_us_dpf', headers: dpo.changeHeaders, payload: { ...current, mechanisms } })
      assert.equal(put.statusCode, 200, put.body)
      const listed = await app.inject({ method: 'GET', url: '/v1/processor-reminders?recipientId=mailing_us_dpf', headers: admin.headers })
      assert.equal(listed.statusCode, 200, listed.body)
      const reminders = listed.json().reminders as { id: string; kind: string; mailedAt: string | null }[]
      assert.deepEqual(reminders.map((r) => r.kind), ['adequacy_changed:US'])
      const before = smtp.messages.length
      assert.equal(await runtime.processorReminders.mailOpen(), 1)
      const [mail] = (await smtp.waitFor(before + 1)).slice(before)
      assert.match(mail!.text ?? '', /mailing_us_dpf: adequacy decision for US changed on .* \[adequacy_changed:US\]/)
      assert.doesNotMatch(mail!.text ?? '', /@/)
      const byAdmin = await app.inject({ method: 'POST', url: `/v1/processor-reminders/${reminders[0]!.id}/resolve`, headers: admin.changeHeaders })
      assert.equal(byAdmin.statusCode, 403)
      const done = await app.inject({ method: 'POST', url: `/v1/processor-reminders/${reminders[0]!.id}/resolve`, headers: dpo.changeHeaders })
      assert.equal(done.statusCode, 200, done.body)
      assert.ok(done.json().reminder.resolvedAt)
      const missing = await app.inject({ method: 'POST', url: '/v1/processor-reminders/0190c6e4-0000-7000-8000-000000000001/resolve', headers: dpo.changeHeaders })
      assert.equal(missing.statusCode, 404)
    })

    test('REQ-PRC-03 the console announces for the DPO only (nl/fr/en texts), and a staff administrator\'s post is refused and audited', async () => {
      const refused = await app.inject({ method: 'POST', url: '/admin/processors/hosting_eu/subprocessor-changes', headers: { ...FORM, cookie: admin.cookie }, payload: form({ _csrf: admin.csrf, kind: 'added', name: 'Mail Relay SA', country: 'FR' }) })
      assert.equal(refused.statusCode, 403)
      assert.ok((await audit('processor.subprocessor.announce')).some((e) => e.decision === 'deny' && e.reason === 'hosting_eu:dpo_only'))
      const res = await app.inject({ method: 'POST', url: '/admin/processors/hosting_eu/subprocessor-changes?lang=fr', headers: { ...FORM, cookie: dpo.cookie }, payload: form({ _csrf: dpo.csrf, kind: 'replaced', name: 'Mail Relay SA', country: 'fr', service: 'relais', replaces: 'Backup Storage (example) BV', windowDays: '14' }) })
      assert.equal(res.statusCode, 303, res.body)
      assert.equal(res.headers.location, '/admin/processors/hosting_eu?announced=2&lang=fr')
      const page = await app.inject({ method: 'GET', url: res.headers.location as string, headers: { cookie: dpo.cookie } })
      assert.match(page.body, /Annoncé à 2 client\(s\)\./)
      assert.match(page.body, /Backup Storage \(example\) BV remplacé par Mail Relay SA \(FR\)/)
      const bad = await app.inject({ method: 'POST', url: '/admin/processors/hosting_eu/subprocessor-changes', headers: { ...FORM, cookie: dpo.cookie }, payload: form({ _csrf: dpo.csrf, kind: 'added', name: 'Relay', country: 'FR', windowDays: '2' }) })
      assert.equal(bad.statusCode, 422)
      assert.match(bad.body, /windowDays must be a whole number of days from 7 to 180/)
    })
  })
}
