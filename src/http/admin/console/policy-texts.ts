// The Policy page's words in Dutch (formal: u), French (vous) and English: the version in force,
// the published versions, the draft on disk and its material changes, the publish form and the
// progress of the material-change notices (REQ-TR-04).
import type { Language } from '../../../policy/schema.ts'

export type NotificationStatus = 'none' | 'pending' | 'sent' | 'incomplete'

export interface PolicyTexts {
  readonly title: string
  readonly intro: string
  readonly notAllowed: string
  readonly inForce: string
  readonly version: (n: number) => string
  readonly effective: string
  readonly published: string
  readonly nothingPublished: string
  readonly publicVersions: string
  readonly versions: string
  readonly versionsCaption: string
  readonly versionCol: string
  readonly materialCol: string
  readonly noticesCol: string
  readonly firstVersion: string
  readonly noMaterial: string
  readonly status: Readonly<Record<NotificationStatus, string>>
  readonly draft: string
  readonly noDraft: (latest: number) => string
  readonly isDraft: (latest: number | undefined, next: number) => string
  readonly unreadable: string
  readonly materialYes: string
  readonly materialPurposes: string
  readonly materialNotice: (days: number) => string
  readonly concerns: string
  readonly concernsNobody: string
  readonly materialNo: string
  readonly changesAgainst: (inForce: number) => string
  readonly publish: string
  readonly publishIntro: (next: number) => string
  readonly effectiveLabel: string
  readonly earliestHint: (date: string, iso: string) => string
  readonly submit: (next: number) => string
  readonly dpoOnly: string
  readonly errors: {
    readonly badDate: string
    readonly inPast: (date: string, iso: string) => string
    readonly noticePeriod: (days: number, date: string, iso: string) => string
    readonly unchanged: string
    readonly draftChanged: string
    readonly unreadable: string
  }
  readonly done: (version: number, date: string, queued: number) => string
  readonly notices: string
  readonly noticesIntro: string
  readonly noticesCaption: string
  readonly noNotices: string
  readonly total: string
  readonly pending: string
  readonly sent: string
  readonly failed: string
  readonly noContact: string
}

