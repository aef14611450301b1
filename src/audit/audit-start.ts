// Where the audit chain starts (migration 0013's audit_start row): at the genesis until the log is
// pruned, then at the entry of a signed checkpoint. The chain itself records every pruning too, as
// an `audit.prune` entry whose reason is `start:<new start> from:<old start>` (numbers only).
import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { SignedCheckpoint } from './checkpoint.ts'

export interface AuditStart {
  /** The seq of the first entry of the chain's signed checkpoint; 0: never pruned (the genesis). */
  readonly seq: number
  /** The signed checkpoint at that seq, as recorded (undefined at the genesis, or when the row is incomplete). */
  readonly checkpoint: SignedCheckpoint | undefined
  readonly prunedAt: Date | undefined
  /** The audit.prune entry that recorded the latest pruning. */
  readonly entrySeq: number | undefined
}

export const GENESIS_START: AuditStart = { seq: 0, checkpoint: undefined, prunedAt: undefined, entrySeq: undefined }

/** The recorded start; the genesis when the row is missing. */
export async function readAuditStart(db: Kysely<DB>): Promise<AuditStart> {
  const r = (
    await sql<{ seq: string | number; hash: string | null; checkpoint_at: string | null; key_id: string | null; signature: string | null; pruned_at: Date | string | null; entry_seq: string | number | null }>`
      select seq, hash, checkpoint_at, key_id, signature, pruned_at, entry_seq from audit_start where id = 1`.execute(db)
  ).rows[0]
  if (!r) return GENESIS_START
  const seq = Number(r.seq)
  const checkpoint = seq > 0 && r.hash !== null && r.checkpoint_at !== null && r.key_id !== null && r.signature !== null ? { seq, hash: r.hash, at: r.checkpoint_at, keyId: r.key_id, signature: r.signature } : undefined
  return { seq, checkpoint, prunedAt: r.pruned_at === null ? undefined : new Date(r.pruned_at), entrySeq: r.entry_seq === null ? undefined : Number(r.entry_seq) }
}

/** The reason of the audit.prune entry. */
export function pruneReason(startSeq: number, fromSeq: number): string {
  return `start:${startSeq} from:${fromSeq}`
}

/** The new start an audit.prune entry's reason records, or undefined. */
export function pruneStartOf(reason: string | null): number | undefined {
  const m = reason === null ? null : /^start:(\d{1,15})(?: |$)/.exec(reason)
  return m ? Number(m[1]) : undefined
}
