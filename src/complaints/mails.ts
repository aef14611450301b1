// The complaint mails, in Dutch, French and English: the code that confirms the address (the only
// mail an unconfirmed address ever gets, REQ-ID-09), the acknowledgement once it is confirmed, the
// outcome, and the notice to the policy's complaints mailbox. None repeats what the complainant
// typed. Every mail to the complainant says that they may go to the supervisory authority at any
// time, without waiting for us, and how (Art. 77 GDPR is unconditional).
import type { Language } from '../policy/schema.ts'
import { addressLine, type Policy } from '../policy/policy.ts'
import { countryName } from '../policy/i18n.ts'
import { checkedUrl, mailContent, oneLine, type MailContent, type Part } from '../mail/render.ts'

export const OUTCOMES = ['upheld', 'partly_upheld', 'not_upheld'] as const
export type ComplaintOutcome = (typeof OUTCOMES)[number]

const T = {
  nl: {
    codeSubject: (c: string) => `Uw code om uw klacht bij ${c} te bevestigen`,
    greeting: 'Beste,',
    codeIntro: (c: string) => `In het privacycentrum van ${c} is met dit e-mailadres een klacht over onze omgang met persoonsgegevens ingediend. Vul deze code in op de pagina van uw klacht om uw e-mailadres te bevestigen; pas dan behandelen we de klacht.`,
    codeLabel: 'Uw code',
    codeValid: (m: number) => `De code is ${m} minuten geldig.`,
    codeFallback: 'Is de pagina gesloten? Open dan deze link en vul de code in:',
    notYou: 'Hebt u geen klacht ingediend? Dan hoeft u niets te doen: zonder code behandelen we niets.',
    ackSubject: (c: string, ref: string) => `Uw klacht bij ${c} is ontvangen (${ref})`,
    ackIntro: (c: string) => `Uw e-mailadres is bevestigd. ${c} heeft uw klacht over onze omgang met persoonsgegevens ontvangen en onderzoekt ze.`,
    reference: 'Referentie',
    received: 'Ontvangen op',
    due: 'U krijgt ons antwoord uiterlijk op',
    outcomeSubject: (c: string, ref: string) => `De uitkomst van uw klacht bij ${c} (${ref})`,
    outcomeIntro: 'We hebben uw klacht over onze omgang met persoonsgegevens onderzocht.',
    outcomeLabel: 'Uitkomst',
    outcomes: { upheld: 'Uw klacht is gegrond: we hebben de nodige maatregelen genomen.', partly_upheld: 'Uw klacht is gedeeltelijk gegrond.', not_upheld: 'We vinden uw klacht niet gegrond.' },
    explanation: 'Onze toelichting:',
    authorityHeading: 'U kunt altijd naar de Gegevensbeschermingsautoriteit',
    authority: (a: string) => `U kunt op elk moment kosteloos klacht indienen bij de ${a} (art. 77 AVG), ook zonder eerst bij ons te klagen of ons antwoord af te wachten.`,
    authorityDetails: (addr: string, email: string | undefined, web: string) => `Adres: ${addr}${email ? `\nE-mail: ${email}` : ''}\nWebsite: ${web}`,
    court: 'U kunt de zaak ook aan een rechter voorleggen (art. 79 AVG).',
    privacy: 'Hoe we met uw gegevens omgaan:',
    noticeSubject: (ref: string) => `Nieuwe klacht via het privacycentrum (${ref})`,
    noticeIntro: 'Er is een klacht ingediend via het privacycentrum en het e-mailadres van de indiener is bevestigd. Lees en behandel ze in de console:',
    open: 'Klacht openen',
    fallback: 'Of open deze link:',
    noticeNote: 'De klacht zelf en de indiener staan niet in deze e-mail.',
  },
  fr: {
    codeSubject: (c: string) => `Votre code pour confirmer votre plainte auprès de ${c}`,
    greeting: 'Madame, Monsieur,',
    codeIntro: (c: string) => `Une plainte sur notre traitement des données à caractère personnel a été déposée avec cette adresse e-mail dans le centre de confidentialité de ${c}. Saisissez ce code sur la page de votre plainte pour confirmer votre adresse e-mail ; nous ne traitons la plainte qu'ensuite.`,
    codeLabel: 'Votre code',
    codeValid: (m: number) => `Le code est valable ${m} minutes.`,
    codeFallback: 'La page est fermée ? Ouvrez ce lien et saisissez le code :',
    notYou: "Vous n'avez pas déposé de plainte ? Vous n'avez rien à faire : sans le code, nous ne traitons rien.",
    ackSubject: (c: string, ref: string) => `Votre plainte auprès de ${c} a bien été reçue (${ref})`,
    ackIntro: (c: string) => `Votre adresse e-mail est confirmée. ${c} a reçu votre plainte sur notre traitement des données à caractère personnel et l'examine.`,
    reference: 'Référence',
    received: 'Reçue le',
    due: 'Vous recevrez notre réponse au plus tard le',
    outcomeSubject: (c: string, ref: string) => `Le résultat de votre plainte auprès de ${c} (${ref})`,
    outcomeIntro: 'Nous avons examiné votre plainte sur notre traitement des données à caractère personnel.',
    outcomeLabel: 'Résultat',
    outcomes: { upheld: 'Votre plainte est fondée : nous avons pris les mesures nécessaires.', partly_upheld: 'Votre plainte est partiellement fondée.', not_upheld: "Nous estimons que votre plainte n'est pas fondée." },
    explanation: 'Nos explications :',
    authorityHeading: "Vous pouvez toujours vous adresser à l'Autorité de protection des données",
    authority: (a: string) => `Vous pouvez à tout moment introduire gratuitement une plainte auprès de l'${a} (art. 77 RGPD), sans devoir d'abord vous plaindre auprès de nous ni attendre notre réponse.`,
    authorityDetails: (addr: string, email: string | undefined, web: string) => `Adresse : ${addr}${email ? `\nE-mail : ${email}` : ''}\nSite web : ${web}`,
    court: "Vous pouvez aussi porter l'affaire devant un tribunal (art. 79 RGPD).",
    privacy: 'Comment nous traitons vos données :',
    noticeSubject: (ref: string) => `Nouvelle plainte via le centre de confidentialité (${ref})`,
    noticeIntro: "Une plainte a été déposée via le centre de confidentialité et l'adresse e-mail de son auteur est confirmée. Lisez-la et traitez-la dans la console :",
    open: 'Ouvrir la plainte',
    fallback: 'Ou ouvrez ce lien :',
    noticeNote: "La plainte elle-même et son auteur ne figurent pas dans cet e-mail.",
  },
  en: {
    codeSubject: (c: string) => `Your code to confirm your complaint to ${c}`,
    greeting: 'Hello,',
    codeIntro: (c: string) => `A complaint about how we handle personal data was filed with this e-mail address in the privacy center of ${c}. Enter this code on your complaint's page to confirm your e-mail address; only then do we handle the complaint.`,
    codeLabel: 'Your code',
    codeValid: (m: number) => `The code is valid for ${m} minutes.`,
    codeFallback: 'Is the page closed? Open this link and enter the code:',
    notYou: 'Did you file no complaint? Then there is nothing to do: without the code we handle nothing.',
    ackSubject: (c: string, ref: string) => `Your complaint to ${c} has been received (${ref})`,
    ackIntro: (c: string) => `Your e-mail address is confirmed. ${c} received your complaint about how we handle personal data and is looking into it.`,
    reference: 'Reference',
    received: 'Received on',
    due: 'You will have our answer by',
    outcomeSubject: (c: string, ref: string) => `The outcome of your complaint to ${c} (${ref})`,
    outcomeIntro: 'We have looked into your complaint about how we handle personal data.',
    outcomeLabel: 'Outcome',
    outcomes: { upheld: 'Your complaint is upheld: we have taken the necessary measures.', partly_upheld: 'Your complaint is partly upheld.', not_upheld: 'We do not uphold your complaint.' },
    explanation: 'Our explanation:',
    authorityHeading: 'You may always go to the Data Protection Authority',
    authority: (a: string) => `You may lodge a complaint with the ${a} at any time, free of charge (Art. 77 GDPR), without complaining to us first or waiting for our answer.`,
    authorityDetails: (addr: string, email: string | undefined, web: string) => `Address: ${addr}${email ? `\nE-mail: ${email}` : ''}\nWebsite: ${web}`,
    court: 'You may also bring the matter before a court (Art. 79 GDPR).',
    privacy: 'How we handle your data:',
    noticeSubject: (ref: string) => `New complaint through the privacy center (${ref})`,
    noticeIntro: "A complaint was filed through the privacy center and the complainant's e-mail address is confirmed. Read and handle it in the console:",
    open: 'Open the complaint',
    fallback: 'Or open this link:',
    noticeNote: 'The complaint itself and the complainant are not in this e-mail.',
  },
} satisfies Record<Language, unknown>

