// The iXpole example policy: loads cleanly and encodes the seed statement, with the ids other
// parts of Pledge rely on and the corrections the legal checklist asks for.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { loadPolicyFile } from '../src/policy/load.ts'
import { lintPolicy } from '../src/policy/lint.ts'
import { EEA_COUNTRIES, controllerPurposes, processorPurposes, type Policy, type Purpose } from '../src/policy/policy.ts'
import { LANGUAGES } from '../src/policy/schema.ts'

const examplePath = new URL('../examples/ixpole/policy.yaml', import.meta.url).pathname
const policy: Policy = await loadPolicyFile(examplePath)

function purpose(id: string): Purpose {
  const p = policy.purpose(id)
  assert.ok(p, `purpose ${id} exists`)
  return p
}
const categoryIds = (id: string) => purpose(id).categories.map((c) => c.id).sort()

const SEED_PURPOSES = [
  'customer_registration',
  'contract_execution',
  'accounting',
  'newsletter',
  'prospect_registration',
  'customer_information',
  // Seed 2.1: "when filling out the contact form on the website".
  'contact_requests',
  // Seed 9: complaints can be brought to the company first (and to the GBA at any time).
  'complaints',
  'customer_service',
  'market_research',
  'legal_defence',
]

test('the example passes the schema and every lint', () => {
  assert.deepEqual(lintPolicy(policy.document), [])
  assert.match(policy.contentHash, /^[0-9a-f]{64}$/)
})

test('REQ-LB-03 the example encodes every purpose of the seed, in the seed order, plus processing for customers', () => {
  assert.deepEqual(policy.purposes.map((p) => p.id), [...SEED_PURPOSES, 'processing_for_customers'])
  assert.deepEqual(controllerPurposes(policy).map((p) => p.id), SEED_PURPOSES)
  assert.deepEqual(processorPurposes(policy).map((p) => p.id), ['processing_for_customers'])
})

test('REQ-LB-01 REQ-LB-03 REQ-LB-04 each purpose has exactly one basis per subject type, as the seed says or the checklist corrects', () => {
  const bases = Object.fromEntries(policy.purposes.map((p) => [p.id, p.basis]))
  assert.deepEqual(bases, {
    customer_registration: { customer: 'contract', customer_contact: 'legitimate_interests' },
    contract_execution: { customer: 'contract', customer_contact: 'legitimate_interests' },
    accounting: { customer: 'legal_obligation', customer_contact: 'legal_obligation' },
    newsletter: { customer: 'consent', customer_contact: 'consent', prospect: 'consent', newsletter_subscriber: 'consent' },
    prospect_registration: { prospect: 'legitimate_interests' },
    customer_information: { customer: 'legitimate_interests', customer_contact: 'legitimate_interests' },
    contact_requests: { contact: 'legitimate_interests' },
    complaints: { complainant: 'legitimate_interests' },
    customer_service: { customer: 'contract', customer_contact: 'legitimate_interests' },
    market_research: { customer: 'legitimate_interests', customer_contact: 'legitimate_interests', prospect: 'consent' },
    legal_defence: { customer: 'legitimate_interests', customer_contact: 'legitimate_interests' },
    processing_for_customers: { customer_visitor: 'legitimate_interests' },
  })
  for (const p of policy.purposes) assert.deepEqual(Object.keys(p.basis).sort(), [...p.subjectTypes].sort(), p.id)
})

test('REQ-LB-04 contact persons of corporate customers never rest on the contract basis', () => {
  assert.equal(policy.subjectType('customer_contact')?.contactOfLegalPerson, true)
  assert.equal(policy.subjectType('customer')?.contactOfLegalPerson, undefined)
  const onContract = policy.purposes.filter((p) => p.basis['customer_contact'] === 'contract').map((p) => p.id)
  assert.deepEqual(onContract, [])
})

test('REQ-LB-05 every controller purpose on legitimate interests carries a dated assessment with the interest in three languages', () => {
  const li = controllerPurposes(policy).filter((p) => Object.values(p.basis).includes('legitimate_interests'))
  assert.deepEqual(li.map((p) => p.id), [
    'customer_registration', 'contract_execution', 'prospect_registration', 'customer_information',
    'contact_requests', 'complaints', 'customer_service', 'market_research', 'legal_defence',
  ])
  for (const p of li) {
    const a = p.legitimateInterest
    assert.ok(a, `${p.id} has an assessment`)
    for (const lang of LANGUAGES) assert.ok(a.interest[lang].length > 20, `${p.id} interest in ${lang}`)
    assert.match(a.date, /^\d{4}-\d{2}-\d{2}$/)
    assert.ok(a.necessity && a.balancing && a.author)
  }
  // The processor purpose follows the customer's instructions: no assessment of its own.
  assert.equal(purpose('processing_for_customers').legitimateInterest, undefined)
})

