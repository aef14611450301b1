import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { parseDocument } from 'yaml'
import { loadPolicyFile, validatePolicyDocument } from '../src/policy/load.ts'
import type { Policy } from '../src/policy/policy.ts'
import { controllerPurposes, processorPurposes } from '../src/policy/policy.ts'
import type { PolicyDocument } from '../src/policy/schema.ts'
import { buildRopa, ropaToCsv, ropaToHtml, ropaToJson, ROPA_CSV_COLUMNS, csvField } from '../src/policy/ropa.ts'

const FIXTURE = 'test/fixtures/statement-policy.yaml'
const EXAMPLE = 'examples/ixpole/policy.yaml'

/** Minimal RFC 4180 parser, independent of the writer. */
function parseCsv(input: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  let quoted = false
  while (i < input.length) {
    const ch = input[i]!
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') { field += '"'; i += 2; continue }
      if (ch === '"') { quoted = false; i++; continue }
      field += ch; i++; continue
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue }
    if (ch === ',') { row.push(field); field = ''; i++; continue }
    if (ch === '\r' && input[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue }
    assert.notEqual(ch, '\n', 'bare LF outside quotes')
    field += ch; i++
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row) }
  return rows
}

const policies: [string, () => Promise<Policy>][] = [['fixture', () => loadPolicyFile(FIXTURE)]]
if (existsSync(EXAMPLE)) policies.push(['example ixpole', () => loadPolicyFile(EXAMPLE)])

