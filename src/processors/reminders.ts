// Re-validation reminders (REQ-TF-03, REQ-PRC-02): a register entry's review date passing, or staff
// recording a changed adequacy decision or certification, raises a reminder. The scheduler mails
// the privacy contact (ids, codes and dates only) and the console's register page flags it until
// it is resolved: a review_due reminder by entering a later review date, a change reminder by the
// DPO marking the transfer re-validated.
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../db/schema.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { Mailer } from '../mail/mailer.ts'
import type { Policy } from '../policy/policy.ts'
import { AppError } from '../util/app-error.ts'
import { dateInZone } from '../util/dates.ts'
import type { RegisterEntry } from './entry.ts'
import type { RegisterRow } from './register.ts'

export const REVIEW_DUE = 'review_due'
export const CERTIFICATION_CHANGED = 'certification_changed'
export const ADEQUACY_CHANGED = 'adequacy_changed'

export interface ProcessorReminder {
  readonly id: string
  readonly recipientId: string
  /** review_due, adequacy_changed:<CC>, certification_changed. */
  readonly kind: string
  readonly dueOn: string
  readonly raisedAt: Date
  readonly raisedBy: string
  readonly mailedAt: Date | null
  readonly resolvedAt: Date | null
}

/**
 * What a change to an existing entry asks to re-validate: an adequacy decision added, changed or
 * removed for a country (its id or date), or the assurance evidence (certification) changed. A
 * first entry raises nothing (it is the validation). Pure.
 */
export function revalidationKinds(before: RegisterEntry | undefined, after: RegisterEntry): string[] {
  if (!before) return []
  const kinds: string[] = []
  const adequacy = (e: RegisterEntry) => new Map(e.mechanisms.filter((m) => m.kind === 'adequacy').map((m) => [m.country, m.kind === 'adequacy' ? `${m.decisionId}|${m.decisionDate}` : '']))
  const a = adequacy(before)
  const b = adequacy(after)
  for (const country of [...new Set([...a.keys(), ...b.keys()])].sort()) if (a.get(country) !== b.get(country)) kinds.push(`${ADEQUACY_CHANGED}:${country}`)
  if (before.assurance !== after.assurance) kinds.push(CERTIFICATION_CHANGED)
  return kinds
}

export interface ReminderDeps {
  readonly db: Kysely<DB>
  readonly audit: Pick<AuditLog, 'append'>
  readonly mailer: Pick<Mailer, 'send'>
  readonly policy: () => Policy
  readonly now: () => Date
  readonly rows: () => RegisterRow[]
}

const when = (v: Date | string | null): Date | null => (v === null ? null : new Date(v))

function reminderOf(r: { id: string; recipient_id: string; kind: string; due_on: string; raised_at: Date | string; raised_by: string; mailed_at: Date | string | null; resolved_at: Date | string | null }): ProcessorReminder {
  return { id: r.id, recipientId: r.recipient_id, kind: r.kind, dueOn: r.due_on, raisedAt: new Date(r.raised_at), raisedBy: r.raised_by, mailedAt: when(r.mailed_at), resolvedAt: when(r.resolved_at) }
}

export class ProcessorReminders {
  readonly #d: ReminderDeps

  constructor(deps: ReminderDeps) {
    this.#d = deps
  }

  #today(): string {
    return dateInZone(this.#d.now(), this.#d.policy().controller.timeZone)
  }