test('REQ-LB-06 REQ-TR-01 accounting is a legal obligation citing the VAT Code Art. 60 §4, the Code of Economic Law Art. III.88 and the Income Tax Code Art. 315, in each language', () => {
  const accounting = purpose('accounting')
  assert.ok(Object.values(accounting.basis).every((b) => b === 'legal_obligation'))
  const expected = {
    en: ['VAT Code Art. 60 §4', 'Code of Economic Law Art. III.88', 'Income Tax Code 1992 Art. 315'],
    nl: ['Btw-wetboek art. 60 §4', 'Wetboek van economisch recht art. III.88', 'WIB 92 art. 315'],
    fr: ['Code de la TVA art. 60 §4', 'Code de droit économique art. III.88', 'CIR 92 art. 315'],
  } as const
  for (const [lang, refs] of Object.entries(expected) as [keyof typeof expected, readonly string[]][]) {
    for (const ref of refs) assert.ok(accounting.statutoryReference?.[lang].includes(ref), `${lang}: ${ref}`)
  }
  // Only accounting rests on a legal obligation.
  assert.deepEqual(policy.purposes.filter((p) => p.statutoryReference).map((p) => p.id), ['accounting'])
})

test('REQ-ER-02 accounting holds only name, address, VAT number and payment data', () => {
  assert.deepEqual(categoryIds('accounting'), ['contact.address', 'contact.name', 'financial.payment_data', 'identification.vat_number'])
})

test('REQ-RT-01 REQ-RT-03 retention follows the Belgian defaults of the checklist', () => {
  const r = (id: string) => {
    const { duration, trigger, countFrom, endAction } = purpose(id).retention
    return { duration, trigger, countFrom, endAction }
  }
  assert.deepEqual(r('accounting'), { duration: 'P10Y', trigger: 'invoice_issued', countFrom: 'next_calendar_year', endAction: 'delete' })
  assert.deepEqual(r('legal_defence'), { duration: 'P10Y', trigger: 'contract_ended', countFrom: undefined, endAction: 'delete' })
  assert.deepEqual(r('prospect_registration'), { duration: 'P2Y', trigger: 'last_interaction', countFrom: undefined, endAction: 'delete' })
  assert.deepEqual(r('newsletter'), { duration: 'P24M', trigger: 'last_interaction', countFrom: undefined, endAction: 'delete' })
  assert.deepEqual(r('contract_execution'), { duration: 'P6M', trigger: 'contract_ended', countFrom: undefined, endAction: 'delete' })
  assert.deepEqual(r('customer_service'), { duration: 'P6M', trigger: 'contract_ended', countFrom: undefined, endAction: 'delete' })
  assert.deepEqual(r('processing_for_customers'), { duration: 'P30D', trigger: 'visit', countFrom: undefined, endAction: 'delete' })
  assert.match(purpose('legal_defence').retention.legalReference?.fr ?? '', /^Ancien Code civil art\. 2262bis/)
  // Every trigger is an event the engine knows, and every retention explains itself in three languages.
  for (const p of policy.purposes) {
    assert.ok(policy.events.includes(p.retention.trigger!), `${p.id} trigger ${p.retention.trigger}`)
    for (const lang of LANGUAGES) assert.ok(p.retention.rationale?.[lang], `${p.id} rationale in ${lang}`)
  }
})

test('REQ-DM-01 REQ-OB-02 newsletter and customer information are flagged as direct marketing, and nothing else is', () => {
  assert.deepEqual(policy.purposes.filter((p) => p.directMarketing).map((p) => p.id), ['newsletter', 'customer_information'])
  const newsletter = purpose('newsletter')
  assert.deepEqual([...newsletter.subjectTypes], ['customer', 'customer_contact', 'prospect', 'newsletter_subscriber'])
  assert.ok(Object.values(newsletter.basis).every((b) => b === 'consent'))
  assert.ok(Object.values(purpose('customer_information').basis).every((b) => b === 'legitimate_interests'))
})

test('REQ-ER-02 legal defence is the only legal-claims purpose and rests on legitimate interests', () => {
  assert.deepEqual(policy.purposes.filter((p) => p.legalClaims).map((p) => p.id), ['legal_defence'])
  assert.ok(Object.values(purpose('legal_defence').basis).every((b) => b === 'legitimate_interests'))
})

