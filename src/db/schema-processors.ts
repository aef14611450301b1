// Tables owned by the processors room, as Kysely sees them (created by 0020-processor-register).
import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

export interface ProcessorRegisterTable {
  recipient_id: string
  /** The register entry as JSON text (src/processors/entry.ts): dates, evidence, locations. */
  entry: string
  updated_at: Timestamp
  updated_by: string
}

/** An Art. 19 notice (or processor instruction) sent to a recipient the register did not cover. */
export interface ProcessorUncoveredNoticeTable {
  id: string
  recipient_id: string
  event: string
  /** The missing items, comma-separated codes (dpa_missing, mechanism_missing:US, ...). */
  missing: string
  sent_at: Timestamp
}

export type SubprocessorChangeKind = 'added' | 'replaced'
export type SubprocessorNoticeState = 'pending' | 'sent' | 'objected' | 'window_closed'

/** A sub-processor added or replaced under general authorisation (0021, REQ-PRC-03). Company data only. */
export interface SubprocessorChangeTable {
  id: string
  recipient_id: string
  kind: SubprocessorChangeKind
  /** The sub-processor as JSON text: { name, country, service } (a company, never a person). */
  sub_processor: string
  /** For a replacement: the name of the sub-processor it replaces. */
  replaces: string | null
  announced_at: Timestamp
  announced_by: string
  /** The last day (YYYY-MM-DD, controller's time zone) on which a customer may object. */
  window_ends_on: string
}

/** One customer's notice of a change, tracked to the end of its objection window. */
export interface SubprocessorNoticeTable {
  id: string
  change_id: string
  tenant_id: string
  state: SubprocessorNoticeState
  /** How it went out: `webhook`; null while pending (no channel yet). */
  channel: string | null
  delivery_id: string | null
  window_ends_on: string
  created_at: Timestamp
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  objected_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/** A re-validation reminder (REQ-TF-03): review_due, adequacy_changed:<CC>, certification_changed. */
export interface ProcessorReminderTable {
  id: string
  recipient_id: string
  kind: string
  due_on: string
  raised_at: Timestamp
  raised_by: string
  mailed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  resolved_by: string | null
}

/** An end-of-contract run (0022-contract-runs): counts, ids and the signed certificate. */
export interface ContractRunTable {
  id: string
  tenant_id: string
  do_return: boolean
  do_delete: boolean
  status: 'running' | 'finished'
  started_at: Timestamp
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  started_by: string
  start_seq: ColumnType<string | number, number, number>
  /** The last subject id done (id order): where a killed run resumes. */
  cursor: string | null
  subjects_total: number
  subjects_exported: ColumnType<number, number | undefined, number>
  subjects_erased: ColumnType<number, number | undefined, number>
  records_deleted: ColumnType<number, number | undefined, number>
  records_kept: ColumnType<number, number | undefined, number>
  /** JSON: [{ purpose, reason, category, subjects }] — what remains and why. */
  kept: ColumnType<string, string | undefined, string>
  certificate: string | null
}

export interface ProcessorTables {
  processor_register: ProcessorRegisterTable
  processor_uncovered_notice: ProcessorUncoveredNoticeTable
  subprocessor_change: SubprocessorChangeTable
  subprocessor_notice: SubprocessorNoticeTable
  processor_reminder: ProcessorReminderTable
  contract_run: ContractRunTable
}
