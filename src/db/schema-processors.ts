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

export interface ProcessorTables {
  processor_register: ProcessorRegisterTable
  processor_uncovered_notice: ProcessorUncoveredNoticeTable
}
