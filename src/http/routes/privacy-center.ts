// The public privacy center: one server-rendered page per step, in Dutch, French and English, that
// works without JavaScript and loads nothing from elsewhere.
//
//   GET  /privacy-center                        the statement in force and a form for each right
//   POST /privacy-center/requests               files the request (form-encoded) → 303 to its page
//   GET  /privacy-center/requests/:id           the code form, or the status with the verified cookie
//   POST /privacy-center/requests/:id/verify    checks the code, sets the cookie → 303 to the status
//   POST /privacy-center/requests/:id/language  with the cookie: the language of mails to the person
//   GET  /privacy-center/requests/:id/download  the export, as an attachment, with the cookie
//
// The acknowledgement mail links to the request page with the code in the URL fragment
// (#code=123456): browsers never send a fragment, so opening the link acts on nothing and leaves no
// code in a server log; a tiny inline script (allowed by its hash in the page's CSP) copies it into
// the field, and the person presses Confirm. Forms are same-origin POSTs; the session cookie is
// HttpOnly and SameSite=Strict, and an Origin header, when present, must be ours. The page after
// filing is the same whether or not the address is known (the service sends a code either way).
import { createHash, randomBytes } from 'node:crypto'
import { requireSameOrigin } from '../origin.ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import formbody from '@fastify/formbody'
import rateLimit from '@fastify/rate-limit'
import type { Runtime } from '../../runtime.ts'
import type { Language } from '../../policy/schema.ts'
import { LANGUAGES } from '../../policy/schema.ts'
import { renderStatement } from '../../policy/statement.ts'
import { AppError } from '../errors.ts'
import { acceptedLanguage, isLanguage } from '../language.ts'
import { defaultLanguage, displayName } from '../../policy/policy.ts'
import { escapeHtml } from '../page.ts'
import { GateDenied } from '../../gate/gate.ts'
import { REQUEST_TYPES, type RequestType, type RequestView } from '../../requests/types.ts'
import { CODE_MINUTES } from '../../requests/service.ts'
import { REQUEST_STATUS_TEXT, REQUEST_TYPE_TEXT, outcomeText, requestDate, requestDateTime } from '../../requests/mails.ts'
import { sendExport, sessionCookie, sessionFromCookie } from '../request-session.ts'
import { isUuid } from '../../util/ids.ts'
import { PRIVACY_CENTER_TEXTS, type PrivacyCenterTexts } from '../privacy-center-i18n.ts'
import { PUSH_RISKS_TEXT } from '../../requests/push-transfer.ts'
import { LIMITS, S } from '../limits.ts'
import { COMPLAINT_PAGE_TEXTS } from '../complaints-i18n.ts'

/** The verified session of the browser (shared with GET /v1/requests/:id and its download). */

// Copies #code=NNNNNN from the fragment into the code field, then drops the fragment from the
// address bar and history. It never submits anything.
const CODE_SCRIPT =
  "(function(){function fill(){var m=/[#&]code=(\\d{4,10})/.exec(location.hash);if(!m)return;var f=document.getElementById('code');if(f){f.value=m[1];f.focus();}" +
  "try{history.replaceState(null,'',location.pathname+location.search);}catch(e){}}fill();addEventListener('hashchange',fill);})();"
const CODE_SCRIPT_HASH = `'sha256-${createHash('sha256').update(CODE_SCRIPT).digest('base64')}'`

const CSP = (script: boolean) =>
  [
    "default-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    `script-src ${script ? CODE_SCRIPT_HASH : "'none'"}`,
    "object-src 'none'",
  ].join(';')

