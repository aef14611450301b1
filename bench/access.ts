// Access export of a person with 10,000 stored values (target ≤ 1 s): the ZIP alone from a dossier
// in memory, and end to end on each database — gate.dossier (decrypting every value under the
// purpose data_subject_request, audited) plus the ZIP.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openEmbedded, openPostgres, migrateToLatest, type Database } from '../src/db/database.ts'
import { loadConfig, DEFAULT_POLICY } from '../src/config.ts'
import { createLogger } from '../src/log.ts'
import { loadPolicyFile } from '../src/policy/load.ts'
import type { Policy } from '../src/policy/policy.ts'
import { ensureFirstVersion } from '../src/policy/versions.ts'
import { createRuntime } from '../src/runtime.ts'
import { generateMasterKeyRing } from '../src/vault/master-key.ts'
import { runtimeKey, seedRequest } from '../test/support/actors.ts'
import type { Dossier } from '../src/requests/dossier.ts'
import type { VaultRecord } from '../src/vault/vault.ts'
import { buildAccessExport } from '../src/requests/access-export.ts'
import { buildPortabilityExport } from '../src/requests/portability.ts'
import { record, section, timeRuns } from './harness.ts'
import { benchPostgresDatabase } from './postgres.ts'

const RECORDS = Number(process.env.BENCH_ACCESS_RECORDS ?? 10_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const options = () => ({ lang: 'nl' as const, requestId: '0190a5b2-7c1d-7000-8000-0000000000aa', receivedAt: new Date(), generatedAt: new Date() })

/** A customer with RECORDS values: one per single-value category, the rest logins and payments. */
function memoryDossier(): Dossier {
  const records: VaultRecord[] = []
  const base = Date.parse('2024-01-01T00:00:00Z')
  const single: [string, string, string][] = [
    ['contact.name', 'Jan Janssens', 'customer_registration'],
    ['contact.email', 'jan.janssens@example.be', 'newsletter'],
    ['contact.address', 'Kapelstraat 12, 3500 Hasselt', 'contract_execution'],
    ['identification.vat_number', 'BE0712.345.678', 'contract_execution'],
  ]
  for (const [category, value, purpose] of single) records.push({ category, value, writtenAt: new Date(base), writtenPurpose: purpose, recordId: `r-${category}`, keyKind: 'ordinary' })
  for (let i = records.length; i < RECORDS; i++) {
    const at = new Date(base + i * 3_600_000)
    records.push(
      i % 2
        ? { category: 'online.ip_address', value: `203.0.113.${i % 250}`, writtenAt: at, writtenPurpose: 'customer_registration', recordId: `r-${i}`, keyKind: 'ordinary' }
        : { category: 'financial.payment_data', value: { invoice: `F-${i}`, amount: 100 + (i % 50), currency: 'EUR' }, writtenAt: at, writtenPurpose: 'accounting', recordId: `r-${i}`, keyKind: 'ordinary' },
    )
  }
  return { subjectId: '0190a5b2-7c1d-7000-8000-00000000b001', subjectType: 'customer', tenantId: null, source: null, createdAt: new Date(base), records, events: [], consents: [], objections: [], restricted: false, disclosures: [] }
}

async function throughDatabase(label: string, database: Database, dataDir: string, policy: Policy): Promise<void> {
  await migrateToLatest(database.db)
  await ensureFirstVersion(database.db, policy)
  const runtime = await createRuntime({ config: loadConfig({ dataDir, port: 0 }, {}), database, logger: createLogger({ level: 'silent' }), filePolicy: policy, keys: generateMasterKeyRing() })
  try {
    const crm = await runtimeKey(runtime, 'bench-crm', ['customer_registration', 'contract_execution', 'accounting', 'customer_service'])
    const { id } = await runtime.gate.create(crm, 'customer_registration', { type: 'customer', data: { 'contact.name': 'Jan Janssens', 'contact.email': 'jan.janssens@example.be' } })
    await runtime.gate.recordEvent(crm, id, 'contract_started', new Date())
    // Each write appends one value to each "many" category: (RECORDS - 2) / 2 writes.
    for (let i = 2; i < RECORDS; i += 2) {
      await runtime.gate.write(crm, 'accounting', id, { 'financial.payment_data': { invoice: `F-${i}`, amount: 100 + (i % 50), currency: 'EUR' } })
      await runtime.gate.write(crm, 'customer_registration', id, { 'online.ip_address': `203.0.113.${i % 250}` })
    }
    const requests = runtime.gate.systemActor('requests')
    const requestId = await seedRequest(runtime, 'access', { subjectIds: [id] })
    let size = 0
    let count = 0
    const dossierRuns: number[] = []
    const runs = await timeRuns(RUNS, async () => {
      const started = performance.now()
      const dossier = await runtime.gate.dossier(requests, requestId, id)
      dossierRuns.push(performance.now() - started)
      count = dossier.records.length
      size = (await buildAccessExport(runtime.policy(), dossier, options())).length
    })
    record(`${label}: gate.dossier (${count.toLocaleString('en-US')} values decrypted)`, dossierRuns, 'ms')
    record(`${label}: gate.dossier + access ZIP`, runs, 'ms', `target ≤ 1,000 ms; ZIP ${(size / 1024).toFixed(0)} KB`)
  } finally {
    await runtime.close()
    await database.close()
  }
}

export async function benchAccess(): Promise<void> {
  section(`access export (${RECORDS.toLocaleString('en-US')} values of one person: report.html, data.json, data.csv)`)
  const policy = await loadPolicyFile(DEFAULT_POLICY)
  const dossier = memoryDossier()
  let size = 0
  await buildAccessExport(policy, dossier, options()) // warm-up
  const zipRuns = await timeRuns(RUNS, async () => {
    size = (await buildAccessExport(policy, dossier, options())).length
  })
  record('in memory: access ZIP from a dossier', zipRuns, 'ms', `target ≤ 1,000 ms; ZIP ${(size / 1024).toFixed(0)} KB`)
  record('in memory: portability JSON + CSV', await timeRuns(RUNS, () => void buildPortabilityExport(policy, dossier)), 'ms')

  const dir = mkdtempSync(join(tmpdir(), 'pledge-bench-access-'))
  try {
    await throughDatabase('embedded', await openEmbedded(join(dir, 'embedded')), join(dir, 'embedded-data'), policy)
    const pg = await benchPostgresDatabase()
    if (pg) {
      try {
        await throughDatabase('PostgreSQL', await openPostgres(pg.url, { max: 4 }), join(dir, 'pg-data'), policy)
      } finally {
        await pg.drop()
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
