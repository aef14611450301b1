// A register row as the API, the CLI and the console show it: what the policy declares (role,
// country, service, the purposes and categories that reach the recipient) next to what the register
// holds (dates, evidence) and what is missing. Company data only, never a person's.
import type { Policy } from '../policy/policy.ts'
import type { Language } from '../policy/schema.ts'
import { missingTerms, type Gap, type RegisterEntry } from './entry.ts'
import type { RegisterRow, UncoveredNotice } from './register.ts'
import type { SubprocessorChange, SubprocessorNotice } from './subprocessor-notices.ts'
import type { ProcessorReminder } from './reminders.ts'

export interface RegisterView {
  readonly recipientId: string
  readonly name: string
  readonly role: string
  readonly country: string
  readonly service: Record<Language, string>
  readonly purposes: readonly string[]
  readonly categories: readonly string[]
  readonly entry: RegisterEntry | null
  readonly gaps: readonly Gap[]
  readonly covered: boolean
  readonly missingTerms: readonly string[]
  readonly updatedAt: string | null
  readonly updatedBy: string | null
}

/** The purposes of the policy that name the recipient, and the categories they use. */
export function flowsTo(policy: Policy, recipientId: string): { purposes: string[]; categories: string[] } {
  const purposes = policy.purposes.filter((p) => p.recipients.includes(recipientId))
  return { purposes: purposes.map((p) => p.id), categories: [...new Set(purposes.flatMap((p) => p.categories.map((c) => c.id)))] }
}

export function registerView(policy: Policy, row: RegisterRow): RegisterView {
  const r = row.recipient
  const service: Record<Language, string> = { nl: r.service.nl, fr: r.service.fr, en: r.service.en }
  return {
    recipientId: r.id,
    name: r.name,
    role: r.role,
    country: r.country,
    service,
    ...flowsTo(policy, r.id),
    entry: row.entry ?? null,
    gaps: row.gaps,
    covered: row.gaps.length === 0,
    missingTerms: missingTerms(row.entry),
    updatedAt: row.updatedAt?.toISOString() ?? null,
    updatedBy: row.updatedBy ?? null,
  }
}

export function noticeView(n: UncoveredNotice): { id: string; recipientId: string; event: string; missing: readonly string[]; sentAt: string } {
  return { id: n.id, recipientId: n.recipientId, event: n.event, missing: n.missing, sentAt: n.sentAt.toISOString() }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function changeView(c: SubprocessorChange) {
  return { id: c.id, recipientId: c.recipientId, kind: c.kind, subProcessor: { ...c.subProcessor }, replaces: c.replaces, announcedAt: c.announcedAt.toISOString(), announcedBy: c.announcedBy, windowEndsOn: c.windowEndsOn }
}

export function noticeStateView(n: SubprocessorNotice) {
  return { id: n.id, changeId: n.changeId, tenantId: n.tenantId, state: n.state, channel: n.channel, deliveryId: n.deliveryId, windowEndsOn: n.windowEndsOn, createdAt: n.createdAt.toISOString(), sentAt: iso(n.sentAt), objectedAt: iso(n.objectedAt), closedAt: iso(n.closedAt) }
}

export function reminderView(r: ProcessorReminder) {
  return { id: r.id, recipientId: r.recipientId, kind: r.kind, dueOn: r.dueOn, raisedAt: r.raisedAt.toISOString(), raisedBy: r.raisedBy, mailedAt: iso(r.mailedAt), resolvedAt: iso(r.resolvedAt) }
}
