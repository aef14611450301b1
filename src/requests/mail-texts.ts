// The words of every mail the request handling sends, and the names of request types and states
// the privacy center shares, in Dutch, French and English. Composed into mails by ./mails.ts and
// rendered by src/mail/render.ts.
import type { Language } from '../policy/schema.ts'
import type { DoubtReason, RequestStatus, RequestType } from './types.ts'


export interface RequestTypeText {
  /** Short title: "Access", "Inzage", "Accès". */
  readonly title: string
  /** Noun phrase that reads inside a sentence: "access to your personal data". */
  readonly phrase: string
  readonly article: string
  /** One line saying what the right does, for the privacy center form. */
  readonly explain: string
}

export const REQUEST_TYPE_TEXT: Readonly<Record<Language, Readonly<Record<RequestType, RequestTypeText>>>> = {
  en: {
    access: { title: 'Access', phrase: 'access to your personal data', article: 'Art. 15 GDPR', explain: 'Receive a copy of all the data we hold about you, with why we use them, who receives them and for how long we keep them.' },
    portability: { title: 'Data portability', phrase: 'a copy of your data to take elsewhere (data portability)', article: 'Art. 20 GDPR', explain: 'Receive the data you gave us in JSON and CSV files, to keep or to hand to another company.' },
    rectification: { title: 'Rectification', phrase: 'the correction of your personal data', article: 'Art. 16 GDPR', explain: 'Have incorrect data corrected or incomplete data completed: tell us what is wrong and the correct value.' },
    erasure: { title: 'Erasure', phrase: 'the erasure of your personal data', article: 'Art. 17 GDPR', explain: 'Have your data erased; we keep only what the law obliges us to keep, and tell you what and until when.' },
    restriction: { title: 'Restriction', phrase: 'the restriction of the processing of your data', article: 'Art. 18 GDPR', explain: 'Have your data frozen: we then only store them, for example while their accuracy is checked.' },
    objection: { title: 'Objection', phrase: 'your objection to the processing of your data', article: 'Art. 21 GDPR', explain: 'Object to processing based on our legitimate interests or to direct marketing; for direct marketing we stop at once.' },
    withdraw_consent: { title: 'Withdraw consent', phrase: 'the withdrawal of your consent', article: 'Art. 7(3) GDPR', explain: 'Withdraw every consent you gave us, as easily as you gave it.' },
  },
  nl: {
    access: { title: 'Inzage', phrase: 'inzage in uw persoonsgegevens', article: 'art. 15 AVG', explain: 'Ontvang een kopie van alle gegevens die wij over u hebben, met waarom we ze gebruiken, wie ze ontvangt en hoe lang we ze bewaren.' },
    portability: { title: 'Overdraagbaarheid', phrase: 'een kopie van uw gegevens om mee te nemen (overdraagbaarheid)', article: 'art. 20 AVG', explain: 'Ontvang de gegevens die u ons gaf als JSON- en CSV-bestanden, om te bewaren of aan een ander bedrijf te geven.' },
    rectification: { title: 'Rectificatie', phrase: 'de verbetering van uw persoonsgegevens', article: 'art. 16 AVG', explain: 'Laat onjuiste gegevens verbeteren of onvolledige aanvullen: vertel ons wat fout is en wat het juiste gegeven is.' },
    erasure: { title: 'Wissing', phrase: 'het wissen van uw persoonsgegevens', article: 'art. 17 AVG', explain: 'Laat uw gegevens wissen; we bewaren alleen wat de wet ons verplicht te bewaren, en zeggen u wat en tot wanneer.' },
    restriction: { title: 'Beperking', phrase: 'de beperking van de verwerking van uw gegevens', article: 'art. 18 AVG', explain: 'Laat uw gegevens bevriezen: we bewaren ze dan alleen, bijvoorbeeld terwijl hun juistheid wordt nagekeken.' },
    objection: { title: 'Bezwaar', phrase: 'uw bezwaar tegen de verwerking van uw gegevens', article: 'art. 21 AVG', explain: 'Maak bezwaar tegen verwerking op grond van ons gerechtvaardigd belang of tegen direct marketing; met direct marketing stoppen we meteen.' },
    withdraw_consent: { title: 'Toestemming intrekken', phrase: 'de intrekking van uw toestemming', article: 'art. 7, lid 3 AVG', explain: 'Trek elke toestemming in die u ons gaf, even eenvoudig als u ze gaf.' },
  },
  fr: {
    access: { title: 'Accès', phrase: "l'accès à vos données personnelles", article: 'art. 15 RGPD', explain: 'Recevez une copie de toutes les données que nous détenons sur vous, avec la raison de leur utilisation, leurs destinataires et leur durée de conservation.' },
    portability: { title: 'Portabilité', phrase: 'une copie de vos données à emporter (portabilité)', article: 'art. 20 RGPD', explain: 'Recevez les données que vous nous avez fournies en fichiers JSON et CSV, pour les garder ou les remettre à une autre entreprise.' },
    rectification: { title: 'Rectification', phrase: 'la rectification de vos données personnelles', article: 'art. 16 RGPD', explain: 'Faites corriger des données inexactes ou compléter des données incomplètes : indiquez ce qui est faux et la valeur correcte.' },
    erasure: { title: 'Effacement', phrase: "l'effacement de vos données personnelles", article: 'art. 17 RGPD', explain: "Faites effacer vos données ; nous ne gardons que ce que la loi nous oblige à garder, et vous disons quoi et jusqu'à quand." },
    restriction: { title: 'Limitation', phrase: 'la limitation du traitement de vos données', article: 'art. 18 RGPD', explain: "Faites geler vos données : nous ne faisons alors que les conserver, par exemple pendant qu'on vérifie leur exactitude." },
    objection: { title: 'Opposition', phrase: 'votre opposition au traitement de vos données', article: 'art. 21 RGPD', explain: 'Opposez-vous au traitement fondé sur notre intérêt légitime ou au marketing direct ; pour le marketing direct, nous arrêtons immédiatement.' },
    withdraw_consent: { title: 'Retrait du consentement', phrase: 'le retrait de votre consentement', article: 'art. 7, paragraphe 3, RGPD', explain: 'Retirez chaque consentement que vous nous avez donné, aussi facilement que vous l’avez donné.' },
  },
}

