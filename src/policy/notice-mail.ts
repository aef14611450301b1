// The material-change notice (REQ-TR-04) as the person reads it, in nl (formal "u"), fr ("vous") or
// en: which purposes change and in what (basis, data, recipients, retention) in plain words, from
// when, where to read the new version and exactly what changed, and what the person can do about
// it (object, withdraw consent, the other rights, a complaint). Informative only: no promotion.
import type { Language } from './schema.ts'
import { displayName, type Policy } from './policy.ts'
import type { MaterialAspect, PurposeChange } from './statement-diff.ts'
import { basisLabel, formatDate } from './i18n.ts'
import { checkedUrl, mailContent, type MailContent, type Part } from '../mail/render.ts'

interface Texts {
  subject: (controller: string, date: string) => string
  greeting: string
  intro: (controller: string, version: number, date: string) => string
  why: string
  changesHeading: string
  aspect: Record<MaterialAspect, string>
  added: string
  removed: string
  basisNow: (basis: string) => string
  dateHeading: string
  dateText: (date: string) => string
  readHeading: string
  newVersion: string
  diff: string
  rightsHeading: string
  /** Between a purpose's name and what is said about it ("Marketing: …", "Marketing : …"). */
  colon: string
  withdraw: (purpose: string) => string
  object: (purpose: string) => string
  objectMarketing: (purpose: string) => string
  otherRights: string
  centerLink: string
  complaint: (authority: string, website: string) => string
  questions: (email: string) => string
  closing: (who: string) => string
}

/** "d'iXpole", "de JAG2": the French preposition elided before a vowel. */
function deFr(name: string): string {
  return /^[aeiouyhàâäéèêëîïôöûüù]/i.test(name) ? `d'${name}` : `de ${name}`
}

