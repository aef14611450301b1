// The privacy center's complaint pages (issue 17, part 2): one server-rendered page per step, in
// Dutch, French and English, no script at all, nothing loaded from elsewhere.
//
//   GET  /privacy-center/complaints               the short notice, the supervisory authority and the form
//   POST /privacy-center/complaints               files it (same-origin form) → 303 to its page; a code is mailed
//   GET  /privacy-center/complaints/:id           the code form (the same page for any id that waits for one)
//   POST /privacy-center/complaints/:id/verify    checks the code; the right one sends the acknowledgement
//
// Only the code goes to the address before it is confirmed (REQ-ID-09). Every page says that the
// person may go to the supervisory authority at any time, and how, from the policy.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import formbody from '@fastify/formbody'
import rateLimit from '@fastify/rate-limit'
import type { Runtime } from '../../runtime.ts'
import { LANGUAGES, type Language } from '../../policy/schema.ts'
import { addressLine, defaultLanguage, displayName } from '../../policy/policy.ts'
import { basisLabel, formatDuration } from '../../policy/i18n.ts'
import { complaintPurposeOf } from '../../gate/system-actors.ts'
import { CODE_MINUTES, COMPLAINT_LIMITS, ComplaintRefused } from '../../complaints/complaints.ts'
import { authorityFacts } from '../../complaints/mails.ts'
import { AppError } from '../errors.ts'
import { acceptedLanguage, isLanguage } from '../language.ts'
import { escapeHtml } from '../page.ts'
import { requireSameOrigin } from '../origin.ts'
import { PUBLIC_FORM_CSP, publicFormStyle } from '../public-form-style.ts'
import { LIMITS, S } from '../limits.ts'
import { isUuid } from '../../util/ids.ts'
import { COMPLAINT_PAGE_TEXTS as TEXTS } from '../complaints-i18n.ts'
import { PRIVACY_CENTER_TEXTS } from '../privacy-center-i18n.ts'

const CSP = PUBLIC_FORM_CSP

const STYLE = publicFormStyle([
  'input.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.8rem;letter-spacing:.4rem;max-width:14rem}',
  'section.box{border:1px solid #bbb;border-radius:.3rem;padding:.2rem 1rem;margin:1rem 0;background:#f7f7f7}section.box h2{font-size:1.1rem}',
])

function pageLang(runtime: Runtime, request: FastifyRequest, bodyLang?: unknown): Language {
  const q = (request.query as { lang?: unknown } | undefined)?.lang
  if (isLanguage(q)) return q
  if (isLanguage(bodyLang)) return bodyLang
  return acceptedLanguage(request.headers['accept-language']) ?? defaultLanguage(runtime.policy())
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '')

/** The supervisory authority, from the policy: that the person may go there at any time, and how. */
function authorityBox(runtime: Runtime, lang: Language): string {
  const t = TEXTS[lang]
  const a = authorityFacts(runtime.policy(), lang)
  return `<section class="box" aria-labelledby="authority-title" id="authority">
<h2 id="authority-title">${escapeHtml(t.authorityHeading)}</h2>
<p>${escapeHtml(t.authority(a.name))}</p>
<dl>
<dt>${escapeHtml(t.authorityAddress)}</dt><dd>${escapeHtml(a.address)}</dd>
${a.email ? `<dt>${escapeHtml(t.authorityEmail)}</dt><dd><a href="mailto:${escapeHtml(a.email)}">${escapeHtml(a.email)}</a></dd>\n` : ''}<dt>${escapeHtml(t.authorityWebsite)}</dt><dd><a href="${escapeHtml(a.website)}">${escapeHtml(a.website)}</a></dd>
</dl>
</section>`
}

