// The words of the console's exports pages in Dutch, French and English (formal: u, vous).
import type { Language } from '../../../policy/schema.ts'

export interface ExportsTexts {
  readonly title: string
  readonly intro: string
  readonly csv: string
  readonly printable: string
  readonly printHint: string
  readonly back: string
  readonly notAllowed: string
  readonly none: string
  readonly ropaController: { readonly title: string; readonly hint: string }
  readonly ropaProcessor: { readonly title: string; readonly hint: string }
  readonly register: {
    readonly title: string
    readonly hint: string
    readonly notAllowed: string
    readonly caption: (n: number) => string
    readonly columns: { readonly id: string; readonly type: string; readonly channel: string; readonly received: string; readonly due: string; readonly extended: string; readonly status: string; readonly closed: string; readonly timeliness: string; readonly decision: string }
    readonly months: (n: number) => string
  }
  readonly ledger: {
    readonly title: string
    readonly hint: string
    readonly notAllowed: string
    readonly caption: (n: number, purposes: string) => string
    readonly columns: { readonly subject: string; readonly purpose: string; readonly event: string; readonly at: string; readonly channel: string; readonly version: string; readonly hash: string }
    readonly granted: string
    readonly withdrawn: string
  }
  readonly timeliness: { readonly on_time: string; readonly late: string; readonly open: string; readonly overdue: string }
}

