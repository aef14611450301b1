// Mail: the templates (nl, fr, en; one-click unsubscribe and the separate right to object), sending
// over a real SMTP server on loopback, and the .eml outbox (file names, modes, index, 7-day sweep,
// erasure) on both databases. No log line may carry an address, a subject or a body.
import { describe, test, before, after, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import pino from 'pino'
import { simpleParser } from 'mailparser'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { createMailer, fromAddress, mailerFromConfig, MailError, outboxFileName, OUTBOX_RETENTION_MS } from '../src/mail/transport.ts'
import { marketingMail, newsletterConfirmation } from '../src/mail/templates.ts'
import type { Logger } from '../src/log.ts'
import type { Language } from '../src/policy/schema.ts'
import { tempDir } from './support/temp.ts'

const LANGS: readonly Language[] = ['nl', 'fr', 'en']
const CONTROLLER = 'JAG2 Solutions NV'
const FROM = fromAddress(CONTROLLER, 'privacy@ixpole.example')
const PRIVACY_URL = 'https://privacy.example.com/privacy'
const UNSUBSCRIBE_URL = 'https://privacy.example.com/v1/newsletter/unsubscribe?t=abc123'
const CONFIRM_URL = 'https://privacy.example.com/newsletter/confirm?t=tok456'

// The statement of the right to object, as each template must state it (REQ-OB-03, REQ-DM-02).
const OBJECTION: Record<Language, { heading: string; atAnyTime: RegExp; free: RegExp }> = {
  en: { heading: 'Your right to object to direct marketing', atAnyTime: /object at any time/, free: /free of charge/ },
  nl: { heading: 'Uw recht van bezwaar tegen direct marketing', atAnyTime: /op elk moment/, free: /kosteloos/ },
  fr: { heading: 'Votre droit d’opposition au marketing direct', atAnyTime: /à tout moment/, free: /gratuitement/ },
}

function capturingLogger(): { logger: Logger; output: () => string } {
  const chunks: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'))
      cb()
    },
  })
  return { logger: pino({ level: 'debug' }, stream), output: () => chunks.join('') }
}

function assertNoPersonalData(log: string, ...values: string[]): void {
  for (const v of values) assert.ok(!log.includes(v), `log must not contain ${JSON.stringify(v)}:\n${log}`)
}

function rawHeader(lines: readonly { key: string; line: string }[], key: string): string | undefined {
  const found = lines.find((l) => l.key === key.toLowerCase())
  return found?.line.slice(found.line.indexOf(':') + 1).trim()
}

