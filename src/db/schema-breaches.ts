// Tables owned by the breaches room, as Kysely sees them (created by 0024-breach-register).
import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type MaybeTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export type BreachSource = 'staff' | 'misdirected_answer'
export type BreachStatus = 'candidate' | 'open' | 'closed'
export type BreachRisk = 'unassessed' | 'unlikely' | 'risk' | 'high'
export type BreachDecision = 'pending' | 'notify' | 'not_notify'
export type Art34Exception = 'a' | 'b' | 'c'

/** One breach (Art. 33(5)): every one is kept, notified or not. Staff-written text, ids and codes. */
export interface BreachTable {
  id: string
  source: BreachSource
  /** The request whose answer went to the wrong person (REQ-BR-05). */
  request_id: string | null
  /** Data held for this customer: the customer is notified (REQ-PR-03), never the GBA or the people. */
  tenant_id: string | null
  status: BreachStatus
  detected_at: Timestamp
  /** Reasonable certainty that personal data were compromised: the 72-hour clock starts here. */
  aware_at: MaybeTimestamp
  facts: string
  /** JSON array of the policy's category ids. */
  data_categories: string
  /** JSON array of the policy's subject type ids. */
  subject_types: string
  approx_subjects: number | null
  approx_records: number | null
  consequences: string
  measures: string
  risk: BreachRisk
  risk_reasoning: string
  decision: BreachDecision
  art34_exception: Art34Exception | null
  art34_exception_reason: string | null
  customer_notified_at: MaybeTimestamp
  /** webhook | mail | none */
  customer_channel: string | null
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
  updated_by: string
}

/** A clock alert, once per breach and mark (24, 48, 66 hours after aware_at). */
export interface BreachAlertTable {
  breach_id: string
  hours: number
  due_at: Timestamp
  raised_at: Timestamp
  mailed_at: MaybeTimestamp
}

/** One phase of the notification to the GBA (Art. 33(4)), with the draft as submitted. */
export interface BreachSubmissionTable {
  id: string
  breach_id: string
  phase: number
  final: boolean
  submitted_at: Timestamp
  submitted_by: string
  gba_reference: string | null
  /** Art. 33(1): why later than 72 hours (required then). */
  late_reason: string | null
  draft: string
}

/** The Art. 34 communication to one affected person: pending, sent, no_contact or failed. */
export interface BreachCommunicationTable {
  id: string
  breach_id: string
  subject_id: string
  state: 'pending' | 'sent' | 'no_contact' | 'failed'
  language: string | null
  message_id: string | null
  created_at: Timestamp
  sent_at: MaybeTimestamp
}

export interface BreachTables {
  breach: BreachTable
  breach_alert: BreachAlertTable
  breach_submission: BreachSubmissionTable
  breach_communication: BreachCommunicationTable
}
