// Complaints in real Chromium against a listening Pledge (embedded database) that mails a real SMTP
// server run by this test: in Dutch, French and English a person files a complaint in the privacy
// center, enters the code from the mail and sees the confirmation; then the privacy officer handles
// it in the console (list, complaint page, a note, the outcome) and the register prints. Every page
// is checked with axe-core under its own CSP; screenshots go to test-artifacts/.
import { describe, test, before, after, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { expectAxeClean, launchChromium, screenshot, staffContext, watchCsp } from './support/browser.ts'
import { TestClock, signIn, staffAccount } from './support/staff.ts'
import { buildApp } from '../src/http/app.ts'
import type { Runtime } from '../src/runtime.ts'

const pglite = DATABASES.find((d) => d.name === 'pglite')!

const READER = {
  nl: { name: 'Uw naam *', submit: 'Klacht indienen', code: 'Code uit de e-mail', confirm: 'Bevestigen', confirmed: 'Uw klacht is ontvangen', authority: 'U kunt altijd naar de Gegevensbeschermingsautoriteit' },
  fr: { name: 'Votre nom *', submit: 'Déposer la plainte', code: 'Code reçu par e-mail', confirm: 'Confirmer', confirmed: 'Votre plainte a bien été reçue', authority: "Vous pouvez toujours vous adresser à l'Autorité de protection des données" },
  en: { name: 'Your name *', submit: 'File the complaint', code: 'Code from the e-mail', confirm: 'Confirm', confirmed: 'Your complaint has been received', authority: 'You may always go to the Data Protection Authority' },
} as const

describe('complaints in Chromium: filed in the privacy center, handled in the console', { timeout: 240_000 }, () => {
  let t: TestDatabase
  let smtp: TestSmtpServer
  let runtime: Runtime
  let app: FastifyInstance
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let base = ''
  let cspErrors: string[] = []
  const clock = new TestClock()
  const filed: string[] = []

  before(async () => {
    t = await pglite.open()
    smtp = await startSmtpServer()
    runtime = await testRuntime(t.database, { now: clock.now, smtpUrl: smtp.url, staffSessions: { attemptsPerMinutePerAddress: 10_000 } })
    app = await buildApp(runtime)
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '')
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1000, height: 900 } })
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
  })

  for (const lang of ['nl', 'fr', 'en'] as const) {
    const r = READER[lang]
    test(`REQ-ID-09 in ${lang}: a complaint filed with the keyboard, confirmed by the code from the mail (axe: no serious violation)`, async (tc) => {
      await page.goto(`${base}/privacy-center?lang=${lang}`)
      await page.locator('#complaint-link').click()
      await page.waitForURL(`${base}/privacy-center/complaints?lang=${lang}`)
      assert.equal(await page.locator('html').getAttribute('lang'), lang)
      assert.equal(await page.getByRole('heading', { level: 2, name: r.authority }).count(), 1)
      await expectAxeClean(page, tc, `${lang} complaint form`)
      await screenshot(page, tc, `complaints-${lang}-1-form`)
      await page.getByLabel(r.name).focus()
      await page.keyboard.type(`Browser ${lang}`)
      await page.keyboard.press('Tab')
      await page.keyboard.type(`complainant.${lang}@complaints.example`)
      await page.keyboard.press('Tab')
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'description')
      await page.keyboard.type('I kept getting mail after I unsubscribed.')
      await page.keyboard.press('Tab')
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), r.submit, 'Tab skips the honeypot')
      clock.advance(10_000)
      const before = smtp.messages.length
      await page.keyboard.press('Enter')
      await page.waitForURL(new RegExp(`/privacy-center/complaints/[0-9a-f-]{36}\\?lang=${lang}$`))
      filed.push(/complaints\/([0-9a-f-]{36})/.exec(page.url())![1]!)
      await expectAxeClean(page, tc, `${lang} code page`)
      await screenshot(page, tc, `complaints-${lang}-2-code`)
      const [mail] = (await smtp.waitFor(before + 1)).slice(before)
      assert.ok(!`${mail!.text}${mail!.html}`.includes('unsubscribed'), 'the code mail does not repeat the complaint')
      const code = /\n {4}(\d{6})\n/.exec(mail!.text ?? '')![1]!
      await page.getByLabel(r.code).fill(code)
      await page.getByRole('button', { name: r.confirm }).click()
      await page.getByRole('heading', { level: 1, name: r.confirmed }).waitFor()
      await expectAxeClean(page, tc, `${lang} confirmed`)
      await screenshot(page, tc, `complaints-${lang}-3-confirmed`)
      await smtp.waitFor(before + 3)
      assert.deepEqual(cspErrors, [])
    })
  }

  test('REQ-AUD-01 the privacy officer handles a complaint in the console: list, complaint page, note, outcome, printable register (axe: no serious violation)', async (tc) => {
    const admin = await staffAccount(runtime, app, clock, 'admin@complaints-browser.example', ['staff_admin'])
    const approver = { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) }
    const dpo = await staffAccount(runtime, app, clock, 'dpo@complaints-browser.example', ['dpo'], { approver })
    const session = await signIn(app, clock, dpo)
    const staff = await staffContext(browser, base, session.cookie)
    const console = await staff.newPage()
    const errors = watchCsp(console)
    try {
      await console.goto(`${base}/admin/complaints?lang=en`)
      assert.equal(await console.getByRole('link', { name: 'Complaints' }).getAttribute('aria-current'), 'page')
      for (const id of filed) assert.equal(await console.getByRole('link', { name: id }).count(), 1)
      await expectAxeClean(console, tc, 'console complaints list')
      await screenshot(console, tc, 'complaints-console-1-list')
      await console.getByRole('link', { name: filed[2]! }).click()
      await console.locator('#complaint-description').waitFor()
      assert.match(await console.locator('#complaint-description').innerText(), /I kept getting mail after I unsubscribed\./)
      await expectAxeClean(console, tc, 'console complaint page')
      await screenshot(console, tc, 'complaints-console-2-complaint')
      await console.getByLabel(/^Note/).fill('Address was missing from the suppression list.')
      await console.getByRole('button', { name: 'Save the note' }).click()
      await console.getByText('Recorded.').waitFor()
      const before = smtp.messages.length
      await console.getByLabel('Outcome', { exact: true }).selectOption('upheld')
      await console.getByLabel(/^Explanation for the complainant/).fill('Your address is now on the suppression list.')
      await console.getByRole('button', { name: 'Record and send the outcome' }).click()
      await console.locator('#complaint-outcome').waitFor()
      assert.equal(await console.locator('#complaint-outcome').innerText(), 'upheld')
      assert.equal(await console.locator('#complaint-notes li').count(), 1)
      await expectAxeClean(console, tc, 'console complaint closed')
      await screenshot(console, tc, 'complaints-console-3-closed')
      const [outcome] = (await smtp.waitFor(before + 1)).slice(before)
      assert.equal(outcome!.subject, `The outcome of your complaint to iXpole (${filed[2]})`)
      await console.goto(`${base}/admin/exports/complaint-register?lang=en`)
      assert.equal(await console.locator('tbody tr').count(), 3)
      await expectAxeClean(console, tc, 'complaint register print')
      await screenshot(console, tc, 'complaints-console-4-register')
      await console.emulateMedia({ media: 'print' })
      await screenshot(console, tc, 'complaints-console-5-register-print')
      assert.deepEqual(errors, [])
    } finally {
      await staff.close()
    }
  })
})
