// The privacy center in real Chromium against a real Pledge process (embedded database, workers
// running) that sends its mail to a real SMTP server run by this test. A person files a request in
// Dutch, reads the mail, follows the link (the code comes from the fragment), confirms, waits for the
// answer, and for access downloads the ZIP, whose report.html the test opens in the browser; for
// erasure the API then refuses the person's data. Screenshots of each step go to test-artifacts/.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { unzipSync } from 'fflate'
import { startPledgeProcess } from './support/server-process.ts'
import { runPledge } from './support/cli.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { loadPolicyFile } from '../src/policy/load.ts'
import { ARTIFACTS, launchChromium } from './support/browser.ts'
import type { Policy } from '../src/policy/policy.ts'


function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

describe('the privacy center in Chromium, against a running Pledge with real mail', { timeout: 300_000 }, () => {
  let dir = ''
  let smtp: TestSmtpServer
  let server: ChildProcess | undefined
  let url = ''
  let key = ''
  let browser: Browser
  let policy: Policy
  const contexts: BrowserContext[] = []

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) })
    const text = await res.text()
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, any>) : {} }
  }

  before(async () => {
    policy = await loadPolicyFile(EXAMPLE_POLICY)
    dir = mkdtempSync(join(tmpdir(), 'pledge-pc-browser-'))
    copyFileSync(EXAMPLE_POLICY, join(dir, 'policy.yaml'))
    smtp = await startSmtpServer()
    const port = await freePort()
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PLEDGE_DATA_DIR: join(dir, 'data'),
      PLEDGE_POLICY: join(dir, 'policy.yaml'),
      PLEDGE_PORT: String(port),
      PLEDGE_HOST: '127.0.0.1',
      PLEDGE_BASE_URL: `http://127.0.0.1:${port}`,
      PLEDGE_SMTP_URL: smtp.url,
      PLEDGE_DATABASE_URL: '',
    }
    const started = await startPledgeProcess(env)
    server = started.child
    url = started.url.replace(/\/$/, '')
    // An API key for the company's CRM, made through the running server's admin endpoint.
    const made = runPledge(['apikey', 'create', '--name', 'crm', '--purposes', 'customer_registration'], env)
    assert.equal(made.code, 0, made.stderr)
    key = made.stdout.trim().split('\n').pop()!.trim()
    browser = await launchChromium()
  })

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve))
      server.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))])
      if (server.exitCode === null) server.kill('SIGKILL')
    }
    await smtp?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  async function context(): Promise<BrowserContext> {
    const c = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'nl-BE', acceptDownloads: true })
    contexts.push(c)
    return c
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `privacy-center-${name}.png`), fullPage: false })

  /** Files a request in the Dutch privacy center and returns the request page's id and the mail. */
  async function fileInDutch(page: Page, typeLabel: string, email: string, name: string) {
    await page.goto(`${url}/privacy-center?lang=nl`)
    await page.getByRole('heading', { level: 1, name: 'Privacycentrum' }).waitFor()
    await shot(page, `${name}-1-center`)
    const before = smtp.messages.length
    await page.getByRole('radio', { name: new RegExp(`^${typeLabel}`) }).check()
    await page.getByLabel('Uw e-mailadres').fill(email)
    await shot(page, `${name}-2-form-filled`)
    await page.getByRole('button', { name: 'Mijn verzoek versturen' }).click()
    await page.waitForURL(/\/privacy-center\/requests\/[0-9a-f-]{36}\?lang=nl$/)
    const id = /requests\/([0-9a-f-]{36})/.exec(page.url())![1]!
    await page.getByLabel('Code uit de e-mail').waitFor()
    await shot(page, `${name}-3-code-form`)
    const mail = (await smtp.waitFor(before + 1, 15_000))[before]!
    return { id, mail }
  }

  /** Follows the mail's link: the code arrives through the fragment, the person presses Confirm. */
  async function confirmFromMail(formPage: Page, id: string, text: string, name: string) {
    // The mail's link opens in a new tab of the same browser.
    const page = await formPage.context().newPage()
    const link = new RegExp(`${url.replace(/[.:/]/g, '\\$&')}/privacy-center/requests/${id}\\?lang=nl#code=(\\d{6})`).exec(text)
    assert.ok(link, `the mail links to the request page with the code in the fragment:\n${text}`)
    const code = link[1]!
    await page.goto(link[0])
    const field = page.getByLabel('Code uit de e-mail')
    await page.waitForFunction((c) => (document.getElementById('code') as HTMLInputElement | null)?.value === c, code)
    assert.equal(await field.inputValue(), code, 'the script copied the code from the fragment into the field')
    assert.equal(await page.evaluate(() => location.hash), '', 'and removed it from the address bar')
    await shot(page, `${name}-4-code-filled`)
    await page.getByRole('button', { name: 'Bevestigen' }).click()
    await page.waitForURL(new RegExp(`/privacy-center/requests/${id}\\?lang=nl$`))
    const cookies = await page.context().cookies()
    const session = cookies.find((c) => c.name === 'pledge_request')
    assert.ok(session, 'the session cookie is set')
    assert.equal(session.httpOnly, true)
    assert.equal(session.sameSite, 'Strict')
    assert.equal(await page.evaluate(() => document.cookie), '', 'page scripts cannot read it')
    return page
  }

  async function mailWhere(match: (m: TestSmtpServer['messages'][number]) => boolean, from = 0) {
    const end = Date.now() + 15_000
    for (;;) {
      const found = smtp.messages.slice(from).find(match)
      if (found) return found
      if (Date.now() > end) assert.fail('the expected mail did not arrive')
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  async function waitForStatus(page: Page, status: string, name: string) {
    const end = Date.now() + 90_000
    for (;;) {
      const current = await page.locator('#request-status').getAttribute('data-status')
      if (current === status) break
      if (Date.now() > end) assert.fail(`status stayed ${current}, expected ${status}`)
      await new Promise((r) => setTimeout(r, 500))
      await page.reload()
    }
    await shot(page, `${name}-5-status-${status}`)
  }

  test('REQ-TR-05 REQ-ID-01 REQ-AC-01 REQ-AC-02 REQ-AC-06 access in Dutch: file, code from the mail, confirm, download the ZIP, read report.html with every Art. 15 item', async () => {
    const created = await api('POST', '/v1/subjects?purpose=customer_registration', { type: 'customer', data: { 'contact.name': 'An Peeters', 'contact.email': 'an.peeters@example.be', 'contact.phone': '+32 470 12 34 56' } })
    assert.equal(created.status, 201, JSON.stringify(created.json))
    let page = await (await context()).newPage()
    const { id, mail } = await fileInDutch(page, 'Inzage', 'an.peeters@example.be', 'access')
    assert.match(mail.subject ?? '', /We hebben uw verzoek ontvangen: Inzage/)
    assert.match(mail.text ?? '', /uiterlijk op \d{1,2} \w+ \d{4}/)
    page = await confirmFromMail(page, id, mail.text ?? '', 'access')
    await waitForStatus(page, 'completed', 'access')
    assert.equal(await page.locator('#request-type').textContent(), 'Inzage (art. 15 AVG)')
    // The export-ready mail points to the same page.
    const ready = await mailWhere((m) => /klaar om te downloaden/.test(m.subject ?? ''))
    assert.ok((ready.text ?? '').includes(`/privacy-center/requests/${id}`))
    const downloadButton = page.getByRole('link', { name: 'Mijn gegevens downloaden (ZIP)' })
    await downloadButton.waitFor()
    await shot(page, 'access-6-download-offered')
    const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()])
    assert.match(download.suggestedFilename(), /\.zip$/)
    const zipPath = join(dir, 'export.zip')
    await download.saveAs(zipPath)
    const files = unzipSync(new Uint8Array(readFileSync(zipPath)))
    assert.deepEqual(Object.keys(files).sort(), ['data.csv', 'data.json', 'report.html'])
    const reportPath = join(dir, 'report.html')
    writeFileSync(reportPath, files['report.html']!)
    const report = await (await context()).newPage()
    await report.goto(pathToFileURL(reportPath).href)
    assert.equal(await report.evaluate(() => document.documentElement.lang), 'nl')
    for (const item of ['art15-confirmation', 'art15-copy', 'art15-1-a', 'art15-1-b', 'art15-1-c', 'art15-1-d', 'art15-1-e', 'art15-1-f', 'art15-1-g', 'art15-1-h', 'art15-2']) {
      assert.ok(await report.locator(`#${item}`).isVisible(), `report.html has ${item}`)
    }
    const section = (id: string) => report.locator(`section[aria-labelledby="${id}"]`).innerText()
    const copy = await section('art15-copy')
    assert.ok(copy.includes('An Peeters') && copy.includes('an.peeters@example.be'), 'the copy holds the values')
    const recipients = await section('art15-1-c')
    const named = policy.purpose('customer_registration')!.recipients.map((r) => policy.recipient(r)!.name)
    assert.ok(named.length > 0)
    for (const name of named) assert.ok(recipients.includes(name), `recipient ${name} by name`)
    assert.ok((await section('art15-1-f')).includes(policy.supervisoryAuthority.name.nl), 'the right to complain to the GBA')
    assert.ok((await section('art15-1-a')).includes(policy.purpose('customer_registration')!.name.nl), 'the purpose by name')
    await report.screenshot({ path: join(ARTIFACTS, 'privacy-center-access-7-report.png'), fullPage: false })
  })

  test('REQ-ER-01 REQ-ER-04 REQ-TR-05 erasure in Dutch: file, code from the mail, confirm; the status and the mail say what was erased; the API can no longer read the person', async () => {
    const created = await api('POST', '/v1/subjects?purpose=customer_registration', { type: 'customer', data: { 'contact.name': 'Els Wouters', 'contact.email': 'els.wouters@example.be' } })
    assert.equal(created.status, 201, JSON.stringify(created.json))
    const subjectId = String(created.json.id)
    assert.equal((await api('GET', `/v1/subjects/${subjectId}?purpose=customer_registration`)).status, 200)
    let page = await (await context()).newPage()
    const { id, mail } = await fileInDutch(page, 'Wissing', 'els.wouters@example.be', 'erasure')
    assert.match(mail.subject ?? '', /Wissing/)
    const before = smtp.messages.length
    page = await confirmFromMail(page, id, mail.text ?? '', 'erasure')
    await waitForStatus(page, 'completed', 'erasure')
    const outcome = await page.locator('#outcome').innerText()
    assert.match(outcome, /Wat we gewist hebben/)
    assert.ok(outcome.includes('Naam en voornaam') && outcome.includes('E-mailadres'), `the erased categories by name:\n${outcome}`)
    const done = await mailWhere((m) => /gewist/.test(m.subject ?? ''), before)
    assert.ok((done.text ?? '').includes('Naam en voornaam'))
    const read = await api('GET', `/v1/subjects/${subjectId}?purpose=customer_registration`)
    assert.ok([403, 404, 410].includes(read.status), `the person is unreadable, got ${read.status}`)
    if (read.status !== 404) assert.equal(read.json.error?.code, 'subject_erased')
    const search = await api('POST', '/v1/subjects/search?purpose=customer_registration', { email: 'els.wouters@example.be' })
    assert.ok(!JSON.stringify(search.json).includes(subjectId), 'nor found by address')
  })
})
