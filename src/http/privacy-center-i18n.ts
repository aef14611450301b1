// The texts of the public privacy center pages, in Dutch, French and English. The names and
// one-line explanations of the rights and the request statuses are shared with the mails
// (src/requests/mails.ts: REQUEST_TYPE_TEXT, REQUEST_STATUS_TEXT).
import type { Language } from '../policy/schema.ts'

export interface PrivacyCenterTexts {
  title: string
  languageNav: string
  languageNames: Readonly<Record<Language, string>>
  intro: (controller: string) => string
  promises: readonly string[]
  formHeading: string
  typeLegend: string
  emailLabel: string
  emailHint: string
  detailsLabel: string
  detailsHint: string
  submit: string
  statementHeading: string
  statementStandalone: string
  statementVersions: string
  // after filing / verification
  requestTitle: string
  codeIntro: string
  codeLabel: string
  codeHint: (minutes: number) => string
  confirm: string
  alreadyConfirmed: string
  showRequest: string
  notYou: string
  resend: string
  resent: string
  // errors
  errorHeading: string
  invalidCode: (attemptsLeft: number | undefined) => string
  codeExpired: (minutes: number) => string
  badRequest: string
  tooManyAttempts: string
  codeUsed: string
  notFound: string
  invalidEmail: string
  chooseType: string
  detailsTooLong: string
  pushLegend: string
  pushToLabel: string
  pushToHint: string
  pushCountryLabel: string
  pushCountryHint: string
  pushRisksLabel: string
  invalidPush: string
  pushRisksNotAccepted: string
  rateLimited: string
  forbidden: string
  sessionRequired: string
  unexpected: string
  newRequest: string
  backToCenter: string
  // status
  statusHeading: string
  typeTerm: string
  receivedTerm: string
  dueTerm: string
  statusTerm: string
  outcomeHeading: string
  download: string
  downloadUntil: (date: string) => string
  refresh: string
  inProgressNote: string
  complaint: (authority: string) => string
  // the language of mails to the person (on their request's page)
  mailLanguageHeading: string
  mailLanguageLegend: string
  mailLanguageHint: string
  mailLanguageSave: string
  /** Shown in the language just chosen (the page switches to it). */
  mailLanguageSaved: string
  chooseLanguage: string
}

