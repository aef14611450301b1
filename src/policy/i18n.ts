// Fixed labels of the generated privacy statement (and ROPA) in Dutch, French and English: headings,
// Art. 6(1) basis names, the rights, retention phrasing and the lifecycle events retention runs from.
// Everything that varies per controller comes from the policy; everything here is the same for all.
import type { Language, LegalBasis } from './schema.ts'
import type { PurposeRetention as Retention } from './policy.ts'

export type { Language }

/** Art. 6(1) letter per basis. */
export const BASIS_LETTER: Readonly<Record<LegalBasis, string>> = {
  consent: 'a',
  contract: 'b',
  legal_obligation: 'c',
  vital_interests: 'd',
  public_task: 'e',
  legitimate_interests: 'f',
}

const LAW: Readonly<Record<Language, string>> = { nl: 'AVG', fr: 'RGPD', en: 'GDPR' }

/** "Art. 6(1)(f) GDPR" / "art. 6(1)(f) AVG" / "art. 6(1)(f) RGPD". */
export function basisArticle(basis: LegalBasis, lang: Language): string {
  return `${lang === 'en' ? 'Art.' : 'art.'} 6(1)(${BASIS_LETTER[basis]}) ${LAW[lang]}`
}

const BASIS_NAME: Readonly<Record<Language, Record<LegalBasis, string>>> = {
  en: {
    consent: 'your consent',
    contract: 'necessary for the performance of a contract with you, or for steps at your request before entering into it',
    legal_obligation: 'necessary to comply with a legal obligation',
    vital_interests: 'necessary to protect vital interests',
    public_task: 'necessary for a task carried out in the public interest',
    legitimate_interests: 'necessary for our legitimate interests',
  },
  nl: {
    consent: 'uw toestemming',
    contract: 'noodzakelijk voor de uitvoering van een overeenkomst met u, of voor stappen op uw verzoek vóór het sluiten ervan',
    legal_obligation: 'noodzakelijk om te voldoen aan een wettelijke verplichting',
    vital_interests: 'noodzakelijk om vitale belangen te beschermen',
    public_task: 'noodzakelijk voor een taak van algemeen belang',
    legitimate_interests: 'noodzakelijk voor onze gerechtvaardigde belangen',
  },
  fr: {
    consent: 'votre consentement',
    contract: "nécessaire à l'exécution d'un contrat avec vous, ou à des mesures précontractuelles prises à votre demande",
    legal_obligation: "nécessaire au respect d'une obligation légale",
    vital_interests: 'nécessaire à la sauvegarde des intérêts vitaux',
    public_task: "nécessaire à l'exécution d'une mission d'intérêt public",
    legitimate_interests: 'nécessaire aux fins de nos intérêts légitimes',
  },
}

/** "your consent (Art. 6(1)(a) GDPR)". */
export function basisLabel(basis: LegalBasis, lang: Language): string {
  return `${BASIS_NAME[lang][basis]} (${basisArticle(basis, lang)})`
}

/** Short basis name for tables: "consent", "toestemming", "consentement". */
export const BASIS_SHORT: Readonly<Record<Language, Record<LegalBasis, string>>> = {
  en: { consent: 'consent', contract: 'contract', legal_obligation: 'legal obligation', vital_interests: 'vital interests', public_task: 'public task', legitimate_interests: 'legitimate interests' },
  nl: { consent: 'toestemming', contract: 'overeenkomst', legal_obligation: 'wettelijke verplichting', vital_interests: 'vitale belangen', public_task: 'taak van algemeen belang', legitimate_interests: 'gerechtvaardigd belang' },
  fr: { consent: 'consentement', contract: 'contrat', legal_obligation: 'obligation légale', vital_interests: 'intérêts vitaux', public_task: "mission d'intérêt public", legitimate_interests: 'intérêt légitime' },
}

// ---- durations -----------------------------------------------------------------------------------

const UNITS: Readonly<Record<Language, Record<'Y' | 'M' | 'W' | 'D', [string, string]>>> = {
  en: { Y: ['year', 'years'], M: ['month', 'months'], W: ['week', 'weeks'], D: ['day', 'days'] },
  nl: { Y: ['jaar', 'jaar'], M: ['maand', 'maanden'], W: ['week', 'weken'], D: ['dag', 'dagen'] },
  fr: { Y: ['an', 'ans'], M: ['mois', 'mois'], W: ['semaine', 'semaines'], D: ['jour', 'jours'] },
}
const AND: Readonly<Record<Language, string>> = { en: 'and', nl: 'en', fr: 'et' }

export interface DurationParts { Y: number; M: number; W: number; D: number }

/** Parses an ISO 8601 duration of years/months/weeks/days (P10Y, P6M, P30D). */
export function parseDuration(iso: string): DurationParts | undefined {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(iso)
  if (!m || iso === 'P') return undefined
  return { Y: Number(m[1] ?? 0), M: Number(m[2] ?? 0), W: Number(m[3] ?? 0), D: Number(m[4] ?? 0) }
}

export function isZeroDuration(iso: string): boolean {
  const d = parseDuration(iso)
  return !!d && d.Y + d.M + d.W + d.D === 0
}

/** "P10Y" → "10 jaar" / "10 ans" / "10 years"; "P1Y6M" → "1 year and 6 months". */
export function formatDuration(iso: string, lang: Language): string {
  const d = parseDuration(iso)
  if (!d) return iso
  const parts: string[] = []
  for (const unit of ['Y', 'M', 'W', 'D'] as const) {
    const n = d[unit]
    if (n > 0) parts.push(`${n} ${UNITS[lang][unit][n === 1 ? 0 : 1]}`)
  }
  if (parts.length === 0) return `0 ${UNITS[lang].D[1]}`
  if (parts.length === 1) return parts[0]!
  return `${parts.slice(0, -1).join(', ')} ${AND[lang]} ${parts[parts.length - 1]}`
}

const SESSION: Readonly<Record<Language, string>> = {
  en: 'session (deleted when you close your browser)',
  nl: 'sessie (verwijderd wanneer u uw browser sluit)',
  fr: 'session (supprimé à la fermeture de votre navigateur)',
}

export function formatLifetime(lifetime: string, lang: Language): string {
  return lifetime === 'session' ? SESSION[lang] : formatDuration(lifetime, lang)
}

// ---- lifecycle events ----------------------------------------------------------------------------

/** Built-in trigger events as noun phrases with their article. */
export const EVENT_NAMES: Readonly<Record<Language, Record<string, string>>> = {
  en: {
    collected: 'the collection of the data',
    application_received: 'the receipt of your application',
    application_rejected: 'the rejection of your application',
    contract_started: 'the start of the contract',
    contract_ended: 'the end of the contract',
    last_interaction: 'our last contact with you',
    invoice_issued: 'the invoice date',
    consent_withdrawn: 'the withdrawal of your consent',
    visit: 'the visit',
  },
  nl: {
    collected: 'het verzamelen van de gegevens',
    application_received: 'de ontvangst van uw aanvraag',
    application_rejected: 'de afwijzing van uw aanvraag',
    contract_started: 'de start van de overeenkomst',
    contract_ended: 'het einde van de overeenkomst',
    last_interaction: 'ons laatste contact met u',
    invoice_issued: 'de factuurdatum',
    consent_withdrawn: 'de intrekking van uw toestemming',
    visit: 'het bezoek',
  },
  fr: {
    collected: 'la collecte des données',
    application_received: 'la réception de votre demande',
    application_rejected: 'le rejet de votre demande',
    contract_started: 'le début du contrat',
    contract_ended: 'la fin du contrat',
    last_interaction: 'notre dernier contact avec vous',
    invoice_issued: 'la date de la facture',
    consent_withdrawn: 'le retrait de votre consentement',
    visit: 'la visite',
  },
}

