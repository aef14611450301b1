// The staff pages under /admin, in their own scope: form posts, the session cookie, a CSRF token in
// every form of a signed-in page, posts only from Pledge's own pages, rate limits per address, and
// a CSP without framing: no script at all on the sign-in and setup pages, only our own self-hosted
// htmx on console pages. People's data is opened only through the gate, as the staff member's actor.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import formbody from '@fastify/formbody'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import type { Runtime } from '../../runtime.ts'
import { AppError } from '../errors.ts'
import { LIMITS } from '../limits.ts'
import { requireSameOrigin } from '../origin.ts'
import { clearSessionCookie, csrfMatches, decorateCallers, sessionOf, setSessionCookie } from '../auth.ts'
import type { StaffSession } from '../../staff/sessions.ts'
import { ADMIN_CSS, errorPage, loginPage, recoveryCodesPage, setupCodePage, setupInvalidPage, setupPasswordPage } from './pages.ts'
import { purposesOfRole } from '../../staff/roles.ts'
import { mayConfirmReview } from '../../staff/permissions.ts'
import { consoleRequestRoutes } from './console/request-routes.tsx'
import { consoleLanguage } from './console/console-session.ts'
import { SIGN_IN_TEXTS, signInRefusal } from './sign-in-texts.ts'
import { renderHomePage } from './console/home.tsx'
import { HOME_TEXTS, type HomeTexts } from './console/home-texts.ts'
import type { Language } from '../../policy/schema.ts'
import { consoleAuditRoutes } from './console/audit-routes.tsx'
import { consolePeopleRoutes } from './console/people-routes.tsx'
import { consoleStaffRoutes } from './console/staff-routes.tsx'
import { consoleExportsRoutes } from './console/exports-routes.tsx'
import { consoleProcessorRoutes } from './console/processors-routes.tsx'
import { consoleBreachRoutes } from './console/breaches-routes.tsx'
import { consoleDpiaRoutes } from './console/dpia-routes.tsx'
import { consoleDashboardRoutes } from './console/dashboard-routes.tsx'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { consolePolicyRoutes } from './console/policy-routes.tsx'
import { consoleContactRoutes } from './console/contact-routes.tsx'
import { consoleComplaintRoutes } from './console/complaints-routes.tsx'

