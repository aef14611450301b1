// The language a person is written to in (subject.language), on both databases with a real SMTP
// server: set by each channel that collects the data — the privacy center's request form, the
// newsletter subscription, the import's language column, the subjects API's language field — and
// changed by the person on their request's page; used for the Art. 14 notice (else the
// controller's language); cleared when the person is erased. Every change is audited with ids and
// codes, never the language itself.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { ParsedMail } from 'mailparser'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { seedRequest } from './support/actors.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { makeTempDir, removeTempDir } from './support/temp.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { GateDenied } from '../src/gate/gate.ts'
import { defaultLanguage } from '../src/policy/policy.ts'
import { sendArt14Notices } from '../src/requests/art14.ts'
import { runImport } from '../src/import/importer.ts'
import { rejectFilePath } from '../src/import/rejects.ts'
import { importOperations } from '../src/import/import-operations.ts'
import type { ImportTarget } from '../src/import/target.ts'
import type { ProgressReporter } from '../src/import/progress.ts'
import { unauditedChanges } from '../src/audit/unaudited.ts'
import type { Runtime } from '../src/runtime.ts'

const BASE = 'https://privacy.ixpole.example'
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

function tokenIn(html: string): string {
  const m = /name="formToken" value="([^"]+)"/.exec(html)
  assert.ok(m, 'a formToken in the form')
  return m[1]!
}

function codeIn(text: string): string {
  const m = /\/privacy-center\/requests\/[0-9a-f-]{36}\?lang=\w\w#code=(\d{6})/.exec(text)
  assert.ok(m, 'the mail links to the request page with the code')
  return m[1]!
}

/** An import that says nothing (the importer's console output is not what these tests are about). */
const quiet: ProgressReporter = { start() {}, update() {}, note() {}, stop() {} }

