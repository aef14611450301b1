// The mails Pledge writes itself, in Dutch, French and English, each with a plain-text and an HTML
// part. Every interpolated value is escaped in HTML; links must be http(s) URLs.
//
// - newsletterConfirmation: the double opt-in mail. Nothing is subscribed until the person confirms,
//   and the link leads to a page whose button confirms (opening a link never changes anything: mail
//   scanners open links).
// - marketingMail: wraps a marketing text with a one-click unsubscribe link, a separate statement of
//   the right to object to direct marketing (REQ-OB-03, REQ-DM-02) and the RFC 8058 headers.
import type { Language } from '../policy/schema.ts'
import { checkedUrl, mailContent, oneLine, type MailContent } from './render.ts'

export type { MailContent }

export interface NewsletterConfirmationInput {
  readonly lang: Language
  readonly controllerName: string
  /** The confirmation page (a GET that shows a button; the button POSTs the confirmation). */
  readonly confirmUrl: string
  /** The privacy statement. */
  readonly privacyUrl: string
}

export interface MarketingMailInput {
  readonly lang: Language
  readonly controllerName: string
  /** The message itself, plain text; blank lines separate paragraphs. */
  readonly bodyText: string
  /** The RFC 8058 one-click unsubscribe address: a POST there unsubscribes, a GET shows a button. */
  readonly unsubscribeUrl: string
  readonly privacyUrl: string
  /** Defaults to "News from <controller>" in the mail's language. */
  readonly subject?: string
}

// ---------------------------------------------------------------------------------------------
// Newsletter confirmation (double opt-in)

interface ConfirmationTexts {
  subject: (c: string) => string
  greeting: string
  request: (c: string) => string
  nothingUnless: string
  howTo: string
  buttonLabel: string
  linkFallback: string
  unsubscribe: string
  privacy: string
  privacyLink: string
  notYou: string
}

const CONFIRMATION: Record<Language, ConfirmationTexts> = {
  en: {
    subject: (c) => `Please confirm your subscription to the ${c} newsletter`,
    greeting: 'Hello,',
    request: (c) => `Someone, hopefully you, asked to receive the newsletter of ${c} at this e-mail address. In this newsletter ${c} sends you news about its products and services by e-mail.`,
    nothingUnless: 'Nothing happens unless you confirm: without your confirmation you are not subscribed and you will receive no newsletter.',
    howTo: 'To confirm, open the link below. It leads to a page where you confirm your subscription with a button.',
    buttonLabel: 'Go to the confirmation page',
    linkFallback: 'If the button does not work, copy this address into your browser:',
    unsubscribe: 'You can unsubscribe at any time, free of charge, with the link in every newsletter.',
    privacy: 'How we process your personal data is explained in our privacy statement:',
    privacyLink: 'privacy statement',
    notYou: 'Did you not ask for this? Then simply ignore this e-mail.',
  },
  nl: {
    subject: (c) => `Bevestig uw inschrijving op de nieuwsbrief van ${c}`,
    greeting: 'Goedendag,',
    request: (c) => `Iemand, hopelijk u, heeft gevraagd om de nieuwsbrief van ${c} op dit e-mailadres te ontvangen. In die nieuwsbrief ontvangt u per e-mail nieuws over de producten en diensten van ${c}.`,
    nothingUnless: 'Er gebeurt niets zolang u niet bevestigt: zonder uw bevestiging wordt u niet ingeschreven en ontvangt u geen nieuwsbrief.',
    howTo: 'Om te bevestigen opent u de onderstaande link. Die leidt naar een pagina waar u uw inschrijving met een knop bevestigt.',
    buttonLabel: 'Naar de bevestigingspagina',
    linkFallback: 'Werkt de knop niet? Kopieer dan dit adres naar uw browser:',
    unsubscribe: 'U kunt zich op elk moment kosteloos uitschrijven via de link in elke nieuwsbrief.',
    privacy: 'Hoe wij uw persoonsgegevens verwerken, leest u in onze privacyverklaring:',
    privacyLink: 'privacyverklaring',
    notYou: 'Heeft u hier niet om gevraagd? Dan kunt u deze e-mail gewoon negeren.',
  },
  fr: {
    subject: (c) => `Confirmez votre inscription à la newsletter de ${c}`,
    greeting: 'Bonjour,',
    request: (c) => `Quelqu’un, vous nous l’espérons, a demandé à recevoir la newsletter de ${c} à cette adresse e-mail. Dans cette newsletter, ${c} vous informe par e-mail de l’actualité de ses produits et services.`,
    nothingUnless: 'Rien ne se passe tant que vous ne confirmez pas : sans votre confirmation, vous n’êtes pas inscrit et vous ne recevrez aucune newsletter.',
    howTo: 'Pour confirmer, ouvrez le lien ci-dessous. Il mène à une page où vous confirmez votre inscription à l’aide d’un bouton.',
    buttonLabel: 'Vers la page de confirmation',
    linkFallback: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
    unsubscribe: 'Vous pouvez vous désinscrire à tout moment, gratuitement, grâce au lien présent dans chaque newsletter.',
    privacy: 'La manière dont nous traitons vos données personnelles est expliquée dans notre déclaration de confidentialité :',
    privacyLink: 'déclaration de confidentialité',
    notYou: 'Vous n’avez rien demandé ? Ignorez simplement cet e-mail.',
  },
}