  /** Raises one reminder (once per recipient, kind and day); audited. Returns whether it is new. */
  async raise(actorId: string, recipientId: string, kind: string, dueOn: string): Promise<boolean> {
    const exists = await this.#d.db.selectFrom('processor_reminder').select('id').where('recipient_id', '=', recipientId).where('kind', '=', kind).where('due_on', '=', dueOn).executeTakeFirst()
    if (exists) return false
    await this.#d.audit.append({ actorId, action: 'processor.reminder.raise', subjectId: null, purpose: null, categories: [], decision: null, reason: `${recipientId}:${kind}:${dueOn}` })
    const inserted = await this.#d.db
      .insertInto('processor_reminder')
      .values({ id: uuidv7(), recipient_id: recipientId, kind, due_on: dueOn, raised_at: this.#d.now(), raised_by: actorId })
      .onConflict((oc) => oc.columns(['recipient_id', 'kind', 'due_on']).doNothing())
      .executeTakeFirst()
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0
  }

  /** A register change by staff: the re-validations it asks for (adequacy, certification). */
  async onRegisterChange(actorId: string, recipientId: string, before: RegisterEntry | undefined, after: RegisterEntry): Promise<number> {
    let n = 0
    for (const kind of revalidationKinds(before, after)) if (await this.raise(actorId, recipientId, kind, this.#today())) n++
    // A later review date resolves the passed one.
    if (!after.reviewOn || after.reviewOn > this.#today()) await this.#resolveWhere(recipientId, REVIEW_DUE, 'system:processors')
    return n
  }

  /** The daily round: every entry whose review date is today or passed gets a review_due reminder. */
  async raiseReviewReminders(): Promise<number> {
    const today = this.#today()
    let n = 0
    for (const row of this.#d.rows()) {
      const reviewOn = row.entry?.reviewOn
      if (reviewOn && reviewOn <= today && (await this.raise('system:processors', row.recipient.id, REVIEW_DUE, reviewOn))) n++
    }
    return n
  }

  /** Mails the open reminders not mailed yet to the privacy contact, in one mail; then marks them. */
  async mailOpen(): Promise<number> {
    const due = await this.#d.db.selectFrom('processor_reminder').selectAll().where('mailed_at', 'is', null).where('resolved_at', 'is', null).orderBy('raised_at').orderBy('id').execute()
    if (!due.length) return 0
    const policy = this.#d.policy()
    const contact = policy.controller.privacyContact?.email ?? policy.controller.email
    const line = (r: (typeof due)[number]) => `- ${r.recipient_id}: ${r.kind === REVIEW_DUE ? `review date ${r.due_on} reached` : r.kind === CERTIFICATION_CHANGED ? `assurance evidence (certification) changed on ${r.due_on}` : `adequacy decision for ${r.kind.split(':')[1]} changed on ${r.due_on}`} [${r.kind}]`
    const text = [
      `Processor register: ${due.length} re-validation reminder(s) on ${this.#today()}.`,
      '',
      ...due.map(line),
      '',
      'Review each entry at /admin/processors/<recipient> (or GET /v1/processors/<recipient>): the DPA, the transfer mechanism and its transfer impact assessment, the assurance evidence, and the next review date.',
      'This mail carries recipient ids, codes and dates only.',
    ].join('\n')
    await this.#d.mailer.send({ to: contact, subject: `[Pledge] ${due.length} processor register reminder(s)`, text, recipientHash: `staff:${contact}` })
    await this.#d.db.updateTable('processor_reminder').set({ mailed_at: this.#d.now() }).where('id', 'in', due.map((r) => r.id)).where('mailed_at', 'is', null).execute()
    await this.#d.audit.append({ actorId: 'system:processors', action: 'processor.reminder.mailed', subjectId: null, purpose: null, categories: [], decision: null, reason: due.map((r) => r.id).join(' ') })
    return due.length
  }

  async open(recipientId?: string): Promise<ProcessorReminder[]> {
    let q = this.#d.db.selectFrom('processor_reminder').selectAll().where('resolved_at', 'is', null).orderBy('raised_at').orderBy('id')
    if (recipientId) q = q.where('recipient_id', '=', recipientId)
    return (await q.execute()).map(reminderOf)
  }

  /** The DPO marks a reminder done (the transfer re-validated); audited. */
  async resolve(actorId: string, id: string): Promise<ProcessorReminder> {
    const row = await this.#d.db.selectFrom('processor_reminder').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) throw new AppError(404, 'not_found', 'no such processor reminder')
    if (row.resolved_at === null) {
      await this.#d.audit.append({ actorId, action: 'processor.reminder.resolve', subjectId: null, purpose: null, categories: [], decision: null, reason: `${row.recipient_id}:${row.kind}:${row.id}` })
      await this.#d.db.updateTable('processor_reminder').set({ resolved_at: this.#d.now(), resolved_by: actorId }).where('id', '=', id).where('resolved_at', 'is', null).execute()
    }
    return reminderOf((await this.#d.db.selectFrom('processor_reminder').selectAll().where('id', '=', id).executeTakeFirstOrThrow()))
  }

  async #resolveWhere(recipientId: string, kind: string, actorId: string): Promise<void> {
    const open = await this.#d.db.selectFrom('processor_reminder').select('id').where('recipient_id', '=', recipientId).where('kind', '=', kind).where('resolved_at', 'is', null).execute()
    if (!open.length) return
    await this.#d.audit.append({ actorId, action: 'processor.reminder.resolve', subjectId: null, purpose: null, categories: [], decision: null, reason: `${recipientId}:${kind}:${open.map((r) => r.id).join(',')}` })
    await this.#d.db.updateTable('processor_reminder').set({ resolved_at: this.#d.now(), resolved_by: actorId }).where('id', 'in', open.map((r) => r.id)).execute()
  }
}
