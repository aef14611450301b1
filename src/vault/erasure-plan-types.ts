// What an erasure carries out, as the vault receives it: the plan of which categories are destroyed
// and which are kept, why and until when. The retention room decides the plan
// (src/retention/erasure-plan.ts); the vault owns its shape, so it never depends on that room.

export type RetentionReason = 'legal_obligation' | 'legal_claims'

/** An active legal hold as the plan needs it. */
export interface HoldFacts {
  readonly id: string
  /** The legal-claims purpose the held categories stay restricted to. */
  readonly purpose: string
  readonly categories: readonly string[]
}

export interface KeptCategory {
  readonly category: string
  /** The one purpose the category stays restricted to. */
  readonly purpose: string
  readonly reason: RetentionReason
  /** End of the legal duty; null while a legal hold lasts (until it is released). */
  readonly until: Date | null
}

export interface ErasurePlan {
  readonly subjectId: string
  /** Categories whose records are destroyed (sorted). */
  readonly erased: readonly string[]
  /** Categories kept, one entry per category and purpose (sorted by category, then purpose). */
  readonly kept: readonly KeptCategory[]
}