/** French "de" + noun phrase with contraction: "le rejet" → "du rejet", "la fin" → "de la fin". */
export function frDe(phrase: string): string {
  if (/^le /i.test(phrase)) return `du ${phrase.slice(3)}`
  if (/^les /i.test(phrase)) return `des ${phrase.slice(4)}`
  if (/^[aeiouyéèêh]/i.test(phrase)) return `d'${phrase}`
  return `de ${phrase}`
}

/** French "à" + noun phrase with contraction: "le retrait" → "au retrait". */
export function frA(phrase: string): string {
  if (/^le /i.test(phrase)) return `au ${phrase.slice(3)}`
  if (/^les /i.test(phrase)) return `aux ${phrase.slice(4)}`
  return `à ${phrase}`
}

/** Event label: a policy-declared event's label wins over the built-in name. */
export function eventName(id: string, lang: Language, custom?: ReadonlyMap<string, Readonly<Record<Language, string>>>): string {
  return custom?.get(id)?.[lang] ?? EVENT_NAMES[lang][id] ?? id.replace(/_/g, ' ')
}

/**
 * A concrete retention sentence: "10 years from 1 January of the year after the invoice date, then
 * deleted (Art. 60 §4 VAT Code)". Never "as long as necessary".
 */
export function formatRetention(
  r: Retention,
  lang: Language,
  custom?: ReadonlyMap<string, Readonly<Record<Language, string>>>,
): string {
  const event = eventName(r.trigger ?? 'collected', lang, custom)
  const end = {
    en: { delete: 'then deleted', anonymise: 'then irreversibly anonymised' },
    nl: { delete: 'daarna verwijderd', anonymise: 'daarna onomkeerbaar geanonimiseerd' },
    fr: { delete: 'puis supprimées', anonymise: 'puis anonymisées de manière irréversible' },
  }[lang][r.endAction]
  let core: string
  if (!r.duration || isZeroDuration(r.duration)) {
    core = { en: `until ${event}`, nl: `tot ${event}`, fr: `jusqu'${frA(event)}` }[lang]
  } else {
    const d = formatDuration(r.duration, lang)
    if (r.countFrom === 'next_calendar_year') {
      core = {
        en: `${d} from 1 January of the year after ${event}`,
        nl: `${d} vanaf 1 januari van het jaar na ${event}`,
        fr: `${d} à compter du 1er janvier de l'année suivant ${event}`,
      }[lang]
    } else {
      core = { en: `${d} from ${event}`, nl: `${d} vanaf ${event}`, fr: `${d} à compter ${frDe(event)}` }[lang]
    }
  }
  const ref = r.legalReference ? ` (${{ en: 'legal reference', nl: 'wettelijke grondslag', fr: 'base légale' }[lang]}${colon(lang)}${r.legalReference[lang]})` : ''
  return `${core}, ${end}${ref}`
}

/** ": " — with the non-breaking space French typography puts before a colon. */
export function colon(lang: Language): string {
  return lang === 'fr' ? '\u00a0: ' : ': '
}

// ---- countries and dates -------------------------------------------------------------------------

const regionNames = new Map<Language, Intl.DisplayNames>()
export function countryName(code: string, lang: Language): string {
  let names = regionNames.get(lang)
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'region' })
    regionNames.set(lang, names)
  }
  try {
    return names.of(code) ?? code
  } catch {
    return code
  }
}

