// When a purpose's retention ends for one subject, from the policy's rule and the subject's
// lifecycle events. The retention sweeps (a later issue) and the gate read the same answer.
import type { Retention } from '../policy/schema.ts'
import { addDuration } from '../util/duration.ts'

export interface LifecycleFacts {
  readonly createdAt: Date
  /** Latest occurrence of each lifecycle event. */
  readonly lastEvent: ReadonlyMap<string, Date>
}

/** The instant the retention period runs from, or undefined when its trigger has not happened. */
export function retentionStart(retention: Retention, facts: LifecycleFacts): Date | undefined {
  const trigger = retention.trigger ?? 'collected'
  let at: Date | undefined
  if (trigger === 'collected') at = facts.createdAt
  else if (trigger === 'last_interaction') at = facts.lastEvent.get('last_interaction') ?? facts.createdAt
  else at = facts.lastEvent.get(trigger)
  if (!at) return undefined
  if (retention.countFrom === 'next_calendar_year') return new Date(Date.UTC(at.getUTCFullYear() + 1, 0, 1))
  return at
}

/** The end of retention, or undefined while it has not started. */
export function retentionEnd(retention: Retention, facts: LifecycleFacts): Date | undefined {
  const start = retentionStart(retention, facts)
  return start && retention.duration ? addDuration(start, retention.duration) : undefined
}
