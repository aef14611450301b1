// The mails of the request handling, rendered from the example policy in Dutch, French and English:
// every kind, the facts each must state, and no HTML injection through any value.
import { describe, test, before } from 'node:test'
import assert from 'node:assert/strict'
import { loadPolicyFile } from '../src/policy/load.ts'
import type { Policy } from '../src/policy/policy.ts'
import type { Language } from '../src/policy/schema.ts'
import { requestMail, outcomeText, withCodeFragment, REQUEST_TYPE_TEXT, REQUEST_STATUS_TEXT } from '../src/requests/mails.ts'
import { REQUEST_TYPES, REQUEST_STATUSES, type RequestMail } from '../src/requests/types.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'

const LANGS: readonly Language[] = ['nl', 'fr', 'en']
const VERIFY = 'https://privacy.ixpole.example/privacy-center/requests/0b7a5d1e-4a47-4d0c-9a55-2f1f6a1b2c3d?lang=nl'
const STATUS = 'https://privacy.ixpole.example/privacy-center/requests/0b7a5d1e-4a47-4d0c-9a55-2f1f6a1b2c3d'

const SAMPLES: readonly RequestMail[] = [
  { kind: 'acknowledgement', type: 'access', receivedAt: '2025-01-31T10:00:00Z', dueAt: '2025-02-28', code: '482915', verifyUrl: VERIFY, expiresMinutes: 30 },
  { kind: 'no_data', type: 'erasure', statusUrl: STATUS },
  { kind: 'export_ready', type: 'access', statusUrl: STATUS, expiresAt: '2025-02-07T10:00:00Z' },
  { kind: 'erasure_done', erased: ['contact.name', 'contact.email'], kept: [{ category: 'financial.payment_data', purpose: 'accounting', reason: 'legal_obligation', until: '2036-01-01' }] },
  { kind: 'rectification_done', categories: ['contact.address'] },
  { kind: 'restriction_applied' },
  { kind: 'restriction_lift_notice', liftOn: '2025-03-15' },
  { kind: 'objection_recorded', upheld: ['newsletter'], pending: ['market_research'] },
  { kind: 'objection_decided', purpose: 'market_research', upheld: false, grounds: 'The survey is anonymised within a year.' },
  { kind: 'consent_withdrawn', purposes: ['newsletter'] },
  { kind: 'routed_to_customer', type: 'access' },
  { kind: 'extension', newDueAt: '2025-04-30', reason: 'Your data sit in three separate archives.' },
  { kind: 'information_needed', reason: 'address_not_on_record', means: 'customer_number' },
  { kind: 'intended_fee', feeCents: 2500, justification: 'Fifth identical copy in a month.' },
  { kind: 'intended_refusal', justification: 'Identical to your request of last week.' },
  { kind: 'refused', justification: 'Identical to your request of last week.' },
  { kind: 'art14_notice', source: 'Registered as its contact person by your employer ACME NV on 2 March 2025', subjectType: 'customer_contact' },
]

