// The words of the console's compliance dashboard in Dutch, French and English (formal: u, vous).
import type { Language } from '../../../policy/schema.ts'

export interface DashboardTexts {
  readonly title: string
  readonly intro: (today: string) => string
  readonly notAllowed: string
  readonly requests: {
    readonly title: string
    readonly dueThisWeek: string
    readonly overdue: string
    readonly open: string
    readonly extended: string
    readonly refused: string
    readonly fees: string
    readonly inbox: string
  }
  readonly onTime: {
    readonly title: string
    readonly chart: (from: string, to: string) => string
    readonly caption: string
    readonly month: string
    readonly closed: string
    readonly onTime: string
    readonly late: string
    readonly rate: string
    readonly extended: string
    readonly refused: string
    readonly noneClosed: string
  }
  readonly consents: {
    readonly title: string
    readonly chart: string
    readonly caption: string
    readonly purpose: string
    readonly granted: string
    readonly withdrawn: string
    readonly none: string
  }
  readonly retention: {
    readonly title: string
    readonly hint: (days: number) => string
    readonly caption: string
    readonly action: string
    readonly category: string
    readonly people: string
    readonly none: (days: number) => string
    readonly actions: { readonly erase: string; readonly delete: string; readonly anonymise: string; readonly retain: string }
    readonly wholePerson: string
  }
}