const STYLE = [
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.55;max-width:52rem;margin:0 auto;padding:1rem 1.5rem 3rem;color:#1a1a1a;background:#fff}',
  'header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.5rem;border-bottom:1px solid #ccc;margin-bottom:1rem}',
  'header p{margin:.5rem 0;font-weight:600}nav ul{list-style:none;display:flex;gap:1rem;margin:.5rem 0;padding:0}',
  'a{color:#0645ad}a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #0a58ca;outline-offset:2px}',
  'fieldset{border:1px solid #bbb;border-radius:.3rem;margin:1rem 0;padding:.5rem 1rem}legend{font-weight:600;padding:0 .3rem}',
  '.choice{display:grid;grid-template-columns:auto 1fr;gap:.1rem .6rem;margin:.6rem 0}.choice input{margin-top:.35rem}.choice span{grid-column:2;color:#444;font-size:.95rem}',
  'label{font-weight:600;display:block;margin-top:1rem}.hint{color:#444;font-size:.95rem;margin:.2rem 0 .4rem}',
  'input[type=email],input[type=text],input[type=url],textarea{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:2px solid #555;border-radius:.3rem}',
  'input.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.8rem;letter-spacing:.4rem;max-width:14rem}',
  'button,.button{display:inline-block;font:inherit;font-weight:600;padding:.6rem 1.2rem;margin:1rem 0;border:2px solid #1f4e79;background:#1f4e79;color:#fff;border-radius:.3rem;cursor:pointer;text-decoration:none}',
  'button.secondary{background:#fff;color:#1f4e79;margin-top:0}',
  '.error{border:2px solid #b00020;background:#fff4f4;padding:.5rem 1rem;border-radius:.3rem}.error h2{margin:.3rem 0;font-size:1.1rem}',
  'dl.status{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dl.status dt{font-weight:600;margin:0}dl.status dd{margin:0}',
  'section.statement{border-top:2px solid #ccc;margin-top:2.5rem}',
  'section.statement h3{border-bottom:1px solid #ccc;padding-bottom:.2rem}',
  'table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:600;padding:.3rem 0}th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}thead th{background:#f0f0f0}',
  'dt{font-weight:600;margin-top:.6rem}dd{margin-left:1.2rem}',
].join('')

interface Shell {
  readonly lang: Language
  readonly title: string
  /** Path (with its own query) the language links point to, with ?lang= / &lang= appended. */
  readonly here: string
  readonly body: string
  readonly script?: boolean
  readonly controller: string
}

function languageHref(here: string, lang: Language): string {
  const [path, query = ''] = here.split('?')
  const params = new URLSearchParams(query)
  params.set('lang', lang)
  return `${path}?${params.toString()}`
}

