// Data-subject requests over HTTP. Public intake (rate-limited per IP here and per address in the
// service), the requester's view with the session the code starts, and the staff routes (keyed; the
// key needs the built-in purpose data_subject_request; a customer's key sees only its own requests).
import { runStaffAction } from '../../requests/staff-actions.ts'
import { RESTRICTION_GROUNDS, type RestrictionGround } from '../../retention/plan.ts'
import type { FastifyInstance } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import type { Runtime } from '../../runtime.ts'
import { AppError, rateLimitedError } from '../errors.ts'
import { actorOf, requireActor } from '../auth.ts'
import { sendExport, sessionCookie, sessionOf } from '../request-session.ts'
import { isLanguage, pickLanguage, unknownLanguage } from '../language.ts'
import { GateDenied } from '../../gate/gate.ts'
import { VaultInputError } from '../../vault/vault.ts'
import { CHANNELS, DOUBT_REASONS, REQUEST_STATUSES, REQUEST_TYPES, type Channel, type RequestStatus, type RequestType } from '../../requests/types.ts'
import { VERIFICATION_MEANS } from '../../requests/service.ts'
import type { Actor } from '../../gate/actor.ts'
import { INTAKE_LIMITS, intakeGuard } from '../intake.ts'
import { DATA_MAP_KEYS, LIMITS, S } from '../limits.ts'
import { CATEGORY_ID_PATTERN } from '../../policy/schema.ts'


const INTAKE_NOTE = 'Public, rate-limited per client address. A website backend posting for its visitors may send an API key with the intake scope as `Authorization: Bearer <key>`: it is then counted in its own rate-limit bucket.'

const IdParams = { type: 'object', required: ['id'], properties: { id: S.uuid() } } as const
const errors = { 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 404: { $ref: 'Error#' }, 409: { $ref: 'Error#' }, 410: { $ref: 'Error#' }, 429: { $ref: 'Error#' } }

const Filed = {
  type: 'object',
  required: ['id', 'status', 'receivedAt', 'dueAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: [...REQUEST_STATUSES] },
    receivedAt: { type: 'string', format: 'date-time' },
    dueAt: { type: 'string', format: 'date', description: 'one calendar month after receipt, in the controller\'s time zone' },
  },
} as const

const View = {
  type: 'object',
  additionalProperties: true,
  properties: {
    id: { type: 'string' },
    type: { type: 'string', enum: [...REQUEST_TYPES] },
    status: { type: 'string', enum: [...REQUEST_STATUSES] },
    lang: { type: 'string' },
    receivedAt: { type: 'string' },
    dueAt: { type: 'string' },
    outcome: { type: 'object', additionalProperties: true },
    download: { type: 'object', properties: { url: { type: 'string' }, expiresAt: { type: 'string' } } },
  },
} as const

async function gated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof GateDenied) throw new AppError(err.status, err.reason, err.message)
    if (err instanceof VaultInputError) throw new AppError(422, err.code, err.message, err.details === undefined ? undefined : { categories: err.details })
    throw err
  }
}

