// What every console page starts with: the page language and the signed-in staff member as a gate
// actor (or a redirect to the login page).
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Runtime } from '../../../runtime.ts'
import type { Actor } from '../../../gate/actor.ts'
import type { StaffSession } from '../../../staff/sessions.ts'
import { isLanguage, type Language } from '../../../policy/schema.ts'
import { acceptedLanguage } from '../../language.ts'
import { SESSION_COOKIE, csrfMatches } from '../../auth.ts'
import { requireSameOrigin } from '../../origin.ts'
import { AppError } from '../../errors.ts'
import type { ConsoleFrame } from './layout.tsx'

export interface ConsoleCaller {
  readonly actor: Actor
  readonly session: StaffSession
}

/** The page language: ?lang= when it is one of ours, else the browser's, else English. */
export function consoleLanguage(request: FastifyRequest<{ Querystring: { lang?: string } }>): Language {
  const asked = request.query.lang
  if (isLanguage(asked)) return asked
  return acceptedLanguage(request.headers['accept-language']) ?? 'en'
}

/** The signed-in staff member as a gate actor; without a live session, a redirect to sign in. */
export async function consoleCaller(runtime: Runtime, request: FastifyRequest, reply: FastifyReply): Promise<ConsoleCaller | undefined> {
  const token = request.cookies?.[SESSION_COOKIE]
  const found = token ? await runtime.gate.staffCaller(token) : undefined
  if (!found) void reply.redirect('/admin/login', 303)
  return found
}

/**
 * A console form post: from our own origin, by a signed-in staff member (else a redirect to sign
 * in), carrying the session's CSRF token in `_csrf`.
 */
export async function consolePost(runtime: Runtime, request: FastifyRequest<{ Body: { _csrf?: string | undefined } | undefined }>, reply: FastifyReply): Promise<ConsoleCaller | undefined> {
  requireSameOrigin(runtime.config, request)
  const found = await consoleCaller(runtime, request, reply)
  if (found && !csrfMatches(found.session, request.body?._csrf)) throw new AppError(403, 'csrf_token_missing', 'this form is missing its security token (it may come from another site, or from an old page): open the page again and resend it')
  return found
}

export function consoleFrame(session: StaffSession, lang: Language, current: ConsoleFrame['current'], title: string, path: string): ConsoleFrame {
  return { lang, title, email: session.email, csrf: session.csrf, current, path }
}

export interface ConsoleHelpers {
  readonly send: (reply: FastifyReply, html: string, status?: number) => FastifyReply
}
