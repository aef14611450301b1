// The newsletter through Pledge's own public form: double opt-in, one-click unsubscribe, the
// suppression list, and marketing mail that always carries the opt-out and the right to object.
// Links in mails never act by being opened (mail scanners open them): they show a page whose button
// POSTs; only the RFC 8058 one-click unsubscribe, a POST by design, acts directly.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { v7 as uuidv7 } from 'uuid'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { defaultLanguage, displayName, type Policy } from '../policy/policy.ts'
import type { Language } from '../policy/schema.ts'
import type { Vault } from '../vault/vault.ts'
import { GateDenied, type Gate } from '../gate/gate.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { Mailer, SentMail } from '../mail/mailer.ts'
import type { Actor } from '../gate/actor.ts'
import { newsletterConfirmation, marketingMail } from '../mail/templates.ts'
import { NEWSLETTER_PURPOSE } from '../policy/builtin.ts'

export { NEWSLETTER_PURPOSE }
const PENDING_DAYS = 7
/** At most one confirmation mail per address per this many minutes, whatever the form receives. */
const RESEND_MINUTES = 10

/** The sentence the person confirms on the confirmation page; its hash is the consent proof. */
export const CONFIRM_TEXT: Record<Language, string> = {
  nl: 'Ja, ik wil de nieuwsbrief ontvangen. Ik kan mij op elk moment uitschrijven met één klik.',
  fr: 'Oui, je souhaite recevoir la newsletter. Je peux me désinscrire à tout moment en un clic.',
  en: 'Yes, I want to receive the newsletter. I can unsubscribe at any time with one click.',
}

export interface NewsletterDeps {
  readonly db: Kysely<DB>
  readonly vault: Vault
  readonly gate: Gate
  readonly audit: AuditLog
  readonly mailer: Mailer
  readonly policy: () => Policy
  readonly baseUrl: string
  readonly now: () => Date
  /** Runs before the first mail to a person (the Art. 14 notice is owed before any other contact). */
  readonly beforeContact?: (subjectId: string) => Promise<unknown>
  /** The signed webhook outbox (src/webhooks): tells mailing providers of an opt-out (REQ-CON-07). */
  readonly webhooks?: { send(owner: string, event: string, payload: Record<string, unknown>): Promise<unknown>; payloadsSince(event: string, since: Date): Promise<{ owner: string; payload: Record<string, unknown> }[]> }
}

/** What a mailing provider tells us (POST /v1/newsletter/provider-events). */
export interface ProviderEvent {
  /** The provider's own id of the event: a replayed id is recorded once. */
  readonly id: string
  readonly type: 'unsubscribe' | 'complaint' | 'hard_bounce'
  /** The person's unsubscribe token, from the unsubscribe URL the audience gave. */
  readonly token: string
}

export const AUDIENCE_PAGE = 500

const digest = (token: string) => createHash('sha256').update(token).digest()

export class Newsletter {
  readonly #d: NewsletterDeps

  constructor(deps: NewsletterDeps) {
    this.#d = deps
  }

