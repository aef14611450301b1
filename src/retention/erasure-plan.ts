// What an erasure erases and what it keeps (Art. 17(3)), decided per category (REQ-ER-01). Pure:
// the policy, the subject's state, the categories it has records for and its active legal holds
// go in; the plan and what the confirmation tells the person come out (ids, codes and dates only:
// the requests room renders them in nl/fr/en).
//
// Only two exceptions are used (REQ-ER-02):
// - 17(3)(b) legal obligation: a purpose whose basis for this subject type is legal_obligation
//   (accounting), for the categories it uses, while its retention has started and not ended. A
//   retention that has not started (no invoice was ever issued) requires nothing: erased.
// - 17(3)(e) legal claims: the categories named by an active legal hold, until it is released.
// Everything else is erased, including categories only other purposes use.
import type { Policy } from '../policy/policy.ts'
import type { SubjectState } from '../gate/decide.ts'
import { expiryContext, retentionEnd } from './expiry.ts'
import { dateInZone } from '../util/dates.ts'

import type { ErasurePlan, HoldFacts, KeptCategory, RetentionReason } from '../vault/erasure-plan-types.ts'

export type { ErasurePlan, HoldFacts, KeptCategory, RetentionReason }

/** What the confirmation to the person says, as data: no sentences. */
export interface ErasureConfirmation {
  readonly erased: readonly string[]
  readonly kept: readonly {
    readonly category: string
    readonly purpose: string
    readonly reason: RetentionReason
    /** The GDPR provision: 17(3)(b) for a legal obligation, 17(3)(e) for legal claims. */
    readonly article: 'Art. 17(3)(b)' | 'Art. 17(3)(e)'
    /** Calendar date (YYYY-MM-DD, the controller's time zone) the data will be erased, or null: until the legal hold ends. */
    readonly until: string | null
  }[]
}

export interface ErasurePlanInput {
  readonly policy: Policy
  readonly subject: SubjectState
  /** Categories the subject has records for. */
  readonly categories: readonly string[]
  /** Active (unreleased) legal holds on the subject. */
  readonly holds: readonly HoldFacts[]
  readonly now: Date
}

export function planErasure(input: ErasurePlanInput): ErasurePlan {
  const { policy, subject, now } = input
  const held = new Set(input.categories)
  const kept = new Map<string, KeptCategory>()
  const keep = (k: KeptCategory) => {
    const key = `${k.category}\u0000${k.purpose}`
    const existing = kept.get(key)
    // Several holds on one category: kept as long as the longest (null = until released).
    if (!existing || (existing.until !== null && (k.until === null || k.until > existing.until))) kept.set(key, k)
  }
  for (const purpose of policy.purposes) {
    if (!purpose.subjectTypes.includes(subject.type)) continue
    if (purpose.basis[subject.type] !== 'legal_obligation') continue
    if ((purpose.role === 'processor') !== (subject.tenantId !== null)) continue
    const end = retentionEnd(purpose.retention, subject, expiryContext(policy))
    if (!end || end <= now) continue
    for (const c of purpose.categories) if (held.has(c.id)) keep({ category: c.id, purpose: purpose.id, reason: 'legal_obligation', until: end })
  }
  for (const hold of input.holds) {
    const purpose = policy.purpose(hold.purpose)
    if (!purpose?.legalClaims) continue
    const allowed = new Set(purpose.categories.map((c) => c.id))
    for (const category of hold.categories) if (held.has(category) && allowed.has(category)) keep({ category, purpose: hold.purpose, reason: 'legal_claims', until: null })
  }
  const keptCategories = new Set([...kept.values()].map((k) => k.category))
  return {
    subjectId: subject.id,
    erased: [...held].filter((c) => !keptCategories.has(c)).sort(),
    kept: [...kept.values()].sort((a, b) => a.category.localeCompare(b.category) || a.purpose.localeCompare(b.purpose)),
  }
}

export function confirmationOf(plan: Pick<ErasurePlan, 'erased' | 'kept'>, timeZone: string): ErasureConfirmation {
  return {
    erased: [...plan.erased],
    kept: plan.kept.map((k) => ({
      category: k.category,
      purpose: k.purpose,
      reason: k.reason,
      article: k.reason === 'legal_obligation' ? ('Art. 17(3)(b)' as const) : ('Art. 17(3)(e)' as const),
      until: k.until ? dateInZone(k.until, timeZone) : null,
    })),
  }
}
