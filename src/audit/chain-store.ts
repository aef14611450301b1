// The audit log on the database: group commit into one hash chain, signed checkpoints, the signed
// head file outside the database.
//
// Group commit: append() queues its records and waits. One flusher at a time takes everything
// queued (up to MAX_BATCH entries), opens one transaction, locks the chain head row
// (`select … from audit_head where id = 1 for update`, so several instances on one PostgreSQL keep
// ONE chain), links the entries with appendEntry, writes them with one insert per chunk (unnest of
// arrays: 11 parameters whatever the batch size) together with the new head, commits, and only then
// resolves every waiting promise (or rejects them all). Appends that arrive while a flush is in
// flight wait for the next one, so batches grow with the load and throughput stays high.
//
// A signed checkpoint (a row in audit_checkpoint, and the signed head file, written atomically) is
// made at least every `checkpointEvery` entries, every `checkpointIntervalMs` when there are new
// entries, and on close(). The head file is only ever moved forward.
import { join } from 'node:path'
import type { KeyObject } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Logger } from '../log.ts'
import type { AuditLog, AuditRecord, SubjectUse } from './audit-log.ts'
import { appendEntry, type AuditEntry } from './chain.ts'
import { readSignedHead, signCheckpoint, writeSignedHead, type SignedCheckpoint } from './checkpoint.ts'
import { appendWitness } from './witness.ts'

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

/** Inserts linked entries and moves the head, in the caller's transaction. */
async function writeEntries(trx: Transaction<DB>, entries: readonly AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += CHUNK) {
    const part = entries.slice(i, i + CHUNK)
    const col = <T>(f: (e: AuditEntry) => T): T[] => part.map(f)
    const last = part[part.length - 1]!
    const moveHead = i + CHUNK >= entries.length
    const insert = sql`insert into audit_entry (seq, at, actor_id, action, subject_id, purpose, categories, decision, reason, prev_hash, hash)
      select seq, at, actor_id, action, subject_id, purpose, categories::jsonb, decision, reason, prev_hash, hash
      from unnest(${col((e) => String(e.seq))}::bigint[], ${col((e) => e.at)}::text[], ${col((e) => e.actorId)}::text[], ${col((e) => e.action)}::text[],
                  ${col((e) => e.subjectId)}::text[], ${col((e) => e.purpose)}::text[], ${col((e) => JSON.stringify(e.categories))}::text[],
                  ${col((e) => e.decision)}::text[], ${col((e) => e.reason)}::text[], ${col((e) => e.prevHash)}::text[], ${col((e) => e.hash)}::text[])
        as t(seq, at, actor_id, action, subject_id, purpose, categories, decision, reason, prev_hash, hash)`
    if (moveHead) {
      await sql`with head as (update audit_head set seq = ${last.seq}, hash = ${last.hash} where id = 1) ${insert}`.execute(trx)
    } else {
      await insert.execute(trx)
    }
  }
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
  readonly #timer: NodeJS.Timeout
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

  /** One transaction for the batch; resolves its requests, or returns the error (nothing committed). */
  async #writeBatch(batch: Pending[]): Promise<Error | undefined> {
    const accepted: { pending: Pending; seqs: number[] }[] = []
    let last: { seq: number; hash: string } | undefined
    let count = 0
    let signed: SignedCheckpoint[] = []
    try {
      await this.#db.transaction().execute(async (trx) => {
        accepted.length = 0
        const head = await sql<{ seq: number | string; hash: string }>`select seq, hash from audit_head where id = 1 for update`.execute(trx)
        const row = head.rows[0]
        if (!row) throw new Error('the audit_head row is missing: the audit chain cannot be extended')
        const seq = Number(row.seq)
        let prev: { seq: number; hash: string } | null = seq === 0 ? null : { seq, hash: row.hash }
        const entries: AuditEntry[] = []
        for (const p of batch) {
          // A request whose records are invalid is refused alone; the rest of the batch goes on.
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
        last = { seq: prev!.seq, hash: prev!.hash }
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
        this.#witness(signed)
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

  /** Every signed checkpoint goes to the witness too, when one is configured. */
  #witness(cps: readonly SignedCheckpoint[]): void {
    if (!this.#witnessPath) return
    try {
      appendWitness(this.#witnessPath, cps.map((cp) => ({ kind: 'checkpoint' as const, ...cp })))
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
    this.#witness([cp])
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
