// The audit log as the rest of Pledge sees it. Implementation: ./chain-store.ts.
import type { AuditFields } from './chain.ts'
import type { SignedCheckpoint } from './checkpoint.ts'

/**
 * What is recorded about one decision or action: the chain's fields without the sequence number
 * and time, which the log assigns. Identifiers only, never personal data.
 */
export type AuditRecord = Omit<AuditFields, 'seq' | 'at'>

export interface AuditLog {
  /**
   * Resolves with the entry's sequence number once it is durable (committed); appends are batched
   * (group commit). A use of personal data appends first and carries that number (fail closed: no
   * committed change without its entry). An append that cannot be recorded rejects alone.
   */
  append(record: AuditRecord): Promise<number>
  /** Same, for several records that belong together (one commit): their sequence numbers, in order. */
  appendMany(records: readonly AuditRecord[]): Promise<number[]>
  /** Flushes pending entries, writes a final signed checkpoint, stops timers. */
  close(): Promise<void>
  /** What was done with one person's data (allowed uses, newest first), for their access request. */
  usesOf?(subjectId: string, limit?: number): Promise<SubjectUse[]>
  /**
   * Prunes the chain from its start (REQ-RT-05): see ChainAuditLog.prune (src/audit/chain-store.ts).
   * The retention sweep passes `before` = now minus `policy.recordsRetention.auditLog` (default P5Y).
   */
  prune?(before: Date): Promise<AuditPruneResult>
}

/** What one pruning did, and where the chain starts now. */
export interface AuditPruneResult {
  /** Entries deleted by this call (0 when no signed checkpoint had only older entries before it). */
  readonly removed: number
  /** The seq of the chain's first entry now: the entry of `startCheckpoint` (0: never pruned, the genesis). */
  readonly startSeq: number
  /** The signed checkpoint the chain now starts at (null: the genesis). */
  readonly startCheckpoint: SignedCheckpoint | null
  /** The seq of the `audit.prune` entry recording this pruning (null when nothing moved). */
  readonly entrySeq: number | null
}

/** One allowed use of a person's data, as the person may see it: when, what, why — not who (C-579/21). */
export interface SubjectUse {
  readonly at: string
  readonly action: string
  readonly purpose: string | null
  readonly categories: readonly string[]
  /** 'service' (an API key), 'staff', or 'pledge' (Pledge itself): never which employee. */
  readonly by: 'service' | 'staff' | 'pledge'
}
