// Telling customers and recipients: a request routed to a customer (REQ-PR-01) and the changes
// Art. 19 requires recipients to hear of (rectification, erasure, restriction). A signed webhook
// when the party registered an endpoint (retried until acknowledged), else a mail to the mailbox it
// registered, else an audit entry saying that nobody could be told automatically. Ids only: the
// person is named by the subject id the party already knows, never by name or address.
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { displayName, type Policy } from '../policy/policy.ts'
import type { Language } from '../policy/schema.ts'
import type { Vault } from '../vault/vault.ts'
import type { Gate } from '../gate/gate.ts'
import type { Actor } from '../gate/actor.ts'
import type { Mailer } from '../mail/mailer.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { Webhooks } from '../webhooks/webhooks.ts'
import { AppError } from '../util/app-error.ts'
import { dateInZone } from '../util/dates.ts'
import { mailContent } from '../mail/render.ts'

const OWNER = /^(tenant|recipient):[\w.-]{1,64}$/

export type NotificationChannel = 'webhook' | 'mail' | 'none'

export interface NotifierDeps {
  readonly db: Kysely<DB>
  readonly vault: Vault
  readonly gate: Gate
  readonly webhooks: Webhooks
  readonly mailer: Mailer
  readonly audit: AuditLog
  readonly policy: () => Policy
  readonly now: () => Date
  /**
   * Called before a notice goes to a party: a recipient the processor register does not cover is
   * flagged to staff (src/processors/notices.ts). The notice goes out all the same (Art. 19).
   */
  readonly coverage?: (owner: string, event: string) => Promise<void>
}

export class Notifier {
  readonly #d: NotifierDeps

  constructor(deps: NotifierDeps) {
    this.#d = deps
  }