export function newsletterConfirmation(input: NewsletterConfirmationInput): MailContent {
  const t = CONFIRMATION[input.lang]
  if (!t) throw new Error(`unsupported language: ${String(input.lang)}`)
  const c = oneLine(input.controllerName)
  const confirmUrl = checkedUrl(input.confirmUrl, 'confirmUrl')
  const privacyUrl = checkedUrl(input.privacyUrl, 'privacyUrl')
  return mailContent(input.lang, t.subject(c), [
    { p: t.greeting },
    { p: t.request(c) },
    { strong: t.nothingUnless },
    { p: t.howTo },
    { button: confirmUrl, label: t.buttonLabel, fallback: t.linkFallback },
    { p: t.unsubscribe },
    { p: t.privacy, link: { href: privacyUrl, label: t.privacyLink } },
    { p: t.notYou },
  ])
}

// ---------------------------------------------------------------------------------------------
// Marketing mail

interface MarketingTexts {
  subject: (c: string) => string
  unsubscribeHeading: string
  unsubscribe: (c: string) => string
  unsubscribeLabel: string
  objectHeading: string
  object: string
  privacy: string
  privacyLink: string
}

const MARKETING: Record<Language, MarketingTexts> = {
  en: {
    subject: (c) => `News from ${c}`,
    unsubscribeHeading: 'Unsubscribe',
    unsubscribe: (c) => `No longer want marketing e-mails from ${c}? Unsubscribe with one click, no login needed:`,
    unsubscribeLabel: 'Unsubscribe',
    objectHeading: 'Your right to object to direct marketing',
    object:
      'You can object at any time, free of charge and without giving any reason, to the use of your personal data for direct marketing, including any profiling related to it (Art. 21(2) and (3) GDPR). This right is absolute: we stop immediately. The unsubscribe link above is enough to exercise it.',
    privacy: 'How we process your personal data:',
    privacyLink: 'privacy statement',
  },
  nl: {
    subject: (c) => `Nieuws van ${c}`,
    unsubscribeHeading: 'Uitschrijven',
    unsubscribe: (c) => `Wilt u geen marketingmails van ${c} meer ontvangen? Schrijf u met één klik uit, zonder in te loggen:`,
    unsubscribeLabel: 'Uitschrijven',
    objectHeading: 'Uw recht van bezwaar tegen direct marketing',
    object:
      'U kunt op elk moment, kosteloos en zonder opgave van redenen, bezwaar maken tegen het gebruik van uw persoonsgegevens voor direct marketing, met inbegrip van profilering die daarmee verband houdt (art. 21, lid 2 en 3 AVG). Dit recht is absoluut: we stoppen onmiddellijk. De afmeldlink hierboven volstaat om het uit te oefenen.',
    privacy: 'Hoe wij uw persoonsgegevens verwerken:',
    privacyLink: 'privacyverklaring',
  },
  fr: {
    subject: (c) => `Des nouvelles de ${c}`,
    unsubscribeHeading: 'Désinscription',
    unsubscribe: (c) => `Vous ne souhaitez plus recevoir d’e-mails commerciaux de ${c} ? Désinscrivez-vous en un clic, sans vous connecter :`,
    unsubscribeLabel: 'Se désinscrire',
    objectHeading: 'Votre droit d’opposition au marketing direct',
    object:
      'Vous pouvez vous opposer à tout moment, gratuitement et sans donner de motif, à l’utilisation de vos données personnelles à des fins de marketing direct, y compris au profilage qui y est lié (art. 21, paragraphes 2 et 3, RGPD). Ce droit est absolu : nous arrêtons immédiatement. Le lien de désinscription ci-dessus suffit pour l’exercer.',
    privacy: 'La manière dont nous traitons vos données personnelles :',
    privacyLink: 'déclaration de confidentialité',
  },
}