export const PRIVACY_CENTER_TEXTS: Readonly<Record<Language, PrivacyCenterTexts>> = {
  en: {
    title: 'Privacy center',
    languageNav: 'Language',
    languageNames: { nl: 'Nederlands', fr: 'Français', en: 'English' },
    intro: (c) => `Here you can exercise your rights over the personal data ${c} holds about you, and follow your request.`,
    promises: [
      'It is free of charge.',
      'You do not have to give a reason.',
      'You do not need an identity document: we send a one-time code to your e-mail address to check that it is yours.',
      'We answer within one month at the latest.',
    ],
    formHeading: 'Exercise a right',
    typeLegend: 'What would you like us to do?',
    emailLabel: 'Your e-mail address',
    emailHint: 'The address we know you by. We send the code and our answer there.',
    detailsLabel: 'Details (optional)',
    detailsHint: 'For a correction: which data are wrong and the correct value. For an objection you may add anything about your situation; you do not have to.',
    submit: 'Send my request',
    statementHeading: 'Our privacy statement',
    statementStandalone: 'Open the privacy statement on its own page',
    statementVersions: 'Earlier versions and what changed',
    requestTitle: 'Your request',
    codeIntro: 'We sent an e-mail with a six-digit code to the address you gave. Enter the code here to confirm that the request comes from you.',
    codeLabel: 'Code from the e-mail',
    codeHint: (m) => `Six digits, valid for ${m} minutes.`,
    confirm: 'Confirm',
    alreadyConfirmed: 'Already entered the code on this device?',
    showRequest: 'Show my request',
    notYou: 'No e-mail? Check your spam folder. The e-mail is sent whether or not we know your address, so that nobody can use this form to find out who our customers are.',
    errorHeading: 'Something needs your attention',
    invalidCode: (n) => `This code is not right. Check the six digits in the e-mail.${n === undefined ? '' : ` Attempts left: ${n}.`}`,
    codeExpired: (m) => `This code has expired (it is valid for ${m} minutes). Ask for a new code below.`,
    resend: 'Send me a new code',
    resent: 'If this request was still waiting for its code, we have sent a new one to the address you gave. The previous code no longer works.',
    badRequest: 'Something in the form is not right. Please check it and try again.',
    tooManyAttempts: 'The code was entered wrongly too many times, so this request was closed for your protection. File your request again to get a new code.',
    codeUsed: 'This request has already been confirmed. Open it on the device where you entered the code.',
    notFound: 'We cannot find this request. Check the link in the e-mail, or file a new request.',
    invalidEmail: 'Enter an e-mail address such as name@example.com.',
    chooseType: 'Choose what you would like us to do.',
    detailsTooLong: 'The details are too long: at most 4000 characters.',
    pushLegend: 'Data portability: send my data directly to another controller (optional)',
    pushToLabel: 'Address (https://) of the other controller',
    pushToHint: 'Leave empty to download the data yourself.',
    pushCountryLabel: 'Country of the other controller (two letters, such as BE, CH or US)',
    pushCountryHint: 'Required when you give an address.',
    pushRisksLabel: 'I have read the risks below and consent to the transfer.',
    invalidPush: 'Check the address (https://) and the country (two letters, such as BE) of the other controller. The direct transfer is only for data portability.',
    pushRisksNotAccepted: 'This country is outside the European Economic Area and has no adequacy decision. Please read the risks and tick the box if you consent to the transfer, or leave the address empty.',
    rateLimited: 'Too many requests in a short time. Please try again in a few minutes.',
    forbidden: 'This form can only be sent from our own privacy center page.',
    sessionRequired: 'Enter the code from the e-mail first.',
    unexpected: 'Something went wrong on our side. Please try again later, or write to us.',
    newRequest: 'File a new request',
    backToCenter: 'Back to the privacy center',
    statusHeading: 'Status',
    typeTerm: 'Request',
    receivedTerm: 'Received on',
    dueTerm: 'We answer at the latest on',
    statusTerm: 'Status',
    outcomeHeading: 'Our answer',
    download: 'Download my data (ZIP)',
    downloadUntil: (d) => `Available until ${d}.`,
    refresh: 'Refresh this page',
    inProgressNote: 'We are working on your request. We will also tell you by e-mail when it is done.',
    complaint: (a) => `Not satisfied with our answer? You can lodge a complaint with the ${a}, or go to court.`,
    mailLanguageHeading: 'Language for mails to you',
    mailLanguageLegend: 'In which language shall we write to you?',
    mailLanguageHint: 'We write to you in this language: about this request, and in the other mails we send you.',
    mailLanguageSave: 'Save this language',
    mailLanguageSaved: 'Saved: from now on we write to you in English.',
    chooseLanguage: 'Choose one of the languages.',
  },
  nl: {
    title: 'Privacycentrum',
    languageNav: 'Taal',
    languageNames: { nl: 'Nederlands', fr: 'Français', en: 'English' },
    intro: (c) => `Hier oefent u uw rechten uit op de persoonsgegevens die ${c} over u heeft, en volgt u uw verzoek op.`,
    promises: [
      'Het is gratis.',
      'U hoeft geen reden op te geven.',
      'U hebt geen identiteitsbewijs nodig: we sturen een eenmalige code naar uw e-mailadres om na te gaan dat het van u is.',
      'We antwoorden uiterlijk binnen één maand.',
    ],
    formHeading: 'Een recht uitoefenen',
    typeLegend: 'Wat wilt u dat we doen?',
    emailLabel: 'Uw e-mailadres',
    emailHint: 'Het adres waaronder we u kennen. We sturen de code en ons antwoord daarheen.',
    detailsLabel: 'Toelichting (niet verplicht)',
    detailsHint: 'Voor een verbetering: welke gegevens fout zijn en wat het juiste gegeven is. Bij een bezwaar mag u iets over uw situatie vertellen; het hoeft niet.',
    submit: 'Mijn verzoek versturen',
    statementHeading: 'Onze privacyverklaring',
    statementStandalone: 'De privacyverklaring op een aparte pagina openen',
    statementVersions: 'Eerdere versies en wat er is gewijzigd',
    requestTitle: 'Uw verzoek',
    codeIntro: 'We hebben een e-mail met een code van zes cijfers gestuurd naar het adres dat u opgaf. Vul de code hier in om te bevestigen dat het verzoek van u komt.',
    codeLabel: 'Code uit de e-mail',
    codeHint: (m) => `Zes cijfers, ${m} minuten geldig.`,
    confirm: 'Bevestigen',
    alreadyConfirmed: 'Hebt u de code al ingevuld op dit toestel?',
    showRequest: 'Mijn verzoek tonen',
    notYou: 'Geen e-mail ontvangen? Kijk in uw map met ongewenste mail. De e-mail wordt verstuurd of we uw adres nu kennen of niet, zodat niemand dit formulier kan gebruiken om uit te zoeken wie onze klanten zijn.',
    errorHeading: 'Even nakijken',
    invalidCode: (n) => `Deze code klopt niet. Controleer de zes cijfers in de e-mail.${n === undefined ? '' : ` Resterende pogingen: ${n}.`}`,
    codeExpired: (m) => `Deze code is verlopen (ze is ${m} minuten geldig). Vraag hieronder een nieuwe code aan.`,
    resend: 'Stuur mij een nieuwe code',
    resent: 'Als dit verzoek nog op zijn code wachtte, hebben we een nieuwe gestuurd naar het adres dat u opgaf. De vorige code werkt niet meer.',
    badRequest: 'Er klopt iets niet in het formulier. Kijk het na en probeer opnieuw.',
    tooManyAttempts: 'De code werd te vaak fout ingevuld, dus werd dit verzoek ter bescherming afgesloten. Dien uw verzoek opnieuw in om een nieuwe code te krijgen.',
    codeUsed: 'Dit verzoek is al bevestigd. Open het op het toestel waarop u de code invulde.',
    notFound: 'We vinden dit verzoek niet. Controleer de link in de e-mail, of dien een nieuw verzoek in.',
    invalidEmail: 'Vul een e-mailadres in, zoals naam@voorbeeld.be.',
    chooseType: 'Kies wat u wilt dat we doen.',
    detailsTooLong: 'De toelichting is te lang: maximaal 4000 tekens.',
    pushLegend: 'Overdraagbaarheid: mijn gegevens rechtstreeks naar een andere verwerkingsverantwoordelijke sturen (niet verplicht)',
    pushToLabel: 'Adres (https://) van de andere verwerkingsverantwoordelijke',
    pushToHint: 'Laat leeg om de gegevens zelf te downloaden.',
    pushCountryLabel: 'Land van de andere verwerkingsverantwoordelijke (twee letters, zoals BE, CH of US)',
    pushCountryHint: 'Verplicht wanneer u een adres opgeeft.',
    pushRisksLabel: 'Ik heb de risico\'s hieronder gelezen en stem in met de doorgifte.',
    invalidPush: 'Controleer het adres (https://) en het land (twee letters, zoals BE) van de andere verwerkingsverantwoordelijke. De rechtstreekse overdracht geldt alleen voor overdraagbaarheid.',
    pushRisksNotAccepted: 'Dit land ligt buiten de Europese Economische Ruimte en er bestaat geen adequaatheidsbesluit voor. Lees de risico\'s en vink het vakje aan als u instemt met de doorgifte, of laat het adres leeg.',
    rateLimited: 'Te veel verzoeken in korte tijd. Probeer het over enkele minuten opnieuw.',
    forbidden: 'Dit formulier kan alleen verstuurd worden vanaf onze eigen privacycentrumpagina.',
    sessionRequired: 'Vul eerst de code uit de e-mail in.',
    unexpected: 'Er ging bij ons iets mis. Probeer het later opnieuw, of schrijf ons.',
    newRequest: 'Een nieuw verzoek indienen',
    backToCenter: 'Terug naar het privacycentrum',
    statusHeading: 'Stand van zaken',
    typeTerm: 'Verzoek',
    receivedTerm: 'Ontvangen op',
    dueTerm: 'We antwoorden uiterlijk op',
    statusTerm: 'Status',
    outcomeHeading: 'Ons antwoord',
    download: 'Mijn gegevens downloaden (ZIP)',
    downloadUntil: (d) => `Beschikbaar tot ${d}.`,
    refresh: 'Deze pagina vernieuwen',
    inProgressNote: 'We werken aan uw verzoek. We laten het u ook per e-mail weten wanneer het klaar is.',
    complaint: (a) => `Niet tevreden met ons antwoord? U kunt klacht indienen bij de ${a}, of naar de rechter stappen.`,
    mailLanguageHeading: 'Taal van onze e-mails aan u',
    mailLanguageLegend: 'In welke taal schrijven we u?',
    mailLanguageHint: 'We schrijven u in deze taal: over dit verzoek, en in de andere e-mails die we u sturen.',
    mailLanguageSave: 'Deze taal bewaren',
    mailLanguageSaved: 'Bewaard: we schrijven u voortaan in het Nederlands.',
    chooseLanguage: 'Kies een van de talen.',
  },
  fr: {
    title: 'Centre de confidentialité',
    languageNav: 'Langue',
    languageNames: { nl: 'Nederlands', fr: 'Français', en: 'English' },
    intro: (c) => `Ici, vous exercez vos droits sur les données personnelles que ${c} détient à votre sujet, et vous suivez votre demande.`,
    promises: [
      "C'est gratuit.",
      "Vous n'avez pas à donner de motif.",
      "Vous n'avez pas besoin de pièce d'identité : nous envoyons un code à usage unique à votre adresse e-mail pour vérifier qu'elle est la vôtre.",
      'Nous répondons au plus tard dans un mois.',
    ],
    formHeading: 'Exercer un droit',
    typeLegend: 'Que souhaitez-vous que nous fassions ?',
    emailLabel: 'Votre adresse e-mail',
    emailHint: "L'adresse sous laquelle nous vous connaissons. Nous y envoyons le code et notre réponse.",
    detailsLabel: 'Précisions (facultatif)',
    detailsHint: "Pour une rectification : quelles données sont inexactes et la valeur correcte. Pour une opposition, vous pouvez ajouter un mot sur votre situation ; ce n'est pas obligatoire.",
    submit: 'Envoyer ma demande',
    statementHeading: 'Notre déclaration de confidentialité',
    statementStandalone: 'Ouvrir la déclaration de confidentialité sur une page séparée',
    statementVersions: 'Versions antérieures et ce qui a changé',
    requestTitle: 'Votre demande',
    codeIntro: "Nous avons envoyé un e-mail avec un code à six chiffres à l'adresse indiquée. Saisissez le code ici pour confirmer que la demande vient de vous.",
    codeLabel: "Code reçu par e-mail",
    codeHint: (m) => `Six chiffres, valable ${m} minutes.`,
    confirm: 'Confirmer',
    alreadyConfirmed: 'Vous avez déjà saisi le code sur cet appareil ?',
    showRequest: 'Afficher ma demande',
    notYou: "Pas d'e-mail ? Vérifiez vos courriers indésirables. L'e-mail est envoyé que nous connaissions votre adresse ou non, afin que personne ne puisse utiliser ce formulaire pour savoir qui sont nos clients.",
    errorHeading: 'Un point à vérifier',
    invalidCode: (n) => `Ce code n'est pas correct. Vérifiez les six chiffres dans l'e-mail.${n === undefined ? '' : ` Essais restants : ${n}.`}`,
    codeExpired: (m) => `Ce code a expiré (il est valable ${m} minutes). Demandez un nouveau code ci-dessous.`,
    resend: 'Envoyez-moi un nouveau code',
    resent: 'Si cette demande attendait encore son code, nous en avons envoyé un nouveau à l\'adresse indiquée. L\'ancien code ne fonctionne plus.',
    badRequest: "Quelque chose n'est pas correct dans le formulaire. Vérifiez-le et réessayez.",
    tooManyAttempts: 'Le code a été mal saisi trop de fois : cette demande a donc été clôturée pour votre protection. Introduisez à nouveau votre demande pour recevoir un nouveau code.',
    codeUsed: "Cette demande a déjà été confirmée. Ouvrez-la sur l'appareil où vous avez saisi le code.",
    notFound: "Nous ne trouvons pas cette demande. Vérifiez le lien de l'e-mail, ou introduisez une nouvelle demande.",
    invalidEmail: 'Saisissez une adresse e-mail comme nom@exemple.be.',
    chooseType: 'Choisissez ce que vous souhaitez que nous fassions.',
    detailsTooLong: 'Les précisions sont trop longues : 4000 caractères au maximum.',
    pushLegend: 'Portabilité : envoyer mes données directement à un autre responsable du traitement (facultatif)',
    pushToLabel: "Adresse (https://) de l'autre responsable du traitement",
    pushToHint: 'Laissez vide pour télécharger vous-même les données.',
    pushCountryLabel: "Pays de l'autre responsable du traitement (deux lettres, comme BE, CH ou US)",
    pushCountryHint: 'Obligatoire si vous indiquez une adresse.',
    pushRisksLabel: "J'ai lu les risques ci-dessous et je consens au transfert.",
    invalidPush: "Vérifiez l'adresse (https://) et le pays (deux lettres, comme BE) de l'autre responsable du traitement. Le transfert direct ne vaut que pour la portabilité.",
    pushRisksNotAccepted: "Ce pays se situe hors de l'Espace économique européen et ne fait l'objet d'aucune décision d'adéquation. Veuillez lire les risques et cocher la case si vous consentez au transfert, ou laisser l'adresse vide.",
    rateLimited: 'Trop de demandes en peu de temps. Veuillez réessayer dans quelques minutes.',
    forbidden: 'Ce formulaire ne peut être envoyé que depuis notre propre page du centre de confidentialité.',
    sessionRequired: "Saisissez d'abord le code reçu par e-mail.",
    unexpected: 'Une erreur est survenue de notre côté. Veuillez réessayer plus tard, ou nous écrire.',
    newRequest: 'Introduire une nouvelle demande',
    backToCenter: 'Retour au centre de confidentialité',
    statusHeading: 'État',
    typeTerm: 'Demande',
    receivedTerm: 'Reçue le',
    dueTerm: 'Nous répondons au plus tard le',
    statusTerm: 'État',
    outcomeHeading: 'Notre réponse',
    download: 'Télécharger mes données (ZIP)',
    downloadUntil: (d) => `Disponible jusqu'au ${d}.`,
    refresh: 'Actualiser cette page',
    inProgressNote: 'Nous traitons votre demande. Nous vous préviendrons aussi par e-mail quand elle sera traitée.',
    complaint: (a) => `Pas satisfait de notre réponse ? Vous pouvez introduire une réclamation auprès de l'${a}, ou saisir un tribunal.`,
    mailLanguageHeading: 'Langue de nos e-mails',
    mailLanguageLegend: 'Dans quelle langue vous écrivons-nous ?',
    mailLanguageHint: 'Nous vous écrivons dans cette langue : au sujet de cette demande, et dans les autres e-mails que nous vous envoyons.',
    mailLanguageSave: 'Enregistrer cette langue',
    mailLanguageSaved: 'Enregistré : désormais, nous vous écrivons en français.',
    chooseLanguage: 'Choisissez une des langues.',
  },
}
