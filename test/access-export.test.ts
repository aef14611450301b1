// The access export (Art. 15): a ZIP with report.html, data.json and data.csv built from the example
// policy and a dossier of realistic (invented) values; unzipped with fflate and read back.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { unzipSync, strFromU8 } from 'fflate'
import { parse as parseCsv } from 'csv-parse/sync'
import { loadPolicyFile } from '../src/policy/load.ts'
import type { Policy } from '../src/policy/policy.ts'
import type { Language } from '../src/policy/schema.ts'
import { LABELS } from '../src/policy/i18n.ts'
import type { Dossier } from '../src/requests/dossier.ts'
import type { VaultRecord, PersonalValue } from '../src/vault/vault.ts'
import type { ConsentEvent } from '../src/consent/ledger.ts'
import { buildAccessExport, accessExportStream, type AccessData, type AccessExportOptions } from '../src/requests/access-export.ts'
import { EXPORT_LABELS } from '../src/requests/export-i18n.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'

const LANGS: Language[] = ['nl', 'fr', 'en']
const policy: Policy = await loadPolicyFile(EXAMPLE_POLICY)

let seq = 0
function rec(category: string, value: PersonalValue, writtenAt: string, writtenPurpose: string): VaultRecord {
  seq++
  return { category, value, writtenAt: new Date(writtenAt), writtenPurpose, recordId: `0190a5b2-7c1d-7000-8000-${String(seq).padStart(12, '0')}`, keyKind: 'ordinary' }
}

function consent(purpose: string, granted: boolean, at: string, statementVersion = 1): ConsentEvent {
  return { purpose, granted, at, statementVersion, textHash: 'a'.repeat(64), lang: 'nl', channel: 'privacy_center', act: granted ? 'checkbox_ticked' : 'unsubscribe_link', obtainedBy: 'key:0190a5b2-0000-7000-8000-000000000001' }
}

const SOURCE = 'Registered by Hasselt Logistics BV (customer 0456.789.123) on 3 February 2026 as its invoicing contact'

/** A contact person of a corporate customer, registered by her employer: data not obtained from her. */
function contactDossier(): Dossier {
  return {
    subjectId: '0190a5b2-7c1d-7000-8000-00000000abcd',
    subjectType: 'customer_contact',
    tenantId: null,
    source: SOURCE,
    createdAt: new Date('2026-02-03T09:15:00Z'),
    records: [
      rec('contact.email', 'lotte.peeters@hasselt-logistics.example', '2026-02-03T09:15:00Z', 'customer_registration'),
      rec('contact.name', 'Lotte Peeters', '2026-02-03T09:15:00Z', 'customer_registration'),
      rec('professional.role', 'Boekhouder, "finance" & HR', '2026-02-03T09:15:00Z', 'customer_registration'),
      rec('contact.phone', '+32 470 12 34 56', '2026-02-03T09:15:00Z', 'customer_registration'),
      rec('online.ip_address', '198.51.100.23', '2026-02-03T09:14:58Z', 'customer_registration'),
      rec('online.ip_address', '198.51.100.77', '2026-03-31T22:30:00Z', 'customer_service'),
      rec('financial.payment_data', { invoice: 'F-2026-0042', amount: 121, currency: 'EUR' }, '2026-03-01T10:00:00Z', 'accounting'),
      rec('contact.address', 'Grote Markt 1,\n3500 Hasselt', '2026-02-03T09:15:00Z', 'contract_execution'),
      rec('contact.name', '=HYPERLINK("http://attacker.example")', '2026-02-04T08:00:00Z', 'customer_service'),
    ],
    events: [
      { event: 'application_received', at: new Date('2026-02-03T09:15:00Z') },
      { event: 'contract_started', at: new Date('2026-02-10T00:00:00Z') },
    ],
    consents: [consent('newsletter', true, '2026-02-03T09:16:00.000Z', 1), consent('newsletter', false, '2026-04-01T12:00:00.000Z', 1)],
    objections: [{ purpose: 'market_research', status: 'upheld' }],
    restricted: false,
    disclosures: [
      { recipientId: 'helpdesk_us_scc', purpose: 'customer_service', categories: ['contact.name', 'contact.email'], at: new Date('2026-03-05T14:00:00Z') },
      { recipientId: 'accounting_firm_be', purpose: 'accounting', categories: ['contact.name', 'financial.payment_data'], at: new Date('2026-03-10T09:00:00Z') },
    ],
  }
}

