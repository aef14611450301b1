// Tables owned by the jobs room, as Kysely sees them (created by migration 0005). pg-boss's own
// tables live in the `pgboss` schema and are reached only through pg-boss.
import type { ColumnType } from 'kysely'

export type { ColumnType }

export interface WebhookEndpointTable {
  /** `tenant:<id>` or `recipient:<id>`. */
  owner: string
  url: string
  secret_sealed: Uint8Array
  created_at: ColumnType<Date, Date | string | undefined, never>
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export type WebhookDeliveryState = 'pending' | 'delivered' | 'failed'

export interface WebhookDeliveryTable {
  id: string
  owner: string
  event: string
  payload: ColumnType<unknown, string, never>
  state: ColumnType<WebhookDeliveryState, WebhookDeliveryState | undefined, WebhookDeliveryState>
  attempts: ColumnType<number, number | undefined, number>
  max_attempts: number
  last_status_code: number | null
  /** The class of the last failure (a SafePostError code), never a response body. */
  last_error: string | null
  last_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  next_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  created_at: ColumnType<Date, Date | string | undefined, never>
  acknowledged_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  failed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface JobsTables {
  webhook_endpoint: WebhookEndpointTable
  webhook_delivery: WebhookDeliveryTable
}
