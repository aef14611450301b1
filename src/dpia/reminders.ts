// Reminders to the privacy role (REQ-DPIA-02, REQ-LB-05): a re-screening trigger on a purpose
// (once per trigger and screening date), a DPIA's review date passed, a legitimate-interest
// assessment's review date passed (once per review date). The daily round raises them, mails the
// new ones to the privacy contact in one mail (purpose ids, codes and dates only), and resolves
// those that no longer apply (a new screening, a later review date in the policy or the DPIA).
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../db/schema.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { Mailer } from '../mail/mailer.ts'
import type { Policy } from '../policy/policy.ts'
import type { DpiaRegister } from './register.ts'

export const LIA_REVIEW_DUE = 'lia_review_due'
export const DPIA_REVIEW_DUE = 'dpia_review_due'
export const RESCREENING = 'rescreening'

export interface DpiaReminder {
  readonly id: string
  readonly purposeId: string
  /** rescreening:<trigger>, dpia_review_due, lia_review_due. */
  readonly kind: string
  readonly dueOn: string
  readonly raisedAt: Date
  readonly mailedAt: Date | null
}

/** A legitimate-interest assessment of the policy in force, with its review date (REQ-LB-05). */
export interface LiaRow {
  readonly purposeId: string
  readonly assessment: NonNullable<Policy['purposes'][number]['legitimateInterest']>
  readonly reviewDate: string | undefined
  /** The review date is today or passed. */
  readonly overdue: boolean
}

export function liaRows(policy: Policy, today: string): LiaRow[] {
  return policy.purposes.flatMap((p) => (p.legitimateInterest ? [{ purposeId: p.id, assessment: p.legitimateInterest, reviewDate: p.legitimateInterest.reviewDate, overdue: !!p.legitimateInterest.reviewDate && p.legitimateInterest.reviewDate <= today }] : []))
}

export interface DpiaReminderDeps {
  readonly db: Kysely<DB>
  readonly audit: Pick<AuditLog, 'append'>
  readonly mailer: Pick<Mailer, 'send'>
  readonly policy: () => Policy
  readonly register: DpiaRegister
  readonly now: () => Date
}

/** What should be open today: purpose id, kind, date. Pure over the register's rows and the policy. */
export function dueReminders(register: DpiaRegister, policy: Policy): { purposeId: string; kind: string; dueOn: string }[] {
  const today = register.today()
  const out: { purposeId: string; kind: string; dueOn: string }[] = []
  for (const row of register.list()) {
    const screening = row.entry?.screening
    if (screening) for (const t of row.triggers) out.push({ purposeId: row.purpose.id, kind: `${RESCREENING}:${t}`, dueOn: screening.screenedOn })
    const dpia = row.entry?.dpia
    if (dpia && dpia.reviewOn <= today) out.push({ purposeId: row.purpose.id, kind: DPIA_REVIEW_DUE, dueOn: dpia.reviewOn })
  }
  for (const lia of liaRows(policy, today)) if (lia.overdue) out.push({ purposeId: lia.purposeId, kind: LIA_REVIEW_DUE, dueOn: lia.reviewDate! })
  return out
}

export class DpiaReminders {
  readonly #d: DpiaReminderDeps

  constructor(deps: DpiaReminderDeps) {
    this.#d = deps
  }

