// Subjects and their personal data. Every handler goes through the gate; none touches the vault.
import type { FastifyInstance } from 'fastify'
import type { Runtime } from '../../runtime.ts'
import { AppError } from '../errors.ts'
import { actorOf } from '../auth.ts'
import { GateDenied } from '../../gate/gate.ts'
import { VaultInputError, type PersonalData } from '../../vault/vault.ts'
import { DATA_MAP_KEYS, LIMITS, S } from '../limits.ts'
import { LANGUAGES, type Language } from '../../policy/schema.ts'

const PurposeQuery = {
  type: 'object',
  properties: { purpose: S.policyId('the purpose of this use (a policy purpose id)') },
} as const

// What a read returns per category: its value, or — for a category the policy declares with
// `records: many` (e.g. online.ip_address, one per login) — the list of its values, oldest first.
const ReadData = {
  type: 'object',
  description:
    'the values by category id. A category declared with `records: many` (see `records` of each category in GET /v1/policy; in the example `online.ip_address`) is always an array of its values, oldest first, even when there is one; every other category is its single value, as it was written',
  additionalProperties: {
    anyOf: [
      { type: 'array', description: 'a `records: many` category: every value, oldest first', items: { type: ['string', 'number', 'boolean', 'object'], additionalProperties: true } },
      { type: ['string', 'number', 'boolean', 'object'], description: 'a `records: one` category: its value', additionalProperties: true },
    ],
  },
} as const

const IdParams = { type: 'object', required: ['id'], properties: { id: S.id() } } as const

const DataMap = {
  type: 'object',
  description: 'values by policy category id, e.g. { "contact.email": "ann@example.com" }',
  maxProperties: LIMITS.dataEntries,
  propertyNames: DATA_MAP_KEYS,
  additionalProperties: { type: ['string', 'number', 'boolean', 'object', 'array'], maxLength: LIMITS.dataValue, maxProperties: LIMITS.dataEntries, maxItems: LIMITS.dataEntries },
} as const

const errors = { 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 404: { $ref: 'Error#' }, 422: { $ref: 'Error#' } }

function purposeOf(query: { purpose?: string }): string {
  const purpose = query.purpose
  if (!purpose) throw new AppError(400, 'missing_purpose', 'say why: add ?purpose=<purpose id> (see GET /v1/policy for the purposes)')
  return purpose
}

/** Maps the gate's and the vault's refusals onto HTTP. */
async function gated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof GateDenied) {
      throw new AppError(err.status, err.reason, err.message, err.categories ? { categories: err.categories } : undefined)
    }
    if (err instanceof VaultInputError) throw new AppError(422, err.code, err.message, err.details === undefined ? undefined : { categories: err.details })
    throw err
  }
}

