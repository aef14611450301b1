// Tables owned by the staff room, as Kysely sees them (created by 0014-staff).
import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export type StaffStatus = 'pending' | 'active' | 'disabled'

export interface StaffAccountTable {
  id: string
  email: string
  status: StaffStatus
  password_hash: string | null
  totp_sealed: Uint8Array | null
  totp_last_step: number | null
  failed_logins: ColumnType<number, number | undefined, number>
  locked_until: NullableTimestamp
  created_at: ColumnType<Date, Date | string | undefined, never>
  created_by: string
  activated_at: NullableTimestamp
  disabled_at: NullableTimestamp
  disabled_by: string | null
}

export interface StaffRoleTable {
  account_id: string
  role: string
  granted_by: string
  granted_at: Timestamp
  approved_by: string | null
  approved_at: NullableTimestamp
}

export interface StaffSetupTokenTable {
  digest: Uint8Array
  account_id: string | null
  first_run: ColumnType<boolean, boolean | undefined, boolean>
  created_at: Timestamp
  expires_at: Timestamp
  used_at: NullableTimestamp
}

export interface StaffRecoveryCodeTable {
  account_id: string
  digest: Uint8Array
  used_at: NullableTimestamp
}

export interface StaffSessionTable {
  id: string
  digest: Uint8Array
  account_id: string
  csrf: string
  user_agent: string | null
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Timestamp
  revoked_at: NullableTimestamp
  revoked_by: string | null
}

export interface StaffUndertakingTable {
  id: string
  account_id: string
  signed_on: string
  reference: string | null
  recorded_at: Timestamp
  recorded_by: string
}

export interface StaffRecertificationTable {
  id: string
  confirmed_at: Timestamp
  confirmed_by: string
  assignments: ColumnType<unknown, string, never>
  digest: string
}

export interface StaffTables {
  staff_account: StaffAccountTable
  staff_role: StaffRoleTable
  staff_setup_token: StaffSetupTokenTable
  staff_recovery_code: StaffRecoveryCodeTable
  staff_session: StaffSessionTable
  staff_undertaking: StaffUndertakingTable
  staff_recertification: StaffRecertificationTable
}
