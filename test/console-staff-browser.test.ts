// The console's staff and keys pages in real Chromium against a listening Pledge (embedded
// database). Two people sign in through the real login page with password and TOTP code, each in
// their own browser context: a support employee working on a console page, and the staff
// administrator who ends that session on /admin/staff — the employee's next click lands on the
// sign-in page. The staff pages (accounts, one account, access review, API keys, a new key) are
// axe-core clean in nl, fr and en under their own CSP; screenshots go to test-artifacts/console-staff-*.png.
import { describe, test, before, after, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { ARTIFACTS, expectAxeClean, launchChromium, watchCsp } from './support/browser.ts'
import { TestClock, staffAccount, totpCode, type TestAccount } from './support/staff.ts'
import { buildApp } from '../src/http/app.ts'
import type { Runtime } from '../src/runtime.ts'

const pglite = DATABASES.find((d) => d.name === 'pglite')!

describe('the console\'s staff and keys pages in Chromium', { timeout: 300_000 }, () => {
  let t: TestDatabase
  let runtime: Runtime
  let app: FastifyInstance
  let browser: Browser
  let adminContext: BrowserContext
  let userContext: BrowserContext
  let adminPage: Page
  let userPage: Page
  let base = ''
  let admin: TestAccount
  let user: TestAccount
  // Real time: the browser drops a session cookie whose Expires is already past.
  const clock = new TestClock(Date.now())
  let adminCsp: string[] = []
  let userCsp: string[] = []

  before(async () => {
    t = await pglite.open()
    runtime = await testRuntime(t.database, { now: clock.now, staffSessions: { attemptsPerMinutePerAddress: 1000 } })
    app = await buildApp(runtime)
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '')
    admin = await staffAccount(runtime, app, clock, 'admin@staff-browser.example', ['staff_admin'])
    user = await staffAccount(runtime, app, clock, 'support@staff-browser.example', ['support'], { approver: { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) } })
    browser = await launchChromium()
    adminContext = await browser.newContext({ viewport: { width: 1100, height: 800 } })
    userContext = await browser.newContext({ viewport: { width: 1000, height: 800 } })
    adminPage = await adminContext.newPage()
    userPage = await userContext.newPage()
    adminCsp = watchCsp(adminPage)
    userCsp = watchCsp(userPage)
  })

  after(async () => {
    await adminContext?.close().catch(() => {})
    await userContext?.close().catch(() => {})
    await browser?.close()
    await app?.close()
    await runtime?.close()
    await t?.drop()
  })

  const shot = async (tc: TestContext, page: Page, name: string) => {
    const path = join(ARTIFACTS, `console-staff-${name}.png`)
    await page.screenshot({ path, fullPage: true })
    tc.diagnostic(`screenshot: ${path}`)
  }
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).innerText()

  /** The real login page: address, password and the authenticator's code (a fresh 30-second step). */
  async function signIn(page: Page, account: TestAccount): Promise<void> {
    clock.advance(30_000)
    await page.goto(`${base}/admin/login`)
    await page.getByLabel('Work e-mail address').fill(account.email)
    await page.getByLabel('Password').fill(account.password)
    await page.getByLabel(/^Code from your authenticator app/).fill(await totpCode(account.secret, clock))
    await Promise.all([page.waitForURL(`${base}/admin`), page.getByRole('button', { name: 'Sign in', exact: true }).click()])
    assert.equal(await h1(page), 'Your staff account')
  }

  test('REQ-SEC-03 a session revoked mid-use: the staff administrator ends it on /admin/staff, and the employee\'s next click lands on the sign-in page', async (tc) => {
    await signIn(userPage, user)
    await userPage.goto(`${base}/admin/people?lang=en`)
    assert.equal(await h1(userPage), 'People')

    await signIn(adminPage, admin)
    await adminPage.goto(`${base}/admin/staff?lang=en`)
    assert.equal(await h1(adminPage), 'Staff and keys')
    await Promise.all([adminPage.waitForURL(/\/admin\/staff\/accounts\//), adminPage.getByRole('link', { name: 'support@staff-browser.example', exact: true }).click()])
    assert.equal(await h1(adminPage), `Account ${user.id.slice(0, 8)}`)
    await adminPage.getByRole('cell', { name: /HeadlessChrome|Chrome/ }).first().waitFor()
    await shot(tc, adminPage, 'account-before-revoke')
    await Promise.all([adminPage.waitForURL(/notice=revoked/), adminPage.getByRole('button', { name: /^End the session/ }).click()])
    assert.equal(await adminPage.getByRole('status').innerText(), 'The session has ended.')
    assert.equal(await adminPage.getByText('No live session.', { exact: true }).count(), 1)

    // The employee, still looking at the People page, clicks on.
    await Promise.all([userPage.waitForURL(`${base}/admin/login`), userPage.locator('header').getByRole('link', { name: 'Requests', exact: true }).click()])
    assert.equal(await h1(userPage), 'Sign in')
    await shot(tc, userPage, 'revoked-next-click')
    const entries = await runtime.database.db.selectFrom('audit_entry').select(['actor_id', 'reason']).where('action', '=', 'staff.session_revoke').execute()
    assert.equal(entries.length, 1)
    assert.equal(entries[0]!.actor_id, `staff:${admin.id}`)
    assert.match(entries[0]!.reason!, new RegExp(`^account:${user.id}:session:`))
  })

  test('REQ-SEC-01 REQ-SEC-03 the staff pages in nl, fr and en: headings in the language, axe clean, no CSP complaint', async (tc) => {
    const titles = { nl: ['Medewerkers en sleutels', 'Toegangsbeoordeling', 'API-sleutels'], fr: ['Personnel et clés', 'Revue des accès', 'Clés d’API'], en: ['Staff and keys', 'Access review', 'API keys'] }
    for (const [lang, [accounts, review, keys]] of Object.entries(titles) as [string, [string, string, string]][]) {
      await adminPage.goto(`${base}/admin/staff?lang=${lang}`)
      assert.equal(await h1(adminPage), accounts)
      await expectAxeClean(adminPage, tc, `staff accounts ${lang}`)
      await shot(tc, adminPage, `accounts-${lang}`)
      await adminPage.goto(`${base}/admin/staff/accounts/${user.id}?lang=${lang}`)
      await expectAxeClean(adminPage, tc, `staff account ${lang}`)
      await shot(tc, adminPage, `account-${lang}`)
      await adminPage.goto(`${base}/admin/staff/review?lang=${lang}`)
      assert.equal(await h1(adminPage), review)
      await expectAxeClean(adminPage, tc, `access review ${lang}`)
      await adminPage.goto(`${base}/admin/staff/keys?lang=${lang}`)
      assert.equal(await h1(adminPage), keys)
      await expectAxeClean(adminPage, tc, `API keys ${lang}`)
      await shot(tc, adminPage, `keys-${lang}`)
    }
    // A new key, made with the keyboard-usable form: its token on the result page, once.
    await adminPage.goto(`${base}/admin/staff/keys?lang=en`)
    await adminPage.getByLabel(/^Name/).fill('crm-browser')
    await adminPage.getByLabel(/\(customer_service\)/).check()
    await Promise.all([adminPage.waitForLoadState('load'), adminPage.getByRole('button', { name: 'Create the key', exact: true }).click()])
    assert.equal(await h1(adminPage), 'The key is created')
    assert.match(await adminPage.getByLabel('The key', { exact: true }).inputValue(), /^pledge_[A-Za-z0-9_-]{43}$/)
    await expectAxeClean(adminPage, tc, 'new API key')
    await shot(tc, adminPage, 'key-created')
    assert.deepEqual([...adminCsp, ...userCsp], [])
  })
})
