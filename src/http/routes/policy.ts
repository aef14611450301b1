// The policy and the records derived from it, as data.
import type { FastifyInstance } from 'fastify'
import type { Runtime } from '../../runtime.ts'
import { policyView } from '../../policy/public-view.ts'
import { buildRopa, ropaToCsv, ropaToHtml, ropaToJson } from '../../policy/ropa.ts'
import { AppError } from '../errors.ts'

const RopaFormats = ['json', 'csv', 'html'] as const

export async function policyRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  app.get(
    '/v1/policy',
    {
      schema: {
        tags: ['policy'],
        summary: 'The published policy in force (public)',
        description: 'Purposes carry `basis`: a map from subject type to one of consent, contract, legal_obligation, vital_interests, public_task, legitimate_interests.',
        response: { 200: { type: 'object', additionalProperties: true, properties: { version: { type: 'integer' }, purposes: { type: 'array', items: { type: 'object', additionalProperties: true } } } } },
      },
    },
    async () => {
      const current = await runtime.currentVersion()
      return policyView(current.policy, current)
    },
  )
}

/** The ROPA is for the company and the authority: keyed. */
export async function ropaRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  app.get<{ Querystring: { format?: string } }>(
    '/v1/ropa',
    {
      schema: {
        tags: ['policy'],
        summary: 'Records of processing activities (Art. 30(1) and 30(2))',
        security: [{ bearer: [] }],
        querystring: { type: 'object', properties: { format: { type: 'string', enum: [...RopaFormats], default: 'json' } }, additionalProperties: false },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'json'
      if (!(RopaFormats as readonly string[]).includes(format)) throw new AppError(400, 'unknown_format', `format must be one of ${RopaFormats.join(', ')}`)
      const current = await runtime.currentVersion()
      const ropa = buildRopa(current.policy, { version: current.version })
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="ropa.csv"').send(ropaToCsv(ropa))
      if (format === 'html') return reply.type('text/html; charset=utf-8').send(ropaToHtml(ropa))
      return reply.type('application/json; charset=utf-8').send(ropaToJson(ropa))
    },
  )
}
