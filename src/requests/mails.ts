// Every mail the request handling sends to a requester, in Dutch, French and English, each with a
// plain-text and an HTML part, addressed to the person and signed by the controller's privacy
// contact. Like src/mail/templates.ts: every interpolated value is escaped in HTML, links must be
// http(s) URLs, subjects are one line.
//
// What the law asks of these mails, and where:
// - acknowledgement: what was received, when, the one-month answer date (Art. 12(3)), the one-time
//   code in large digits and a link whose code sits in the URL fragment (#code=…) — opening it never
//   acts and the code never reaches a server log; no reasons asked (REQ-TR-11), no identity
//   document (REQ-ID-01);
// - no_data: nothing held under that address, and which other identifiers would help (REQ-ID-08);
// - erasure_done: what was erased and what was kept, why (statutory reference or legal claims) and
//   until when (Art. 17(3), REQ-ER-02);
// - refused / intended_refusal / objection_decided (not upheld): the reasons, the right to complain
//   to the supervisory authority and to go to court (Art. 12(4), REQ-TR-09);
// - intended_fee: announced before anything is charged, so the person can withdraw (REQ-TR-10);
// - extension: the new date and the reason (Art. 12(3), REQ-TR-08);
// - information_needed: exactly what is needed and why, least intrusive first (REQ-ID-03, REQ-ID-04);
// - art14_notice: the Art. 14 notice for data not obtained from the person, with its specific source.
import type { Policy, Purpose } from '../policy/policy.ts'
import type { Language, LegalBasis, RecipientDocument } from '../policy/schema.ts'
import { LABELS, basisLabel, countryName, formatDate, formatRetention, joinList, colon } from '../policy/i18n.ts'
import { customEvents, basisGroups } from '../policy/statement.ts'
import { EEA_COUNTRIES, addressLine, displayName, inLanguage, type PostalAddress } from '../policy/policy.ts'
import { dateInZone } from '../util/dates.ts'
import { checkedUrl, oneLine, toHtml, toText, type MailContent, type Part } from '../mail/render.ts'
import { MEANS, REQUEST_STATUS_TEXT, REQUEST_TYPE_TEXT, T } from './mail-texts.ts'

export { REQUEST_STATUS_TEXT, REQUEST_TYPE_TEXT, type RequestTypeText } from './mail-texts.ts'
import type { DoubtReason, KeptItem, RequestMail, RequestOutcome, RequestStatus, RequestType } from './types.ts'

// ---- helpers ------------------------------------------------------------------------------------


/** Free text from staff (a justification, a reason): one paragraph per blank line, trimmed, bounded. */
function staffText(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim().slice(0, 4000)
}

const LOCALE: Readonly<Record<Language, string>> = { en: 'en-GB', nl: 'nl-BE', fr: 'fr-BE' }

/** A date (YYYY-MM-DD) or an instant (ISO timestamp) as a calendar date in the controller's zone. */
export function requestDate(policy: Policy, value: string, lang: Language): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang)
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return value
  return formatDate(dateInZone(d, policy.controller.timeZone), lang)
}

/** An instant as date and time in the controller's zone: "3 March 2025, 14:05". */
export function requestDateTime(policy: Policy, value: string, lang: Language): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang)
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return value
  const time = new Intl.DateTimeFormat(LOCALE[lang], { timeZone: policy.controller.timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(d)
  return `${requestDate(policy, value, lang)}, ${time}`
}

function money(cents: number, lang: Language): string {
  return new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency: 'EUR' }).format(cents / 100)
}

export function categoryLabel(policy: Policy, id: string, lang: Language): string {
  return policy.category(id)?.label[lang] ?? id
}

export function purposeName(policy: Policy, id: string, lang: Language): string {
  return policy.purpose(id)?.name[lang] ?? id
}

function authorityName(policy: Policy, lang: Language): string {
  const sa = policy.supervisoryAuthority
  return `${sa.name[lang]}${sa.abbreviation ? ` (${sa.abbreviation})` : ''}`
}

function postal(a: PostalAddress, lang: Language): string {
  return `${addressLine(a, lang)}, ${countryName(a.country, lang)}`
}

// ---- building blocks ----------------------------------------------------------------------------

function complaintParts(policy: Policy, lang: Language): Part[] {
  const t = T[lang]
  const sa = policy.supervisoryAuthority
  return [
    { h: t.complaintHeading },
    { p: t.complaint(authorityName(policy, lang)) },
    { p: t.authorityDetails(postal(sa.address, lang), sa.website) },
    { p: t.court },
  ]
}

