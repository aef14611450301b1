// The API reference at /docs, served from the swagger-ui-dist package by Pledge itself: the page and
// its fixed list of files over inject, then in real Chromium with every request to another origin
// refused, so it is known to work offline and under the app's Content-Security-Policy.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import type { Browser } from 'playwright-core'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { buildApp } from '../src/http/app.ts'
import { launchChromium } from './support/browser.ts'
import type { Runtime } from '../src/runtime.ts'

// The page reads no storage: one database is enough.
const pglite = DATABASES.find((d) => d.name === 'pglite')!

describe('the API reference at /docs', { timeout: 120_000 }, () => {
  let t: TestDatabase
  let runtime: Runtime
  let app: FastifyInstance
  let base = ''
  let browser: Browser

  before(async () => {
    t = await pglite.open()
    runtime = await testRuntime(t.database)
    app = await buildApp(runtime)
    base = await app.listen({ host: '127.0.0.1', port: 0 })
    browser = await launchChromium()
  })
  after(async () => {
    await browser?.close()
    await app?.close()
    await runtime?.close()
    await t?.drop()
  })

  test('/docs redirects to /docs/, a page that loads only its own files; anything else under /docs/assets is a 404', async () => {
    const bare = await app.inject({ method: 'GET', url: '/docs' })
    assert.equal(bare.statusCode, 302)
    assert.equal(bare.headers.location, 'docs/')
    const page = await app.inject({ method: 'GET', url: '/docs/' })
    assert.equal(page.statusCode, 200)
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8')
    const loaded = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])
    assert.deepEqual(loaded, ['assets/swagger-ui.css', 'assets/favicon-32x32.png', 'assets/favicon-16x16.png', '../openapi.json', 'assets/swagger-ui-bundle.js', 'assets/init.js'])
    assert.doesNotMatch(page.body, /<script>/, 'no inline script')
    const types = { 'swagger-ui.css': 'text/css; charset=utf-8', 'swagger-ui-bundle.js': 'application/javascript; charset=utf-8', 'init.js': 'application/javascript; charset=utf-8', 'favicon-32x32.png': 'image/png', 'favicon-16x16.png': 'image/png' }
    for (const [file, type] of Object.entries(types)) {
      const res = await app.inject({ method: 'GET', url: `/docs/assets/${file}` })
      assert.equal(res.statusCode, 200, file)
      assert.equal(res.headers['content-type'], type, file)
    }
    for (const file of ['package.json', '..%2F..%2Fpackage.json', 'swagger-ui-bundle.js.map', 'index.html']) {
      const res = await app.inject({ method: 'GET', url: `/docs/assets/${file}` })
      assert.equal(res.statusCode, 404, file)
      assert.equal(res.json().error.code, 'not_found')
    }
  })

  test('in Chromium with no network beyond Pledge, /docs shows every tag and the operations, with no error and no refused script', async () => {
    const context = await browser.newContext()
    try {
      const elsewhere: string[] = []
      await context.route('**/*', (route) => {
        const url = route.request().url()
        if (url.startsWith(base)) return route.continue()
        elsewhere.push(url)
        return route.abort()
      })
      const page = await context.newPage()
      const problems: string[] = []
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text())
      })
      page.on('pageerror', (e) => problems.push(e.message))
      await page.goto(`${base}/docs`)
      await page.locator('.opblock-summary-path[data-path="/v1/requests"]').first().waitFor()
      assert.equal(page.url(), `${base}/docs/`)
      assert.equal(await page.locator('.info .title').first().innerText().then((s) => s.split('\n')[0]!.trim()), 'Pledge API')
      const tags = await page.locator('.opblock-tag').evaluateAll((els) => els.map((e) => e.getAttribute('data-tag')))
      for (const tag of ['consent', 'requests', 'cookies']) assert.ok(tags.includes(tag), `tag ${tag} in ${tags.join(', ')}`)
      assert.deepEqual(elsewhere, [], 'nothing from another origin')
      assert.deepEqual(problems, [], 'no console error, no CSP refusal')
    } finally {
      await context.close()
    }
  })
})
