// The tables, as Kysely sees them. Migrations in ./migrations create exactly these.
import type { ColumnType, Generated } from 'kysely'
import type { JobsTables } from './schema-jobs.ts'
import type { ErasureTables } from './schema-erasure.ts'
import type { RequestsTables } from './schema-requests.ts'
import type { StaffTables } from './schema-staff.ts'
import type { ProcessorTables } from './schema-processors.ts'
import type { BreachTables } from './schema-breaches.ts'
import type { DpiaTables } from './schema-dpia.ts'

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
   * Whether the people a material change affects have been told (REQ-TR-04): 'none' when nothing
   * material changed, 'pending' while notices are owed, 'sent' when every notice went out,
   * 'incomplete' when every notice is settled but some failed or had no address (0016).
   */
  notification_status: string
}

/** One material-change notice to one person (migration 0016): ids only, never the address. */
export interface PolicyNoticeTable {
  version: number
  subject_id: string
  status: ColumnType<PolicyNoticeStatus, PolicyNoticeStatus | undefined, PolicyNoticeStatus>
  attempts: ColumnType<number, number | undefined, number>
  queued_at: ColumnType<Date, Date | string | undefined, never>
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  settled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export type PolicyNoticeStatus = 'pending' | 'sent' | 'failed' | 'no_contact'

export interface MetaTable {
  key: string
  value: string
}

export interface DB extends VaultTables, ConsentTables, JobsTables, ErasureTables, RequestsTables, StaffTables, ProcessorTables, BreachTables, DpiaTables {
  policy_version: PolicyVersionTable
  policy_notice: PolicyNoticeTable
  pledge_meta: MetaTable
}

export type { Generated }

export interface SubjectTable {
  id: string
  type: string
  tenant_id: string | null
  external_id: string | null
  source: string | null
  created_at: ColumnType<Date, Date | string | undefined, never>
  created_by: string
  restricted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  restriction_ground: string | null
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** The language mails to the person are written in (migration 0015); null: the controller's. Cleared at erasure. */
  language: ColumnType<'nl' | 'fr' | 'en' | null, 'nl' | 'fr' | 'en' | null | undefined, 'nl' | 'fr' | 'en' | null>
  /** The sequence number of the audit entry this change was recorded under (fail closed). */
  audit_seq: ColumnType<number | null, number | null | undefined, number | null>
}

export interface SubjectKeyTable {
  subject_id: string
  kind: 'ordinary' | 'retention'
  key_version: number
  master_version: number
  wrapped: Uint8Array
  created_at: ColumnType<Date, Date | string | undefined, never>
}

export interface PersonalDataTable {
  subject_id: string
  category: string
  record_id: string
  key_kind: ColumnType<'ordinary' | 'retention', 'ordinary' | 'retention' | undefined, 'ordinary' | 'retention'>
  key_version: number
  ciphertext: Uint8Array
  lookup: string | null
  written_purpose: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
  /** The sequence number of the audit entry this change was recorded under (fail closed). */
  audit_seq: ColumnType<number | null, number | null | undefined, number | null>
}

export interface SubjectEventTable {
  subject_id: string
  id: string
  event: string
  occurred_at: ColumnType<Date, Date | string, never>
  recorded_at: ColumnType<Date, Date | string | undefined, never>
  actor_id: string
  /** The sequence number of the audit entry this change was recorded under (fail closed). */
  audit_seq: ColumnType<number | null, number | null | undefined, number | null>
}

export interface ObjectionTable {
  subject_id: string
  purpose: string
  status: 'pending' | 'upheld' | 'rejected'
  recorded_at: ColumnType<Date, Date | string | undefined, Date | string>
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface ApiKeyTable {
  id: string
  name: string
  digest: Uint8Array
  purposes: ColumnType<string[], string, string>
  /** What the key may do besides its purposes: `intake` (the public forms, for a website backend). */
  scopes: ColumnType<string[], string | undefined, string>
  tenant_id: string | null
  recipient_id: string | null
  created_at: ColumnType<Date, Date | string | undefined, never>
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** Written at most once a minute per key (src/gate/api-keys.ts). */
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface DisclosureTable {
  subject_id: string
  id: string
  recipient_id: string
  purpose: string
  categories: ColumnType<string[], string, never>
  actor_id: string
  disclosed_at: ColumnType<Date, Date | string | undefined, never>
  /** The sequence number of the audit entry this change was recorded under (fail closed). */
  audit_seq: ColumnType<number | null, number | null | undefined, number | null>
}

export interface AuditEntryTable {
  seq: number
  at: string
  actor_id: string
  action: string
  subject_id: string | null
  purpose: string | null
  categories: ColumnType<string[], string, never>
  decision: 'allow' | 'deny' | null
  reason: string | null
  prev_hash: string
  hash: string
}

export interface AuditHeadTable {
  id: number
  seq: number
  hash: string
  /** From when every data change must carry its entry's sequence number (migration 0011). */
  seq_required_since: ColumnType<Date | null, never, never>
}

/** Where the audit chain starts after pruning (one row, migration 0013); seq 0: at the genesis. */
export interface AuditStartTable {
  id: number
  /** The seq of the signed checkpoint the chain starts at (its entry is kept; every entry before it was pruned). */
  seq: ColumnType<number, number, number>
  hash: string | null
  /** The checkpoint's own time, key id and signature (the signed checkpoint, copied whole). */
  checkpoint_at: string | null
  key_id: string | null
  signature: string | null
  pruned_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** The audit.prune entry that recorded the pruning. */
  entry_seq: ColumnType<number | null, number | null | undefined, number | null>
}

export interface AuditCheckpointTable {
  seq: number
  hash: string
  at: string
  key_id: string
  signature: string
}

export interface ImportProgressTable {
  import_id: string
  line: number
  imported: number
  rejected: number
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface VaultTables {
  subject: SubjectTable
  subject_key: SubjectKeyTable
  personal_data: PersonalDataTable
  subject_event: SubjectEventTable
  objection: ObjectionTable
  api_key: ApiKeyTable
  disclosure: DisclosureTable
  audit_entry: AuditEntryTable
  audit_head: AuditHeadTable
  audit_checkpoint: AuditCheckpointTable
  audit_start: AuditStartTable
  import_progress: ImportProgressTable
}

export interface ConsentEventTable {
  subject_id: string
  id: string
  purpose: string
  granted: boolean
  statement_version: number
  text_hash: string
  lang: string
  channel: string
  act: string
  obtained_by: string
  at: ColumnType<Date, Date | string | undefined, never>
  /** The sequence number of the audit entry this change was recorded under (fail closed). */
  audit_seq: ColumnType<number | null, number | null | undefined, number | null>
}

export interface SuppressionTable {
  hash: string
  reason: string
  created_at: ColumnType<Date, Date | string | undefined, never>
}

export interface PendingSubscriptionTable {
  id: string
  token_digest: Uint8Array
  email_ciphertext: Uint8Array
  lookup: string
  lang: string
  created_at: ColumnType<Date, Date | string | undefined, never>
  expires_at: ColumnType<Date, Date | string, Date | string>
}

export interface ContactMessageTable {
  subject_id: string
  lookup: string
  lang: string
  created_by: string
  received_at: ColumnType<Date, Date | string | undefined, never>
  confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  linked_subject_id: string | null
}

export type ComplaintStatus = 'awaiting_confirmation' | 'open' | 'closed' | 'locked'

export interface ComplaintTable {
  subject_id: string
  lookup: string
  lang: string
  created_by: string
  status: ComplaintStatus
  received_at: ColumnType<Date, Date | string, never>
  code_digest: Uint8Array | null
  code_expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  code_attempts: ColumnType<number, number | undefined, number>
  confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  due_on: string | null
  outcome: string | null
  outcome_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface ComplaintEventTable {
  id: string
  complaint_id: string
  kind: string
  code: string | null
  actor_id: string
  at: ColumnType<Date, Date | string, never>
}

export interface CookieConsentTable {
  id: string
  consent_id: string
  banner_version: string
  policy_version: string
  choices: ColumnType<Record<string, boolean>, string, never>
  lang: string
  gpc: ColumnType<boolean, boolean | undefined, never>
  at: ColumnType<Date, Date | string | undefined, never>
}

export interface OutboxFileTable {
  file: string
  recipient_hash: string
  created_at: ColumnType<Date, Date | string | undefined, never>
}

export interface NewsletterCampaignTable {
  id: string
  purpose: string
  content: ColumnType<unknown, string, string>
  created_by: string
  rate: number
  status: string
  created_at: ColumnType<Date, Date | string | undefined, never>
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface NewsletterDeliveryTable {
  campaign_id: string
  subject_id: string
  state: 'in_flight' | 'sent' | 'skipped' | 'failed'
  lang: string | null
  reason: string | null
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface NewsletterProviderEventTable {
  recipient_id: string
  event_id: string
  kind: string
  subject_id: string | null
  received_at: ColumnType<Date, Date | string | undefined, never>
}

export interface ConsentTables {
  newsletter_campaign: NewsletterCampaignTable
  newsletter_delivery: NewsletterDeliveryTable
  newsletter_provider_event: NewsletterProviderEventTable
  consent_event: ConsentEventTable
  suppression: SuppressionTable
  pending_subscription: PendingSubscriptionTable
  contact_message: ContactMessageTable
  complaint: ComplaintTable
  complaint_event: ComplaintEventTable
  cookie_consent: CookieConsentTable
  outbox_file: OutboxFileTable
}
