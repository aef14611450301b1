// The words of the console's staff and keys pages in Dutch, French and English (formal register:
// Dutch u/uw, French vous). Role ids, purpose ids and account ids are shown as they are: codes.
import type { Language } from '../../../policy/schema.ts'

export interface StaffTexts {
  readonly title: string
  readonly sections: { readonly accounts: string; readonly review: string; readonly keys: string }
  readonly notAllowed: string
  readonly readOnly: string
  readonly accounts: {
    readonly intro: string
    readonly caption: (n: number) => string
    readonly email: string
    readonly status: string
    readonly roles: string
    readonly lastSignIn: string
    readonly undertaking: string
    readonly never: string
    readonly none: string
    readonly statusName: { readonly pending: string; readonly active: string; readonly disabled: string }
    readonly inEffect: string
    readonly awaiting: string
    readonly open: string
  }
  readonly invite: { readonly title: string; readonly hint: string; readonly email: string; readonly role: string; readonly submit: string }
  readonly account: {
    readonly title: (shortId: string) => string
    readonly back: string
    readonly facts: string
    readonly id: string
    readonly created: string
    readonly roles: string
    readonly role: string
    readonly state: string
    readonly grantedBy: string
    readonly approvedBy: string
    readonly actions: string
    readonly approve: string
    readonly remove: string
    readonly noRoles: string
    readonly grant: string
    readonly grantHint: string
    readonly grantSubmit: string
    readonly manage: string
    readonly disable: string
    readonly disableHint: string
    readonly enable: string
    readonly enableHint: string
    readonly reset: string
    readonly resetHint: string
    readonly sessions: string
    readonly sessionsCaption: (n: number) => string
    readonly signedIn: string
    readonly lastUsed: string
    readonly browser: string
    readonly revoke: string
    readonly revokeAll: string
    readonly noSessions: string
    readonly unknownBrowser: string
    readonly undertaking: string
    readonly undertakingHint: string
    readonly signedOn: string
    readonly reference: string
    readonly referenceHint: string
    readonly undertakingSubmit: string
  }
  readonly review: {
    readonly intro: string
    readonly last: (at: string, by: string, n: number) => string
    readonly never: string
    readonly due: (on: string) => string
    readonly overdue: string
    readonly caption: string
    readonly account: string
    readonly roles: string
    readonly undertaking: string
    readonly confirm: string
    readonly confirmHint: string
    readonly dpoOnly: string
  }
  readonly keys: {
    readonly intro: string
    readonly caption: (n: number) => string
    readonly name: string
    readonly purposes: string
    readonly recipient: string
    readonly created: string
    readonly lastUsed: string
    readonly state: string
    readonly active: string
    readonly revokedOn: (on: string) => string
    readonly never: string
    readonly none: string
    readonly revoke: string
    readonly create: string
    readonly nameHint: string
    readonly purposesLegend: string
    readonly intake: string
    readonly intakeHint: string
    readonly noRecipient: string
    readonly tenant: string
    readonly tenantHint: string
    readonly createSubmit: string
    readonly createdTitle: string
    readonly tokenLabel: string
    readonly tokenWarning: string
    readonly backToKeys: string
  }
  /** What a done change says, by the notice code in the redirect. */
  readonly notices: Readonly<Record<StaffNotice, string>>
  /** Refusals of the staff room, by error code; other refusals show the domain's own words. */
  readonly errors: Readonly<Record<string, string>>
  readonly badInput: string
}

export const STAFF_NOTICES = ['invited', 'granted', 'granted_pending', 'approved', 'removed', 'disabled', 'enabled', 'reset', 'revoked', 'revoked_all', 'undertaking', 'confirmed', 'key_revoked'] as const
export type StaffNotice = (typeof STAFF_NOTICES)[number]

