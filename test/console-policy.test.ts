// The console's Policy page, on both databases: the version in force and the policy file on the
// server as a draft (material, for which purposes, who is told, its changes against the version in
// force); the DPO's publish form refusing a date inside the notice period with the earliest date
// written out; publishing at that date creating the version and queuing notices for the people the
// change concerns only (as `pledge policy publish` does), audited under the DPO's account; support
// refused with a 403 page (audited), a staff administrator reading but not publishing, CSRF needed.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseDocument } from 'yaml'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { runtimeKey } from './support/actors.ts'
import { makeTempDir, removeTempDir } from './support/temp.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { FORM, TestClock, form, signIn, staffAccount, type SignedIn } from './support/staff.ts'
import { buildApp } from '../src/http/app.ts'
import type { Runtime } from '../src/runtime.ts'
import { loadPolicyFile } from '../src/policy/load.ts'
import { ensureFirstVersion } from '../src/policy/versions.ts'

const NOW = Date.parse('2026-12-03T10:00:00Z') // 3 December 2026 in Brussels; logins step it by 30 s

/** The example policy, edited, as JSON. */
function policyText(mutate: (doc: any) => void = () => {}): string {
  const doc = parseDocument(readFileSync(EXAMPLE_POLICY, 'utf8')).toJS()
  mutate(doc)
  return JSON.stringify(doc, null, 2)
}

/** Prospects are kept three years instead of two: a material change for prospects only. */
const longerProspects = (doc: any) => {
  doc.purposes.find((p: any) => p.id === 'prospect_registration').retention.duration = 'P3Y'
}

