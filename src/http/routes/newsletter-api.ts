// The newsletter's keyed routes (issue 19 part 2): campaigns Pledge sends, and the audience a
// mailing provider reads. A staff session or an API key with the campaign's purpose may send; only a
// recipient-bound key of a processor the policy names for the purpose may read an audience. The
// gate decides every person; these routes only translate.
import type { FastifyInstance } from 'fastify'
import type { Runtime } from '../../runtime.ts'
import { AppError } from '../errors.ts'
import { actorOf } from '../auth.ts'
import { GateDenied } from '../../gate/gate.ts'
import { CAMPAIGN_LIMITS, CampaignError, type CampaignInput } from '../../consent/campaign.ts'
import { AUDIENCE_PAGE } from '../../consent/newsletter.ts'
import { LANGUAGES, type Language } from '../../policy/schema.ts'
import { S } from '../limits.ts'

const errors = { 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 404: { $ref: 'Error#' }, 422: { $ref: 'Error#' } }

const Content = {
  type: 'object',
  required: ['subject', 'html'],
  additionalProperties: false,
  properties: {
    subject: { type: 'string', minLength: 1, maxLength: CAMPAIGN_LIMITS.subject },
    html: { type: 'string', minLength: 1, maxLength: CAMPAIGN_LIMITS.htmlBytes, description: 'the body; refused when it loads anything remote (images, pixels, style sheets, fonts): embed as data: or cid:' },
    text: { type: 'string', maxLength: CAMPAIGN_LIMITS.textBytes, description: 'plain-text version (default: the HTML without tags)' },
  },
} as const

const Counts = { type: 'object', additionalProperties: { type: 'integer' } } as const
const Report = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    purpose: { type: 'string' },
    status: { type: 'string', enum: ['draft', 'sending', 'finished'] },
    sent: { type: 'integer' },
    failed: { type: 'integer', description: 'refused or cut off by the SMTP server; never retried' },
    skipped: Counts,
    sentByLanguage: Counts,
    inFlight: { type: 'array', items: { type: 'string' }, description: 'subject ids handed to SMTP by a run that stopped before recording the outcome: never resent (at-most-once)' },
  },
} as const

function translate(err: unknown): never {
  if (err instanceof GateDenied) throw new AppError(err.status, err.reason, err.message)
  if (err instanceof CampaignError) throw new AppError(err.status, err.code, err.message)
  throw err
}

export async function newsletterApiRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  app.post<{ Body: CampaignInput & { dryRun?: boolean } }>(
    '/v1/newsletter/campaigns',
    {
      schema: {
        tags: ['consent'],
        summary: 'Send a newsletter campaign (or count its recipients with dryRun)',
        description:
          'A staff session or an API key with the purpose. The gate decides each person at send time (consent or soft opt-in, no objection, not suppressed, the Art. 14 notice first where due), in the person\'s language: `content.nl|fr|en` for that language, else `content.default`. With `dryRun: true`, answers 200 with the counts per language and the reasons for skipping; otherwise 202 with the campaign id, and the sending runs at `rate` mails a second (GET the campaign for its report). At-most-once: nobody is sent a campaign twice, even across a crash. HTML that loads remote content is refused (422 remote_content).',
        security: [{ bearer: [] }, { staffSession: [] }],
        body: {
          type: 'object',
          required: ['purpose', 'content'],
          additionalProperties: false,
          properties: {
            purpose: S.policyId(),
            content: { type: 'object', additionalProperties: false, minProperties: 1, properties: { default: Content, nl: Content, fr: Content, en: Content } },
            rate: { type: 'integer', minimum: CAMPAIGN_LIMITS.minRate, maximum: CAMPAIGN_LIMITS.maxRate, description: `mails a second (default ${CAMPAIGN_LIMITS.defaultRate})` },
            dryRun: { type: 'boolean' },
          },
        },
        response: {
          200: { type: 'object', properties: { purpose: { type: 'string' }, recipients: { type: 'integer' }, byLanguage: Counts, skipped: Counts } },
          202: { type: 'object', properties: { id: { type: 'string' }, status: { type: 'string' }, report: { type: 'string' } } },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      const { dryRun, ...input } = request.body
      try {
        if (dryRun) return reply.status(200).send(await runtime.campaigns.dryRun(actor, input))
        const id = await runtime.campaigns.create(actor, input)
        void runtime.campaigns.send(id).catch((err: Error) => request.log.error({ err: { type: err.name, message: err.message }, campaign: id }, 'campaign stopped'))
        return reply.status(202).send({ id, status: 'sending', report: `/v1/newsletter/campaigns/${id}` })
      } catch (err) {
        translate(err)
      }
    },
  )

  app.get<{ Params: { id: string } }>(
    '/v1/newsletter/campaigns/:id',
    {
      schema: {
        tags: ['consent'],
        summary: "A campaign's report: sent, skipped (per reason), failed, and the mails in flight",
        security: [{ bearer: [] }, { staffSession: [] }],
        params: { type: 'object', required: ['id'], properties: { id: S.uuid() } },
        response: { 200: Report, ...errors },
      },
    },
    async (request) => {
      const report = await runtime.campaigns.report(request.params.id)
      if (!report) throw new AppError(404, 'campaign_not_found', 'no campaign with this id')
      try {
        await runtime.gate.requirePurpose(actorOf(request), report.purpose, 'newsletter.campaign')
      } catch (err) {
        translate(err)
      }
      return report
    },
  )

  app.get<{ Querystring: { purpose: string; lang?: string; after?: string; limit?: number } }>(
    '/v1/newsletter/audience',
    {
      schema: {
        tags: ['consent'],
        summary: 'For a mailing provider: the people it may write to now, each with a personal unsubscribe URL',
        description:
          'Only a recipient-bound API key (`pledge apikey create --recipient ID`) of a processor the policy names for the purpose. The gate decides each person now; every address returned is a recorded disclosure to that recipient (Art. 30, Art. 15(1)(c)). Pages of up to 500 by `after` (the `next` of the previous page). Put each person\'s `unsubscribeUrl` in `List-Unsubscribe` with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, and tell Pledge of unsubscribes, complaints and hard bounces at POST /v1/newsletter/provider-events. Pledge tells you of opt-outs made elsewhere by the signed webhook `newsletter.opt_out`.',
        security: [{ bearer: [] }],
        querystring: {
          type: 'object',
          required: ['purpose'],
          additionalProperties: false,
          properties: { purpose: S.policyId(), lang: { type: 'string', enum: [...LANGUAGES] }, after: S.uuid(), limit: { type: 'integer', minimum: 1, maximum: AUDIENCE_PAGE } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              recipients: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' }, lang: { type: 'string' }, unsubscribeUrl: { type: 'string' } } } },
              next: { type: ['string', 'null'], description: 'pass as `after` for the next page; null at the end' },
            },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      try {
        const page = await runtime.newsletter.audience(actorOf(request), request.query.purpose, { lang: request.query.lang as Language | undefined, after: request.query.after?.toLowerCase(), limit: request.query.limit })
        return reply.header('cache-control', 'no-store').send(page)
      } catch (err) {
        translate(err)
      }
    },
  )
}
