// The vault: subjects and their personal data, every value encrypted under the subject's data key.
// It is the only module that sees plaintext, and it hands plaintext out only against a grant from
// the gate. It never decides whether a use is allowed; the gate does.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../db/schema.ts'
import type { Policy } from '../policy/policy.ts'
import type { Language } from '../policy/schema.ts'
import type { SubjectState } from '../gate/decide.ts'
import { assertGrant, type Grant } from './grant.ts'
import { MasterKey, type MasterKeyRing } from './master-key.ts'
import { decryptString, encryptValue, generateDataKey, unwrapDataKey, wrapDataKey, type DataKeyKind } from './envelope.ts'
import { BlindIndexer, NormalisationError, type BlindIndexKind } from './blind-index.ts'
import { RETENTION_KEY_VERSION, endHeld, erasureCategories, expireRetained, holdKept, purgeShredded, retainedOf, retentionKey, shred, shreddedWithLeftovers, type ExpireResult, type ShredResult } from './erasure.ts'
import type { TombstoneFile } from './tombstones.ts'
import { isUuid } from '../util/ids.ts'
import type { ErasurePlan, RetentionReason } from './erasure-plan-types.ts'
import { MIN_GROUP } from './anonymise.ts'
import { subjectStateOf, type SubjectStateRow } from './subject-state.ts'
import { anonymisedCounts, applyRetentionChanges, applyRetentionChangesIn, retentionBatch, type RetentionApplied, type RetentionBatch, type RetentionChange } from './retention-store.ts'

export type PersonalValue = string | number | boolean | { readonly [key: string]: unknown } | readonly unknown[]
export type PersonalData = Readonly<Record<string, PersonalValue>>

export class VaultInputError extends Error {
  readonly code: string
  readonly details: unknown
  constructor(code: string, message: string, details?: unknown) {
    super(message)
    this.name = 'VaultInputError'
    this.code = code
    this.details = details
  }
}

const ORDINARY_KEY_VERSION = 1

type PersonalDataRow = Insertable<DB['personal_data']>
const MAX_VALUE_BYTES = 64 * 1024

/** The latest consent event per purpose, as read together with the subject's state. */
export interface LatestConsent {
  readonly purpose: string
  readonly granted: boolean
  readonly statementVersion: number
}

/**
 * Turns the latest consent events into what counts now (the consent room decides, e.g. after a
 * material change). The rows come in the same query as the rest of the state: one round trip.
 */
export interface ConsentReader {
  consents(latest: readonly LatestConsent[]): ReadonlyMap<string, boolean>
}
export const NO_CONSENT: ConsentReader = { consents: () => new Map() }

export interface NewSubject {
  readonly id: string
  readonly type: string
  readonly tenantId: string | null
  readonly externalId: string | null
  readonly source: string | null
  readonly createdBy: string
  readonly data: PersonalData
  /** Lifecycle events recorded with the subject (e.g. application_received for a registration). */
  readonly events: readonly string[]
  /** The language to write to the person in, when the channel that collected the data said. */
  readonly language?: Language | null | undefined
}

/** A change of the language a person is written to in (Vault.setLanguages), with its audit entry. */
export interface LanguageChange {
  readonly subjectId: string
  readonly language: Language
  readonly auditSeq: number
  /** Only when none is stored: a channel that is not the person's own choice (import, API) never replaces one. */
  readonly onlyIfNone: boolean
}

/** A subject encrypted and ready to insert (Vault.prepareMany), nothing written yet. */
export interface PreparedSubject {
  readonly subject: Insertable<DB['subject']>
  readonly key: Insertable<DB['subject_key']>
  readonly data: readonly PersonalDataRow[]
  readonly events: readonly Insertable<DB['subject_event']>[]
}

export interface PreparedSubjects {
  readonly prepared: readonly PreparedSubject[]
  /** External id → the subject already registered under it. */
  readonly existing: ReadonlyMap<string, string>
  /** Subject id → why its values cannot be stored. */
  readonly rejected: ReadonlyMap<string, VaultInputError>
  /** Ids of the existing subjects (in `existing`) that have no language stored. */
  readonly withoutLanguage: ReadonlySet<string>
}

/** What a sealed text is for (Vault.seal): each use has its own key. */
export type SealedUse = 'request' | 'notification-contact' | 'webhook-secret' | 'staff-totp'

export interface SubjectFacts {
  readonly id: string
  readonly type: string
  readonly tenantId: string | null
  readonly source: string | null
  readonly createdAt: Date
  readonly restricted: boolean
  readonly events: { event: string; at: Date }[]
  readonly objections: { purpose: string; status: 'pending' | 'upheld' | 'rejected' }[]
  readonly disclosures: { recipientId: string; purpose: string; categories: string[]; at: Date }[]
  /** Categories the subject has records in (ids only). */
  readonly categories: string[]
}

/** One stored value with what is known about it (no key material). */
export interface VaultRecord {
  readonly category: string
  readonly recordId: string
  readonly value: PersonalValue
  readonly writtenAt: Date
  readonly writtenPurpose: string
  readonly keyKind: DataKeyKind
}

/** One stored value as it comes from the database: still encrypted. */
interface SealedRow {
  readonly category: string
  readonly record_id: string
  readonly key_kind: string
  readonly key_version: number
  readonly ciphertext: Uint8Array
  readonly written_purpose: string
  readonly updated_at: Date | string
}

/** Ciphertext and wrapped keys fetched with a subject's state (Vault.stateAndSealed): opened only by the vault, against a grant. */
export class Sealed {
  readonly subjectId: string
  /** The categories whose rows were all fetched. */
  readonly categories: ReadonlySet<string>
  readonly keys: ReadonlyMap<string, Uint8Array>
  readonly rows: readonly SealedRow[]
  constructor(subjectId: string, categories: readonly string[], keys: ReadonlyMap<string, Uint8Array>, rows: readonly SealedRow[]) {
    this.subjectId = subjectId
    this.categories = new Set(categories)
    this.keys = keys
    this.rows = rows
  }
}

