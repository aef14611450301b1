// Sub-processor changes and re-validation reminders over the API (REQ-PRC-03, REQ-TF-03). The DPO
// announces a change (one notice per customer, with an objection window) and marks reminders done;
// the DPO and staff administrators read them (rules in src/staff/permissions.ts). A customer's API
// key (one made with --tenant) lists its own notices and objects to one within its window.
import type { FastifyInstance } from 'fastify'
import type { Runtime } from '../../runtime.ts'
import { actorOf, staffOf } from '../auth.ts'
import { S } from '../limits.ts'
import { AppError } from '../../util/app-error.ts'
import { requireProcessorReader, requireSubprocessorAnnouncer } from '../../staff/permissions.ts'
import { changeView, noticeStateView, reminderView } from '../../processors/view.ts'
import { DEFAULT_OBJECTION_DAYS, MAX_OBJECTION_DAYS, MIN_OBJECTION_DAYS, NOTICE_STATES } from '../../processors/subprocessor-notices.ts'

const errors = { 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 404: { $ref: 'Error#' }, 409: { $ref: 'Error#' }, 422: { $ref: 'Error#' } }
const staffSecurity = [{ staffSession: [] }]
const keySecurity = [{ bearer: [] }]
const tags = ['processors']
const Company = { type: 'string', minLength: 1, maxLength: 200 } as const

const SubProcessor = {
  type: 'object',
  properties: { name: { type: 'string' }, country: { type: 'string' }, service: { type: 'string' } },
} as const

const Notice = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    changeId: { type: 'string' },
    tenantId: { type: 'string' },
    state: { type: 'string', enum: [...NOTICE_STATES], description: 'pending (no channel yet: the customer has no webhook endpoint) → sent → objected | window_closed' },
    channel: { type: ['string', 'null'], description: 'webhook (event subprocessor.change, signed as every webhook)' },
    deliveryId: { type: ['string', 'null'], description: 'the webhook delivery (GET /v1/webhook-deliveries/{id})' },
    windowEndsOn: { type: 'string', description: 'the last day an objection is accepted (YYYY-MM-DD, controller time zone)' },
    createdAt: { type: 'string' },
    sentAt: { type: ['string', 'null'] },
    objectedAt: { type: ['string', 'null'] },
    closedAt: { type: ['string', 'null'] },
  },
} as const

const Change = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    recipientId: { type: 'string' },
    kind: { type: 'string', enum: ['added', 'replaced'] },
    subProcessor: SubProcessor,
    replaces: { type: ['string', 'null'] },
    announcedAt: { type: 'string' },
    announcedBy: { type: 'string' },
    windowEndsOn: { type: 'string' },
  },
} as const

const Reminder = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    recipientId: { type: 'string' },
    kind: { type: 'string', description: 'review_due, adequacy_changed:<country>, certification_changed' },
    dueOn: { type: 'string' },
    raisedAt: { type: 'string' },
    raisedBy: { type: 'string' },
    mailedAt: { type: ['string', 'null'] },
    resolvedAt: { type: ['string', 'null'] },
  },
} as const

const RecipientParams = { type: 'object', required: ['recipientId'], properties: { recipientId: S.policyId('a recipient id of the policy') } } as const
const IdParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[0-9a-f-]{1,64}$' } } } as const

function tenantOf(request: Parameters<typeof actorOf>[0]): string {
  const tenantId = actorOf(request).tenantId
  if (!tenantId) throw new AppError(403, 'customer_key_required', 'sub-processor notices are answered with a customer\'s API key (one made with `pledge apikey create --tenant ID`)')
  return tenantId
}

