// The contact page in real Chromium against a listening Pledge (embedded database) that mails a real
// SMTP server run by this test. In Dutch, French and English a person reads the Art. 13 notice, fills
// the form with the keyboard only (the honeypot is never reached by Tab, the newsletter box is
// unticked and is skipped), sends it with Enter and sees the thank-you page; each page is checked
// with axe-core under its own CSP, and screenshots go to test-artifacts/.
import { describe, test, before, after, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { ARTIFACTS, expectAxeClean, launchChromium, watchCsp } from './support/browser.ts'
import { TestClock } from './support/staff.ts'
import { buildApp } from '../src/http/app.ts'
import type { Runtime } from '../src/runtime.ts'

const pglite = DATABASES.find((d) => d.name === 'pglite')!

const READER = {
  nl: { notice: 'Wat we met uw gegevens doen', name: 'Naam *', send: 'Versturen', thanks: 'Bedankt voor uw bericht', ack: 'Uw bericht aan iXpole is ontvangen' },
  fr: { notice: 'Ce que nous faisons de vos données', name: 'Nom *', send: 'Envoyer', thanks: 'Merci pour votre message', ack: 'Votre message à iXpole a bien été reçu' },
  en: { notice: 'What we do with your data', name: 'Name *', send: 'Send', thanks: 'Thank you for your message', ack: 'Your message to iXpole has been received' },
} as const

describe('the contact page in Chromium', { timeout: 180_000 }, () => {
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

  before(async () => {
    t = await pglite.open()
    smtp = await startSmtpServer()
    runtime = await testRuntime(t.database, { now: clock.now, smtpUrl: smtp.url })
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

  const shot = async (tc: TestContext, name: string) => {
    const path = join(ARTIFACTS, `contact-${name}.png`)
    await page.screenshot({ path, fullPage: true })
    tc.diagnostic(`screenshot: ${path}`)
  }

  for (const lang of ['nl', 'fr', 'en'] as const) {
    const r = READER[lang]
    test(`REQ-TR-01 REQ-PD-01 REQ-PD-02 in ${lang}: the notice, a keyboard-only fill and submit, the thank-you page (axe: no serious violation)`, async (tc) => {
      await page.goto(`${base}/contact?lang=${lang}`)
      assert.equal(await page.locator('html').getAttribute('lang'), lang)
      assert.equal(await page.getByRole('heading', { level: 2, name: r.notice }).count(), 1)
      assert.equal(await page.locator('#newsletter').isChecked(), false, 'the newsletter box is unticked')
      await expectAxeClean(page, tc, `${lang} contact form`)
      await shot(tc, `${lang}-1-form`)
      // Keyboard only: focus the first field, type, Tab through the rest.
      await page.getByLabel(r.name).focus()
      await page.keyboard.type(`Browser ${lang}`)
      await page.keyboard.press('Tab')
      await page.keyboard.type(`browser.${lang}@contact.example`)
      for (const text of ['+32 470 11 22 33', 'Acme', 'CTO']) {
        await page.keyboard.press('Tab')
        await page.keyboard.type(text)
      }
      await page.keyboard.press('Tab')
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'message')
      await page.keyboard.type('A question about pricing.')
      await page.keyboard.press('Tab')
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'newsletter', 'Tab skips the honeypot')
      await page.keyboard.press('Tab')
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), r.send)
      await shot(tc, `${lang}-2-filled`)
      // A person takes more than the minimum fill time.
      clock.advance(10_000)
      const before = smtp.messages.length
      await page.keyboard.press('Enter')
      await page.waitForURL(`${base}/contact/sent?lang=${lang}`)
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), r.thanks)
      await expectAxeClean(page, tc, `${lang} thank-you`)
      await shot(tc, `${lang}-3-sent`)
      const mails = await smtp.waitFor(before + 2)
      const ack = mails.slice(before).find((m) => m.subject === r.ack)
      assert.ok(ack, 'the acknowledgement in the page language')
      assert.ok(!`${ack.text}${ack.html}`.includes('A question about pricing.'))
      assert.deepEqual(cspErrors, [])
    })
  }
})