describe('mail templates', () => {
  for (const lang of LANGS) {
    test(`REQ-OB-03 REQ-DM-02 ${lang}: a marketing mail carries a one-click unsubscribe and a separate statement of the right to object`, () => {
      const m = marketingMail({ lang, controllerName: CONTROLLER, bodyText: 'Our spring offer.\n\nSecond paragraph.', unsubscribeUrl: UNSUBSCRIBE_URL, privacyUrl: PRIVACY_URL })
      assert.deepEqual(m.headers, { 'List-Unsubscribe': `<${UNSUBSCRIBE_URL}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })
      const o = OBJECTION[lang]
      // Text: the statement is its own paragraph, after a heading, apart from the unsubscribe line.
      const paras = m.text.split('\n\n')
      const objection = paras.find((p) => p.startsWith(o.heading.toUpperCase()))
      assert.ok(objection, `text has a separate paragraph headed "${o.heading}"`)
      assert.match(objection, o.atAnyTime)
      assert.match(objection, o.free)
      assert.ok(!objection.includes(UNSUBSCRIBE_URL), 'the right to object is not folded into the unsubscribe line')
      assert.ok(m.text.includes(UNSUBSCRIBE_URL))
      assert.ok(m.text.startsWith('Our spring offer.'))
      // HTML: a heading of its own and a paragraph; the unsubscribe link is a real link.
      assert.match(m.html, new RegExp(`<h2[^>]*>${o.heading}</h2>`), 'html has the heading')
      assert.match(m.html, o.atAnyTime)
      assert.match(m.html, o.free)
      assert.ok(m.html.includes(`href="${UNSUBSCRIBE_URL}"`))
      assert.ok(m.html.includes(`href="${PRIVACY_URL}"`))
      assert.ok(m.html.includes(`<html lang="${lang}">`))
      assert.ok(m.subject.includes(CONTROLLER))
    })

    test(`${lang}: the newsletter confirmation explains the subscription, that nothing happens without confirmation, and links to the confirmation page`, () => {
      const m = newsletterConfirmation({ lang, controllerName: CONTROLLER, confirmUrl: CONFIRM_URL, privacyUrl: PRIVACY_URL })
      assert.equal(m.headers, undefined)
      assert.ok(m.subject.includes(CONTROLLER))
      for (const part of [m.text, m.html]) {
        assert.ok(part.includes(CONTROLLER))
        assert.ok(part.includes(PRIVACY_URL))
        assert.match(part, { nl: /Er gebeurt niets zolang u niet bevestigt/, fr: /Rien ne se passe tant que vous ne confirmez pas/, en: /Nothing happens unless you confirm/ }[lang])
        assert.match(part, { nl: /pagina waar u uw inschrijving met een knop bevestigt/, fr: /page où vous confirmez votre inscription à l’aide d’un bouton/, en: /page where you confirm your subscription with a button/ }[lang])
      }
      assert.ok(m.text.includes(CONFIRM_URL))
      assert.ok(m.html.includes(`href="${CONFIRM_URL}"`))
    })
  }

  test('every interpolated value is escaped in HTML, and links must be http(s)', () => {
    const evil = 'Evil <script>alert("x")</script> & Co'
    const m = marketingMail({ lang: 'en', controllerName: evil, bodyText: '<img src=x onerror=alert(1)>\nline two', unsubscribeUrl: 'https://x.example/u?a=1&b=2', privacyUrl: PRIVACY_URL, subject: 'Hi\r\nBcc: victim@example.com' })
    assert.ok(!m.html.includes('<script>'))
    assert.ok(!m.html.includes('<img'))
    assert.ok(m.html.includes('Evil &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co'))
    assert.ok(m.html.includes('&lt;img src=x onerror=alert(1)&gt;<br>\nline two'))
    assert.ok(m.html.includes('href="https://x.example/u?a=1&amp;b=2"'))
    assert.throws(() => marketingMail({ lang: 'en', controllerName: 'X', bodyText: 'b', unsubscribeUrl: 'https://x.example/u?"onmouseover="x', privacyUrl: PRIVACY_URL }), /quotes/)
    assert.ok(!/[\r\n]/.test(m.subject), 'subject is one line')
    const c = newsletterConfirmation({ lang: 'nl', controllerName: evil, confirmUrl: CONFIRM_URL, privacyUrl: PRIVACY_URL })
    assert.ok(!c.html.includes('<script>'))
    assert.throws(() => newsletterConfirmation({ lang: 'en', controllerName: 'X', confirmUrl: 'javascript:alert(1)', privacyUrl: PRIVACY_URL }), /http\(s\)/)
    assert.throws(() => marketingMail({ lang: 'en', controllerName: 'X', bodyText: 'b', unsubscribeUrl: '/relative', privacyUrl: PRIVACY_URL }), /absolute/)
  })

  test('the sender is the controller, with the display name quoted', () => {
    assert.equal(fromAddress('JAG2 Solutions NV', 'privacy@ixpole.example'), '"JAG2 Solutions NV" <privacy@ixpole.example>')
    assert.equal(fromAddress('A "B" \\ C', 'a@b.example'), '"A \\"B\\" \\\\ C" <a@b.example>')
  })

  test('outbox file names come from the message id only: no @, no path, no dot file', () => {
    assert.equal(outboxFileName('<0b8c8a4e-1f2a-4e55-9a4f-2d3c4b5a6978@pledge>'), '0b8c8a4e-1f2a-4e55-9a4f-2d3c4b5a6978_pledge.eml')
    const traversal = outboxFileName('<../../etc/passwd>')
    assert.ok(!traversal.includes('/') && !traversal.startsWith('.'), traversal)
    assert.ok(!outboxFileName('<a/b\\c@d>').includes('/'))
    assert.ok(!outboxFileName('<.hidden@x>').startsWith('.'))
  })
})

// SMTP does not touch the database, so it runs once, over the embedded one.
describe('mail over a real SMTP server on loopback', () => {
  let smtp: TestSmtpServer
  let t: TestDatabase
  before(async () => {
    smtp = await startSmtpServer()
    t = await DATABASES[0]!.open()
  })
  after(async () => {
    await smtp?.close()
    await t?.drop()
  })

  test('a mail sent over SMTP arrives with its subject, text, html, sender and message id; the log has no address', async (ctx) => {
    const { logger, output } = capturingLogger()
    const outboxDir = join(tempDir(ctx, 'pledge-mail-'), 'outbox')
    const mailer = createMailer({ smtpUrl: smtp.url, outboxDir, from: FROM, db: t.database.db, logger })
    const to = 'jan.peeters@example.be'
    const content = newsletterConfirmation({ lang: 'nl', controllerName: CONTROLLER, confirmUrl: CONFIRM_URL, privacyUrl: PRIVACY_URL })
    const before = smtp.messages.length
    const started = performance.now()
    const sent = await mailer.send({ to, ...content, recipientHash: 'hash-jan' })
    const [received] = (await smtp.waitFor(before + 1)).slice(before)
    const roundTrip = performance.now() - started
    // A second mail reuses the pooled connection (the first pays smtp-server's 100 ms greeting delay).
    const again = performance.now()
    await mailer.send({ to, ...content, recipientHash: 'hash-jan' })
    await smtp.waitFor(before + 2)
    const pooled = performance.now() - again
    ctx.diagnostic(`SMTP round trip (send to parsed at the server): first ${roundTrip.toFixed(1)} ms, pooled ${pooled.toFixed(1)} ms`)
    await mailer.close()

    assert.ok(received)
    assert.match(sent.messageId, /^<[0-9a-f-]{36}@pledge>$/)
    assert.equal(sent.outboxFile, undefined)
    assert.equal(received.messageId, sent.messageId)
    assert.equal(received.subject, content.subject)
    assert.equal(received.text?.trim(), content.text.trim())
    assert.equal(typeof received.html, 'string')
    assert.ok((received.html as string).includes(`href="${CONFIRM_URL}"`))
    assert.deepEqual(received.from?.value, [{ name: CONTROLLER, address: 'privacy@ixpole.example' }])
    assert.deepEqual(smtp.envelopes.at(-1)?.to, [to])
    assert.ok(!existsSync(outboxDir), 'nothing is written to the outbox when SMTP is configured')
    const log = output()
    assert.ok(log.includes(sent.messageId))
    assert.equal(smtp.messages.length, before + 2)
    assertNoPersonalData(log, to, 'jan.peeters', content.subject, CONFIRM_URL)
  })

  for (const lang of LANGS) {
    test(`REQ-OB-03 REQ-DM-02 ${lang}: a marketing mail arrives with List-Unsubscribe, List-Unsubscribe-Post and the right-to-object statement`, async (ctx) => {
      const { logger, output } = capturingLogger()
      const mailer = createMailer({ smtpUrl: smtp.url, outboxDir: join(tempDir(ctx, 'pledge-unused-outbox-'), 'outbox'), from: FROM, db: t.database.db, logger })
      const to = `marie.${lang}@example.be`
      const content = marketingMail({ lang, controllerName: CONTROLLER, bodyText: `Offer in ${lang}.`, unsubscribeUrl: UNSUBSCRIBE_URL, privacyUrl: PRIVACY_URL })
      const before = smtp.messages.length
      const sent = await mailer.send({ to, subject: content.subject, text: content.text, html: content.html, headers: content.headers, recipientHash: `hash-${lang}` })
      const received = (await smtp.waitFor(before + 1)).slice(before).find((m) => m.messageId === sent.messageId)
      await mailer.close()
      assert.ok(received, 'the message arrived')
      assert.equal(rawHeader(received.headerLines, 'List-Unsubscribe'), `<${UNSUBSCRIBE_URL}>`)
      assert.equal(rawHeader(received.headerLines, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click')
      const o = OBJECTION[lang]
      assert.ok(received.text?.includes(o.heading.toUpperCase()))
      assert.match(received.text ?? '', o.free)
      assert.ok((received.html as string).includes(o.heading))
      assert.ok((received.html as string).includes(`href="${UNSUBSCRIBE_URL}"`))
      assertNoPersonalData(output(), to, content.subject)
    })
  }

  test('an SMTP failure is an error without the address, and so is its log line', async (ctx) => {
    const { logger, output } = capturingLogger()
    const dead = await startSmtpServer()
    const url = dead.url
    await dead.close()
    const mailer = createMailer({ smtpUrl: url, outboxDir: join(tempDir(ctx, 'pledge-unused-outbox-'), 'outbox'), from: FROM, db: t.database.db, logger })
    const to = 'nobody.here@example.be'
    await assert.rejects(mailer.send({ to, subject: 'Secret subject', text: 'body', recipientHash: 'h' }), (err: unknown) => {
      assert.ok(err instanceof MailError)
      assert.ok(!err.message.includes(to))
      assert.match(err.message, /^SMTP send failed/)
      return true
    })
    await mailer.close()
    assertNoPersonalData(output(), to, 'Secret subject')
  })

  test('mailerFromConfig sends as the policy controller over PLEDGE_SMTP_URL', async (ctx) => {
    const { logger } = capturingLogger()
    const dataDir = tempDir(ctx, 'pledge-mail-')
    const policy = { controller: { name: { nl: CONTROLLER, fr: 'JAG2 Solutions SA', en: CONTROLLER }, email: 'privacy@ixpole.example' } } as unknown as Parameters<typeof mailerFromConfig>[3]
    const mailer = mailerFromConfig({ dataDir }, t.database.db, logger, policy, { PLEDGE_SMTP_URL: smtp.url })
    const before = smtp.messages.length
    const sent = await mailer.send({ to: 'a@example.be', subject: 's', text: 't', recipientHash: 'h' })
    const [received] = (await smtp.waitFor(before + 1)).slice(before)
    await mailer.close()
    assert.equal(received?.messageId, sent.messageId)
    assert.deepEqual(received?.from?.value, [{ name: CONTROLLER, address: 'privacy@ixpole.example' }])
    assert.throws(() => mailerFromConfig({ dataDir }, t.database.db, logger, policy, { PLEDGE_SMTP_URL: 'http://nope' }), /smtp/)
    const outboxMailer = mailerFromConfig({ dataDir }, t.database.db, logger, policy, {})
    const inOutbox = await outboxMailer.send({ to: 'a@example.be', subject: 's', text: 't', recipientHash: 'h-config' })
    await outboxMailer.close()
    assert.equal(inOutbox.outboxFile, join(dataDir, 'outbox', outboxFileName(inOutbox.messageId)))
  })
})

for (const variant of DATABASES) {
  describe(`${variant.name}: the mail outbox`, { skip: variant.skip }, () => {
    let t: TestDatabase
    before(async () => {
      t = await variant.open()
    })
    after(async () => {
      await t?.drop()
    })

    const newOutbox = (ctx: TestContext) => join(tempDir(ctx, 'pledge-outbox-'), 'outbox')
    const rows = (hash: string) => t.database.db.selectFrom('outbox_file').selectAll().where('recipient_hash', '=', hash).execute()

    test('without SMTP a mail is an .eml file named by its message id (0600 in a 0700 directory), indexed by recipient hash; the log has the path and no address', async (ctx) => {
      const { logger, output } = capturingLogger()
      const outboxDir = newOutbox(ctx)
      const mailer = createMailer({ outboxDir, from: FROM, db: t.database.db, logger })
      const to = 'an.janssens@example.be'
      const content = marketingMail({ lang: 'fr', controllerName: CONTROLLER, bodyText: 'Notre offre de printemps.', unsubscribeUrl: UNSUBSCRIBE_URL, privacyUrl: PRIVACY_URL })
      const sent = await mailer.send({ to, subject: content.subject, text: content.text, html: content.html, headers: content.headers, recipientHash: 'hash-an' })
      await mailer.close()

      assert.ok(sent.outboxFile)
      const name = outboxFileName(sent.messageId)
      assert.equal(sent.outboxFile, join(outboxDir, name))
      assert.deepEqual(readdirSync(outboxDir), [name])
      assert.ok(name.endsWith('.eml'))
      assert.ok(!name.includes('@'), 'no @ in the file name')
      assert.ok(!name.includes('an.janssens') && !name.includes('example.be'), 'the address is not in the file name')
      assert.ok(name.startsWith(sent.messageId.slice(1, 37)), 'the name is the message id')
      assert.equal(statSync(sent.outboxFile).mode & 0o777, 0o600)
      assert.equal(statSync(outboxDir).mode & 0o777, 0o700)

      const parsed = await simpleParser(readFileSync(sent.outboxFile))
      assert.equal(parsed.messageId, sent.messageId)
      assert.equal(parsed.subject, content.subject)
      assert.equal(parsed.text?.trim(), content.text.trim())
      assert.equal(parsed.html, content.html)
      assert.equal((parsed.to as { text: string }).text, to)
      assert.equal(rawHeader(parsed.headerLines, 'List-Unsubscribe'), `<${UNSUBSCRIBE_URL}>`)
      assert.equal(rawHeader(parsed.headerLines, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click')

      const indexed = await rows('hash-an')
      assert.equal(indexed.length, 1)
      assert.equal(indexed[0]!.file, name)

      const log = output()
      const lines = log.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; outboxFile?: string })
      assert.ok(lines.some((l) => l.msg === 'mail written to the outbox' && l.outboxFile === sent.outboxFile))
      assertNoPersonalData(log, to, 'an.janssens', content.subject, 'printemps')
    })

    test('sweepOutbox deletes files (and rows) older than 7 days, including stray files, and keeps newer ones', async (ctx) => {
      const { logger, output } = capturingLogger()
      const outboxDir = newOutbox(ctx)
      const now = new Date()
      const eightDaysAgo = new Date(now.getTime() - 8 * 24 * 3600 * 1000)
      const sixDaysAgo = new Date(now.getTime() - 6 * 24 * 3600 * 1000)
      const old = createMailer({ outboxDir, from: FROM, db: t.database.db, logger, now: () => eightDaysAgo })
      const recent = createMailer({ outboxDir, from: FROM, db: t.database.db, logger, now: () => sixDaysAgo })
      const a = await old.send({ to: 'old@example.be', subject: 'old', text: 'x', recipientHash: 'hash-sweep-old' })
      const b = await recent.send({ to: 'new@example.be', subject: 'new', text: 'x', recipientHash: 'hash-sweep-new' })
      // A stray file with no index row (say a crash between the two writes), 8 days old.
      const stray = join(outboxDir, 'stray_pledge.eml')
      writeFileSync(stray, 'x', { mode: 0o600 })
      utimesSync(stray, eightDaysAgo, eightDaysAgo)

      assert.equal(await recent.sweepOutbox(now), 2)
      assert.ok(!existsSync(a.outboxFile!))
      assert.ok(!existsSync(stray))
      assert.ok(existsSync(b.outboxFile!))
      assert.equal((await rows('hash-sweep-old')).length, 0)
      assert.equal((await rows('hash-sweep-new')).length, 1)

      // Two days later the second one is past 7 days too.
      assert.equal(await recent.sweepOutbox(new Date(sixDaysAgo.getTime() + OUTBOX_RETENTION_MS + 1000)), 1)
      assert.deepEqual(readdirSync(outboxDir), [])
      assert.equal((await rows('hash-sweep-new')).length, 0)
      assert.equal(await recent.sweepOutbox(now), 0)
      await old.close()
      await recent.close()
      assertNoPersonalData(output(), 'old@example.be', 'new@example.be')
    })

    test('forgetRecipient deletes every outbox file (and row) of that recipient and nothing else', async (ctx) => {
      const { logger, output } = capturingLogger()
      const outboxDir = newOutbox(ctx)
      const mailer = createMailer({ outboxDir, from: FROM, db: t.database.db, logger })
      const gone1 = await mailer.send({ to: 'erase.me@example.be', subject: 'one', text: 'x', recipientHash: 'hash-erase' })
      const gone2 = await mailer.send({ to: 'erase.me@example.be', subject: 'two', text: 'x', recipientHash: 'hash-erase' })
      const kept = await mailer.send({ to: 'keep.me@example.be', subject: 'three', text: 'x', recipientHash: 'hash-keep' })
      assert.equal(readdirSync(outboxDir).length, 3)

      assert.equal(await mailer.forgetRecipient('hash-erase'), 2)
      assert.ok(!existsSync(gone1.outboxFile!))
      assert.ok(!existsSync(gone2.outboxFile!))
      assert.ok(existsSync(kept.outboxFile!))
      assert.equal((await rows('hash-erase')).length, 0)
      assert.equal((await rows('hash-keep')).length, 1)
      assert.equal(await mailer.forgetRecipient('hash-erase'), 0)
      assert.equal(await mailer.forgetRecipient('hash-unknown'), 0)
      await mailer.close()
      assertNoPersonalData(output(), 'erase.me', 'keep.me', 'hash-erase')
    })
  })
}