export const REQUEST_STATUS_TEXT: Readonly<Record<Language, Readonly<Record<RequestStatus, string>>>> = {
  en: {
    received: 'Received',
    awaiting_verification: 'Waiting for the code we sent you',
    verified: 'Confirmed: we are taking it up',
    in_progress: 'In progress',
    waiting_on_controller: 'Passed on to the company responsible for your data',
    completed: 'Completed',
    refused: 'Not granted',
  },
  nl: {
    received: 'Ontvangen',
    awaiting_verification: 'Wacht op de code die we u stuurden',
    verified: 'Bevestigd: we gaan ermee aan de slag',
    in_progress: 'In behandeling',
    waiting_on_controller: 'Doorgegeven aan het bedrijf dat verantwoordelijk is voor uw gegevens',
    completed: 'Afgehandeld',
    refused: 'Niet ingewilligd',
  },
  fr: {
    received: 'Reçue',
    awaiting_verification: 'En attente du code que nous vous avons envoyé',
    verified: 'Confirmée : nous la prenons en charge',
    in_progress: 'En cours de traitement',
    waiting_on_controller: "Transmise à l'entreprise responsable de vos données",
    completed: 'Traitée',
    refused: 'Non accordée',
  },
}


export interface Texts {
  greeting: string
  closing: (contact: string) => string
  linkFallback: string
  questions: (email: string) => string
  complaintHeading: string
  complaint: (authority: string) => string
  authorityDetails: (address: string, website: string) => string
  court: string
  // acknowledgement
  ackSubject: (type: string) => string
  ackReceived: (type: string, date: string) => string
  ackDue: (date: string) => string
  ackCodeLabel: (minutes: number) => string
  ackButton: string
  ackHow: string
  ackNoReasons: string
  ackNotYou: string
  // no data
  noDataSubject: string
  noData: (type: string) => string
  noDataHelp: string
  noDataIdentifiers: readonly string[]
  noDataHow: (email: string) => string
  statusLink: string
  // export ready
  exportSubject: (type: string) => string
  exportReady: (type: string, until: string) => string
  /** Where the file is and what it holds: an access export has a readable report, a portability export is data for another service. */
  exportHow: (type: 'access' | 'portability') => string
  exportButton: string
  // erasure
  erasureSubject: string
  erasedHeading: string
  erasedNone: string
  keptHeading: string
  keptNone: string
  kept: (category: string, purpose: string, why: string, until: string | null) => string
  keptLegalObligation: (reference: string) => string
  keptLegalClaims: string
  keptAfter: string
  recipientsTold: string
  // rectification
  rectifiedSubject: string
  rectified: (categories: string) => string
  // restriction
  restrictedSubject: string
  restricted: string
  liftSubject: string
  lift: (date: string) => string
  // objection
  objectionSubject: string
  objectionUpheld: (purposes: string) => string
  objectionPending: (purposes: string) => string
  objectionDecidedSubject: string
  objectionDecidedUpheld: (purpose: string) => string
  objectionDecidedRejected: (purpose: string) => string
  groundsHeading: string
  // consent
  consentSubject: string
  consentWithdrawn: (purposes: string) => string
  consentNone: string
  consentPast: string
  // routed
  routedSubject: string
  routed: (type: string, controller: string) => string
  // extension
  extensionSubject: string
  extension: (date: string) => string
  reasonHeading: string
  // information needed
  infoSubject: string
  infoWhy: Readonly<Record<DoubtReason, string>>
  infoWhat: string
  infoLeast: string
  infoNoId: string
  infoClock: string
  // fee
  feeSubject: string
  fee: (amount: string) => string
  feeWithdraw: string
  feeFirstFree: string
  justificationHeading: string
  // refusal
  intendedRefusalSubject: string
  intendedRefusal: string
  intendedRefusalReply: string
  refusedSubject: string
  refused: string
  // verification locked
  lockedSubject: string
  lockedOutcome: string
  locked: (attempts: number) => string
  lockedNothingDone: string
  lockedAgain: string
  lockedButton: string
  lockedNotYou: string
  // art 14
  art14Subject: (controller: string) => string
  art14Intro: (controller: string) => string
  art14Source: string
  art14Controller: string
  art14Purposes: string
  art14Categories: string
  art14Recipients: string
  art14NoRecipients: string
  art14Retention: string
  art14Rights: string
  art14RightsHow: string
  art14CenterButton: string
}

