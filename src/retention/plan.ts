// What the retention sweep does for one person, decided per category (REQ-RT-01, REQ-RT-02). Pure:
// the policy, the person's state, the categories they have values in, their legal holds and the
// processor instructions already sent go in; the plan comes out.
//
// A purpose still needs a category while its basis holds for this person and its retention has not
// ended. A purpose that rests on a legal obligation or serves legal claims needs nothing before its
// retention starts (no invoice: no accounting duty); any other purpose needs its data from the start
// (a contract that has not ended). A category's values are:
// - kept, while a purpose that is neither a legal duty nor legal claims needs them;
// - moved under the person's retention key (REQ-ER-03), while only legal duties or legal claims (a
//   purpose with `legalClaims`, or a legal hold) need them, each until its own end;
// - anonymised, once nothing needs them and a purpose whose retention ended asks to anonymise;
// - deleted otherwise.
// A person no purpose other than a legal one needs any more is erased like an erasure erases (what
// legal duties keep stays under the retention key; nothing else is left); a person with nothing
// kept becomes a tombstone. A legal hold keeps what it names. A restriction on the ground of
// Art. 18(1)(b) or (c) — or with no ground recorded — stops every deletion for the person.
import type { Policy, Purpose } from '../policy/policy.ts'
import type { SubjectState } from '../gate/decide.ts'
import { basisHolds } from '../gate/decide.ts'
import { expiryContext, retentionEnd } from './expiry.ts'
import type { HoldFacts, KeptCategory } from './erasure-plan.ts'

/** The Art. 18(1) grounds a restriction records (a)–(d). */
export const RESTRICTION_GROUNDS = ['a_accuracy_contested', 'b_unlawful_erasure_opposed', 'c_needed_for_legal_claims', 'd_objection_pending'] as const
export type RestrictionGround = (typeof RESTRICTION_GROUNDS)[number]

/** The restriction grounds under which deletion goes on: the person asked for nothing to be kept. */
const DELETION_ALLOWED_UNDER: ReadonlySet<string> = new Set(['a_accuracy_contested', 'd_objection_pending'])

export type CategoryAction =
  | { readonly category: string; readonly action: 'delete'; readonly purposes: readonly string[] }
  | { readonly category: string; readonly action: 'anonymise'; readonly purposes: readonly string[] }
  | { readonly category: string; readonly action: 'retain'; readonly kept: readonly KeptCategory[] }

export interface ProcessorInstruction {
  readonly purpose: string
  readonly recipientId: string
  readonly action: 'delete' | 'anonymise'
  readonly categories: readonly string[]
}

export interface RetentionPlan {
  readonly subjectId: string
  /** What happens to each category that changes (kept categories are not listed). */
  readonly actions: readonly CategoryAction[]
  /** living: the person stays; erase: no purpose but legal ones needs them any more. */
  readonly outcome: 'living' | 'erase'
  /** Why nothing is deleted although the plan would: the person asked for their data to be kept. */
  readonly blocked?: 'restricted'
  /** Processors holding data for a purpose whose retention ended, not told yet. */
  readonly instructions: readonly ProcessorInstruction[]
}

export interface RetentionPlanInput {
  readonly policy: Policy
  readonly subject: SubjectState & { readonly restrictionGround?: string | null }
  /** Categories the person has values in under their ordinary key. */
  readonly categories: readonly string[]
  readonly holds: readonly HoldFacts[]
  /** `purpose|recipient` of the processor instructions already sent for this person. */
  readonly instructed: ReadonlySet<string>
  readonly now: Date
}

const isLegal = (p: Purpose, type: string) => p.basis[type] === 'legal_obligation' || p.legalClaims

export function planRetention(input: RetentionPlanInput): RetentionPlan {
  const { policy, subject, now } = input
  const ctx = expiryContext(policy)
  const processorScope = subject.tenantId !== null
  const applicable = policy.purposes.filter((p) => p.subjectTypes.includes(subject.type) && (p.role === 'processor') === processorScope && p.basis[subject.type] !== undefined)
  const status = applicable.map((p) => {
    const basis = p.basis[subject.type]!
    const end = retentionEnd(p.retention, subject, ctx)
    const live = basisHolds(p, basis, subject) === undefined
    const legal = isLegal(p, subject.type)
    const needs = live && (end ? now < end : !legal)
    // Ended for this person only if it ever applied to them (its basis holds): a purpose a person
    // never consented to or objected to does not turn a deletion into an anonymisation.
    return { purpose: p, end, legal, needs, ended: live && end !== undefined && now >= end }
  })
  const actions: CategoryAction[] = []
  for (const category of [...input.categories].sort()) {
    const users = status.filter((s) => s.purpose.categories.some((c) => c.id === category))
    const needers = users.filter((s) => s.needs)
    const holds = input.holds.filter((h) => h.categories.includes(category) && policy.purpose(h.purpose)?.legalClaims)
    if (needers.some((s) => !s.legal)) continue // kept as it is
    if (needers.length || holds.length) {
      const kept: KeptCategory[] = [
        ...needers.map((s) => ({ category, purpose: s.purpose.id, reason: s.purpose.basis[subject.type] === 'legal_obligation' ? ('legal_obligation' as const) : ('legal_claims' as const), until: s.end! })),
        ...holds.filter((h) => !needers.some((s) => s.purpose.id === h.purpose)).map((h) => ({ category, purpose: h.purpose, reason: 'legal_claims' as const, until: null })),
      ]
      actions.push({ category, action: 'retain', kept })
      continue
    }
    const ended = users.filter((s) => s.ended)
    const anonymise = ended.some((s) => s.purpose.retention.endAction === 'anonymise')
    actions.push({ category, action: anonymise ? 'anonymise' : 'delete', purposes: ended.map((s) => s.purpose.id).sort() })
  }
  const living = status.some((s) => s.needs && !s.legal)
  const instructions: ProcessorInstruction[] = []
  if (!processorScope) {
    for (const s of status) {
      if (!s.ended) continue
      for (const recipientId of s.purpose.recipients) {
        const role = policy.recipient(recipientId)?.role
        if (role !== 'processor' && role !== 'sub_processor') continue
        if (input.instructed.has(`${s.purpose.id}|${recipientId}`)) continue
        instructions.push({ purpose: s.purpose.id, recipientId, action: s.purpose.retention.endAction, categories: s.purpose.categories.map((c) => c.id) })
      }
    }
  }
  const restricted = subject.restricted && !DELETION_ALLOWED_UNDER.has(subject.restrictionGround ?? '')
  return {
    subjectId: subject.id,
    actions: restricted ? [] : actions,
    outcome: living || restricted ? 'living' : 'erase',
    ...(restricted && (actions.length || !living) ? { blocked: 'restricted' as const } : {}),
    instructions,
  }
}

/** Whether a plan changes anything for the person (the sweep skips those that do not). */
export function planChanges(plan: RetentionPlan, erased: boolean): boolean {
  return plan.actions.length > 0 || plan.instructions.length > 0 || (plan.outcome === 'erase' && !erased)
}
