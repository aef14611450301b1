// The one decision every use of personal data passes: actor × purpose × subject × categories →
// allow (with only the categories the purpose may use) or deny (with a reason code and a sentence a
// person understands). Pure: the subject's state is read elsewhere and handed in.
import type { Policy, Purpose } from '../policy/policy.ts'
import type { Language, LegalBasis } from '../policy/schema.ts'
import type { Actor } from './actor.ts'
import { expiryContext, retentionEnd, type LifecycleFacts } from '../retention/expiry.ts'
import { NOTICE_PURPOSE, REQUEST_PURPOSE } from '../policy/builtin.ts'
import { dateInZone } from '../util/dates.ts'

export type Operation = 'read' | 'write' | 'create' | 'search' | 'event'

export interface SubjectState extends LifecycleFacts {
  readonly id: string
  readonly type: string
  readonly tenantId: string | null
  /** Where the data came from when not from the person (Art. 14), as recorded. */
  readonly source?: string | null
  /** The language mails to the person are written in; null or absent: none stored (the controller's). */
  readonly language?: Language | null
  readonly restricted: boolean
  readonly erased: boolean
  /** Objections by purpose: pending (awaiting a staff decision) or upheld. */
  readonly objections: ReadonlyMap<string, 'pending' | 'upheld' | 'rejected'>
  /**
   * Consent by purpose, from the consent ledger (seam: until the ledger exists nothing is ever
   * granted, so consent purposes are denied).
   */
  readonly consents: ReadonlyMap<string, boolean>
  /** The person's e-mail address is on the suppression list (unsubscribed or objected). */
  readonly suppressed: boolean
  /**
   * After erasure: per purpose, the categories kept for it under a legal duty or a legal hold, and
   * until when (null: until the hold is released). Absent or empty: nothing kept.
   */
  readonly retained?: ReadonlyMap<string, readonly { readonly category: string; readonly until: Date | null }[]>
}

export type DenyReason =
  | 'unknown_purpose'
  | 'purpose_not_allowed_for_actor'
  | 'subject_not_visible'
  | 'subject_erased'
  | 'subject_type_not_covered'
  | 'processor_data_for_controller_purpose'
  | 'controller_data_for_processor_purpose'
  | 'no_consent'
  | 'no_contract'
  | 'objection_upheld'
  | 'objection_pending'
  | 'restricted'
  | 'retention_expired'
  | 'categories_not_in_purpose'
  | 'no_basis'
  | 'suppressed'
  | 'no_soft_opt_in'
  | 'no_legal_claims_purpose'
  | 'request_grant_required'
  | 'purpose_on_hold_dpia'
  | 'dpia_missing'

export type Decision =
  | { readonly allow: true; readonly basis: LegalBasis; readonly categories: readonly string[]; readonly withheld: readonly string[] }
  | { readonly allow: false; readonly reason: DenyReason; readonly message: string; readonly categories?: readonly string[] }

export interface GateQuestion {
  readonly actor: Actor
  readonly purposeId: string
  readonly operation: Operation
  /** The subject, or undefined when creating one (then `subjectType` and `tenantId` describe it). */
  readonly subject: SubjectState | undefined
  readonly subjectType?: string
  /** Categories asked for (read) or carried (write). Undefined: all the purpose may use. */
  readonly categories?: readonly string[]
  readonly now: Date
  /** Creation that carries the person's consent for this purpose (a confirmed double opt-in). */
  readonly withConsent?: boolean
  /**
   * Purposes held back by their DPIA file (REQ-DPIA-03), from the DPIA register's memory copy:
   * a high residual risk without a recorded prior consultation, or a required DPIA not on file.
   */
  readonly holds?: ReadonlyMap<string, { readonly reason: 'purpose_on_hold_dpia' | 'dpia_missing'; readonly message: string }>
}

const deny = (reason: DenyReason, message: string, categories?: readonly string[]): Decision => ({
  allow: false,
  reason,
  message,
  ...(categories ? { categories } : {}),
})

/** The contract basis needs a contract, or a pre-contract step taken at the person's request. */
function contractHolds(subject: SubjectState): boolean {
  if (subject.lastEvent.has('contract_started')) return true
  const applied = subject.lastEvent.get('application_received')
  if (!applied) return false
  const rejected = subject.lastEvent.get('application_rejected')
  return !rejected || rejected < applied
}