/** The RFC 8058 one-click unsubscribe headers for an unsubscribe URL. */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${checkedUrl(unsubscribeUrl, 'unsubscribeUrl')}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  }
}

export function marketingMail(input: MarketingMailInput): MailContent {
  const t = MARKETING[input.lang]
  if (!t) throw new Error(`unsupported language: ${String(input.lang)}`)
  const c = oneLine(input.controllerName)
  const unsubscribeUrl = checkedUrl(input.unsubscribeUrl, 'unsubscribeUrl')
  const privacyUrl = checkedUrl(input.privacyUrl, 'privacyUrl')
  const mail = mailContent(input.lang, input.subject ?? t.subject(c), [
    { paragraphs: input.bodyText },
    {
      footer: [
        { p: t.unsubscribe(c), link: { href: unsubscribeUrl, label: t.unsubscribeLabel } },
        { titled: t.objectHeading, body: t.object },
        { p: t.privacy, link: { href: privacyUrl, label: t.privacyLink } },
      ],
    },
  ])
  return { ...mail, headers: unsubscribeHeaders(unsubscribeUrl) }
}

export interface CampaignMailInput extends Omit<MarketingMailInput, 'bodyText'> {
  readonly subject: string
  /** The campaign's HTML body (a fragment or a document's body; refused before if it loads anything remote). */
  readonly html: string
  /** Its plain-text version. */
  readonly text: string
}

/**
 * A campaign mail: the campaign's own HTML and text, then the same footer as every marketing mail
 * (the visible one-click unsubscribe link, the right to object, the statement) and the RFC 8058
 * headers List-Unsubscribe and List-Unsubscribe-Post.
 */
export function campaignMail(input: CampaignMailInput): MailContent {
  const t = MARKETING[input.lang]
  if (!t) throw new Error(`unsupported language: ${String(input.lang)}`)
  const c = oneLine(input.controllerName)
  const unsubscribeUrl = checkedUrl(input.unsubscribeUrl, 'unsubscribeUrl')
  const privacyUrl = checkedUrl(input.privacyUrl, 'privacyUrl')
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(input.html)?.[1] ?? input.html
  const mail = mailContent(input.lang, input.subject, [
    { campaignHtml: body, campaignText: input.text },
    {
      footer: [
        { p: t.unsubscribe(c), link: { href: unsubscribeUrl, label: t.unsubscribeLabel } },
        { titled: t.objectHeading, body: t.object },
        { p: t.privacy, link: { href: privacyUrl, label: t.privacyLink } },
      ],
    },
  ])
  return { ...mail, headers: unsubscribeHeaders(unsubscribeUrl) }
}