function emptyDossier(): Dossier {
  return { subjectId: '0190a5b2-7c1d-7000-8000-00000000ffff', subjectType: 'prospect', tenantId: null, source: null, createdAt: new Date('2026-01-01T00:00:00Z'), records: [], events: [], consents: [], objections: [], restricted: false, disclosures: [] }
}

function options(lang: Language): AccessExportOptions {
  return { lang, requestId: '0190a5b2-7c1d-7000-8000-0000000000aa', receivedAt: new Date('2026-04-02T08:00:00Z'), generatedAt: new Date('2026-04-03T10:00:00Z') }
}

async function unzip(policyArg: Policy, dossier: Dossier, lang: Language) {
  const zip = await buildAccessExport(policyArg, dossier, options(lang))
  const files = unzipSync(new Uint8Array(zip))
  return {
    names: Object.keys(files).sort(),
    html: strFromU8(files['report.html']!),
    json: JSON.parse(strFromU8(files['data.json']!)) as AccessData,
    csv: Buffer.from(files['data.csv']!).toString('utf8'),
  }
}

/** The markup of the element with this id up to its closing tag (sections nest). */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section aria-labelledby="${id}">`)
  assert.ok(start >= 0, `section ${id} is present`)
  let depth = 0
  const re = /<(\/?)section\b/g
  re.lastIndex = start
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1
    if (depth === 0) return html.slice(start, m.index)
  }
  throw new Error(`section ${id} is not closed`)
}

/** Text with tags removed and entities decoded, for phrase checks. */
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

test('REQ-AC-06 the access export is a ZIP of exactly report.html, data.json and data.csv, also as a stream', async () => {
  const { names } = await unzip(policy, contactDossier(), 'en')
  assert.deepEqual(names, ['data.csv', 'data.json', 'report.html'])
  const chunks: Buffer[] = []
  for await (const c of accessExportStream(policy, contactDossier(), options('en'))) chunks.push(c as Buffer)
  const streamed = unzipSync(new Uint8Array(Buffer.concat(chunks)))
  assert.deepEqual(Object.keys(streamed).sort(), names)
})

test('REQ-AC-01 REQ-AC-04 data.json holds every record with its category label, value, record id, time and purpose, grouped by category', async () => {
  const dossier = contactDossier()
  for (const lang of LANGS) {
    const { json } = await unzip(policy, dossier, lang)
    assert.equal(json.format, 'pledge.access-export')
    assert.equal(json.formatVersion, 1)
    assert.equal(json.language, lang)
    assert.equal(json.requestId, options(lang).requestId)
    assert.deepEqual(json.confirmation, { processed: true, recordCount: dossier.records.length, categoryCount: 7 })
    const flat = json.categories.flatMap((c) => c.records.map((r) => ({ ...r, category: c.id, label: c.label })))
    assert.equal(flat.length, dossier.records.length)
    for (const r of dossier.records) {
      const found = flat.find((x) => x.recordId === r.recordId)
      assert.ok(found, `record ${r.recordId} is exported`)
      assert.deepEqual(found.value, r.value)
      assert.equal(found.category, r.category)
      assert.equal(found.label, policy.category(r.category)!.label[lang])
      assert.equal(found.writtenAt, r.writtenAt.toISOString())
      assert.equal(found.purpose, r.writtenPurpose)
      assert.equal(found.purposeName, policy.purpose(r.writtenPurpose)!.name[lang])
    }
    // Categories in the policy's order, values oldest first.
    const order = policy.categories.map((c) => c.id)
    const ids = json.categories.map((c) => c.id)
    assert.deepEqual(ids, [...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b)))
    const names = json.categories.find((c) => c.id === 'contact.name')!.records
    assert.deepEqual(names.map((r) => r.value), ['Lotte Peeters', '=HYPERLINK("http://attacker.example")'])
    // The facts of the file, the consent history and the disclosures with recipient names.
    assert.equal(json.subject.type, 'customer_contact')
    assert.equal(json.subject.source, SOURCE)
    assert.deepEqual(json.subject.events.map((e) => e.event), ['application_received', 'contract_started'])
    assert.deepEqual(json.subject.objections, [{ purpose: 'market_research', purposeName: policy.purpose('market_research')!.name[lang], status: 'upheld' }])
    assert.deepEqual(json.consents.map((c) => [c.purpose, c.granted, c.at, c.statementVersion, c.channel]), [
      ['newsletter', true, '2026-02-03T09:16:00.000Z', 1, 'privacy_center'],
      ['newsletter', false, '2026-04-01T12:00:00.000Z', 1, 'privacy_center'],
    ])
    assert.ok(!JSON.stringify(json.consents).includes('obtainedBy'), 'no staff identity in the consent history')
    assert.deepEqual(json.disclosures.map((d) => [d.recipientId, d.recipientName, d.purpose, d.categories]), [
      ['helpdesk_us_scc', 'Helpdesk software provider (example)', 'customer_service', ['contact.name', 'contact.email']],
      ['accounting_firm_be', 'Accounting firm (example)', 'accounting', ['contact.name', 'financial.payment_data']],
    ])
    // The purposes that apply to a contact person, with the basis for that type.
    const registration = json.purposes.find((p) => p.id === 'customer_registration')!
    assert.equal(registration.basis, 'legitimate_interests')
    assert.ok(registration.legitimateInterest)
    assert.ok(!json.purposes.some((p) => p.id === 'prospect_registration'), 'a purpose for prospects does not apply to a contact person')
  }
})

test('REQ-TR-13 data.csv: a header in the request language, one sorted row per record, JSON for non-strings, quoted and formula-safe', async () => {
  const dossier = contactDossier()
  for (const lang of LANGS) {
    const { csv, json } = await unzip(policy, dossier, lang)
    assert.ok(csv.startsWith('\uFEFF'), 'byte-order mark so spreadsheets read UTF-8')
    const rows = parseCsv(csv.slice(1), { relax_column_count: false }) as string[][]
    const L = EXPORT_LABELS[lang].csv
    assert.deepEqual(rows[0], [L.categoryLabel, L.categoryId, L.value, L.writtenAt, L.purpose, L.purposeId, L.recordId])
    const body = rows.slice(1)
    assert.equal(body.length, dossier.records.length)
    // Same order as data.json: by category (policy order), then time.
    assert.deepEqual(body.map((r) => r[6]), json.categories.flatMap((c) => c.records.map((r) => r.recordId)))
    const byId = new Map(body.map((r) => [r[6], r]))
    for (const r of dossier.records) {
      const row = byId.get(r.recordId)!
      assert.equal(row[0], policy.category(r.category)!.label[lang])
      assert.equal(row[1], r.category)
      assert.equal(row[3], r.writtenAt.toISOString())
      assert.equal(row[4], policy.purpose(r.writtenPurpose)!.name[lang])
      assert.equal(row[5], r.writtenPurpose)
      if (typeof r.value === 'string' && !r.value.startsWith('=')) assert.equal(row[2], r.value)
      else if (typeof r.value !== 'string') assert.deepEqual(JSON.parse(row[2]!), r.value)
    }
    const cells = body.map((r) => r[2])
    assert.ok(cells.includes('+32 470 12 34 56'), 'a phone number is left as it is')
    assert.ok(cells.includes('Grote Markt 1,\n3500 Hasselt'), 'commas and line breaks survive quoting')
    assert.ok(cells.includes('Boekhouder, "finance" & HR'))
    assert.ok(cells.includes(`'=HYPERLINK("http://attacker.example")`), 'a formula is neutralised')
  }
})