// The policy's side of REQ-LB-09; what a person is shown is checked in statement.test.ts.
test('the example keeps photograph, phone and bank account optional wherever they are used, and every purpose states the consequence', () => {
  const optional = ['identification.photo', 'contact.phone', 'financial.bank_account']
  let uses = 0
  for (const p of policy.purposes) {
    for (const c of p.categories) {
      if (!optional.includes(c.id)) continue
      uses++
      assert.equal(c.required, false, `${p.id} ${c.id}`)
    }
    for (const lang of LANGUAGES) assert.ok(p.provision.consequence[lang].length > 10, `${p.id} consequence in ${lang}`)
  }
  assert.ok(uses >= 8, `optional categories used ${uses} times`)
  // The bank account serves refunds and direct debits only.
  assert.deepEqual(policy.purposes.filter((p) => p.categories.some((c) => c.id === 'financial.bank_account')).map((p) => p.id), ['contract_execution'])
  assert.equal(purpose('accounting').provision.requirement, 'statutory')
  assert.equal(purpose('newsletter').provision.requirement, 'voluntary')
})

test('every category of the seed is declared, with blind-index lookups for e-mail and phone, and used by some purpose', () => {
  assert.deepEqual(policy.categories.map((c) => c.id), [
    'contact.name', 'contact.address', 'contact.email', 'contact.phone', 'identification.vat_number',
    'identification.photo', 'online.ip_address', 'financial.bank_account', 'financial.payment_data', 'professional.role',
    'professional.organisation', 'communication.message', 'complaint.description', 'complaint.handling', 'complaint.outcome',
  ])
  assert.equal(policy.category('contact.email')?.lookup, 'email')
  assert.equal(policy.category('contact.phone')?.lookup, 'phone')
  assert.deepEqual(policy.categories.filter((c) => c.lookup).map((c) => c.id), ['contact.email', 'contact.phone'])
  for (const c of policy.categories) assert.ok(policy.purposes.some((p) => p.categories.some((u) => u.id === c.id)), c.id)
})

test('REQ-PR-02 visitor data held for customers appear only in the processor purpose', () => {
  assert.deepEqual(policy.subjectTypes.map((s) => [s.id, s.role]), [
    ['customer', 'controller'],
    ['customer_contact', 'controller'],
    ['prospect', 'controller'],
    ['newsletter_subscriber', 'controller'],
    ['contact', 'controller'],
    ['complainant', 'controller'],
    ['website_visitor', 'controller'],
    ['customer_visitor', 'processor'],
  ])
  const p = purpose('processing_for_customers')
  assert.equal(p.role, 'processor')
  assert.deepEqual([...p.subjectTypes], ['customer_visitor'])
  for (const c of controllerPurposes(policy)) assert.ok(!c.subjectTypes.includes('customer_visitor'), c.id)
})

