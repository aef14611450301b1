// Complaints (issue 17, part 2) end to end, on both databases, over a real SMTP server: the privacy
// center's form in nl/fr/en with the supervisory authority from the policy, the code that confirms
// the address before anything else is sent (REQ-ID-09), the acknowledgement and the mailbox notice,
// the console's register with the due date from the policy, reading a complaint through the gate,
// handling notes and the outcome mailed to the complainant, the register's CSV and printable HTML,
// and the audit entries of every change (REQ-AUD-01) — never with what anyone wrote.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import type { ParsedMail } from 'mailparser'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { seedRequest } from './support/actors.ts'
import { FORM, TestClock, form, signIn, staffAccount, type SignedIn, type TestAccount } from './support/staff.ts'
import { buildApp } from '../src/http/app.ts'
import type { Runtime } from '../src/runtime.ts'
import { GateDenied } from '../src/gate/gate.ts'

const BASE = 'https://privacy.ixpole.example'
const MAILBOX = 'privacy@ixpole.example'
const SECRET_WORD = 'OKAPI-5512'
const WHAT_HAPPENED = `Ik kreeg reclame na mijn uitschrijving. Kenmerk ${SECRET_WORD}.`
const NOTE = 'Checked the suppression list: address was missing. NOTE-QUOKKA-88'
const EXPLANATION = 'Uw adres stond niet op de uitschrijvingslijst; dat is nu rechtgezet. EXPL-TAPIR-31'

