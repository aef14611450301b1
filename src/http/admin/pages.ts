// The staff pages before the console (setup, login, recovery codes, errors), as complete HTML
// documents in the reader's language: no script at all, every value escaped, one stylesheet shared
// with the console (whose pages, the signed-in home included, are TSX under console/).
import { escapeHtml } from '../../util/html.ts'
import type { SessionListing } from '../../staff/sessions.ts'
import type { AccountView, Enrolment, RecertificationView, SetupView } from '../../staff/accounts.ts'
import { PASSWORD_MIN_LENGTH } from '../../staff/passwords.ts'
import { LANGUAGES, type Language } from '../../policy/schema.ts'
import { SIGN_IN_TEXTS } from './sign-in-texts.ts'
import { DIFF_STYLE } from '../versions-pages.ts'

export const ADMIN_CSS = `
:root{color-scheme:light}
body{font-family:system-ui,sans-serif;max-width:62rem;margin:0 auto;padding:1rem 1rem 3rem;line-height:1.5;color:#1b1b1b;background:#fff}
header{display:flex;justify-content:space-between;align-items:center;border-bottom:1px solid #767676;margin-bottom:1.5rem;gap:1rem;flex-wrap:wrap}
header p{margin:.5rem 0}
label{display:block;font-weight:600;margin-top:1rem}
.hint{font-weight:400;color:#4a4a4a;display:block;font-size:.95rem}
input{font:inherit;padding:.5rem;border:2px solid #4a4a4a;border-radius:.3rem;width:100%;max-width:24rem;box-sizing:border-box}
form>button{display:block}
button{font:inherit;padding:.55rem 1.1rem;border:2px solid #1b1b1b;background:#1b1b1b;color:#fff;border-radius:.3rem;cursor:pointer;margin-top:1rem}
button.secondary{background:#fff;color:#1b1b1b}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #0a58ca;outline-offset:2px}
.error{border-left:4px solid #b00020;background:#fdecee;padding:.6rem 1rem;margin:1rem 0}
.notice{border-left:4px solid #0a6b2e;background:#e8f5ec;padding:.6rem 1rem;margin:1rem 0}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{text-align:left;border-bottom:1px solid #c4c4c4;padding:.4rem .5rem;vertical-align:top}
caption.hint{display:table-caption;text-align:left}
code,.codes{font-family:ui-monospace,monospace}
.codes{font-size:1.15rem;columns:2;list-style:none;padding:0}
.qr{width:14rem;height:14rem;border:1px solid #c4c4c4}
form.inline{display:inline;margin:0}
form.inline button{display:inline-block;margin:0;padding:.3rem .7rem;white-space:nowrap}
a{color:#0a4fb4}
select,textarea{font:inherit;padding:.45rem;border:2px solid #4a4a4a;border-radius:.3rem;max-width:100%;box-sizing:border-box}
textarea{width:100%;max-width:36rem}
select:focus-visible,textarea:focus-visible{outline:3px solid #0a58ca;outline-offset:2px}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
.nav{list-style:none;display:flex;gap:1rem;padding:0;margin:.5rem 0;flex-wrap:wrap}
.nav a[aria-current]{font-weight:700;text-decoration:none;color:#1b1b1b}
.languages{margin:-1rem 0 1rem;font-size:.95rem}
.filters{display:flex;gap:1rem;align-items:flex-end;flex-wrap:wrap;margin:1rem 0}
.filters label{margin-top:0}
.filters button{margin-top:0}
.check{display:flex;gap:.5rem;align-items:center;margin-top:.5rem}
.check input{width:auto}
.check label{margin:0;font-weight:400}
fieldset{border:1px solid #c4c4c4;border-radius:.3rem;margin-top:1rem}
legend{font-weight:600}
.flag{display:inline-block;border:1px solid #4a4a4a;border-radius:.8rem;padding:0 .5rem;margin:0 .25rem .25rem 0;font-size:.9rem}
.flag-late{border-color:#b00020;color:#b00020;font-weight:600}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
.words{white-space:pre-wrap}
.action{border-top:1px solid #c4c4c4;margin-top:1.5rem}
.scroll{overflow-x:auto}
.scroll:focus-visible{outline:3px solid #0a58ca}
table.audit{font-size:.9rem;min-width:72rem}
table.audit code{overflow-wrap:anywhere}
pre.verdict{white-space:pre-wrap;font-size:.9rem;margin:.5rem 0}
summary:focus-visible{outline:3px solid #0a58ca;outline-offset:2px}
.diff{border-top:1px solid #c4c4c4;margin-top:1rem}
${DIFF_STYLE}
.ropa th[scope=row]{width:16rem}
.ropa ul{margin:0;padding-left:1.1rem}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:1rem;padding:0;list-style:none}
.tiles li{border:1px solid #c4c4c4;border-radius:.3rem;padding:.6rem 1rem}
.tiles strong{display:block;font-size:1.8rem}
svg.chart{width:100%;height:auto;max-width:46rem;display:block;margin:1rem 0}
svg.chart text{font:12px system-ui,sans-serif;fill:#1b1b1b}
details.numbers summary{cursor:pointer;color:#0a4fb4}
@media print{header,nav,.languages,.skip,.no-print{display:none}body{max-width:none;padding:0;font-size:10pt}a{color:inherit}.scroll{overflow:visible}table.audit{min-width:0;font-size:8pt}}
`

export interface PageParts {
  readonly title: string
  readonly body: string
  /** The signed-in person, shown in the header with a sign-out button. */
  readonly signedIn?: { email: string; csrf: string }
  readonly lang?: Language
  /** This page's address without `lang`, for the language links (pages reached by a link only). */
  readonly path?: string
}

const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands', fr: 'Français', en: 'English' }

