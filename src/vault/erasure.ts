// Crypto-shredding (the vault's side of Art. 17). In ONE transaction: the subject's ordinary data
// key is deleted first (that is the destruction: nothing sealed under it can be opened after
// commit, whatever the number of records), what a legal duty still requires is re-encrypted under
// the subject's retention key with fresh record ids (a fresh AAD binding, no e-mail lookup), each
// kept category is recorded with its one purpose and until when, erased_at is set (the external id,
// source and mail language are cleared with it) and a tombstone (subject id and time) is inserted.
// The ordinary records left behind are ciphertext nobody can open: purgeShredded removes them after
// commit, in batches (a job may do it later; start does it for any leftovers). expireRetained ends
// what was kept when its legal duty ends (REQ-ER-02/03).
import { performance } from 'node:perf_hooks'
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../db/schema.ts'
import type { ErasurePlan, RetentionReason } from './erasure-plan-types.ts'
import type { MasterKeyRing } from './master-key.ts'
import { decryptValue, encryptValue, generateDataKey, unwrapDataKey, wrapDataKey } from './envelope.ts'

export const RETENTION_KEY_VERSION = 1
const INSERT_CHUNK = 1000
const PURGE_BATCH = 5000

export interface ShredResult {
  readonly subjectId: string
  /** The subject was already erased: nothing was changed. */
  readonly alreadyErased: boolean
  /** Records re-encrypted under the retention key. */
  readonly keptRecords: number
  readonly timings: {
    /** From the start of the transaction to the ordinary key row deleted (not yet committed). */
    readonly keyDestroyedMs: number
    /** Re-encryption of the kept records under the retention key (decrypt, encrypt, insert). */
    readonly reencryptMs: number
    /** From the start of the transaction to its commit: the destruction is durable. */
    readonly committedMs: number
  }
}

export class ErasureError extends Error {
  readonly code: 'subject_not_found' | 'plan_mismatch'
  constructor(code: ErasureError['code'], message: string) {
    super(message)
    this.name = 'ErasureError'
    this.code = code
  }
}

/**
 * The subject's retention key (created, wrapped under the current master key, when it has none):
 * what outlives the ordinary key — data kept after an erasure, a legal hold's reason.
 */
export async function retentionKey(db: Kysely<DB> | Transaction<DB>, ring: MasterKeyRing, subjectId: string, create: boolean): Promise<Buffer | undefined> {
  const existing = await db.selectFrom('subject_key').select('wrapped').where('subject_id', '=', subjectId).where('kind', '=', 'retention').executeTakeFirst()
  if (existing) return unwrapDataKey(ring, existing.wrapped, { subjectId, keyKind: 'retention' })
  if (!create) return undefined
  const key = generateDataKey()
  await db
    .insertInto('subject_key')
    .values({ subject_id: subjectId, kind: 'retention', key_version: RETENTION_KEY_VERSION, master_version: ring.current.version, wrapped: wrapDataKey(ring.current, key, { subjectId, keyKind: 'retention' }) })
    .onConflict((oc) => oc.columns(['subject_id', 'kind']).doNothing())
    .execute()
  // Another transaction may have created it first: use the stored one.
  return retentionKey(db, ring, subjectId, false)
}

/** Categories the subject has ordinary records for (what an erasure plans over). */
export async function erasureCategories(db: Kysely<DB>, subjectId: string): Promise<string[]> {
  const rows = await db.selectFrom('personal_data').select('category').distinct().where('subject_id', '=', subjectId).where('key_kind', '=', 'ordinary').orderBy('category').execute()
  return rows.map((r) => r.category)
}

/**
 * A legal hold placed after an erasure keeps what is still kept (under the retention key) past its
 * legal duty: those of `categories` get a legal-claims entry with no end. Returns the ones kept.
 */
export async function holdKept(db: Kysely<DB> | Transaction<DB>, subjectId: string, purpose: string, categories: readonly string[]): Promise<string[]> {
  if (categories.length === 0) return []
  const kept = await db.selectFrom('personal_data').select('category').distinct().where('subject_id', '=', subjectId).where('key_kind', '=', 'retention').where('category', 'in', [...categories]).execute()
  if (kept.length === 0) return []
  await db
    .insertInto('retained_category')
    .values(kept.map((k) => ({ subject_id: subjectId, category: k.category, purpose, reason: 'legal_claims' as const, until: null })))
    .onConflict((oc) => oc.columns(['subject_id', 'category', 'purpose']).doUpdateSet({ reason: 'legal_claims', until: null }))
    .execute()
  return kept.map((k) => k.category).sort()
}

/**
 * A released hold: what it alone kept for an erased person ends now (the next expireRetained erases
 * it); categories in `stillHeld` (other active holds of the same purpose) stay.
 */