for (const variant of DATABASES) {
  describe(`${variant.name}: complaints`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let smtp: TestSmtpServer
    let runtime: Runtime
    let app: FastifyInstance
    const clock = new TestClock()
    let ip = 0
    let accounts: { dpo: TestAccount; support: TestAccount }
    const nextIp = () => `10.17.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`

    before(async () => {
      t = await variant.open()
      smtp = await startSmtpServer()
      runtime = await testRuntime(t.database, { now: clock.now, smtpUrl: smtp.url, baseUrl: BASE, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      const admin = await staffAccount(runtime, app, clock, 'admin@complaints.example', ['staff_admin'])
      const approver = { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) }
      accounts = { dpo: await staffAccount(runtime, app, clock, 'dpo@complaints.example', ['dpo'], { approver }), support: await staffAccount(runtime, app, clock, 'support@complaints.example', ['support'], { approver }) }
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await smtp?.close()
      await t?.drop()
    })

    const mailsTo = (address: string): ParsedMail[] => smtp.messages.filter((_m, i) => smtp.envelopes[i]!.to.some((to) => to.toLowerCase() === address.toLowerCase()))
    const formToken = async (lang = 'nl') => {
      const page = await app.inject({ method: 'GET', url: `/privacy-center/complaints?lang=${lang}`, remoteAddress: nextIp() })
      assert.equal(page.statusCode, 200, page.body)
      const token = /name="formToken" value="([^"]+)"/.exec(page.body)?.[1]
      assert.ok(token)
      clock.advance(5_000)
      return token
    }
    const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = { ...FORM, origin: BASE }) => app.inject({ method: 'POST', url, headers, payload: form(fields), remoteAddress: nextIp() })
    /** Files a complaint from the page and returns its id and the code from the mail. */
    const file = async (email: string, lang: 'nl' | 'fr' | 'en' = 'nl') => {
      const before = mailsTo(email).length
      const res = await post(`/privacy-center/complaints?lang=${lang}`, { formToken: await formToken(lang), lang, name: 'Lotte Claes', email, description: `${WHAT_HAPPENED}\r\nTweede regel.`, website: '' })
      assert.equal(res.statusCode, 303, res.body)
      const id = /\/privacy-center\/complaints\/([0-9a-f-]{36})\?lang=/.exec(String(res.headers.location))?.[1]
      assert.ok(id, String(res.headers.location))
      await smtp.waitFor(smtp.messages.length)
      const mails = mailsTo(email)
      assert.equal(mails.length, before + 1, 'one mail: the code')
      const code = /\n {4}(\d{6})\n/.exec(mails.at(-1)!.text ?? '')?.[1]
      assert.ok(code, 'the code is in the mail')
      return { id, code, mail: mails.at(-1)! }
    }
    const confirm = (id: string, code: string, lang = 'nl') => post(`/privacy-center/complaints/${id}/verify?lang=${lang}`, { code })

    test('REQ-TR-01 REQ-ID-01 the complaint form in nl, fr and en names the GBA from the policy, asks no reason beyond what happened, and the privacy center links to it', async () => {
      const expected = {
        nl: { h1: '<h1>Een klacht indienen</h1>', authority: 'U kunt op elk moment kosteloos klacht indienen bij de Gegevensbeschermingsautoriteit (GBA / APD), ook zonder eerst bij ons te klagen of ons antwoord af te wachten (art. 77 AVG).', address: 'Drukpersstraat 35, 1000 Brussel, België', link: 'Niet tevreden over hoe we met uw persoonsgegevens omgaan? Dien een klacht in.' },
        fr: { h1: '<h1>Déposer une plainte</h1>', authority: "Vous pouvez à tout moment introduire gratuitement une plainte auprès de l&#39;Autorité de protection des données (GBA / APD), sans devoir d&#39;abord vous plaindre auprès de nous ni attendre notre réponse (art. 77 RGPD).", address: 'Rue de la Presse 35, 1000 Bruxelles, Belgique', link: 'Pas satisfait de la manière dont nous traitons vos données à caractère personnel ? Déposez une plainte.' },
        en: { h1: '<h1>File a complaint</h1>', authority: 'You may lodge a complaint with the Belgian Data Protection Authority (GBA / APD) at any time, free of charge, without complaining to us first or waiting for our answer (Art. 77 GDPR).', address: 'Rue de la Presse 35, 1000 Brussels, Belgium', link: 'Not satisfied with how we handle your personal data? File a complaint.' },
      } as const
      for (const lang of ['nl', 'fr', 'en'] as const) {
        const res = await app.inject({ method: 'GET', url: `/privacy-center/complaints?lang=${lang}`, remoteAddress: nextIp() })
        assert.equal(res.statusCode, 200)
        assert.equal(res.headers['content-language'], lang)
        assert.match(String(res.headers['content-security-policy']), /script-src 'none'/)
        for (const text of [expected[lang].h1, expected[lang].authority, expected[lang].address, 'contact@apd-gba.be', 'https://www.gegevensbeschermingsautoriteit.be']) assert.ok(res.body.includes(text), `${lang}: ${text}`)
        const fields = [...res.body.matchAll(/<(?:input|textarea)[^>]* name="([a-zA-Z]+)"/g)].map((m) => m[1])
        assert.deepEqual(fields, ['formToken', 'lang', 'name', 'email', 'description', 'website'])
        const center = await app.inject({ method: 'GET', url: `/privacy-center?lang=${lang}`, remoteAddress: nextIp() })
        assert.ok(center.body.includes(`<a href="/privacy-center/complaints?lang=${lang}" id="complaint-link">${expected[lang].link.replace(/'/g, '&#39;')}</a>`), `${lang}: the privacy center links to the form`)
      }
    })

    test('REQ-ID-09 the acknowledgement is sent only after the code confirms the address; the code mail carries nothing the person wrote and states the GBA', async () => {
      const email = 'lotte.claes@complaints.example'
      const { id, code, mail } = await file(email)
      assert.equal(mail.subject, 'Uw code om uw klacht bij iXpole te bevestigen')
      const text = mail.text ?? ''
      for (const word of [SECRET_WORD, 'Lotte', 'Claes', 'Tweede regel']) assert.ok(!text.includes(word) && !String(mail.html).includes(word), `the code mail does not repeat ${word}`)
      assert.ok(text.includes('U kunt op elk moment kosteloos klacht indienen bij de Gegevensbeschermingsautoriteit (GBA / APD) (art. 77 AVG), ook zonder eerst bij ons te klagen of ons antwoord af te wachten.'))
      assert.ok(text.includes('Adres: Drukpersstraat 35, 1000 Brussel, België\nE-mail: contact@apd-gba.be\nWebsite: https://www.gegevensbeschermingsautoriteit.be'))
      assert.equal(mailsTo(MAILBOX).length, 0, 'the mailbox hears nothing before the address is confirmed')
      const page = await app.inject({ method: 'GET', url: `/privacy-center/complaints/${id}?lang=nl`, remoteAddress: nextIp() })
      assert.equal(page.statusCode, 200)
      assert.ok(page.body.includes('name="code"'))

      const wrong = await confirm(id, code === '000000' ? '111111' : '000000')
      assert.equal(wrong.statusCode, 400)
      assert.ok(wrong.body.includes('Deze code klopt niet. Controleer de zes cijfers in de e-mail (nog 4 pogingen).'))
      assert.equal(mailsTo(email).length, 1, 'a wrong code sends nothing')

      const right = await confirm(id, code)
      assert.equal(right.statusCode, 200, right.body)
      assert.ok(right.body.includes('Uw e-mailadres is bevestigd en we hebben u een ontvangstbevestiging gestuurd. U krijgt ons antwoord uiterlijk op 3 januari 2027.'), right.body)
      await smtp.waitFor(smtp.messages.length)
      const ack = mailsTo(email).at(-1)!
      assert.equal(ack.subject, `Uw klacht bij iXpole is ontvangen (${id})`)
      assert.ok((ack.text ?? '').includes('U krijgt ons antwoord uiterlijk op'))
      assert.ok((ack.text ?? '').includes('2027-01-03'))
      assert.ok((ack.text ?? '').includes('Gegevensbeschermingsautoriteit (GBA / APD)'))
      assert.ok(!(ack.text ?? '').includes(SECRET_WORD))
      const notice = mailsTo(MAILBOX).at(-1)!
      assert.equal(notice.subject, `Nieuwe klacht via het privacycentrum (${id})`)
      assert.ok((notice.text ?? '').includes(`${BASE}/admin/complaints/${id}?lang=nl`))
      for (const word of [SECRET_WORD, 'Lotte', email]) assert.ok(!(notice.text ?? '').includes(word), `the mailbox notice does not carry ${word}`)

      const again = await confirm(id, code)
      assert.equal(again.statusCode, 409)
      assert.equal(mailsTo(email).length, 2, 'no second acknowledgement')

      const row = await t.database.db.selectFrom('complaint').selectAll().where('subject_id', '=', id).executeTakeFirstOrThrow()
      assert.equal(row.status, 'open')
      assert.equal(row.due_on, '2027-01-03')
      assert.equal(row.code_digest, null)
      const actions = (await t.database.db.selectFrom('audit_entry').select(['action', 'reason']).where('subject_id', '=', id).orderBy('seq').execute()).map((a) => `${a.action}:${a.reason ?? ''}`)
      assert.deepEqual(actions.filter((a) => a.startsWith('complaint.')), ['complaint.filed:privacy_center:nl', 'complaint.confirmed:email_code'])
    })

    test('REQ-ID-09 five wrong codes lock the complaint and nothing but the code ever reaches the address', async () => {
      const email = 'guesser@complaints.example'
      const { id, code } = await file(email, 'en')
      const wrongCode = code === '123456' ? '654321' : '123456'
      for (const left of [4, 3, 2, 1]) {
        const res = await confirm(id, wrongCode, 'en')
        assert.equal(res.statusCode, 400)
        assert.ok(res.body.includes(`(${left} tries left)`), res.body)
      }
      const last = await confirm(id, wrongCode, 'en')
      assert.equal(last.statusCode, 429)
      assert.ok(last.body.includes('The code was entered wrongly too many times. File your complaint again.'))
      const late = await confirm(id, code, 'en')
      assert.equal(late.statusCode, 429, 'the right code no longer works')
      assert.equal(mailsTo(email).length, 1)
      assert.equal((await t.database.db.selectFrom('complaint').select('status').where('subject_id', '=', id).executeTakeFirstOrThrow()).status, 'locked')
    })

    test('REQ-ID-09 bad input is a 4xx naming the field, never echoing it; the honeypot, a fast form and a cross-site post file nothing and mail nobody', async () => {
      const count = async () => Number((await t.database.db.selectFrom('complaint').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
      const n = await count()
      const missing = await post('/privacy-center/complaints?lang=en', { formToken: await formToken('en'), lang: 'en', name: 'A', email: 'a@complaints.example', description: '' })
      assert.equal(missing.statusCode, 400)
      assert.ok(missing.body.includes('Check this field: What happened?'))
      const long = await post('/privacy-center/complaints?lang=en', { formToken: await formToken('en'), lang: 'en', name: 'x'.repeat(201), email: 'a@complaints.example', description: 'y' })
      assert.equal(long.statusCode, 400)
      assert.ok(long.body.includes('Check this field: Your name'))
      const bad = await post('/privacy-center/complaints?lang=en', { formToken: await formToken('en'), lang: 'en', name: 'A', email: 'not-an-address-ZORRO', description: 'y' })
      assert.equal(bad.statusCode, 400)
      assert.ok(bad.body.includes('Check this field: Your e-mail address'))
      const honey = await post('/privacy-center/complaints?lang=en', { formToken: await formToken('en'), lang: 'en', name: 'A', email: 'a@complaints.example', description: 'y', website: 'SPAM-LINK' })
      assert.equal(honey.statusCode, 400)
      assert.ok(!honey.body.includes('SPAM-LINK'))
      const page = await app.inject({ method: 'GET', url: '/privacy-center/complaints?lang=en', remoteAddress: nextIp() })
      const fresh = /name="formToken" value="([^"]+)"/.exec(page.body)![1]!
      const fast = await post('/privacy-center/complaints?lang=en', { formToken: fresh, lang: 'en', name: 'A', email: 'a@complaints.example', description: 'y' })
      assert.equal(fast.statusCode, 422)
      assert.ok(fast.headers['retry-after'])
      const cross = await post('/privacy-center/complaints?lang=en', { formToken: await formToken('en'), lang: 'en', name: 'A', email: 'a@complaints.example', description: 'y' }, { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' })
      assert.equal(cross.statusCode, 403)
      assert.equal(await count(), n, 'nothing was filed')
      assert.equal(mailsTo('a@complaints.example').length, 0)
    })

    test('REQ-AUD-01 REQ-SEC-01 REQ-SEC-04 staff see the complaint with its due date, read it through the gate, record a note and the outcome; the person is told in their language with the GBA; support is refused', async () => {
      const email = 'outcome@complaints.example'
      const { id, code } = await file(email, 'fr')
      assert.equal((await confirm(id, code, 'fr')).statusCode, 200)
      const dpo: SignedIn = await signIn(app, clock, accounts.dpo)
      const support: SignedIn = await signIn(app, clock, accounts.support)

      const list = await app.inject({ method: 'GET', url: '/admin/complaints?lang=en', headers: { cookie: dpo.cookie } })
      assert.equal(list.statusCode, 200)
      assert.ok(list.body.includes(`<a href="/admin/complaints/${id}?lang=en">${id}</a>`))
      assert.ok(!list.body.includes(SECRET_WORD) && !list.body.includes(email))
      const refused = await app.inject({ method: 'GET', url: `/admin/complaints/${id}?lang=en`, headers: { cookie: support.cookie } })
      assert.equal(refused.statusCode, 403)
      assert.ok(!refused.body.includes(SECRET_WORD))
      const listRefused = await app.inject({ method: 'GET', url: '/admin/complaints?lang=en', headers: { cookie: support.cookie } })
      assert.equal(listRefused.statusCode, 403)

      const page = await app.inject({ method: 'GET', url: `/admin/complaints/${id}?lang=en`, headers: { cookie: dpo.cookie } })
      assert.equal(page.statusCode, 200)
      assert.ok(page.body.includes(SECRET_WORD) && page.body.includes(email) && page.body.includes('Lotte Claes'))
      const dueOn = (await t.database.db.selectFrom('complaint').select('due_on').where('subject_id', '=', id).executeTakeFirstOrThrow()).due_on
      assert.ok(page.body.includes(`<dd>${dueOn}</dd>`))

      const staffPost = (path: string, fields: Record<string, string>, who: SignedIn = dpo) => app.inject({ method: 'POST', url: `${path}?lang=en`, headers: { ...FORM, origin: BASE, cookie: who.cookie }, payload: form({ _csrf: who.csrf, ...fields }) })
      const noCsrf = await app.inject({ method: 'POST', url: `/admin/complaints/${id}/note?lang=en`, headers: { ...FORM, origin: BASE, cookie: dpo.cookie }, payload: form({ note: NOTE }) })
      assert.equal(noCsrf.statusCode, 403)
      const note = await staffPost(`/admin/complaints/${id}/note`, { note: NOTE })
      assert.equal(note.statusCode, 303, note.body)
      const supportNote = await staffPost(`/admin/complaints/${id}/note`, { note: 'support note' }, support)
      assert.equal(supportNote.statusCode, 403)
      const badOutcome = await staffPost(`/admin/complaints/${id}/outcome`, { outcome: 'maybe', explanation: EXPLANATION })
      assert.equal(badOutcome.statusCode, 400)
      const before = mailsTo(email).length
      const outcome = await staffPost(`/admin/complaints/${id}/outcome`, { outcome: 'upheld', explanation: EXPLANATION })
      assert.equal(outcome.statusCode, 303, outcome.body)
      await smtp.waitFor(smtp.messages.length)
      const told = mailsTo(email)
      assert.equal(told.length, before + 1)
      const mail = told.at(-1)!
      assert.equal(mail.subject, `Le résultat de votre plainte auprès de iXpole (${id})`)
      const text = mail.text ?? ''
      assert.ok(text.includes('Votre plainte est fondée : nous avons pris les mesures nécessaires.'))
      assert.ok(text.includes('EXPL-TAPIR-31'), 'the staff explanation is in the mail')
      assert.ok(text.includes("Vous pouvez à tout moment introduire gratuitement une plainte auprès de l'Autorité de protection des données (GBA / APD) (art. 77 RGPD)"))
      assert.ok(text.includes('Adresse : Rue de la Presse 35, 1000 Bruxelles, Belgique'))
      assert.ok(!text.includes(SECRET_WORD) && !text.includes('NOTE-QUOKKA-88'), 'neither the complaint nor the internal note')
      const closed = await app.inject({ method: 'GET', url: `/admin/complaints/${id}?lang=en`, headers: { cookie: dpo.cookie } })
      assert.ok(closed.body.includes('NOTE-QUOKKA-88') && closed.body.includes('EXPL-TAPIR-31'))
      assert.ok(closed.body.includes('<dd id="complaint-outcome">upheld</dd>'))
      const twice = await staffPost(`/admin/complaints/${id}/outcome`, { outcome: 'not_upheld', explanation: 'again' })
      assert.equal(twice.statusCode, 409)

      const entries = await t.database.db.selectFrom('audit_entry').selectAll().where('subject_id', '=', id).orderBy('seq').execute()
      const mine = entries.filter((e) => e.action.startsWith('complaint.')).map((e) => `${e.action}:${e.actor_id.startsWith('staff:') ? 'staff' : e.actor_id}:${e.reason ?? ''}`)
      assert.deepEqual(mine, ['complaint.filed:system:complaints:privacy_center:fr', 'complaint.confirmed:system:complaints:email_code', 'complaint.note:staff:', 'complaint.note:staff:purpose_not_allowed_for_actor', 'complaint.outcome:staff:upheld'])
      assert.ok(entries.some((e) => e.action === 'subject.read' && e.actor_id === `staff:${accounts.dpo.id}` && e.decision === 'allow'), 'the staff read is audited')
      assert.ok(entries.some((e) => e.action === 'subject.read' && e.actor_id === `staff:${accounts.support.id}` && e.decision === 'deny'), 'the refused read is audited')
      const all = JSON.stringify(await t.database.db.selectFrom('audit_entry').selectAll().execute(), (_k, v) => (typeof v === 'bigint' ? String(v) : v instanceof Uint8Array ? '' : v))
      for (const word of [SECRET_WORD, 'QUOKKA', 'TAPIR', email]) assert.ok(!all.includes(word), `no audit entry carries ${word}`)
      const events = await t.database.db.selectFrom('complaint_event').select(['kind', 'code']).where('complaint_id', '=', id).orderBy('id').execute()
      assert.deepEqual(events.map((e) => `${e.kind}:${e.code ?? ''}`), ['filed:privacy_center', 'confirmed:email_code', 'note:', 'outcome:upheld'])
    })

    test('REQ-AUD-01 the complaint register exports as CSV and printable HTML with ids, dates and codes only, and is refused to support', async () => {
      const email = 'register@complaints.example'
      const { id, code } = await file(email, 'en')
      assert.equal((await confirm(id, code, 'en')).statusCode, 200)
      clock.advance(40 * 86_400_000)
      const dpo = await signIn(app, clock, accounts.dpo)
      const support = await signIn(app, clock, accounts.support)
      const index = await app.inject({ method: 'GET', url: '/admin/exports?lang=en', headers: { cookie: dpo.cookie } })
      assert.ok(index.body.includes('href="/admin/exports/complaint-register.csv?lang=en"'))
      const csv = await app.inject({ method: 'GET', url: '/admin/exports/complaint-register.csv?lang=en', headers: { cookie: dpo.cookie } })
      assert.equal(csv.statusCode, 200)
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8')
      assert.equal(csv.headers['content-disposition'], 'attachment; filename="complaint-register.csv"')
      const lines = csv.body.trim().split('\r\n')
      assert.equal(lines[0], 'id,status,language,received_at,confirmed_at,due_on,overdue,notes,outcome,outcome_at')
      const row = lines.find((l) => l.startsWith(id))
      assert.ok(row, 'the complaint is a row')
      const due = (await t.database.db.selectFrom('complaint').select('due_on').where('subject_id', '=', id).executeTakeFirstOrThrow()).due_on
      assert.match(row, new RegExp(`^${id},open,en,[^,]+,[^,]+,${due},yes,0,,$`))
      for (const word of [SECRET_WORD, email, 'Lotte', 'QUOKKA', 'TAPIR']) assert.ok(!csv.body.includes(word), `the CSV has no ${word}`)
      const html = await app.inject({ method: 'GET', url: '/admin/exports/complaint-register?lang=en', headers: { cookie: dpo.cookie } })
      assert.equal(html.statusCode, 200)
      assert.ok(html.body.includes(`<code>${id}</code>`))
      assert.ok(html.body.includes(`${due} (overdue)`))
      assert.ok(!html.body.includes(SECRET_WORD) && !html.body.includes(email))
      const list = await app.inject({ method: 'GET', url: '/admin/complaints?lang=en', headers: { cookie: dpo.cookie } })
      assert.ok(list.body.includes('<strong class="flag">overdue</strong>'))
      const no = await app.inject({ method: 'GET', url: '/admin/exports/complaint-register.csv?lang=en', headers: { cookie: support.cookie } })
      assert.equal(no.statusCode, 403)
      const entries = await t.database.db.selectFrom('audit_entry').select(['actor_id', 'decision', 'reason']).where('action', '=', 'export.complaint_register').orderBy('seq').execute()
      assert.deepEqual(entries.map((e) => `${e.actor_id === `staff:${accounts.dpo.id}` ? 'dpo' : 'support'}:${e.decision}:${e.reason?.replace(/\d+$/, 'N')}`), ['dpo:allow:csv:rows:N', 'dpo:allow:html:rows:N', 'support:deny:purpose_not_allowed_for_actor'])
    })
    test('REQ-ER-01 erasing the complainant leaves nothing readable: the console answers 404, the row keeps ids, codes and times only', async () => {
      const email = 'erase.complainant@complaints.example'
      const { id, code } = await file(email, 'en')
      assert.equal((await confirm(id, code, 'en')).statusCode, 200)
      const dpo = await signIn(app, clock, accounts.dpo)
      const noted = await app.inject({ method: 'POST', url: `/admin/complaints/${id}/note?lang=en`, headers: { ...FORM, origin: BASE, cookie: dpo.cookie }, payload: form({ _csrf: dpo.csrf, note: NOTE }) })
      assert.equal(noted.statusCode, 303)
      const requestId = await seedRequest(runtime, 'erasure', { subjectIds: [id] })
      await runtime.gate.erase(runtime.gate.systemActor('requests'), requestId, id)
      const page = await app.inject({ method: 'GET', url: `/admin/complaints/${id}?lang=en`, headers: { cookie: dpo.cookie } })
      assert.equal(page.statusCode, 404)
      assert.ok(!page.body.includes(SECRET_WORD) && !page.body.includes('QUOKKA'))
      await assert.rejects(runtime.complaints.read(runtime.gate.systemActor('complaints'), id), (err: unknown) => err instanceof GateDenied && err.reason === 'subject_erased')
      assert.deepEqual(await t.database.db.selectFrom('personal_data').select('category').where('subject_id', '=', id).execute(), [])
      const row = await t.database.db.selectFrom('complaint').selectAll().where('subject_id', '=', id).executeTakeFirstOrThrow()
      const kept = JSON.stringify(row, (_k, v) => (v instanceof Uint8Array ? '' : v))
      for (const word of [SECRET_WORD, email, 'Lotte', 'QUOKKA']) assert.ok(!kept.includes(word), `the row keeps no ${word}`)
    })
  })
}
