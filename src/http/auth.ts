// Bearer authentication for the keyed routes. Registered inside the keyed scope only, so public
// routes can never require a key by accident.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Actor } from '../gate/actor.ts'
import type { ApiKeyAuthenticator } from '../gate/api-keys.ts'
import { AppError } from './errors.ts'

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined
  }
}

export function requireApiKey(app: FastifyInstance, authenticator: ApiKeyAuthenticator): void {
  if (!app.hasRequestDecorator('actor')) app.decorateRequest('actor', undefined)
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
    if (!match) throw new AppError(401, 'unauthorized', 'send an API key as "Authorization: Bearer <key>" (create one with `pledge apikey create`)')
    const key = await authenticator.lookup(match[1]!)
    if (!key) throw new AppError(401, 'unauthorized', 'this API key is unknown or revoked')
    // A key with only the intake scope posts the public forms and nothing else.
    if (key.actor.purposes.size === 0) throw new AppError(403, 'intake_only_key', 'this API key has no purposes: it may only post the public forms (newsletter, requests)')
    request.actor = key.actor
  })
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError(401, 'unauthorized', 'no API key')
  return request.actor
}
