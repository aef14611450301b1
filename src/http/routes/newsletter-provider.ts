// A mailing provider tells Pledge of unsubscribes, spam complaints and hard bounces (issue 19 part 2).
// No API key: the call is signed like Pledge's own webhooks, with the shared secret of the
// provider's webhook endpoint (PUT /v1/webhook-endpoint with its recipient-bound key):
//
//   POST /v1/newsletter/provider-events?recipient=<recipient id>
//   Pledge-Timestamp: <unix seconds>            (within 5 minutes of Pledge's clock)
//   Pledge-Signature: v1=<hex HMAC-SHA256(secret, `${timestamp}.${raw body}`)>
//
// The signature is checked over the raw bytes, in constant time, before the body is looked at.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import type { Runtime } from '../../runtime.ts'
import { AppError, rateLimitedError } from '../errors.ts'
import { S } from '../limits.ts'
import type { ProviderEvent } from '../../consent/newsletter.ts'

const MAX_BODY = 64 * 1024
const WINDOW_SECONDS = 300
const raw = new WeakMap<FastifyRequest, string>()

export async function newsletterProviderRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  await app.register(rateLimit, { max: 120, timeWindow: '1 minute', errorResponseBuilder: (_req, ctx) => rateLimitedError(ctx.ttl) })
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: MAX_BODY }, (request, body, done) => {
    raw.set(request, body as string)
    try {
      done(null, JSON.parse(body as string))
    } catch {
      done(new AppError(400, 'malformed_json', 'the request body is not valid JSON'), undefined)
    }
  })

  app.post<{ Querystring: { recipient: string }; Body: { events: ProviderEvent[] } }>(
    '/v1/newsletter/provider-events',
    {
      // After the schema (bounded fields, as every route), before anything is done: the signature.
      preHandler: async (request) => {
        const recipient = typeof request.query.recipient === 'string' ? request.query.recipient : ''
        const policy = runtime.policy()
        const r = /^[a-z0-9_.-]{1,64}$/i.test(recipient) ? policy.recipient(recipient) : undefined
        const serves = r && r.role === 'processor' && policy.purposes.some((p) => p.directMarketing && p.recipients.includes(r.id))
        const ts = request.headers['pledge-timestamp']
        const sig = request.headers['pledge-signature']
        const timestamp = typeof ts === 'string' ? ts : undefined
        if (timestamp !== undefined && /^\d{1,12}$/.test(timestamp) && Math.abs(Math.floor(runtime.now().getTime() / 1000) - Number(timestamp)) > WINDOW_SECONDS) {
          throw new AppError(401, 'timestamp_out_of_window', `Pledge-Timestamp is more than ${WINDOW_SECONDS} seconds from Pledge's clock: sign each call when you send it (replays are refused)`)
        }
        const ok = serves && (await runtime.webhooks.verifyInbound(`recipient:${r.id}`, timestamp, raw.get(request) ?? '', typeof sig === 'string' ? sig : undefined, WINDOW_SECONDS))
        if (!ok) throw new AppError(401, 'invalid_signature', 'sign the raw body as Pledge-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)> with Pledge-Timestamp, using the secret of your webhook endpoint (PUT /v1/webhook-endpoint), and name yourself with ?recipient=<your recipient id>')
      },
      schema: {
        tags: ['consent'],
        summary: "A mailing provider's unsubscribes, spam complaints and hard bounces (signed)",
        description:
          'Signed with the shared secret of the provider\'s webhook endpoint: `Pledge-Timestamp: <unix seconds>` (within 5 minutes) and `Pledge-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>`, as Pledge signs its own webhooks. The person is named by the `t` token of the unsubscribe URL the audience gave. An unsubscribe or a complaint unsubscribes the person from all direct marketing and suppresses the address; a hard bounce is recorded. An event id already received is skipped (duplicates).',
        security: [{}],
        querystring: { type: 'object', required: ['recipient'], additionalProperties: false, properties: { recipient: S.policyId() } },
        body: {
          type: 'object',
          required: ['events'],
          additionalProperties: false,
          properties: {
            events: {
              type: 'array',
              minItems: 1,
              maxItems: 100,
              items: {
                type: 'object',
                required: ['id', 'type', 'token'],
                additionalProperties: false,
                properties: {
                  id: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$', description: "the provider's id of the event" },
                  type: { type: 'string', enum: ['unsubscribe', 'complaint', 'hard_bounce'] },
                  token: { type: 'string', minLength: 1, maxLength: 256, description: 'the `t` parameter of the unsubscribe URL' },
                },
              },
            },
          },
        },
        response: {
          200: { type: 'object', properties: { applied: { type: 'integer' }, duplicates: { type: 'integer' }, unknownTokens: { type: 'integer' } } },
          400: { $ref: 'Error#' },
          401: { $ref: 'Error#' },
          429: { $ref: 'Error#' },
        },
      },
    },
    async (request) => runtime.newsletter.providerEvents(request.query.recipient, request.body.events),
  )
}