export async function complaintRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  await app.register(formbody, { bodyLimit: LIMITS.formBodyBytes })
  await app.register(rateLimit, { global: false, errorResponseBuilder: (_req, ctx) => new AppError(429, 'rate_limited', `too many requests from this address: try again in ${Math.ceil(ctx.ttl / 1000)} s`, { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }) })

  const shell = (lang: Language, title: string, here: string, body: string): string => {
    const t = TEXTS[lang]
    const controller = displayName(runtime.policy().controller, lang)
    const languages = LANGUAGES.map((l) => `<li><a href="${escapeHtml(`${here}?lang=${l}`)}" lang="${l}" hreflang="${l}"${l === lang ? ' aria-current="page"' : ''}>${escapeHtml(t.languageNames[l])}</a></li>`).join('')
    return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(`${title} — ${controller}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p>${escapeHtml(controller)} · <a href="/privacy-center?lang=${lang}">${escapeHtml(PRIVACY_CENTER_TEXTS[lang].title)}</a></p>
<nav aria-label="${escapeHtml(t.languageNav)}"><ul>${languages}</ul></nav>
</header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`
  }

  const send = (reply: FastifyReply, lang: Language, html: string, status = 200) =>
    reply.status(status).header('content-type', 'text/html; charset=utf-8').header('content-language', lang).header('cache-control', 'no-store').header('referrer-policy', 'same-origin').header('x-robots-tag', 'noindex').header('content-security-policy', CSP).send(html)

  const errorBox = (lang: Language, message: string) => `<div class="error" role="alert" id="error"><h2>${escapeHtml(TEXTS[lang].errorHeading)}</h2><p>${escapeHtml(message)}</p></div>`

  const notice = (lang: Language): string => {
    const t = TEXTS[lang]
    const policy = runtime.policy()
    const purpose = policy.purpose(complaintPurposeOf(policy))
    if (!purpose) return ''
    const c = policy.controller
    const bases = [...new Set(Object.values(purpose.basis))].map((b) => basisLabel(b, lang)).join('; ')
    const basis = bases + (purpose.legitimateInterest ? ` — ${purpose.legitimateInterest.interest[lang]}` : '')
    const howLong = purpose.retention.rationale?.[lang] ?? (purpose.retention.duration ? formatDuration(purpose.retention.duration, lang) : '')
    return `<section class="box" aria-labelledby="notice-title">
<h2 id="notice-title">${escapeHtml(t.noticeHeading)}</h2>
<dl>
<dt>${escapeHtml(t.who)}</dt><dd>${escapeHtml(`${c.name[lang]}${c.tradingName ? ` (${c.tradingName})` : ''}, ${addressLine(c.address, lang)}`)} — <a href="mailto:${escapeHtml(c.privacyContact.email)}">${escapeHtml(c.privacyContact.email)}</a></dd>
<dt>${escapeHtml(t.why)}</dt><dd>${escapeHtml(purpose.description[lang])}</dd>
<dt>${escapeHtml(t.basis)}</dt><dd>${escapeHtml(basis.charAt(0).toUpperCase() + basis.slice(1))}</dd>
<dt>${escapeHtml(t.howLong)}</dt><dd>${escapeHtml(howLong)}</dd>
<dt>${escapeHtml(t.rights)}</dt><dd>${escapeHtml(t.rightsText)} <a href="/privacy?lang=${lang}">/privacy</a></dd>
</dl>
</section>`
  }

  const formPage = (lang: Language, values: { name?: string; email?: string; description?: string } = {}, error?: string): string => {
    const t = TEXTS[lang]
    const controller = displayName(runtime.policy().controller, lang)
    const body = `<p>${escapeHtml(t.intro(controller))}</p>
${authorityBox(runtime, lang)}
${notice(lang)}
${error ? errorBox(lang, error) : ''}
<h2>${escapeHtml(t.formHeading)}</h2>
<p class="hint">${escapeHtml(t.required)}</p>
<form method="post" action="/privacy-center/complaints?lang=${lang}" accept-charset="utf-8" novalidate>
<input type="hidden" name="formToken" value="${escapeHtml(runtime.complaints.formToken())}">
<input type="hidden" name="lang" value="${lang}">
<label for="name">${escapeHtml(t.name)} *</label>
<input type="text" id="name" name="name" maxlength="${COMPLAINT_LIMITS.name}" autocomplete="name" required aria-required="true" value="${escapeHtml(values.name ?? '')}">
<label for="email">${escapeHtml(t.email)} *</label>
<p class="hint" id="email-hint">${escapeHtml(t.emailHint)}</p>
<input type="email" id="email" name="email" maxlength="${COMPLAINT_LIMITS.email}" autocomplete="email" required aria-required="true" aria-describedby="email-hint" value="${escapeHtml(values.email ?? '')}">
<label for="description">${escapeHtml(t.description)} *</label>
<p class="hint" id="description-hint">${escapeHtml(t.descriptionHint(COMPLAINT_LIMITS.description))}</p>
<textarea id="description" name="description" rows="8" maxlength="${COMPLAINT_LIMITS.description}" required aria-required="true" aria-describedby="description-hint">${escapeHtml(values.description ?? '')}</textarea>
<div class="hp" aria-hidden="true"><label for="website">${escapeHtml(t.honeypot)}</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off" value=""></div>
<button type="submit">${escapeHtml(t.submit)}</button>
</form>`
    return shell(lang, t.title, '/privacy-center/complaints', body)
  }

  const codePage = (lang: Language, id: string, error?: string): string => {
    const t = TEXTS[lang]
    const body = `${error ? errorBox(lang, error) : ''}
<p>${escapeHtml(t.codeIntro(CODE_MINUTES))}</p>
<form method="post" action="/privacy-center/complaints/${id}/verify?lang=${lang}" accept-charset="utf-8">
<label for="code">${escapeHtml(t.codeLabel)}</label>
<input class="code" type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="${COMPLAINT_LIMITS.code}" required aria-required="true">
<button type="submit">${escapeHtml(t.codeButton)}</button>
</form>
${authorityBox(runtime, lang)}`
    return shell(lang, t.codeTitle, `/privacy-center/complaints/${id}`, body)
  }

  const simplePage = (lang: Language, title: string, here: string, text: string) => shell(lang, title, here, `<p role="status" id="notice">${escapeHtml(text)}</p>\n${authorityBox(runtime, lang)}`)

  const refusalText = (lang: Language, err: ComplaintRefused): string => {
    const t = TEXTS[lang]
    const seconds = Number(err.details?.['retryAfterSeconds'] ?? 0)
    if (err.code === 'too_fast') return t.tooFast(seconds)
    if (err.code === 'rate_limited') return t.rateLimited(seconds)
    if (err.code === 'form_expired' || err.code === 'invalid_form_token') return t.expired
    if (err.code === 'honeypot_filled') return t.spam
    if (err.code === 'complaints_disabled') return t.unavailable
    const field = String(err.details?.['field'] ?? '')
    const labels: Record<string, string> = { name: t.name, email: t.email, description: t.description }
    return `${t.badInput}${labels[field] ?? field}`
  }

  app.setErrorHandler((err: Error, request, reply) => {
    const lang = pageLang(runtime, request)
    const t = TEXTS[lang]
    const known = err instanceof AppError ? err : undefined
    let status = known?.status ?? (err as { statusCode?: number }).statusCode ?? 500
    if (status < 400) status = 500
    if (status >= 500) request.log.error({ err: { type: err.name } }, 'complaint page failed')
    const seconds = Number((known?.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 0)
    if (status === 429 && seconds) reply.header('retry-after', seconds)
    const message = status === 429 ? t.rateLimited(seconds) : status === 403 ? t.forbidden : status >= 500 ? t.unexpected : t.badInput
    return send(reply, lang, shell(lang, t.title, '/privacy-center/complaints', errorBox(lang, message)), status)
  })

  const langQuery = { type: 'object', properties: { lang: S.lang() } } as const
  const idParams = { type: 'object', properties: { id: S.text(LIMITS.uuid) } } as const
  const Form = { type: ['object', 'null'], properties: { name: S.text(COMPLAINT_LIMITS.name), email: S.text(LIMITS.email), description: S.text(2 * COMPLAINT_LIMITS.description), formToken: S.text(COMPLAINT_LIMITS.formToken), website: S.text(COMPLAINT_LIMITS.honeypot), lang: S.lang() } } as const
  const CodeForm = { type: ['object', 'null'], properties: { code: S.text(COMPLAINT_LIMITS.code) } } as const

  app.get('/privacy-center/complaints', { schema: { hide: true, querystring: langQuery }, attachValidation: true, config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (request, reply) => {
    const lang = pageLang(runtime, request)
    if (!runtime.complaints.enabled()) return send(reply, lang, simplePage(lang, TEXTS[lang].title, '/privacy-center/complaints', TEXTS[lang].unavailable), 404)
    return send(reply, lang, formPage(lang))
  })

  app.post<{ Body: Record<string, unknown> | null }>(
    '/privacy-center/complaints',
    { schema: { hide: true, querystring: langQuery, body: Form }, attachValidation: true, config: { rateLimit: { max: 5, timeWindow: '10 minutes' } }, preHandler: async (request) => requireSameOrigin(runtime.config, request) },
    async (request, reply) => {
      const body = request.body ?? {}
      const lang = pageLang(runtime, request, body.lang)
      const t = TEXTS[lang]
      const values = { name: str(body.name), email: str(body.email), description: str(body.description) }
      if (request.validationError) {
        const field = /(name|email|description|formToken|website)/.exec(request.validationError.message)?.[1] ?? ''
        const labels: Record<string, string> = { name: t.name, email: t.email, description: t.description }
        return send(reply, lang, formPage(lang, {}, `${t.badInput}${labels[field] ?? field}`), 400)
      }
      let id: string
      try {
        ;({ id } = await runtime.complaints.file({ name: values.name, email: values.email, description: values.description, lang, formToken: str(body.formToken), honeypot: typeof body.website === 'string' ? body.website : undefined }))
      } catch (err) {
        if (!(err instanceof ComplaintRefused)) throw err
        const seconds = err.details?.['retryAfterSeconds']
        if (typeof seconds === 'number') reply.header('retry-after', seconds)
        // The person's own text comes back into the form, escaped; the honeypot's never.
        return send(reply, lang, formPage(lang, values, refusalText(lang, err)), err.status)
      }
      return reply.redirect(`/privacy-center/complaints/${id}?lang=${lang}`, 303)
    },
  )

  app.get<{ Params: { id: string } }>('/privacy-center/complaints/:id', { schema: { hide: true, params: idParams, querystring: langQuery }, attachValidation: true, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
    const lang = pageLang(runtime, request)
    const t = TEXTS[lang]
    const id = request.params.id.toLowerCase()
    if (request.validationError || !isUuid(id)) return send(reply, lang, simplePage(lang, t.invalidTitle, '/privacy-center/complaints', t.invalid), 400)
    const status = await runtime.complaints.status(id)
    if (status === 'open' || status === 'closed') return send(reply, lang, simplePage(lang, t.confirmedTitle, `/privacy-center/complaints/${id}`, t.alreadyConfirmed))
    if (status !== 'awaiting_confirmation') return send(reply, lang, simplePage(lang, t.invalidTitle, `/privacy-center/complaints/${id}`, t.invalid), 404)
    return send(reply, lang, codePage(lang, id))
  })

  app.post<{ Params: { id: string }; Body: { code?: string } | null }>(
    '/privacy-center/complaints/:id/verify',
    { schema: { hide: true, params: idParams, querystring: langQuery, body: CodeForm }, attachValidation: true, config: { rateLimit: { max: 10, timeWindow: '1 minute' } }, preHandler: async (request) => requireSameOrigin(runtime.config, request) },
    async (request, reply) => {
      const lang = pageLang(runtime, request)
      const t = TEXTS[lang]
      const id = request.params.id.toLowerCase()
      if (!isUuid(id)) return send(reply, lang, simplePage(lang, t.invalidTitle, '/privacy-center/complaints', t.invalid), 400)
      if (request.validationError) return send(reply, lang, codePage(lang, id, t.wrongCode(0)), 400)
      try {
        const { dueOn } = await runtime.complaints.confirm(id, str(request.body?.code))
        const due = new Intl.DateTimeFormat({ nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' }[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${dueOn}T00:00:00Z`))
        return send(reply, lang, simplePage(lang, t.confirmedTitle, `/privacy-center/complaints/${id}`, t.confirmed(due)))
      } catch (err) {
        if (!(err instanceof ComplaintRefused)) throw err
        if (err.code === 'invalid_code') {
          const left = Number(err.details?.['attemptsLeft'] ?? -1)
          if (left === 0) return send(reply, lang, simplePage(lang, t.invalidTitle, `/privacy-center/complaints/${id}`, t.locked), 429)
          return send(reply, lang, codePage(lang, id, left > 0 ? t.wrongCode(left) : `${t.badInput}${t.codeLabel}`), 400)
        }
        if (err.code === 'already_confirmed') return send(reply, lang, simplePage(lang, t.confirmedTitle, `/privacy-center/complaints/${id}`, t.alreadyConfirmed), 409)
        if (err.code === 'code_expired') return send(reply, lang, simplePage(lang, t.invalidTitle, `/privacy-center/complaints/${id}`, t.codeExpired), 410)
        if (err.code === 'too_many_attempts') return send(reply, lang, simplePage(lang, t.invalidTitle, `/privacy-center/complaints/${id}`, t.locked), 429)
        return send(reply, lang, simplePage(lang, t.invalidTitle, `/privacy-center/complaints/${id}`, t.invalid), err.status)
      }
    },
  )
}