export const MEANS: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  en: {
    reply_from_address: 'a reply to this e-mail, sent from the e-mail address we have on record for you',
    code_to_phone: 'the code we will send by text message to the telephone number we have on record for you',
    customer_number: 'your customer number',
    invoice_number: 'the number of one of our invoices to you',
    question_on_data: 'the answer to one question about data we already hold about you',
    eid: 'a login with your Belgian eID or itsme, releasing only your name',
    mandate: 'a mandate signed by the person you act for (not a copy of their identity card)',
  },
  nl: {
    reply_from_address: 'een antwoord op deze e-mail, verstuurd vanaf het e-mailadres dat wij van u kennen',
    code_to_phone: 'de code die we per sms sturen naar het telefoonnummer dat wij van u kennen',
    customer_number: 'uw klantnummer',
    invoice_number: 'het nummer van een van onze facturen aan u',
    question_on_data: 'het antwoord op één vraag over gegevens die wij al van u hebben',
    eid: 'een aanmelding met uw Belgische eID of itsme, waarbij alleen uw naam wordt doorgegeven',
    mandate: 'een volmacht ondertekend door de persoon voor wie u optreedt (geen kopie van diens identiteitskaart)',
  },
  fr: {
    reply_from_address: "une réponse à cet e-mail, envoyée depuis l'adresse e-mail que nous connaissons pour vous",
    code_to_phone: 'le code que nous enverrons par SMS au numéro de téléphone que nous connaissons pour vous',
    customer_number: 'votre numéro de client',
    invoice_number: "le numéro d'une de nos factures à votre nom",
    question_on_data: "la réponse à une question sur des données que nous détenons déjà à votre sujet",
    eid: 'une connexion avec votre eID belge ou itsme, qui ne transmet que votre nom',
    mandate: "un mandat signé par la personne pour laquelle vous agissez (pas une copie de sa carte d'identité)",
  },
}

