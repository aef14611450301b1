// The breach register (Art. 33–34; REQ-BR-01..05, REQ-PR-03). Every breach is kept, notified or
// not. Marking awareness (`aware_at`) starts the 72-hour clock; the round raises alerts at 24, 48
// and 66 hours (mail to the privacy contact; the console shows them). The register drafts the
// Art. 33(3) notification to the GBA from the record and the policy, records its phased
// submission (a reason is required when it is later than 72 hours), sends the Art. 34
// communication to each affected person through the gate and the mailer, and for a customer's
// data notifies that customer instead (never the GBA or the people). Every change is audited
// first (fail closed), with ids and codes only: never the record's text.
import type { Kysely, Selectable } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../db/schema.ts'
import type { Art34Exception, BreachDecision, BreachRisk, BreachSource, BreachStatus, BreachTable } from '../db/schema-breaches.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { Mailer } from '../mail/mailer.ts'
import { mailContent } from '../mail/render.ts'
import { defaultLanguage, displayName, type Policy } from '../policy/policy.ts'
import type { Language } from '../policy/schema.ts'
import { AppError } from '../util/app-error.ts'
import { checkDecision, checkText, EXCEPTIONS, parseFields, REFERENCE_MAX, SHORT_TEXT_MAX, type BreachFields } from './entry.ts'
import { COMMUNICATION_TEXTS, DRAFT_TEXTS } from './texts.ts'

export const HOUR_MS = 3_600_000
export const DEADLINE_HOURS = 72
export const ALERT_HOURS = [24, 48, 66] as const
/** REQ-PR-03: a customer is told within 24 hours (our default; the contract may say less). */
export const CUSTOMER_HOURS = 24

export interface Breach {
  readonly id: string
  readonly source: BreachSource
  readonly requestId: string | null
  readonly tenantId: string | null
  readonly status: BreachStatus
  readonly detectedAt: Date
  readonly awareAt: Date | null
  readonly facts: string
  readonly dataCategories: readonly string[]
  readonly subjectTypes: readonly string[]
  readonly approxSubjects: number | null
  readonly approxRecords: number | null
  readonly consequences: string
  readonly measures: string
  readonly risk: BreachRisk
  readonly riskReasoning: string
  readonly decision: BreachDecision
  readonly art34Exception: Art34Exception | null
  readonly art34ExceptionReason: string | null
  readonly customerNotifiedAt: Date | null
  readonly customerChannel: string | null
  readonly createdAt: Date
  readonly createdBy: string
  readonly updatedAt: Date
  readonly updatedBy: string
}

export interface BreachAlert {
  readonly breachId: string
  readonly hours: number
  readonly dueAt: Date
  readonly raisedAt: Date
  readonly mailedAt: Date | null
}

export interface BreachSubmission {
  readonly id: string
  readonly phase: number
  readonly final: boolean
  readonly submittedAt: Date
  readonly submittedBy: string
  readonly gbaReference: string | null
  readonly lateReason: string | null
  readonly late: boolean
  readonly draft: string
}

export interface BreachCommunication {
  readonly id: string
  readonly subjectId: string
  readonly state: 'pending' | 'sent' | 'no_contact' | 'failed'
  readonly language: string | null
  readonly sentAt: Date | null
}

/** Where the 72-hour clock stands (Art. 33(1)). */
export interface BreachClock {
  /** not_started (no aware_at), running, notified (a GBA submission), not_required (decided not to notify), customer (a customer's data). */
  readonly state: 'not_started' | 'running' | 'overdue' | 'notified' | 'not_required' | 'customer'
  readonly awareAt: Date | null
  readonly deadline: Date | null
  /** Whole hours since aware_at (null before). */
  readonly hoursElapsed: number | null
  /** Whole hours left to the deadline (negative when passed). */
  readonly hoursLeft: number | null
  /** The next alert mark not reached yet (24, 48, 66), or null. */
  readonly nextAlert: number | null
}

/** The address and language of a person, read through the gate for one communication. */
export type RecipientLookup = (subjectId: string) => Promise<{ email: string | undefined; language: Language | null; hash: string } | 'gone'>