const T: Record<Language, Texts> = {
  nl: {
    subject: (c, d) => `Wijziging van de privacyverklaring van ${c} vanaf ${d}`,
    greeting: 'Geachte heer, geachte mevrouw,',
    intro: (c, v, d) => `${c} wijzigt zijn privacyverklaring. De nieuwe versie (versie ${v}) geldt vanaf ${d}.`,
    why: 'Wij schrijven u omdat de wijziging gevolgen heeft voor de manier waarop wij uw persoonsgegevens verwerken. Wij informeren u vooraf, zodat u de wijziging kunt nalezen en zo nodig uw rechten kunt uitoefenen voordat ze ingaat.',
    changesHeading: 'Wat er verandert',
    aspect: { basis: 'de rechtsgrond waarop wij uw gegevens verwerken', categories: 'welke gegevens wij verwerken', recipients: 'wie uw gegevens ontvangt', retention: 'hoe lang wij uw gegevens bewaren' },
    added: 'een nieuw doeleinde waarvoor wij uw gegevens zullen verwerken',
    removed: 'wij verwerken uw gegevens niet langer voor dit doeleinde',
    basisNow: (b) => `rechtsgrond voortaan: ${b}`,
    dateHeading: 'Vanaf wanneer',
    dateText: (d) => `De wijziging gaat in op ${d}. Tot dan blijft de huidige versie van toepassing.`,
    readHeading: 'De nieuwe versie en de wijzigingen lezen',
    newVersion: 'De nieuwe versie van de privacyverklaring:',
    diff: 'Precies wat er verandert ten opzichte van de huidige versie:',
    rightsHeading: 'Uw rechten',
    colon: ': ',
    withdraw: (p) => `${p}: u kunt uw toestemming op elk moment intrekken, even eenvoudig als u ze gaf.`,
    object: (p) => `${p}: u kunt bezwaar maken tegen deze verwerking (art. 21 AVG).`,
    objectMarketing: (p) => `${p}: u kunt bezwaar maken tegen deze verwerking (art. 21 AVG); voor direct marketing stoppen wij dan meteen.`,
    otherRights: 'U kunt ook uw gegevens inzien, laten verbeteren of laten wissen, de verwerking laten beperken en uw gegevens meenemen. Dat is kosteloos en u hoeft geen redenen op te geven, in ons privacycentrum:',
    centerLink: 'Naar het privacycentrum',
    complaint: (a, w) => `U kunt ook rechtstreeks een klacht indienen bij de ${a} (${w}).`,
    questions: (e) => `Hebt u vragen? Antwoord op deze e-mail of schrijf naar ${e}.`,
    closing: (c) => `Met vriendelijke groet,\n${c}`,
  },
  fr: {
    subject: (c, d) => `Modification de la déclaration de confidentialité ${deFr(c)} à partir du ${d}`,
    greeting: 'Madame, Monsieur,',
    intro: (c, v, d) => `${c} modifie sa déclaration de confidentialité. La nouvelle version (version ${v}) s'applique à partir du ${d}.`,
    why: "Nous vous écrivons parce que cette modification concerne la manière dont nous traitons vos données à caractère personnel. Nous vous informons à l'avance, afin que vous puissiez prendre connaissance de la modification et, si vous le souhaitez, exercer vos droits avant qu'elle ne s'applique.",
    changesHeading: 'Ce qui change',
    aspect: { basis: 'la base juridique sur laquelle nous traitons vos données', categories: 'les données que nous traitons', recipients: 'les destinataires de vos données', retention: 'la durée pendant laquelle nous conservons vos données' },
    added: 'une nouvelle finalité pour laquelle nous traiterons vos données',
    removed: 'nous ne traitons plus vos données pour cette finalité',
    basisNow: (b) => `base juridique désormais : ${b}`,
    dateHeading: 'À partir de quand',
    dateText: (d) => `La modification s'applique à partir du ${d}. Jusqu'à cette date, la version actuelle reste d'application.`,
    readHeading: 'Lire la nouvelle version et les modifications',
    newVersion: 'La nouvelle version de la déclaration de confidentialité :',
    diff: 'Exactement ce qui change par rapport à la version actuelle :',
    rightsHeading: 'Vos droits',
    colon: ' : ',
    withdraw: (p) => `${p} : vous pouvez retirer votre consentement à tout moment, aussi facilement que vous l'avez donné.`,
    object: (p) => `${p} : vous pouvez vous opposer à ce traitement (art. 21 RGPD).`,
    objectMarketing: (p) => `${p} : vous pouvez vous opposer à ce traitement (art. 21 RGPD) ; pour le marketing direct, nous arrêtons alors immédiatement.`,
    otherRights: "Vous pouvez aussi accéder à vos données, les faire rectifier ou effacer, faire limiter le traitement et emporter vos données. C'est gratuit et vous ne devez donner aucun motif, dans notre centre de confidentialité :",
    centerLink: 'Vers le centre de confidentialité',
    complaint: (a, w) => `Vous pouvez aussi introduire directement une plainte auprès de l'autorité de contrôle, ${a} (${w}).`,
    questions: (e) => `Des questions ? Répondez à cet e-mail ou écrivez à ${e}.`,
    closing: (c) => `Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.\n${c}`,
  },
  en: {
    subject: (c, d) => `Changes to the privacy statement of ${c} from ${d}`,
    greeting: 'Dear Sir or Madam,',
    intro: (c, v, d) => `${c} is changing its privacy statement. The new version (version ${v}) applies from ${d}.`,
    why: 'We are writing to you because the change affects how we process your personal data. We tell you in advance, so that you can read the change and, if you wish, exercise your rights before it applies.',
    changesHeading: 'What changes',
    aspect: { basis: 'the legal basis on which we process your data', categories: 'which data we process', recipients: 'who receives your data', retention: 'how long we keep your data' },
    added: 'a new purpose for which we will process your data',
    removed: 'we no longer process your data for this purpose',
    basisNow: (b) => `legal basis from then on: ${b}`,
    dateHeading: 'From when',
    dateText: (d) => `The change applies from ${d}. Until then the current version applies.`,
    readHeading: 'Read the new version and the changes',
    newVersion: 'The new version of the privacy statement:',
    diff: 'Exactly what changes compared with the current version:',
    rightsHeading: 'Your rights',
    colon: ': ',
    withdraw: (p) => `${p}: you may withdraw your consent at any time, as easily as you gave it.`,
    object: (p) => `${p}: you may object to this processing (Art. 21 GDPR).`,
    objectMarketing: (p) => `${p}: you may object to this processing (Art. 21 GDPR); for direct marketing we then stop at once.`,
    otherRights: 'You may also access your data, have them corrected or erased, have their processing restricted and take them with you. This is free of charge and you need not give reasons, in our privacy center:',
    centerLink: 'To the privacy center',
    complaint: (a, w) => `You may also complain directly to the ${a} (${w}).`,
    questions: (e) => `Questions? Reply to this e-mail or write to ${e}.`,
    closing: (c) => `Kind regards,\n${c}`,
  },
}

