// The words of the console's contact-form page in Dutch, French and English (formal: u, vous).
import type { Language } from '../../../policy/schema.ts'

export interface ContactConsoleTexts {
  readonly title: (id: string) => string
  readonly received: string
  readonly language: string
  readonly confirmed: string
  readonly notConfirmed: string
  readonly linked: string
  readonly notLinked: string
  readonly openPerson: string
  readonly message: string
  readonly details: string
  readonly notFound: string
  readonly notAllowed: string
  readonly readNote: string
  readonly listTitle: string
  readonly listIntro: string
  readonly none: string
  readonly reference: string
  readonly state: string
  readonly yes: string
  readonly no: string
}

export const CONTACT_CONSOLE_TEXTS: Record<Language, ContactConsoleTexts> = {
  nl: {
    title: (id) => `Bericht via het contactformulier ${id.slice(0, 8)}`,
    received: 'Ontvangen',
    language: 'Taal',
    confirmed: 'Adres bevestigd',
    notConfirmed: 'Adres (nog) niet bevestigd',
    linked: 'Gekoppeld aan persoon',
    notLinked: 'Niet gekoppeld',
    openPerson: 'Persoon openen',
    message: 'Bericht',
    details: 'Afzender',
    notFound: 'Dit bericht bestaat niet (meer): gewist of verlopen.',
    notAllowed: 'Uw rol mag het doel van het contactformulier niet gebruiken.',
    readNote: 'Het openen van dit bericht is opgenomen in het auditlog.',
    listTitle: 'Berichten via het contactformulier',
    listIntro: 'De nieuwste berichten, zonder inhoud. Open een bericht om het te lezen (dat wordt gelogd). Gewiste of verlopen berichten openen niet meer.',
    none: 'Er zijn geen berichten.',
    reference: 'Referentie',
    state: 'Adres bevestigd / gekoppeld',
    yes: 'ja',
    no: 'nee',
  },
  fr: {
    title: (id) => `Message du formulaire de contact ${id.slice(0, 8)}`,
    received: 'Reçu le',
    language: 'Langue',
    confirmed: 'Adresse confirmée',
    notConfirmed: 'Adresse pas (encore) confirmée',
    linked: 'Lié à la personne',
    notLinked: 'Non lié',
    openPerson: 'Ouvrir la personne',
    message: 'Message',
    details: 'Expéditeur',
    notFound: 'Ce message n\'existe pas (ou plus) : effacé ou expiré.',
    notAllowed: 'Votre rôle ne peut pas utiliser la finalité du formulaire de contact.',
    readNote: 'L\'ouverture de ce message est enregistrée dans le journal d\'audit.',
    listTitle: 'Messages du formulaire de contact',
    listIntro: 'Les messages les plus récents, sans leur contenu. Ouvrez un message pour le lire (c\'est journalisé). Les messages effacés ou expirés ne s\'ouvrent plus.',
    none: 'Il n\'y a aucun message.',
    reference: 'Référence',
    state: 'Adresse confirmée / liée',
    yes: 'oui',
    no: 'non',
  },
  en: {
    title: (id) => `Contact form message ${id.slice(0, 8)}`,
    received: 'Received',
    language: 'Language',
    confirmed: 'Address confirmed',
    notConfirmed: 'Address not (yet) confirmed',
    linked: 'Linked to person',
    notLinked: 'Not linked',
    openPerson: 'Open the person',
    message: 'Message',
    details: 'Sender',
    notFound: 'This message does not exist (any more): erased or expired.',
    notAllowed: 'Your role may not use the contact form\'s purpose.',
    readNote: 'Opening this message is recorded in the audit log.',
    listTitle: 'Contact form messages',
    listIntro: 'The newest messages, without their content. Open one to read it (that is logged). Erased or expired messages no longer open.',
    none: 'There are no messages.',
    reference: 'Reference',
    state: 'Address confirmed / linked',
    yes: 'yes',
    no: 'no',
  },
}