const nl: StaffTexts = {
  title: 'Medewerkers en sleutels',
  sections: { accounts: 'Accounts', review: 'Toegangsbeoordeling', keys: 'API-sleutels' },
  notAllowed: 'Alleen een personeelsbeheerder (staff_admin) of de functionaris voor gegevensbescherming opent deze pagina’s.',
  readOnly: 'U kunt deze gegevens lezen; wijzigen doet een personeelsbeheerder (staff_admin).',
  accounts: {
    intro: 'Wie een personeelsaccount heeft, welke rollen gelden en welke nog op de goedkeuring van een tweede persoon wachten.',
    caption: (n) => `${n} account${n === 1 ? '' : 's'}`,
    email: 'E-mailadres',
    status: 'Status',
    roles: 'Rollen',
    lastSignIn: 'Laatst aangemeld',
    undertaking: 'Vertrouwelijkheidsverklaring',
    never: 'nog nooit',
    none: 'geen',
    statusName: { pending: 'wacht op instelling', active: 'actief', disabled: 'uitgeschakeld' },
    inEffect: 'geldt',
    awaiting: 'wacht op goedkeuring',
    open: 'Openen',
  },
  invite: { title: 'Iemand uitnodigen', hint: 'De instellingslink gaat per e-mail naar de persoon zelf, niet naar u. Een rol die persoonsgegevens opent, geldt pas na goedkeuring door een andere beheerder.', email: 'Werk-e-mailadres van de persoon', role: 'Eerste rol', submit: 'Uitnodiging versturen' },
  account: {
    title: (id) => `Account ${id}`,
    back: 'Terug naar de accounts',
    facts: 'Gegevens',
    id: 'Account-id',
    created: 'Aangemaakt',
    roles: 'Rollen',
    role: 'Rol',
    state: 'Stand',
    grantedBy: 'Toegekend door',
    approvedBy: 'Goedgekeurd door',
    actions: 'Acties',
    approve: 'Goedkeuren',
    remove: 'Intrekken',
    noRoles: 'Dit account heeft geen rol.',
    grant: 'Een rol toekennen',
    grantHint: 'Een rol die persoonsgegevens opent, wacht op de goedkeuring van een andere beheerder dan u.',
    grantSubmit: 'Rol toekennen',
    manage: 'Account beheren',
    disable: 'Account uitschakelen',
    disableHint: 'Alle sessies eindigen meteen en de instellingslink werkt niet meer.',
    enable: 'Account weer inschakelen',
    enableHint: 'Rollen die persoonsgegevens openen, wachten opnieuw op de goedkeuring van een andere beheerder.',
    reset: 'Tweede factor opnieuw instellen',
    resetHint: 'De oude codes en herstelcodes werken niet meer, alle sessies eindigen en de persoon krijgt per e-mail een nieuwe instellingslink.',
    sessions: 'Actieve sessies',
    sessionsCaption: (n) => `${n} actieve sessie${n === 1 ? '' : 's'}`,
    signedIn: 'Aangemeld',
    lastUsed: 'Laatst gebruikt',
    browser: 'Browser',
    revoke: 'Sessie beëindigen',
    revokeAll: 'Alle sessies beëindigen',
    noSessions: 'Geen actieve sessie.',
    unknownBrowser: 'onbekend',
    undertaking: 'Vertrouwelijkheidsverklaring registreren',
    undertakingHint: 'De datum waarop de persoon de verklaring ondertekende en waar het document is opgeborgen (REQ-SEC-07).',
    signedOn: 'Ondertekend op',
    reference: 'Referentie van het document',
    referenceHint: 'optioneel: een documentnummer of bestandsnaam',
    undertakingSubmit: 'Verklaring registreren',
  },
  review: {
    intro: 'Elk kwartaal bevestigt de functionaris voor gegevensbescherming wie welke rol heeft (REQ-SEC-01). De bevestiging staat in het auditlogboek.',
    last: (at, by, n) => `Laatst bevestigd op ${at} door ${by} (${n} account${n === 1 ? '' : 's'}).`,
    never: 'Nog nooit bevestigd.',
    due: (on) => `Volgende beoordeling uiterlijk op ${on}.`,
    overdue: 'De beoordeling is nu verschuldigd.',
    caption: 'Wie welke rol heeft (alleen rollen die gelden)',
    account: 'Account',
    roles: 'Rollen die gelden',
    undertaking: 'Vertrouwelijkheidsverklaring',
    confirm: 'Ik bevestig deze toewijzingen',
    confirmHint: 'Bevestig alleen wat u hebt nagekeken: elke rol is nog nodig voor het werk van die persoon.',
    dpoOnly: 'Alleen de functionaris voor gegevensbescherming bevestigt de toewijzingen.',
  },
  keys: {
    intro: 'Sleutels waarmee diensten de API gebruiken. Het geheim zelf wordt nooit bewaard of opnieuw getoond.',
    caption: (n) => `${n} sleutel${n === 1 ? '' : 's'}`,
    name: 'Naam',
    purposes: 'Doeleinden',
    recipient: 'Ontvanger',
    created: 'Aangemaakt',
    lastUsed: 'Laatst gebruikt',
    state: 'Stand',
    active: 'actief',
    revokedOn: (on) => `ingetrokken op ${on}`,
    never: 'nog nooit',
    none: 'Nog geen API-sleutel.',
    revoke: 'Intrekken',
    create: 'Een sleutel aanmaken',
    nameHint: '1 tot 64 letters, cijfers, spaties, punten, streepjes of underscores',
    purposesLegend: 'Doeleinden die de sleutel mag gebruiken',
    intake: 'Openbare formulieren (intake)',
    intakeHint: 'Voor de website van de verwerkingsverantwoordelijke: nieuwsbrief- en verzoekformulieren',
    noRecipient: 'geen (een eigen dienst)',
    tenant: 'Klant (tenant), voor verwerking in opdracht',
    tenantHint: 'leeg laten voor de eigen doeleinden',
    createSubmit: 'Sleutel aanmaken',
    createdTitle: 'De sleutel is aangemaakt',
    tokenLabel: 'De sleutel',
    tokenWarning: 'Kopieer de sleutel nu en bewaar hem veilig: hij wordt maar één keer getoond. Wie hem heeft, gebruikt de API met deze doeleinden.',
    backToKeys: 'Terug naar de API-sleutels',
  },
  notices: {
    invited: 'De uitnodiging is verstuurd: de instellingslink staat in de mailbox van de persoon.',
    granted: 'De rol is toegekend en geldt.',
    granted_pending: 'De rol is toegekend. Hij geldt zodra een andere beheerder hem goedkeurt.',
    approved: 'De rol is goedgekeurd en geldt.',
    removed: 'De rol is ingetrokken.',
    disabled: 'Het account is uitgeschakeld; de sessies zijn beëindigd.',
    enabled: 'Het account is weer ingeschakeld.',
    reset: 'De tweede factor is opnieuw ingesteld; de nieuwe instellingslink is naar de persoon gemaild.',
    revoked: 'De sessie is beëindigd.',
    revoked_all: 'Alle sessies zijn beëindigd.',
    undertaking: 'De vertrouwelijkheidsverklaring is geregistreerd.',
    confirmed: 'Dank u: de toewijzingen zijn bevestigd en de bevestiging staat in het auditlogboek.',
    key_revoked: 'De sleutel is ingetrokken: hij werkt niet meer.',
  },
  errors: {
    account_not_found: 'Er is geen personeelsaccount met deze id.',
    same_party: 'U hebt deze rol zelf toegekend: een andere beheerder moet hem goedkeuren, zodat niemand alleen toegang geeft.',
    not_on_yourself: 'Dit doet u niet voor uw eigen account: een andere beheerder doet het.',
    role_held: 'Het account heeft deze rol al.',
    role_approved: 'Deze rol is al goedgekeurd.',
    account_exists: 'Er bestaat al een account met dit adres: ken het de rol toe.',
    invalid_email: 'Dit is geen geldig e-mailadres.',
    invalid_date: 'De ondertekeningsdatum is geen datum (JJJJ-MM-DD) van vandaag of eerder.',
    invalid_reference: 'De referentie is een documentnummer of bestandsnaam: tot 120 letters, cijfers, spaties en . : / # - _',
    staff_admin_only: 'Alleen een personeelsbeheerder (staff_admin) doet dit.',
    dpo_only: 'Alleen de functionaris voor gegevensbescherming bevestigt de toewijzingen.',
  },
  badInput: 'Het formulier is niet ingevuld zoals verwacht: kijk het na en verstuur het opnieuw.',
}