export async function requestRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  const { requests, fulfilment } = runtime
  const rooms = { requests, fulfilment }

  // ---------- public ----------
  await app.register(async (pub) => {
    await pub.register(rateLimit, {
      max: 30,
      timeWindow: '1 minute',
      // An AppError, so the app's error handler answers in the one error shape (a plain object was a 500).
      errorResponseBuilder: (_req, ctx) => rateLimitedError(ctx.ttl),
    })

    pub.post<{ Body: { type: RequestType; email: string; lang?: string; details?: string; pushTo?: string; pushCountry?: string; pushRisksAccepted?: boolean } }>(
      '/v1/requests',
      {
        // Limited per client address, or per intake key for a website backend (src/http/intake.ts).
        config: { rateLimit: false },
        onRequest: intakeGuard(pub, runtime.apiKeys, INTAKE_LIMITS.file),
        schema: {
          tags: ['requests'],
          summary: 'File a data-subject request (a code is sent to the address; the same answer whoever you are)',
          description: `No reasons are asked (REQ-TR-11) and no identity document. Send the same Idempotency-Key header twice and one request is made. ${INTAKE_NOTE}`,
          security: [{}, { bearer: [] }],
          headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 100 } } },
          body: {
            type: 'object',
            required: ['type', 'email'],
            additionalProperties: false,
            properties: {
              type: { type: 'string', enum: [...REQUEST_TYPES] },
              email: { type: 'string', maxLength: 320 },
              lang: { type: 'string', enum: ['nl', 'fr', 'en'] },
              details: { type: 'string', maxLength: 4000, description: 'for rectification: what is wrong and the right value; never required' },
              pushTo: { type: 'string', maxLength: 2000, description: 'portability: another controller\'s https:// endpoint to send the data to (after staff confirm)' },
              pushCountry: { type: 'string', minLength: 2, maxLength: 2, description: 'with pushTo, required: the receiving controller\'s country (ISO 3166-1 alpha-2). Outside the EEA and without an adequacy decision (the United States counts as not covered), pushRisksAccepted is needed too' },
              pushRisksAccepted: { type: 'boolean', description: 'with pushTo to a country outside the EEA without an adequacy decision: the person, shown the risks (no adequacy decision and no appropriate safeguards: their data may not be protected as in the EU, and they may not be able to enforce their rights there), explicitly consents (Art. 49(1)(a)). Without it: 400 push_risks_not_accepted. The acceptance time is recorded' },
            },
          },
          response: { 202: Filed, ...errors },
        },
      },
      async (request, reply) => {
        const lang = request.body.lang ?? pickLanguage(undefined, request.headers['accept-language'])
        if (!isLanguage(lang)) throw unknownLanguage(lang)
        const key = request.headers['idempotency-key']
        const filed = await requests.file(
          { type: request.body.type, email: request.body.email, lang, details: request.body.details, pushTo: request.body.pushTo, pushCountry: request.body.pushCountry, pushRisksAccepted: request.body.pushRisksAccepted, channel: 'api', formToken: typeof key === 'string' && key ? key : undefined },
          ...(request.intakeKey ? [request.intakeKey] : []),
        )
        return reply.status(202).header('cache-control', 'no-store').send(filed)
      },
    )

    pub.post<{ Params: { id: string }; Body: { code: string } }>(
      '/v1/requests/:id/verify',
      {
        config: { rateLimit: false },
        onRequest: intakeGuard(pub, runtime.apiKeys, INTAKE_LIMITS.verify),
        schema: {
          tags: ['requests'],
          summary: 'Enter the one-time code from the mail; returns the session for this request',
          description: INTAKE_NOTE,
          security: [{}, { bearer: [] }],
          params: IdParams,
          body: { type: 'object', required: ['code'], additionalProperties: false, properties: { code: { type: 'string', maxLength: 20 } } },
          response: { 200: { type: 'object', properties: { session: { type: 'string' }, request: View } }, ...errors },
        },
      },
      async (request, reply) => {
        const { session, view } = await requests.verify(request.params.id, request.body.code)
        return reply
          .header('set-cookie', sessionCookie(runtime.config.baseUrl, session))
          .header('cache-control', 'no-store')
          .send({ session, request: view })
      },
    )

    pub.post<{ Params: { id: string } }>(
      '/v1/requests/:id/resend',
      {
        config: { rateLimit: false },
        onRequest: intakeGuard(pub, runtime.apiKeys, INTAKE_LIMITS.resend),
        schema: { tags: ['requests'], summary: 'Send a new code (the previous one stops working)', description: INTAKE_NOTE, security: [{}, { bearer: [] }], params: IdParams, response: { 202: { type: 'object', properties: { status: { type: 'string' } } }, ...errors } },
      },
      async (request, reply) => {
        await requests.resendCode(request.params.id)
        // The same answer for any id: nothing to learn from it.
        return reply.status(202).send({ status: 'sent_if_waiting' })
      },
    )

    pub.get<{ Params: { id: string } }>(
      '/v1/requests/:id',
      { schema: { tags: ['requests'], summary: 'The request\'s status, for its verified requester', params: IdParams, response: { 200: View, ...errors } } },
      async (request, reply) => reply.header('cache-control', 'no-store').send(await requests.view(request.params.id, sessionOf(request))),
    )

    pub.get<{ Params: { id: string } }>(
      '/v1/requests/:id/download',
      { schema: { tags: ['requests'], summary: 'Download the access or portability export (verified session, until it expires)', params: IdParams } },
      async (request, reply) => sendExport(reply, await gated(() => fulfilment.download(request.params.id, sessionOf(request)))),
    )
  })

  // ---------- staff and customers (keyed) ----------
  await app.register(async (keyed) => {
    await requireActor(keyed, runtime)

    keyed.post<{ Body: { type: RequestType; email: string; lang: string; channel: Channel; receivedAt: string; details?: string; verification?: 'code' | 'known_channel' } }>(
      '/v1/staff/requests',
      {
        schema: {
          tags: ['requests'],
          summary: 'Record a request received by mail, phone, post or in person, with its real date of receipt',
          security: [{ bearer: [] }],
          body: {
            type: 'object',
            required: ['type', 'email', 'lang', 'channel', 'receivedAt'],
            additionalProperties: false,
            properties: {
              type: { type: 'string', enum: [...REQUEST_TYPES] },
              email: { type: 'string', maxLength: 320, description: 'where the answer goes' },
              lang: { type: 'string', enum: ['nl', 'fr', 'en'] },
              channel: { type: 'string', enum: CHANNELS.filter((c) => c !== 'web' && c !== 'api') },
              receivedAt: { type: 'string', format: 'date-time', maxLength: LIMITS.dateTime },
              details: { type: 'string', maxLength: 4000 },
              verification: { type: 'string', enum: ['code', 'known_channel'], default: 'code', description: 'known_channel: it came from the address on record (REQ-ID-01), no code needed' },
            },
          },
          response: { 202: Filed, ...errors },
        },
      },
      async (request, reply) => {
        const b = request.body
        const filed = await gated(() =>
          requests.record(actorOf(request), { type: b.type, email: b.email, lang: b.lang as 'nl' | 'fr' | 'en', channel: b.channel, receivedAt: new Date(b.receivedAt), details: b.details }, b.verification ?? 'code'),
        )
        return reply.status(202).send(filed)
      },
    )

    keyed.get<{ Querystring: { status?: RequestStatus; overdue?: boolean; flagged?: boolean } }>(
      '/v1/staff/requests',
      {
        schema: {
          tags: ['requests'],
          summary: 'Requests to handle: the controller\'s, or a customer key\'s own (overdue ones with ?overdue=true)',
          security: [{ bearer: [] }],
          querystring: { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: [...REQUEST_STATUSES] }, overdue: { type: 'boolean' }, flagged: { type: 'boolean' } } },
        },
      },
      async (request) => ({ requests: await gated(() => requests.list(actorOf(request), request.query)) }),
    )

    keyed.get<{ Params: { id: string } }>(
      '/v1/staff/requests/:id',
      { schema: { tags: ['requests'], summary: 'One request with its history, and the requester\'s address and words for the handler (the read is audited)', security: [{ bearer: [] }], params: IdParams } },
      async (request) => {
        const actor = actorOf(request)
        const row = await gated(() => requests.staffRow(actor, request.params.id))
        // The handler needs the person's own words (what to correct) and where the answer goes.
        const requester = await requests.requesterFor(actor, row)
        return { request: requests.staffView(row), requester, history: await requests.history(row.id) }
      },
    )

    const act = <B>(path: string, summary: string, body: object, handler: (actor: Actor, id: string, body: B) => Promise<unknown>) =>
      keyed.post<{ Params: { id: string }; Body: B }>(
        `/v1/staff/requests/:id/${path}`,
        { schema: { tags: ['requests'], summary, security: [{ bearer: [] }], params: IdParams, body } },
        async (request) => gated(() => handler(actorOf(request), request.params.id, request.body as B)),
      )

    act<{ reason: string; means: string }>(
      'doubt',
      'Record a reasonable doubt (reason code) and ask the person for the least intrusive means; the clock pauses',
      { type: 'object', required: ['reason', 'means'], additionalProperties: false, properties: { reason: { type: 'string', enum: [...DOUBT_REASONS] }, means: { type: 'string', enum: [...VERIFICATION_MEANS] } } },
      async (actor, id, b) => ({ request: await runStaffAction(rooms, actor, id, 'doubt', b) }),
    )
    act<{ method: string }>(
      'identity-verified',
      'The doubt is settled by the means asked: only {verified, method, by, at} is kept, never a document',
      { type: 'object', required: ['method'], additionalProperties: false, properties: { method: { type: 'string', enum: [...VERIFICATION_MEANS] } } },
      async (actor, id, b) => ({ request: await runStaffAction(rooms, actor, id, 'identity-verified', b) }),
    )
    act<{ months: number; reason: string }>(
      'extend',
      'Extend the deadline by 1 or 2 months, with the reason sent to the person, before the first due date',
      { type: 'object', required: ['months', 'reason'], additionalProperties: false, properties: { months: { type: 'integer', minimum: 1, maximum: 2 }, reason: { type: 'string', maxLength: 2000 } } },
      async (actor, id, b) => ({ request: await runStaffAction(rooms, actor, id, 'extend', b) }),
    )
    act<{ kind: 'fee' | 'refusal'; justification: string; feeCents?: number }>(
      'announce',
      'Announce an intended fee or refusal (manifestly unfounded or excessive), with its justification',
      { type: 'object', required: ['kind', 'justification'], additionalProperties: false, properties: { kind: { type: 'string', enum: ['fee', 'refusal'] }, justification: { type: 'string', maxLength: 4000 }, feeCents: { type: 'integer' } } },
      async (actor, id, b) => ({ request: await runStaffAction(rooms, actor, id, 'announce', b) }),
    )
    act<Record<string, never>>('refuse', 'Refuse, after the announcement; the person is told why and of the right to complain', { type: 'object', additionalProperties: false }, async (actor, id) => ({ request: await runStaffAction(rooms, actor, id, 'refuse', {}) }))
    act<{ subjectId: string; data: Record<string, string | number | boolean> }>(
      'rectify',
      'Write the corrected values (Art. 16); recipients are notified (Art. 19)',
      { type: 'object', required: ['subjectId', 'data'], additionalProperties: false, properties: { subjectId: S.uuid(), data: { type: 'object', minProperties: 1, maxProperties: 50, propertyNames: DATA_MAP_KEYS, additionalProperties: { type: ['string', 'number', 'boolean'], maxLength: LIMITS.dataValue } } } },
      async (actor, id, b) => runStaffAction(rooms, actor, id, 'rectify', b),
    )
    act<{ subjectId: string; category: string; value: string | number | boolean }>(
      'known-data',
      'The known-data question (REQ-ID-03): does a value the requester gave match what is held? Yes or no, never the value; allowed while the request is unverified or in doubt',
      {
        type: 'object',
        required: ['subjectId', 'category', 'value'],
        additionalProperties: false,
        properties: { subjectId: S.uuid(), category: { type: 'string', maxLength: 100, pattern: CATEGORY_ID_PATTERN }, value: { type: ['string', 'number', 'boolean'], maxLength: 1000 } },
      },
      async (actor, id, b) => {
        const row = await requests.staffRow(actor, id)
        return { matches: await runtime.gate.compareKnownData(actor, row.id, b.subjectId, b.category, b.value) }
      },
    )
    act<{ purpose: string; upheld: boolean; grounds?: string }>(
      'objection-decision',
      'Decide an objection to a legitimate-interest purpose: upheld, or rejected on documented compelling grounds',
      { type: 'object', required: ['purpose', 'upheld'], additionalProperties: false, properties: { purpose: S.policyId(), upheld: { type: 'boolean' }, grounds: { type: 'string', maxLength: 4000 } } },
      async (actor, id, b) => runStaffAction(rooms, actor, id, 'objection-decision', b),
    )
    act<{ liftOn: string }>(
      'restriction-lift-notice',
      'Tell the person that their restriction will be lifted (required before lifting, Art. 18(3))',
      { type: 'object', required: ['liftOn'], additionalProperties: false, properties: { liftOn: { type: 'string', format: 'date', maxLength: 10 } } },
      async (actor, id, b) => runStaffAction(rooms, actor, id, 'restriction-lift-notice', b),
    )
    act<Record<string, never>>('lift-restriction', 'Lift the restriction, once the person has been told', { type: 'object', additionalProperties: false }, async (actor, id) => {
      await runStaffAction(rooms, actor, id, 'lift-restriction', {})
      return { lifted: true }
    })
    act<Record<string, never>>('confirm-push', 'Confirm sending the portable data to the other controller the person named (REQ-PO-02)', { type: 'object', additionalProperties: false }, async (actor, id) => ({
      request: await runStaffAction(rooms, actor, id, 'confirm-push', {}),
    }))
    act<{ action: 'erase' | 'restrict'; subjectId: string; ground?: RestrictionGround }>(
      'fulfil',
      'A customer (or the controller) carries out the request for one of its people: erase or restrict (with the Art. 18(1) ground: (b) and (c), or none, stop the retention sweep\'s deletion)',
      {
        type: 'object',
        required: ['action', 'subjectId'],
        additionalProperties: false,
        properties: {
          action: { type: 'string', enum: ['erase', 'restrict'] },
          subjectId: S.uuid(),
          ground: { type: 'string', enum: [...RESTRICTION_GROUNDS], description: 'restrict only: the Art. 18(1) ground (a)–(d) the person invoked; without it, deletion at the end of the storage period is stopped' },
        },
      },
      async (actor, id, b) => fulfilment.fulfilFor(actor, await requests.staffRow(actor, id), b.action, b.subjectId, b.ground),
    )
    act<{ note?: 'answered' | 'no_data_held' }>(
      'close',
      'Close a request answered outside Pledge\'s automatic steps (a customer closes the requests routed to it)',
      { type: 'object', additionalProperties: false, properties: { note: { type: 'string', enum: ['answered', 'no_data_held'] } } },
      async (actor, id, b) => ({ request: await runStaffAction(rooms, actor, id, 'close', b) }),
    )

    keyed.put<{ Body: { email: string; lang: 'nl' | 'fr' | 'en' } }>(
      '/v1/notification-contact',
      {
        schema: {
          tags: ['requests'],
          summary: 'A customer\'s or recipient\'s mailbox for routed requests and Art. 19 notices, used when it has no webhook endpoint',
          security: [{ bearer: [] }],
          body: { type: 'object', required: ['email', 'lang'], additionalProperties: false, properties: { email: { type: 'string', maxLength: 320 }, lang: { type: 'string', enum: ['nl', 'fr', 'en'] } } },
        },
      },
      async (request) => {
        const actor = actorOf(request)
        const owner = actor.tenantId ? `tenant:${actor.tenantId}` : actor.recipientId ? `recipient:${actor.recipientId}` : ''
        await runtime.notifier.setContact(owner, request.body.email, request.body.lang)
        return { owner, lang: request.body.lang }
      },
    )

    keyed.get(
      '/v1/notification-contact',
      { schema: { tags: ['requests'], summary: 'The mailbox registered for this key\'s customer or recipient', security: [{ bearer: [] }] } },
      async (request) => {
        const actor = actorOf(request)
        const owner = actor.tenantId ? `tenant:${actor.tenantId}` : actor.recipientId ? `recipient:${actor.recipientId}` : ''
        const contact = owner ? await gated(() => runtime.notifier.contact(owner, actor)) : undefined
        if (!contact) throw new AppError(404, 'no_notification_contact', 'no mailbox registered: PUT /v1/notification-contact {email, lang}')
        return { owner, ...contact }
      },
    )

    keyed.get<{ Params: { id: string } }>(
      '/v1/staff/requests/:id/export',
      { schema: { tags: ['requests'], summary: 'The access or portability export of the request\'s people (a customer exports its own)', security: [{ bearer: [] }], params: IdParams } },
      async (request, reply) => {
        const actor = actorOf(request)
        const row = await gated(() => requests.staffRow(actor, request.params.id))
        if (row.type !== 'access' && row.type !== 'portability') throw new AppError(409, 'not_an_export', 'only access and portability requests have an export')
        return sendExport(reply, await gated(() => fulfilment.export(row, actor)))
      },
    )
  })
}
