// The cookie banner in real Chromium: Pledge listens on one port, a demo site on another origin
// includes banner.js with one tag and carries inert analytics and marketing scripts that call a
// counter on the demo server. One browser for the file, one context (fresh cookies) per case.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import { bannerScript } from '../src/banner/build.ts'
import { cookiePolicyVersion } from '../src/banner/cookie-policy.ts'
import { ARTIFACTS, launchChromium } from './support/browser.ts'
import type { Runtime } from '../src/runtime.ts'

const pglite = DATABASES.find((d) => d.name === 'pglite')!

describe('the cookie banner in Chromium, on a site of another origin', { timeout: 300_000 }, () => {
  let t: TestDatabase
  let runtime: Runtime
  let app: FastifyInstance
  let pledge = ''
  let demo = ''
  let demoServer: Server
  let browser: Browser
  let policyVersion = ''
  const hits = new Map<string, number>()
  const count = (run: string, category: string) => hits.get(`${run}:${category}`) ?? 0
  const contexts: BrowserContext[] = []

  before(async () => {
    t = await pglite.open()
    runtime = await testRuntime(t.database)
    app = await buildApp(runtime)
    pledge = await app.listen({ host: '127.0.0.1', port: 0 })
    policyVersion = cookiePolicyVersion(runtime.policy().cookies)
    await bannerScript()
    demoServer = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://demo')
      if (url.pathname === '/collect' && req.method === 'POST') {
        const key = `${url.searchParams.get('run')}:${url.searchParams.get('c')}`
        hits.set(key, (hits.get(key) ?? 0) + 1)
        res.writeHead(204).end()
        return
      }
      if (url.pathname !== '/') {
        res.writeHead(404).end()
        return
      }
      const run = url.searchParams.get('run') ?? 'none'
      const lang = url.searchParams.get('lang')
      // Each script notes in the page that it ran, then calls the counter: that it did not run is
      // then a state to read, not a quiet moment to wait out.
      const collect = (c: string) => `(window.__ran = window.__ran || []).push('${c}'); fetch('${demo}/collect?run=${run}&c=${c}', {method:'POST'})`
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Demo shop</title>
<script src="${pledge}/banner.js"${lang ? ` data-lang="${lang}"` : ''}></script>
</head><body>
<main><h1>Demo shop</h1><p>Products, prices and a contact form.</p>
<button type="button" onclick="this.textContent='Used'">Use the site</button></main>
<footer><a href="#" data-pledge-cookie-settings>Manage cookies</a></footer>
<script type="text/plain" data-category="analytics">${collect('analytics')}</script>
<script type="text/plain" data-category="marketing">${collect('marketing')}</script>
</body></html>`)
    })
    await new Promise<void>((resolve) => demoServer.listen(0, '127.0.0.1', resolve))
    demo = `http://127.0.0.1:${(demoServer.address() as AddressInfo).port}`
    browser = await launchChromium()
  })

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
    await new Promise((resolve) => (demoServer ? demoServer.close(resolve) : resolve(undefined)))
    await app?.close()
    await runtime?.close()
    await t?.drop()
  })

  /** `init` is script source run before each page (a string: tsx would wrap a function's inner names). */
  async function context(init?: string): Promise<BrowserContext> {
    const c = await browser.newContext({ viewport: { width: 1000, height: 700 } })
    if (init) await c.addInitScript({ content: init })
    contexts.push(c)
    return c
  }

  /** Opens the demo page and waits until the banner has loaded its policy and mounted. */
  async function visit(c: BrowserContext, run: string, lang?: string): Promise<Page> {
    const page = await c.newPage()
    await page.goto(`${demo}/?run=${run}${lang ? `&lang=${lang}` : ''}`)
    await settled(page)
    return page
  }

  async function settled(page: Page): Promise<void> {
    await page.waitForFunction(() => !!document.getElementById('pledge-cookie-banner')?.shadowRoot?.querySelector('button'))
  }

  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })
  const inert = (page: Page, category: string) => page.locator(`script[type="text/plain"][data-category="${category}"]`).count()
  const proofPosted = (page: Page) => page.waitForResponse((r) => r.url().endsWith('/v1/cookie-consents') && r.request().method() === 'POST')

  /**
   * The non-essential scripts that ran in this page, in order. The banner activates scripts
   * synchronously (on load, in the same task that mounts it; on a choice, in the click handler), so
   * once `settled` or a click has returned, a script that was going to run has run.
   */
  const ran = (page: Page) => page.evaluate(() => (window as unknown as { __ran?: string[] }).__ran ?? [])

  async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs
    while (!check()) {
      if (Date.now() > end) assert.fail(`timed out waiting for ${what}`)
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  async function proofs(consentId: string) {
    return t.database.db.selectFrom('cookie_consent').selectAll().where('consent_id', '=', consentId).execute()
  }

  test('REQ-CK-01 REQ-CON-04 REQ-CK-03 nothing non-essential runs before a choice; silence and Escape never consent; the site stays usable', async () => {
    const run = randomUUID()
    const page = await visit(await context(), run, 'en')
    const dialog = page.getByRole('dialog', { name: 'Your choice about cookies' })
    await dialog.waitFor()
    // Focus is on the dialog title.
    assert.equal(await page.evaluate(() => document.getElementById('pledge-cookie-banner')!.shadowRoot!.activeElement?.id), 'pledge-t')
    // No cookie wall: the page works with the banner open; scrolling and using it consent to nothing.
    await page.getByRole('button', { name: 'Use the site' }).click()
    await page.getByRole('button', { name: 'Used' }).waitFor()
    await page.evaluate(() => void ((window as unknown as { __wheel: Promise<void> }).__wheel = new Promise<void>((r) => addEventListener('wheel', () => r(), { once: true }))))
    await page.mouse.wheel(0, 400)
    await page.evaluate(() => (window as unknown as { __wheel: Promise<void> }).__wheel)
    assert.deepEqual(await ran(page), [], 'the page has handled the wheel: no script ran')
    assert.equal(count(run, 'analytics') + count(run, 'marketing'), 0)
    // Escape inside the dialog closes it without deciding anything.
    await button(page, 'Settings').focus()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    assert.deepEqual(await ran(page), [])
    assert.equal(await inert(page, 'analytics'), 1)
    assert.equal(await inert(page, 'marketing'), 1)
    assert.equal(count(run, 'analytics') + count(run, 'marketing'), 0)
    assert.equal(await page.evaluate(() => (window as unknown as { Pledge: { consent(): unknown } }).Pledge.consent()), null)
    // Nothing was decided, so the banner asks again on the next page.
    await page.reload()
    await settled(page)
    await dialog.waitFor()
    assert.equal(count(run, 'analytics'), 0)
  })

  test('REQ-CK-01 REQ-CK-07 "Accept all" activates the analytics script once and records the proof server-side', async () => {
    const run = randomUUID()
    const page = await visit(await context(), run, 'en')
    const posted = proofPosted(page)
    await button(page, 'Accept all').click()
    assert.equal((await posted).status(), 201)
    await until('one analytics call', () => count(run, 'analytics') === 1)
    await until('one marketing call', () => count(run, 'marketing') === 1)
    assert.equal(await page.getByRole('dialog').count(), 0)
    const consent = await page.evaluate(() => (window as unknown as { Pledge: { consent(): { id: string; choices: Record<string, boolean> } } }).Pledge.consent())
    assert.deepEqual(consent.choices, { necessary: true, analytics: true, marketing: true })
    const rows = await proofs(consent.id)
    assert.equal(rows.length, 1)
    assert.deepEqual(rows[0]!.choices, { necessary: true, analytics: true, marketing: true })
    assert.equal(rows[0]!.policy_version, policyVersion)
    assert.equal(rows[0]!.banner_version, (await bannerScript()).version)
    assert.equal(rows[0]!.lang, 'en')
    assert.equal(rows[0]!.gpc, false)
    assert.deepEqual(await ran(page), ['analytics', 'marketing'], 'each script ran exactly once')
    assert.equal(count(run, 'analytics'), 1)
  })

  test('REQ-CK-01 REQ-CK-03 "Refuse all": nothing non-essential runs, now or after a reload, and the site works', async () => {
    const run = randomUUID()
    const page = await visit(await context(), run, 'en')
    const posted = proofPosted(page)
    await button(page, 'Refuse all').click()
    assert.equal((await posted).status(), 201)
    await button(page, 'Cookie settings').waitFor()
    await page.getByRole('button', { name: 'Use the site' }).click()
    await page.getByRole('button', { name: 'Used' }).waitFor()
    await page.reload()
    await settled(page)
    await button(page, 'Cookie settings').waitFor()
    assert.equal(await page.getByRole('dialog').count(), 0, 'a refusal is remembered')
    assert.deepEqual(await ran(page), [])
    assert.equal(await inert(page, 'analytics'), 1)
    assert.equal(count(run, 'analytics') + count(run, 'marketing'), 0)
    const consent = await page.evaluate(() => (window as unknown as { Pledge: { consent(): { id: string } } }).Pledge.consent())
    const rows = await proofs(consent.id)
    assert.deepEqual(rows.map((r) => r.choices), [{ necessary: true, analytics: false, marketing: false }])
  })

  test('REQ-CK-02 REQ-CON-04 first layer: Accept all and Refuse all side by side, alike; Settings lists every category, only necessary on', async () => {
    const run = randomUUID()
    const page = await visit(await context(), run, 'en')
    const accept = button(page, 'Accept all')
    const refuse = button(page, 'Refuse all')
    const look = (el: Element) => {
      const s = getComputedStyle(el)
      return { tag: el.tagName, cls: el.className, props: ['color', 'background-color', 'font-size', 'font-weight', 'font-family', 'border', 'border-radius', 'padding', 'text-decoration-line'].map((p) => s.getPropertyValue(p)) }
    }
    assert.deepEqual(await accept.evaluate(look), await refuse.evaluate(look))
    const a = (await accept.boundingBox())!
    const r = (await refuse.boundingBox())!
    assert.equal(Math.round(a.y), Math.round(r.y), 'side by side')
    assert.ok(Math.abs(a.height - r.height) < 1 && Math.abs(a.width - r.width) < 2, 'same size')
    // Second layer, per category.
    await button(page, 'Settings').click()
    const necessary = page.getByRole('checkbox', { name: /Strictly necessary cookies/ })
    const analytics = page.getByRole('checkbox', { name: 'Analytics cookies' })
    const marketing = page.getByRole('checkbox', { name: 'Marketing cookies' })
    assert.equal(await necessary.isChecked(), true)
    assert.equal(await necessary.isDisabled(), true)
    assert.equal(await analytics.isChecked(), false)
    assert.equal(await marketing.isChecked(), false)
    assert.ok(await page.getByText(/_pk_id \(iXpole \(Matomo\)/).isVisible(), 'the cookies of each category are listed')
    await analytics.check()
    const posted = proofPosted(page)
    await button(page, 'Save choices').click()
    assert.equal((await posted).status(), 201)
    await until('the analytics call', () => count(run, 'analytics') === 1)
    assert.deepEqual(await ran(page), ['analytics'], 'marketing did not run')
    assert.equal(count(run, 'marketing'), 0)
    assert.equal(await inert(page, 'marketing'), 1)
  })

  test('REQ-CK-05 REQ-CON-06 withdrawal is the persistent settings button plus "Refuse all" (2 clicks, no more than giving) and stops the script on the next load', async () => {
    let clicks = 0
    const click = async (page: Page, name: string) => {
      clicks++
      await button(page, name).click()
    }
    // Accept, then the next page runs the script again.
    const run = randomUUID()
    const page = await visit(await context(), run, 'en')
    await click(page, 'Accept all')
    await until('the analytics call', () => count(run, 'analytics') === 1)
    await page.reload()
    await settled(page)
    await until('the analytics call on the next page', () => count(run, 'analytics') === 2)
    // Withdraw.
    clicks = 0
    await click(page, 'Cookie settings')
    await page.getByRole('dialog').waitFor()
    const posted = proofPosted(page)
    await click(page, 'Refuse all')
    assert.equal((await posted).status(), 201)
    const withdrawClicks = clicks
    // Focus goes back to the settings button it was opened from.
    assert.equal(await page.evaluate(() => document.getElementById('pledge-cookie-banner')!.shadowRoot!.activeElement?.textContent), 'Cookie settings')
    await page.reload()
    await settled(page)
    await button(page, 'Cookie settings').waitFor()
    assert.deepEqual(await ran(page), [], 'nothing ran on the page after withdrawal')
    assert.equal(count(run, 'analytics'), 2, 'no call after withdrawal')
    assert.equal(await inert(page, 'analytics'), 1)
    const consent = await page.evaluate(() => (window as unknown as { Pledge: { consent(): { id: string } } }).Pledge.consent())
    assert.deepEqual((await proofs(consent.id)).map((r) => r.choices.analytics).sort(), [false, true], 'both choices are on record under one consent id')

    // Giving consent from the same state (after a refusal) takes the same path: settings + Accept all.
    clicks = 0
    await click(page, 'Cookie settings')
    await click(page, 'Accept all')
    await until('the analytics call after consenting again', () => count(run, 'analytics') === 3)
    const giveClicks = clicks
    assert.equal(withdrawClicks, 2)
    assert.ok(withdrawClicks <= giveClicks, `withdrawing took ${withdrawClicks} clicks, giving ${giveClicks}`)
    // Any element marked data-pledge-cookie-settings (a footer link) reopens it too.
    await page.getByRole('link', { name: 'Manage cookies' }).click()
    await page.getByRole('dialog').waitFor()
  })

  test('REQ-CK-05 keyboard only: Tab to the buttons, Enter decides; the dialog is labelled', async () => {
    const run = randomUUID()
    const page = await visit(await context(), run, 'en')
    await page.getByRole('dialog', { name: 'Your choice about cookies' }).waitFor()
    // Title (focused) → privacy statement link → Accept all → Refuse all.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.getElementById('pledge-cookie-banner')!.shadowRoot!.activeElement?.textContent), 'Refuse all')
    const posted = proofPosted(page)
    await page.keyboard.press('Enter')
    assert.equal((await posted).status(), 201)
    assert.equal(await page.getByRole('dialog').count(), 0)
    assert.equal(count(run, 'analytics'), 0)
  })

  test('Global Privacy Control: navigator.globalPrivacyControl is a refusal without asking, recorded with gpc: true', async () => {
    const run = randomUUID()
    const c = await context("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })")
    const page = await c.newPage()
    const posted = proofPosted(page)
    await page.goto(`${demo}/?run=${run}&lang=nl`)
    assert.equal((await posted).status(), 201)
    await settled(page)
    await button(page, 'Cookie-instellingen').waitFor()
    assert.equal(await page.getByRole('dialog').count(), 0, 'no banner nags')
    await page.reload()
    await settled(page)
    assert.deepEqual(await ran(page), [])
    assert.equal(await page.getByRole('dialog').count(), 0)
    assert.equal(count(run, 'analytics') + count(run, 'marketing'), 0)
    const consent = await page.evaluate(() => (window as unknown as { Pledge: { consent(): { id: string; gpc: boolean } } }).Pledge.consent())
    assert.equal(consent.gpc, true)
    const rows = await proofs(consent.id)
    assert.equal(rows.length, 1, 'recorded once, not on every page')
    assert.equal(rows[0]!.gpc, true)
    assert.deepEqual(rows[0]!.choices, { necessary: true, analytics: false, marketing: false })
  })

  test('REQ-CK-08 asked again six months after an acceptance or when the cookie policy changes; a refusal is remembered', async () => {
    const day = 864e5
    const cases = [
      { name: 'acceptance of 200 days ago', v: policyVersion, granted: true, age: 200, asks: true },
      { name: 'acceptance of 10 days ago', v: policyVersion, granted: true, age: 10, asks: false },
      { name: 'refusal of 400 days ago', v: policyVersion, granted: false, age: 400, asks: false },
      { name: 'refusal under an older cookie policy', v: '0'.repeat(64), granted: false, age: 1, asks: true },
    ]
    for (const k of cases) {
      const run = randomUUID()
      const c = await context()
      const stored = { i: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', v: k.v, c: { necessary: true, analytics: k.granted, marketing: k.granted }, t: Date.now() - k.age * day }
      await c.addCookies([{ name: 'pledge_consent', value: encodeURIComponent(JSON.stringify(stored)), url: demo }])
      const page = await visit(c, run, 'en')
      if (k.asks) {
        await page.getByRole('dialog').waitFor()
        assert.deepEqual(await ran(page), [], `${k.name}: nothing runs until asked again`)
        assert.equal(count(run, 'analytics'), 0, `${k.name}: nothing runs until asked again`)
      } else {
        await button(page, 'Cookie settings').waitFor()
        assert.equal(await page.getByRole('dialog').count(), 0, `${k.name}: not asked again`)
        if (k.granted) await until(`${k.name}: analytics runs`, () => count(run, 'analytics') === 1)
      }
    }
  })

  test('the banner in nl, fr and en (screenshots in test-artifacts/)', async () => {
    const names = { nl: ['Alles accepteren', 'Alles weigeren', 'Instellingen'], fr: ['Tout accepter', 'Tout refuser', 'Paramètres'], en: ['Accept all', 'Refuse all', 'Settings'] }
    const c = await context()
    for (const lang of ['nl', 'fr', 'en'] as const) {
      const page = await visit(c, randomUUID(), lang)
      await page.getByRole('dialog').waitFor()
      for (const name of names[lang]) await button(page, name).waitFor()
      await page.screenshot({ path: join(ARTIFACTS, `banner-${lang}.png`) })
      await page.close()
    }
  })
})