export async function endHeld(db: Kysely<DB> | Transaction<DB>, subjectId: string, purpose: string, stillHeld: readonly string[], now: Date): Promise<void> {
  let q = db.updateTable('retained_category').set({ until: now }).where('subject_id', '=', subjectId).where('purpose', '=', purpose).where('reason', '=', 'legal_claims').where('until', 'is', null)
  if (stillHeld.length) q = q.where('category', 'not in', [...stillHeld])
  await q.execute()
}

export async function shred(db: Kysely<DB>, ring: MasterKeyRing, plan: ErasurePlan, now: Date, auditSeq: number | null = null, before?: (tx: Transaction<DB>) => Promise<void>): Promise<ShredResult> {
  const subjectId = plan.subjectId
  const started = performance.now()
  let keyDestroyedMs = 0
  let reencryptMs = 0
  let keptRecords = 0
  let alreadyErased = false
  await db.transaction().execute(async (tx) => {
    const subject = await tx.selectFrom('subject').select(['id', 'erased_at']).where('id', '=', subjectId).forUpdate().executeTakeFirst()
    if (!subject) throw new ErasureError('subject_not_found', 'no subject with this id')
    // What must happen in the same commit as the erasure (the retention sweep's anonymisation).
    if (before && !subject.erased_at) await before(tx)
    // The destruction, first and alone: its cost does not depend on how much the person has.
    const destroyed = await tx.deleteFrom('subject_key').where('subject_id', '=', subjectId).where('kind', '=', 'ordinary').returning(['wrapped']).executeTakeFirst()
    keyDestroyedMs = performance.now() - started
    if (!destroyed && subject.erased_at) {
      alreadyErased = true
      return
    }
    const keptCategories = [...new Set(plan.kept.map((k) => k.category))]
    if (destroyed && keptCategories.length) {
      const reencryptStarted = performance.now()
      const ordinary = unwrapDataKey(ring, destroyed.wrapped, { subjectId, keyKind: 'ordinary' })
      let retention: Buffer
      const existing = await tx.selectFrom('subject_key').select('wrapped').where('subject_id', '=', subjectId).where('kind', '=', 'retention').executeTakeFirst()
      if (existing) retention = unwrapDataKey(ring, existing.wrapped, { subjectId, keyKind: 'retention' })
      else {
        retention = generateDataKey()
        await tx
          .insertInto('subject_key')
          .values({ subject_id: subjectId, kind: 'retention', key_version: RETENTION_KEY_VERSION, master_version: ring.current.version, wrapped: wrapDataKey(ring.current, retention, { subjectId, keyKind: 'retention' }) })
          .execute()
      }
      try {
        const rows = await tx
          .selectFrom('personal_data')
          .select(['category', 'record_id', 'key_version', 'ciphertext', 'written_purpose', 'updated_at'])
          .where('subject_id', '=', subjectId)
          .where('key_kind', '=', 'ordinary')
          .where('category', 'in', keptCategories)
          .execute()
        const fresh: Insertable<DB['personal_data']>[] = rows.map((row) => {
          const plain = decryptValue(ordinary, row.ciphertext, { subjectId, category: row.category, recordId: row.record_id, keyVersion: row.key_version })
          const recordId = uuidv7()
          const sealed = encryptValue(retention, plain, { subjectId, category: row.category, recordId, keyVersion: RETENTION_KEY_VERSION })
          plain.fill(0)
          return { subject_id: subjectId, category: row.category, record_id: recordId, key_kind: 'retention', key_version: RETENTION_KEY_VERSION, ciphertext: sealed, lookup: null, written_purpose: row.written_purpose, updated_at: row.updated_at, audit_seq: auditSeq }
        })
        for (let i = 0; i < fresh.length; i += INSERT_CHUNK) await tx.insertInto('personal_data').values(fresh.slice(i, i + INSERT_CHUNK)).execute()
        keptRecords = fresh.length
      } finally {
        ordinary.fill(0)
        retention.fill(0)
      }
      await tx
        .insertInto('retained_category')
        .values(plan.kept.map((k) => ({ subject_id: subjectId, category: k.category, purpose: k.purpose, reason: k.reason, until: k.until })))
        .onConflict((oc) => oc.columns(['subject_id', 'category', 'purpose']).doUpdateSet({ reason: sql`excluded.reason`, until: sql`excluded.until` }))
        .execute()
      reencryptMs = performance.now() - reencryptStarted
    }
    await tx.updateTable('subject').set({ erased_at: now, external_id: null, source: null, language: null }).where('id', '=', subjectId).execute()
    await tx.insertInto('erasure_tombstone').values({ subject_id: subjectId, erased_at: now, audit_seq: auditSeq }).onConflict((oc) => oc.column('subject_id').doNothing()).execute()
  })
  return { subjectId, alreadyErased, keptRecords, timings: { keyDestroyedMs, reencryptMs, committedMs: performance.now() - started } }
}

