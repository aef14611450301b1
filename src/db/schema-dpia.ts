// Tables owned by the dpia room, as Kysely sees them (created by 0028-dpia-register).
import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export interface DpiaRegisterTable {
  purpose_id: string
  /** The purpose's DPIA file as JSON text (src/dpia/entry.ts): screening, DPIA, prior consultation. */
  entry: string
  updated_at: Timestamp
  updated_by: string
}

/** A reminder to the privacy role: rescreening:<trigger>, dpia_review_due, lia_review_due. */
export interface DpiaReminderTable {
  id: string
  purpose_id: string
  kind: string
  /** The review date passed, or the screening date the trigger arose after (YYYY-MM-DD). */
  due_on: string
  raised_at: Timestamp
  mailed_at: NullableTimestamp
  resolved_at: NullableTimestamp
}

export interface DpiaTables {
  dpia_register: DpiaRegisterTable
  dpia_reminder: DpiaReminderTable
}
