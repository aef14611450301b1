// When a purpose's retention ends for one subject, from the policy's rule and the subject's
// lifecycle events, counted on the controller's calendar (its time zone). The gate, the erasure
// plan, the sweep and the forecast all read the same answer, and the statement states it.
import type { Retention } from '../policy/schema.ts'
import { addDurationInZone } from '../util/duration.ts'
import { instantInZone, partsInZone } from '../util/dates.ts'

export interface LifecycleFacts {
  readonly createdAt: Date
  /** Latest occurrence of each lifecycle event. */
  readonly lastEvent: ReadonlyMap<string, Date>
}

export interface ExpiryContext {
  /** The controller's time zone, in which periods are counted. */
  readonly timeZone: string
  /** Events derived when not recorded (the policy's `derive`): event → its `from` event and `after`. */
  readonly derived?: ReadonlyMap<string, { readonly from: string; readonly after: string }>
}

/** When an event happened for this subject: recorded, else derived from the event it follows. */
export function eventAt(event: string, facts: LifecycleFacts, ctx: ExpiryContext): Date | undefined {
  if (event === 'collected') return facts.createdAt
  if (event === 'last_interaction') return facts.lastEvent.get('last_interaction') ?? facts.createdAt
  const recorded = facts.lastEvent.get(event)
  if (recorded) return recorded
  const rule = ctx.derived?.get(event)
  if (!rule) return undefined
  const from = eventAt(rule.from, facts, { ...ctx, derived: undefined })
  return from ? addDurationInZone(from, rule.after, ctx.timeZone) : undefined
}

/** The instant the retention period runs from, or undefined when its trigger has not happened. */
export function retentionStart(retention: Retention, facts: LifecycleFacts, ctx: ExpiryContext): Date | undefined {
  const at = eventAt(retention.trigger ?? 'collected', facts, ctx)
  if (!at) return undefined
  if (retention.countFrom === 'next_calendar_year') return instantInZone({ year: partsInZone(at, ctx.timeZone).year + 1, month: 1, day: 1 }, ctx.timeZone)
  return at
}

/** The end of retention, or undefined while it has not started. */
export function retentionEnd(retention: Retention, facts: LifecycleFacts, ctx: ExpiryContext): Date | undefined {
  const start = retentionStart(retention, facts, ctx)
  return start && retention.duration ? addDurationInZone(start, retention.duration, ctx.timeZone) : undefined
}

/** The context of a policy: its controller's zone and its derived events. */
export function expiryContext(policy: { readonly controller: { readonly timeZone: string }; readonly derivedEvents: ReadonlyMap<string, { readonly from: string; readonly after: string }> }): ExpiryContext {
  return { timeZone: policy.controller.timeZone, derived: policy.derivedEvents }
}