export async function subprocessorNoticeRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  const notices = runtime.subprocessorNotices
  const reminders = runtime.processorReminders

  app.post<{ Params: { recipientId: string }; Body: unknown }>(
    '/v1/processors/:recipientId/subprocessor-changes',
    {
      schema: {
        tags,
        summary: 'Announce a sub-processor added or replaced under general authorisation: one notice per customer, with an objection window (the DPO; audited)',
        description: `Customers are the tenants of active API keys and of registered tenant webhook endpoints. Each notice goes out as a signed webhook (event subprocessor.change) to the customer's endpoint; without one it stays pending and goes out once an endpoint is registered, until the window ends. The window is windowDays days from today (default ${DEFAULT_OBJECTION_DAYS}).`,
        security: staffSecurity,
        params: RecipientParams,
        body: {
          type: 'object',
          required: ['kind', 'subProcessor'],
          additionalProperties: false,
          properties: {
            kind: { type: 'string', enum: ['added', 'replaced'] },
            subProcessor: { type: 'object', required: ['name'], additionalProperties: false, description: 'the company (never a person): name, country (ISO 3166-1 alpha-2, required: 422 naming subProcessor.country without it), service', properties: { name: Company, country: { type: 'string', maxLength: 2, pattern: '^[A-Z]{2}$' }, service: { type: 'string', maxLength: 200 } } },
            replaces: { ...Company, description: 'for kind replaced: the sub-processor it replaces' },
            windowDays: { type: 'integer', minimum: MIN_OBJECTION_DAYS, maximum: MAX_OBJECTION_DAYS, description: `the objection window in days (default ${DEFAULT_OBJECTION_DAYS})` },
          },
        },
        response: { 201: { type: 'object', properties: { change: Change, notices: { type: 'array', items: Notice } } }, ...errors },
      },
    },
    async (request, reply) => {
      const me = staffOf(request)
      requireSubprocessorAnnouncer(me.party)
      const { change, notices: sent } = await notices.announce(me.party.id, request.params.recipientId, request.body)
      return reply.code(201).send({ change: changeView(change), notices: sent.map(noticeStateView) })
    },
  )

  app.get<{ Params: { recipientId: string } }>(
    '/v1/processors/:recipientId/subprocessor-changes',
    { schema: { tags, summary: "A recipient's announced sub-processor changes, each with its customers' notices and their states", security: staffSecurity, params: RecipientParams, response: { 200: { type: 'object', properties: { changes: { type: 'array', items: { type: 'object', properties: { change: Change, notices: { type: 'array', items: Notice } } } } } }, ...errors } } },
    async (request) => {
      requireProcessorReader(staffOf(request).party)
      const row = runtime.processors.row(request.params.recipientId)
      const changes = await notices.changes(row.recipient.id)
      return { changes: await Promise.all(changes.map(async (c) => ({ change: changeView(c), notices: (await notices.notices({ changeId: c.id })).map(noticeStateView) }))) }
    },
  )

  app.get(
    '/v1/subprocessor-notices',
    { schema: { tags, summary: "The calling customer's sub-processor notices, newest first (a customer's API key)", security: keySecurity, response: { 200: { type: 'object', properties: { notices: { type: 'array', items: { type: 'object', properties: { notice: Notice, change: Change } } } } }, ...errors } } },
    async (request) => {
      const tenantId = tenantOf(request)
      const mine = await notices.notices({ tenantId })
      return { notices: await Promise.all(mine.map(async (n) => ({ notice: noticeStateView(n), change: changeView(await notices.change(n.changeId)) }))) }
    },
  )

  app.post<{ Params: { id: string } }>(
    '/v1/subprocessor-notices/:id/objection',
    {
      schema: {
        tags,
        summary: 'Object to a sub-processor change (a customer\'s API key, its own notice only; audited)',
        description: 'Accepted up to and including the last day of the window; after it, 409 objection_window_closed with details.windowEndsOn. Objecting twice changes nothing. Another customer\'s notice is reported as 404.',
        security: keySecurity,
        params: IdParams,
        response: { 200: { type: 'object', properties: { notice: Notice } }, ...errors },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request)
      return { notice: noticeStateView(await notices.object(tenantId, request.params.id)) }
    },
  )

  app.get<{ Querystring: { recipientId?: string } }>(
    '/v1/processor-reminders',
    { schema: { tags, summary: 'Open re-validation reminders of the processor register: review dates passed, adequacy or certification changes (DPO, staff administrators)', security: staffSecurity, querystring: { type: 'object', additionalProperties: false, properties: { recipientId: S.policyId() } }, response: { 200: { type: 'object', properties: { reminders: { type: 'array', items: Reminder } } }, ...errors } } },
    async (request) => {
      requireProcessorReader(staffOf(request).party)
      return { reminders: (await reminders.open(request.query.recipientId)).map(reminderView) }
    },
  )

  app.post<{ Params: { id: string } }>(
    '/v1/processor-reminders/:id/resolve',
    { schema: { tags, summary: 'Mark a re-validation reminder done (the DPO; audited). A review_due reminder also ends when a later review date is entered', security: staffSecurity, params: IdParams, response: { 200: { type: 'object', properties: { reminder: Reminder } }, ...errors } } },
    async (request) => {
      const me = staffOf(request)
      requireSubprocessorAnnouncer(me.party)
      return { reminder: reminderView(await reminders.resolve(me.party.id, request.params.id)) }
    },
  )
}
