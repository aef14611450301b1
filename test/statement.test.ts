import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { parseDocument } from 'yaml'
import { loadPolicyFile, validatePolicyDocument } from '../src/policy/load.ts'
import type { Policy } from '../src/policy/policy.ts'
import { controllerPurposes, processorPurposes } from '../src/policy/policy.ts'
import type { Language, PolicyDocument } from '../src/policy/schema.ts'
import { renderStatement, escapeHtml, escapeMarkdown } from '../src/policy/statement.ts'
import { formatDuration, formatRetention } from '../src/policy/i18n.ts'

const FIXTURE = 'test/fixtures/statement-policy.yaml'
const EXAMPLE = 'examples/ixpole/policy.yaml'
const LANGS: Language[] = ['nl', 'fr', 'en']
const SEED_PURPOSES = [
  'customer_registration',
  'contract_execution',
  'accounting',
  'newsletter',
  'prospect_registration',
  'customer_information',
  'customer_service',
  'market_research',
  'legal_defence',
]

async function fixtureDocument(): Promise<PolicyDocument> {
  return parseDocument(await readFile(FIXTURE, 'utf8')).toJS() as PolicyDocument
}

/** Text content of the HTML (tags stripped, entities decoded) for phrase checks. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}

const policies: [string, () => Promise<Policy>][] = [['fixture', () => loadPolicyFile(FIXTURE)]]
if (existsSync(EXAMPLE)) policies.push(['example ixpole', () => loadPolicyFile(EXAMPLE)])

for (const [label, load] of policies) {
  for (const lang of LANGS) {
    test(`REQ-TR-01 REQ-AUD-02 (${label}, ${lang}) the statement names the controller at Kempische Steenweg 311, 3500 Hasselt, its company number, privacy contact and every seed purpose`, async () => {
      const policy = await load()
      for (const format of ['html', 'md'] as const) {
        const out = renderStatement(policy, lang, format, { version: 1, effectiveDate: '2025-01-01' })
        const t = format === 'html' ? text(out) : out.replace(/\\/g, '')
        assert.match(t, /Kempische Steenweg 311/)
        assert.match(t, /3500 Hasselt/)
        assert.ok(t.includes(policy.controller.companyNumber))
        assert.ok(t.includes(policy.controller.privacyContact.email))
        for (const id of SEED_PURPOSES) {
          const p = policy.purpose(id)
          assert.ok(p, `purpose ${id} exists`)
          assert.ok(t.includes(p.name[lang]), `${format} names ${id} as "${p.name[lang]}"`)
        }
      }
    })
  }

  /** The English words for each basis and retention period the two policies use, written out. */
  const BASIS_EN: Record<string, string> = { consent: 'Art. 6(1)(a) GDPR', contract: 'Art. 6(1)(b) GDPR', legal_obligation: 'Art. 6(1)(c) GDPR', legitimate_interests: 'Art. 6(1)(f) GDPR' }
  const DURATION_EN: Record<string, string> = { P6M: '6 months', P1Y: '1 year', P2Y: '2 years', P3Y: '3 years', P24M: '24 months', P10Y: '10 years' }

  test(`REQ-TR-01 (${label}) the English statement names every purpose with its basis, recipients by name and concrete retention`, async () => {
    const policy = await load()
    const md = renderStatement(policy, 'en', 'md').replace(/\\/g, '')
    const sections = md.split(/^### /m).slice(1)
    for (const p of controllerPurposes(policy)) {
      const section = sections.find((s) => s.startsWith(p.name.en))
      assert.ok(section, `a section for ${p.id}`)
      for (const basis of new Set(Object.values(p.basis))) {
        assert.ok(BASIS_EN[basis], `an expected text is written for ${basis}`)
        assert.ok(section.includes(BASIS_EN[basis]!), `${p.id} states ${basis} as ${BASIS_EN[basis]}`)
      }
      for (const rid of p.recipients) assert.ok(section.includes(policy.recipient(rid)!.name), `${p.id} names recipient ${rid}`)
      if (p.retention.duration && !/^P0+[YMWD]?$/.test(p.retention.duration)) {
        const words = DURATION_EN[p.retention.duration]
        assert.ok(words, `an expected text is written for ${p.retention.duration}`)
        assert.ok(section.includes(words), `${p.id} keeps for ${words}`)
      }
      if (p.retention.legalReference) assert.ok(section.includes(p.retention.legalReference.en))
      if (Object.values(p.basis).includes('legitimate_interests')) assert.ok(section.includes(p.legitimateInterest!.interest.en), `${p.id} legitimate interest`)
      if (Object.values(p.basis).includes('legal_obligation')) assert.ok(section.includes(p.statutoryReference!.en), `${p.id} statutory reference`)
      assert.ok(section.includes(p.provision.consequence.en), `${p.id} consequence of not providing (Art. 13(2)(e))`)
      for (const c of p.categories) assert.ok(section.includes(policy.category(c.id)!.label.en), `${p.id} category ${c.id}`)
    }
    // Processor-role purposes are not presented as the controller's purposes.
    for (const p of processorPurposes(policy)) {
      assert.ok(!sections.some((s) => s.startsWith(p.name.en)), `${p.id} has no controller purpose section`)
    }
  })

  test(`REQ-TR-02 (${label}) no vague retention wording in any language`, async () => {
    const policy = await load()
    const vague = [/as long as necessary/i, /no longer than necessary/i, /zolang als nodig/i, /niet langer dan nodig/i, /aussi longtemps que nécessaire/i, /pas plus longtemps que nécessaire/i, /legal retention periods/i]
    for (const lang of LANGS) {
      const md = renderStatement(policy, lang, 'md')
      for (const re of vague) assert.doesNotMatch(md, re, `${lang}: ${re}`)
    }
  })

  test(`REQ-TR-01 Art. 77 (${label}) the complaint right is unconditional in every language`, async () => {
    const policy = await load()
    const expected: Record<Language, RegExp> = {
      en: /You do not have to contact us first: you can complain directly/,
      nl: /U hoeft niet eerst contact met ons op te nemen: u kunt rechtstreeks klacht indienen/,
      fr: /Vous ne devez pas nous contacter d'abord : vous pouvez introduire votre réclamation directement/,
    }
    for (const lang of LANGS) {
      const t = text(renderStatement(policy, lang, 'html'))
      assert.match(t, expected[lang])
      assert.ok(t.includes(policy.supervisoryAuthority.name[lang]))
      // The seed's precondition wording is gone.
      assert.doesNotMatch(t, /we.d like to ask you to inform us first/i)
    }
  })

  test(`REQ-ID-01 REQ-TR-10 (${label}) exercising rights is free and does not demand an identity card`, async () => {
    const policy = await load()
    for (const lang of LANGS) {
      const t = text(renderStatement(policy, lang, 'html'))
      assert.doesNotMatch(t, /send us a copy of the front of your identity card/i)
      assert.doesNotMatch(t, /(we ask you to send|please send|stuur ons|envoyez-nous) [^.]*(identity card|identiteitskaart|carte d'identité)/i)
      const negated = { en: /We do not ask for a copy of your identity card/, nl: /We vragen geen kopie van uw identiteitskaart/, fr: /Nous ne demandons pas de copie de votre carte d'identité/ }[lang]
      assert.match(t, negated)
      const doubt = { en: /reasonable doubts/, nl: /redelijke twijfel/, fr: /doutes raisonnables/ }[lang]
      assert.match(t, doubt)
      const free = { en: /free of charge/, nl: /kosteloos/, fr: /gratuit/ }[lang]
      assert.match(t, free)
      const month = { en: /within one month/, nl: /binnen één maand/, fr: /délai d'un mois/ }[lang]
      assert.match(t, month)
      const two = { en: /two further months/, nl: /met twee maanden verlengen/, fr: /prolongé de deux mois/ }[lang]
      assert.match(t, two)
    }
  })

  test(`REQ-OB-03 (${label}) the right to object to direct marketing has its own section naming the direct-marketing purposes`, async () => {
    const policy = await load()
    const dm = controllerPurposes(policy).filter((p) => p.directMarketing)
    assert.ok(dm.length > 0)
    for (const lang of LANGS) {
      const html = renderStatement(policy, lang, 'html')
      const start = html.indexOf('<h2 id="object-direct-marketing">')
      assert.ok(start > 0)
      const end = html.indexOf('<h2', start + 5)
      const section = text(html.slice(start, end))
      for (const p of dm) assert.ok(section.toLowerCase().includes(p.name[lang].toLowerCase()), `${lang} names ${p.id}`)
      assert.match(section, { en: /absolute/, nl: /absoluut/, fr: /absolu/ }[lang])
      // and the rights section offers withdrawal of consent as easily as it was given
      assert.match(text(html), { en: /as easily as you gave it/, nl: /even gemakkelijk als u ze gaf/, fr: /aussi facilement que vous l’avez donné/ }[lang])
    }
  })

  test(`REQ-TR-04 (${label}) changes are announced actively, not "consult regularly"`, async () => {
    const policy = await load()
    const t = text(renderStatement(policy, 'en', 'html', { version: 3, effectiveDate: '2025-06-01' }))
    assert.match(t, /we inform you actively/)
    assert.match(t, /Version 3, effective from 1 June 2025/)
    assert.doesNotMatch(t, /consult the latest version/i)
    const draft = text(renderStatement(policy, 'en', 'html'))
    assert.match(draft, /Draft: not yet published/)
  })

  test(`REQ-TF-02 (${label}) transfers outside the EEA state country, safeguard and where to get a copy of the SCCs`, async () => {
    const policy = await load()
    const outside = policy.recipients.filter((r) => r.transfer && controllerPurposes(policy).some((p) => p.recipients.includes(r.id)))
    assert.ok(outside.length > 0, 'the policy has at least one transfer')
    const t = text(renderStatement(policy, 'en', 'html'))
    for (const r of outside) {
      const decision = r.transfer!.decision
      assert.ok(t.includes(typeof decision === 'string' ? decision : decision.en), `${r.id} decision`)
      if (r.transfer!.mechanism === 'scc') assert.match(t, /obtain a copy of the standard contractual clauses/)
    }
    assert.match(t, /United States/)
  })

  test(`REQ-PR-01 (${label}) visitors held for customers are told the customer is the controller and where to send requests`, async () => {
    const policy = await load()
    const t = text(renderStatement(policy, 'en', 'html'))
    assert.match(t, /the customer is the controller/)
    assert.match(t, /send questions and requests about those data to the customer/)
    assert.match(t, /We never use these data for our own purposes/)
    const nl = text(renderStatement(policy, 'nl', 'html'))
    assert.match(nl, /de klant is de verwerkingsverantwoordelijke/)
  })

  test(`REQ-AD-01 (${label}) no automated decision-making is stated when no purpose has it`, async () => {
    const policy = await load()
    assert.ok(controllerPurposes(policy).every((p) => !p.automatedDecisions))
    assert.match(text(renderStatement(policy, 'en', 'html')), /We do not take decisions based solely on automated processing/)
  })
}

test('REQ-AD-01 a purpose flagged for automated decisions is named in the Art. 22 section', async () => {
  const doc = await fixtureDocument()
  doc.purposes.find((p) => p.id === 'market_research')!.automatedDecisions = true
  const t = text(renderStatement(validatePolicyDocument(doc), 'en', 'html'))
  assert.match(t, /The following purposes involve decisions based solely on automated processing \(Art\. 22 GDPR\): Market research/)
  assert.doesNotMatch(t, /We do not take decisions based solely/)
})

test('HTML is a complete accessible document: lang, one h1, no skipped heading levels, captions and scoped headers, no scripts', async () => {
  const policy = await loadPolicyFile(FIXTURE)
  for (const lang of LANGS) {
    const html = renderStatement(policy, lang, 'html')
    assert.ok(html.startsWith('<!DOCTYPE html>\n'))
    assert.match(html, new RegExp(`<html lang="${lang}">`))
    assert.match(html, /<meta charset="utf-8">/)
    assert.match(html, /<title>[^<]+<\/title>/)
    assert.equal((html.match(/<h1[ >]/g) ?? []).length, 1)
    let previous = 1
    for (const m of html.matchAll(/<h([1-6])[ >]/g)) {
      const level = Number(m[1])
      assert.ok(level <= previous + 1, `heading h${level} after h${previous}`)
      previous = level
    }
    const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? []
    assert.ok(tables.length >= 3)
    for (const t of tables) {
      assert.match(t, /^<table>\n<caption>[^<]+<\/caption>/)
      assert.doesNotMatch(t, /<th>/, 'every th has a scope')
    }
    assert.doesNotMatch(html, /<script/i)
    assert.doesNotMatch(html, /\son\w+=/i)
    // balanced tags for the elements we write
    for (const tag of ['table', 'tr', 'ul', 'li', 'dl', 'p', 'main', 'thead', 'tbody']) {
      const open = (html.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length
      const close = (html.match(new RegExp(`</${tag}>`, 'g')) ?? []).length
      assert.equal(open, close, `<${tag}> balanced in ${lang}`)
    }
  }
})

test('a malicious policy text is escaped in HTML and inert in Markdown', async () => {
  const doc = await fixtureDocument()
  const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
  doc.statement.introduction.en = `Hello ${evil} & goodbye`
  doc.purposes[0]!.name.en = `Reg <b>bold</b> "quoted"`
  doc.controller.name = 'JAG2 <i>Solutions</i>'
  const policy = validatePolicyDocument(doc)
  const html = renderStatement(policy, 'en', 'html')
  assert.doesNotMatch(html, /<script/i)
  assert.doesNotMatch(html, /<img/i)
  assert.doesNotMatch(html, /<b>bold/)
  assert.doesNotMatch(html, /<i>Solutions/)
  assert.ok(html.includes('Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; goodbye'))
  assert.ok(html.includes('Reg &lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot;'))
  const md = renderStatement(policy, 'en', 'md')
  assert.doesNotMatch(md, /(?<!\\)<script/i)
  assert.ok(md.includes('\\<script\\>'))
  assert.equal(escapeHtml(`<a href='x'>&</a>`), '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;')
  assert.equal(escapeMarkdown('a|b *c* [d](e) _f_'), 'a\\|b \\*c\\* \\[d\\](e) \\_f\\_')
})

test('a javascript: link in a policy URL field is never emitted as a link', async () => {
  const doc = await fixtureDocument()
  const mailer = doc.recipients!.find((r) => r.id === 'mailer')!
  if (mailer.transfer?.mechanism === 'scc') mailer.transfer.copyAvailableAt = 'javascript:alert(1)'
  const html = renderStatement(validatePolicyDocument(doc), 'en', 'html')
  assert.doesNotMatch(html, /href="javascript:/i)
})

test('REQ-TR-02 retention phrasing: durations and triggers in nl, fr and en', () => {
  assert.equal(formatDuration('P10Y', 'nl'), '10 jaar')
  assert.equal(formatDuration('P10Y', 'fr'), '10 ans')
  assert.equal(formatDuration('P10Y', 'en'), '10 years')
  assert.equal(formatDuration('P1Y6M', 'en'), '1 year and 6 months')
  assert.equal(formatDuration('P1M', 'fr'), '1 mois')
  assert.equal(formatDuration('P2W', 'nl'), '2 weken')
  const invoice = { duration: 'P10Y', trigger: 'invoice_issued', countFrom: 'next_calendar_year', endAction: 'delete', legalReference: { nl: 'Btw-wetboek art. 60', fr: 'Code de la TVA art. 60', en: 'VAT Code Art. 60' } } as const
  assert.equal(formatRetention(invoice, 'en'), '10 years from 1 January of the year after the invoice date, then deleted (legal reference: VAT Code Art. 60)')
  assert.equal(formatRetention(invoice, 'nl'), '10 jaar vanaf 1 januari van het jaar na de factuurdatum, daarna verwijderd (wettelijke grondslag: Btw-wetboek art. 60)')
  assert.equal(formatRetention(invoice, 'fr'), "10 ans à compter du 1er janvier de l'année suivant la date de la facture, puis supprimées (base légale\u00a0: Code de la TVA art. 60)")
  assert.equal(formatRetention({ duration: 'P6M', trigger: 'application_rejected', endAction: 'delete' }, 'fr'), '6 mois à compter du rejet de votre demande, puis supprimées')
  assert.equal(formatRetention({ duration: 'P0D', trigger: 'consent_withdrawn', endAction: 'delete' }, 'fr'), "jusqu'au retrait de votre consentement, puis supprimées")
  assert.equal(formatRetention({ duration: 'P2Y', trigger: 'last_interaction', endAction: 'anonymise' }, 'en'), '2 years from our last contact with you, then irreversibly anonymised')
})

test('REQ-LB-09 (example ixpole) each purpose tells the person, per item of data, whether it must be provided and what happens if not; photograph, phone and bank account are optional', async () => {
  const policy = await loadPolicyFile(EXAMPLE)
  const md = renderStatement(policy, 'en', 'md').replace(/\\/g, '')
  const sections = md.split(/^### /m).slice(1)
  const optional = ['Telephone number', 'Photograph', 'Bank account number']
  let seen = 0
  for (const p of controllerPurposes(policy)) {
    const section = sections.find((s) => s.startsWith(p.name.en))!
    assert.ok(section, p.id)
    assert.match(section, /\n- \*\*If you do not provide them:\*\* \S/, `${p.id} says what happens without the data`)
    assert.match(section, /\n\| Data \| Must you provide it\? \|\n\| --- \| --- \|\n/, `${p.id} has the table of what must be provided`)
    const rows = [...section.matchAll(/^\| (.+?) \| (required|optional) \|$/gm)].map((m) => [m[1]!, m[2]!] as const)
    assert.equal(rows.length, p.categories.length, `${p.id}: one row per item of data`)
    for (const [label, must] of rows) if (optional.includes(label)) {
      assert.equal(must, 'optional', `${p.id}: ${label}`)
      seen++
    }
  }
  // contract_execution asks all three; customer_registration photo and phone; five more purposes the phone (contact_requests among them).
  assert.equal(seen, 10)
  const contract = sections.find((s) => s.startsWith('Performance of the contract and invoicing'))!
  assert.match(contract, /\n\| Bank account number \| optional \|\n/)
  assert.match(contract, /\n\| VAT number \| required \|\n/)
})

test('Markdown output is clean: headings, tables with header separators, no HTML tags', async () => {
  const policy = await loadPolicyFile(FIXTURE)
  const md = renderStatement(policy, 'nl', 'md', { version: 1, effectiveDate: '2025-01-01' })
  assert.match(md, /^# Privacyverklaring — iXpole\n/)
  assert.match(md, /\n## Uw rechten\n/)
  assert.match(md, /\n\| Doel \| Rechtsgrond \| Bewaring \|\n\| --- \| --- \| --- \|\n/)
  assert.doesNotMatch(md, /<(p|div|table|h\d)[ >]/)
  assert.doesNotMatch(md, /\n{3,}/)
  assert.match(md, /Versie 1, van kracht vanaf 1 januari 2025/)
})

// How fast a render is (per request) is a figure of `npm run bench` (bench/foundation.ts), not a test.
test('rendering is deterministic: the same policy, language and format give the same statement', async () => {
  const policy = await loadPolicyFile(existsSync(EXAMPLE) ? EXAMPLE : FIXTURE)
  for (const lang of LANGS) {
    for (const format of ['html', 'md'] as const) assert.equal(renderStatement(policy, lang, format), renderStatement(policy, lang, format), `${lang} ${format}`)
  }
})