  /** The declared system actor of the form (its purposes follow the policy in force). */
  get #actor(): Actor {
    return this.#d.gate.systemActor('newsletter')
  }

  /**
   * Starts a double opt-in. Known, unknown, subscribed or suppressed: the same work and the same
   * answer, so the form cannot tell anyone who is on the list. Throws only for an invalid address.
   * `by` is the website backend's intake key that posted the form for its visitor, if one did.
   */
  async subscribe(email: string, lang: Language, by?: { readonly id: string }): Promise<void> {
    const { db, vault } = this.#d
    const lookup = vault.addressHash('email', email)
    const now = this.#d.now()
    const recent = await db
      .selectFrom('pending_subscription')
      .select('id')
      .where('lookup', '=', lookup)
      .where('created_at', '>', new Date(now.getTime() - RESEND_MINUTES * 60_000))
      .executeTakeFirst()
    await this.#d.audit.append({ actorId: by?.id ?? this.#actor.id, action: 'newsletter.subscribe_requested', subjectId: null, purpose: NEWSLETTER_PURPOSE, categories: [], decision: null, reason: recent ? 'rate_limited' : null })
    if (recent) return
    const id = uuidv7()
    const token = randomBytes(32).toString('base64url')
    await db
      .insertInto('pending_subscription')
      .values({ id, token_digest: digest(token), email_ciphertext: vault.sealPending(id, email), lookup, lang, expires_at: new Date(now.getTime() + PENDING_DAYS * 86_400_000) })
      .execute()
    const policy = this.#d.policy()
    const content = newsletterConfirmation({
      lang,
      controllerName: displayName(policy.controller, lang),
      confirmUrl: `${this.#d.baseUrl}/newsletter/confirm?token=${token}&lang=${lang}`,
      privacyUrl: `${this.#d.baseUrl}/privacy?lang=${lang}`,
    })
    await this.#d.mailer.send({ to: email, subject: content.subject, text: content.text, html: content.html, recipientHash: lookup })
  }

  /** Whether a confirmation token is still waiting (for the page that shows the button). */
  async isPending(token: string): Promise<boolean> {
    const row = await this.#d.db.selectFrom('pending_subscription').select(['expires_at']).where('token_digest', '=', digest(token)).executeTakeFirst()
    return row !== undefined && new Date(row.expires_at) > this.#d.now()
  }

  /**
   * The person pressed "confirm": record the consent, create the subscriber if needed. The form's
   * language is the person's own choice: it becomes the language they are written to in.
   */
  async confirm(token: string): Promise<'confirmed' | 'invalid'> {
    const { db, vault, gate } = this.#d
    const row = await db.selectFrom('pending_subscription').selectAll().where('token_digest', '=', digest(token)).executeTakeFirst()
    if (!row || new Date(row.expires_at) <= this.#d.now()) return 'invalid'
    const actor = this.#actor
    const email = await gate.openPendingSubscription(actor, row.id, row.email_ciphertext)
    const lang = row.lang as Language
    const evidence = { text: CONFIRM_TEXT[lang], channel: 'web' as const, lang, act: 'double_opt_in_confirmed' as const }
    const subjectId = await gate.findSubscriber(actor, email)
    // The person's own, confirmed request lifts an earlier unsubscription of this address.
    await vault.unsuppress(row.lookup)
    if (subjectId) await gate.resubscribe(actor, subjectId, evidence)
    else await gate.create(actor, NEWSLETTER_PURPOSE, { type: 'newsletter_subscriber', data: { 'contact.email': email }, language: lang }, evidence)
    await db.deleteFrom('pending_subscription').where('id', '=', row.id).execute()
    return 'confirmed'
  }

  unsubscribeToken(subjectId: string): string {
    return `${subjectId}.${this.#d.vault.linkMac('unsubscribe', subjectId).toString('base64url')}`
  }

  #verify(token: string): string | undefined {
    const [subjectId, mac] = token.split('.')
    if (!subjectId || !mac || !/^[0-9a-f-]{36}$/i.test(subjectId)) return undefined
    const expected = this.#d.vault.linkMac('unsubscribe', subjectId)
    const given = Buffer.from(mac, 'base64url')
    return given.length === expected.length && timingSafeEqual(given, expected) ? subjectId : undefined
  }

  /**
   * Unsubscribes from every direct-marketing purpose at once: consent withdrawn, objection upheld
   * (absolute, REQ-OB-02), address suppressed (REQ-DM-03). No login, no identity document.
   */
  async unsubscribe(token: string, lang: Language, act: 'one_click' | 'unsubscribe_button'): Promise<boolean> {
    const subjectId = this.#verify(token)
    if (!subjectId) return false
    // Nobody left (already erased) is fine too: there is nothing left to stop.
    await this.#d.gate.unsubscribe(this.#d.gate.systemActor('unsubscribe'), subjectId, { lang, act, channel: act === 'one_click' ? 'list_unsubscribe' : 'web' })
    return true
  }

  /**
   * REQ-CON-07: a withdrawal or objection made in Pledge reaches every mailing provider (a processor
   * of a direct-marketing purpose with a webhook endpoint) at once, as the signed webhook
   * `newsletter.opt_out` { subjectId, purposes, reason } through the outbox (retried until
   * acknowledged). Ids only. Called by the gate after every such change (its OptOutListener).
   */
  async propagateOptOut(subjectId: string, stopped: readonly string[], reason: 'unsubscribed' | 'withdrawn' | 'objected'): Promise<number> {
    const webhooks = this.#d.webhooks
    if (!webhooks) return 0
    const policy = this.#d.policy()
    const byRecipient = new Map<string, string[]>()
    for (const p of policy.purposes) {
      if (!p.directMarketing || !stopped.includes(p.id)) continue
      for (const r of p.recipients) {
        if (policy.recipient(r)?.role !== 'processor') continue
        byRecipient.set(r, [...(byRecipient.get(r) ?? []), p.id])
      }
    }
    let sent = 0
    for (const [recipient, purposes] of byRecipient) {
      if (await webhooks.send(`recipient:${recipient}`, 'newsletter.opt_out', { subjectId, purposes, reason })) sent++
    }
    return sent
  }

  /**
   * The safety round for REQ-CON-07: every direct-marketing withdrawal and upheld objection since
   * `since` whose `newsletter.opt_out` webhook is missing for a processor of that purpose (a crash
   * between recording the opt-out and queueing its webhook) is queued now. Run hourly, so a lost
   * one still reaches the provider well within 24 hours. Returns how many were queued.
   */
  async sweepOptOuts(since: Date): Promise<number> {
    const { db, webhooks } = this.#d
    if (!webhooks) return 0
    const policy = this.#d.policy()
    const marketing = policy.purposes.filter((p) => p.directMarketing && p.recipients.some((r) => policy.recipient(r)?.role === 'processor')).map((p) => p.id)
    if (marketing.length === 0) return 0
    const [withdrawals, objections, told] = await Promise.all([
      db.selectFrom('consent_event').select(['subject_id', 'purpose']).where('granted', '=', false).where('purpose', 'in', marketing).where('at', '>=', since).execute(),
      this.#d.vault.upheldObjectionsSince(marketing, since),
      webhooks.payloadsSince('newsletter.opt_out', since),
    ])
    const withdrawn = withdrawals.map((r) => ({ subjectId: r.subject_id, purpose: r.purpose }))
    const sent = new Set<string>()
    for (const d of told) {
      const payload = d.payload as { subjectId?: string; purposes?: string[] }
      for (const p of payload.purposes ?? []) sent.add(`${d.owner}|${payload.subjectId}|${p}`)
    }
    let queued = 0
    const seen = new Set<string>()
    for (const [rows, reason] of [[withdrawn, 'withdrawn'], [objections, 'objected']] as const) {
      for (const r of rows) {
        for (const recipient of policy.purpose(r.purpose)!.recipients.filter((x) => policy.recipient(x)?.role === 'processor')) {
          const key = `recipient:${recipient}|${r.subjectId}|${r.purpose}`
          if (sent.has(key) || seen.has(key)) continue
          seen.add(key)
          if (await webhooks.send(`recipient:${recipient}`, 'newsletter.opt_out', { subjectId: r.subjectId, purposes: [r.purpose], reason })) queued++
        }
      }
    }
    return queued
  }

  /**
   * The people a mailing provider may write to now, for its recipient-bound key: the gate decides
   * each one (and records the disclosure of the address to that recipient), by id after `after`.
   * With `lang`, only the people written to in that language (decided before any address is read).
   */
  async audience(actor: Actor, purposeId: string, options: { lang?: Language | undefined; after?: string | undefined; limit?: number | undefined }): Promise<{ recipients: { id: string; email: string; lang: Language; unsubscribeUrl: string }[]; next: string | null }> {
    const { gate, vault } = this.#d
    await gate.requireProcessorOf(actor, purposeId, 'newsletter.audience')
    const policy = this.#d.policy()
    const limit = Math.min(Math.max(options.limit ?? AUDIENCE_PAGE, 1), AUDIENCE_PAGE)
    const fallback = defaultLanguage(policy)
    const ids = await vault.livingSubjects({ types: policy.purpose(purposeId)?.subjectTypes ?? [], after: options.after, limit })
    const recipients: { id: string; email: string; lang: Language; unsubscribeUrl: string }[] = []
    for (const id of ids) {
      // One decision per person before anything is sent: the language filter, and whether the
      // notice below may go out at all (a withdrawn or objecting person hears nothing).
      const check = await gate.audienceCheck(actor, purposeId, id)
      if (!check.allowed || (options.lang && (check.language ?? fallback) !== options.lang)) continue
      try {
        // A person from another source hears from the controller first (Art. 14(3)(b)): the notice
        // goes out before the provider is given the address, as before Pledge's own campaigns.
        await this.#d.beforeContact?.(id)
        const read = await gate.read(actor, purposeId, id, ['contact.email'])
        const email = read.data['contact.email']
        const lang = read.language ?? fallback
        if (typeof email !== 'string') continue
        recipients.push({ id, email, lang, unsubscribeUrl: `${this.#d.baseUrl}/newsletter/unsubscribe?t=${this.unsubscribeToken(id)}&lang=${lang}` })
      } catch (err) {
        if (!(err instanceof GateDenied)) throw err
      }
    }
    return { recipients, next: ids.length === limit ? ids.at(-1)! : null }
  }

  /**
   * A mailing provider's events, already authenticated (signature checked by the caller): an
   * unsubscribe or a spam complaint unsubscribes the person from all direct marketing and
   * suppresses the address; a hard bounce is recorded. An event id seen before is skipped.
   */
  async providerEvents(recipientId: string, events: readonly ProviderEvent[]): Promise<{ applied: number; duplicates: number; unknownTokens: number }> {
    const { db, gate, audit } = this.#d
    let applied = 0
    let duplicates = 0
    let unknownTokens = 0
    for (const e of events) {
      const subjectId = this.#verify(e.token) ?? null
      const inserted = await db.insertInto('newsletter_provider_event').values({ recipient_id: recipientId, event_id: e.id, kind: e.type, subject_id: subjectId, received_at: this.#d.now() }).onConflict((oc) => oc.columns(['recipient_id', 'event_id']).doNothing()).executeTakeFirst()
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) {
        duplicates++
        continue
      }
      if (!subjectId) {
        unknownTokens++
        await audit.append({ actorId: `recipient:${recipientId}`, action: `newsletter.provider_${e.type}`, subjectId: null, purpose: null, categories: [], decision: null, reason: 'unknown_token' })
        continue
      }
      applied++
      if (e.type === 'hard_bounce') {
        await audit.append({ actorId: `recipient:${recipientId}`, action: 'newsletter.provider_hard_bounce', subjectId, purpose: null, categories: [], decision: null, reason: 'recorded' })
        continue
      }
      await audit.append({ actorId: `recipient:${recipientId}`, action: `newsletter.provider_${e.type}`, subjectId, purpose: null, categories: [], decision: null, reason: 'suppress' })
      // The gate tells every provider (this one too: an acknowledgement it may ignore).
      await gate.unsubscribe(gate.systemActor('unsubscribe'), subjectId, { lang: defaultLanguage(this.#d.policy()), act: e.type === 'complaint' ? 'withdrawal_requested' : 'unsubscribe_button', channel: 'email' })
    }
    return { applied, duplicates, unknownTokens }
  }

  /** Sends a marketing mail to one person, if the gate lets this purpose reach them. */
  async sendMarketing(subjectId: string, purposeId: string, content: { bodyText: string; subject?: string; lang: Language }): Promise<SentMail> {
    const { data } = await this.#d.gate.read(this.#d.gate.systemActor('mailer'), purposeId, subjectId, ['contact.email'])
    const email = data['contact.email']
    if (typeof email !== 'string') throw new Error('this person has no e-mail address')
    await this.#d.beforeContact?.(subjectId)
    const policy = this.#d.policy()
    const mail = marketingMail({
      lang: content.lang,
      controllerName: displayName(policy.controller, content.lang),
      bodyText: content.bodyText,
      unsubscribeUrl: `${this.#d.baseUrl}/newsletter/unsubscribe?t=${this.unsubscribeToken(subjectId)}`,
      privacyUrl: `${this.#d.baseUrl}/privacy?lang=${content.lang}`,
      ...(content.subject ? { subject: content.subject } : {}),
    })
    return this.#d.mailer.send({ to: email, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers ?? {}, recipientHash: (await this.#d.vault.emailHashOf(subjectId)) ?? 'unknown' })
  }
}