function shell(s: Shell): string {
  const t = PRIVACY_CENTER_TEXTS[s.lang]
  const languages = LANGUAGES.map((l) =>
    l === s.lang
      ? `<li><a href="${escapeHtml(languageHref(s.here, l))}" lang="${l}" hreflang="${l}" aria-current="page">${escapeHtml(t.languageNames[l])}</a></li>`
      : `<li><a href="${escapeHtml(languageHref(s.here, l))}" lang="${l}" hreflang="${l}">${escapeHtml(PRIVACY_CENTER_TEXTS[l].languageNames[l])}</a></li>`,
  ).join('')
  return `<!doctype html>
<html lang="${s.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(`${s.title} — ${s.controller}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p>${escapeHtml(s.controller)} · <a href="/privacy-center?lang=${s.lang}">${escapeHtml(t.title)}</a></p>
<nav aria-label="${escapeHtml(t.languageNav)}"><ul>${languages}</ul></nav>
</header>
<main>
<h1>${escapeHtml(s.title)}</h1>
${s.body}
</main>
${s.script ? `<script>${CODE_SCRIPT}</script>\n` : ''}</body>
</html>
`
}

function send(reply: FastifyReply, s: Shell, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-language', s.lang)
    .header('cache-control', 'no-store')
    // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on our own forms.
    .header('referrer-policy', 'same-origin')
    .header('x-robots-tag', 'noindex')
    .header('content-security-policy', CSP(!!s.script))
    .send(shell(s))
}

function errorBox(t: PrivacyCenterTexts, message: string): string {
  return `<div class="error" role="alert" id="error"><h2>${escapeHtml(t.errorHeading)}</h2><p>${escapeHtml(message)}</p></div>`
}

/** The statement's body, its headings one level down, to sit under the page's own h1. */
function statementSection(html: string): string {
  const main = /<main>([\s\S]*)<\/main>/.exec(html)?.[1] ?? ''
  return main.replace(/<(\/?)h([1-5])(\s|>)/g, (_m, slash: string, n: string, rest: string) => `<${slash}h${Number(n) + 1}${rest}`)
}

/**
 * The page's language: ?lang= (or the form's) when it is one of ours, else the best of
 * Accept-Language, else the controller's own. A page for people never fails over a language.
 */
function langOf(runtime: Runtime, request: FastifyRequest<{ Querystring: { lang?: string } }>, bodyLang?: unknown): Language {
  const q = request.query?.lang
  if (isLanguage(q)) return q
  if (isLanguage(bodyLang)) return bodyLang
  return acceptedLanguage(request.headers['accept-language']) ?? defaultLanguage(runtime.policy())
}

// The pages' parameters, bounded (a value over its cap, repeated or of the wrong type is a 400 page).
// The form's details may reach twice the textarea's 4,000 characters on the wire: a browser counts
// a line break as one character and sends two (CR LF); the handler caps the normalised text.
const langQuery = { type: 'object', properties: { lang: S.lang() } } as const
const idParams = { type: 'object', properties: { id: S.text(LIMITS.uuid) } } as const
const RequestForm = {
  type: ['object', 'null'],
  properties: {
    type: S.text(LIMITS.formField),
    email: S.text(LIMITS.email),
    details: S.text(2 * LIMITS.requestText),
    formToken: S.text(LIMITS.formField),
    pushTo: S.text(2000),
    pushCountry: S.text(LIMITS.formField),
    pushRisksAccepted: S.text(LIMITS.formField),
    lang: S.lang(),
  },
} as const
const CodeForm = { type: ['object', 'null'], properties: { code: S.text(LIMITS.code) } } as const
const LanguageForm = { type: ['object', 'null'], properties: { language: S.lang() } } as const

function str(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : ''
}

export async function privacyCenterRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  await app.register(formbody, { bodyLimit: LIMITS.formBodyBytes })
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new AppError(429, 'rate_limited', `too many requests: try again in ${Math.ceil(ctx.ttl / 1000)} s`),
  })
  const controller = (lang: Language) => displayName(runtime.policy().controller, lang)

  // Everything on these pages answers in HTML, errors included.
  app.setErrorHandler((err: Error, request, reply) => {
    const lang = langOf(runtime, request as FastifyRequest<{ Querystring: { lang?: string } }>)
    const t = PRIVACY_CENTER_TEXTS[lang]
    const known = err instanceof AppError ? err : undefined
    const fe = err as Error & { statusCode?: number; code?: string }
    let status = known?.status ?? fe.statusCode ?? 500
    if (status < 400) status = 500
    let message = t.unexpected
    if (status === 403) message = t.forbidden
    else if (status === 429) message = t.rateLimited
    else if (status === 404) message = t.notFound
    else if (status === 401) message = t.sessionRequired
    else if (status === 413 || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') message = t.detailsTooLong
    else if (status < 500) message = t.badRequest
    if (status >= 500) request.log.error({ err: { type: err.name, message: err.message } }, 'privacy center error')
    return send(reply, { lang, title: t.title, here: request.url.split('?')[0] ?? '/privacy-center', controller: controller(lang), body: `${errorBox(t, message)}\n<p><a href="/privacy-center?lang=${lang}">${escapeHtml(t.backToCenter)}</a></p>` }, status)
  })

  // ---- the center ----

  const centerPage = async (lang: Language, form: { type?: string; email?: string; details?: string; pushTo?: string; pushCountry?: string; error?: string; pushError?: boolean } = {}) => {
    const t = PRIVACY_CENTER_TEXTS[lang]
    const version = await runtime.currentVersion()
    const privacyCenterUrl = `${runtime.config.baseUrl.replace(/\/$/, '')}/privacy-center`
    const statement = renderStatement(version.policy, lang, 'html', { version: version.version, effectiveDate: version.effectiveDate, privacyCenterUrl, versionsUrl: `/privacy/versions?lang=${lang}` })
    const formToken = randomBytes(18).toString('base64url')
    const choices = REQUEST_TYPES.map((type) => {
      const tt = REQUEST_TYPE_TEXT[lang][type]
      return `<div class="choice"><input type="radio" name="type" id="type-${type}" value="${type}" aria-describedby="type-${type}-explain" required${form.type === type ? ' checked' : ''}><label for="type-${type}" style="margin:0">${escapeHtml(tt.title)} <small>(${escapeHtml(tt.article)})</small></label><span id="type-${type}-explain">${escapeHtml(tt.explain)}</span></div>`
    }).join('\n')
    const body = `<p>${escapeHtml(t.intro(controller(lang)))}</p>
<ul>${t.promises.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>
${runtime.complaints.enabled() ? `<p><a href="/privacy-center/complaints?lang=${lang}" id="complaint-link">${escapeHtml(COMPLAINT_PAGE_TEXTS[lang].centerLink)}</a></p>\n` : ''}<section aria-labelledby="exercise">
<h2 id="exercise">${escapeHtml(t.formHeading)}</h2>
${form.error ? errorBox(t, form.error) : ''}
<form method="post" action="/privacy-center/requests?lang=${lang}" accept-charset="utf-8">
<input type="hidden" name="formToken" value="${formToken}">
<input type="hidden" name="lang" value="${lang}">
<fieldset>
<legend>${escapeHtml(t.typeLegend)}</legend>
${choices}
</fieldset>
<label for="email">${escapeHtml(t.emailLabel)}</label>
<p class="hint" id="email-hint">${escapeHtml(t.emailHint)}</p>
<input type="email" id="email" name="email" required maxlength="320" autocomplete="email" aria-describedby="email-hint" value="${escapeHtml(form.email ?? '')}">
<label for="details">${escapeHtml(t.detailsLabel)}</label>
<p class="hint" id="details-hint">${escapeHtml(t.detailsHint)}</p>
<textarea id="details" name="details" rows="4" maxlength="4000" aria-describedby="details-hint">${escapeHtml(form.details ?? '')}</textarea>
<fieldset id="push">
<legend>${escapeHtml(t.pushLegend)}</legend>
<label for="pushTo">${escapeHtml(t.pushToLabel)}</label>
<p class="hint" id="pushTo-hint">${escapeHtml(t.pushToHint)}</p>
<input type="url" id="pushTo" name="pushTo" maxlength="2000" inputmode="url" aria-describedby="pushTo-hint" value="${escapeHtml(form.pushTo ?? '')}"${form.pushError ? ' aria-invalid="true"' : ''}>
<label for="pushCountry">${escapeHtml(t.pushCountryLabel)}</label>
<p class="hint" id="pushCountry-hint">${escapeHtml(t.pushCountryHint)}</p>
<input type="text" id="pushCountry" name="pushCountry" maxlength="2" size="3" pattern="[A-Za-z]{2}" autocomplete="country" aria-describedby="pushCountry-hint" value="${escapeHtml(form.pushCountry ?? '')}"${form.pushError ? ' aria-invalid="true"' : ''}>
<p class="hint" id="push-risks">${escapeHtml(PUSH_RISKS_TEXT[lang])}</p>
<div class="choice"><input type="checkbox" id="pushRisksAccepted" name="pushRisksAccepted" value="yes" aria-describedby="push-risks"><label for="pushRisksAccepted" style="margin:0">${escapeHtml(t.pushRisksLabel)}</label></div>
</fieldset>
<button type="submit">${escapeHtml(t.submit)}</button>
</form>
</section>
<section class="statement" aria-labelledby="statement">
<h2 id="statement">${escapeHtml(t.statementHeading)}</h2>
<p><a href="/privacy?lang=${lang}">${escapeHtml(t.statementStandalone)}</a> · <a href="/privacy/versions?lang=${lang}" id="statement-versions">${escapeHtml(t.statementVersions)}</a></p>
${statementSection(statement)}
</section>`
    return { lang, title: t.title, here: '/privacy-center', body, controller: controller(lang) }
  }

  app.get<{ Querystring: { lang?: string } }>('/privacy-center', { schema: { hide: true, querystring: langQuery } }, async (request, reply) => {
    return send(reply.header('vary', 'Accept-Language'), await centerPage(langOf(runtime, request)))
  })

  app.post<{ Querystring: { lang?: string }; Body: Record<string, unknown> | undefined }>(
    '/privacy-center/requests',
    { schema: { hide: true, querystring: langQuery, body: RequestForm }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      requireSameOrigin(runtime.config, request)
      const body = request.body ?? {}
      const lang = langOf(runtime, request, body.lang)
      const t = PRIVACY_CENTER_TEXTS[lang]
      const type = str(body.type, 40)
      const email = str(body.email, 320).trim()
      const details = typeof body.details === 'string' ? body.details.replace(/\r\n?/g, '\n').trim() : ''
      const formToken = /^[\w-]{16,64}$/.test(str(body.formToken, 64)) ? str(body.formToken, 64) : undefined
      const pushTo = str(body.pushTo, 2000).trim()
      const pushCountry = str(body.pushCountry, 8).trim()
      const pushRisksAccepted = body.pushRisksAccepted === 'yes'
      const again = (error: string, status: number, pushError = false) => centerPage(lang, { type, email, details, pushTo, pushCountry, error, pushError }).then((p) => send(reply, p, status))
      if (!(REQUEST_TYPES as readonly string[]).includes(type)) return again(t.chooseType, 400)
      if (!email || email.length > 320) return again(t.invalidEmail, 400)
      if (details.length > 4000) return again(t.detailsTooLong, 400)
      try {
        const push = pushTo ? { pushTo, pushCountry, ...(pushRisksAccepted ? { pushRisksAccepted: true } : {}) } : {}
        const filed = await runtime.requests.file({ type: type as RequestType, email, lang, ...(details ? { details } : {}), ...push, channel: 'web', ...(formToken ? { formToken } : {}) })
        return reply.status(303).header('cache-control', 'no-store').header('location', `/privacy-center/requests/${filed.id}?lang=${lang}`).send()
      } catch (err) {
        if (err instanceof AppError && err.code === 'push_risks_not_accepted') return again(t.pushRisksNotAccepted, 400, true)
        if (err instanceof AppError && err.status === 400 && /push/.test(err.code)) return again(t.invalidPush, 400, true)
        if (err instanceof AppError && err.status === 400) return again(err.code === 'details_too_long' ? t.detailsTooLong : t.invalidEmail, 400)
        if (err instanceof AppError && err.status === 429) return again(t.rateLimited, 429)
        throw err
      }
    },
  )

  // ---- one request ----

  const codePage = (lang: Language, id: string, error?: string, notice?: string) => {
    const t = PRIVACY_CENTER_TEXTS[lang]
    const body = `${error ? errorBox(t, error) : ''}${notice ? `<p role="status" id="notice">${escapeHtml(notice)}</p>` : ''}
<p>${escapeHtml(t.codeIntro)}</p>
<form method="post" action="/privacy-center/requests/${id}/verify?lang=${lang}">
<label for="code">${escapeHtml(t.codeLabel)}</label>
<p class="hint" id="code-hint">${escapeHtml(t.codeHint(CODE_MINUTES))}</p>
<input type="text" class="code" id="code" name="code" required inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" aria-describedby="code-hint"${error ? ' aria-invalid="true"' : ''}>
<br><button type="submit">${escapeHtml(t.confirm)}</button>
</form>
<form method="post" action="/privacy-center/requests/${id}/resend?lang=${lang}"><button type="submit" id="resend" class="secondary">${escapeHtml(t.resend)}</button></form>
<p>${escapeHtml(t.alreadyConfirmed)} <a href="/privacy-center/requests/${id}?lang=${lang}">${escapeHtml(t.showRequest)}</a></p>
<p class="hint">${escapeHtml(t.notYou)}</p>`
    return { lang, title: t.requestTitle, here: `/privacy-center/requests/${id}`, body, script: true, controller: controller(lang) }
  }

  const statusPage = (lang: Language, view: RequestView, said: { notice?: string; error?: string } = {}) => {
    const t = PRIVACY_CENTER_TEXTS[lang]
    const policy = runtime.policy()
    const open = view.status !== 'completed' && view.status !== 'refused'
    const outcome = view.outcome ? outcomeText(policy, lang, view.outcome, view.type) : []
    const sa = policy.supervisoryAuthority
    const parts = [
      ...(said.error ? [errorBox(t, said.error)] : []),
      ...(said.notice ? [`<p role="status" id="notice">${escapeHtml(said.notice)}</p>`] : []),
      `<section aria-labelledby="status-heading"><h2 id="status-heading">${escapeHtml(t.statusHeading)}</h2>`,
      '<dl class="status">',
      `<dt>${escapeHtml(t.typeTerm)}</dt><dd id="request-type">${escapeHtml(REQUEST_TYPE_TEXT[lang][view.type].title)} (${escapeHtml(REQUEST_TYPE_TEXT[lang][view.type].article)})</dd>`,
      `<dt>${escapeHtml(t.receivedTerm)}</dt><dd id="request-received">${escapeHtml(requestDate(policy, view.receivedAt, lang))}</dd>`,
      `<dt>${escapeHtml(t.dueTerm)}</dt><dd id="request-due">${escapeHtml(requestDate(policy, view.dueAt, lang))}</dd>`,
      `<dt>${escapeHtml(t.statusTerm)}</dt><dd id="request-status" data-status="${view.status}"><strong>${escapeHtml(REQUEST_STATUS_TEXT[lang][view.status])}</strong></dd>`,
      '</dl></section>',
    ]
    if (open) parts.push(`<p>${escapeHtml(t.inProgressNote)}</p>`, `<p><a href="/privacy-center/requests/${view.id}?lang=${lang}">${escapeHtml(t.refresh)}</a></p>`)
    if (outcome.length || view.download) {
      parts.push(`<section aria-labelledby="outcome-heading" id="outcome"><h2 id="outcome-heading">${escapeHtml(t.outcomeHeading)}</h2>`)
      for (const line of outcome) parts.push(`<p>${escapeHtml(line)}</p>`)
      if (view.download) {
        parts.push(`<p><a class="button" id="download" href="/privacy-center/requests/${view.id}/download" download>${escapeHtml(t.download)}</a></p>`)
        parts.push(`<p class="hint">${escapeHtml(t.downloadUntil(requestDateTime(policy, view.download.expiresAt, lang)))}</p>`)
      }
      parts.push('</section>')
    }
    if (!open) parts.push(`<p>${escapeHtml(t.complaint(`${sa.name[lang]}${sa.abbreviation ? ` (${sa.abbreviation})` : ''}`))} <a href="${escapeHtml(sa.website)}">${escapeHtml(sa.website)}</a></p>`)
    if (view.status !== 'refused') parts.push(mailLanguageForm(lang, view))
    parts.push(`<p><a href="/privacy-center?lang=${lang}">${escapeHtml(t.newRequest)}</a></p>`)
    return { lang, title: t.requestTitle, here: `/privacy-center/requests/${view.id}`, body: parts.join('\n'), controller: controller(lang) }
  }

  // The language we write to the person in: the request's, which the people it matched follow.
  const mailLanguageForm = (lang: Language, view: RequestView) => {
    const t = PRIVACY_CENTER_TEXTS[lang]
    const choices = LANGUAGES.map(
      (l) =>
        `<div class="choice"><input type="radio" name="language" id="mail-language-${l}" value="${l}" required${view.lang === l ? ' checked' : ''}><label for="mail-language-${l}" lang="${l}" style="margin:0">${escapeHtml(PRIVACY_CENTER_TEXTS[l].languageNames[l])}</label></div>`,
    ).join('\n')
    return `<section aria-labelledby="mail-language-heading" id="mail-language"><h2 id="mail-language-heading">${escapeHtml(t.mailLanguageHeading)}</h2>
<p class="hint" id="mail-language-hint">${escapeHtml(t.mailLanguageHint)}</p>
<form method="post" action="/privacy-center/requests/${view.id}/language?lang=${lang}">
<fieldset aria-describedby="mail-language-hint">
<legend>${escapeHtml(t.mailLanguageLegend)}</legend>
${choices}
</fieldset>
<button type="submit" id="mail-language-save">${escapeHtml(t.mailLanguageSave)}</button>
</form></section>`
  }

  const notFound = (reply: FastifyReply, lang: Language) => {
    const t = PRIVACY_CENTER_TEXTS[lang]
    return send(reply, { lang, title: t.requestTitle, here: '/privacy-center', controller: controller(lang), body: `${errorBox(t, t.notFound)}\n<p><a href="/privacy-center?lang=${lang}">${escapeHtml(t.newRequest)}</a></p>` }, 404)
  }

  app.get<{ Params: { id: string }; Querystring: { lang?: string } }>('/privacy-center/requests/:id', { schema: { hide: true, params: idParams, querystring: langQuery } }, async (request, reply) => {
    const { id } = request.params
    let lang = langOf(runtime, request)
    if (!isUuid(id)) return notFound(reply, lang)
    const session = sessionFromCookie(request)
    if (session) {
      try {
        const view = await runtime.requests.view(id, session)
        if (!isLanguage(request.query.lang)) lang = view.lang
        return send(reply, statusPage(lang, view))
      } catch (err) {
        if (!(err instanceof AppError) || (err.status !== 401 && err.status !== 404)) throw err
      }
    }
    return send(reply, codePage(lang, id))
  })

  /** Every form on a request's page: posted from our own pages, for a request id of the right form, answered in the page's language. */
  const formOnRequestPage = (request: FastifyRequest<{ Params: { id: string }; Querystring: { lang?: string } }>) => {
    requireSameOrigin(runtime.config, request)
    return { id: request.params.id, lang: langOf(runtime, request), known: isUuid(request.params.id) }
  }

  app.post<{ Params: { id: string }; Querystring: { lang?: string }; Body: Record<string, unknown> | undefined }>(
    '/privacy-center/requests/:id/verify',
    { schema: { hide: true, params: idParams, querystring: langQuery, body: CodeForm }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const { id, lang, known } = formOnRequestPage(request)
      if (!known) return notFound(reply, lang)
      const t = PRIVACY_CENTER_TEXTS[lang]
      const code = str(request.body?.code, 20).replace(/\s+/g, '')
      try {
        const { session } = await runtime.requests.verify(id, code)
        return reply
          .status(303)
          .header('cache-control', 'no-store')
          .header('set-cookie', sessionCookie(runtime.config.baseUrl, session))
          .header('location', `/privacy-center/requests/${id}?lang=${lang}`)
          .send()
      } catch (err) {
        if (!(err instanceof AppError)) throw err
        if (err.status === 404) return notFound(reply, lang)
        const attemptsLeft = (err.details as { attemptsLeft?: unknown } | undefined)?.attemptsLeft
        const message =
          err.code === 'code_expired'
            ? t.codeExpired(CODE_MINUTES)
            : err.code === 'too_many_attempts' || err.status === 429 || attemptsLeft === 0
              ? t.tooManyAttempts
              : err.code === 'code_used' || err.status === 409
                ? t.codeUsed
                : t.invalidCode(typeof attemptsLeft === 'number' ? attemptsLeft : undefined)
        return send(reply, codePage(lang, id, message), err.status)
      }
    },
  )

  // A new code: the same page whatever the id, so it tells nobody anything.
  app.post<{ Params: { id: string }; Querystring: { lang?: string } }>(
    '/privacy-center/requests/:id/resend',
    { schema: { hide: true, params: idParams, querystring: langQuery }, config: { rateLimit: { max: 3, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      const { id, lang, known } = formOnRequestPage(request)
      if (!known) return notFound(reply, lang)
      await runtime.requests.resendCode(id)
      return send(reply, codePage(lang, id, undefined, PRIVACY_CENTER_TEXTS[lang].resent))
    },
  )

  // The person chooses the language we write to them in; the page answers in it.
  app.post<{ Params: { id: string }; Querystring: { lang?: string }; Body: Record<string, unknown> | undefined }>(
    '/privacy-center/requests/:id/language',
    { schema: { hide: true, params: idParams, querystring: langQuery, body: LanguageForm }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const { id, lang, known } = formOnRequestPage(request)
      if (!known) return notFound(reply, lang)
      const t = PRIVACY_CENTER_TEXTS[lang]
      const session = sessionFromCookie(request)
      if (!session) return send(reply, codePage(lang, id, t.sessionRequired), 401)
      const chosen = request.body?.language
      try {
        if (!isLanguage(chosen)) return send(reply, statusPage(lang, await runtime.requests.view(id, session), { error: t.chooseLanguage }), 400)
        const view = await runtime.requests.changeLanguage(id, session, chosen)
        return send(reply, statusPage(chosen, view, { notice: PRIVACY_CENTER_TEXTS[chosen].mailLanguageSaved }))
      } catch (err) {
        if (err instanceof AppError && err.status === 401) return send(reply, codePage(lang, id, t.sessionRequired), 401)
        throw err
      }
    },
  )

  app.get<{ Params: { id: string }; Querystring: { lang?: string } }>('/privacy-center/requests/:id/download', { schema: { hide: true, params: idParams, querystring: langQuery } }, async (request, reply) => {
    const { id } = request.params
    const lang = langOf(runtime, request)
    if (!isUuid(id)) return notFound(reply, lang)
    const session = sessionFromCookie(request)
    if (!session) return send(reply, codePage(lang, id, PRIVACY_CENTER_TEXTS[lang].sessionRequired), 401)
    try {
      return sendExport(reply, await runtime.fulfilment.download(id, session))
    } catch (err) {
      if (err instanceof AppError && err.status === 401) return send(reply, codePage(lang, id, PRIVACY_CENTER_TEXTS[lang].sessionRequired), 401)
      if (err instanceof AppError && err.status === 409) return notFound(reply, lang)
      if (err instanceof GateDenied) throw new AppError(err.status, err.reason, err.message)
      throw err
    }
  })
}
