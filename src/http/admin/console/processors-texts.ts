// The words of the console's processor register pages in Dutch, French and English (formal: u, vous).
import type { Language } from '../../../policy/schema.ts'

export interface ProcessorsTexts {
  readonly title: string
  readonly intro: string
  readonly notAllowed: string
  readonly readOnly: string
  readonly caption: (n: number) => string
  readonly columns: { readonly recipient: string; readonly role: string; readonly country: string; readonly dpa: string; readonly review: string; readonly status: string }
  readonly roles: Record<'processor' | 'sub_processor' | 'third_party' | 'public_authority', string>
  readonly noDpa: string
  readonly dpaOf: (version: string, date: string) => string
  readonly notNeeded: string
  readonly covered: string
  readonly notCovered: string
  readonly gap: { readonly dpa_missing: string; readonly dpa_not_yet_in_force: string; readonly dpa_ended: string; readonly mechanism_missing: (country: string) => string; readonly recipient_not_declared: string }
  readonly open: string
  readonly notices: { readonly title: string; readonly hint: string; readonly none: string; readonly caption: (n: number) => string; readonly sentAt: string; readonly recipient: string; readonly event: string; readonly missing: string }
  readonly detail: {
    readonly back: string
    readonly declared: string
    readonly declaredHint: string
    readonly service: string
    readonly purposes: string
    readonly categories: string
    readonly blocked: string
    readonly allowed: string
    readonly saved: string
    readonly updated: (at: string, by: string) => string
    readonly missingTerms: (terms: string) => string
    readonly form: string
    readonly identity: string
    readonly legalName: string
    readonly address: string
    readonly contact: string
    readonly dpo: string
    readonly locations: string
    readonly processingLocations: string
    readonly supportLocations: string
    readonly countriesHint: string
    readonly dpa: string
    readonly dpaHint: string
    readonly dpaVersion: string
    readonly dpaSignedOn: string
    readonly dpaEndsOn: string
    readonly terms: string
    readonly term: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h', string>
    readonly subProcessors: string
    readonly subProcessorsHint: string
    readonly assurance: string
    readonly reviewOn: string
    readonly mechanism: (country: string) => string
    readonly mechanismHint: string
    readonly kind: string
    readonly kindNone: string
    readonly kindAdequacy: string
    readonly kindScc: string
    readonly decisionId: string
    readonly decisionDate: string
    readonly sccModule: string
    readonly sccSignedOn: string
    readonly tiaOn: string
    readonly save: string
    readonly badInput: (message: string) => string
  }
  readonly changes: {
    readonly title: string
    readonly hint: string
    readonly none: string
    readonly added: (name: string, country: string) => string
    readonly replaced: (name: string, country: string, old: string) => string
    readonly announced: (at: string, until: string) => string
    readonly customer: string
    readonly state: string
    readonly sentAt: string
    readonly states: Record<'pending' | 'sent' | 'objected' | 'window_closed', string>
    readonly noCustomers: string
    readonly form: string
    readonly formHint: string
    readonly kind: string
    readonly kindAdded: string
    readonly kindReplaced: string
    readonly name: string
    readonly country: string
    readonly service: string
    readonly replaces: string
    readonly windowDays: string
    readonly announce: string
    readonly announcedOk: (n: number) => string
  }
  readonly reminders: {
    readonly title: string
    readonly hint: string
    readonly none: string
    readonly flag: string
    readonly kind: (kind: string, dueOn: string) => string
    readonly resolve: string
  }
}

