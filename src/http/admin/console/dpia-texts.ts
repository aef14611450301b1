// The DPIA and legitimate-interest pages' words, in Dutch, French and English (the screening
// vocabulary's labels live in src/dpia/vocabulary.ts).
import type { Language } from '../../../policy/schema.ts'
import type { DpiaStatus } from '../../../dpia/entry.ts'

export interface DpiaTexts {
  readonly title: string
  readonly intro: string
  readonly notAllowed: string
  readonly notFound: string
  readonly readOnly: string
  readonly columns: { readonly purpose: string; readonly status: string; readonly criteria: string; readonly dpia: string; readonly triggers: string; readonly gate: string }
  readonly status: Readonly<Record<DpiaStatus, string>>
  readonly held: string
  readonly notHeld: string
  readonly needsRescreening: string
  readonly lia: { readonly title: string; readonly hint: string; readonly purpose: string; readonly author: string; readonly date: string; readonly reviewDate: string; readonly overdue: string; readonly onTime: string; readonly none: string }
  readonly reminders: { readonly title: string; readonly none: string; readonly kind: (kind: string, dueOn: string) => string }
  readonly exports: { readonly csv: string; readonly html: string; readonly liaCsv: string; readonly liaHtml: string }
  readonly detail: {
    readonly back: string
    readonly saved: string
    readonly badInput: (message: string) => string
    readonly gateHeld: (reason: string) => string
    readonly gateFree: string
    readonly triggersTitle: string
    readonly screening: string
    readonly art35: string
    readonly wp248: string
    readonly gba: string
    readonly notes: string
    readonly screenedOn: string
    readonly override: string
    readonly overrideChoice: string
    readonly overrideNone: string
    readonly overrideRequired: string
    readonly overrideNotRequired: string
    readonly overrideReasoning: string
    readonly required: (yes: boolean) => string
    readonly saveScreening: string
    readonly dpia: string
    readonly reference: string
    readonly description: string
    readonly necessity: string
    readonly risks: string
    readonly measures: string
    readonly dpoAdvice: string
    readonly dataSubjectViews: string
    readonly completedOn: string
    readonly reviewOn: string
    readonly residualHighRisk: string
    readonly saveDpia: string
    readonly consultation: string
    readonly consultationHint: string
    readonly submittedOn: string
    readonly gbaReference: string
    readonly answeredOn: string
    readonly answer: string
    readonly saveConsultation: string
    readonly updated: (at: string, by: string) => string
  }
}