/** What a person reads in report.html, written out per language (not taken from the labels under test). */
const REPORT_TEXT: Record<Language, { confirmation: string; received: string; rights: string[]; withdraw: string; objectDm: string; none: string }> = {
  en: {
    confirmation: 'Yes. We hold 9 values about you in 7 categories of data. All of them are copied below.',
    received: 'received your data on 5 March 2026',
    rights: ['Access (Art. 15 GDPR)', 'Rectification (Art. 16 GDPR)', 'Erasure (Art. 17 GDPR)', 'Restriction (Art. 18 GDPR)', 'Data portability (Art. 20 GDPR)', 'Objection (Art. 21(1) GDPR)'],
    withdraw: 'Withdrawing your consent (Art. 7(3) GDPR)',
    objectDm: 'Your right to object to direct marketing',
    none: 'No. We hold no personal data values about you.',
  },
  nl: {
    confirmation: 'Ja. We bewaren 9 waarden over u in 7 categorieën van gegevens. Ze staan hieronder allemaal.',
    received: 'ontving uw gegevens op 5 maart 2026',
    rights: ['Inzage (art. 15 AVG)', 'Rectificatie (art. 16 AVG)', 'Wissing (art. 17 AVG)', 'Beperking (art. 18 AVG)', 'Overdraagbaarheid (art. 20 AVG)', 'Bezwaar (art. 21, lid 1 AVG)'],
    withdraw: 'Uw toestemming intrekken (art. 7, lid 3 AVG)',
    objectDm: 'Uw recht van bezwaar tegen direct marketing',
    none: 'Nee. We bewaren geen persoonsgegevens over u.',
  },
  fr: {
    confirmation: 'Oui. Nous détenons 9 valeurs vous concernant dans 7 catégories de données. Elles sont toutes reproduites ci-dessous.',
    received: 'a reçu vos données le 5 mars 2026',
    rights: ['Accès (art. 15 RGPD)', 'Rectification (art. 16 RGPD)', 'Effacement (art. 17 RGPD)', 'Limitation (art. 18 RGPD)', 'Portabilité (art. 20 RGPD)', 'Opposition (art. 21, paragraphe 1, RGPD)'],
    withdraw: 'Retirer votre consentement (art. 7, paragraphe 3, RGPD)',
    objectDm: 'Votre droit d’opposition au marketing direct',
    none: 'Non. Nous ne détenons aucune donnée personnelle vous concernant.',
  },
}