test('REQ-AUD-02 the controller and its privacy contact are the seed details, with a placeholder e-mail the operator must replace', () => {
  const c = policy.controller
  // One legal name and one address form per language: a Belgian NV is an SA in French.
  assert.deepEqual(c.name, { nl: 'JAG2 Solutions NV', fr: 'JAG2 Solutions SA', en: 'JAG2 Solutions NV' })
  assert.equal(c.tradingName, 'iXpole')
  assert.deepEqual(c.address, {
    street: { nl: 'Kempische Steenweg 311 bus 1.02', fr: 'Kempische Steenweg 311 boîte 1.02', en: 'Kempische Steenweg 311 box 1.02' },
    postalCode: '3500',
    city: { nl: 'Hasselt', fr: 'Hasselt', en: 'Hasselt' },
    country: 'BE',
  })
  assert.deepEqual(c.privacyContact.name, { nl: 'Privacyaanspreekpunt JAG2 Solutions', fr: 'Point de contact vie privée JAG2 Solutions', en: 'Privacy contact JAG2 Solutions' })
  assert.equal(c.companyNumber, '0545.926.193')
  assert.equal(c.phone, '+32 476 44 92 39')
  assert.equal(c.timeZone, 'Europe/Brussels')
  assert.equal(c.email, 'privacy@ixpole.example')
  assert.equal(c.privacyContact.kind, 'privacy_contact')
  for (const lang of LANGUAGES) assert.match(c.privacyContact.note?.[lang] ?? '', /37/)
  // The placeholder is announced in the file itself.
  const text = readFileSync(examplePath, 'utf8')
  assert.match(text, /#.*replace[^\n]*\n\s+email: privacy@ixpole\.example/i)
})

test('REQ-TR-01 the supervisory authority is the Belgian DPA with its contact details', () => {
  const sa = policy.supervisoryAuthority
  assert.deepEqual(sa.name, {
    nl: 'Gegevensbeschermingsautoriteit',
    fr: 'Autorité de protection des données',
    en: 'Belgian Data Protection Authority',
  })
  assert.deepEqual(sa.address, {
    street: { nl: 'Drukpersstraat 35', fr: 'Rue de la Presse 35', en: 'Rue de la Presse 35' },
    postalCode: '1000',
    city: { nl: 'Brussel', fr: 'Bruxelles', en: 'Brussels' },
    country: 'BE',
  })
  assert.equal(sa.phone, '+32 2 274 48 00')
  assert.equal(sa.email, 'contact@apd-gba.be')
  assert.equal(sa.website, 'https://www.gegevensbeschermingsautoriteit.be')
})

test('REQ-TF-01 example processors are marked as examples, and those outside the EEA carry adequacy or SCCs', () => {
  assert.ok(policy.recipients.length >= 4)
  for (const r of policy.recipients) {
    assert.equal(r.example, true, r.id)
    assert.match(r.name, /\(example\)$/, r.id)
  }
  const outside = policy.recipients.filter((r) => !EEA_COUNTRIES.has(r.country))
  assert.ok(outside.length >= 2)
  for (const r of outside) assert.ok(r.transfer, r.id)
  const dpf = policy.recipient('mailing_us_dpf')
  assert.deepEqual(
    dpf?.transfer && { mechanism: dpf.transfer.mechanism, date: dpf.transfer.date, us: dpf.country },
    { mechanism: 'adequacy', date: '2023-07-10', us: 'US' },
  )
  assert.deepEqual(dpf?.transfer?.decision, {
    nl: 'Uitvoeringsbesluit (EU) 2023/1795 van de Commissie (EU-VS-kader voor gegevensbescherming)',
    fr: "Décision d'exécution (UE) 2023/1795 de la Commission (cadre de protection des données UE-États-Unis)",
    en: 'Commission Implementing Decision (EU) 2023/1795 (EU-US Data Privacy Framework)',
  })
  const scc = policy.recipient('helpdesk_us_scc')?.transfer
  assert.ok(scc && scc.mechanism === 'scc')
  assert.match(typeof scc.decision === 'string' ? scc.decision : scc.decision.fr, /^Décision d'exécution \(UE\) 2021\/914/)
  assert.equal(scc.module, 2)
  // Every recipient a purpose names is declared, and every declared recipient is used.
  const used = new Set(policy.purposes.flatMap((p) => p.recipients))
  assert.deepEqual([...used].sort(), policy.recipients.map((r) => r.id).sort())
})

test('REQ-SEC-01 staff roles see only the purposes they need', () => {
  const roles = Object.fromEntries(policy.staffRoles.map((r) => [r.id, [...r.purposes].sort()]))
  assert.deepEqual(roles.support, ['contact_requests', 'customer_registration', 'customer_service'], 'support never holds contract_execution, the one purpose with the bank account number')
  assert.deepEqual(roles.finance, ['accounting', 'contract_execution'])
  assert.deepEqual(roles.marketing, ['customer_information', 'market_research', 'newsletter'])
  assert.deepEqual(roles.legal, ['legal_defence'])
  assert.deepEqual(roles.dpo, ['complaints', 'data_subject_request', 'legal_defence'], 'the privacy officer handles requests through the request-bound grant, legal claims and complaints about the handling of personal data, nothing else standing')
  for (const role of ['support', 'finance', 'marketing', 'legal']) assert.ok(!roles[role]!.includes('data_subject_request'), `${role} does not handle requests`)
})

test('REQ-CK-01 REQ-CK-06 cookie categories are necessary, analytics and marketing, with the consent cookie kept 6 months', () => {
  assert.deepEqual(policy.cookies.categories.map((c) => [c.id, c.necessary]), [
    ['necessary', true],
    ['analytics', false],
    ['marketing', false],
  ])
  const consent = policy.cookies.cookies.find((c) => c.name === 'pledge_consent')
  assert.equal(consent?.category, 'necessary')
  assert.equal(consent?.lifetime, 'P6M')
  for (const cat of policy.cookies.categories) {
    assert.ok(policy.cookies.cookies.some((c) => c.category === cat.id), `an example cookie in ${cat.id}`)
  }
})

test('REQ-TR-01 the statement texts exist in nl, fr and en, and are translations rather than copies', () => {
  const texts = [policy.statement.introduction, policy.statement.security, ...(policy.statement.additional ?? []).flatMap((a) => [a.title, a.body])]
  // The section on data processed for customers is generated from the policy, not repeated as an extra text.
  assert.equal(texts.length, 2)
  for (const t of texts) {
    assert.equal(new Set(LANGUAGES.map((l) => t[l])).size, 3, `distinct texts: ${t.en}`)
  }
  // The name, address and company number are printed from controller, not repeated in the introduction.
  for (const lang of LANGUAGES) assert.doesNotMatch(policy.statement.introduction[lang], /0545\.926\.193|Kempische|JAG2 Solutions (NV|SA)/)
  assert.match(policy.statement.introduction.nl, /persoonsgegevens/)
  assert.match(policy.statement.introduction.fr, /données à caractère personnel/)
})
