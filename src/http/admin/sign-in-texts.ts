// The words of the pages before the console: setting up an account, signing in, the recovery codes
// and the error page, in Dutch, French and English (formal register). The domain's refusals are
// worded here by their code, so a member of staff reads them in the page's language.
import type { Language } from '../../policy/schema.ts'
import { AppError } from '../errors.ts'

export interface SignInTexts {
  readonly staff: string
  readonly signOut: string
  readonly languageLabel: string
  readonly setupInvalid: { readonly title: string; readonly body: string; readonly signIn: string; readonly ifSetUp: string }
  readonly setup: {
    readonly title: string
    readonly firstRun: string
    readonly yourAccount: string
    readonly choose: string
    readonly email: string
    readonly password: string
    readonly passwordHint: (min: number) => string
    readonly password2: string
    readonly continue: string
    readonly mismatch: string
  }
  readonly code: { readonly title: string; readonly intro: string; readonly qr: string; readonly key: string; readonly label: string; readonly confirm: string }
  readonly recovery: { readonly title: string; readonly ready: string; readonly intro: string; readonly signIn: string }
  readonly login: { readonly title: string; readonly email: string; readonly password: string; readonly code: string; readonly codeHint: string; readonly submit: string; readonly signedOut: string }
  readonly error: { readonly title: string; readonly wait: string; readonly badForm: string; readonly ours: string; readonly back: string }
  /** Absent for English: the domain's own sentences are English already. */
  readonly refusals?: {
    readonly wrong: string
    readonly triesLeft: (tries: number, minutes: number) => string
    readonly locked: (until: string, minutes: number) => string
    readonly wrongCode: string
    readonly accountExists: string
    readonly invalidEmail: string
  }
}

