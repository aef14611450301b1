// The words of the hosted contact form (/contact) in Dutch, French and English. The Art. 13 notice
// on the page takes its facts (who, why, basis, how long, recipients) from the policy in force.
import type { Language } from '../policy/schema.ts'

export interface ContactTexts {
  readonly title: string
  readonly intro: string
  readonly noticeTitle: string
  readonly who: string
  readonly why: string
  readonly basis: string
  readonly howLong: string
  readonly recipients: string
  readonly rights: string
  readonly rightsText: string
  readonly statementLink: string
  readonly centerLink: string
  readonly formTitle: string
  readonly required: string
  readonly name: string
  readonly email: string
  readonly phone: string
  readonly organisation: string
  readonly role: string
  readonly message: string
  readonly messageHint: (max: number) => string
  readonly optional: string
  readonly honeypot: string
  readonly newsletter: string
  readonly newsletterHint: string
  readonly send: string
  readonly errorHeading: string
  readonly sentTitle: string
  readonly sent: string
  readonly sentNewsletter: string
  readonly back: string
  readonly confirmTitle: string
  readonly confirmAsk: string
  readonly confirmButton: string
  readonly confirmedTitle: string
  readonly confirmed: string
  readonly invalidTitle: string
  readonly invalid: string
  readonly languageNav: string
  readonly languageNames: Readonly<Record<Language, string>>
  readonly tooFast: (seconds: number) => string
  readonly rateLimited: (seconds: number) => string
  readonly expired: string
  readonly spam: string
  readonly badInput: string
  readonly forbidden: string
  readonly unexpected: string
  readonly unavailable: string
}

const NAMES = { nl: 'Nederlands', fr: 'Français', en: 'English' } as const

