// The website's contact form (src/contact/): a hosted page for people and a route for a site's own
// backend. Both show or carry the same Art. 13 notice and give the same answer whoever writes.
//
//   GET  /contact                 the Art. 13 notice and the form (nl/fr/en), no script at all
//   POST /contact                 the form (same-origin) → 303 to /contact/sent
//   GET  /contact/sent            "thank you"
//   GET  /contact/confirm?t=      a button that confirms the sender's address (opening the link does nothing)
//   POST /contact/confirm         links the message to the person with that address, if any; the same page either way
//   POST /v1/contact              JSON, for a browser of an allowed origin or a website backend with an intake key
//   GET  /v1/contact/form-token   a signed timestamp for a form rendered elsewhere (the minimum fill time)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import formbody from '@fastify/formbody'
import rateLimit from '@fastify/rate-limit'
import type { Runtime } from '../../runtime.ts'
import { LANGUAGES, type Language } from '../../policy/schema.ts'
import { addressLine, defaultLanguage, displayName } from '../../policy/policy.ts'
import { basisLabel, formatDuration } from '../../policy/i18n.ts'
import { contactPurposeOf } from '../../gate/system-actors.ts'
import { CONTACT_LIMITS, ContactRefused, FORM_TOKEN_HOURS, MIN_FILL_SECONDS, type ContactInput } from '../../contact/contact.ts'
import { VaultInputError } from '../../vault/vault.ts'
import { AppError } from '../errors.ts'
import { acceptedLanguage, isLanguage, unknownLanguage } from '../language.ts'
import { escapeHtml } from '../page.ts'
import { requireAllowedOrigin, requireSameOrigin } from '../origin.ts'
import { INTAKE_LIMITS, intakeGuard } from '../intake.ts'
import { PUBLIC_FORM_CSP, publicFormStyle } from '../public-form-style.ts'
import { LIMITS, S } from '../limits.ts'
import { CONTACT_TEXTS } from '../contact-i18n.ts'

const CSP = PUBLIC_FORM_CSP

const STYLE = publicFormStyle([
  '.choice{display:grid;grid-template-columns:auto 1fr;gap:.1rem .6rem;margin:1.2rem 0}.choice label{margin:0}.choice input{margin-top:.35rem}.choice span{grid-column:2;color:#444;font-size:.95rem}',
  'section.notice{border:1px solid #bbb;border-radius:.3rem;padding:.2rem 1rem;margin:1rem 0;background:#f7f7f7}section.notice h2{font-size:1.1rem}',
])