function keptReason(policy: Policy, item: KeptItem, lang: Language): string {
  const t = T[lang]
  if (item.reason === 'legal_claims') return t.keptLegalClaims
  const purpose = policy.purpose(item.purpose)
  const reference = purpose?.statutoryReference?.[lang] ?? purpose?.retention.legalReference?.[lang] ?? basisLabel('legal_obligation', lang)
  return t.keptLegalObligation(reference)
}

/** What was erased and kept, as lines (also used by the privacy center status page). */
export function keptLines(policy: Policy, lang: Language, kept: readonly KeptItem[]): string[] {
  const t = T[lang]
  return kept.map((k) =>
    t.kept(categoryLabel(policy, k.category, lang), purposeName(policy, k.purpose, lang), keptReason(policy, k, lang), k.until ? formatDate(k.until, lang) : null),
  )
}

function labels(ids: readonly string[], name: (id: string) => string, lang: Language): string {
  return joinList(ids.map(name), lang)
}

/** Purposes covering a subject type, with the basis that applies to it. */
function purposesFor(policy: Policy, subjectType: string): { purpose: Purpose; basis: LegalBasis }[] {
  const out: { purpose: Purpose; basis: LegalBasis }[] = []
  for (const p of policy.purposes) {
    if (p.role !== 'controller' || !p.subjectTypes.includes(subjectType)) continue
    const basis = p.basis[subjectType] ?? basisGroups(p)[0]?.[0]
    if (basis) out.push({ purpose: p, basis })
  }
  return out
}

function recipientLine(r: RecipientDocument, lang: Language): string {
  const L = LABELS[lang]
  const where = countryName(r.country, lang)
  let line = `${r.name} — ${r.service[lang]} (${L.roles[r.role]}, ${where})`
  if (!EEA_COUNTRIES.has(r.country) && r.transfer) {
    line += `${colon(lang)}${r.transfer.mechanism === 'adequacy' ? L.adequacy(inLanguage(r.transfer.decision, lang), formatDate(r.transfer.date, lang)) : L.scc(inLanguage(r.transfer.decision, lang), r.transfer.module, formatDate(r.transfer.date, lang))}`
  }
  return line
}

// ---- the outcome in words (mails and the privacy center) ----------------------------------------

/** A request's outcome as sentences in the requester's language. */
export function outcomeText(policy: Policy, lang: Language, outcome: RequestOutcome, type: RequestType): string[] {
  const t = T[lang]
  const typeText = REQUEST_TYPE_TEXT[lang][type].phrase
  const cat = (id: string) => categoryLabel(policy, id, lang)
  const pur = (id: string) => purposeName(policy, id, lang)
  switch (outcome.kind) {
    case 'no_data':
      return [t.noData(typeText), t.noDataHelp, ...t.noDataIdentifiers.map((i) => `– ${i}`)]
    case 'routed_to_customer':
      return [t.routed(typeText, policy.controller.name[lang])]
    case 'access_ready':
      return [t.exportHow('access')]
    case 'portability_ready':
      return [t.exportHow('portability')]
    case 'erased':
      return [
        `${t.erasedHeading}${colon(lang)}${outcome.erased.length ? labels(outcome.erased, cat, lang) : t.erasedNone}`,
        `${t.keptHeading}${colon(lang)}${outcome.kept.length ? '' : t.keptNone}`.trim(),
        ...keptLines(policy, lang, outcome.kept),
      ]
    case 'rectified':
      return [t.rectified(labels(outcome.categories, cat, lang))]
    case 'restricted':
      return [t.restricted]
    case 'objection':
      return [
        ...(outcome.upheld.length ? [t.objectionUpheld(labels(outcome.upheld, pur, lang))] : []),
        ...(outcome.pending.length ? [t.objectionPending(labels(outcome.pending, pur, lang))] : []),
      ]
    case 'consent_withdrawn':
      return [outcome.purposes.length ? t.consentWithdrawn(labels(outcome.purposes, pur, lang)) : t.consentNone]
    case 'refused':
      return [t.refused, staffText(outcome.reason)]
    case 'verification_locked':
      return [t.lockedOutcome, t.lockedNothingDone, t.lockedAgain]
  }
}

// ---- the mails ----------------------------------------------------------------------------------

export interface RequestMailOptions {
  /** The privacy center address, for the Art. 14 notice's link (PLEDGE_BASE_URL + /privacy-center). */
  readonly privacyCenterUrl?: string
}

