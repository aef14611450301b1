// The words of the drafts the breach room writes: the Art. 33(3) notification to the GBA (and the
// same items for a customer whose data it concerns, REQ-PR-03) and the Art. 34 communication to an
// affected person, in nl, fr and en.
import type { Language } from '../policy/schema.ts'

export interface DraftTexts {
  readonly title: string
  readonly customerTitle: (controller: string) => string
  readonly customerIntro: string
  readonly controller: string
  readonly breach: string
  readonly awareAt: string
  readonly deadline: string
  readonly phase: (n: number, final: boolean) => string
  readonly phased: string
  readonly a: string
  readonly facts: string
  readonly dataCategories: string
  readonly subjectTypes: string
  readonly approxSubjects: string
  readonly approxRecords: string
  readonly b: string
  readonly c: string
  readonly d: string
  readonly late: string
  readonly unknown: string
  readonly none: string
}

export const DRAFT_TEXTS: Record<Language, DraftTexts> = {
  en: {
    title: 'Notification of a personal data breach (Art. 33 GDPR)',
    customerTitle: (c) => `Personal data breach in data we process on your behalf — ${c}`,
    customerIntro: 'As your processor we inform you, without undue delay (Art. 33(2) GDPR), of a personal data breach concerning data we process on your behalf. The notification to the supervisory authority and any communication to the people concerned are yours to decide; we do not make them. The items of Art. 33(3) follow.',
    controller: 'Controller',
    breach: 'Breach reference',
    awareAt: 'Became aware on',
    deadline: 'Notification due by (72 hours)',
    phase: (n, final) => `Submission ${n}${final ? ' (final)' : ' (information may follow in phases, Art. 33(4))'}`,
    phased: 'Information not yet available is provided in phases without undue further delay (Art. 33(4)).',
    a: '(a) Nature of the breach, categories and approximate number of data subjects and of records',
    facts: 'What happened',
    dataCategories: 'Categories of personal data',
    subjectTypes: 'Categories of data subjects',
    approxSubjects: 'Approximate number of data subjects',
    approxRecords: 'Approximate number of records',
    b: '(b) Name and contact details of the data protection officer or other contact point',
    c: '(c) Likely consequences of the breach',
    d: '(d) Measures taken or proposed, including to mitigate possible adverse effects',
    late: 'Reasons for the delay (notified later than 72 hours, Art. 33(1))',
    unknown: 'not known yet (to follow)',
    none: 'none recorded yet (to follow)',
  },
  nl: {
    title: 'Melding van een inbreuk in verband met persoonsgegevens (art. 33 AVG)',
    customerTitle: (c) => `Inbreuk op persoonsgegevens die wij voor u verwerken — ${c}`,
    customerIntro: 'Als uw verwerker melden wij u zonder onredelijke vertraging (art. 33, lid 2 AVG) een inbreuk in verband met persoonsgegevens die wij voor u verwerken. De melding aan de toezichthoudende autoriteit en een eventuele mededeling aan de betrokkenen zijn uw beslissing; wij doen ze niet. Hieronder de gegevens van art. 33, lid 3.',
    controller: 'Verwerkingsverantwoordelijke',
    breach: 'Referentie van de inbreuk',
    awareAt: 'Kennis genomen op',
    deadline: 'Te melden uiterlijk op (72 uur)',
    phase: (n, final) => `Indiening ${n}${final ? ' (definitief)' : ' (informatie kan in stappen volgen, art. 33, lid 4)'}`,
    phased: 'Informatie die nog niet beschikbaar is, wordt zonder onredelijke verdere vertraging in stappen verstrekt (art. 33, lid 4).',
    a: '(a) Aard van de inbreuk, categorieën en bij benadering het aantal betrokkenen en persoonsgegevensregisters',
    facts: 'Wat er gebeurd is',
    dataCategories: 'Categorieën van persoonsgegevens',
    subjectTypes: 'Categorieën van betrokkenen',
    approxSubjects: 'Aantal betrokkenen bij benadering',
    approxRecords: 'Aantal registers bij benadering',
    b: '(b) Naam en contactgegevens van de functionaris voor gegevensbescherming of een ander contactpunt',
    c: '(c) Waarschijnlijke gevolgen van de inbreuk',
    d: '(d) Genomen of voorgestelde maatregelen, ook om de eventuele nadelige gevolgen te beperken',
    late: 'Redenen voor de vertraging (gemeld na meer dan 72 uur, art. 33, lid 1)',
    unknown: 'nog niet bekend (volgt)',
    none: 'nog niets vastgelegd (volgt)',
  },
  fr: {
    title: 'Notification d\'une violation de données à caractère personnel (art. 33 RGPD)',
    customerTitle: (c) => `Violation de données que nous traitons pour votre compte — ${c}`,
    customerIntro: 'En tant que votre sous-traitant, nous vous notifions dans les meilleurs délais (art. 33, § 2 RGPD) une violation de données à caractère personnel que nous traitons pour votre compte. La notification à l\'autorité de contrôle et une éventuelle communication aux personnes concernées relèvent de votre décision ; nous ne les faisons pas. Voici les éléments de l\'art. 33, § 3.',
    controller: 'Responsable du traitement',
    breach: 'Référence de la violation',
    awareAt: 'Connaissance prise le',
    deadline: 'À notifier au plus tard le (72 heures)',
    phase: (n, final) => `Envoi ${n}${final ? ' (définitif)' : ' (des informations peuvent suivre de manière échelonnée, art. 33, § 4)'}`,
    phased: 'Les informations non encore disponibles sont communiquées de manière échelonnée sans autre retard indu (art. 33, § 4).',
    a: '(a) Nature de la violation, catégories et nombre approximatif de personnes concernées et d\'enregistrements',
    facts: 'Ce qui s\'est passé',
    dataCategories: 'Catégories de données à caractère personnel',
    subjectTypes: 'Catégories de personnes concernées',
    approxSubjects: 'Nombre approximatif de personnes concernées',
    approxRecords: 'Nombre approximatif d\'enregistrements',
    b: '(b) Nom et coordonnées du délégué à la protection des données ou d\'un autre point de contact',
    c: '(c) Conséquences probables de la violation',
    d: '(d) Mesures prises ou proposées, y compris pour en atténuer les éventuelles conséquences négatives',
    late: 'Motifs du retard (notification après plus de 72 heures, art. 33, § 1)',
    unknown: 'pas encore connu (à suivre)',
    none: 'rien d\'enregistré pour l\'instant (à suivre)',
  },
}