export async function subjectRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  const { gate } = runtime

  app.post<{ Querystring: { purpose?: string }; Body: { type: string; data: PersonalData; externalId?: string; source?: string; language?: Language } }>(
    '/v1/subjects',
    {
      schema: {
        tags: ['subjects'],
        summary: 'Register a person under a purpose (an externalId that exists: 409 with their id)',
        security: [{ bearer: [] }],
        querystring: PurposeQuery,
        body: {
          type: 'object',
          required: ['type', 'data'],
          additionalProperties: false,
          properties: {
            type: S.policyId('a subject type of the policy'),
            data: DataMap,
            externalId: { type: 'string', minLength: 1, maxLength: LIMITS.externalId, description: 'your id for this person; unique per tenant' },
            source: { type: 'string', maxLength: LIMITS.source, description: 'where the data came from when not from the person (Art. 14)' },
            language: { type: 'string', enum: [...LANGUAGES], description: 'the language to write to the person in (the Art. 14 notice, later mails): nl, fr or en. Kept for a person this creates; for one who exists (the same externalId) only when they have none — never replacing their own choice (the one thing a 409 may store). Absent: the controller\'s language until the person or another channel says' },
          },
        },
        response: {
          201: { type: 'object', required: ['id', 'created'], properties: { id: { type: 'string' }, created: { type: 'boolean', enum: [true] } } },
          ...errors,
          409: {
            description: 'external_id_exists: a person with this externalId exists in your tenant; nothing of this request was stored (but a language for a person who has none). `error.details.id` is their id: read them, or change their data with PATCH /v1/subjects/{id}',
            type: 'object',
            required: ['error'],
            properties: {
              error: {
                type: 'object',
                required: ['code', 'message', 'details'],
                properties: { code: { type: 'string', enum: ['external_id_exists'] }, message: { type: 'string' }, details: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } },
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const purpose = purposeOf(request.query)
      const result = await gated(() => gate.create(actorOf(request), purpose, { type: request.body.type, data: request.body.data, externalId: request.body.externalId, source: request.body.source, language: request.body.language }))
      if (!result.created) {
        // Never a silent drop: the caller learns that the data it sent was not stored, and whom it names.
        throw new AppError(409, 'external_id_exists', `a person with this externalId exists already (id ${result.id}); the data of this request was not stored: change it with PATCH /v1/subjects/${result.id}`, { id: result.id })
      }
      return reply.status(201).send(result)
    },
  )

  app.post<{ Querystring: { purpose?: string }; Body: { email?: string; phone?: string } }>(
    '/v1/subjects/search',
    {
      schema: {
        tags: ['subjects'],
        summary: 'Find people by e-mail or phone (blind index: the value never goes into a URL)',
        security: [{ bearer: [] }],
        querystring: PurposeQuery,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          maxProperties: 1,
          properties: { email: { type: 'string', maxLength: LIMITS.email }, phone: { type: 'string', maxLength: LIMITS.phone } },
        },
        response: { 200: { type: 'object', properties: { subjects: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, type: { type: 'string' } } } } } }, ...errors },
      },
    },
    async (request) => {
      const purpose = purposeOf(request.query)
      const [kind, value] = request.body.email !== undefined ? (['email', request.body.email] as const) : (['phone', request.body.phone!] as const)
      return { subjects: await gated(() => gate.search(actorOf(request), purpose, kind, value)) }
    },
  )

  app.get<{ Params: { id: string }; Querystring: { purpose?: string; categories?: string } }>(
    '/v1/subjects/:id',
    {
      schema: {
        tags: ['subjects'],
        summary: 'Read a person\'s data for a purpose: only the categories that purpose may use',
        security: [{ bearer: [] }],
        params: IdParams,
        querystring: { type: 'object', properties: { ...PurposeQuery.properties, categories: { type: 'string', maxLength: LIMITS.categoryList, description: 'comma-separated category ids (default: all the purpose may use)' } } },
        response: {
          200: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              type: { type: 'string' },
              purpose: { type: 'string' },
              data: ReadData,
              withheld: { type: 'array', items: { type: 'string' }, description: 'categories asked for that this purpose may not use' },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const purpose = purposeOf(request.query)
      const categories = request.query.categories?.split(',').map((c) => c.trim()).filter(Boolean)
      const result = await gated(() => gate.read(actorOf(request), purpose, request.params.id, categories))
      return { id: result.id, type: result.type, purpose, data: result.data, withheld: result.withheld }
    },
  )

  app.patch<{ Params: { id: string }; Querystring: { purpose?: string }; Body: { data: PersonalData } }>(
    '/v1/subjects/:id',
    {
      schema: {
        tags: ['subjects'],
        summary: 'Write values under a purpose: only that purpose\'s categories (REQ-LB-02)',
        security: [{ bearer: [] }],
        params: IdParams,
        querystring: PurposeQuery,
        body: { type: 'object', required: ['data'], additionalProperties: false, properties: { data: { ...DataMap, minProperties: 1 } } },
        response: { 200: { type: 'object', properties: { id: { type: 'string' }, categories: { type: 'array', items: { type: 'string' } } } }, ...errors },
      },
    },
    async (request) => {
      const purpose = purposeOf(request.query)
      const result = await gated(() => gate.write(actorOf(request), purpose, request.params.id, request.body.data))
      return { id: request.params.id, categories: result.categories }
    },
  )

  app.post<{ Params: { id: string }; Body: { event: string; at?: string } }>(
    '/v1/subjects/:id/events',
    {
      schema: {
        tags: ['subjects'],
        summary: 'Record a lifecycle event (contract started or ended, invoice issued, ...)',
        security: [{ bearer: [] }],
        params: IdParams,
        body: {
          type: 'object',
          required: ['event'],
          additionalProperties: false,
          properties: { event: S.policyId('a lifecycle event of the policy'), at: { type: 'string', format: 'date-time', maxLength: LIMITS.dateTime, description: 'when it happened (default: now)' } },
        },
        response: { 201: { type: 'object', properties: { id: { type: 'string' } } }, ...errors },
      },
    },
    async (request, reply) => {
      const at = request.body.at ? new Date(request.body.at) : runtime.now()
      if (Number.isNaN(at.getTime())) throw new AppError(400, 'invalid_date', 'at must be an ISO 8601 date-time')
      if (at.getTime() > runtime.now().getTime() + 24 * 3600_000) throw new AppError(400, 'event_in_future', 'at is more than a day in the future: record events when they happen')
      const result = await gated(() => gate.recordEvent(actorOf(request), request.params.id, request.body.event, at))
      return reply.status(201).send(result)
    },
  )
}
