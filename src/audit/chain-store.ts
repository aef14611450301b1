// The audit log on the database: group commit into one hash chain, signed checkpoints, the signed
// head file outside the database.
//
// Group commit: append() queues its records and waits. One flusher at a time takes everything
// queued (up to MAX_BATCH entries), opens one transaction, locks the chain head row
// (`select … from audit_head where id = 1 for update`, so several instances on one PostgreSQL keep
// ONE chain), links the entries with appendEntry, writes them with one insert per chunk (unnest of
// arrays: 11 parameters whatever the batch size) together with the new head, commits, and only then
// resolves every waiting promise (or rejects them all). When this instance knows the head (it wrote
// the last entry) and no signed checkpoint falls in the batch, the same happens in ONE statement
// instead: the head is moved only if it is still the one this instance wrote, and the entries are
// inserted only if it moved; when another instance got there first nothing is written and the batch
// takes the locked path. Appends that arrive while a flush is in
// flight wait for the next one, so batches grow with the load and throughput stays high.
//
// A signed checkpoint (a row in audit_checkpoint, and the signed head file, written atomically) is
// made at least every `checkpointEvery` entries, every `checkpointIntervalMs` when there are new
// entries, and on close(). The head file is only ever moved forward.
//
// Pruning (prune(before)) removes the chain's start up to the last signed checkpoint whose entries
// are all older than `before`; that checkpoint's entry becomes the first entry. In this order, so
// that a prune killed at any point leaves a log that verifies and a next prune that finishes it:
// (1) an `audit.prune` entry is appended (at worst an entry for a pruning that did not happen),
// (2) the witness gets a prune record (the database may lag the witness, never lead it),
// (3) the new start is recorded in audit_start (one transaction; from then on verification starts
// there and ignores older rows), (4) the entries before it are deleted in batches of seq ranges, one
// statement each, then the checkpoints before it. Every prune first deletes what a killed one left.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { KeyObject } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Logger } from '../log.ts'
import type { AuditLog, AuditPruneResult, AuditRecord, SubjectUse } from './audit-log.ts'
import { appendEntry, type AuditEntry } from './chain.ts'
import { readSignedHead, signCheckpoint, trustedKeys, verifyCheckpoint, writeSignedHead, type SignedCheckpoint } from './checkpoint.ts'
import { appendWitness, type WitnessRecord } from './witness.ts'
import { pruneReason, readAuditStart } from './audit-start.ts'
import { PRUNE_ACTION } from './verify-page.ts'

export interface AuditLogOptions {
  /** The audit signing key pair of the current master key version: `ring.current.auditSigningKeyPair()`. */
  readonly signer: { readonly privateKey: KeyObject; readonly publicKey: KeyObject }
  /** The signed head file, outside the database (see auditHeadPath). */
  readonly headPath: string
  /** The witness file (PLEDGE_AUDIT_WITNESS): every signed checkpoint is appended to it. */
  readonly witnessPath?: string | undefined
  /** A signed checkpoint at least every this many entries (default 1,000). */
  readonly checkpointEvery?: number
  /** …and at least this often while there are new entries (default 10,000 ms). */
  readonly checkpointIntervalMs?: number
  readonly now?: () => Date
  readonly logger?: Pick<Logger, 'error' | 'warn'>
  /** Most entries written by one flush (default 10,000; a single appendMany larger than this is written whole). */
  readonly maxBatch?: number
  /**
   * Fault injection for tests: called inside the flush transaction with the entries about to be
   * written; throwing makes the store refuse that write, as a database refusing a row would.
   */
  readonly beforeWrite?: (entries: readonly AuditEntry[]) => void
  /**
   * Audit public keys of every master key version (checkpoints signed before a rotation): prune
   * only starts the chain at a checkpoint one of them (or the signer) verifies. Default: the signer's.
   */
  readonly verifyKeys?: () => Iterable<KeyObject>
}

export interface PruneOptions {
  /** Who prunes (the audit.prune entry's actor). Default 'system:retention'. */
  readonly actorId?: string
  /** Entries deleted per statement (default 10,000). */
  readonly batchSize?: number
}

export interface AuditLogStats {
  /** Committed flush transactions (one per group commit). */
  readonly flushes: number
  /** Entries committed by this instance. */
  readonly entries: number
  /** Signed checkpoints made by this instance. */
  readonly checkpoints: number
  /** The last chain head this instance committed or checkpointed. */
  readonly head: { readonly seq: number; readonly hash: string } | undefined
}

