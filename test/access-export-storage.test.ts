// The access and portability exports of a person stored through the gate, on both databases: the
// dossier comes from gate.dossier (purpose data_subject_request), the ZIP holds every stored value,
// the disclosure log names the recipient, and portability leaves accounting data out.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { unzipSync, strFromU8 } from 'fflate'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import type { Runtime } from '../src/runtime.ts'
import type { Actor } from '../src/gate/actor.ts'
import { runtimeKey, seedRequest } from './support/actors.ts'
import { buildAccessExport, type AccessData } from '../src/requests/access-export.ts'
import { buildPortabilityExport, type PortabilityData } from '../src/requests/portability.ts'

for (const variant of DATABASES) {
  describe(`${variant.name}: access and portability exports of a stored person`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let subjectId: string
    let requests: Actor
    let requestId: string

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database)
      const gate = runtime.gate
      const crm = await runtimeKey(runtime, 'crm', ['customer_registration', 'contract_execution', 'accounting', 'newsletter', 'customer_service'])
      const helpdesk = await runtimeKey(runtime, 'helpdesk', ['customer_service'], { recipientId: 'helpdesk_us_scc' })
      requests = gate.systemActor('requests')
      ;({ id: subjectId } = await gate.create(crm, 'customer_registration', {
        type: 'customer',
        data: { 'contact.name': 'Sofie Claes', 'contact.email': 'sofie.claes@example.be', 'contact.address': 'Zuivelmarkt 4, 3500 Hasselt', 'online.ip_address': '203.0.113.9' },
        source: 'Online application form, 12 January 2026',
      }))
      await gate.recordEvent(crm, subjectId, 'contract_started', new Date('2026-02-01T00:00:00Z'))
      await gate.write(crm, 'contract_execution', subjectId, { 'identification.vat_number': 'BE0799.111.222', 'financial.bank_account': 'BE71 0961 2345 6769' })
      await gate.write(crm, 'accounting', subjectId, { 'financial.payment_data': { invoice: 'F-2026-0031', amount: 99.99, currency: 'EUR' } })
      await gate.write(crm, 'accounting', subjectId, { 'financial.payment_data': { invoice: 'F-2026-0044', amount: 99.99, currency: 'EUR' } })
      await gate.write(crm, 'customer_registration', subjectId, { 'online.ip_address': '203.0.113.10' })
      await gate.recordConsent(crm, subjectId, { purpose: 'newsletter', granted: true, text: 'Ja, stuur mij de nieuwsbrief.', channel: 'web_form', lang: 'nl', act: 'checkbox_ticked' })
      await gate.read(helpdesk, 'customer_service', subjectId, ['contact.name', 'contact.email'])
      requestId = await seedRequest(runtime, 'access', { subjectIds: [subjectId] })
    })
    after(async () => {
      await runtime?.close()
      await t?.drop()
    })

    test('REQ-AC-01 REQ-AC-02 REQ-AC-06 the ZIP built from gate.dossier holds every stored value, the consent, and the helpdesk by name', async () => {
      const dossier = await runtime.gate.dossier(requests, requestId, subjectId)
      assert.equal(dossier.records.length, 9)
      const zip = await buildAccessExport(runtime.policy(), dossier, { lang: 'nl', requestId: '0190a5b2-7c1d-7000-8000-0000000000bb', receivedAt: new Date('2026-04-02T08:00:00Z'), generatedAt: new Date('2026-04-03T10:00:00Z') })
      const files = unzipSync(new Uint8Array(zip))
      assert.deepEqual(Object.keys(files).sort(), ['data.csv', 'data.json', 'report.html'])
      const data = JSON.parse(strFromU8(files['data.json']!)) as AccessData
      const values = data.categories.flatMap((c) => c.records.map((r) => [c.id, r.value, r.purpose]))
      assert.equal(values.length, 9)
      for (const expected of [
        ['contact.name', 'Sofie Claes', 'customer_registration'],
        ['contact.email', 'sofie.claes@example.be', 'customer_registration'],
        ['identification.vat_number', 'BE0799.111.222', 'contract_execution'],
        ['financial.payment_data', { invoice: 'F-2026-0044', amount: 99.99, currency: 'EUR' }, 'accounting'],
        ['online.ip_address', '203.0.113.10', 'customer_registration'],
      ]) {
        assert.ok(values.some((v) => JSON.stringify(v) === JSON.stringify(expected)), `exported: ${JSON.stringify(expected)}`)
      }
      assert.equal(data.subject.source, 'Online application form, 12 January 2026')
      assert.deepEqual(data.consents.map((c) => [c.purpose, c.granted, c.channel]), [['newsletter', true, 'web_form']])
      assert.deepEqual(data.disclosures.map((d) => [d.recipientName, d.purpose]), [['Helpdesk software provider (example)', 'customer_service']])
      const html = strFromU8(files['report.html']!)
      assert.ok(html.includes('Sofie Claes'))
      assert.ok(html.includes('Online application form, 12 January 2026'))
      assert.match(html, /id="art15-2"/)
      assert.equal((strFromU8(files['data.csv']!).match(/\r\n/g) ?? []).length, 10, 'header and one row per value')
    })

    test('REQ-PO-01 REQ-PO-03 portability from gate.dossier leaves the accounting data out, and exporting changes nothing stored', async () => {
      const dossier = await runtime.gate.dossier(requests, requestId, subjectId)
      const data = JSON.parse(buildPortabilityExport(runtime.policy(), dossier).json) as PortabilityData
      assert.equal(data.records.length, 7)
      assert.ok(!data.records.some((r) => r.category === 'financial.payment_data'))
      assert.ok(data.records.every((r) => r.basis === 'contract'))
      const again = await runtime.gate.dossier(requests, requestId, subjectId)
      assert.equal(again.records.length, dossier.records.length, 'nothing was erased')
    })
  })
}