for (const variant of DATABASES) {
  describe(`${variant.name}: the console's Policy page`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    let dir = ''
    let policyPath = ''
    const clock = new TestClock(NOW)
    let dpo: SignedIn
    let admin: SignedIn
    let support: SignedIn
    let dpoActor = ''
    let adminActor = ''
    let supportActor = ''
    const ids: Record<string, string> = {}

    before(async () => {
      dir = makeTempDir('pledge-console-policy-')
      policyPath = join(dir, 'policy.json')
      writeFileSync(policyPath, policyText())
      t = await variant.open()
      // Version 1 published on the test's day (the runtime would publish it on the real one).
      await ensureFirstVersion(t.database.db, await loadPolicyFile(policyPath), clock.now())
      runtime = await testRuntime(t.database, { policyPath, now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
      app = await buildApp(runtime)
      const crm = await runtimeKey(runtime, 'crm', ['prospect_registration', 'customer_registration'])
      const create = async (purpose: string, type: string, data: Record<string, string>, language: 'nl' | 'fr' | 'en') => (await runtime.gate.create(crm, purpose, { type, data, language })).id
      ids.nl = await create('prospect_registration', 'prospect', { 'contact.name': 'Els Beleid', 'contact.email': 'els.beleid@policy.example' }, 'nl')
      ids.fr = await create('prospect_registration', 'prospect', { 'contact.name': 'Luc Politique', 'contact.email': 'luc.politique@policy.example' }, 'fr')
      ids.noAddress = await create('prospect_registration', 'prospect', { 'contact.name': 'Card Only' }, 'en')
      ids.customer = await create('customer_registration', 'customer', { 'contact.name': 'Customer Unchanged', 'contact.email': 'customer.unchanged@policy.example' }, 'nl')
      const adminAccount = await staffAccount(runtime, app, clock, 'admin@policy.example', ['staff_admin'])
      const adminParty = { id: `staff:${adminAccount.id}`, accountId: adminAccount.id, roles: new Set(['staff_admin']) }
      const dpoAccount = await staffAccount(runtime, app, clock, 'dpo@policy.example', ['dpo'], { approver: adminParty })
      const supportAccount = await staffAccount(runtime, app, clock, 'support@policy.example', ['support'], { approver: adminParty })
      dpoActor = `staff:${dpoAccount.id}`
      adminActor = `staff:${adminAccount.id}`
      supportActor = `staff:${supportAccount.id}`
      dpo = await signIn(app, clock, dpoAccount)
      admin = await signIn(app, clock, adminAccount)
      support = await signIn(app, clock, supportAccount)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
      if (dir) removeTempDir(dir)
    })

    const page = (url: string, who: SignedIn = dpo) => app.inject({ method: 'GET', url, headers: { cookie: who.cookie } })
    const publish = (fields: Record<string, string>, who: SignedIn = dpo, lang = 'en') => app.inject({ method: 'POST', url: `/admin/policy/publish?lang=${lang}`, headers: { ...FORM, cookie: who.cookie }, payload: form(fields) })
    const hashOf = (html: string) => /name="hash" value="([0-9a-f]+)"/.exec(html)?.[1] ?? ''
    const versions = async () => (await t.database.db.selectFrom('policy_version').select(['version', 'effective_date', 'notification_status']).orderBy('version').execute()).map((v) => ({ ...v, effective_date: String(v.effective_date) }))
    const notices = (version: number) => t.database.db.selectFrom('policy_notice').select(['subject_id', 'status']).where('version', '=', version).orderBy('subject_id').execute()
    const entries = (actor: string, action: string) => t.database.db.selectFrom('audit_entry').select(['decision', 'reason', 'purpose', 'subject_id']).where('actor_id', '=', actor).where('action', '=', action).orderBy('seq').execute()

    test('REQ-TR-04 the page shows the version in force and, once the file changes, the draft as material with its purposes, who is told, and its changes', async () => {
      const same = await page('/admin/policy?lang=en')
      assert.equal(same.statusCode, 200, same.body)
      assert.match(same.body, /<dl class="facts" id="in-force"><dt>Version<\/dt><dd>Version 1<\/dd><dt>Takes effect<\/dt><dd>3 December 2026 \(<code>2026-12-03<\/code>\)<\/dd>/)
      assert.match(same.body, /The policy file on the server is the same as version 1: there is nothing to publish\./)
      assert.doesNotMatch(same.body, /name="effective"/)

      writeFileSync(policyPath, policyText(longerProspects))
      const res = await page('/admin/policy?lang=en')
      assert.equal(res.statusCode, 200, res.body)
      assert.match(res.body, /The policy file on the server differs from version 1, the latest published\. It would be published as version 2\./)
      assert.match(res.body, /<strong class="flag flag-late" id="material">Material change<\/strong>/)
      assert.match(res.body, /<ul id="material-purposes"><li>Registration of prospective customers \(retention\) <code>prospect_registration<\/code><\/li><\/ul>/)
      assert.match(res.body, /no sooner than 30 days from today/)
      assert.match(res.body, /<ul id="affected-types"><li>[^<]+ <code>prospect<\/code><\/li><\/ul>/)
      assert.match(res.body, /What changes against version 1, in force/)
      assert.match(res.body, /<p id="counts">Passages changed: \d+ · added: \d+ · removed: \d+\.<\/p>/)
      // The prospects' retention, in the table of purposes and in their section: 2 years became 3.
      const retention = '<del><span class="sr">[removed: </span>2<span class="sr">]</span></del><ins><span class="sr">[added: </span>3<span class="sr">]</span></ins> years from our last contact with you, then deleted'
      assert.equal(res.body.split(retention).length - 1, 2, 'both places the retention is stated')
      assert.match(res.body, /Earliest possible date: 2 January 2027 \(2027-01-02\)\./)
      assert.match(res.body, /<input id="effective" name="effective" type="date" required min="2027-01-02" value="2027-01-02"/)
      assert.match(res.body, /<a href="\/privacy\/versions\/1\?lang=en">Version 1<\/a> \(in force\)/)
      // In Dutch too.
      const nl = await page('/admin/policy?lang=nl')
      assert.match(nl.body, /<strong class="flag flag-late" id="material">Wezenlijke wijziging<\/strong>/)
      assert.match(nl.body, /Vroegst mogelijke datum: 2 januari 2027 \(2027-01-02\)\./)
      assert.doesNotMatch(res.body + nl.body, /els\.beleid|luc\.politique|Els Beleid|Luc Politique/, 'no person on the page')
    })

    test('REQ-TR-04 a date inside the notice period is refused with the earliest date written out; a changed file and a malformed date too; nothing is published', async () => {
      const hash = hashOf((await page('/admin/policy?lang=en')).body)
      assert.match(hash, /^[0-9a-f]{16,}$/)
      const early = await publish({ _csrf: dpo.csrf, hash, effective: '2027-01-01' })
      assert.equal(early.statusCode, 422, early.body)
      assert.match(early.body, /This change is material: the people concerned must be told 30 days before it takes effect\. The earliest possible date is 2 January 2027 \(2027-01-02\)\./)
      assert.match(early.body, /value="2027-01-01" aria-describedby="effective-hint publish-error" aria-invalid="true"/)
      const earlyNl = await publish({ _csrf: dpo.csrf, hash, effective: '2026-12-20' }, dpo, 'nl')
      assert.equal(earlyNl.statusCode, 422)
      assert.match(earlyNl.body, /De vroegst mogelijke datum is 2 januari 2027 \(2027-01-02\)\./)
      const past = await publish({ _csrf: dpo.csrf, hash, effective: '2026-12-01' })
      assert.equal(past.statusCode, 422)
      assert.match(past.body, /The date may not be before today \(3 December 2026, 2026-12-03\)\./)
      const malformed = await publish({ _csrf: dpo.csrf, hash, effective: '02/01/2027' })
      assert.equal(malformed.statusCode, 400)
      assert.match(malformed.body, /Enter the date as YYYY-MM-DD\./)
      const stale = await publish({ _csrf: dpo.csrf, hash: 'f'.repeat(64), effective: '2027-01-02' })
      assert.equal(stale.statusCode, 409)
      assert.match(stale.body, /The policy file changed after you opened this page\./)
      assert.deepEqual(await versions(), [{ version: 1, effective_date: '2026-12-03', notification_status: 'none' }])
      assert.deepEqual(await notices(2), [])
    })

    test('REQ-SEC-03 REQ-TR-04 support gets a 403 page (audited); a staff administrator reads the page but may not publish; the form needs its CSRF token', async () => {
      const refused = await page('/admin/policy?lang=nl', support)
      assert.equal(refused.statusCode, 403)
      assert.match(refused.body, /Alleen de functionaris voor gegevensbescherming en een beheerder van medewerkers openen deze pagina\./)
      assert.doesNotMatch(refused.body, /Wezenlijke wijziging/)
      assert.deepEqual(await entries(supportActor, 'policy.read'), [{ decision: 'deny', reason: 'dpo_or_staff_admin', purpose: null, subject_id: null }])
      const supportPost = await publish({ _csrf: support.csrf, effective: '2027-01-02' }, support)
      assert.equal(supportPost.statusCode, 403)

      const read = await page('/admin/policy?lang=en', admin)
      assert.equal(read.statusCode, 200)
      assert.match(read.body, /Material change/)
      assert.match(read.body, /Only the data protection officer publishes a new version\./)
      assert.doesNotMatch(read.body, /name="effective"/)
      const adminPost = await publish({ _csrf: admin.csrf, hash: hashOf((await page('/admin/policy')).body), effective: '2027-01-02' }, admin)
      assert.equal(adminPost.statusCode, 403)
      assert.deepEqual(await entries(adminActor, 'policy.publish'), [{ decision: 'deny', reason: 'dpo_only', purpose: null, subject_id: null }])

      const noToken = await publish({ effective: '2027-01-02' })
      assert.equal(noToken.statusCode, 403)
      assert.match(noToken.body, /security token/)
      const wrongToken = await publish({ _csrf: support.csrf, effective: '2027-01-02' })
      assert.equal(wrongToken.statusCode, 403)
      const crossSite = await app.inject({ method: 'POST', url: '/admin/policy/publish', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site', cookie: dpo.cookie }, payload: form({ _csrf: dpo.csrf, effective: '2027-01-02' }) })
      assert.equal(crossSite.statusCode, 403)
      assert.deepEqual(await versions(), [{ version: 1, effective_date: '2026-12-03', notification_status: 'none' }])
    })

    test('REQ-TR-04 publishing at the earliest date creates version 2 and queues notices for the two reachable prospects only, audited under the DPO\'s account', async () => {
      const hash = hashOf((await page('/admin/policy?lang=en')).body)
      const res = await publish({ _csrf: dpo.csrf, hash, effective: '2027-01-02' })
      assert.equal(res.statusCode, 303, res.body)
      assert.equal(res.headers.location, '/admin/policy?lang=en&published=2')
      assert.deepEqual(await versions(), [
        { version: 1, effective_date: '2026-12-03', notification_status: 'none' },
        { version: 2, effective_date: '2027-01-02', notification_status: 'pending' },
      ])
      // Not the prospect without an address, not the customer (their purposes did not change).
      assert.deepEqual((await notices(2)).map((n) => n.subject_id).sort(), [ids.nl!, ids.fr!].sort())
      assert.deepEqual((await notices(2)).map((n) => n.status), ['pending', 'pending'])

      const after = await page('/admin/policy?lang=en&published=2')
      assert.equal(after.statusCode, 200)
      assert.match(after.body, /Version 2 is published and takes effect on 2 January 2027\. 2 people concerned are told by e-mail\. The publication is in the audit log\./)
      assert.match(after.body, /<tr id="notices-2"><th scope="row">Version 2<\/th><td>being sent<\/td><td>2<\/td><td>2<\/td><td>0<\/td><td>0<\/td><td>0<\/td><\/tr>/)
      assert.match(after.body, /The policy file on the server is the same as version 2: there is nothing to publish\./)
      // Version 1 stays in force until 2 January; version 2 is announced.
      assert.match(after.body, /<dd>Version 1<\/dd>/)
      assert.match(after.body, /<a href="\/privacy\/versions\/2\?lang=en">Version 2<\/a> \(announced\)/)
      const fr = await page('/admin/policy?lang=fr&published=2')
      assert.match(fr.body, /La version 2 est publiée et s'applique à partir du 2 janvier 2027\. 2 personnes concernées reçoivent un avis par e-mail\./)

      const published = await entries(dpoActor, 'policy.publish')
      assert.equal(published.length, 1)
      assert.match(published[0]!.reason ?? '', /^version:2:[0-9a-f]{16}$/)
      assert.deepEqual(await entries(dpoActor, 'policy.material_change'), [{ decision: null, reason: 'version:2', purpose: 'prospect_registration', subject_id: null }])
      assert.deepEqual(await entries('system:cli', 'policy.publish'), [], 'not under the operator')

      // The same file again: nothing to publish (409, not a 500).
      const again = await publish({ _csrf: dpo.csrf, hash, effective: '2027-01-02' })
      assert.equal(again.statusCode, 409)
      assert.match(again.body, /The policy file is the same as the latest published version: there is nothing to publish\./)
    })
  })
}
