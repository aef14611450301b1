// The staff pages in real Chromium against a real listening Pledge (embedded database): the first
// staff administrator is made from the first-run setup link (password, authenticator key read off the
// page, code computed as an app would, ten recovery codes), the used link no longer works, a login
// with password and TOTP code lands on the home page with an HttpOnly, SameSite=Strict cookie, the
// header's Sign out ends the session, and five wrong passwords lock the account for 15 minutes.
// Every page is checked with axe-core (no serious or critical violation) under the pages' own CSP,
// and screenshots of the main steps go to test-artifacts/staff-*.png.
import { describe, test, before, after, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page, Response } from 'playwright-core'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { ARTIFACTS, expectAxeClean, launchChromium, watchCsp } from './support/browser.ts'
import { GOOD_PASSWORD, TestClock, totpCode } from './support/staff.ts'
import { buildApp } from '../src/http/app.ts'
import { ensureFirstRunLink, SETUP_LINK_FILE } from '../src/staff/first-run.ts'
import type { Runtime } from '../src/runtime.ts'

const pglite = DATABASES.find((d) => d.name === 'pglite')!
const EMAIL = 'admin@ixpole.example'

describe('the staff pages in Chromium, against a listening Pledge', { timeout: 300_000 }, () => {
  let t: TestDatabase
  let runtime: Runtime
  let app: FastifyInstance
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let base = ''
  let dir = ''
  let link = ''
  let secret = ''
  // The server and the test read the same clock, so the test's TOTP codes are the server's. It
  // starts at the real time: the session cookie's Expires is computed from it, and a browser drops a
  // cookie whose Expires is already past.
  const clock = new TestClock(Date.now())
  /** Content-Security-Policy complaints Chromium logged: the pages must work under their own CSP. */
  let cspErrors: string[] = []

  before(async () => {
    t = await pglite.open()
    // The per-address login limit (10 a minute) has its own test in staff-accounts.test.ts; this
    // file's eight logins must not depend on how fast the machine is.
    runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 1000 } })
    app = await buildApp(runtime)
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '')
    dir = mkdtempSync(join(tmpdir(), 'pledge-staff-browser-'))
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1000, height: 800 } })
    page = await context.newPage()
    cspErrors = watchCsp(page)
  })

  after(async () => {
    await context?.close().catch(() => {})
    await browser?.close()
    await app?.close()
    await runtime?.close()
    await t?.drop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  const shot = async (tc: TestContext, name: string) => {
    const path = join(ARTIFACTS, `staff-${name}.png`)
    await page.screenshot({ path, fullPage: true })
    tc.diagnostic(`screenshot: ${path}`)
  }


  /** Presses a form's submit button and waits for the page the post answers with. */
  async function submit(button: string, path: string): Promise<Response> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path),
      page.getByRole('button', { name: button, exact: true }).click(),
    ])
    await page.waitForLoadState('load')
    return response
  }

  const h1 = () => page.getByRole('heading', { level: 1 }).innerText()

  async function login(password: string, code: string): Promise<Response> {
    await page.getByLabel('Work e-mail address').fill(EMAIL)
    await page.getByLabel('Password').fill(password)
    await page.getByLabel(/^Code from your authenticator app/).fill(code)
    return submit('Sign in', '/admin/login')
  }

  test('REQ-SEC-03 first-run setup from the setup link: password, authenticator key and code, ten recovery codes (axe: no serious violation)', async (tc) => {
    const logger = { info: () => {}, warn: () => {} }
    assert.equal(await ensureFirstRunLink(runtime.staff.directory, dir, base, logger), 'written')
    link = readFileSync(join(dir, SETUP_LINK_FILE), 'utf8').trim()
    assert.match(link, new RegExp(`^${base.replace(/[.:/]/g, '\\$&')}/admin/setup\\?token=[A-Za-z0-9_-]{43}$`))

    const opened = await page.goto(link)
    assert.equal(opened?.status(), 200)
    assert.equal(await h1(), 'Set up your staff account')
    await page.getByLabel('Your work e-mail address').fill(EMAIL)
    await page.getByLabel(/^Password/).fill(GOOD_PASSWORD)
    await page.getByLabel('The same password again').fill(GOOD_PASSWORD)
    await expectAxeClean(page, tc, 'setup password step')
    await shot(tc, '1-setup-password')

    const step1 = await submit('Continue', '/admin/setup')
    assert.equal(step1.status(), 200, await page.locator('main').innerText())
    await page.locator('#totp-secret').waitFor()
    assert.equal(await h1(), 'Set up your authenticator app')
    secret = (await page.locator('#totp-secret').innerText()).replace(/\s+/g, '')
    assert.match(secret, /^[A-Z2-7]{16,}$/)
    await expectAxeClean(page, tc, 'authenticator step')
    await shot(tc, '2-setup-authenticator')

    await page.getByLabel('The 6-digit code the app shows now').fill(await totpCode(secret, clock))
    const step2 = await submit('Confirm', '/admin/setup/code')
    assert.equal(step2.status(), 200)
    assert.equal(await h1(), 'Your recovery codes')
    const codes = await page.locator('#recovery-codes li').allInnerTexts()
    assert.equal(codes.length, 10)
    for (const c of codes) assert.match(c, /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/)
    assert.equal(new Set(codes).size, 10)
    await expectAxeClean(page, tc, 'recovery codes')
    await shot(tc, '3-recovery-codes')

    const account = await runtime.staff.directory.find(EMAIL)
    assert.equal(account.status, 'active')
    assert.deepEqual(account.roles.map((r) => [r.role, r.inEffect]), [['staff_admin', true]])
  })

  test('REQ-SEC-03 the setup link works once: opened again it shows the "does not work" page (410) (axe: no serious violation)', async (tc) => {
    assert.ok(link, 'the setup test ran')
    const again = await page.goto(link)
    assert.equal(again?.status(), 410)
    assert.equal(await h1(), 'This setup link does not work')
    await page.getByText('unknown, was used already, or is older than 24 hours').waitFor()
    assert.equal(await page.locator('#password').count(), 0, 'no form to set a password')
    await expectAxeClean(page, tc, 'invalid setup link')
  })

  test('REQ-SEC-03 login with password and TOTP code lands on /admin; the session cookie is HttpOnly and SameSite=Strict (axe: no serious violation)', async (tc) => {
    assert.ok(secret, 'the setup test ran')
    await page.goto(`${base}/admin/login`)
    assert.equal(await h1(), 'Sign in')
    await expectAxeClean(page, tc, 'login')
    clock.advance(30_000) // a new TOTP step: the setup's code is spent
    const res = await login(GOOD_PASSWORD, await totpCode(secret, clock))
    assert.equal(res.status(), 303)
    assert.equal(new URL(page.url()).pathname, '/admin')
    assert.equal(await h1(), 'Your staff account')
    assert.equal(await page.locator('header').getByText(EMAIL, { exact: true }).count(), 1, 'the header shows who is signed in')
    await page.getByRole('cell', { name: 'staff_admin', exact: true }).waitFor()
    await page.getByRole('cell', { name: 'in effect', exact: true }).waitFor()

    const session = (await context.cookies(base)).find((c) => c.name === 'pledge_staff')
    assert.ok(session, 'the session cookie is set')
    assert.match(session.value, /^[A-Za-z0-9_-]{43}$/)
    assert.equal(session.httpOnly, true)
    assert.equal(session.sameSite, 'Strict')
    assert.equal(session.secure, false, 'plain http on 127.0.0.1')
    assert.equal(await page.evaluate(() => document.cookie), '', 'page scripts cannot read it')
    await expectAxeClean(page, tc, 'home')
    await shot(tc, '5-home')
  })

  test('REQ-SEC-03 the header\'s Sign out ends the session: the login page says so and /admin sends back to the login page', async (tc) => {
    assert.equal(new URL(page.url()).pathname, '/admin', 'the login test left the browser signed in')
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/admin/logout'),
      page.locator('header').getByRole('button', { name: 'Sign out', exact: true }).click(),
    ])
    await page.waitForLoadState('load')
    assert.equal(response.status(), 200)
    assert.equal(await h1(), 'Sign in')
    assert.equal(await page.getByRole('status').innerText(), 'You are signed out.')
    await expectAxeClean(page, tc, 'signed out')
    assert.equal((await context.cookies(base)).find((c) => c.name === 'pledge_staff'), undefined, 'the cookie is cleared')
    const home = await page.goto(`${base}/admin`)
    assert.equal(new URL(page.url()).pathname, '/admin/login')
    assert.equal(home?.request().redirectedFrom()?.url(), `${base}/admin`)
    assert.equal(await h1(), 'Sign in')
  })

  test('REQ-SEC-03 five wrong passwords lock the account until HH:MM UTC; the right password and code do not open it; 16 minutes later they do (axe: no serious violation)', async (tc) => {
    await page.goto(`${base}/admin/login`)
    for (let i = 1; i <= 4; i++) {
      const res = await login(`wrong password number ${i}`, await totpCode(secret, clock))
      assert.equal(res.status(), 401)
      const alert = await page.getByRole('alert').innerText()
      assert.match(alert, /password or the code is wrong/)
      assert.ok(alert.includes(`${5 - i} more tr`), alert)
      assert.equal(await page.getByLabel('Work e-mail address').inputValue(), EMAIL, 'the address stays filled in')
      if (i === 1) await expectAxeClean(page, tc, 'login with an error')
    }
    const fifth = await login('wrong password number 5', await totpCode(secret, clock))
    assert.equal(fifth.status(), 429)
    assert.equal(await fifth.headerValue('retry-after'), '900')
    const until = new Date(clock.now().getTime() + 15 * 60_000).toISOString().slice(11, 16)
    const locked = await page.getByRole('alert').innerText()
    assert.ok(locked.includes(`locked until ${new Date(clock.now().getTime() + 15 * 60_000).toISOString().slice(0, 10)} ${until} UTC`), locked)
    assert.ok(locked.includes('in 15 minutes'), locked)
    await expectAxeClean(page, tc, 'locked')
    await shot(tc, '4-login-locked')

    // The right password with a fresh code: still locked.
    clock.advance(30_000)
    const right = await login(GOOD_PASSWORD, await totpCode(secret, clock))
    assert.equal(right.status(), 429)
    const still = await page.getByRole('alert').innerText()
    assert.ok(still.includes(`locked until`) && still.includes(`${until} UTC`), still)
    assert.equal((await context.cookies(base)).find((c) => c.name === 'pledge_staff'), undefined, 'no session')

    clock.advance(16 * 60_000)
    const open = await login(GOOD_PASSWORD, await totpCode(secret, clock))
    assert.equal(open.status(), 303)
    assert.equal(new URL(page.url()).pathname, '/admin')
    assert.equal(await h1(), 'Your staff account')
    assert.ok((await context.cookies(base)).some((c) => c.name === 'pledge_staff'))
  })

  test('REQ-SEC-03 no page broke its own Content-Security-Policy', () => {
    assert.deepEqual(cspErrors, [])
  })
})