export const PROCESSORS_TEXTS: Record<Language, ProcessorsTexts> = {
  nl: {
    title: 'Register van verwerkers en doorgiften',
    intro: 'Per ontvanger uit het beleid: de verwerkersovereenkomst, de locaties en de doorgiftemechanismen. Pledge weigert gegevens te verstrekken aan een verwerker zonder geldende verwerkersovereenkomst en aan een locatie buiten de EER zonder vastgelegd mechanisme.',
    notAllowed: 'Alleen de functionaris voor gegevensbescherming of een beheerder van personeelsaccounts kan het register inzien.',
    readOnly: 'U kunt het register inzien; alleen de functionaris voor gegevensbescherming kan het wijzigen.',
    caption: (n) => `${n} ontvanger(s) uit het beleid`,
    columns: { recipient: 'Ontvanger', role: 'Rol', country: 'Land', dpa: 'Verwerkersovereenkomst', review: 'Herziening', status: 'Toestand' },
    roles: { processor: 'Verwerker', sub_processor: 'Subverwerker', third_party: 'Derde', public_authority: 'Overheidsinstantie' },
    noDpa: 'geen',
    dpaOf: (v, d) => `versie ${v} van ${d}`,
    notNeeded: 'niet vereist',
    covered: 'Gedekt',
    notCovered: 'Niet gedekt: verstrekkingen worden geweigerd',
    gap: {
      dpa_missing: 'geen verwerkersovereenkomst vastgelegd (art. 28, lid 3, AVG)',
      dpa_not_yet_in_force: 'de verwerkersovereenkomst is nog niet van kracht',
      dpa_ended: 'de verwerkersovereenkomst is beëindigd',
      mechanism_missing: (c) => `geen doorgiftemechanisme vastgelegd voor ${c} (buiten de EER)`,
      recipient_not_declared: 'het beleid vermeldt deze ontvanger niet',
    },
    open: 'Openen',
    notices: {
      title: 'Wettelijke kennisgevingen aan niet-gedekte ontvangers',
      hint: 'Kennisgevingen die de wet oplegt (art. 19 AVG, wisinstructies aan verwerkers) worden altijd verstuurd. Ging er een naar een ontvanger die het register niet dekt, dan staat ze hier, om op te volgen.',
      none: 'Geen.',
      caption: (n) => `${n} kennisgeving(en), nieuwste eerst`,
      sentAt: 'Verstuurd op',
      recipient: 'Ontvanger',
      event: 'Gebeurtenis',
      missing: 'Wat ontbrak',
    },
    detail: {
      back: 'Terug naar het register',
      declared: 'Wat het beleid vermeldt',
      declaredHint: 'Rol, land, dienst, doeleinden en categorieën komen uit het beleid; wijzig ze daar.',
      service: 'Dienst',
      purposes: 'Doeleinden',
      categories: 'Gegevenscategorieën',
      blocked: 'Pledge weigert nu verstrekkingen aan deze ontvanger:',
      allowed: 'Het register dekt deze ontvanger: verstrekkingen zijn toegestaan.',
      saved: 'De registergegevens zijn opgeslagen en in het auditlogboek opgenomen.',
      updated: (at, by) => `Laatst gewijzigd op ${at} door ${by}.`,
      missingTerms: (t) => `De verwerkersovereenkomst vermeldt deze punten van art. 28, lid 3, niet: ${t}.`,
      form: 'Registergegevens invoeren',
      identity: 'Identiteit',
      legalName: 'Juridische naam',
      address: 'Adres',
      contact: 'Contactpersoon of -adres',
      dpo: 'Functionaris voor gegevensbescherming',
      locations: 'Locaties',
      processingLocations: 'Landen van verwerking',
      supportLocations: 'Landen van waaruit ondersteuning toegang heeft',
      countriesHint: 'Landcodes gescheiden door komma’s, bijvoorbeeld DE, US.',
      dpa: 'Verwerkersovereenkomst',
      dpaHint: 'Vereist voor verwerkers en subverwerkers. Zonder versie en datum geldt er geen.',
      dpaVersion: 'Versie',
      dpaSignedOn: 'Ondertekend op (van kracht vanaf)',
      dpaEndsOn: 'Eindigt op (optioneel)',
      terms: 'Bepalingen van art. 28, lid 3, AVG die de overeenkomst bevat',
      term: {
        a: 'a) alleen op gedocumenteerde instructies',
        b: 'b) vertrouwelijkheid van het personeel',
        c: 'c) beveiliging (art. 32)',
        d: 'd) voorwaarden voor subverwerkers',
        e: 'e) bijstand bij verzoeken van betrokkenen',
        f: 'f) bijstand bij art. 32 tot 36',
        g: 'g) wissen of terugbezorgen bij het einde',
        h: 'h) informatie en audits',
      },
      subProcessors: 'Subverwerkers',
      subProcessorsHint: 'Eén per regel: naam; landcode; dienst.',
      assurance: 'Bewijs van waarborgen (certificaat, auditrapport)',
      reviewOn: 'Volgende herziening op',
      mechanism: (c) => `Doorgiftemechanisme voor ${c}`,
      mechanismHint: 'Een adequaatheidsbesluit (nummer en datum) of standaardcontractbepalingen (module, datum van ondertekening en van de doorgifte-effectbeoordeling).',
      kind: 'Mechanisme',
      kindNone: 'Geen',
      kindAdequacy: 'Adequaatheidsbesluit (art. 45)',
      kindScc: 'Standaardcontractbepalingen (art. 46)',
      decisionId: 'Besluit (nummer)',
      decisionDate: 'Datum van het besluit',
      sccModule: 'Module',
      sccSignedOn: 'Ondertekend op',
      tiaOn: 'Doorgifte-effectbeoordeling op',
      save: 'Opslaan',
      badInput: (m) => `Niet opgeslagen: ${m}.`,
    },
    changes: {
      title: 'Wijzigingen van subverwerkers',
      hint: 'Een subverwerker die op grond van de algemene toestemming wordt toegevoegd of vervangen, wordt aan elke klant gemeld (art. 28, lid 2, AVG). De klant kan bezwaar maken tot en met de laatste dag van de bezwaartermijn.',
      none: 'Er is nog geen wijziging aangekondigd.',
      added: (n, c) => `Toegevoegd: ${n} (${c})`,
      replaced: (n, c, o) => `${o} vervangen door ${n} (${c})`,
      announced: (at, until) => `Aangekondigd op ${at}; bezwaar mogelijk tot en met ${until}.`,
      customer: 'Klant',
      state: 'Stand',
      sentAt: 'Verzonden op',
      states: { pending: 'Nog niet verzonden (geen webhook van de klant)', sent: 'Verzonden', objected: 'Bezwaar gemaakt', window_closed: 'Termijn verstreken' },
      noCustomers: 'Er zijn geen klanten om te melden.',
      form: 'Een wijziging aankondigen',
      formHint: 'Elke klant ontvangt een ondertekende melding via zijn webhook. Zonder termijn geldt 30 dagen.',
      kind: 'Soort wijziging',
      kindAdded: 'Een subverwerker toevoegen',
      kindReplaced: 'Een subverwerker vervangen',
      name: 'Naam van de subverwerker',
      country: 'Land (code, bijvoorbeeld DE)',
      service: 'Dienst',
      replaces: 'Vervangt (naam, alleen bij vervanging)',
      windowDays: 'Bezwaartermijn in dagen (7 tot 180)',
      announce: 'Aankondigen',
      announcedOk: (n) => `Aangekondigd aan ${n} klant(en).`,
    },
    reminders: {
      title: 'Herinneringen tot herbeoordeling',
      hint: 'Een verstreken herzieningsdatum of een gewijzigd adequaatheidsbesluit of certificaat vraagt een nieuwe beoordeling van de overeenkomst en de doorgifte. De functionaris voor gegevensbescherming ontvangt ze per e-mail.',
      none: 'Er staat geen herinnering open.',
      flag: 'Herbeoordeling nodig',
      kind: (k, d) => k === 'review_due' ? `Herzieningsdatum ${d} bereikt` : k === 'certification_changed' ? `Bewijs van waarborgen (certificaat) gewijzigd op ${d}` : `Adequaatheidsbesluit voor ${k.split(':')[1]} gewijzigd op ${d}`,
      resolve: 'Als herbeoordeeld markeren',
    },
  },
  fr: {
    title: 'Registre des sous-traitants et des transferts',
    intro: 'Pour chaque destinataire de la politique : le contrat de sous-traitance, les lieux et les mécanismes de transfert. Pledge refuse de communiquer des données à un sous-traitant sans contrat de sous-traitance en vigueur et vers un lieu hors de l’EEE sans mécanisme enregistré.',
    notAllowed: 'Seuls le délégué à la protection des données ou un administrateur des comptes du personnel consultent le registre.',
    readOnly: 'Vous pouvez consulter le registre ; seul le délégué à la protection des données le modifie.',
    caption: (n) => `${n} destinataire(s) de la politique`,
    columns: { recipient: 'Destinataire', role: 'Rôle', country: 'Pays', dpa: 'Contrat de sous-traitance', review: 'Révision', status: 'État' },
    roles: { processor: 'Sous-traitant', sub_processor: 'Sous-traitant ultérieur', third_party: 'Tiers', public_authority: 'Autorité publique' },
    noDpa: 'aucun',
    dpaOf: (v, d) => `version ${v} du ${d}`,
    notNeeded: 'non requis',
    covered: 'Couvert',
    notCovered: 'Non couvert : les communications sont refusées',
    gap: {
      dpa_missing: 'aucun contrat de sous-traitance enregistré (art. 28, § 3, RGPD)',
      dpa_not_yet_in_force: 'le contrat de sous-traitance n’est pas encore en vigueur',
      dpa_ended: 'le contrat de sous-traitance a pris fin',
      mechanism_missing: (c) => `aucun mécanisme de transfert enregistré pour ${c} (hors de l’EEE)`,
      recipient_not_declared: 'la politique ne mentionne pas ce destinataire',
    },
    open: 'Ouvrir',
    notices: {
      title: 'Notifications légales à des destinataires non couverts',
      hint: 'Les notifications que la loi impose (art. 19 RGPD, instructions d’effacement aux sous-traitants) partent toujours. Si l’une d’elles est partie vers un destinataire que le registre ne couvre pas, elle figure ici, pour suivi.',
      none: 'Aucune.',
      caption: (n) => `${n} notification(s), les plus récentes d’abord`,
      sentAt: 'Envoyée le',
      recipient: 'Destinataire',
      event: 'Événement',
      missing: 'Ce qui manquait',
    },
    detail: {
      back: 'Retour au registre',
      declared: 'Ce que dit la politique',
      declaredHint: 'Le rôle, le pays, le service, les finalités et les catégories viennent de la politique ; modifiez-les là.',
      service: 'Service',
      purposes: 'Finalités',
      categories: 'Catégories de données',
      blocked: 'Pledge refuse à présent les communications à ce destinataire :',
      allowed: 'Le registre couvre ce destinataire : les communications sont permises.',
      saved: 'Les données du registre sont enregistrées et consignées dans le journal d’audit.',
      updated: (at, by) => `Dernière modification le ${at} par ${by}.`,
      missingTerms: (t) => `Le contrat de sous-traitance ne contient pas ces points de l’art. 28, § 3 : ${t}.`,
      form: 'Saisir les données du registre',
      identity: 'Identité',
      legalName: 'Dénomination légale',
      address: 'Adresse',
      contact: 'Contact',
      dpo: 'Délégué à la protection des données',
      locations: 'Lieux',
      processingLocations: 'Pays de traitement',
      supportLocations: 'Pays d’où le support accède aux données',
      countriesHint: 'Codes de pays séparés par des virgules, par exemple DE, US.',
      dpa: 'Contrat de sous-traitance',
      dpaHint: 'Requis pour les sous-traitants et sous-traitants ultérieurs. Sans version ni date, aucun n’est en vigueur.',
      dpaVersion: 'Version',
      dpaSignedOn: 'Signé le (en vigueur depuis)',
      dpaEndsOn: 'Prend fin le (facultatif)',
      terms: 'Clauses de l’art. 28, § 3, RGPD que le contrat contient',
      term: {
        a: 'a) uniquement sur instruction documentée',
        b: 'b) confidentialité du personnel',
        c: 'c) sécurité (art. 32)',
        d: 'd) conditions du recours à un sous-traitant ultérieur',
        e: 'e) aide pour les demandes des personnes',
        f: 'f) aide pour les art. 32 à 36',
        g: 'g) suppression ou restitution à la fin',
        h: 'h) informations et audits',
      },
      subProcessors: 'Sous-traitants ultérieurs',
      subProcessorsHint: 'Un par ligne : nom ; code pays ; service.',
      assurance: 'Preuves des garanties (certificat, rapport d’audit)',
      reviewOn: 'Prochaine révision le',
      mechanism: (c) => `Mécanisme de transfert pour ${c}`,
      mechanismHint: 'Une décision d’adéquation (numéro et date) ou des clauses contractuelles types (module, date de signature et de l’analyse d’impact du transfert).',
      kind: 'Mécanisme',
      kindNone: 'Aucun',
      kindAdequacy: 'Décision d’adéquation (art. 45)',
      kindScc: 'Clauses contractuelles types (art. 46)',
      decisionId: 'Décision (numéro)',
      decisionDate: 'Date de la décision',
      sccModule: 'Module',
      sccSignedOn: 'Signées le',
      tiaOn: 'Analyse d’impact du transfert le',
      save: 'Enregistrer',
      badInput: (m) => `Non enregistré : ${m}.`,
    },
    changes: {
      title: 'Changements de sous-traitants ultérieurs',
      hint: 'Un sous-traitant ultérieur ajouté ou remplacé en vertu de l’autorisation générale est notifié à chaque client (art. 28, § 2, RGPD). Le client peut s’y opposer jusqu’au dernier jour du délai d’opposition inclus.',
      none: 'Aucun changement n’a encore été annoncé.',
      added: (n, c) => `Ajout : ${n} (${c})`,
      replaced: (n, c, o) => `${o} remplacé par ${n} (${c})`,
      announced: (at, until) => `Annoncé le ${at} ; opposition possible jusqu’au ${until} inclus.`,
      customer: 'Client',
      state: 'État',
      sentAt: 'Envoyée le',
      states: { pending: 'Pas encore envoyée (le client n’a pas de webhook)', sent: 'Envoyée', objected: 'Opposition reçue', window_closed: 'Délai écoulé' },
      noCustomers: 'Il n’y a aucun client à notifier.',
      form: 'Annoncer un changement',
      formHint: 'Chaque client reçoit une notification signée par son webhook. Sans délai indiqué, le délai est de 30 jours.',
      kind: 'Nature du changement',
      kindAdded: 'Ajouter un sous-traitant ultérieur',
      kindReplaced: 'Remplacer un sous-traitant ultérieur',
      name: 'Nom du sous-traitant ultérieur',
      country: 'Pays (code, par exemple DE)',
      service: 'Service',
      replaces: 'Remplace (nom, pour un remplacement uniquement)',
      windowDays: 'Délai d’opposition en jours (7 à 180)',
      announce: 'Annoncer',
      announcedOk: (n) => `Annoncé à ${n} client(s).`,
    },
    reminders: {
      title: 'Rappels de réévaluation',
      hint: 'Une date de révision dépassée ou une décision d’adéquation ou une certification modifiée demande de réévaluer le contrat et le transfert. Le délégué à la protection des données les reçoit par courrier électronique.',
      none: 'Aucun rappel n’est ouvert.',
      flag: 'Réévaluation nécessaire',
      kind: (k, d) => k === 'review_due' ? `Date de révision du ${d} atteinte` : k === 'certification_changed' ? `Preuves des garanties (certification) modifiées le ${d}` : `Décision d’adéquation pour ${k.split(':')[1]} modifiée le ${d}`,
      resolve: 'Marquer comme réévalué',
    },
  },
  en: {
    title: 'Register of processors and transfers',
    intro: 'For each recipient of the policy: the data processing agreement, the locations and the transfer mechanisms. Pledge refuses to disclose data to a processor without a data processing agreement in force, and to a location outside the EEA without a recorded mechanism.',
    notAllowed: 'Only the data protection officer or a staff administrator reads the register.',
    readOnly: 'You can read the register; only the data protection officer changes it.',
    caption: (n) => `${n} recipient(s) of the policy`,
    columns: { recipient: 'Recipient', role: 'Role', country: 'Country', dpa: 'Data processing agreement', review: 'Review', status: 'State' },
    roles: { processor: 'Processor', sub_processor: 'Sub-processor', third_party: 'Third party', public_authority: 'Public authority' },
    noDpa: 'none',
    dpaOf: (v, d) => `version ${v} of ${d}`,
    notNeeded: 'not required',
    covered: 'Covered',
    notCovered: 'Not covered: disclosures are refused',
    gap: {
      dpa_missing: 'no data processing agreement recorded (Art. 28(3) GDPR)',
      dpa_not_yet_in_force: 'the data processing agreement is not yet in force',
      dpa_ended: 'the data processing agreement has ended',
      mechanism_missing: (c) => `no transfer mechanism recorded for ${c} (outside the EEA)`,
      recipient_not_declared: 'the policy does not name this recipient',
    },
    open: 'Open',
    notices: {
      title: 'Legal notices to recipients not covered',
      hint: 'Notices the law requires (Art. 19 GDPR, deletion instructions to processors) always go out. When one went to a recipient the register does not cover, it is listed here, to follow up.',
      none: 'None.',
      caption: (n) => `${n} notice(s), newest first`,
      sentAt: 'Sent on',
      recipient: 'Recipient',
      event: 'Event',
      missing: 'What was missing',
    },
    detail: {
      back: 'Back to the register',
      declared: 'What the policy says',
      declaredHint: 'The role, country, service, purposes and categories come from the policy; change them there.',
      service: 'Service',
      purposes: 'Purposes',
      categories: 'Data categories',
      blocked: 'Pledge now refuses disclosures to this recipient:',
      allowed: 'The register covers this recipient: disclosures are allowed.',
      saved: 'The register data are saved and recorded in the audit log.',
      updated: (at, by) => `Last changed on ${at} by ${by}.`,
      missingTerms: (t) => `The data processing agreement does not contain these points of Art. 28(3): ${t}.`,
      form: 'Enter the register data',
      identity: 'Identity',
      legalName: 'Legal name',
      address: 'Address',
      contact: 'Contact',
      dpo: 'Data protection officer',
      locations: 'Locations',
      processingLocations: 'Countries of processing',
      supportLocations: 'Countries from which support staff access the data',
      countriesHint: 'Country codes separated by commas, for example DE, US.',
      dpa: 'Data processing agreement',
      dpaHint: 'Required for processors and sub-processors. Without a version and a date there is none.',
      dpaVersion: 'Version',
      dpaSignedOn: 'Signed on (in force from)',
      dpaEndsOn: 'Ends on (optional)',
      terms: 'Terms of Art. 28(3) GDPR the agreement contains',
      term: {
        a: '(a) only on documented instructions',
        b: '(b) confidentiality of staff',
        c: '(c) security (Art. 32)',
        d: '(d) conditions for sub-processors',
        e: '(e) assistance with data-subject requests',
        f: '(f) assistance with Art. 32 to 36',
        g: '(g) deletion or return at the end',
        h: '(h) information and audits',
      },
      subProcessors: 'Sub-processors',
      subProcessorsHint: 'One per line: name; country code; service.',
      assurance: 'Assurance evidence (certificate, audit report)',
      reviewOn: 'Next review on',
      mechanism: (c) => `Transfer mechanism for ${c}`,
      mechanismHint: 'An adequacy decision (number and date) or standard contractual clauses (module, date of signature and of the transfer impact assessment).',
      kind: 'Mechanism',
      kindNone: 'None',
      kindAdequacy: 'Adequacy decision (Art. 45)',
      kindScc: 'Standard contractual clauses (Art. 46)',
      decisionId: 'Decision (number)',
      decisionDate: 'Date of the decision',
      sccModule: 'Module',
      sccSignedOn: 'Signed on',
      tiaOn: 'Transfer impact assessment on',
      save: 'Save',
      badInput: (m) => `Not saved: ${m}.`,
    },
    changes: {
      title: 'Sub-processor changes',
      hint: 'A sub-processor added or replaced under the general authorisation is notified to every customer (Art. 28(2) GDPR). The customer may object up to and including the last day of the objection window.',
      none: 'No change has been announced yet.',
      added: (n, c) => `Added: ${n} (${c})`,
      replaced: (n, c, o) => `${o} replaced by ${n} (${c})`,
      announced: (at, until) => `Announced on ${at}; objections are accepted up to and including ${until}.`,
      customer: 'Customer',
      state: 'State',
      sentAt: 'Sent on',
      states: { pending: 'Not sent yet (the customer has no webhook)', sent: 'Sent', objected: 'Objection received', window_closed: 'Window closed' },
      noCustomers: 'There are no customers to notify.',
      form: 'Announce a change',
      formHint: 'Each customer receives a signed notice through its webhook. Without a window, it is 30 days.',
      kind: 'Kind of change',
      kindAdded: 'Add a sub-processor',
      kindReplaced: 'Replace a sub-processor',
      name: 'Name of the sub-processor',
      country: 'Country (code, for example DE)',
      service: 'Service',
      replaces: 'Replaces (name, for a replacement only)',
      windowDays: 'Objection window in days (7 to 180)',
      announce: 'Announce',
      announcedOk: (n) => `Announced to ${n} customer(s).`,
    },
    reminders: {
      title: 'Re-validation reminders',
      hint: 'A passed review date, or a changed adequacy decision or certification, calls for a new assessment of the agreement and the transfer. The data protection officer receives them by e-mail.',
      none: 'No reminder is open.',
      flag: 'Re-validation needed',
      kind: (k, d) => k === 'review_due' ? `Review date ${d} reached` : k === 'certification_changed' ? `Assurance evidence (certification) changed on ${d}` : `Adequacy decision for ${k.split(':')[1]} changed on ${d}`,
      resolve: 'Mark as re-validated',
    },
  },
}
