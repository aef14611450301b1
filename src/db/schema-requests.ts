// Tables owned by the requests room, as Kysely sees them (created by 0007-requests).
import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export interface DsrRequestTable {
  id: string
  type: string
  status: string
  channel: string
  lang: string
  email_hash: string
  email_sealed: Uint8Array
  details_sealed: Uint8Array | null
  submission_key: string | null
  received_at: Timestamp
  received_on: string
  extension_months: ColumnType<number, number | undefined, number>
  extension_reason: string | null
  paused_days: ColumnType<number, number | undefined, number>
  paused_on: string | null
  due_on: string
  doubt_reason: string | null
  verified_at: NullableTimestamp
  verification_method: string | null
  verified_by: string | null
  subject_ids: ColumnType<string[], string | undefined, string>
  tenant_id: string | null
  routed_at: NullableTimestamp
  repeat_of: string | null
  intended: string | null
  fee_cents: number | null
  justification: string | null
  announced_at: NullableTimestamp
  outcome: ColumnType<unknown, string | null | undefined, string | null>
  export_expires_at: NullableTimestamp
  push_state: 'pending' | 'sent' | null
  push_confirmed_by: string | null
  push_country: string | null
  push_risks_accepted_at: NullableTimestamp
  push_risks_hash: string | null
  restriction_lift_noticed_at: NullableTimestamp
  created_by: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
  closed_at: NullableTimestamp
}

export interface DsrCodeTable {
  request_id: string
  digest: Uint8Array
  expires_at: Timestamp
  attempts: ColumnType<number, number | undefined, number>
  /** New codes sent after the first (bounded per request). */
  resends: ColumnType<number, number | undefined, number>
  used_at: NullableTimestamp
}

export interface DsrSessionTable {
  digest: Uint8Array
  request_id: string
  expires_at: Timestamp
}

export interface DsrEventTable {
  request_id: string
  id: string
  at: ColumnType<Date, Date | string | undefined, never>
  from_status: string | null
  to_status: string
  action: string
  actor_id: string
}

export interface Art14NoticeTable {
  subject_id: string
  due_at: Timestamp
  sent_at: NullableTimestamp
  skipped_reason: string | null
}

export interface NotificationContactTable {
  owner: string
  email_sealed: Uint8Array
  email_hash: string
  lang: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface RequestsTables {
  notification_contact: NotificationContactTable
  dsr_request: DsrRequestTable
  dsr_code: DsrCodeTable
  dsr_session: DsrSessionTable
  dsr_event: DsrEventTable
  art14_notice: Art14NoticeTable
}
