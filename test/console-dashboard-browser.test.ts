// The console's dashboard and exports in real Chromium against a listening Pledge (embedded
// database): in nl, fr and en, axe-core clean (no serious or critical violation) under the pages' own
// CSP, and the printable export under print media leaves the header and navigation out.
// Screenshots go to test-artifacts/console-dashboard-*.png and console-exports-*.png.
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

/** A calendar date `days` from now (UTC), YYYY-MM-DD. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

describe('the console\'s dashboard and exports in Chromium', { timeout: 300_000 }, () => {
  let t: TestDatabase
  let runtime: Runtime
  let app: FastifyInstance
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let base = ''
  // Real time: the browser drops a session cookie whose Expires is already past.
  const clock = new TestClock(Date.now())
  let cspErrors: string[] = []

  before(async () => {
    t = await pglite.open()
    runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 1000 } })
    app = await buildApp(runtime)
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '')
    await seedRequest(runtime, 'access', { subjectIds: [], receivedOn: day(-27), dueOn: day(3) })
    await seedRequest(runtime, 'erasure', { subjectIds: [], receivedOn: day(-40), dueOn: day(-2), extensionMonths: 1 })
    await seedRequest(runtime, 'access', { subjectIds: [], status: 'completed', receivedOn: day(-70), dueOn: day(-40), closedAt: new Date(Date.now() - 45 * 86_400_000) })
    await seedRequest(runtime, 'portability', { subjectIds: [], status: 'completed', receivedOn: day(-100), dueOn: day(-70), closedAt: new Date(Date.now() - 65 * 86_400_000) })
    const admin = await staffAccount(runtime, app, clock, 'admin@dash-browser.example', ['staff_admin'])
    const dpo = await staffAccount(runtime, app, clock, 'dpo@dash-browser.example', ['dpo'], { approver: { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) } })
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

  const shot = (tc: TestContext, name: string) => screenshot(page, tc, `${name}`)

  test('REQ-AUD-03 the dashboard in nl, fr and en: heading in the language, two chart images named, axe clean, no CSP complaint', async (tc) => {
    const titles = { nl: ['Dashboard', 'Tijdig beantwoord, per maand'], fr: ['Tableau de bord', 'Réponses dans le délai, par mois'], en: ['Dashboard', 'Answered on time, per month'] }
    for (const [lang, [title, chart]] of Object.entries(titles) as [string, [string, string]][]) {
      const opened = await page.goto(`${base}/admin/dashboard?lang=${lang}`)
      assert.equal(opened?.status(), 200)
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), title)
      assert.equal(await page.getByRole('img', { name: chart }).count(), 1)
      assert.equal(await page.getByRole('img').count(), 2)
      await expectAxeClean(page, tc, `dashboard ${lang}`)
      await shot(tc, `console-dashboard-${lang}`)
    }
    assert.deepEqual(cspErrors, [])
  })

  test('REQ-ROPA-03 the exports index and the printable register in nl, fr and en: axe clean, no CSP complaint', async (tc) => {
    for (const lang of ['nl', 'fr', 'en']) {
      const opened = await page.goto(`${base}/admin/exports?lang=${lang}`)
      assert.equal(opened?.status(), 200)
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Exports')
      await expectAxeClean(page, tc, `exports ${lang}`)
      await shot(tc, `console-exports-${lang}`)
      const register = await page.goto(`${base}/admin/exports/request-register?lang=${lang}`)
      assert.equal(register?.status(), 200)
      await expectAxeClean(page, tc, `register ${lang}`)
    }
    const ropa = await page.goto(`${base}/admin/exports/ropa-controller?lang=en`)
    assert.equal(ropa?.status(), 200)
    await expectAxeClean(page, tc, 'ropa controller')
    assert.deepEqual(cspErrors, [])
  })

  test('REQ-ROPA-03 printed, the record of processing leaves out the header, the navigation and the language switch; the record itself stays', async (tc) => {
    await page.goto(`${base}/admin/exports/ropa-controller?lang=en`)
    assert.equal(await page.locator('header').isVisible(), true, 'on screen, the header is there')
    await page.emulateMedia({ media: 'print' })
    try {
      assert.equal(await page.locator('header').isVisible(), false)
      assert.equal(await page.locator('nav.languages').isVisible(), false)
      assert.equal(await page.getByRole('navigation').count(), 0, 'no navigation in the accessibility tree')
      assert.equal(await page.getByRole('link', { name: 'Back to the exports' }).isVisible(), false)
      assert.equal(await page.getByRole('heading', { level: 1 }).isVisible(), true)
      assert.equal(await page.locator('#controller-record').isVisible(), true)
      await shot(tc, 'console-exports-ropa-print')
    } finally {
      await page.emulateMedia({ media: 'screen' })
    }
  })
})