for (const [label, load] of policies) {
  test(`REQ-ROPA-01 REQ-AUD-02 (${label}) the Art. 30(1) record has controller, privacy contact and per purpose (b)-(f)`, async () => {
    const policy = await load()
    const ropa = buildRopa(policy, { version: 4 })
    assert.equal(ropa.version, 4)
    assert.equal(ropa.policyHash, policy.contentHash)
    assert.match(ropa.controller.address, /Kempische Steenweg 311/)
    assert.equal(ropa.controller.companyNumber, policy.controller.companyNumber)
    assert.equal(ropa.controller.privacyContact.email, policy.controller.privacyContact.email)
    const own = controllerPurposes(policy)
    assert.deepEqual(ropa.controllerRecord.entries.map((e) => e.purposeId), own.map((p) => p.id))
    for (const p of own) {
      const e = ropa.controllerRecord.entries.find((x) => x.purposeId === p.id)!
      assert.equal(e.purposes, p.description.en)
      assert.equal(e.dataSubjectCategories.length, p.subjectTypes.length)
      assert.deepEqual(e.dataCategories.map((c) => c.id), p.categories.map((c) => c.id))
      assert.deepEqual(e.recipients.map((r) => r.id), [...p.recipients])
      assert.ok(e.recipients.every((r) => r.name && r.category && r.country))
      // retention per data category, concrete
      assert.deepEqual(e.retention.map((r) => r.categoryId), p.categories.map((c) => c.id))
      assert.ok(e.retention.every((r) => /(years?|months?|weeks?|days?|until) /.test(r.period)), `${p.id}: ${e.retention[0]?.period}`)
      // transfers: every non-EEA recipient, with its safeguard
      for (const rid of p.recipients) {
        const r = policy.recipient(rid)!
        const t = e.transfers.find((x) => x.recipientId === rid)
        if (r.transfer) {
          assert.ok(t, `${p.id} transfer to ${rid}`)
          assert.equal(t.mechanism, r.transfer.mechanism)
          assert.ok(t.safeguard.includes(typeof r.transfer.decision === 'string' ? r.transfer.decision : r.transfer.decision.en))
          assert.ok(t.safeguard.includes(r.transfer.date))
        }
      }
    }
    assert.ok(ropa.securityMeasures.length >= 2)
    assert.equal(ropa.securityMeasures[0], policy.statement.security.en)
  })

  test(`REQ-ROPA-04 (${label}) extra fields: basis per subject type, LIA reference, statutory reference, source, retention rule`, async () => {
    const policy = await load()
    const ropa = buildRopa(policy)
    for (const e of ropa.controllerRecord.entries) {
      const p = policy.purpose(e.purposeId)!
      assert.deepEqual(Object.fromEntries(e.legalBasis.map((b) => [b.subjectType, b.basis])), p.basis)
      assert.ok(e.legalBasis.every((b) => /^Art\. 6\(1\)\([a-f]\) GDPR$/.test(b.article)))
      if (Object.values(p.basis).includes('legitimate_interests')) {
        assert.ok(e.legitimateInterest, `${p.id} LIA`)
        assert.ok(e.legitimateInterest.reference.includes(p.legitimateInterest!.date))
      }
      if (Object.values(p.basis).includes('legal_obligation')) assert.equal(e.statutoryReference, p.statutoryReference?.en)
      assert.ok(e.source.length > 0)
      assert.equal(e.retentionRule.endAction, p.retention.endAction)
      assert.equal(e.retentionRule.duration, p.retention.duration)
    }
  })

  test(`REQ-ROPA-02 (${label}) the Art. 30(2) record lists processing_for_customers, and it is not in the controller record`, async () => {
    const policy = await load()
    const ropa = buildRopa(policy)
    assert.deepEqual(ropa.processorRecord.entries.map((e) => e.purposeId), processorPurposes(policy).map((p) => p.id))
    const e = ropa.processorRecord.entries.find((x) => x.purposeId === 'processing_for_customers')
    assert.ok(e)
    assert.ok(e.categoriesOfProcessing.length > 0)
    assert.match(ropa.processorRecord.controllers, /customer/)
    assert.equal(ropa.processorRecord.processor.name, policy.controller.name.en)
    assert.ok(!ropa.controllerRecord.entries.some((x) => x.purposeId === 'processing_for_customers'))
  })

  test(`REQ-ROPA-03 (${label}) CSV parses back (RFC 4180) with a header and one row per purpose and record type`, async () => {
    const policy = await load()
    const csv = ropaToCsv(buildRopa(policy))
    assert.ok(csv.endsWith('\r\n'))
    const rows = parseCsv(csv)
    assert.deepEqual(rows[0], [...ROPA_CSV_COLUMNS])
    assert.equal(rows.length, 1 + controllerPurposes(policy).length + processorPurposes(policy).length)
    for (const r of rows) assert.equal(r.length, ROPA_CSV_COLUMNS.length)
    const col = (name: (typeof ROPA_CSV_COLUMNS)[number]) => ROPA_CSV_COLUMNS.indexOf(name)
    const accounting = rows.find((r) => r[col('purpose_id')] === 'accounting')!
    assert.equal(accounting[col('record')], 'controller')
    assert.match(accounting[col('legal_basis')]!, /legal obligation \(Art\. 6\(1\)\(c\) GDPR\)/)
    assert.match(accounting[col('retention_rule')]!, /duration=P10Y/)
    const processor = rows.find((r) => r[col('purpose_id')] === 'processing_for_customers')!
    assert.equal(processor[col('record')], 'processor')
    assert.ok(processor[col('processor')]!.includes(policy.controller.name.en))
  })

  test(`REQ-ROPA-03 (${label}) JSON and HTML exports`, async () => {
    const policy = await load()
    const ropa = buildRopa(policy, { version: 2 })
    const json = JSON.parse(ropaToJson(ropa))
    assert.equal(json.title, 'Record of processing activities (Art. 30 GDPR)')
    assert.equal(json.version, 2)
    assert.equal(json.lang, 'en')
    assert.equal(json.policyHash, policy.contentHash)
    assert.deepEqual(
      json.controllerRecord.entries.map((e: { purposeId: string }) => e.purposeId),
      // The fixture is an older copy of the example, from before the contact form.
      // Complaints came later still.
      ['customer_registration', 'contract_execution', 'accounting', 'newsletter', 'prospect_registration', 'customer_information', 'contact_requests', 'complaints', 'customer_service', 'market_research', 'legal_defence'].filter((id) => label === 'example ixpole' || (id !== 'contact_requests' && id !== 'complaints')),
    )
    assert.deepEqual(json.processorRecord.entries.map((e: { purposeId: string }) => e.purposeId), ['processing_for_customers'])
    const accounting = json.controllerRecord.entries.find((e: { purposeId: string }) => e.purposeId === 'accounting')
    assert.deepEqual(accounting.legalBasis, [
      { subjectType: 'customer', basis: 'legal_obligation', article: 'Art. 6(1)(c) GDPR' },
      { subjectType: 'customer_contact', basis: 'legal_obligation', article: 'Art. 6(1)(c) GDPR' },
    ])
    assert.deepEqual([accounting.retentionRule.duration, accounting.retentionRule.trigger, accounting.retentionRule.countFrom, accounting.retentionRule.endAction], ['P10Y', 'invoice_issued', 'next_calendar_year', 'delete'])
    const html = ropaToHtml(ropa)
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/)
    assert.match(html, /Art\. 30\(1\) record/)
    assert.match(html, /Art\. 30\(2\) record/)
    for (const p of policy.purposes) assert.ok(html.includes(p.name.en.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;')), p.id)
    assert.doesNotMatch(html, /<th>/)
    assert.equal((html.match(/<table>/g) ?? []).length, (html.match(/<caption>/g) ?? []).length)
  })
}

test('REQ-ROPA-03 CSV quoting survives commas, quotes and newlines; HTML escapes policy text', async () => {
  assert.equal(csvField('plain'), 'plain')
  assert.equal(csvField('a,b'), '"a,b"')
  assert.equal(csvField('say "hi"'), '"say ""hi"""')
  assert.equal(csvField('two\nlines'), '"two\nlines"')
  const d = parseDocument(await readFile(FIXTURE, 'utf8')).toJS() as PolicyDocument
  d.purposes[0]!.description.en = 'Line one, with "quotes"\nline two <script>alert(1)</script>'
  const ropa = buildRopa(validatePolicyDocument(d))
  const rows = parseCsv(ropaToCsv(ropa))
  const desc = rows.find((r) => r[1] === d.purposes[0]!.id)![3]
  assert.equal(desc, d.purposes[0]!.description.en)
  const html = ropaToHtml(ropa)
  assert.doesNotMatch(html, /<script/)
  assert.ok(html.includes('&lt;script&gt;'))
})

test('REQ-ROPA-01 a recipient outside the EEA without a mechanism would be flagged, not hidden', async () => {
  // The linter refuses such a policy; the record still must not silently drop the transfer if it ever sees one.
  const policy = await loadPolicyFile(FIXTURE)
  const mailer = policy.recipient('mailer')!
  const patched = { ...policy, recipient: (id: string) => (id === 'mailer' ? { ...mailer, transfer: undefined } : policy.recipient(id)) } as Policy
  const e = buildRopa(patched).controllerRecord.entries.find((x) => x.purposeId === 'newsletter')!
  assert.equal(e.transfers[0]?.mechanism, 'none')
  assert.match(e.transfers[0]!.safeguard, /NO TRANSFER MECHANISM/)
})

test('ROPA accepts another language', async () => {
  const ropa = buildRopa(await loadPolicyFile(FIXTURE), { lang: 'nl' })
  assert.equal(ropa.lang, 'nl')
  assert.match(ropa.title, /Register van verwerkingsactiviteiten/)
  assert.ok(ropa.controllerRecord.entries.some((e) => e.name === 'Boekhouding'))
})
