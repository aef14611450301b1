// The vault's storage on both databases: no plaintext at rest, ciphertexts bound to their place,
// the wrong master key refused at start, and master key rotation without re-encryption.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import type { Actor } from '../src/gate/actor.ts'
import { runtimeKey } from './support/actors.ts'
import { generateMasterKeyRing, MasterKeyError, type MasterKeyRing } from '../src/vault/master-key.ts'
import { DecryptionError } from '../src/vault/envelope.ts'
import { rewrapAll, countStaleKeys } from '../src/vault/rotation.ts'
import { openEmbedded, migrateToLatest } from '../src/db/database.ts'
import type { Runtime } from '../src/runtime.ts'

const KNOWN = {
  'contact.name': 'Griet Vandersmissen',
  'contact.email': 'griet.vandersmissen@pledge-scan.example',
  'contact.phone': '+32 478 99 88 77',
  'financial.bank_account': 'BE71096123456769',
} as const

// One key per database, made the first time a test there needs it.
const keys = new Map<unknown, Promise<Actor>>()
const crmOf = (runtime: Runtime): Promise<Actor> => {
  if (!keys.has(runtime.database.db)) keys.set(runtime.database.db, runtimeKey(runtime, 'test', ['customer_registration', 'contract_execution', 'customer_service']))
  return keys.get(runtime.database.db)!
}

async function createKnown(runtime: Runtime): Promise<string> {
  const { id } = await runtime.gate.create(await crmOf(runtime), 'customer_registration', { type: 'customer', data: { 'contact.name': KNOWN['contact.name'], 'contact.email': KNOWN['contact.email'], 'contact.phone': KNOWN['contact.phone'] } })
  await runtime.gate.write(await crmOf(runtime), 'contract_execution', id, { 'financial.bank_account': KNOWN['financial.bank_account'] })
  return id
}

function needles(): string[] {
  return [KNOWN['contact.name'], 'Vandersmissen', KNOWN['contact.email'], 'griet.vandersmissen', '478 99 88 77', '+32478998877', KNOWN['financial.bank_account'], '096123456769']
}

