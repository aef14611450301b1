// Complaints about how the controller handles personal data (issue 17, part 2; seed statement §9).
// A person files one in the privacy center: their name, e-mail address and what happened, nothing
// else (no reason, no identity document). It is recorded through the gate as a new complainant
// subject (the vault encrypts every value); the row here holds ids, codes, times and states only.
//
// The address is confirmed by a six-digit code before anything else is sent to it (REQ-ID-09): the
// code mail is the one mail an unconfirmed address gets. The code is kept as an HMAC keyed per
// complaint, compared in constant time, valid CODE_MINUTES, at most CODE_ATTEMPTS tries counted in
// one atomic step; then the complaint is locked. Once confirmed: the acknowledgement (with the due
// date from the policy's complaints.answerWithin) and the mailbox notice. Staff record handling
// notes and the outcome through the gate (the text is the complainant's personal data, written to
// the vault), and the outcome mail tells the person. Every mail to the complainant says they may
// go to the supervisory authority at any time, and how. Every change is an audit entry with ids and
// codes only.
import { FormRefused, formTokenRefusal, signFormToken } from '../util/form-token.ts'
import { randomInt, timingSafeEqual } from 'node:crypto'
import { v7 as uuidv7 } from 'uuid'
import type { Kysely } from 'kysely'
import type { ComplaintStatus, DB } from '../db/schema.ts'
import { defaultLanguage, displayName, type Policy } from '../policy/policy.ts'
import type { Language } from '../policy/schema.ts'
import type { Vault } from '../vault/vault.ts'
import { VaultInputError } from '../vault/vault.ts'
import type { Gate } from '../gate/gate.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { Mailer } from '../mail/mailer.ts'
import type { Actor } from '../gate/actor.ts'
import { complaintPurposeOf } from '../gate/system-actors.ts'
import { COMPLAINANT_SUBJECT_TYPE } from '../policy/builtin.ts'
import { addDurationInZone } from '../util/duration.ts'
import { dateInZone } from '../util/dates.ts'
import { csvField } from '../util/csv.ts'
import { OUTCOMES, complaintAcknowledgement, complaintCodeMail, complaintMailboxNotice, complaintOutcomeMail, type ComplaintOutcome } from './mails.ts'

export { OUTCOMES, type ComplaintOutcome } from './mails.ts'

/** Complaints per e-mail address per hour. */
export const PER_ADDRESS_LIMIT = { max: 3, windowMinutes: 60 } as const
/** How long a code is good for, and how many wrong tries a complaint takes before it is locked. */
export const CODE_MINUTES = 30
export const CODE_ATTEMPTS = 5
/** Caps of the fields, in characters (the HTTP schemas use the same). */
export const COMPLAINT_LIMITS = { name: 200, email: 320, description: 5000, formToken: 100, honeypot: 200, code: 20, note: 4000 } as const

export interface ComplaintInput {
  readonly name: string
  readonly email: string
  /** What happened, in the person's own words. */
  readonly description: string
  readonly lang: Language
  readonly formToken: string
  readonly honeypot?: string | undefined
}

/** A refusal with its HTTP status, code and a reason that never repeats what was sent. */
export class ComplaintRefused extends FormRefused {}

export interface ComplaintDeps {
  readonly db: Kysely<DB>
  readonly vault: Vault
  readonly gate: Gate
  readonly audit: AuditLog
  readonly mailer: Mailer
  readonly policy: () => Policy
  readonly baseUrl: string
  readonly now: () => Date
}

export interface ComplaintRow {
  readonly id: string
  readonly status: ComplaintStatus
  readonly lang: string
  readonly receivedAt: Date
  readonly confirmedAt: Date | null
  readonly dueOn: string | null
  readonly overdue: boolean
  readonly outcome: ComplaintOutcome | null
  readonly outcomeAt: Date | null
  readonly notes: number
}

export interface ComplaintEventView {
  readonly kind: string
  readonly code: string | null
  readonly actorId: string
  readonly at: Date
}

export interface ComplaintView extends ComplaintRow {
  readonly name: string
  readonly email: string
  readonly description: string
  /** The handling notes, oldest first, each with when and by whom it was recorded. */
  readonly notesText: readonly { readonly text: string; readonly at: Date | null; readonly actorId: string | null }[]
  readonly outcomeText: string | null
  readonly events: readonly ComplaintEventView[]
}

const SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

function text(field: string, value: string | undefined, max: number, options: { required: boolean; multiline?: boolean }): string | undefined {
  const v = (options.multiline ? (value ?? '').replace(/\r\n?/g, '\n') : (value ?? '')).trim()
  if (!v) {
    if (options.required) throw new ComplaintRefused(400, 'missing_field', `${field} is required`, { field })
    return undefined
  }
  if (v.length > max) throw new ComplaintRefused(400, 'field_too_long', `${field} is longer than ${max} characters`, { field, max })
  if ((options.multiline ? TEXT_CONTROL : SINGLE_LINE).test(v)) throw new ComplaintRefused(400, 'invalid_text', `${field} holds a control character: send plain text${options.multiline ? '' : ' on one line'}`, { field })
  return v
}

export class ComplaintService {
  readonly #d: ComplaintDeps

  constructor(deps: ComplaintDeps) {
    this.#d = deps
  }

  get #actor(): Actor {
    return this.#d.gate.systemActor('complaints')
  }

  #purpose(): string {
    return complaintPurposeOf(this.#d.policy())
  }

  /** Whether the policy in force takes complaints (its complaints section and purpose). */
  enabled(): boolean {
    const policy = this.#d.policy()
    return policy.document.complaints !== undefined && policy.purpose(this.#purpose()) !== undefined
  }

  #mac(kind: string, value: string): Buffer {
    return this.#d.vault.linkMac(kind, value)
  }

  /** A signed timestamp for a form rendered now (src/util/form-token.ts). */
  formToken(at: Date = this.#d.now()): string {
    return signFormToken((value) => this.#mac('complaint-form', value), at)
  }

  checkFormToken(token: string): void {
    const refused = formTokenRefusal((value) => this.#mac('complaint-form', value), token, this.#d.now())
    if (refused) throw new ComplaintRefused(refused.status, refused.code, refused.message, refused.details)
  }

  #codeDigest(id: string, code: string): Buffer {
    return this.#mac(`complaint-code:${code}`, id)
  }

  #urls(id: string, lang: Language) {
    const base = this.#d.baseUrl.replace(/\/$/, '')
    return { page: `${base}/privacy-center/complaints/${id}?lang=${lang}`, privacy: `${base}/privacy?lang=${lang}`, console: (l: Language) => `${base}/admin/complaints/${id}?lang=${l}` }
  }

  #today(at: Date): string {
    return dateInZone(at, this.#d.policy().controller.timeZone)
  }

  async #event(complaintId: string, kind: string, code: string | null, actorId: string, at: Date): Promise<void> {
    await this.#d.db.insertInto('complaint_event').values({ id: uuidv7(), complaint_id: complaintId, kind, code, actor_id: actorId, at }).execute()
  }

  /**
   * Files a complaint: recorded through the gate, a code mailed to the address. Nothing else is
   * sent before the code comes back. `by` is the intake key that posted it, if one did.
   */
  async file(input: ComplaintInput, by?: { readonly id: string }): Promise<{ id: string }> {
    const { db, vault, gate, audit } = this.#d
    if (!this.enabled()) throw new ComplaintRefused(404, 'complaints_disabled', 'this policy declares no complaints section and purpose')
    const actor = this.#actor
    const purposeId = this.#purpose()
    const actorId = by?.id ?? actor.id
    if (input.honeypot !== undefined && input.honeypot !== '') {
      await audit.append({ actorId, action: 'complaint.refused', subjectId: null, purpose: purposeId, categories: [], decision: null, reason: 'honeypot' })
      throw new ComplaintRefused(400, 'honeypot_filled', 'a field meant to stay empty was filled in: a person leaves it empty')
    }
    this.checkFormToken(input.formToken)
    const name = text('name', input.name, COMPLAINT_LIMITS.name, { required: true })!
    const email = text('email', input.email, COMPLAINT_LIMITS.email, { required: true })!
    const description = text('description', input.description, COMPLAINT_LIMITS.description, { required: true, multiline: true })!
    let lookup: string
    try {
      lookup = vault.addressHash('email', email)
    } catch (err) {
      if (err instanceof VaultInputError) throw new ComplaintRefused(400, 'invalid_field', 'give an e-mail address such as name@example.com', { field: 'email' })
      throw err
    }
    const now = this.#d.now()
    const windowStart = new Date(now.getTime() - PER_ADDRESS_LIMIT.windowMinutes * 60_000)
    // The address's keyed hash serves only this window's limit: older rows forget it.
    await db.updateTable('complaint').set({ lookup: '' }).where('received_at', '<=', windowStart).where('lookup', '<>', '').execute()
    const recent = await db.selectFrom('complaint').select('received_at').where('lookup', '=', lookup).where('received_at', '>', windowStart).orderBy('received_at', 'asc').execute()
    if (recent.length >= PER_ADDRESS_LIMIT.max) {
      await audit.append({ actorId, action: 'complaint.refused', subjectId: null, purpose: purposeId, categories: [], decision: null, reason: 'rate_limited' })
      const retryAfterSeconds = Math.max(1, Math.ceil((new Date(recent[0]!.received_at).getTime() + PER_ADDRESS_LIMIT.windowMinutes * 60_000 - now.getTime()) / 1000))
      throw new ComplaintRefused(429, 'rate_limited', `too many complaints from this e-mail address: try again in ${retryAfterSeconds} s`, { retryAfterSeconds })
    }
    const policy = this.#d.policy()
    const subjectType = policy.document.complaints?.subjectType ?? COMPLAINANT_SUBJECT_TYPE
    // No `source`: the person gave the data themselves (Art. 13, on the page).
    const { id } = await gate.create(actor, purposeId, { type: subjectType, data: { 'contact.name': name, 'contact.email': email, 'complaint.description': description }, language: input.lang })
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    // Fail closed: the entry is durable before the row it describes.
    await audit.append({ actorId, action: 'complaint.filed', subjectId: id, purpose: purposeId, categories: [], decision: null, reason: `privacy_center:${input.lang}` })
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('complaint').values({ subject_id: id, lookup, lang: input.lang, created_by: actorId, status: 'awaiting_confirmation', received_at: now, code_digest: this.#codeDigest(id, code), code_expires_at: new Date(now.getTime() + CODE_MINUTES * 60_000) }).execute()
      await tx.insertInto('complaint_event').values({ id: uuidv7(), complaint_id: id, kind: 'filed', code: 'privacy_center', actor_id: actorId, at: now }).execute()
    })
    const urls = this.#urls(id, input.lang)
    const mail = complaintCodeMail({ policy, lang: input.lang, controllerName: displayName(policy.controller, input.lang), privacyUrl: urls.privacy, code, pageUrl: urls.page, validMinutes: CODE_MINUTES })
    await this.#d.mailer.send({ to: email, subject: mail.subject, text: mail.text, html: mail.html, recipientHash: lookup })
    return { id }
  }

  /** Whether a complaint waits for its code (the page shows the code form). */
  async status(id: string): Promise<ComplaintStatus | undefined> {
    const row = await this.#d.db.selectFrom('complaint').select('status').where('subject_id', '=', id).executeTakeFirst()
    return row?.status
  }

  /**
   * Checks the code from the mail. The right one confirms the address: then, and only then, the
   * acknowledgement goes to it and the mailbox is told.
   */
  async confirm(id: string, code: string): Promise<{ dueOn: string }> {
    const { db, audit } = this.#d
    const given = code.trim()
    if (!/^\d{6}$/.test(given)) throw new ComplaintRefused(400, 'invalid_code', 'the code is the six digits in the mail we sent you', { field: 'code' })
    const now = this.#d.now()
    const purposeId = this.#purpose()
    // One atomic step counts the attempt, so parallel guesses cannot get past the limit.
    const counted = await db
      .updateTable('complaint')
      .set((eb) => ({ code_attempts: eb('code_attempts', '+', 1) }))
      .where('subject_id', '=', id)
      .where('status', '=', 'awaiting_confirmation')
      .returning(['code_digest', 'code_expires_at', 'code_attempts', 'lang', 'received_at'])
      .executeTakeFirst()
    if (!counted) {
      const status = await this.status(id)
      if (status === 'open' || status === 'closed') throw new ComplaintRefused(409, 'already_confirmed', 'this complaint is already confirmed')
      if (status === 'locked') throw new ComplaintRefused(429, 'too_many_attempts', `the code was entered wrongly ${CODE_ATTEMPTS} times: file the complaint again`)
      throw new ComplaintRefused(404, 'complaint_not_found', 'no complaint waits for a code under this address')
    }
    if (counted.code_attempts > CODE_ATTEMPTS) {
      await this.#lock(id, now)
      throw new ComplaintRefused(429, 'too_many_attempts', `the code was entered wrongly ${CODE_ATTEMPTS} times: file the complaint again`)
    }
    if (!counted.code_expires_at || new Date(counted.code_expires_at).getTime() < now.getTime()) throw new ComplaintRefused(410, 'code_expired', `the code is valid for ${CODE_MINUTES} minutes: file the complaint again`)
    const expected = this.#codeDigest(id, given)
    const stored = counted.code_digest ? Buffer.from(counted.code_digest) : Buffer.alloc(0)
    if (stored.length !== expected.length || !timingSafeEqual(stored, expected)) {
      const attemptsLeft = Math.max(0, CODE_ATTEMPTS - counted.code_attempts)
      if (attemptsLeft === 0) await this.#lock(id, now)
      throw new ComplaintRefused(400, 'invalid_code', attemptsLeft === 0 ? 'this code is not right, and it was the last try: file the complaint again' : 'this code is not right: check the six digits in the mail', { field: 'code', attemptsLeft })
    }
    const policy = this.#d.policy()
    const tz = policy.controller.timeZone
    const answerWithin = policy.document.complaints?.answerWithin ?? 'P1M'
    const dueOn = dateInZone(addDurationInZone(now, answerWithin, tz), tz)
    const actor = this.#actor
    await audit.append({ actorId: actor.id, action: 'complaint.confirmed', subjectId: id, purpose: purposeId, categories: [], decision: null, reason: 'email_code' })
    const done = await db.transaction().execute(async (tx) => {
      const updated = await tx.updateTable('complaint').set({ status: 'open', confirmed_at: now, due_on: dueOn, code_digest: null, code_expires_at: null }).where('subject_id', '=', id).where('status', '=', 'awaiting_confirmation').returning('subject_id').executeTakeFirst()
      if (updated) await tx.insertInto('complaint_event').values({ id: uuidv7(), complaint_id: id, kind: 'confirmed', code: 'email_code', actor_id: actor.id, at: now }).execute()
      return updated !== undefined
    })
    if (!done) throw new ComplaintRefused(409, 'already_confirmed', 'this complaint is already confirmed')
    const lang = counted.lang as Language
    const person = await this.#d.gate.read(actor, purposeId, id, ['contact.email'])
    const email = String(person.data['contact.email'])
    const urls = this.#urls(id, lang)
    const ack = complaintAcknowledgement({ policy, lang, controllerName: displayName(policy.controller, lang), privacyUrl: urls.privacy, reference: id, receivedOn: this.#today(new Date(counted.received_at)), dueOn })
    await this.#d.mailer.send({ to: email, subject: ack.subject, text: ack.text, html: ack.html, recipientHash: this.#d.vault.addressHash('email', email) })
    const mailbox = policy.document.complaints!.mailbox
    const staffLang = defaultLanguage(policy)
    const notice = complaintMailboxNotice({ lang: staffLang, reference: id, receivedAt: new Date(counted.received_at).toISOString(), dueOn, consoleUrl: urls.console(staffLang) })
    await this.#d.mailer.send({ to: mailbox, subject: notice.subject, text: notice.text, html: notice.html, recipientHash: this.#d.vault.addressHash('email', mailbox) })
    return { dueOn }
  }

  async #lock(id: string, now: Date): Promise<void> {
    const locked = await this.#d.db.updateTable('complaint').set({ status: 'locked', code_digest: null, code_expires_at: null }).where('subject_id', '=', id).where('status', '=', 'awaiting_confirmation').returning('subject_id').executeTakeFirst()
    if (!locked) return
    await this.#d.audit.append({ actorId: this.#actor.id, action: 'complaint.locked', subjectId: id, purpose: this.#purpose(), categories: [], decision: null, reason: 'too_many_attempts' })
    await this.#event(id, 'locked', 'too_many_attempts', this.#actor.id, now)
  }

  #rowOf(r: { subject_id: string; status: ComplaintStatus; lang: string; received_at: Date; confirmed_at: Date | null; due_on: string | null; outcome: string | null; outcome_at: Date | null }, notes: number, today: string): ComplaintRow {
    return {
      id: r.subject_id,
      status: r.status,
      lang: r.lang,
      receivedAt: new Date(r.received_at),
      confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null,
      dueOn: r.due_on,
      overdue: r.status === 'open' && r.due_on !== null && r.due_on < today,
      outcome: (r.outcome as ComplaintOutcome | null) ?? null,
      outcomeAt: r.outcome_at ? new Date(r.outcome_at) : null,
      notes,
    }
  }

  /**
   * The register: confirmed complaints (open ones first by due date, then closed ones), ids, dates,
   * states and outcome codes only. The gate decides who may see it; `action` is the audit action.
   */
  async register(actor: Actor, action = 'complaint.list'): Promise<ComplaintRow[]> {
    const purposeId = this.#purpose()
    await this.#d.gate.authorizeComplaints(actor, purposeId, action)
    const rows = await this.#d.db.selectFrom('complaint').select(['subject_id', 'status', 'lang', 'received_at', 'confirmed_at', 'due_on', 'outcome', 'outcome_at']).where('status', 'in', ['open', 'closed']).orderBy('status', 'desc').orderBy('due_on', 'asc').orderBy('received_at', 'asc').execute()
    const counts = await this.#d.db.selectFrom('complaint_event').select(['complaint_id']).select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'note').groupBy('complaint_id').execute()
    const notes = new Map(counts.map((c) => [c.complaint_id, Number(c.n)]))
    const today = this.#today(this.#d.now())
    if (action === 'complaint.list') await this.#d.audit.append({ actorId: actor.id, action, subjectId: null, purpose: purposeId, categories: [], decision: 'allow', reason: `rows:${rows.length}` })
    return rows.map((r) => this.#rowOf(r, notes.get(r.subject_id) ?? 0, today))
  }

  /** One complaint for a staff member: the gate decides from their role and audits the read. */
  async read(actor: Actor, id: string): Promise<ComplaintView> {
    const purposeId = this.#purpose()
    const row = await this.#d.db.selectFrom('complaint').selectAll().where('subject_id', '=', id).where('status', 'in', ['open', 'closed']).executeTakeFirst()
    if (!row) {
      await this.#d.gate.authorizeComplaints(actor, purposeId, 'complaint.read', null)
      throw new ComplaintRefused(404, 'complaint_not_found', 'no confirmed complaint with this id')
    }
    const person = await this.#d.gate.read(actor, purposeId, id)
    const events = await this.#d.db.selectFrom('complaint_event').selectAll().where('complaint_id', '=', id).orderBy('id', 'asc').execute()
    const noteEvents = events.filter((e) => e.kind === 'note')
    const str = (v: unknown) => (typeof v === 'string' ? v : '')
    const noteValues = Array.isArray(person.data['complaint.handling']) ? (person.data['complaint.handling'] as unknown[]).map(str) : []
    const outcome = person.data['complaint.outcome']
    return {
      ...this.#rowOf(row, noteEvents.length, this.#today(this.#d.now())),
      name: str(person.data['contact.name']),
      email: str(person.data['contact.email']),
      description: str(person.data['complaint.description']),
      notesText: noteValues.map((text, i) => ({ text, at: noteEvents[i] ? new Date(noteEvents[i]!.at) : null, actorId: noteEvents[i]?.actor_id ?? null })),
      outcomeText: typeof outcome === 'string' ? outcome : null,
      events: events.map((e) => ({ kind: e.kind, code: e.code, actorId: e.actor_id, at: new Date(e.at) })),
    }
  }

  async #open(id: string): Promise<{ lang: Language }> {
    const row = await this.#d.db.selectFrom('complaint').select(['status', 'lang']).where('subject_id', '=', id).executeTakeFirst()
    if (!row || (row.status !== 'open' && row.status !== 'closed')) throw new ComplaintRefused(404, 'complaint_not_found', 'no confirmed complaint with this id')
    if (row.status === 'closed') throw new ComplaintRefused(409, 'complaint_closed', 'this complaint already has its outcome')
    return { lang: row.lang as Language }
  }

  /** A handling note by staff: written to the vault through the gate (the text never reaches the audit log). */
  async addNote(actor: Actor, id: string, note: string): Promise<void> {
    const purposeId = this.#purpose()
    await this.#d.gate.authorizeComplaints(actor, purposeId, 'complaint.note', id)
    const value = text('note', note, COMPLAINT_LIMITS.note, { required: true, multiline: true })!
    await this.#open(id)
    await this.#d.gate.write(actor, purposeId, id, { 'complaint.handling': value })
    await this.#d.audit.append({ actorId: actor.id, action: 'complaint.note', subjectId: id, purpose: purposeId, categories: ['complaint.handling'], decision: 'allow', reason: null })
    await this.#event(id, 'note', null, actor.id, this.#d.now())
  }

  /** The outcome: its code and the staff member's explanation (to the vault), the complaint closed, the person told. */
  async recordOutcome(actor: Actor, id: string, outcome: string, explanation: string): Promise<void> {
    const purposeId = this.#purpose()
    await this.#d.gate.authorizeComplaints(actor, purposeId, 'complaint.outcome', id)
    if (!(OUTCOMES as readonly string[]).includes(outcome)) throw new ComplaintRefused(400, 'invalid_field', `outcome must be one of ${OUTCOMES.join(', ')}`, { field: 'outcome', allowed: OUTCOMES })
    const value = text('explanation', explanation, COMPLAINT_LIMITS.note, { required: true, multiline: true })!
    const { lang } = await this.#open(id)
    const now = this.#d.now()
    await this.#d.gate.write(actor, purposeId, id, { 'complaint.outcome': value })
    await this.#d.audit.append({ actorId: actor.id, action: 'complaint.outcome', subjectId: id, purpose: purposeId, categories: ['complaint.outcome'], decision: 'allow', reason: outcome })
    const closed = await this.#d.db.transaction().execute(async (tx) => {
      const updated = await tx.updateTable('complaint').set({ status: 'closed', outcome, outcome_at: now }).where('subject_id', '=', id).where('status', '=', 'open').returning('subject_id').executeTakeFirst()
      if (updated) await tx.insertInto('complaint_event').values({ id: uuidv7(), complaint_id: id, kind: 'outcome', code: outcome, actor_id: actor.id, at: now }).execute()
      return updated !== undefined
    })
    if (!closed) throw new ComplaintRefused(409, 'complaint_closed', 'this complaint already has its outcome')
    const policy = this.#d.policy()
    const person = await this.#d.gate.read(this.#actor, purposeId, id, ['contact.email'])
    const email = String(person.data['contact.email'])
    const urls = this.#urls(id, lang)
    const mail = complaintOutcomeMail({ policy, lang, controllerName: displayName(policy.controller, lang), privacyUrl: urls.privacy, reference: id, outcome: outcome as ComplaintOutcome, explanation: value })
    await this.#d.mailer.send({ to: email, subject: mail.subject, text: mail.text, html: mail.html, recipientHash: this.#d.vault.addressHash('email', email) })
  }
}

/** The register as CSV: ids, dates, states and outcome codes only (every field through the formula guard). */
export function complaintRegisterToCsv(rows: readonly ComplaintRow[]): string {
  const header = ['id', 'status', 'language', 'received_at', 'confirmed_at', 'due_on', 'overdue', 'notes', 'outcome', 'outcome_at']
  const lines = [header.map(csvField).join(',')]
  for (const r of rows) {
    lines.push([r.id, r.status, r.lang, r.receivedAt.toISOString(), r.confirmedAt?.toISOString() ?? '', r.dueOn ?? '', r.overdue ? 'yes' : 'no', String(r.notes), r.outcome ?? '', r.outcomeAt?.toISOString() ?? ''].map(csvField).join(','))
  }
  return lines.join('\r\n') + '\r\n'
}