/** htmx 4, served from our own origin (script-src 'self'): read once, at the first import. */
const HTMX_SOURCE = readFileSync(createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js'), 'utf8')

/** The sign-in and setup pages: no script at all, no plugin, no framing, forms only to ourselves. */
export const ADMIN_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
/** The console's pages add our own script (htmx, self-hosted) and its fetches to ourselves; nothing inline. */
export const CONSOLE_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

const Token = { type: 'string', maxLength: 64 } as const
const field = (max: number) => ({ type: 'string', maxLength: max }) as const

function send(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(html)
}

/** The page language: ?lang= when it is one of ours, else the browser's, else English. */
const pageLanguage = (request: FastifyRequest) => consoleLanguage(request as FastifyRequest<{ Querystring: { lang?: string } }>)

/** The replies that are console pages (they load htmx); every other staff page gets the script-free CSP. */
const consolePages = new WeakSet<FastifyReply>()

export async function adminRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  const { directory, sessions } = runtime.staff
  const perAddress = sessions.settings.attemptsPerMinutePerAddress
  // Cookies are parsed in the staff scopes only (here and the keyed routes), not on public pages.
  await app.register(cookie)
  decorateCallers(app)
  await app.register(formbody, { bodyLimit: LIMITS.formBodyBytes })
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new AppError(429, 'rate_limited', `too many attempts from this address: try again in ${Math.ceil(ctx.ttl / 1000)} s`),
  })
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', consolePages.has(reply) ? CONSOLE_CSP : ADMIN_CSP)
    reply.header('cache-control', 'no-store')
    reply.header('x-frame-options', 'DENY')
    // Same-origin, not no-referrer: with no-referrer Chromium posts the page's own forms with
    // `Origin: null`, which the same-origin check refuses. Other sites still get no referrer.
    reply.header('referrer-policy', 'same-origin')
  })
  /** A lockout's 429 carries the moment it ends (`details.retryAt`): tell the browser in seconds. */
  const setRetryAfter = (reply: FastifyReply, err: AppError): void => {
    const retryAt = err.status === 429 && err.details && typeof err.details === 'object' && 'retryAt' in err.details ? new Date(String(err.details.retryAt)) : undefined
    if (retryAt && !Number.isNaN(retryAt.getTime())) reply.header('retry-after', Math.max(1, Math.ceil((retryAt.getTime() - runtime.now().getTime()) / 1000)))
  }
  // Every error on these pages is a page that says what to do.
  app.setErrorHandler((err: Error, request, reply) => {
    const known = err instanceof AppError ? err : undefined
    const fe = err as Error & { statusCode?: number; validation?: unknown }
    let status = known?.status ?? fe.statusCode ?? 500
    if (status < 400) status = 500
    if (status >= 500) request.log.error({ err: { type: err.name, message: err.message } }, 'staff page error')
    const lang = pageLanguage(request)
    const words = SIGN_IN_TEXTS[lang].error
    const message = known ? signInRefusal(lang, known, runtime.now()) : status === 400 ? words.badForm : status >= 500 ? words.ours : err.message
    if (known && reply.getHeader('retry-after') === undefined) setRetryAfter(reply, known)
    return send(reply, errorPage(status === 429 ? words.wait : words.title, message, lang), status)
  })

  /** A signed-in page: the session, or a redirect to the login page. */
  const signedIn = async (request: FastifyRequest, reply: FastifyReply): Promise<StaffSession | undefined> => {
    const session = await sessionOf(runtime, request)
    if (!session) {
      void reply.redirect('/admin/login', 303)
      return undefined
    }
    return session
  }
  /** A signed-in form post: same origin, the session, and its CSRF token in the form. */
  const signedInPost = async (request: FastifyRequest<{ Body: { _csrf?: string } }>): Promise<StaffSession> => {
    requireSameOrigin(runtime.config, request)
    const session = await sessionOf(runtime, request)
    if (!session) throw new AppError(401, 'unauthorized', 'your session has ended: sign in again')
    if (!csrfMatches(session, request.body?._csrf)) throw new AppError(403, 'csrf_token_missing', 'this form is missing its security token (it may come from another site, or from an old page): open the page again and resend it')
    return session
  }

  app.get('/htmx.js', { schema: { hide: true } }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(HTMX_SOURCE))
  app.get('/admin.css', { schema: { hide: true } }, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(ADMIN_CSS))

  // ---- setup ----

  app.get<{ Querystring: { token?: string } }>('/setup', { schema: { hide: true, querystring: { type: 'object', properties: { token: Token } } }, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
    const token = request.query.token ?? ''
    const view = await directory.setupView(token)
    const lang = pageLanguage(request)
    if (!view) return send(reply, setupInvalidPage(lang), 410)
    // A second-factor reset keeps the password: straight to the new authenticator.
    if (view.kind === 'reset') return send(reply, setupCodePage(token, await directory.startSetup(token, {}), undefined, lang))
    if (view.awaitingCode) {
      const enrolment = await directory.enrolment(token)
      if (enrolment) return send(reply, setupCodePage(token, enrolment, undefined, lang))
    }
    return send(reply, setupPasswordPage(token, view, {}, lang))
  })

  app.post<{ Body: { token?: string; email?: string; password?: string; password2?: string } }>(
    '/setup',
    { schema: { hide: true, body: { type: 'object', properties: { token: Token, email: field(254), password: field(256), password2: field(256) } } }, config: { rateLimit: { max: perAddress, timeWindow: '1 minute' } } },
    async (request, reply) => {
      requireSameOrigin(runtime.config, request)
      const token = request.body.token ?? ''
      const view = await directory.setupView(token)
      const lang = pageLanguage(request)
      if (!view) return send(reply, setupInvalidPage(lang), 410)
      const again = (error: string, status = 400) => send(reply, setupPasswordPage(token, view, { ...(request.body.email ? { email: request.body.email } : {}), error }, lang), status)
      if ((request.body.password ?? '') !== (request.body.password2 ?? '')) return again(SIGN_IN_TEXTS[lang].setup.mismatch)
      try {
        const enrolment = await directory.startSetup(token, { ...(request.body.email !== undefined ? { email: request.body.email } : {}), password: request.body.password ?? '' })
        return send(reply, setupCodePage(token, enrolment, undefined, lang))
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && err.status !== 410) return again(signInRefusal(lang, err, runtime.now()), err.status)
        throw err
      }
    },
  )

  app.post<{ Body: { token?: string; code?: string } }>(
    '/setup/code',
    { schema: { hide: true, body: { type: 'object', properties: { token: Token, code: field(16) } } }, config: { rateLimit: { max: perAddress, timeWindow: '1 minute' } } },
    async (request, reply) => {
      requireSameOrigin(runtime.config, request)
      const token = request.body.token ?? ''
      const lang = pageLanguage(request)
      try {
        const { recoveryCodes } = await directory.finishSetup(token, request.body.code ?? '')
        return send(reply, recoveryCodesPage(recoveryCodes, lang))
      } catch (err) {
        if (err instanceof AppError && err.code === 'wrong_code') {
          const enrolment = await directory.enrolment(token)
          if (enrolment) return send(reply, setupCodePage(token, enrolment, signInRefusal(lang, err, runtime.now()), lang), 400)
        }
        if (err instanceof AppError && err.status === 410) return send(reply, setupInvalidPage(lang), 410)
        throw err
      }
    },
  )

  // ---- login and logout ----

  app.get('/login', { schema: { hide: true } }, async (request, reply) => {
    if (await sessionOf(runtime, request)) return reply.redirect('/admin', 303)
    return send(reply, loginPage({}, pageLanguage(request)))
  })

  app.post<{ Body: { email?: string; password?: string; code?: string } }>(
    '/login',
    // Per address: 10 tries a minute (attemptsPerMinutePerAddress); per account, the lockout (src/staff/sessions.ts).
    { schema: { hide: true, body: { type: 'object', properties: { email: field(254), password: field(256), code: field(32) } } }, config: { rateLimit: { max: perAddress, timeWindow: '1 minute' } } },
    async (request, reply) => {
      requireSameOrigin(runtime.config, request)
      const email = request.body.email ?? ''
      try {
        const ua = request.headers['user-agent']
        const result = await sessions.login({ email, password: request.body.password ?? '', code: request.body.code ?? '', userAgent: typeof ua === 'string' ? ua : undefined })
        setSessionCookie(reply, request, result.token, result.session.expiresAt)
        return reply.redirect(result.usedRecoveryCode ? '/admin?notice=recovery' : '/admin', 303)
      } catch (err) {
        if (err instanceof AppError && (err.status === 401 || err.status === 429 || err.status === 400)) {
          setRetryAfter(reply, err)
          const lang = pageLanguage(request)
          return send(reply, loginPage({ email: email.slice(0, 254), error: signInRefusal(lang, err, runtime.now()) }, lang), err.status)
        }
        throw err
      }
    },
  )

  app.post<{ Body: { _csrf?: string } }>('/logout', { schema: { hide: true, body: { type: 'object', properties: { _csrf: Token } } } }, async (request, reply) => {
    const session = await signedInPost(request)
    await sessions.logout(session)
    clearSessionCookie(reply, request)
    const lang = pageLanguage(request)
    return send(reply, loginPage({ notice: SIGN_IN_TEXTS[lang].login.signedOut }, lang))
  })

  // ---- the signed-in home ----

  const consoleSend = (reply: FastifyReply, html: string, status = 200) => {
    consolePages.add(reply)
    return send(reply, html, status)
  }

  const home = async (session: StaffSession, lang: Language, notice?: keyof HomeTexts['notices']) => {
    const account = (await directory.account(session.accountId))!
    const policy = runtime.policy()
    const review = mayConfirmReview(session.party) ? { status: await directory.recertification(), assignments: await directory.assignments() } : undefined
    return renderHomePage(session, {
      lang,
      account,
      csrf: session.csrf,
      purposes: [...new Set([...session.roles].flatMap((r) => purposesOfRole(policy, r)))].sort(),
      sessions: await sessions.list(session.accountId, session.id),
      recoveryCodesLeft: await directory.recoveryCodesLeft(session.accountId),
      notice: notice ? HOME_TEXTS[lang].notices[notice] : undefined,
      review,
    })
  }

  app.get<{ Querystring: { notice?: string; lang?: string } }>('/', { schema: { hide: true, querystring: { type: 'object', properties: { notice: field(16), lang: field(16) } } } }, async (request, reply) => {
    const session = await signedIn(request, reply)
    if (!session) return reply
    return consoleSend(reply, await home(session, pageLanguage(request), request.query.notice === 'recovery' ? 'recovery' : undefined))
  })

  app.post<{ Params: { id: string }; Body: { _csrf?: string } }>(
    '/sessions/:id/revoke',
    { schema: { hide: true, params: { type: 'object', properties: { id: field(36) } }, body: { type: 'object', properties: { _csrf: Token } } } },
    async (request, reply) => {
      const session = await signedInPost(request)
      await sessions.revoke(session.party, session.accountId, request.params.id, true)
      const lang = pageLanguage(request)
      if (request.params.id.toLowerCase() === session.id) {
        clearSessionCookie(reply, request)
        return send(reply, loginPage({ notice: SIGN_IN_TEXTS[lang].login.signedOut }, lang))
      }
      return consoleSend(reply, await home(session, lang, 'sessionEnded'))
    },
  )

  app.post<{ Body: { _csrf?: string } }>('/recertify', { schema: { hide: true, body: { type: 'object', properties: { _csrf: Token } } } }, async (request, reply) => {
    const session = await signedInPost(request)
    await directory.recertify(session.party)
    return consoleSend(reply, await home(session, pageLanguage(request), 'confirmed'))
  })

  // ---- the console: requests, people, audit ----
  await consoleRequestRoutes(app, runtime, { send: consoleSend })
  await consolePeopleRoutes(app, runtime, { send: consoleSend })
  await consoleAuditRoutes(app, runtime, { send: consoleSend })
  await consoleStaffRoutes(app, runtime, { send: consoleSend })
  await consolePolicyRoutes(app, runtime, { send: consoleSend })
  await consoleExportsRoutes(app, runtime, { send: consoleSend })
  await consoleDashboardRoutes(app, runtime, { send: consoleSend })
  await consoleProcessorRoutes(app, runtime, { send: consoleSend })
  await consoleBreachRoutes(app, runtime, { send: consoleSend })
  await consoleDpiaRoutes(app, runtime, { send: consoleSend })
  await consoleContactRoutes(app, runtime, { send: consoleSend })
  await consoleComplaintRoutes(app, runtime, { send: consoleSend })
}
