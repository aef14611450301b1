// The statement's versions pages in real Chromium against a listening Pledge (embedded database),
// with three published versions (test/support/statement-versions.ts). In Dutch, French and English a
// reader opens the statement, follows its link to the versions page, then the link to what changed
// since version 1, and sees the added and the removed text marked. Every page is checked with axe-core
// (no serious or critical violation) under the pages' own CSP; screenshots go to a temp folder.
import { describe, test, before, after, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { AxeResults } from 'axe-core'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { launchChromium } from './support/browser.ts'
import { publishThreeVersions, VERSIONS_NOW } from './support/statement-versions.ts'
import { buildApp } from '../src/http/app.ts'
import type { Runtime } from '../src/runtime.ts'

const pglite = DATABASES.find((d) => d.name === 'pglite')!
const AXE_SOURCE = readFileSync(join(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8')

/** What each language's reader sees, written out. */
const READER = {
  nl: {
    statementLink: 'Lees alle gepubliceerde versies en wat er tussen de versies is gewijzigd.',
    listTitle: 'Versies van de privacyverklaring',
    diffLink: 'Wat is gewijzigd sinds versie 1',
    diffTitle: 'Wat is gewijzigd in de privacyverklaring',
    comparison: 'Versie 1 (van kracht vanaf 10 maart 2026) → versie 2 (van kracht vanaf 1 april 2026)',
    removed: 'elke toegang wordt gelogd',
    added: 'Elke sleutel wordt elk jaar vervangen.',
    back: 'Alle versies van de verklaring',
  },
  fr: {
    statementLink: 'Consultez toutes les versions publiées et ce qui a changé entre elles.',
    listTitle: 'Versions de la déclaration de confidentialité',
    diffLink: 'Ce qui a changé depuis la version 1',
    diffTitle: 'Ce qui a changé dans la déclaration de confidentialité',
    comparison: 'Version 1 (en vigueur le 10 mars 2026) → version 2 (en vigueur le 1er avril 2026)',
    removed: 'chaque accès est journalisé',
    added: 'Chaque clé est remplacée chaque année.',
    back: 'Toutes les versions de la déclaration',
  },
  en: {
    statementLink: 'Read every published version and what changed between them.',
    listTitle: 'Versions of the privacy statement',
    diffLink: 'What changed since version 1',
    diffTitle: 'What changed in the privacy statement',
    comparison: 'Version 1 (effective 10 March 2026) → version 2 (effective 1 April 2026)',
    removed: 'every access is logged',
    added: 'Every key is rotated every year.',
    back: 'All versions of the statement',
  },
} as const

describe('the statement versions pages in Chromium, against a listening Pledge', { timeout: 300_000 }, () => {
  let t: TestDatabase
  let runtime: Runtime
  let app: FastifyInstance
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let base = ''
  const shots = mkdtempSync(join(tmpdir(), 'pledge-versions-shots-'))
  const cspErrors: string[] = []

  before(async () => {
    t = await pglite.open()
    await publishThreeVersions(t.database.db)
    runtime = await testRuntime(t.database, { now: () => VERSIONS_NOW })
    app = await buildApp(runtime)
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '')
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1000, height: 800 } })
    page = await context.newPage()
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(`${page.url()}: ${m.text()}`)
    })
  })

  after(async () => {
    await context?.close().catch(() => {})
    await browser?.close()
    await app?.close()
    await runtime?.close()
    await t?.drop()
  })

  const shot = async (tc: TestContext, name: string, fullPage = true) => {
    const path = join(shots, `versions-${name}.png`)
    await page.screenshot({ path, fullPage })
    tc.diagnostic(`screenshot: ${path}`)
  }

  /** axe-core evaluated through the DevTools protocol (the pages' CSP allows no inline script). */
  async function axe(tc: TestContext, name: string): Promise<void> {
    await page.evaluate(AXE_SOURCE)
    const results = await page.evaluate(() => (window as unknown as { axe: { run(ctx: Document, o: object): Promise<AxeResults> } }).axe.run(document, { resultTypes: ['violations'] }))
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    for (const v of results.violations.filter((x) => !bad.includes(x))) tc.diagnostic(`axe (${name}, ${v.impact}): ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    assert.deepEqual(
      bad.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
      `axe finds serious or critical violations on the ${name} page`,
    )
  }

  for (const lang of ['nl', 'fr', 'en'] as const) {
    const r = READER[lang]
    test(`REQ-TR-04 in ${lang}: from the statement to the versions page and to what changed since version 1 (axe: no serious violation)`, async (tc) => {
      await page.goto(`${base}/privacy?lang=${lang}`)
      const link = page.getByRole('link', { name: r.statementLink })
      await link.scrollIntoViewIfNeeded()
      await shot(tc, `${lang}-1-statement-link`, false)
      await link.click()
      await page.waitForURL(`${base}/privacy/versions?lang=${lang}`)
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), r.listTitle)
      assert.equal(await page.locator('html').getAttribute('lang'), lang)
      assert.equal(await page.locator('tbody tr').count(), 3)
      await axe(tc, `${lang} versions`)
      await shot(tc, `${lang}-2-versions`)

      await page.getByRole('link', { name: r.diffLink }).click()
      await page.waitForURL(`${base}/privacy/versions/2/diff?from=1&lang=${lang}`)
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), r.diffTitle)
      assert.equal(await page.getByRole('heading', { level: 2, name: r.comparison }).count(), 1)
      const removed = page.locator('del', { hasText: r.removed })
      const added = page.locator('ins', { hasText: r.added })
      await removed.waitFor()
      await added.waitFor()
      // The marks are visible: removed text struck through, added text underlined.
      assert.match(await removed.evaluate((el) => getComputedStyle(el).textDecorationLine), /line-through/)
      assert.match(await added.evaluate((el) => getComputedStyle(el).textDecorationLine), /underline/)
      await axe(tc, `${lang} diff`)
      await removed.scrollIntoViewIfNeeded()
      await shot(tc, `${lang}-3-diff-removed`, false)
      await shot(tc, `${lang}-4-diff`)
      // Folded unchanged passages open without script.
      const folded = page.locator('details').first()
      await folded.locator('summary').click()
      assert.equal(await folded.getAttribute('open'), '')
      await axe(tc, `${lang} diff with a fold open`)

      await page.getByRole('link', { name: r.back }).click()
      await page.waitForURL(`${base}/privacy/versions?lang=${lang}`)
    })
  }

  test('REQ-TR-04 on a phone-sized screen the versions page and the diff fit the width (axe: no serious violation)', async (tc) => {
    await page.setViewportSize({ width: 390, height: 800 })
    try {
      for (const [name, path] of [['versions', '/privacy/versions?lang=fr'], ['diff', '/privacy/versions/2/diff?from=1&lang=fr']] as const) {
        await page.goto(`${base}${path}`)
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
        assert.ok(overflow <= 0, `the ${name} page scrolls sideways by ${overflow}px`)
        await axe(tc, `phone ${name}`)
        await shot(tc, `phone-${name}`, false)
      }
    } finally {
      await page.setViewportSize({ width: 1000, height: 800 })
    }
  })

  test('the pages raise no Content-Security-Policy complaint', () => {
    assert.deepEqual(cspErrors, [])
  })
})
