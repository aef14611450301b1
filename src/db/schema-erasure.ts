// Tables owned by the erasure room, as Kysely sees them (created by the matching migration).
import type { ColumnType } from 'kysely'

export type { ColumnType }

/** A category kept after erasure, restricted to one purpose, until a date (or until a hold is released). */
export interface RetainedCategoryTable {
  subject_id: string
  category: string
  purpose: string
  reason: 'legal_obligation' | 'legal_claims'
  until: ColumnType<Date | null, Date | string | null, Date | string | null>
  created_at: ColumnType<Date, Date | string | undefined, never>
}

/** Subject id and time only: re-applied at every start (REQ-ER-04). */
export interface ErasureTombstoneTable {
  subject_id: string
  erased_at: ColumnType<Date, Date | string | undefined, Date | string>
  /** The sequence number of the erasure's audit entry (fail closed). */
  audit_seq: ColumnType<number | null, number | null | undefined, number | null>
}

export interface LegalHoldTable {
  subject_id: string
  id: string
  /** The legal-claims purpose the held categories stay restricted to. */
  purpose: string
  /** Cleared: written before reasons were sealed, sealed at the next start. */
  reason: string | null
  /** The reason, sealed under the subject's retention key; null once the hold is released. */
  reason_sealed: Uint8Array | null
  categories: ColumnType<string[], string, string>
  /** YYYY-MM-DD: when the hold must be reviewed (REQ-RT-04). */
  review_date: string
  created_by: string
  created_at: ColumnType<Date, Date | string | undefined, never>
  released_by: string | null
  released_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface RetentionRunTable {
  id: string
  started_at: ColumnType<Date, Date | string, never>
  heartbeat_at: ColumnType<Date, Date | string, Date | string>
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** running, done, interrupted (taken over after it stopped beating), failed */
  status: string
  dry_run: boolean
  started_by: string
  evaluated: ColumnType<number, number | undefined, number>
  /** The last subject id evaluated: a run taken over goes on from the start (the work is idempotent). */
  cursor: string | null
  counts: ColumnType<RetentionCounts, string | undefined, string>
}

/** Counts per `action|purpose|category` key, and totals. */
export type RetentionCounts = Record<string, number>

export interface RetentionRunSubjectTable {
  run_id: string
  subject_id: string
  category: string
  /** delete, anonymise, retain, erase */
  action: string
  purposes: ColumnType<string[], string, never>
  at: ColumnType<Date, Date | string, never>
}

export interface RetentionInstructionTable {
  subject_id: string
  purpose: string
  recipient_id: string
  action: string
  /** webhook, mail, none */
  channel: string
  sent_at: ColumnType<Date, Date | string, never>
}

/** What anonymisation keeps: counts, never a person. */
export interface AnonymisedCountTable {
  purpose: string
  category: string
  /** The year the values were anonymised, in the controller's zone. */
  period: string
  /** '' (drop), a year (year), or a short value (tally). */
  bucket: string
  count: number
}

export interface ErasureTables {
  retained_category: RetainedCategoryTable
  erasure_tombstone: ErasureTombstoneTable
  legal_hold: LegalHoldTable
  retention_run: RetentionRunTable
  retention_run_subject: RetentionRunSubjectTable
  retention_instruction: RetentionInstructionTable
  anonymised_count: AnonymisedCountTable
}