export const SIGN_IN_TEXTS: Readonly<Record<Language, SignInTexts>> = {
  nl: {
    staff: 'medewerkers',
    signOut: 'Afmelden',
    languageLabel: 'Taal',
    setupInvalid: {
      title: 'Deze instellingslink werkt niet',
      body: 'De link is onbekend, werd al gebruikt of is ouder dan 24 uur. Vraag een beheerder van medewerkers om een nieuwe; op de server maakt <code>pledge staff link EMAIL</code> er een.',
      signIn: 'Meld u aan',
      ifSetUp: 'als uw account al ingesteld is.',
    },
    setup: {
      title: 'Uw medewerkersaccount instellen',
      firstRun: 'Dit is het eerste medewerkersaccount. Het wordt de <strong>beheerder van medewerkers</strong>: het beheert accounts en rollen en opent geen persoonsgegevens. Een rol die persoonsgegevens opent, werkt pas als een tweede partij ze goedkeurt.',
      yourAccount: 'Uw account',
      choose: 'Kies een wachtwoord; daarna stelt u een authenticator-app in.',
      email: 'Uw e-mailadres op het werk',
      password: 'Wachtwoord',
      passwordHint: (min) => `Minstens ${min} tekens; veelgebruikte wachtwoorden worden geweigerd. Enkele losse woorden vormen een goed wachtwoord.`,
      password2: 'Hetzelfde wachtwoord nog eens',
      continue: 'Doorgaan',
      mismatch: 'De twee wachtwoorden zijn niet gelijk.',
    },
    code: {
      title: 'Uw authenticator-app instellen',
      intro: 'Elk medewerkersaccount meldt zich aan met een tweede factor. Scan deze code met een authenticator-app (FreeOTP, Aegis, Google Authenticator, 1Password…), of typ de sleutel hieronder in de app.',
      qr: 'QR-code voor uw authenticator-app',
      key: 'Sleutel',
      label: 'De code van 6 cijfers die de app nu toont',
      confirm: 'Bevestigen',
    },
    recovery: {
      title: 'Uw herstelcodes',
      ready: 'Uw account is klaar.',
      intro: 'Verliest u uw authenticator-app, dan laat elk van deze codes u één keer aanmelden in plaats van een code van 6 cijfers. Ze worden <strong>alleen nu</strong> getoond: druk ze af of bewaar ze in uw wachtwoordbeheerder.',
      signIn: 'Aanmelden',
    },
    login: {
      title: 'Aanmelden',
      email: 'E-mailadres op het werk',
      password: 'Wachtwoord',
      code: 'Code uit uw authenticator-app',
      codeHint: 'of een van uw herstelcodes',
      submit: 'Aanmelden',
      signedOut: 'U bent afgemeld.',
    },
    error: { title: 'Dit is niet gelukt', wait: 'Even geduld', badForm: 'Het formulier is niet ingevuld zoals verwacht: ga terug en probeer opnieuw.', ours: 'Er ging bij ons iets mis; probeer opnieuw.', back: 'Terug' },
    refusals: {
      wrong: 'Het e-mailadres, het wachtwoord of de code is fout.',
      triesLeft: (tries, minutes) => `Het e-mailadres, het wachtwoord of de code is fout (nog ${tries} ${tries === 1 ? 'poging' : 'pogingen'} voor het account ${minutes} minuten vergrendeld wordt).`,
      locked: (until, minutes) => `Te veel mislukte aanmeldingen voor dit account: het is vergrendeld tot ${until} UTC (over ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'}); probeer dan opnieuw, of vraag het een beheerder van medewerkers.`,
      wrongCode: 'Deze code is niet de code die uw authenticator-app nu toont: controleer de klok van de app en typ de 6 cijfers opnieuw.',
      accountExists: 'Er bestaat al een account met dit adres.',
      invalidEmail: 'Dit is geen e-mailadres.',
    },
  },
  fr: {
    staff: 'personnel',
    signOut: 'Se déconnecter',
    languageLabel: 'Langue',
    setupInvalid: {
      title: 'Ce lien de configuration ne fonctionne pas',
      body: "Le lien est inconnu, a déjà servi ou date de plus de 24 heures. Demandez-en un nouveau à un administrateur du personnel ; sur le serveur, <code>pledge staff link EMAIL</code> en crée un.",
      signIn: 'Connectez-vous',
      ifSetUp: 'si votre compte est déjà configuré.',
    },
    setup: {
      title: 'Configurer votre compte du personnel',
      firstRun: "C'est le premier compte du personnel. Il devient l'<strong>administrateur du personnel</strong> : il gère les comptes et les rôles et n'ouvre aucune donnée à caractère personnel. Un rôle qui ouvre des données à caractère personnel ne prend effet qu'après l'approbation d'une seconde partie.",
      yourAccount: 'Votre compte',
      choose: "Choisissez un mot de passe ; ensuite, vous configurez une application d'authentification.",
      email: 'Votre adresse e-mail professionnelle',
      password: 'Mot de passe',
      passwordHint: (min) => `Au moins ${min} caractères ; les mots de passe courants sont refusés. Quelques mots sans lien entre eux font un bon mot de passe.`,
      password2: 'Le même mot de passe une seconde fois',
      continue: 'Continuer',
      mismatch: 'Les deux mots de passe ne sont pas identiques.',
    },
    code: {
      title: "Configurer votre application d'authentification",
      intro: "Chaque compte du personnel se connecte avec un second facteur. Scannez ce code avec une application d'authentification (FreeOTP, Aegis, Google Authenticator, 1Password…), ou saisissez-y la clé ci-dessous.",
      qr: "Code QR pour votre application d'authentification",
      key: 'Clé',
      label: "Le code à 6 chiffres que l'application affiche maintenant",
      confirm: 'Confirmer',
    },
    recovery: {
      title: 'Vos codes de récupération',
      ready: 'Votre compte est prêt.',
      intro: "Si vous perdez votre application d'authentification, chacun de ces codes vous permet de vous connecter une fois à la place d'un code à 6 chiffres. Ils ne sont affichés <strong>que maintenant</strong> : imprimez-les ou gardez-les dans votre gestionnaire de mots de passe.",
      signIn: 'Se connecter',
    },
    login: {
      title: 'Se connecter',
      email: 'Adresse e-mail professionnelle',
      password: 'Mot de passe',
      code: "Code de votre application d'authentification",
      codeHint: "ou l'un de vos codes de récupération",
      submit: 'Se connecter',
      signedOut: 'Vous êtes déconnecté.',
    },
    error: { title: "Cela n'a pas fonctionné", wait: 'Un instant', badForm: "Le formulaire n'a pas été rempli comme prévu : revenez en arrière et réessayez.", ours: 'Un problème est survenu de notre côté ; réessayez.', back: 'Retour' },
    refusals: {
      wrong: "L'adresse e-mail, le mot de passe ou le code est erroné.",
      triesLeft: (tries, minutes) => `L'adresse e-mail, le mot de passe ou le code est erroné (encore ${tries} ${tries === 1 ? 'essai' : 'essais'} avant que le compte soit verrouillé pendant ${minutes} minutes).`,
      locked: (until, minutes) => `Trop de connexions échouées pour ce compte : il est verrouillé jusqu'à ${until} UTC (dans ${minutes} minute${minutes === 1 ? '' : 's'}) ; réessayez à ce moment, ou demandez à un administrateur du personnel.`,
      wrongCode: "Ce code n'est pas celui que votre application d'authentification affiche maintenant : vérifiez l'horloge de l'application et saisissez à nouveau les 6 chiffres.",
      accountExists: 'Un compte avec cette adresse existe déjà.',
      invalidEmail: "Ce n'est pas une adresse e-mail.",
    },
  },
  en: {
    staff: 'staff',
    signOut: 'Sign out',
    languageLabel: 'Language',
    setupInvalid: {
      title: 'This setup link does not work',
      body: 'The link is unknown, was used already, or is older than 24 hours. Ask a staff administrator for a new one; on the server, <code>pledge staff link EMAIL</code> makes one.',
      signIn: 'Sign in',
      ifSetUp: 'if your account is set up.',
    },
    setup: {
      title: 'Set up your staff account',
      firstRun: 'This is the first staff account. It becomes the <strong>staff administrator</strong>: it manages accounts and roles and opens no personal data. A role that opens personal data takes effect only once a second party approves it.',
      yourAccount: 'Your account',
      choose: 'Choose a password; next you set up an authenticator app.',
      email: 'Your work e-mail address',
      password: 'Password',
      passwordHint: (min) => `At least ${min} characters; common passwords are refused. A few unrelated words make a good one.`,
      password2: 'The same password again',
      continue: 'Continue',
      mismatch: 'the two passwords are not the same',
    },
    code: {
      title: 'Set up your authenticator app',
      intro: 'Every staff account signs in with a second factor. Scan this code with an authenticator app (FreeOTP, Aegis, Google Authenticator, 1Password…), or type the key below into it.',
      qr: 'QR code for your authenticator app',
      key: 'Key',
      label: 'The 6-digit code the app shows now',
      confirm: 'Confirm',
    },
    recovery: {
      title: 'Your recovery codes',
      ready: 'Your account is ready.',
      intro: 'If you lose your authenticator app, each of these codes lets you sign in once in place of a 6-digit code. They are shown <strong>only now</strong>: print them or keep them in your password manager.',
      signIn: 'Sign in',
    },
    login: {
      title: 'Sign in',
      email: 'Work e-mail address',
      password: 'Password',
      code: 'Code from your authenticator app',
      codeHint: 'or one of your recovery codes',
      submit: 'Sign in',
      signedOut: 'You are signed out.',
    },
    error: { title: 'This did not work', wait: 'Wait a moment', badForm: 'the form was not filled in as expected: go back and try again', ours: 'something went wrong on our side; try again', back: 'Back' },
  },
}

/**
 * A refusal from the staff room in the page's language, by its code; English, and any code without
 * a translation, keep the domain's own sentence.
 */
export function signInRefusal(lang: Language, err: AppError, now: Date): string {
  const r = SIGN_IN_TEXTS[lang].refusals
  if (!r) return err.message
  const details = (err.details && typeof err.details === 'object' ? err.details : {}) as Record<string, unknown>
  switch (err.code) {
    case 'login_refused':
      return typeof details.triesLeft === 'number' && typeof details.lockoutMinutes === 'number' ? r.triesLeft(details.triesLeft, details.lockoutMinutes) : r.wrong
    case 'account_locked': {
      const until = new Date(String(details.retryAt ?? ''))
      const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000))
      return Number.isNaN(until.getTime()) ? err.message : r.locked(until.toISOString().slice(0, 16).replace('T', ' '), minutes)
    }
    case 'wrong_code':
      return r.wrongCode
    case 'account_exists':
      return r.accountExists
    case 'invalid_email':
      return r.invalidEmail
    default:
      return err.message
  }
}
