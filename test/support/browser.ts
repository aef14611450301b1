// Debian's Chromium driven by playwright-core, launched the same way by every browser test, and the
// folder where they leave screenshots of what a person sees.
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { TestContext } from 'node:test'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { AxeResults } from 'axe-core'
import { REPO_ROOT } from './paths.ts'

export const CHROMIUM = process.env.PLEDGE_CHROMIUM ?? '/usr/bin/chromium'
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts')

/** Headless, no sandbox (CI runs as root), and none of Chromium's own network traffic. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

const AXE_SOURCE = readFileSync(join(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8')

/**
 * axe-core on the page as it is, failing on serious or critical violations (minor ones become
 * diagnostics). Pledge's pages allow no inline script, so page.addScriptTag is refused; the source
 * is evaluated through the DevTools protocol, which CSP does not govern. The pages keep their CSP
 * (no bypassCSP), so what axe and the screenshots see is what a person sees.
 */
export async function expectAxeClean(page: Page, tc: TestContext, name: string): Promise<void> {
  await page.evaluate(AXE_SOURCE)
  const results = await page.evaluate(() => (window as unknown as { axe: { run(ctx: Document, o: object): Promise<AxeResults> } }).axe.run(document, { resultTypes: ['violations'] }))
  assert.ok(results.passes.length > 0, 'axe ran its rules')
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  for (const v of results.violations.filter((x) => !bad.includes(x))) tc.diagnostic(`axe (${name}, ${v.impact}): ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  assert.deepEqual(
    bad.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe finds serious or critical violations on the ${name} page`,
  )
}

/** Collects the Content-Security-Policy complaints Chromium logs: a page must work under its own CSP. */
export function watchCsp(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(`${page.url()}: ${m.text()}`)
  })
  return errors
}

/** A browser context signed in as a staff member: the session cookie exactly as the login page sets it. */
export async function staffContext(browser: Browser, base: string, cookie: string, options: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1000, height: 800 }, ...(options.locale ? { locale: options.locale } : {}) })
  await context.addCookies([{ name: 'pledge_staff', value: cookie.replace(/^pledge_staff=/, ''), url: base, httpOnly: true, sameSite: 'Strict' }])
  return context
}

/** A full-page screenshot in `dir` (default test-artifacts), its path named in the test's output. */
export async function screenshot(page: Page, tc: TestContext, name: string, dir: string = ARTIFACTS): Promise<string> {
  const path = join(dir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  tc.diagnostic(`screenshot: ${path}`)
  return path
}
