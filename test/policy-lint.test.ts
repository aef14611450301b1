// Each semantic lint refuses its bad policy, at the exact path of the field to fix.
// Bad policies are in-test mutations of a small valid fixture (test/fixtures/policy/minimal.yaml).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { tempDir } from './support/temp.ts'
import { join } from 'node:path'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { parse } from 'yaml'
import { PolicyError, loadPolicyFile, parsePolicy, validatePolicyDocument, type PolicyIssue } from '../src/policy/load.ts'
import { isVagueRetentionText, lintPolicy } from '../src/policy/lint.ts'
import type { PolicyDocument } from '../src/policy/schema.ts'

const fixturePath = new URL('./fixtures/policy/minimal.yaml', import.meta.url)
const fixtureText = readFileSync(fixturePath, 'utf8')
const fixture = parse(fixtureText) as PolicyDocument

// Loose view for mutations the types would (rightly) forbid.
type Loose = Record<string, any>

function issuesAfter(mutate: (doc: PolicyDocument & Loose) => void): PolicyIssue[] {
  const doc = structuredClone(fixture) as PolicyDocument & Loose
  mutate(doc)
  try {
    validatePolicyDocument(doc, 'fixture')
    return []
  } catch (err) {
    if (err instanceof PolicyError) return [...err.issues]
    throw err
  }
}

/** Asserts the policy is refused with exactly these paths, each message matching its pattern. */
function assertRefused(issues: PolicyIssue[], expected: Record<string, RegExp>): void {
  assert.deepEqual(
    issues.map((i) => i.path).sort(),
    Object.keys(expected).sort(),
    `issues were: ${JSON.stringify(issues, null, 2)}`,
  )
  for (const issue of issues) assert.match(issue.message, expected[issue.path]!, `message at ${issue.path}`)
}

test('the fixture itself passes every lint', () => {
  assert.deepEqual(lintPolicy(fixture), [])
  assert.equal(validatePolicyDocument(structuredClone(fixture)).purposes.length, 4)
})

// --- REQ-LB-01: exactly one primary basis per subject type ---

test('REQ-LB-01 a purpose with two primary bases is refused at purposes[0].basis.customer', () => {
  const issues = issuesAfter((d) => {
    d.purposes[0]!.basis = { customer: ['contract', 'legitimate_interests'], customer_contact: 'legitimate_interests' }
  })
  assertRefused(issues, { 'purposes[0].basis.customer': /2 legal bases \(contract, legitimate_interests\).*keep one/ })
})

test('REQ-LB-01 a subject type without a basis is refused at purposes[0].basis.customer', () => {
  const issues = issuesAfter((d) => {
    delete (d.purposes[0]!.basis as Loose).customer
  })
  assertRefused(issues, { 'purposes[0].basis.customer': /no legal basis for subject type customer/ })
})

test('REQ-LB-01 a shared list of two bases is refused once, at purposes[2].basis', () => {
  const issues = issuesAfter((d) => {
    d.purposes[2]!.basis = ['consent', 'legitimate_interests']
    // keep the assessment lint quiet, so only the basis count is under test
    d.purposes[2]!.legitimateInterest = structuredClone(fixture.purposes[0]!.legitimateInterest)
  })
  assertRefused(issues, { 'purposes[2].basis': /2 legal bases .* for the purpose/ })
})

test('REQ-LB-01 an empty basis list and a missing basis are both refused as zero bases', () => {
  assertRefused(issuesAfter((d) => { d.purposes[2]!.basis = [] }), { 'purposes[2].basis': /no legal basis/ })
  assertRefused(issuesAfter((d) => { delete d.purposes[1]!.basis }), { 'purposes[1].basis': /no legal basis: give one Art\. 6\(1\) basis/ })
})

