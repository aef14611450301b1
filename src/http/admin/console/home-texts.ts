// The words of the signed-in home (/admin): one's roles, purposes, sessions, recovery codes and,
// for the DPO, the access review — in Dutch, French and English (formal register).
import type { Language } from '../../../policy/schema.ts'

export interface HomeTexts {
  readonly title: string
  readonly rolesCaption: string
  readonly role: string
  readonly state: string
  readonly inEffect: string
  readonly awaiting: string
  readonly noRole: string
  readonly purposes: (list: string) => string
  readonly noPurposes: string
  readonly recoveryLeft: (n: number) => string
  readonly recoveryLow: string
  readonly sessions: string
  readonly sessionsCaption: string
  readonly signedIn: string
  readonly lastUsed: string
  readonly browser: string
  readonly unknownBrowser: string
  readonly thisOne: string
  readonly action: string
  readonly signOut: string
  readonly signOutLabel: (when: string) => string
  readonly review: string
  readonly lastConfirmed: (when: string) => string
  readonly neverConfirmed: string
  readonly dueNow: string
  readonly dueBy: (date: string) => string
  readonly whoHolds: string
  readonly account: string
  readonly rolesInEffect: string
  readonly undertaking: string
  readonly signed: (date: string) => string
  readonly noneRecorded: string
  readonly confirm: string
  readonly notices: { readonly recovery: string; readonly sessionEnded: string; readonly confirmed: string }
}

export const HOME_TEXTS: Readonly<Record<Language, HomeTexts>> = {
  nl: {
    title: 'Uw medewerkersaccount',
    rolesCaption: 'Uw rollen',
    role: 'Rol',
    state: 'Stand',
    inEffect: 'van kracht',
    awaiting: 'wacht op de goedkeuring van een tweede partij',
    noRole: 'U hebt nog geen rol.',
    purposes: (list) => `U mag gegevens van personen openen onder: ${list} — en alleen de categorieën die elk doeleinde gebruikt.`,
    noPurposes: 'Uw rollen openen geen persoonsgegevens.',
    recoveryLeft: (n) => `Resterende herstelcodes: ${n}`,
    recoveryLow: ' — vraag een beheerder van medewerkers om uw tweede factor opnieuw in te stellen voor nieuwe codes.',
    sessions: 'Sessies',
    sessionsCaption: 'Uw sessies',
    signedIn: 'Aangemeld',
    lastUsed: 'Laatst gebruikt',
    browser: 'Browser',
    unknownBrowser: 'onbekend',
    thisOne: ' (deze)',
    action: 'Handeling',
    signOut: 'Afmelden',
    signOutLabel: (when) => `De sessie van ${when} afmelden`,
    review: 'Toegangsbeoordeling',
    lastConfirmed: (when) => `Laatst bevestigd op ${when}.`,
    neverConfirmed: 'Nog nooit bevestigd.',
    dueNow: 'De beoordeling moet nu gebeuren.',
    dueBy: (date) => `Volgende beoordeling uiterlijk op ${date}.`,
    whoHolds: 'Wie welke rol heeft',
    account: 'Account',
    rolesInEffect: 'Rollen van kracht',
    undertaking: 'Geheimhoudingsverbintenis',
    signed: (date) => `ondertekend ${date}`,
    noneRecorded: 'niets geregistreerd',
    confirm: 'Ik bevestig deze toewijzingen',
    notices: {
      recovery: 'U hebt zich aangemeld met een herstelcode: die werkt niet meer. Hieronder ziet u hoeveel u er nog hebt.',
      sessionEnded: 'Die sessie is afgemeld.',
      confirmed: 'Dank u: de toewijzingen zijn bevestigd en de bevestiging staat in het auditlogboek.',
    },
  },
  fr: {
    title: 'Votre compte du personnel',
    rolesCaption: 'Vos rôles',
    role: 'Rôle',
    state: 'État',
    inEffect: 'en vigueur',
    awaiting: "en attente de l'approbation d'une seconde partie",
    noRole: "Vous n'avez encore aucun rôle.",
    purposes: (list) => `Vous pouvez ouvrir les données des personnes sous : ${list} — et seulement les catégories que chaque finalité utilise.`,
    noPurposes: "Vos rôles n'ouvrent aucune donnée à caractère personnel.",
    recoveryLeft: (n) => `Codes de récupération restants : ${n}`,
    recoveryLow: ' — demandez à un administrateur du personnel de réinitialiser votre second facteur pour en obtenir de nouveaux.',
    sessions: 'Sessions',
    sessionsCaption: 'Vos sessions',
    signedIn: 'Connecté',
    lastUsed: 'Dernière utilisation',
    browser: 'Navigateur',
    unknownBrowser: 'inconnu',
    thisOne: ' (celle-ci)',
    action: 'Action',
    signOut: 'Déconnecter',
    signOutLabel: (when) => `Déconnecter la session du ${when}`,
    review: 'Revue des accès',
    lastConfirmed: (when) => `Dernière confirmation le ${when}.`,
    neverConfirmed: 'Jamais confirmée.',
    dueNow: 'La revue est due maintenant.',
    dueBy: (date) => `Prochaine revue au plus tard le ${date}.`,
    whoHolds: 'Qui détient quel rôle',
    account: 'Compte',
    rolesInEffect: 'Rôles en vigueur',
    undertaking: 'Engagement de confidentialité',
    signed: (date) => `signé le ${date}`,
    noneRecorded: 'aucun enregistré',
    confirm: 'Je confirme ces attributions',
    notices: {
      recovery: "Vous vous êtes connecté avec un code de récupération : il ne fonctionne plus. Voyez ci-dessous combien il vous en reste.",
      sessionEnded: 'Cette session est déconnectée.',
      confirmed: "Merci : les attributions sont confirmées, et la confirmation figure dans le journal d'audit.",
    },
  },
  en: {
    title: 'Your staff account',
    rolesCaption: 'Your roles',
    role: 'Role',
    state: 'State',
    inEffect: 'in effect',
    awaiting: "waiting for a second party's approval",
    noRole: 'You hold no role yet.',
    purposes: (list) => `You may open people's data under: ${list} — and only the categories each purpose uses.`,
    noPurposes: 'Your roles open no personal data.',
    recoveryLeft: (n) => `Recovery codes left: ${n}`,
    recoveryLow: ' — ask a staff administrator to reset your second factor for new ones.',
    sessions: 'Sessions',
    sessionsCaption: 'Your sessions',
    signedIn: 'Signed in',
    lastUsed: 'Last used',
    browser: 'Browser',
    unknownBrowser: 'unknown',
    thisOne: ' (this one)',
    action: 'Action',
    signOut: 'Sign out',
    signOutLabel: (when) => `Sign out the session of ${when}`,
    review: 'Access review',
    lastConfirmed: (when) => `Last confirmed on ${when}.`,
    neverConfirmed: 'Never confirmed yet.',
    dueNow: 'The review is due now.',
    dueBy: (date) => `Next review due by ${date}.`,
    whoHolds: 'Who holds which role',
    account: 'Account',
    rolesInEffect: 'Roles in effect',
    undertaking: 'Confidentiality undertaking',
    signed: (date) => `signed ${date}`,
    noneRecorded: 'none recorded',
    confirm: 'I confirm these assignments',
    notices: {
      recovery: 'You signed in with a recovery code: it no longer works. Count what you have left below.',
      sessionEnded: 'That session is signed out.',
      confirmed: 'Thank you: the assignments are confirmed, and the confirmation is in the audit log.',
    },
  },
}
