// The contact form's two mails, in Dutch, French and English. Neither ever repeats the message (or
// any other text the sender typed): the form must not be a way to send someone else a text under
// the controller's name.
import type { Language } from '../policy/schema.ts'
import { checkedUrl, mailContent, oneLine, type MailContent } from '../mail/render.ts'

const ACK = {
  nl: {
    subject: (c: string) => `Uw bericht aan ${c} is ontvangen`,
    greeting: 'Beste,',
    received: (c: string) => `${c} heeft via het contactformulier op de website een bericht van dit e-mailadres ontvangen. We antwoorden zo snel mogelijk.`,
    confirm: 'Bent u al klant of kennen we u al? Bevestig dan uw e-mailadres, zodat we uw bericht bij uw gegevens kunnen voegen. Dat hoeft niet: we antwoorden hoe dan ook.',
    button: 'E-mailadres bevestigen',
    fallback: 'Werkt de knop niet? Open deze link:',
    notYou: 'Hebt u ons niets gestuurd? Dan hoeft u niets te doen; we bewaren het bericht hoogstens één jaar.',
    privacy: 'Hoe we met uw gegevens omgaan:',
  },
  fr: {
    subject: (c: string) => `Votre message à ${c} a bien été reçu`,
    greeting: 'Madame, Monsieur,',
    received: (c: string) => `${c} a reçu un message de cette adresse e-mail via le formulaire de contact du site. Nous vous répondrons au plus vite.`,
    confirm: 'Vous êtes déjà client ou nous vous connaissons déjà ? Confirmez alors votre adresse e-mail, pour que nous puissions joindre votre message à votre dossier. Ce n\'est pas obligatoire : nous répondons dans tous les cas.',
    button: 'Confirmer mon adresse e-mail',
    fallback: 'Le bouton ne fonctionne pas ? Ouvrez ce lien :',
    notYou: 'Vous ne nous avez rien envoyé ? Vous n\'avez rien à faire ; nous conservons le message un an au plus.',
    privacy: 'Comment nous traitons vos données :',
  },
  en: {
    subject: (c: string) => `Your message to ${c} has been received`,
    greeting: 'Hello,',
    received: (c: string) => `${c} received a message from this e-mail address through the contact form on its website. We will answer as soon as we can.`,
    confirm: 'Are you already a customer, or do we already know you? Then confirm your e-mail address, so that we can add your message to your file. You need not: we answer either way.',
    button: 'Confirm my e-mail address',
    fallback: 'Does the button not work? Open this link:',
    notYou: 'Did you send us nothing? Then there is nothing to do; we keep the message for one year at most.',
    privacy: 'How we handle your data:',
  },
} satisfies Record<Language, unknown>

/** The acknowledgement to the sender: that a message arrived, the confirmation link, the statement. Never the message. */
export function contactAcknowledgement(input: { lang: Language; controllerName: string; confirmUrl: string; privacyUrl: string }): MailContent {
  const t = ACK[input.lang]
  const c = oneLine(input.controllerName)
  const confirmUrl = checkedUrl(input.confirmUrl, 'confirmUrl')
  const privacyUrl = checkedUrl(input.privacyUrl, 'privacyUrl')
  return mailContent(input.lang, t.subject(c), [
    { p: t.greeting },
    { p: t.received(c) },
    { p: t.confirm },
    { button: confirmUrl, label: t.button, fallback: t.fallback },
    { p: t.notYou },
    { p: t.privacy, link: { href: privacyUrl, label: privacyUrl } },
  ])
}

const NOTICE = {
  nl: { subject: (ref: string) => `Nieuw bericht via het contactformulier (${ref})`, arrived: 'Er is een bericht binnengekomen via het contactformulier op de website. Lees het in de console (met een rol die het doel contactformulier mag gebruiken):', reference: 'Referentie', received: 'Ontvangen', open: 'Bericht openen', fallback: 'Of open deze link:', note: 'Het bericht zelf staat niet in deze e-mail.' },
  fr: { subject: (ref: string) => `Nouveau message via le formulaire de contact (${ref})`, arrived: 'Un message est arrivé via le formulaire de contact du site. Lisez-le dans la console (avec un rôle autorisé pour la finalité du formulaire de contact) :', reference: 'Référence', received: 'Reçu le', open: 'Ouvrir le message', fallback: 'Ou ouvrez ce lien :', note: 'Le message lui-même ne figure pas dans cet e-mail.' },
  en: { subject: (ref: string) => `New message through the contact form (${ref})`, arrived: 'A message arrived through the contact form on the website. Read it in the console (with a role that may use the contact form\'s purpose):', reference: 'Reference', received: 'Received', open: 'Open the message', fallback: 'Or open this link:', note: 'The message itself is not in this e-mail.' },
} satisfies Record<Language, unknown>

/** The notice to the policy's contact mailbox: the message's id, when, and a console link. Never the message, never the sender. */
export function contactMailboxNotice(input: { lang: Language; reference: string; receivedAt: string; consoleUrl: string }): MailContent {
  const t = NOTICE[input.lang]
  const consoleUrl = checkedUrl(input.consoleUrl, 'consoleUrl')
  return mailContent(input.lang, t.subject(input.reference), [
    { p: t.arrived },
    { rows: [[t.reference, input.reference], [t.received, input.receivedAt]] },
    { button: consoleUrl, label: t.open, fallback: t.fallback },
    { note: t.note },
  ])
}