test('REQ-LB-01 a basis for a subject type the purpose does not cover is refused at purposes[0].basis.prospect', () => {
  const issues = issuesAfter((d) => {
    ;(d.purposes[0]!.basis as Loose).prospect = 'consent'
  })
  assertRefused(issues, { 'purposes[0].basis.prospect': /not one of this purpose's subjectTypes \(customer, customer_contact\)/ })
})

test('REQ-LB-01 an odd basis-map key is quoted in the path', () => {
  const issues = issuesAfter((d) => {
    ;(d.purposes[0]!.basis as Loose)['web visitor'] = 'consent'
  })
  assertRefused(issues, { 'purposes[0].basis["web visitor"]': /not one of this purpose's subjectTypes/ })
})

// --- REQ-LB-05 / REQ-LB-06: documentation of the basis ---

test('REQ-LB-05 legitimate interests without an assessment are refused at purposes[0].legitimateInterest', () => {
  const issues = issuesAfter((d) => { delete d.purposes[0]!.legitimateInterest })
  assertRefused(issues, { 'purposes[0].legitimateInterest': /legitimate_interests .*needs a documented assessment: add legitimateInterest/ })
})

test('REQ-LB-05 a processor purpose on legitimate interests needs no assessment of its own, a controller one does', () => {
  assert.equal(fixture.purposes[3]!.role, 'processor')
  assert.equal(fixture.purposes[3]!.legitimateInterest, undefined)
  assert.deepEqual(fixture.purposes[3]!.basis, { customer_visitor: 'legitimate_interests' })
  // The same purpose as a controller purpose over a controller subject type must document it.
  const issues = issuesAfter((d) => {
    d.purposes[3]!.role = 'controller'
    d.purposes[3]!.subjectTypes = ['customer']
    d.purposes[3]!.basis = { customer: 'legitimate_interests' }
  })
  assertRefused(issues, { 'purposes[3].legitimateInterest': /documented assessment/ })
})

test('REQ-LB-06 a legal obligation without a statutory reference is refused at purposes[1].statutoryReference', () => {
  const issues = issuesAfter((d) => { delete d.purposes[1]!.statutoryReference })
  assertRefused(issues, { 'purposes[1].statutoryReference': /legal_obligation .*must name the statutory provision/ })
})

test('REQ-LB-06 a legal obligation for one subject type of a basis map also needs the reference', () => {
  const issues = issuesAfter((d) => {
    d.purposes[0]!.basis = { customer: 'legal_obligation', customer_contact: 'legitimate_interests' }
  })
  assertRefused(issues, { 'purposes[0].statutoryReference': /statutory provision/ })
})

// --- REQ-LB-04: contract basis for contacts of legal persons ---

test('REQ-LB-04 contract for a contact person of a corporate customer is refused at purposes[0].basis.customer_contact', () => {
  const issues = issuesAfter((d) => {
    d.purposes[0]!.basis = { customer: 'contract', customer_contact: 'contract' }
  })
  assertRefused(issues, {
    'purposes[0].basis.customer_contact': /cannot apply to customer_contact.*use legitimate_interests for customer_contact.*legitimateInterest assessment/,
  })
})

test('REQ-LB-04 a shared contract basis over a contact person is refused at purposes[0].basis', () => {
  const issues = issuesAfter((d) => { d.purposes[0]!.basis = 'contract' })
  assertRefused(issues, { 'purposes[0].basis': /contract \(Art\. 6\(1\)\(b\)\) cannot apply to customer_contact/ })
})

// --- REQ-LB-08: consent cannot carry legal claims ---

test('REQ-LB-08 a consent purpose marked legalClaims is refused at purposes[2].legalClaims', () => {
  assertRefused(issuesAfter((d) => { d.purposes[2]!.legalClaims = true }), { 'purposes[2].legalClaims': /consent-based purpose cannot be a legal-claims purpose/ })
  // legal claims on legitimate interests are fine
  assert.deepEqual(issuesAfter((d) => { d.purposes[0]!.legalClaims = true }), [])
})

// --- REQ-PR-02: processor data stays in processor purposes ---

test('REQ-PR-02 a controller purpose covering a processor subject type is refused at purposes[1].subjectTypes[1]', () => {
  const issues = issuesAfter((d) => { d.purposes[1]!.subjectTypes.push('customer_visitor') })
  assertRefused(issues, { 'purposes[1].subjectTypes[1]': /customer_visitor is held on behalf of a customer.*controller purpose must not use it/ })
})

test('REQ-PR-02 a processor purpose covering a controller subject type is refused at purposes[3].subjectTypes[1]', () => {
  const issues = issuesAfter((d) => {
    d.purposes[3]!.subjectTypes.push('customer')
    d.purposes[3]!.basis = 'legitimate_interests'
  })
  assertRefused(issues, { 'purposes[3].subjectTypes[1]': /processor purpose may only cover subject types with role processor/ })
})

// --- REQ-RT-01 / REQ-TR-02: concrete retention ---

test('REQ-RT-01 a retention without duration is refused at purposes[0].retention.duration', () => {
  assertRefused(issuesAfter((d) => { delete d.purposes[0]!.retention.duration }), { 'purposes[0].retention.duration': /missing retention duration/ })
})

test('REQ-RT-01 a retention without trigger is refused at purposes[1].retention.trigger', () => {
  assertRefused(issuesAfter((d) => { delete d.purposes[1]!.retention.trigger }), { 'purposes[1].retention.trigger': /missing retention trigger/ })
})

test('REQ-RT-01 P0D is accepted with a trigger and refused without one at purposes[2].retention.duration', () => {
  assert.equal(fixture.purposes[2]!.retention.duration, 'P0D')
  const issues = issuesAfter((d) => { delete d.purposes[2]!.retention.trigger })
  assertRefused(issues, {
    'purposes[2].retention.duration': /P0D .*only allowed with an explicit trigger/,
    'purposes[2].retention.trigger': /missing retention trigger/,
  })
})

test('REQ-RT-01 a retention with neither legal reference nor rationale is refused at purposes[1].retention', () => {
  const issues = issuesAfter((d) => { delete d.purposes[1]!.retention.legalReference })
  assertRefused(issues, { 'purposes[1].retention': /legalReference .* or a rationale/ })
})

test('REQ-RT-01 a retention trigger that is neither built in nor declared is refused at purposes[0].retention.trigger', () => {
  const issues = issuesAfter((d) => { d.purposes[0]!.retention.trigger = 'customer_left' })
  assertRefused(issues, { 'purposes[0].retention.trigger': /unknown event "customer_left".*declare it under events/ })
})

test('REQ-RT-01 a declared event is a valid trigger, and only while it is declared', () => {
  assert.equal(fixture.purposes[2]!.retention.trigger, 'application_closed')
  assertRefused(issuesAfter((d) => { delete d.events }), { 'purposes[2].retention.trigger': /unknown event "application_closed"/ })
})

const vagueCases: [string, string, string][] = [
  ['en', 'as long as necessary', 'We keep your data as long as necessary for the purpose.'],
  ['en', 'no longer than necessary', 'Data are kept no longer than necessary.'],
  ['en', 'legal retention periods', 'We observe the legal retention periods.'],
  ['nl', 'zo lang als nodig', 'We bewaren uw gegevens zo lang als nodig.'],
  ['nl', 'niet langer dan nodig', 'Niet langer dan nodig voor het doel.'],
  ['nl', 'wettelijke bewaartermijnen', 'Volgens de wettelijke bewaartermijnen.'],
  ['fr', 'aussi longtemps que nécessaire', 'Nous conservons vos données aussi longtemps que nécessaire.'],
  ['fr', 'pas plus longtemps que nécessaire', 'Pas plus longtemps que nécessaire.'],
  ['fr', 'délais légaux de conservation', 'Selon les délais légaux de conservation.'],
]

for (const [lang, phrase, text] of vagueCases) {
  test(`REQ-TR-02 "${phrase}" in the ${lang} rationale is refused at purposes[0].retention.rationale.${lang}`, () => {
    const issues = issuesAfter((d) => { (d.purposes[0]!.retention.rationale as Loose)[lang] = text })
    assertRefused(issues, { [`purposes[0].retention.rationale.${lang}`]: /vague retention wording.*state the concrete period/ })
  })
}

test('REQ-TR-02 a vague legal reference is refused at purposes[1].retention.legalReference', () => {
  const issues = issuesAfter((d) => { d.purposes[1]!.retention.legalReference = { nl: 'Btw-wetboek art. 60', fr: 'Les délais légaux de conservation', en: 'VAT Code Art. 60' } })
  assertRefused(issues, { 'purposes[1].retention.legalReference.fr': /vague retention wording/ })
})

test('REQ-TR-02 the vague-phrase check ignores case, accents and spacing, and lets concrete periods through', () => {
  assert.ok(isVagueRetentionText('AS  LONG AS IS NECESSARY'))
  assert.ok(isVagueRetentionText('aussi longtemps que necessaire'))
  assert.ok(isVagueRetentionText('zolang nodig'))
  assert.ok(isVagueRetentionText('durée légale de conservation'))
  assert.ok(!isVagueRetentionText('Ten years from 1 January of the year after the invoice date.'))
  assert.ok(!isVagueRetentionText('Tien jaar na het einde van het contract.'))
  assert.ok(!isVagueRetentionText('Deux ans après notre dernier contact.'))
})

// --- REQ-TF-01: transfers ---

test('REQ-TF-01 a recipient outside the EEA without a transfer mechanism is refused at recipients[1].transfer', () => {
  const issues = issuesAfter((d) => { delete d.recipients![1]!.transfer })
  assertRefused(issues, { 'recipients[1].transfer': /mailing_us is in US, outside the EEA: add a transfer mechanism/ })
})

test('REQ-TF-01 an EEA recipient needs no transfer mechanism, a Swiss one does', () => {
  assert.equal(fixture.recipients![0]!.country, 'DE')
  assert.equal(fixture.recipients![0]!.transfer, undefined)
  assertRefused(issuesAfter((d) => { d.recipients![0]!.country = 'CH' }), { 'recipients[0].transfer': /in CH, outside the EEA/ })
})

// --- REQ-LB-02: every reference is declared ---

test('REQ-LB-02 a purpose using an undeclared category is refused at purposes[0].categories[1].id', () => {
  const issues = issuesAfter((d) => { d.purposes[0]!.categories[1]!.id = 'contact.fax' })
  assertRefused(issues, { 'purposes[0].categories[1].id': /unknown category "contact.fax": declare it under categories/ })
})

test('REQ-LB-02 unknown subject types, recipients, staff-role purposes and cookie categories are refused at their paths', () => {
  assertRefused(issuesAfter((d) => { d.purposes[1]!.subjectTypes = ['client'] }), {
    'purposes[1].subjectTypes[0]': /unknown subject type "client"/,
  })
  assertRefused(issuesAfter((d) => { d.purposes[0]!.recipients = ['hosting_us'] }), {
    'purposes[0].recipients[0]': /unknown recipient "hosting_us"/,
  })
  assertRefused(issuesAfter((d) => { d.staffRoles![0]!.purposes.push('invoicing') }), {
    'staffRoles[0].purposes[2]': /unknown purpose "invoicing"/,
  })
  assertRefused(issuesAfter((d) => { d.cookies.cookies[0]!.category = 'functional' }), {
    'cookies.cookies[0].category': /unknown cookie category "functional"/,
  })
})

// --- duplicate ids ---

test('duplicate ids are refused at the second occurrence, naming the first', () => {
  const dup = <T>(list: T[], i: number) => list.push(structuredClone(list[i]!))
  assertRefused(issuesAfter((d) => dup(d.categories, 0)), { 'categories[3].id': /duplicate category id "contact.name" \(already at categories\[0\]\.id\)/ })
  assertRefused(issuesAfter((d) => dup(d.purposes, 1)), { 'purposes[4].id': /duplicate purpose id "accounting"/ })
  assertRefused(issuesAfter((d) => dup(d.subjectTypes, 0)), { 'subjectTypes[3].id': /duplicate subject type id "customer"/ })
  assertRefused(issuesAfter((d) => dup(d.recipients!, 0)), { 'recipients[2].id': /duplicate recipient id "hosting_eu"/ })
  assertRefused(issuesAfter((d) => dup(d.cookies.categories, 1)), { 'cookies.categories[2].id': /duplicate cookie category id "analytics"/ })
  assertRefused(issuesAfter((d) => dup(d.purposes[0]!.categories, 0)), { 'purposes[0].categories[2].id': /duplicate category "contact.name"/ })
})

test('an event that repeats a built-in event is refused at events[1].id', () => {
  const issues = issuesAfter((d) => { d.events!.push({ id: 'contract_ended', label: { nl: 'Einde', fr: 'Fin', en: 'End' } }) })
  assertRefused(issues, { 'events[1].id': /"contract_ended" is a built-in event/ })
})

test('a purpose named like a built-in one (data_subject_request, art14_notice) is refused at its id', () => {
  const issues = issuesAfter((d) => {
    d.purposes.push({ ...structuredClone(d.purposes[0]!), id: 'art14_notice' }, { ...structuredClone(d.purposes[0]!), id: 'data_subject_request' })
  })
  assertRefused(issues, { 'purposes[4].id': /"art14_notice" is a built-in purpose/, 'purposes[5].id': /"data_subject_request" is a built-in purpose/ })
})

// --- REQ-CK-01: strictly necessary cookie category ---

test('REQ-CK-01 cookie categories without "necessary" are refused at cookies.categories', () => {
  const issues = issuesAfter((d) => {
    d.cookies.categories.shift()
    d.cookies.cookies = []
  })
  assertRefused(issues, { 'cookies.categories': /add a cookie category "necessary" with necessary: true/ })
})

test('REQ-CK-01 a "necessary" category not marked necessary is refused at cookies.categories[0].necessary', () => {
  assertRefused(issuesAfter((d) => { d.cookies.categories[0]!.necessary = false }), {
    'cookies.categories[0].necessary': /must be marked necessary: true/,
  })
})

// --- through the YAML loader ---

test('REQ-LB-06 every problem of a YAML file is reported at once, with its path, in the error message', () => {
  const text = fixtureText
    .replace('    statutoryReference: { nl: Btw-wetboek art. 60 §4, fr: Code de la TVA art. 60 §4, en: VAT Code Art. 60 §4 }\n', '')
    .replace('      trigger: contract_ended\n', '      trigger: contract_over\n')
  assert.notEqual(text, fixtureText)
  assert.throws(
    () => parsePolicy(text, 'bad.yaml'),
    (err: unknown) => {
      assert.ok(err instanceof PolicyError)
      assert.deepEqual(err.issues.map((i) => i.path).sort(), ['purposes[0].retention.trigger', 'purposes[1].statutoryReference'])
      assert.match(err.message, /^bad\.yaml: 2 problems/)
      assert.match(err.message, /purposes\[1\]\.statutoryReference: basis legal_obligation/)
      return true
    },
  )
})

test('REQ-SEC-01 a staff role may hold the built-in request-handling purpose, and nothing else undeclared', async (t) => {
  const dir = tempDir(t, 'pledge-lint-')
  const text = readFileSync(EXAMPLE_POLICY, 'utf8')
  const ok = join(dir, 'ok.yaml')
  writeFileSync(ok, text.replace('purposes: [legal_defence]', 'purposes: [legal_defence, data_subject_request]'))
  assert.ok((await loadPolicyFile(ok)).staffRoles.find((r) => r.id === 'legal')!.purposes.includes('data_subject_request'))
  const bad = join(dir, 'bad.yaml')
  writeFileSync(bad, text.replace('purposes: [legal_defence]', 'purposes: [legal_defence, subject_requests]'))
  await assert.rejects(loadPolicyFile(bad), (err: unknown) => err instanceof PolicyError && /unknown purpose "subject_requests"/.test(err.message))
})

test('REQ-TR-01 a legal or statutory reference given in one language only is refused; a version published with one still reads', () => {
  const issues = issuesAfter((d) => {
    d.purposes[1]!.retention.legalReference = 'VAT Code Art. 60 §4'
    d.purposes[1]!.statutoryReference = 'VAT Code Art. 60 §4'
  })
  assertRefused(issues, {
    'purposes[1].retention.legalReference': /in nl, fr and en/,
    'purposes[1].statutoryReference': /in nl, fr and en/,
  })
  const old = structuredClone(fixture) as PolicyDocument & Loose
  old.purposes[1]!.retention.legalReference = 'VAT Code Art. 60 §4'
  old.purposes[1]!.statutoryReference = 'VAT Code Art. 60 §4'
  const stored = validatePolicyDocument(old, 'statement version 1', { stored: true })
  assert.deepEqual(stored.purposes[1]!.statutoryReference, { nl: 'VAT Code Art. 60 §4', fr: 'VAT Code Art. 60 §4', en: 'VAT Code Art. 60 §4' })
})

test('REQ-TR-01 a legal name, street line or contact name given as one string is refused; a version published with the old shape still reads', () => {
  const issues = issuesAfter((d) => {
    d.controller.name = 'Example Controller NV'
    d.controller.address.street = 'Teststraat 1 bus 2'
    d.controller.privacyContact.name = 'Privacy desk'
    d.supervisoryAuthority.address.street = 'Drukpersstraat 35'
  })
  assertRefused(issues, {
    'controller.name': /in nl, fr and en/,
    'controller.address.street': /in nl, fr and en/,
    'controller.privacyContact.name': /in nl, fr and en/,
    'supervisoryAuthority.address.street': /in nl, fr and en/,
  })
  // The name without its form may stay one string when the form is translated; a city with one name too.
  assert.deepEqual(issuesAfter((d) => {
    d.controller.name = 'Example Controller'
    d.controller.legalForm = { nl: 'NV', fr: 'SA', en: 'NV' }
    d.controller.address.city = 'Hasselt'
  }), [])
  const old = structuredClone(fixture) as PolicyDocument & Loose
  old.controller.name = 'Example Controller'
  old.controller.legalForm = 'NV'
  old.controller.address = { street: 'Teststraat 1 bus 2', postalCode: '3500', city: 'Hasselt', country: 'BE' }
  old.controller.privacyContact.name = 'Privacy desk'
  const stored = validatePolicyDocument(old, 'statement version 1', { stored: true })
  assert.deepEqual(stored.controller.name, { nl: 'Example Controller NV', fr: 'Example Controller NV', en: 'Example Controller NV' })
  assert.deepEqual(stored.controller.address.street, { nl: 'Teststraat 1 bus 2', fr: 'Teststraat 1 bus 2', en: 'Teststraat 1 bus 2' })
  assert.deepEqual(stored.controller.privacyContact.name, { nl: 'Privacy desk', fr: 'Privacy desk', en: 'Privacy desk' })
  // A translated form is appended per language to a name without it.
  const translated = validatePolicyDocument({ ...structuredClone(fixture), controller: { ...structuredClone(fixture).controller, name: 'Example Controller', legalForm: { nl: 'NV', fr: 'SA', en: 'NV' } } }, 'fixture')
  assert.deepEqual(translated.controller.name, { nl: 'Example Controller NV', fr: 'Example Controller SA', en: 'Example Controller NV' })
})

test('REQ-TR-01 a free text that names the company with another legal form, or the street with another box, than the policy is refused', () => {
  const issues = issuesAfter((d) => {
    d.statement.introduction.fr = 'Example Controller NV, Teststraat 1 bus 2, 3500 Hasselt, traite vos données.'
    d.statement.introduction.nl = 'Example Controller NV, Teststraat 1 bus 2, 3500 Hasselt, verwerkt uw gegevens.'
    d.statement.security.en = 'Example Controller SA, Teststraat 1 bus 2, protects your data.'
  })
  assert.deepEqual(issues.map((i) => `${i.path}: ${i.message}`).sort(), [
    'statement.introduction.fr: writes "Example Controller NV" where the legal name in fr is "Example Controller SA" (controller.name): leave the name out, the statement prints it',
    'statement.introduction.fr: writes the address differently from "Teststraat 1 boîte 2" (controller.address.street.fr): leave the address out, the statement prints it',
    'statement.security.en: writes "Example Controller SA" where the legal name in en is "Example Controller NV" (controller.name): leave the name out, the statement prints it',
    'statement.security.en: writes the address differently from "Teststraat 1 box 2" (controller.address.street.en): leave the address out, the statement prints it',
  ])
  assert.equal(issues.filter((i) => i.path === 'statement.introduction.fr').length, 2)
  assert.equal(issues.filter((i) => i.path === 'statement.security.en').length, 2)
  assert.ok(!issues.some((i) => i.path === 'statement.introduction.nl'), 'the Dutch text writes the Dutch name and address: fine')
  // A stored version keeps reading what it said then.
  const old = structuredClone(fixture) as PolicyDocument & Loose
  old.statement.introduction.fr = 'Example Controller NV traite vos données.'
  assert.doesNotThrow(() => validatePolicyDocument(old, 'statement version 1', { stored: true }))
})