/**
 * Deletes the ordinary records of a shredded subject (ciphertext nobody can open), in batches.
 * Does nothing while the subject still has its ordinary key. Returns the number of rows deleted.
 */
export async function purgeShredded(db: Kysely<DB>, subjectId: string): Promise<number> {
  const key = await db.selectFrom('subject_key').select('kind').where('subject_id', '=', subjectId).where('kind', '=', 'ordinary').executeTakeFirst()
  if (key) return 0
  const erased = await db.selectFrom('subject').select('erased_at').where('id', '=', subjectId).executeTakeFirst()
  if (!erased?.erased_at) return 0
  let total = 0
  for (;;) {
    // Each batch holds the subject row's lock, so two purgers (or a purge still running on the
    // server for a killed process) take turns instead of deadlocking on the same rows.
    const n = await db.transaction().execute(async (tx) => {
      await tx.selectFrom('subject').select('id').where('id', '=', subjectId).forUpdate().execute()
      const result = await sql`
        delete from personal_data where subject_id = ${subjectId} and key_kind = 'ordinary' and record_id in (
          select record_id from personal_data where subject_id = ${subjectId} and key_kind = 'ordinary' limit ${PURGE_BATCH})`.execute(tx)
      return Number(result.numAffectedRows ?? 0)
    })
    total += n
    if (n < PURGE_BATCH) return total
  }
}

/** Erased subjects that still have ordinary records (a crash or a restart before the purge). */
export async function shreddedWithLeftovers(db: Kysely<DB>): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    select s.id from subject s
    where s.erased_at is not null
      and not exists (select 1 from subject_key k where k.subject_id = s.id and k.kind = 'ordinary')
      and exists (select 1 from personal_data d where d.subject_id = s.id and d.key_kind = 'ordinary')`.execute(db)
  return rows.rows.map((r) => r.id)
}

export interface ExpiredRetention {
  readonly subjectId: string
  readonly category: string
  readonly purpose: string
  readonly reason: RetentionReason
}

export interface ExpireResult {
  /** Kept categories whose legal duty ended (or whose hold was released) and were removed. */
  readonly expired: readonly ExpiredRetention[]
  /** Records deleted because no retained category requires them any more. */
  readonly recordsDeleted: number
  /** Subjects whose retention key was destroyed because nothing is kept for them any more. */
  readonly keysDestroyed: readonly string[]
}

/**
 * The end of a legal duty (REQ-ER-02/03): removes kept categories whose `until` has passed,
 * deletes the records no kept category still requires, and destroys the retention key of a
 * subject when nothing is left under it. One transaction per subject; idempotent.
 */
export async function expireRetained(db: Kysely<DB>, now: Date): Promise<ExpireResult> {
  const due = await db.selectFrom('retained_category').select('subject_id').distinct().where('until', 'is not', null).where('until', '<=', now).execute()
  const expired: ExpiredRetention[] = []
  const keysDestroyed: string[] = []
  let recordsDeleted = 0
  for (const { subject_id: subjectId } of due) {
    await db.transaction().execute(async (tx) => {
      const gone = await tx.deleteFrom('retained_category').where('subject_id', '=', subjectId).where('until', 'is not', null).where('until', '<=', now).returning(['category', 'purpose', 'reason']).execute()
      for (const g of gone) expired.push({ subjectId, category: g.category, purpose: g.purpose, reason: g.reason })
      const deleted = await sql`
        delete from personal_data d where d.subject_id = ${subjectId} and d.key_kind = 'retention'
          and not exists (select 1 from retained_category r where r.subject_id = d.subject_id and r.category = d.category)`.execute(tx)
      recordsDeleted += Number(deleted.numAffectedRows ?? 0)
      const key = await sql`
        delete from subject_key k where k.subject_id = ${subjectId} and k.kind = 'retention'
          and not exists (select 1 from personal_data d where d.subject_id = k.subject_id and d.key_kind = 'retention')`.execute(tx)
      if (Number(key.numAffectedRows ?? 0) > 0) keysDestroyed.push(subjectId)
    })
  }
  return { expired, recordsDeleted, keysDestroyed }
}

/** The categories kept for an erased subject (no key material, no values). */
export async function retainedOf(db: Kysely<DB>, subjectId: string): Promise<{ category: string; purpose: string; reason: RetentionReason; until: Date | null }[]> {
  const rows = await db.selectFrom('retained_category').select(['category', 'purpose', 'reason', 'until']).where('subject_id', '=', subjectId).orderBy('category').orderBy('purpose').execute()
  return rows.map((r) => ({ category: r.category, purpose: r.purpose, reason: r.reason, until: r.until ? new Date(r.until) : null }))
}