export const DASHBOARD_TEXTS: Record<Language, DashboardTexts> = {
  nl: {
    title: 'Dashboard',
    intro: (today) => `Aantallen op ${today}, zonder persoonsgegevens: de verzoeken van betrokkenen en hun termijnen, de toestemmingen en de komende bewaartermijnen.`,
    notAllowed: 'Het dashboard is voor wie de verzoeken van betrokkenen behandelt en voor de functionaris voor gegevensbescherming.',
    requests: { title: 'Verzoeken van betrokkenen', dueThisWeek: 'Termijn binnen 7 dagen', overdue: 'Termijn verstreken', open: 'Open', extended: 'Verlengd (12 maanden)', refused: 'Geweigerd (12 maanden)', fees: 'Met vergoeding (12 maanden)', inbox: 'Naar de verzoeken' },
    onTime: {
      title: 'Tijdig beantwoord, per maand',
      chart: (from, to) => `Staafdiagram: aandeel van de verzoeken die binnen de termijn zijn beantwoord, per maand van ${from} tot ${to}. Dezelfde cijfers staan in de tabel eronder.`,
      caption: 'Afgehandelde verzoeken per maand',
      month: 'Maand',
      closed: 'Afgehandeld',
      onTime: 'Tijdig',
      late: 'Te laat',
      rate: 'Tijdig (%)',
      extended: 'Verlengd',
      refused: 'Geweigerd',
      noneClosed: 'geen',
    },
    consents: { title: 'Toestemmingen en intrekkingen per doeleinde', chart: 'Staafdiagram: aantal gegeven en ingetrokken toestemmingen per doeleinde. Dezelfde cijfers staan in de tabel eronder.', caption: 'Toestemmingen per doeleinde', purpose: 'Doeleinde', granted: 'Gegeven', withdrawn: 'Ingetrokken', none: 'Geen doeleinde berust op toestemming.' },
    retention: {
      title: 'Komende bewaartermijnen',
      hint: (days) => `Wat de dagelijkse opruiming in de komende ${days} dagen zal doen, in aantallen personen per gegevenscategorie.`,
      caption: 'Personen per handeling en categorie',
      action: 'Handeling',
      category: 'Categorie',
      people: 'Personen',
      none: (days) => `Niets in de komende ${days} dagen.`,
      actions: { erase: 'volledig gewist', delete: 'verwijderd', anonymise: 'geanonimiseerd', retain: 'bewaard onder wettelijke plicht' },
      wholePerson: 'alle gegevens',
    },
  },
  fr: {
    title: 'Tableau de bord',
    intro: (today) => `Chiffres au ${today}, sans données personnelles : les demandes des personnes concernées et leurs délais, les consentements et les prochaines échéances de conservation.`,
    notAllowed: 'Le tableau de bord est destiné aux personnes qui traitent les demandes des personnes concernées et au délégué à la protection des données.',
    requests: { title: 'Demandes des personnes concernées', dueThisWeek: 'Échéance dans les 7 jours', overdue: 'Délai dépassé', open: 'Ouvertes', extended: 'Prolongées (12 mois)', refused: 'Refusées (12 mois)', fees: 'Avec frais (12 mois)', inbox: 'Vers les demandes' },
    onTime: {
      title: 'Réponses dans le délai, par mois',
      chart: (from, to) => `Diagramme en barres : part des demandes traitées dans le délai, par mois, de ${from} à ${to}. Les mêmes chiffres figurent dans le tableau ci-dessous.`,
      caption: 'Demandes clôturées par mois',
      month: 'Mois',
      closed: 'Clôturées',
      onTime: 'Dans le délai',
      late: 'En retard',
      rate: 'Dans le délai (%)',
      extended: 'Prolongées',
      refused: 'Refusées',
      noneClosed: 'aucune',
    },
    consents: { title: 'Consentements et retraits par finalité', chart: 'Diagramme en barres : nombre de consentements donnés et retirés par finalité. Les mêmes chiffres figurent dans le tableau ci-dessous.', caption: 'Consentements par finalité', purpose: 'Finalité', granted: 'Donnés', withdrawn: 'Retirés', none: 'Aucune finalité ne repose sur le consentement.' },
    retention: {
      title: 'Prochaines échéances de conservation',
      hint: (days) => `Ce que le nettoyage quotidien fera dans les ${days} prochains jours, en nombre de personnes par catégorie de données.`,
      caption: 'Personnes par action et catégorie',
      action: 'Action',
      category: 'Catégorie',
      people: 'Personnes',
      none: (days) => `Rien dans les ${days} prochains jours.`,
      actions: { erase: 'effacées entièrement', delete: 'supprimées', anonymise: 'anonymisées', retain: 'conservées par obligation légale' },
      wholePerson: 'toutes les données',
    },
  },
  en: {
    title: 'Dashboard',
    intro: (today) => `Counts on ${today}, without personal data: data-subject requests and their deadlines, consents, and the storage periods coming to an end.`,
    notAllowed: 'The dashboard is for those who handle data-subject requests and for the data protection officer.',
    requests: { title: 'Data-subject requests', dueThisWeek: 'Due within 7 days', overdue: 'Overdue', open: 'Open', extended: 'Extended (12 months)', refused: 'Refused (12 months)', fees: 'With a fee (12 months)', inbox: 'Go to the requests' },
    onTime: {
      title: 'Answered on time, per month',
      chart: (from, to) => `Bar chart: share of requests answered within the deadline, per month from ${from} to ${to}. The same numbers are in the table below.`,
      caption: 'Requests answered per month',
      month: 'Month',
      closed: 'Answered',
      onTime: 'On time',
      late: 'Late',
      rate: 'On time (%)',
      extended: 'Extended',
      refused: 'Refused',
      noneClosed: 'none',
    },
    consents: { title: 'Consents and withdrawals per purpose', chart: 'Bar chart: number of consents given and withdrawn per purpose. The same numbers are in the table below.', caption: 'Consents per purpose', purpose: 'Purpose', granted: 'Given', withdrawn: 'Withdrawn', none: 'No purpose rests on consent.' },
    retention: {
      title: 'Storage periods ending soon',
      hint: (days) => `What the daily sweep will do in the next ${days} days, in numbers of people per data category.`,
      caption: 'People per action and category',
      action: 'Action',
      category: 'Category',
      people: 'People',
      none: (days) => `Nothing in the next ${days} days.`,
      actions: { erase: 'erased entirely', delete: 'deleted', anonymise: 'anonymised', retain: 'kept under a legal duty' },
      wholePerson: 'all data',
    },
  },
}
