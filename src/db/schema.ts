// The tables, as Kysely sees them. Migrations in ./migrations create exactly these.
import type { ColumnType, Generated } from 'kysely'

export interface PolicyVersionTable {
  version: number
  content_hash: string
  published_at: ColumnType<Date, Date | string | undefined, never>
  /** Calendar date from which this version applies (YYYY-MM-DD). */
  effective_date: string
  document: ColumnType<unknown, string, never>
  /** Per purpose: whether the change from the previous version is material, and what changed. */
  material_changes: ColumnType<unknown, string, never>
  /**
   * What the staff console will need to notify affected people before a material change takes
   * effect: 'none' when nothing material changed, else 'pending' until notices are sent.
   */
  notification_status: string
}

export interface MetaTable {
  key: string
  value: string
}

export interface DB {
  policy_version: PolicyVersionTable
  pledge_meta: MetaTable
}

export type { Generated }
