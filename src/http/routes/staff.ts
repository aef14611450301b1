// Staff accounts over the API, for a signed-in staff member (session cookie + X-CSRF-Token on every
// change). API keys are for services: they cannot act on accounts. Who may do what is the staff
// room's rule (src/staff/accounts.ts): staff administrators manage accounts and roles, never their
// own; the DPO confirms who holds which role each quarter.
import type { FastifyInstance } from 'fastify'
import type { Runtime } from '../../runtime.ts'
import { staffOf } from '../auth.ts'
import { S } from '../limits.ts'
import { setupLinkMail, setupLinkUrl } from '../../staff/links.ts'
import type { AccountView } from '../../staff/accounts.ts'

const errors = { 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 404: { $ref: 'Error#' }, 409: { $ref: 'Error#' } }
const security = [{ staffSession: [] }]
const tags = ['staff']

const RoleState = {
  type: 'object',
  properties: {
    role: { type: 'string' },
    grantedBy: { type: 'string' },
    grantedAt: { type: 'string' },
    approvedBy: { type: ['string', 'null'] },
    approvedAt: { type: ['string', 'null'] },
    inEffect: { type: 'boolean', description: 'held and in force (approved by a second party when it opens personal data)' },
  },
} as const

const Account = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'active', 'disabled'] },
    createdAt: { type: 'string' },
    activatedAt: { type: ['string', 'null'] },
    disabledAt: { type: ['string', 'null'] },
    roles: { type: 'array', items: RoleState },
    undertakings: { type: 'array', items: { type: 'object', properties: { signedOn: { type: 'string' }, reference: { type: ['string', 'null'] }, recordedAt: { type: 'string' } } } },
  },
} as const

const Session = {
  type: 'object',
  properties: { id: { type: 'string' }, userAgent: { type: ['string', 'null'] }, createdAt: { type: 'string' }, lastSeenAt: { type: 'string' }, expiresAt: { type: 'string' }, current: { type: 'boolean' } },
} as const

const Recertification = {
  type: 'object',
  properties: {
    last: { type: ['object', 'null'], properties: { id: { type: 'string' }, confirmedAt: { type: 'string' }, confirmedBy: { type: 'string' }, accounts: { type: 'integer' }, digest: { type: 'string' } } },
    dueOn: { type: 'string' },
    overdue: { type: 'boolean' },
    assignments: { type: 'array', items: { type: 'object', properties: { accountId: { type: 'string' }, email: { type: 'string' }, status: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } }, undertakingSignedOn: { type: ['string', 'null'] } } } },
  },
} as const

const AccountParams = { type: 'object', required: ['id'], properties: { id: S.id() } } as const
const RoleParams = { type: 'object', required: ['id', 'role'], properties: { id: S.id(), role: S.policyId('a role: staff_admin or a staff role of the policy') } } as const
const SessionParams = { type: 'object', required: ['id', 'sessionId'], properties: { id: S.id(), sessionId: S.id() } } as const
const OwnSessionParams = { type: 'object', required: ['sessionId'], properties: { sessionId: S.id() } } as const
const Email = { type: 'string', minLength: 3, maxLength: 254, description: 'the person\'s work e-mail address' } as const