  /** Raises what is due and not raised yet (once per purpose, kind and date); resolves what no longer applies. Audited. */
  async raiseDue(): Promise<number> {
    const due = dueReminders(this.#d.register, this.#d.policy())
    const key = (r: { purposeId: string; kind: string; dueOn: string }) => `${r.purposeId}|${r.kind}|${r.dueOn}`
    const wanted = new Set(due.map(key))
    const existing = await this.#d.db.selectFrom('dpia_reminder').selectAll().execute()
    const have = new Set(existing.map((r) => key({ purposeId: r.purpose_id, kind: r.kind, dueOn: r.due_on })))
    let n = 0
    for (const r of due) {
      if (have.has(key(r))) continue
      await this.#d.audit.append({ actorId: 'system:dpia', action: 'dpia.reminder.raise', subjectId: null, purpose: r.purposeId, categories: [], decision: null, reason: `${r.purposeId}:${r.kind}:${r.dueOn}` })
      const inserted = await this.#d.db
        .insertInto('dpia_reminder')
        .values({ id: uuidv7(), purpose_id: r.purposeId, kind: r.kind, due_on: r.dueOn, raised_at: this.#d.now() })
        .onConflict((oc) => oc.columns(['purpose_id', 'kind', 'due_on']).doNothing())
        .executeTakeFirst()
      n += Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0 ? 1 : 0
    }
    const stale = existing.filter((r) => r.resolved_at === null && !wanted.has(key({ purposeId: r.purpose_id, kind: r.kind, dueOn: r.due_on })))
    if (stale.length) {
      await this.#d.audit.append({ actorId: 'system:dpia', action: 'dpia.reminder.resolve', subjectId: null, purpose: null, categories: [], decision: null, reason: stale.map((r) => r.id).join(' ') })
      await this.#d.db.updateTable('dpia_reminder').set({ resolved_at: this.#d.now() }).where('id', 'in', stale.map((r) => r.id)).execute()
    }
    return n
  }

  /** Mails the open reminders not mailed yet to the privacy contact, in one mail; then marks them. */
  async mailOpen(): Promise<number> {
    const due = await this.#d.db.selectFrom('dpia_reminder').selectAll().where('mailed_at', 'is', null).where('resolved_at', 'is', null).orderBy('raised_at').orderBy('id').execute()
    if (!due.length) return 0
    const policy = this.#d.policy()
    const contact = policy.controller.privacyContact?.email ?? policy.controller.email
    const line = (r: (typeof due)[number]) =>
      `- ${r.purpose_id}: ${r.kind === LIA_REVIEW_DUE ? `legitimate-interest assessment review date ${r.due_on} reached` : r.kind === DPIA_REVIEW_DUE ? `DPIA review date ${r.due_on} reached` : `re-screening needed (${r.kind.slice(RESCREENING.length + 1)}) since the screening of ${r.due_on}`} [${r.kind}]`
    const text = [
      `DPIA register: ${due.length} reminder(s) on ${this.#d.register.today()}.`,
      '',
      ...due.map(line),
      '',
      'Review each purpose at /admin/dpia/<purpose>: the screening (Art. 35(3), WP248, GBA list), the DPIA and its review date; a legitimate-interest assessment is reviewed in the policy (then published).',
      'This mail carries purpose ids, codes and dates only.',
    ].join('\n')
    await this.#d.mailer.send({ to: contact, subject: `[Pledge] ${due.length} DPIA register reminder(s)`, text, recipientHash: `staff:${contact}` })
    await this.#d.db.updateTable('dpia_reminder').set({ mailed_at: this.#d.now() }).where('id', 'in', due.map((r) => r.id)).where('mailed_at', 'is', null).execute()
    await this.#d.audit.append({ actorId: 'system:dpia', action: 'dpia.reminder.mailed', subjectId: null, purpose: null, categories: [], decision: null, reason: due.map((r) => r.id).join(' ') })
    return due.length
  }

  async open(purposeId?: string): Promise<DpiaReminder[]> {
    let q = this.#d.db.selectFrom('dpia_reminder').selectAll().where('resolved_at', 'is', null).orderBy('raised_at').orderBy('id')
    if (purposeId) q = q.where('purpose_id', '=', purposeId)
    return (await q.execute()).map((r) => ({ id: r.id, purposeId: r.purpose_id, kind: r.kind, dueOn: r.due_on, raisedAt: new Date(r.raised_at), mailedAt: r.mailed_at === null ? null : new Date(r.mailed_at) }))
  }
}
