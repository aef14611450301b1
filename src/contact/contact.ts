// The website's contact form (seed 2.1): a message is recorded as a new contact subject through the
// gate (the vault encrypts it), the sender gets an acknowledgement that never repeats it, and the
// policy's mailbox is told that a message arrived (its id and a console link, never the message).
// The message is linked to a person the controller already knows only after the sender confirmed
// the address by the link in the acknowledgement; nothing is ever written into that person, and the
// answers are the same whether the address is known or not.
//
// Spam protection without a third-party captcha: a honeypot field, a minimum fill time carried in
// a timestamp the server signed (HMAC with a key the vault derives from the master key), and
// per-address limits here (per client address and per intake key at the HTTP edge).
import { FormRefused, formTokenRefusal, signFormToken } from '../util/form-token.ts'
import { timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { defaultLanguage, displayName, type Policy } from '../policy/policy.ts'
import type { Language } from '../policy/schema.ts'
import type { Vault } from '../vault/vault.ts'
import { VaultInputError } from '../vault/vault.ts'
import type { Gate } from '../gate/gate.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { Mailer } from '../mail/mailer.ts'
import type { Actor } from '../gate/actor.ts'
import { contactPurposeOf } from '../gate/system-actors.ts'
import { CONTACT_SUBJECT_TYPE } from '../policy/builtin.ts'
import { contactAcknowledgement, contactMailboxNotice } from './mails.ts'

export { MIN_FILL_SECONDS, FORM_TOKEN_HOURS } from '../util/form-token.ts'
/** Messages per e-mail address per hour, keyed or not. */
export const PER_ADDRESS_LIMIT = { max: 3, windowMinutes: 60 } as const
/** Caps of the form's fields, in characters (the HTTP schemas use the same). */
export const CONTACT_LIMITS = { name: 200, email: 320, phone: 40, organisation: 200, role: 200, message: 5000, formToken: 100, honeypot: 200 } as const

export interface ContactInput {
  readonly name: string
  readonly email: string
  readonly phone?: string | undefined
  readonly organisation?: string | undefined
  readonly role?: string | undefined
  readonly message: string
  readonly lang: Language
  /** The signed timestamp the form was rendered with. */
  readonly formToken: string
  /** The honeypot: a field people never see; anything in it is a robot's. */
  readonly honeypot?: string | undefined
}

/** A refusal with its HTTP status, code and a reason that never repeats what was sent. */
export class ContactRefused extends FormRefused {}

export interface ContactDeps {
  readonly db: Kysely<DB>
  readonly vault: Vault
  readonly gate: Gate
  readonly audit: AuditLog
  readonly mailer: Mailer
  readonly policy: () => Policy
  readonly baseUrl: string
  readonly now: () => Date
}

export interface ContactMessage {
  readonly id: string
  readonly receivedAt: Date
  readonly lang: string
  readonly confirmedAt: Date | null
  readonly linkedSubjectId: string | null
  readonly data: Readonly<Record<string, unknown>>
}

const SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
const MESSAGE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

function text(field: string, value: string | undefined, max: number, options: { required: boolean; multiline?: boolean }): string | undefined {
  const v = (options.multiline ? (value ?? '').replace(/\r\n?/g, '\n') : (value ?? '')).trim()
  if (!v) {
    if (options.required) throw new ContactRefused(400, 'missing_field', `${field} is required`, { field })
    return undefined
  }
  if (v.length > max) throw new ContactRefused(400, 'field_too_long', `${field} is longer than ${max} characters`, { field, max })
  if ((options.multiline ? MESSAGE_CONTROL : SINGLE_LINE).test(v)) throw new ContactRefused(400, 'invalid_text', `${field} holds a control character: send plain text${options.multiline ? '' : ' on one line'}`, { field })
  return v
}

export class ContactService {
  readonly #d: ContactDeps

  constructor(deps: ContactDeps) {
    this.#d = deps
  }

  get #actor(): Actor {
    return this.#d.gate.systemActor('contact')
  }

  /** Whether the policy in force has a contact form (a mailbox and its purpose). */
  enabled(): boolean {
    const policy = this.#d.policy()
    return policy.document.contactForm !== undefined && policy.purpose(contactPurposeOf(policy)) !== undefined
  }

  #mac(kind: string, value: string): string {
    return this.#d.vault.linkMac(kind, value).toString('base64url')
  }

  #macMatches(kind: string, value: string, given: string): boolean {
    const expected = this.#d.vault.linkMac(kind, value)
    const mac = Buffer.from(given, 'base64url')
    return mac.length === expected.length && timingSafeEqual(mac, expected)
  }

  /** A signed timestamp for a form rendered now (src/util/form-token.ts). */
  formToken(at: Date = this.#d.now()): string {
    return signFormToken(this.#formMac, at)
  }

  /** Checks a form token: throws with the reason (too fast says when to send again). */
  checkFormToken(token: string): void {
    const refused = formTokenRefusal(this.#formMac, token, this.#d.now())
    if (refused) throw new ContactRefused(refused.status, refused.code, refused.message, refused.details)
  }

  readonly #formMac = (value: string): Buffer => this.#d.vault.linkMac('contact-form', value)

  /**
   * Records a message. Known, unknown or already a customer: the same work and the same answer.
   * `by` is the website backend's intake key that posted it, if one did.
   */
  async submit(input: ContactInput, by?: { readonly id: string }): Promise<void> {
    const { db, vault, gate, audit } = this.#d
    if (!this.enabled()) throw new ContactRefused(404, 'contact_form_disabled', 'this policy declares no contact form (contactForm and its purpose)')
    const actor = this.#actor
    const purposeId = contactPurposeOf(this.#d.policy())
    if (input.honeypot !== undefined && input.honeypot !== '') {
      await audit.append({ actorId: by?.id ?? actor.id, action: 'contact.refused', subjectId: null, purpose: purposeId, categories: [], decision: null, reason: 'honeypot' })
      throw new ContactRefused(400, 'honeypot_filled', 'a field meant to stay empty was filled in: a person leaves it empty')
    }
    this.checkFormToken(input.formToken)
    const name = text('name', input.name, CONTACT_LIMITS.name, { required: true })!
    const email = text('email', input.email, CONTACT_LIMITS.email, { required: true })!
    const phone = text('phone', input.phone, CONTACT_LIMITS.phone, { required: false })
    const organisation = text('organisation', input.organisation, CONTACT_LIMITS.organisation, { required: false })
    const role = text('role', input.role, CONTACT_LIMITS.role, { required: false })
    const message = text('message', input.message, CONTACT_LIMITS.message, { required: true, multiline: true })!
    let lookup: string
    try {
      lookup = vault.addressHash('email', email)
      if (phone) vault.addressHash('phone', phone)
    } catch (err) {
      if (err instanceof VaultInputError) throw new ContactRefused(400, 'invalid_field', phone ? 'check the e-mail address (name@example.com) and the telephone number (+32 470 12 34 56)' : 'give an e-mail address such as name@example.com', { field: phone ? 'email or phone' : 'email' })
      throw err
    }
    const now = this.#d.now()
    const windowStart = new Date(now.getTime() - PER_ADDRESS_LIMIT.windowMinutes * 60_000)
    // The address's keyed hash serves only this window's limit: older rows forget it.
    await db.updateTable('contact_message').set({ lookup: '' }).where('received_at', '<=', windowStart).where('lookup', '<>', '').execute()
    const recent = await db.selectFrom('contact_message').select('received_at').where('lookup', '=', lookup).where('received_at', '>', windowStart).orderBy('received_at', 'asc').execute()
    if (recent.length >= PER_ADDRESS_LIMIT.max) {
      await audit.append({ actorId: by?.id ?? actor.id, action: 'contact.refused', subjectId: null, purpose: purposeId, categories: [], decision: null, reason: 'rate_limited' })
      const retryAfterSeconds = Math.max(1, Math.ceil((new Date(recent[0]!.received_at).getTime() + PER_ADDRESS_LIMIT.windowMinutes * 60_000 - now.getTime()) / 1000))
      throw new ContactRefused(429, 'rate_limited', `too many messages from this e-mail address: try again in ${retryAfterSeconds} s`, { retryAfterSeconds })
    }
    const policy = this.#d.policy()
    const data: Record<string, string> = { 'contact.name': name, 'contact.email': email, 'communication.message': message }
    if (phone) data['contact.phone'] = phone
    if (organisation) data['professional.organisation'] = organisation
    if (role) data['professional.role'] = role
    const subjectType = policy.document.contactForm?.subjectType ?? CONTACT_SUBJECT_TYPE
    // No `source`: the sender gave the data themselves (Art. 13, on the page), so no Art. 14 notice is owed.
    const { id } = await gate.create(actor, purposeId, { type: subjectType, data, language: input.lang })
    await db.insertInto('contact_message').values({ subject_id: id, lookup, lang: input.lang, created_by: by?.id ?? actor.id, received_at: now }).execute()
    const controllerName = displayName(policy.controller, input.lang)
    const ack = contactAcknowledgement({
      lang: input.lang,
      controllerName,
      confirmUrl: `${this.#d.baseUrl}/contact/confirm?t=${this.confirmToken(id)}&lang=${input.lang}`,
      privacyUrl: `${this.#d.baseUrl}/privacy?lang=${input.lang}`,
    })
    await this.#d.mailer.send({ to: email, subject: ack.subject, text: ack.text, html: ack.html, recipientHash: lookup })
    const mailbox = policy.document.contactForm!.mailbox
    const staffLang = defaultLanguage(policy)
    const notice = contactMailboxNotice({ lang: staffLang, reference: id, receivedAt: now.toISOString(), consoleUrl: `${this.#d.baseUrl}/admin/contact/${id}?lang=${staffLang}` })
    await this.#d.mailer.send({ to: mailbox, subject: notice.subject, text: notice.text, html: notice.html, recipientHash: vault.addressHash('email', mailbox) })
  }

  /** The token of the confirmation link: `<subject id>.<mac>`. */
  confirmToken(subjectId: string): string {
    return `${subjectId}.${this.#mac('contact-confirm', subjectId)}`
  }

  #verify(token: string): string | undefined {
    const [subjectId, mac, extra] = token.split('.')
    if (extra !== undefined || !subjectId || !mac || !/^[0-9a-f-]{36}$/.test(subjectId)) return undefined
    return this.#macMatches('contact-confirm', subjectId, mac) ? subjectId : undefined
  }

  /** Whether a confirmation link is still good (for the page that shows the button). */
  async isConfirmable(token: string): Promise<boolean> {
    const id = this.#verify(token)
    if (!id) return false
    const row = await this.#d.db.selectFrom('contact_message').select('subject_id').where('subject_id', '=', id).executeTakeFirst()
    return row !== undefined
  }

  /**
   * The sender pressed "confirm" on the page of the link mailed to the address: the message is
   * linked to the controller's person with that address, if there is one. The same answer either way.
   */
  async confirm(token: string): Promise<'confirmed' | 'invalid'> {
    const id = this.#verify(token)
    if (!id) return 'invalid'
    const { db, gate } = this.#d
    const row = await db.selectFrom('contact_message').selectAll().where('subject_id', '=', id).executeTakeFirst()
    if (!row) return 'invalid'
    if (row.confirmed_at) return 'confirmed'
    const actor = this.#actor
    const purposeId = contactPurposeOf(this.#d.policy())
    let email: unknown
    try {
      email = (await gate.read(actor, purposeId, id, ['contact.email'])).data['contact.email']
    } catch {
      // Erased or past its retention: nothing left to link.
      return 'invalid'
    }
    const linked = typeof email === 'string' ? await gate.findContactPerson(actor, purposeId, id, email) : undefined
    await db.updateTable('contact_message').set({ confirmed_at: this.#d.now(), linked_subject_id: linked ?? null }).where('subject_id', '=', id).execute()
    return 'confirmed'
  }

  /** The newest messages (ids and times only) for a staff member whose role holds the contact purpose. */
  async list(actor: Actor, limit = 100): Promise<{ id: string; receivedAt: Date; confirmed: boolean; linked: boolean }[]> {
    await this.#d.gate.authorizeContactList(actor, contactPurposeOf(this.#d.policy()))
    const rows = await this.#d.db.selectFrom('contact_message').select(['subject_id', 'received_at', 'confirmed_at', 'linked_subject_id']).orderBy('received_at', 'desc').limit(limit).execute()
    return rows.map((r) => ({ id: r.subject_id, receivedAt: new Date(r.received_at), confirmed: r.confirmed_at !== null, linked: r.linked_subject_id !== null }))
  }

  /** A message for a staff member: the gate decides (their role's purposes) and audits the read. */
  async read(actor: Actor, id: string): Promise<ContactMessage> {
    const purposeId = contactPurposeOf(this.#d.policy())
    const person = await this.#d.gate.read(actor, purposeId, id)
    const row = await this.#d.db.selectFrom('contact_message').selectAll().where('subject_id', '=', id).executeTakeFirst()
    return { id, receivedAt: row ? new Date(row.received_at) : new Date(0), lang: row?.lang ?? '', confirmedAt: row?.confirmed_at ? new Date(row.confirmed_at) : null, linkedSubjectId: row?.linked_subject_id ?? null, data: person.data }
  }
}
