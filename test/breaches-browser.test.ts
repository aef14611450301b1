// The breach register pages in real Chromium against a listening Pledge (embedded database): the
// DPO records a breach with the form, marks awareness (at a time typed, two days ago), watches the
// 72-hour clock and its alerts move, assesses the risk and reads the GBA draft; the pages (register,
// breach, printable register, dashboard) are axe-core clean in nl, fr and en under their own CSP.
// Screenshots go to test-artifacts/breaches-*.png.
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
import type { Runtime } from '../src/runtime.ts'

const pglite = DATABASES.find((d) => d.name === 'pglite')!
const HOUR = 3_600_000

describe('the breach register pages in Chromium', { timeout: 300_000 }, () => {
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
    const admin = await staffAccount(runtime, app, clock, 'admin@breaches-browser.example', ['staff_admin'])
    const dpo = await staffAccount(runtime, app, clock, 'dpo@breaches-browser.example', ['dpo'], { approver: { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) } })
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
    const path = join(ARTIFACTS, `breaches-${name}.png`)
    await page.screenshot({ path, fullPage: true })
    tc.diagnostic(`screenshot: ${path}`)
  }
  const submit = async (name: string) => {
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name, exact: true }).click()])
    await page.waitForLoadState('load')
    return response
  }

  test('REQ-BR-01 REQ-BR-02 REQ-BR-03 the DPO records a breach, marks awareness, watches the 72-hour clock and its alerts, and reads the GBA draft; axe clean in nl, fr, en', async (tc) => {
    const titles = { nl: 'Register van datalekken', fr: 'Registre des violations de données', en: 'Breach register' } as const
    for (const lang of ['nl', 'fr', 'en'] as const) {
      const opened = await page.goto(`${base}/admin/breaches?lang=${lang}`)
      assert.equal(opened?.status(), 200)
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), titles[lang])
      await expectAxeClean(page, tc, `breaches ${lang}`)
      await shot(tc, `empty-${lang}`)
    }

    // Record one on the English page.
    await page.getByLabel('What happened (facts)').fill('A misconfigured share exposed the invoice folder to the internet for two days.')
    await page.getByRole('group', { name: 'Categories of personal data concerned' }).getByLabel('Name and first name').check()
    await page.getByRole('group', { name: 'Categories of personal data concerned' }).getByLabel('E-mail address').check()
    await page.getByRole('group', { name: 'Categories of people concerned' }).getByLabel('Customer (a natural person, e.g. a sole trader)').check()
    assert.equal((await submit('Record the breach')).status(), 303)
    assert.match(page.url(), /\/admin\/breaches\/[0-9a-f-]{36}\?recorded=1&lang=en$/)
    assert.equal(await page.locator('#clock-text').innerText(), 'Not started: awareness is not recorded yet.')
    await shot(tc, 'recorded')

    // Awareness was reached 47 h 58 min ago (typed in UTC): the 24-hour alert is raised at once.
    const awareAt = new Date(clock.now().getTime() - 47 * HOUR - 58 * 60_000)
    await page.getByLabel('Aware since (optional, UTC, e.g. 2026-12-03T09:00)').fill(awareAt.toISOString().slice(0, 16))
    assert.equal((await submit('Mark awareness now')).status(), 303)
    const deadline = `${new Date(Math.floor(awareAt.getTime() / 60_000) * 60_000 + 72 * HOUR).toISOString().slice(0, 16).replace('T', ' ')} UTC`
    assert.equal(await page.locator('#clock-text').innerText(), `24 hour(s) left: notify the GBA by ${deadline}.`)
    assert.match(await page.locator('#alerts').innerText(), /^24-hour alert raised /)
    await shot(tc, 'clock-24h')

    // Three minutes later the 48-hour mark has passed: the round raises its alert.
    clock.advance(3 * 60_000)
    assert.equal(await runtime.breaches.alertRound(), 1)
    await page.reload()
    assert.equal(await page.locator('#clock-text').innerText(), `23 hour(s) left: notify the GBA by ${deadline}.`)
    assert.match(await page.locator('#alerts').innerText(), /^24-hour alert raised .*; 48-hour alert raised /)

    // The assessment and the decision, then the draft.
    await page.getByLabel('Approximate number of people').fill('340')
    await page.getByLabel('Approximate number of records').fill('910')
    await page.getByLabel('Likely consequences').fill('Invoices with names and addresses could be used for targeted phishing.')
    await page.getByLabel('Measures taken or proposed (including to mitigate adverse effects)').fill('The share was closed; access logs are reviewed; customers are warned of phishing.')
    await page.getByLabel('Risk assessment', { exact: true }).selectOption('risk')
    await page.getByLabel('Reasoning of the risk assessment').fill('Identification and contact data of 340 customers; no financial data.')
    await page.getByLabel('Decision', { exact: true }).selectOption('notify')
    assert.equal((await submit('Save')).status(), 303)
    assert.equal(await page.getByRole('status').first().innerText(), 'Saved.')
    const draft = await page.locator('#draft-text').innerText()
    assert.ok(draft.startsWith('Melding van een inbreuk in verband met persoonsgegevens (art. 33 AVG)'), draft)
    await page.getByRole('link', { name: 'EN', exact: true }).click()
    await page.waitForLoadState('load')
    const en = await page.locator('#draft-text').innerText()
    for (const line of [
      'Categories of personal data: E-mail address, Name and first name',
      'Categories of data subjects: Customer (a natural person, e.g. a sole trader)',
      'Approximate number of data subjects: 340',
      'Approximate number of records: 910',
      'Privacy contact JAG2 Solutions — privacy@ixpole.example',
      'Invoices with names and addresses could be used for targeted phishing.',
      'The share was closed; access logs are reviewed; customers are warned of phishing.',
    ]) assert.ok(en.includes(line), line)
    await expectAxeClean(page, tc, 'breach en')
    await shot(tc, 'draft-en')
    const id = /\/admin\/breaches\/([0-9a-f-]{36})/.exec(page.url())![1]!
    for (const lang of ['nl', 'fr'] as const) {
      await page.goto(`${base}/admin/breaches/${id}?lang=${lang}`)
      await expectAxeClean(page, tc, `breach ${lang}`)
      await shot(tc, `detail-${lang}`)
    }

    // The dashboard shows the running clock; the printable register lists the breach.
    await page.goto(`${base}/admin/dashboard?lang=en`)
    assert.match(await page.locator('#breach-clocks').innerText(), new RegExp(`Breach ${id.slice(-8)}: 23 hour\\(s\\) left \\(alerts: 24 h, 48 h\\)`))
    await expectAxeClean(page, tc, 'dashboard en')
    await shot(tc, 'dashboard')
    await page.goto(`${base}/admin/breaches/export?lang=fr`)
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Registre des violations (art. 33, § 5)')
    await expectAxeClean(page, tc, 'print fr')
    await shot(tc, 'print-fr')
    await page.goto(`${base}/admin/breaches?lang=en`)
    assert.equal(await page.locator('tr.breach').count(), 1)
    await expectAxeClean(page, tc, 'breaches list en')
    await shot(tc, 'list-en')
    assert.deepEqual(cspErrors, [])
  })
})
