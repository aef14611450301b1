// Staff accounts end to end over the real pages and API, on both databases: the first-run setup
// link, passwords, TOTP for every account, recovery codes, lockout, sessions (timeouts, listing,
// revocation), CSRF, two-party role approval, nothing done to oneself, undertakings and the
// quarterly access review — each step in the audit log.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { statSync, readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { hash } from '@node-rs/argon2'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import type { Runtime } from '../src/runtime.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { OPERATOR_PARTY } from '../src/staff/accounts.ts'
import { ensureFirstRunLink } from '../src/staff/first-run.ts'
import { FORM, GOOD_PASSWORD, SAME_ORIGIN, TestClock, completeSetup, form, signIn, staffAccount, totpCode, type SignedIn, type TestAccount } from './support/staff.ts'

for (const variant of DATABASES) {
  describe(`${variant.name}: staff accounts`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    const clock = new TestClock()
    let admin: TestAccount
    let adminSession: SignedIn
    let dataDir: string

    const audited = async (action: string, reason: string) =>
      (await t.database.db.selectFrom('audit_entry').select(['actor_id', 'action', 'reason', 'subject_id']).where('action', '=', action).where('reason', 'like', `%${reason}%`).execute())

    before(async () => {
      t = await variant.open()
      // Many logins from one address in a minute: the per-address limit has its own test below.
      runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      dataDir = mkdtempSync(join(tmpdir(), 'pledge-staff-'))
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
      rmSync(dataDir, { recursive: true, force: true })
    })

    test('REQ-SEC-03 the first start writes a one-time setup link to a 0600 file, logs only that it exists, and the link makes the staff administrator', async () => {
      const logged: unknown[] = []
      const logger = { info: (...args: unknown[]) => logged.push(args), warn: (...args: unknown[]) => logged.push(args) }
      assert.equal(await ensureFirstRunLink(runtime.staff.directory, dataDir, 'http://pledge.test', logger as never), 'written')
      const file = join(dataDir, 'setup-link')
      assert.equal(statSync(file).mode & 0o777, 0o600)
      const link = readFileSync(file, 'utf8').trim()
      const token = /^http:\/\/pledge\.test\/admin\/setup\?token=([A-Za-z0-9_-]{43})$/.exec(link)?.[1]
      assert.ok(token, link)
      assert.ok(!JSON.stringify(logged).includes(token), 'the log never carries the link')
      assert.match(JSON.stringify(logged), /setup-link/)
      // Only a digest is stored.
      const rows = await t.database.db.selectFrom('staff_setup_token').selectAll().where('first_run', '=', true).execute()
      assert.equal(rows.length, 1)
      assert.ok(!Buffer.from(rows[0]!.digest).toString('utf8').includes(token))
      // A second start keeps the one link.
      assert.equal(await ensureFirstRunLink(runtime.staff.directory, dataDir, 'http://pledge.test', logger as never), 'kept')
      assert.equal(readFileSync(file, 'utf8').trim(), link)

      const setup = await completeSetup(app, clock, token, { email: 'Admin@iXpole.example' })
      assert.match(setup.page, /only now/)
      const account = await runtime.staff.directory.find('admin@ixpole.example')
      assert.equal(account.status, 'active')
      assert.deepEqual(account.roles.map((r) => [r.role, r.inEffect]), [['staff_admin', true]])
      admin = { id: account.id, email: 'admin@ixpole.example', password: setup.password, secret: setup.secret, recoveryCodes: setup.recoveryCodes }

      // The link works once.
      const again = await app.inject({ method: 'GET', url: `/admin/setup?token=${token}` })
      assert.equal(again.statusCode, 410)
      assert.match(again.body, /unknown, was used already, or is older than 24 hours/)
      const replay = await app.inject({ method: 'POST', url: '/admin/setup', headers: FORM, payload: form({ token, email: 'intruder@example.com', password: GOOD_PASSWORD, password2: GOOD_PASSWORD }) })
      assert.equal(replay.statusCode, 410)
      assert.equal((await runtime.staff.directory.list()).length, 1)
      // With an account set up, the next start writes no link and removes the file.
      assert.equal(await ensureFirstRunLink(runtime.staff.directory, dataDir, 'http://pledge.test', logger as never), 'none')
      assert.equal(existsSync(file), false)
      assert.equal((await audited('staff.setup_link', 'first_run')).length, 1)
      assert.equal((await audited('staff.activate', `account:${account.id}`)).length, 1)

      adminSession = await signIn(app, clock, admin)
      const me = (await app.inject({ method: 'GET', url: '/v1/staff/me', headers: adminSession.headers })).json()
      assert.deepEqual(me.purposes, [], 'staff_admin opens no personal data')
    })

    test('REQ-SEC-03 a setup link expires after 24 hours', async () => {
      const { token } = await runtime.staff.directory.add(OPERATOR_PARTY, 'late@ixpole.example', 'support')
      clock.advance(24 * 3600_000 + 1000)
      assert.equal((await app.inject({ method: 'GET', url: `/admin/setup?token=${token}` })).statusCode, 410)
      const renewed = await runtime.staff.directory.renewSetupLink(OPERATOR_PARTY, (await runtime.staff.directory.find('late@ixpole.example')).id)
      assert.equal((await app.inject({ method: 'GET', url: `/admin/setup?token=${renewed.token}` })).statusCode, 200)
    })

    test('REQ-SEC-03 short, common and mismatched passwords are refused with the reason; the hash is argon2id at the OWASP parameters', async () => {
      const { account, token } = await runtime.staff.directory.add(OPERATOR_PARTY, 'pw@ixpole.example', 'marketing')
      const post = (password: string, password2 = password) => app.inject({ method: 'POST', url: '/admin/setup', headers: FORM, payload: form({ token, password, password2 }) })
      const short = await post('short')
      assert.equal(short.statusCode, 400)
      assert.match(short.body, /at least 12 characters/)
      const common = await post('password1234')
      assert.equal(common.statusCode, 400)
      assert.match(common.body, /most common passwords/)
      const mine = await post('pw@ixpole.example1')
      assert.equal(mine.statusCode, 400)
      const mismatch = await post(GOOD_PASSWORD, `${GOOD_PASSWORD}x`)
      assert.equal(mismatch.statusCode, 400)
      assert.match(mismatch.body, /not the same/)
      assert.equal((await post(GOOD_PASSWORD)).statusCode, 200)
      const row = await t.database.db.selectFrom('staff_account').select(['password_hash', 'status']).where('id', '=', account.id).executeTakeFirstOrThrow()
      assert.match(row.password_hash!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
      assert.equal(row.status, 'pending', 'not active before the second factor is confirmed')
    })

    test('REQ-SEC-03 a login needs the password and the current TOTP code; the cookie is HttpOnly and SameSite=Strict; a code is good once', async () => {
      const login = (fields: Record<string, string>) => app.inject({ method: 'POST', url: '/admin/login', headers: FORM, payload: form(fields) })
      clock.advance(30_000)
      const code = await totpCode(admin.secret, clock)
      assert.equal((await login({ email: admin.email, password: 'not-the-password-at-all', code })).statusCode, 401)
      const noCode = await login({ email: admin.email, password: admin.password, code: '000000' })
      assert.equal(noCode.statusCode, 401)
      assert.match(noCode.body, /password or the code is wrong/)
      const unknown = await login({ email: 'nobody@ixpole.example', password: admin.password, code })
      assert.equal(unknown.statusCode, 401)
      assert.equal(unknown.body.replace(/nobody@ixpole\.example/g, '').includes('nobody'), false)
      const ok = await login({ email: admin.email, password: admin.password, code })
      assert.equal(ok.statusCode, 303)
      assert.equal(ok.headers.location, '/admin')
      const cookie = String(ok.headers['set-cookie'])
      assert.match(cookie, /^pledge_staff=[A-Za-z0-9_-]{43};/)
      assert.match(cookie, /HttpOnly/)
      assert.match(cookie, /SameSite=Strict/)
      assert.doesNotMatch(cookie, /Secure/, 'plain http: no Secure flag, or the browser would drop the cookie')
      // The same code again, in the same 30-second step: refused (a code is good once).
      const replay = await login({ email: admin.email, password: admin.password, code })
      assert.equal(replay.statusCode, 401)
      // Failures so far are counted; the success reset them.
      assert.equal((await audited('staff.login', `account:${admin.id}`)).length >= 2, true)
    })

    test('REQ-SEC-03 the sign-in pages speak Dutch and French: by ?lang= or the browser, refusals and the lockout in the page\'s language', async () => {
      const nl = await app.inject({ method: 'GET', url: '/admin/login?lang=nl' })
      assert.equal(nl.statusCode, 200)
      assert.match(nl.body, /<html lang="nl">/)
      assert.match(nl.body, /<h1>Aanmelden<\/h1>/)
      assert.match(nl.body, /<label for="email">E-mailadres op het werk<\/label>/)
      assert.match(nl.body, /<form method="post" action="\/admin\/login\?lang=nl">/)
      assert.match(nl.body, /<a href="\/admin\/login\?lang=fr" lang="fr" hreflang="fr">Français<\/a>/)
      const byBrowser = await app.inject({ method: 'GET', url: '/admin/login', headers: { 'accept-language': 'fr-BE,fr;q=0.9' } })
      assert.match(byBrowser.body, /<h1>Se connecter<\/h1>/)
      const person = await staffAccount(runtime, app, clock, 'taal@ixpole.example', ['staff_admin'])
      const login = async (lang: string, password: string) => app.inject({ method: 'POST', url: `/admin/login?lang=${lang}`, headers: FORM, payload: form({ email: person.email, password, code: await totpCode(person.secret, clock) }) })
      const fr = await login('fr', 'not the password at all')
      assert.equal(fr.statusCode, 401)
      assert.match(fr.body, /L&#39;adresse e-mail, le mot de passe ou le code est erroné \(encore 4 essais avant que le compte soit verrouillé pendant 15 minutes\)\./)
      for (let i = 0; i < 3; i++) await login('nl', `still wrong ${i}`)
      const locked = await login('nl', 'wrong for the fifth time')
      assert.equal(locked.statusCode, 429)
      const until = new Date(clock.now().getTime() + 15 * 60_000).toISOString().slice(0, 16).replace('T', ' ')
      assert.ok(locked.body.includes(`Te veel mislukte aanmeldingen voor dit account: het is vergrendeld tot ${until} UTC (over 15 minuten)`), locked.body.slice(0, 600))
      const gone = await app.inject({ method: 'GET', url: `/admin/setup?token=${'b'.repeat(43)}&lang=fr` })
      assert.equal(gone.statusCode, 410)
      assert.match(gone.body, /<h1>Ce lien de configuration ne fonctionne pas<\/h1>/)
      clock.advance(16 * 60_000)
      // Signed in, the home page is a console page in the same languages.
      const signed = await signIn(app, clock, person)
      const home = await app.inject({ method: 'GET', url: '/admin?lang=fr', headers: { cookie: signed.cookie } })
      assert.equal(home.statusCode, 200)
      assert.match(home.body, /<h1>Votre compte du personnel<\/h1>/)
      assert.match(home.body, /<td>staff_admin<\/td><td>en vigueur<\/td>/)
      assert.match(home.body, /<form method="post" action="\/admin\/sessions\/[0-9a-f-]{36}\/revoke\?lang=fr" class="inline">/)
      const nlHome = await app.inject({ method: 'GET', url: '/admin', headers: { cookie: signed.cookie, 'accept-language': 'nl-BE' } })
      assert.match(nlHome.body, /<h1>Uw medewerkersaccount<\/h1>/)
      assert.match(nlHome.body, /Uw rollen openen geen persoonsgegevens\./)
    })

    test('REQ-SEC-03 behind TLS (a trusted proxy says https) the session cookie is Secure', async () => {
      const tls = await testRuntime(t.database, { now: clock.now, trustedProxies: '127.0.0.1', keys: runtime.keys() })
      const tlsApp = await buildApp(tls)
      try {
        clock.advance(30_000)
        const res = await tlsApp.inject({ method: 'POST', url: '/admin/login', headers: { ...FORM, 'x-forwarded-proto': 'https' }, payload: form({ email: admin.email, password: admin.password, code: await totpCode(admin.secret, clock) }) })
        assert.equal(res.statusCode, 303)
        assert.match(String(res.headers['set-cookie']), /; Secure/)
      } finally {
        await tlsApp.close()
        await tls.close()
      }
    })

    test('REQ-SEC-03 five failed logins lock the account; the refusal says until when; it opens again after 15 minutes', async () => {
      const victim = await staffAccount(runtime, app, clock, 'locked@ixpole.example', ['staff_admin'])
      const login = async (password: string) => app.inject({ method: 'POST', url: '/admin/login', headers: FORM, payload: form({ email: victim.email, password, code: await totpCode(victim.secret, clock) }) })
      for (let i = 1; i <= 4; i++) {
        const res = await login(`wrong password number ${i}`)
        assert.equal(res.statusCode, 401)
        assert.match(res.body, new RegExp(`${5 - i} more tr`))
      }
      const fifth = await login('wrong password number 5')
      assert.equal(fifth.statusCode, 429)
      const until = new Date(clock.now().getTime() + 15 * 60_000).toISOString().slice(0, 16).replace('T', ' ')
      assert.match(fifth.body, new RegExp(`locked until ${until} UTC \\(in 15 minutes\\)`))
      assert.equal(fifth.headers['retry-after'], '900')
      // The right password and code do not open a locked account.
      clock.advance(60_000)
      const right = await login(victim.password)
      assert.equal(right.statusCode, 429)
      assert.match(right.body, /in 14 minutes/)
      assert.equal((await audited('staff.lockout', `account:${victim.id}`)).length, 1)
      clock.advance(15 * 60_000)
      assert.equal((await login(victim.password)).statusCode, 303)
    })

    test('REQ-SEC-03 the login page is rate-limited per address', async () => {
      const limited = await testRuntime(t.database, { now: clock.now, keys: runtime.keys() })
      const limitedApp = await buildApp(limited)
      try {
        const statuses: number[] = []
        for (let i = 0; i < 11; i++) statuses.push((await limitedApp.inject({ method: 'POST', url: '/admin/login', headers: FORM, payload: form({ email: `someone${i}@ixpole.example`, password: 'whatever-it-may-be', code: '123456' }) })).statusCode)
        assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401))
        assert.equal(statuses[10], 429)
      } finally {
        await limitedApp.close()
        await limited.close()
      }
    })

    test('REQ-SEC-03 a recovery code signs in once in place of the TOTP code, and is then spent', async () => {
      const person = await staffAccount(runtime, app, clock, 'recovery@ixpole.example', ['staff_admin'])
      const code = person.recoveryCodes[3]!
      const first = await signIn(app, clock, person, code.toUpperCase())
      const me = (await app.inject({ method: 'GET', url: '/v1/staff/me', headers: first.headers })).json()
      assert.equal(me.recoveryCodesLeft, 9)
      clock.advance(30_000)
      const again = await app.inject({ method: 'POST', url: '/admin/login', headers: FORM, payload: form({ email: person.email, password: person.password, code }) })
      assert.equal(again.statusCode, 401)
      assert.equal((await audited('staff.recovery_code_used', `account:${person.id}:left:9`)).length, 1)
    })

    test('REQ-SEC-03 sessions end after 30 idle minutes and 12 hours at most; they are listed and revocable', async () => {
      const person = await staffAccount(runtime, app, clock, 'sessions@ixpole.example', ['staff_admin'])
      const me = (s: SignedIn) => app.inject({ method: 'GET', url: '/v1/staff/me', headers: s.headers })
      // Idle timeout.
      const idle = await signIn(app, clock, person)
      clock.advance(29 * 60_000)
      assert.equal((await me(idle)).statusCode, 200, 'used within 30 minutes: still live')
      clock.advance(30 * 60_000 + 1000)
      const ended = await me(idle)
      assert.equal(ended.statusCode, 401)
      assert.match(ended.json().error.message, /session has ended/)
      // Absolute timeout: used every 25 minutes, it still ends 12 hours after login.
      const busy = await signIn(app, clock, person)
      for (let i = 0; i < 28; i++) {
        clock.advance(25 * 60_000)
        assert.equal((await me(busy)).statusCode, 200, `after ${(i + 1) * 25} minutes`)
      }
      clock.advance(25 * 60_000)
      assert.equal((await me(busy)).statusCode, 401, '12 h 5 min after login')
      // Listed, and signed out one by one.
      const a = await signIn(app, clock, person)
      const b = await signIn(app, clock, person)
      const listed = (await app.inject({ method: 'GET', url: '/v1/staff/me/sessions', headers: a.headers })).json().sessions as { id: string; current: boolean }[]
      assert.equal(listed.length, 2)
      assert.equal(listed.filter((s) => s.current).length, 1)
      const other = listed.find((s) => !s.current)!
      const revoke = await app.inject({ method: 'DELETE', url: `/v1/staff/me/sessions/${other.id}`, headers: a.changeHeaders })
      assert.equal(revoke.statusCode, 204)
      assert.equal((await me(b)).statusCode, 401, 'the revoked session is refused at once')
      assert.equal((await me(a)).statusCode, 200)
      // A staff administrator ends someone else's session — never their own through that route.
      const c = await signIn(app, clock, person)
      const cId = ((await app.inject({ method: 'GET', url: '/v1/staff/me/sessions', headers: c.headers })).json().sessions as { id: string; current: boolean }[]).find((s) => s.current)!.id
      adminSession = await signIn(app, clock, admin)
      assert.equal((await app.inject({ method: 'DELETE', url: `/v1/staff/accounts/${person.id}/sessions/${cId}`, headers: adminSession.changeHeaders })).statusCode, 204)
      assert.equal((await me(c)).statusCode, 401)
      assert.equal((await audited('staff.session_revoke', `session:${cId}`))[0]?.actor_id, `staff:${admin.id}`)
      const ownId = ((await app.inject({ method: 'GET', url: '/v1/staff/me/sessions', headers: adminSession.headers })).json().sessions as { id: string; current: boolean }[]).find((s) => s.current)!.id
      const self = await app.inject({ method: 'DELETE', url: `/v1/staff/accounts/${admin.id}/sessions/${ownId}`, headers: adminSession.changeHeaders })
      assert.equal(self.statusCode, 403)
      assert.equal(self.json().error.code, 'not_on_yourself')
      // Signing out through the page ends the session.
      const out = await app.inject({ method: 'POST', url: '/admin/logout', headers: { ...FORM, cookie: a.cookie }, payload: form({ _csrf: a.csrf }) })
      assert.equal(out.statusCode, 200)
      assert.match(String(out.headers['set-cookie']), /pledge_staff=;/)
      assert.equal((await me(a)).statusCode, 401)
    })

    test('REQ-SEC-03 every state change with the session cookie needs the CSRF token and the same site', async () => {
      adminSession = await signIn(app, clock, admin)
      const body = { email: 'csrf@ixpole.example', role: 'support' }
      const none = await app.inject({ method: 'POST', url: '/v1/staff/accounts', headers: { cookie: adminSession.cookie, ...SAME_ORIGIN }, payload: body })
      assert.equal(none.statusCode, 403)
      assert.equal(none.json().error.code, 'csrf_token_missing')
      const wrong = await app.inject({ method: 'POST', url: '/v1/staff/accounts', headers: { ...adminSession.changeHeaders, 'x-csrf-token': 'x'.repeat(43) }, payload: body })
      assert.equal(wrong.statusCode, 403)
      const crossSite = await app.inject({ method: 'POST', url: '/v1/staff/accounts', headers: { ...adminSession.changeHeaders, 'sec-fetch-site': 'cross-site' }, payload: body })
      assert.equal(crossSite.statusCode, 403)
      assert.equal(crossSite.json().error.code, 'cross_origin')
      // The gate's routes too: a subject write with the cookie and no token is refused before the gate.
      const patch = await app.inject({ method: 'PATCH', url: '/v1/subjects/00000000-0000-4000-8000-000000000000?purpose=customer_service', headers: { cookie: adminSession.cookie }, payload: { data: {} } })
      assert.equal(patch.statusCode, 403)
      assert.equal(patch.json().error.code, 'csrf_token_missing')
      // A page form without its token.
      const page = await app.inject({ method: 'POST', url: '/admin/logout', headers: { ...FORM, cookie: adminSession.cookie }, payload: form({}) })
      assert.equal(page.statusCode, 403)
      assert.match(page.body, /security token/)
      assert.equal((await runtime.staff.directory.list()).some((a) => a.email === 'csrf@ixpole.example'), false, 'nothing was created')
      const ok = await app.inject({ method: 'POST', url: '/v1/staff/accounts', headers: adminSession.changeHeaders, payload: body })
      assert.equal(ok.statusCode, 201, ok.body)
    })

    test('REQ-SEC-01 a role that opens personal data takes effect only when a second party approves it; nobody changes their own account', async () => {
      adminSession = await signIn(app, clock, admin)
      const created = await app.inject({ method: 'POST', url: '/v1/staff/accounts', headers: adminSession.changeHeaders, payload: { email: 'finance@ixpole.example', role: 'finance' } })
      assert.equal(created.statusCode, 201)
      const finance = created.json()
      assert.deepEqual(finance.roles.map((r: { role: string; inEffect: boolean }) => [r.role, r.inEffect]), [['finance', false]])
      // The setup link went to the person's mailbox, not to the administrator.
      assert.equal(JSON.stringify(finance).includes('token='), false)
      const self = await app.inject({ method: 'POST', url: `/v1/staff/accounts/${finance.id}/roles/finance/approval`, headers: adminSession.changeHeaders })
      assert.equal(self.statusCode, 403)
      assert.equal(self.json().error.code, 'same_party')
      // The operator on the command line is the second party.
      await runtime.staff.directory.approveRole(OPERATOR_PARTY, finance.id, 'finance')
      assert.equal((await runtime.staff.directory.roles(finance.id))[0]!.inEffect, true)
      assert.equal((await audited('staff.role_grant', `account:${finance.id}:role:finance`))[0]?.actor_id, `staff:${admin.id}`)
      assert.equal((await audited('staff.role_approve', `account:${finance.id}:role:finance`))[0]?.actor_id, 'system:cli')
      // Nothing on oneself: roles, disabling, second factor.
      for (const [url, method, payload] of [
        [`/v1/staff/accounts/${admin.id}/roles`, 'POST', { role: 'dpo' }],
        [`/v1/staff/accounts/${admin.id}/roles/staff_admin`, 'DELETE', undefined],
        [`/v1/staff/accounts/${admin.id}/disable`, 'POST', undefined],
        [`/v1/staff/accounts/${admin.id}/second-factor-reset`, 'POST', undefined],
      ] as const) {
        const res = await app.inject({ method, url, headers: adminSession.changeHeaders, ...(payload ? { payload } : {}) })
        assert.equal(res.statusCode, 403, `${method} ${url}`)
        assert.equal(res.json().error.code, 'not_on_yourself')
      }
      // An account without staff_admin manages nothing.
      const other = await staffAccount(runtime, app, clock, 'plain@ixpole.example', ['marketing'], { approver: { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) } })
      const plain = await signIn(app, clock, other)
      const refused = await app.inject({ method: 'POST', url: `/v1/staff/accounts/${finance.id}/disable`, headers: plain.changeHeaders })
      assert.equal(refused.statusCode, 403)
      assert.equal(refused.json().error.code, 'staff_admin_only')
      // A service's key cannot touch staff accounts.
      const { token } = await createApiKey(t.database.db, runtime.policy(), { name: 'crm-staff-test', purposes: ['customer_service'] })
      const key = await app.inject({ method: 'GET', url: '/v1/staff/accounts', headers: { authorization: `Bearer ${token}` } })
      assert.equal(key.statusCode, 403)
      assert.equal(key.json().error.code, 'staff_session_required')
    })

    test('REQ-SEC-03 disabling an account ends its sessions; a second-factor reset voids the old codes and enrols a new app, keeping the password', async () => {
      const person = await staffAccount(runtime, app, clock, 'reset@ixpole.example', ['staff_admin'])
      const theirs = await signIn(app, clock, person)
      adminSession = await signIn(app, clock, admin)
      const reset = await app.inject({ method: 'POST', url: `/v1/staff/accounts/${person.id}/second-factor-reset`, headers: adminSession.changeHeaders })
      assert.equal(reset.statusCode, 200)
      assert.equal((await app.inject({ method: 'GET', url: '/v1/staff/me', headers: theirs.headers })).statusCode, 401, 'their sessions ended')
      clock.advance(30_000)
      const old = await app.inject({ method: 'POST', url: '/admin/login', headers: FORM, payload: form({ email: person.email, password: person.password, code: await totpCode(person.secret, clock) }) })
      assert.equal(old.statusCode, 401)
      const recovery = await app.inject({ method: 'POST', url: '/admin/login', headers: FORM, payload: form({ email: person.email, password: person.password, code: person.recoveryCodes[0]! }) })
      assert.equal(recovery.statusCode, 401, 'old recovery codes are void')
      // The new link goes straight to the authenticator step: the password stays.
      const { token } = await runtime.staff.directory.resetSecondFactor(OPERATOR_PARTY, person.id)
      const page = await app.inject({ method: 'GET', url: `/admin/setup?token=${token}` })
      assert.equal(page.statusCode, 200)
      const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(page.body)![1]!.replace(/ /g, '')
      assert.notEqual(secret, person.secret)
      const done = await app.inject({ method: 'POST', url: '/admin/setup/code', headers: FORM, payload: form({ token, code: await totpCode(secret, clock) }) })
      assert.equal(done.statusCode, 200)
      await signIn(app, clock, { ...person, secret })
      assert.equal((await audited('staff.second_factor_reset', `account:${person.id}`)).length, 2)
      // Disabled: sessions end, login refused.
      const live = await signIn(app, clock, { ...person, secret })
      assert.equal((await app.inject({ method: 'POST', url: `/v1/staff/accounts/${person.id}/disable`, headers: adminSession.changeHeaders })).statusCode, 200)
      assert.equal((await app.inject({ method: 'GET', url: '/v1/staff/me', headers: live.headers })).statusCode, 401)
      clock.advance(30_000)
      assert.equal((await app.inject({ method: 'POST', url: '/admin/login', headers: FORM, payload: form({ email: person.email, password: person.password, code: await totpCode(secret, clock) }) })).statusCode, 401)
      assert.equal((await audited('staff.disable', `account:${person.id}`))[0]?.actor_id, `staff:${admin.id}`)
    })

    test('REQ-SEC-03 a hash made with older parameters is replaced at the next login', async () => {
      const person = await staffAccount(runtime, app, clock, 'rehash@ixpole.example', ['staff_admin'])
      const weak = await hash(person.password, { algorithm: 2, memoryCost: 8192, timeCost: 1, parallelism: 1 })
      await t.database.db.updateTable('staff_account').set({ password_hash: weak }).where('id', '=', person.id).execute()
      await signIn(app, clock, person)
      const row = await t.database.db.selectFrom('staff_account').select('password_hash').where('id', '=', person.id).executeTakeFirstOrThrow()
      assert.match(row.password_hash!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    })

    test('REQ-SEC-07 confidentiality undertakings are recorded per account with their date', async () => {
      adminSession = await signIn(app, clock, admin)
      const finance = await runtime.staff.directory.find('finance@ixpole.example')
      const future = await app.inject({ method: 'POST', url: `/v1/staff/accounts/${finance.id}/undertakings`, headers: adminSession.changeHeaders, payload: { signedOn: '2099-01-01' } })
      assert.equal(future.statusCode, 400)
      const res = await app.inject({ method: 'POST', url: `/v1/staff/accounts/${finance.id}/undertakings`, headers: adminSession.changeHeaders, payload: { signedOn: '2026-11-30', reference: 'HR/NDA/2026-114' } })
      assert.equal(res.statusCode, 201, res.body)
      assert.deepEqual(res.json().undertakings.map((u: { signedOn: string; reference: string }) => [u.signedOn, u.reference]), [['2026-11-30', 'HR/NDA/2026-114']])
      assert.equal((await audited('staff.undertaking', `account:${finance.id}:signed:2026-11-30`)).length, 1)
    })

    test('REQ-SEC-01 the DPO confirms who holds which role each quarter; the confirmation is audited and sets the next due date', async () => {
      adminSession = await signIn(app, clock, admin)
      const created = (await app.inject({ method: 'POST', url: '/v1/staff/accounts', headers: adminSession.changeHeaders, payload: { email: 'dpo@ixpole.example', role: 'dpo' } })).json()
      await runtime.staff.directory.approveRole(OPERATOR_PARTY, created.id, 'dpo')
      const outbox = await runtime.database.db.selectFrom('outbox_file').selectAll().execute()
      assert.ok(outbox.length >= 1, 'the setup link was mailed')
      const { token } = await runtime.staff.directory.renewSetupLink(OPERATOR_PARTY, created.id)
      const setup = await completeSetup(app, clock, token)
      const dpo = await signIn(app, clock, { email: 'dpo@ixpole.example', password: setup.password, secret: setup.secret })
      const me = (await app.inject({ method: 'GET', url: '/v1/staff/me', headers: dpo.headers })).json()
      assert.deepEqual(me.purposes, ['complaints', 'data_subject_request', 'legal_defence'])
      const before = (await app.inject({ method: 'GET', url: '/v1/staff/recertification', headers: dpo.headers })).json()
      assert.equal(before.last, null)
      assert.equal(before.overdue, true)
      assert.ok(before.assignments.some((a: { email: string; roles: string[] }) => a.email === 'finance@ixpole.example' && a.roles.join() === 'finance'))
      const refused = await app.inject({ method: 'POST', url: '/v1/staff/recertification', headers: adminSession.changeHeaders })
      assert.equal(refused.statusCode, 403)
      assert.equal(refused.json().error.code, 'dpo_only')
      const page = await app.inject({ method: 'GET', url: '/admin', headers: dpo.headers })
      assert.match(page.body, /Access review/)
      const confirm = await app.inject({ method: 'POST', url: '/admin/recertify', headers: { ...FORM, cookie: dpo.cookie }, payload: form({ _csrf: dpo.csrf }) })
      assert.equal(confirm.statusCode, 200)
      const after = (await app.inject({ method: 'GET', url: '/v1/staff/recertification', headers: dpo.headers })).json()
      const today = clock.now().toISOString().slice(0, 10)
      assert.equal(after.last.confirmedAt.slice(0, 10), today)
      assert.equal(after.last.confirmedBy, `staff:${created.id}`)
      const due = new Date(clock.now())
      due.setUTCMonth(due.getUTCMonth() + 3)
      assert.equal(after.dueOn, due.toISOString().slice(0, 10))
      assert.equal(after.overdue, false)
      assert.equal((await audited('staff.recertify', `accounts:${after.last.accounts}:digest:`))[0]?.actor_id, `staff:${created.id}`)
    })

    test('REQ-SEC-03 staff pages carry a CSP without script and frame-ancestors none, and no script at all', async () => {
      for (const url of ['/admin/login', `/admin/setup?token=${'a'.repeat(43)}`]) {
        const res = await app.inject({ method: 'GET', url })
        const csp = String(res.headers['content-security-policy'])
        assert.match(csp, /frame-ancestors 'none'/)
        assert.match(csp, /default-src 'none'/)
        assert.doesNotMatch(csp, /script-src/)
        assert.doesNotMatch(res.body, /<script/i)
        assert.equal(res.headers['cache-control'], 'no-store')
      }
      const signedOut = await app.inject({ method: 'GET', url: '/admin' })
      assert.equal(signedOut.statusCode, 303)
      assert.equal(signedOut.headers.location, '/admin/login')
    })
  })
}
