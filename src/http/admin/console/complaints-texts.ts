// The console's complaints pages in Dutch, French and English.
import type { Language } from '../../../policy/schema.ts'
import type { ComplaintOutcome } from '../../../complaints/complaints.ts'
import type { ComplaintStatus } from '../../../db/schema.ts'

export interface ComplaintConsoleTexts {
  readonly listTitle: string
  readonly listIntro: string
  readonly none: string
  readonly reference: string
  readonly received: string
  readonly due: string
  readonly state: string
  readonly outcome: string
  readonly notes: string
  readonly overdue: string
  readonly title: (id: string) => string
  readonly readNote: string
  readonly language: string
  readonly confirmed: string
  readonly name: string
  readonly email: string
  readonly description: string
  readonly handling: string
  readonly noNotes: string
  readonly addNote: string
  readonly noteLabel: (max: number) => string
  readonly saveNote: string
  readonly outcomeHeading: string
  readonly outcomeLabel: string
  readonly explanationLabel: (max: number) => string
  readonly sendOutcome: string
  readonly outcomeSent: string
  readonly history: string
  readonly when: string
  readonly what: string
  readonly by: string
  readonly done: string
  readonly notAllowed: string
  readonly notFound: string
  readonly statuses: Readonly<Record<ComplaintStatus, string>>
  readonly outcomes: Readonly<Record<ComplaintOutcome, string>>
  readonly events: Readonly<Record<string, string>>
  readonly refusals: Readonly<Record<string, string>>
  readonly export: { readonly title: string; readonly hint: string; readonly notAllowed: string; readonly caption: (n: number) => string; readonly confirmedOn: string; readonly outcomeOn: string }
}

