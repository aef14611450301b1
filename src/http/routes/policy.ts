// The policy and the records derived from it, as data.
import { LIMITS } from '../limits.ts'
import type { FastifyInstance } from 'fastify'
import type { Runtime } from '../../runtime.ts'
import { policyView } from '../../policy/public-view.ts'
import { buildRopa, ropaToCsv, ropaToHtml, ropaToJson } from '../../policy/ropa.ts'
import { checkRopaConsistency, recipientsInUse, registerFacts, ropaHistory } from '../../policy/ropa-check.ts'
import { AppError } from '../errors.ts'
import { actorOf } from '../auth.ts'
import { GateDenied } from '../../gate/gate.ts'
import { requireNoticeProgressReader } from '../../staff/permissions.ts'
import { listVersions } from '../../policy/versions.ts'
import { noticeCounts } from '../../policy/notices.ts'

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
      const register = registerFacts(runtime.processors)
      const ropa = buildRopa(current.policy, { version: current.version, register, history: await ropaHistory(runtime.database.db), dpia: (id) => runtime.dpia.ropaFacts(id) })
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="ropa.csv"').send(ropaToCsv(ropa))
      if (format === 'html') return reply.type('text/html; charset=utf-8').send(ropaToHtml(ropa))
      // REQ-ROPA-04: the JSON carries the consistency check of the ROPA, the statement and the running configuration.
      const consistency = checkRopaConsistency({ statement: current, ropa, inUse: await recipientsInUse(runtime.database.db), policyFileDraft: (await runtime.policyFile()).isDraft, registerGaps: (id) => runtime.processors.gaps(id)?.gaps ?? [] })
      const body = { ...ropa, consistency }
      return reply.type('application/json; charset=utf-8').send(ropaToJson(body))
    },
  )
}

const NoticeCount = { type: 'integer', minimum: 0 } as const

/**
 * Progress of the material-change notices of one version (REQ-TR-04): counts by status, no person.
 * Keyed: a dpo or staff_admin session, or the controller's own key with data_subject_request.
 */
export async function noticeRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  app.get<{ Params: { version: string } }>(
    '/v1/policy/versions/:version/notices',
    {
      schema: {
        tags: ['policy'],
        summary: 'Progress of the material-change notices of a statement version (counts by status)',
        description:
          'notificationStatus: none (no material change), pending (notices owed), sent (every notice sent, or nobody to tell), incomplete (all settled, some failed or had no address). For a dpo or staff_admin session, or a key of the controller with the purpose data_subject_request.',
        security: [{ bearer: [] }],
        params: { type: 'object', required: ['version'], properties: { version: { type: 'string', maxLength: LIMITS.versionDigits, pattern: '^[0-9]{1,9}$' } }, additionalProperties: false },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['version', 'effectiveDate', 'notificationStatus', 'notices'],
            properties: {
              version: { type: 'integer' },
              effectiveDate: { type: 'string', format: 'date' },
              notificationStatus: { type: 'string', enum: ['none', 'pending', 'sent', 'incomplete'] },
              notices: {
                type: 'object',
                additionalProperties: false,
                required: ['total', 'pending', 'sent', 'failed', 'noContact'],
                properties: { total: NoticeCount, pending: NoticeCount, sent: NoticeCount, failed: NoticeCount, noContact: NoticeCount },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const version = Number(request.params.version)
      const session = request.staffSession
      if (session) {
        requireNoticeProgressReader(session)
      } else {
        try {
          await runtime.gate.authorizeNoticeProgress(actorOf(request), version)
        } catch (err) {
          if (err instanceof GateDenied) throw new AppError(err.status, err.reason, err.message)
          throw err
        }
      }
      const v = (await listVersions(runtime.database.db)).find((x) => x.version === version)
      if (!v) throw new AppError(404, 'version_not_found', `statement version ${version} does not exist`)
      const c = await noticeCounts(runtime.database.db, version)
      return { version, effectiveDate: v.effectiveDate, notificationStatus: v.notificationStatus, notices: { total: c.total, pending: c.pending, sent: c.sent, failed: c.failed, noContact: c.no_contact } }
    },
  )
}