const en: DpiaTexts = {
  title: 'DPIA screening and legitimate-interest assessments',
  intro: 'Each purpose of the policy in force is screened against the Art. 35(3) cases, the nine WP248 criteria and the GBA list: two WP248 criteria, or any Art. 35(3) case or GBA item, make a DPIA required. The gate refuses every use of a purpose whose required DPIA is not on file, or whose DPIA leaves a high residual risk until the prior consultation of the GBA is recorded.',
  notAllowed: 'Only the DPO or a staff administrator reads the DPIA register.',
  notFound: 'The policy in force has no such purpose.',
  readOnly: 'Read only: the DPO records screenings, DPIAs and prior consultations.',
  columns: { purpose: 'Purpose', status: 'Status', criteria: 'Criteria met', dpia: 'DPIA', triggers: 'Re-screening', gate: 'Gate' },
  status: { not_screened: 'Not screened', not_required: 'No DPIA required', dpia_missing: 'DPIA required, none on file', prior_consultation_needed: 'High residual risk: prior consultation needed', dpia_complete: 'DPIA on file' },
  held: 'On hold',
  notHeld: 'Allowed',
  needsRescreening: 'Needs re-screening',
  lia: { title: 'Legitimate-interest assessments', hint: 'From the policy in force (Art. 6(1)(f)); a review date that has passed raises a reminder to the privacy contact. Review the assessment in the policy, then publish it.', purpose: 'Purpose', author: 'Author', date: 'Assessed on', reviewDate: 'Review date', overdue: 'Review overdue', onTime: 'Up to date', none: 'No purpose rests on legitimate interests.' },
  reminders: { title: 'Open reminders', none: 'No open reminder.', kind: (kind, dueOn) => (kind === 'lia_review_due' ? `legitimate-interest review date ${dueOn} passed` : kind === 'dpia_review_due' ? `DPIA review date ${dueOn} passed` : `re-screening needed (${kind.slice('rescreening:'.length)}) since the screening of ${dueOn}`) },
  exports: { csv: 'DPIA register (CSV)', html: 'DPIA register (printable)', liaCsv: 'Legitimate-interest assessments (CSV)', liaHtml: 'Legitimate-interest assessments (printable)' },
  detail: {
    back: 'Back to the DPIA register',
    saved: 'Saved and audited. The gate applies it from the next request on.',
    badInput: (m) => `Not saved: ${m}`,
    gateHeld: (reason) => `The gate refuses every use of this purpose (${reason}).`,
    gateFree: 'The gate does not hold this purpose back.',
    triggersTitle: 'Changes since the screening (re-screen the purpose)',
    screening: 'Screening',
    art35: 'Art. 35(3) cases',
    wp248: 'WP248 rev.01 criteria',
    gba: 'GBA list of processing that needs a DPIA',
    notes: 'Notes and reasoning',
    screenedOn: 'Screened on',
    override: 'DPO decision against the default rule',
    overrideChoice: 'Decision',
    overrideNone: 'None: follow the rule',
    overrideRequired: 'A DPIA is required',
    overrideNotRequired: 'No DPIA is required',
    overrideReasoning: 'Reasons for the decision',
    required: (yes) => (yes ? 'Result: a DPIA is required.' : 'Result: no DPIA is required.'),
    saveScreening: 'Save the screening',
    dpia: 'DPIA (Art. 35(7))',
    reference: 'Reference',
    description: '(a) Systematic description of the processing and its purposes',
    necessity: '(b) Necessity and proportionality',
    risks: '(c) Risks to the rights and freedoms of data subjects',
    measures: '(d) Measures to address the risks',
    dpoAdvice: "The DPO's advice (Art. 35(2))",
    dataSubjectViews: "Data subjects' views, where appropriate (Art. 35(9))",
    completedOn: 'Completed on',
    reviewOn: 'Review date',
    residualHighRisk: 'The residual risk after the measures is high (prior consultation, Art. 36)',
    saveDpia: 'Save the DPIA',
    consultation: 'Prior consultation of the GBA (Art. 36)',
    consultationHint: 'Recording the submission and the GBA\'s answer lifts the hold.',
    submittedOn: 'Submitted on',
    gbaReference: 'GBA reference',
    answeredOn: 'Answered on',
    answer: "The GBA's answer",
    saveConsultation: 'Save the prior consultation',
    updated: (at, by) => `Last changed ${at} by ${by}.`,
  },
}

