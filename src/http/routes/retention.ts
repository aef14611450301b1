// Retention over HTTP (keyed): the forecast, the run reports and what anonymisation kept. Counts for
// every key of the controller; subject ids only for the purposes the key serves. The gate decides
// both, and refuses a customer's key: the sweep is the controller's.
import type { FastifyInstance } from 'fastify'
import { GateDenied } from '../../gate/gate.ts'
import type { Runtime } from '../../runtime.ts'
import { AppError } from '../errors.ts'
import { actorOf } from '../auth.ts'
import { S } from '../limits.ts'
import { MIN_GROUP } from '../../vault/anonymise.ts'

const errors = { 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 404: { $ref: 'Error#' } }

const Report = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: { type: 'string', description: 'running, done or failed' },
    dryRun: { type: 'boolean' },
    startedBy: { type: 'string' },
    startedAt: { type: 'string' },
    finishedAt: { type: ['string', 'null'] },
    evaluated: { type: 'integer' },
    counts: { type: 'object', additionalProperties: { type: 'integer' }, description: '`action|purposes|category` → people (purposes joined with +)' },
    erased: { type: 'integer' },
    subjects: { type: 'integer' },
    blocked: { type: 'integer', description: 'people whose data a restriction (Art. 18(1)(b)/(c), or no recorded ground) kept' },
    resumed: { type: 'boolean' },
    instructions: { type: 'object', additionalProperties: { type: 'integer' } },
    ownRecords: { type: 'object', additionalProperties: { type: 'integer' } },
  },
} as const

/** The gate's refusals as HTTP errors. */
async function gated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof GateDenied) throw new AppError(err.status, err.reason, err.message)
    throw err
  }
}

export async function retentionRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  app.get<{ Querystring: { days?: number } }>(
    '/v1/retention/forecast',
    {
      schema: {
        tags: ['retention'],
        summary: 'What the sweep will delete, anonymise or erase in the coming days, per day, action, purposes and category',
        security: [{ bearer: [] }],
        querystring: { type: 'object', additionalProperties: false, properties: { days: { type: 'integer', minimum: 1, maximum: 3660, default: 90 } } },
        response: {
          200: {
            type: 'object',
            properties: {
              from: { type: 'string' },
              until: { type: 'string' },
              days: { type: 'integer' },
              evaluated: { type: 'integer' },
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    date: { type: 'string' },
                    action: { type: 'string' },
                    category: { type: 'string' },
                    purposes: { type: 'array', items: { type: 'string' } },
                    count: { type: 'integer' },
                    subjectIds: { type: 'array', items: { type: 'string' }, description: 'only for purposes this key serves' },
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => gated(() => runtime.retention.forecast(actorOf(request), request.query.days ?? 90)),
  )

  app.get('/v1/retention/runs', { schema: { tags: ['retention'], summary: 'The sweep\'s run reports, newest first (counts; no person)', security: [{ bearer: [] }], response: { 200: { type: 'array', items: Report }, ...errors } } }, async (request) => {
    return gated(() => runtime.retention.runs(actorOf(request)))
  })

  app.get<{ Params: { id: string } }>(
    '/v1/retention/runs/:id',
    {
      schema: {
        tags: ['retention'],
        summary: 'One run report, with the people it touched for the purposes this key serves (ids, categories, actions)',
        security: [{ bearer: [] }],
        params: { type: 'object', required: ['id'], properties: { id: S.uuid() } },
        response: {
          200: { type: 'object', properties: { report: Report, touched: { type: 'array', items: { type: 'object', properties: { subjectId: { type: 'string' }, category: { type: 'string' }, action: { type: 'string' }, purposes: { type: 'array', items: { type: 'string' } } } } } } },
          ...errors,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      const report = await gated(() => runtime.retention.report(actor, request.params.id.toLowerCase()))
      if (!report) throw new AppError(404, 'run_not_found', 'no retention run with this id')
      return { report, touched: await gated(() => runtime.retention.touched(actor, report.id)) }
    },
  )

  app.get(
    '/v1/retention/aggregates',
    {
      schema: {
        tags: ['retention'],
        summary: `What anonymisation kept: counts per purpose, category, year and bucket, only groups of at least ${MIN_GROUP}`,
        security: [{ bearer: [] }],
        response: { 200: { type: 'array', items: { type: 'object', properties: { purpose: { type: 'string' }, category: { type: 'string' }, period: { type: 'string' }, bucket: { type: 'string' }, count: { type: 'integer' } } } }, ...errors },
      },
    },
    async (request) => {
      await gated(() => runtime.gate.authorizeRetentionReports(actorOf(request)))
      return runtime.vault.anonymisedCounts()
    },
  )
}