for (const variant of DATABASES) {
  describe(`${variant.name}: the language a person is written to in`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let smtp: TestSmtpServer
    let runtime: Runtime
    let app: FastifyInstance
    let key = ''
    let ip = 1
    const remote = () => `10.14.${Math.floor(ip / 200)}.${(ip++ % 200) + 1}`
    const auth = () => ({ authorization: `Bearer ${key}` })

    before(async () => {
      t = await variant.open()
      smtp = await startSmtpServer()
      runtime = await testRuntime(t.database, { smtpUrl: smtp.url, baseUrl: BASE })
      app = await buildApp(runtime)
      key = (await createApiKey(t.database.db, runtime.policy(), { name: 'crm', purposes: ['customer_registration', 'prospect_registration'] })).token
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await smtp?.close()
      await t?.drop()
    })

    const db = () => t.database.db
    const languageOf = async (id: string) => (await db().selectFrom('subject').select('language').where('id', '=', id).executeTakeFirstOrThrow()).language
    const languageEntries = (subjectId: string) =>
      db().selectFrom('audit_entry').select(['actor_id', 'purpose', 'categories', 'decision', 'reason']).where('action', '=', 'subject.language').where('subject_id', '=', subjectId).orderBy('seq').execute()

    const register = async (body: Record<string, unknown>, purpose = 'customer_registration') => {
      const res = await app.inject({ method: 'POST', url: `/v1/subjects?purpose=${purpose}`, headers: auth(), payload: body })
      assert.ok(res.statusCode === 201 || res.statusCode === 409, res.body)
      if (res.statusCode === 409) return { id: res.json().error.details.id as string, created: false }
      return res.json() as { id: string; created: boolean }
    }
    const customer = (name: string, email: string, extra: Record<string, unknown> = {}) => register({ type: 'customer', data: { 'contact.name': name, 'contact.email': email }, ...extra })

    /** The first mail to this address from message `from` on (waits for it; no fixed sleep). */
    const mailTo = async (address: string, from: number): Promise<ParsedMail> => {
      for (let n = from + 1; ; n++) {
        const all = await smtp.waitFor(n)
        const i = all.findIndex((_m, j) => j >= from && smtp.envelopes[j]!.to.some((to) => to.toLowerCase() === address.toLowerCase()))
        if (i >= 0) return all[i]!
      }
    }

    /** Files a request from the privacy center's form in `lang` and enters its code; returns its id and the session cookie. */
    const requestFromForm = async (type: string, email: string, lang: string) => {
      const from = smtp.messages.length
      const page = await app.inject({ method: 'GET', url: `/privacy-center?lang=${lang}` })
      const filed = await app.inject({ method: 'POST', url: `/privacy-center/requests?lang=${lang}`, headers: { ...FORM, origin: BASE }, payload: form({ formToken: tokenIn(page.body), type, email, lang }), remoteAddress: remote() })
      assert.equal(filed.statusCode, 303, filed.body)
      const id = /^\/privacy-center\/requests\/([0-9a-f-]{36})\?/.exec(String(filed.headers.location))![1]!
      const code = codeIn((await mailTo(email, from)).text ?? '')
      const verified = await app.inject({ method: 'POST', url: `/privacy-center/requests/${id}/verify?lang=${lang}`, headers: { ...FORM, origin: BASE }, payload: form({ code }), remoteAddress: remote() })
      assert.equal(verified.statusCode, 303, verified.body)
      return { id, cookie: String(verified.headers['set-cookie']).split(';')[0]! }
    }

    test('REQ-TR-13 the privacy center\'s request form: the page language it was sent in becomes the language of the person it matched, replacing one a system gave; audited with the request, never the language', async () => {
      const ann = await customer('Anne Formulaire', 'anne.formulaire@lang.example', { language: 'nl' })
      const { id: requestId } = await requestFromForm('access', 'anne.formulaire@lang.example', 'fr')
      assert.equal((await db().selectFrom('dsr_request').select('status').where('id', '=', requestId).executeTakeFirstOrThrow()).status, 'completed')
      assert.equal(await languageOf(ann.id), 'fr', 'the person chose French on the form')
      assert.deepEqual(await languageEntries(ann.id), [{ actor_id: 'system:requests', purpose: 'data_subject_request', categories: [], decision: 'allow', reason: `request:${requestId}:request_form` }])
    })

    test('REQ-TR-13 a request by another channel (the requests API of a website backend) only fills in a missing language', async () => {
      const kept = await customer('Kees Bewaard', 'kees.bewaard@lang.example', { language: 'nl' })
      const blank = await customer('Bea Leeg', 'bea.leeg@lang.example')
      for (const [who, email] of [[kept, 'kees.bewaard@lang.example'], [blank, 'bea.leeg@lang.example']] as const) {
        const from = smtp.messages.length
        const filed = await app.inject({ method: 'POST', url: '/v1/requests', payload: { type: 'objection', email, lang: 'en' }, remoteAddress: remote() })
        assert.equal(filed.statusCode, 202, filed.body)
        const requestId = filed.json().id as string
        const verified = await app.inject({ method: 'POST', url: `/v1/requests/${requestId}/verify`, payload: { code: codeIn((await mailTo(email, from)).text ?? '') }, remoteAddress: remote() })
        assert.equal(verified.statusCode, 200, verified.body)
        assert.deepEqual(await db().selectFrom('dsr_request').select('subject_ids').where('id', '=', requestId).executeTakeFirstOrThrow(), { subject_ids: [who.id] })
      }
      assert.equal(await languageOf(kept.id), 'nl', 'a language already stored stays')
      assert.deepEqual(await languageEntries(kept.id), [])
      assert.equal(await languageOf(blank.id), 'en', 'a missing one is filled in')
      assert.equal((await languageEntries(blank.id))[0]?.reason?.endsWith(':request'), true)
    })

    test('the newsletter subscription: a new subscriber gets the form\'s language; a person already known who subscribes in another language gets that one (their own choice)', async () => {
      const subscribe = async (email: string, lang: string) => {
        const from = smtp.messages.length
        const res = await app.inject({ method: 'POST', url: '/v1/newsletter/subscribe', headers: { origin: BASE }, payload: { email, lang }, remoteAddress: remote() })
        assert.equal(res.statusCode, 202, res.body)
        const link = /https:\/\/privacy\.ixpole\.example\/newsletter\/confirm\?token=([\w-]+)/.exec((await mailTo(email, from)).text ?? '')
        assert.ok(link, 'a confirmation link')
        const confirmed = await app.inject({ method: 'POST', url: `/newsletter/confirm?lang=${lang}`, headers: FORM, payload: form({ token: link[1]! }) })
        assert.equal(confirmed.statusCode, 200, confirmed.body)
        const ids = await runtime.vault.lookup(null, 'email', email)
        assert.equal(ids.length, 1)
        return ids[0]!
      }
      const fresh = await subscribe('nieuwe.lezer@lang.example', 'fr')
      assert.equal(await languageOf(fresh), 'fr')
      assert.equal((await db().selectFrom('subject').select('type').where('id', '=', fresh).executeTakeFirstOrThrow()).type, 'newsletter_subscriber')

      const known = await customer('Karel Klant', 'karel.klant@lang.example', { language: 'nl' })
      assert.equal(await subscribe('karel.klant@lang.example', 'en'), known.id, 'the customer is found, not created again')
      assert.equal(await languageOf(known.id), 'en')
      assert.deepEqual(await languageEntries(known.id), [{ actor_id: 'system:newsletter', purpose: 'newsletter', categories: [], decision: 'allow', reason: 'subscription' }])
    })

    test('the import\'s language column: kept for the people it creates (any case), fills in a missing one for people already present, never replaces one; another value rejects the row with invalid_language', async () => {
      const present = await customer('Paula Aanwezig', 'paula.aanwezig@lang.example', { externalId: 'lang-imp-5' })
      const chosen = await customer('Chris Gekozen', 'chris.gekozen@lang.example', { externalId: 'lang-imp-6', language: 'nl' })
      const dir = makeTempDir('pledge-lang-import-')
      try {
        const file = join(dir, 'people.csv')
        writeFileSync(
          file,
          [
            'externalId,contact.name,contact.email,language',
            'lang-imp-1,Lena Peeters,lena.peeters@lang.example,nl',
            'lang-imp-2,Louis Dubois,louis.dubois@lang.example, FR ',
            'lang-imp-3,Liam Smith,liam.smith@lang.example,',
            'lang-imp-4,Lukas Weber,lukas.weber@lang.example,de',
            'lang-imp-5,Paula Aanwezig,paula.aanwezig@lang.example,fr',
            'lang-imp-6,Chris Gekozen,chris.gekozen@lang.example,en',
          ].join('\n') + '\n',
        )
        const ctx = { database: t.database, config: runtime.config, runtime, policyPath: EXAMPLE_POLICY, now: runtime.now }
        const target: ImportTarget = { where: 'in-process', runtime, run: async (name, args) => (await importOperations[name]!(ctx, args)).output, close: async () => {} }
        const summary = await runImport({ file, format: 'csv', type: 'customer', purpose: 'customer_registration', source: 'Language test list', idColumn: 'externalId' }, target, quiet)
        assert.deepEqual({ created: summary.created, existing: summary.existing, rejected: summary.rejected, outside: summary.outside }, { created: 3, existing: 2, rejected: 1, outside: [] }, 'the language column is no category outside the purpose')
        const rejects = readFileSync(rejectFilePath(file), 'utf8')
        assert.match(rejects, /^5,.*invalid_language: the language must be one of nl, fr, en, or empty/m)
        const byId = async (externalId: string, email: string) => {
          const [id] = await runtime.vault.lookup(null, 'email', email)
          assert.ok(id, `${externalId} exists`)
          return languageOf(id)
        }
        assert.equal(await byId('lang-imp-1', 'lena.peeters@lang.example'), 'nl')
        assert.equal(await byId('lang-imp-2', 'louis.dubois@lang.example'), 'fr')
        assert.equal(await byId('lang-imp-3', 'liam.smith@lang.example'), null)
        assert.deepEqual(await runtime.vault.lookup(null, 'email', 'lukas.weber@lang.example'), [], 'the rejected row created nobody')
        assert.equal(await languageOf(present.id), 'fr', 'filled in: the person had none')
        assert.deepEqual(await languageEntries(present.id), [{ actor_id: 'system:import', purpose: 'customer_registration', categories: [], decision: 'allow', reason: 'if_none' }])
        assert.equal(await languageOf(chosen.id), 'nl', 'never replaced')
        assert.deepEqual(await languageEntries(chosen.id), [])
      } finally {
        removeTempDir(dir)
      }
    })

    test('the subjects API\'s language field: kept for the person it creates, fills in a missing one for an existing externalId (answered 409), never replaces one; another value is 400 unknown_language naming the field, and creates nobody', async () => {
      const created = await customer('Fien Api', 'fien.api@lang.example', { externalId: 'lang-api-1', language: 'fr' })
      assert.equal(created.created, true)
      assert.equal(await languageOf(created.id), 'fr')

      const count = async () => Number((await db().selectFrom('subject').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
      const before = await count()
      const bad = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: auth(), payload: { type: 'customer', data: { 'contact.name': 'Dora Deutsch', 'contact.email': 'dora.deutsch@lang.example' }, language: 'de' } })
      assert.equal(bad.statusCode, 400)
      assert.deepEqual(bad.json(), { error: { code: 'unknown_language', message: 'unknown language "de": use one of nl, fr, en', details: { field: 'language', allowed: ['nl', 'fr', 'en'] } } })
      const long = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: auth(), payload: { type: 'customer', data: { 'contact.name': 'Lang Veld' }, language: 'x'.repeat(10_000) } })
      assert.equal(long.statusCode, 400)
      assert.equal(long.json().error.code, 'unknown_language')
      assert.ok(!long.body.includes('x'.repeat(17)), 'the value is not echoed beyond a few characters')
      assert.equal(await count(), before, 'nobody was created')

      const blank = await customer('Ben Blanco', 'ben.blanco@lang.example', { externalId: 'lang-api-2' })
      assert.equal(await languageOf(blank.id), null)
      const again = await customer('Ben Blanco', 'ben.blanco@lang.example', { externalId: 'lang-api-2', language: 'en' })
      assert.deepEqual(again, { id: blank.id, created: false })
      assert.equal(await languageOf(blank.id), 'en', 'filled in')
      const other = await customer('Fien Api', 'fien.api@lang.example', { externalId: 'lang-api-1', language: 'nl' })
      assert.deepEqual(other, { id: created.id, created: false })
      assert.equal(await languageOf(created.id), 'fr', 'not replaced')
      assert.deepEqual(await languageEntries(created.id), [])
    })

    test('REQ-TR-13 the person changes the language of mails to them on their request\'s page (nl, fr, en texts): same-origin form with the session cookie; the request and the person follow it; audited', async () => {
      const person = await customer('Marie Changement', 'marie.changement@lang.example')
      const { id: requestId, cookie } = await requestFromForm('access', 'marie.changement@lang.example', 'nl')
      assert.equal(await languageOf(person.id), 'nl')
      const headings = { nl: 'Taal van onze e-mails aan u', fr: 'Langue de nos e-mails', en: 'Language for mails to you' }
      for (const lang of ['nl', 'fr', 'en'] as const) {
        const page = await app.inject({ method: 'GET', url: `/privacy-center/requests/${requestId}?lang=${lang}`, headers: { cookie } })
        assert.equal(page.statusCode, 200)
        assert.ok(page.body.includes(`<h2 id="mail-language-heading">${headings[lang]}</h2>`), `the form in ${lang}`)
        assert.ok(page.body.includes(`<form method="post" action="/privacy-center/requests/${requestId}/language?lang=${lang}">`))
        assert.match(page.body, /<input type="radio" name="language" id="mail-language-nl" value="nl" required checked>/, 'the current language is chosen')
        assert.match(page.body, /<label for="mail-language-fr" lang="fr" style="margin:0">Français<\/label>/)
      }
      const post = (payload: string, headers: Record<string, string> = { origin: BASE, cookie }, lang = 'nl') =>
        app.inject({ method: 'POST', url: `/privacy-center/requests/${requestId}/language?lang=${lang}`, headers: { ...FORM, ...headers }, payload, remoteAddress: remote() })

      // Guards: another origin, no session, a language we do not have.
      const evil = await post('language=en', { origin: 'https://evil.example', cookie })
      assert.equal(evil.statusCode, 403)
      const noSession = await post('language=en', { origin: BASE })
      assert.equal(noSession.statusCode, 401)
      assert.match(noSession.body, /Vul eerst de code uit de e-mail in/)
      const unknown = await post('language=de')
      assert.equal(unknown.statusCode, 400)
      assert.match(unknown.body, /Kies een van de talen\./)
      assert.equal(await languageOf(person.id), 'nl', 'nothing changed by a refused post')

      const saved = await post('language=fr')
      assert.equal(saved.statusCode, 200, saved.body)
      assert.equal(saved.headers['content-language'], 'fr', 'the page answers in the language chosen')
      assert.match(saved.body, /<p role="status" id="notice">Enregistré : désormais, nous vous écrivons en français\.<\/p>/)
      assert.match(saved.body, /<input type="radio" name="language" id="mail-language-fr" value="fr" required checked>/)
      assert.equal(await languageOf(person.id), 'fr')
      assert.equal((await db().selectFrom('dsr_request').select('lang').where('id', '=', requestId).executeTakeFirstOrThrow()).lang, 'fr', 'the request\'s own mails follow it')
      assert.deepEqual((await languageEntries(person.id)).map((e) => e.reason), [`request:${requestId}:request_form`, `request:${requestId}:privacy_center`])
      const update = await db().selectFrom('audit_entry').select(['actor_id', 'subject_id']).where('action', '=', 'request.update').where('reason', '=', `request:${requestId}:language`).execute()
      assert.deepEqual(update, [{ actor_id: 'public:privacy-center', subject_id: null }])
      // The status page after a reload shows the request in its new language.
      const reload = await app.inject({ method: 'GET', url: `/privacy-center/requests/${requestId}`, headers: { cookie } })
      assert.equal(reload.headers['content-language'], 'fr')
      // Every change carries the number of its entry (the log fails closed).
      assert.deepEqual(await unauditedChanges(db(), { withoutNumber: true }), [])
    })

    test('the request grant\'s language use: only once the requester proved the address, not for a refused request or a person it did not match; allowed after completion and while a doubt is open', async () => {
      const person = await customer('Greta Grant', 'greta.grant@lang.example')
      const actor = runtime.gate.systemActor('requests')
      const attempt = async (setup: Parameters<typeof seedRequest>[2], subjectId = person.id) => {
        const requestId = await seedRequest(runtime, 'access', setup)
        try {
          return await runtime.gate.setRequestLanguage(actor, requestId, subjectId, 'fr', { via: 'privacy_center', onlyIfNone: false })
        } catch (err) {
          if (err instanceof GateDenied) return err.reason
          throw err
        }
      }
      assert.equal(await attempt({ subjectIds: [person.id], status: 'awaiting_verification' }), 'request_not_verified')
      assert.equal(await attempt({ subjectIds: [person.id], status: 'refused' }), 'request_refused')
      const stranger = await customer('Sam Vreemd', 'sam.vreemd@lang.example')
      assert.equal(await attempt({ subjectIds: [person.id], status: 'in_progress' }, stranger.id), 'subject_not_in_request')
      assert.equal(await languageOf(person.id), null)
      assert.equal(await attempt({ subjectIds: [person.id], status: 'completed' }), true)
      assert.equal(await languageOf(person.id), 'fr')
      assert.equal(await attempt({ subjectIds: [person.id], status: 'in_progress', doubt: true }), false, 'allowed; already French, so nothing changes')
    })

    test('REQ-TR-03 REQ-TR-13 the Art. 14 notice is written in the stored language, else in the controller\'s', async () => {
      assert.equal(defaultLanguage(runtime.policy()), 'nl', 'the example controller writes in Dutch')
      const prospect = (name: string, email: string, extra: Record<string, unknown> = {}) => register({ type: 'prospect', source: 'Visitor list, Expo Hasselt 2026', data: { 'contact.name': name, 'contact.email': email }, ...extra }, 'prospect_registration')
      await prospect('Françoise Notice', 'francoise.notice@lang.example', { language: 'fr' })
      await prospect('Noor Notice', 'noor.notice@lang.example')
      await prospect('Emma Notice', 'emma.notice@lang.example', { language: 'en' })
      const from = smtp.messages.length
      const round = await sendArt14Notices({ db: db(), gate: runtime.gate, vault: runtime.vault, mailer: runtime.mailer, policy: runtime.policy, baseUrl: runtime.config.baseUrl, now: () => new Date() })
      assert.equal(round.failed, 0)
      const french = await mailTo('francoise.notice@lang.example', from)
      assert.equal(french.subject, 'Comment iXpole traite vos données personnelles — iXpole')
      assert.ok(french.text?.includes("JAG2 Solutions SA détient des données personnelles vous concernant que nous n'avons pas reçues de vous."), french.text)
      assert.ok(french.text?.includes("D'OÙ VIENNENT VOS DONNÉES\n\nVisitor list, Expo Hasselt 2026"), 'the specific source under its French heading')
      assert.ok(french.text?.includes(`${BASE}/privacy-center?lang=fr`), 'the privacy center in French')
      const dutch = await mailTo('noor.notice@lang.example', from)
      assert.equal(dutch.subject, 'Hoe iXpole uw persoonsgegevens verwerkt — iXpole', 'no language stored: the controller\'s')
      assert.ok(dutch.text?.includes(`${BASE}/privacy-center?lang=nl`))
      const english = await mailTo('emma.notice@lang.example', from)
      assert.equal(english.subject, 'How iXpole processes your personal data — iXpole')
    })

    test('erasure clears the language with the rest of the subject row\'s facts', async () => {
      const person = await customer('Eric Effacé', 'eric.efface@lang.example', { language: 'fr', externalId: 'lang-erase-1', source: 'Salon 2026' })
      const { id: requestId } = await requestFromForm('erasure', 'eric.efface@lang.example', 'fr')
      assert.equal((await db().selectFrom('dsr_request').select('status').where('id', '=', requestId).executeTakeFirstOrThrow()).status, 'completed')
      const row = await db().selectFrom('subject').select(['erased_at', 'language', 'external_id', 'source']).where('id', '=', person.id).executeTakeFirstOrThrow()
      assert.ok(row.erased_at, 'erased')
      assert.deepEqual({ language: row.language, external_id: row.external_id, source: row.source }, { language: null, external_id: null, source: null })
      // Nothing sets a language on an erased person any more.
      const later = await seedRequest(runtime, 'access', { subjectIds: [person.id], status: 'in_progress' })
      await assert.rejects(runtime.gate.setRequestLanguage(runtime.gate.systemActor('requests'), later, person.id, 'en', { via: 'privacy_center', onlyIfNone: false }), (err: unknown) => err instanceof GateDenied && err.reason === 'subject_erased')
      assert.equal(await languageOf(person.id), null)
    })
  })
}
