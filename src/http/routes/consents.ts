// Consent records through the gate: recorded as the calling service attests it obtained them,
// read back with their proof, and checked without touching personal data.
import type { FastifyInstance } from 'fastify'
import type { Runtime } from '../../runtime.ts'
import { AppError } from '../errors.ts'
import { actorOf } from '../auth.ts'
import { GateDenied } from '../../gate/gate.ts'
import { isLanguage } from '../language.ts'
import { CONSENT_ACTS, CONSENT_CHANNELS, type ConsentAct, type ConsentChannel } from '../../consent/vocabulary.ts'
import { LIMITS, S } from '../limits.ts'

const errors = { 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 404: { $ref: 'Error#' }, 422: { $ref: 'Error#' } }
const IdParams = { type: 'object', required: ['id'], properties: { id: S.id() } } as const

async function gated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof GateDenied) throw new AppError(err.status, err.reason, err.message)
    throw err
  }
}

const ConsentEvent = {
  type: 'object',
  properties: {
    purpose: { type: 'string' },
    granted: { type: 'boolean' },
    at: { type: 'string' },
    statementVersion: { type: 'integer' },
    textHash: { type: 'string' },
    lang: { type: 'string' },
    channel: { type: 'string' },
    act: { type: 'string' },
    obtainedBy: { type: 'string' },
  },
} as const

export async function consentRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  app.post<{ Params: { id: string }; Body: { purpose: string; granted: boolean; text: string; channel: ConsentChannel; lang?: string; act?: ConsentAct } }>(
    '/v1/subjects/:id/consents',
    {
      schema: {
        tags: ['consent'],
        summary: 'Record consent given or withdrawn for one purpose, as the calling service obtained it (REQ-CON-01)',
        security: [{ bearer: [] }],
        params: IdParams,
        body: {
          type: 'object',
          required: ['purpose', 'granted', 'text', 'channel'],
          additionalProperties: false,
          properties: {
            purpose: S.policyId(),
            granted: { type: 'boolean' },
            text: { type: 'string', minLength: 1, maxLength: LIMITS.consentText, description: 'the exact text the person saw (only its SHA-256 is kept)' },
            channel: { type: 'string', enum: [...CONSENT_CHANNELS], description: 'where the person gave or withdrew it (a code, never free text)' },
            lang: S.lang('nl, fr or en (default en)'),
            act: { type: 'string', enum: [...CONSENT_ACTS], description: 'the affirmative act (default checkbox_ticked, or withdrawal_requested)' },
          },
        },
        response: { 201: { type: 'object', properties: { recorded: { type: 'boolean' } } }, ...errors },
      },
    },
    async (request, reply) => {
      const lang = request.body.lang ?? 'en'
      if (!isLanguage(lang)) throw new AppError(400, 'unknown_language', 'lang must be one of nl, fr, en')
      const { purpose, granted, text, channel } = request.body
      await gated(() => runtime.gate.recordConsent(actorOf(request), request.params.id, { purpose, granted, text, channel, lang, act: request.body.act ?? (granted ? 'checkbox_ticked' : 'withdrawal_requested') }))
      return reply.status(201).send({ recorded: true })
    },
  )

  app.get<{ Params: { id: string } }>(
    '/v1/subjects/:id/consents',
    {
      schema: {
        tags: ['consent'],
        summary: 'Current consent per purpose and the full history with its proof',
        security: [{ bearer: [] }],
        params: IdParams,
        response: {
          200: { type: 'object', properties: { current: { type: 'object', additionalProperties: { type: 'boolean' } }, history: { type: 'array', items: ConsentEvent } } },
          ...errors,
        },
      },
    },
    async (request) => gated(() => runtime.gate.consentHistory(actorOf(request), request.params.id)),
  )

  app.get<{ Querystring: { subject?: string; purpose?: string } }>(
    '/v1/consents/check',
    {
      schema: {
        tags: ['consent'],
        summary: 'May this purpose be used for this person now? (the gate\'s answer, no data read)',
        security: [{ bearer: [] }],
        querystring: { type: 'object', properties: { subject: S.id(), purpose: S.policyId() } },
        response: { 200: { type: 'object', properties: { allowed: { type: 'boolean' }, reason: { type: 'string' }, message: { type: 'string' } } }, ...errors },
      },
    },
    async (request) => {
      const { subject, purpose } = request.query
      if (!subject || !purpose) throw new AppError(400, 'missing_parameter', 'give ?subject=<id>&purpose=<purpose id>')
      return gated(() => runtime.gate.check(actorOf(request), subject, purpose))
    },
  )
}