const dateFormats = new Map<Language, Intl.DateTimeFormat>()
/** "2025-01-01" → "1 January 2025" / "1 januari 2025" / "1 janvier 2025". */
export function formatDate(iso: string, lang: Language): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`)
  if (Number.isNaN(d.getTime())) return iso
  let fmt = dateFormats.get(lang)
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : `${lang}-BE`, { dateStyle: 'long', timeZone: 'UTC' })
    dateFormats.set(lang, fmt)
  }
  const text = fmt.format(d)
  return lang === 'fr' ? text.replace(/^1 /, '1er ') : text
}

// ---- fixed texts -----------------------------------------------------------------------------------

export interface Labels {
  title: string
  draft: string
  version: (n: number) => string
  effective: (date: string) => string
  // definitions (Art. 4(1) and 4(2) GDPR, in the words of the Regulation in that language)
  definitionsHeading: string
  definitions: readonly { term: string; text: string }[]
  definitionsNote: string
  // controller
  whoWeAre: string
  controllerIntro: (name: string, trading?: string) => string
  address: string
  companyNumber: string
  email: string
  phone: string
  website: string
  dpo: string
  privacyContact: string
  // purposes
  overview: string
  overviewCaption: string
  purposeCol: string
  basisCol: string
  retentionCol: string
  purposesHeading: string
  purposesIntro: string
  whose: string
  data: string
  dataCaption: (purpose: string) => string
  dataCol: string
  requiredCol: string
  required: string
  optional: string
  provision: Record<'statutory' | 'contractual' | 'required_for_contract' | 'voluntary', string>
  ifNotProvided: string
  basis: string
  basisFor: (subjects: string) => string
  legitimateInterest: string
  objectHint: string
  legalObligation: string
  source: string
  sourceSelf: string
  recipients: string
  noRecipients: string
  example: string
  roles: Record<'processor' | 'sub_processor' | 'third_party' | 'public_authority', string>
  transfers: string
  noTransfer: string
  retention: string
  directMarketing: string
  directMarketingNote: string
  automated: string
  automatedYes: string
  // recipients & transfers section
  recipientsHeading: string
  recipientsIntro: string
  recipientsCaption: string
  nameCol: string
  roleCol: string
  serviceCol: string
  countryCol: string
  safeguardCol: string
  inEea: string
  adequacy: (decision: string, date: string) => string
  scc: (decision: string, module: number | undefined, date: string) => string
  /** Followed by where to get the copy and a full stop. */
  sccCopy: string
  // processor role
  processorHeading: string
  processorText: (controller: string, subjects: string) => string
  processorRequests: (sla: string | undefined) => string
  processorNoReuse: string
  processorActivities: string
  // rights
  rightsHeading: string
  rightsIntro: string
  rights: { title: string; text: string }[]
  withdrawTitle: string
  withdrawText: string
  objectDmHeading: string
  objectDmText: (purposes: string) => string
  objectDmHow: (email: string) => string
  exerciseHeading: string
  exerciseChannels: (email: string, privacyCenter: string | undefined, postal: string) => string
  free: string
  identity: string
  identityDoubt: string
  deadline: string
  excessive: string
  complaintHeading: string
  complaintText: (authority: string) => string
  complaintCourt: string
  admHeading: string
  admNone: string
  admSome: (purposes: string) => string
  cookiesHeading: string
  cookiesIntro: string
  cookieCaption: (category: string, necessary: boolean) => string
  cookieNameCol: string
  providerCol: string
  cookiePurposeCol: string
  lifetimeCol: string
  noCookies: string
  securityHeading: string
  changesHeading: string
  changesText: string
  /** The link to every published version, after changesText. */
  versionsLink: string
  subjectsList: string
}

const en: Labels = {
  title: 'Privacy statement',
  draft: 'Draft: not yet published',
  version: (n) => `Version ${n}`,
  effective: (d) => `effective from ${d}`,
  definitionsHeading: 'What the words in this statement mean',
  definitions: [
    {
      term: 'Personal data',
      text: "Any information relating to an identified or identifiable natural person (the 'data subject'). An identifiable natural person is one who can be identified, directly or indirectly, in particular by reference to an identifier such as a name, an identification number, location data, an online identifier or to one or more factors specific to the physical, physiological, genetic, mental, economic, cultural or social identity of that natural person (Art. 4(1) GDPR).",
    },
    {
      term: 'Processing',
      text: 'Any operation or set of operations which is performed on personal data or on sets of personal data, whether or not by automated means, such as collection, recording, organisation, structuring, storage, adaptation or alteration, retrieval, consultation, use, disclosure by transmission, dissemination or otherwise making available, alignment or combination, restriction, erasure or destruction (Art. 4(2) GDPR).',
    },
  ],
  definitionsNote: 'Anonymous information, and information about deceased persons or about legal persons (companies, associations), are not personal data within the meaning of the GDPR (Recitals 14, 26 and 27 GDPR).',
  whoWeAre: 'Who is responsible for your data',
  controllerIntro: (name, trading) => `${trading ? `${trading} is a service of ${name}. ` : ''}${name} is the controller of the personal data described in this statement: we decide why and how they are processed.`,
  address: 'Address',
  companyNumber: 'Company number',
  email: 'E-mail',
  phone: 'Telephone',
  website: 'Website',
  dpo: 'Data protection officer',
  privacyContact: 'Privacy contact point',
  overview: 'Overview',
  overviewCaption: 'Our purposes at a glance',
  purposeCol: 'Purpose',
  basisCol: 'Legal basis',
  retentionCol: 'Retention',
  purposesHeading: 'What we do with your data, why, and for how long',
  purposesIntro: 'For each purpose below you find the data we use, whether you must provide them, the legal basis, who receives them and how long we keep them. We use only the data listed for each purpose.',
  whose: 'Whose data',
  data: 'Data we use',
  dataCaption: (p) => `Data used for: ${p}`,
  dataCol: 'Data',
  requiredCol: 'Must you provide it?',
  required: 'required',
  optional: 'optional',
  provision: {
    statutory: 'Providing these data is a statutory requirement.',
    contractual: 'Providing these data is a contractual requirement.',
    required_for_contract: 'Providing these data is necessary to enter into a contract with us.',
    voluntary: 'Providing these data is voluntary.',
  },
  ifNotProvided: 'If you do not provide them',
  basis: 'Legal basis',
  basisFor: (s) => `For ${s}`,
  legitimateInterest: 'Our legitimate interest',
  objectHint: 'You may object to this processing at any time (see "Your rights").',
  legalObligation: 'Legal obligation',
  source: 'Where the data come from',
  sourceSelf: 'From you.',
  recipients: 'Recipients',
  noRecipients: 'We do not share these data with anyone outside our company.',
  example: 'example',
  roles: {
    processor: 'processor, works on our behalf',
    sub_processor: 'sub-processor',
    third_party: 'independent recipient',
    public_authority: 'public authority',
  },
  transfers: 'Transfers outside the European Economic Area',
  noTransfer: 'None: these data stay within the European Economic Area.',
  retention: 'How long we keep them',
  directMarketing: 'Direct marketing',
  directMarketingNote: 'This is direct marketing. You can object to it at any time, free of charge and without giving a reason (see "Your right to object to direct marketing").',
  automated: 'Automated decisions',
  automatedYes: 'This purpose involves a decision based solely on automated processing (Art. 22 GDPR). You can ask for human intervention, express your point of view and contest the decision.',
  recipientsHeading: 'Recipients and transfers outside the EEA',
  recipientsIntro: 'We share personal data only with the recipients named below, and only for the purposes listed above. Processors work only on our instructions under a written agreement (Art. 28 GDPR). We do not sell personal data.',
  recipientsCaption: 'Recipients of personal data',
  nameCol: 'Recipient',
  roleCol: 'Role',
  serviceCol: 'Service',
  countryCol: 'Country',
  safeguardCol: 'Safeguard for transfers outside the EEA',
  inEea: 'not needed (within the EEA)',
  adequacy: (d, date) => `adequacy decision of the European Commission (${d}, ${date})`,
  scc: (d, m, date) => `standard contractual clauses of the European Commission (${d}${m ? `, module ${m}` : ''}), signed on ${date}`,
  sccCopy: 'You can obtain a copy of the standard contractual clauses from ',
  processorHeading: 'Data we process on behalf of our customers',
  processorText: (c, s) => `When one of our customers registers you in our service — ${s} — that customer decides why and how your data are processed: the customer is the controller and ${c} acts only as its processor, on its documented instructions (Art. 28 GDPR). This statement does not apply to that processing; the customer's own privacy statement does.`,
  processorRequests: (sla) => `Please send questions and requests about those data to the customer who registered you. If you send them to us, we forward them to that customer${sla ? ` within ${sla}` : ' without delay'} and help the customer to answer them.`,
  processorNoReuse: 'We never use these data for our own purposes.',
  processorActivities: 'What we do for our customers',
  rightsHeading: 'Your rights',
  rightsIntro: 'You have the following rights. Some apply only in certain situations, as described.',
  rights: [
    { title: 'Access (Art. 15 GDPR)', text: 'You can ask whether we process data about you and receive a copy free of charge, with the purposes, the categories of data, the recipients by name, the retention periods, the source of the data and your rights.' },
    { title: 'Rectification (Art. 16 GDPR)', text: 'You can have incorrect data corrected and incomplete data completed.' },
    { title: 'Erasure (Art. 17 GDPR)', text: 'You can ask us to erase your data, for example when we no longer need them, when you withdraw your consent or when you object. We keep only what the law obliges us to keep (such as invoices) or what is needed for a legal claim, for the period stated above and with restricted access.' },
    { title: 'Restriction (Art. 18 GDPR)', text: 'You can ask us to restrict processing, for example while we check the accuracy of your data or assess your objection. We then only store the data.' },
    { title: 'Data portability (Art. 20 GDPR)', text: 'You can receive the data you gave us for a contract or with your consent in a structured, commonly used and machine-readable format (JSON or CSV), or have them sent directly to another controller.' },
    { title: 'Objection (Art. 21(1) GDPR)', text: 'You can object at any time, on grounds relating to your particular situation, to processing based on our legitimate interests. We then stop, unless we demonstrate compelling legitimate grounds that override your interests, rights and freedoms, or need the data for a legal claim.' },
  ],
  withdrawTitle: 'Withdrawing your consent (Art. 7(3) GDPR)',
  withdrawText: 'Where we process data on the basis of your consent, you can withdraw it at any time, as easily as you gave it: with the unsubscribe link in every message, in the privacy center or by e-mail. Withdrawing does not affect processing before the withdrawal, and it costs you nothing.',
  objectDmHeading: 'Your right to object to direct marketing',
  objectDmText: (p) => `You can object at any time, free of charge and without giving any reason, to the use of your data for direct marketing (${p}), including any profiling related to it (Art. 21(2) and (3) GDPR). This right is absolute: we stop immediately and do not weigh your objection against our interests.`,
  objectDmHow: (e) => `Use the unsubscribe link in every message, the privacy center or an e-mail to ${e}. To make sure you are never put back on a mailing list, we keep only a one-way code of your e-mail address.`,
  exerciseHeading: 'How to exercise your rights',
  exerciseChannels: (e, pc, post) => `Use the privacy center ${pc ? `at ${pc}` : 'on our website'}, send an e-mail to ${e}, write to ${post}, or contact us through any other channel you use with us. You do not need a form, particular wording or a legal reference.`,
  free: 'Exercising your rights is free of charge.',
  identity: 'We do not ask for a copy of your identity card or any other identity document. A request from the e-mail address we know, or from your account, is normally enough.',
  identityDoubt: 'Only when we have reasonable doubts about your identity do we ask for more, starting with the least intrusive means: a confirmation sent to the e-mail address or telephone number we already have, or a question about data we already hold. We tell you exactly what we need and why, and never ask for more than is needed to recognise you. If an identity document is ever necessary, we delete it as soon as your identity is confirmed.',
  deadline: 'We answer without undue delay and at the latest within one month of receiving your request. If a request is complex, or we receive many requests, we may extend this by two further months; we then tell you so, with the reasons, within the first month.',
  excessive: 'Only if a request is manifestly unfounded or excessive may we charge a reasonable fee or refuse it. We must then demonstrate this, tell you beforehand and explain how you can complain.',
  complaintHeading: 'Your right to complain',
  complaintText: (a) => `You have the right to lodge a complaint with the ${a} at any time. You do not have to contact us first: you can complain directly. If you prefer, you may of course contact us first so that we can try to resolve the matter together.`,
  complaintCourt: 'You may also bring the matter before a court.',
  admHeading: 'Automated decision-making',
  admNone: 'We do not take decisions based solely on automated processing, including profiling, that produce legal effects concerning you or similarly significantly affect you (Art. 22 GDPR).',
  admSome: (p) => `The following purposes involve decisions based solely on automated processing (Art. 22 GDPR): ${p}. You can ask for human intervention, express your point of view and contest the decision. The logic involved and its consequences are described with each purpose.`,
  cookiesHeading: 'Cookies',
  cookiesIntro: 'We place strictly necessary cookies without asking, because the website cannot work without them. We place all other cookies only after you accept them in the cookie banner, where refusing is as easy as accepting. You can change or withdraw your choice at any time through the "Cookie settings" link on every page.',
  cookieCaption: (c, n) => `${c} (${n ? 'no consent needed' : 'only with your consent'})`,
  cookieNameCol: 'Cookie',
  providerCol: 'Provider',
  cookiePurposeCol: 'Purpose',
  lifetimeCol: 'Lifetime',
  noCookies: 'We place no cookies of this category.',
  securityHeading: 'Security',
  changesHeading: 'Changes to this statement',
  changesText: 'When we change this statement, we publish the new version here with its version number and the date it takes effect. Before a material change takes effect (a new purpose, another legal basis, other data, other recipients or a longer retention), we inform you actively, by e-mail or in the privacy center; where a change needs your consent, we ask for it again. Earlier versions remain available on request and in the privacy center.',
  versionsLink: 'Read every published version and what changed between them.',
  subjectsList: 'and',
}

