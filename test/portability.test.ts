// Portability (Art. 20): only values processed on consent or contract, as JSON (valid against the
// documented schema) and CSV, and a ZIP of both with the schema; nothing is erased.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { unzipSync, strFromU8 } from 'fflate'
import { parse as parseCsv } from 'csv-parse/sync'
import { Compile } from 'typebox/compile'
import { loadPolicyFile } from '../src/policy/load.ts'
import type { Dossier } from '../src/requests/dossier.ts'
import type { PersonalValue, VaultRecord } from '../src/vault/vault.ts'
import {
  buildPortabilityExport,
  buildPortabilityZip,
  PORTABILITY_CSV_COLUMNS,
  PORTABILITY_SCHEMA,
  PortabilitySchema,
  type PortabilityData,
} from '../src/requests/portability.ts'
import { EXAMPLE_POLICY, REPO_ROOT } from './support/paths.ts'

const policy = await loadPolicyFile(EXAMPLE_POLICY)
const validator = Compile(PortabilitySchema)

let seq = 0
function rec(category: string, value: PersonalValue, writtenAt: string, writtenPurpose: string, keyKind: VaultRecord['keyKind'] = 'ordinary'): VaultRecord {
  seq++
  return { category, value, writtenAt: new Date(writtenAt), writtenPurpose, recordId: `0190a5b2-7c1d-7000-8000-${String(seq).padStart(12, '0')}`, keyKind }
}

/** A sole-trader customer: registration and contract (6(1)(b)), newsletter (consent), accounting (legal obligation), legitimate interests. */
function customer(): Dossier {
  return {
    subjectId: '0190a5b2-7c1d-7000-8000-00000000c001',
    subjectType: 'customer',
    tenantId: null,
    source: null,
    createdAt: new Date('2026-01-12T08:00:00Z'),
    records: [
      rec('contact.name', 'Jan Janssens', '2026-01-12T08:00:00Z', 'customer_registration'),
      rec('contact.address', 'Kapelstraat 12, 3500 Hasselt', '2026-01-12T08:00:00Z', 'customer_registration'),
      rec('identification.vat_number', 'BE0712.345.678', '2026-01-12T08:00:00Z', 'customer_registration'),
      rec('online.ip_address', '203.0.113.45', '2026-01-12T07:59:58Z', 'customer_registration'),
      rec('financial.bank_account', 'BE68 5390 0754 7034', '2026-02-01T09:00:00Z', 'contract_execution'),
      rec('contact.email', 'jan.janssens@example.be', '2026-02-02T10:00:00Z', 'newsletter'),
      rec('financial.payment_data', { invoice: 'F-2026-0007', amount: 242, currency: 'EUR' }, '2026-02-28T12:00:00Z', 'accounting'),
      rec('financial.payment_data', { invoice: 'F-2026-0019', amount: 242, currency: 'EUR' }, '2026-03-31T12:00:00Z', 'accounting'),
      rec('professional.role', 'Zaakvoerder', '2026-03-01T12:00:00Z', 'customer_information'),
      rec('contact.phone', '+32 11 22 33 44', '2026-03-02T12:00:00Z', 'legal_defence'),
      rec('identification.photo', 'photo-ref-0007', '2026-03-03T12:00:00Z', 'purpose_since_removed'),
      rec('contact.name', 'Jan Janssens', '2026-01-12T08:00:00Z', 'contract_execution', 'retention'),
    ],
    events: [{ event: 'contract_started', at: new Date('2026-02-01T00:00:00Z') }],
    consents: [],
    objections: [],
    restricted: false,
    disclosures: [],
  }
}

const PORTABLE = ['customer_registration', 'contract_execution', 'newsletter']

test('REQ-PO-01 only values processed on consent or contract are exported: accounting, legitimate interests, unknown purposes and retained copies are left out', () => {
  const dossier = customer()
  const x = buildPortabilityExport(policy, dossier, { generatedAt: new Date('2026-04-03T10:00:00Z') })
  const data = JSON.parse(x.json) as PortabilityData
  const expected = dossier.records.filter((r) => PORTABLE.includes(r.writtenPurpose) && r.keyKind === 'ordinary')
  assert.equal(expected.length, 6)
  assert.deepEqual(new Set(data.records.map((r) => r.recordId)), new Set(expected.map((r) => r.recordId)))
  assert.ok(!data.records.some((r) => r.category === 'financial.payment_data'), 'accounting (legal obligation) excluded')
  assert.ok(!data.records.some((r) => r.purpose === 'customer_information' || r.purpose === 'legal_defence'), 'legitimate interests excluded')
  for (const r of data.records) {
    const source = dossier.records.find((s) => s.recordId === r.recordId)!
    assert.deepEqual(r.value, source.value)
    assert.equal(r.writtenAt, source.writtenAt.toISOString())
    assert.equal(r.basis, r.purpose === 'newsletter' ? 'consent' : 'contract')
  }
  assert.deepEqual(data.categories.map((c) => c.id), ['contact.name', 'contact.address', 'contact.email', 'identification.vat_number', 'online.ip_address', 'financial.bank_account'])
  assert.deepEqual(data.categories[0]!.label, { nl: 'Naam en voornaam', fr: 'Nom et prénom', en: 'Name and first name' })
  assert.equal(data.subjectType, 'customer')
  assert.equal(data.controller.name, 'JAG2 Solutions NV')
})