export function basisHolds(purpose: Purpose, basis: LegalBasis, subject: SubjectState): Decision | undefined {
  if (basis === 'consent' && subject.consents.get(purpose.id) !== true) {
    return deny('no_consent', `${purpose.id} rests on consent, and this person has not given it (or has withdrawn it)`)
  }
  if (basis === 'contract' && !contractHolds(subject)) {
    return deny('no_contract', `${purpose.id} rests on a contract, and this person has neither a contract nor an application of their own (record contract_started or application_received)`)
  }
  const objection = subject.objections.get(purpose.id)
  if (purpose.directMarketing && objection && objection !== 'rejected') {
    // Art. 21(2)-(3): objection to direct marketing is absolute; no balancing.
    return deny('objection_upheld', `this person objected to ${purpose.id}, which is direct marketing: the objection is absolute`)
  }
  if (purpose.directMarketing) {
    // Belgian e-mail marketing rule (WER XII.13, RD 4 April 2003): consent, or the soft opt-in for
    // existing customers who were offered an opt-out when their address was collected.
    if (subject.suppressed) return deny('suppressed', `this person unsubscribed from or objected to direct marketing: ${purpose.id} is stopped`)
    if (basis !== 'consent' && !(subject.lastEvent.has('contract_started') && subject.lastEvent.has('marketing_opt_out_offered'))) {
      return deny('no_soft_opt_in', `${purpose.id} is marketing e-mail: without consent it needs an existing customer who was offered an opt-out at collection (record contract_started and marketing_opt_out_offered)`)
    }
  }
  if (basis === 'legitimate_interests' || basis === 'public_task') {
    if (objection === 'upheld') return deny('objection_upheld', `this person objected to ${purpose.id} and the objection was upheld`)
    if (objection === 'pending') return deny('objection_pending', `this person objected to ${purpose.id}; processing is restricted until staff decide on compelling grounds`)
  }
  return undefined
}

/**
 * An erased subject: only a purpose for which categories are still kept (a legal duty, a legal
 * hold), only to read, and only those categories (REQ-ER-03). Everything else: subject_erased.
 */
function decideErased(purpose: Purpose, q: GateQuestion, subject: SubjectState): Decision {
  const erased = deny('subject_erased', 'this person\'s data has been erased')
  if (q.operation !== 'read') return erased
  const kept = (subject.retained?.get(purpose.id) ?? []).filter((r) => r.until === null || q.now < r.until).map((r) => r.category)
  if (kept.length === 0) return erased
  const basis = purpose.basis[subject.type]
  if (!basis) return deny('no_basis', `${purpose.id} has no legal basis for ${subject.type}`)
  const asked = q.categories ?? kept
  const categories = asked.filter((c) => kept.includes(c))
  if (categories.length === 0) return deny('subject_erased', `this person's data has been erased; for ${purpose.id} only ${kept.join(', ')} are kept`)
  return { allow: true, basis, categories, withheld: asked.filter((c) => !kept.includes(c)) }
}

/**
 * The Art. 14 notice (built-in NOTICE_PURPOSE, Art. 6(1)(c)): only its declared actor, only the
 * controller's own living people, only to read, only the e-mail address.
 */
function decideNotice(q: GateQuestion): Decision {
  if (!q.actor.purposes.has(NOTICE_PURPOSE)) return deny('purpose_not_allowed_for_actor', `${q.actor.name} does not send Art. 14 notices (purpose ${NOTICE_PURPOSE})`)
  const subject = q.subject
  if (!subject || subject.tenantId !== q.actor.tenantId) return deny('subject_not_visible', 'no such subject')
  if (subject.erased) return deny('subject_erased', 'this person\'s data has been erased')
  if (q.operation !== 'read') return deny('purpose_not_allowed_for_actor', `${NOTICE_PURPOSE} only reads the address to write to`)
  const allowed = q.actor.categories.get(NOTICE_PURPOSE) ?? []
  const asked = q.categories ?? allowed
  return { allow: true, basis: 'legal_obligation', categories: asked.filter((c) => allowed.includes(c)), withheld: asked.filter((c) => !allowed.includes(c)) }
}