const nl: Labels = {
  title: 'Privacyverklaring',
  draft: 'Ontwerp: nog niet gepubliceerd',
  version: (n) => `Versie ${n}`,
  effective: (d) => `van kracht vanaf ${d}`,
  definitionsHeading: 'Wat de begrippen in deze verklaring betekenen',
  definitions: [
    {
      term: 'Persoonsgegevens',
      text: 'Alle informatie over een geïdentificeerde of identificeerbare natuurlijke persoon (de „betrokkene”). Als identificeerbaar wordt beschouwd een natuurlijke persoon die direct of indirect kan worden geïdentificeerd, met name aan de hand van een identificator zoals een naam, een identificatienummer, locatiegegevens, een online identificator of van een of meer elementen die kenmerkend zijn voor de fysieke, fysiologische, genetische, psychische, economische, culturele of sociale identiteit van die natuurlijke persoon (art. 4, punt 1, AVG).',
    },
    {
      term: 'Verwerking',
      text: 'Een bewerking of een geheel van bewerkingen met betrekking tot persoonsgegevens of een geheel van persoonsgegevens, al dan niet uitgevoerd via geautomatiseerde procedés, zoals het verzamelen, vastleggen, ordenen, structureren, opslaan, bijwerken of wijzigen, opvragen, raadplegen, gebruiken, verstrekken door middel van doorzending, verspreiden of op andere wijze ter beschikking stellen, aligneren of combineren, afschermen, wissen of vernietigen van gegevens (art. 4, punt 2, AVG).',
    },
  ],
  definitionsNote: 'Anonieme gegevens en gegevens over overleden personen of over rechtspersonen (vennootschappen, verenigingen) zijn geen persoonsgegevens in de zin van de AVG (overwegingen 14, 26 en 27 AVG).',
  whoWeAre: 'Wie is verantwoordelijk voor uw gegevens',
  controllerIntro: (name, trading) => `${trading ? `${trading} is een dienst van ${name}. ` : ''}${name} is de verwerkingsverantwoordelijke voor de persoonsgegevens in deze verklaring: wij bepalen waarom en hoe ze verwerkt worden.`,
  address: 'Adres',
  companyNumber: 'Ondernemingsnummer',
  email: 'E-mail',
  phone: 'Telefoon',
  website: 'Website',
  dpo: 'Functionaris voor gegevensbescherming',
  privacyContact: 'Aanspreekpunt privacy',
  overview: 'Overzicht',
  overviewCaption: 'Onze doeleinden in één oogopslag',
  purposeCol: 'Doel',
  basisCol: 'Rechtsgrond',
  retentionCol: 'Bewaring',
  purposesHeading: 'Wat we met uw gegevens doen, waarom en hoe lang',
  purposesIntro: 'Per doel hieronder vindt u welke gegevens we gebruiken, of u ze moet verstrekken, de rechtsgrond, wie ze ontvangt en hoe lang we ze bewaren. We gebruiken per doel alleen de vermelde gegevens.',
  whose: 'Van wie',
  data: 'Welke gegevens',
  dataCaption: (p) => `Gegevens voor: ${p}`,
  dataCol: 'Gegevens',
  requiredCol: 'Moet u ze verstrekken?',
  required: 'verplicht',
  optional: 'facultatief',
  provision: {
    statutory: 'Het verstrekken van deze gegevens is een wettelijke verplichting.',
    contractual: 'Het verstrekken van deze gegevens is een contractuele verplichting.',
    required_for_contract: 'Het verstrekken van deze gegevens is nodig om een overeenkomst met ons te sluiten.',
    voluntary: 'Het verstrekken van deze gegevens is vrijwillig.',
  },
  ifNotProvided: 'Als u ze niet verstrekt',
  basis: 'Rechtsgrond',
  basisFor: (s) => `Voor ${s}`,
  legitimateInterest: 'Ons gerechtvaardigd belang',
  objectHint: 'U kunt zich op elk moment tegen deze verwerking verzetten (zie "Uw rechten").',
  legalObligation: 'Wettelijke verplichting',
  source: 'Herkomst van de gegevens',
  sourceSelf: 'Van uzelf.',
  recipients: 'Ontvangers',
  noRecipients: 'We delen deze gegevens met niemand buiten ons bedrijf.',
  example: 'voorbeeld',
  roles: {
    processor: 'verwerker, werkt in onze opdracht',
    sub_processor: 'subverwerker',
    third_party: 'zelfstandige ontvanger',
    public_authority: 'overheidsinstantie',
  },
  transfers: 'Doorgifte buiten de Europese Economische Ruimte',
  noTransfer: 'Geen: deze gegevens blijven binnen de Europese Economische Ruimte.',
  retention: 'Hoe lang we ze bewaren',
  directMarketing: 'Direct marketing',
  directMarketingNote: 'Dit is direct marketing. U kunt zich er op elk moment kosteloos en zonder opgave van redenen tegen verzetten (zie "Uw recht van bezwaar tegen direct marketing").',
  automated: 'Geautomatiseerde besluiten',
  automatedYes: 'Bij dit doel wordt een besluit uitsluitend op basis van geautomatiseerde verwerking genomen (art. 22 AVG). U kunt menselijke tussenkomst vragen, uw standpunt kenbaar maken en het besluit aanvechten.',
  recipientsHeading: 'Ontvangers en doorgifte buiten de EER',
  recipientsIntro: 'We delen persoonsgegevens alleen met de hieronder genoemde ontvangers, en alleen voor de doeleinden hierboven. Verwerkers werken alleen volgens onze instructies en op basis van een schriftelijke overeenkomst (art. 28 AVG). We verkopen geen persoonsgegevens.',
  recipientsCaption: 'Ontvangers van persoonsgegevens',
  nameCol: 'Ontvanger',
  roleCol: 'Rol',
  serviceCol: 'Dienst',
  countryCol: 'Land',
  safeguardCol: 'Waarborg voor doorgifte buiten de EER',
  inEea: 'niet nodig (binnen de EER)',
  adequacy: (d, date) => `adequaatheidsbesluit van de Europese Commissie (${d}, ${date})`,
  scc: (d, m, date) => `standaardcontractbepalingen van de Europese Commissie (${d}${m ? `, module ${m}` : ''}), ondertekend op ${date}`,
  sccCopy: 'U kunt een kopie van de standaardcontractbepalingen verkrijgen via ',
  processorHeading: 'Gegevens die we verwerken in opdracht van onze klanten',
  processorText: (c, s) => `Wanneer een van onze klanten u in onze dienst registreert — ${s} — bepaalt die klant waarom en hoe uw gegevens verwerkt worden: de klant is de verwerkingsverantwoordelijke en ${c} treedt alleen op als zijn verwerker, volgens zijn gedocumenteerde instructies (art. 28 AVG). Deze verklaring is niet van toepassing op die verwerking; de privacyverklaring van de klant zelf wel.`,
  processorRequests: (sla) => `Richt vragen en verzoeken over die gegevens aan de klant die u registreerde. Stuurt u ze naar ons, dan bezorgen we ze ${sla ? `binnen ${sla}` : 'onverwijld'} aan die klant en helpen we hem ze te beantwoorden.`,
  processorNoReuse: 'We gebruiken deze gegevens nooit voor onze eigen doeleinden.',
  processorActivities: 'Wat we voor onze klanten doen',
  rightsHeading: 'Uw rechten',
  rightsIntro: 'U hebt de volgende rechten. Sommige gelden alleen in bepaalde situaties, zoals beschreven.',
  rights: [
    { title: 'Inzage (art. 15 AVG)', text: 'U kunt vragen of we gegevens over u verwerken en kosteloos een kopie krijgen, met de doeleinden, de soorten gegevens, de ontvangers bij naam, de bewaartermijnen, de herkomst van de gegevens en uw rechten.' },
    { title: 'Rectificatie (art. 16 AVG)', text: 'U kunt onjuiste gegevens laten verbeteren en onvolledige gegevens laten aanvullen.' },
    { title: 'Wissing (art. 17 AVG)', text: 'U kunt ons vragen uw gegevens te wissen, bijvoorbeeld wanneer we ze niet meer nodig hebben, wanneer u uw toestemming intrekt of wanneer u bezwaar maakt. We bewaren alleen wat de wet ons verplicht te bewaren (zoals facturen) of wat nodig is voor een rechtsvordering, gedurende de hierboven vermelde termijn en met beperkte toegang.' },
    { title: 'Beperking (art. 18 AVG)', text: 'U kunt ons vragen de verwerking te beperken, bijvoorbeeld terwijl we de juistheid van uw gegevens nagaan of uw bezwaar beoordelen. We bewaren de gegevens dan alleen nog.' },
    { title: 'Overdraagbaarheid (art. 20 AVG)', text: 'U kunt de gegevens die u ons voor een overeenkomst of met uw toestemming gaf, ontvangen in een gestructureerde, gangbare en machineleesbare vorm (JSON of CSV), of ze rechtstreeks laten doorsturen naar een andere verwerkingsverantwoordelijke.' },
    { title: 'Bezwaar (art. 21, lid 1 AVG)', text: 'U kunt op elk moment, om redenen die verband houden met uw specifieke situatie, bezwaar maken tegen verwerking op basis van onze gerechtvaardigde belangen. We stoppen dan, tenzij we dwingende gerechtvaardigde gronden aantonen die zwaarder wegen dan uw belangen, rechten en vrijheden, of de gegevens nodig hebben voor een rechtsvordering.' },
  ],
  withdrawTitle: 'Uw toestemming intrekken (art. 7, lid 3 AVG)',
  withdrawText: 'Wanneer we gegevens verwerken op basis van uw toestemming, kunt u die op elk moment intrekken, even gemakkelijk als u ze gaf: met de afmeldlink in elk bericht, in het privacycentrum of per e-mail. Intrekken doet geen afbreuk aan de verwerking vóór de intrekking en kost u niets.',
  objectDmHeading: 'Uw recht van bezwaar tegen direct marketing',
  objectDmText: (p) => `U kunt op elk moment, kosteloos en zonder opgave van redenen, bezwaar maken tegen het gebruik van uw gegevens voor direct marketing (${p}), met inbegrip van profilering die daarmee verband houdt (art. 21, lid 2 en 3 AVG). Dit recht is absoluut: we stoppen onmiddellijk en wegen uw bezwaar niet af tegen onze belangen.`,
  objectDmHow: (e) => `Gebruik de afmeldlink in elk bericht, het privacycentrum of een e-mail aan ${e}. Om te voorkomen dat u ooit opnieuw op een verzendlijst belandt, bewaren we alleen een onomkeerbare code van uw e-mailadres.`,
  exerciseHeading: 'Hoe u uw rechten uitoefent',
  exerciseChannels: (e, pc, post) => `Gebruik het privacycentrum ${pc ? `op ${pc}` : 'op onze website'}, stuur een e-mail naar ${e}, schrijf naar ${post}, of neem contact op via een ander kanaal dat u met ons gebruikt. U hebt geen formulier, bepaalde bewoording of wetsverwijzing nodig.`,
  free: 'Het uitoefenen van uw rechten is kosteloos.',
  identity: 'We vragen geen kopie van uw identiteitskaart of een ander identiteitsdocument. Een verzoek vanaf het e-mailadres dat we kennen, of vanuit uw account, volstaat normaal.',
  identityDoubt: 'Alleen wanneer we redelijke twijfel hebben over uw identiteit, vragen we meer, te beginnen met het minst ingrijpende middel: een bevestiging via het e-mailadres of telefoonnummer dat we al hebben, of een vraag over gegevens die we al bezitten. We zeggen u precies wat we nodig hebben en waarom, en vragen nooit meer dan nodig om u te herkennen. Is een identiteitsdocument ooit toch nodig, dan wissen we het zodra uw identiteit bevestigd is.',
  deadline: 'We antwoorden zonder onnodige vertraging en uiterlijk binnen één maand na ontvangst van uw verzoek. Is een verzoek complex of ontvangen we veel verzoeken, dan kunnen we die termijn met twee maanden verlengen; we laten u dat dan binnen de eerste maand weten, met de redenen.',
  excessive: 'Alleen als een verzoek kennelijk ongegrond of buitensporig is, mogen we een redelijke vergoeding vragen of het weigeren. We moeten dat dan aantonen, u vooraf verwittigen en uitleggen hoe u klacht kunt indienen.',
  complaintHeading: 'Uw recht om klacht in te dienen',
  complaintText: (a) => `U hebt het recht om op elk moment klacht in te dienen bij de ${a}. U hoeft niet eerst contact met ons op te nemen: u kunt rechtstreeks klacht indienen. Als u dat verkiest, kunt u uiteraard eerst contact met ons opnemen, zodat we samen naar een oplossing kunnen zoeken.`,
  complaintCourt: 'U kunt de zaak ook aan een rechter voorleggen.',
  admHeading: 'Geautomatiseerde besluitvorming',
  admNone: 'We nemen geen besluiten die uitsluitend op geautomatiseerde verwerking, met inbegrip van profilering, berusten en die rechtsgevolgen voor u hebben of u anderszins in aanmerkelijke mate treffen (art. 22 AVG).',
  admSome: (p) => `Bij de volgende doeleinden worden besluiten uitsluitend op basis van geautomatiseerde verwerking genomen (art. 22 AVG): ${p}. U kunt menselijke tussenkomst vragen, uw standpunt kenbaar maken en het besluit aanvechten. De onderliggende logica en de gevolgen staan bij elk doel beschreven.`,
  cookiesHeading: 'Cookies',
  cookiesIntro: 'Strikt noodzakelijke cookies plaatsen we zonder te vragen, omdat de website zonder hen niet werkt. Alle andere cookies plaatsen we pas nadat u ze aanvaardt in de cookiebanner, waar weigeren even gemakkelijk is als aanvaarden. U kunt uw keuze op elk moment wijzigen of intrekken via de link "Cookie-instellingen" op elke pagina.',
  cookieCaption: (c, n) => `${c} (${n ? 'geen toestemming nodig' : 'alleen met uw toestemming'})`,
  cookieNameCol: 'Cookie',
  providerCol: 'Aanbieder',
  cookiePurposeCol: 'Doel',
  lifetimeCol: 'Bewaartermijn',
  noCookies: 'We plaatsen geen cookies van deze categorie.',
  securityHeading: 'Beveiliging',
  changesHeading: 'Wijzigingen van deze verklaring',
  changesText: 'Wanneer we deze verklaring wijzigen, publiceren we de nieuwe versie hier met haar versienummer en de datum waarop ze van kracht wordt. Vóór een belangrijke wijziging van kracht wordt (een nieuw doel, een andere rechtsgrond, andere gegevens, andere ontvangers of een langere bewaring), brengen we u daar actief van op de hoogte, per e-mail of in het privacycentrum; waar een wijziging uw toestemming vereist, vragen we die opnieuw. Eerdere versies blijven beschikbaar op verzoek en in het privacycentrum.',
  versionsLink: 'Lees alle gepubliceerde versies en wat er tussen de versies is gewijzigd.',
  subjectsList: 'en',
}

