// Fixed texts of the access export (report.html, the data.csv header) in Dutch, French and English.
// Everything that varies per controller (purposes, bases, retention, recipients, the supervisory
// authority, the rights as the statement words them) comes from the policy and src/policy/i18n.ts;
// only what is particular to an answer to one person lives here.
import type { Language } from '../policy/schema.ts'

export interface ExportLabels {
  title: string
  intro: (controller: string) => string
  requestId: string
  receivedAt: string
  generatedAt: string
  filesNote: string
  toc: string
  // (i) confirmation
  confirmationHeading: string
  confirmationYes: (records: number, categories: number) => string
  confirmationNone: string
  confirmationNoneHistory: string
  // (ii) the copy
  copyHeading: string
  copyIntro: string
  copyCaption: (category: string, count: number) => string
  valueCol: string
  writtenAtCol: string
  purposeCol: string
  recordIdCol: string
  // the file around the data
  factsHeading: string
  subjectType: string
  recordedSince: string
  restricted: string
  restrictedYes: string
  restrictedNo: string
  eventsCaption: string
  eventCol: string
  dateCol: string
  noEvents: string
  objectionsCaption: string
  statusCol: string
  objectionStatus: Record<'pending' | 'upheld' | 'rejected', string>
  noObjections: string
  // (iii)(a)-(d),(h) per purpose
  purposesHeading: string
  purposesIntro: string
  basisForYou: string
  categoriesOfPurpose: string
  heldForYou: string
  notHeld: string
  recipientsOfPurpose: string
  receivedYourData: (date: string) => string
  retentionOfPurpose: string
  automatedOfPurpose: string
  automatedNo: string
  // summaries per Art. 15 item
  categoriesHeading: string
  categoriesCaption: string
  categoryCol: string
  recordsCol: string
  purposesCol: string
  recipientsHeading: string
  recipientsIntro: string
  recipientsCaption: string
  recipientCol: string
  roleCol: string
  countryCol: string
  disclosuresCaption: string
  categoriesCol: string
  noDisclosures: string
  noRecipients: string
  retentionHeading: string
  retentionCaption: string
  retentionCol: string
  rightsHeading: string
  rightsHow: (email: string) => string
  complaintHeading: string
  sourceHeading: string
  sourceRecorded: string
  sourceSubjectType: string
  sourcePurpose: string
  automatedHeading: string
  transfersHeading: string
  transfersIntro: string
  transfersNone: string
  transfersCaption: string
  safeguardCol: string
  copyOfSafeguardCol: string
  consentHeading: string
  consentCaption: string
  consentNone: string
  consentGiven: string
  consentWithdrawn: string
  consentActionCol: string
  statementVersionCol: string
  channelCol: string
  usesHeading: string
  usesIntro: string
  usesCaption: string
  usesNone: string
  actionCol: string
  byCol: string
  by: { service: string; staff: string; pledge: string }
  actions: Readonly<Record<string, string>>
  requestPurposeName: string
  // data.csv
  csv: { categoryLabel: string; categoryId: string; value: string; writtenAt: string; purpose: string; purposeId: string; recordId: string }
}

