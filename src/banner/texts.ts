// The banner's own words in nl, fr and en. Served with the cookie policy (GET /v1/cookie-policy), so
// that the script itself carries no text and stays small. {controller} is replaced by the
// controller's trading name (REQ-CON-05: the consent UI names who asks).
import type { Language } from '../policy/schema.ts'

export interface BannerTexts {
  /** Dialog title. */
  readonly title: string
  /** First-layer explanation. */
  readonly body: string
  readonly acceptAll: string
  readonly refuseAll: string
  /** Opens the per-category settings on the first layer. */
  readonly settings: string
  readonly save: string
  /** The persistent button that reopens the banner (REQ-CK-05). */
  readonly reopen: string
  /** Link text to the privacy statement. */
  readonly privacy: string
  /** Shown next to the strictly necessary category. */
  readonly alwaysOn: string
}

export const BANNER_TEXTS: Readonly<Record<Language, BannerTexts>> = {
  nl: {
    title: 'Uw keuze over cookies',
    body: '{controller} gebruikt strikt noodzakelijke cookies om deze website te laten werken. Andere cookies gebruiken we alleen met uw toestemming. Als u ze weigert, werkt de website even goed. U kunt uw keuze altijd wijzigen of intrekken via "Cookie-instellingen".',
    acceptAll: 'Alles accepteren',
    refuseAll: 'Alles weigeren',
    settings: 'Instellingen',
    save: 'Keuze opslaan',
    reopen: 'Cookie-instellingen',
    privacy: 'Privacyverklaring',
    alwaysOn: 'altijd aan',
  },
  fr: {
    title: 'Votre choix en matière de cookies',
    body: "{controller} utilise des cookies strictement nécessaires au fonctionnement de ce site. Les autres cookies ne sont utilisés qu'avec votre consentement. Si vous les refusez, le site fonctionne tout aussi bien. Vous pouvez modifier ou retirer votre choix à tout moment via « Paramètres des cookies ».",
    acceptAll: 'Tout accepter',
    refuseAll: 'Tout refuser',
    settings: 'Paramètres',
    save: 'Enregistrer mes choix',
    reopen: 'Paramètres des cookies',
    privacy: 'Déclaration de confidentialité',
    alwaysOn: 'toujours actifs',
  },
  en: {
    title: 'Your choice about cookies',
    body: '{controller} uses strictly necessary cookies to make this website work. Other cookies are only used with your consent. If you refuse them, the website works just as well. You can change or withdraw your choice at any time through "Cookie settings".',
    acceptAll: 'Accept all',
    refuseAll: 'Refuse all',
    settings: 'Settings',
    save: 'Save choices',
    reopen: 'Cookie settings',
    privacy: 'Privacy statement',
    alwaysOn: 'always on',
  },
}