const fr: Labels = {
  title: 'Déclaration de confidentialité',
  draft: 'Projet : pas encore publié',
  version: (n) => `Version ${n}`,
  effective: (d) => `en vigueur à partir du ${d}`,
  definitionsHeading: 'Ce que signifient les termes de cette déclaration',
  definitions: [
    {
      term: 'Données à caractère personnel',
      text: "Toute information se rapportant à une personne physique identifiée ou identifiable (la « personne concernée »). Est réputée être une personne physique identifiable une personne physique qui peut être identifiée, directement ou indirectement, notamment par référence à un identifiant, tel qu'un nom, un numéro d'identification, des données de localisation, un identifiant en ligne, ou à un ou plusieurs éléments spécifiques propres à son identité physique, physiologique, génétique, psychique, économique, culturelle ou sociale (art. 4, point 1, du RGPD).",
    },
    {
      term: 'Traitement',
      text: "Toute opération ou tout ensemble d'opérations effectuées ou non à l'aide de procédés automatisés et appliquées à des données ou des ensembles de données à caractère personnel, telles que la collecte, l'enregistrement, l'organisation, la structuration, la conservation, l'adaptation ou la modification, l'extraction, la consultation, l'utilisation, la communication par transmission, la diffusion ou toute autre forme de mise à disposition, le rapprochement ou l'interconnexion, la limitation, l'effacement ou la destruction (art. 4, point 2, du RGPD).",
    },
  ],
  definitionsNote: "Les informations anonymes et les informations concernant des personnes décédées ou des personnes morales (sociétés, associations) ne sont pas des données à caractère personnel au sens du RGPD (considérants 14, 26 et 27 du RGPD).",
  whoWeAre: 'Qui est responsable de vos données',
  controllerIntro: (name, trading) => `${trading ? `${trading} est un service de ${name}. ` : ''}${name} est le responsable du traitement des données personnelles décrites dans cette déclaration : nous déterminons pourquoi et comment elles sont traitées.`,
  address: 'Adresse',
  companyNumber: "Numéro d'entreprise",
  email: 'E-mail',
  phone: 'Téléphone',
  website: 'Site web',
  dpo: 'Délégué à la protection des données',
  privacyContact: 'Point de contact vie privée',
  overview: 'Aperçu',
  overviewCaption: "Nos finalités en un coup d'œil",
  purposeCol: 'Finalité',
  basisCol: 'Base juridique',
  retentionCol: 'Conservation',
  purposesHeading: 'Ce que nous faisons de vos données, pourquoi et combien de temps',
  purposesIntro: 'Pour chaque finalité ci-dessous, vous trouverez les données que nous utilisons, si vous devez les fournir, la base juridique, qui les reçoit et combien de temps nous les conservons. Nous n’utilisons pour chaque finalité que les données indiquées.',
  whose: 'Personnes concernées',
  data: 'Données utilisées',
  dataCaption: (p) => `Données utilisées pour : ${p}`,
  dataCol: 'Données',
  requiredCol: 'Devez-vous les fournir ?',
  required: 'obligatoire',
  optional: 'facultatif',
  provision: {
    statutory: 'La fourniture de ces données est une exigence légale.',
    contractual: 'La fourniture de ces données est une exigence contractuelle.',
    required_for_contract: 'La fourniture de ces données est nécessaire pour conclure un contrat avec nous.',
    voluntary: 'La fourniture de ces données est facultative.',
  },
  ifNotProvided: 'Si vous ne les fournissez pas',
  basis: 'Base juridique',
  basisFor: (s) => `Pour les ${s.charAt(0).toLowerCase()}${s.slice(1)}`,
  legitimateInterest: 'Notre intérêt légitime',
  objectHint: 'Vous pouvez vous opposer à ce traitement à tout moment (voir « Vos droits »).',
  legalObligation: 'Obligation légale',
  source: 'Origine des données',
  sourceSelf: 'Vous-même.',
  recipients: 'Destinataires',
  noRecipients: 'Nous ne partageons ces données avec personne en dehors de notre entreprise.',
  example: 'exemple',
  roles: {
    processor: 'sous-traitant, agit pour notre compte',
    sub_processor: 'sous-traitant ultérieur',
    third_party: 'destinataire indépendant',
    public_authority: 'autorité publique',
  },
  transfers: "Transferts hors de l'Espace économique européen",
  noTransfer: "Aucun : ces données restent dans l'Espace économique européen.",
  retention: 'Durée de conservation',
  directMarketing: 'Marketing direct',
  directMarketingNote: 'Il s’agit de marketing direct. Vous pouvez vous y opposer à tout moment, gratuitement et sans motif (voir « Votre droit d’opposition au marketing direct »).',
  automated: 'Décisions automatisées',
  automatedYes: 'Cette finalité comporte une décision fondée exclusivement sur un traitement automatisé (art. 22 RGPD). Vous pouvez demander une intervention humaine, exprimer votre point de vue et contester la décision.',
  recipientsHeading: "Destinataires et transferts hors de l'EEE",
  recipientsIntro: 'Nous ne partageons des données personnelles qu’avec les destinataires nommés ci-dessous, et uniquement pour les finalités décrites ci-dessus. Les sous-traitants agissent uniquement sur nos instructions, sur la base d’un contrat écrit (art. 28 RGPD). Nous ne vendons pas de données personnelles.',
  recipientsCaption: 'Destinataires des données personnelles',
  nameCol: 'Destinataire',
  roleCol: 'Rôle',
  serviceCol: 'Service',
  countryCol: 'Pays',
  safeguardCol: "Garantie pour les transferts hors de l'EEE",
  inEea: "non nécessaire (au sein de l'EEE)",
  adequacy: (d, date) => `décision d'adéquation de la Commission européenne (${d}, ${date})`,
  scc: (d, m, date) => `clauses contractuelles types de la Commission européenne (${d}${m ? `, module ${m}` : ''}), signées le ${date}`,
  sccCopy: 'Vous pouvez obtenir une copie des clauses contractuelles types via ',
  processorHeading: 'Données que nous traitons pour le compte de nos clients',
  processorText: (c, s) => `Lorsqu'un de nos clients vous enregistre dans notre service — ${s} — c'est ce client qui détermine pourquoi et comment vos données sont traitées : le client est le responsable du traitement et ${c} agit uniquement comme son sous-traitant, sur ses instructions documentées (art. 28 RGPD). Cette déclaration ne s'applique pas à ce traitement ; c'est la déclaration de confidentialité du client qui s'applique.`,
  processorRequests: (sla) => `Adressez vos questions et demandes concernant ces données au client qui vous a enregistré. Si vous nous les envoyez, nous les transmettons à ce client ${sla ? `dans un délai de ${sla}` : 'sans délai'} et l'aidons à y répondre.`,
  processorNoReuse: "Nous n'utilisons jamais ces données pour nos propres finalités.",
  processorActivities: 'Ce que nous faisons pour nos clients',
  rightsHeading: 'Vos droits',
  rightsIntro: "Vous disposez des droits suivants. Certains ne s'appliquent que dans certaines situations, comme décrit.",
  rights: [
    { title: "Accès (art. 15 RGPD)", text: 'Vous pouvez demander si nous traitons des données vous concernant et en recevoir gratuitement une copie, avec les finalités, les catégories de données, les destinataires nommément, les durées de conservation, l’origine des données et vos droits.' },
    { title: 'Rectification (art. 16 RGPD)', text: 'Vous pouvez faire corriger des données inexactes et compléter des données incomplètes.' },
    { title: 'Effacement (art. 17 RGPD)', text: 'Vous pouvez nous demander d’effacer vos données, par exemple lorsque nous n’en avons plus besoin, lorsque vous retirez votre consentement ou lorsque vous vous opposez au traitement. Nous ne conservons que ce que la loi nous oblige à conserver (comme les factures) ou ce qui est nécessaire à une action en justice, pendant la durée indiquée ci-dessus et avec un accès restreint.' },
    { title: 'Limitation (art. 18 RGPD)', text: 'Vous pouvez nous demander de limiter le traitement, par exemple pendant que nous vérifions l’exactitude de vos données ou examinons votre opposition. Nous ne faisons alors plus que conserver les données.' },
    { title: 'Portabilité (art. 20 RGPD)', text: 'Vous pouvez recevoir les données que vous nous avez fournies pour un contrat ou avec votre consentement dans un format structuré, couramment utilisé et lisible par machine (JSON ou CSV), ou les faire transmettre directement à un autre responsable du traitement.' },
    { title: 'Opposition (art. 21, paragraphe 1, RGPD)', text: 'Vous pouvez vous opposer à tout moment, pour des raisons tenant à votre situation particulière, à un traitement fondé sur nos intérêts légitimes. Nous arrêtons alors, sauf si nous démontrons des motifs légitimes et impérieux qui prévalent sur vos intérêts, droits et libertés, ou si les données sont nécessaires à une action en justice.' },
  ],
  withdrawTitle: 'Retirer votre consentement (art. 7, paragraphe 3, RGPD)',
  withdrawText: 'Lorsque nous traitons des données sur la base de votre consentement, vous pouvez le retirer à tout moment, aussi facilement que vous l’avez donné : avec le lien de désinscription présent dans chaque message, dans le centre de confidentialité ou par e-mail. Le retrait ne remet pas en cause le traitement effectué avant celui-ci et ne vous coûte rien.',
  objectDmHeading: 'Votre droit d’opposition au marketing direct',
  objectDmText: (p) => `Vous pouvez vous opposer à tout moment, gratuitement et sans donner de motif, à l’utilisation de vos données à des fins de marketing direct (${p}), y compris au profilage qui y est lié (art. 21, paragraphes 2 et 3, RGPD). Ce droit est absolu : nous arrêtons immédiatement et ne mettons pas votre opposition en balance avec nos intérêts.`,
  objectDmHow: (e) => `Utilisez le lien de désinscription présent dans chaque message, le centre de confidentialité ou un e-mail à ${e}. Pour que vous ne soyez jamais réinscrit sur une liste d’envoi, nous ne conservons qu’un code irréversible de votre adresse e-mail.`,
  exerciseHeading: 'Comment exercer vos droits',
  exerciseChannels: (e, pc, post) => `Utilisez le centre de confidentialité ${pc ? `à l'adresse ${pc}` : 'sur notre site web'}, envoyez un e-mail à ${e}, écrivez à ${post}, ou contactez-nous par tout autre canal que vous utilisez avec nous. Aucun formulaire, formulation particulière ou référence légale n'est nécessaire.`,
  free: "L'exercice de vos droits est gratuit.",
  identity: "Nous ne demandons pas de copie de votre carte d'identité ni d'aucun autre document d'identité. Une demande envoyée depuis l'adresse e-mail que nous connaissons, ou depuis votre compte, suffit normalement.",
  identityDoubt: "Ce n'est que si nous avons des doutes raisonnables sur votre identité que nous demandons davantage, en commençant par le moyen le moins intrusif : une confirmation envoyée à l'adresse e-mail ou au numéro de téléphone que nous avons déjà, ou une question sur des données que nous détenons déjà. Nous vous disons précisément ce dont nous avons besoin et pourquoi, et ne demandons jamais plus que nécessaire pour vous reconnaître. Si un document d'identité devait s'avérer nécessaire, nous l'effaçons dès que votre identité est confirmée.",
  deadline: "Nous répondons dans les meilleurs délais et au plus tard dans un délai d'un mois à compter de la réception de votre demande. Si une demande est complexe ou si nous recevons de nombreuses demandes, ce délai peut être prolongé de deux mois ; nous vous en informons alors, avec les motifs, dans le premier mois.",
  excessive: "Ce n'est que si une demande est manifestement infondée ou excessive que nous pouvons exiger des frais raisonnables ou refuser d'y donner suite. Nous devons alors le démontrer, vous en avertir au préalable et vous expliquer comment introduire une réclamation.",
  complaintHeading: 'Votre droit d’introduire une réclamation',
  complaintText: (a) => `Vous avez le droit d'introduire à tout moment une réclamation auprès de l'${a}. Vous ne devez pas nous contacter d'abord : vous pouvez introduire votre réclamation directement. Si vous le préférez, vous pouvez bien sûr nous contacter d'abord afin que nous cherchions ensemble une solution.`,
  complaintCourt: 'Vous pouvez également saisir un tribunal.',
  admHeading: 'Prise de décision automatisée',
  admNone: "Nous ne prenons aucune décision fondée exclusivement sur un traitement automatisé, y compris le profilage, produisant des effets juridiques vous concernant ou vous affectant de manière significative de façon similaire (art. 22 RGPD).",
  admSome: (p) => `Les finalités suivantes comportent des décisions fondées exclusivement sur un traitement automatisé (art. 22 RGPD) : ${p}. Vous pouvez demander une intervention humaine, exprimer votre point de vue et contester la décision. La logique sous-jacente et ses conséquences sont décrites pour chaque finalité.`,
  cookiesHeading: 'Cookies',
  cookiesIntro: "Nous plaçons les cookies strictement nécessaires sans vous le demander, car le site ne peut pas fonctionner sans eux. Nous ne plaçons tous les autres cookies qu'après votre acceptation dans la bannière cookies, où refuser est aussi simple qu'accepter. Vous pouvez modifier ou retirer votre choix à tout moment via le lien « Paramètres des cookies » présent sur chaque page.",
  cookieCaption: (c, n) => `${c} (${n ? 'aucun consentement requis' : 'uniquement avec votre consentement'})`,
  cookieNameCol: 'Cookie',
  providerCol: 'Fournisseur',
  cookiePurposeCol: 'Finalité',
  lifetimeCol: 'Durée de vie',
  noCookies: 'Nous ne plaçons aucun cookie de cette catégorie.',
  securityHeading: 'Sécurité',
  changesHeading: 'Modifications de cette déclaration',
  changesText: "Lorsque nous modifions cette déclaration, nous publions ici la nouvelle version avec son numéro de version et la date de son entrée en vigueur. Avant qu'une modification importante n'entre en vigueur (une nouvelle finalité, une autre base juridique, d'autres données, d'autres destinataires ou une conservation plus longue), nous vous en informons activement, par e-mail ou dans le centre de confidentialité ; lorsqu'une modification requiert votre consentement, nous vous le redemandons. Les versions antérieures restent disponibles sur demande et dans le centre de confidentialité.",
  versionsLink: 'Consultez toutes les versions publiées et ce qui a changé entre elles.',
  subjectsList: 'et',
}

export const LABELS: Readonly<Record<Language, Labels>> = { en, nl, fr }

/** "a, b and c" in the given language. */
export function joinList(items: readonly string[], lang: Language): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${LABELS[lang].subjectsList} ${items[items.length - 1]}`
}

// ---- ROPA labels (English by default; the record is for the DPO and the supervisory authority) ----

export interface RopaLabels {
  title: string
  controllerRecord: string
  processorRecord: string
}

export const ROPA_LABELS: Readonly<Record<Language, RopaLabels>> = {
  en: { title: 'Record of processing activities (Art. 30 GDPR)', controllerRecord: 'Art. 30(1) record: processing as controller', processorRecord: 'Art. 30(2) record: processing as processor on behalf of customers' },
  nl: { title: 'Register van verwerkingsactiviteiten (art. 30 AVG)', controllerRecord: 'Register art. 30, lid 1: verwerking als verwerkingsverantwoordelijke', processorRecord: 'Register art. 30, lid 2: verwerking als verwerker in opdracht van klanten' },
  fr: { title: 'Registre des activités de traitement (art. 30 RGPD)', controllerRecord: 'Registre art. 30, paragraphe 1 : traitements en tant que responsable du traitement', processorRecord: 'Registre art. 30, paragraphe 2 : traitements en tant que sous-traitant pour le compte des clients' },
}