export const EXPORTS_TEXTS: Record<Language, ExportsTexts> = {
  nl: {
    title: 'Exports',
    intro: 'De registers voor de functionaris voor gegevensbescherming en de Gegevensbeschermingsautoriteit, als CSV-bestand of als pagina om af te drukken. Elke export wordt in het auditlogboek opgenomen.',
    csv: 'CSV downloaden',
    printable: 'Pagina om af te drukken',
    printHint: 'Druk deze pagina af of bewaar ze als PDF met de afdrukfunctie van uw browser: de navigatie wordt dan weggelaten.',
    back: 'Terug naar de exports',
    notAllowed: 'Uw rollen geven geen toegang tot deze export.',
    none: 'Niets om te tonen.',
    ropaController: { title: 'Register van verwerkingsactiviteiten: verwerkingsverantwoordelijke (art. 30, lid 1 AVG)', hint: 'Wat de onderneming als verwerkingsverantwoordelijke verwerkt, opgebouwd uit het beleid dat nu geldt.' },
    ropaProcessor: { title: 'Register van verwerkingsactiviteiten: verwerker (art. 30, lid 2 AVG)', hint: 'Wat de onderneming als verwerker voor haar klanten verwerkt.' },
    register: {
      title: 'Register van verzoeken van betrokkenen',
      hint: 'Elk verzoek met type, ontvangst, termijn, verlenging, status, afhandeling, tijdigheid en de beslissing over weigering of vergoeding. Alleen identificatiecodes en data: geen namen, adressen of vrije tekst.',
      notAllowed: 'Alleen wie de verzoeken van betrokkenen behandelt, exporteert dit register.',
      caption: (n) => `${n} ${n === 1 ? 'verzoek' : 'verzoeken'}`,
      columns: { id: 'Verzoek', type: 'Type', channel: 'Kanaal', received: 'Ontvangen', due: 'Termijn', extended: 'Verlengd', status: 'Status', closed: 'Afgehandeld', timeliness: 'Tijdigheid', decision: 'Weigering of vergoeding' },
      months: (n) => `${n} maand${n === 1 ? '' : 'en'}`,
    },
    ledger: {
      title: 'Register van toestemmingen',
      hint: 'Elke gegeven of ingetrokken toestemming per doeleinde, met het pseudonieme id van de persoon, het kanaal, de versie van de verklaring en de hash van de getoonde tekst. Alleen de doeleinden van uw rollen.',
      notAllowed: 'Uw rollen bevatten geen doeleinde dat op toestemming berust: u ziet dit register niet.',
      caption: (n, purposes) => `${n} ${n === 1 ? 'gebeurtenis' : 'gebeurtenissen'} (${purposes})`,
      columns: { subject: 'Persoon (id)', purpose: 'Doeleinde', event: 'Gebeurtenis', at: 'Tijdstip (UTC)', channel: 'Kanaal', version: 'Versie verklaring', hash: 'Hash van de tekst' },
      granted: 'gegeven',
      withdrawn: 'ingetrokken',
    },
    timeliness: { on_time: 'tijdig', late: 'te laat', open: 'open', overdue: 'termijn verstreken' },
  },
  fr: {
    title: 'Exports',
    intro: "Les registres pour le délégué à la protection des données et l'Autorité de protection des données, en fichier CSV ou en page à imprimer. Chaque export est inscrit au journal d'audit.",
    csv: 'Télécharger le CSV',
    printable: 'Page à imprimer',
    printHint: "Imprimez cette page ou enregistrez-la en PDF avec la fonction d'impression de votre navigateur : la navigation est alors omise.",
    back: 'Retour aux exports',
    notAllowed: "Vos rôles ne donnent pas accès à cet export.",
    none: 'Rien à afficher.',
    ropaController: { title: 'Registre des activités de traitement : responsable du traitement (art. 30.1 RGPD)', hint: "Ce que l'entreprise traite en tant que responsable du traitement, établi à partir de la politique en vigueur." },
    ropaProcessor: { title: 'Registre des activités de traitement : sous-traitant (art. 30.2 RGPD)', hint: "Ce que l'entreprise traite en tant que sous-traitant pour ses clients." },
    register: {
      title: 'Registre des demandes des personnes concernées',
      hint: "Chaque demande avec son type, sa réception, son délai, sa prolongation, son statut, sa clôture, le respect du délai et la décision de refus ou de frais. Uniquement des identifiants et des dates : aucun nom, aucune adresse, aucun texte libre.",
      notAllowed: 'Seules les personnes qui traitent les demandes des personnes concernées exportent ce registre.',
      caption: (n) => `${n} demande${n === 1 ? '' : 's'}`,
      columns: { id: 'Demande', type: 'Type', channel: 'Canal', received: 'Reçue', due: 'Délai', extended: 'Prolongée', status: 'Statut', closed: 'Clôturée', timeliness: 'Respect du délai', decision: 'Refus ou frais' },
      months: (n) => `${n} mois`,
    },
    ledger: {
      title: 'Registre des consentements',
      hint: "Chaque consentement donné ou retiré par finalité, avec l'identifiant pseudonyme de la personne, le canal, la version de la déclaration et l'empreinte du texte affiché. Uniquement les finalités de vos rôles.",
      notAllowed: 'Vos rôles ne comprennent aucune finalité fondée sur le consentement : vous ne voyez pas ce registre.',
      caption: (n, purposes) => `${n} événement${n === 1 ? '' : 's'} (${purposes})`,
      columns: { subject: 'Personne (id)', purpose: 'Finalité', event: 'Événement', at: 'Moment (UTC)', channel: 'Canal', version: 'Version de la déclaration', hash: 'Empreinte du texte' },
      granted: 'donné',
      withdrawn: 'retiré',
    },
    timeliness: { on_time: 'dans le délai', late: 'en retard', open: 'ouverte', overdue: 'délai dépassé' },
  },
  en: {
    title: 'Exports',
    intro: 'The registers for the data protection officer and the Data Protection Authority, as a CSV file or as a page to print. Each export is recorded in the audit log.',
    csv: 'Download CSV',
    printable: 'Printable page',
    printHint: "Print this page or save it as PDF with your browser's print function: the navigation is left out.",
    back: 'Back to the exports',
    notAllowed: 'Your roles give no access to this export.',
    none: 'Nothing to show.',
    ropaController: { title: 'Record of processing activities: controller (Art. 30(1) GDPR)', hint: 'What the company processes as controller, built from the policy in force.' },
    ropaProcessor: { title: 'Record of processing activities: processor (Art. 30(2) GDPR)', hint: 'What the company processes as processor for its customers.' },
    register: {
      title: 'Register of data-subject requests',
      hint: 'Every request with its type, receipt, due date, extension, status, completion, timeliness and the refusal or fee decision. Identifiers and dates only: no names, addresses or free text.',
      notAllowed: 'Only those who handle data-subject requests export this register.',
      caption: (n) => `${n} request${n === 1 ? '' : 's'}`,
      columns: { id: 'Request', type: 'Type', channel: 'Channel', received: 'Received', due: 'Due', extended: 'Extended', status: 'Status', closed: 'Completed', timeliness: 'Timeliness', decision: 'Refusal or fee' },
      months: (n) => `${n} month${n === 1 ? '' : 's'}`,
    },
    ledger: {
      title: 'Consent ledger',
      hint: "Every consent given or withdrawn per purpose, with the person's pseudonymous id, the channel, the statement version and the hash of the text shown. Only the purposes of your roles.",
      notAllowed: 'Your roles hold no purpose that rests on consent: you do not see this ledger.',
      caption: (n, purposes) => `${n} event${n === 1 ? '' : 's'} (${purposes})`,
      columns: { subject: 'Person (id)', purpose: 'Purpose', event: 'Event', at: 'Time (UTC)', channel: 'Channel', version: 'Statement version', hash: 'Hash of the text' },
      granted: 'given',
      withdrawn: 'withdrawn',
    },
    timeliness: { on_time: 'on time', late: 'late', open: 'open', overdue: 'overdue' },
  },
}