export function adminPage(parts: PageParts): string {
  const lang = parts.lang ?? 'en'
  const t = SIGN_IN_TEXTS[lang]
  const who = parts.signedIn
    ? `<p>${escapeHtml(parts.signedIn.email)}</p><form method="post" action="/admin/logout?lang=${lang}" class="inline"><input type="hidden" name="_csrf" value="${escapeHtml(parts.signedIn.csrf)}"><button type="submit" class="secondary">${t.signOut}</button></form>`
    : ''
  const path = parts.path
  const languages = path
    ? `<nav aria-label="${t.languageLabel}" class="languages"><ul class="nav">${LANGUAGES.map((l) => `<li><a href="${escapeHtml(`${path}${path.includes('?') ? '&' : '?'}lang=${l}`)}" lang="${l}" hreflang="${l}"${l === lang ? ' aria-current="true"' : ''}>${LANGUAGE_NAMES[l]}</a></li>`).join('')}</ul></nav>`
    : ''
  // Referrer same-origin, not no-referrer: under no-referrer a browser posts our own forms with
  // "Origin: null", which the same-origin check refuses. Other sites still get no referrer (the
  // setup link's token is in the address).
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(parts.title)} · Pledge ${t.staff}</title>
<link rel="stylesheet" href="/admin/admin.css">
</head>
<body>
<header><p><strong>Pledge</strong> · ${t.staff}</p><div>${who}</div></header>
${languages}
<main>
<h1>${escapeHtml(parts.title)}</h1>
${parts.body}
</main>
</body>
</html>
`
}

const errorBox = (message: string | undefined) => (message ? `<div class="error" role="alert"><p>${escapeHtml(message)}</p></div>` : '')
const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`

export function setupInvalidPage(lang: Language = 'en'): string {
  const t = SIGN_IN_TEXTS[lang].setupInvalid
  return adminPage({
    lang,
    title: t.title,
    body: `<p>${t.body}</p><p><a href="/admin/login?lang=${lang}">${t.signIn}</a> ${t.ifSetUp}</p>`,
  })
}

/** Step 1: the address (first account only) and the password. */
export function setupPasswordPage(token: string, view: SetupView, form: { email?: string; error?: string } = {}, lang: Language = 'en'): string {
  const t = SIGN_IN_TEXTS[lang].setup
  const intro = view.kind === 'first_run' ? `<p>${t.firstRun}</p>` : `<p>${t.yourAccount}: <strong>${escapeHtml(view.email ?? '')}</strong>. ${t.choose}</p>`
  const email =
    view.kind === 'first_run'
      ? `<label for="email">${t.email}</label><input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="${escapeHtml(form.email ?? '')}">`
      : ''
  return adminPage({
    lang,
    title: t.title,
    body: `${intro}${errorBox(form.error)}
<form method="post" action="/admin/setup?lang=${lang}">
${hidden('token', token)}
${email}
<label for="password">${t.password} <span class="hint">${t.passwordHint(PASSWORD_MIN_LENGTH)}</span></label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="${PASSWORD_MIN_LENGTH}" maxlength="256">
<label for="password2">${t.password2}</label>
<input id="password2" name="password2" type="password" autocomplete="new-password" required minlength="${PASSWORD_MIN_LENGTH}" maxlength="256">
<button type="submit">${t.continue}</button>
</form>`,
  })
}

/** Step 2: the TOTP secret as a QR code and as text, and the first code. */
export function setupCodePage(token: string, enrolment: Enrolment, error?: string, lang: Language = 'en'): string {
  const t = SIGN_IN_TEXTS[lang].code
  return adminPage({
    lang,
    title: t.title,
    body: `<p>${t.intro}</p>
${errorBox(error)}
<figure><div class="qr" role="img" aria-label="${t.qr}">${enrolment.qrSvg}</div>
<figcaption>${t.key}: <code id="totp-secret">${escapeHtml(enrolment.secret.replace(/(.{4})/g, '$1 ').trim())}</code></figcaption></figure>
<form method="post" action="/admin/setup/code?lang=${lang}">
${hidden('token', token)}
<label for="code">${t.label}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
<button type="submit">${t.confirm}</button>
</form>`,
  })
}

export function recoveryCodesPage(codes: readonly string[], lang: Language = 'en'): string {
  const t = SIGN_IN_TEXTS[lang].recovery
  return adminPage({
    lang,
    title: t.title,
    body: `<div class="notice" role="status"><p>${t.ready}</p></div>
<p>${t.intro}</p>
<ul class="codes" id="recovery-codes">${codes.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>
<p><a href="/admin/login?lang=${lang}">${t.signIn}</a></p>`,
  })
}

export function loginPage(form: { email?: string; error?: string; notice?: string } = {}, lang: Language = 'en'): string {
  const t = SIGN_IN_TEXTS[lang].login
  return adminPage({
    lang,
    path: '/admin/login',
    title: t.title,
    body: `${form.notice ? `<div class="notice" role="status"><p>${escapeHtml(form.notice)}</p></div>` : ''}${errorBox(form.error)}
<form method="post" action="/admin/login?lang=${lang}">
<label for="email">${t.email}</label>
<input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="${escapeHtml(form.email ?? '')}">
<label for="password">${t.password}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256">
<label for="code">${t.code} <span class="hint">${t.codeHint}</span></label>
<input id="code" name="code" type="text" autocomplete="one-time-code" required maxlength="32">
<button type="submit">${t.submit}</button>
</form>`,
  })
}

export function errorPage(title: string, message: string, lang: Language = 'en'): string {
  return adminPage({ lang, title, body: `${errorBox(message)}<p><a href="/admin?lang=${lang}">${SIGN_IN_TEXTS[lang].error.back}</a></p>` })
}
