// What every console page starts with: the page language and the signed-in staff member as a gate
// actor (or a redirect to the login page).
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Runtime } from '../../../runtime.ts'
import type { Actor } from '../../../gate/actor.ts'
import type { StaffSession } from '../../../staff/sessions.ts'
import { isLanguage, type Language } from '../../../policy/schema.ts'
import { acceptedLanguage } from '../../language.ts'
import { SESSION_COOKIE } from '../../auth.ts'
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

export function consoleFrame(session: StaffSession, lang: Language, current: ConsoleFrame['current'], title: string, path: string): ConsoleFrame {
  return { lang, title, email: session.email, csrf: session.csrf, current, path }
}

export interface ConsoleHelpers {
  readonly send: (reply: FastifyReply, html: string, status?: number) => FastifyReply
}