export interface BreachDeps {
  readonly db: Kysely<DB>
  readonly audit: Pick<AuditLog, 'append'>
  readonly mailer: Pick<Mailer, 'send'>
  readonly policy: () => Policy
  readonly now: () => Date
  /** Art. 34: the person's address through the gate (system actor breach-notices). */
  readonly recipient: RecipientLookup
  /** REQ-PR-03: the customer's webhook; null when it has none. */
  readonly webhook: (owner: string, event: string, payload: Record<string, unknown>) => Promise<{ id: string } | null>
  /** REQ-PR-03: the customer's notification mailbox (read through the gate), when it has no webhook. */
  readonly customerMailbox: (owner: string) => Promise<{ email: string; lang: Language; hash: string } | undefined>
  /** Queues the round at each alert mark (the scheduler, when its workers run). */
  readonly scheduleMarks?: (breachId: string, marks: readonly { hours: number; at: Date }[]) => Promise<void>
}

const when = (v: Date | string | null): Date | null => (v === null ? null : new Date(v))

function breachOf(r: Selectable<BreachTable>): Breach {
  return {
    id: r.id,
    source: r.source,
    requestId: r.request_id,
    tenantId: r.tenant_id,
    status: r.status,
    detectedAt: new Date(r.detected_at),
    awareAt: when(r.aware_at),
    facts: r.facts,
    dataCategories: JSON.parse(r.data_categories) as string[],
    subjectTypes: JSON.parse(r.subject_types) as string[],
    approxSubjects: r.approx_subjects,
    approxRecords: r.approx_records,
    consequences: r.consequences,
    measures: r.measures,
    risk: r.risk,
    riskReasoning: r.risk_reasoning,
    decision: r.decision,
    art34Exception: r.art34_exception,
    art34ExceptionReason: r.art34_exception_reason,
    customerNotifiedAt: when(r.customer_notified_at),
    customerChannel: r.customer_channel,
    createdAt: new Date(r.created_at),
    createdBy: r.created_by,
    updatedAt: new Date(r.updated_at),
    updatedBy: r.updated_by,
  }
}

/** The clock of a breach at `now`. Pure. */
export function clockOf(b: Breach, submissions: readonly { submittedAt: Date }[], now: Date): BreachClock {
  if (!b.awareAt) return { state: 'not_started', awareAt: null, deadline: null, hoursElapsed: null, hoursLeft: null, nextAlert: null }
  const deadline = new Date(b.awareAt.getTime() + DEADLINE_HOURS * HOUR_MS)
  const elapsedMs = now.getTime() - b.awareAt.getTime()
  const hoursElapsed = Math.floor(elapsedMs / HOUR_MS)
  const hoursLeft = Math.floor((deadline.getTime() - now.getTime()) / HOUR_MS)
  const base = { awareAt: b.awareAt, deadline, hoursElapsed, hoursLeft }
  if (b.tenantId) return { ...base, state: 'customer', nextAlert: null }
  if (submissions.length) return { ...base, state: 'notified', nextAlert: null }
  if (b.decision === 'not_notify') return { ...base, state: 'not_required', nextAlert: null }
  const nextAlert = ALERT_HOURS.find((h) => elapsedMs < h * HOUR_MS) ?? null
  return { ...base, state: now.getTime() > deadline.getTime() ? 'overdue' : 'running', nextAlert }
}

const codes = (b: Pick<Breach, 'risk' | 'decision' | 'status'>) => `risk:${b.risk}:decision:${b.decision}:status:${b.status}`

export class BreachRegister {
  readonly #d: BreachDeps

  constructor(deps: BreachDeps) {
    this.#d = deps
  }

  async list(options: { limit?: number } = {}): Promise<Breach[]> {
    const rows = await this.#d.db.selectFrom('breach').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit ?? 500).execute()
    return rows.map(breachOf)
  }

  async find(id: string): Promise<Breach | undefined> {
    const row = await this.#d.db.selectFrom('breach').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? breachOf(row) : undefined
  }

  async get(id: string): Promise<Breach> {
    const b = await this.find(id)
    if (!b) throw new AppError(404, 'breach_not_found', 'no such breach')
    return b
  }

