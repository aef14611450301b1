// Who is calling the keyed routes: a service with an API key (Authorization: Bearer), or a signed-in
// staff member with the session cookie. Registered inside the keyed scopes only, so public routes
// can never require either by accident. A state change made with the cookie must carry the
// session's CSRF token in `X-CSRF-Token` (a cookie is sent by the browser on its own; the token is
// not), and may not come from another site.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import cookie from '@fastify/cookie'
import type { Actor } from '../gate/actor.ts'
import type { Runtime } from '../runtime.ts'
import type { StaffSession } from '../staff/sessions.ts'
import { sameSecret } from '../staff/secrets.ts'
import { AppError } from './errors.ts'

/** The staff session cookie: HttpOnly, SameSite=Strict, Secure behind TLS, for the whole site. */
export const SESSION_COOKIE = 'pledge_staff'
export const CSRF_HEADER = 'x-csrf-token'

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined
    staffSession: StaffSession | undefined
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function decorateCallers(app: FastifyInstance): void {
  if (!app.hasRequestDecorator('actor')) app.decorateRequest('actor', undefined)
  if (!app.hasRequestDecorator('staffSession')) app.decorateRequest('staffSession', undefined)
}

/** The live staff session of a request's cookie, if any (the page routes use it too). */
export async function sessionOf(runtime: Runtime, request: FastifyRequest): Promise<StaffSession | undefined> {
  const token = request.cookies?.[SESSION_COOKIE]
  return token ? runtime.staff.sessions.session(token) : undefined
}

/** Whether a state change made with the session cookie carries the session's CSRF token. */
export function csrfMatches(session: StaffSession, given: unknown): boolean {
  return typeof given === 'string' && given.length <= 64 && sameSecret(given, session.csrf)
}

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', path: '/', expires: expiresAt })
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', path: '/' })
}

/** Registers the caller check on a keyed scope (and the cookie parser it needs, for that scope only). */
export async function requireActor(app: FastifyInstance, runtime: Runtime): Promise<void> {
  if (!app.hasRequestDecorator('cookies')) await app.register(cookie)
  decorateCallers(app)
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization
    if (header !== undefined) {
      const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
      if (!match) throw new AppError(401, 'unauthorized', 'send an API key as "Authorization: Bearer <key>" (create one with `pledge apikey create`)')
      const key = await runtime.apiKeys.lookup(match[1]!)
      if (!key) throw new AppError(401, 'unauthorized', 'this API key is unknown or revoked')
      // A key with only the intake scope posts the public forms and nothing else.
      if (key.actor.purposes.size === 0) throw new AppError(403, 'intake_only_key', 'this API key has no purposes: it may only post the public forms (newsletter, requests)')
      request.actor = key.actor
      return
    }
    const token = request.cookies?.[SESSION_COOKIE]
    const caller = token ? await runtime.gate.staffCaller(token) : undefined
    const session = caller?.session
    if (!caller || !session) {
      const hadCookie = request.cookies?.[SESSION_COOKIE] !== undefined
      throw new AppError(401, 'unauthorized', hadCookie ? 'your staff session has ended (signed out, revoked, idle or past its end): sign in again at /admin/login' : 'send an API key as "Authorization: Bearer <key>" (create one with `pledge apikey create`), or sign in at /admin/login')
    }
    if (!SAFE_METHODS.has(request.method)) {
      const site = request.headers['sec-fetch-site']
      if (site !== undefined && site !== 'same-origin') throw new AppError(403, 'cross_origin', 'a staff session may change nothing from another site')
      if (!csrfMatches(session, request.headers[CSRF_HEADER])) throw new AppError(403, 'csrf_token_missing', `a change made with the staff session cookie needs the session's CSRF token in the ${CSRF_HEADER} header (GET /v1/staff/me gives it)`)
    }
    request.staffSession = session
    request.actor = caller.actor
  })
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError(401, 'unauthorized', 'no API key')
  return request.actor
}

/** The signed-in staff member; a service's API key cannot act on staff accounts. */
export function staffOf(request: FastifyRequest): StaffSession {
  if (!request.staffSession) throw new AppError(403, 'staff_session_required', 'staff accounts are managed by people: sign in at /admin/login (or use `pledge staff` on the server)')
  return request.staffSession
}
