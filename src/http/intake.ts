// Who may post the public forms (subscribe to the newsletter, file a data-subject request, verify
// it, ask for a new code) and how often.
//
// Anyone may, counted per client address. A company's website backend that posts for its visitors
// sends an API key with the intake scope (`pledge apikey create --name website --intake`) and is
// counted in the key's own bucket, so its visitors do not share one address's small allowance.
// The client address is the direct peer, or, when that peer is one of PLEDGE_TRUSTED_PROXIES, the
// address it forwarded in X-Forwarded-For (Fastify's trustProxy); a keyed call that carries such a
// forwarded address is counted under that address as well. The per-e-mail-address limits in the
// request service and the newsletter apply to every call, keyed or not.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { normalizeIP } from '@fastify/rate-limit'
import type { Actor } from '../gate/actor.ts'
import { INTAKE_SCOPE, type ApiKeyAuthenticator } from '../gate/api-keys.ts'
import { AppError, rateLimitedError } from './errors.ts'

export interface Limit {
  readonly max: number
  /** Milliseconds. */
  readonly timeWindow: number
}

export interface IntakeLimit {
  /** Per client address: every call without an intake key, and keyed calls that forward one. */
  readonly perAddress: Limit
  /** Per intake key: every call that carries one. */
  readonly perKey: Limit
}

const MINUTE = 60_000

/** The limits of each public form route (the README's HTTP API section lists them). */
export const INTAKE_LIMITS = {
  subscribe: { perAddress: { max: 5, timeWindow: MINUTE }, perKey: { max: 300, timeWindow: MINUTE } },
  file: { perAddress: { max: 10, timeWindow: MINUTE }, perKey: { max: 300, timeWindow: MINUTE } },
  verify: { perAddress: { max: 10, timeWindow: MINUTE }, perKey: { max: 300, timeWindow: MINUTE } },
  resend: { perAddress: { max: 3, timeWindow: 10 * MINUTE }, perKey: { max: 100, timeWindow: 10 * MINUTE } },
  contact: { perAddress: { max: 5, timeWindow: 10 * MINUTE }, perKey: { max: 300, timeWindow: MINUTE } },
} as const satisfies Record<string, IntakeLimit>

declare module 'fastify' {
  interface FastifyRequest {
    /** The intake key a website backend sent, when it sent one. */
    intakeKey: Actor | undefined
  }
}

/** The intake key in `Authorization: Bearer`, if any; a key that is unknown or lacks the scope is refused. */
async function intakeKeyOf(request: FastifyRequest, keys: ApiKeyAuthenticator): Promise<Actor | undefined> {
  const header = request.headers.authorization
  if (header === undefined) return undefined
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (!match) throw new AppError(401, 'unauthorized', 'send an intake API key as "Authorization: Bearer <key>", or no Authorization header at all')
  const key = await keys.lookup(match[1]!)
  if (!key) throw new AppError(401, 'unauthorized', 'this API key is unknown or revoked')
  if (!key.scopes.has(INTAKE_SCOPE)) throw new AppError(403, 'missing_scope', 'this API key may not post the public forms: create one with `pledge apikey create --name website --intake`')
  return key.actor
}

/** Whether the client address came from a trusted proxy's X-Forwarded-For rather than the peer itself. */
function forwarded(request: FastifyRequest): boolean {
  const peer = request.socket.remoteAddress
  return peer !== undefined && normalizeIP(request.ip) !== normalizeIP(peer)
}

/**
 * The onRequest hook of one public form route. `app` is a scope where @fastify/rate-limit is
 * registered; the route itself sets `config: { rateLimit: false }` so the scope's default limit
 * does not count it twice.
 */
export function intakeGuard(app: FastifyInstance, keys: ApiKeyAuthenticator, limit: IntakeLimit) {
  if (!app.hasRequestDecorator('intakeKey')) app.decorateRequest('intakeKey', undefined)
  const perAddress = { check: app.createRateLimit({ ...limit.perAddress, keyGenerator: (req) => normalizeIP(req.ip) }), who: 'this address' }
  const perKey = { check: app.createRateLimit({ ...limit.perKey, keyGenerator: (req) => req.intakeKey!.id }), who: 'this API key' }
  return async function intake(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const key = await intakeKeyOf(request, keys)
    request.intakeKey = key
    const buckets = key ? (forwarded(request) ? [perAddress, perKey] : [perKey]) : [perAddress]
    for (const bucket of buckets) {
      const state = await bucket.check(request)
      if (state.isAllowed) continue
      // The headers describe the bucket that decides: the key's for a website backend.
      reply.header('x-ratelimit-limit', state.max).header('x-ratelimit-remaining', state.remaining).header('x-ratelimit-reset', state.ttlInSeconds)
      if (state.isExceeded) {
        reply.header('retry-after', state.ttlInSeconds)
        throw rateLimitedError(state.ttl, bucket.who)
      }
    }
  }
}