test('REQ-PO-01 for a contact person of a corporate customer the same purposes rest on legitimate interests: only consent data are portable', () => {
  const dossier: Dossier = { ...customer(), subjectType: 'customer_contact' }
  const data = JSON.parse(buildPortabilityExport(policy, dossier).json) as PortabilityData
  assert.deepEqual(data.records.map((r) => [r.category, r.purpose, r.basis]), [['contact.email', 'newsletter', 'consent']])
})

test('REQ-PO-02 the JSON is valid against the documented JSON Schema, and the schema in docs/ is the same', async () => {
  const x = buildPortabilityExport(policy, customer())
  const data = JSON.parse(x.json) as unknown
  assert.ok(validator.Check(data), JSON.stringify([...validator.Errors(data)].slice(0, 3)))
  assert.deepEqual(x.schema, PORTABILITY_SCHEMA)
  const documented = JSON.parse(await readFile(`${REPO_ROOT}docs/portability.schema.json`, 'utf8')) as unknown
  assert.deepEqual(documented, PORTABILITY_SCHEMA)
  assert.equal((documented as { $schema: string }).$schema, 'https://json-schema.org/draft/2020-12/schema')
  // The schema refuses what it must: a legal-obligation basis, a missing field, an extra field.
  const sample = JSON.parse(x.json) as { records: { basis: string }[] } & Record<string, unknown>
  assert.ok(!validator.Check({ ...sample, records: [{ ...sample.records[0]!, basis: 'legal_obligation' }] }))
  assert.ok(!validator.Check({ ...sample, subjectType: undefined }))
  assert.ok(!validator.Check({ ...sample, subjectId: 'x' }))
  const md = await readFile(`${REPO_ROOT}docs/portability-schema.md`, 'utf8')
  for (const column of PORTABILITY_CSV_COLUMNS) assert.ok(md.includes(`\`${column}\``), `the CSV column ${column} is documented`)
})

test('REQ-PO-02 the CSV has the documented columns and one row per exported value, in the JSON order, values verbatim', () => {
  const x = buildPortabilityExport(policy, customer())
  const data = JSON.parse(x.json) as PortabilityData
  assert.ok(!x.csv.startsWith('\uFEFF'))
  assert.ok(x.csv.endsWith('\r\n'))
  const rows = parseCsv(x.csv) as string[][]
  assert.deepEqual(rows[0], [...PORTABILITY_CSV_COLUMNS])
  assert.equal(rows.length - 1, data.records.length)
  rows.slice(1).forEach((row, i) => {
    const r = data.records[i]!
    assert.deepEqual(row, [r.category, typeof r.value === 'string' ? r.value : JSON.stringify(r.value), r.writtenAt, r.purpose, r.basis, r.recordId])
  })
  assert.ok(rows.some((r) => r[1] === 'Kapelstraat 12, 3500 Hasselt'), 'a comma inside a value survives')
})

test('REQ-PO-02 REQ-PO-03 the ZIP holds data.json, data.csv and schema.json; building it leaves the dossier untouched', async () => {
  const dossier = customer()
  const before = JSON.stringify(dossier)
  const zip = await buildPortabilityZip(policy, dossier, { generatedAt: new Date('2026-04-03T10:00:00Z') })
  const files = unzipSync(new Uint8Array(zip))
  assert.deepEqual(Object.keys(files).sort(), ['data.csv', 'data.json', 'schema.json'])
  const x = buildPortabilityExport(policy, dossier, { generatedAt: new Date('2026-04-03T10:00:00Z') })
  assert.equal(strFromU8(files['data.json']!), x.json)
  assert.equal(strFromU8(files['data.csv']!), x.csv)
  assert.deepEqual(JSON.parse(strFromU8(files['schema.json']!)), PORTABILITY_SCHEMA)
  assert.equal(JSON.stringify(dossier), before, 'nothing in the dossier changed')
})