export interface ChainAuditLog extends AuditLog {
  /** Counters, for tests and metrics. */
  stats(): AuditLogStats
  /** Waits until everything queued so far is committed. */
  flush(): Promise<void>
  /** Makes a signed checkpoint of the last head this instance committed now (if it is newer than the last one). */
  checkpoint(): Promise<SignedCheckpoint | undefined>
  /**
   * Deletes the chain's start up to the last signed checkpoint whose entries (its own included) are
   * all older than `before`; that checkpoint's entry becomes the first one. Records the new start in
   * the database and the witness and appends an `audit.prune` entry (numbers only). Crash safe (see
   * the header). When no checkpoint qualifies, nothing moves (but what a killed prune left is deleted).
   */
  prune(before: Date, options?: PruneOptions): Promise<AuditPruneResult>
}

export class AuditLogClosedError extends Error {
  constructor() {
    super('the audit log is closed')
    this.name = 'AuditLogClosedError'
  }
}

/** Where the signed head file lives: PLEDGE_AUDIT_HEAD, else <PLEDGE_DATA_DIR>/audit-head.json. */
export function auditHeadPath(config: { readonly dataDir: string; readonly auditHead?: string | undefined }): string {
  return config.auditHead ?? process.env['PLEDGE_AUDIT_HEAD'] ?? join(config.dataDir, 'audit-head.json')
}

interface Pending {
  readonly records: readonly AuditRecord[]
  readonly at: string
  readonly resolve: (seqs: number[]) => void
  readonly reject: (err: unknown) => void
}

const CHUNK = 5_000

function entryRows(part: readonly AuditEntry[]) {
  const col = <T>(f: (e: AuditEntry) => T): T[] => part.map(f)
  return sql`select seq, at, actor_id, action, subject_id, purpose, categories::jsonb, decision, reason, prev_hash, hash
      from unnest(${col((e) => String(e.seq))}::bigint[], ${col((e) => e.at)}::text[], ${col((e) => e.actorId)}::text[], ${col((e) => e.action)}::text[],
                  ${col((e) => e.subjectId)}::text[], ${col((e) => e.purpose)}::text[], ${col((e) => JSON.stringify(e.categories))}::text[],
                  ${col((e) => e.decision)}::text[], ${col((e) => e.reason)}::text[], ${col((e) => e.prevHash)}::text[], ${col((e) => e.hash)}::text[])
        as t(seq, at, actor_id, action, subject_id, purpose, categories, decision, reason, prev_hash, hash)`
}

/** Inserts linked entries and moves the head, in the caller's transaction. */
async function writeEntries(trx: Transaction<DB>, entries: readonly AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += CHUNK) {
    const part = entries.slice(i, i + CHUNK)
    const last = part[part.length - 1]!
    const moveHead = i + CHUNK >= entries.length
    const insert = sql`insert into audit_entry (seq, at, actor_id, action, subject_id, purpose, categories, decision, reason, prev_hash, hash) ${entryRows(part)}`
    if (moveHead) {
      await sql`with head as (update audit_head set seq = ${last.seq}, hash = ${last.hash} where id = 1) ${insert}`.execute(trx)
    } else {
      await insert.execute(trx)
    }
  }
}

/**
 * The fast path: one statement, committed on its own, that moves the head from the one this
 * instance last committed and inserts the entries, or does nothing when the head has moved (another
 * instance extended the chain: the update finds no row, so nothing is inserted). Returns whether
 * it wrote. One round trip instead of a transaction's four.
 */
async function writeEntriesAfter(db: Kysely<DB>, expected: { seq: number; hash: string }, entries: readonly AuditEntry[]): Promise<boolean> {
  const last = entries[entries.length - 1]!
  const result = await sql`with head as (update audit_head set seq = ${last.seq}, hash = ${last.hash} where id = 1 and seq = ${expected.seq} and hash = ${expected.hash} returning 1)
    insert into audit_entry (seq, at, actor_id, action, subject_id, purpose, categories, decision, reason, prev_hash, hash)
    select * from (${entryRows(entries)}) rows where exists (select 1 from head)`.execute(db)
  return Number(result.numAffectedRows ?? 0n) === entries.length
}

