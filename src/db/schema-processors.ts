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
  contract_run: ContractRunTable
}
