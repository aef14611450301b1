// The public newsletter routes: subscribe (double opt-in), confirm, and unsubscribe. Opening a link
// shows a page; only a POST changes anything. No login and no identity document anywhere.
import { requireAllowedOrigin } from '../origin.ts'
import type { FastifyInstance, FastifyReply } from 'fastify'
import formbody from '@fastify/formbody'
import rateLimit from '@fastify/rate-limit'
import type { Runtime } from '../../runtime.ts'
import type { Language } from '../../policy/schema.ts'
import { AppError, rateLimitedError } from '../errors.ts'
import { isLanguage, pickLanguage, unknownLanguage } from '../language.ts'
import { page, escapeHtml } from '../page.ts'
import { CONFIRM_TEXT } from '../../consent/newsletter.ts'
import { VaultInputError } from '../../vault/vault.ts'
import { INTAKE_LIMITS, intakeGuard } from '../intake.ts'
import { LIMITS, S } from '../limits.ts'

const T = {
  accepted: { nl: 'Kijk in uw mailbox: klik op de link in onze e-mail om uw inschrijving te bevestigen.', fr: 'Consultez votre boîte mail : cliquez sur le lien de notre e-mail pour confirmer votre inscription.', en: 'Check your mailbox: click the link in our e-mail to confirm your subscription.' },
  confirmTitle: { nl: 'Inschrijving bevestigen', fr: "Confirmer l'inscription", en: 'Confirm your subscription' },
  confirmButton: { nl: 'Bevestigen', fr: 'Confirmer', en: 'Confirm' },
  confirmedTitle: { nl: 'Inschrijving bevestigd', fr: 'Inscription confirmée', en: 'Subscription confirmed' },
  confirmed: { nl: 'Bedankt. Elke nieuwsbrief bevat een link waarmee u zich met één klik uitschrijft.', fr: 'Merci. Chaque newsletter contient un lien pour vous désinscrire en un clic.', en: 'Thank you. Every newsletter has a link to unsubscribe with one click.' },
  invalidTitle: { nl: 'Link niet meer geldig', fr: "Ce lien n'est plus valable", en: 'This link is no longer valid' },
  invalid: { nl: 'Deze link is verlopen of al gebruikt. Schrijf u opnieuw in als u de nieuwsbrief wilt ontvangen.', fr: 'Ce lien a expiré ou a déjà été utilisé. Inscrivez-vous à nouveau si vous souhaitez recevoir la newsletter.', en: 'This link has expired or was already used. Subscribe again if you want the newsletter.' },
  unsubscribeTitle: { nl: 'Uitschrijven', fr: 'Se désinscrire', en: 'Unsubscribe' },
  unsubscribeAsk: { nl: 'Wilt u geen marketingberichten meer van ons ontvangen?', fr: 'Vous ne souhaitez plus recevoir nos messages marketing ?', en: 'No longer want our marketing messages?' },
  unsubscribeButton: { nl: 'Uitschrijven', fr: 'Se désinscrire', en: 'Unsubscribe' },
  unsubscribedTitle: { nl: 'U bent uitgeschreven', fr: 'Vous êtes désinscrit', en: 'You are unsubscribed' },
  unsubscribed: { nl: 'U ontvangt geen marketingberichten meer van ons. We bewaren alleen een gecodeerde vingerafdruk van uw adres, zodat het niet opnieuw op een lijst belandt.', fr: "Vous ne recevrez plus de messages marketing. Nous ne gardons qu'une empreinte chiffrée de votre adresse, pour qu'elle ne soit plus jamais ajoutée à une liste.", en: 'You will get no more marketing messages from us. We keep only a keyed fingerprint of your address, so that it is never put on a list again.' },
} satisfies Record<string, Record<Language, string>>

function html(reply: FastifyReply, lang: Language, title: string, body: string, status = 200) {
  return reply.status(status).header('content-language', lang).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(page(lang, title, body))
}

