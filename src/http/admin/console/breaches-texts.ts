// The words of the console's breach register pages in Dutch, French and English (formal: u, vous).
import type { Language } from '../../../policy/schema.ts'

export interface BreachesTexts {
  readonly title: string
  readonly listTitle: string
  readonly intro: string
  readonly notAllowed: string
  readonly recorded: string
  readonly recordedNoAccess: string
  readonly none: string
  readonly caption: (n: number) => string
  readonly columns: { readonly recorded: string; readonly breach: string; readonly source: string; readonly status: string; readonly clock: string; readonly risk: string; readonly decision: string }
  readonly source: Record<'staff' | 'misdirected_answer', string>
  readonly status: Record<'candidate' | 'open' | 'closed', string>
  readonly risk: Record<'unassessed' | 'unlikely' | 'risk' | 'high', string>
  readonly decision: Record<'pending' | 'notify' | 'not_notify', string>
  readonly clock: {
    readonly title: string
    readonly not_started: string
    readonly running: (hoursLeft: number, deadline: string) => string
    readonly overdue: (hoursLate: number, deadline: string) => string
    readonly notified: string
    readonly not_required: string
    readonly customer: string
    readonly awareAt: string
    readonly deadline: string
    readonly elapsed: (h: number) => string
    readonly nextAlert: (h: number) => string
    readonly alerts: string
    readonly alert: (h: number, at: string) => string
    readonly noAlerts: string
    readonly markAware: string
    readonly markAwareHint: string
    readonly awareWhen: string
  }
  readonly form: {
    readonly newTitle: string
    readonly editTitle: string
    readonly noPersonalData: string
    readonly facts: string
    readonly factsHint: string
    readonly detectedAt: string
    readonly awareNow: string
    readonly dataCategories: string
    readonly subjectTypes: string
    readonly approxSubjects: string
    readonly approxRecords: string
    readonly consequences: string
    readonly measures: string
    readonly risk: string
    readonly riskReasoning: string
    readonly decision: string
    readonly tenantId: string
    readonly tenantHint: string
    readonly record: string
    readonly save: string
    readonly saved: string
    readonly limit: (n: number) => string
  }
  readonly draft: { readonly title: string; readonly hint: string; readonly language: string; readonly customerHint: string; readonly customerNotified: (at: string, channel: string) => string; readonly customerPending: string }
  readonly submit: { readonly title: string; readonly phase: (n: number) => string; readonly final: string; readonly gbaReference: string; readonly lateReason: string; readonly lateHint: string; readonly send: string; readonly list: string; readonly none: string; readonly row: (n: number, at: string, final: boolean, late: boolean) => string; readonly decideFirst: string }
  readonly art34: { readonly title: string; readonly hint: string; readonly onlyHigh: string; readonly subjectIds: string; readonly subjectHint: string; readonly send: string; readonly exception: string; readonly exceptionNone: string; readonly exceptions: Record<'a' | 'b' | 'c', string>; readonly exceptionReason: string; readonly saveException: string; readonly recordedException: (code: string) => string; readonly people: string; readonly state: Record<'pending' | 'sent' | 'no_contact' | 'failed', string>; readonly nobody: string }
  readonly close: string
  readonly closed: string
  readonly back: string
  readonly exports: { readonly title: string; readonly csv: string; readonly print: string; readonly printTitle: string }
  readonly misdirected: { readonly title: string; readonly hint: string; readonly button: string; readonly done: string }
  readonly dashboard: { readonly title: string; readonly none: string; readonly row: (id: string, hoursLeft: number, alerts: string) => string }
}