export async function staffRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  const { directory, sessions } = runtime.staff
  const account = async (id: string): Promise<AccountView> => directory.find(id)

  app.get(
    '/v1/staff/me',
    {
      schema: {
        tags,
        summary: 'The signed-in staff member: roles, the purposes they open, the CSRF token for changes',
        security,
        response: {
          200: {
            type: 'object',
            properties: {
              account: Account,
              purposes: { type: 'array', items: { type: 'string' } },
              csrfToken: { type: 'string', description: 'send it as X-CSRF-Token with every change made with the session cookie' },
              sessionExpiresAt: { type: 'string' },
              recoveryCodesLeft: { type: 'integer' },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const me = staffOf(request)
      return { account: await account(me.accountId), purposes: [...request.actor!.purposes].sort(), csrfToken: me.csrf, sessionExpiresAt: me.expiresAt.toISOString(), recoveryCodesLeft: await directory.recoveryCodesLeft(me.accountId) }
    },
  )

  app.get('/v1/staff/me/sessions', { schema: { tags, summary: 'Your own live sessions', security, response: { 200: { type: 'object', properties: { sessions: { type: 'array', items: Session } } }, ...errors } } }, async (request) => {
    const me = staffOf(request)
    return { sessions: await sessions.list(me.accountId, me.id) }
  })

  app.delete<{ Params: { sessionId: string } }>(
    '/v1/staff/me/sessions/:sessionId',
    { schema: { tags, summary: 'Sign out one of your own sessions', security, params: OwnSessionParams, response: { 204: { type: 'null' }, ...errors } } },
    async (request, reply) => {
      const me = staffOf(request)
      await sessions.revoke(me.party, me.accountId, request.params.sessionId, true)
      return reply.code(204).send()
    },
  )

  app.get('/v1/staff/accounts', { schema: { tags, summary: 'Every staff account with its roles and undertakings (staff administrators and the DPO)', security, response: { 200: { type: 'object', properties: { accounts: { type: 'array', items: Account } } }, ...errors } } }, async (request) => {
    return { accounts: await directory.accounts(staffOf(request).party) }
  })

  app.post<{ Body: { email: string; role: string } }>(
    '/v1/staff/accounts',
    {
      schema: {
        tags,
        summary: 'Open an account for a new person: the setup link goes to their mailbox, not to you',
        security,
        body: { type: 'object', required: ['email', 'role'], additionalProperties: false, properties: { email: Email, role: S.policyId('staff_admin or a staff role of the policy') } },
        response: { 201: Account, ...errors },
      },
    },
    async (request, reply) => {
      const me = staffOf(request)
      const { account: created, token } = await directory.add(me.party, request.body.email, request.body.role)
      await runtime.mailer.send(setupLinkMail(created.email, created.id, setupLinkUrl(runtime.config.baseUrl, token), 'account', runtime.policy().controller.name.en))
      return reply.code(201).send(created)
    },
  )

  app.post<{ Params: { id: string }; Body: { role: string } }>(
    '/v1/staff/accounts/:id/roles',
    { schema: { tags, summary: 'Grant a role (one that opens personal data waits for a second party\'s approval)', security, params: AccountParams, body: { type: 'object', required: ['role'], additionalProperties: false, properties: { role: S.policyId('staff_admin or a staff role of the policy') } }, response: { 201: RoleState, ...errors } } },
    async (request, reply) => reply.code(201).send(await directory.grantRole(staffOf(request).party, request.params.id, request.body.role)),
  )

  app.post<{ Params: { id: string; role: string } }>(
    '/v1/staff/accounts/:id/roles/:role/approval',
    { schema: { tags, summary: 'Approve a role another party granted (never your own, never one you granted)', security, params: RoleParams, response: { 200: RoleState, ...errors } } },
    async (request) => directory.approveRole(staffOf(request).party, request.params.id, request.params.role),
  )

  app.delete<{ Params: { id: string; role: string } }>(
    '/v1/staff/accounts/:id/roles/:role',
    { schema: { tags, summary: 'Take a role away', security, params: RoleParams, response: { 204: { type: 'null' }, ...errors } } },
    async (request, reply) => {
      await directory.removeRole(staffOf(request).party, request.params.id, request.params.role)
      return reply.code(204).send()
    },
  )

  app.post<{ Params: { id: string } }>(
    '/v1/staff/accounts/:id/disable',
    { schema: { tags, summary: 'Disable an account: its sessions end and its setup link stops working', security, params: AccountParams, response: { 200: Account, ...errors } } },
    async (request) => {
      await directory.disable(staffOf(request).party, request.params.id)
      return account(request.params.id)
    },
  )

  app.post<{ Params: { id: string } }>(
    '/v1/staff/accounts/:id/second-factor-reset',
    { schema: { tags, summary: 'Reset a lost second factor: old codes stop working, sessions end, a setup link goes to the person', security, params: AccountParams, response: { 200: Account, ...errors } } },
    async (request) => {
      const { token } = await directory.resetSecondFactor(staffOf(request).party, request.params.id)
      const target = await account(request.params.id)
      await runtime.mailer.send(setupLinkMail(target.email, target.id, setupLinkUrl(runtime.config.baseUrl, token), 'reset', runtime.policy().controller.name.en))
      return target
    },
  )

  app.post<{ Params: { id: string }; Body: { signedOn: string; reference?: string } }>(
    '/v1/staff/accounts/:id/undertakings',
    {
      schema: {
        tags,
        summary: 'Record the date the person signed their confidentiality undertaking (REQ-SEC-07)',
        security,
        params: AccountParams,
        body: { type: 'object', required: ['signedOn'], additionalProperties: false, properties: { signedOn: { type: 'string', maxLength: 10, description: 'the date it was signed (YYYY-MM-DD)' }, reference: { type: 'string', minLength: 1, maxLength: 120, description: 'where the signed document is filed' } } },
        response: { 201: Account, ...errors },
      },
    },
    async (request, reply) => {
      await directory.recordUndertaking(staffOf(request).party, request.params.id, request.body.signedOn, request.body.reference ?? null)
      return reply.code(201).send(await account(request.params.id))
    },
  )

  app.get<{ Params: { id: string } }>(
    '/v1/staff/accounts/:id/sessions',
    { schema: { tags, summary: 'An account\'s live sessions (staff administrators)', security, params: AccountParams, response: { 200: { type: 'object', properties: { sessions: { type: 'array', items: Session } } }, ...errors } } },
    async (request) => {
      const me = staffOf(request)
      return { sessions: await sessions.listFor(me.party, (await account(request.params.id)).id, me.id) }
    },
  )

  app.delete<{ Params: { id: string; sessionId: string } }>(
    '/v1/staff/accounts/:id/sessions/:sessionId',
    { schema: { tags, summary: 'End another account\'s session (never your own: sign out of those yourself)', security, params: SessionParams, response: { 204: { type: 'null' }, ...errors } } },
    async (request, reply) => {
      await sessions.revoke(staffOf(request).party, request.params.id.toLowerCase(), request.params.sessionId, false)
      return reply.code(204).send()
    },
  )

  app.get('/v1/staff/recertification', { schema: { tags, summary: 'The quarterly access review: who holds which role, when it was last confirmed, when it is due', security, response: { 200: Recertification, ...errors } } }, async (request) => {
    return directory.accessReview(staffOf(request).party)
  })

  app.post('/v1/staff/recertification', { schema: { tags, summary: 'The DPO confirms who holds which role (REQ-SEC-01), audited', security, response: { 201: Recertification, ...errors } } }, async (request, reply) => {
    const view = await directory.recertify(staffOf(request).party)
    return reply.code(201).send({ ...view, assignments: await directory.assignments() })
  })
}
