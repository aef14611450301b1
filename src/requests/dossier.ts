// What the gate hands to request fulfilment about one person: every stored record (decrypted under
// the built-in purpose data_subject_request) and the facts around it, no key material. Exports
// (access ZIP, portability) are pure functions of a dossier and the policy.
import type { VaultRecord } from '../vault/vault.ts'
import type { ConsentEvent } from '../consent/ledger.ts'
import type { SubjectUse } from '../audit/audit-log.ts'

export interface DossierDisclosure {
  readonly recipientId: string
  readonly purpose: string
  readonly categories: readonly string[]
  readonly at: Date
}

export interface Dossier {
  readonly subjectId: string
  readonly subjectType: string
  /** Null for the controller's own data; a customer's id for data held on its behalf. */
  readonly tenantId: string | null
  /** Where the data came from when not from the person (recorded at import or creation), else null. */
  readonly source: string | null
  readonly createdAt: Date
  readonly records: readonly VaultRecord[]
  /** Lifecycle events (contract_started, invoice_issued ...), oldest first. */
  readonly events: readonly { readonly event: string; readonly at: Date }[]
  readonly consents: readonly ConsentEvent[]
  readonly objections: readonly { readonly purpose: string; readonly status: 'pending' | 'upheld' | 'rejected' }[]
  readonly restricted: boolean
  /** Who received the person's data, by recipient id (Art. 15(1)(c), Art. 19). */
  readonly disclosures: readonly DossierDisclosure[]
  /** When and why the data were used, from the audit log, newest first (REQ-AC-09); not by whom. */
  readonly uses?: readonly SubjectUse[]
}
