// The vocabulary of data-subject requests, shared by the service, the HTTP routes, the privacy
// center and the mails. No personal data in any of these shapes except where marked.
import type { Language } from '../policy/schema.ts'

export const REQUEST_TYPES = ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdraw_consent'] as const
export type RequestType = (typeof REQUEST_TYPES)[number]

export const REQUEST_STATUSES = ['received', 'awaiting_verification', 'verified', 'in_progress', 'waiting_on_controller', 'completed', 'refused'] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]

export const CHANNELS = ['web', 'email', 'phone', 'post', 'in_app', 'api'] as const
export type Channel = (typeof CHANNELS)[number]

/** Why a staff member may ask for more information than the code to the address (REQ-ID-02). */
export const DOUBT_REASONS = ['address_not_on_record', 'details_mismatch', 'third_party_request', 'high_risk_data', 'representative_without_mandate'] as const
export type DoubtReason = (typeof DOUBT_REASONS)[number]

/** What a request looks like to its requester (GET /v1/requests/{id}). */
export interface RequestView {
  readonly id: string
  readonly type: RequestType
  readonly status: RequestStatus
  readonly lang: Language
  readonly receivedAt: string
  /** Calendar date in the controller's time zone (YYYY-MM-DD), after any extension or pause. */
  readonly dueAt: string
  readonly outcome?: RequestOutcome
  /** An access or portability export ready to download with the verified session. */
  readonly download?: { readonly url: string; readonly expiresAt: string }
}

/** What was done, in ids and codes; the mails and pages put it into words. */
export type RequestOutcome =
  | { readonly kind: 'no_data' }
  | { readonly kind: 'routed_to_customer' }
  | { readonly kind: 'access_ready' }
  | { readonly kind: 'portability_ready'; readonly pushed?: boolean }
  | { readonly kind: 'erased'; readonly erased: readonly string[]; readonly kept: readonly KeptItem[] }
  | { readonly kind: 'rectified'; readonly categories: readonly string[] }
  | { readonly kind: 'restricted' }
  | { readonly kind: 'objection'; readonly upheld: readonly string[]; readonly pending: readonly string[] }
  | { readonly kind: 'consent_withdrawn'; readonly purposes: readonly string[] }
  | { readonly kind: 'refused'; readonly reason: string }
  /** The code was entered wrongly too often: closed for the person's protection; they may file again. */
  | { readonly kind: 'verification_locked' }

export interface KeptItem {
  readonly category: string
  readonly purpose: string
  /** 'legal_obligation' (Art. 17(3)(b)) or 'legal_claims' (Art. 17(3)(e)). */
  readonly reason: string
  /** YYYY-MM-DD, or null while a legal hold lasts. */
  readonly until: string | null
}

/** Every mail the request handling sends to a requester; rendered by src/requests/mails.ts. */
export type RequestMail =
  | { readonly kind: 'acknowledgement'; readonly type: RequestType; readonly receivedAt: string; readonly dueAt: string; readonly code: string; readonly verifyUrl: string; readonly expiresMinutes: number }
  | { readonly kind: 'no_data'; readonly type: RequestType; readonly statusUrl: string }
  | { readonly kind: 'export_ready'; readonly type: 'access' | 'portability'; readonly statusUrl: string; readonly expiresAt: string }
  | { readonly kind: 'erasure_done'; readonly erased: readonly string[]; readonly kept: readonly KeptItem[] }
  | { readonly kind: 'rectification_done'; readonly categories: readonly string[] }
  | { readonly kind: 'restriction_applied' }
  | { readonly kind: 'restriction_lift_notice'; readonly liftOn: string }
  | { readonly kind: 'objection_recorded'; readonly upheld: readonly string[]; readonly pending: readonly string[] }
  | { readonly kind: 'objection_decided'; readonly purpose: string; readonly upheld: boolean; readonly grounds: string }
  | { readonly kind: 'consent_withdrawn'; readonly purposes: readonly string[] }
  | { readonly kind: 'routed_to_customer'; readonly type: RequestType }
  | { readonly kind: 'extension'; readonly newDueAt: string; readonly reason: string }
  | { readonly kind: 'information_needed'; readonly reason: DoubtReason; readonly means: string }
  | { readonly kind: 'intended_fee'; readonly feeCents: number; readonly justification: string }
  | { readonly kind: 'intended_refusal'; readonly justification: string }
  | { readonly kind: 'refused'; readonly justification: string }
  | { readonly kind: 'verification_locked'; readonly attempts: number; readonly newRequestUrl: string }
  | { readonly kind: 'art14_notice'; readonly source: string; readonly subjectType: string }

/** Staff alerts (REQ-TR-07 reminders): ids and dates only. */
export interface StaffReminder {
  readonly requestId: string
  readonly type: RequestType
  readonly dueAt: string
  readonly daysLeft: number
}
