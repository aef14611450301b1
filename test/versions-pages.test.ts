// The pages about the statement's versions, over HTTP on both databases: the list of published
// versions (HTML in the reader's language, JSON on request), what changed between two versions
// (HTML with the changes marked, a unified diff as text), the links to them from the statement and
// the privacy center, and the refusals. Three versions with fixed dates (test/support/statement-versions.ts).
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { publishThreeVersions, VERSIONS_NOW } from './support/statement-versions.ts'
import { buildApp } from '../src/http/app.ts'
import { compareStatements } from '../src/policy/version-compare.ts'
import { renderStatement, type Block } from '../src/policy/statement.ts'
import { loadPolicyFile } from '../src/policy/load.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import type { Runtime } from '../src/runtime.ts'

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'

/** The table row of one version on the versions page. */
function row(html: string, version: number): string {
  const m = new RegExp(`<tr id="version-${version}">([\\s\\S]*?)</tr>`).exec(html)
  assert.ok(m, `the page has a row for version ${version}`)
  return m[1]!
}

describe('comparing two statements (the model behind the diff page)', () => {
  const older: Block[] = [
    { kind: 'h', level: 1, text: 'Privacy statement' },
    { kind: 'p', content: ['We keep invoices for seven years.'] },
    { kind: 'h', level: 2, text: 'Cookies' },
    { kind: 'ul', items: [['one'], ['two'], ['three'], ['four'], ['five'], ['six'], ['seven'], ['eight']] },
    { kind: 'p', content: ['We never sell your data.'] },
  ]
  const newer: Block[] = [
    { kind: 'h', level: 1, text: 'Privacy statement' },
    { kind: 'p', content: ['We keep invoices for ten years.'] },
    { kind: 'h', level: 2, text: 'Cookies' },
    { kind: 'ul', items: [['one'], ['two'], ['three'], ['four'], ['five'], ['six'], ['seven'], ['eight']] },
    { kind: 'h', level: 2, text: 'Keys' },
  ]

  test('REQ-TR-04 a changed line is marked word by word, a new and a dropped one whole, and long unchanged stretches are folded', () => {
    const { items, counts } = compareStatements(older, newer)
    assert.deepEqual(counts, { added: 1, removed: 1, changed: 1 })
    assert.deepEqual(items, [
      { change: 'same', kind: 'h1', text: 'Privacy statement' },
      {
        change: 'changed',
        kind: 'p',
        parts: [
          { op: 'same', text: 'We keep invoices for ' },
          { op: 'del', text: 'seven' },
          { op: 'ins', text: 'ten' },
          { op: 'same', text: ' years.' },
        ],
      },
      { change: 'same', kind: 'h2', text: 'Cookies' },
      { change: 'same', kind: 'li', text: 'one' },
      { change: 'folded', lines: ['two', 'three', 'four', 'five', 'six'].map((text) => ({ kind: 'li', text })) },
      { change: 'same', kind: 'li', text: 'seven' },
      { change: 'same', kind: 'li', text: 'eight' },
      { change: 'removed', kind: 'p', text: 'We never sell your data.' },
      { change: 'added', kind: 'h2', text: 'Keys' },
    ])
  })
})

test('REQ-TR-04 the statement links to the versions page by path, never to another host', async () => {
  const policy = await loadPolicyFile(EXAMPLE_POLICY)
  const html = renderStatement(policy, 'en', 'html', { version: 1, versionsUrl: '/privacy/versions?lang=en' })
  assert.ok(html.includes('<a href="/privacy/versions?lang=en">Read every published version and what changed between them.</a>'))
  for (const hostile of ['//evil.example/privacy/versions', '/\\evil.example/x', 'javascript:alert(1)']) {
    const out = renderStatement(policy, 'en', 'html', { version: 1, versionsUrl: hostile })
    assert.ok(!out.includes('href="' + hostile), hostile)
    assert.ok(out.includes('Read every published version and what changed between them.'), 'the sentence stays, unlinked')
  }
  assert.ok(!renderStatement(policy, 'en', 'html', { version: 1 }).includes('Read every published version'), 'no address given, no link sentence')
})

