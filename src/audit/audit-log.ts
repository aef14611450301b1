// The audit log as the rest of Pledge sees it. Implementation: ./chain-store.ts.
import type { AuditDecision } from './chain.ts'

/** What is recorded about one decision or action: identifiers only, never personal data. */
export interface AuditRecord {
  readonly actorId: string
  /** e.g. 'subject.read', 'subject.write', 'subject.create', 'subject.search', 'event.record', 'keys.rotate' */
  readonly action: string
  readonly subjectId: string | null
  readonly purpose: string | null
  readonly categories: readonly string[]
  readonly decision: AuditDecision | null
  /** A reason code such as 'no_consent', never free text about a person. */
  readonly reason: string | null
}

export interface AuditLog {
  /** Resolves once the entry is durable (committed); appends are batched (group commit). */
  append(record: AuditRecord): Promise<void>
  /** Same, for several records that belong together (one commit). */
  appendMany(records: readonly AuditRecord[]): Promise<void>
  /** Flushes pending entries, writes a final signed checkpoint, stops timers. */
  close(): Promise<void>
}