const en: ExportLabels = {
  title: 'Your personal data',
  intro: (c) => `This is ${c}'s answer to your request for access to your personal data (Art. 15 GDPR). It contains a copy of every value we hold about you and everything Art. 15 entitles you to know about how we use them.`,
  requestId: 'Request reference',
  receivedAt: 'Request received on',
  generatedAt: 'This copy was made on',
  filesNote: 'The same data are in data.json (machine-readable, described in the file itself) and data.csv (one row per value, opens in a spreadsheet).',
  toc: 'Contents',
  confirmationHeading: 'Do we process personal data about you?',
  confirmationYes: (r, c) => `Yes. We hold ${r} ${r === 1 ? 'value' : 'values'} about you in ${c} ${c === 1 ? 'category' : 'categories'} of data. All of them are copied below.`,
  confirmationNone: 'No. We hold no personal data values about you.',
  confirmationNoneHistory: 'We keep only the history shown below (such as your consent choices), as proof of how we handled your data.',
  copyHeading: 'A copy of your data',
  copyIntro: 'Every value we hold, by category of data, with when it was recorded and for which purpose.',
  copyCaption: (c, n) => `${c} (${n} ${n === 1 ? 'value' : 'values'})`,
  valueCol: 'Value',
  writtenAtCol: 'Recorded on',
  purposeCol: 'Purpose',
  recordIdCol: 'Reference',
  factsHeading: 'About your file',
  subjectType: 'You are registered as',
  recordedSince: 'Registered since',
  restricted: 'Restriction of processing (Art. 18 GDPR)',
  restrictedYes: 'Processing of your data is restricted: we only store them (and use them for legal claims).',
  restrictedNo: 'No restriction is in place.',
  eventsCaption: 'Events in your file',
  eventCol: 'Event',
  dateCol: 'Date',
  noEvents: 'No events are recorded in your file.',
  objectionsCaption: 'Your objections',
  statusCol: 'Status',
  objectionStatus: { pending: 'being examined (the purpose is restricted meanwhile)', upheld: 'upheld: we stopped', rejected: 'rejected: compelling legitimate grounds were recorded' },
  noObjections: 'You have not objected to any processing.',
  purposesHeading: 'Why we use your data',
  purposesIntro: 'For each purpose that applies to you: the legal basis, the categories of data, who receives them, how long we keep them and whether decisions are automated.',
  basisForYou: 'Legal basis for you',
  categoriesOfPurpose: 'Categories of data',
  heldForYou: 'we hold this about you',
  notHeld: 'we hold none',
  recipientsOfPurpose: 'Recipients',
  receivedYourData: (d) => `received your data on ${d}`,
  retentionOfPurpose: 'How long we keep them',
  automatedOfPurpose: 'Automated decisions',
  automatedNo: 'None: no decision based solely on automated processing.',
  categoriesHeading: 'Categories of personal data',
  categoriesCaption: 'Categories of data we hold about you',
  categoryCol: 'Category',
  recordsCol: 'Values',
  purposesCol: 'Purposes',
  recipientsHeading: 'Who receives your data',
  recipientsIntro: 'Every recipient by name: those the purposes above share data with, and every recipient our records show actually received your data.',
  recipientsCaption: 'Recipients of your data',
  recipientCol: 'Recipient',
  roleCol: 'Role',
  countryCol: 'Country',
  disclosuresCaption: 'Your data as actually disclosed',
  categoriesCol: 'Data',
  noDisclosures: 'Our records show no disclosure of your data to a recipient.',
  noRecipients: 'We do not share your data with anyone outside our company.',
  retentionHeading: 'How long we keep your data',
  retentionCaption: 'Retention per purpose',
  retentionCol: 'Retention',
  rightsHeading: 'Your rights',
  rightsHow: (e) => `To exercise any of these rights, use the privacy center or write to ${e}. It is free, and you do not need to send an identity document.`,
  complaintHeading: 'Your right to complain',
  sourceHeading: 'Where your data come from',
  sourceRecorded: 'Recorded source of your data',
  sourceSubjectType: 'As a person registered in this capacity',
  sourcePurpose: 'For this purpose',
  automatedHeading: 'Automated decision-making',
  transfersHeading: 'Transfers outside the European Economic Area',
  transfersIntro: 'Where a recipient is outside the European Economic Area, this is the safeguard that protects your data there (Art. 15(2) GDPR).',
  transfersNone: 'None: your data stay within the European Economic Area.',
  transfersCaption: 'Transfers outside the EEA and their safeguards',
  safeguardCol: 'Safeguard',
  copyOfSafeguardCol: 'Copy of the safeguard',
  consentHeading: 'Your consent history',
  consentCaption: 'Every consent you gave or withdrew',
  consentNone: 'You have not given or withdrawn any consent.',
  consentGiven: 'given',
  consentWithdrawn: 'withdrawn',
  consentActionCol: 'Consent',
  statementVersionCol: 'Privacy statement version',
  channelCol: 'Channel',
  usesHeading: 'How your data were used',
  usesIntro: 'Every time your data were read, written or checked, our audit log recorded when, what and for which purpose. Here are those entries (the most recent 1,000), without the names of the employees involved.',
  usesCaption: 'Uses of your data, most recent first',
  usesNone: 'Our audit log shows no use of your data yet.',
  actionCol: 'What',
  byCol: 'By',
  by: { service: 'one of our systems', staff: 'one of our employees', pledge: 'our privacy engine' },
  actions: {
    'subject.create': 'registered',
    'retention.delete': 'deleted at the end of its storage period',
    'retention.anonymise': 'irreversibly anonymised at the end of its storage period',
    'retention.retain': 'kept only for a legal duty or legal claims',
    'retention.erase': 'erased: no purpose needed your data any more',
    'subject.read': 'read',
    'subject.write': 'changed',
    'subject.search': 'looked up',
    'subject.event': 'event recorded',
    'consent.record': 'consent recorded',
    'consent.read': 'consent history read',
    'consent.check': 'checked whether a purpose may be used',
    'request.export': 'copy made for your request',
    'subject.restrict': 'restricted',
    'subject.restriction.lift': 'restriction lifted',
    'subject.objection': 'objection recorded',
  },
  requestPurposeName: 'Answering your requests (Art. 12-22 GDPR)',
  csv: { categoryLabel: 'Category', categoryId: 'Category code', value: 'Value (JSON when not text)', writtenAt: 'Recorded at (ISO 8601, UTC)', purpose: 'Purpose', purposeId: 'Purpose code', recordId: 'Reference' },
}