const fr: StaffTexts = {
  title: 'Personnel et clés',
  sections: { accounts: 'Comptes', review: 'Revue des accès', keys: 'Clés d’API' },
  notAllowed: 'Seul un administrateur du personnel (staff_admin) ou le délégué à la protection des données ouvre ces pages.',
  readOnly: 'Vous pouvez lire ces informations ; les modifications sont faites par un administrateur du personnel (staff_admin).',
  accounts: {
    intro: 'Qui a un compte du personnel, quels rôles sont en vigueur et lesquels attendent l’approbation d’une seconde personne.',
    caption: (n) => `${n} compte${n === 1 ? '' : 's'}`,
    email: 'Adresse e-mail',
    status: 'Statut',
    roles: 'Rôles',
    lastSignIn: 'Dernière connexion',
    undertaking: 'Engagement de confidentialité',
    never: 'jamais',
    none: 'aucun',
    statusName: { pending: 'configuration en attente', active: 'actif', disabled: 'désactivé' },
    inEffect: 'en vigueur',
    awaiting: 'en attente d’approbation',
    open: 'Ouvrir',
  },
  invite: { title: 'Inviter une personne', hint: 'Le lien de configuration est envoyé par e-mail à la personne elle-même, pas à vous. Un rôle qui ouvre des données personnelles n’est en vigueur qu’après l’approbation d’un autre administrateur.', email: 'Adresse e-mail professionnelle de la personne', role: 'Premier rôle', submit: 'Envoyer l’invitation' },
  account: {
    title: (id) => `Compte ${id}`,
    back: 'Retour aux comptes',
    facts: 'Informations',
    id: 'Identifiant du compte',
    created: 'Créé le',
    roles: 'Rôles',
    role: 'Rôle',
    state: 'État',
    grantedBy: 'Attribué par',
    approvedBy: 'Approuvé par',
    actions: 'Actions',
    approve: 'Approuver',
    remove: 'Retirer',
    noRoles: 'Ce compte n’a aucun rôle.',
    grant: 'Attribuer un rôle',
    grantHint: 'Un rôle qui ouvre des données personnelles attend l’approbation d’un autre administrateur que vous.',
    grantSubmit: 'Attribuer le rôle',
    manage: 'Gérer le compte',
    disable: 'Désactiver le compte',
    disableHint: 'Toutes les sessions prennent fin immédiatement et le lien de configuration ne fonctionne plus.',
    enable: 'Réactiver le compte',
    enableHint: 'Les rôles qui ouvrent des données personnelles attendent à nouveau l’approbation d’un autre administrateur.',
    reset: 'Réinitialiser le second facteur',
    resetHint: 'Les anciens codes et codes de secours ne fonctionnent plus, toutes les sessions prennent fin et la personne reçoit par e-mail un nouveau lien de configuration.',
    sessions: 'Sessions actives',
    sessionsCaption: (n) => `${n} session${n === 1 ? '' : 's'} active${n === 1 ? '' : 's'}`,
    signedIn: 'Connexion',
    lastUsed: 'Dernière utilisation',
    browser: 'Navigateur',
    revoke: 'Mettre fin à la session',
    revokeAll: 'Mettre fin à toutes les sessions',
    noSessions: 'Aucune session active.',
    unknownBrowser: 'inconnu',
    undertaking: 'Enregistrer un engagement de confidentialité',
    undertakingHint: 'La date à laquelle la personne a signé l’engagement et l’endroit où le document est classé (REQ-SEC-07).',
    signedOn: 'Signé le',
    reference: 'Référence du document',
    referenceHint: 'facultatif : un numéro de document ou un nom de fichier',
    undertakingSubmit: 'Enregistrer l’engagement',
  },
  review: {
    intro: 'Chaque trimestre, le délégué à la protection des données confirme qui détient quel rôle (REQ-SEC-01). La confirmation figure dans le journal d’audit.',
    last: (at, by, n) => `Dernière confirmation le ${at} par ${by} (${n} compte${n === 1 ? '' : 's'}).`,
    never: 'Jamais confirmée.',
    due: (on) => `Prochaine revue au plus tard le ${on}.`,
    overdue: 'La revue est due maintenant.',
    caption: 'Qui détient quel rôle (rôles en vigueur uniquement)',
    account: 'Compte',
    roles: 'Rôles en vigueur',
    undertaking: 'Engagement de confidentialité',
    confirm: 'Je confirme ces attributions',
    confirmHint: 'Ne confirmez que ce que vous avez vérifié : chaque rôle reste nécessaire au travail de la personne.',
    dpoOnly: 'Seul le délégué à la protection des données confirme les attributions.',
  },
  keys: {
    intro: 'Les clés avec lesquelles des services utilisent l’API. Le secret lui-même n’est jamais conservé ni affiché à nouveau.',
    caption: (n) => `${n} clé${n === 1 ? '' : 's'}`,
    name: 'Nom',
    purposes: 'Finalités',
    recipient: 'Destinataire',
    created: 'Créée le',
    lastUsed: 'Dernière utilisation',
    state: 'État',
    active: 'active',
    revokedOn: (on) => `révoquée le ${on}`,
    never: 'jamais',
    none: 'Aucune clé d’API pour l’instant.',
    revoke: 'Révoquer',
    create: 'Créer une clé',
    nameHint: '1 à 64 lettres, chiffres, espaces, points, tirets ou traits de soulignement',
    purposesLegend: 'Finalités que la clé peut utiliser',
    intake: 'Formulaires publics (intake)',
    intakeHint: 'Pour le site web du responsable du traitement : formulaires de lettre d’information et de demande',
    noRecipient: 'aucun (un service interne)',
    tenant: 'Client (tenant), pour un traitement en sous-traitance',
    tenantHint: 'laisser vide pour les finalités propres',
    createSubmit: 'Créer la clé',
    createdTitle: 'La clé a été créée',
    tokenLabel: 'La clé',
    tokenWarning: 'Copiez la clé maintenant et conservez-la en lieu sûr : elle n’est affichée qu’une seule fois. Qui la détient utilise l’API avec ces finalités.',
    backToKeys: 'Retour aux clés d’API',
  },
  notices: {
    invited: 'L’invitation a été envoyée : le lien de configuration se trouve dans la boîte de réception de la personne.',
    granted: 'Le rôle a été attribué et il est en vigueur.',
    granted_pending: 'Le rôle a été attribué. Il sera en vigueur dès qu’un autre administrateur l’aura approuvé.',
    approved: 'Le rôle a été approuvé et il est en vigueur.',
    removed: 'Le rôle a été retiré.',
    disabled: 'Le compte a été désactivé ; ses sessions ont pris fin.',
    enabled: 'Le compte a été réactivé.',
    reset: 'Le second facteur a été réinitialisé ; le nouveau lien de configuration a été envoyé par e-mail à la personne.',
    revoked: 'La session a pris fin.',
    revoked_all: 'Toutes les sessions ont pris fin.',
    undertaking: 'L’engagement de confidentialité a été enregistré.',
    confirmed: 'Merci : les attributions sont confirmées et la confirmation figure dans le journal d’audit.',
    key_revoked: 'La clé a été révoquée : elle ne fonctionne plus.',
  },
  errors: {
    account_not_found: 'Il n’existe aucun compte du personnel avec cet identifiant.',
    same_party: 'Vous avez attribué ce rôle vous-même : un autre administrateur doit l’approuver, afin que personne ne donne accès seul.',
    not_on_yourself: 'Vous ne faites pas ceci pour votre propre compte : un autre administrateur le fait.',
    role_held: 'Le compte détient déjà ce rôle.',
    role_approved: 'Ce rôle est déjà approuvé.',
    account_exists: 'Un compte avec cette adresse existe déjà : attribuez-lui le rôle.',
    invalid_email: 'Ce n’est pas une adresse e-mail valide.',
    invalid_date: 'La date de signature n’est pas une date (AAAA-MM-JJ) d’aujourd’hui ou antérieure.',
    invalid_reference: 'La référence est un numéro de document ou un nom de fichier : jusqu’à 120 lettres, chiffres, espaces et . : / # - _',
    staff_admin_only: 'Seul un administrateur du personnel (staff_admin) fait ceci.',
    dpo_only: 'Seul le délégué à la protection des données confirme les attributions.',
  },
  badInput: 'Le formulaire n’a pas été rempli comme prévu : vérifiez-le et envoyez-le à nouveau.',
}

