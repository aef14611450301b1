// The session a verified requester holds for one request: the `pledge_request` cookie the privacy
// center sets (HttpOnly, SameSite=Strict) or the same value as `Authorization: Bearer` for the API,
// and the export download both of them serve.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from './errors.ts'
import { SESSION_DAYS } from '../requests/service.ts'

export const SESSION_COOKIE = 'pledge_request'
const SESSION = /^[\w-]{20,100}$/

/** The session in the privacy center's cookie, if any. */
export function sessionFromCookie(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name !== SESSION_COOKIE) continue
    const value = rest.join('=')
    if (SESSION.test(value)) return value
  }
  return undefined
}

/** The session from `Authorization: Bearer …` or the cookie; 401 with what to do when there is none. */
export function sessionOf(request: FastifyRequest): string {
  const bearer = /^Bearer\s+(\S+)$/.exec(request.headers.authorization ?? '')?.[1]
  if (bearer && SESSION.test(bearer)) return bearer
  const cookie = sessionFromCookie(request)
  if (cookie) return cookie
  throw new AppError(401, 'session_required', 'enter the code from the mail first (POST /v1/requests/{id}/verify): it returns the session to send as Authorization: Bearer')
}

/** The Set-Cookie value for a new session (Secure when the public address is https). */
export function sessionCookie(baseUrl: string, session: string): string {
  const secure = baseUrl.startsWith('https:') ? '; Secure' : ''
  return `${SESSION_COOKIE}=${session}; Max-Age=${SESSION_DAYS * 86_400}; Path=/; HttpOnly; SameSite=Strict${secure}`
}

/** An export as an attachment that no cache keeps and no referrer reveals. */
export function sendExport(reply: FastifyReply, file: { filename: string; contentType: string; body: Buffer }): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(file.body)
}