export interface NoticeMailInput {
  readonly previous: Policy
  readonly next: Policy
  /** The changes that concern this person (see changesFor in ./notices.ts). */
  readonly changes: readonly PurposeChange[]
  readonly subjectType: string
  readonly version: number
  readonly previousVersion: number
  readonly effectiveDate: string
  /** Public base URL of the server (config baseUrl). */
  readonly baseUrl: string
}

/** The links the notice carries, written out (the test and the README quote them). */
export function noticeLinks(baseUrl: string, version: number, previousVersion: number, lang: Language): { version: string; diff: string; center: string } {
  const base = baseUrl.replace(/\/$/, '')
  return {
    version: `${base}/privacy/versions/${version}?lang=${lang}`,
    diff: `${base}/privacy/versions/${version}/diff?from=${previousVersion}&lang=${lang}`,
    center: `${base}/privacy-center?lang=${lang}`,
  }
}

export function materialChangeNotice(input: NoticeMailInput, lang: Language): MailContent {
  const t = T[lang]
  const { previous, next } = input
  const controller = displayName(next.controller, lang)
  const date = formatDate(input.effectiveDate, lang)
  const links = noticeLinks(input.baseUrl, input.version, input.previousVersion, lang)
  const name = (id: string) => (next.purpose(id) ?? previous.purpose(id))?.name[lang] ?? id
  const changeLines = input.changes.map((c) => {
    if (c.removed) return `${name(c.purposeId)}${t.colon}${t.removed}`
    const what = c.added ? t.added : c.changed.map((a) => t.aspect[a]).join('; ')
    const basis = c.added || c.changed.includes('basis') ? next.purpose(c.purposeId)?.basis[input.subjectType] : undefined
    return `${name(c.purposeId)}${t.colon}${what}${basis ? ` — ${t.basisNow(basisLabel(basis, lang))}` : ''}`
  })
  // The rights that answer these changes: withdrawal for consent, objection for legitimate interests.
  const rights: string[] = []
  for (const c of input.changes) {
    if (c.removed) continue
    const p = next.purpose(c.purposeId)
    const basis = p?.basis[input.subjectType]
    if (basis === 'consent') rights.push(t.withdraw(name(c.purposeId)))
    else if (p?.directMarketing) rights.push(t.objectMarketing(name(c.purposeId)))
    else if (basis === 'legitimate_interests') rights.push(t.object(name(c.purposeId)))
  }
  const contact = next.controller.privacyContact
  const authority = next.supervisoryAuthority
  const parts: Part[] = [
    { p: t.greeting },
    { p: t.intro(controller, input.version, date) },
    { p: t.why },
    { h: t.changesHeading },
    { list: changeLines },
    { h: t.dateHeading },
    { p: t.dateText(date) },
    { h: t.readHeading },
    { p: t.newVersion, link: { href: checkedUrl(links.version, 'version link'), label: links.version } },
    { p: t.diff, link: { href: checkedUrl(links.diff, 'diff link'), label: links.diff } },
    { h: t.rightsHeading },
    ...(rights.length ? [{ list: rights }] : []),
    { p: t.otherRights, link: { href: checkedUrl(links.center, 'privacy center link'), label: t.centerLink } },
    { p: t.complaint(authority.name[lang], authority.website) },
    { p: t.questions(contact.email) },
    { p: t.closing(`${contact.name[lang]}\n${next.controller.name[lang]}`) },
  ]
  return mailContent(lang, `${t.subject(controller, date)}`, parts)
}
