// The vault's side of the retention sweep: the state of many people at once (set-based, one query
// per batch, never one per person), and carrying out what the sweep decided — deleting values,
// anonymising them into counts, moving what only a legal duty or legal claims still need under the
// person's retention key — in one transaction per batch, each change carrying its audit entry.
import { sql, type Kysely, type Transaction } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../db/schema.ts'
import type { SubjectState } from '../gate/decide.ts'
import type { MasterKeyRing } from './master-key.ts'
import type { ConsentReader } from './vault.ts'
import type { KeptCategory } from './erasure-plan-types.ts'
import { decryptValue, encryptValue, unwrapDataKey } from './envelope.ts'
import { RETENTION_KEY_VERSION, retentionKey } from './erasure.ts'
import { bucketOf, type AnonymiseMethod } from './anonymise.ts'
import { subjectStateOf, type SubjectStateRow } from './subject-state.ts'

export type SweepState = SubjectState & { readonly restrictionGround: string | null }

export interface RetentionBatch {
  readonly states: readonly SweepState[]
  /** Subject id → the categories it has values in under its ordinary key. */
  readonly categories: ReadonlyMap<string, readonly string[]>
  /** The last subject id of the batch (the next batch starts after it); undefined: nothing left. */
  readonly last: string | undefined
}

type BatchRow = SubjectStateRow & { restriction_ground: string | null; categories: string[] | null }

/** The next `limit` living people after `after` (by id), with everything the sweep decides on. */
export async function retentionBatch(db: Kysely<DB>, consent: ConsentReader, after: string | undefined, limit: number): Promise<RetentionBatch> {
  const rows = await sql<BatchRow>`
    with b as (
      select id, type, tenant_id, source, created_at, restricted_at, restriction_ground from subject
      where erased_at is null and id > ${after ?? '00000000-0000-0000-0000-000000000000'}
      order by id limit ${limit}),
    ev as (
      select subject_id, json_agg(json_build_array(event, at)) as events from (
        select e.subject_id, e.event, max(e.occurred_at) as at from subject_event e join b on b.id = e.subject_id group by e.subject_id, e.event) x
      group by subject_id),
    ob as (select o.subject_id, json_object_agg(o.purpose, o.status) as objections from objection o join b on b.id = o.subject_id group by o.subject_id),
    co as (
      select subject_id, json_agg(json_build_array(purpose, granted, statement_version)) as consents from (
        select distinct on (c.subject_id, c.purpose) c.subject_id, c.purpose, c.granted, c.statement_version
        from consent_event c join b on b.id = c.subject_id order by c.subject_id, c.purpose, c.at desc, c.id desc) x
      group by subject_id),
    ca as (
      select subject_id, json_agg(category) as categories from (
        select distinct d.subject_id, d.category from personal_data d join b on b.id = d.subject_id where d.key_kind = 'ordinary') x
      group by subject_id),
    su as (
      select distinct d.subject_id from personal_data d join b on b.id = d.subject_id join suppression s on s.hash = d.lookup where d.category = 'contact.email')
    select b.id, b.type, b.tenant_id, b.source, b.created_at, b.restricted_at, b.restriction_ground,
      ev.events, ob.objections, (su.subject_id is not null) as suppressed, co.consents, ca.categories
    from b left join ev on ev.subject_id = b.id left join ob on ob.subject_id = b.id left join co on co.subject_id = b.id
      left join ca on ca.subject_id = b.id left join su on su.subject_id = b.id
    order by b.id`.execute(db)
  const states: SweepState[] = []
  const categories = new Map<string, string[]>()
  for (const s of rows.rows) {
    states.push({ ...subjectStateOf(s, consent, false), restrictionGround: s.restriction_ground })
    categories.set(s.id, s.categories ?? [])
  }
  return { states, categories, last: rows.rows.at(-1)?.id }
}

/** What the sweep does to one living person's values (an erasure is done by the shredding itself). */
export interface RetentionChange {
  readonly subjectId: string
  /** The audit entry recorded for this change (fail closed). */
  readonly auditSeq: number
  readonly delete: readonly string[]
  readonly anonymise: readonly { readonly category: string; readonly purpose: string; readonly method: AnonymiseMethod }[]
  /** Categories only a legal duty or legal claims still need: moved under the retention key. */
  readonly retain: readonly KeptCategory[]
}

export interface RetentionApplied {
  readonly rowsDeleted: number
  readonly valuesAnonymised: number
  readonly rowsMoved: number
}

/**
 * Carries out the changes of a batch in one transaction: a sweep killed half-way leaves each batch
 * done or not done, so a value is never half anonymised nor counted twice.
 */
export async function applyRetentionChanges(db: Kysely<DB>, ring: MasterKeyRing, changes: readonly RetentionChange[], period: string): Promise<RetentionApplied> {
  if (changes.length === 0) return { rowsDeleted: 0, valuesAnonymised: 0, rowsMoved: 0 }
  return db.transaction().execute((tx) => applyRetentionChangesIn(tx, ring, changes, period))
}