export interface CommunicationTexts {
  readonly subject: (controller: string) => string
  readonly intro: string
  readonly what: string
  readonly consequences: string
  readonly measures: string
  readonly contact: string
  readonly regards: string
}

/** Art. 34(2): clear and plain language, with the items of Art. 33(3)(b)–(d). */
export const COMMUNICATION_TEXTS: Record<Language, CommunicationTexts> = {
  en: {
    subject: (c) => `Important: a security incident concerning your personal data at ${c}`,
    intro: 'We are writing to tell you about a security incident that concerns your personal data. We are sorry. Below is what happened, what it may mean for you, what we have done and what you can do, and whom to contact.',
    what: 'What happened',
    consequences: 'What this may mean for you',
    measures: 'What we have done and what we advise you to do',
    contact: 'If you have questions, contact',
    regards: 'Kind regards',
  },
  nl: {
    subject: (c) => `Belangrijk: een beveiligingsincident met uw persoonsgegevens bij ${c}`,
    intro: 'Wij laten u weten dat er een beveiligingsincident is geweest waarbij uw persoonsgegevens betrokken zijn. Het spijt ons. Hieronder leest u wat er gebeurd is, wat het voor u kan betekenen, wat wij gedaan hebben en wat u zelf kunt doen, en bij wie u terechtkunt.',
    what: 'Wat er gebeurd is',
    consequences: 'Wat dit voor u kan betekenen',
    measures: 'Wat wij gedaan hebben en wat wij u aanraden',
    contact: 'Met vragen kunt u terecht bij',
    regards: 'Met vriendelijke groet',
  },
  fr: {
    subject: (c) => `Important : un incident de sécurité concernant vos données personnelles chez ${c}`,
    intro: 'Nous vous informons qu\'un incident de sécurité a concerné vos données à caractère personnel. Nous en sommes désolés. Vous trouverez ci-dessous ce qui s\'est passé, ce que cela peut signifier pour vous, ce que nous avons fait et ce que vous pouvez faire, et qui contacter.',
    what: 'Ce qui s\'est passé',
    consequences: 'Ce que cela peut signifier pour vous',
    measures: 'Ce que nous avons fait et ce que nous vous conseillons',
    contact: 'Pour toute question, contactez',
    regards: 'Meilleures salutations',
  },
}