export function decide(policy: Policy, q: GateQuestion): Decision {
  // Request handling is never a purpose that opens everyone: it goes through a grant bound to one
  // request (src/gate/request-grant.ts), never through this general question.
  if (q.purposeId === REQUEST_PURPOSE) return deny('request_grant_required', `${REQUEST_PURPOSE} is used only to carry out one verified request, through that request (e.g. GET /v1/staff/requests/{id}/export, POST …/rectify)`)
  if (q.purposeId === NOTICE_PURPOSE) return decideNotice(q)
  const purpose = policy.purpose(q.purposeId)
  if (!purpose) return deny('unknown_purpose', `the policy has no purpose "${q.purposeId}"`)
  if (!q.actor.purposes.has(purpose.id)) return deny('purpose_not_allowed_for_actor', `${q.actor.name} may not use the purpose ${purpose.id}`)
  // Art. 35-36: no use at all while the purpose's DPIA file holds it back.
  const hold = q.holds?.get(purpose.id)
  if (hold) return deny(hold.reason, hold.message)

  const subject = q.subject
  const subjectType = subject?.type ?? q.subjectType
  const tenantId = subject ? subject.tenantId : q.actor.tenantId
  // Data held for a customer is visible to that customer's actors only, and the controller's own
  // actors never see it (REQ-PR-02). Answered like a missing subject, so nothing is revealed.
  if (subject && subject.tenantId !== q.actor.tenantId) return deny('subject_not_visible', 'no such subject')
  if (subject?.erased) return decideErased(purpose, q, subject)
  if (tenantId !== null && purpose.role !== 'processor') {
    return deny('processor_data_for_controller_purpose', `data held for a customer cannot be used for the controller's own purpose ${purpose.id}`)
  }
  if (tenantId === null && purpose.role === 'processor') {
    return deny('controller_data_for_processor_purpose', `${purpose.id} is processing on behalf of a customer; it needs data held for that customer`)
  }
  if (!subjectType || !purpose.subjectTypes.includes(subjectType)) {
    return deny('subject_type_not_covered', `${purpose.id} does not cover ${subjectType ?? 'this kind of person'} (it covers ${purpose.subjectTypes.join(', ')})`)
  }
  const basis = purpose.basis[subjectType]
  if (!basis) return deny('no_basis', `${purpose.id} has no legal basis for ${subjectType}`)

  // A declared system actor may use only the categories its declaration names for this purpose.
  const narrowed = q.actor.categories.get(purpose.id)
  const allowed = purpose.categories.map((c) => c.id).filter((c) => !narrowed || narrowed.includes(c))
  const asked = q.categories ?? allowed
  const outside = asked.filter((c) => !allowed.includes(c))
  if ((q.operation === 'write' || q.operation === 'create') && outside.length > 0) {
    return deny('categories_not_in_purpose', `${purpose.id} may not carry ${outside.join(', ')}; it uses ${allowed.join(', ')}`, outside)
  }

  if (subject) {
    // Art. 18: while restricted, only storage and legal claims.
    if (subject.restricted && !purpose.legalClaims) return deny('restricted', `processing of this person's data is restricted (Art. 18): only storage and legal claims are allowed`)
    // Creating a subject under a registration purpose is itself the pre-contract step; later uses
    // need the basis to hold.
    const basisProblem = basisHolds(purpose, basis, subject)
    if (basisProblem) return basisProblem
    const end = retentionEnd(purpose.retention, subject, expiryContext(policy))
    if (end && q.now >= end) return deny('retention_expired', `the retention period of ${purpose.id} for this person ended on ${dateInZone(end, policy.controller.timeZone)}`)
  } else if (basis === 'consent' && !q.withConsent) {
    return deny('no_consent', `${purpose.id} rests on consent: create the person under a purpose with another basis, then record consent`)
  }

  // Values only a legal duty or legal claims still need sit under the retention key (REQ-ER-03):
  // readable only for the purpose they are kept for, even while the person is otherwise active.
  const keptElsewhere = new Set<string>()
  for (const [p, kept] of subject?.retained ?? []) {
    if (p === purpose.id) continue
    for (const k of kept) if (!(subject!.retained!.get(purpose.id) ?? []).some((x) => x.category === k.category)) keptElsewhere.add(k.category)
  }
  const categories = asked.filter((c) => allowed.includes(c) && !keptElsewhere.has(c))
  return { allow: true, basis, categories, withheld: [...outside, ...asked.filter((c) => keptElsewhere.has(c) && allowed.includes(c))] }
}

/**
 * The legal-claims purposes (legalClaims: true) an actor may use for this person, for a legal hold
 * (Art. 17(3)(e)). Empty: the actor may not hold this person's data.
 */
export function legalClaimsPurposes(policy: Policy, actor: Actor, subject: SubjectState): Purpose[] {
  return policy.purposes.filter((p) => p.legalClaims && actor.purposes.has(p.id) && p.subjectTypes.includes(subject.type))
}