/** The verification link with the code in its fragment (never sent to a server, never logged). */
export function withCodeFragment(verifyUrl: string, code: string): string {
  const url = new URL(checkedUrl(verifyUrl, 'verifyUrl'))
  url.hash = `code=${encodeURIComponent(code)}`
  return url.toString()
}

/** Renders one request mail in the requester's language, from the controller. */
export function requestMail(policy: Policy, lang: Language, mail: RequestMail, options: RequestMailOptions = {}): MailContent {
  const t = T[lang]
  if (!t) throw new Error(`unsupported language: ${String(lang)}`)
  const controller = displayName(policy.controller, lang)
  const contact = policy.controller.privacyContact
  const typeText = (type: RequestType) => REQUEST_TYPE_TEXT[lang][type].phrase
  const cat = (id: string) => categoryLabel(policy, id, lang)
  const pur = (id: string) => purposeName(policy, id, lang)
  let subject: string
  let parts: Part[]

  switch (mail.kind) {
    case 'acknowledgement': {
      if (!/^\d{4,10}$/.test(mail.code)) throw new Error('code must be 4 to 10 digits')
      const link = withCodeFragment(mail.verifyUrl, mail.code)
      subject = t.ackSubject(REQUEST_TYPE_TEXT[lang][mail.type].title)
      parts = [
        { p: t.ackReceived(typeText(mail.type), requestDate(policy, mail.receivedAt, lang)) },
        { strong: t.ackDue(requestDate(policy, mail.dueAt, lang)) },
        { code: mail.code, label: t.ackCodeLabel(mail.expiresMinutes) },
        { button: link, label: t.ackButton, fallback: t.linkFallback },
        { p: t.ackHow },
        { p: t.ackNoReasons },
        { p: t.ackNotYou },
      ]
      break
    }
    case 'no_data':
      subject = t.noDataSubject
      parts = [
        { p: t.noData(typeText(mail.type)) },
        { p: t.noDataHelp },
        { list: t.noDataIdentifiers },
        { p: t.noDataHow(contact.email) },
        { button: checkedUrl(mail.statusUrl, 'statusUrl'), label: t.statusLink, fallback: t.linkFallback },
      ]
      break
    case 'export_ready':
      subject = t.exportSubject(REQUEST_TYPE_TEXT[lang][mail.type].title.toLocaleLowerCase(LOCALE[lang]))
      parts = [
        { p: t.exportReady(typeText(mail.type), requestDateTime(policy, mail.expiresAt, lang)) },
        { p: t.exportHow(mail.type) },
        { button: checkedUrl(mail.statusUrl, 'statusUrl'), label: t.exportButton, fallback: t.linkFallback },
      ]
      break
    case 'erasure_done':
      subject = t.erasureSubject
      parts = [
        { h: t.erasedHeading },
        mail.erased.length ? { list: mail.erased.map(cat) } : { p: t.erasedNone },
        { h: t.keptHeading },
        ...(mail.kept.length ? [{ list: keptLines(policy, lang, mail.kept) }, { p: t.keptAfter }] : [{ p: t.keptNone }]),
        { p: t.recipientsTold },
      ]
      break
    case 'rectification_done':
      subject = t.rectifiedSubject
      parts = [{ p: t.rectified(labels(mail.categories, cat, lang)) }, { p: t.recipientsTold }]
      break
    case 'restriction_applied':
      subject = t.restrictedSubject
      parts = [{ p: t.restricted }]
      break
    case 'restriction_lift_notice':
      subject = t.liftSubject
      parts = [{ strong: t.lift(requestDate(policy, mail.liftOn, lang)) }, ...complaintParts(policy, lang)]
      break
    case 'objection_recorded':
      subject = t.objectionSubject
      parts = [
        ...(mail.upheld.length ? [{ p: t.objectionUpheld(labels(mail.upheld, pur, lang)) }] : []),
        ...(mail.pending.length ? [{ p: t.objectionPending(labels(mail.pending, pur, lang)) }] : []),
      ]
      break
    case 'objection_decided':
      subject = t.objectionDecidedSubject
      parts = mail.upheld
        ? [{ p: t.objectionDecidedUpheld(pur(mail.purpose)) }]
        : [{ p: t.objectionDecidedRejected(pur(mail.purpose)) }, { h: t.groundsHeading }, { quote: staffText(mail.grounds) }, ...complaintParts(policy, lang)]
      break
    case 'consent_withdrawn':
      subject = t.consentSubject
      parts = [{ p: mail.purposes.length ? t.consentWithdrawn(labels(mail.purposes, pur, lang)) : t.consentNone }, { p: t.consentPast }]
      break
    case 'routed_to_customer':
      subject = t.routedSubject
      parts = [{ p: t.routed(typeText(mail.type), policy.controller.name[lang]) }]
      break
    case 'extension':
      subject = t.extensionSubject
      parts = [{ strong: t.extension(requestDate(policy, mail.newDueAt, lang)) }, { h: t.reasonHeading }, { quote: staffText(mail.reason) }]
      break
    case 'information_needed': {
      subject = t.infoSubject
      const means = MEANS[lang][mail.means] ?? staffText(mail.means)
      parts = [{ p: t.infoWhy[mail.reason] }, { p: t.infoWhat }, { strong: means }, { p: t.infoLeast }, { p: t.infoNoId }, { p: t.infoClock }]
      break
    }
    case 'intended_fee':
      subject = t.feeSubject
      parts = [
        { strong: t.fee(money(mail.feeCents, lang)) },
        { h: t.justificationHeading },
        { quote: staffText(mail.justification) },
        { p: t.feeWithdraw },
        { p: t.feeFirstFree },
        ...complaintParts(policy, lang),
      ]
      break
    case 'intended_refusal':
      subject = t.intendedRefusalSubject
      parts = [{ p: t.intendedRefusal }, { h: t.justificationHeading }, { quote: staffText(mail.justification) }, { p: t.intendedRefusalReply }, ...complaintParts(policy, lang)]
      break
    case 'refused':
      subject = t.refusedSubject
      parts = [{ p: t.refused }, { h: t.justificationHeading }, { quote: staffText(mail.justification) }, ...complaintParts(policy, lang)]
      break
    case 'verification_locked':
      subject = t.lockedSubject
      parts = [{ p: t.locked(mail.attempts) }, { strong: t.lockedNothingDone }, { p: t.lockedAgain }, { button: checkedUrl(mail.newRequestUrl, 'newRequestUrl'), label: t.lockedButton, fallback: t.linkFallback }, { p: t.lockedNotYou }]
      break
    case 'art14_notice': {
      const c = policy.controller
      const L = LABELS[lang]
      const events = customEvents(policy)
      const purposes = purposesFor(policy, mail.subjectType)
      const categoryIds = [...new Set(purposes.flatMap((p) => p.purpose.categories.map((x) => x.id)))]
      const recipientIds = [...new Set(purposes.flatMap((p) => p.purpose.recipients))]
      const recipients = recipientIds.map((id) => policy.recipient(id)).filter((r): r is RecipientDocument => !!r)
      const legalName = c.name[lang]
      subject = t.art14Subject(controller)
      parts = [
        { p: t.art14Intro(legalName) },
        { h: t.art14Source },
        { strong: oneLine(mail.source).slice(0, 500) },
        { h: t.art14Controller },
        { p: `${legalName}, ${postal(c.address, lang)} (${L.companyNumber} ${c.companyNumber})\n${contact.name[lang]}: ${contact.email}` },
        { h: t.art14Purposes },
        { list: purposes.map(({ purpose, basis }) => `${purpose.name[lang]}: ${basisLabel(basis, lang)}`) },
        { h: t.art14Categories },
        { list: categoryIds.map(cat) },
        { h: t.art14Recipients },
        recipients.length ? { list: recipients.map((r) => recipientLine(r, lang)) } : { p: t.art14NoRecipients },
        { h: t.art14Retention },
        { list: purposes.map(({ purpose }) => `${purpose.name[lang]}: ${formatRetention(purpose.retention, lang, events)}`) },
        { h: t.art14Rights },
        { list: [...L.rights.map((r) => `${r.title}: ${r.text}`), `${L.withdrawTitle}: ${L.withdrawText}`] },
        { p: t.art14RightsHow },
        ...(options.privacyCenterUrl ? [{ button: checkedUrl(options.privacyCenterUrl, 'privacyCenterUrl'), label: t.art14CenterButton, fallback: t.linkFallback }] : [{ p: contact.email }]),
        { h: LABELS[lang].complaintHeading },
        { p: L.complaintText(authorityName(policy, lang)) },
        { p: t.authorityDetails(postal(policy.supervisoryAuthority.address, lang), policy.supervisoryAuthority.website) },
        { p: L.complaintCourt },
      ]
      break
    }
  }

  const full: Part[] = [{ p: t.greeting }, ...parts, { p: t.questions(contact.email) }, { p: t.closing(`${contact.name[lang]}\n${policy.controller.name[lang]}`) }]
  subject = oneLine(`${subject} — ${controller}`)
  return { subject, text: toText(full), html: toHtml(lang, subject, full) }
}
