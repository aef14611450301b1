// The HTTP server: builds a Fastify instance from a Runtime. Tests call buildApp() and inject();
// `pledge start` calls it and listens.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify'
import swagger from '@fastify/swagger'
import helmet from 'helmet'
import { randomUUID } from 'node:crypto'
import type { Runtime } from '../runtime.ts'
import { PLEDGE_VERSION } from '../version.ts'
import { ErrorBody, frameworkError, installErrorHandling } from './errors.ts'
import { healthRoutes } from './routes/health.ts'
import { policyRoutes, ropaRoutes, noticeRoutes } from './routes/policy.ts'
import { publicKeyRoutes } from './routes/keys.ts'
import { subjectRoutes } from './routes/subjects.ts'
import { consentRoutes } from './routes/consents.ts'
import { newsletterApiRoutes } from './routes/newsletter-api.ts'
import { newsletterProviderRoutes } from './routes/newsletter-provider.ts'
import { newsletterRoutes } from './routes/newsletter.ts'
import { contactRoutes } from './routes/contact.ts'
import { complaintRoutes } from './routes/complaints.ts'
import { requireActor } from './auth.ts'
import { staffRoutes } from './routes/staff.ts'
import { processorRoutes } from './routes/processors.ts'
import { subprocessorNoticeRoutes } from './routes/subprocessor-notices.ts'
import { adminRoutes } from './admin/routes.ts'
import { privacyRoutes } from './routes/privacy.ts'
import { privacyCenterRoutes } from './routes/privacy-center.ts'
import { cookieRoutes } from './routes/cookies.ts'
import { legalHoldRoutes } from './routes/legal-holds.ts'
import { retentionRoutes } from './routes/retention.ts'
import { webhookRoutes } from './routes/webhooks.ts'
import { requestRoutes } from './routes/requests.ts'
import { docsRoutes } from './docs.ts'
import { installEdgeChecks } from './edge.ts'
import { LIMITS } from './limits.ts'

export interface AppOptions {
  /** Extra plugins registered after the core routes (later rooms hook in here). */
  readonly extraRoutes?: ((app: FastifyInstance, runtime: Runtime) => Promise<void>)[]
  /** Called for every route as it is added, hidden ones included (the fuzz test lists the routes the OpenAPI document leaves out). */
  readonly onRoute?: (route: RouteOptions) => void
}

/** Every powerful browser feature off on Pledge's HTML pages. */
export const PERMISSIONS_POLICY = 'accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()'

export async function buildApp(runtime: Runtime, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: runtime.logger as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID()
    },
    bodyLimit: LIMITS.bodyBytes,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false, allowUnionTypes: true } },
    return503OnClosing: true,
    frameworkErrors: frameworkError,
    forceCloseConnections: true,
    // X-Forwarded-For names the client only when the direct peer is one of PLEDGE_TRUSTED_PROXIES;
    // from anyone else it is ignored, so a caller cannot pick the address its limits are counted on.
    trustProxy: runtime.config.trustedProxies.length ? [...runtime.config.trustedProxies] : false,
  })
  if (options.onRoute) app.addHook('onRoute', options.onRoute)
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
    // Pages for people use no camera, microphone, location, payment or device API: say so, so that
    // nothing injected into them could.
    if (/^text\/html/.test(String(reply.getHeader('content-type') ?? ''))) reply.header('permissions-policy', PERMISSIONS_POLICY)
  })
  installErrorHandling(app)
  // Text, nesting and UUID case at the edge, for every route below (src/http/edge.ts).
  installEdgeChecks(app)
  app.addSchema(ErrorBody)

  // Security headers, built once: @fastify/helmet rebuilds helmet's middleware (and re-parses the
  // CSP) on every request, a tenth of a bare route's time.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
    // The banner and cookie routes (a later room) opt back in to cross-origin use.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  })
  app.addHook('onRequest', (request, reply, next) => securityHeaders(request.raw, reply.raw, (err?: unknown) => next(err instanceof Error ? err : undefined)))

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pledge API',
        version: PLEDGE_VERSION,
        description: 'The privacy engine API. Every error has the shape { "error": { "code", "message", "details" } }.',
      },
      servers: [{ url: runtime.config.baseUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'an API key made with `pledge apikey create`' }, staffSession: { type: 'apiKey', in: 'cookie', name: 'pledge_staff', description: 'a staff session (sign in at /admin/login); every change also sends the session\'s CSRF token as X-CSRF-Token (GET /v1/staff/me gives it). Every keyed route accepts it in place of an API key' } } },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  })
  await app.register(docsRoutes)

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  await app.register(healthRoutes, { runtime })
  await app.register(publicKeyRoutes, { runtime })
  await app.register(policyRoutes, { runtime })
  await app.register(privacyRoutes, { runtime })
  await app.register(privacyCenterRoutes, { runtime })
  await app.register(newsletterRoutes, { runtime })
  await app.register(newsletterProviderRoutes, { runtime })
  await app.register(contactRoutes, { runtime })
  await app.register(complaintRoutes, { runtime })
  await app.register(cookieRoutes, { runtime })
  await app.register(requestRoutes, { runtime })
  // The staff pages: setup, login, sessions (their own scope: session cookie, CSRF, strict CSP).
  await app.register(adminRoutes, { runtime, prefix: '/admin' })
  // Everything below needs an API key or a staff session.
  await app.register(async (keyed) => {
    await requireActor(keyed, runtime)
    await keyed.register(staffRoutes, { runtime })
    await keyed.register(processorRoutes, { runtime })
    await keyed.register(subprocessorNoticeRoutes, { runtime })
    await keyed.register(ropaRoutes, { runtime })
    await keyed.register(noticeRoutes, { runtime })
    await keyed.register(subjectRoutes, { runtime })
    await keyed.register(consentRoutes, { runtime })
    await keyed.register(legalHoldRoutes, { runtime })
    await keyed.register(retentionRoutes, { runtime })
    await keyed.register(webhookRoutes, { runtime })
    await keyed.register(newsletterApiRoutes, { runtime })
  })
  for (const extra of options.extraRoutes ?? []) await app.register(async (scope) => extra(scope, runtime))
  return app
}