/** The same, in the caller's transaction (an erasure runs it before it destroys the key). */
export async function applyRetentionChangesIn(tx: Transaction<DB>, ring: MasterKeyRing, changes: readonly RetentionChange[], period: string): Promise<RetentionApplied> {
  let rowsDeleted = 0
  let valuesAnonymised = 0
  let rowsMoved = 0
  {
    const counts = new Map<string, { purpose: string; category: string; bucket: string; count: number }>()
    for (const change of changes) {
      // Lock the person: an erasure or another sweep of them waits for this one.
      await tx.selectFrom('subject').select('id').where('id', '=', change.subjectId).forUpdate().execute()
      const needsKey = change.anonymise.length > 0 || change.retain.length > 0
      const ordinary = needsKey ? await ordinaryKey(tx, ring, change.subjectId) : undefined
      try {
        for (const a of change.anonymise) {
          const rows = await tx.selectFrom('personal_data').select(['record_id', 'key_version', 'ciphertext']).where('subject_id', '=', change.subjectId).where('category', '=', a.category).where('key_kind', '=', 'ordinary').execute()
          for (const row of rows) {
            let bucket = ''
            if (ordinary) {
              const plain = decryptValue(ordinary, row.ciphertext, { subjectId: change.subjectId, category: a.category, recordId: row.record_id, keyVersion: row.key_version })
              bucket = bucketOf(a.method, JSON.parse(plain.toString('utf8')) as unknown)
              plain.fill(0)
            }
            const key = `${a.purpose}\u0000${a.category}\u0000${bucket}`
            const c = counts.get(key) ?? { purpose: a.purpose, category: a.category, bucket, count: 0 }
            c.count++
            counts.set(key, c)
            valuesAnonymised++
          }
          const gone = await tx.deleteFrom('personal_data').where('subject_id', '=', change.subjectId).where('category', '=', a.category).where('key_kind', '=', 'ordinary').executeTakeFirst()
          rowsDeleted += Number(gone.numDeletedRows)
        }
        if (change.delete.length) {
          const gone = await tx.deleteFrom('personal_data').where('subject_id', '=', change.subjectId).where('category', 'in', [...change.delete]).where('key_kind', '=', 'ordinary').executeTakeFirst()
          rowsDeleted += Number(gone.numDeletedRows)
        }
        if (change.retain.length && ordinary) rowsMoved += await moveUnderRetentionKey(tx, ring, ordinary, change)
      } finally {
        ordinary?.fill(0)
      }
    }
    for (const c of counts.values()) {
      await tx
        .insertInto('anonymised_count')
        .values({ purpose: c.purpose, category: c.category, period, bucket: c.bucket, count: c.count })
        .onConflict((oc) => oc.columns(['purpose', 'category', 'period', 'bucket']).doUpdateSet({ count: sql`anonymised_count.count + excluded.count` }))
        .execute()
    }
  }
  return { rowsDeleted, valuesAnonymised, rowsMoved }
}

async function ordinaryKey(tx: Transaction<DB>, ring: MasterKeyRing, subjectId: string): Promise<Buffer | undefined> {
  const row = await tx.selectFrom('subject_key').select('wrapped').where('subject_id', '=', subjectId).where('kind', '=', 'ordinary').executeTakeFirst()
  return row ? unwrapDataKey(ring, row.wrapped, { subjectId, keyKind: 'ordinary' }) : undefined
}

/** Re-encrypts the categories under the retention key (fresh record ids, no lookup) and records why and until when. */
async function moveUnderRetentionKey(tx: Transaction<DB>, ring: MasterKeyRing, ordinary: Buffer, change: RetentionChange): Promise<number> {
  const categories = [...new Set(change.retain.map((k) => k.category))]
  const rows = await tx
    .selectFrom('personal_data')
    .select(['category', 'record_id', 'key_version', 'ciphertext', 'written_purpose', 'updated_at'])
    .where('subject_id', '=', change.subjectId)
    .where('key_kind', '=', 'ordinary')
    .where('category', 'in', categories)
    .execute()
  if (rows.length === 0) return 0
  const retention = (await retentionKey(tx, ring, change.subjectId, true))!
  try {
    const fresh = rows.map((row) => {
      const plain = decryptValue(ordinary, row.ciphertext, { subjectId: change.subjectId, category: row.category, recordId: row.record_id, keyVersion: row.key_version })
      const recordId = uuidv7()
      const sealed = encryptValue(retention, plain, { subjectId: change.subjectId, category: row.category, recordId, keyVersion: RETENTION_KEY_VERSION })
      plain.fill(0)
      return { subject_id: change.subjectId, category: row.category, record_id: recordId, key_kind: 'retention' as const, key_version: RETENTION_KEY_VERSION, ciphertext: sealed, lookup: null, written_purpose: row.written_purpose, updated_at: row.updated_at, audit_seq: change.auditSeq }
    })
    for (let i = 0; i < fresh.length; i += 1000) await tx.insertInto('personal_data').values(fresh.slice(i, i + 1000)).execute()
    await tx.deleteFrom('personal_data').where('subject_id', '=', change.subjectId).where('key_kind', '=', 'ordinary').where('category', 'in', categories).execute()
    await tx
      .insertInto('retained_category')
      .values(change.retain.map((k) => ({ subject_id: change.subjectId, category: k.category, purpose: k.purpose, reason: k.reason, until: k.until })))
      .onConflict((oc) => oc.columns(['subject_id', 'category', 'purpose']).doUpdateSet({ reason: sql`excluded.reason`, until: sql`excluded.until` }))
      .execute()
    return fresh.length
  } finally {
    retention.fill(0)
  }
}

/** What anonymisation kept, only the counts of at least `minimum` (a smaller group could single someone out). */
export async function anonymisedCounts(db: Kysely<DB>, minimum: number): Promise<{ purpose: string; category: string; period: string; bucket: string; count: number }[]> {
  return db.selectFrom('anonymised_count').select(['purpose', 'category', 'period', 'bucket', 'count']).where('count', '>=', minimum).orderBy('purpose').orderBy('category').orderBy('period').orderBy('bucket').execute()
}
