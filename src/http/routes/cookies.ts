// The cookie banner and its routes: GET /banner.js, GET /v1/cookie-policy, POST /v1/cookie-consents,
// GET /.well-known/gpc.json. Sites on other origins use them, so every route here sends
// Cross-Origin-Resource-Policy: cross-origin and CORS headers, whatever helmet says elsewhere.
import { createHmac, randomBytes } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import rateLimit, { normalizeIP } from '@fastify/rate-limit'
import type { Runtime } from '../../runtime.ts'
import { LANGUAGES, type Language } from '../../policy/schema.ts'
import { bannerScript } from '../../banner/build.ts'
import { checkChoices, cookiePolicyView, findCookieSection } from '../../banner/cookie-policy.ts'
import { recordCookieConsent } from '../../consent/cookie-consents.ts'
import { AppError } from '../errors.ts'
import { pickLanguage } from '../language.ts'
import { S } from '../limits.ts'

/** Proof records a single client may post per minute (a person choosing makes one or two). */
export const COOKIE_CONSENT_RATE_LIMIT = 30

const errors = { 400: { $ref: 'Error#' }, 429: { $ref: 'Error#' } }

const LocalizedCategory = {
  type: 'object',
  required: ['id', 'necessary', 'label', 'description'],
  properties: { id: { type: 'string' }, necessary: { type: 'boolean' }, label: { type: 'string' }, description: { type: 'string' } },
} as const

const LocalizedCookie = {
  type: 'object',
  required: ['name', 'provider', 'category', 'purpose', 'lifetime', 'lifetimeText'],
  properties: {
    name: { type: 'string' },
    provider: { type: 'string' },
    category: { type: 'string' },
    purpose: { type: 'string' },
    lifetime: { type: 'string', description: 'ISO 8601 duration, or "session"' },
    lifetimeText: { type: 'string', description: 'the lifetime in words, in the requested language' },
  },
} as const

const textKeys = ['title', 'body', 'acceptAll', 'refuseAll', 'settings', 'save', 'reopen', 'privacy', 'alwaysOn'] as const

const CookiePolicyResponse = {
  type: 'object',
  required: ['version', 'statementVersion', 'lang', 'gpc', 'controller', 'categories', 'cookies', 'texts', 'privacyUrl'],
  properties: {
    version: { type: 'string', description: 'the cookie policy version: SHA-256 of the canonical JSON of the policy\'s cookies section' },
    statementVersion: { type: 'integer', description: 'the published statement version in force' },
    lang: { type: 'string', enum: [...LANGUAGES] },
    gpc: { type: 'boolean', description: 'true when the request carried Sec-GPC: 1 (Global Privacy Control): a refusal of non-essential categories' },
    controller: { type: 'string' },
    categories: { type: 'array', items: LocalizedCategory },
    cookies: { type: 'array', items: LocalizedCookie },
    texts: { type: 'object', required: [...textKeys], properties: Object.fromEntries(textKeys.map((k) => [k, { type: 'string' }])) },
    privacyUrl: { type: 'string', description: 'the privacy statement in this language, relative to this server' },
  },
} as const

const CookieConsentBody = {
  type: 'object',
  required: ['consentId', 'bannerVersion', 'policyVersion', 'choices', 'lang'],
  additionalProperties: false,
  properties: {
    consentId: { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9_-]{16,64}$', description: 'random id the banner generated and keeps with the choice (not derived from the person)' },
    bannerVersion: { type: 'string', maxLength: 64, pattern: '^[0-9a-f]{8,64}$', description: 'the version of banner.js that showed the choice' },
    policyVersion: { type: 'string', maxLength: 64, pattern: '^[0-9a-f]{64}$', description: 'the cookie policy version shown (GET /v1/cookie-policy → version)' },
    choices: { type: 'object', maxProperties: 64, propertyNames: S.policyId(), additionalProperties: { type: 'boolean' }, description: 'every cookie category: true = accepted; strictly necessary ones are always true' },
    lang: { type: 'string', enum: [...LANGUAGES] },
    gpc: { type: 'boolean', default: false, description: 'the choice was made by Global Privacy Control, without asking' },
  },
} as const

interface CookieConsentRequest {
  consentId: string
  bannerVersion: string
  policyVersion: string
  choices: Record<string, boolean>
  lang: Language
  gpc?: boolean
}

