// Legal holds over HTTP (keyed): place, list and release holds on a person's data for the defence of
// legal claims (Art. 17(3)(e), REQ-RT-04). The key needs a legal-claims purpose (legalClaims: true).
import type { FastifyInstance } from 'fastify'
import type { Runtime } from '../../runtime.ts'
import { AppError } from '../errors.ts'
import { actorOf } from '../auth.ts'
import { LegalHoldError } from '../../retention/legal-holds.ts'
import { GateDenied } from '../../gate/gate.ts'
import { LIMITS, S } from '../limits.ts'

const Hold = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    subjectId: { type: 'string' },
    purpose: { type: 'string', description: 'the legal-claims purpose the held data stay restricted to' },
    reason: { type: ['string', 'null'], description: 'null once the hold is released (its reason is destroyed)' },
    categories: { type: 'array', items: { type: 'string' } },
    reviewDate: { type: 'string', description: 'YYYY-MM-DD' },
    createdBy: { type: 'string' },
    createdAt: { type: 'string' },
    releasedAt: { type: ['string', 'null'] },
    releasedBy: { type: ['string', 'null'] },
    active: { type: 'boolean' },
  },
} as const

const errors = { 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 404: { $ref: 'Error#' }, 409: { $ref: 'Error#' }, 422: { $ref: 'Error#' } }

async function held<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof LegalHoldError) throw new AppError(err.status, err.code, err.message, err.details)
    if (err instanceof GateDenied) throw new AppError(err.status, err.reason, err.message)
    throw err
  }
}

export async function legalHoldRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  const holds = runtime.legalHolds

  app.post<{ Params: { id: string }; Body: { reason: string; categories?: string[]; reviewDate?: string; purpose?: string } }>(
    '/v1/subjects/:id/legal-holds',
    {
      schema: {
        tags: ['legal holds'],
        summary: 'Keep categories of a person for the defence of legal claims until released (kept through erasure)',
        security: [{ bearer: [] }],
        params: { type: 'object', required: ['id'], properties: { id: S.id() } },
        body: {
          type: 'object',
          required: ['reason'],
          additionalProperties: false,
          properties: {
            reason: { type: 'string', minLength: 3, maxLength: 500, description: 'the dispute or case reference (no details about the person)' },
            categories: { type: 'array', minItems: 1, maxItems: LIMITS.holdCategories, items: S.categoryId(), description: 'default: every category of the legal-claims purpose' },
            reviewDate: { type: 'string', maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'when the hold must be reviewed (default: one year from today)' },
            purpose: S.policyId('the legal-claims purpose (default: the first the key may use)'),
          },
        },
        response: { 201: Hold, ...errors },
      },
    },
    async (request, reply) => {
      const hold = await held(() => holds.place(actorOf(request), request.params.id, request.body))
      return reply.status(201).send(hold)
    },
  )

  app.get<{ Params: { id: string } }>(
    '/v1/subjects/:id/legal-holds',
    {
      schema: {
        tags: ['legal holds'],
        summary: 'The legal holds on a person, active and released',
        security: [{ bearer: [] }],
        params: { type: 'object', required: ['id'], properties: { id: S.id() } },
        response: { 200: { type: 'object', properties: { holds: { type: 'array', items: Hold } } }, ...errors },
      },
    },
    async (request) => ({ holds: await held(() => holds.list(actorOf(request), request.params.id)) }),
  )

  app.delete<{ Params: { id: string; holdId: string } }>(
    '/v1/subjects/:id/legal-holds/:holdId',
    {
      schema: {
        tags: ['legal holds'],
        summary: 'Release a legal hold; what only it kept is erased by the next retention run',
        security: [{ bearer: [] }],
        params: { type: 'object', required: ['id', 'holdId'], properties: { id: S.id(), holdId: S.id() } },
        response: { 200: Hold, ...errors },
      },
    },
    async (request) => held(() => holds.release(actorOf(request), request.params.id, request.params.holdId)),
  )
}