const nl: DpiaTexts = {
  title: 'GEB-screening en belangenafwegingen',
  intro: 'Elk doeleinde van het geldende beleid wordt getoetst aan de gevallen van art. 35(3), de negen WP248-criteria en de lijst van de GBA: twee WP248-criteria, of één geval van art. 35(3) of van de GBA-lijst, maken een GEB verplicht. De poort weigert elk gebruik van een doeleinde waarvan de verplichte GEB ontbreekt, of waarvan de GEB een hoog restrisico laat, tot de voorafgaande raadpleging van de GBA is vastgelegd.',
  notAllowed: 'Alleen de DPO of een beheerder van medewerkers leest het GEB-register.',
  notFound: 'Het geldende beleid heeft geen zulk doeleinde.',
  readOnly: 'Alleen lezen: de DPO legt screenings, GEB\'s en voorafgaande raadplegingen vast.',
  columns: { purpose: 'Doeleinde', status: 'Stand', criteria: 'Vervulde criteria', dpia: 'GEB', triggers: 'Herscreening', gate: 'Poort' },
  status: { not_screened: 'Niet gescreend', not_required: 'Geen GEB nodig', dpia_missing: 'GEB nodig, geen vastgelegd', prior_consultation_needed: 'Hoog restrisico: voorafgaande raadpleging nodig', dpia_complete: 'GEB vastgelegd' },
  held: 'Geblokkeerd',
  notHeld: 'Toegelaten',
  needsRescreening: 'Herscreening nodig',
  lia: { title: 'Belangenafwegingen (gerechtvaardigd belang)', hint: 'Uit het geldende beleid (art. 6(1)(f)); een verstreken herzieningsdatum geeft een herinnering aan het privacycontact. Herzie de afweging in het beleid en publiceer het.', purpose: 'Doeleinde', author: 'Auteur', date: 'Afgewogen op', reviewDate: 'Herzieningsdatum', overdue: 'Herziening achterstallig', onTime: 'Bijgewerkt', none: 'Geen doeleinde steunt op gerechtvaardigd belang.' },
  reminders: { title: 'Openstaande herinneringen', none: 'Geen openstaande herinnering.', kind: (kind, dueOn) => (kind === 'lia_review_due' ? `herzieningsdatum van de belangenafweging ${dueOn} verstreken` : kind === 'dpia_review_due' ? `herzieningsdatum van de GEB ${dueOn} verstreken` : `herscreening nodig (${kind.slice('rescreening:'.length)}) sinds de screening van ${dueOn}`) },
  exports: { csv: 'GEB-register (CSV)', html: 'GEB-register (afdrukbaar)', liaCsv: 'Belangenafwegingen (CSV)', liaHtml: 'Belangenafwegingen (afdrukbaar)' },
  detail: {
    back: 'Terug naar het GEB-register',
    saved: 'Bewaard en gelogd. De poort past het toe vanaf het volgende verzoek.',
    badInput: (m) => `Niet bewaard: ${m}`,
    gateHeld: (reason) => `De poort weigert elk gebruik van dit doeleinde (${reason}).`,
    gateFree: 'De poort houdt dit doeleinde niet tegen.',
    triggersTitle: 'Wijzigingen sinds de screening (screen het doeleinde opnieuw)',
    screening: 'Screening',
    art35: 'Gevallen van art. 35(3)',
    wp248: 'Criteria van WP248 rev.01',
    gba: 'Lijst van de GBA van verwerkingen die een GEB vereisen',
    notes: 'Toelichting en redenering',
    screenedOn: 'Gescreend op',
    override: 'Beslissing van de DPO tegen de standaardregel',
    overrideChoice: 'Beslissing',
    overrideNone: 'Geen: de regel volgen',
    overrideRequired: 'Een GEB is nodig',
    overrideNotRequired: 'Geen GEB nodig',
    overrideReasoning: 'Redenen voor de beslissing',
    required: (yes) => (yes ? 'Resultaat: een GEB is nodig.' : 'Resultaat: geen GEB nodig.'),
    saveScreening: 'Screening bewaren',
    dpia: 'GEB (art. 35(7))',
    reference: 'Referentie',
    description: '(a) Systematische beschrijving van de verwerking en de doeleinden',
    necessity: '(b) Noodzaak en evenredigheid',
    risks: '(c) Risico\'s voor de rechten en vrijheden van betrokkenen',
    measures: '(d) Maatregelen tegen de risico\'s',
    dpoAdvice: 'Advies van de DPO (art. 35(2))',
    dataSubjectViews: 'Standpunt van betrokkenen, waar passend (art. 35(9))',
    completedOn: 'Afgerond op',
    reviewOn: 'Herzieningsdatum',
    residualHighRisk: 'Het restrisico na de maatregelen is hoog (voorafgaande raadpleging, art. 36)',
    saveDpia: 'GEB bewaren',
    consultation: 'Voorafgaande raadpleging van de GBA (art. 36)',
    consultationHint: 'Het vastleggen van de indiening en het antwoord van de GBA heft de blokkering op.',
    submittedOn: 'Ingediend op',
    gbaReference: 'Referentie van de GBA',
    answeredOn: 'Beantwoord op',
    answer: 'Antwoord van de GBA',
    saveConsultation: 'Voorafgaande raadpleging bewaren',
    updated: (at, by) => `Laatst gewijzigd ${at} door ${by}.`,
  },
}

