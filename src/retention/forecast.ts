// What the sweep will do, and when, if nothing else happens (REQ-RT-02): for one person, every
// instant within the window at which one of their purposes' retention ends is planned as the sweep
// would plan it then; what changes from today's plan is forecast for that day. Pure.
import type { Policy } from '../policy/policy.ts'
import type { HoldFacts } from './erasure-plan.ts'
import { expiryContext, retentionEnd } from './expiry.ts'
import { planRetention, type RetentionPlanInput } from './plan.ts'
import { dateInZone } from '../util/dates.ts'

export interface ForecastItem {
  /** The controller's calendar date the change becomes due. */
  readonly date: string
  readonly action: 'delete' | 'anonymise' | 'retain' | 'erase'
  readonly category: string
  readonly purposes: readonly string[]
}

export function forecastFor(input: Omit<RetentionPlanInput, 'now' | 'instructed'> & { readonly from: Date; readonly until: Date; readonly holds: readonly HoldFacts[] }): ForecastItem[] {
  const { policy, subject, from, until } = input
  const ctx = expiryContext(policy)
  const ends = new Set<number>()
  for (const p of policy.purposes) {
    if (!p.subjectTypes.includes(subject.type) || p.basis[subject.type] === undefined) continue
    const end = retentionEnd(p.retention, subject, ctx)
    if (end && end > from && end <= until) ends.add(end.getTime())
  }
  if (ends.size === 0) return []
  const base = { policy, subject, categories: input.categories, holds: input.holds, instructed: new Set<string>() }
  const key = (a: { category: string; action: string }) => `${a.action}|${a.category}`
  const today = planRetention({ ...base, now: from })
  const seen = new Set(today.actions.map(key))
  let erased = today.outcome === 'erase'
  const out: ForecastItem[] = []
  for (const t of [...ends].sort((a, b) => a - b)) {
    const at = new Date(t)
    const plan = planRetention({ ...base, now: at })
    const date = dateInZone(at, policy.controller.timeZone)
    for (const a of plan.actions) {
      if (seen.has(key(a))) continue
      seen.add(key(a))
      const purposes = a.action === 'retain' ? [...new Set(a.kept.map((k) => k.purpose))].sort() : [...a.purposes]
      out.push({ date, action: a.action, category: a.category, purposes })
    }
    if (plan.outcome === 'erase' && !erased) {
      erased = true
      out.push({ date, action: 'erase', category: '*', purposes: [] })
    }
  }
  return out
}

export type { Policy }