for (const lang of LANGS) {
  test(`REQ-AC-01 REQ-AC-02 REQ-AC-03 (${lang}) report.html has every Art. 15 item: purposes and bases, categories, recipients by name, retention, rights, complaint, source, automated decisions, transfers, consent history`, async () => {
    const { html } = await unzip(policy, contactDossier(), lang)
    const L = LABELS[lang]
    const X = EXPORT_LABELS[lang]
    assert.match(html, new RegExp(`^<!DOCTYPE html>\\n<html lang="${lang}">`))
    for (const id of ['art15-confirmation', 'art15-copy', 'subject-facts', 'art15-1-a', 'art15-1-b', 'art15-1-c', 'art15-1-d', 'art15-1-e', 'art15-1-f', 'art15-1-g', 'art15-1-h', 'art15-2', 'consent-history']) {
      assert.match(html, new RegExp(`<h2 id="${id}">`), `heading ${id}`)
    }
    // (i) confirmation
    const W = REPORT_TEXT[lang]
    assert.ok(text(section(html, 'art15-confirmation')).includes(W.confirmation))
    // (ii) the copy: every value, escaped
    const copy = text(section(html, 'art15-copy'))
    for (const v of ['Lotte Peeters', 'lotte.peeters@hasselt-logistics.example', '198.51.100.77', '+32 470 12 34 56', '"invoice":"F-2026-0042"', '=HYPERLINK("http://attacker.example")']) {
      assert.ok(copy.includes(v), `copy has ${v}`)
    }
    // A value written at 22:30 UTC on 31 March is 1 April 00:30 in Brussels.
    assert.ok(copy.includes({ en: '1 April 2026', nl: '1 april 2026', fr: '1 avril 2026' }[lang]), 'times in the controller time zone')
    // (a)-(d), (h) per purpose that applies to a contact person
    const purposes = section(html, 'art15-1-a')
    for (const id of ['customer_registration', 'contract_execution', 'accounting', 'newsletter', 'customer_information', 'customer_service', 'market_research', 'legal_defence']) {
      const p = policy.purpose(id)!
      const s = text(section(purposes, `purpose-${id}`))
      assert.ok(s.includes(p.name[lang]), `${id} named`)
      for (const part of ['basis', 'categories', 'recipients', 'retention', 'automated']) assert.match(purposes, new RegExp(`id="purpose-${id}-${part}"`))
      for (const r of p.recipients) assert.ok(s.includes(policy.recipient(r)!.name), `${id} names ${r}`)
    }
    const registration = text(section(purposes, 'purpose-customer_registration'))
    assert.ok(registration.includes('6(1)(f)'), 'legitimate interests for a contact person of a corporate customer')
    assert.ok(registration.includes(policy.purpose('customer_registration')!.legitimateInterest!.interest[lang]), 'the interest pursued')
    assert.ok(text(section(purposes, 'purpose-accounting')).includes('6(1)(c)'))
    assert.ok(text(section(purposes, 'purpose-accounting')).includes(policy.purpose('accounting')!.statutoryReference![lang]))
    assert.ok(!purposes.includes('purpose-prospect_registration'), 'purposes for another subject type are left out')
    // The helpdesk received data under customer_service (disclosure log): named with the date.
    assert.ok(text(section(purposes, 'purpose-customer_service')).includes(W.received))
    // (b) categories
    const cats = text(section(html, 'art15-1-b'))
    for (const c of ['contact.name', 'contact.email', 'financial.payment_data']) assert.ok(cats.includes(policy.category(c)!.label[lang]))
    // (c) recipients by name (C-154/21), the disclosure log too
    const recipients = text(section(html, 'art15-1-c'))
    for (const name of ['EU hosting provider (example)', 'Accounting firm (example)', 'E-mail marketing provider (example)', 'Helpdesk software provider (example)', 'Online survey provider (example)']) {
      assert.ok(recipients.includes(name), `recipient ${name} by name`)
    }
    assert.match(section(html, 'art15-1-c'), /id="disclosures-table"/)
    // (d) retention, concretely
    const retention = text(section(html, 'art15-1-d'))
    assert.ok(retention.includes({ en: '10 years', nl: '10 jaar', fr: '10 ans' }[lang]))
    assert.ok(!/as long as necessary|zolang nodig|aussi longtemps que nécessaire/i.test(retention))
    // (e) rights: rectification, erasure, restriction, objection, portability; withdrawal of consent
    const rights = text(section(html, 'art15-1-e'))
    for (const title of W.rights) assert.ok(rights.includes(title), `right ${title}`)
    assert.ok(rights.includes(W.withdraw))
    assert.ok(rights.includes(W.objectDm), 'the right to object to direct marketing, separately')
    // (f) complaint: the GBA's name, address, website, and the courts
    const complaint = text(section(html, 'art15-1-f'))
    assert.ok(complaint.includes(policy.supervisoryAuthority.name[lang]))
    assert.ok(complaint.includes('GBA / APD'))
    assert.ok(complaint.includes({ nl: 'Drukpersstraat 35, 1000 Brussel', fr: 'Rue de la Presse 35, 1000 Bruxelles', en: 'Rue de la Presse 35, 1000 Brussels' }[lang]))
    assert.ok(complaint.includes('https://www.gegevensbeschermingsautoriteit.be'))
    assert.ok(complaint.includes('+32 2 274 48 00'))
    assert.ok(complaint.includes(L.complaintCourt))
    // (g) the specific source: recorded at registration, and the policy's text for contact persons
    const source = text(section(html, 'art15-1-g'))
    assert.ok(source.includes(SOURCE))
    assert.ok(source.includes(policy.subjectType('customer_contact')!.source![lang]))
    // (h) no automated decisions
    assert.ok(text(section(html, 'art15-1-h')).includes(L.admNone))
    // Art. 15(2): US recipients with their safeguards and where to get a copy
    const transfers = text(section(html, 'art15-2'))
    assert.ok(transfers.includes('E-mail marketing provider (example)'))
    assert.ok(transfers.includes(lang === 'fr' ? '(UE) 2023/1795' : '(EU) 2023/1795'), 'DPF adequacy decision')
    assert.ok(transfers.includes('Helpdesk software provider (example)'))
    assert.ok(transfers.includes('Online survey provider (example)'))
    assert.ok(transfers.includes(lang === 'fr' ? '(UE) 2021/914' : '(EU) 2021/914'), 'standard contractual clauses')
    assert.ok(transfers.includes('privacy@ixpole.example'), 'where to get a copy of the clauses')
    assert.ok(!transfers.includes('EU hosting provider'), 'no transfer for an EEA recipient')
    // Consent history
    const consentText = text(section(html, 'consent-history'))
    assert.ok(consentText.includes(X.consentGiven) && consentText.includes(X.consentWithdrawn))
    assert.ok(consentText.includes(policy.purpose('newsletter')!.name[lang]))
    // Facts: events and the upheld objection
    const facts = text(section(html, 'subject-facts'))
    assert.ok(facts.includes(X.objectionStatus.upheld))
    assert.ok(facts.includes(policy.subjectType('customer_contact')!.label[lang]))
  })

  test(`REQ-AC-01 (${lang}) a person with no records gets the confirmation that no data are held`, async () => {
    const { html, json, csv } = await unzip(policy, emptyDossier(), lang)
    assert.deepEqual(json.confirmation, { processed: false, recordCount: 0, categoryCount: 0 })
    assert.deepEqual(json.categories, [])
    assert.ok(text(section(html, 'art15-confirmation')).includes(REPORT_TEXT[lang].none))
    assert.ok(!text(html).includes(EXPORT_LABELS[lang].confirmationNoneHistory), 'no history to mention')
    assert.equal(parseCsv(csv.slice(1)).length, 1, 'the CSV has its header only')
    // The other items still say what applies to a prospect.
    assert.ok(text(section(html, 'art15-1-a')).includes(policy.purpose('prospect_registration')!.name[lang]))
    assert.ok(text(section(html, 'art15-1-g')).includes(LABELS[lang].sourceSelf), 'a prospect gave the data himself')
    assert.ok(text(section(html, 'consent-history')).includes(EXPORT_LABELS[lang].consentNone))
  })
}