const fr: DpiaTexts = {
  title: 'Analyse préalable AIPD et mises en balance des intérêts',
  intro: "Chaque finalité de la politique en vigueur est confrontée aux cas de l'art. 35(3), aux neuf critères du WP248 et à la liste de l'APD : deux critères du WP248, ou un cas de l'art. 35(3) ou de la liste de l'APD, rendent une AIPD obligatoire. La porte refuse tout usage d'une finalité dont l'AIPD requise manque, ou dont l'AIPD laisse un risque résiduel élevé, jusqu'à ce que la consultation préalable de l'APD soit enregistrée.",
  notAllowed: "Seuls le DPO ou un administrateur du personnel lisent le registre des AIPD.",
  notFound: "La politique en vigueur n'a pas cette finalité.",
  readOnly: 'Lecture seule : le DPO enregistre les analyses, les AIPD et les consultations préalables.',
  columns: { purpose: 'Finalité', status: 'État', criteria: 'Critères remplis', dpia: 'AIPD', triggers: 'Nouvelle analyse', gate: 'Porte' },
  status: { not_screened: 'Non analysée', not_required: 'Pas d\'AIPD requise', dpia_missing: 'AIPD requise, aucune enregistrée', prior_consultation_needed: 'Risque résiduel élevé : consultation préalable requise', dpia_complete: 'AIPD enregistrée' },
  held: 'Bloquée',
  notHeld: 'Autorisée',
  needsRescreening: 'Nouvelle analyse requise',
  lia: { title: 'Mises en balance des intérêts légitimes', hint: "De la politique en vigueur (art. 6(1)(f)) ; une date de révision dépassée envoie un rappel au contact vie privée. Révisez la mise en balance dans la politique, puis publiez-la.", purpose: 'Finalité', author: 'Auteur', date: 'Évaluée le', reviewDate: 'Date de révision', overdue: 'Révision en retard', onTime: 'À jour', none: "Aucune finalité ne repose sur l'intérêt légitime." },
  reminders: { title: 'Rappels ouverts', none: 'Aucun rappel ouvert.', kind: (kind, dueOn) => (kind === 'lia_review_due' ? `date de révision de la mise en balance ${dueOn} dépassée` : kind === 'dpia_review_due' ? `date de révision de l'AIPD ${dueOn} dépassée` : `nouvelle analyse requise (${kind.slice('rescreening:'.length)}) depuis l'analyse du ${dueOn}`) },
  exports: { csv: 'Registre des AIPD (CSV)', html: 'Registre des AIPD (imprimable)', liaCsv: 'Mises en balance (CSV)', liaHtml: 'Mises en balance (imprimable)' },
  detail: {
    back: 'Retour au registre des AIPD',
    saved: 'Enregistré et journalisé. La porte l\'applique dès la prochaine demande.',
    badInput: (m) => `Non enregistré : ${m}`,
    gateHeld: (reason) => `La porte refuse tout usage de cette finalité (${reason}).`,
    gateFree: 'La porte ne bloque pas cette finalité.',
    triggersTitle: "Changements depuis l'analyse (analysez à nouveau la finalité)",
    screening: 'Analyse préalable',
    art35: "Cas de l'art. 35(3)",
    wp248: 'Critères du WP248 rév.01',
    gba: "Liste de l'APD des traitements qui exigent une AIPD",
    notes: 'Notes et raisonnement',
    screenedOn: 'Analysée le',
    override: 'Décision du DPO contre la règle par défaut',
    overrideChoice: 'Décision',
    overrideNone: 'Aucune : suivre la règle',
    overrideRequired: 'Une AIPD est requise',
    overrideNotRequired: "Pas d'AIPD requise",
    overrideReasoning: 'Motifs de la décision',
    required: (yes) => (yes ? 'Résultat : une AIPD est requise.' : "Résultat : pas d'AIPD requise."),
    saveScreening: "Enregistrer l'analyse",
    dpia: 'AIPD (art. 35(7))',
    reference: 'Référence',
    description: '(a) Description systématique du traitement et de ses finalités',
    necessity: '(b) Nécessité et proportionnalité',
    risks: '(c) Risques pour les droits et libertés des personnes concernées',
    measures: '(d) Mesures pour faire face aux risques',
    dpoAdvice: 'Avis du DPO (art. 35(2))',
    dataSubjectViews: "Avis des personnes concernées, s'il y a lieu (art. 35(9))",
    completedOn: 'Terminée le',
    reviewOn: 'Date de révision',
    residualHighRisk: 'Le risque résiduel après les mesures est élevé (consultation préalable, art. 36)',
    saveDpia: "Enregistrer l'AIPD",
    consultation: "Consultation préalable de l'APD (art. 36)",
    consultationHint: "Enregistrer la demande et la réponse de l'APD lève le blocage.",
    submittedOn: 'Introduite le',
    gbaReference: "Référence de l'APD",
    answeredOn: 'Réponse le',
    answer: "Réponse de l'APD",
    saveConsultation: 'Enregistrer la consultation préalable',
    updated: (at, by) => `Dernière modification ${at} par ${by}.`,
  },
}

export const DPIA_TEXTS: Record<Language, DpiaTexts> = { nl, fr, en }