// The pages' parameters. A link that does not fit (a repeated or over-long token, an object for a
// token) is answered with the "no longer valid" page, status 400: these are pages for people, and
// their schema errors are answered in HTML by the handler (attachValidation).
const Token = S.text(LIMITS.token)
const pageLang = { lang: S.lang() }
const ConfirmQuery = { type: 'object', properties: { token: Token, ...pageLang } } as const
const UnsubscribeQuery = { type: 'object', properties: { t: Token, ...pageLang } } as const
// A post without a body is allowed through (null): the one-click button posts no field.
const ConfirmBody = { type: ['object', 'null'], properties: { token: Token } } as const
const UnsubscribeBody = { type: ['object', 'null'], properties: { 'List-Unsubscribe': S.text(64) } } as const
const langQuery = { type: 'object', properties: pageLang } as const

export async function newsletterRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  await app.register(formbody, { bodyLimit: LIMITS.formBodyBytes })
  await app.register(rateLimit, {
    max: 20,
    timeWindow: '1 minute',
    // An AppError, so the app's error handler answers in the one error shape (a plain object was a 500).
    errorResponseBuilder: (_req, ctx) => rateLimitedError(ctx.ttl),
  })
  const { newsletter } = runtime
  // RFC 8058 lets the mail client post the one-click body as multipart/form-data (RFC 7578) as well
  // as urlencoded: read its text fields, bounded like the form body.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: LIMITS.formBodyBytes }, (request, body, done) => {
    const fields = parseMultipart(String(request.headers['content-type'] ?? ''), body as string)
    if (!fields) done(new AppError(400, 'malformed_form', 'the multipart/form-data body could not be read (boundary, or a part without a name)'), undefined)
    else done(null, fields)
  })

  app.post<{ Body: { email: string; lang?: string } }>(
    '/v1/newsletter/subscribe',
    {
      // Limited per client address, or per intake key for a website backend (src/http/intake.ts).
      config: { rateLimit: false },
      onRequest: intakeGuard(app, runtime.apiKeys, INTAKE_LIMITS.subscribe),
      // A browser post from an allowed origin, or a website backend with its intake key.
      preHandler: async (request) => requireAllowedOrigin(runtime.config, request, request.intakeKey !== undefined),
      schema: {
        tags: ['consent'],
        summary: 'Subscribe to the newsletter (double opt-in; the same answer whoever you are)',
        description: 'Public. A browser posts it from a page of an origin in PLEDGE_ALLOWED_ORIGINS (Pledge\'s own is always allowed); a post with neither Origin nor Sec-Fetch-Site is no browser and needs an API key with the intake scope as `Authorization: Bearer <key>` (a website backend posting for its visitors, counted in its own rate-limit bucket).',
        security: [{}, { bearer: [] }],
        body: { type: 'object', required: ['email'], additionalProperties: false, properties: { email: { type: 'string', maxLength: 320 }, lang: S.lang() } },
        response: { 202: { type: 'object', properties: { status: { type: 'string' }, message: { type: 'string' } } }, 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 429: { $ref: 'Error#' } },
      },
    },
    async (request, reply) => {
      const lang = request.body.lang === undefined ? pickLanguage(undefined, request.headers['accept-language']) : request.body.lang
      if (!isLanguage(lang)) throw unknownLanguage(lang)
      try {
        await newsletter.subscribe(request.body.email, lang, request.intakeKey)
      } catch (err) {
        if (err instanceof VaultInputError) throw new AppError(400, 'invalid_email', 'give an e-mail address such as name@example.com')
        throw err
      }
      return reply.status(202).send({ status: 'confirmation_sent', message: T.accepted[lang] })
    },
  )

  const invalidLink = (reply: FastifyReply, lang: Language, status: number) => html(reply, lang, T.invalidTitle[lang], `<p>${T.invalid[lang]}</p>`, status)
  const pageOptions = (querystring: object, body?: object) => ({ schema: { hide: true, querystring, ...(body ? { body } : {}) }, attachValidation: true })

  app.get<{ Querystring: { token?: string; lang?: string } }>('/newsletter/confirm', pageOptions(ConfirmQuery), async (request, reply) => {
    const lang = pickLanguage(isLanguage(request.query.lang) ? request.query.lang : undefined, request.headers['accept-language'])
    if (request.validationError) return invalidLink(reply, lang, 400)
    const token = request.query.token ?? ''
    if (!(await newsletter.isPending(token))) return invalidLink(reply, lang, 404)
    return html(
      reply,
      lang,
      T.confirmTitle[lang],
      `<p>${escapeHtml(CONFIRM_TEXT[lang])}</p>
<form method="post" action="/newsletter/confirm?lang=${lang}">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit">${T.confirmButton[lang]}</button>
</form>`,
    )
  })

  app.post<{ Body: { token?: string } | undefined; Querystring: { lang?: string } }>('/newsletter/confirm', pageOptions(langQuery, ConfirmBody), async (request, reply) => {
    const lang = pickLanguage(isLanguage(request.query.lang) ? request.query.lang : undefined, request.headers['accept-language'])
    const token = request.body?.token
    if (request.validationError || typeof token !== 'string') return invalidLink(reply, lang, request.validationError ? 400 : 404)
    const outcome = await newsletter.confirm(token)
    if (outcome === 'invalid') return invalidLink(reply, lang, 404)
    return html(reply, lang, T.confirmedTitle[lang], `<p>${T.confirmed[lang]}</p>`)
  })

  app.get<{ Querystring: { t?: string; lang?: string } }>('/newsletter/unsubscribe', pageOptions(UnsubscribeQuery), async (request, reply) => {
    const lang = pickLanguage(isLanguage(request.query.lang) ? request.query.lang : undefined, request.headers['accept-language'])
    if (request.validationError) return invalidLink(reply, lang, 400)
    const t = request.query.t ?? ''
    return html(
      reply,
      lang,
      T.unsubscribeTitle[lang],
      `<p>${T.unsubscribeAsk[lang]}</p>
<form method="post" action="/newsletter/unsubscribe?t=${encodeURIComponent(t)}&amp;lang=${lang}">
<button type="submit">${T.unsubscribeButton[lang]}</button>
</form>`,
    )
  })

  // RFC 8058: a POST with List-Unsubscribe=One-Click unsubscribes at once; so does the page's button.
  app.post<{ Querystring: { t?: string; lang?: string }; Body: Record<string, string> | undefined }>('/newsletter/unsubscribe', pageOptions(UnsubscribeQuery, UnsubscribeBody), async (request, reply) => {
    const lang = pickLanguage(isLanguage(request.query.lang) ? request.query.lang : undefined, request.headers['accept-language'])
    if (request.validationError) return invalidLink(reply, lang, 400)
    const oneClick = request.body?.['List-Unsubscribe'] === 'One-Click'
    const ok = await newsletter.unsubscribe(request.query.t ?? '', lang, oneClick ? 'one_click' : 'unsubscribe_button')
    if (!ok) return invalidLink(reply, lang, 404)
    return html(reply, lang, T.unsubscribedTitle[lang], `<p>${T.unsubscribed[lang]}</p>`)
  })
}

/**
 * The text fields of a small multipart/form-data body (RFC 7578), or undefined when it is not
 * one. Files are ignored; at most 20 fields, names and values bounded by the body limit.
 */
export function parseMultipart(contentType: string, body: string): Record<string, string> | undefined {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType)
  const boundary = m?.[1] ?? m?.[2]
  if (!boundary) return undefined
  const parts = body.split(`--${boundary}`)
  if (parts.length < 2) return undefined
  const fields: Record<string, string> = Object.create(null) as Record<string, string>
  let n = 0
  for (const part of parts.slice(1)) {
    if (part.startsWith('--')) break
    const split = part.indexOf('\r\n\r\n')
    if (split < 0) return undefined
    const head = part.slice(0, split)
    const name = /content-disposition:\s*form-data;[^\r\n]*\bname="([^"]{1,100})"/i.exec(head)?.[1]
    if (!name) return undefined
    if (/\bfilename=/i.test(head)) continue
    if (++n > 20) return undefined
    fields[name] = part.slice(split + 4).replace(/\r\n$/, '')
  }
  return { ...fields }
}