function crossOrigin(reply: FastifyReply): void {
  reply.header('cross-origin-resource-policy', 'cross-origin')
  reply.header('access-control-allow-origin', '*')
  reply.header('access-control-expose-headers', 'etag, x-request-id')
}

const hasGpc = (request: FastifyRequest) => request.headers['sec-gpc'] === '1'

export async function cookieRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  // Every response of this plugin, errors and 429s included, may be read by another origin.
  app.addHook('onSend', async (_request, reply) => crossOrigin(reply))

  // Rate limit by client address without keeping it: the store only sees a keyed hash (REQ-CK-07).
  const salt = randomBytes(32)
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => createHmac('sha256', salt).update(normalizeIP(request.ip)).digest('base64url'),
    errorResponseBuilder: (_request, context) =>
      new AppError(429, 'rate_limited', `too many cookie choices from this address; retry in ${context.after}`),
  })

  app.get('/banner.js', { schema: { tags: ['cookies'], summary: 'The cookie banner script (application/javascript); include it with one <script> tag' } }, async (request, reply) => {
    const banner = await bannerScript()
    const etag = `"${banner.version}"`
    reply.header('etag', etag).header('cache-control', 'public, max-age=300, must-revalidate').header('x-content-type-options', 'nosniff')
    if (request.headers['if-none-match'] === etag) return reply.status(304).send()
    return reply.type('application/javascript; charset=utf-8').send(banner.code)
  })

  app.get<{ Querystring: { lang?: string } }>(
    '/v1/cookie-policy',
    {
      schema: {
        tags: ['cookies'],
        summary: 'The cookie categories and cookies of the published policy, and the banner texts, in one language',
        querystring: { type: 'object', properties: { lang: S.lang(`one of ${LANGUAGES.join(', ')}; default from Accept-Language, then en`) }, additionalProperties: false },
        response: { 200: CookiePolicyResponse, ...errors },
      },
    },
    async (request, reply) => {
      const lang = pickLanguage(request.query.lang, request.headers['accept-language'])
      const current = await runtime.currentVersion()
      reply.header('cache-control', 'public, max-age=60').header('vary', 'Accept-Language, Sec-GPC').header('content-language', lang)
      return cookiePolicyView(current.policy, current.version, lang, hasGpc(request))
    },
  )

  app.options('/v1/cookie-consents', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .status(204)
      .header('access-control-allow-methods', 'POST, OPTIONS')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '86400')
      .send(),
  )

  app.post<{ Body: CookieConsentRequest }>(
    '/v1/cookie-consents',
    {
      config: { rateLimit: { max: COOKIE_CONSENT_RATE_LIMIT, timeWindow: 60_000 } },
      schema: {
        tags: ['cookies'],
        summary: 'Record the proof of a cookie choice made in the banner (no IP address, no user agent is stored)',
        body: CookieConsentBody,
        response: {
          201: { type: 'object', required: ['id', 'at'], properties: { id: { type: 'string' }, at: { type: 'string', format: 'date-time' } } },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const body = request.body
      const section = await findCookieSection(runtime.database.db, runtime.policy(), body.policyVersion)
      if (!section) {
        throw new AppError(400, 'unknown_policy_version', 'policyVersion is not the version of any published cookie policy', [{ field: 'body.policyVersion', message: 'unknown cookie policy version' }])
      }
      const problems = checkChoices(section, body.choices)
      if (problems.length > 0) throw new AppError(400, 'invalid_choices', `invalid choices: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems)
      const saved = await recordCookieConsent(
        runtime.database.db,
        { consentId: body.consentId, bannerVersion: body.bannerVersion, policyVersion: body.policyVersion, choices: body.choices, lang: body.lang, gpc: body.gpc === true || hasGpc(request) },
        runtime.now(),
      )
      return reply.status(201).send({ id: saved.id, at: saved.at.toISOString() })
    },
  )

  app.get(
    '/.well-known/gpc.json',
    {
      schema: {
        tags: ['cookies'],
        summary: 'Global Privacy Control support (a GPC signal is honoured as a refusal of non-essential cookies)',
        response: { 200: { type: 'object', required: ['gpc', 'lastUpdate'], properties: { gpc: { type: 'boolean' }, lastUpdate: { type: 'string', format: 'date' } } } },
      },
    },
    async (_request, reply) => {
      const current = await runtime.currentVersion()
      reply.header('cache-control', 'public, max-age=3600')
      return { gpc: true, lastUpdate: current.effectiveDate }
    },
  )
}
