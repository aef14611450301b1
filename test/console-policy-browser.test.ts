// The console's Policy page in real Chromium against a listening Pledge (embedded database, a real
// SMTP test server): the DPO reads the draft's changes and "material" in nl, fr and en (axe-core
// clean, no CSP complaint), types the effective date with the keyboard, publishes, and the
// scheduler delivers the material-change notices to the two prospects concerned. Screenshots go to
// a directory under the system's temp dir, whose path the test prints.
import { describe, test, before, after, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseDocument } from 'yaml'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { runtimeKey } from './support/actors.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { makeTempDir, removeTempDir } from './support/temp.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { expectAxeClean, launchChromium, staffContext, watchCsp } from './support/browser.ts'
import { TestClock, signIn, staffAccount } from './support/staff.ts'
import { buildApp } from '../src/http/app.ts'
import type { Runtime } from '../src/runtime.ts'

const pglite = DATABASES.find((d) => d.name === 'pglite')!

function policyText(mutate: (doc: any) => void = () => {}): string {
  const doc = parseDocument(readFileSync(EXAMPLE_POLICY, 'utf8')).toJS()
  mutate(doc)
  return JSON.stringify(doc, null, 2)
}

/** Today in Brussels plus `days`, as YYYY-MM-DD (the test's own arithmetic, not Pledge's). */
function brusselsDatePlus(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Waits for a state, checking again after each short pause (no fixed sleep). */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('the console\'s Policy page in Chromium', { timeout: 300_000 }, () => {
  let t: TestDatabase
  let runtime: Runtime
  let app: FastifyInstance
  let smtp: TestSmtpServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let base = ''
  let dir = ''
  // Kept after the run so the screenshots can be looked at.
  const shots = mkdtempSync(join(tmpdir(), 'pledge-console-policy-shots-'))
  // Real time: the browser drops a session cookie whose Expires is already past.
  const clock = new TestClock(Date.now())
  let cspErrors: string[] = []

  before(async () => {
    dir = makeTempDir('pledge-console-policy-browser-')
    const policyPath = join(dir, 'policy.json')
    writeFileSync(policyPath, policyText())
    t = await pglite.open()
    smtp = await startSmtpServer()
    runtime = await testRuntime(t.database, { policyPath, now: clock.now, smtpUrl: smtp.url, baseUrl: 'https://privacy.ixpole.test', staffSessions: { attemptsPerMinutePerAddress: 1000 }, jobs: { pollIntervalSeconds: 0.5, noticeRetryLimit: 1, noticeRetryDelaySeconds: 1 } })
    app = await buildApp(runtime)
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '')
    const crm = await runtimeKey(runtime, 'crm', ['prospect_registration', 'customer_registration'])
    await runtime.gate.create(crm, 'prospect_registration', { type: 'prospect', data: { 'contact.name': 'Els Browser', 'contact.email': 'els.browser@policy.example' }, language: 'nl' })
    await runtime.gate.create(crm, 'prospect_registration', { type: 'prospect', data: { 'contact.name': 'Luc Navigateur', 'contact.email': 'luc.navigateur@policy.example' }, language: 'fr' })
    await runtime.gate.create(crm, 'customer_registration', { type: 'customer', data: { 'contact.name': 'Customer Unchanged', 'contact.email': 'customer.unchanged@policy.example' }, language: 'en' })
    const admin = await staffAccount(runtime, app, clock, 'admin@console-policy.example', ['staff_admin'])
    const dpo = await staffAccount(runtime, app, clock, 'dpo@console-policy.example', ['dpo'], { approver: { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) } })
    const session = await signIn(app, clock, dpo)
    // The draft: prospects kept three years instead of two, a material change for prospects only.
    writeFileSync(policyPath, policyText((doc) => (doc.purposes.find((p: any) => p.id === 'prospect_registration').retention.duration = 'P3Y')))
    browser = await launchChromium()
    context = await staffContext(browser, base, session.cookie, { locale: 'en-US' })
    page = await context.newPage()
    cspErrors = watchCsp(page)
  })

  after(async () => {
    await context?.close().catch(() => {})
    await browser?.close()
    await app?.close()
    await runtime?.close()
    await smtp?.close()
    await t?.drop()
    if (dir) removeTempDir(dir)
  })

  const shot = async (tc: TestContext, name: string) => {
    const path = join(shots, `console-policy-${name}.png`)
    await page.screenshot({ path, fullPage: true })
    tc.diagnostic(`screenshot: ${path}`)
  }

  test('REQ-TR-04 a material policy change published from the console with its notices in the outbox', async (tc) => {
    const earliest = brusselsDatePlus(30)
    const pages = { nl: ['Beleid', 'Wezenlijke wijziging'], fr: ['Politique', 'Modification substantielle'], en: ['Policy', 'Material change'] } as const
    for (const [lang, [title, material]] of Object.entries(pages)) {
      const opened = await page.goto(`${base}/admin/policy?lang=${lang}`)
      assert.equal(opened?.status(), 200)
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), title)
      assert.equal(await page.locator('#material').innerText(), material)
      assert.equal(await page.locator('#material-purposes code').innerText(), 'prospect_registration')
      assert.ok((await page.locator('.diff ins').count()) >= 2, 'the diff marks what was added')
      assert.equal(await page.locator('#effective').inputValue(), earliest, 'prefilled with the earliest date')
      await expectAxeClean(page, tc, `policy ${lang}`)
      await shot(tc, `draft-${lang}`)
    }

    // The DPO (on the English page) types the date over the prefilled one, Tab to the button, Enter.
    const [y, m, d] = earliest.split('-')
    await page.locator('#effective').focus()
    await page.keyboard.type(`${m}${d}${y}`)
    assert.equal(await page.locator('#effective').inputValue(), earliest, 'typed as month, day, year (en-US)')
    // Tab leaves the date field (past its calendar button, where Chromium has one) to the submit button.
    const focused = () => page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? document.activeElement.textContent : document.activeElement?.id))
    for (let i = 0; i < 3 && (await focused()) !== 'Publish version 2'; i++) await page.keyboard.press('Tab')
    assert.equal(await focused(), 'Publish version 2')
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')])
    assert.equal(response.status(), 303)
    await page.waitForLoadState('load')
    assert.match(await page.getByRole('status').first().innerText(), /^Version 2 is published and takes effect on .+\. 2 people concerned are told by e-mail\. The publication is in the audit log\.$/)
    const stored = await t.database.db.selectFrom('policy_version').select(['version', 'effective_date']).orderBy('version').execute()
    assert.deepEqual(stored.map((v) => [v.version, String(v.effective_date)]), [[1, brusselsDatePlus(0)], [2, earliest]])
    assert.equal(await page.locator('#notices-2 td').nth(1).innerText(), '2', 'two notices queued')
    await expectAxeClean(page, tc, 'policy published')
    await shot(tc, 'published')

    // The scheduler sends them over SMTP: the two prospects, nobody else.
    await runtime.jobs.start()
    const mails = await smtp.waitFor(2)
    assert.deepEqual(smtp.envelopes.flatMap((e) => e.to).sort(), ['els.browser@policy.example', 'luc.navigateur@policy.example'])
    assert.deepEqual(mails.map((mail) => mail.subject?.replace(/ (vanaf|à partir du) .*$/, '')).sort(), ["Modification de la déclaration de confidentialité d'iXpole", 'Wijziging van de privacyverklaring van iXpole'])
    await until('version 2 settled', async () => {
      const v = await t.database.db.selectFrom('policy_version').select('notification_status').where('version', '=', 2).executeTakeFirstOrThrow()
      return v.notification_status === 'sent' ? true : undefined
    })
    await page.goto(`${base}/admin/policy?lang=en`)
    const row = await page.locator('#notices-2 td').allInnerTexts()
    assert.deepEqual(row, ['sent', '2', '0', '2', '0', '0'])
    await shot(tc, 'notices-sent')
    tc.diagnostic(`screenshots in ${shots}`)
    assert.deepEqual(cspErrors, [])
  })
})