export const T: Readonly<Record<Language, Texts>> = {
  en: {
    greeting: 'Hello,',
    closing: (c) => `Kind regards,\n${c}`,
    linkFallback: 'If the button does not work, copy this address into your browser:',
    questions: (e) => `Questions? Simply reply to this e-mail or write to ${e}.`,
    complaintHeading: 'Your right to complain and to go to court',
    complaint: (a) => `If you do not agree, you have the right to lodge a complaint with the ${a}, free of charge. You do not have to contact us first.`,
    authorityDetails: (addr, web) => `Address: ${addr}\nWebsite: ${web}`,
    court: 'You also have the right to seek a judicial remedy: you can bring the matter before a court (Art. 79 GDPR).',
    ackSubject: (t) => `We received your request: ${t}`,
    ackReceived: (t, d) => `We received your request for ${t} on ${d}. Thank you.`,
    ackDue: (d) => `We will answer at the latest by ${d}, and sooner where we can. This is the one-month deadline the law gives us.`,
    ackCodeLabel: (m) => `To make sure that the request comes from you, enter this one-time code on the page of your request (valid for ${m} minutes):`,
    ackButton: 'Open my request',
    ackHow: 'The button opens the page of your request with the code already filled in; nothing happens until you press "Confirm" there. You can also follow your request on that page afterwards.',
    ackNoReasons: 'You do not have to tell us why you make this request, and you do not need to send an identity document: the code is enough.',
    ackNotYou: 'Did you not make this request? Then ignore this e-mail: without the code, nothing happens.',
    noDataSubject: 'Your request: we hold no data under this e-mail address',
    noData: (t) => `You asked for ${t}. We searched our systems and hold no personal data about you under this e-mail address.`,
    noDataHelp: 'If you think we may know you under other details, send us one of these and we will search again:',
    noDataIdentifiers: ['your customer number', 'a telephone number you gave us', 'the number of an invoice or quotation you received from us', 'another e-mail address you used with us'],
    noDataHow: (e) => `Reply to this e-mail or write to ${e}. We will not ask for an identity document.`,
    statusLink: 'See your request',
    exportSubject: (t) => `Your data are ready to download (${t})`,
    exportReady: (t, until) => `The file with ${t} is ready. You can download it until ${until}.`,
    exportHow: (type) =>
      `For your security the file is only available on the page of your request, after you have confirmed it with the code we sent you. ${
        type === 'access'
          ? 'It is a ZIP file with a report you can read in any browser (report.html: your data and what we do with it) and the same data in JSON and CSV.'
          : 'It is a ZIP file with the data you gave us, in formats another service can read in: data.json (structured, described by schema.json) and data.csv (one row per value, also opens in a spreadsheet).'
      }`,
    exportButton: 'Download my data',
    erasureSubject: 'Your data have been erased',
    erasedHeading: 'What we erased',
    erasedNone: 'No data needed erasing.',
    keptHeading: 'What we had to keep, why and until when',
    keptNone: 'We kept nothing.',
    kept: (c, p, w, u) => `${c} (${p}): ${w}; ${u ? `kept until ${u}` : 'kept as long as the legal proceedings that require them last'}.`,
    keptLegalObligation: (r) => `the law obliges us to keep these data (${r}; Art. 17(3)(b) GDPR)`,
    keptLegalClaims: 'needed for the establishment, exercise or defence of legal claims (Art. 17(3)(e) GDPR)',
    keptAfter: 'We keep these data locked away: they are used for nothing else, only a few authorised people can see them, and they are erased automatically on that date.',
    recipientsTold: 'We also told every company that received your data from us (Art. 19 GDPR).',
    rectifiedSubject: 'Your data have been corrected',
    rectified: (c) => `We corrected your data as you asked: ${c}.`,
    restrictedSubject: 'The processing of your data is restricted',
    restricted: 'As you asked, we now only store your data: we use them for nothing else, except with your consent or for a legal claim. We will tell you before we lift this restriction.',
    liftSubject: 'We will lift the restriction on your data',
    lift: (d) => `The restriction of the processing of your data will be lifted on ${d}. From then on we will use your data again as described in our privacy statement. If you disagree, reply to this e-mail before that date.`,
    objectionSubject: 'We recorded your objection',
    objectionUpheld: (p) => `We stopped using your data for: ${p}.`,
    objectionPending: (p) => `For ${p} we have stopped too, while we assess your objection; we will tell you the outcome.`,
    objectionDecidedSubject: 'The outcome of your objection',
    objectionDecidedUpheld: (p) => `We accepted your objection: we no longer use your data for ${p}.`,
    objectionDecidedRejected: (p) => `We assessed your objection to ${p} and found compelling legitimate grounds to continue, for the reasons below.`,
    groundsHeading: 'Our reasons',
    consentSubject: 'Your consent has been withdrawn',
    consentWithdrawn: (p) => `We recorded the withdrawal of your consent for: ${p}. We no longer use your data for this.`,
    consentNone: 'We recorded your withdrawal. You had no consent in force with us.',
    consentPast: 'The withdrawal does not affect what was done lawfully before it.',
    routedSubject: 'Your request was passed on to the company responsible',
    routed: (t, c) => `Your request for ${t} concerns data that ${c} processes only on behalf of one of its customers. That customer decides about these data, so we passed your request on to them straight away. They will answer you; we help them do so.`,
    extensionSubject: 'We need more time to answer your request',
    extension: (d) => `Your request needs more time than usual. We will answer at the latest by ${d} (Art. 12(3) GDPR allows two more months for complex or numerous requests).`,
    reasonHeading: 'Why',
    infoSubject: 'We need one more detail to handle your request',
    infoWhy: {
      address_not_on_record: 'The e-mail address your request came from is not the one we have on record for you, so we must check that the request really comes from you.',
      details_mismatch: 'The details in your request do not match the data we hold, so we must check that the request really comes from you.',
      third_party_request: 'The request was made for someone else, so we must check that that person wants it.',
      high_risk_data: 'The data concerned are sensitive: giving them to someone else would harm you, so we must be sure the request comes from you.',
      representative_without_mandate: 'You act for someone else, and we have not yet received proof that they asked you to.',
    },
    infoWhat: 'What we need from you:',
    infoLeast: 'We ask for the least that lets us recognise you, and nothing more.',
    infoNoId: 'Please do not send a copy of your identity card: we do not need it.',
    infoClock: 'The deadline for our answer is suspended until we receive this detail.',
    feeSubject: 'Before we go on: a fee for your request',
    fee: (a) => `Before handling your request we must tell you that we intend to charge a fee of ${a}, the administrative cost of this request. We have not charged anything yet.`,
    feeWithdraw: 'You may withdraw or narrow your request: reply to this e-mail and nothing will be charged.',
    feeFirstFree: 'The first copy of your data is always free of charge.',
    justificationHeading: 'Why',
    intendedRefusalSubject: 'We intend not to grant your request',
    intendedRefusal: 'We intend not to grant your request, for the reasons below. Nothing is decided yet: if you reply with your view, we will take it into account.',
    intendedRefusalReply: 'Reply to this e-mail if you want to react.',
    refusedSubject: 'Our decision on your request',
    refused: 'We are not granting your request, for the reasons below.',
    lockedSubject: 'Your request was closed for your protection',
    lockedOutcome: 'This request was closed for your protection: its code was entered wrongly too many times.',
    locked: (n) => `The code for your request was entered wrongly ${n} times. To protect your data we closed this request: a code cannot be guessed this way.`,
    lockedNothingDone: 'Nothing was done with your personal data.',
    lockedAgain: 'If it was you, simply file your request again: you will receive a new code.',
    lockedButton: 'File a new request',
    lockedNotYou: 'If it was not you, someone may have tried to act in your name. You need not do anything; you may tell us by replying to this e-mail.',
    art14Subject: (c) => `How ${c} processes your personal data`,
    art14Intro: (c) => `${c} holds personal data about you that we did not receive from you. The law (Art. 14 GDPR) asks us to tell you where they come from and what we do with them.`,
    art14Source: 'Where your data come from',
    art14Controller: 'Who is responsible',
    art14Purposes: 'What we use them for, and on which legal basis',
    art14Categories: 'Which data',
    art14Recipients: 'Who receives them',
    art14NoRecipients: 'Nobody outside our company.',
    art14Retention: 'How long we keep them',
    art14Rights: 'Your rights',
    art14RightsHow: 'You can exercise these rights free of charge, without giving reasons and without an identity document, in our privacy center:',
    art14CenterButton: 'Go to the privacy center',
  },
  nl: {
    greeting: 'Goedendag,',
    closing: (c) => `Met vriendelijke groet,\n${c}`,
    linkFallback: 'Werkt de knop niet? Kopieer dan dit adres naar uw browser:',
    questions: (e) => `Vragen? Antwoord gewoon op deze e-mail of schrijf naar ${e}.`,
    complaintHeading: 'Uw recht op klacht en om naar de rechter te stappen',
    complaint: (a) => `Bent u het hier niet mee eens? Dan hebt u het recht om kosteloos klacht in te dienen bij de ${a}. U hoeft niet eerst contact met ons op te nemen.`,
    authorityDetails: (addr, web) => `Adres: ${addr}\nWebsite: ${web}`,
    court: 'U hebt ook het recht om een beroep in rechte in te stellen: u kunt de zaak aan een rechter voorleggen (art. 79 AVG).',
    ackSubject: (t) => `We hebben uw verzoek ontvangen: ${t}`,
    ackReceived: (t, d) => `We hebben uw verzoek om ${t} ontvangen op ${d}. Dank u wel.`,
    ackDue: (d) => `We antwoorden u uiterlijk op ${d}, en eerder als het kan. Dat is de termijn van één maand die de wet ons geeft.`,
    ackCodeLabel: (m) => `Om zeker te zijn dat het verzoek van u komt, vult u deze eenmalige code in op de pagina van uw verzoek (${m} minuten geldig):`,
    ackButton: 'Mijn verzoek openen',
    ackHow: 'De knop opent de pagina van uw verzoek met de code al ingevuld; er gebeurt niets tot u daar op "Bevestigen" drukt. Op die pagina kunt u uw verzoek daarna ook volgen.',
    ackNoReasons: 'U hoeft ons niet te vertellen waarom u dit vraagt, en u hoeft geen identiteitsbewijs te sturen: de code volstaat.',
    ackNotYou: 'Hebt u dit verzoek niet gedaan? Negeer deze e-mail dan: zonder de code gebeurt er niets.',
    noDataSubject: 'Uw verzoek: we hebben geen gegevens onder dit e-mailadres',
    noData: (t) => `U vroeg om ${t}. We hebben onze systemen doorzocht en hebben onder dit e-mailadres geen persoonsgegevens over u.`,
    noDataHelp: 'Denkt u dat we u onder andere gegevens kennen? Stuur ons dan een van deze en we zoeken opnieuw:',
    noDataIdentifiers: ['uw klantnummer', 'een telefoonnummer dat u ons gaf', 'het nummer van een factuur of offerte die u van ons kreeg', 'een ander e-mailadres dat u bij ons gebruikte'],
    noDataHow: (e) => `Antwoord op deze e-mail of schrijf naar ${e}. We vragen geen identiteitsbewijs.`,
    statusLink: 'Uw verzoek bekijken',
    exportSubject: (t) => `Uw gegevens staan klaar om te downloaden (${t})`,
    exportReady: (t, until) => `Het bestand met ${t} staat klaar. U kunt het downloaden tot ${until}.`,
    exportHow: (type) =>
      `Voor uw veiligheid is het bestand alleen beschikbaar op de pagina van uw verzoek, nadat u het met de toegestuurde code hebt bevestigd. ${
        type === 'access'
          ? 'Het is een ZIP-bestand met een verslag dat u in elke browser kunt lezen (report.html: uw gegevens en wat wij ermee doen) en dezelfde gegevens in JSON en CSV.'
          : 'Het is een ZIP-bestand met de gegevens die u ons hebt gegeven, in formaten die een andere dienst kan inlezen: data.json (gestructureerd, beschreven in schema.json) en data.csv (één rij per waarde, ook te openen in een rekenblad).'
      }`,
    exportButton: 'Mijn gegevens downloaden',
    erasureSubject: 'Uw gegevens zijn gewist',
    erasedHeading: 'Wat we gewist hebben',
    erasedNone: 'Er waren geen gegevens te wissen.',
    keptHeading: 'Wat we moesten bewaren, waarom en tot wanneer',
    keptNone: 'We hebben niets bewaard.',
    kept: (c, p, w, u) => `${c} (${p}): ${w}; ${u ? `bewaard tot ${u}` : 'bewaard zolang de gerechtelijke procedure loopt waarvoor ze nodig zijn'}.`,
    keptLegalObligation: (r) => `de wet verplicht ons deze gegevens te bewaren (${r}; art. 17, lid 3, b) AVG)`,
    keptLegalClaims: 'nodig voor de instelling, uitoefening of onderbouwing van een rechtsvordering (art. 17, lid 3, e) AVG)',
    keptAfter: 'We bewaren deze gegevens afgeschermd: ze worden voor niets anders gebruikt, slechts enkele bevoegde personen kunnen ze inzien, en ze worden op die datum automatisch gewist.',
    recipientsTold: 'We hebben ook elk bedrijf dat uw gegevens van ons ontving op de hoogte gebracht (art. 19 AVG).',
    rectifiedSubject: 'Uw gegevens zijn verbeterd',
    rectified: (c) => `We hebben uw gegevens verbeterd zoals u vroeg: ${c}.`,
    restrictedSubject: 'De verwerking van uw gegevens is beperkt',
    restricted: 'Zoals u vroeg, bewaren we uw gegevens nu alleen nog: we gebruiken ze voor niets anders, behalve met uw toestemming of voor een rechtsvordering. We laten u weten voordat we deze beperking opheffen.',
    liftSubject: 'We heffen de beperking van uw gegevens op',
    lift: (d) => `De beperking van de verwerking van uw gegevens wordt opgeheven op ${d}. Vanaf dan gebruiken we uw gegevens weer zoals beschreven in onze privacyverklaring. Bent u het daar niet mee eens, antwoord dan vóór die datum op deze e-mail.`,
    objectionSubject: 'We hebben uw bezwaar geregistreerd',
    objectionUpheld: (p) => `We gebruiken uw gegevens niet meer voor: ${p}.`,
    objectionPending: (p) => `Voor ${p} zijn we ook gestopt, terwijl we uw bezwaar beoordelen; we laten u de uitkomst weten.`,
    objectionDecidedSubject: 'De uitkomst van uw bezwaar',
    objectionDecidedUpheld: (p) => `We hebben uw bezwaar aanvaard: we gebruiken uw gegevens niet meer voor ${p}.`,
    objectionDecidedRejected: (p) => `We hebben uw bezwaar tegen ${p} beoordeeld en dwingende gerechtvaardigde gronden gevonden om door te gaan, om de redenen hieronder.`,
    groundsHeading: 'Onze redenen',
    consentSubject: 'Uw toestemming is ingetrokken',
    consentWithdrawn: (p) => `We hebben de intrekking van uw toestemming geregistreerd voor: ${p}. We gebruiken uw gegevens hier niet meer voor.`,
    consentNone: 'We hebben uw intrekking geregistreerd. U had bij ons geen lopende toestemming.',
    consentPast: 'De intrekking doet niets af aan wat vóór de intrekking rechtmatig gebeurde.',
    routedSubject: 'Uw verzoek is doorgegeven aan het verantwoordelijke bedrijf',
    routed: (t, c) => `Uw verzoek om ${t} gaat over gegevens die ${c} alleen in opdracht van een van zijn klanten verwerkt. Die klant beslist over deze gegevens, dus hebben we uw verzoek meteen aan hem doorgegeven. Hij antwoordt u; wij helpen hem daarbij.`,
    extensionSubject: 'We hebben meer tijd nodig om uw verzoek te beantwoorden',
    extension: (d) => `Uw verzoek vraagt meer tijd dan gewoonlijk. We antwoorden u uiterlijk op ${d} (art. 12, lid 3 AVG staat twee extra maanden toe voor complexe of talrijke verzoeken).`,
    reasonHeading: 'Waarom',
    infoSubject: 'We hebben nog één gegeven nodig om uw verzoek te behandelen',
    infoWhy: {
      address_not_on_record: 'Uw verzoek kwam van een ander e-mailadres dan het adres dat wij van u kennen; daarom moeten we nagaan of het verzoek echt van u komt.',
      details_mismatch: 'De gegevens in uw verzoek komen niet overeen met wat wij hebben; daarom moeten we nagaan of het verzoek echt van u komt.',
      third_party_request: 'Het verzoek werd voor iemand anders gedaan; daarom moeten we nagaan of die persoon dat wil.',
      high_risk_data: 'Het gaat om gevoelige gegevens: als iemand anders ze kreeg, zou dat u schaden; daarom moeten we zeker zijn dat het verzoek van u komt.',
      representative_without_mandate: 'U treedt op voor iemand anders, en we hebben nog geen bewijs ontvangen dat die persoon u dat vroeg.',
    },
    infoWhat: 'Wat we van u nodig hebben:',
    infoLeast: 'We vragen het minste waarmee we u kunnen herkennen, en niets meer.',
    infoNoId: 'Stuur ons geen kopie van uw identiteitskaart: die hebben we niet nodig.',
    infoClock: 'De termijn voor ons antwoord is opgeschort tot we dit gegeven ontvangen.',
    feeSubject: 'Voor we verdergaan: een vergoeding voor uw verzoek',
    fee: (a) => `Voor we uw verzoek behandelen, moeten we u laten weten dat we een vergoeding van ${a} willen aanrekenen, de administratieve kosten van dit verzoek. We hebben nog niets aangerekend.`,
    feeWithdraw: 'U kunt uw verzoek intrekken of beperken: antwoord op deze e-mail en er wordt niets aangerekend.',
    feeFirstFree: 'De eerste kopie van uw gegevens is altijd gratis.',
    justificationHeading: 'Waarom',
    intendedRefusalSubject: 'We zijn van plan uw verzoek niet in te willigen',
    intendedRefusal: 'We zijn van plan uw verzoek niet in te willigen, om de redenen hieronder. Er is nog niets beslist: als u ons uw standpunt laat weten, houden we daar rekening mee.',
    intendedRefusalReply: 'Antwoord op deze e-mail als u wilt reageren.',
    refusedSubject: 'Onze beslissing over uw verzoek',
    refused: 'We willigen uw verzoek niet in, om de redenen hieronder.',
    lockedSubject: 'Uw verzoek werd ter bescherming afgesloten',
    lockedOutcome: 'Dit verzoek werd ter bescherming afgesloten: de code werd te vaak fout ingevuld.',
    locked: (n) => `De code voor uw verzoek werd ${n} keer fout ingevuld. Om uw gegevens te beschermen hebben we dit verzoek afgesloten: zo kan niemand een code raden.`,
    lockedNothingDone: 'Er werd niets met uw persoonsgegevens gedaan.',
    lockedAgain: 'Was u het zelf? Dien uw verzoek dan gewoon opnieuw in: u ontvangt een nieuwe code.',
    lockedButton: 'Een nieuw verzoek indienen',
    lockedNotYou: 'Was u het niet? Dan heeft iemand misschien geprobeerd in uw naam op te treden. U hoeft niets te doen; u kunt het ons laten weten door op deze e-mail te antwoorden.',
    art14Subject: (c) => `Hoe ${c} uw persoonsgegevens verwerkt`,
    art14Intro: (c) => `${c} heeft persoonsgegevens over u die we niet van u zelf hebben gekregen. De wet (art. 14 AVG) vraagt ons u te vertellen waar ze vandaan komen en wat we ermee doen.`,
    art14Source: 'Waar uw gegevens vandaan komen',
    art14Controller: 'Wie verantwoordelijk is',
    art14Purposes: 'Waarvoor we ze gebruiken, en op welke rechtsgrond',
    art14Categories: 'Welke gegevens',
    art14Recipients: 'Wie ze ontvangt',
    art14NoRecipients: 'Niemand buiten ons bedrijf.',
    art14Retention: 'Hoe lang we ze bewaren',
    art14Rights: 'Uw rechten',
    art14RightsHow: 'U kunt deze rechten kosteloos uitoefenen, zonder redenen op te geven en zonder identiteitsbewijs, in ons privacycentrum:',
    art14CenterButton: 'Naar het privacycentrum',
  },
  fr: {
    greeting: 'Bonjour,',
    closing: (c) => `Bien cordialement,\n${c}`,
    linkFallback: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
    questions: (e) => `Des questions ? Répondez simplement à cet e-mail ou écrivez à ${e}.`,
    complaintHeading: "Votre droit de réclamation et d'action en justice",
    complaint: (a) => `Si vous n'êtes pas d'accord, vous avez le droit d'introduire gratuitement une réclamation auprès de l'${a}. Vous ne devez pas nous contacter d'abord.`,
    authorityDetails: (addr, web) => `Adresse : ${addr}\nSite web : ${web}`,
    court: "Vous avez aussi le droit de former un recours juridictionnel : vous pouvez saisir un tribunal (art. 79 RGPD).",
    ackSubject: (t) => `Nous avons reçu votre demande : ${t}`,
    ackReceived: (t, d) => `Nous avons reçu votre demande concernant ${t} le ${d}. Merci.`,
    ackDue: (d) => `Nous vous répondrons au plus tard le ${d}, et plus tôt si possible. C'est le délai d'un mois que la loi nous accorde.`,
    ackCodeLabel: (m) => `Pour nous assurer que la demande vient bien de vous, saisissez ce code à usage unique sur la page de votre demande (valable ${m} minutes) :`,
    ackButton: 'Ouvrir ma demande',
    ackHow: "Le bouton ouvre la page de votre demande avec le code déjà rempli ; rien ne se passe tant que vous n'y appuyez pas sur « Confirmer ». Vous pourrez ensuite suivre votre demande sur cette page.",
    ackNoReasons: "Vous n'avez pas à nous dire pourquoi vous faites cette demande, ni à envoyer une pièce d'identité : le code suffit.",
    ackNotYou: "Vous n'avez pas fait cette demande ? Ignorez cet e-mail : sans le code, rien ne se passe.",
    noDataSubject: 'Votre demande : nous ne détenons aucune donnée sous cette adresse e-mail',
    noData: (t) => `Vous avez demandé ${t}. Nous avons cherché dans nos systèmes et ne détenons aucune donnée personnelle vous concernant sous cette adresse e-mail.`,
    noDataHelp: "Si vous pensez que nous vous connaissons sous d'autres coordonnées, envoyez-nous l'une de celles-ci et nous chercherons à nouveau :",
    noDataIdentifiers: ['votre numéro de client', 'un numéro de téléphone que vous nous avez donné', "le numéro d'une facture ou d'un devis reçu de notre part", 'une autre adresse e-mail utilisée chez nous'],
    noDataHow: (e) => `Répondez à cet e-mail ou écrivez à ${e}. Nous ne demanderons pas de pièce d'identité.`,
    statusLink: 'Voir votre demande',
    exportSubject: (t) => `Vos données sont prêtes à télécharger (${t})`,
    exportReady: (t, until) => `Le fichier concernant ${t} est prêt. Vous pouvez le télécharger jusqu'au ${until}.`,
    exportHow: (type) =>
      `Pour votre sécurité, le fichier n'est disponible que sur la page de votre demande, après l'avoir confirmée avec le code que nous vous avons envoyé. ${
        type === 'access'
          ? "C'est un fichier ZIP contenant un rapport lisible dans tout navigateur (report.html : vos données et ce que nous en faisons) et les mêmes données en JSON et CSV."
          : "C'est un fichier ZIP contenant les données que vous nous avez fournies, dans des formats qu'un autre service peut importer : data.json (structuré, décrit par schema.json) et data.csv (une ligne par valeur, s'ouvre aussi dans un tableur)."
      }`,
    exportButton: 'Télécharger mes données',
    erasureSubject: 'Vos données ont été effacées',
    erasedHeading: 'Ce que nous avons effacé',
    erasedNone: "Aucune donnée n'était à effacer.",
    keptHeading: "Ce que nous avons dû garder, pourquoi et jusqu'à quand",
    keptNone: "Nous n'avons rien gardé.",
    kept: (c, p, w, u) => `${c} (${p}) : ${w} ; ${u ? `conservé jusqu'au ${u}` : 'conservé tant que dure la procédure judiciaire qui le requiert'}.`,
    keptLegalObligation: (r) => `la loi nous oblige à conserver ces données (${r} ; art. 17, paragraphe 3, b), RGPD)`,
    keptLegalClaims: "nécessaire à la constatation, à l'exercice ou à la défense de droits en justice (art. 17, paragraphe 3, e), RGPD)",
    keptAfter: "Nous gardons ces données sous clé : elles ne servent à rien d'autre, seules quelques personnes autorisées peuvent les consulter, et elles sont effacées automatiquement à cette date.",
    recipientsTold: 'Nous avons aussi informé chaque entreprise qui avait reçu vos données de notre part (art. 19 RGPD).',
    rectifiedSubject: 'Vos données ont été rectifiées',
    rectified: (c) => `Nous avons rectifié vos données comme vous l'avez demandé : ${c}.`,
    restrictedSubject: 'Le traitement de vos données est limité',
    restricted: "Comme vous l'avez demandé, nous ne faisons plus que conserver vos données : nous ne les utilisons à rien d'autre, sauf avec votre consentement ou pour un droit en justice. Nous vous préviendrons avant de lever cette limitation.",
    liftSubject: 'Nous allons lever la limitation de vos données',
    lift: (d) => `La limitation du traitement de vos données sera levée le ${d}. Dès lors, nous utiliserons à nouveau vos données comme décrit dans notre déclaration de confidentialité. Si vous n'êtes pas d'accord, répondez à cet e-mail avant cette date.`,
    objectionSubject: 'Nous avons enregistré votre opposition',
    objectionUpheld: (p) => `Nous avons cessé d'utiliser vos données pour : ${p}.`,
    objectionPending: (p) => `Pour ${p}, nous avons également arrêté pendant que nous examinons votre opposition ; nous vous communiquerons le résultat.`,
    objectionDecidedSubject: 'Le résultat de votre opposition',
    objectionDecidedUpheld: (p) => `Nous avons accepté votre opposition : nous n'utilisons plus vos données pour ${p}.`,
    objectionDecidedRejected: (p) => `Nous avons examiné votre opposition concernant ${p} et constaté des motifs légitimes impérieux de continuer, pour les raisons ci-dessous.`,
    groundsHeading: 'Nos raisons',
    consentSubject: 'Votre consentement a été retiré',
    consentWithdrawn: (p) => `Nous avons enregistré le retrait de votre consentement pour : ${p}. Nous n'utilisons plus vos données à cette fin.`,
    consentNone: "Nous avons enregistré votre retrait. Vous n'aviez aucun consentement en cours chez nous.",
    consentPast: "Le retrait ne remet pas en cause ce qui a été fait licitement avant lui.",
    routedSubject: "Votre demande a été transmise à l'entreprise responsable",
    routed: (t, c) => `Votre demande concernant ${t} porte sur des données que ${c} traite uniquement pour le compte de l'un de ses clients. C'est ce client qui décide de ces données : nous lui avons donc transmis votre demande immédiatement. Il vous répondra ; nous l'aidons à le faire.`,
    extensionSubject: 'Nous avons besoin de plus de temps pour répondre à votre demande',
    extension: (d) => `Votre demande nécessite plus de temps que d'habitude. Nous vous répondrons au plus tard le ${d} (l'art. 12, paragraphe 3, RGPD permet deux mois supplémentaires pour les demandes complexes ou nombreuses).`,
    reasonHeading: 'Pourquoi',
    infoSubject: "Il nous faut encore une information pour traiter votre demande",
    infoWhy: {
      address_not_on_record: "Votre demande vient d'une autre adresse e-mail que celle que nous connaissons pour vous ; nous devons donc vérifier qu'elle vient bien de vous.",
      details_mismatch: 'Les informations de votre demande ne correspondent pas aux données que nous détenons ; nous devons donc vérifier qu’elle vient bien de vous.',
      third_party_request: "La demande a été faite pour quelqu'un d'autre ; nous devons donc vérifier que cette personne le souhaite.",
      high_risk_data: "Les données concernées sont sensibles : les remettre à quelqu'un d'autre vous nuirait ; nous devons donc être sûrs que la demande vient de vous.",
      representative_without_mandate: "Vous agissez pour quelqu'un d'autre, et nous n'avons pas encore reçu la preuve que cette personne vous l'a demandé.",
    },
    infoWhat: 'Ce dont nous avons besoin :',
    infoLeast: 'Nous demandons le minimum qui nous permet de vous reconnaître, rien de plus.',
    infoNoId: "Ne nous envoyez pas de copie de votre carte d'identité : nous n'en avons pas besoin.",
    infoClock: "Le délai de notre réponse est suspendu jusqu'à la réception de cette information.",
    feeSubject: 'Avant de poursuivre : des frais pour votre demande',
    fee: (a) => `Avant de traiter votre demande, nous devons vous informer que nous avons l'intention de facturer des frais de ${a}, le coût administratif de cette demande. Nous n'avons encore rien facturé.`,
    feeWithdraw: 'Vous pouvez retirer ou limiter votre demande : répondez à cet e-mail et rien ne sera facturé.',
    feeFirstFree: 'La première copie de vos données est toujours gratuite.',
    justificationHeading: 'Pourquoi',
    intendedRefusalSubject: "Nous envisageons de ne pas donner suite à votre demande",
    intendedRefusal: "Nous envisageons de ne pas donner suite à votre demande, pour les raisons ci-dessous. Rien n'est encore décidé : si vous nous faites part de votre point de vue, nous en tiendrons compte.",
    intendedRefusalReply: 'Répondez à cet e-mail si vous souhaitez réagir.',
    refusedSubject: 'Notre décision sur votre demande',
    refused: 'Nous ne donnons pas suite à votre demande, pour les raisons ci-dessous.',
    lockedSubject: 'Votre demande a été clôturée pour votre protection',
    lockedOutcome: 'Cette demande a été clôturée pour votre protection : son code a été mal saisi trop de fois.',
    locked: (n) => `Le code de votre demande a été mal saisi ${n} fois. Pour protéger vos données, nous avons clôturé cette demande : personne ne peut ainsi deviner un code.`,
    lockedNothingDone: 'Rien n’a été fait avec vos données personnelles.',
    lockedAgain: 'Si c’était vous, introduisez simplement à nouveau votre demande : vous recevrez un nouveau code.',
    lockedButton: 'Introduire une nouvelle demande',
    lockedNotYou: 'Si ce n’était pas vous, quelqu’un a peut-être tenté d’agir en votre nom. Vous n’avez rien à faire ; vous pouvez nous le signaler en répondant à cet e-mail.',
    art14Subject: (c) => `Comment ${c} traite vos données personnelles`,
    art14Intro: (c) => `${c} détient des données personnelles vous concernant que nous n'avons pas reçues de vous. La loi (art. 14 RGPD) nous demande de vous dire d'où elles viennent et ce que nous en faisons.`,
    art14Source: "D'où viennent vos données",
    art14Controller: 'Qui est responsable',
    art14Purposes: 'À quoi nous les utilisons, et sur quelle base juridique',
    art14Categories: 'Quelles données',
    art14Recipients: 'Qui les reçoit',
    art14NoRecipients: 'Personne en dehors de notre entreprise.',
    art14Retention: 'Combien de temps nous les gardons',
    art14Rights: 'Vos droits',
    art14RightsHow: "Vous pouvez exercer ces droits gratuitement, sans donner de motif et sans pièce d'identité, dans notre centre de confidentialité :",
    art14CenterButton: 'Vers le centre de confidentialité',
  },
}