function shell(runtime: Runtime, lang: Language, title: string, here: string, body: string): string {
  const t = CONTACT_TEXTS[lang]
  const languages = LANGUAGES.map((l) => `<li><a href="${escapeHtml(`${here}${here.includes('?') ? '&' : '?'}lang=${l}`)}" lang="${l}" hreflang="${l}"${l === lang ? ' aria-current="page"' : ''}>${escapeHtml(t.languageNames[l])}</a></li>`).join('')
  const controller = displayName(runtime.policy().controller, lang)
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${title} — ${controller}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p>${escapeHtml(controller)}</p>
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

function send(reply: FastifyReply, lang: Language, html: string, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-language', lang)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'same-origin')
    .header('content-security-policy', CSP)
    .send(html)
}

export interface NoticeFacts {
  readonly who: string
  readonly contact: string
  readonly why: string
  readonly basis: string
  readonly howLong: string
  readonly recipients: readonly string[]
  readonly rights: string
  readonly statementUrl: string
  readonly privacyCenterUrl: string
}

/** The Art. 13 notice at the point of collection, from the policy in force (who, why, basis, how long, who else, rights, links). */
function noticeFacts(runtime: Runtime, lang: Language): NoticeFacts | undefined {
  const t = CONTACT_TEXTS[lang]
  const policy = runtime.policy()
  const purpose = policy.purpose(contactPurposeOf(policy))
  if (!purpose) return undefined
  const c = policy.controller
  const bases = [...new Set(Object.values(purpose.basis))]
  const basisText = bases.map((b) => basisLabel(b, lang)).join('; ') + (purpose.legitimateInterest ? ` — ${purpose.legitimateInterest.interest[lang]}` : '')
  const base = runtime.config.baseUrl.replace(/\/$/, '')
  return {
    who: `${c.name[lang]}${c.tradingName ? ` (${c.tradingName})` : ''}, ${addressLine(c.address, lang)}`,
    contact: c.privacyContact.email,
    why: purpose.description[lang],
    basis: basisText.charAt(0).toUpperCase() + basisText.slice(1),
    howLong: purpose.retention.rationale?.[lang] ?? (purpose.retention.duration ? formatDuration(purpose.retention.duration, lang) : ''),
    recipients: (purpose.recipients ?? []).map((id) => policy.recipient(id)).filter((r) => r !== undefined).map((r) => `${r.name} (${r.service[lang]}, ${r.country})`),
    rights: t.rightsText,
    statementUrl: `${base}/privacy?lang=${lang}`,
    privacyCenterUrl: `${base}/privacy-center?lang=${lang}`,
  }
}

function notice(runtime: Runtime, lang: Language): string {
  const t = CONTACT_TEXTS[lang]
  const f = noticeFacts(runtime, lang)
  if (!f) return ''
  return `<section class="notice" aria-labelledby="notice-title">
<h2 id="notice-title">${escapeHtml(t.noticeTitle)}</h2>
<dl>
<dt>${escapeHtml(t.who)}</dt><dd>${escapeHtml(f.who)} — <a href="mailto:${escapeHtml(f.contact)}">${escapeHtml(f.contact)}</a></dd>
<dt>${escapeHtml(t.why)}</dt><dd>${escapeHtml(f.why)}</dd>
<dt>${escapeHtml(t.basis)}</dt><dd>${escapeHtml(f.basis)}</dd>
<dt>${escapeHtml(t.howLong)}</dt><dd>${escapeHtml(f.howLong)}</dd>
${f.recipients.length ? `<dt>${escapeHtml(t.recipients)}</dt><dd>${escapeHtml(f.recipients.join('; '))}</dd>\n` : ''}<dt>${escapeHtml(t.rights)}</dt><dd>${escapeHtml(f.rights)}</dd>
</dl>
<p><a href="/privacy?lang=${lang}">${escapeHtml(t.statementLink)}</a> · <a href="/privacy-center?lang=${lang}">${escapeHtml(t.centerLink)}</a></p>
</section>`
}

type FormValues = Partial<Record<'name' | 'email' | 'phone' | 'organisation' | 'role' | 'message' | 'newsletter', string>>

function formPage(runtime: Runtime, lang: Language, values: FormValues = {}, error?: string): string {
  const t = CONTACT_TEXTS[lang]
  const v = (k: keyof FormValues) => escapeHtml(values[k] ?? '')
  const input = (id: 'name' | 'email' | 'phone' | 'organisation' | 'role', type: string, max: number, required: boolean, autocomplete: string) =>
    `<label for="${id}">${escapeHtml(t[id])}${required ? ' *' : ` <span class="hint">(${escapeHtml(t.optional)})</span>`}</label>
<input type="${type}" id="${id}" name="${id}" maxlength="${max}" autocomplete="${autocomplete}"${required ? ' required aria-required="true"' : ''} value="${v(id)}">`
  const body = `<p>${escapeHtml(t.intro)}</p>
${notice(runtime, lang)}
${error ? `<div class="error" role="alert" id="error"><h2>${escapeHtml(t.errorHeading)}</h2><p>${escapeHtml(error)}</p></div>` : ''}
<h2>${escapeHtml(t.formTitle)}</h2>
<p class="hint">${escapeHtml(t.required)}</p>
<form method="post" action="/contact?lang=${lang}" novalidate>
<input type="hidden" name="formToken" value="${escapeHtml(runtime.contact.formToken())}">
<input type="hidden" name="lang" value="${lang}">
${input('name', 'text', CONTACT_LIMITS.name, true, 'name')}
${input('email', 'email', CONTACT_LIMITS.email, true, 'email')}
${input('phone', 'tel', CONTACT_LIMITS.phone, false, 'tel')}
${input('organisation', 'text', CONTACT_LIMITS.organisation, false, 'organization')}
${input('role', 'text', CONTACT_LIMITS.role, false, 'organization-title')}
<label for="message">${escapeHtml(t.message)} *</label>
<p class="hint" id="message-hint">${escapeHtml(t.messageHint(CONTACT_LIMITS.message))}</p>
<textarea id="message" name="message" rows="8" maxlength="${CONTACT_LIMITS.message}" required aria-required="true" aria-describedby="message-hint">${v('message')}</textarea>
<div class="hp" aria-hidden="true"><label for="website">${escapeHtml(t.honeypot)}</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off" value=""></div>
<div class="choice"><input type="checkbox" id="newsletter" name="newsletter" value="yes" aria-describedby="newsletter-hint"${values.newsletter === 'yes' ? ' checked' : ''}><label for="newsletter">${escapeHtml(t.newsletter)}</label><span id="newsletter-hint">${escapeHtml(t.newsletterHint)}</span></div>
<button type="submit">${escapeHtml(t.send)}</button>
</form>`
  return shell(runtime, lang, t.title, '/contact', body)
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** Bounded fields: over the cap is a 400 before anything runs (the message may take CR LF on the wire). */
const fieldProperties = {
  name: S.text(CONTACT_LIMITS.name),
  email: S.text(LIMITS.email),
  phone: S.text(CONTACT_LIMITS.phone),
  organisation: S.text(CONTACT_LIMITS.organisation),
  role: S.text(CONTACT_LIMITS.role),
  message: S.text(2 * CONTACT_LIMITS.message),
  formToken: S.text(CONTACT_LIMITS.formToken),
  website: S.text(CONTACT_LIMITS.honeypot, 'the honeypot: leave it empty or leave it out'),
  lang: S.lang(),
} as const

function pageLang(runtime: Runtime, request: FastifyRequest, bodyLang?: unknown): Language {
  const q = (request.query as { lang?: unknown } | undefined)?.lang
  if (isLanguage(q)) return q
  if (isLanguage(bodyLang)) return bodyLang
  return acceptedLanguage(request.headers['accept-language']) ?? defaultLanguage(runtime.policy())
}

function refusalText(lang: Language, err: ContactRefused): string {
  const t = CONTACT_TEXTS[lang]
  const seconds = Number(err.details?.['retryAfterSeconds'] ?? 0)
  if (err.code === 'too_fast') return t.tooFast(seconds)
  if (err.code === 'rate_limited') return t.rateLimited(seconds)
  if (err.code === 'form_expired' || err.code === 'invalid_form_token') return t.expired
  if (err.code === 'honeypot_filled') return t.spam
  if (err.code === 'contact_form_disabled') return t.unavailable
  const field = String(err.details?.['field'] ?? '')
  const labels: Record<string, string> = { name: t.name, email: t.email, phone: t.phone, organisation: t.organisation, role: t.role, message: t.message, 'email or phone': `${t.email}, ${t.phone}` }
  return `${t.badInput}${labels[field] ?? field}`
}

function input(body: Record<string, unknown>, lang: Language): ContactInput {
  return { name: str(body.name) ?? '', email: str(body.email) ?? '', phone: str(body.phone), organisation: str(body.organisation), role: str(body.role), message: str(body.message) ?? '', lang, formToken: str(body.formToken) ?? '', honeypot: str(body.website) }
}

function asAppError(err: unknown, reply: FastifyReply): unknown {
  if (err instanceof ContactRefused) {
    const seconds = err.details?.['retryAfterSeconds']
    if (typeof seconds === 'number') reply.header('retry-after', seconds)
    return new AppError(err.status, err.code, err.message, err.details)
  }
  if (err instanceof VaultInputError) return new AppError(400, 'invalid_field', 'check the e-mail address and the telephone number')
  return err
}

export async function contactRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  await app.register(formbody, { bodyLimit: LIMITS.formBodyBytes })
  await app.register(rateLimit, { global: false, errorResponseBuilder: (_req, ctx) => new AppError(429, 'rate_limited', `too many requests from this address: try again in ${Math.ceil(ctx.ttl / 1000)} s`, { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }) })
  const guard = intakeGuard(app, runtime.apiKeys, INTAKE_LIMITS.contact)

  // --- the API, JSON errors in the one shape ---
  await app.register(async (api) => {
    api.post<{ Body: Record<string, unknown> & { newsletter?: boolean } }>(
      '/v1/contact',
      {
        onRequest: guard,
        preHandler: async (request) => requireAllowedOrigin(runtime.config, request, request.intakeKey !== undefined),
        schema: {
          tags: ['contact'],
          summary: 'Send a message through the contact form (the same answer whoever writes)',
          description: `Public, for a browser of an origin in PLEDGE_ALLOWED_ORIGINS, or a website backend with an intake API key (\`Authorization: Bearer <key>\`). \`formToken\` is a signed timestamp from GET /v1/contact/form-token taken when the form was shown: a form sent within ${MIN_FILL_SECONDS} s of it is refused (422 too_fast), one older than ${FORM_TOKEN_HOURS} h too (400 form_expired). \`website\` is the honeypot: anything in it is refused. Rate-limited per client address, per intake key and per e-mail address (429 with Retry-After). The sender gets an acknowledgement that never repeats the message; \`newsletter: true\` starts the newsletter's own double opt-in, separately.`,
          security: [{}, { bearer: [] }],
          body: { type: 'object', required: ['name', 'email', 'message', 'formToken'], additionalProperties: false, properties: { ...fieldProperties, newsletter: { type: 'boolean', description: 'the separate, unticked newsletter box' } } },
          response: { 202: { type: 'object', properties: { status: { type: 'string' }, message: { type: 'string' } } }, 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 404: { $ref: 'Error#' }, 422: { $ref: 'Error#' }, 429: { $ref: 'Error#' } },
        },
      },
      async (request, reply) => {
        const given = request.body.lang
        const lang = given === undefined ? (acceptedLanguage(request.headers['accept-language']) ?? defaultLanguage(runtime.policy())) : given
        if (!isLanguage(lang)) throw unknownLanguage(lang)
        try {
          await runtime.contact.submit(input(request.body, lang), request.intakeKey)
          if (request.body.newsletter === true) await runtime.newsletter.subscribe(String(request.body.email).trim(), lang, request.intakeKey)
        } catch (err) {
          throw asAppError(err, reply)
        }
        return reply.status(202).send({ status: 'received', message: CONTACT_TEXTS[lang].sent })
      },
    )

    const noticeSchema = { type: 'object', properties: { who: { type: 'string' }, contact: { type: 'string' }, why: { type: 'string' }, basis: { type: 'string' }, howLong: { type: 'string' }, recipients: { type: 'array', items: { type: 'string' } }, rights: { type: 'string' }, statementUrl: { type: 'string' }, privacyCenterUrl: { type: 'string' } } } as const
    api.get<{ Querystring: { lang?: string } }>(
      '/v1/contact/form-token',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags: ['contact'],
          summary: 'A signed timestamp for a contact form shown now, and the Art. 13 notice to show with it',
          description: `Public. Put \`formToken\` in the form your site shows and send it back with POST /v1/contact; the form may be sent ${MIN_FILL_SECONDS} s after it at the earliest and ${FORM_TOKEN_HOURS} h after it at the latest. \`notice\` is the short Art. 13 notice (who, why, basis, how long, who else sees the data, rights, links to the statement and the privacy center) in \`lang\`, from the policy in force: show it next to the form.`,
          querystring: { type: 'object', additionalProperties: false, properties: { lang: S.lang() } },
          response: { 200: { type: 'object', properties: { formToken: { type: 'string' }, minSeconds: { type: 'integer' }, maxAgeSeconds: { type: 'integer' }, lang: { type: 'string' }, notice: noticeSchema } }, 400: { $ref: 'Error#' } },
        },
      },
      async (request) => {
        const given = request.query.lang
        const lang = given === undefined ? (acceptedLanguage(request.headers['accept-language']) ?? defaultLanguage(runtime.policy())) : given
        if (!isLanguage(lang)) throw unknownLanguage(lang)
        return { formToken: runtime.contact.formToken(), minSeconds: MIN_FILL_SECONDS, maxAgeSeconds: FORM_TOKEN_HOURS * 3600, lang, notice: noticeFacts(runtime, lang) }
      },
    )
  })

  // --- the pages, every answer a page ---
  await app.register(async (pages) => {
    pages.setErrorHandler((err: Error, request, reply) => {
      const lang = pageLang(runtime, request)
      const t = CONTACT_TEXTS[lang]
      const known = err instanceof AppError ? err : undefined
      let status = known?.status ?? (err as { statusCode?: number }).statusCode ?? 500
      if (status < 400) status = 500
      if (status >= 500) request.log.error({ err: { type: err.name } }, 'contact page failed')
      const seconds = Number((known?.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 0)
      const message = status === 429 ? t.rateLimited(seconds) : status === 403 ? t.forbidden : status >= 500 ? t.unexpected : t.badInput
      if (status === 429 && seconds) reply.header('retry-after', seconds)
      return send(reply, lang, formPage(runtime, lang, {}, message), status)
    })
    const pageSchema = (body?: object) => ({ schema: { hide: true, querystring: { type: 'object', properties: { lang: S.lang(), t: S.text(LIMITS.token) } }, ...(body ? { body } : {}) }, attachValidation: true })

    pages.get('/contact', { ...pageSchema(), config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (request, reply) => {
      const lang = pageLang(runtime, request)
      if (!runtime.contact.enabled()) return send(reply, lang, shell(runtime, lang, CONTACT_TEXTS[lang].title, '/contact', `<p>${escapeHtml(CONTACT_TEXTS[lang].unavailable)}</p>`), 404)
      return send(reply, lang, formPage(runtime, lang))
    })

    pages.post<{ Body: Record<string, unknown> | null }>(
      '/contact',
      { ...pageSchema({ type: ['object', 'null'], properties: { ...fieldProperties, newsletter: S.text(8) } }), onRequest: guard, preHandler: async (request) => requireSameOrigin(runtime.config, request) },
      async (request, reply) => {
        const body = request.body ?? {}
        const lang = pageLang(runtime, request, body.lang)
        const values: FormValues = { name: str(body.name), email: str(body.email), phone: str(body.phone), organisation: str(body.organisation), role: str(body.role), message: str(body.message), newsletter: str(body.newsletter) }
        const t = CONTACT_TEXTS[lang]
        if (request.validationError) return send(reply, lang, formPage(runtime, lang, {}, t.badInput + t.message), 400)
        try {
          await runtime.contact.submit(input(body, lang))
        } catch (err) {
          if (!(err instanceof ContactRefused)) throw err
          const seconds = err.details?.['retryAfterSeconds']
          if (typeof seconds === 'number') reply.header('retry-after', seconds)
          // The honeypot's value is never shown again; the rest is the person's own text, escaped.
          return send(reply, lang, formPage(runtime, lang, values, refusalText(lang, err)), err.status)
        }
        const newsletter = values.newsletter === 'yes'
        if (newsletter) {
          try {
            await runtime.newsletter.subscribe((values.email ?? '').trim(), lang)
          } catch (err) {
            if (!(err instanceof VaultInputError)) throw err
          }
        }
        return reply.redirect(`/contact/sent?lang=${lang}${newsletter ? '&newsletter=1' : ''}`, 303)
      },
    )

    pages.get<{ Querystring: { lang?: string; newsletter?: string } }>('/contact/sent', { schema: { hide: true, querystring: { type: 'object', properties: { lang: S.lang(), newsletter: S.text(8) } } }, attachValidation: true }, async (request, reply) => {
      const lang = pageLang(runtime, request)
      const t = CONTACT_TEXTS[lang]
      return send(reply, lang, shell(runtime, lang, t.sentTitle, '/contact/sent', `<p>${escapeHtml(t.sent)}</p>${request.query.newsletter === '1' ? `<p>${escapeHtml(t.sentNewsletter)}</p>` : ''}<p><a href="/contact?lang=${lang}">${escapeHtml(t.back)}</a></p>`))
    })

    const invalid = (reply: FastifyReply, lang: Language, status: number) => send(reply, lang, shell(runtime, lang, CONTACT_TEXTS[lang].invalidTitle, '/contact', `<p>${escapeHtml(CONTACT_TEXTS[lang].invalid)}</p>`), status)

    pages.get<{ Querystring: { t?: string; lang?: string } }>('/contact/confirm', { ...pageSchema(), config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
      const lang = pageLang(runtime, request)
      if (request.validationError) return invalid(reply, lang, 400)
      const token = request.query.t ?? ''
      if (!(await runtime.contact.isConfirmable(token))) return invalid(reply, lang, 404)
      const t = CONTACT_TEXTS[lang]
      // The token goes in the form's body, not the page's links: the language links drop it.
      return send(reply, lang, shell(runtime, lang, t.confirmTitle, '/contact', `<p>${escapeHtml(t.confirmAsk)}</p>
<form method="post" action="/contact/confirm?lang=${lang}">
<input type="hidden" name="t" value="${escapeHtml(token)}">
<button type="submit">${escapeHtml(t.confirmButton)}</button>
</form>`))
    })

    pages.post<{ Body: { t?: string } | null; Querystring: { lang?: string } }>(
      '/contact/confirm',
      { ...pageSchema({ type: ['object', 'null'], properties: { t: S.text(LIMITS.token) } }), config: { rateLimit: { max: 20, timeWindow: '1 minute' } }, preHandler: async (request) => requireSameOrigin(runtime.config, request) },
      async (request, reply) => {
        const lang = pageLang(runtime, request)
        const token = request.body?.t
        if (request.validationError || typeof token !== 'string') return invalid(reply, lang, 400)
        if ((await runtime.contact.confirm(token)) === 'invalid') return invalid(reply, lang, 404)
        const t = CONTACT_TEXTS[lang]
        return send(reply, lang, shell(runtime, lang, t.confirmedTitle, '/contact', `<p>${escapeHtml(t.confirmed)}</p>`))
      },
    )
  })
}