const nl: ExportLabels = {
  title: 'Uw persoonsgegevens',
  intro: (c) => `Dit is het antwoord van ${c} op uw verzoek om inzage in uw persoonsgegevens (art. 15 AVG). Het bevat een kopie van elke waarde die we over u bewaren en alles wat u volgens art. 15 mag weten over hoe we ze gebruiken.`,
  requestId: 'Referentie van het verzoek',
  receivedAt: 'Verzoek ontvangen op',
  generatedAt: 'Deze kopie werd gemaakt op',
  filesNote: 'Dezelfde gegevens staan in data.json (machineleesbaar, beschreven in het bestand zelf) en data.csv (één rij per waarde, te openen in een rekenblad).',
  toc: 'Inhoud',
  confirmationHeading: 'Verwerken we persoonsgegevens over u?',
  confirmationYes: (r, c) => `Ja. We bewaren ${r} ${r === 1 ? 'waarde' : 'waarden'} over u in ${c} ${c === 1 ? 'categorie' : 'categorieën'} van gegevens. Ze staan hieronder allemaal.`,
  confirmationNone: 'Nee. We bewaren geen persoonsgegevens over u.',
  confirmationNoneHistory: 'We bewaren alleen de geschiedenis hieronder (zoals uw toestemmingskeuzes), als bewijs van hoe we met uw gegevens zijn omgegaan.',
  copyHeading: 'Een kopie van uw gegevens',
  copyIntro: 'Elke waarde die we bewaren, per categorie van gegevens, met wanneer ze werd vastgelegd en voor welk doel.',
  copyCaption: (c, n) => `${c} (${n} ${n === 1 ? 'waarde' : 'waarden'})`,
  valueCol: 'Waarde',
  writtenAtCol: 'Vastgelegd op',
  purposeCol: 'Doel',
  recordIdCol: 'Referentie',
  factsHeading: 'Over uw dossier',
  subjectType: 'U bent bij ons geregistreerd als',
  recordedSince: 'Geregistreerd sinds',
  restricted: 'Beperking van de verwerking (art. 18 AVG)',
  restrictedYes: 'De verwerking van uw gegevens is beperkt: we bewaren ze alleen (en gebruiken ze voor rechtsvorderingen).',
  restrictedNo: 'Er geldt geen beperking.',
  eventsCaption: 'Gebeurtenissen in uw dossier',
  eventCol: 'Gebeurtenis',
  dateCol: 'Datum',
  noEvents: 'Er zijn geen gebeurtenissen in uw dossier vastgelegd.',
  objectionsCaption: 'Uw bezwaren',
  statusCol: 'Status',
  objectionStatus: { pending: 'in behandeling (het doel is intussen beperkt)', upheld: 'aanvaard: we zijn gestopt', rejected: 'afgewezen: dwingende gerechtvaardigde gronden werden vastgelegd' },
  noObjections: 'U hebt tegen geen enkele verwerking bezwaar gemaakt.',
  purposesHeading: 'Waarom we uw gegevens gebruiken',
  purposesIntro: 'Voor elk doel dat op u van toepassing is: de rechtsgrond, de categorieën van gegevens, wie ze ontvangt, hoe lang we ze bewaren en of er geautomatiseerd wordt beslist.',
  basisForYou: 'Rechtsgrond voor u',
  categoriesOfPurpose: 'Categorieën van gegevens',
  heldForYou: 'dit bewaren we over u',
  notHeld: 'we bewaren er geen',
  recipientsOfPurpose: 'Ontvangers',
  receivedYourData: (d) => `ontving uw gegevens op ${d}`,
  retentionOfPurpose: 'Hoe lang we ze bewaren',
  automatedOfPurpose: 'Geautomatiseerde besluiten',
  automatedNo: 'Geen: er wordt geen besluit genomen dat uitsluitend op geautomatiseerde verwerking berust.',
  categoriesHeading: 'Categorieën van persoonsgegevens',
  categoriesCaption: 'Categorieën van gegevens die we over u bewaren',
  categoryCol: 'Categorie',
  recordsCol: 'Waarden',
  purposesCol: 'Doelen',
  recipientsHeading: 'Wie uw gegevens ontvangt',
  recipientsIntro: 'Elke ontvanger bij naam: zij met wie de doelen hierboven gegevens delen, en elke ontvanger die volgens onze registratie uw gegevens werkelijk ontving.',
  recipientsCaption: 'Ontvangers van uw gegevens',
  recipientCol: 'Ontvanger',
  roleCol: 'Rol',
  countryCol: 'Land',
  disclosuresCaption: 'Uw gegevens zoals ze werkelijk werden doorgegeven',
  categoriesCol: 'Gegevens',
  noDisclosures: 'Volgens onze registratie werden uw gegevens aan geen enkele ontvanger doorgegeven.',
  noRecipients: 'We delen uw gegevens met niemand buiten ons bedrijf.',
  retentionHeading: 'Hoe lang we uw gegevens bewaren',
  retentionCaption: 'Bewaartermijn per doel',
  retentionCol: 'Bewaring',
  rightsHeading: 'Uw rechten',
  rightsHow: (e) => `Om een van deze rechten uit te oefenen, gebruikt u het privacycentrum of schrijft u naar ${e}. Het is gratis en u hoeft geen identiteitsdocument te sturen.`,
  complaintHeading: 'Uw recht om klacht in te dienen',
  sourceHeading: 'Waar uw gegevens vandaan komen',
  sourceRecorded: 'Vastgelegde bron van uw gegevens',
  sourceSubjectType: 'Als persoon die in deze hoedanigheid geregistreerd is',
  sourcePurpose: 'Voor dit doel',
  automatedHeading: 'Geautomatiseerde besluitvorming',
  transfersHeading: 'Doorgifte buiten de Europese Economische Ruimte',
  transfersIntro: 'Waar een ontvanger buiten de Europese Economische Ruimte gevestigd is, is dit de waarborg die uw gegevens daar beschermt (art. 15, lid 2 AVG).',
  transfersNone: 'Geen: uw gegevens blijven binnen de Europese Economische Ruimte.',
  transfersCaption: 'Doorgiften buiten de EER en hun waarborgen',
  safeguardCol: 'Waarborg',
  copyOfSafeguardCol: 'Kopie van de waarborg',
  consentHeading: 'Geschiedenis van uw toestemming',
  consentCaption: 'Elke toestemming die u gaf of introk',
  consentNone: 'U hebt geen toestemming gegeven of ingetrokken.',
  consentGiven: 'gegeven',
  consentWithdrawn: 'ingetrokken',
  consentActionCol: 'Toestemming',
  statementVersionCol: 'Versie van de privacyverklaring',
  channelCol: 'Kanaal',
  usesHeading: 'Hoe uw gegevens werden gebruikt',
  usesIntro: 'Telkens wanneer uw gegevens werden gelezen, gewijzigd of nagekeken, noteerde ons auditlogboek wanneer, wat en voor welk doeleinde. Hier zijn die vermeldingen (de recentste 1.000), zonder de namen van de betrokken medewerkers.',
  usesCaption: 'Gebruik van uw gegevens, recentste eerst',
  usesNone: 'Ons auditlogboek toont nog geen gebruik van uw gegevens.',
  actionCol: 'Wat',
  byCol: 'Door',
  by: { service: 'een van onze systemen', staff: 'een van onze medewerkers', pledge: 'onze privacy-engine' },
  actions: {
    'subject.create': 'geregistreerd',
    'retention.delete': 'gewist aan het einde van de bewaartermijn',
    'retention.anonymise': 'onomkeerbaar geanonimiseerd aan het einde van de bewaartermijn',
    'retention.retain': 'alleen nog bewaard voor een wettelijke plicht of rechtsvorderingen',
    'retention.erase': 'gewist: geen doeleinde had uw gegevens nog nodig',
    'subject.read': 'gelezen',
    'subject.write': 'gewijzigd',
    'subject.search': 'opgezocht',
    'subject.event': 'gebeurtenis genoteerd',
    'consent.record': 'toestemming genoteerd',
    'consent.read': 'toestemmingsgeschiedenis gelezen',
    'consent.check': 'nagegaan of een doeleinde gebruikt mag worden',
    'request.export': 'kopie gemaakt voor uw verzoek',
    'subject.restrict': 'beperkt',
    'subject.restriction.lift': 'beperking opgeheven',
    'subject.objection': 'bezwaar genoteerd',
  },
  requestPurposeName: 'Uw verzoeken beantwoorden (art. 12-22 AVG)',
  csv: { categoryLabel: 'Categorie', categoryId: 'Code van de categorie', value: 'Waarde (JSON indien geen tekst)', writtenAt: 'Vastgelegd op (ISO 8601, UTC)', purpose: 'Doel', purposeId: 'Code van het doel', recordId: 'Referentie' },
}