export type ComplaintMailTexts = (typeof T)['en']
export const COMPLAINT_MAIL_TEXTS: Record<Language, ComplaintMailTexts> = T

/** The supervisory authority's name as a sentence needs it: "Gegevensbeschermingsautoriteit (GBA / APD)". */
export function authorityName(policy: Policy, lang: Language): string {
  const sa = policy.supervisoryAuthority
  return `${sa.name[lang]}${sa.abbreviation ? ` (${sa.abbreviation})` : ''}`
}

/** The supervisory authority, from the policy: name, postal address, e-mail address and website. */
export function authorityFacts(policy: Policy, lang: Language): { name: string; address: string; email: string | undefined; website: string } {
  const sa = policy.supervisoryAuthority
  return { name: authorityName(policy, lang), address: `${addressLine(sa.address, lang)}, ${countryName(sa.address.country, lang)}`, email: sa.email, website: sa.website }
}

/** "You may go to the GBA at any time, and how": the same block in every mail to the complainant. */
function authorityParts(policy: Policy, lang: Language): Part[] {
  const t = T[lang]
  const a = authorityFacts(policy, lang)
  return [{ h: t.authorityHeading }, { p: t.authority(a.name) }, { p: t.authorityDetails(a.address, a.email, a.website) }, { p: t.court }]
}