  /** Registers (or replaces) the mailbox of a customer or recipient. */
  async setContact(owner: string, email: string, lang: Language): Promise<void> {
    if (!OWNER.test(owner)) throw new AppError(422, 'no_notification_owner', 'only a customer\'s key (--tenant) or a recipient\'s key (--recipient) has a notification contact')
    let hash: string
    try {
      hash = this.#d.vault.addressHash('email', email)
    } catch {
      throw new AppError(400, 'invalid_email', 'give an e-mail address such as privacy@customer.example')
    }
    const row = { owner, email_sealed: this.#d.vault.seal('notification-contact', owner, email), email_hash: hash, lang, updated_at: this.#d.now() }
    await this.#d.db.insertInto('notification_contact').values(row).onConflict((oc) => oc.column('owner').doUpdateSet(row)).execute()
  }

  /**
   * The mailbox registered for a customer or recipient, opened by the gate for `actor`: the owner's
   * own key, or Pledge's notifications actor (the default).
   */
  async contact(owner: string, actor: Actor = this.#d.gate.systemActor('notifications')): Promise<{ email: string; lang: Language } | undefined> {
    const row = await this.#d.db.selectFrom('notification_contact').selectAll().where('owner', '=', owner).executeTakeFirst()
    return row ? { email: await this.#d.gate.openPartyMailbox(actor, owner, row.email_sealed), lang: row.lang as Language } : undefined
  }

  /** Tells the party by webhook, else by mail, else records that nobody could be told. */
  async notify(owner: string, event: string, payload: Record<string, unknown>): Promise<NotificationChannel> {
    await this.#d.coverage?.(owner, event)
    const delivery = await this.#d.webhooks.send(owner, event, payload)
    if (delivery) return 'webhook'
    const subjectId = typeof payload.subjectId === 'string' ? payload.subjectId : null
    const contact = await this.contact(owner)
    if (!contact) {
      // Art. 19 allows "impossible" only with a record: this is it, for the privacy team to follow up.
      await this.#d.audit.append({ actorId: 'system:requests', action: 'notification.no_channel', subjectId, purpose: null, categories: [], decision: null, reason: `${owner}:${event}` })
      return 'none'
    }
    const content = noticeMail(this.#d.policy(), contact.lang, event, payload, dateInZone(this.#d.now(), this.#d.policy().controller.timeZone))
    const row = await this.#d.db.selectFrom('notification_contact').select('email_hash').where('owner', '=', owner).executeTakeFirstOrThrow()
    await this.#d.mailer.send({ to: contact.email, subject: content.subject, text: content.text, html: content.html, recipientHash: row.email_hash })
    await this.#d.audit.append({ actorId: 'system:requests', action: 'notification.mail', subjectId, purpose: null, categories: [], decision: null, reason: `${owner}:${event}` })
    return 'mail'
  }
}

const EVENT_TEXT: Record<Language, Record<string, string>> = {
  en: {
    'request.routed': 'A data-subject request about a person whose data we process on your behalf has reached us. As your processor we do not answer it ourselves: it is yours to answer.',
    'request.forwarded': 'A data-subject request has reached us from a person who is also among the people whose data we process on your behalf. We answer for our own part; the part concerning your data is yours to answer.',
    'subject.erased': 'We erased this person\'s data at their request (Art. 17 GDPR). Please erase the copy you received from us.',
    'subject.rectified': 'We corrected this person\'s data at their request (Art. 16 GDPR). Please correct the copy you received from us (read it again through the API).',
    'subject.restricted': 'This person\'s data are restricted at their request (Art. 18 GDPR): only storage is allowed. Please restrict the copy you received from us.',
    'subject.restriction_lifted': 'The restriction of this person\'s data has been lifted (Art. 18(3) GDPR).',
    'retention.delete': 'The storage period we set for this person\'s data has ended (Art. 5(1)(e) GDPR). Please delete the copy you hold on our behalf for the categories below, and confirm to us.',
    'retention.anonymise': 'The storage period we set for this person\'s data has ended (Art. 5(1)(e) GDPR). Please anonymise irreversibly what you hold on our behalf for the categories below (only aggregate counts of at least ten people, nothing linked to this person), and confirm to us.',
  },
  nl: {
    'request.routed': 'Er bereikte ons een verzoek van een betrokkene over iemand wiens gegevens wij in uw opdracht verwerken. Als uw verwerker beantwoorden wij het niet zelf: het is aan u om te antwoorden.',
    'request.forwarded': 'Er bereikte ons een verzoek van een betrokkene die ook behoort tot de personen wier gegevens wij in uw opdracht verwerken. Wij antwoorden voor ons deel; het deel over uw gegevens is aan u.',
    'subject.erased': 'We hebben de gegevens van deze persoon op diens verzoek gewist (art. 17 AVG). Wis ook de kopie die u van ons ontving.',
    'subject.rectified': 'We hebben de gegevens van deze persoon op diens verzoek verbeterd (art. 16 AVG). Verbeter ook de kopie die u van ons ontving (lees ze opnieuw via de API).',
    'subject.restricted': 'De verwerking van de gegevens van deze persoon is op diens verzoek beperkt (art. 18 AVG): alleen opslag is toegestaan. Beperk ook de kopie die u van ons ontving.',
    'subject.restriction_lifted': 'De beperking van de verwerking van de gegevens van deze persoon is opgeheven (art. 18, lid 3, AVG).',
    'retention.delete': 'De bewaartermijn die wij voor de gegevens van deze persoon vastlegden, is verstreken (art. 5, lid 1, e), AVG). Wis de kopie die u in onze opdracht bewaart voor de categorieën hieronder, en bevestig het ons.',
    'retention.anonymise': 'De bewaartermijn die wij voor de gegevens van deze persoon vastlegden, is verstreken (art. 5, lid 1, e), AVG). Anonimiseer onomkeerbaar wat u in onze opdracht bewaart voor de categorieën hieronder (alleen totalen van minstens tien personen, niets dat naar deze persoon leidt), en bevestig het ons.',
  },
  fr: {
    'request.routed': 'Une demande d\'une personne concernée nous est parvenue au sujet d\'une personne dont nous traitons les données pour votre compte. En tant que sous-traitant, nous n\'y répondons pas nous-mêmes : il vous revient d\'y répondre.',
    'request.forwarded': 'Une demande nous est parvenue d\'une personne qui figure aussi parmi les personnes dont nous traitons les données pour votre compte. Nous répondons pour notre part ; la partie qui concerne vos données vous revient.',
    'subject.erased': 'Nous avons effacé les données de cette personne à sa demande (art. 17 RGPD). Veuillez effacer la copie que vous avez reçue de nous.',
    'subject.rectified': 'Nous avons rectifié les données de cette personne à sa demande (art. 16 RGPD). Veuillez rectifier la copie que vous avez reçue de nous (relisez-la via l\'API).',
    'subject.restricted': 'Le traitement des données de cette personne est limité à sa demande (art. 18 RGPD) : seule la conservation est permise. Veuillez limiter la copie que vous avez reçue de nous.',
    'subject.restriction_lifted': 'La limitation du traitement des données de cette personne a été levée (art. 18, § 3, RGPD).',
    'retention.delete': 'La durée de conservation que nous avons fixée pour les données de cette personne a expiré (art. 5, § 1, e), RGPD). Veuillez effacer la copie que vous conservez pour notre compte pour les catégories ci-dessous, et nous le confirmer.',
    'retention.anonymise': 'La durée de conservation que nous avons fixée pour les données de cette personne a expiré (art. 5, § 1, e), RGPD). Veuillez anonymiser de manière irréversible ce que vous conservez pour notre compte pour les catégories ci-dessous (uniquement des totaux d\'au moins dix personnes, rien qui renvoie à cette personne), et nous le confirmer.',
  },
}

const LABELS: Record<Language, { subject: (controller: string) => string; reference: string; request: string; due: string; categories: string; date: string; how: string; regards: string }> = {
  en: { subject: (c) => `Data protection notice from ${c}`, reference: 'Person (subject id)', request: 'Request', due: 'To be answered by', categories: 'Categories', date: 'Date', how: 'Use the request and subject ids with your Pledge API key (GET /v1/staff/requests, POST …/fulfil, POST …/close). This mail carries ids only.', regards: 'Kind regards' },
  nl: { subject: (c) => `Kennisgeving gegevensbescherming van ${c}`, reference: 'Persoon (subject-id)', request: 'Verzoek', due: 'Te beantwoorden uiterlijk op', categories: 'Categorieën', date: 'Datum', how: 'Gebruik de id\'s van het verzoek en de persoon met uw Pledge-API-sleutel (GET /v1/staff/requests, POST …/fulfil, POST …/close). Deze e-mail bevat alleen id\'s.', regards: 'Met vriendelijke groet' },
  fr: { subject: (c) => `Notification relative à la protection des données de ${c}`, reference: 'Personne (identifiant)', request: 'Demande', due: 'À traiter au plus tard le', categories: 'Catégories', date: 'Date', how: 'Utilisez les identifiants de la demande et de la personne avec votre clé d\'API Pledge (GET /v1/staff/requests, POST …/fulfil, POST …/close). Cet e-mail ne contient que des identifiants.', regards: 'Meilleures salutations' },
}

/** The mail to a customer or recipient: what happened, to whom (by id), by when; nothing else. */
export function noticeMail(policy: Policy, lang: Language, event: string, payload: Record<string, unknown>, today: string): { subject: string; text: string; html: string } {
  const L = LABELS[lang]
  const controller = displayName(policy.controller, lang)
  const what = EVENT_TEXT[lang][event] ?? event
  const ids = (value: unknown) => (Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : '')
  const lines: [string, string][] = [[L.date, today]]
  if (payload.requestId) lines.push([L.request, ids(payload.requestId)])
  if (payload.subjectId || payload.subjectIds) lines.push([L.reference, ids(payload.subjectId ?? payload.subjectIds)])
  if (payload.dueAt) lines.push([L.due, ids(payload.dueAt)])
  if (Array.isArray(payload.categories) && payload.categories.length) lines.push([L.categories, payload.categories.map((c) => (typeof c === 'string' ? (policy.category(c)?.label[lang] ?? c) : '')).join(', ')])
  const contact = policy.controller.privacyContact
  const { subject, text, html } = mailContent(lang, L.subject(controller), [
    { p: what },
    { rows: lines },
    { note: L.how },
    { p: `${L.regards},\n${contact?.name[lang] ?? controller}\n${contact?.email ?? policy.controller.email}` },
  ])
  return { subject, text, html }
}
