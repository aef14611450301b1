// The words of the privacy center's complaint pages (/privacy-center/complaints) in Dutch, French
// and English. The facts (who, why, basis, how long, the supervisory authority) come from the policy.
import type { Language } from '../policy/schema.ts'

export interface ComplaintPageTexts {
  readonly title: string
  readonly centerLink: string
  readonly intro: (controller: string) => string
  readonly authorityHeading: string
  readonly authority: (name: string) => string
  readonly authorityAddress: string
  readonly authorityEmail: string
  readonly authorityWebsite: string
  readonly noticeHeading: string
  readonly who: string
  readonly why: string
  readonly basis: string
  readonly howLong: string
  readonly rights: string
  readonly rightsText: string
  readonly formHeading: string
  readonly required: string
  readonly name: string
  readonly email: string
  readonly emailHint: string
  readonly description: string
  readonly descriptionHint: (max: number) => string
  readonly honeypot: string
  readonly submit: string
  readonly errorHeading: string
  readonly codeTitle: string
  readonly codeIntro: (minutes: number) => string
  readonly codeLabel: string
  readonly codeButton: string
  readonly confirmedTitle: string
  readonly confirmed: (dueOn: string) => string
  readonly alreadyConfirmed: string
  readonly invalidTitle: string
  readonly invalid: string
  readonly wrongCode: (left: number) => string
  readonly codeExpired: string
  readonly locked: string
  readonly tooFast: (seconds: number) => string
  readonly rateLimited: (seconds: number) => string
  readonly expired: string
  readonly spam: string
  readonly badInput: string
  readonly forbidden: string
  readonly unavailable: string
  readonly unexpected: string
  readonly languageNav: string
  readonly languageNames: Readonly<Record<Language, string>>
}

const NAMES = { nl: 'Nederlands', fr: 'Français', en: 'English' } as const

