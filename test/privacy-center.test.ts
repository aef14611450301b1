// The public privacy center, in process over both databases with a real SMTP server: the page in
// three languages, filing from the form, the code from the mail, the session cookie, the status page,
// the download, and the guards (origin, enumeration, wrong and spent codes).
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { unzipSync, strFromU8 } from 'fflate'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import type { Runtime } from '../src/runtime.ts'

const BASE = 'https://privacy.ixpole.example'
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString()
}

function tokenIn(html: string): string {
  const m = /name="formToken" value="([^"]+)"/.exec(html)
  assert.ok(m, 'a formToken in the form')
  return m[1]!
}

function codeIn(text: string): { code: string; link: URL } {
  const link = new RegExp(`${BASE.replace(/\./g, '\\.')}/privacy-center/requests/[0-9a-f-]{36}\\?lang=\\w\\w#code=(\\d{6})`).exec(text)
  assert.ok(link, 'the mail links to the request page with the code in the fragment')
  return { code: link[1]!, link: new URL(link[0]) }
}

for (const variant of DATABASES) {
  describe(`${variant.name}: privacy center`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let smtp: TestSmtpServer
    let runtime: Runtime
    let app: FastifyInstance
    let key = ''
    let ip = 1
    const remote = () => `10.9.${Math.floor(ip / 200)}.${(ip++ % 200) + 1}`
    const auth = () => ({ authorization: `Bearer ${key}` })

    const file = async (fields: Record<string, string>, headers: Record<string, string> = {}) => {
      const page = await app.inject({ method: 'GET', url: `/privacy-center?lang=${fields.lang ?? 'nl'}` })
      return app.inject({ method: 'POST', url: `/privacy-center/requests?lang=${fields.lang ?? 'nl'}`, headers: { ...FORM, origin: BASE, ...headers }, payload: form({ formToken: tokenIn(page.body), ...fields }), remoteAddress: remote() })
    }
    const idOf = (res: LightMyRequestResponse) => {
      assert.equal(res.statusCode, 303, res.body)
      const m = /^\/privacy-center\/requests\/([0-9a-f-]{36})\?lang=(\w\w)$/.exec(String(res.headers.location))
      assert.ok(m, `redirect to the request page: ${res.headers.location}`)
      return m[1]!
    }
    const verify = (id: string, code: string, lang = 'nl') =>
      app.inject({ method: 'POST', url: `/privacy-center/requests/${id}/verify?lang=${lang}`, headers: { ...FORM, origin: BASE }, payload: form({ code }), remoteAddress: remote() })
    const cookieOf = (res: LightMyRequestResponse) => String(res.headers['set-cookie']).split(';')[0]!

    before(async () => {
      t = await variant.open()
      smtp = await startSmtpServer()
      runtime = await testRuntime(t.database, { smtpUrl: smtp.url, baseUrl: BASE })
      app = await buildApp(runtime)
      key = (await createApiKey(t.database.db, runtime.policy(), { name: 'crm', purposes: ['customer_registration', 'contract_execution'] })).token
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await smtp?.close()
      await t?.drop()
    })

    test('REQ-TR-05 REQ-TR-11 REQ-ID-01 the privacy center in nl, fr and en: the statement in force, every right with its explanation, an e-mail field, no reasons, no identity document, nothing from elsewhere', async () => {
      const titles = { nl: 'Privacycentrum', fr: 'Centre de confidentialité', en: 'Privacy center' }
      const statement = { nl: 'Privacyverklaring', fr: 'Déclaration de confidentialité', en: 'Privacy statement' }
      for (const lang of ['nl', 'fr', 'en'] as const) {
        const res = await app.inject({ method: 'GET', url: `/privacy-center?lang=${lang}` })
        assert.equal(res.statusCode, 200)
        assert.equal(res.headers['content-language'], lang)
        assert.match(res.body, new RegExp(`<html lang="${lang}">`))
        assert.match(res.body, new RegExp(`<h1>${titles[lang]}</h1>`))
        assert.ok(res.body.includes(`<h2>${statement[lang]} — iXpole</h2>`), 'the statement is embedded, its title one level down')
        assert.match(res.body, /id="purpose-accounting"/, 'with every purpose')
        for (const type of ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdraw_consent']) {
          assert.match(res.body, new RegExp(`<input type="radio" name="type" id="type-${type}" value="${type}" aria-describedby="type-${type}-explain"`))
          assert.match(res.body, new RegExp(`<span id="type-${type}-explain">[^<]{20,}</span>`))
        }
        assert.match(res.body, /<input type="email" id="email" name="email" required/)
        assert.match(res.body, /<textarea id="details" name="details"/)
        const names = [...res.body.matchAll(/<(?:input|textarea|select)[^>]*name="([^"]+)"/g)].map((m) => m[1])
        assert.deepEqual([...new Set(names)].sort(), ['details', 'email', 'formToken', 'lang', 'pushCountry', 'pushRisksAccepted', 'pushTo', 'type'], 'no field for reasons or an identity document (the push fields are for portability to another controller)')
        assert.ok(!/type="file"/.test(res.body))
        assert.ok(!/<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?\/\//.test(res.body), 'no external resources')
        assert.ok(!/<script/.test(res.body), 'the center page itself needs no script')
        assert.match(String(res.headers['content-security-policy']), /script-src 'none'/)
      }
      const accepted = await app.inject({ method: 'GET', url: '/privacy-center', headers: { 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.5' } })
      assert.equal(accepted.headers['content-language'], 'fr')
      const a = tokenIn((await app.inject({ method: 'GET', url: '/privacy-center' })).body)
      const b = tokenIn((await app.inject({ method: 'GET', url: '/privacy-center' })).body)
      assert.notEqual(a, b, 'a fresh form token on every render')
      // A language we do not have is no error on a page for people (test/field-errors.test.ts).
      const other = await app.inject({ method: 'GET', url: '/privacy-center?lang=de', headers: { 'accept-language': 'en' } })
      assert.equal(other.statusCode, 200)
      assert.equal(other.headers['content-language'], 'en')
    })

    test('REQ-TR-05 REQ-TR-06 REQ-TR-07 filing from the form: 303 to the request page, the mail in the form\'s language with the code in the link fragment; the same form sent twice is one request', async () => {
      const before = smtp.messages.length
      const page = await app.inject({ method: 'GET', url: '/privacy-center?lang=nl' })
      const fields = { formToken: tokenIn(page.body), type: 'access', email: 'Twice.Sent@Example.be', lang: 'nl' }
      const first = await app.inject({ method: 'POST', url: '/privacy-center/requests?lang=nl', headers: { ...FORM, origin: BASE }, payload: form(fields), remoteAddress: remote() })
      const second = await app.inject({ method: 'POST', url: '/privacy-center/requests?lang=nl', headers: { ...FORM, origin: BASE }, payload: form(fields), remoteAddress: remote() })
      const id = idOf(first)
      assert.equal(idOf(second), id, 'one request for a double submit')
      const rows = await t.database.db.selectFrom('dsr_request').select(['id', 'channel', 'lang', 'type']).where('id', '=', id).execute()
      assert.deepEqual(rows, [{ id, channel: 'web', lang: 'nl', type: 'access' }])
      const [mail] = (await smtp.waitFor(before + 1)).slice(before)
      assert.equal(smtp.messages.length, before + 1, 'one acknowledgement')
      assert.match(mail!.subject ?? '', /We hebben uw verzoek ontvangen/)
      const { link } = codeIn(mail!.text ?? '')
      assert.equal(link.pathname, `/privacy-center/requests/${id}`)
      // Opening the link shows the code form and changes nothing.
      const opened = await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` })
      assert.equal(opened.statusCode, 200)
      assert.match(opened.body, /<input type="text" class="code" id="code" name="code"/)
      assert.equal((await t.database.db.selectFrom('dsr_request').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'awaiting_verification')
      // The inline script that copies the fragment is allowed by its hash, and by nothing else.
      const script = /<script>([\s\S]*?)<\/script>/.exec(opened.body)![1]!
      const hash = createHash('sha256').update(script).digest('base64')
      assert.match(String(opened.headers['content-security-policy']), new RegExp(`script-src 'sha256-${hash.replace(/[+/]/g, '\\$&')}'`))
      assert.ok(script.includes('location.hash') && !/submit|fetch|XMLHttpRequest/.test(script), 'the script only fills the field')
    })

    test('REQ-ID-01 REQ-TR-05 enumeration: a known and an unknown address get the same page, the same redirect and a mail each', async () => {
      const created = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: auth(), payload: { type: 'customer', data: { 'contact.name': 'Known Person', 'contact.email': 'known.person@example.be' } } })
      assert.equal(created.statusCode, 201, created.body)
      const before = smtp.messages.length
      const known = await file({ type: 'erasure', email: 'known.person@example.be', lang: 'en' })
      const unknown = await file({ type: 'erasure', email: 'nobody.here@example.be', lang: 'en' })
      const [kid, uid] = [idOf(known), idOf(unknown)]
      assert.equal(known.body, unknown.body)
      const [kp, up] = await Promise.all([kid, uid].map((id) => app.inject({ method: 'GET', url: `/privacy-center/requests/${id}?lang=en` })))
      assert.equal(kp!.statusCode, up!.statusCode)
      assert.equal(kp!.body.replaceAll(kid, 'ID'), up!.body.replaceAll(uid, 'ID'), 'the same page either way')
      const mails = (await smtp.waitFor(before + 2)).slice(before)
      assert.equal(mails.length, 2)
      assert.equal(mails[0]!.subject, mails[1]!.subject)
    })

    test('REQ-ID-01 the code: a wrong one says how many attempts are left; the right one sets an HttpOnly SameSite=Strict Secure cookie and shows the status; without the cookie the code form again', async () => {
      const before = smtp.messages.length
      const id = idOf(await file({ type: 'restriction', email: 'code.person@example.be', lang: 'nl' }))
      const [mail] = (await smtp.waitFor(before + 1)).slice(before)
      const { code } = codeIn(mail!.text ?? '')
      const wrong = await verify(id, code === '000000' ? '111111' : '000000')
      assert.equal(wrong.statusCode, 400)
      assert.match(wrong.body, /Deze code klopt niet/)
      assert.match(wrong.body, /Resterende pogingen: 4\./)
      assert.match(wrong.body, /role="alert"/)
      assert.equal(wrong.headers['set-cookie'], undefined)
      const right = await verify(id, code)
      assert.equal(right.statusCode, 303, right.body)
      assert.equal(right.headers.location, `/privacy-center/requests/${id}?lang=nl`)
      const setCookie = String(right.headers['set-cookie'])
      assert.match(setCookie, /^pledge_request=[\w-]{20,}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict; Secure$/)
      const status = await app.inject({ method: 'GET', url: `/privacy-center/requests/${id}?lang=nl`, headers: { cookie: cookieOf(right) } })
      assert.equal(status.statusCode, 200)
      assert.match(status.body, /<dd id="request-type">Beperking \(art\. 18 AVG\)<\/dd>/)
      assert.match(status.body, /<dd id="request-due">\d{1,2} \w+ \d{4}<\/dd>/)
      assert.match(status.body, /<dd id="request-status" data-status="(completed|in_progress|verified)">/)
      assert.ok(!status.body.includes('code.person@example.be'), 'the address is not shown')
      const without = await app.inject({ method: 'GET', url: `/privacy-center/requests/${id}?lang=nl` })
      assert.match(without.body, /name="code"/)
      assert.ok(!without.body.includes('request-status'))
      // The code is single use.
      const again = await verify(id, code)
      assert.equal(again.statusCode, 409)
      assert.match(again.body, /al bevestigd/)
      // The JSON API accepts the same cookie.
      const api = await app.inject({ method: 'GET', url: `/v1/requests/${id}`, headers: { cookie: cookieOf(right) } })
      assert.equal(api.statusCode, 200)
      assert.equal(api.json().id, id)
    })

    test('REQ-ID-03 a new code from the code page: the old one stops working, the page is the same for any id', async () => {
      const before = smtp.messages.length
      const id = idOf(await file({ type: 'access', email: 'resend.person@example.be', lang: 'fr' }))
      const [first] = (await smtp.waitFor(before + 1)).slice(before)
      const old = codeIn(first!.text ?? '').code
      const page = await app.inject({ method: 'GET', url: `/privacy-center/requests/${id}?lang=fr` })
      assert.match(page.body, /id="resend"/)
      const resent = await app.inject({ method: 'POST', url: `/privacy-center/requests/${id}/resend?lang=fr`, headers: { ...FORM, origin: BASE }, payload: '', remoteAddress: remote() })
      assert.equal(resent.statusCode, 200)
      assert.match(resent.body, /nouveau code/)
      const [second] = (await smtp.waitFor(before + 2)).slice(before + 1)
      const fresh = codeIn(second!.text ?? '').code
      const unknownId = '00000000-0000-4000-8000-000000000000'
      const other = await app.inject({ method: 'POST', url: `/privacy-center/requests/${unknownId}/resend?lang=fr`, headers: { ...FORM, origin: BASE }, payload: '', remoteAddress: remote() })
      assert.equal(other.statusCode, 200, 'the same page for an id that does not exist')
      assert.equal(smtp.messages.length, before + 2, 'and no mail')
      if (fresh !== old) assert.equal((await verify(id, old, 'fr')).statusCode, 400, 'the old code no longer works')
      assert.equal((await verify(id, fresh, 'fr')).statusCode, 303)
    })

    test('REQ-AC-06 REQ-TR-12 access from the privacy center: the status page offers the ZIP, which needs the cookie and holds data.json, data.csv and report.html', async () => {
      const created = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: auth(), payload: { type: 'customer', data: { 'contact.name': 'Ann Access', 'contact.email': 'ann.access@example.be' } } })
      assert.equal(created.statusCode, 201, created.body)
      const before = smtp.messages.length
      const id = idOf(await file({ type: 'access', email: 'ann.access@example.be', lang: 'en' }))
      const { code } = codeIn((await smtp.waitFor(before + 1))[before]!.text ?? '')
      const cookie = cookieOf(await verify(id, code, 'en'))
      const status = await app.inject({ method: 'GET', url: `/privacy-center/requests/${id}?lang=en`, headers: { cookie } })
      assert.match(status.body, /data-status="completed"/)
      assert.match(status.body, new RegExp(`<a class="button" id="download" href="/privacy-center/requests/${id}/download" download>Download my data \\(ZIP\\)</a>`))
      const noCookie = await app.inject({ method: 'GET', url: `/privacy-center/requests/${id}/download` })
      assert.equal(noCookie.statusCode, 401)
      assert.ok(!noCookie.headers['content-disposition'])
      const zip = await app.inject({ method: 'GET', url: `/privacy-center/requests/${id}/download`, headers: { cookie } })
      assert.equal(zip.statusCode, 200)
      assert.match(String(zip.headers['content-disposition']), /^attachment; filename="[\w.-]+\.zip"$/)
      assert.equal(zip.headers['cache-control'], 'no-store')
      const files = unzipSync(new Uint8Array(zip.rawPayload))
      assert.deepEqual(Object.keys(files).sort(), ['data.csv', 'data.json', 'report.html'])
      assert.ok(strFromU8(files['data.json']!).includes('Ann Access'))
      // Another request's cookie does not open this one.
      const otherId = idOf(await file({ type: 'access', email: 'someone.else@example.be', lang: 'en' }))
      const other = await app.inject({ method: 'GET', url: `/privacy-center/requests/${otherId}/download`, headers: { cookie } })
      assert.equal(other.statusCode, 401)
    })

    test('REQ-TR-05 bad input gets a clear page in the right language, with what was typed kept (escaped)', async () => {
      const noType = await file({ email: '<b>x</b>@example.be', lang: 'fr' })
      assert.equal(noType.statusCode, 400)
      assert.match(noType.body, /Choisissez ce que vous souhaitez que nous fassions/)
      assert.ok(noType.body.includes('value="&lt;b&gt;x&lt;/b&gt;@example.be"'))
      assert.ok(!noType.body.includes('<b>x</b>'))
      const badEmail = await file({ type: 'access', email: 'not-an-address', lang: 'en' })
      assert.equal(badEmail.statusCode, 400)
      assert.match(badEmail.body, /Enter an e-mail address/)
      const tooLong = await file({ type: 'rectification', email: 'long@example.be', lang: 'nl', details: 'x'.repeat(4001) })
      assert.equal(tooLong.statusCode, 400)
      assert.match(tooLong.body, /maximaal 4000 tekens/)
      const unknown = await app.inject({ method: 'GET', url: '/privacy-center/requests/00000000-0000-4000-8000-000000000000?lang=en', headers: { cookie: 'pledge_request=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' } })
      assert.equal(unknown.statusCode, 200, 'an unknown id with a stale cookie shows the code form')
      const notUuid = await app.inject({ method: 'GET', url: '/privacy-center/requests/..%2Fetc?lang=en' })
      assert.equal(notUuid.statusCode, 404)
      const verifyUnknown = await verify('00000000-0000-4000-8000-000000000000', '123456', 'en')
      assert.equal(verifyUnknown.statusCode, 404)
      assert.match(verifyUnknown.body, /We cannot find this request/)
    })

    test('CSRF: a form post from another origin or a cross-site fetch is refused and files nothing', async () => {
      const count = async () => Number((await t.database.db.selectFrom('dsr_request').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
      const n = await count()
      const evil = await file({ type: 'erasure', email: 'victim@example.be', lang: 'en' }, { origin: 'https://evil.example' })
      assert.equal(evil.statusCode, 403)
      assert.match(evil.body, /can only be sent from our own privacy center/)
      const crossSite = await file({ type: 'erasure', email: 'victim@example.be', lang: 'en' }, { origin: BASE, 'sec-fetch-site': 'cross-site' })
      assert.equal(crossSite.statusCode, 403)
      const nullOrigin = await file({ type: 'erasure', email: 'victim@example.be', lang: 'en' }, { origin: 'null' })
      assert.equal(nullOrigin.statusCode, 403)
      assert.equal(await count(), n)
      const verifyEvil = await app.inject({ method: 'POST', url: '/privacy-center/requests/00000000-0000-4000-8000-000000000000/verify', headers: { ...FORM, origin: 'https://evil.example' }, payload: 'code=123456' })
      assert.equal(verifyEvil.statusCode, 403)
      // A post that says neither where it comes from (no Origin, no Sec-Fetch-Site) is refused;
      // a browser's same-origin post with only Sec-Fetch-Site works.
      const page = await app.inject({ method: 'GET', url: '/privacy-center?lang=en' })
      const plain = await app.inject({ method: 'POST', url: '/privacy-center/requests?lang=en', headers: FORM, payload: form({ formToken: tokenIn(page.body), type: 'objection', email: 'plain@example.be', lang: 'en' }), remoteAddress: remote() })
      assert.equal(plain.statusCode, 403)
      assert.equal(await count(), n)
      const fetchSite = await app.inject({ method: 'POST', url: '/privacy-center/requests?lang=en', headers: { ...FORM, 'sec-fetch-site': 'same-origin' }, payload: form({ formToken: tokenIn(page.body), type: 'objection', email: 'plain@example.be', lang: 'en' }), remoteAddress: remote() })
      idOf(fetchSite)
      assert.equal(await count(), n + 1)
    })
  })
}
