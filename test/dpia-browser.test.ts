// The DPIA pages in real Chromium against a listening Pledge (embedded database): the DPO screens a
// purpose with two WP248 criteria and records a DPIA with a high residual risk on the console, and
// a read under that purpose starts being refused (purpose_on_hold_dpia); recording the prior
// consultation of the GBA makes it work again. The pages are axe-core clean in nl, fr and en under
// their own CSP. Screenshots go to test-artifacts/.
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

describe('the DPIA pages in Chromium', { timeout: 300_000 }, () => {
  let t: TestDatabase
  let runtime: Runtime
  let app: FastifyInstance
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let base = ''
  let token = ''
  let customerId = ''
  const clock = new TestClock(Date.now())
  let cspErrors: string[] = []

  before(async () => {
    t = await pglite.open()
    runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 1000 } })
    app = await buildApp(runtime)
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '')
    token = (await createApiKey(t.database.db, runtime.policy(), { name: 'crm', purposes: ['customer_registration', 'market_research'] })).token
    const created = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: { authorization: `Bearer ${token}` }, payload: { type: 'customer', data: { 'contact.name': 'Dirk Dpia', 'contact.email': 'dirk@example.be' } } })
    customerId = created.json().id
    await app.inject({ method: 'POST', url: `/v1/subjects/${customerId}/events`, headers: { authorization: `Bearer ${token}` }, payload: { event: 'contract_started' } })
    const admin = await staffAccount(runtime, app, clock, 'admin@dpia-browser.example', ['staff_admin'])
    const dpo = await staffAccount(runtime, app, clock, 'dpo@dpia-browser.example', ['dpo'], { approver: { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) } })
    const session = await signIn(app, clock, dpo)
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'en-US' })
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
    const path = join(ARTIFACTS, `dpia-${name}.png`)
    await page.screenshot({ path, fullPage: true })
    tc.diagnostic(`screenshot: ${path}`)
  }
  const read = () => app.inject({ method: 'GET', url: `/v1/subjects/${customerId}?purpose=market_research`, headers: { authorization: `Bearer ${token}` } })
  const submit = async (button: string) => {
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: button }).click()])
    assert.equal(response.status(), 303, await response.text().catch(() => ''))
    await page.waitForLoadState('load')
  }

  test('REQ-DPIA-01 REQ-DPIA-03 REQ-LB-05 the DPO records a high residual risk and reads under the purpose are refused until the prior consultation is recorded; axe clean in nl, fr, en', async (tc) => {
    assert.equal((await read()).statusCode, 200)
    const titles = { nl: 'GEB-screening en belangenafwegingen', fr: 'Analyse préalable AIPD et mises en balance des intérêts', en: 'DPIA screening and legitimate-interest assessments' } as const
    for (const lang of ['nl', 'fr', 'en'] as const) {
      const opened = await page.goto(`${base}/admin/dpia?lang=${lang}`)
      assert.equal(opened?.status(), 200)
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), titles[lang])
      assert.equal(await page.locator('.dpia-row').count(), 11)
      assert.equal(await page.locator('.lia-row').count(), 9)
      await expectAxeClean(page, tc, `dpia ${lang}`)
      await shot(tc, `list-${lang}`)
      const detail = await page.goto(`${base}/admin/dpia/market_research?lang=${lang}`)
      assert.equal(detail?.status(), 200)
      await expectAxeClean(page, tc, `dpia market_research ${lang}`)
      await shot(tc, `detail-${lang}`)
    }

    // English: two WP248 criteria ticked, the screening saved: a DPIA is now required and missing.
    await page.locator('#wp248-wp248_1_scoring').check()
    await page.locator('#wp248-wp248_6_matching').check()
    await submit('Save the screening')
    assert.equal(await page.locator('#dpia-status').innerText(), 'DPIA required, none on file')
    const missing = await read()
    assert.equal(missing.statusCode, 403)
    assert.equal(missing.json().error.code, 'dpia_missing')

    // The DPIA, with a high residual risk.
    await page.getByLabel('Reference', { exact: true }).fill('DPIA-MR-2026')
    await page.getByLabel('(a) Systematic description of the processing and its purposes').fill('Survey answers matched with contract data to score satisfaction per customer.')
    await page.getByLabel('(b) Necessity and proportionality').fill('Only answers and the contract type; kept one year.')
    await page.getByLabel('(c) Risks to the rights and freedoms of data subjects').fill('Scores could steer commercial treatment.')
    await page.getByLabel('(d) Measures to address the risks').fill('Aggregate reporting; no individual decisions.')
    await page.getByLabel("The DPO's advice (Art. 35(2))").fill('Consult the GBA before starting.')
    await page.getByLabel('Review date', { exact: true }).fill('2027-12-01')
    await page.locator('#residualHighRisk').check()
    await submit('Save the DPIA')
    assert.equal(await page.locator('#dpia-status').innerText(), 'High residual risk: prior consultation needed')
    assert.match(await page.locator('#gate-hold').innerText(), /The gate refuses every use of this purpose \(purpose_on_hold_dpia\)/)
    await expectAxeClean(page, tc, 'dpia held')
    await shot(tc, 'held')
    const held = await read()
    assert.equal(held.statusCode, 403)
    assert.equal(held.json().error.code, 'purpose_on_hold_dpia')
    await page.goto(`${base}/admin/dpia?lang=en`)
    assert.match(await page.locator('.dpia-row[data-purpose="market_research"] .purpose-held').innerText(), /On hold: purpose_on_hold_dpia/)
    await shot(tc, 'list-held')

    // The prior consultation recorded: the hold is lifted.
    await page.goto(`${base}/admin/dpia/market_research?lang=en`)
    await page.getByLabel('Submitted on').fill('2026-11-02')
    await page.getByLabel('GBA reference', { exact: true }).fill('GBA/2026/123')
    await page.getByLabel('Answered on').fill('2026-12-01')
    await page.getByLabel("The GBA's answer").fill('Written advice: proceed with aggregate reporting only.')
    await submit('Save the prior consultation')
    assert.equal(await page.locator('#dpia-status').innerText(), 'DPIA on file')
    assert.equal(await page.locator('#gate-hold').innerText(), 'The gate does not hold this purpose back.')
    await expectAxeClean(page, tc, 'dpia consulted')
    await shot(tc, 'consulted')
    assert.equal((await read()).statusCode, 200)

    // The exports: the register as CSV names the DPIA reference; the printable page is axe clean.
    const csv = await app.inject({ method: 'GET', url: '/admin/dpia/export.csv', headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })
    assert.equal(csv.statusCode, 200)
    assert.match(csv.body, /\r\nmarket_research,[^\r\n]*,dpia_complete,yes,,wp248_1_scoring wp248_6_matching,,,\d{4}-\d\d-\d\d,,,DPIA-MR-2026,/)
    await page.goto(`${base}/admin/dpia/export.html?lang=nl`)
    assert.equal(await page.locator('.dpia-row').count(), 11)
    assert.equal(await page.locator('#lia').count(), 0)
    await expectAxeClean(page, tc, 'dpia print nl')
    await shot(tc, 'print-nl')
    await page.goto(`${base}/admin/dpia/lia.html?lang=fr`)
    await expectAxeClean(page, tc, 'lia print fr')
    await shot(tc, 'lia-fr')
    const audited = await t.database.db.selectFrom('audit_entry').select(['action', 'reason']).where('action', 'like', 'dpia.%.set').orderBy('seq').execute()
    assert.deepEqual(audited.map((a) => a.action), ['dpia.screening.set', 'dpia.record.set', 'dpia.consultation.set'])
    assert.deepEqual(cspErrors, [])
  })
})