for (const variant of DATABASES) {
  describe(`${variant.name}: the versions pages`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    before(async () => {
      t = await variant.open()
      await publishThreeVersions(t.database.db)
      runtime = await testRuntime(t.database, { now: () => VERSIONS_NOW })
      app = await buildApp(runtime)
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers })

    test('REQ-TR-04 the versions page lists every published version with its effective date', async () => {
      const res = await get('/privacy/versions?lang=en', { accept: BROWSER_ACCEPT })
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8')
      assert.equal(res.headers['content-language'], 'en')
      assert.equal(res.headers.vary, 'Accept, Accept-Language')
      const html = res.body
      assert.match(html, /<html lang="en">/)
      assert.match(html, /<h1>Versions of the privacy statement<\/h1>/)
      // newest first
      assert.ok(html.indexOf('id="version-3"') < html.indexOf('id="version-2"') && html.indexOf('id="version-2"') < html.indexOf('id="version-1"'))
      const v3 = row(html, 3)
      assert.match(v3, /Version 3 <span class="badge">announced<\/span>/)
      assert.match(v3, /<td class="date" data-label="Takes effect">1 September 2026<\/td><td class="date" data-label="Published">12 March 2026<\/td>/)
      assert.match(v3, /No material change: the wording only\./)
      const v2 = row(html, 2)
      assert.match(v2, /Version 2 <span class="badge">in force<\/span>/)
      assert.match(v2, /<td class="date" data-label="Takes effect">1 April 2026<\/td><td class="date" data-label="Published">11 March 2026<\/td>/)
      assert.match(v2, /Material changes:<\/p><ul><li>Newsletter and marketing messages \(retention\)<\/li><\/ul>/)
      assert.match(v2, /<a href="\/privacy\/versions\/2\?lang=en">Read version 2<\/a>/)
      assert.match(v2, /<a href="\/privacy\/versions\/2\/diff\?from=1&amp;lang=en">What changed since version 1<\/a>/)
      const v1 = row(html, 1)
      assert.match(v1, /<td class="date" data-label="Takes effect">10 March 2026<\/td><td class="date" data-label="Published">10 March 2026<\/td>/)
      assert.match(v1, /The first published version\./)
      assert.doesNotMatch(v1, /badge|diff/)
      assert.match(html, /<a href="\/privacy\?lang=en">Read the statement in force<\/a>/)
      assert.doesNotMatch(html, /<script/i)
    })

    test('REQ-TR-04 the versions page is in Dutch and French: ?lang= first, then Accept-Language', async () => {
      const nl = await get('/privacy/versions', { 'accept-language': 'nl-BE,nl;q=0.9,en;q=0.5' })
      assert.equal(nl.headers['content-language'], 'nl')
      assert.match(nl.body, /<html lang="nl">/)
      assert.match(nl.body, /<h1>Versies van de privacyverklaring<\/h1>/)
      assert.match(nl.body, /brengen wij u daar actief van op de hoogte als ze u betreft/)
      assert.match(row(nl.body, 2), /Versie 2 <span class="badge">van kracht<\/span>/)
      assert.match(row(nl.body, 2), /<td class="date" data-label="Van kracht vanaf">1 april 2026<\/td><td class="date" data-label="Gepubliceerd op">11 maart 2026<\/td>/)
      assert.match(row(nl.body, 2), /Belangrijke wijzigingen:<\/p><ul><li>Nieuwsbrief en marketingberichten \(bewaartermijn\)<\/li>/)
      assert.match(row(nl.body, 2), />Wat is gewijzigd sinds versie 1<\/a>/)
      assert.match(row(nl.body, 3), /aangekondigd/)
      const fr = await get('/privacy/versions?lang=fr', { 'accept-language': 'nl' })
      assert.equal(fr.headers['content-language'], 'fr')
      assert.match(fr.body, /<h1>Versions de la déclaration de confidentialité<\/h1>/)
      assert.match(fr.body, /nous vous en informons activement/)
      assert.match(row(fr.body, 2), /Version 2 <span class="badge">en vigueur<\/span>/)
      assert.match(row(fr.body, 2), /<td class="date" data-label="En vigueur le">1er avril 2026<\/td><td class="date" data-label="Publiée le">11 mars 2026<\/td>/)
      assert.match(row(fr.body, 2), /Modifications importantes\u00a0:<\/p><ul><li>Newsletter et messages marketing \(durée de conservation\)<\/li>/)
      assert.match(row(fr.body, 2), />Ce qui a changé depuis la version 1<\/a>/)
      assert.match(row(fr.body, 3), /annoncée/)
    })

    test('REQ-TR-04 the list is JSON, in its old shape, with Accept: application/json or ?format=json', async () => {
      const expected = {
        current: 2,
        versions: [
          { version: 1, publishedAt: '2026-03-10T10:00:00.000Z', effectiveDate: '2026-03-10', links: { html: '/privacy/versions/1' } },
          { version: 2, publishedAt: '2026-03-11T09:00:00.000Z', effectiveDate: '2026-04-01', links: { html: '/privacy/versions/2', diff: '/privacy/versions/2/diff?from=1' } },
          { version: 3, publishedAt: '2026-03-12T09:00:00.000Z', effectiveDate: '2026-09-01', links: { html: '/privacy/versions/3', diff: '/privacy/versions/3/diff?from=2' } },
        ],
      }
      for (const [url, accept] of [
        ['/privacy/versions', 'application/json'],
        ['/privacy/versions', 'text/html;q=0.5, application/json'],
        ['/privacy/versions?format=json', BROWSER_ACCEPT],
        ['/privacy/versions?format=json&lang=nl', ''],
      ] as const) {
        const res = await get(url, accept ? { accept } : {})
        assert.equal(res.statusCode, 200, `${url} ${accept}`)
        assert.equal(res.headers['content-type'], 'application/json; charset=utf-8', `${url} ${accept}`)
        assert.equal(res.headers.vary, 'Accept, Accept-Language')
        const body = res.json()
        assert.deepEqual(Object.keys(body), ['current', 'versions'])
        assert.equal(body.current, expected.current)
        assert.deepEqual(
          body.versions.map((v: any) => ({ version: v.version, publishedAt: v.publishedAt, effectiveDate: v.effectiveDate, links: v.links })),
          expected.versions,
        )
        for (const v of body.versions) assert.deepEqual(Object.keys(v), ['version', 'contentHash', 'publishedAt', 'effectiveDate', 'materialChanges', 'links'])
        assert.match(body.versions[0].contentHash, /^[0-9a-f]{64}$/)
        assert.deepEqual(body.versions[0].materialChanges, [])
        assert.deepEqual(body.versions[1].materialChanges.find((c: any) => c.purposeId === 'newsletter'), { purposeId: 'newsletter', material: true, changed: ['retention'] })
        assert.deepEqual(body.versions[1].materialChanges.filter((c: any) => c.material).map((c: any) => c.purposeId), ['newsletter'])
        assert.deepEqual(body.versions[2].materialChanges.filter((c: any) => c.material), [])
      }
      for (const accept of [BROWSER_ACCEPT, '*/*', 'application/json;q=0.5, text/html;q=0.9', 'image/png', '']) {
        const res = await get('/privacy/versions', accept ? { accept } : {})
        assert.equal(res.headers['content-type'], 'text/html; charset=utf-8', `Accept: ${accept || '(none)'} gives the page`)
      }
      assert.equal((await get('/privacy/versions?format=html', { accept: 'application/json' })).headers['content-type'], 'text/html; charset=utf-8')
    })

    test('REQ-TR-04 the diff page marks the added and the removed text, in English', async () => {
      const res = await get('/privacy/versions/2/diff?from=1&lang=en')
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8')
      assert.equal(res.headers['content-language'], 'en')
      assert.equal(res.headers.vary, 'Accept, Accept-Language')
      const html = res.body
      assert.match(html, /<h1>What changed in the privacy statement<\/h1>/)
      assert.match(html, /<h2 id="comparison">Version 1 \(effective 10 March 2026\) → version 2 \(effective 1 April 2026\)<\/h2>/)
      // removed within the security paragraph, word by word
      assert.match(html, /<p class="changed">We protect your data[^<]*<del><span class="sr">\[removed: <\/span>[^<]*every access is logged[^<]*<span class="sr">\]<\/span><\/del>/)
      // a new section, whole
      assert.match(html, /<h3 class="added"><ins><span class="sr">\[added: <\/span>Keys<span class="sr">\]<\/span><\/ins><\/h3>/)
      assert.match(html, /<p class="added"><ins><span class="sr">\[added: <\/span>Every key is rotated every year\.<span class="sr">\]<\/span><\/ins><\/p>/)
      // the version line at the top and bottom of the statement
      assert.match(html, /Version <del><span class="sr">\[removed: <\/span>1<span class="sr">\]<\/span><\/del><ins><span class="sr">\[added: <\/span>2<span class="sr">\]<\/span><\/ins>/)
      assert.match(html, /<h3 id="material">Material changes in version 2<\/h3>\n<ul><li>Newsletter and marketing messages \(retention\)<\/li><\/ul>/)
      assert.match(html, /<details>\n<summary>\d+ unchanged passages<\/summary>/)
      assert.match(html, /<a href="\/privacy\/versions\?lang=en">All versions of the statement<\/a>/)
      assert.match(html, /<a href="\/privacy\/versions\/1\?lang=en">Read version 1<\/a>/)
      assert.match(html, /<a href="\/privacy\/versions\/2\?lang=en">Read version 2<\/a>/)
      assert.match(html, /<a href="\/privacy\/versions\/2\/diff\?from=1&amp;lang=en&amp;format=text">The same comparison as plain text \(unified diff\)<\/a>/)
      assert.doesNotMatch(html, /<script/i)
      // without from: against the version before
      const implicit = await get('/privacy/versions/2/diff?lang=en')
      assert.match(implicit.body, /<h2 id="comparison">Version 1 \(effective 10 March 2026\) → version 2 \(effective 1 April 2026\)<\/h2>/)
    })

    test('REQ-TR-04 the diff page is in Dutch and French', async () => {
      const nl = await get('/privacy/versions/2/diff?from=1', { 'accept-language': 'nl' })
      assert.equal(nl.headers['content-language'], 'nl')
      assert.match(nl.body, /<html lang="nl">/)
      assert.match(nl.body, /<h1>Wat is gewijzigd in de privacyverklaring<\/h1>/)
      assert.match(nl.body, /<h2 id="comparison">Versie 1 \(van kracht vanaf 10 maart 2026\) → versie 2 \(van kracht vanaf 1 april 2026\)<\/h2>/)
      assert.match(nl.body, /<del><span class="sr">\[geschrapt: <\/span>[^<]*elke toegang wordt gelogd[^<]*<span class="sr">\]<\/span><\/del>/)
      assert.match(nl.body, /<ins><span class="sr">\[toegevoegd: <\/span>Elke sleutel wordt elk jaar vervangen\.<span class="sr">\]<\/span><\/ins>/)
      assert.match(nl.body, />Alle versies van de verklaring<\/a>/)
      assert.match(nl.body, />Versie 1 lezen<\/a>/)
      const fr = await get('/privacy/versions/2/diff?from=1&lang=fr')
      assert.equal(fr.headers['content-language'], 'fr')
      assert.match(fr.body, /<h1>Ce qui a changé dans la déclaration de confidentialité<\/h1>/)
      assert.match(fr.body, /<h2 id="comparison">Version 1 \(en vigueur le 10 mars 2026\) → version 2 \(en vigueur le 1er avril 2026\)<\/h2>/)
      assert.match(fr.body, /<del><span class="sr">\[supprimé\u00a0: <\/span>[^<]*chaque accès est journalisé[^<]*<span class="sr">\]<\/span><\/del>/)
      assert.match(fr.body, /<ins><span class="sr">\[ajouté\u00a0: <\/span>Chaque clé est remplacée chaque année\.<span class="sr">\]<\/span><\/ins>/)
      assert.match(fr.body, />Toutes les versions de la déclaration<\/a>/)
    })

    test('REQ-TR-04 the diff page escapes the policy\'s text and says when a version changed nothing material', async () => {
      const res = await get('/privacy/versions/3/diff?lang=en')
      assert.equal(res.statusCode, 200)
      assert.match(res.body, /<ins><span class="sr">\[added: <\/span>Questions\? Write to &lt;security@ixpole\.example&gt; &amp; we answer\.<span class="sr">\]<\/span><\/ins>/)
      assert.doesNotMatch(res.body, /<security@/)
      assert.match(res.body, /<h3 id="material">Material changes in version 3<\/h3>\n<p>No material change: the wording only\.<\/p>/)
      // Two versions apart: no material-change summary (it is recorded against the version before).
      const apart = await get('/privacy/versions/3/diff?from=1&lang=en')
      assert.match(apart.body, /Version 1 \(effective 10 March 2026\) → version 3 \(effective 1 September 2026\)/)
      assert.doesNotMatch(apart.body, /id="material"/)
      const same = await get('/privacy/versions/2/diff?from=2&lang=en')
      assert.match(same.body, /<p id="counts">In this language, the text of both versions is the same\.<\/p>/)
    })

    test('REQ-TR-04 the unified diff stays available as text (?format=text or Accept: text/plain)', async () => {
      for (const [url, headers] of [
        ['/privacy/versions/2/diff?from=1&lang=en&format=text', {}],
        ['/privacy/versions/2/diff?from=1&lang=en', { accept: 'text/plain' }],
      ] as const) {
        const res = await get(url, headers)
        assert.equal(res.statusCode, 200)
        assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8')
        assert.match(res.body, /^--- version 1$/m)
        assert.match(res.body, /^\+\+\+ version 2$/m)
        assert.match(res.body, /^-.*every access is logged\.$/m)
        assert.match(res.body, /^\+Every key is rotated every year\.$/m)
      }
    })

    test('REQ-TR-04 the statement and the privacy center link to the versions page, in each language', async () => {
      const links = {
        en: '<a href="/privacy/versions?lang=en">Read every published version and what changed between them.</a>',
        nl: '<a href="/privacy/versions?lang=nl">Lees alle gepubliceerde versies en wat er tussen de versies is gewijzigd.</a>',
        fr: '<a href="/privacy/versions?lang=fr">Consultez toutes les versions publiées et ce qui a changé entre elles.</a>',
      }
      for (const [lang, link] of Object.entries(links)) {
        const statement = (await get(`/privacy?lang=${lang}`)).body
        assert.ok(statement.includes(link), `/privacy?lang=${lang} links to the versions page`)
        const old = (await get(`/privacy/versions/1?lang=${lang}`)).body
        assert.ok(old.includes(link), `/privacy/versions/1?lang=${lang} links to the versions page`)
      }
      const md = (await get('/privacy?lang=en&format=md')).body
      assert.ok(md.includes('[Read every published version and what changed between them.](/privacy/versions?lang=en)'))
      const centers = {
        en: '<a href="/privacy/versions?lang=en" id="statement-versions">Earlier versions and what changed</a>',
        nl: '<a href="/privacy/versions?lang=nl" id="statement-versions">Eerdere versies en wat er is gewijzigd</a>',
        fr: '<a href="/privacy/versions?lang=fr" id="statement-versions">Versions antérieures et ce qui a changé</a>',
      }
      for (const [lang, link] of Object.entries(centers)) {
        const center = (await get(`/privacy-center?lang=${lang}`)).body
        assert.ok(center.includes(link), `/privacy-center?lang=${lang} links to the versions page`)
        assert.ok(center.includes(links[lang as keyof typeof links]), `the statement inside /privacy-center?lang=${lang} links to it too`)
      }
    })

    test('REQ-TR-04 a diff of version 1 without from, unknown versions and bad parameters are refused', async () => {
      const first = await get('/privacy/versions/1/diff')
      assert.equal(first.statusCode, 400)
      assert.deepEqual(first.json().error.code, 'invalid_version')
      assert.equal(first.json().error.message, 'version 1 has no previous version; give ?from=N')
      const missing = await get('/privacy/versions/9/diff?from=1')
      assert.equal(missing.statusCode, 404)
      assert.equal(missing.json().error.message, 'statement version 9 does not exist')
      assert.equal((await get('/privacy/versions/2/diff?from=8')).statusCode, 404)
      for (const url of [
        '/privacy/versions/2/diff?from=0',
        '/privacy/versions/2/diff?from=abc',
        '/privacy/versions/x/diff',
        '/privacy/versions/2/diff?format=pdf',
        '/privacy/versions/2/diff?lang=de',
        '/privacy/versions?format=xml',
        '/privacy/versions?lang=de',
        '/privacy/versions?other=1',
      ]) {
        assert.equal((await get(url)).statusCode, 400, url)
      }
    })

    test('REQ-TR-04 the OpenAPI document describes both answers of the versions routes', async () => {
      const spec = (await get('/openapi.json')).json()
      const list = spec.paths['/privacy/versions'].get
      assert.deepEqual(Object.keys(list.responses['200'].content).sort(), ['application/json', 'text/html'])
      assert.deepEqual(list.parameters.find((p: any) => p.name === 'format').schema.enum, ['html', 'json'])
      assert.deepEqual(Object.keys(list.responses['200'].content['application/json'].schema.properties), ['current', 'versions'])
      const diff = spec.paths['/privacy/versions/{version}/diff'].get
      assert.deepEqual(Object.keys(diff.responses['200'].content).sort(), ['text/html', 'text/plain'])
      assert.deepEqual(diff.parameters.find((p: any) => p.name === 'format').schema.enum, ['html', 'text'])
    })
  })
}