export const CONTACT_TEXTS: Record<Language, ContactTexts> = {
  nl: {
    title: 'Contact',
    intro: 'Stel ons uw vraag. We antwoorden per e-mail.',
    noticeTitle: 'Wat we met uw gegevens doen',
    who: 'Wie',
    why: 'Waarom',
    basis: 'Rechtsgrond',
    howLong: 'Hoe lang',
    recipients: 'Wie ze nog ziet',
    rights: 'Uw rechten',
    rightsText: 'U kunt uw gegevens inzien, laten verbeteren of wissen en bezwaar maken, zonder uitleg en zonder kosten.',
    statementLink: 'Volledige privacyverklaring',
    centerLink: 'Privacycentrum: uw rechten uitoefenen',
    formTitle: 'Uw bericht',
    required: 'Velden met * zijn verplicht.',
    name: 'Naam',
    email: 'E-mailadres',
    phone: 'Telefoonnummer',
    organisation: 'Organisatie',
    role: 'Functie',
    message: 'Bericht',
    messageHint: (max) => `Hoogstens ${max} tekens.`,
    optional: 'vrijblijvend',
    honeypot: 'Laat dit veld leeg',
    newsletter: 'Ik wil ook de nieuwsbrief ontvangen',
    newsletterHint: 'Een aparte keuze, niet nodig voor uw bericht. U krijgt eerst een e-mail om uw inschrijving te bevestigen.',
    send: 'Versturen',
    errorHeading: 'Uw bericht is niet verstuurd',
    sentTitle: 'Bedankt voor uw bericht',
    sent: 'We hebben een bevestiging gestuurd naar het adres dat u opgaf. We antwoorden zo snel mogelijk.',
    sentNewsletter: 'Voor de nieuwsbrief krijgt u een aparte e-mail: er verandert niets zolang u die niet bevestigt.',
    back: 'Nog een bericht sturen',
    confirmTitle: 'E-mailadres bevestigen',
    confirmAsk: 'Bevestig dat dit uw e-mailadres is, zodat we uw bericht bij uw gegevens kunnen voegen als we u al kennen.',
    confirmButton: 'Bevestigen',
    confirmedTitle: 'Bedankt',
    confirmed: 'Uw e-mailadres is bevestigd. We antwoorden zo snel mogelijk op uw bericht.',
    invalidTitle: 'Link niet meer geldig',
    invalid: 'Deze link is niet (meer) geldig. U hoeft niets te doen: we antwoorden hoe dan ook op uw bericht.',
    languageNav: 'Taal',
    languageNames: NAMES,
    tooFast: (s) => `Het formulier werd sneller verstuurd dan iemand kan typen. Wacht ${s} seconden en verstuur het opnieuw.`,
    rateLimited: (s) => `U hebt ons net al enkele berichten gestuurd. Probeer het opnieuw over ${s} seconden.`,
    expired: 'Het formulier is verlopen. Verstuur het opnieuw.',
    spam: 'Het bericht lijkt automatisch verstuurd. Laat het verborgen veld leeg en verstuur het opnieuw.',
    badInput: 'Controleer de velden: ',
    forbidden: 'Dit formulier kan alleen vanaf deze pagina worden verstuurd.',
    unexpected: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
    unavailable: 'Het contactformulier is niet beschikbaar.',
  },
  fr: {
    title: 'Contact',
    intro: 'Posez-nous votre question. Nous répondons par e-mail.',
    noticeTitle: 'Ce que nous faisons de vos données',
    who: 'Qui',
    why: 'Pourquoi',
    basis: 'Base juridique',
    howLong: 'Combien de temps',
    recipients: 'Qui d\'autre les voit',
    rights: 'Vos droits',
    rightsText: 'Vous pouvez consulter, faire rectifier ou effacer vos données et vous opposer au traitement, sans justification et sans frais.',
    statementLink: 'Déclaration de confidentialité complète',
    centerLink: 'Centre de confidentialité : exercer vos droits',
    formTitle: 'Votre message',
    required: 'Les champs marqués * sont obligatoires.',
    name: 'Nom',
    email: 'Adresse e-mail',
    phone: 'Numéro de téléphone',
    organisation: 'Organisation',
    role: 'Fonction',
    message: 'Message',
    messageHint: (max) => `${max} caractères au plus.`,
    optional: 'facultatif',
    honeypot: 'Laissez ce champ vide',
    newsletter: 'Je souhaite aussi recevoir la newsletter',
    newsletterHint: 'Un choix distinct, non nécessaire pour votre message. Vous recevrez d\'abord un e-mail pour confirmer votre inscription.',
    send: 'Envoyer',
    errorHeading: 'Votre message n\'a pas été envoyé',
    sentTitle: 'Merci pour votre message',
    sent: 'Nous avons envoyé une confirmation à l\'adresse indiquée. Nous vous répondrons au plus vite.',
    sentNewsletter: 'Pour la newsletter, vous recevrez un e-mail distinct : rien ne change tant que vous ne le confirmez pas.',
    back: 'Envoyer un autre message',
    confirmTitle: 'Confirmer l\'adresse e-mail',
    confirmAsk: 'Confirmez que cette adresse e-mail est la vôtre, pour que nous puissions joindre votre message à votre dossier si nous vous connaissons déjà.',
    confirmButton: 'Confirmer',
    confirmedTitle: 'Merci',
    confirmed: 'Votre adresse e-mail est confirmée. Nous répondrons à votre message au plus vite.',
    invalidTitle: 'Ce lien n\'est plus valable',
    invalid: 'Ce lien n\'est pas ou plus valable. Vous n\'avez rien à faire : nous répondons à votre message dans tous les cas.',
    languageNav: 'Langue',
    languageNames: NAMES,
    tooFast: (s) => `Le formulaire a été envoyé plus vite qu'une personne ne peut écrire. Attendez ${s} secondes et envoyez-le à nouveau.`,
    rateLimited: (s) => `Vous venez déjà de nous envoyer plusieurs messages. Réessayez dans ${s} secondes.`,
    expired: 'Le formulaire a expiré. Envoyez-le à nouveau.',
    spam: 'Le message semble envoyé automatiquement. Laissez le champ caché vide et envoyez-le à nouveau.',
    badInput: 'Vérifiez les champs : ',
    forbidden: 'Ce formulaire ne peut être envoyé que depuis cette page.',
    unexpected: 'Un problème est survenu de notre côté. Réessayez plus tard.',
    unavailable: 'Le formulaire de contact n\'est pas disponible.',
  },
  en: {
    title: 'Contact',
    intro: 'Ask us your question. We answer by e-mail.',
    noticeTitle: 'What we do with your data',
    who: 'Who',
    why: 'Why',
    basis: 'Legal basis',
    howLong: 'How long',
    recipients: 'Who else sees them',
    rights: 'Your rights',
    rightsText: 'You can see your data, have it corrected or erased and object to its use, without giving reasons and free of charge.',
    statementLink: 'Full privacy statement',
    centerLink: 'Privacy center: exercise your rights',
    formTitle: 'Your message',
    required: 'Fields marked * are required.',
    name: 'Name',
    email: 'E-mail address',
    phone: 'Telephone number',
    organisation: 'Organisation',
    role: 'Role',
    message: 'Message',
    messageHint: (max) => `At most ${max} characters.`,
    optional: 'optional',
    honeypot: 'Leave this field empty',
    newsletter: 'I also want to receive the newsletter',
    newsletterHint: 'A separate choice, not needed for your message. You first get an e-mail to confirm your subscription.',
    send: 'Send',
    errorHeading: 'Your message was not sent',
    sentTitle: 'Thank you for your message',
    sent: 'We sent a confirmation to the address you gave. We will answer as soon as we can.',
    sentNewsletter: 'For the newsletter you get a separate e-mail: nothing changes until you confirm it.',
    back: 'Send another message',
    confirmTitle: 'Confirm your e-mail address',
    confirmAsk: 'Confirm that this e-mail address is yours, so that we can add your message to your file if we already know you.',
    confirmButton: 'Confirm',
    confirmedTitle: 'Thank you',
    confirmed: 'Your e-mail address is confirmed. We will answer your message as soon as we can.',
    invalidTitle: 'This link is no longer valid',
    invalid: 'This link is not, or no longer, valid. There is nothing to do: we answer your message either way.',
    languageNav: 'Language',
    languageNames: NAMES,
    tooFast: (s) => `The form was sent faster than a person can type. Wait ${s} seconds and send it again.`,
    rateLimited: (s) => `You have just sent us several messages. Try again in ${s} seconds.`,
    expired: 'The form has expired. Send it again.',
    spam: 'The message looks sent by a program. Leave the hidden field empty and send it again.',
    badInput: 'Check the fields: ',
    forbidden: 'This form can only be sent from this page.',
    unexpected: 'Something went wrong on our side. Try again later.',
    unavailable: 'The contact form is not available.',
  },
}
