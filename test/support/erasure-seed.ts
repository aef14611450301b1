// Seeds many records of one category for a subject directly under its ordinary data key (what
// thousands of gate writes would store, without paying for thousands of audited round trips).
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../src/db/schema.ts'
import type { MasterKeyRing } from '../../src/vault/master-key.ts'
import { encryptValue, unwrapDataKey } from '../../src/vault/envelope.ts'

export async function seedRecords(db: Kysely<DB>, ring: MasterKeyRing, subjectId: string, category: string, count: number, purpose: string): Promise<void> {
  const key = await db.selectFrom('subject_key').select('wrapped').where('subject_id', '=', subjectId).where('kind', '=', 'ordinary').executeTakeFirstOrThrow()
  const dek = unwrapDataKey(ring, key.wrapped, { subjectId, keyKind: 'ordinary' })
  const rows = []
  for (let i = 0; i < count; i++) {
    const recordId = uuidv7()
    const value = JSON.stringify({ invoice: `INV-${String(i).padStart(6, '0')}`, amount: 100 + (i % 50), currency: 'EUR' })
    rows.push({ subject_id: subjectId, category, record_id: recordId, key_kind: 'ordinary' as const, key_version: 1, ciphertext: encryptValue(dek, value, { subjectId, category, recordId, keyVersion: 1 }), lookup: null, written_purpose: purpose })
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('personal_data').values(rows.slice(i, i + 1000)).execute()
}
