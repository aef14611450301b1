// report.html of the access export opened from the unzipped file in real Chromium (Debian's, headless):
// it fetches nothing, runs nothing, and a reader finds every Art. 15 item by its id, in nl, fr and en.
// Screenshots in test-artifacts/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { unzipSync } from 'fflate'
import type { Browser } from 'playwright-core'
import { loadPolicyFile } from '../src/policy/load.ts'
import type { Language } from '../src/policy/schema.ts'
import type { Dossier } from '../src/requests/dossier.ts'
import { buildAccessExport } from '../src/requests/access-export.ts'
import { EXPORT_LABELS } from '../src/requests/export-i18n.ts'
import { ARTIFACTS, launchChromium } from './support/browser.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'

const policy = await loadPolicyFile(EXAMPLE_POLICY)

const dossier: Dossier = {
  subjectId: '0190a5b2-7c1d-7000-8000-00000000e001',
  subjectType: 'customer_contact',
  tenantId: null,
  source: 'Registered by Limburg Data Services BV (customer) on 14 January 2026 as its technical contact',
  createdAt: new Date('2026-01-14T10:00:00Z'),
  records: [
    { category: 'contact.name', value: 'Pieter Wouters', writtenAt: new Date('2026-01-14T10:00:00Z'), writtenPurpose: 'customer_registration', recordId: '0190a5b2-7c1d-7000-8000-000000000201', keyKind: 'ordinary' },
    { category: 'contact.email', value: 'pieter.wouters@limburg-data.example', writtenAt: new Date('2026-01-14T10:00:00Z'), writtenPurpose: 'customer_registration', recordId: '0190a5b2-7c1d-7000-8000-000000000202', keyKind: 'ordinary' },
    { category: 'professional.role', value: 'IT-verantwoordelijke', writtenAt: new Date('2026-01-14T10:00:00Z'), writtenPurpose: 'customer_registration', recordId: '0190a5b2-7c1d-7000-8000-000000000203', keyKind: 'ordinary' },
  ],
  events: [{ event: 'application_received', at: new Date('2026-01-14T10:00:00Z') }],
  consents: [{ purpose: 'newsletter', granted: true, at: '2026-01-14T10:01:00.000Z', statementVersion: 1, textHash: 'b'.repeat(64), lang: 'nl', channel: 'web_form', act: 'checkbox_ticked', obtainedBy: 'system:web' }],
  objections: [],
  restricted: false,
  disclosures: [{ recipientId: 'helpdesk_us_scc', purpose: 'customer_service', categories: ['contact.email'], at: new Date('2026-02-02T09:00:00Z') }],
}

let browser: Browser
let dir: string

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pledge-access-browser-'))
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

for (const lang of ['nl', 'fr', 'en'] as Language[]) {
  test(`REQ-AC-01 REQ-AC-02 REQ-AC-06 (${lang}) report.html opened in Chromium fetches nothing and shows every Art. 15 item (screenshot in test-artifacts/)`, async () => {
    const zip = await buildAccessExport(policy, dossier, { lang, requestId: '0190a5b2-7c1d-7000-8000-0000000000cc', receivedAt: new Date('2026-03-01T09:00:00Z'), generatedAt: new Date('2026-03-02T09:00:00Z') })
    const file = join(dir, `report-${lang}.html`)
    writeFileSync(file, unzipSync(new Uint8Array(zip))['report.html']!)
    const url = pathToFileURL(file).href
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, javaScriptEnabled: true })
    try {
      const page = await context.newPage()
      const requests: string[] = []
      page.on('request', (r) => requests.push(r.url()))
      await page.goto(url)
      assert.deepEqual(requests, [url], 'the page loads nothing besides itself')
      assert.equal(await page.locator('html').getAttribute('lang'), lang)
      assert.equal(await page.locator('script').count(), 0)
      for (const id of ['art15-confirmation', 'art15-copy', 'art15-1-a', 'art15-1-b', 'art15-1-c', 'art15-1-d', 'art15-1-e', 'art15-1-f', 'art15-1-g', 'art15-1-h', 'art15-2', 'consent-history']) {
        assert.ok(await page.locator(`#${id}`).isVisible(), `#${id} is visible`)
      }
      assert.match(await page.locator('section[aria-labelledby="art15-1-c"]').innerText(), /Helpdesk software provider \(example\)/)
      assert.match(await page.locator('section[aria-labelledby="art15-1-f"]').innerText(), lang === 'nl' ? /Drukpersstraat 35/ : /Rue de la Presse 35/)
      assert.match(await page.locator('section[aria-labelledby="art15-1-g"]').innerText(), /Limburg Data Services BV/)
      assert.match(await page.locator('#confirmation-text').innerText(), new RegExp(EXPORT_LABELS[lang].confirmationYes(3, 3).slice(0, 10)))
      // Every table has a caption and column headers.
      const tables = await page.locator('table').count()
      assert.ok(tables >= 5)
      assert.equal(await page.locator('table > caption').count(), tables)
      assert.equal(await page.locator('table:not(:has(th[scope="col"]))').count(), 0)
      await page.screenshot({ path: join(ARTIFACTS, `access-report-${lang}.png`), fullPage: false })
      // The table of contents leads to the items.
      await page.locator('nav a[href="#art15-2"]').click()
      assert.ok(page.url().endsWith('#art15-2'))
      await page.screenshot({ path: join(ARTIFACTS, `access-report-${lang}-transfers.png`), fullPage: false })
    } finally {
      await context.close()
    }
  })
}