  async clock(b: Breach): Promise<BreachClock> {
    return clockOf(b, await this.submissions(b.id), this.#d.now())
  }

  /** REQ-BR-01: records a breach (facts required); aware_at may be set at once. */
  async record(actorId: string, input: unknown, options: { awareAt?: string | null } = {}): Promise<Breach> {
    const policy = this.#d.policy()
    const f = parseFields(policy, input, true)
    const risk = f.risk ?? 'unassessed'
    const decision = f.decision ?? 'pending'
    checkDecision(risk, decision, f.riskReasoning ?? '')
    const at = this.#d.now()
    const id = uuidv7()
    const awareAt = options.awareAt ? parseInstant('awareAt', options.awareAt, at) : null
    await this.#d.audit.append({ actorId, action: 'breach.record', subjectId: null, purpose: null, categories: [], decision: null, reason: `${id}:staff:${codes({ risk, decision, status: 'open' })}${f.tenantId ? `:tenant:${f.tenantId}` : ''}${awareAt ? ':aware' : ''}` })
    await this.#d.db.insertInto('breach').values(this.#row(id, 'staff', null, f, risk, decision, at, actorId, awareAt)).execute()
    if (awareAt) await this.#afterAware(await this.get(id))
    return this.get(id)
  }

  #row(id: string, source: BreachSource, requestId: string | null, f: BreachFields, risk: BreachRisk, decision: BreachDecision, at: Date, actorId: string, awareAt: Date | null) {
    return {
      id,
      source,
      request_id: requestId,
      tenant_id: f.tenantId ?? null,
      status: (source === 'misdirected_answer' ? 'candidate' : 'open') as BreachStatus,
      detected_at: f.detectedAt ?? at,
      aware_at: awareAt,
      facts: f.facts ?? '',
      data_categories: JSON.stringify(f.dataCategories ?? []),
      subject_types: JSON.stringify(f.subjectTypes ?? []),
      approx_subjects: f.approxSubjects ?? null,
      approx_records: f.approxRecords ?? null,
      consequences: f.consequences ?? '',
      measures: f.measures ?? '',
      risk,
      risk_reasoning: f.riskReasoning ?? '',
      decision,
      created_at: at,
      created_by: actorId,
      updated_at: at,
      updated_by: actorId,
    }
  }

  /**
   * REQ-BR-05: a request's answer went to the wrong person — a staff action on the request records
   * a breach candidate (once per request), holding the request id, the person's subject id as the
   * one affected, and the customer when the request was routed for one.
   */
  async recordMisdirected(actorId: string, request: { id: string; subjectIds: readonly string[]; tenantId: string | null }): Promise<{ breach: Breach; created: boolean }> {
    const existing = await this.#d.db.selectFrom('breach').select('id').where('request_id', '=', request.id).where('source', '=', 'misdirected_answer').executeTakeFirst()
    if (existing) return { breach: await this.get(existing.id), created: false }
    const at = this.#d.now()
    const id = uuidv7()
    const f: BreachFields = {
      facts: `The answer to data-subject request ${request.id} was sent to the wrong person (recorded by staff on the request). Describe what was sent, to whom (no names) and how it was found.`,
      approxSubjects: Math.max(1, request.subjectIds.length),
      tenantId: request.tenantId,
    }
    await this.#d.audit.append({ actorId, action: 'breach.record', subjectId: request.subjectIds[0] ?? null, purpose: null, categories: [], decision: null, reason: `${id}:misdirected_answer:request:${request.id}${request.tenantId ? `:tenant:${request.tenantId}` : ''}` })
    await this.#d.db.insertInto('breach').values(this.#row(id, 'misdirected_answer', request.id, f, 'unassessed', 'pending', at, actorId, null)).execute()
    // The request's subject is the person affected: selected for the Art. 34 communication (sent only for a high risk, by the DPO).
    if (!request.tenantId) for (const subjectId of request.subjectIds) await this.#d.db.insertInto('breach_communication').values({ id: uuidv7(), breach_id: id, subject_id: subjectId, state: 'pending', language: null, message_id: null, created_at: at, sent_at: null }).onConflict((oc) => oc.columns(['breach_id', 'subject_id']).doNothing()).execute()
    return { breach: await this.get(id), created: true }
  }