export const POLICY_TEXTS: Readonly<Record<Language, PolicyTexts>> = {
  nl: {
    title: 'Beleid',
    intro: 'De privacyverklaring zoals ze geldt, de gepubliceerde versies, het beleidsbestand op de server dat nog niet gepubliceerd is, en de berichten aan de betrokkenen bij een wezenlijke wijziging.',
    notAllowed: 'Alleen de functionaris voor gegevensbescherming en een beheerder van medewerkers openen deze pagina. Uw poging is in het auditlogboek opgenomen.',
    inForce: 'Versie die nu geldt',
    version: (n) => `Versie ${n}`,
    effective: 'Geldt vanaf',
    published: 'Gepubliceerd op',
    nothingPublished: 'Er is nog geen versie gepubliceerd.',
    publicVersions: 'De openbare pagina met alle versies',
    versions: 'Gepubliceerde versies',
    versionsCaption: 'Gepubliceerde versies, de nieuwste eerst',
    versionCol: 'Versie',
    materialCol: 'Wezenlijke wijzigingen',
    noticesCol: 'Berichten aan betrokkenen',
    firstVersion: 'Eerste versie',
    noMaterial: 'Geen',
    status: { none: 'niet nodig', pending: 'worden verstuurd', sent: 'verstuurd', incomplete: 'onvolledig (sommige niet bezorgd of geen adres)' },
    draft: 'Ontwerp op de server',
    noDraft: (n) => `Het beleidsbestand op de server is gelijk aan versie ${n}: er is niets te publiceren.`,
    isDraft: (latest, next) => `Het beleidsbestand op de server verschilt van ${latest === undefined ? 'wat gepubliceerd is' : `versie ${latest}, de laatst gepubliceerde`}. Het wordt gepubliceerd als versie ${next}.`,
    unreadable: 'Het beleidsbestand op de server is geen geldig beleid en kan niet gepubliceerd worden. Wat er mis is:',
    materialYes: 'Wezenlijke wijziging',
    materialPurposes: 'Deze doeleinden wijzigen wezenlijk:',
    materialNotice: (d) => `De betrokkenen krijgen een e-mail, en de wijziging mag pas ${d} dagen na vandaag gelden.`,
    concerns: 'Wie een bericht krijgt (iedereen met een e-mailadres van deze soort):',
    concernsNobody: 'De wijziging betreft niemand van wie wij zelf verwerkingsverantwoordelijke zijn: er wordt geen bericht verstuurd.',
    materialNo: 'Geen wezenlijke wijziging: alleen de tekst verandert. Het ontwerp mag vandaag al gelden.',
    changesAgainst: (n) => `Wat verandert ten opzichte van versie ${n}, die nu geldt`,
    publish: 'Publiceren',
    publishIntro: (n) => `Publiceren maakt van het ontwerp versie ${n}. Bij een wezenlijke wijziging worden de berichten aan de betrokkenen meteen klaargezet en door de planner verstuurd.`,
    effectiveLabel: 'Geldt vanaf',
    earliestHint: (d, iso) => `Vroegst mogelijke datum: ${d} (${iso}).`,
    submit: (n) => `Versie ${n} publiceren`,
    dpoOnly: 'Alleen de functionaris voor gegevensbescherming publiceert een nieuwe versie.',
    errors: {
      badDate: 'Vul de datum in als JJJJ-MM-DD.',
      inPast: (d, iso) => `De datum mag niet voor vandaag liggen (${d}, ${iso}).`,
      noticePeriod: (days, d, iso) => `Deze wijziging is wezenlijk: de betrokkenen moeten ${days} dagen vooraf verwittigd worden. De vroegst mogelijke datum is ${d} (${iso}).`,
      unchanged: 'Het beleidsbestand is gelijk aan de laatst gepubliceerde versie: er is niets te publiceren.',
      draftChanged: 'Het beleidsbestand is gewijzigd nadat u deze pagina opende. Lees de wijzigingen opnieuw en publiceer dan.',
      unreadable: 'Het beleidsbestand is geen geldig beleid: er is niets gepubliceerd.',
    },
    done: (v, d, q) => `Versie ${v} is gepubliceerd en geldt vanaf ${d}. ${q === 0 ? 'Er is geen bericht te versturen.' : q === 1 ? '1 betrokkene krijgt een bericht per e-mail.' : `${q} betrokkenen krijgen een bericht per e-mail.`} De publicatie staat in het auditlogboek.`,
    notices: 'Berichten over wezenlijke wijzigingen',
    noticesIntro: 'Per versie met een wezenlijke wijziging: hoeveel berichten nog verstuurd moeten worden, verstuurd zijn, niet bezorgd konden worden, of geen adres meer hadden.',
    noticesCaption: 'Berichten per versie en per stand',
    noNotices: 'Geen enkele versie had berichten nodig.',
    total: 'Totaal',
    pending: 'Te versturen',
    sent: 'Verstuurd',
    failed: 'Niet bezorgd',
    noContact: 'Geen adres',
  },
  fr: {
    title: 'Politique',
    intro: "La déclaration de confidentialité en vigueur, les versions publiées, le fichier de politique du serveur qui n'est pas encore publié, et les avis aux personnes concernées lors d'une modification substantielle.",
    notAllowed: "Seuls le délégué à la protection des données et un administrateur du personnel ouvrent cette page. Votre tentative est inscrite au journal d'audit.",
    inForce: 'Version en vigueur',
    version: (n) => `Version ${n}`,
    effective: 'En vigueur le',
    published: 'Publiée le',
    nothingPublished: "Aucune version n'est encore publiée.",
    publicVersions: 'La page publique de toutes les versions',
    versions: 'Versions publiées',
    versionsCaption: 'Versions publiées, la plus récente en premier',
    versionCol: 'Version',
    materialCol: 'Modifications substantielles',
    noticesCol: 'Avis aux personnes concernées',
    firstVersion: 'Première version',
    noMaterial: 'Aucune',
    status: { none: 'pas nécessaires', pending: "en cours d'envoi", sent: 'envoyés', incomplete: 'incomplets (certains non remis ou sans adresse)' },
    draft: 'Projet sur le serveur',
    noDraft: (n) => `Le fichier de politique du serveur est identique à la version ${n}\u00a0: il n'y a rien à publier.`,
    isDraft: (latest, next) => `Le fichier de politique du serveur diffère de ${latest === undefined ? 'ce qui est publié' : `la version ${latest}, la dernière publiée`}. Il sera publié comme version ${next}.`,
    unreadable: "Le fichier de politique du serveur n'est pas une politique valable et ne peut pas être publié. Ce qui ne va pas\u00a0:",
    materialYes: 'Modification substantielle',
    materialPurposes: 'Ces finalités changent de manière substantielle\u00a0:',
    materialNotice: (d) => `Les personnes concernées reçoivent un e-mail, et la modification ne peut s'appliquer que ${d} jours après aujourd'hui.`,
    concerns: "Qui reçoit un avis (toute personne de ce type dont nous avons l'adresse e-mail)\u00a0:",
    concernsNobody: "La modification ne concerne personne dont nous sommes nous-mêmes responsables du traitement\u00a0: aucun avis n'est envoyé.",
    materialNo: "Pas de modification substantielle\u00a0: seul le texte change. Le projet peut s'appliquer dès aujourd'hui.",
    changesAgainst: (n) => `Ce qui change par rapport à la version ${n}, en vigueur`,
    publish: 'Publier',
    publishIntro: (n) => `La publication fait du projet la version ${n}. Lors d'une modification substantielle, les avis aux personnes concernées sont préparés aussitôt et envoyés par le planificateur.`,
    effectiveLabel: 'En vigueur le',
    earliestHint: (d, iso) => `Date la plus proche possible\u00a0: ${d} (${iso}).`,
    submit: (n) => `Publier la version ${n}`,
    dpoOnly: 'Seul le délégué à la protection des données publie une nouvelle version.',
    errors: {
      badDate: 'Indiquez la date sous la forme AAAA-MM-JJ.',
      inPast: (d, iso) => `La date ne peut pas précéder aujourd'hui (${d}, ${iso}).`,
      noticePeriod: (days, d, iso) => `Cette modification est substantielle\u00a0: les personnes concernées doivent être averties ${days} jours à l'avance. La date la plus proche possible est le ${d} (${iso}).`,
      unchanged: "Le fichier de politique est identique à la dernière version publiée\u00a0: il n'y a rien à publier.",
      draftChanged: 'Le fichier de politique a changé après que vous avez ouvert cette page. Relisez les modifications, puis publiez.',
      unreadable: "Le fichier de politique n'est pas une politique valable\u00a0: rien n'a été publié.",
    },
    done: (v, d, q) => `La version ${v} est publiée et s'applique à partir du ${d}. ${q === 0 ? "Aucun avis n'est à envoyer." : q === 1 ? '1 personne concernée reçoit un avis par e-mail.' : `${q} personnes concernées reçoivent un avis par e-mail.`} La publication est inscrite au journal d'audit.`,
    notices: 'Avis de modifications substantielles',
    noticesIntro: "Pour chaque version comportant une modification substantielle\u00a0: combien d'avis restent à envoyer, ont été envoyés, n'ont pas pu être remis, ou n'avaient plus d'adresse.",
    noticesCaption: 'Avis par version et par état',
    noNotices: "Aucune version n'a nécessité d'avis.",
    total: 'Total',
    pending: 'À envoyer',
    sent: 'Envoyés',
    failed: 'Non remis',
    noContact: 'Sans adresse',
  },
  en: {
    title: 'Policy',
    intro: 'The privacy statement in force, the published versions, the policy file on the server that is not published yet, and the notices to the people concerned by a material change.',
    notAllowed: 'Only the data protection officer and a staff administrator open this page. Your attempt is recorded in the audit log.',
    inForce: 'Version in force',
    version: (n) => `Version ${n}`,
    effective: 'Takes effect',
    published: 'Published',
    nothingPublished: 'No version is published yet.',
    publicVersions: 'The public page of every version',
    versions: 'Published versions',
    versionsCaption: 'Published versions, the newest first',
    versionCol: 'Version',
    materialCol: 'Material changes',
    noticesCol: 'Notices to the people concerned',
    firstVersion: 'First version',
    noMaterial: 'None',
    status: { none: 'not needed', pending: 'being sent', sent: 'sent', incomplete: 'incomplete (some not delivered or without an address)' },
    draft: 'Draft on the server',
    noDraft: (n) => `The policy file on the server is the same as version ${n}: there is nothing to publish.`,
    isDraft: (latest, next) => `The policy file on the server differs from ${latest === undefined ? 'what is published' : `version ${latest}, the latest published`}. It would be published as version ${next}.`,
    unreadable: 'The policy file on the server is not valid policy and cannot be published. What is wrong:',
    materialYes: 'Material change',
    materialPurposes: 'These purposes change materially:',
    materialNotice: (d) => `The people concerned are told by e-mail, and the change may take effect no sooner than ${d} days from today.`,
    concerns: 'Who is told (everyone of this kind whose e-mail address we hold):',
    concernsNobody: 'The change concerns nobody we are the controller for: no notice is sent.',
    materialNo: 'No material change: only the wording changes. The draft may take effect today.',
    changesAgainst: (n) => `What changes against version ${n}, in force`,
    publish: 'Publish',
    publishIntro: (n) => `Publishing makes the draft version ${n}. For a material change, the notices to the people concerned are queued at once and sent by the scheduler.`,
    effectiveLabel: 'Takes effect on',
    earliestHint: (d, iso) => `Earliest possible date: ${d} (${iso}).`,
    submit: (n) => `Publish version ${n}`,
    dpoOnly: 'Only the data protection officer publishes a new version.',
    errors: {
      badDate: 'Enter the date as YYYY-MM-DD.',
      inPast: (d, iso) => `The date may not be before today (${d}, ${iso}).`,
      noticePeriod: (days, d, iso) => `This change is material: the people concerned must be told ${days} days before it takes effect. The earliest possible date is ${d} (${iso}).`,
      unchanged: 'The policy file is the same as the latest published version: there is nothing to publish.',
      draftChanged: 'The policy file changed after you opened this page. Read the changes again, then publish.',
      unreadable: 'The policy file is not valid policy: nothing was published.',
    },
    done: (v, d, q) => `Version ${v} is published and takes effect on ${d}. ${q === 0 ? 'There is no notice to send.' : q === 1 ? '1 person concerned is told by e-mail.' : `${q} people concerned are told by e-mail.`} The publication is in the audit log.`,
    notices: 'Notices of material changes',
    noticesIntro: 'For each version with a material change: how many notices are still to be sent, were sent, could not be delivered, or had no address any more.',
    noticesCaption: 'Notices by version and status',
    noNotices: 'No version needed notices.',
    total: 'Total',
    pending: 'To send',
    sent: 'Sent',
    failed: 'Not delivered',
    noContact: 'No address',
  },
}
