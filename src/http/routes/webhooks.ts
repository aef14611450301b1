// Webhook endpoints and delivery state. The owner is the API key's: its customer tenant or its
// policy recipient. A key of neither (the controller's own) registers nothing but sees every
// delivery.
import type { FastifyInstance } from 'fastify'
import type { Runtime } from '../../runtime.ts'
import { AppError } from '../errors.ts'
import { actorOf } from '../auth.ts'
import { DELIVERY_STATES, ownerOf, WebhookInputError, type WebhookDelivery } from '../../webhooks/webhooks.ts'
import type { WebhookDeliveryState } from '../../db/schema-jobs.ts'
import { S } from '../limits.ts'

const errors = { 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 404: { $ref: 'Error#' }, 422: { $ref: 'Error#' } }

const Delivery = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    owner: { type: 'string' },
    event: { type: 'string' },
    payload: { type: 'object', additionalProperties: true },
    state: { type: 'string', enum: [...DELIVERY_STATES] },
    attempts: { type: 'integer' },
    maxAttempts: { type: 'integer' },
    lastStatusCode: { type: ['integer', 'null'] },
    lastError: { type: ['string', 'null'], description: 'class of the last failure: http_status, timeout, redirect_refused, target_not_allowed, network, no_endpoint' },
    lastAttemptAt: { type: ['string', 'null'] },
    nextAttemptAt: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    acknowledgedAt: { type: ['string', 'null'] },
    failedAt: { type: ['string', 'null'] },
  },
} as const

const iso = (d: Date | null) => (d ? d.toISOString() : null)
function view(d: WebhookDelivery) {
  return {
    ...d,
    lastAttemptAt: iso(d.lastAttemptAt),
    nextAttemptAt: iso(d.nextAttemptAt),
    createdAt: d.createdAt.toISOString(),
    acknowledgedAt: iso(d.acknowledgedAt),
    failedAt: iso(d.failedAt),
  }
}

function requireOwner(request: Parameters<typeof actorOf>[0]): string {
  const owner = ownerOf(actorOf(request))
  if (!owner) throw new AppError(422, 'no_webhook_owner', 'this API key acts for no customer tenant or recipient; create one with --tenant or --recipient to register a webhook endpoint')
  return owner
}

export async function webhookRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  app.put<{ Body: { url: string } }>(
    '/v1/webhook-endpoint',
    {
      schema: {
        tags: ['webhooks'],
        summary: "Register or replace the key owner's webhook endpoint; returns the signing secret, once",
        description:
          'Events are POSTed as JSON with the headers Pledge-Event, Pledge-Delivery (uuid), Pledge-Timestamp (unix seconds) and Pledge-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>. Answer 2xx to acknowledge; anything else is retried with exponential backoff. Replacing the endpoint replaces the secret.',
        security: [{ bearer: [] }],
        body: { type: 'object', required: ['url'], additionalProperties: false, properties: { url: { type: 'string', minLength: 1, maxLength: 2048, description: 'an https:// URL on a public address' } } },
        response: {
          200: { type: 'object', properties: { owner: { type: 'string' }, url: { type: 'string' }, secret: { type: 'string', description: 'shown only in this response' }, createdAt: { type: 'string' }, updatedAt: { type: 'string' } } },
          ...errors,
        },
      },
    },
    async (request) => {
      const owner = requireOwner(request)
      try {
        const endpoint = await runtime.webhooks.setEndpoint(owner, request.body.url)
        return { ...endpoint, createdAt: endpoint.createdAt.toISOString(), updatedAt: endpoint.updatedAt.toISOString() }
      } catch (err) {
        if (err instanceof WebhookInputError) throw new AppError(err.code === 'target_not_allowed' ? 422 : 400, err.code, err.message)
        throw err
      }
    },
  )

  app.get(
    '/v1/webhook-endpoint',
    {
      schema: {
        tags: ['webhooks'],
        summary: "The key owner's webhook endpoint (never its secret)",
        security: [{ bearer: [] }],
        response: { 200: { type: 'object', properties: { owner: { type: 'string' }, url: { type: 'string' }, createdAt: { type: 'string' }, updatedAt: { type: 'string' } } }, ...errors },
      },
    },
    async (request) => {
      const endpoint = await runtime.webhooks.endpoint(requireOwner(request))
      if (!endpoint) throw new AppError(404, 'not_found', 'no webhook endpoint is registered for this key')
      return { ...endpoint, createdAt: endpoint.createdAt.toISOString(), updatedAt: endpoint.updatedAt.toISOString() }
    },
  )

  app.delete(
    '/v1/webhook-endpoint',
    { schema: { tags: ['webhooks'], summary: "Remove the key owner's webhook endpoint", security: [{ bearer: [] }], response: { 204: { type: 'null' }, ...errors } } },
    async (request, reply) => {
      if (!(await runtime.webhooks.removeEndpoint(requireOwner(request)))) throw new AppError(404, 'not_found', 'no webhook endpoint is registered for this key')
      return reply.status(204).send()
    },
  )

  app.get<{ Querystring: { state?: string; limit?: number } }>(
    '/v1/webhook-deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: "Webhook deliveries, newest first: the key owner's, or every owner's for the controller's keys",
        security: [{ bearer: [] }],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { state: { type: 'string', enum: [...DELIVERY_STATES] }, limit: { type: 'integer', minimum: 1, maximum: 1000 } },
        },
        response: { 200: { type: 'object', properties: { deliveries: { type: 'array', items: Delivery } } }, ...errors },
      },
    },
    async (request) => {
      const owner = ownerOf(actorOf(request))
      const deliveries = await runtime.webhooks.deliveries({
        ...(owner ? { owner } : {}),
        ...(request.query.state ? { state: request.query.state as WebhookDeliveryState } : {}),
        ...(request.query.limit ? { limit: request.query.limit } : {}),
      })
      return { deliveries: deliveries.map(view) }
    },
  )

  app.get<{ Params: { id: string } }>(
    '/v1/webhook-deliveries/:id',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'One webhook delivery and its state',
        security: [{ bearer: [] }],
        params: { type: 'object', required: ['id'], properties: { id: S.id() } },
        response: { 200: Delivery, ...errors },
      },
    },
    async (request) => {
      const owner = ownerOf(actorOf(request))
      const delivery = await runtime.webhooks.delivery(request.params.id)
      // Another owner's delivery is reported exactly like a missing one.
      if (!delivery || (owner !== undefined && delivery.owner !== owner)) throw new AppError(404, 'not_found', 'no such webhook delivery')
      return view(delivery)
    },
  )
}
