// The console's page frame: a skip link, the header with the signed-in person and sign-out, the
// navigation, a language switch, and one <main>. Rendered on the server; preact escapes every value.
import type { ComponentChildren } from 'preact'
import { renderToString } from 'preact-render-to-string'
import { LANGUAGES, type Language } from '../../../policy/schema.ts'
import { CONSOLE_TEXTS } from './texts.ts'

/** The console's sections, in the order of the navigation. */
export const CONSOLE_SECTIONS = [
  { id: 'home', path: '/admin' },
  { id: 'dashboard', path: '/admin/dashboard' },
  { id: 'requests', path: '/admin/requests' },
  { id: 'people', path: '/admin/people' },
  { id: 'contact', path: '/admin/contact' },
  { id: 'audit', path: '/admin/audit' },
  { id: 'policy', path: '/admin/policy' },
  { id: 'processors', path: '/admin/processors' },
  { id: 'exports', path: '/admin/exports' },
  { id: 'staff', path: '/admin/staff' },
  { id: 'complaints', path: '/admin/complaints' },
  { id: 'breaches', path: '/admin/breaches' },
  { id: 'dpia', path: '/admin/dpia' },
] as const
export type ConsoleSection = (typeof CONSOLE_SECTIONS)[number]['id']

export interface ConsoleFrame {
  readonly lang: Language
  readonly title: string
  readonly email: string
  readonly csrf: string
  readonly current: ConsoleSection
  /** This page's address without `lang`, for the language switch. */
  readonly path: string
}

const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands', fr: 'Français', en: 'English' }

export function withLang(path: string, lang: Language): string {
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`
}

function Frame({ frame, children }: { frame: ConsoleFrame; children: ComponentChildren }) {
  const t = CONSOLE_TEXTS[frame.lang]
  return (
    <html lang={frame.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{`${frame.title} · ${t.console}`}</title>
        <link rel="stylesheet" href="/admin/admin.css" />
        {/* Self-hosted htmx, only as an enhancement: every form and link works without it. Its
            indicator styles are off (our stylesheet is the only one the CSP allows). */}
        <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
        <script src="/admin/htmx.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">{t.skip}</a>
        <header>
          <p>
            <strong>Pledge</strong> · {t.console}
          </p>
          <nav aria-label={t.console}>
            <ul class="nav">
              {CONSOLE_SECTIONS.map((section) => (
                <li key={section.id}><a href={withLang(section.path, frame.lang)} aria-current={frame.current === section.id ? 'page' : undefined}>{t.nav[section.id]}</a></li>
              ))}
            </ul>
          </nav>
          <div>
            <p>{frame.email}</p>
            <form method="post" action="/admin/logout" class="inline">
              <input type="hidden" name="_csrf" value={frame.csrf} />
              <button type="submit" class="secondary">{t.signOut}</button>
            </form>
          </div>
        </header>
        <nav aria-label={t.languageLabel} class="languages">
          <ul class="nav">
            {LANGUAGES.map((l) => (
              <li key={l}>
                <a href={withLang(frame.path, l)} lang={l} hreflang={l} aria-current={l === frame.lang ? 'true' : undefined}>{LANGUAGE_NAMES[l]}</a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main">
          <h1>{frame.title}</h1>
          {children}
        </main>
      </body>
    </html>
  )
}

export function renderConsolePage(frame: ConsoleFrame, body: ComponentChildren): string {
  return `<!doctype html>\n${renderToString(<Frame frame={frame}>{body}</Frame>)}\n`
}
