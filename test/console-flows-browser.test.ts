// Two whole working days in real Chromium against a listening Pledge: the privacy contact (DPO role)
// takes a rectification and an objection, both filed and verified by the people themselves through
// the public API, from the inbox to completion with the console's forms; and a support account is
// refused the audit page and the bank account number. axe-core on every page; screenshots go to
// test-artifacts/console-flow-*.png.
import { describe, test, before, after, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import type { ParsedMail } from 'mailparser'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { expectAxeClean, launchChromium, screenshot, staffContext, watchCsp } from './support/browser.ts'
import { TestClock, signIn, staffAccount } from './support/staff.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'

const pglite = DATABASES.find((d) => d.name === 'pglite')!
const IBAN = 'BE71096123456769'
const RECTIFY_EMAIL = 'rik.rechtzetting@flows.example'
const OBJECT_EMAIL = 'olga.bezwaar@flows.example'

function codeIn(mail: ParsedMail): string {
  const m = /#code=(\d{6})/.exec(mail.text ?? '')
  assert.ok(m, 'the acknowledgement carries the code')
  return m[1]!
}

describe('the privacy team\'s day in the console, in Chromium', { timeout: 300_000 }, () => {
  let t: TestDatabase
  let smtp: TestSmtpServer
  let runtime: Runtime
  let app: FastifyInstance
  let browser: Browser
  let dpoContext: BrowserContext
  let supportContext: BrowserContext
  let page: Page
  let base = ''
  let crm = ''
  const people = { rectify: '', object: '' }
  const requests = { rectify: '', object: '' }
  // Real time: the browser drops a session cookie whose Expires is already past.
  const clock = new TestClock(Date.now())
  let cspErrors: string[] = []
  let ip = 1

  const createCustomer = async (data: Record<string, string>) => {
    const res = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: { authorization: `Bearer ${crm}` }, payload: { type: 'customer', data } })
    assert.equal(res.statusCode, 201, res.body)
    const id = res.json().id as string
    const started = await app.inject({ method: 'POST', url: `/v1/subjects/${id}/events`, headers: { authorization: `Bearer ${crm}` }, payload: { event: 'contract_started' } })
    assert.equal(started.statusCode, 201, started.body)
    return id
  }
  /** The person files through the public API and types the code from the mail, as the form does. */
  const fileAndVerify = async (type: string, email: string, details: string) => {
    const before = smtp.messages.length
    const filed = await app.inject({ method: 'POST', url: '/v1/requests', payload: { type, email, lang: 'nl', details }, remoteAddress: `10.9.0.${ip++}` })
    assert.equal(filed.statusCode, 202, filed.body)
    const id = filed.json().id as string
    await smtp.waitFor(before + 1)
    const ack = smtp.messages.slice(before).find((_m, i) => smtp.envelopes[before + i]!.to.includes(email))!
    const verified = await app.inject({ method: 'POST', url: `/v1/requests/${id}/verify`, payload: { code: codeIn(ack) }, remoteAddress: `10.9.0.${ip++}` })
    assert.equal(verified.statusCode, 200, verified.body)
    return id
  }

  before(async () => {
    t = await pglite.open()
    smtp = await startSmtpServer()
    runtime = await testRuntime(t.database, { now: clock.now, smtpUrl: smtp.url, staffSessions: { attemptsPerMinutePerAddress: 1000 } })
    app = await buildApp(runtime)
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '')
    crm = (await createApiKey(t.database.db, runtime.policy(), { name: 'crm-flows', purposes: ['customer_registration', 'contract_execution', 'customer_service'] })).token
    people.rectify = await createCustomer({ 'contact.name': 'Rik Rechtzeting', 'contact.email': RECTIFY_EMAIL })
    people.object = await createCustomer({ 'contact.name': 'Olga Bezwaar', 'contact.email': OBJECT_EMAIL })
    const bank = await app.inject({ method: 'PATCH', url: `/v1/subjects/${people.object}?purpose=contract_execution`, headers: { authorization: `Bearer ${crm}` }, payload: { data: { 'financial.bank_account': IBAN } } })
    assert.equal(bank.statusCode, 200, bank.body)
    requests.rectify = await fileAndVerify('rectification', RECTIFY_EMAIL, 'Mijn naam is Rik Rechtzetting, met tt.')
    requests.object = await fileAndVerify('objection', OBJECT_EMAIL, 'Ik wil geen marktonderzoek meer.')

    const admin = await staffAccount(runtime, app, clock, 'admin@flows.example', ['staff_admin'])
    const approver = { approver: { id: `staff:${admin.id}`, accountId: admin.id, roles: new Set(['staff_admin']) } }
    const dpo = await signIn(app, clock, await staffAccount(runtime, app, clock, 'privacy@flows.example', ['dpo'], approver))
    const support = await signIn(app, clock, await staffAccount(runtime, app, clock, 'support@flows.example', ['support'], approver))
    browser = await launchChromium()
    dpoContext = await staffContext(browser, base, dpo.cookie, { viewport: { width: 1100, height: 900 } })
    supportContext = await staffContext(browser, base, support.cookie, { viewport: { width: 1100, height: 900 } })
    page = await dpoContext.newPage()
    cspErrors = watchCsp(page)
  })

  after(async () => {
    await dpoContext?.close().catch(() => {})
    await supportContext?.close().catch(() => {})
    await browser?.close()
    await app?.close()
    await runtime?.close()
    await smtp?.close()
    await t?.drop()
  })

  const shot = (tc: TestContext, p: Page, name: string) => screenshot(p, tc, `console-flow-${name}`)
  const statusOf = async (id: string) => (await runtime.database.db.selectFrom('dsr_request').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status

  test('REQ-RE-01 REQ-TR-07 the privacy contact takes a rectification from the inbox to completion: the person\'s words, the corrected name, the request completed', async (tc) => {
    await page.goto(`${base}/admin/requests?lang=nl`)
    await expectAxeClean(page, tc, 'inbox')
    await shot(tc, page, 'inbox')
    await page.getByRole('link', { name: new RegExp(requests.rectify.slice(0, 8)) }).click()
    await page.waitForLoadState('load')
    const main = page.locator('main')
    assert.ok((await main.innerText()).includes('Mijn naam is Rik Rechtzetting, met tt.'), 'the handler reads what the person asked')
    await page.locator('#rectify-category').selectOption('contact.name')
    await page.locator('#rectify-value').fill('Rik Rechtzetting')
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Rechtzetten' }).click()])
    assert.equal(response.status(), 303)
    await page.waitForLoadState('load')
    assert.match(await page.getByRole('status').first().innerText(), /Opgeslagen en in het auditlogboek vastgelegd\./)
    assert.match(await main.innerText(), /Afgehandeld/)
    await expectAxeClean(page, tc, 'rectified')
    await shot(tc, page, 'rectified')
    assert.equal(await statusOf(requests.rectify), 'completed')
    const read = await app.inject({ method: 'GET', url: `/v1/subjects/${people.rectify}?purpose=customer_service`, headers: { authorization: `Bearer ${crm}` } })
    assert.equal(read.json().data['contact.name'], 'Rik Rechtzetting')
  })

  test('REQ-OB-01 the privacy contact decides an objection on compelling grounds from the inbox: the grounds are required, the decision recorded, the request completed', async (tc) => {
    await page.goto(`${base}/admin/requests?lang=en`)
    await page.getByRole('link', { name: new RegExp(requests.object.slice(0, 8)) }).click()
    await page.waitForLoadState('load')
    await page.locator('#objection-purpose').selectOption('market_research')
    await page.locator('#objection-rejected').check()
    await page.locator('#objection-grounds').fill('The survey is part of the quality programme the customer contract describes; it weighs more than the stated reason.')
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Decide' }).click()])
    assert.equal(response.status(), 303)
    await page.waitForLoadState('load')
    assert.match(await page.getByRole('status').first().innerText(), /Saved and recorded in the audit log\./)
    await expectAxeClean(page, tc, 'objection decided')
    await shot(tc, page, 'objection-decided')
    assert.equal(await statusOf(requests.object), 'completed')
    const objection = await runtime.database.db.selectFrom('objection').select(['purpose', 'status']).where('subject_id', '=', people.object).where('purpose', '=', 'market_research').executeTakeFirstOrThrow()
    assert.equal(objection.status, 'rejected')
    assert.deepEqual(cspErrors, [])
  })

  test('REQ-AUD-03 REQ-LB-02 a support account is refused the audit page, and the bank account number under every purpose it holds', async (tc) => {
    const support = await supportContext.newPage()
    const supportCsp = watchCsp(support)
    const audit = await support.goto(`${base}/admin/audit?lang=en`)
    assert.equal(audit?.status(), 403)
    assert.match(await support.getByRole('alert').innerText(), /Only the data protection officer reads the audit log/)
    await expectAxeClean(support, tc, 'audit refused')
    await shot(tc, support, 'support-audit-refused')
    for (const purpose of ['customer_service', 'customer_registration']) {
      const opened = await support.goto(`${base}/admin/people/${people.object}?purpose=${purpose}&lang=en`)
      assert.equal(opened?.status(), 200)
      const text = await support.locator('main').innerText()
      assert.ok(text.includes('Olga Bezwaar'), `${purpose} shows the name`)
      assert.ok(!text.includes(IBAN) && !(await support.content()).includes(IBAN), `${purpose} never shows the bank account`)
    }
    await shot(tc, support, 'support-person')
    const contract = await support.goto(`${base}/admin/people/${people.object}?purpose=contract_execution&lang=en`)
    assert.equal(contract?.status(), 403)
    assert.ok(!(await support.content()).includes(IBAN))
    await expectAxeClean(support, tc, 'contract purpose refused')
    assert.deepEqual(supportCsp, [])
  })
})
