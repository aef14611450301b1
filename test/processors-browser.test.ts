// The processor register pages in real Chromium against a listening Pledge (embedded database): a
// processor's DPA is missing, so its key's read is refused and an Art. 19 notice to it is flagged on
// the register page; the pages are axe-core clean in nl, fr and en under their own CSP; the DPO
// enters the DPA with the form (keyboard and clicks), and the blocked read starts working.
// Screenshots go to test-artifacts/.
import { describe, test, before, after, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { ARTIFACTS, expectAxeClean, launchChromium, watchCsp } from './support/browser.ts'
import { TestClock, signIn, staffAccount } from './support/staff.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'

const pglite = DATABASES.find((d) => d.name === 'pglite')!

describe('the processor register pages in Chromium', { timeout: 300_000 }, () => {
  let t: TestDatabase
  let runtime: Runtime
  let app: FastifyInstance
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let base = ''
  let token = ''
  let customerId = ''
  // Real time: the browser drops a session cookie whose Expires is already past.
  const clock = new TestClock(Date.now())
  let cspErrors: string[] = []

  before(async () => {
    t = await pglite.open()
    runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 1000 } })
    app = await buildApp(runtime)
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '')
    const policy = runtime.policy()
    const crm = (await createApiKey(t.database.db, policy, { name: 'crm', purposes: ['customer_registration', 'contract_execution'] })).token
    token = (await createApiKey(t.database.db, policy, { name: 'hosting', purposes: ['contract_execution'], recipientId: 'hosting_eu' })).token
    const created = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: { authorization: `Bearer ${crm}` }, payload: { type: 'customer', data: { 'contact.name': 'Bram Browser' } } })
    customerId = created.json().id
    await app.inject({ method: 'POST', url: `/v1/subjects/${customerId}/events`, headers: { authorization: `Bearer ${crm}` }, payload: { event: 'contract_started' } })
    // The hosting provider's row without its DPA.
    await runtime.processors.set('system:test', 'hosting_eu', { legalName: 'EU hosting provider (example) GmbH', processingLocations: ['DE'] })
    await runtime.notifier.notify('recipient:hosting_eu', 'subject.erased', { subjectId: customerId, requestId: '0190c0de-0000-7000-8000-0000000000aa', categories: [] })
    const admin = await staffAccount(runtime, app, clock, 'admin@processors-browser.example', ['staff_admin'])
    const dpo = await staffAccount(runtime, app, clock, 'dpo@processors-browser.example', ['dpo'], { approver: { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) } })
    const session = await signIn(app, clock, dpo)
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1000, height: 800 }, locale: 'en-US' })
    await context.addCookies([{ name: 'pledge_staff', value: session.cookie.replace(/^pledge_staff=/, ''), url: base, httpOnly: true, sameSite: 'Strict' }])
    page = await context.newPage()
    cspErrors = watchCsp(page)
  })

  after(async () => {
    await context?.close().catch(() => {})
    await browser?.close()
    await app?.close()
    await runtime?.close()
    await t?.drop()
  })

  const shot = async (tc: TestContext, name: string) => {
    const path = join(ARTIFACTS, `processors-${name}.png`)
    await page.screenshot({ path, fullPage: true })
    tc.diagnostic(`screenshot: ${path}`)
  }
  const read = () => app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=contract_execution`, headers: { authorization: `Bearer ${token}` } })

  test('REQ-PRC-01 REQ-PRC-02 the DPO enters a DPA on the console page and the blocked recipient read starts working; axe clean in nl, fr, en', async (tc) => {
    const blocked = await read()
    assert.equal(blocked.statusCode, 403)
    assert.equal(blocked.json().error.code, 'recipient_not_covered')

    const titles = { nl: 'Register van verwerkers en doorgiften', fr: 'Registre des sous-traitants et des transferts', en: 'Register of processors and transfers' } as const
    const notCovered = { nl: 'Niet gedekt: verstrekkingen worden geweigerd', fr: 'Non couvert : les communications sont refusées', en: 'Not covered: disclosures are refused' } as const
    for (const lang of ['nl', 'fr', 'en'] as const) {
      const opened = await page.goto(`${base}/admin/processors?lang=${lang}`)
      assert.equal(opened?.status(), 200)
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), titles[lang])
      assert.match(await page.locator('#row-hosting_eu .not-covered').innerText(), new RegExp(`^${notCovered[lang]}`))
      assert.equal(await page.locator('.uncovered-notice').count(), 1, 'the Art. 19 notice that went out uncovered is flagged')
      await expectAxeClean(page, tc, `processors ${lang}`)
      await shot(tc, `list-${lang}`)
      const detail = await page.goto(`${base}/admin/processors/hosting_eu?lang=${lang}`)
      assert.equal(detail?.status(), 200)
      await expectAxeClean(page, tc, `processor hosting_eu ${lang}`)
      await shot(tc, `detail-${lang}`)
    }

    // On the English page: the version typed, the date filled, the eight terms ticked, saved with Enter.
    await page.getByLabel('Version').fill('DPA 2025')
    await page.getByLabel('Signed on (in force from)').fill('2025-06-01')
    for (const term of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) await page.locator(`#term-${term}`).check()
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Save' }).click()])
    assert.equal(response.status(), 303)
    await page.waitForLoadState('load')
    assert.equal(await page.getByRole('status').first().innerText(), 'The register data are saved and recorded in the audit log.')
    assert.equal(await page.locator('#coverage').innerText(), 'The register covers this recipient: disclosures are allowed.')
    await expectAxeClean(page, tc, 'processor saved')
    await shot(tc, 'saved')

    const works = await read()
    assert.equal(works.statusCode, 200, works.body)
    const rows = await t.database.db.selectFrom('disclosure').select('recipient_id').where('subject_id', '=', customerId).execute()
    assert.deepEqual(rows, [{ recipient_id: 'hosting_eu' }])
    assert.deepEqual(cspErrors, [])
  })
})