const en: StaffTexts = {
  title: 'Staff and keys',
  sections: { accounts: 'Accounts', review: 'Access review', keys: 'API keys' },
  notAllowed: 'Only a staff administrator (staff_admin) or the data protection officer opens these pages.',
  readOnly: 'You can read these records; a staff administrator (staff_admin) changes them.',
  accounts: {
    intro: 'Who has a staff account, which roles are in effect and which await a second party’s approval.',
    caption: (n) => `${n} account${n === 1 ? '' : 's'}`,
    email: 'E-mail address',
    status: 'Status',
    roles: 'Roles',
    lastSignIn: 'Last sign-in',
    undertaking: 'Confidentiality undertaking',
    never: 'never',
    none: 'none',
    statusName: { pending: 'setup pending', active: 'active', disabled: 'disabled' },
    inEffect: 'in effect',
    awaiting: 'awaiting approval',
    open: 'Open',
  },
  invite: { title: 'Invite a person', hint: 'The setup link is mailed to the person, not shown to you. A role that opens personal data takes effect only once another administrator approves it.', email: 'The person’s work e-mail address', role: 'First role', submit: 'Send the invitation' },
  account: {
    title: (id) => `Account ${id}`,
    back: 'Back to the accounts',
    facts: 'Details',
    id: 'Account id',
    created: 'Created',
    roles: 'Roles',
    role: 'Role',
    state: 'State',
    grantedBy: 'Granted by',
    approvedBy: 'Approved by',
    actions: 'Actions',
    approve: 'Approve',
    remove: 'Remove',
    noRoles: 'This account holds no role.',
    grant: 'Grant a role',
    grantHint: 'A role that opens personal data waits for the approval of another administrator than you.',
    grantSubmit: 'Grant the role',
    manage: 'Manage the account',
    disable: 'Disable the account',
    disableHint: 'Every session ends at once and the setup link stops working.',
    enable: 'Enable the account again',
    enableHint: 'Roles that open personal data wait again for another administrator’s approval.',
    reset: 'Reset the second factor',
    resetHint: 'The old codes and recovery codes stop working, every session ends, and the person receives a new setup link by e-mail.',
    sessions: 'Live sessions',
    sessionsCaption: (n) => `${n} live session${n === 1 ? '' : 's'}`,
    signedIn: 'Signed in',
    lastUsed: 'Last used',
    browser: 'Browser',
    revoke: 'End the session',
    revokeAll: 'End every session',
    noSessions: 'No live session.',
    unknownBrowser: 'unknown',
    undertaking: 'Record a confidentiality undertaking',
    undertakingHint: 'The date the person signed the undertaking, and where the document is filed (REQ-SEC-07).',
    signedOn: 'Signed on',
    reference: 'Document reference',
    referenceHint: 'optional: a document number or file name',
    undertakingSubmit: 'Record the undertaking',
  },
  review: {
    intro: 'Each quarter the data protection officer confirms who holds which role (REQ-SEC-01). The confirmation is in the audit log.',
    last: (at, by, n) => `Last confirmed on ${at} by ${by} (${n} account${n === 1 ? '' : 's'}).`,
    never: 'Never confirmed yet.',
    due: (on) => `Next review due by ${on}.`,
    overdue: 'The review is due now.',
    caption: 'Who holds which role (roles in effect only)',
    account: 'Account',
    roles: 'Roles in effect',
    undertaking: 'Confidentiality undertaking',
    confirm: 'I confirm these assignments',
    confirmHint: 'Confirm only what you checked: each role is still needed for that person’s work.',
    dpoOnly: 'Only the data protection officer confirms the assignments.',
  },
  keys: {
    intro: 'The keys with which services use the API. The secret itself is never stored nor shown again.',
    caption: (n) => `${n} key${n === 1 ? '' : 's'}`,
    name: 'Name',
    purposes: 'Purposes',
    recipient: 'Recipient',
    created: 'Created',
    lastUsed: 'Last used',
    state: 'State',
    active: 'active',
    revokedOn: (on) => `revoked on ${on}`,
    never: 'never',
    none: 'No API key yet.',
    revoke: 'Revoke',
    create: 'Create a key',
    nameHint: '1 to 64 letters, digits, spaces, dots, dashes or underscores',
    purposesLegend: 'Purposes the key may use',
    intake: 'Public forms (intake)',
    intakeHint: 'For the controller’s own website: the newsletter and request forms',
    noRecipient: 'none (one of our own services)',
    tenant: 'Customer (tenant), for processing on a customer’s behalf',
    tenantHint: 'leave empty for the controller’s own purposes',
    createSubmit: 'Create the key',
    createdTitle: 'The key is created',
    tokenLabel: 'The key',
    tokenWarning: 'Copy the key now and keep it somewhere safe: it is shown this once only. Whoever holds it uses the API with these purposes.',
    backToKeys: 'Back to the API keys',
  },
  notices: {
    invited: 'The invitation is sent: the setup link is in the person’s mailbox.',
    granted: 'The role is granted and in effect.',
    granted_pending: 'The role is granted. It takes effect once another administrator approves it.',
    approved: 'The role is approved and in effect.',
    removed: 'The role is removed.',
    disabled: 'The account is disabled; its sessions have ended.',
    enabled: 'The account is enabled again.',
    reset: 'The second factor is reset; the new setup link was mailed to the person.',
    revoked: 'The session has ended.',
    revoked_all: 'Every session has ended.',
    undertaking: 'The confidentiality undertaking is recorded.',
    confirmed: 'Thank you: the assignments are confirmed, and the confirmation is in the audit log.',
    key_revoked: 'The key is revoked: it no longer works.',
  },
  errors: {
    account_not_found: 'There is no staff account with this id.',
    same_party: 'You granted this role yourself: another administrator must approve it, so that no one gives access alone.',
    not_on_yourself: 'You do not do this to your own account: another administrator does it.',
    role_held: 'The account already holds this role.',
    role_approved: 'This role is approved already.',
    account_exists: 'An account with this address exists already: grant it the role instead.',
    invalid_email: 'This is not a valid e-mail address.',
    invalid_date: 'The signing date is not a date (YYYY-MM-DD) of today or earlier.',
    invalid_reference: 'The reference is a document number or file name: up to 120 letters, digits, spaces and . : / # - _',
    staff_admin_only: 'Only a staff administrator (staff_admin) does this.',
    dpo_only: 'Only the data protection officer confirms the assignments.',
  },
  badInput: 'The form was not filled in as expected: check it and send it again.',
}

export const STAFF_TEXTS: Record<Language, StaffTexts> = { nl, fr, en }