export interface ComplaintMailBase {
  readonly policy: Policy
  readonly lang: Language
  readonly controllerName: string
  readonly privacyUrl: string
}

/** The code, to an address nobody has confirmed yet: the code, the link to the page, the authority. Nothing else. */
export function complaintCodeMail(input: ComplaintMailBase & { code: string; pageUrl: string; validMinutes: number }): MailContent {
  const t = T[input.lang]
  const c = oneLine(input.controllerName)
  const pageUrl = checkedUrl(input.pageUrl, 'pageUrl')
  return mailContent(input.lang, t.codeSubject(c), [
    { p: t.greeting },
    { p: t.codeIntro(c) },
    { code: input.code, label: t.codeLabel },
    { p: t.codeValid(input.validMinutes) },
    { p: t.codeFallback, link: { href: pageUrl, label: pageUrl } },
    { p: t.notYou },
    ...authorityParts(input.policy, input.lang),
    { p: t.privacy, link: { href: checkedUrl(input.privacyUrl, 'privacyUrl'), label: input.privacyUrl } },
  ])
}

/** The acknowledgement, once the code confirmed the address: reference, dates, the authority. Never what was written. */
export function complaintAcknowledgement(input: ComplaintMailBase & { reference: string; receivedOn: string; dueOn: string }): MailContent {
  const t = T[input.lang]
  const c = oneLine(input.controllerName)
  return mailContent(input.lang, t.ackSubject(c, input.reference), [
    { p: t.greeting },
    { p: t.ackIntro(c) },
    { rows: [[t.reference, input.reference], [t.received, input.receivedOn], [t.due, input.dueOn]] },
    ...authorityParts(input.policy, input.lang),
    { p: t.privacy, link: { href: checkedUrl(input.privacyUrl, 'privacyUrl'), label: input.privacyUrl } },
  ])
}

/** The outcome: its code in words and the staff member's explanation (staff text, never the complainant's), and the authority. */
export function complaintOutcomeMail(input: ComplaintMailBase & { reference: string; outcome: ComplaintOutcome; explanation: string }): MailContent {
  const t = T[input.lang]
  const c = oneLine(input.controllerName)
  return mailContent(input.lang, t.outcomeSubject(c, input.reference), [
    { p: t.greeting },
    { p: t.outcomeIntro },
    { rows: [[t.reference, input.reference], [t.outcomeLabel, t.outcomes[input.outcome]]] },
    { p: t.explanation },
    { quote: input.explanation },
    ...authorityParts(input.policy, input.lang),
    { p: t.privacy, link: { href: checkedUrl(input.privacyUrl, 'privacyUrl'), label: input.privacyUrl } },
  ])
}

/** To the policy's complaints mailbox: the id, when, the due date and a console link. Never the complaint, never the complainant. */
export function complaintMailboxNotice(input: { lang: Language; reference: string; receivedAt: string; dueOn: string; consoleUrl: string }): MailContent {
  const t = T[input.lang]
  const consoleUrl = checkedUrl(input.consoleUrl, 'consoleUrl')
  return mailContent(input.lang, t.noticeSubject(input.reference), [
    { p: t.noticeIntro },
    { rows: [[t.reference, input.reference], [t.received, input.receivedAt], [t.due, input.dueOn]] },
    { button: consoleUrl, label: t.open, fallback: t.fallback },
    { note: t.noticeNote },
  ])
}