export const BREACHES_TEXTS: Record<Language, BreachesTexts> = {
  en: {
    title: 'Breach register',
    listTitle: 'Recorded breaches',
    intro: 'Every personal data breach is recorded here, notified or not (Art. 33(5) GDPR). Once you are reasonably certain that personal data were compromised, mark awareness: the 72-hour clock to notify the GBA starts then, with alerts at 24, 48 and 66 hours.',
    notAllowed: 'Only the privacy officer (DPO) and staff administrators read the breach register; the DPO manages it.',
    recorded: 'The breach is recorded.',
    recordedNoAccess: 'The breach is recorded. The privacy officer takes it from here.',
    none: 'No breach is recorded.',
    caption: (n) => `${n} breach(es), newest first`,
    columns: { recorded: 'Recorded', breach: 'Breach', source: 'Source', status: 'Status', clock: '72-hour clock', risk: 'Risk', decision: 'Decision' },
    source: { staff: 'Recorded by staff', misdirected_answer: 'Answer sent to the wrong person' },
    status: { candidate: 'Candidate (to assess)', open: 'Open', closed: 'Closed' },
    risk: { unassessed: 'Not assessed yet', unlikely: 'Unlikely to result in a risk', risk: 'Risk', high: 'High risk' },
    decision: { pending: 'Not decided yet', notify: 'Notify the GBA', not_notify: 'Not notified (risk unlikely)' },
    clock: {
      title: 'The 72-hour clock',
      not_started: 'Not started: awareness is not recorded yet.',
      running: (h, d) => `${h} hour(s) left: notify the GBA by ${d}.`,
      overdue: (h, d) => `Overdue by ${h} hour(s) (the deadline was ${d}): notify now and give the reasons for the delay.`,
      notified: 'Notified to the GBA.',
      not_required: 'No notification: the risk is assessed as unlikely (the reasoning is recorded).',
      customer: 'Data held for a customer: the customer is notified (within 24 hours), not the GBA.',
      awareAt: 'Aware since',
      deadline: 'Deadline',
      elapsed: (h) => `${h} hour(s) since awareness`,
      nextAlert: (h) => `next alert at ${h} hours`,
      alerts: 'Alerts',
      alert: (h, at) => `${h}-hour alert raised ${at}`,
      noAlerts: 'No alert raised yet.',
      markAware: 'Mark awareness now',
      markAwareHint: 'Awareness: reasonable certainty that a security incident compromised personal data. Leave the time empty for now.',
      awareWhen: 'Aware since (optional, UTC, e.g. 2026-12-03T09:00)',
    },
    form: {
      newTitle: 'Record a breach',
      editTitle: 'The record',
      noPersonalData: 'Describe the incident without personal data: no names, e-mail addresses or other details of the people concerned (refer to them by category and number).',
      facts: 'What happened (facts)',
      factsHint: 'What, when, how it was found, which systems.',
      detectedAt: 'Discovered at (optional, UTC)',
      awareNow: 'We are reasonably certain that personal data were compromised: start the 72-hour clock now',
      dataCategories: 'Categories of personal data concerned',
      subjectTypes: 'Categories of people concerned',
      approxSubjects: 'Approximate number of people',
      approxRecords: 'Approximate number of records',
      consequences: 'Likely consequences',
      measures: 'Measures taken or proposed (including to mitigate adverse effects)',
      risk: 'Risk assessment',
      riskReasoning: 'Reasoning of the risk assessment',
      decision: 'Decision',
      tenantId: 'Data held for a customer (tenant id, optional)',
      tenantHint: 'For a customer\'s data the customer is the controller: Pledge notifies the customer, never the GBA or the people.',
      record: 'Record the breach',
      save: 'Save',
      saved: 'Saved.',
      limit: (n) => `At most ${n} characters.`,
    },
    draft: { title: 'Draft notification to the GBA (Art. 33(3))', hint: 'Items (a)–(d) filled from the record and the policy. Copy it into the GBA\'s notification form.', language: 'Draft in', customerHint: 'What the customer receives (Art. 33(3) items, no personal data).', customerNotified: (at, ch) => `The customer was notified ${at} (${ch}).`, customerPending: 'The customer is notified as soon as awareness is recorded.' },
    submit: { title: 'Submissions to the GBA', phase: (n) => `Record submission ${n}`, final: 'This is the final submission (all information given)', gbaReference: 'GBA reference (optional)', lateReason: 'Reasons for the delay', lateHint: 'Required when the first submission is later than 72 hours after awareness (Art. 33(1)).', send: 'Record the submission', list: 'Recorded submissions', none: 'Nothing submitted yet.', row: (n, at, final, late) => `Submission ${n}, ${at}${final ? ', final' : ''}${late ? ', late' : ''}`, decideFirst: 'Record awareness and the decision to notify before submitting.' },
    art34: { title: 'Communication to the people (Art. 34)', hint: 'For a high risk, each affected person is written to in their language, in plain words, with the contact point, the likely consequences and the measures.', onlyHigh: 'Only for a breach assessed as a high risk.', subjectIds: 'Subject ids of the people affected (one per line)', subjectHint: 'Their address is read through the gate for this mail only.', send: 'Send the communication', exception: 'Art. 34(3) exception', exceptionNone: 'No exception', exceptions: { a: '(a) the data were protected (e.g. encrypted) and unintelligible to others', b: '(b) later measures make the high risk no longer likely', c: '(c) individual communication is disproportionate: a public communication is made instead' }, exceptionReason: 'Reasoning of the exception', saveException: 'Record the exception', recordedException: (c) => `Exception Art. 34(3)(${c}) recorded: nobody is written to.`, people: 'People written to', state: { pending: 'waiting', sent: 'sent', no_contact: 'no address on record', failed: 'failed (retry)' }, nobody: 'Nobody yet.' },
    close: 'Close the breach',
    closed: 'This breach is closed. It stays in the register.',
    back: 'Back to the register',
    exports: { title: 'Export', csv: 'CSV', print: 'Printable page', printTitle: 'Breach register (Art. 33(5))' },
    misdirected: { title: 'Answer sent to the wrong person?', hint: 'If the answer to this request went to someone else, record it: it becomes a breach candidate for the privacy officer (REQ-BR-05).', button: 'Record as a breach candidate', done: 'Recorded as a breach candidate.' },
    dashboard: { title: 'Breach clocks', none: 'No breach clock is running.', row: (id, h, a) => `Breach ${id}: ${h} hour(s) left${a ? ` (alerts: ${a})` : ''}` },
  },
  nl: {
    title: 'Register van datalekken',
    listTitle: 'Geregistreerde datalekken',
    intro: 'Elk datalek wordt hier geregistreerd, gemeld of niet (art. 33, lid 5 AVG). Zodra u redelijk zeker bent dat persoonsgegevens getroffen zijn, legt u de kennisname vast: dan begint de termijn van 72 uur om de GBA te melden, met waarschuwingen na 24, 48 en 66 uur.',
    notAllowed: 'Alleen de privacyverantwoordelijke (DPO) en beheerders van medewerkers lezen het register van datalekken; de DPO beheert het.',
    recorded: 'Het datalek is geregistreerd.',
    recordedNoAccess: 'Het datalek is geregistreerd. De privacyverantwoordelijke neemt het over.',
    none: 'Er is geen datalek geregistreerd.',
    caption: (n) => `${n} datalek(ken), nieuwste eerst`,
    columns: { recorded: 'Geregistreerd', breach: 'Datalek', source: 'Bron', status: 'Stand', clock: 'Termijn van 72 uur', risk: 'Risico', decision: 'Beslissing' },
    source: { staff: 'Geregistreerd door een medewerker', misdirected_answer: 'Antwoord naar de verkeerde persoon' },
    status: { candidate: 'Kandidaat (te beoordelen)', open: 'Open', closed: 'Afgesloten' },
    risk: { unassessed: 'Nog niet beoordeeld', unlikely: 'Waarschijnlijk geen risico', risk: 'Risico', high: 'Hoog risico' },
    decision: { pending: 'Nog niet beslist', notify: 'Melden aan de GBA', not_notify: 'Niet gemeld (risico onwaarschijnlijk)' },
    clock: {
      title: 'De termijn van 72 uur',
      not_started: 'Niet gestart: de kennisname is nog niet vastgelegd.',
      running: (h, d) => `Nog ${h} uur: meld aan de GBA uiterlijk op ${d}.`,
      overdue: (h, d) => `${h} uur te laat (de termijn liep af op ${d}): meld nu en geef de redenen voor de vertraging.`,
      notified: 'Gemeld aan de GBA.',
      not_required: 'Geen melding: het risico is als onwaarschijnlijk beoordeeld (de motivering is vastgelegd).',
      customer: 'Gegevens van een klant: de klant wordt gemeld (binnen 24 uur), niet de GBA.',
      awareAt: 'Kennis genomen op',
      deadline: 'Termijn',
      elapsed: (h) => `${h} uur sinds de kennisname`,
      nextAlert: (h) => `volgende waarschuwing na ${h} uur`,
      alerts: 'Waarschuwingen',
      alert: (h, at) => `waarschuwing na ${h} uur, gegeven op ${at}`,
      noAlerts: 'Nog geen waarschuwing gegeven.',
      markAware: 'Kennisname nu vastleggen',
      markAwareHint: 'Kennisname: redelijke zekerheid dat een beveiligingsincident persoonsgegevens heeft getroffen. Laat het tijdstip leeg voor nu.',
      awareWhen: 'Kennis genomen op (optioneel, UTC, bv. 2026-12-03T09:00)',
    },
    form: {
      newTitle: 'Een datalek registreren',
      editTitle: 'De registratie',
      noPersonalData: 'Beschrijf het incident zonder persoonsgegevens: geen namen, e-mailadressen of andere gegevens van de betrokkenen (vermeld ze per categorie en aantal).',
      facts: 'Wat er gebeurd is (feiten)',
      factsHint: 'Wat, wanneer, hoe het ontdekt is, welke systemen.',
      detectedAt: 'Ontdekt op (optioneel, UTC)',
      awareNow: 'Wij zijn redelijk zeker dat persoonsgegevens getroffen zijn: start de termijn van 72 uur nu',
      dataCategories: 'Betrokken categorieën van persoonsgegevens',
      subjectTypes: 'Betrokken categorieën van personen',
      approxSubjects: 'Aantal personen bij benadering',
      approxRecords: 'Aantal registers bij benadering',
      consequences: 'Waarschijnlijke gevolgen',
      measures: 'Genomen of voorgestelde maatregelen (ook om nadelige gevolgen te beperken)',
      risk: 'Beoordeling van het risico',
      riskReasoning: 'Motivering van de beoordeling',
      decision: 'Beslissing',
      tenantId: 'Gegevens die wij voor een klant verwerken (tenant-id, optioneel)',
      tenantHint: 'Voor gegevens van een klant is de klant de verwerkingsverantwoordelijke: Pledge meldt het aan de klant, nooit aan de GBA of de betrokkenen.',
      record: 'Datalek registreren',
      save: 'Opslaan',
      saved: 'Opgeslagen.',
      limit: (n) => `Hoogstens ${n} tekens.`,
    },
    draft: { title: 'Ontwerp van melding aan de GBA (art. 33, lid 3)', hint: 'De punten (a)–(d) ingevuld uit de registratie en het beleid. Neem ze over in het meldingsformulier van de GBA.', language: 'Ontwerp in', customerHint: 'Wat de klant ontvangt (de punten van art. 33, lid 3, geen persoonsgegevens).', customerNotified: (at, ch) => `De klant is gemeld op ${at} (${ch}).`, customerPending: 'De klant wordt gemeld zodra de kennisname is vastgelegd.' },
    submit: { title: 'Indieningen bij de GBA', phase: (n) => `Indiening ${n} vastleggen`, final: 'Dit is de laatste indiening (alle informatie gegeven)', gbaReference: 'Referentie van de GBA (optioneel)', lateReason: 'Redenen voor de vertraging', lateHint: 'Verplicht als de eerste indiening later komt dan 72 uur na de kennisname (art. 33, lid 1).', send: 'Indiening vastleggen', list: 'Vastgelegde indieningen', none: 'Nog niets ingediend.', row: (n, at, final, late) => `Indiening ${n}, ${at}${final ? ', laatste' : ''}${late ? ', te laat' : ''}`, decideFirst: 'Leg eerst de kennisname en de beslissing om te melden vast.' },
    art34: { title: 'Mededeling aan de betrokkenen (art. 34)', hint: 'Bij een hoog risico krijgt elke betrokkene een bericht in zijn taal, in duidelijke taal, met het contactpunt, de waarschijnlijke gevolgen en de maatregelen.', onlyHigh: 'Alleen voor een datalek met een hoog risico.', subjectIds: 'Subject-id\'s van de betrokkenen (één per regel)', subjectHint: 'Hun adres wordt via de poort gelezen, alleen voor dit bericht.', send: 'Mededeling versturen', exception: 'Uitzondering van art. 34, lid 3', exceptionNone: 'Geen uitzondering', exceptions: { a: '(a) de gegevens waren beschermd (bv. versleuteld) en onbegrijpelijk voor anderen', b: '(b) latere maatregelen maken het hoge risico onwaarschijnlijk', c: '(c) individuele mededeling vergt onevenredige inspanning: er volgt een openbare mededeling' }, exceptionReason: 'Motivering van de uitzondering', saveException: 'Uitzondering vastleggen', recordedException: (c) => `Uitzondering art. 34, lid 3, ${c}) vastgelegd: niemand krijgt een bericht.`, people: 'Aangeschreven personen', state: { pending: 'wacht', sent: 'verstuurd', no_contact: 'geen adres bekend', failed: 'mislukt (opnieuw proberen)' }, nobody: 'Nog niemand.' },
    close: 'Datalek afsluiten',
    closed: 'Dit datalek is afgesloten. Het blijft in het register.',
    back: 'Terug naar het register',
    exports: { title: 'Exporteren', csv: 'CSV', print: 'Afdrukbare pagina', printTitle: 'Register van datalekken (art. 33, lid 5)' },
    misdirected: { title: 'Antwoord naar de verkeerde persoon?', hint: 'Is het antwoord op dit verzoek bij iemand anders terechtgekomen, leg het dan vast: het wordt een kandidaat-datalek voor de privacyverantwoordelijke (REQ-BR-05).', button: 'Vastleggen als kandidaat-datalek', done: 'Vastgelegd als kandidaat-datalek.' },
    dashboard: { title: 'Termijnen van datalekken', none: 'Er loopt geen termijn van een datalek.', row: (id, h, a) => `Datalek ${id}: nog ${h} uur${a ? ` (waarschuwingen: ${a})` : ''}` },
  },
  fr: {
    title: 'Registre des violations de données',
    listTitle: 'Violations enregistrées',
    intro: 'Chaque violation de données à caractère personnel est inscrite ici, notifiée ou non (art. 33, § 5 RGPD). Dès que vous avez une certitude raisonnable que des données personnelles ont été compromises, enregistrez la prise de connaissance : le délai de 72 heures pour notifier l\'APD commence alors, avec des alertes à 24, 48 et 66 heures.',
    notAllowed: 'Seuls le responsable vie privée (DPO) et les administrateurs du personnel lisent le registre des violations ; le DPO le gère.',
    recorded: 'La violation est enregistrée.',
    recordedNoAccess: 'La violation est enregistrée. Le responsable vie privée prend le relais.',
    none: 'Aucune violation n\'est enregistrée.',
    caption: (n) => `${n} violation(s), la plus récente d'abord`,
    columns: { recorded: 'Enregistrée', breach: 'Violation', source: 'Origine', status: 'État', clock: 'Délai de 72 heures', risk: 'Risque', decision: 'Décision' },
    source: { staff: 'Enregistrée par un membre du personnel', misdirected_answer: 'Réponse envoyée à la mauvaise personne' },
    status: { candidate: 'Candidate (à évaluer)', open: 'Ouverte', closed: 'Clôturée' },
    risk: { unassessed: 'Pas encore évalué', unlikely: 'Risque improbable', risk: 'Risque', high: 'Risque élevé' },
    decision: { pending: 'Pas encore décidé', notify: 'Notifier l\'APD', not_notify: 'Non notifiée (risque improbable)' },
    clock: {
      title: 'Le délai de 72 heures',
      not_started: 'Pas commencé : la prise de connaissance n\'est pas encore enregistrée.',
      running: (h, d) => `Encore ${h} heure(s) : notifiez l'APD au plus tard le ${d}.`,
      overdue: (h, d) => `En retard de ${h} heure(s) (l'échéance était le ${d}) : notifiez maintenant et indiquez les motifs du retard.`,
      notified: 'Notifiée à l\'APD.',
      not_required: 'Pas de notification : le risque est évalué comme improbable (la motivation est enregistrée).',
      customer: 'Données d\'un client : le client est notifié (dans les 24 heures), pas l\'APD.',
      awareAt: 'Connaissance prise le',
      deadline: 'Échéance',
      elapsed: (h) => `${h} heure(s) depuis la prise de connaissance`,
      nextAlert: (h) => `prochaine alerte à ${h} heures`,
      alerts: 'Alertes',
      alert: (h, at) => `alerte à ${h} heures, émise le ${at}`,
      noAlerts: 'Aucune alerte émise.',
      markAware: 'Enregistrer la prise de connaissance maintenant',
      markAwareHint: 'Prise de connaissance : certitude raisonnable qu\'un incident de sécurité a compromis des données personnelles. Laissez l\'heure vide pour maintenant.',
      awareWhen: 'Connaissance prise le (facultatif, UTC, p. ex. 2026-12-03T09:00)',
    },
    form: {
      newTitle: 'Enregistrer une violation',
      editTitle: 'L\'enregistrement',
      noPersonalData: 'Décrivez l\'incident sans données personnelles : ni noms, ni adresses e-mail, ni autres données des personnes concernées (indiquez-les par catégorie et par nombre).',
      facts: 'Ce qui s\'est passé (faits)',
      factsHint: 'Quoi, quand, comment cela a été découvert, quels systèmes.',
      detectedAt: 'Découverte le (facultatif, UTC)',
      awareNow: 'Nous avons une certitude raisonnable que des données personnelles ont été compromises : démarrer le délai de 72 heures maintenant',
      dataCategories: 'Catégories de données personnelles concernées',
      subjectTypes: 'Catégories de personnes concernées',
      approxSubjects: 'Nombre approximatif de personnes',
      approxRecords: 'Nombre approximatif d\'enregistrements',
      consequences: 'Conséquences probables',
      measures: 'Mesures prises ou proposées (y compris pour atténuer les conséquences négatives)',
      risk: 'Évaluation du risque',
      riskReasoning: 'Motivation de l\'évaluation',
      decision: 'Décision',
      tenantId: 'Données traitées pour un client (identifiant du client, facultatif)',
      tenantHint: 'Pour les données d\'un client, le client est le responsable du traitement : Pledge notifie le client, jamais l\'APD ni les personnes.',
      record: 'Enregistrer la violation',
      save: 'Enregistrer',
      saved: 'Enregistré.',
      limit: (n) => `${n} caractères au maximum.`,
    },
    draft: { title: 'Projet de notification à l\'APD (art. 33, § 3)', hint: 'Les points (a) à (d) remplis à partir de l\'enregistrement et de la politique. Reprenez-les dans le formulaire de notification de l\'APD.', language: 'Projet en', customerHint: 'Ce que le client reçoit (les points de l\'art. 33, § 3, sans données personnelles).', customerNotified: (at, ch) => `Le client a été notifié le ${at} (${ch}).`, customerPending: 'Le client est notifié dès que la prise de connaissance est enregistrée.' },
    submit: { title: 'Envois à l\'APD', phase: (n) => `Enregistrer l'envoi ${n}`, final: 'C\'est l\'envoi définitif (toutes les informations sont données)', gbaReference: 'Référence de l\'APD (facultatif)', lateReason: 'Motifs du retard', lateHint: 'Obligatoire si le premier envoi intervient plus de 72 heures après la prise de connaissance (art. 33, § 1).', send: 'Enregistrer l\'envoi', list: 'Envois enregistrés', none: 'Rien n\'a encore été envoyé.', row: (n, at, final, late) => `Envoi ${n}, ${at}${final ? ', définitif' : ''}${late ? ', en retard' : ''}`, decideFirst: 'Enregistrez d\'abord la prise de connaissance et la décision de notifier.' },
    art34: { title: 'Communication aux personnes concernées (art. 34)', hint: 'En cas de risque élevé, chaque personne concernée reçoit un message dans sa langue, en termes clairs, avec le point de contact, les conséquences probables et les mesures.', onlyHigh: 'Uniquement pour une violation évaluée à risque élevé.', subjectIds: 'Identifiants des personnes concernées (un par ligne)', subjectHint: 'Leur adresse est lue via la porte, pour ce message uniquement.', send: 'Envoyer la communication', exception: 'Exception de l\'art. 34, § 3', exceptionNone: 'Aucune exception', exceptions: { a: '(a) les données étaient protégées (p. ex. chiffrées) et incompréhensibles pour autrui', b: '(b) des mesures ultérieures rendent le risque élevé improbable', c: '(c) une communication individuelle exigerait des efforts disproportionnés : une communication publique est faite' }, exceptionReason: 'Motivation de l\'exception', saveException: 'Enregistrer l\'exception', recordedException: (c) => `Exception art. 34, § 3, ${c}) enregistrée : personne ne reçoit de message.`, people: 'Personnes informées', state: { pending: 'en attente', sent: 'envoyé', no_contact: 'aucune adresse connue', failed: 'échec (réessayer)' }, nobody: 'Personne pour l\'instant.' },
    close: 'Clôturer la violation',
    closed: 'Cette violation est clôturée. Elle reste dans le registre.',
    back: 'Retour au registre',
    exports: { title: 'Exporter', csv: 'CSV', print: 'Page imprimable', printTitle: 'Registre des violations (art. 33, § 5)' },
    misdirected: { title: 'Réponse envoyée à la mauvaise personne ?', hint: 'Si la réponse à cette demande est parvenue à quelqu\'un d\'autre, enregistrez-le : elle devient une violation candidate pour le responsable vie privée (REQ-BR-05).', button: 'Enregistrer comme violation candidate', done: 'Enregistrée comme violation candidate.' },
    dashboard: { title: 'Délais des violations', none: 'Aucun délai de violation en cours.', row: (id, h, a) => `Violation ${id} : encore ${h} heure(s)${a ? ` (alertes : ${a})` : ''}` },
  },
}
