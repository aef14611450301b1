// What changed between two policies, per purpose, and a readable line diff of two statements.
// A change to a purpose's legal basis, categories, recipients or retention is material (REQ-TR-04):
// people must be told actively before it takes effect. Wording changes are not.
import { createTwoFilesPatch } from 'diff'
import type { Policy, Purpose } from './policy.ts'
import { canonicalJson } from '../util/canonical-json.ts'

export type MaterialAspect = 'basis' | 'categories' | 'recipients' | 'retention'

export interface PurposeChange {
  purposeId: string
  material: boolean
  changed: MaterialAspect[]
  added?: boolean
  removed?: boolean
}

function basisKey(p: Purpose): string {
  return canonicalJson(p.basis)
}

function categoriesKey(p: Purpose): string {
  // Which categories, and whether each must be provided (Art. 13(2)(e)).
  return canonicalJson([...p.categories].map((c) => [c.id, c.required]).sort())
}

function recipientsKey(policy: Policy, p: Purpose): string {
  // The recipients by identity, including where they are and on what transfer safeguard: moving a
  // processor to another country changes what the statement promises about this purpose.
  return canonicalJson(
    [...p.recipients].sort().map((id) => {
      const r = policy.recipient(id)
      // The decision compared in English: translating its title changes no safeguard.
      const transfer = r?.transfer ? { ...r.transfer, decision: typeof r.transfer.decision === 'string' ? r.transfer.decision : r.transfer.decision.en } : null
      return r ? { id, name: r.name, role: r.role, country: r.country, transfer } : { id }
    }),
  )
}

function retentionKey(p: Purpose): string {
  // The rule itself; the explanatory rationale text is wording, not a change of the rule.
  // The reference compared in English: translating it into Dutch and French changes no rule.
  const { duration, trigger, countFrom, endAction, legalReference } = p.retention
  return canonicalJson({ duration, trigger, countFrom: countFrom ?? 'event', endAction, legalReference: legalReference?.en })
}

/**
 * Per purpose (of either policy, in the order of `next`, removed ones last): which of basis,
 * categories, recipients and retention changed. Added and removed purposes are material.
 */
export function materialChanges(previous: Policy, next: Policy): PurposeChange[] {
  const out: PurposeChange[] = []
  for (const p of next.purposes) {
    const before = previous.purpose(p.id)
    if (!before) {
      out.push({ purposeId: p.id, material: true, changed: [], added: true })
      continue
    }
    const changed: MaterialAspect[] = []
    if (basisKey(before) !== basisKey(p)) changed.push('basis')
    if (categoriesKey(before) !== categoriesKey(p)) changed.push('categories')
    if (recipientsKey(previous, before) !== recipientsKey(next, p)) changed.push('recipients')
    if (retentionKey(before) !== retentionKey(p)) changed.push('retention')
    out.push({ purposeId: p.id, material: changed.length > 0, changed })
  }
  for (const p of previous.purposes) {
    if (!next.purpose(p.id)) out.push({ purposeId: p.id, material: true, changed: [], removed: true })
  }
  return out
}

/** Unified line diff of two statements (Markdown is the readable choice). Empty hunks when equal. */
export function diffStatements(aMarkdown: string, bMarkdown: string, aLabel = 'previous', bLabel = 'next'): string {
  return createTwoFilesPatch(aLabel, bLabel, aMarkdown, bMarkdown, undefined, undefined, { context: 3 })
}