test('REQ-AC-01 report.html is self-contained and escapes every value and source', async () => {
  const dossier: Dossier = {
    ...contactDossier(),
    source: 'Imported from <img src=x onerror=alert(1)> list',
    records: [rec('contact.name', '<script>alert("x")</script>', '2026-02-03T09:15:00Z', 'customer_registration'), rec('contact.address', { street: '</td><script>', city: 'Hasselt' }, '2026-02-03T09:15:00Z', 'contract_execution')],
  }
  const { html } = await unzip(policy, dossier, 'en')
  assert.ok(!/<script/i.test(html), 'no script element')
  assert.ok(!/<img/i.test(html), 'no image element')
  assert.ok(!/<link\b/i.test(html) && !/<[^>]*\ssrc=/i.test(html), 'no external resource')
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'))
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'))
  assert.ok(text(html).includes('{"street":"</td><script>","city":"Hasselt"}'))
})

test('REQ-AC-02 a recipient that received data is named even when no purpose of the person lists it', async () => {
  const dossier: Dossier = {
    ...contactDossier(),
    disclosures: [{ recipientId: 'survey_us_scc', purpose: 'customer_service', categories: ['contact.email'], at: new Date('2026-03-20T10:00:00Z') }],
  }
  const { html, json } = await unzip(policy, dossier, 'nl')
  assert.equal(json.disclosures[0]!.recipientName, 'Online survey provider (example)')
  const service = text(section(section(html, 'art15-1-a'), 'purpose-customer_service'))
  assert.ok(service.includes('Online survey provider (example)'))
  assert.ok(service.includes('ontving uw gegevens op 20 maart 2026'))
})
