// The audit log as the rest of Pledge sees it. Implementation: ./chain-store.ts.
import type { AuditFields } from './chain.ts'

/**
 * What is recorded about one decision or action: the chain's fields without the sequence number
 * and time, which the log assigns. Identifiers only, never personal data.
 */
export type AuditRecord = Omit<AuditFields, 'seq' | 'at'>

export interface AuditLog {
  /** Resolves once the entry is durable (committed); appends are batched (group commit). */
  append(record: AuditRecord): Promise<void>
  /** Same, for several records that belong together (one commit). */
  appendMany(records: readonly AuditRecord[]): Promise<void>
  /** Flushes pending entries, writes a final signed checkpoint, stops timers. */
  close(): Promise<void>
  /** What was done with one person's data (allowed uses, newest first), for their access request. */
  usesOf?(subjectId: string, limit?: number): Promise<SubjectUse[]>
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