class StoredAuditLog implements ChainAuditLog {
  readonly #db: Kysely<DB>
  readonly #signer: AuditLogOptions['signer']
  readonly #headPath: string
  readonly #witnessPath: string | undefined
  readonly #every: number
  readonly #now: () => Date
  readonly #logger: AuditLogOptions['logger']
  readonly #maxBatch: number
  readonly #beforeWrite: AuditLogOptions['beforeWrite']
  readonly #verifyKeys: AuditLogOptions['verifyKeys']
  readonly #timer: NodeJS.Timeout
  #pruning: Promise<unknown> = Promise.resolve()
  #queue: Pending[] = []
  #queued = 0
  #loop: Promise<void> | undefined
  #closed = false
  #checkpointWanted = false
  #flushes = 0
  #entries = 0
  #checkpoints = 0
  #head: { seq: number; hash: string } | undefined
  #checkpointedSeq = 0
  #sinceCheckpoint = 0

  constructor(db: Kysely<DB>, options: AuditLogOptions) {
    this.#db = db
    this.#signer = options.signer
    this.#headPath = options.headPath
    this.#witnessPath = options.witnessPath
    this.#every = Math.max(1, options.checkpointEvery ?? 1_000)
    this.#now = options.now ?? (() => new Date())
    this.#logger = options.logger
    this.#maxBatch = Math.max(1, options.maxBatch ?? 10_000)
    this.#beforeWrite = options.beforeWrite
    this.#verifyKeys = options.verifyKeys
    this.#timer = setInterval(() => {
      if (this.#head && this.#head.seq > this.#checkpointedSeq) {
        this.#checkpointWanted = true
        this.#kick()
      }
    }, Math.max(10, options.checkpointIntervalMs ?? 10_000))
    this.#timer.unref()
  }

  async append(record: AuditRecord): Promise<number> {
    return (await this.appendMany([record]))[0]!
  }

  appendMany(records: readonly AuditRecord[]): Promise<number[]> {
    if (this.#closed) return Promise.reject(new AuditLogClosedError())
    if (records.length === 0) return Promise.resolve([])
    const at = this.#now().toISOString()
    return new Promise<number[]>((resolve, reject) => {
      this.#queue.push({ records, at, resolve, reject })
      this.#queued += records.length
      this.#kick()
    })
  }

  #kick(): void {
    if (this.#loop) return
    this.#loop = this.#run()
  }

  async #run(): Promise<void> {
    // Let the appends of the current tick join the first batch.
    await Promise.resolve()
    try {
      while (this.#queue.length > 0 || this.#checkpointWanted) {
        if (this.#queue.length > 0) await this.#flushBatch(this.#take())
        if (this.#checkpointWanted) {
          this.#checkpointWanted = false
          await this.#checkpointNow().catch((err: Error) => {
            this.#logger?.error({ err: { type: err.name, message: err.message } }, 'cannot write a signed audit checkpoint')
          })
        }
      }
    } finally {
      // No await between the loop test and here: an append that comes later starts a new loop.
      this.#loop = undefined
    }
  }

  #take(): Pending[] {
    let n = 0
    let i = 0
    while (i < this.#queue.length && (i === 0 || n + this.#queue[i]!.records.length <= this.#maxBatch)) n += this.#queue[i++]!.records.length
    const batch = this.#queue.slice(0, i)
    this.#queue = this.#queue.slice(i)
    this.#queued -= n
    return batch
  }

  /**
   * Writes a batch in one transaction. When the database refuses it, the batch is split: each
   * request is written alone, so one bad entry fails only its own request and the others commit.
   */
  async #flushBatch(batch: Pending[]): Promise<void> {
    const failed = await this.#writeBatch(batch)
    if (!failed) return
    if (batch.length === 1) {
      batch[0]!.reject(failed)
      this.#logger?.error({ err: { type: failed.name, message: failed.message } }, 'an audit entry could not be recorded; its use was refused')
      return
    }
    for (const p of batch) await this.#flushBatch([p])
  }

  /**
   * Links the batch's records after `prev`. A request whose records are invalid is refused alone;
   * the rest of the batch goes on.
   */
  #link(batch: readonly Pending[], prev: { seq: number; hash: string } | null): { entries: AuditEntry[]; accepted: { pending: Pending; seqs: number[] }[]; last: { seq: number; hash: string } | null } {
    const entries: AuditEntry[] = []
    const accepted: { pending: Pending; seqs: number[] }[] = []
    for (const p of batch) {
      const mine: AuditEntry[] = []
      let cursor = prev
      try {
        for (const r of p.records) {
          const e = appendEntry(cursor, { at: p.at, actorId: r.actorId, action: r.action, subjectId: r.subjectId, purpose: r.purpose, categories: r.categories, decision: r.decision, reason: r.reason })
          mine.push(e)
          cursor = e
        }
      } catch (err) {
        p.reject(err)
        continue
      }
      entries.push(...mine)
      prev = cursor
      accepted.push({ pending: p, seqs: mine.map((e) => e.seq) })
    }
    return { entries, accepted, last: prev }
  }

  /**
   * The batch after the head this instance last committed, in one statement, when no signed
   * checkpoint falls inside it: 'written'; 'locked' when the locked path must take it (the head is
   * unknown, a checkpoint is due, or another instance extended the chain); or the error (nothing committed).
   */
  async #writeAfterKnownHead(batch: Pending[]): Promise<'written' | 'locked' | Error> {
    const known = this.#head
    const size = batch.reduce((n, p) => n + p.records.length, 0)
    if (!known || size > CHUNK || this.#sinceCheckpoint + size >= this.#every) return 'locked'
    const { entries, accepted, last } = this.#link(batch, known)
    if (entries.length === 0) return 'written'
    try {
      this.#beforeWrite?.(entries)
      if (!(await writeEntriesAfter(this.#db, known, entries))) return 'locked'
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err))
    }
    this.#flushes++
    this.#entries += entries.length
    this.#head = last!
    this.#sinceCheckpoint += entries.length
    for (const a of accepted) a.pending.resolve(a.seqs)
    return 'written'
  }

  /** One transaction for the batch; resolves its requests, or returns the error (nothing committed). */
  async #writeBatch(batch: Pending[]): Promise<Error | undefined> {
    const fast = await this.#writeAfterKnownHead(batch)
    if (fast === 'written') return undefined
    if (fast instanceof Error) return fast
    let accepted: { pending: Pending; seqs: number[] }[] = []
    let last: { seq: number; hash: string } | undefined
    let count = 0
    let signed: SignedCheckpoint[] = []
    try {
      await this.#db.transaction().execute(async (trx) => {
        accepted = []
        const head = await sql<{ seq: number | string; hash: string }>`select seq, hash from audit_head where id = 1 for update`.execute(trx)
        const row = head.rows[0]
        if (!row) throw new Error('the audit_head row is missing: the audit chain cannot be extended')
        const seq = Number(row.seq)
        const linked = this.#link(batch, seq === 0 ? null : { seq, hash: row.hash })
        accepted = linked.accepted
        const entries = linked.entries
        if (entries.length === 0) return
        this.#beforeWrite?.(entries)
        await writeEntries(trx, entries)
        // A signed checkpoint every `checkpointEvery` entries, even inside one large batch.
        signed = []
        const signedAt = this.#now().toISOString()
        for (let k = this.#every - this.#sinceCheckpoint - 1; k < entries.length; k += this.#every) {
          if (k < 0) k = 0
          const e = entries[k]!
          signed.push(signCheckpoint({ seq: e.seq, hash: e.hash, at: signedAt }, this.#signer.privateKey, this.#signer.publicKey))
        }
        if (signed.length) await this.#insertCheckpoints(trx, signed)
        last = { seq: linked.last!.seq, hash: linked.last!.hash }
        count = entries.length
      })
    } catch (err) {
      // Nothing was committed; the caller splits the batch (those refused as invalid already failed).
      return err instanceof Error ? err : new Error(String(err))
    }
    if (count > 0) {
      this.#flushes++
      this.#entries += count
      this.#head = last
      const latest = signed.at(-1)
      if (latest) {
        this.#checkpoints += signed.length
        this.#checkpointedSeq = latest.seq
        this.#sinceCheckpoint = last!.seq - latest.seq
        for (const a of accepted) a.pending.resolve(a.seqs)
        await this.#witness(signed)
        this.#writeHead(latest)
        return undefined
      }
      this.#sinceCheckpoint += count
    }
    for (const a of accepted) a.pending.resolve(a.seqs)
    return undefined
  }

  async #insertCheckpoints(db: Kysely<DB>, cps: readonly SignedCheckpoint[]): Promise<void> {
    await db
      .insertInto('audit_checkpoint')
      .values(cps.map((cp) => ({ seq: cp.seq, hash: cp.hash, at: cp.at, key_id: cp.keyId, signature: cp.signature })))
      .onConflict((oc) => oc.column('seq').doNothing())
      .execute()
  }

  /**
   * Every signed checkpoint goes to the witness too, when one is configured. A witness started
   * after the log was pruned first gets the recorded start, as a prune record.
   */
  async #witness(cps: readonly SignedCheckpoint[]): Promise<void> {
    if (!this.#witnessPath) return
    try {
      const records: WitnessRecord[] = []
      if (!existsSync(this.#witnessPath)) {
        const start = await readAuditStart(this.#db)
        if (start.checkpoint) records.push({ kind: 'prune', startSeq: start.seq, checkpoint: start.checkpoint, at: (start.prunedAt ?? this.#now()).toISOString() })
      }
      records.push(...cps.map((cp) => ({ kind: 'checkpoint' as const, ...cp })))
      appendWitness(this.#witnessPath, records)
    } catch (err) {
      this.#logger?.error({ err: { type: (err as Error).name, message: (err as Error).message }, path: this.#witnessPath }, 'cannot append to the audit witness')
    }
  }

  /** The head file only moves forward (another instance, or an earlier run, may have written a newer one). */
  #writeHead(cp: SignedCheckpoint): void {
    try {
      let current: SignedCheckpoint | undefined
      try {
        current = readSignedHead(this.#headPath)
      } catch (err) {
        this.#logger?.warn({ err: { type: (err as Error).name, message: (err as Error).message }, path: this.#headPath }, 'the signed audit head file is unreadable; replacing it')
      }
      if (!current || current.seq < cp.seq) writeSignedHead(this.#headPath, cp)
    } catch (err) {
      this.#logger?.error({ err: { type: (err as Error).name, message: (err as Error).message }, path: this.#headPath }, 'cannot write the signed audit head file')
    }
  }

  async #checkpointNow(): Promise<SignedCheckpoint | undefined> {
    const head = this.#head
    if (!head || head.seq <= this.#checkpointedSeq) return undefined
    const cp = signCheckpoint({ seq: head.seq, hash: head.hash, at: this.#now().toISOString() }, this.#signer.privateKey, this.#signer.publicKey)
    await this.#insertCheckpoints(this.#db, [cp])
    await this.#witness([cp])
    this.#writeHead(cp)
    this.#checkpointedSeq = cp.seq
    this.#sinceCheckpoint = 0
    this.#checkpoints++
    return cp
  }

  stats(): AuditLogStats {
    return { flushes: this.#flushes, entries: this.#entries, checkpoints: this.#checkpoints, head: this.#head ? { ...this.#head } : undefined }
  }

  async flush(): Promise<void> {
    while (this.#loop) await this.#loop
  }

  async checkpoint(): Promise<SignedCheckpoint | undefined> {
    await this.flush()
    return this.#checkpointNow()
  }

  prune(before: Date, options: PruneOptions = {}): Promise<AuditPruneResult> {
    if (this.#closed) return Promise.reject(new AuditLogClosedError())
    if (!(before instanceof Date) || Number.isNaN(before.getTime())) return Promise.reject(new TypeError('prune: `before` must be a valid Date'))
    // One prune at a time in this instance; across instances the audit_start row is locked.
    const run = this.#pruning.then(() => this.#prune(before, options))
    this.#pruning = run.catch(() => undefined)
    return run
  }

  async #prune(before: Date, options: PruneOptions): Promise<AuditPruneResult> {
    const batch = Math.max(1, Math.floor(options.batchSize ?? 10_000))
    const start = await readAuditStart(this.#db)
    // What a prune killed half-way left: entries (and checkpoints) before the recorded start.
    let removed = await this.#deleteBefore(start.seq, batch)
    const unchanged = (): AuditPruneResult => ({ removed, startSeq: start.seq, startCheckpoint: start.checkpoint ?? null, entrySeq: null })
    // The first entry after the start that is not older than `before`: the new start lies before it.
    const bound = before.toISOString()
    const young = (await sql<{ seq: string | number }>`select seq from audit_entry where seq > ${start.seq} and at >= ${bound} order by seq limit 1`.execute(this.#db)).rows[0]
    const candidates = (
      await sql<{ seq: string | number; hash: string; at: string; key_id: string; signature: string; entry_hash: string | null }>`
        select c.seq, c.hash, c.at, c.key_id, c.signature, e.hash as entry_hash
        from audit_checkpoint c left join audit_entry e on e.seq = c.seq
        where c.seq > ${start.seq} ${young ? sql`and c.seq < ${Number(young.seq)}` : sql``}
        order by c.seq desc limit 100`.execute(this.#db)
    ).rows
    const keys = trustedKeys([this.#signer.publicKey, ...(this.#verifyKeys?.() ?? [])])
    // The latest checkpoint that verifies and whose entry is there and is the one signed.
    const target = candidates
      .map((c) => ({ cp: { seq: Number(c.seq), hash: c.hash, at: c.at, keyId: c.key_id, signature: c.signature } as SignedCheckpoint, entryHash: c.entry_hash }))
      .find(({ cp, entryHash }) => entryHash === cp.hash && verifyCheckpoint(cp, keys))?.cp
    if (!target) return unchanged()
    // (1) The chain records the pruning.
    const entrySeq = await this.append({ actorId: options.actorId ?? 'system:retention', action: PRUNE_ACTION, subjectId: null, purpose: null, categories: [], decision: null, reason: pruneReason(target.seq, start.seq) })
    const prunedAt = this.#now()
    // (2) The witness, before anything is deleted (a failure here stops the pruning).
    if (this.#witnessPath) appendWitness(this.#witnessPath, [{ kind: 'prune', startSeq: target.seq, checkpoint: target, at: prunedAt.toISOString() }])
    // (3) The new start, durably; only ever forward (another instance may have pruned further).
    const recorded = await this.#db.transaction().execute(async (trx) => {
      const current = Number((await sql<{ seq: string | number }>`select seq from audit_start where id = 1 for update`.execute(trx)).rows[0]?.seq ?? 0)
      if (current >= target.seq) return current
      await sql`insert into audit_start (id, seq, hash, checkpoint_at, key_id, signature, pruned_at, entry_seq)
        values (1, ${target.seq}, ${target.hash}, ${target.at}, ${target.keyId}, ${target.signature}, ${prunedAt.toISOString()}, ${entrySeq})
        on conflict (id) do update set seq = excluded.seq, hash = excluded.hash, checkpoint_at = excluded.checkpoint_at, key_id = excluded.key_id,
          signature = excluded.signature, pruned_at = excluded.pruned_at, entry_seq = excluded.entry_seq`.execute(trx)
      return target.seq
    })
    if (recorded !== target.seq) {
      const now = await readAuditStart(this.#db)
      removed += await this.#deleteBefore(now.seq, batch)
      return { removed, startSeq: now.seq, startCheckpoint: now.checkpoint ?? null, entrySeq }
    }
    // (4) Delete, in batches.
    removed += await this.#deleteBefore(target.seq, batch)
    return { removed, startSeq: target.seq, startCheckpoint: target, entrySeq }
  }

  /** Deletes the entries before `seq` (ranges of `batch` seqs, one statement each), then the checkpoints before it. */
  async #deleteBefore(seq: number, batch: number): Promise<number> {
    if (seq <= 0) return 0
    let removed = 0
    for (;;) {
      const r = await this.#db
        .deleteFrom('audit_entry')
        .where('seq', '<', seq)
        .where('seq', '<', sql<number>`(select min(seq) from audit_entry) + ${batch}`)
        .executeTakeFirst()
      const n = Number(r.numDeletedRows)
      if (n === 0) break
      removed += n
    }
    await this.#db.deleteFrom('audit_checkpoint').where('seq', '<', seq).execute()
    return removed
  }

  async usesOf(subjectId: string, limit = 1000): Promise<SubjectUse[]> {
    await this.flush()
    const rows = await this.#db
      .selectFrom('audit_entry')
      .select(['at', 'action', 'purpose', 'categories', 'actor_id'])
      .where('subject_id', '=', subjectId)
      .where('decision', '=', 'allow')
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute()
    return rows.map((r) => ({
      at: r.at,
      action: r.action,
      purpose: r.purpose,
      categories: typeof r.categories === 'string' ? (JSON.parse(r.categories) as string[]) : r.categories,
      by: r.actor_id.startsWith('staff:') ? 'staff' : r.actor_id.startsWith('key:') ? 'service' : 'pledge',
    }))
  }

  async close(): Promise<void> {
    if (this.#closed) {
      await this.flush()
      return
    }
    this.#closed = true
    clearInterval(this.#timer)
    await this.flush()
    await this.#checkpointNow()
  }
}

/** The audit log over the database: see the header of this file. */
export function createAuditLog(db: Kysely<DB>, options: AuditLogOptions): ChainAuditLog {
  return new StoredAuditLog(db, options)
}