  /** Changes the record (a patch); audited with the field names changed, never their text. */
  async update(actorId: string, id: string, input: unknown): Promise<Breach> {
    const before = await this.get(id)
    const f = parseFields(this.#d.policy(), input, false)
    const risk = f.risk ?? before.risk
    const decision = f.decision ?? before.decision
    checkDecision(risk, decision, f.riskReasoning ?? before.riskReasoning)
    if (before.tenantId && f.tenantId === null && before.customerNotifiedAt) throw new AppError(409, 'customer_notified', 'the customer was notified of this breach: it stays the customer\'s')
    const changed = Object.keys(f).sort()
    const set: Record<string, unknown> = { updated_at: this.#d.now(), updated_by: actorId }
    if (f.facts !== undefined) set.facts = f.facts
    if (f.dataCategories !== undefined) set.data_categories = JSON.stringify(f.dataCategories)
    if (f.subjectTypes !== undefined) set.subject_types = JSON.stringify(f.subjectTypes)
    if (f.approxSubjects !== undefined) set.approx_subjects = f.approxSubjects
    if (f.approxRecords !== undefined) set.approx_records = f.approxRecords
    if (f.consequences !== undefined) set.consequences = f.consequences
    if (f.measures !== undefined) set.measures = f.measures
    if (f.riskReasoning !== undefined) set.risk_reasoning = f.riskReasoning
    if (f.tenantId !== undefined) set.tenant_id = f.tenantId
    if (f.detectedAt !== undefined) set.detected_at = f.detectedAt
    set.risk = risk
    set.decision = decision
    if (before.status === 'candidate') set.status = 'open'
    await this.#d.audit.append({ actorId, action: 'breach.update', subjectId: null, purpose: null, categories: [], decision: null, reason: `${id}:${changed.join(',') || 'none'}:${codes({ risk, decision, status: before.status === 'candidate' ? 'open' : before.status })}` })
    await this.#d.db.updateTable('breach').set(set).where('id', '=', id).execute()
    const after = await this.get(id)
    if (after.awareAt && after.tenantId && !after.customerNotifiedAt) await this.notifyCustomer(after)
    return after
  }

  /** REQ-BR-02: marks awareness — the 72-hour clock starts at `at` (default now); set once. */
  async markAware(actorId: string, id: string, at?: string): Promise<Breach> {
    const b = await this.get(id)
    if (b.awareAt) throw new AppError(409, 'already_aware', `awareness was recorded at ${b.awareAt.toISOString()}: the clock runs from then`)
    const now = this.#d.now()
    const awareAt = at ? parseInstant('awareAt', at, now) : now
    await this.#d.audit.append({ actorId, action: 'breach.aware', subjectId: null, purpose: null, categories: [], decision: null, reason: `${id}:aware_at:${awareAt.toISOString()}` })
    await this.#d.db.updateTable('breach').set({ aware_at: awareAt, status: 'open', updated_at: now, updated_by: actorId }).where('id', '=', id).where('aware_at', 'is', null).execute()
    const after = await this.get(id)
    await this.#afterAware(after)
    return after
  }

  async #afterAware(b: Breach): Promise<void> {
    if (b.tenantId) await this.notifyCustomer(b)
    else {
      await this.alertRound()
      const marks = ALERT_HOURS.map((hours) => ({ hours, at: new Date(b.awareAt!.getTime() + hours * HOUR_MS) })).filter((m) => m.at.getTime() > this.#d.now().getTime())
      if (marks.length) await this.#d.scheduleMarks?.(b.id, marks)
    }
  }

  async close(actorId: string, id: string): Promise<Breach> {
    const b = await this.get(id)
    if (b.decision === 'pending') throw new AppError(409, 'decision_pending', 'record the decision to notify or not before closing the breach (Art. 33(5))')
    await this.#d.audit.append({ actorId, action: 'breach.close', subjectId: null, purpose: null, categories: [], decision: null, reason: `${id}:${codes({ ...b, status: 'closed' })}` })
    await this.#d.db.updateTable('breach').set({ status: 'closed', updated_at: this.#d.now(), updated_by: actorId }).where('id', '=', id).execute()
    return this.get(id)
  }

  // --- the clock's alerts (REQ-BR-02) ---

  async alerts(id?: string): Promise<BreachAlert[]> {
    let q = this.#d.db.selectFrom('breach_alert').selectAll().orderBy('due_at').orderBy('hours')
    if (id) q = q.where('breach_id', '=', id)
    return (await q.execute()).map((r) => ({ breachId: r.breach_id, hours: r.hours, dueAt: new Date(r.due_at), raisedAt: new Date(r.raised_at), mailedAt: when(r.mailed_at) }))
  }

  /** The breaches whose clock runs (or is overdue), for the dashboard: soonest deadline first. */
  async running(): Promise<{ breach: Breach; clock: BreachClock; alerts: BreachAlert[] }[]> {
    const rows = await this.#d.db.selectFrom('breach').selectAll().where('aware_at', 'is not', null).where('status', '!=', 'closed').where('tenant_id', 'is', null).orderBy('aware_at').execute()
    const out = []
    for (const row of rows) {
      const breach = breachOf(row)
      const clock = await this.clock(breach)
      if (clock.state === 'running' || clock.state === 'overdue') out.push({ breach, clock, alerts: await this.alerts(breach.id) })
    }
    return out
  }

  /**
   * The round (the scheduler runs it every 15 minutes, and at each mark): raises each alert whose
   * mark has passed, once per breach and mark, and mails the new ones to the privacy contact.
   * Idempotent. Returns how many alerts it raised.
   */
  async alertRound(): Promise<number> {
    const now = this.#d.now()
    const due: { breach_id: string; hours: number; due_at: Date; raised_at: Date; mailed_at: null }[] = []
    for (const { breach, alerts } of await this.running()) {
      const have = new Set(alerts.map((a) => a.hours))
      for (const hours of ALERT_HOURS) {
        const dueAt = new Date(breach.awareAt!.getTime() + hours * HOUR_MS)
        if (dueAt.getTime() <= now.getTime() && !have.has(hours)) due.push({ breach_id: breach.id, hours, due_at: dueAt, raised_at: now, mailed_at: null })
      }
    }
    let raised = 0
    if (due.length) {
      // Fail closed: the entry is durable before the alerts are written. Ids and marks only.
      await this.#d.audit.append({ actorId: 'system:breaches', action: 'breach.alert', subjectId: null, purpose: null, categories: [], decision: null, reason: due.map((r) => `${r.breach_id}:${r.hours}h`).join(' ') })
      const inserted = await this.#d.db.insertInto('breach_alert').values(due).onConflict((oc) => oc.columns(['breach_id', 'hours']).doNothing()).executeTakeFirst()
      raised = Number(inserted.numInsertedOrUpdatedRows ?? 0n)
    }
    // Every round mails what is not mailed yet: an alert whose mail failed goes out on the next one.
    await this.#mailAlerts()
    return raised
  }

  async #mailAlerts(): Promise<void> {
    const due = await this.#d.db.selectFrom('breach_alert').selectAll().where('mailed_at', 'is', null).orderBy('due_at').orderBy('hours').execute()
    if (!due.length) return
    const policy = this.#d.policy()
    const contact = policy.controller.privacyContact?.email ?? policy.controller.email
    const text = [
      `Personal data breach clock: ${due.length} alert(s).`,
      '',
      ...due.map((a) => `- breach ${a.breach_id}: ${a.hours} hours since awareness; the notification to the GBA is due by ${new Date(new Date(a.due_at).getTime() + (DEADLINE_HOURS - a.hours) * HOUR_MS).toISOString()} (72 hours, Art. 33(1)).`),
      '',
      'Assess the risk, record the decision and submit the notification (it may be phased, Art. 33(4)) at /admin/breaches/<breach>.',
      'This mail carries breach ids and times only.',
    ].join('\n')
    await this.#d.mailer.send({ to: contact, subject: `[Pledge] Breach clock: ${due.map((a) => `${a.hours} h`).join(', ')}`, text, recipientHash: `staff:${contact}` })
    await this.#d.db.updateTable('breach_alert').set({ mailed_at: this.#d.now() }).where('mailed_at', 'is', null).where((eb) => eb.or(due.map((a) => eb.and([eb('breach_id', '=', a.breach_id), eb('hours', '=', a.hours)])))).execute()
  }

  // --- the notification to the GBA (REQ-BR-03) ---

  async submissions(id: string): Promise<BreachSubmission[]> {
    const b = await this.#d.db.selectFrom('breach').select('aware_at').where('id', '=', id).executeTakeFirst()
    const deadline = b?.aware_at ? new Date(b.aware_at).getTime() + DEADLINE_HOURS * HOUR_MS : Infinity
    const rows = await this.#d.db.selectFrom('breach_submission').selectAll().where('breach_id', '=', id).orderBy('phase').execute()
    return rows.map((r) => ({ id: r.id, phase: r.phase, final: r.final, submittedAt: new Date(r.submitted_at), submittedBy: r.submitted_by, gbaReference: r.gba_reference, lateReason: r.late_reason, late: new Date(r.submitted_at).getTime() > deadline, draft: r.draft }))
  }

  /** The Art. 33(3) items (a)–(d) drafted from the record and the policy, in nl, fr or en. */
  draft(b: Breach, lang: Language, phase: { n: number; final: boolean; lateReason?: string | null } = { n: 1, final: false }): string {
    const policy = this.#d.policy()
    const T = DRAFT_TEXTS[lang]
    const contact = policy.controller.privacyContact
    const labelled = (ids: readonly string[], label: (id: string) => string | undefined) => (ids.length ? ids.map((id) => label(id) ?? id).join(', ') : T.unknown)
    const count = (n: number | null) => (n === null ? T.unknown : String(n))
    const lines = [
      b.tenantId ? T.customerTitle(displayName(policy.controller, lang)) : T.title,
      '',
      `${T.controller}: ${policy.controller.name[lang]}`,
      `${T.breach}: ${b.id}`,
      `${T.awareAt}: ${b.awareAt ? b.awareAt.toISOString() : T.unknown}`,
      ...(b.awareAt && !b.tenantId ? [`${T.deadline}: ${new Date(b.awareAt.getTime() + DEADLINE_HOURS * HOUR_MS).toISOString()}`] : []),
      ...(b.tenantId ? [] : [T.phase(phase.n, phase.final)]),
      '',
      T.a,
      `${T.facts}: ${b.facts || T.none}`,
      `${T.dataCategories}: ${labelled(b.dataCategories, (id) => policy.category(id)?.label[lang])}`,
      `${T.subjectTypes}: ${labelled(b.subjectTypes, (id) => policy.subjectType(id)?.label[lang])}`,
      `${T.approxSubjects}: ${count(b.approxSubjects)}`,
      `${T.approxRecords}: ${count(b.approxRecords)}`,
      '',
      T.b,
      `${contact?.name[lang] ?? policy.controller.name[lang]} — ${contact?.email ?? policy.controller.email}`,
      '',
      T.c,
      b.consequences || T.none,
      '',
      T.d,
      b.measures || T.none,
      ...(phase.lateReason ? ['', T.late, phase.lateReason] : []),
      ...(phase.final ? [] : ['', T.phased]),
    ]
    return lines.join('\n')
  }

  /**
   * Records a submission to the GBA (Art. 33(4): phased; the last one marked final). Refused for a
   * customer's data (REQ-PR-03), for a breach decided not to notify, after a final one, and — past
   * 72 hours — without the reasons for the delay (Art. 33(1)).
   */
  async submit(actorId: string, id: string, input: { final?: unknown; gbaReference?: unknown; lateReason?: unknown; lang?: Language }): Promise<BreachSubmission> {
    const b = await this.get(id)
    if (b.tenantId) throw new AppError(409, 'customer_breach', 'this breach concerns data held for a customer: the customer notifies the GBA, Pledge notifies the customer (REQ-PR-03)')
    if (!b.awareAt) throw new AppError(409, 'not_aware', 'record when you became aware of the breach first: the notification states it')
    if (b.decision !== 'notify') throw new AppError(409, 'decision_not_notify', 'record the decision to notify (with the risk assessment and its reasoning) before submitting')
    const previous = await this.submissions(id)
    if (previous.some((s) => s.final)) throw new AppError(409, 'already_final', 'the final submission is recorded')
    const now = this.#d.now()
    const late = now.getTime() > b.awareAt.getTime() + DEADLINE_HOURS * HOUR_MS
    const lateReason = input.lateReason === undefined || input.lateReason === null ? '' : checkText('lateReason', input.lateReason, SHORT_TEXT_MAX)
    // Only the first submission is the one that is late or not (later phases follow without undue delay).
    if (late && previous.length === 0 && !lateReason) throw new AppError(422, 'late_reason_required', 'the notification is later than 72 hours after awareness: give the reasons for the delay (Art. 33(1))', { field: 'lateReason' })
    const gbaReference = input.gbaReference === undefined || input.gbaReference === null ? '' : checkText('gbaReference', input.gbaReference, REFERENCE_MAX)
    if (input.final !== undefined && typeof input.final !== 'boolean') throw new AppError(422, 'invalid_breach', 'final is true or false', { field: 'final' })
    const final = input.final === true
    const phase = previous.length + 1
    const draft = this.draft(b, input.lang ?? defaultLanguage(this.#d.policy()), { n: phase, final, lateReason: lateReason || null })
    await this.#d.audit.append({ actorId, action: 'breach.submit', subjectId: null, purpose: null, categories: [], decision: null, reason: `${id}:phase:${phase}${final ? ':final' : ''}${late ? ':late' : ''}` })
    const sid = uuidv7()
    await this.#d.db.insertInto('breach_submission').values({ id: sid, breach_id: id, phase, final, submitted_at: now, submitted_by: actorId, gba_reference: gbaReference || null, late_reason: lateReason || null, draft }).execute()
    return (await this.submissions(id)).find((s) => s.id === sid)!
  }

  // --- the customer's data (REQ-PR-03) ---

  /**
   * Tells the customer at once. The webhook (ids, codes and counts only, like every webhook: item
   * (a) as category and subject type ids and approximate numbers, (b) the contact point's name and
   * telephone) and, to its notification mailbox, the Art. 33(3) notice as text, (a)–(d) with the
   * staff's description, consequences and measures. Once per breach; the channels recorded.
   */
  async notifyCustomer(b: Breach): Promise<Breach> {
    if (!b.tenantId) throw new AppError(409, 'not_customer_breach', 'this breach concerns the controller\'s own data')
    if (b.customerNotifiedAt) return b
    const owner = `tenant:${b.tenantId}`
    const policy = this.#d.policy()
    const lang = defaultLanguage(policy)
    const contact = policy.controller.privacyContact
    const payload = {
      breachId: b.id, awareAt: b.awareAt?.toISOString() ?? null, dataCategories: [...b.dataCategories], subjectTypes: [...b.subjectTypes],
      approxSubjects: b.approxSubjects, approxRecords: b.approxRecords, risk: b.risk,
      contact: { name: contact?.name[lang] ?? policy.controller.name[lang], phone: contact?.phone ?? policy.controller.phone ?? null },
    }
    const channels: string[] = []
    // A webhook that cannot be queued leaves the mailbox to carry the notice.
    if (await this.#d.webhook(owner, 'breach.notified', payload).catch(() => null)) channels.push('webhook')
    const box = await this.#d.customerMailbox(owner)
    if (box) {
      const T = DRAFT_TEXTS[box.lang]
      const content = mailContent(box.lang, T.customerTitle(displayName(policy.controller, box.lang)), [{ p: T.customerIntro }, { p: this.draft(b, box.lang) }])
      await this.#d.mailer.send({ to: box.email, subject: content.subject, text: content.text, html: content.html, recipientHash: box.hash })
      channels.push('mail')
    }
    const channel = channels.join('+') || 'none'
    await this.#d.audit.append({ actorId: 'system:breaches', action: 'breach.customer_notified', subjectId: null, purpose: null, categories: [], decision: null, reason: `${b.id}:tenant:${b.tenantId}:${channel}` })
    if (channel !== 'none') await this.#d.db.updateTable('breach').set({ customer_notified_at: this.#d.now(), customer_channel: channel }).where('id', '=', b.id).where('customer_notified_at', 'is', null).execute()
    else await this.#d.db.updateTable('breach').set({ customer_channel: 'none' }).where('id', '=', b.id).execute()
    return this.get(b.id)
  }

  // --- the communication to the people (REQ-BR-04) ---

  async communications(id: string): Promise<BreachCommunication[]> {
    const rows = await this.#d.db.selectFrom('breach_communication').selectAll().where('breach_id', '=', id).orderBy('created_at').orderBy('id').execute()
    return rows.map((r) => ({ id: r.id, subjectId: r.subject_id, state: r.state, language: r.language, sentAt: when(r.sent_at) }))
  }

  /** Records an Art. 34(3) exception (a, b or c) with its reasoning: then no one is written to. */
  async recordException(actorId: string, id: string, input: { exception?: unknown; reason?: unknown }): Promise<Breach> {
    const b = await this.get(id)
    const exception = input.exception === '' || input.exception === null || input.exception === undefined ? null : input.exception
    if (exception !== null && !EXCEPTIONS.includes(exception as Art34Exception)) throw new AppError(422, 'invalid_breach', 'exception is a, b or c (Art. 34(3))', { field: 'exception' })
    const reason = checkText('exceptionReason', input.reason ?? '', SHORT_TEXT_MAX, exception !== null)
    await this.#d.audit.append({ actorId, action: 'breach.art34_exception', subjectId: null, purpose: null, categories: [], decision: null, reason: `${id}:${exception ?? 'none'}` })
    await this.#d.db.updateTable('breach').set({ art34_exception: exception as Art34Exception | null, art34_exception_reason: exception === null ? null : reason, updated_at: this.#d.now(), updated_by: actorId }).where('id', '=', b.id).execute()
    return this.get(id)
  }

  /**
   * Writes the Art. 34 communication to each selected person (subject ids), in their language, through
   * the gate (their address only) and the mailer; tracks each. Only for a high risk of the
   * controller's own data, with no Art. 34(3) exception recorded. Sent once per person.
   */
  async communicate(actorId: string, id: string, subjectIds: readonly string[]): Promise<BreachCommunication[]> {
    const b = await this.get(id)
    if (b.tenantId) throw new AppError(409, 'customer_breach', 'this breach concerns data held for a customer: the customer decides whether to tell the people (REQ-PR-03)')
    if (b.risk !== 'high') throw new AppError(409, 'not_high_risk', 'the communication to the people is for a breach assessed as a high risk (Art. 34(1))')
    if (b.art34Exception) throw new AppError(409, 'art34_exception', `an Art. 34(3)(${b.art34Exception}) exception is recorded: remove it first`)
    if (subjectIds.length > 1000) throw new AppError(422, 'invalid_breach', 'at most 1000 people at once', { field: 'subjectIds' })
    const at = this.#d.now()
    for (const subjectId of new Set(subjectIds)) {
      if (!/^[0-9a-f-]{36}$/.test(subjectId)) throw new AppError(422, 'invalid_breach', 'subject ids are UUIDs', { field: 'subjectIds' })
      await this.#d.db.insertInto('breach_communication').values({ id: uuidv7(), breach_id: id, subject_id: subjectId, state: 'pending', language: null, message_id: null, created_at: at, sent_at: null }).onConflict((oc) => oc.columns(['breach_id', 'subject_id']).doNothing()).execute()
    }
    const pending = await this.#d.db.selectFrom('breach_communication').selectAll().where('breach_id', '=', id).where('state', 'in', ['pending', 'failed']).orderBy('id').execute()
    const policy = this.#d.policy()
    for (const c of pending) {
      const found = await this.#d.recipient(c.subject_id).catch(() => 'gone' as const)
      if (found === 'gone' || !found.email) {
        await this.#d.audit.append({ actorId, action: 'breach.communication', subjectId: c.subject_id, purpose: null, categories: [], decision: null, reason: `${id}:no_contact` })
        await this.#d.db.updateTable('breach_communication').set({ state: 'no_contact' }).where('id', '=', c.id).execute()
        continue
      }
      const lang = found.language ?? defaultLanguage(policy)
      const T = COMMUNICATION_TEXTS[lang]
      const contact = policy.controller.privacyContact
      const content = mailContent(lang, T.subject(displayName(policy.controller, lang)), [
        { p: T.intro },
        { p: `${T.what}:\n${b.facts}` },
        { p: `${T.consequences}:\n${b.consequences}` },
        { p: `${T.measures}:\n${b.measures}` },
        { p: `${T.contact}: ${contact?.name[lang] ?? policy.controller.name[lang]}, ${contact?.email ?? policy.controller.email}` },
        { p: `${T.regards},\n${displayName(policy.controller, lang)}` },
      ])
      // Fail closed: the entry is durable before the mail leaves. Ids and codes only.
      await this.#d.audit.append({ actorId, action: 'breach.communication', subjectId: c.subject_id, purpose: null, categories: ['contact.email'], decision: null, reason: `${id}:sent:${lang}` })
      try {
        const sent = await this.#d.mailer.send({ to: found.email, subject: content.subject, text: content.text, html: content.html, recipientHash: found.hash })
        await this.#d.db.updateTable('breach_communication').set({ state: 'sent', language: lang, message_id: sent.messageId, sent_at: this.#d.now() }).where('id', '=', c.id).execute()
      } catch {
        await this.#d.db.updateTable('breach_communication').set({ state: 'failed', language: lang }).where('id', '=', c.id).execute()
      }
    }
    return this.communications(id)
  }
}

function parseInstant(field: string, v: string, now: Date): Date {
  if (typeof v !== 'string' || v.length > 40 || Number.isNaN(Date.parse(v))) throw new AppError(422, 'invalid_breach', `${field} is a date and time (ISO 8601)`, { field })
  const d = new Date(v)
  if (d.getTime() > now.getTime() + 60_000) throw new AppError(422, 'invalid_breach', `${field} is in the future`, { field })
  return d
}
