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

export interface ErasureTables {
  retained_category: RetainedCategoryTable
  erasure_tombstone: ErasureTombstoneTable
  legal_hold: LegalHoldTable
}
