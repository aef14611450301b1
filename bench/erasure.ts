// Erasure figures on each database: the time from the start of the shredding transaction to the
// destroyed ordinary key (the statement, then the commit that makes it durable) for a person with 10
// and with 10,000 records that are all erased (target ≤ 20 ms, independent of the record count),
// and, reported separately, the re-encryption under the retention key when 10 or 10,000 records
// must be kept for accounting.
import { v7 as uuidv7 } from 'uuid'
import { migrateToLatest, type Database } from '../src/db/database.ts'
import { loadConfig, DEFAULT_POLICY } from '../src/config.ts'
import { createLogger } from '../src/log.ts'
import { loadPolicyFile } from '../src/policy/load.ts'
import { ensureFirstVersion } from '../src/policy/versions.ts'
import { createRuntime, type Runtime } from '../src/runtime.ts'
import { generateMasterKeyRing, type MasterKeyRing } from '../src/vault/master-key.ts'
import { encryptValue, unwrapDataKey } from '../src/vault/envelope.ts'
import type { Actor } from '../src/gate/actor.ts'
import { runtimeKey, seedRequest } from '../test/support/actors.ts'
import { record, ratio, section } from './harness.ts'
import { onEachDatabase } from './postgres.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
let crm: Actor
let finance: Actor

async function person(runtime: Runtime, ring: MasterKeyRing, category: 'online.ip_address' | 'financial.payment_data', count: number): Promise<string> {
  const { id } = await runtime.gate.create(crm, 'customer_registration', { type: 'customer', data: { 'contact.name': 'Bench Person', 'contact.email': `bench.${uuidv7()}@bench.example` } })
  const db = runtime.database.db
  const key = await db.selectFrom('subject_key').select('wrapped').where('subject_id', '=', id).where('kind', '=', 'ordinary').executeTakeFirstOrThrow()
  const dek = unwrapDataKey(ring, key.wrapped, { subjectId: id, keyKind: 'ordinary' })
  const rows = []
  for (let i = 0; i < count; i++) {
    const recordId = uuidv7()
    rows.push({ subject_id: id, category, record_id: recordId, key_kind: 'ordinary' as const, key_version: 1, ciphertext: encryptValue(dek, JSON.stringify(category === 'online.ip_address' ? `198.51.100.${i % 250}` : { invoice: `INV-${i}`, amount: 100 }), { subjectId: id, category, recordId, keyVersion: 1 }), lookup: null, written_purpose: 'customer_registration' })
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('personal_data').values(rows.slice(i, i + 1000)).execute()
  if (category === 'financial.payment_data') await runtime.gate.recordEvent(finance, id, 'invoice_issued', new Date(Date.now() - 86_400_000))
  return id
}

async function measure(label: string, database: Database, dataDir: string): Promise<void> {
  await migrateToLatest(database.db)
  const filePolicy = await loadPolicyFile(DEFAULT_POLICY)
  await ensureFirstVersion(database.db, filePolicy)
  const ring = generateMasterKeyRing()
  const config = loadConfig({ dataDir, port: 0 }, {})
  const runtime = await createRuntime({ config, database, logger: createLogger({ level: 'silent' }), filePolicy, keys: ring })
  crm = await runtimeKey(runtime, 'bench', ['customer_registration'])
  finance = await runtimeKey(runtime, 'bench-finance', ['accounting'])
  const dsr = runtime.gate.systemActor('requests')
  // Each erasure is carried out for an erasure request of the person's own (a grant needs one).
  const erase = async (id: string) => runtime.gate.erase(dsr, await seedRequest(runtime, 'erasure', { subjectIds: [id] }), id, { reasonCode: 'bench' })
  try {
    const figures: Record<string, ReturnType<typeof record>> = {}
    for (const count of [10, 10_000]) {
      const statement: number[] = []
      const committed: number[] = []
      for (let r = 0; r < RUNS; r++) {
        const id = await person(runtime, ring, 'online.ip_address', count)
        const outcome = await erase(id)
        statement.push(outcome.timings!.keyDestroyedMs)
        committed.push(outcome.timings!.committedMs)
      }
      record(`${label}: key deleted, ${count.toLocaleString('en-US')} records (statement)`, statement, 'ms')
      figures[count] = record(`${label}: key destroyed, ${count.toLocaleString('en-US')} records (committed)`, committed, 'ms', 'target ≤ 20 ms')
    }
    ratio(`${label}: destroyed key, 10,000 / 10 records`, figures[10_000]!, figures[10]!, '≈ 1')
    for (const count of [10, 10_000]) {
      const reencrypt: number[] = []
      const committed: number[] = []
      for (let r = 0; r < Math.min(RUNS, 3); r++) {
        const id = await person(runtime, ring, 'financial.payment_data', count)
        const outcome = await erase(id)
        if (outcome.keptRecords < count) throw new Error('the payment records were not kept')
        reencrypt.push(outcome.timings!.reencryptMs)
        committed.push(outcome.timings!.committedMs)
      }
      record(`${label}: re-encrypt ${count.toLocaleString('en-US')} kept records`, reencrypt, 'ms', 'reported separately')
      record(`${label}: erasure with ${count.toLocaleString('en-US')} kept records (committed)`, committed, 'ms')
    }
  } finally {
    await runtime.close()
  }
}

export async function benchErasure(): Promise<void> {
  section('erasure (crypto-shredding: time to the destroyed ordinary key)')
  await onEachDatabase('erasure', measure, { poolSize: 4 })
}
