// The breach register (issue 17 part 1; REQ-BR-01..05, REQ-PR-03), on both databases: recording a
// breach in the console (every one kept, notified or not), the 72-hour clock from aware_at with
// alerts at 24, 48 and 66 hours (mailed to the privacy contact over real SMTP), the Art. 33(3) draft
// for the GBA and its phased submission (a reason past 72 hours), the Art. 34 communication to each
// person in their language, a request's answer sent to the wrong person, a customer's data notified
// to the customer only, the exports, the permissions, and audit entries with ids and codes only.
import { describe, test, before, beforeEach, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { runtimeKey, seedRequest } from './support/actors.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'
import { FORM, TestClock, form, signIn, staffAccount, type SignedIn, type TestAccount } from './support/staff.ts'

const HOUR = 3_600_000
const FACTS = 'A laptop with an unencrypted export of the customer list was stolen from a car on 2 December.'
const CONSEQUENCES = 'Phishing mails to the customers on the list.'
const MEASURES = 'The export is revoked; customers are warned; exports are now encrypted.'

for (const variant of DATABASES) {
  describe(`${variant.name}: the breach register`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    let smtp: TestSmtpServer
    const clock = new TestClock()
    let dpo: SignedIn
    let support: SignedIn
    let admin: SignedIn
    let dpoActor = ''
    const accounts: Record<'dpo' | 'support' | 'admin', TestAccount> = {} as never
    // Sessions end after inactivity: sign in again after the clock moved (each login steps it 30 s).
    const fresh = async () => {
      dpo = await signIn(app, clock, accounts.dpo)
      support = await signIn(app, clock, accounts.support)
      admin = await signIn(app, clock, accounts.admin)
    }
    const people: Record<string, string> = {}
    let refusing = false

    before(async () => {
      t = await variant.open()
      smtp = await startSmtpServer({ refuse: (to) => refusing && to.includes('privacy@ixpole.example') })
      runtime = await testRuntime(t.database, { now: clock.now, smtpUrl: smtp.url, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      const adminAccount = await staffAccount(runtime, app, clock, 'admin@breaches.example', ['staff_admin'])
      const adminParty = { id: `staff:${adminAccount.id}`, accountId: adminAccount.id, roles: new Set(['staff_admin']) }
      const dpoAccount = await staffAccount(runtime, app, clock, 'dpo@breaches.example', ['dpo'], { approver: adminParty })
      const supportAccount = await staffAccount(runtime, app, clock, 'support@breaches.example', ['support'], { approver: adminParty })
      dpoActor = `staff:${dpoAccount.id}`
      Object.assign(accounts, { dpo: dpoAccount, support: supportAccount, admin: adminAccount })
      const crm = await runtimeKey(runtime, 'crm', ['customer_registration'])
      const create = async (name: string, email: string | undefined, language: 'nl' | 'fr' | 'en') =>
        (await runtime.gate.create(crm, 'customer_registration', { type: 'customer', data: { 'contact.name': name, ...(email ? { 'contact.email': email } : {}) }, language })).id
      people.nl = await create('Els Peeters', 'els.peeters@breach.example', 'nl')
      people.fr = await create('Luc Dubois', 'luc.dubois@breach.example', 'fr')
      people.noAddress = await create('Card Only', undefined, 'en')
    })
    beforeEach(fresh)
    after(async () => {
      await app?.close()
      await runtime?.close()
      await smtp?.close()
      await t?.drop()
    })

    const post = (who: SignedIn, url: string, fields: Record<string, string>) => app.inject({ method: 'POST', url, headers: { ...FORM, cookie: who.cookie }, payload: form({ _csrf: who.csrf, ...fields }) })
    const entries = (action: string) => t.database.db.selectFrom('audit_entry').select(['actor_id', 'reason', 'subject_id', 'decision']).where('action', '=', action).orderBy('seq').execute()
    const record = async (fields: Record<string, string>) => {
      const res = await post(dpo, '/admin/breaches', { facts: FACTS, cat_contact_email: 'contact.email', cat_contact_name: 'contact.name', st_customer: 'customer', ...fields })
      assert.equal(res.statusCode, 303, res.body)
      const id = /\/admin\/breaches\/([0-9a-f-]{36})/.exec(res.headers.location as string)?.[1]
      assert.ok(id, res.headers.location as string)
      return id
    }
    const assess = (id: string, fields: Record<string, string>) =>
      post(dpo, `/admin/breaches/${id}`, { facts: FACTS, cat_contact_email: 'contact.email', cat_contact_name: 'contact.name', st_customer: 'customer', approxSubjects: '120', approxRecords: '130', consequences: CONSEQUENCES, measures: MEASURES, ...fields })

    test('REQ-BR-01 every breach is recorded, the one not notified too: facts, effects, measures, risk and reasoning; audited with ids and codes only', async () => {
      const id = await record({})
      const saved = await assess(id, { risk: 'unlikely', riskReasoning: 'The export held names and e-mail addresses of 120 business contacts only.', decision: 'not_notify' })
      assert.equal(saved.statusCode, 303, saved.body)
      const b = await runtime.breaches.get(id)
      assert.deepEqual(
        { source: b.source, status: b.status, facts: b.facts, categories: b.dataCategories, types: b.subjectTypes, subjects: b.approxSubjects, records: b.approxRecords, consequences: b.consequences, measures: b.measures, risk: b.risk, decision: b.decision, aware: b.awareAt },
        { source: 'staff', status: 'open', facts: FACTS, categories: ['contact.email', 'contact.name'], types: ['customer'], subjects: 120, records: 130, consequences: CONSEQUENCES, measures: MEASURES, risk: 'unlikely', decision: 'not_notify', aware: null },
      )
      // Closing keeps it in the register.
      assert.equal((await post(dpo, `/admin/breaches/${id}/close`, {})).statusCode, 303)
      const list = await app.inject({ method: 'GET', url: '/admin/breaches?lang=en', headers: dpo.headers })
      assert.equal(list.statusCode, 200)
      assert.match(list.body, new RegExp(`href="/admin/breaches/${id}\\?lang=en"`))
      assert.match(list.body, /Not notified \(risk unlikely\)/)
      assert.match(list.body, /Closed/)
      const csv = await app.inject({ method: 'GET', url: '/admin/breaches/export.csv', headers: dpo.headers })
      assert.equal(csv.statusCode, 200)
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8')
      const line = csv.body.split('\r\n').find((l) => l.startsWith(id))!
      assert.equal(line, `${id},${b.createdAt.toISOString()},staff,,,closed,${b.detectedAt.toISOString()},,not_started,${FACTS},contact.email contact.name,customer,120,130,${CONSEQUENCES},${MEASURES},unlikely,The export held names and e-mail addresses of 120 business contacts only.,not_notify,,,`)
      assert.equal(csv.body.split('\r\n')[0], 'id,recorded_at,source,request_id,tenant_id,status,detected_at,aware_at,clock,facts,data_categories,subject_types,approx_subjects,approx_records,consequences,measures,risk,risk_reasoning,decision,art34_exception,art34_exception_reason,customer_notified_at')
      const print = await app.inject({ method: 'GET', url: '/admin/breaches/export?lang=nl', headers: dpo.headers })
      assert.equal(print.statusCode, 200)
      assert.match(print.body, /Register van datalekken \(art\. 33, lid 5\)/)
      assert.ok(print.body.includes(FACTS))
      const recorded = await entries('breach.record')
      assert.deepEqual(recorded.filter((e) => e.reason!.startsWith(id)).map((e) => [e.actor_id, e.reason]), [[dpoActor, `${id}:staff:risk:unassessed:decision:pending:status:open`]])
      assert.deepEqual((await entries('breach.update')).filter((e) => e.reason!.startsWith(id)).map((e) => e.reason), [`${id}:approxRecords,approxSubjects,consequences,dataCategories,decision,facts,measures,risk,riskReasoning,subjectTypes:risk:unlikely:decision:not_notify:status:open`])
      assert.deepEqual((await entries('breach.close')).map((e) => e.reason), [`${id}:risk:unlikely:decision:not_notify:status:closed`])
      assert.deepEqual((await entries('export.breach_register')).map((e) => e.reason), ['csv:rows:1', 'html:rows:1'])
      // No text of the record in the log.
      const all = await t.database.db.selectFrom('audit_entry').select('reason').execute()
      assert.deepEqual(all.filter((e) => e.reason && (e.reason.includes('laptop') || e.reason.includes('Phishing') || e.reason.includes('business contacts'))), [])
    })

    test('REQ-BR-01 bad input is refused with the field named: not notifying a risk, no reasoning, too long, a NUL, an unknown category', async () => {
      const id = await record({})
      const cases: [Record<string, string>, number, RegExp][] = [
        [{ risk: 'risk', riskReasoning: 'Names and addresses.', decision: 'not_notify' }, 422, /a breach likely to result in a risk is notified/],
        [{ risk: 'unlikely', riskReasoning: '', decision: 'not_notify' }, 422, /record the reasoning of the risk assessment/],
        [{ risk: 'unassessed', decision: 'notify' }, 422, /assess the risk before deciding/],
        [{ consequences: 'x'.repeat(4001) }, 422, /consequences is longer than 4000 characters/],
        [{ measures: 'a\u0000b' }, 422, /measures contains a NUL character/],
        [{ cat_x: 'health.record' }, 422, /dataCategories: the policy has no health\.record/],
        [{ approxSubjects: '-3' }, 422, /approxSubjects must be a whole number/],
      ]
      for (const [fields, status, message] of cases) {
        const res = await assess(id, fields)
        assert.equal(res.statusCode, status, JSON.stringify(fields))
        assert.match(res.body, message)
      }
      assert.equal((await runtime.breaches.get(id)).risk, 'unassessed')
      const tooLong = await post(dpo, '/admin/breaches', { facts: 'x'.repeat(40001) })
      assert.ok([400, 413].includes(tooLong.statusCode), String(tooLong.statusCode))
      const empty = await post(dpo, '/admin/breaches', { facts: '   ' })
      assert.equal(empty.statusCode, 422)
      assert.match(empty.body, /facts is required/)
    })

    test('REQ-BR-02 the clock starts at aware_at; alerts at 24, 48 and 66 hours, mailed to the privacy contact and shown on the page and the dashboard; a late notification needs its reasons', async () => {
      const id = await record({})
      const page0 = await app.inject({ method: 'GET', url: `/admin/breaches/${id}?lang=en`, headers: dpo.headers })
      assert.match(page0.body, /Not started: awareness is not recorded yet\./)
      const awareAt = clock.now()
      assert.equal((await post(dpo, `/admin/breaches/${id}/aware`, {})).statusCode, 303)
      assert.equal((await runtime.breaches.get(id)).awareAt!.toISOString(), awareAt.toISOString())
      assert.equal((await post(dpo, `/admin/breaches/${id}/aware`, {})).statusCode, 409)
      const hours = async () => (await runtime.breaches.alerts(id)).map((a) => a.hours)
      const mailsBefore = smtp.messages.length
      clock.advance(24 * HOUR - 60_000)
      assert.equal(await runtime.breaches.alertRound(), 0)
      assert.deepEqual(await hours(), [])
      clock.advance(60_000)
      assert.equal(await runtime.breaches.alertRound(), 1)
      assert.equal(await runtime.breaches.alertRound(), 0)
      assert.deepEqual(await hours(), [24])
      const [mail] = (await smtp.waitFor(mailsBefore + 1)).slice(mailsBefore)
      assert.equal(smtp.envelopes[mailsBefore]!.to.join(','), 'privacy@ixpole.example')
      assert.equal(mail!.subject, '[Pledge] Breach clock: 24 h')
      assert.ok(mail!.text!.includes(`- breach ${id}: 24 hours since awareness; the notification to the GBA is due by ${new Date(awareAt.getTime() + 72 * HOUR).toISOString()} (72 hours, Art. 33(1)).`), mail!.text)
      await fresh() // 24 h 1.5 min after awareness
      const dashboard = await app.inject({ method: 'GET', url: '/admin/dashboard?lang=en', headers: dpo.headers })
      assert.equal(dashboard.statusCode, 200)
      assert.ok(dashboard.body.includes(`Breach ${id.slice(-8)}: 47 hour(s) left (alerts: 24 h)`), 'the dashboard shows the running clock')
      clock.advance(24 * HOUR)
      assert.equal(await runtime.breaches.alertRound(), 1)
      clock.advance(18 * HOUR)
      assert.equal(await runtime.breaches.alertRound(), 1)
      assert.deepEqual(await hours(), [24, 48, 66])
      await smtp.waitFor(mailsBefore + 3)
      assert.deepEqual(smtp.messages.slice(mailsBefore).map((m) => m.subject), ['[Pledge] Breach clock: 24 h', '[Pledge] Breach clock: 48 h', '[Pledge] Breach clock: 66 h'])
      await fresh() // 66 h 3 min after awareness
      const page66 = await app.inject({ method: 'GET', url: `/admin/breaches/${id}?lang=en`, headers: dpo.headers })
      assert.match(page66.body, /5 hour\(s\) left: notify the GBA by/)
      assert.ok(page66.body.includes('66-hour alert raised'))
      // Past 72 hours: overdue, and the submission asks for the reasons of the delay.
      clock.advance(7 * HOUR)
      assert.equal((await runtime.breaches.clock(await runtime.breaches.get(id))).state, 'overdue')
      await fresh()
      assert.equal((await assess(id, { risk: 'risk', riskReasoning: 'Contact data of 120 customers in clear text.', decision: 'notify' })).statusCode, 303)
      const noReason = await post(dpo, `/admin/breaches/${id}/submissions`, { gbaReference: '', lateReason: '' })
      assert.equal(noReason.statusCode, 422)
      assert.match(noReason.body, /later than 72 hours after awareness: give the reasons for the delay/)
      const late = await post(dpo, `/admin/breaches/${id}/submissions`, { lateReason: 'The theft was reported to us by the employee only on the third day.', draftLang: 'en' })
      assert.equal(late.statusCode, 303, late.body)
      const [s] = await runtime.breaches.submissions(id)
      assert.deepEqual([s!.phase, s!.late, s!.final, s!.lateReason], [1, true, false, 'The theft was reported to us by the employee only on the third day.'])
      assert.ok(s!.draft.includes('Reasons for the delay (notified later than 72 hours, Art. 33(1))\nThe theft was reported to us by the employee only on the third day.'))
      assert.equal((await runtime.breaches.clock(await runtime.breaches.get(id))).state, 'notified')
      clock.advance(HOUR)
      assert.equal(await runtime.breaches.alertRound(), 0)
      assert.deepEqual((await entries('breach.alert')).map((e) => e.reason), [`${id}:24h`, `${id}:48h`, `${id}:66h`])
      assert.deepEqual((await entries('breach.submit')).map((e) => e.reason), [`${id}:phase:1:late`])
    })

    test('REQ-BR-02 an alert whose mail the server refused is mailed on the next round, and raised only once', async () => {
      const id = await record({ awareNow: 'true' })
      clock.advance(24 * HOUR)
      refusing = true
      const before = smtp.messages.length
      await assert.rejects(runtime.breaches.alertRound())
      assert.deepEqual((await runtime.breaches.alerts(id)).map((a) => [a.hours, a.mailedAt]), [[24, null]])
      refusing = false
      assert.equal(await runtime.breaches.alertRound(), 0)
      const mails = (await smtp.waitFor(before + 1)).slice(before)
      assert.equal(mails.length, 1)
      assert.ok(mails[0]!.text!.includes(`- breach ${id}: 24 hours since awareness`))
      assert.deepEqual((await runtime.breaches.alerts(id)).map((a) => [a.hours, a.mailedAt?.toISOString()]), [[24, clock.now().toISOString()]])
      assert.deepEqual((await entries('breach.alert')).filter((e) => e.reason!.includes(id)).map((e) => e.reason), [`${id}:24h`])
      await fresh()
      const close = await post(dpo, `/admin/breaches/${id}/close`, {})
      assert.equal(close.statusCode, 409)
      assert.match(close.body, /record the decision to notify or not before closing/)
      assert.equal((await runtime.breaches.get(id)).status, 'open')
      assert.equal((await assess(id, { risk: 'unlikely', riskReasoning: 'Only encrypted data.', decision: 'not_notify' })).statusCode, 303)
      assert.equal((await runtime.breaches.get(id)).decision, 'not_notify')
      clock.advance(30 * HOUR)
      assert.equal(await runtime.breaches.alertRound(), 0, 'no alerts once decided not to notify')
    })

    test('REQ-BR-03 the GBA draft holds Art. 33(3)(a)–(d) from the record and the policy, in nl, fr and en; submission is phased and ends with a final one', async () => {
      const id = await record({ awareNow: 'true' })
      const b0 = await runtime.breaches.get(id)
      assert.equal(b0.awareAt!.toISOString(), clock.now().toISOString())
      assert.equal((await assess(id, { risk: 'risk', riskReasoning: 'Contact data of 120 customers in clear text.', decision: 'notify' })).statusCode, 303)
      const b = await runtime.breaches.get(id)
      const deadline = new Date(b.awareAt!.getTime() + 72 * HOUR).toISOString()
      assert.equal(runtime.breaches.draft(b, 'en'), [
        'Notification of a personal data breach (Art. 33 GDPR)',
        '',
        'Controller: JAG2 Solutions NV',
        `Breach reference: ${id}`,
        `Became aware on: ${b.awareAt!.toISOString()}`,
        `Notification due by (72 hours): ${deadline}`,
        'Submission 1 (information may follow in phases, Art. 33(4))',
        '',
        '(a) Nature of the breach, categories and approximate number of data subjects and of records',
        `What happened: ${FACTS}`,
        'Categories of personal data: E-mail address, Name and first name',
        'Categories of data subjects: Customer (a natural person, e.g. a sole trader)',
        'Approximate number of data subjects: 120',
        'Approximate number of records: 130',
        '',
        '(b) Name and contact details of the data protection officer or other contact point',
        'Privacy contact JAG2 Solutions — privacy@ixpole.example',
        '',
        '(c) Likely consequences of the breach',
        CONSEQUENCES,
        '',
        '(d) Measures taken or proposed, including to mitigate possible adverse effects',
        MEASURES,
        '',
        'Information not yet available is provided in phases without undue further delay (Art. 33(4)).',
      ].join('\n'))
      const nl = runtime.breaches.draft(b, 'nl')
      assert.ok(nl.includes('(b) Naam en contactgegevens van de functionaris voor gegevensbescherming of een ander contactpunt\nPrivacyaanspreekpunt JAG2 Solutions — privacy@ixpole.example'))
      assert.ok(nl.includes('Categorieën van persoonsgegevens: E-mailadres, Naam en voornaam'))
      const fr = await app.inject({ method: 'GET', url: `/admin/breaches/${id}?lang=en&draft=fr`, headers: dpo.headers })
      assert.equal(fr.statusCode, 200)
      assert.ok(fr.body.includes('(c) Conséquences probables de la violation'))
      assert.ok(fr.body.includes('Point de contact vie privée JAG2 Solutions — privacy@ixpole.example'))
      clock.advance(10 * HOUR)
      await fresh()
      assert.equal((await post(dpo, `/admin/breaches/${id}/submissions`, { gbaReference: 'DOS-2026-00123', draftLang: 'nl' })).statusCode, 303)
      clock.advance(20 * HOUR)
      await fresh()
      assert.equal((await post(dpo, `/admin/breaches/${id}/submissions`, { gbaReference: 'DOS-2026-00123', final: 'true', draftLang: 'nl' })).statusCode, 303)
      const subs = await runtime.breaches.submissions(id)
      assert.deepEqual(subs.map((s) => [s.phase, s.final, s.late, s.gbaReference]), [[1, false, false, 'DOS-2026-00123'], [2, true, false, 'DOS-2026-00123']])
      assert.ok(subs[0]!.draft.startsWith('Melding van een inbreuk in verband met persoonsgegevens (art. 33 AVG)'))
      assert.ok(subs[1]!.draft.includes('Indiening 2 (definitief)'))
      const again = await post(dpo, `/admin/breaches/${id}/submissions`, {})
      assert.equal(again.statusCode, 409)
      assert.match(again.body, /the final submission is recorded/)
    })

    test('REQ-BR-04 a high risk: the communication goes to each selected person in their language through the gate and the mailer, tracked; Art. 34(3) exceptions recorded', async () => {
      const id = await record({ awareNow: 'true' })
      const notHigh = await post(dpo, `/admin/breaches/${id}/communications`, { subjectIds: people.nl! })
      assert.equal(notHigh.statusCode, 409)
      assert.match(notHigh.body, /assessed as a high risk/)
      assert.equal((await assess(id, { risk: 'high', riskReasoning: 'Bank details with names: fraud is likely.', decision: 'notify' })).statusCode, 303)
      const before = smtp.messages.length
      const sent = await post(dpo, `/admin/breaches/${id}/communications`, { subjectIds: `${people.nl}\n${people.fr}\n${people.noAddress}` })
      assert.equal(sent.statusCode, 303, sent.body)
      const mails = (await smtp.waitFor(before + 2)).slice(before)
      const to = (address: string) => mails[smtp.envelopes.slice(before).findIndex((e) => e.to.includes(address))]!
      assert.equal(to('els.peeters@breach.example').subject, 'Belangrijk: een beveiligingsincident met uw persoonsgegevens bij iXpole')
      assert.ok(to('els.peeters@breach.example').text!.includes(`Wat er gebeurd is:\n${FACTS}`))
      assert.ok(to('els.peeters@breach.example').text!.includes('Met vragen kunt u terecht bij: Privacyaanspreekpunt JAG2 Solutions, privacy@ixpole.example'))
      assert.equal(to('luc.dubois@breach.example').subject, 'Important : un incident de sécurité concernant vos données personnelles chez iXpole')
      assert.ok(to('luc.dubois@breach.example').text!.includes(`Ce que nous avons fait et ce que nous vous conseillons :\n${MEASURES}`) || to('luc.dubois@breach.example').text!.includes(`Ce que nous avons fait et ce que nous vous conseillons:\n${MEASURES}`))
      const tracked = await runtime.breaches.communications(id)
      const state = Object.fromEntries(tracked.map((c) => [c.subjectId, [c.state, c.language]]))
      assert.deepEqual(state, { [people.nl!]: ['sent', 'nl'], [people.fr!]: ['sent', 'fr'], [people.noAddress!]: ['no_contact', null] })
      // Sent once: asking again writes to nobody new.
      await post(dpo, `/admin/breaches/${id}/communications`, { subjectIds: people.nl! })
      assert.equal(smtp.messages.length, before + 2)
      // The address was read through the gate, as the breach-notices system actor.
      const reads = await t.database.db.selectFrom('audit_entry').select(['actor_id', 'subject_id', 'decision']).where('action', '=', 'notice.read').where('actor_id', '=', 'system:breach-notices').orderBy('seq').execute()
      assert.deepEqual(reads.map((r) => r.subject_id).sort(), [people.nl, people.fr, people.noAddress].sort())
      assert.deepEqual((await entries('breach.communication')).filter((e) => e.reason!.startsWith(id)).map((e) => [e.subject_id, e.reason]).sort(), [[people.nl, `${id}:sent:nl`], [people.fr, `${id}:sent:fr`], [people.noAddress, `${id}:no_contact`]].sort())
      // An exception (Art. 34(3)(a)) is recorded with its reasoning, and then no one is written to.
      const other = await record({ awareNow: 'true' })
      await assess(other, { risk: 'high', riskReasoning: 'A backup disk lost.', decision: 'notify' })
      assert.equal((await post(dpo, `/admin/breaches/${other}/exception`, { exception: 'a', exceptionReason: '' })).statusCode, 422)
      assert.equal((await post(dpo, `/admin/breaches/${other}/exception`, { exception: 'a', exceptionReason: 'The disk was encrypted with AES-256; the key was not on it.' })).statusCode, 303)
      const ex = await runtime.breaches.get(other)
      assert.deepEqual([ex.art34Exception, ex.art34ExceptionReason], ['a', 'The disk was encrypted with AES-256; the key was not on it.'])
      const blocked = await post(dpo, `/admin/breaches/${other}/communications`, { subjectIds: people.nl! })
      assert.equal(blocked.statusCode, 409)
      assert.match(blocked.body, /Art\. 34\(3\)\(a\) exception is recorded/)
      assert.deepEqual((await entries('breach.art34_exception')).map((e) => e.reason), [`${other}:a`])
    })

    test('REQ-BR-05 a request answer sent to the wrong person is recorded as a breach candidate by a staff action on the request', async () => {
      const requestId = await seedRequest(runtime, 'access', { subjectIds: [people.nl!], status: 'completed' })
      const page = await app.inject({ method: 'GET', url: `/admin/requests/${requestId}?lang=en`, headers: dpo.headers })
      assert.equal(page.statusCode, 200)
      assert.ok(page.body.includes(`action="/admin/breaches/from-request/${requestId}?lang=en"`), 'the request page offers the action')
      assert.ok(page.body.includes('Answer sent to the wrong person?'))
      const res = await post(dpo, `/admin/breaches/from-request/${requestId}?lang=en`, {})
      assert.equal(res.statusCode, 303, res.body)
      const candidates = (await runtime.breaches.list()).filter((b) => b.requestId === requestId)
      assert.equal(candidates.length, 1)
      const c = candidates[0]!
      assert.equal(res.headers.location, `/admin/breaches/${c.id}?recorded=1&lang=en`)
      // Once per request: the same action again leads to the same candidate.
      const again = await post(dpo, `/admin/breaches/from-request/${requestId}`, {})
      assert.equal(again.headers.location, `/admin/breaches/${c.id}?recorded=1&lang=en`)
      assert.equal((await runtime.breaches.list()).filter((b) => b.requestId === requestId).length, 1)
      assert.deepEqual([c.source, c.status, c.approxSubjects, c.tenantId, c.awareAt], ['misdirected_answer', 'candidate', 1, null, null])
      assert.deepEqual((await runtime.breaches.communications(c.id)).map((x) => [x.subjectId, x.state]), [[people.nl, 'pending']])
      assert.deepEqual((await entries('breach.record')).filter((e) => e.reason!.startsWith(c.id)).map((e) => [e.reason, e.subject_id]), [[`${c.id}:misdirected_answer:request:${requestId}`, people.nl]])
      // Support does not handle requests in this policy: refused, and the refusal audited.
      const refused = await post(support, `/admin/breaches/from-request/${requestId}`, {})
      assert.equal(refused.statusCode, 403)
      assert.deepEqual((await entries('breach.record')).filter((e) => e.decision === 'deny').map((e) => e.reason), [`request:${requestId}:not_allowed`])
      // Assessing it makes it an open breach.
      await assess(c.id, { risk: 'risk', riskReasoning: 'One person\'s access report went to another person.', decision: 'notify' })
      assert.equal((await runtime.breaches.get(c.id)).status, 'open')
    })

    test('REQ-PR-03 a breach in a customer\'s data: the customer is told at once by its webhook (ids, categories, counts, the contact point), never the GBA or the people', async () => {
      const policy = runtime.policy()
      const key = await createApiKey(t.database.db, policy, { name: 'customer-a', purposes: ['processing_for_customers'], tenantId: 'customer-a' })
      const put = await app.inject({ method: 'PUT', url: '/v1/webhook-endpoint', headers: { authorization: `Bearer ${key.token}` }, payload: { url: 'https://hooks.customer-a.example/pledge' } })
      assert.equal(put.statusCode, 200, put.body)
      const id = await record({ tenantId: 'customer-a', cat_contact_email: 'contact.email', st_customer: '' })
      assert.equal((await runtime.breaches.get(id)).customerNotifiedAt, null)
      assert.equal((await post(dpo, `/admin/breaches/${id}/aware`, {})).statusCode, 303)
      const b = await runtime.breaches.get(id)
      assert.deepEqual([b.customerChannel, b.customerNotifiedAt?.toISOString()], ['webhook', clock.now().toISOString()])
      const deliveries = (await runtime.webhooks.deliveriesFor('tenant:customer-a', {})).filter((d) => d.event === 'breach.notified')
      assert.equal(deliveries.length, 1)
      const payload = deliveries[0]!.payload
      // Like every webhook: ids, codes and counts, and the contact point's name and telephone — no text.
      assert.deepEqual(Object.keys(payload).sort(), ['approxRecords', 'approxSubjects', 'awareAt', 'breachId', 'contact', 'dataCategories', 'risk', 'subjectTypes'])
      assert.equal(payload.breachId, id)
      assert.deepEqual(payload.dataCategories, ['contact.email', 'contact.name'])
      assert.deepEqual(payload.contact, { name: 'Privacyaanspreekpunt JAG2 Solutions', phone: '+32 476 44 92 39' })
      assert.ok(!JSON.stringify(payload).includes(FACTS.slice(0, 20)), 'the staff\'s description goes by mail, never in a webhook')
      assert.equal((await runtime.breaches.clock(b)).state, 'customer')
      // Once only; no alerts; no GBA submission; no mails to people.
      await assess(id, { risk: 'high', riskReasoning: 'Visitor e-mail addresses exposed.', decision: 'notify', tenantId: 'customer-a' })
      assert.equal((await runtime.webhooks.deliveriesFor('tenant:customer-a', {})).filter((d) => d.event === 'breach.notified').length, 1)
      clock.advance(30 * HOUR)
      await runtime.breaches.alertRound()
      assert.deepEqual(await runtime.breaches.alerts(id), [])
      await fresh()
      const gba = await post(dpo, `/admin/breaches/${id}/submissions`, {})
      assert.equal(gba.statusCode, 409)
      assert.match(gba.body, /the customer notifies the GBA, Pledge notifies the customer/)
      const mails = smtp.messages.length
      const people34 = await post(dpo, `/admin/breaches/${id}/communications`, { subjectIds: people.nl! })
      assert.equal(people34.statusCode, 409)
      assert.equal(smtp.messages.length, mails)
      assert.deepEqual((await entries('breach.customer_notified')).map((e) => e.reason), [`${id}:tenant:customer-a:webhook`])
    })

    test('REQ-PR-03 a customer without a webhook is told by mail to its notification mailbox, in its language, with the Art. 33(3) items', async () => {
      const policy = runtime.policy()
      const key = await createApiKey(t.database.db, policy, { name: 'customer-b', purposes: ['processing_for_customers'], tenantId: 'customer-b' })
      const put = await app.inject({ method: 'PUT', url: '/v1/notification-contact', headers: { authorization: `Bearer ${key.token}` }, payload: { email: 'privacy@customer-b.example', lang: 'fr' } })
      assert.equal(put.statusCode, 200, put.body)
      const before = smtp.messages.length
      const id = await record({ tenantId: 'customer-b', awareNow: 'true' })
      const b = await runtime.breaches.get(id)
      assert.deepEqual([b.customerChannel, b.customerNotifiedAt?.toISOString()], ['mail', b.awareAt!.toISOString()])
      const [mail] = (await smtp.waitFor(before + 1)).slice(before)
      assert.equal(smtp.envelopes[before]!.to.join(','), 'privacy@customer-b.example')
      assert.equal(mail!.subject, 'Violation de données que nous traitons pour votre compte — iXpole')
      assert.ok(mail!.text!.includes('(b) Nom et coordonnées du délégué à la protection des données ou d\'un autre point de contact\nPoint de contact vie privée JAG2 Solutions — privacy@ixpole.example'), mail!.text)
      assert.ok(mail!.text!.includes(`Ce qui s'est passé : ${FACTS}`) || mail!.text!.includes(`Ce qui s'est passé: ${FACTS}`), mail!.text)
      assert.ok(!mail!.text!.includes('À notifier au plus tard'), 'no GBA deadline for the customer')
      assert.deepEqual((await entries('breach.customer_notified')).filter((e) => e.reason!.startsWith(id)).map((e) => e.reason), [`${id}:tenant:customer-b:mail`])
    })

    test('REQ-PR-03 a customer with a webhook and a mailbox gets both: the webhook at once, the Art. 33(3) notice with its text by mail', async () => {
      const policy = runtime.policy()
      const key = await createApiKey(t.database.db, policy, { name: 'customer-c', purposes: ['processing_for_customers'], tenantId: 'customer-c' })
      const auth = { authorization: `Bearer ${key.token}` }
      assert.equal((await app.inject({ method: 'PUT', url: '/v1/webhook-endpoint', headers: auth, payload: { url: 'https://hooks.customer-c.example/pledge' } })).statusCode, 200)
      assert.equal((await app.inject({ method: 'PUT', url: '/v1/notification-contact', headers: auth, payload: { email: 'privacy@customer-c.example', lang: 'en' } })).statusCode, 200)
      const before = smtp.messages.length
      const id = await record({ tenantId: 'customer-c', awareNow: 'true' })
      assert.equal((await runtime.breaches.get(id)).customerChannel, 'webhook+mail')
      assert.equal((await runtime.webhooks.deliveriesFor('tenant:customer-c', {})).filter((d) => d.event === 'breach.notified').length, 1)
      const [mail] = (await smtp.waitFor(before + 1)).slice(before)
      assert.equal(smtp.envelopes[before]!.to.join(','), 'privacy@customer-c.example')
      assert.ok(mail!.text!.includes(FACTS), mail!.text)
      assert.ok(mail!.text!.includes('(d) Measures taken or proposed, including to mitigate possible adverse effects\nnone recorded yet (to follow)'), mail!.text)
      assert.deepEqual((await entries('breach.customer_notified')).filter((e) => e.reason!.startsWith(id)).map((e) => e.reason), [`${id}:tenant:customer-c:webhook+mail`])
    })

    test('REQ-BR-01 who may: any staff member records; only the DPO manages (refusals audited); the DPO and staff administrators read', async () => {
      const recorded = await post(support, '/admin/breaches', { facts: 'A USB stick with invoices was lost.' })
      assert.equal(recorded.statusCode, 303)
      assert.equal(recorded.headers.location, '/admin/breaches?recorded=1&lang=en')
      const supportList = await app.inject({ method: 'GET', url: '/admin/breaches?lang=en&recorded=1', headers: support.headers })
      assert.equal(supportList.statusCode, 200)
      assert.match(supportList.body, /The breach is recorded\. The privacy officer takes it from here\./)
      assert.ok(!supportList.body.includes('id="breaches"'), 'no register for support')
      const id = (await runtime.breaches.list()).find((b) => b.facts === 'A USB stick with invoices was lost.')!.id
      assert.equal((await app.inject({ method: 'GET', url: `/admin/breaches/${id}`, headers: support.headers })).statusCode, 403)
      assert.equal((await app.inject({ method: 'GET', url: '/admin/breaches/export.csv', headers: support.headers })).statusCode, 403)
      assert.equal((await post(support, `/admin/breaches/${id}/aware`, {})).statusCode, 403)
      assert.equal((await post(admin, `/admin/breaches/${id}`, { risk: 'high' })).statusCode, 403)
      assert.equal((await app.inject({ method: 'GET', url: `/admin/breaches/${id}`, headers: admin.headers })).statusCode, 200)
      const denied = (await entries('breach.aware')).filter((e) => e.decision === 'deny')
      assert.deepEqual(denied.map((e) => e.reason), [`${id}:dpo_only`])
      assert.equal((await runtime.breaches.get(id)).awareAt, null)
    })
  })
}
