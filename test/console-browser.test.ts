// The console's request pages in real Chromium against a listening Pledge (embedded database): the
// DPO's inbox and a request page in nl, fr and en, axe-core clean (no serious or critical violation)
// under the pages' own CSP, and an extension decided with the keyboard alone (Tab to the fields,
// type, Enter). Screenshots go to test-artifacts/console-*.png.
import { describe, test, before, after, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { seedRequest } from './support/actors.ts'
import { expectAxeClean, launchChromium, screenshot, staffContext, watchCsp } from './support/browser.ts'
import { TestClock, signIn, staffAccount } from './support/staff.ts'
import { buildApp } from '../src/http/app.ts'
import type { Runtime } from '../src/runtime.ts'

const pglite = DATABASES.find((d) => d.name === 'pglite')!

describe('the console\'s request pages in Chromium', { timeout: 300_000 }, () => {
  let t: TestDatabase
  let runtime: Runtime
  let app: FastifyInstance
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let base = ''
  let requestId = ''
  // Real time: the browser drops a session cookie whose Expires is already past.
  const clock = new TestClock(Date.now())
  let cspErrors: string[] = []

  before(async () => {
    t = await pglite.open()
    runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 1000 } })
    app = await buildApp(runtime)
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '')
    requestId = await seedRequest(runtime, 'access', { subjectIds: [] })
    const admin = await staffAccount(runtime, app, clock, 'admin@console-browser.example', ['staff_admin'])
    const dpo = await staffAccount(runtime, app, clock, 'dpo@console-browser.example', ['dpo'], { approver: { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) } })
    const session = await signIn(app, clock, dpo)
    browser = await launchChromium()
    context = await staffContext(browser, base, session.cookie)
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

  const shot = (tc: TestContext, name: string) => screenshot(page, tc, `console-${name}`)


  test('REQ-SEC-03 REQ-TR-05 the inbox and a request page in nl, fr and en: headings in the language, axe clean, no CSP complaint', async (tc) => {
    const headings = { nl: ['Verzoeken van betrokkenen', 'Verzoek'], fr: ['Demandes des personnes concernées', 'Demande'], en: ['Data-subject requests', 'Request'] }
    for (const [lang, [inbox, one]] of Object.entries(headings) as [string, [string, string]][]) {
      const opened = await page.goto(`${base}/admin/requests?lang=${lang}`)
      assert.equal(opened?.status(), 200)
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), inbox)
      await expectAxeClean(page, tc, `inbox ${lang}`)
      await shot(tc, `inbox-${lang}`)
      await page.getByRole('link', { name: new RegExp(requestId.slice(0, 8)) }).click()
      await page.waitForLoadState('load')
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), `${one} ${requestId.slice(0, 8)}`)
      await expectAxeClean(page, tc, `request ${lang}`)
      await shot(tc, `request-${lang}`)
    }
    assert.deepEqual(cspErrors, [])
  })

  test('REQ-TR-08 an extension decided with the keyboard alone: Tab to the fields, type the reason, Enter', async (tc) => {
    await page.goto(`${base}/admin/requests/${requestId}?lang=en`)
    await page.locator('#extend-months').focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Your data sit in three separate archives.')
    await page.keyboard.press('Tab')
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')])
    assert.equal(response.status(), 303)
    await page.waitForLoadState('load')
    assert.match(await page.getByRole('status').first().innerText(), /Saved and recorded in the audit log\./)
    // The exact new date is checked in console-requests.test.ts; here, that the page shows what was stored.
    const row = await runtime.database.db.selectFrom('dsr_request').select(['due_on', 'extension_months']).where('id', '=', requestId).executeTakeFirstOrThrow()
    assert.equal(row.extension_months, 2)
    assert.ok((await page.locator('main').innerText()).includes(`${row.due_on} (+2)`))
    await shot(tc, 'request-extended')
  })

  test('REQ-AUD-02 REQ-AUD-03 the audit page in fr and nl: axe clean; the chain check by keyboard says the log is intact', async (tc) => {
    for (const [lang, title] of [['fr', "Journal d'audit"], ['nl', 'Auditlogboek']] as const) {
      const opened = await page.goto(`${base}/admin/audit?lang=${lang}`)
      assert.equal(opened?.status(), 200)
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), title)
      await expectAxeClean(page, tc, `audit ${lang}`)
      await shot(tc, `audit-${lang}`)
    }
    await page.getByRole('button', { name: 'De keten controleren' }).focus()
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')])
    assert.equal(response.status(), 200)
    await page.waitForLoadState('load')
    assert.match(await page.getByRole('status').first().innerText(), /Het auditlogboek is intact\./)
    await expectAxeClean(page, tc, 'audit verdict')
    await shot(tc, 'audit-verified')
    assert.deepEqual(cspErrors, [])
  })

  test('REQ-TR-07 with script, a changed filter refreshes only the list (self-hosted htmx) and the address follows; nothing reloads', async (tc) => {
    const erasure = await seedRequest(runtime, 'erasure', { subjectIds: [] })
    await page.goto(`${base}/admin/requests?lang=en`)
    assert.equal(await page.locator(`a[href^="/admin/requests/${requestId}"]`).count(), 1)
    await page.evaluate(() => { (globalThis as Record<string, unknown>).stayed = true })
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('type=erasure')), page.locator('#f-type').selectOption('erasure')])
    assert.equal(response.request().headers()['hx-request'], 'true', 'htmx made the request')
    await page.locator(`a[href^="/admin/requests/${erasure}"]`).waitFor()
    assert.equal(await page.locator(`a[href^="/admin/requests/${requestId}"]`).count(), 0, 'the access request left the list')
    await page.waitForFunction(() => location.search.includes('type=erasure'))
    assert.equal(await page.evaluate(() => (globalThis as Record<string, unknown>).stayed), true, 'the page was not reloaded')
    assert.equal(await page.locator('#f-type').inputValue(), 'erasure', 'the form keeps its value')
    await expectAxeClean(page, tc, 'inbox filtered in place')
    await shot(tc, 'inbox-filtered')
    assert.deepEqual(cspErrors, [])
  })
})