describe('request mails', () => {
  let policy: Policy
  before(async () => {
    policy = await loadPolicyFile(EXAMPLE_POLICY)
  })
  const render = (lang: Language, mail: RequestMail) => requestMail(policy, lang, mail, { privacyCenterUrl: 'https://privacy.ixpole.example/privacy-center' })
  const both = (m: { text: string; html: string }, needle: string | RegExp, what: string) => {
    if (typeof needle === 'string') {
      assert.ok(m.text.includes(needle), `${what} in the text part: ${needle}`)
      assert.ok(m.html.includes(needle.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;')), `${what} in the HTML part: ${needle}`)
    } else {
      assert.match(m.text, needle, `${what} in the text part`)
      assert.match(m.html, needle, `${what} in the HTML part`)
    }
  }

  test('REQ-TR-05 every kind renders in nl, fr and en: subject on one line, from the controller, with its privacy contact, HTML in the right language', () => {
    const kinds = new Set(SAMPLES.map((s) => s.kind))
    assert.equal(kinds.size, 17, 'one sample per RequestMail kind')
    for (const lang of LANGS) {
      for (const sample of SAMPLES) {
        const m = render(lang, sample)
        assert.ok(m.subject.length > 10 && !/[\r\n]/.test(m.subject), `${lang} ${sample.kind} subject`)
        assert.ok(m.subject.endsWith('iXpole'), `${lang} ${sample.kind}: the subject names the controller`)
        both(m, 'privacy@ixpole.example', `${lang} ${sample.kind}: the privacy contact`)
        both(m, lang === 'fr' ? 'JAG2 Solutions SA' : 'JAG2 Solutions NV', `${lang} ${sample.kind}: the controller, its legal form in that language`)
        assert.match(m.html, new RegExp(`^<!DOCTYPE html>\\n<html lang="${lang}">`))
        assert.ok(!/undefined|\[object Object\]|NaN/.test(m.text), `${lang} ${sample.kind}: no unfilled value\n${m.text}`)
      }
    }
    // The mails really are translated: the three subjects of a kind differ.
    for (const sample of SAMPLES) assert.equal(new Set(LANGS.map((l) => render(l, sample).subject)).size, 3, `${sample.kind} is translated`)
  })

  test('REQ-TR-06 REQ-TR-07 REQ-TR-11 REQ-ID-01 the acknowledgement: what, received when, answered by when, the code in large digits, the link carries the code only in its fragment; no reasons, no identity document', () => {
    const expected = {
      nl: ['inzage in uw persoonsgegevens', '31 januari 2025', '28 februari 2025', 'geen identiteitsbewijs', 'niet te vertellen waarom'],
      fr: ["l'accès à vos données personnelles", '31 janvier 2025', '28 février 2025', "pièce d'identité", 'pas à nous dire pourquoi'],
      en: ['access to your personal data', '31 January 2025', '28 February 2025', 'identity document', 'do not have to tell us why'],
    }
    for (const lang of LANGS) {
      const m = render(lang, SAMPLES[0]!)
      for (const fact of expected[lang]) both(m, fact, `${lang} acknowledgement`)
      both(m, '482915', 'the code')
      assert.match(m.html, /font-size:34px[^"]*"[^>]*>482915</, 'the code in large digits')
      const links = [...m.html.matchAll(/href="([^"]+)"/g)].map((x) => x[1]!.replace(/&amp;/g, '&'))
      assert.ok(links.length > 0)
      for (const href of links) {
        const url = new URL(href)
        assert.equal(url.pathname, '/privacy-center/requests/0b7a5d1e-4a47-4d0c-9a55-2f1f6a1b2c3d')
        assert.equal(url.hash, '#code=482915', 'the code is in the fragment')
        assert.ok(!url.search.includes('482915'), 'never in the query string, so never in a server log')
      }
      assert.ok(m.text.includes(`${VERIFY}#code=482915`))
    }
    // A date of receipt late in the evening counts in the controller's time zone (Brussels).
    const late = render('en', { ...(SAMPLES[0] as Extract<RequestMail, { kind: 'acknowledgement' }>), receivedAt: '2025-01-31T23:30:00Z', dueAt: '2025-02-28' })
    both(late, '1 February 2025', 'the Brussels date of receipt')
    // The fragment helper replaces any fragment already there.
    assert.equal(withCodeFragment('https://x.example/r/1?lang=fr#old', '0042'), 'https://x.example/r/1?lang=fr#code=0042')
    assert.throws(() => render('en', { ...(SAMPLES[0] as Extract<RequestMail, { kind: 'acknowledgement' }>), code: '12ab' }), /code/)
  })

  test('REQ-ID-08 no data under the address: said plainly, with the other identifiers that would help', () => {
    const expected = {
      nl: ['geen persoonsgegevens', 'klantnummer', 'telefoonnummer', 'factuur'],
      fr: ['aucune donnée personnelle', 'numéro de client', 'numéro de téléphone', 'facture'],
      en: ['no personal data', 'customer number', 'telephone number', 'invoice'],
    }
    for (const lang of LANGS) {
      const m = render(lang, SAMPLES[1]!)
      for (const fact of expected[lang]) both(m, fact, `${lang} no_data`)
      both(m, STATUS, 'the status link')
    }
  })

  test('REQ-ER-01 REQ-ER-02 REQ-ER-03 the erasure confirmation lists what was erased and what was kept, why (statutory reference, legal claims) and until when', () => {
    const mail: RequestMail = {
      kind: 'erasure_done',
      erased: ['contact.name', 'contact.email'],
      kept: [
        { category: 'financial.payment_data', purpose: 'accounting', reason: 'legal_obligation', until: '2036-01-01' },
        { category: 'contact.name', purpose: 'legal_defence', reason: 'legal_claims', until: null },
      ],
    }
    const expected = {
      nl: ['Naam en voornaam', 'E-mailadres', 'Betalingsgegevens', '1 januari 2036', 'rechtsvordering', 'zolang de gerechtelijke procedure loopt'],
      fr: ['Nom et prénom', 'Adresse e-mail', 'Données de paiement', '1er janvier 2036', 'défense de droits en justice', 'tant que dure la procédure'],
      en: ['Name and first name', 'E-mail address', 'Payment data', '1 January 2036', 'legal claims', 'as long as the legal proceedings'],
    }
    for (const lang of LANGS) {
      const m = render(lang, mail)
      for (const fact of expected[lang]) both(m, fact, `${lang} erasure_done`)
      both(m, { nl: 'Btw-wetboek art. 60 §4', fr: 'Code de la TVA art. 60 §4', en: 'VAT Code Art. 60 §4' }[lang], 'the statutory reference of the accounting purpose, in the mail\'s language')
      both(m, policy.purpose('accounting')!.name[lang], 'the purpose by name')
      assert.ok(!m.text.includes('contact.email') && !m.text.includes('financial.payment_data'), 'labels, not ids')
    }
    const nothingKept = render('en', { kind: 'erasure_done', erased: ['contact.name'], kept: [] })
    both(nothingKept, 'We kept nothing.', 'nothing kept')
  })

  test('REQ-TR-09 a refusal, an intended refusal and a rejected objection give the reasons, the GBA (name, address, website) and the right to go to court', () => {
    const court = { nl: 'rechter', fr: 'tribunal', en: 'court' }
    for (const lang of LANGS) {
      for (const sample of SAMPLES.filter((s) => s.kind === 'refused' || s.kind === 'intended_refusal' || s.kind === 'objection_decided' || s.kind === 'intended_fee')) {
        const m = render(lang, sample)
        both(m, policy.supervisoryAuthority.name[lang], `${lang} ${sample.kind}: the authority`)
        both(m, 'GBA / APD', 'its abbreviation')
        both(m, { nl: 'Drukpersstraat 35, 1000 Brussel', fr: 'Rue de la Presse 35, 1000 Bruxelles', en: 'Rue de la Presse 35, 1000 Brussels' }[lang], 'its address in that language')
        both(m, 'https://www.gegevensbeschermingsautoriteit.be', 'its website')
        both(m, court[lang], 'the judicial remedy')
        const reasons = 'justification' in sample ? sample.justification : 'grounds' in sample ? sample.grounds : ''
        both(m, reasons, `${lang} ${sample.kind}: the reasons`)
      }
    }
    // An upheld objection needs no complaint paragraph.
    const upheld = render('en', { kind: 'objection_decided', purpose: 'market_research', upheld: true, grounds: '' })
    both(upheld, 'Market research', 'the purpose by name')
    assert.ok(!upheld.text.includes('Drukpersstraat') && !upheld.text.includes('Rue de la Presse'))
  })

  test('REQ-TR-10 the intended fee is announced before anything is charged, with the amount, the reason, the way to withdraw and the free first copy', () => {
    const expected = {
      nl: [/€\s?25,00/, /nog niets aangerekend/, /intrekken/, /eerste kopie .* gratis/],
      fr: [/25,00\s?€/, /encore rien facturé/, /retirer/, /première copie .* gratuite/],
      en: [/€25\.00/, /not charged anything yet/, /withdraw/, /first copy .* free/],
    }
    for (const lang of LANGS) {
      const m = render(lang, SAMPLES.find((s) => s.kind === 'intended_fee')!)
      for (const fact of expected[lang]) both(m, fact, `${lang} intended_fee`)
    }
  })

  test('REQ-TR-08 REQ-ID-04 REQ-ID-06 an extension gives the new date and the reason; a request for information says what, why, least intrusive, and that the clock pauses', () => {
    const ext = { nl: '30 april 2025', fr: '30 avril 2025', en: '30 April 2025' }
    const info = {
      nl: ['ander e-mailadres', 'klantnummer', 'identiteitskaart', 'opgeschort'],
      fr: ['autre adresse e-mail', 'numéro de client', "carte d'identité", 'suspendu'],
      en: ['not the one we have on record', 'customer number', 'identity card', 'suspended'],
    }
    for (const lang of LANGS) {
      const e = render(lang, SAMPLES.find((s) => s.kind === 'extension')!)
      both(e, ext[lang], `${lang} extension date`)
      both(e, 'three separate archives', 'the reason')
      const i = render(lang, SAMPLES.find((s) => s.kind === 'information_needed')!)
      for (const fact of info[lang]) both(i, fact, `${lang} information_needed`)
    }
    // Means given by staff in words are used as they are.
    const own = render('en', { kind: 'information_needed', reason: 'details_mismatch', means: 'The street you lived in when you signed up' })
    both(own, 'The street you lived in when you signed up', 'the means in words')
  })

  test('REQ-TR-03 REQ-AC-02 REQ-AC-03 the Art. 14 notice: the specific source, the controller, purposes with bases, categories, named recipients, retention, rights and the privacy center', () => {
    for (const lang of LANGS) {
      const m = render(lang, SAMPLES.find((s) => s.kind === 'art14_notice')!)
      both(m, 'Registered as its contact person by your employer ACME NV on 2 March 2025', 'the source')
      both(m, { nl: 'Kempische Steenweg 311 bus 1.02', fr: 'Kempische Steenweg 311 boîte 1.02', en: 'Kempische Steenweg 311 box 1.02' }[lang], 'the controller address in that language')
      for (const p of policy.purposes.filter((x) => x.role === 'controller' && x.subjectTypes.includes('customer_contact'))) both(m, p.name[lang], `${lang}: purpose ${p.id}`)
      both(m, lang === 'en' ? 'Art. 6(1)(f) GDPR' : lang === 'nl' ? 'art. 6(1)(f) AVG' : 'art. 6(1)(f) RGPD', 'the basis')
      both(m, policy.category('professional.role')!.label[lang], 'a category label')
      both(m, policy.recipients[0]!.name, 'a recipient by name')
      both(m, lang === 'en' ? '10 years' : lang === 'nl' ? '10 jaar' : '10 ans', 'a retention period')
      both(m, 'https://privacy.ixpole.example/privacy-center', 'the privacy center link')
      both(m, policy.supervisoryAuthority.name[lang], 'the authority')
    }
  })

  test('no HTML injection through any value; links must be http(s)', () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>"\''
    const mails: RequestMail[] = [
      { kind: 'refused', justification: evil },
      { kind: 'intended_refusal', justification: evil },
      { kind: 'intended_fee', feeCents: 100, justification: evil },
      { kind: 'extension', newDueAt: '2025-04-30', reason: evil },
      { kind: 'information_needed', reason: 'details_mismatch', means: evil },
      { kind: 'objection_decided', purpose: evil, upheld: false, grounds: evil },
      { kind: 'art14_notice', source: evil, subjectType: 'customer_contact' },
      { kind: 'erasure_done', erased: [evil], kept: [{ category: evil, purpose: evil, reason: 'legal_claims', until: null }] },
      { kind: 'rectification_done', categories: [evil] },
      { kind: 'consent_withdrawn', purposes: [evil] },
    ]
    for (const lang of LANGS) {
      for (const mail of mails) {
        const m = render(lang, mail)
        assert.ok(!m.html.includes('<script>') && !m.html.includes('<img'), `${mail.kind}: escaped`)
        assert.ok(m.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), `${mail.kind}: shown as text`)
        assert.ok(!/[\r\n]/.test(m.subject))
      }
    }
    assert.throws(() => render('en', { ...(SAMPLES[0] as Extract<RequestMail, { kind: 'acknowledgement' }>), verifyUrl: 'javascript:alert(1)' }), /http/)
    assert.throws(() => render('en', { kind: 'no_data', type: 'access', statusUrl: 'https://x.example/a"onmouseover="alert(1)' }), /quotes/)
    assert.throws(() => render('en', { kind: 'export_ready', type: 'access', statusUrl: '/relative', expiresAt: '2025-01-01T00:00:00Z' }), /absolute/)
  })

  test('REQ-PO-01 REQ-AC-01 the export mail and the request page say what the ZIP holds: a readable report for access; data.json, data.csv and schema.json for portability, no report promised', () => {
    const files = {
      access: { nl: 'report.html', fr: 'report.html', en: 'report.html' },
      portability: { nl: 'data.json (gestructureerd, beschreven in schema.json) en data.csv', fr: 'data.json (structuré, décrit par schema.json) et data.csv', en: 'data.json (structured, described by schema.json) and data.csv' },
    }
    const report = { nl: /verslag/, fr: /rapport/, en: /report/ }
    for (const lang of LANGS) {
      for (const type of ['access', 'portability'] as const) {
        const mail = render(lang, { kind: 'export_ready', type, statusUrl: STATUS, expiresAt: '2025-02-07T10:00:00Z' })
        both(mail, files[type][lang], `${lang} ${type}: the files named`)
        const page = outcomeText(policy, lang, type === 'access' ? { kind: 'access_ready' } : { kind: 'portability_ready' }, type).join('\n')
        assert.ok(page.includes(files[type][lang]), `${lang} ${type} page: ${page}`)
        if (type === 'portability') {
          assert.doesNotMatch(mail.text, report[lang], `${lang}: a portability export has no report`)
          assert.doesNotMatch(page, report[lang])
        } else assert.match(page, report[lang])
      }
    }
  })

  test('the privacy center vocabulary: every type and status named and explained in each language; outcomes in words', () => {
    for (const lang of LANGS) {
      for (const type of REQUEST_TYPES) {
        const t = REQUEST_TYPE_TEXT[lang][type]
        assert.ok(t.title && t.phrase && t.explain && t.article, `${lang} ${type}`)
      }
      for (const status of REQUEST_STATUSES) assert.ok(REQUEST_STATUS_TEXT[lang][status], `${lang} ${status}`)
      const erased = outcomeText(policy, lang, { kind: 'erased', erased: ['contact.email'], kept: [{ category: 'financial.payment_data', purpose: 'accounting', reason: 'legal_obligation', until: '2036-01-01' }] }, 'erasure').join('\n')
      assert.ok(erased.includes({ nl: 'E-mailadres', fr: 'Adresse e-mail', en: 'E-mail address' }[lang]), `${lang}: the erased category by its name`)
      assert.ok(erased.includes({ nl: 'Btw-wetboek art. 60 §4', fr: 'Code de la TVA art. 60 §4', en: 'VAT Code Art. 60 §4' }[lang]))
      assert.ok(outcomeText(policy, lang, { kind: 'no_data' }, 'access').join('\n').length > 40)
    }
  })
})