export const COMPLAINT_CONSOLE_TEXTS: Record<Language, ComplaintConsoleTexts> = {
  nl: {
    listTitle: 'Klachten',
    listIntro: 'Klachten uit het privacycentrum waarvan het e-mailadres bevestigd is: openstaande eerst, op vervaldatum (uit het beleid). Open een klacht om ze te lezen; dat wordt in het auditlogboek vastgelegd.',
    none: 'Er zijn geen klachten.',
    reference: 'Referentie', received: 'Ontvangen', due: 'Antwoord uiterlijk', state: 'Status', outcome: 'Uitkomst', notes: 'Notities', overdue: 'te laat',
    title: (id) => `Klacht ${id}`,
    readNote: 'U leest deze klacht via de poort, onder uw eigen account; het lezen wordt vastgelegd in het auditlogboek.',
    language: 'Taal van de indiener', confirmed: 'E-mailadres bevestigd',
    name: 'Naam', email: 'E-mailadres', description: 'Wat er volgens de indiener gebeurd is',
    handling: 'Behandeling', noNotes: 'Nog geen notities.', addNote: 'Notitie toevoegen', noteLabel: (m) => `Notitie (hoogstens ${m} tekens; de indiener ziet ze niet)`, saveNote: 'Notitie bewaren',
    outcomeHeading: 'Uitkomst vastleggen en de indiener laten weten', outcomeLabel: 'Uitkomst', explanationLabel: (m) => `Toelichting voor de indiener (hoogstens ${m} tekens; staat in de e-mail)`, sendOutcome: 'Uitkomst vastleggen en e-mailen', outcomeSent: 'Uitkomst meegedeeld',
    history: 'Verloop', when: 'Wanneer', what: 'Wat', by: 'Door', done: 'Vastgelegd.',
    notAllowed: 'Uw rol mag klachten niet behandelen: daarvoor is een rol met het doel klachten nodig (in het voorbeeld de privacyverantwoordelijke).',
    notFound: 'Er is geen bevestigde klacht met deze referentie (of ze is gewist).',
    statuses: { awaiting_confirmation: 'wacht op code', open: 'open', closed: 'afgehandeld', locked: 'geblokkeerd' },
    outcomes: { upheld: 'gegrond', partly_upheld: 'gedeeltelijk gegrond', not_upheld: 'niet gegrond' },
    events: { filed: 'ingediend', confirmed: 'e-mailadres bevestigd', note: 'notitie', outcome: 'uitkomst', locked: 'geblokkeerd' },
    refusals: { missing_field: 'Vul het veld in.', field_too_long: 'De tekst is te lang.', invalid_text: 'De tekst bevat een stuurteken.', invalid_field: 'Kies een uitkomst.', complaint_closed: 'Deze klacht is al afgehandeld.' },
    export: { title: 'Klachtenregister', hint: 'Per bevestigde klacht: referentie, status, taal, ontvangen, bevestigd, vervaldatum, te laat, aantal notities, uitkomst en wanneer. Geen naam, adres of tekst.', notAllowed: 'Alleen wie klachten behandelt, exporteert dit register.', caption: (n) => `${n} klachten`, confirmedOn: 'Bevestigd', outcomeOn: 'Uitkomst op' },
  },
  fr: {
    listTitle: 'Plaintes',
    listIntro: "Les plaintes du centre de confidentialité dont l'adresse e-mail est confirmée : les ouvertes d'abord, par échéance (selon la politique). Ouvrez une plainte pour la lire ; la lecture est consignée dans le journal d'audit.",
    none: "Il n'y a aucune plainte.",
    reference: 'Référence', received: 'Reçue', due: 'Réponse au plus tard', state: 'État', outcome: 'Résultat', notes: 'Notes', overdue: 'en retard',
    title: (id) => `Plainte ${id}`,
    readNote: "Vous lisez cette plainte via la passerelle, sous votre propre compte ; la lecture est consignée dans le journal d'audit.",
    language: "Langue de l'auteur", confirmed: 'Adresse e-mail confirmée',
    name: 'Nom', email: 'Adresse e-mail', description: "Ce qui s'est passé selon l'auteur",
    handling: 'Traitement', noNotes: 'Pas encore de notes.', addNote: 'Ajouter une note', noteLabel: (m) => `Note (${m} caractères au plus ; l'auteur ne la voit pas)`, saveNote: 'Enregistrer la note',
    outcomeHeading: "Consigner le résultat et en informer l'auteur", outcomeLabel: 'Résultat', explanationLabel: (m) => `Explication pour l'auteur (${m} caractères au plus ; figure dans l'e-mail)`, sendOutcome: 'Consigner et envoyer le résultat', outcomeSent: 'Résultat communiqué',
    history: 'Historique', when: 'Quand', what: 'Quoi', by: 'Par', done: 'Enregistré.',
    notAllowed: 'Votre rôle ne peut pas traiter les plaintes : il faut un rôle avec la finalité des plaintes (dans l’exemple, le responsable de la vie privée).',
    notFound: "Il n'y a pas de plainte confirmée avec cette référence (ou elle a été effacée).",
    statuses: { awaiting_confirmation: 'attend le code', open: 'ouverte', closed: 'clôturée', locked: 'bloquée' },
    outcomes: { upheld: 'fondée', partly_upheld: 'partiellement fondée', not_upheld: 'non fondée' },
    events: { filed: 'déposée', confirmed: 'adresse e-mail confirmée', note: 'note', outcome: 'résultat', locked: 'bloquée' },
    refusals: { missing_field: 'Remplissez le champ.', field_too_long: 'Le texte est trop long.', invalid_text: 'Le texte contient un caractère de contrôle.', invalid_field: 'Choisissez un résultat.', complaint_closed: 'Cette plainte est déjà clôturée.' },
    export: { title: 'Registre des plaintes', hint: 'Par plainte confirmée : référence, état, langue, reçue, confirmée, échéance, en retard, nombre de notes, résultat et date. Ni nom, ni adresse, ni texte.', notAllowed: 'Seuls ceux qui traitent les plaintes exportent ce registre.', caption: (n) => `${n} plaintes`, confirmedOn: 'Confirmée', outcomeOn: 'Résultat le' },
  },
  en: {
    listTitle: 'Complaints',
    listIntro: 'Complaints from the privacy center whose e-mail address is confirmed: open ones first, by due date (from the policy). Open a complaint to read it; the read is recorded in the audit log.',
    none: 'There are no complaints.',
    reference: 'Reference', received: 'Received', due: 'Answer by', state: 'State', outcome: 'Outcome', notes: 'Notes', overdue: 'overdue',
    title: (id) => `Complaint ${id}`,
    readNote: 'You read this complaint through the gate, under your own account; the read is recorded in the audit log.',
    language: "Complainant's language", confirmed: 'E-mail address confirmed',
    name: 'Name', email: 'E-mail address', description: 'What happened according to the complainant',
    handling: 'Handling', noNotes: 'No notes yet.', addNote: 'Add a note', noteLabel: (m) => `Note (at most ${m} characters; the complainant does not see it)`, saveNote: 'Save the note',
    outcomeHeading: 'Record the outcome and tell the complainant', outcomeLabel: 'Outcome', explanationLabel: (m) => `Explanation for the complainant (at most ${m} characters; it is in the e-mail)`, sendOutcome: 'Record and send the outcome', outcomeSent: 'Outcome sent',
    history: 'History', when: 'When', what: 'What', by: 'By', done: 'Recorded.',
    notAllowed: 'Your role may not handle complaints: that needs a role holding the complaints purpose (in the example, the privacy officer).',
    notFound: 'There is no confirmed complaint with this reference (or it was erased).',
    statuses: { awaiting_confirmation: 'awaiting code', open: 'open', closed: 'closed', locked: 'locked' },
    outcomes: { upheld: 'upheld', partly_upheld: 'partly upheld', not_upheld: 'not upheld' },
    events: { filed: 'filed', confirmed: 'e-mail address confirmed', note: 'note', outcome: 'outcome', locked: 'locked' },
    refusals: { missing_field: 'Fill in the field.', field_too_long: 'The text is too long.', invalid_text: 'The text holds a control character.', invalid_field: 'Choose an outcome.', complaint_closed: 'This complaint is already closed.' },
    export: { title: 'Complaint register', hint: 'Per confirmed complaint: reference, state, language, received, confirmed, due date, overdue, number of notes, outcome and when. No name, address or text.', notAllowed: 'Only those who handle complaints export this register.', caption: (n) => `${n} complaints`, confirmedOn: 'Confirmed', outcomeOn: 'Outcome on' },
  },
}