export const COMPLAINT_PAGE_TEXTS: Record<Language, ComplaintPageTexts> = {
  nl: {
    title: 'Een klacht indienen',
    centerLink: 'Niet tevreden over hoe we met uw persoonsgegevens omgaan? Dien een klacht in.',
    intro: (c) => `Bent u niet tevreden over hoe ${c} met uw persoonsgegevens omgaat? Vertel ons wat er gebeurd is. We vragen geen reden en geen identiteitsbewijs. U krijgt een code per e-mail om uw e-mailadres te bevestigen; daarna bevestigen we de ontvangst en laten we u de uitkomst weten.`,
    authorityHeading: 'U kunt altijd naar de Gegevensbeschermingsautoriteit',
    authority: (a) => `U kunt op elk moment kosteloos klacht indienen bij de ${a}, ook zonder eerst bij ons te klagen of ons antwoord af te wachten (art. 77 AVG).`,
    authorityAddress: 'Adres',
    authorityEmail: 'E-mail',
    authorityWebsite: 'Website',
    noticeHeading: 'Wat we met uw klacht doen',
    who: 'Wie',
    why: 'Waarom',
    basis: 'Rechtsgrond',
    howLong: 'Hoe lang',
    rights: 'Uw rechten',
    rightsText: 'U kunt uw gegevens inzien, laten verbeteren of wissen en bezwaar maken, via het privacycentrum.',
    formHeading: 'Uw klacht',
    required: 'Alle velden zijn verplicht.',
    name: 'Uw naam',
    email: 'Uw e-mailadres',
    emailHint: 'We sturen er een code naar om het te bevestigen, en daarna ons antwoord.',
    description: 'Wat is er gebeurd?',
    descriptionHint: (max) => `Beschrijf wat er volgens u misgelopen is (hoogstens ${max} tekens).`,
    honeypot: 'Laat dit veld leeg',
    submit: 'Klacht indienen',
    errorHeading: 'Er is een probleem',
    codeTitle: 'Bevestig uw e-mailadres',
    codeIntro: (m) => `We hebben een code van zes cijfers naar uw e-mailadres gestuurd. Vul ze hier in (ze is ${m} minuten geldig). Pas daarna behandelen we uw klacht en bevestigen we de ontvangst.`,
    codeLabel: 'Code uit de e-mail',
    codeButton: 'Bevestigen',
    confirmedTitle: 'Uw klacht is ontvangen',
    confirmed: (due) => `Uw e-mailadres is bevestigd en we hebben u een ontvangstbevestiging gestuurd. U krijgt ons antwoord uiterlijk op ${due}.`,
    alreadyConfirmed: 'Deze klacht is al bevestigd. U krijgt ons antwoord per e-mail.',
    invalidTitle: 'Deze pagina is niet meer geldig',
    invalid: 'Deze klacht wacht niet meer op een code. Dien uw klacht opnieuw in als dat nodig is.',
    wrongCode: (left) => `Deze code klopt niet. Controleer de zes cijfers in de e-mail (nog ${left} pogingen).`,
    codeExpired: 'De code is verlopen. Dien uw klacht opnieuw in.',
    locked: 'De code is te vaak verkeerd ingevuld. Dien uw klacht opnieuw in.',
    tooFast: (s) => `Het formulier werd sneller verstuurd dan iemand kan typen. Wacht ${s} seconden en verstuur het opnieuw.`,
    rateLimited: (s) => `Te veel klachten of pogingen na elkaar. Probeer het over ${s} seconden opnieuw.`,
    expired: 'Het formulier is verlopen. Verstuur het opnieuw.',
    spam: 'Een veld dat leeg moet blijven, is ingevuld.',
    badInput: 'Controleer dit veld: ',
    forbidden: 'Dit formulier kan alleen vanaf deze website worden verstuurd.',
    unavailable: 'Klachten kunnen hier op dit moment niet worden ingediend. U kunt altijd terecht bij de Gegevensbeschermingsautoriteit.',
    unexpected: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
    languageNav: 'Taal',
    languageNames: NAMES,
  },
  fr: {
    title: 'Déposer une plainte',
    centerLink: 'Pas satisfait de la manière dont nous traitons vos données à caractère personnel ? Déposez une plainte.',
    intro: (c) => `Vous n'êtes pas satisfait de la manière dont ${c} traite vos données à caractère personnel ? Dites-nous ce qui s'est passé. Nous ne demandons ni motif ni pièce d'identité. Vous recevrez un code par e-mail pour confirmer votre adresse ; ensuite nous accusons réception et nous vous communiquons le résultat.`,
    authorityHeading: "Vous pouvez toujours vous adresser à l'Autorité de protection des données",
    authority: (a) => `Vous pouvez à tout moment introduire gratuitement une plainte auprès de l'${a}, sans devoir d'abord vous plaindre auprès de nous ni attendre notre réponse (art. 77 RGPD).`,
    authorityAddress: 'Adresse',
    authorityEmail: 'E-mail',
    authorityWebsite: 'Site web',
    noticeHeading: 'Ce que nous faisons de votre plainte',
    who: 'Qui',
    why: 'Pourquoi',
    basis: 'Base juridique',
    howLong: 'Combien de temps',
    rights: 'Vos droits',
    rightsText: "Vous pouvez consulter, faire rectifier ou effacer vos données et vous opposer à leur traitement, via le centre de confidentialité.",
    formHeading: 'Votre plainte',
    required: 'Tous les champs sont obligatoires.',
    name: 'Votre nom',
    email: 'Votre adresse e-mail',
    emailHint: 'Nous y envoyons un code pour la confirmer, puis notre réponse.',
    description: "Que s'est-il passé ?",
    descriptionHint: (max) => `Décrivez ce qui, selon vous, n'a pas été (${max} caractères au plus).`,
    honeypot: 'Laissez ce champ vide',
    submit: 'Déposer la plainte',
    errorHeading: 'Il y a un problème',
    codeTitle: 'Confirmez votre adresse e-mail',
    codeIntro: (m) => `Nous avons envoyé un code de six chiffres à votre adresse e-mail. Saisissez-le ici (il est valable ${m} minutes). Ce n'est qu'ensuite que nous traitons votre plainte et en accusons réception.`,
    codeLabel: "Code reçu par e-mail",
    codeButton: 'Confirmer',
    confirmedTitle: 'Votre plainte a bien été reçue',
    confirmed: (due) => `Votre adresse e-mail est confirmée et nous vous avons envoyé un accusé de réception. Vous recevrez notre réponse au plus tard le ${due}.`,
    alreadyConfirmed: 'Cette plainte est déjà confirmée. Vous recevrez notre réponse par e-mail.',
    invalidTitle: "Cette page n'est plus valable",
    invalid: "Cette plainte n'attend plus de code. Déposez à nouveau votre plainte si nécessaire.",
    wrongCode: (left) => `Ce code n'est pas correct. Vérifiez les six chiffres de l'e-mail (encore ${left} essais).`,
    codeExpired: 'Le code a expiré. Déposez à nouveau votre plainte.',
    locked: 'Le code a été mal saisi trop de fois. Déposez à nouveau votre plainte.',
    tooFast: (s) => `Le formulaire a été envoyé plus vite qu'une personne ne tape. Attendez ${s} secondes et envoyez-le à nouveau.`,
    rateLimited: (s) => `Trop de plaintes ou d'essais à la suite. Réessayez dans ${s} secondes.`,
    expired: 'Le formulaire a expiré. Envoyez-le à nouveau.',
    spam: 'Un champ qui doit rester vide a été rempli.',
    badInput: 'Vérifiez ce champ : ',
    forbidden: 'Ce formulaire ne peut être envoyé que depuis ce site.',
    unavailable: "Les plaintes ne peuvent pas être déposées ici pour le moment. Vous pouvez toujours vous adresser à l'Autorité de protection des données.",
    unexpected: 'Une erreur est survenue de notre côté. Réessayez plus tard.',
    languageNav: 'Langue',
    languageNames: NAMES,
  },
  en: {
    title: 'File a complaint',
    centerLink: 'Not satisfied with how we handle your personal data? File a complaint.',
    intro: (c) => `Are you not satisfied with how ${c} handles your personal data? Tell us what happened. We ask for no reason and no identity document. You will get a code by e-mail to confirm your address; then we acknowledge your complaint and tell you the outcome.`,
    authorityHeading: 'You may always go to the Data Protection Authority',
    authority: (a) => `You may lodge a complaint with the ${a} at any time, free of charge, without complaining to us first or waiting for our answer (Art. 77 GDPR).`,
    authorityAddress: 'Address',
    authorityEmail: 'E-mail',
    authorityWebsite: 'Website',
    noticeHeading: 'What we do with your complaint',
    who: 'Who',
    why: 'Why',
    basis: 'Legal basis',
    howLong: 'How long',
    rights: 'Your rights',
    rightsText: 'You may see, correct or erase your data and object, through the privacy center.',
    formHeading: 'Your complaint',
    required: 'All fields are required.',
    name: 'Your name',
    email: 'Your e-mail address',
    emailHint: 'We send a code to it to confirm it, and then our answer.',
    description: 'What happened?',
    descriptionHint: (max) => `Describe what went wrong in your view (at most ${max} characters).`,
    honeypot: 'Leave this field empty',
    submit: 'File the complaint',
    errorHeading: 'There is a problem',
    codeTitle: 'Confirm your e-mail address',
    codeIntro: (m) => `We sent a six-digit code to your e-mail address. Enter it here (it is valid for ${m} minutes). Only then do we handle your complaint and acknowledge it.`,
    codeLabel: 'Code from the e-mail',
    codeButton: 'Confirm',
    confirmedTitle: 'Your complaint has been received',
    confirmed: (due) => `Your e-mail address is confirmed and we sent you an acknowledgement. You will have our answer by ${due}.`,
    alreadyConfirmed: 'This complaint is already confirmed. You will get our answer by e-mail.',
    invalidTitle: 'This page is no longer valid',
    invalid: 'This complaint no longer waits for a code. File your complaint again if needed.',
    wrongCode: (left) => `This code is not right. Check the six digits in the e-mail (${left} tries left).`,
    codeExpired: 'The code has expired. File your complaint again.',
    locked: 'The code was entered wrongly too many times. File your complaint again.',
    tooFast: (s) => `The form was sent faster than a person types. Wait ${s} seconds and send it again.`,
    rateLimited: (s) => `Too many complaints or tries in a row. Try again in ${s} seconds.`,
    expired: 'The form has expired. Send it again.',
    spam: 'A field meant to stay empty was filled in.',
    badInput: 'Check this field: ',
    forbidden: 'This form can only be sent from this website.',
    unavailable: 'Complaints cannot be filed here at the moment. You may always go to the Data Protection Authority.',
    unexpected: 'Something went wrong on our side. Try again later.',
    languageNav: 'Language',
    languageNames: NAMES,
  },
}