const fr: ExportLabels = {
  title: 'Vos données personnelles',
  intro: (c) => `Voici la réponse de ${c} à votre demande d'accès à vos données personnelles (art. 15 RGPD). Elle contient une copie de chaque valeur que nous détenons à votre sujet et tout ce que l'art. 15 vous permet de savoir sur la manière dont nous les utilisons.`,
  requestId: 'Référence de la demande',
  receivedAt: 'Demande reçue le',
  generatedAt: 'Cette copie a été faite le',
  filesNote: 'Les mêmes données figurent dans data.json (lisible par machine, décrit dans le fichier lui-même) et data.csv (une ligne par valeur, à ouvrir dans un tableur).',
  toc: 'Sommaire',
  confirmationHeading: 'Traitons-nous des données personnelles vous concernant ?',
  confirmationYes: (r, c) => `Oui. Nous détenons ${r} ${r === 1 ? 'valeur' : 'valeurs'} vous concernant dans ${c} ${c === 1 ? 'catégorie' : 'catégories'} de données. Elles sont toutes reproduites ci-dessous.`,
  confirmationNone: 'Non. Nous ne détenons aucune donnée personnelle vous concernant.',
  confirmationNoneHistory: "Nous conservons uniquement l'historique ci-dessous (comme vos choix de consentement), comme preuve de la manière dont nous avons traité vos données.",
  copyHeading: 'Une copie de vos données',
  copyIntro: 'Chaque valeur que nous détenons, par catégorie de données, avec la date de son enregistrement et la finalité.',
  copyCaption: (c, n) => `${c} (${n} ${n === 1 ? 'valeur' : 'valeurs'})`,
  valueCol: 'Valeur',
  writtenAtCol: 'Enregistrée le',
  purposeCol: 'Finalité',
  recordIdCol: 'Référence',
  factsHeading: 'Votre dossier',
  subjectType: 'Vous êtes enregistré en tant que',
  recordedSince: 'Enregistré depuis le',
  restricted: 'Limitation du traitement (art. 18 RGPD)',
  restrictedYes: "Le traitement de vos données est limité : nous ne faisons que les conserver (et les utiliser pour des actions en justice).",
  restrictedNo: "Aucune limitation n'est en place.",
  eventsCaption: 'Événements de votre dossier',
  eventCol: 'Événement',
  dateCol: 'Date',
  noEvents: "Aucun événement n'est enregistré dans votre dossier.",
  objectionsCaption: 'Vos oppositions',
  statusCol: 'Statut',
  objectionStatus: { pending: "en cours d'examen (la finalité est limitée entre-temps)", upheld: 'acceptée : nous avons arrêté', rejected: 'rejetée : des motifs légitimes impérieux ont été enregistrés' },
  noObjections: "Vous ne vous êtes opposé à aucun traitement.",
  purposesHeading: 'Pourquoi nous utilisons vos données',
  purposesIntro: "Pour chaque finalité qui vous concerne : la base juridique, les catégories de données, qui les reçoit, combien de temps nous les conservons et s'il y a des décisions automatisées.",
  basisForYou: 'Base juridique pour vous',
  categoriesOfPurpose: 'Catégories de données',
  heldForYou: 'nous en détenons',
  notHeld: "nous n'en détenons pas",
  recipientsOfPurpose: 'Destinataires',
  receivedYourData: (d) => `a reçu vos données le ${d}`,
  retentionOfPurpose: 'Durée de conservation',
  automatedOfPurpose: 'Décisions automatisées',
  automatedNo: 'Aucune : aucune décision fondée exclusivement sur un traitement automatisé.',
  categoriesHeading: 'Catégories de données personnelles',
  categoriesCaption: 'Catégories de données que nous détenons à votre sujet',
  categoryCol: 'Catégorie',
  recordsCol: 'Valeurs',
  purposesCol: 'Finalités',
  recipientsHeading: 'Qui reçoit vos données',
  recipientsIntro: 'Chaque destinataire nommément : ceux avec qui les finalités ci-dessus partagent des données, et chaque destinataire qui, selon nos registres, a effectivement reçu vos données.',
  recipientsCaption: 'Destinataires de vos données',
  recipientCol: 'Destinataire',
  roleCol: 'Rôle',
  countryCol: 'Pays',
  disclosuresCaption: 'Vos données telles qu’elles ont effectivement été communiquées',
  categoriesCol: 'Données',
  noDisclosures: "Selon nos registres, vos données n'ont été communiquées à aucun destinataire.",
  noRecipients: 'Nous ne partageons vos données avec personne en dehors de notre entreprise.',
  retentionHeading: 'Combien de temps nous conservons vos données',
  retentionCaption: 'Durée de conservation par finalité',
  retentionCol: 'Conservation',
  rightsHeading: 'Vos droits',
  rightsHow: (e) => `Pour exercer l'un de ces droits, utilisez le centre de confidentialité ou écrivez à ${e}. C'est gratuit et vous ne devez pas envoyer de document d'identité.`,
  complaintHeading: 'Votre droit d’introduire une réclamation',
  sourceHeading: 'Origine de vos données',
  sourceRecorded: 'Origine enregistrée de vos données',
  sourceSubjectType: 'En tant que personne enregistrée en cette qualité',
  sourcePurpose: 'Pour cette finalité',
  automatedHeading: 'Prise de décision automatisée',
  transfersHeading: "Transferts hors de l'Espace économique européen",
  transfersIntro: "Lorsqu'un destinataire se trouve hors de l'Espace économique européen, voici la garantie qui y protège vos données (art. 15, paragraphe 2, RGPD).",
  transfersNone: "Aucun : vos données restent dans l'Espace économique européen.",
  transfersCaption: "Transferts hors de l'EEE et leurs garanties",
  safeguardCol: 'Garantie',
  copyOfSafeguardCol: 'Copie de la garantie',
  consentHeading: 'Historique de votre consentement',
  consentCaption: 'Chaque consentement que vous avez donné ou retiré',
  consentNone: "Vous n'avez donné ni retiré aucun consentement.",
  consentGiven: 'donné',
  consentWithdrawn: 'retiré',
  consentActionCol: 'Consentement',
  statementVersionCol: 'Version de la déclaration de confidentialité',
  channelCol: 'Canal',
  usesHeading: 'Comment vos données ont été utilisées',
  usesIntro: 'Chaque fois que vos données ont été lues, modifiées ou vérifiées, notre journal d’audit a noté quand, quoi et dans quel but. Voici ces entrées (les 1 000 plus récentes), sans le nom des collaborateurs concernés.',
  usesCaption: 'Utilisations de vos données, les plus récentes d’abord',
  usesNone: 'Notre journal d’audit ne montre encore aucune utilisation de vos données.',
  actionCol: 'Quoi',
  byCol: 'Par',
  by: { service: 'un de nos systèmes', staff: 'un de nos collaborateurs', pledge: 'notre moteur de vie privée' },
  actions: {
    'subject.create': 'enregistrées',
    'retention.delete': 'effacées à la fin de leur durée de conservation',
    'retention.anonymise': 'anonymisées de manière irréversible à la fin de leur durée de conservation',
    'retention.retain': 'conservées uniquement pour une obligation légale ou des actions en justice',
    'retention.erase': 'effacées : aucune finalité n\'avait plus besoin de vos données',
    'subject.read': 'lues',
    'subject.write': 'modifiées',
    'subject.search': 'recherchées',
    'subject.event': 'événement noté',
    'consent.record': 'consentement noté',
    'consent.read': 'historique du consentement lu',
    'consent.check': 'vérification qu’une finalité peut être utilisée',
    'request.export': 'copie faite pour votre demande',
    'subject.restrict': 'limitées',
    'subject.restriction.lift': 'limitation levée',
    'subject.objection': 'opposition notée',
  },
  requestPurposeName: 'Répondre à vos demandes (art. 12-22 RGPD)',
  csv: { categoryLabel: 'Catégorie', categoryId: 'Code de la catégorie', value: "Valeur (JSON si ce n'est pas du texte)", writtenAt: 'Enregistrée le (ISO 8601, UTC)', purpose: 'Finalité', purposeId: 'Code de la finalité', recordId: 'Référence' },
}

export const EXPORT_LABELS: Readonly<Record<Language, ExportLabels>> = { en, nl, fr }