for (const variant of DATABASES) {
  describe(`${variant.name}: vault storage`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let ring: MasterKeyRing
    let runtime: Runtime
    before(async () => {
      t = await variant.open()
      ring = generateMasterKeyRing()
      runtime = await testRuntime(t.database, { keys: ring })
    })
    after(async () => {
      await runtime?.close()
      await t?.drop()
    })

    test('REQ-SEC-02 no plaintext e-mail, IBAN, phone or name in any table', async () => {
      const id = await createKnown(runtime)
      const read = await runtime.gate.read(await crmOf(runtime), 'contract_execution', id)
      assert.equal(read.data['financial.bank_account'], KNOWN['financial.bank_account'])
      const tables = await t.database.db.introspection.getTables()
      let scanned = 0
      for (const table of tables) {
        const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(table.schema ? `${table.schema}.${table.name}` : table.name)} t`.execute(t.database.db)
        for (const { row } of rows.rows) {
          scanned++
          // Every schema, the job queue's included; bytea columns print as hex; check the hex form of each needle too.
          for (const n of needles()) {
            assert.ok(!row.includes(n), `${table.name} holds "${n}" in plaintext`)
            assert.ok(!row.includes(Buffer.from(n).toString('hex')), `${table.name} holds "${n}" as hex`)
          }
        }
      }
      assert.ok(scanned > 10)
    })

    test('REQ-SEC-02 a ciphertext copied onto another subject, or an older one replayed, fails to decrypt', async () => {
      const a = await createKnown(runtime)
      const b = await createKnown(runtime)
      const rowOf = (id: string) => t.database.db.selectFrom('personal_data').selectAll().where('subject_id', '=', id).where('category', '=', 'contact.name').executeTakeFirstOrThrow()
      const original = await rowOf(b)
      // Copy a's ciphertext (and record id) onto b: b's data key and subject id do not match it.
      const fromA = await rowOf(a)
      await t.database.db.updateTable('personal_data').set({ ciphertext: fromA.ciphertext, record_id: fromA.record_id }).where('subject_id', '=', b).where('category', '=', 'contact.name').execute()
      await assert.rejects(runtime.gate.read(await crmOf(runtime), 'customer_service', b), DecryptionError)
      // Put b's own value back, then overwrite it; replaying the older ciphertext into the newer row fails.
      await t.database.db.updateTable('personal_data').set({ ciphertext: original.ciphertext, record_id: original.record_id }).where('subject_id', '=', b).where('category', '=', 'contact.name').execute()
      assert.equal((await runtime.gate.read(await crmOf(runtime), 'customer_service', b)).data['contact.name'], KNOWN['contact.name'])
      await runtime.gate.write(await crmOf(runtime), 'customer_service', b, { 'contact.name': 'Griet V.' })
      await t.database.db.updateTable('personal_data').set({ ciphertext: original.ciphertext }).where('subject_id', '=', b).where('category', '=', 'contact.name').execute()
      await assert.rejects(runtime.gate.read(await crmOf(runtime), 'customer_service', b), DecryptionError)
      // Moving a value to another category of the same subject fails too.
      const phone = await t.database.db.selectFrom('personal_data').selectAll().where('subject_id', '=', a).where('category', '=', 'contact.phone').executeTakeFirstOrThrow()
      await t.database.db.updateTable('personal_data').set({ ciphertext: phone.ciphertext, record_id: phone.record_id }).where('subject_id', '=', a).where('category', '=', 'contact.email').execute()
      await assert.rejects(runtime.gate.read(await crmOf(runtime), 'customer_service', a, ['contact.email']), DecryptionError)
    })

    test('REQ-SEC-02 starting with the wrong master key fails with a clear message', async () => {
      await assert.rejects(testRuntime(t.database, { keys: generateMasterKeyRing() }), (err: unknown) => {
        assert.ok(err instanceof MasterKeyError)
        assert.match((err as Error).message, /does not match the one this database was created with/)
        return true
      })
    })

    test('REQ-SEC-02 key rotation re-wraps every data key without re-encrypting data, and resumes', async () => {
      const id = await createKnown(runtime)
      const before = await t.database.db.selectFrom('personal_data').select(['ciphertext']).where('subject_id', '=', id).orderBy('category').execute()
      const rotated = ring.withNewVersion()
      assert.ok((await countStaleKeys(t.database.db, rotated)) > 0)
      // Interrupted after one small batch: the rest is still readable with the two-version ring.
      let calls = 0
      await rewrapAll(t.database.db, rotated, { batchSize: 1, onProgress: () => { if (++calls === 1) throw new Error('interrupted') } }).catch(() => {})
      const partial = await countStaleKeys(t.database.db, rotated)
      assert.ok(partial > 0)
      const result = await rewrapAll(t.database.db, rotated)
      assert.equal(result.remaining, 0)
      assert.equal(await countStaleKeys(t.database.db, rotated), 0)
      const after = await t.database.db.selectFrom('personal_data').select(['ciphertext']).where('subject_id', '=', id).orderBy('category').execute()
      assert.deepEqual(after.map((r) => Buffer.from(r.ciphertext).toString('hex')), before.map((r) => Buffer.from(r.ciphertext).toString('hex')), 'values were not re-encrypted')
      await runtime.close()
      runtime = await testRuntime(t.database, { keys: rotated })
      assert.equal((await runtime.gate.read(await crmOf(runtime), 'contract_execution', id)).data['financial.bank_account'], KNOWN['financial.bank_account'])
      // The new version alone is enough now: the old one can be retired.
      const newOnly = (await import('../src/vault/master-key.ts')).parseMasterKey(rotated.serialize().split(',')[0]!)
      await runtime.close()
      runtime = await testRuntime(t.database, { keys: newOnly })
      assert.equal((await runtime.gate.read(await crmOf(runtime), 'customer_service', id)).data['contact.name'], KNOWN['contact.name'])
    })
  })
}

test('REQ-SEC-02 no plaintext in the embedded database files', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-scan-'))
  try {
    const database = await openEmbedded(dir)
    await migrateToLatest(database.db)
    const runtime = await testRuntime(database)
    for (let i = 0; i < 3; i++) await createKnown(runtime)
    await runtime.close()
    await database.close() // checkpoint: everything is in the data files now
    const files: string[] = []
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name)
        if (statSync(p).isDirectory()) walk(p)
        else files.push(p)
      }
    }
    walk(dir)
    assert.ok(files.length > 100)
    for (const file of files) {
      const bytes = readFileSync(file)
      for (const n of needles()) {
        assert.equal(bytes.indexOf(Buffer.from(n)), -1, `${file} holds "${n}"`)
        assert.equal(bytes.indexOf(Buffer.from(n, 'utf16le')), -1, `${file} holds "${n}" (utf-16)`)
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