export class Vault {
  readonly #db: Kysely<DB>
  readonly #ring: () => MasterKeyRing
  readonly #policy: () => Policy
  readonly #indexer: BlindIndexer
  readonly #consent: ConsentReader
  readonly #pendingRoot: MasterKey

  constructor(options: { db: Kysely<DB>; ring: () => MasterKeyRing; policy: () => Policy; indexRoot: MasterKey; consent?: ConsentReader }) {
    this.#db = options.db
    this.#ring = options.ring
    this.#policy = options.policy
    this.#indexer = new BlindIndexer(options.indexRoot)
    this.#pendingRoot = options.indexRoot
    this.#consent = options.consent ?? NO_CONSENT
  }

  /** The subject's state as the gate needs it: identifiers and facts, no personal data. */
  async state(subjectId: string): Promise<SubjectState | undefined> {
    return (await this.stateAndSealed(subjectId, undefined))?.state
  }

  /**
   * The state, and (when `prefetch` is given) in the same round trip the subject's wrapped keys and
   * the ciphertext of those categories: a gated read needs one query, not three. Nothing is opened
   * here; `openSealed` decrypts only against the gate's grant. No ciphertext is fetched for an erased
   * subject or another tenant's, so a refusal costs what a missing subject costs (no timing oracle).
   */
  async stateAndSealed(subjectId: string, prefetch: { readonly categories: readonly string[]; readonly tenantId: string | null } | undefined): Promise<{ state: SubjectState; sealed: Sealed } | undefined> {
    if (!isUuid(subjectId)) return undefined
    const wanted = prefetch?.categories.length ? prefetch : undefined
    // One statement with a plan kept per connection (migration 0030, pledge_subject_state).
    const row = await sql<SubjectStateRow & {
      erased_at: Date | null
      language: Language | null
      retained: [string, string, string | null][] | null
      keys: [string, string][] | null
      sealed: [string, string, string, number, string, string, string][] | null
    }>`select * from pledge_subject_state(${subjectId}::uuid, ${wanted ? [...wanted.categories] : null}::text[], ${wanted?.tenantId ?? null}::text)`.execute(this.#db)
    const s = row.rows[0]
    if (!s) return undefined
    const state: SubjectState = {
      ...subjectStateOf(s, this.#consent, s.erased_at !== null),
      retained: retainedByPurpose(s.retained),
      language: s.language,
    }
    const fetched = wanted && s.erased_at === null && s.tenant_id === wanted.tenantId
    const sealed = new Sealed(subjectId, fetched ? wanted.categories : [], new Map((s.keys ?? []).map(([kind, w]) => [kind, Buffer.from(w, 'base64')])), (s.sealed ?? []).map(([category, recordId, keyKind, keyVersion, ciphertext, writtenPurpose, updatedAt]) => ({ category, record_id: recordId, key_kind: keyKind, key_version: keyVersion, ciphertext: Buffer.from(ciphertext, 'base64'), written_purpose: writtenPurpose, updated_at: updatedAt })))
    return { state, sealed }
  }

  /** The keyed hash the suppression list and lookups use for an address (controller scope). */
  addressHash(kind: BlindIndexKind, value: string, tenantId: string | null = null): string {
    try {
      return this.#indexer.index(tenantId, kind, value)
    } catch (err) {
      if (err instanceof NormalisationError) throw new VaultInputError('invalid_value', kind === 'email' ? 'give an e-mail address such as name@example.com' : 'give a phone number such as +32 470 12 34 56')
      throw err
    }
  }

  /** The subject's own e-mail hash, for the suppression list and the outbox (no plaintext). */
  async emailHashOf(subjectId: string): Promise<string | undefined> {
    const row = await this.#db.selectFrom('personal_data').select('lookup').where('subject_id', '=', subjectId).where('category', '=', 'contact.email').executeTakeFirst()
    return row?.lookup ?? undefined
  }

  /**
   * An address waiting for a double opt-in is not yet anyone's personal data in the vault; it is
   * sealed under a key of its own (bound to the pending id) until confirmed or expired.
   */
  sealPending(pendingId: string, email: string): Buffer {
    return encryptValue(this.#pendingKey(), email, { subjectId: pendingId, category: 'pending.email', recordId: pendingId, keyVersion: 1 })
  }

  openPending(pendingId: string, sealed: Uint8Array): string {
    return decryptString(this.#pendingKey(), sealed, { subjectId: pendingId, category: 'pending.email', recordId: pendingId, keyVersion: 1 })
  }

  /**
   * Seals a short text that belongs to no subject yet — a requester's address and words, a
   * customer's notification mailbox, a webhook signing secret — under a key derived for that use,
   * bound to its use and id (so a sealed value cannot be moved to another row or use).
   */
  seal(use: SealedUse, id: string, text: string): Buffer {
    return encryptValue(this.#sealKey(use), text, { subjectId: id, category: `sealed.${use}`, recordId: id, keyVersion: 1 })
  }

  open(use: SealedUse, id: string, sealed: Uint8Array): string {
    return decryptString(this.#sealKey(use), sealed, { subjectId: id, category: `sealed.${use}`, recordId: id, keyVersion: 1 })
  }

  #sealKey(use: SealedUse): Buffer {
    return this.#pendingRoot.derive(`sealed:${use}`)
  }

  /** A MAC for links that act for one subject (unsubscribe): stable across master key rotation. */
  linkMac(purpose: string, subjectId: string): Buffer {
    return createHmac('sha256', this.#pendingRoot.derive('link-mac')).update(`${purpose}|${subjectId}`).digest().subarray(0, 18)
  }

  /** Objections to these purposes upheld since `since` (ids only): the opt-out safety round. */
  async upheldObjectionsSince(purposes: readonly string[], since: Date): Promise<{ subjectId: string; purpose: string }[]> {
    if (purposes.length === 0) return []
    const rows = await this.#db
      .selectFrom('objection')
      .select(['subject_id', 'purpose'])
      .where('status', '=', 'upheld')
      .where('purpose', 'in', purposes)
      .where((eb) => eb.or([eb('decided_at', '>=', since), eb.and([eb('decided_at', 'is', null), eb('recorded_at', '>=', since)])]))
      .execute()
    return rows.map((r) => ({ subjectId: r.subject_id, purpose: r.purpose }))
  }

  async setObjection(subjectId: string, purpose: string, status: 'pending' | 'upheld' | 'rejected'): Promise<void> {
    await this.#db
      .insertInto('objection')
      .values({ subject_id: subjectId, purpose, status, ...(status === 'pending' ? {} : { decided_at: new Date() }) })
      .onConflict((oc) => oc.columns(['subject_id', 'purpose']).doUpdateSet({ status, decided_at: status === 'pending' ? null : new Date() }))
      .execute()
  }

  async suppress(hash: string, reason: string): Promise<void> {
    await this.#db.insertInto('suppression').values({ hash, reason }).onConflict((oc) => oc.column('hash').doNothing()).execute()
  }

  async unsuppress(hash: string): Promise<void> {
    await this.#db.deleteFrom('suppression').where('hash', '=', hash).execute()
  }

  async isSuppressed(hash: string): Promise<boolean> {
    return (await this.#db.selectFrom('suppression').select('hash').where('hash', '=', hash).executeTakeFirst()) !== undefined
  }

  #pendingKey(): Buffer {
    return this.#pendingRoot.derive('pending-subscription')
  }

  /** The subject id already registered under this external id in this tenant, if any. */
  async findByExternalId(tenantId: string | null, externalId: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('subject')
      .select('id')
      .where(sql<string>`coalesce(tenant_id, '')`, '=', tenantId ?? '')
      .where('external_id', '=', this.#indexer.externalKey(tenantId, externalId))
      .executeTakeFirst()
    return row?.id
  }

  /**
   * Rows written before external ids were kept as keyed hashes hold them in the clear: hashed once,
   * at start (idempotent: a hashed id starts with `x1:`).
   */
  async hashClearExternalIds(): Promise<number> {
    const rows = await this.#db.selectFrom('subject').select(['id', 'tenant_id', 'external_id']).where('external_id', 'is not', null).where('external_id', 'not like', 'x1:%').execute()
    for (const r of rows) await this.#db.updateTable('subject').set({ external_id: this.#indexer.externalKey(r.tenant_id, r.external_id!) }).where('id', '=', r.id).execute()
    return rows.length
  }

  /**
   * Creates a subject with its data key and first values, each row carrying the sequence number of
   * the audit entry already recorded for it. Returns false when the external id raced.
   */
  async create(grant: Grant, subject: NewSubject, purpose: string, auditSeq: number): Promise<boolean> {
    assertGrant(grant)
    if (grant.subjectId !== subject.id) throw new Error('grant for another subject')
    this.#checkCategories(grant, subject.data)
    const ring = this.#ring()
    const dek = generateDataKey()
    const rows = this.#encryptAll(subject.id, subject.tenantId, dek, subject.data, purpose)
    const wrapped = wrapDataKey(ring.current, dek, { subjectId: subject.id, keyKind: 'ordinary' })
    const externalKey = subject.externalId === null ? null : this.#indexer.externalKey(subject.tenantId, subject.externalId)
    const at = new Date().toISOString()
    try {
      // One statement (atomic on its own): the person, their key, their values and events. Four
      // inserts in a transaction were six round trips.
      await sql`with s as (
          insert into subject (id, type, tenant_id, external_id, source, language, created_by, audit_seq)
          values (${subject.id}::uuid, ${subject.type}, ${subject.tenantId}, ${externalKey}, ${subject.source}, ${subject.language ?? null}, ${subject.createdBy}, ${auditSeq})),
        k as (
          insert into subject_key (subject_id, kind, key_version, master_version, wrapped)
          values (${subject.id}::uuid, 'ordinary', ${ORDINARY_KEY_VERSION}, ${ring.current.version}, decode(${wrapped.toString('hex')}, 'hex'))),
        d as (
          insert into personal_data (subject_id, category, record_id, key_kind, key_version, ciphertext, lookup, written_purpose, audit_seq)
          select ${subject.id}::uuid, c, r, 'ordinary', ${ORDINARY_KEY_VERSION}, decode(x, 'hex'), l, ${purpose}, ${auditSeq}
          from unnest(${rows.map((r) => r.category)}::text[], ${rows.map((r) => r.record_id)}::uuid[], ${rows.map((r) => Buffer.from(r.ciphertext).toString('hex'))}::text[], ${rows.map((r) => r.lookup ?? null)}::text[]) as t(c, r, x, l)),
        e as (
          insert into subject_event (subject_id, id, event, occurred_at, actor_id, audit_seq)
          select ${subject.id}::uuid, i, ev, ${at}::timestamptz, ${subject.createdBy}, ${auditSeq}
          from unnest(${subject.events.map(() => uuidv7())}::uuid[], ${[...subject.events]}::text[]) as t(i, ev))
        select 1`.execute(this.#db)
    } catch (err) {
      if (subject.externalId && /duplicate key|unique/i.test((err as Error).message)) return false
      throw err
    }
    return true
  }

  /**
   * Prepares many subjects for one transaction (bulk import), writing nothing: rows whose external
   * id already exists are reported (a resumed import never duplicates anyone), values that cannot be
   * stored are refused per row, the rest are encrypted. The gate audits the outcome first, then
   * inserts what is prepared with the entries' sequence numbers (insertPrepared).
   */
  async prepareMany(items: readonly { grant: Grant; subject: NewSubject }[], purpose: string): Promise<PreparedSubjects> {
    const rejected = new Map<string, VaultInputError>()
    const ring = this.#ring()
    const existing = new Map<string, string>()
    const withoutLanguage = new Set<string>()
    const tenantIds = new Set(items.map((i) => i.subject.tenantId ?? ''))
    const externalIds = items.map((i) => i.subject.externalId).filter((x): x is string => x !== null)
    if (externalIds.length && tenantIds.size === 1) {
      const tenant = [...tenantIds][0]!
      const tenantId = tenant === '' ? null : tenant
      const byKey = new Map(externalIds.map((x) => [this.#indexer.externalKey(tenantId, x), x]))
      const rows = await this.#db
        .selectFrom('subject')
        .select(['id', 'external_id', 'language'])
        .where(sql<string>`coalesce(tenant_id, '')`, '=', tenant)
        .where('external_id', 'in', [...byKey.keys()])
        .execute()
      for (const r of rows) {
        existing.set(byKey.get(r.external_id!)!, r.id)
        if (r.language === null) withoutLanguage.add(r.id)
      }
    }
    const fresh = items.filter((i) => !(i.subject.externalId && existing.has(i.subject.externalId)))
    const prepared: PreparedSubject[] = []
    const seen = new Set<string>()
    const occurredAt = new Date()
    for (const { grant, subject } of fresh) {
      assertGrant(grant)
      if (grant.subjectId !== subject.id) throw new Error('grant for another subject')
      if (subject.externalId) {
        if (seen.has(subject.externalId)) continue // the same id twice in one batch: the first wins
        seen.add(subject.externalId)
      }
      this.#checkCategories(grant, subject.data)
      const dek = generateDataKey()
      let rows: PersonalDataRow[]
      try {
        rows = this.#encryptAll(subject.id, subject.tenantId, dek, subject.data, purpose)
      } catch (err) {
        if (!(err instanceof VaultInputError)) throw err
        rejected.set(subject.id, err)
        if (subject.externalId) seen.delete(subject.externalId)
        continue
      }
      prepared.push({
        subject: { id: subject.id, type: subject.type, tenant_id: subject.tenantId, external_id: subject.externalId === null ? null : this.#indexer.externalKey(subject.tenantId, subject.externalId), source: subject.source, language: subject.language ?? null, created_by: subject.createdBy },
        key: { subject_id: subject.id, kind: 'ordinary', key_version: ORDINARY_KEY_VERSION, master_version: ring.current.version, wrapped: wrapDataKey(ring.current, dek, { subjectId: subject.id, keyKind: 'ordinary' }) },
        data: rows,
        events: subject.events.map((event) => ({ subject_id: subject.id, id: uuidv7(), event, occurred_at: occurredAt, actor_id: subject.createdBy })),
      })
    }
    return { prepared, existing, rejected, withoutLanguage }
  }

  /** Inserts prepared subjects in one transaction, each carrying its audit entry's sequence number. */
  async insertPrepared(prepared: readonly PreparedSubject[], auditSeqs: ReadonlyMap<string, number>): Promise<string[]> {
    if (prepared.length === 0) return []
    const seqOf = (id: string): number => {
      const seq = auditSeqs.get(id)
      if (seq === undefined) throw new Error('a subject without its audit entry is never written')
      return seq
    }
    const subjects = prepared.map((p) => ({ ...p.subject, audit_seq: seqOf(p.subject.id) }))
    const data = prepared.flatMap((p) => p.data.map((d) => ({ ...d, audit_seq: seqOf(p.subject.id) })))
    const events = prepared.flatMap((p) => p.events.map((e) => ({ ...e, audit_seq: seqOf(p.subject.id) })))
    const keys = prepared.map((p) => p.key)
    const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex')
    // One statement per table whatever the batch size: each column is one array parameter
    // (unnest), not one parameter per value, so the statement is parsed and planned once.
    await this.#db.transaction().execute(async (tx) => {
      for (const part of chunks(subjects, 10_000)) {
        await sql`insert into subject (id, type, tenant_id, external_id, source, language, created_by, audit_seq)
          select * from unnest(${part.map((x) => x.id)}::uuid[], ${part.map((x) => x.type)}::text[], ${part.map((x) => x.tenant_id ?? null)}::text[],
            ${part.map((x) => x.external_id ?? null)}::text[], ${part.map((x) => x.source ?? null)}::text[], ${part.map((x) => x.language ?? null)}::text[],
            ${part.map((x) => x.created_by)}::text[], ${part.map((x) => String(x.audit_seq))}::bigint[])`.execute(tx)
      }
      for (const part of chunks(keys, 10_000)) {
        await sql`insert into subject_key (subject_id, kind, key_version, master_version, wrapped)
          select s, k, v, m, decode(w, 'hex') from unnest(${part.map((x) => x.subject_id)}::uuid[], ${part.map((x) => x.kind)}::text[], ${part.map((x) => x.key_version)}::int[],
            ${part.map((x) => x.master_version)}::int[], ${part.map((x) => hex(x.wrapped))}::text[]) as t(s, k, v, m, w)`.execute(tx)
      }
      for (const part of chunks(data, 10_000)) {
        await sql`insert into personal_data (subject_id, category, record_id, key_kind, key_version, ciphertext, lookup, written_purpose, audit_seq)
          select s, c, r, k, v, decode(x, 'hex'), l, w, a from unnest(${part.map((d) => d.subject_id)}::uuid[], ${part.map((d) => d.category)}::text[], ${part.map((d) => d.record_id)}::uuid[],
            ${part.map((d) => d.key_kind ?? 'ordinary')}::text[], ${part.map((d) => d.key_version)}::int[], ${part.map((d) => hex(d.ciphertext))}::text[],
            ${part.map((d) => d.lookup ?? null)}::text[], ${part.map((d) => d.written_purpose)}::text[], ${part.map((d) => String(d.audit_seq))}::bigint[]) as t(s, c, r, k, v, x, l, w, a)`.execute(tx)
      }
      for (const part of chunks(events, 10_000)) {
        await sql`insert into subject_event (subject_id, id, event, occurred_at, actor_id, audit_seq)
          select * from unnest(${part.map((e) => e.subject_id)}::uuid[], ${part.map((e) => e.id)}::uuid[], ${part.map((e) => e.event)}::text[],
            ${part.map((e) => new Date(e.occurred_at).toISOString())}::timestamptz[], ${part.map((e) => e.actor_id)}::text[], ${part.map((e) => String(e.audit_seq))}::bigint[])`.execute(tx)
      }
    })
    return subjects.map((x) => x.id)
  }

  /**
   * Decrypts the granted categories the subject has values for. A category declared with many
   * records reads as the list of its values, oldest first.
   */
  async read(grant: Grant): Promise<Record<string, PersonalValue>> {
    return this.#asValues(await this.records(grant))
  }

  /**
   * The same as read(grant), from what stateAndSealed fetched with the state; when the grant names
   * a category that was not fetched (an erased subject's kept data, say), it reads them now.
   */
  async openSealed(grant: Grant, sealed: Sealed): Promise<Record<string, PersonalValue>> {
    assertGrant(grant)
    if (sealed.subjectId !== grant.subjectId || !grant.categories.every((c) => sealed.categories.has(c))) return this.read(grant)
    const granted = new Set(grant.categories)
    return this.#asValues(this.#open(grant, sealed.keys, sealed.rows.filter((r) => granted.has(r.category))))
  }

  #asValues(records: readonly VaultRecord[]): Record<string, PersonalValue> {
    const policy = this.#policy()
    const out: Record<string, PersonalValue> = {}
    const lists = new Map<string, PersonalValue[]>()
    for (const record of records) {
      if (policy.category(record.category)?.records === 'many') {
        const list = lists.get(record.category) ?? []
        list.push(record.value)
        lists.set(record.category, list)
      } else out[record.category] = record.value
    }
    for (const [category, list] of lists) out[category] = list
    return out
  }

  /** Every record of the granted categories, decrypted, with when and under which purpose it was written. */
  async records(grant: Grant): Promise<VaultRecord[]> {
    assertGrant(grant)
    if (grant.categories.length === 0) return []
    // The keys and the rows in two queries side by side: joining would repeat the wrapped key on
    // every row, which costs more than a round trip for a person with thousands of records.
    const [keyRows, rows] = await Promise.all([
      this.#db.selectFrom('subject_key').select(['kind', 'wrapped']).where('subject_id', '=', grant.subjectId).execute(),
      this.#db
        .selectFrom('personal_data')
        .select(['category', 'record_id', 'key_kind', 'key_version', 'ciphertext', 'written_purpose', 'updated_at'])
        .where('subject_id', '=', grant.subjectId)
        .where('category', 'in', grant.categories)
        .orderBy('category')
        .orderBy('record_id')
        .execute(),
    ])
    return this.#open(grant, new Map(keyRows.map((k) => [k.kind, k.wrapped])), rows)
  }

  #open(grant: Grant, wrapped: ReadonlyMap<string, Uint8Array>, rows: readonly SealedRow[]): VaultRecord[] {
    const ring = this.#ring()
    const keys = new Map<string, Buffer>()
    const out: VaultRecord[] = []
    for (const row of rows) {
      let dek = keys.get(row.key_kind)
      if (!dek) {
        const w = wrapped.get(row.key_kind)
        if (!w) continue // its key was destroyed (erased, not yet purged): unreadable by design
        dek = unwrapDataKey(ring, w, { subjectId: grant.subjectId, keyKind: row.key_kind as DataKeyKind })
        keys.set(row.key_kind, dek)
      }
      const text = decryptString(dek, row.ciphertext, { subjectId: grant.subjectId, category: row.category, recordId: row.record_id, keyVersion: row.key_version })
      out.push({ category: row.category, recordId: row.record_id, value: JSON.parse(text) as PersonalValue, writtenAt: new Date(row.updated_at), writtenPurpose: row.written_purpose, keyKind: row.key_kind as DataKeyKind })
    }
    return out
  }

  /**
   * Whether a value someone gave matches one held in the granted category (the known-data question):
   * compared on a digest of the normalised value, in constant time, and only yes or no comes out.
   */
  async matches(grant: Grant, category: string, given: PersonalValue): Promise<boolean> {
    assertGrant(grant)
    if (!grant.categories.includes(category)) throw new VaultInputError('categories_not_in_purpose', `not granted: ${category}`, [category])
    const want = comparable(given)
    let found = false
    for (const record of await this.records(grant)) {
      if (record.category !== category) continue
      // No early exit: every record is compared, so the time says nothing about which one matched.
      if (timingSafeEqual(comparable(record.value), want)) found = true
    }
    return found
  }

  /**
   * Writes values of granted categories; each write gets a new record id. A value of a category
   * with one record per person replaces it; a category with many records gets one more.
   */
  async write(grant: Grant, data: PersonalData, purpose: string, auditSeq: number): Promise<string[]> {
    assertGrant(grant)
    this.#checkCategories(grant, data)
    const key = await this.#db.selectFrom('subject_key').select(['wrapped']).where('subject_id', '=', grant.subjectId).where('kind', '=', 'ordinary').executeTakeFirst()
    if (!key) throw new VaultInputError('subject_erased', 'this person\'s data key has been destroyed: nothing can be written')
    const dek = unwrapDataKey(this.#ring(), key.wrapped, { subjectId: grant.subjectId, keyKind: 'ordinary' })
    const rows = this.#encryptAll(grant.subjectId, grant.tenantId, dek, data, purpose).map((r) => ({ ...r, audit_seq: auditSeq }))
    await this.#db.transaction().execute(async (tx) => this.#upsert(tx, rows))
    return rows.map((r) => r.category)
  }

  /** Subjects of one tenant (or of the controller) whose e-mail or phone has this blind index. */
  async lookup(tenantId: string | null, kind: BlindIndexKind, value: string): Promise<string[]> {
    let index: string
    try {
      index = this.#indexer.index(tenantId, kind, value)
    } catch (err) {
      if (err instanceof NormalisationError) throw new VaultInputError('invalid_lookup_value', `the ${kind} is not valid: ${kind === 'email' ? 'give an address such as name@example.com' : 'give a number such as +32 470 12 34 56'}`)
      throw err
    }
    const rows = await this.#db
      .selectFrom('personal_data as d')
      .innerJoin('subject as s', 's.id', 'd.subject_id')
      .select('d.subject_id')
      .where('d.lookup', '=', index)
      .where(sql<string>`coalesce(s.tenant_id, '')`, '=', tenantId ?? '')
      .where('s.erased_at', 'is', null)
      .orderBy('d.subject_id')
      .limit(100)
      .execute()
    return [...new Set(rows.map((r) => r.subject_id))]
  }

  async recordEvent(subjectId: string, event: string, occurredAt: Date, actorId: string, auditSeq: number): Promise<string> {
    const id = uuidv7()
    await this.#db.insertInto('subject_event').values({ subject_id: subjectId, id, event, occurred_at: occurredAt, actor_id: actorId, audit_seq: auditSeq }).execute()
    return id
  }

  async recordDisclosure(subjectId: string, recipientId: string, purpose: string, categories: readonly string[], actorId: string, auditSeq: number): Promise<void> {
    await this.#db.insertInto('disclosure').values({ subject_id: subjectId, id: uuidv7(), recipient_id: recipientId, purpose, categories: JSON.stringify(categories), actor_id: actorId, audit_seq: auditSeq }).execute()
  }

  /** What is known around a subject's data, without any value: for request handling (dossier). */
  async facts(subjectId: string): Promise<SubjectFacts | undefined> {
    const subject = await this.#db.selectFrom('subject').select(['id', 'type', 'tenant_id', 'source', 'created_at', 'restricted_at']).where('id', '=', subjectId).executeTakeFirst()
    if (!subject) return undefined
    const [events, objections, disclosures, categories] = await Promise.all([
      this.#db.selectFrom('subject_event').select(['event', 'occurred_at']).where('subject_id', '=', subjectId).orderBy('occurred_at').execute(),
      this.#db.selectFrom('objection').select(['purpose', 'status']).where('subject_id', '=', subjectId).orderBy('purpose').execute(),
      this.#db.selectFrom('disclosure').select(['recipient_id', 'purpose', 'categories', 'disclosed_at']).where('subject_id', '=', subjectId).orderBy('disclosed_at').execute(),
      this.#db.selectFrom('personal_data').select('category').distinct().where('subject_id', '=', subjectId).execute(),
    ])
    return {
      id: subject.id,
      type: subject.type,
      tenantId: subject.tenant_id,
      source: subject.source,
      createdAt: new Date(subject.created_at),
      restricted: subject.restricted_at !== null,
      events: events.map((e) => ({ event: e.event, at: new Date(e.occurred_at) })),
      objections: objections.map((o) => ({ purpose: o.purpose, status: o.status })),
      disclosures: disclosures.map((d) => ({ recipientId: d.recipient_id, purpose: d.purpose, categories: typeof d.categories === 'string' ? (JSON.parse(d.categories) as string[]) : d.categories, at: new Date(d.disclosed_at) })),
      categories: categories.map((c) => c.category),
    }
  }

  /**
   * The controller's living people of these types registered with a source (Art. 14 candidates),
   * by id after `after`: ids only, the rooms that tell them keep their own records of it.
   */
  async sourcedSubjects(options: { types: readonly string[]; after?: string | undefined; limit: number; subjectId?: string | undefined }): Promise<string[]> {
    if (options.types.length === 0) return []
    let q = this.#db
      .selectFrom('subject')
      .select('id')
      .where('source', 'is not', null)
      .where('erased_at', 'is', null)
      .where('tenant_id', 'is', null)
      .where('type', 'in', [...options.types])
      .orderBy('id')
      .limit(options.limit)
    if (options.after) q = q.where('id', '>', options.after)
    if (options.subjectId) q = q.where('id', '=', options.subjectId)
    return (await q.execute()).map((r) => r.id)
  }

  /**
   * The controller's living people of these types, by id after `after` (campaign and audience
   * candidates): ids only; the gate decides each one before any address is opened.
   */
  async livingSubjects(options: { types: readonly string[]; after?: string | undefined; limit: number }): Promise<string[]> {
    if (options.types.length === 0) return []
    let q = this.#db.selectFrom('subject').select('id').where('erased_at', 'is', null).where('tenant_id', 'is', null).where('type', 'in', [...options.types]).orderBy('id').limit(options.limit)
    if (options.after) q = q.where('id', '>', options.after)
    return (await q.execute()).map((r) => r.id)
  }

  /** Art. 18: marks the subject restricted (with its ground) or lifts it. */
  async setRestriction(subjectId: string, ground: string | null): Promise<void> {
    await this.#db
      .updateTable('subject')
      .set(ground === null ? { restricted_at: null, restriction_ground: null } : { restricted_at: new Date(), restriction_ground: ground })
      .where('id', '=', subjectId)
      .execute()
  }

  /**
   * Sets the language each person is written to in, in one transaction, each row carrying the
   * sequence number of the entry its change was recorded under. An erased person keeps none; a
   * change `onlyIfNone` leaves a stored language alone. Returns the ids whose language was set.
   */
  async setLanguages(changes: readonly LanguageChange[]): Promise<string[]> {
    if (changes.length === 0) return []
    return this.#db.transaction().execute(async (tx) => {
      const changed: string[] = []
      for (const c of changes) {
        let q = tx.updateTable('subject').set({ language: c.language, audit_seq: c.auditSeq }).where('id', '=', c.subjectId).where('erased_at', 'is', null)
        if (c.onlyIfNone) q = q.where('language', 'is', null)
        if (await q.returning('id').executeTakeFirst()) changed.push(c.subjectId)
      }
      return changed
    })
  }

  /**
   * Subject ids whose e-mail has this address, in the controller's scope and in every customer's:
   * one keyed index per scope, one query for all, each match kept only in its own scope.
   */
  async lookupEverywhere(email: string): Promise<{ id: string; tenantId: string | null }[]> {
    const tenants = await this.#db.selectFrom('subject').select('tenant_id').distinct().where('tenant_id', 'is not', null).execute()
    const scopeOf = new Map<string, string>()
    for (const tenantId of [null, ...tenants.map((t) => t.tenant_id)]) scopeOf.set(this.addressHash('email', email, tenantId), tenantId ?? '')
    const rows = await this.#db
      .selectFrom('personal_data as d')
      .innerJoin('subject as s', 's.id', 'd.subject_id')
      .select(['d.subject_id', 'd.lookup', 's.tenant_id'])
      .distinct()
      .where('d.lookup', 'in', [...scopeOf.keys()])
      .where('s.erased_at', 'is', null)
      .orderBy('d.subject_id')
      .execute()
    return rows.filter((r) => scopeOf.get(r.lookup!) === (r.tenant_id ?? '')).map((r) => ({ id: r.subject_id, tenantId: r.tenant_id }))
  }

  #checkCategories(grant: Grant, data: PersonalData): void {
    const outside = Object.keys(data).filter((c) => !grant.categories.includes(c))
    if (outside.length) throw new VaultInputError('categories_not_in_purpose', `not granted: ${outside.join(', ')}`, outside)
  }

  #encryptAll(subjectId: string, tenantId: string | null, dek: Buffer, data: PersonalData, purpose: string): PersonalDataRow[] {
    const policy = this.#policy()
    const rows: PersonalDataRow[] = []
    for (const [category, value] of Object.entries(data)) {
      if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
        throw new VaultInputError('empty_value', `${category} is empty: leave it out instead`, [category])
      }
      const text = JSON.stringify(value)
      if (Buffer.byteLength(text) > MAX_VALUE_BYTES) throw new VaultInputError('value_too_large', `${category} is larger than ${MAX_VALUE_BYTES / 1024} KB`, [category])
      const lookupKind = policy.category(category)?.lookup
      let lookup: string | null = null
      if (lookupKind) {
        if (typeof value !== 'string') throw new VaultInputError('invalid_value', `${category} must be a string`, [category])
        try {
          lookup = this.#indexer.index(tenantId, lookupKind, value)
        } catch (err) {
          if (err instanceof NormalisationError) throw new VaultInputError('invalid_value', `${category} is not a valid ${lookupKind === 'email' ? 'e-mail address' : 'phone number'}`, [category])
          throw err
        }
      }
      const recordId = uuidv7()
      rows.push({
        subject_id: subjectId,
        category,
        record_id: recordId,
        key_kind: 'ordinary' as const,
        key_version: ORDINARY_KEY_VERSION,
        ciphertext: encryptValue(dek, text, { subjectId, category, recordId, keyVersion: ORDINARY_KEY_VERSION }),
        lookup,
        written_purpose: purpose,
      })
    }
    return rows
  }

  async #upsert(tx: Transaction<DB>, rows: readonly PersonalDataRow[]): Promise<void> {
    if (!rows.length) return
    const policy = this.#policy()
    const replaced = rows.filter((r) => policy.category(r.category)?.records !== 'many').map((r) => r.category)
    if (replaced.length) await tx.deleteFrom('personal_data').where('subject_id', '=', rows[0]!.subject_id).where('category', 'in', replaced).execute()
    await tx.insertInto('personal_data').values([...rows]).execute()
  }

  // --- Erasure (crypto-shredding): src/vault/erasure.ts does the work, src/vault/tombstones.ts keeps the ids.

  #tombstones: TombstoneFile | undefined

  /** Where erased subject ids are appended outside the database (set by the runtime at start). */
  useTombstoneFile(file: TombstoneFile): void {
    this.#tombstones = file
  }

  /** Categories the subject has ordinary records for (no values). */
  async erasureCategories(subjectId: string): Promise<string[]> {
    return erasureCategories(this.#db, subjectId)
  }

  /** How many people are not erased. */
  async livingCount(): Promise<number> {
    const row = await this.#db.selectFrom('subject').select((eb) => eb.fn.countAll<string | number>().as('n')).where('erased_at', 'is', null).executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  /** One tenant's people (living or erased) after an id, in id order: ids only, for an end-of-contract run. */
  async tenantSubjects(tenantId: string, after: string | undefined, limit: number): Promise<{ id: string; erased: boolean }[]> {
    let q = this.#db.selectFrom('subject').select(['id', 'erased_at']).where('tenant_id', '=', tenantId)
    if (after !== undefined) q = q.where('id', '>', after)
    const rows = await q.orderBy('id').limit(limit).execute()
    return rows.map((r) => ({ id: r.id, erased: r.erased_at !== null }))
  }

  /** How many people one tenant has (living and erased). */
  async tenantCount(tenantId: string): Promise<{ living: number; erased: number }> {
    const rows = await this.#db.selectFrom('subject').select(['erased_at']).where('tenant_id', '=', tenantId).execute()
    const erased = rows.filter((r) => r.erased_at !== null).length
    return { living: rows.length - erased, erased }
  }

  /** The next batch of living people for the retention sweep (ids and facts, no values). */
  async retentionBatch(after: string | undefined, limit: number): Promise<RetentionBatch> {
    return retentionBatch(this.#db, this.#consent, after, limit)
  }

  /** Carries out a batch of the sweep's changes, each against its grant, in one transaction. */
  async applyRetention(grants: readonly Grant[], changes: readonly RetentionChange[], period: string): Promise<RetentionApplied> {
    const bySubject = new Map(grants.map((g) => [g.subjectId, g]))
    for (const change of changes) {
      const grant = bySubject.get(change.subjectId)
      if (!grant) throw new Error('a retention change without its grant')
      assertGrant(grant)
      const touched = [...change.delete, ...change.anonymise.map((a) => a.category), ...change.retain.map((k) => k.category)]
      const outside = touched.filter((c) => !grant.categories.includes(c))
      if (outside.length) throw new VaultInputError('categories_not_in_purpose', `not granted: ${outside.join(', ')}`, outside)
    }
    return applyRetentionChanges(this.#db, this.#ring(), changes, period)
  }

  /** What anonymisation kept: counts only, groups of at least MIN_GROUP (no person in them). */
  async anonymisedCounts(): Promise<{ purpose: string; category: string; period: string; bucket: string; count: number }[]> {
    return anonymisedCounts(this.#db, MIN_GROUP)
  }

  /** Seals a legal hold's reason under the subject's retention key (created if needed), in the caller's transaction. */
  async sealHoldReason(subjectId: string, holdId: string, reason: string, tx?: Transaction<DB>): Promise<Buffer> {
    const key = (await retentionKey(tx ?? this.#db, this.#ring(), subjectId, true))!
    try {
      return encryptValue(key, reason, { subjectId, category: 'legal_hold.reason', recordId: holdId, keyVersion: RETENTION_KEY_VERSION })
    } finally {
      key.fill(0)
    }
  }

  /** A sealed hold reason, opened; null when it was destroyed (released hold, or no retention key left). */
  async openHoldReason(subjectId: string, holdId: string, sealed: Uint8Array | null): Promise<string | null> {
    if (!sealed) return null
    const key = await retentionKey(this.#db, this.#ring(), subjectId, false)
    if (!key) return null
    try {
      return decryptString(key, sealed, { subjectId, category: 'legal_hold.reason', recordId: holdId, keyVersion: RETENTION_KEY_VERSION })
    } finally {
      key.fill(0)
    }
  }

  /** A hold on an erased person keeps what is still kept past its duty (in the caller's transaction). */
  async holdKept(subjectId: string, purpose: string, categories: readonly string[], tx?: Transaction<DB>): Promise<string[]> {
    return holdKept(tx ?? this.#db, subjectId, purpose, categories)
  }

  /** A released hold ends what it alone kept for an erased person (in the caller's transaction). */
  async endHeld(subjectId: string, purpose: string, stillHeld: readonly string[], now: Date, tx?: Transaction<DB>): Promise<void> {
    return endHeld(tx ?? this.#db, subjectId, purpose, stillHeld, now)
  }

  /**
   * Crypto-shreds the subject as planned, in one transaction (src/vault/erasure.ts), then appends
   * its id to the tombstone file. The grant must cover every category the subject has.
   */
  async erase(grant: Grant, plan: ErasurePlan, now: Date, auditSeq: number, retention?: { readonly change: RetentionChange; readonly period: string }): Promise<ShredResult> {
    assertGrant(grant)
    if (grant.subjectId !== plan.subjectId) throw new Error('grant for another subject')
    const outside = [...plan.erased, ...plan.kept.map((k) => k.category)].filter((c) => !grant.categories.includes(c))
    if (outside.length) throw new VaultInputError('categories_not_in_purpose', `not granted: ${outside.join(', ')}`, outside)
    // The sweep's anonymisation of this person commits with the erasure: never one without the other.
    const ring = this.#ring()
    const before = retention ? async (tx: Transaction<DB>) => void (await applyRetentionChangesIn(tx, ring, [retention.change], retention.period)) : undefined
    const result = await shred(this.#db, ring, plan, now, auditSeq, before)
    if (!result.alreadyErased) this.#tombstones?.append([plan.subjectId])
    return result
  }

  /** Deletes the unreadable ordinary records of a shredded subject, in batches; returns how many. */
  async purgeShredded(subjectId: string): Promise<number> {
    return purgeShredded(this.#db, subjectId)
  }

  /** Erased subjects that still have ordinary records to purge. */
  async shreddedWithLeftovers(): Promise<string[]> {
    return shreddedWithLeftovers(this.#db)
  }

  /** Ends kept categories whose legal duty has ended (REQ-ER-02/03); see src/vault/erasure.ts. */
  async expireRetained(now: Date): Promise<ExpireResult> {
    return expireRetained(this.#db, now)
  }

  /** The categories kept for an erased subject, with purpose, reason and until (no values). */
  async retained(subjectId: string): Promise<{ category: string; purpose: string; reason: RetentionReason; until: Date | null }[]> {
    return retainedOf(this.#db, subjectId)
  }
}

/** A digest of a value as a person would say it: case, surrounding and repeated spaces, Unicode form ignored. */
function comparable(value: PersonalValue): Buffer {
  const text = typeof value === 'string' ? value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase() : JSON.stringify(value)
  return createHash('sha256').update(text).digest()
}

function retainedByPurpose(rows: [string, string, string | null][] | null): Map<string, { category: string; until: Date | null }[]> {
  const out = new Map<string, { category: string; until: Date | null }[]>()
  for (const [purpose, category, until] of rows ?? []) {
    const list = out.get(purpose) ?? []
    list.push({ category, until: until === null ? null : new Date(until) })
    out.set(purpose, list)
  }
  return out
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export { isUuid }

/** The recipients disclosure rows name (ids only, no subject), for the ROPA consistency check (REQ-ROPA-04). */
export async function disclosureRecipients(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('disclosure').select('recipient_id').distinct().orderBy('recipient_id').execute()
  return rows.map((r) => r.recipient_id)
}
