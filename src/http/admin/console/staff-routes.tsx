// The console's staff and keys pages (REQ-SEC-01, REQ-SEC-03):
//   GET  /admin/staff                         the accounts, their roles and last sign-in; invite
//   POST /admin/staff/invite                  a new account: the setup link is mailed to the person
//   GET  /admin/staff/accounts/:id            one account: roles, status, live sessions
//   POST /admin/staff/accounts/:id/roles      grant; …/roles/:role/approve, …/roles/:role/remove
//   POST /admin/staff/accounts/:id/disable    …/enable, …/second-factor-reset, …/undertakings
//   POST /admin/staff/accounts/:id/sessions/:sessionId/revoke, …/sessions/revoke-all
//   GET  /admin/staff/review, POST /admin/staff/review/confirm   the quarterly access review
//   GET  /admin/staff/keys, POST /admin/staff/keys, POST /admin/staff/keys/:id/revoke   API keys
// Staff administrators manage; the DPO reads (and confirms the review); anyone else gets a 403 page,
// and the refusal is audited. Every change is the staff room's own function (src/staff/,
// src/gate/api-keys.ts), which audits it under the account id; the routes audit only refusals and
// the key changes (the key functions are shared with the command line, which audits them itself).
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Runtime } from '../../../runtime.ts'
import type { Language } from '../../../policy/schema.ts'
import { isUuid } from '../../../util/ids.ts'
import { AppError } from '../../../util/app-error.ts'
import { mayConfirmReview, mayManageStaff, mayReadStaff, requireStaffAdmin } from '../../../staff/permissions.ts'
import { setupLinkMail, setupLinkUrl } from '../../../staff/links.ts'
import { ApiKeyError, INTAKE_SCOPE, apiKeyAuditEntry, createApiKey, listApiKeys, revokeApiKey } from '../../../gate/api-keys.ts'
import { renderConsolePage, withLang } from './layout.tsx'
import { AccountBody, AccountsBody, KeyCreatedBody, KeysBody, ReviewBody, accountTitle } from './staff.tsx'
import { STAFF_NOTICES, STAFF_TEXTS, type StaffNotice } from './staff-texts.ts'
import { consoleCaller, consoleFrame, consoleLanguage, consolePost, type ConsoleCaller, type ConsoleHelpers } from './console-session.ts'

const LANG = { type: 'string', maxLength: 16 } as const
const PAGE_QUERY = { type: 'object', additionalProperties: false, properties: { lang: LANG, notice: { type: 'string', enum: [...STAFF_NOTICES] } } } as const
const LANG_QUERY = { type: 'object', additionalProperties: false, properties: { lang: LANG } } as const
const CSRF_BODY = { type: 'object', additionalProperties: false, properties: { _csrf: { type: 'string', maxLength: 64 } } } as const
const ID = { type: 'string', maxLength: 36 } as const
const ROLE = { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' } as const
const ACCOUNT_PARAMS = { type: 'object', required: ['id'], properties: { id: ID } } as const

type PageQuery = { lang?: string; notice?: StaffNotice }
type Post<P = { id: string }, B = { _csrf?: string }> = { Params: P; Querystring: { lang?: string }; Body: B }

export async function consoleStaffRoutes(app: FastifyInstance, runtime: Runtime, helpers: ConsoleHelpers): Promise<void> {
  const { directory, sessions } = runtime.staff
  const texts = (lang: Language) => STAFF_TEXTS[lang]
  const frame = (found: ConsoleCaller, lang: Language, title: string, path: string) => consoleFrame(found.session, lang, 'staff', title, path)

  /** A refusal: audited (ids and codes only), and a page in the reader's language. */
  const refuse = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, action: string, code: string, status = 403) => {
    await runtime.audit.append({ actorId: found.session.party.id, action, subjectId: null, purpose: null, categories: [], decision: 'deny', reason: code })
    return helpers.send(reply, renderConsolePage(frame(found, lang, texts(lang).title, '/admin/staff'), <div class="error" role="alert"><p>{texts(lang).notAllowed}</p></div>), status)
  }
  const badInput = (reply: FastifyReply, found: ConsoleCaller, lang: Language, message = texts(lang).badInput) =>
    helpers.send(reply, renderConsolePage(frame(found, lang, texts(lang).title, '/admin/staff'), <div class="error" role="alert"><p>{message}</p></div>), 400)
  /** The staff room's refusal in the reader's language when we have its words, else its own. */
  const errorText = (lang: Language, err: AppError) => texts(lang).errors[err.code] ?? err.message

  // ---- the accounts ----

  const accountsPage = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, extra: { notice?: string; error?: string } = {}, status = 200) => {
    const t = texts(lang)
    const body = <AccountsBody data={{ lang, csrf: found.session.csrf, manage: mayManageStaff(found.session.party), accounts: await directory.accounts(found.session.party), lastSignIns: await sessions.lastSignIns(), roles: directory.knownRoles(), ...extra }} />
    return helpers.send(reply, renderConsolePage(frame(found, lang, t.title, '/admin/staff'), body), status)
  }

  const accountPage = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, id: string, extra: { notice?: string; error?: string } = {}, status = 200) => {
    const t = texts(lang)
    const account = await directory.account(id)
    if (!account) return helpers.send(reply, renderConsolePage(frame(found, lang, t.title, '/admin/staff'), <div class="error" role="alert"><p>{t.errors.account_not_found}</p></div>), 404)
    const manage = mayManageStaff(found.session.party)
    const listed = manage ? await sessions.listFor(found.session.party, account.id, found.session.id) : []
    const body = <AccountBody data={{ lang, csrf: found.session.csrf, manage, account, sessions: listed, roles: directory.knownRoles(), self: account.id === found.session.accountId, ...extra }} />
    return helpers.send(reply, renderConsolePage(frame(found, lang, accountTitle(lang, account.id), `/admin/staff/accounts/${account.id}`), body), status)
  }

  app.get<{ Querystring: PageQuery }>('/staff', { schema: { hide: true, querystring: PAGE_QUERY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    if (!mayReadStaff(found.session.party)) return refuse(reply, found, lang, 'staff.console', 'staff_admin_or_dpo_only')
    return accountsPage(reply, found, lang, request.query.notice ? { notice: texts(lang).notices[request.query.notice] } : {})
  })

  app.get<{ Params: { id: string }; Querystring: PageQuery }>('/staff/accounts/:id', { schema: { hide: true, params: ACCOUNT_PARAMS, querystring: PAGE_QUERY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    if (!mayReadStaff(found.session.party)) return refuse(reply, found, lang, 'staff.console', 'staff_admin_or_dpo_only')
    if (!isUuid(request.params.id)) return badInput(reply, found, lang)
    return accountPage(reply, found, lang, request.params.id.toLowerCase(), request.query.notice ? { notice: texts(lang).notices[request.query.notice] } : {})
  })

  /**
   * One change to an account: the staff room decides and audits; done, a 303 to the account page
   * with the notice; refused, the account page again with the reason (a 403 refusal audited here,
   * as the staff room raises it before writing anything).
   */
  const accountChange = (action: string, path: string, work: (found: ConsoleCaller, id: string, request: { params: Record<string, string>; body: Record<string, unknown> }) => Promise<StaffNotice>, extraParams: Record<string, unknown> = {}, body: object = CSRF_BODY) => {
    app.post<Post<Record<string, string>, Record<string, unknown> & { _csrf?: string }>>(
      `/staff/accounts/:id${path}`,
      { schema: { hide: true, params: { type: 'object', required: ['id', ...Object.keys(extraParams)], properties: { id: ID, ...extraParams } }, querystring: LANG_QUERY, body } },
      async (request, reply) => {
        const found = await consolePost(runtime, request, reply)
        if (!found) return reply
        const lang = consoleLanguage(request)
        if (!mayReadStaff(found.session.party)) return refuse(reply, found, lang, action, 'staff_admin_only')
        const id = request.params.id!.toLowerCase()
        if (!isUuid(id) || (request.params.sessionId !== undefined && !isUuid(request.params.sessionId))) return badInput(reply, found, lang)
        try {
          const notice = await work(found, id, { params: request.params, body: request.body ?? {} })
          return reply.redirect(withLang(`/admin/staff/accounts/${id}?notice=${notice}`, lang), 303)
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500) throw err
          if (err.status === 403) await runtime.audit.append({ actorId: found.session.party.id, action, subjectId: null, purpose: null, categories: [], decision: 'deny', reason: `account:${id}:${err.code}` })
          if (err.code === 'account_not_found') return accountPage(reply, found, lang, id, {}, 404)
          return accountPage(reply, found, lang, id, { error: errorText(lang, err) }, err.status)
        }
      },
    )
  }

  accountChange('staff.role_grant', '/roles', async (found, id, { body }) => {
    const role = typeof body.role === 'string' ? body.role : ''
    const state = await directory.grantRole(found.session.party, id, role)
    return state.inEffect ? 'granted' : 'granted_pending'
  }, {}, { type: 'object', additionalProperties: false, properties: { _csrf: { type: 'string', maxLength: 64 }, role: ROLE } })
  accountChange('staff.role_approve', '/roles/:role/approve', async (found, id, { params }) => (await directory.approveRole(found.session.party, id, params.role!), 'approved'), { role: ROLE })
  accountChange('staff.role_remove', '/roles/:role/remove', async (found, id, { params }) => (await directory.removeRole(found.session.party, id, params.role!), 'removed'), { role: ROLE })
  accountChange('staff.disable', '/disable', async (found, id) => (await directory.disable(found.session.party, id), 'disabled'))
  accountChange('staff.enable', '/enable', async (found, id) => (await directory.enable(found.session.party, id), 'enabled'))
  accountChange('staff.second_factor_reset', '/second-factor-reset', async (found, id) => {
    const { token } = await directory.resetSecondFactor(found.session.party, id)
    const target = (await directory.account(id))!
    // As POST /v1/staff/accounts/:id/second-factor-reset: the link goes to the person, never to the page.
    await runtime.mailer.send(setupLinkMail(target.email, target.id, setupLinkUrl(runtime.config.baseUrl, token), 'reset', runtime.policy().controller.name.en))
    return 'reset'
  })
  accountChange('staff.undertaking', '/undertakings', async (found, id, { body }) => {
    const reference = typeof body.reference === 'string' && body.reference.trim() ? body.reference.trim() : null
    await directory.recordUndertaking(found.session.party, id, typeof body.signedOn === 'string' ? body.signedOn : '', reference)
    return 'undertaking'
  }, {}, { type: 'object', additionalProperties: false, properties: { _csrf: { type: 'string', maxLength: 64 }, signedOn: { type: 'string', maxLength: 10 }, reference: { type: 'string', maxLength: 120 } } })
  accountChange('staff.session_revoke', '/sessions/:sessionId/revoke', async (found, id, { params }) => (await sessions.revoke(found.session.party, id, params.sessionId!, false), 'revoked'), { sessionId: ID })
  accountChange('staff.session_revoke', '/sessions/revoke-all', async (found, id) => {
    requireStaffAdmin(found.session.party, "ends another account's sessions")
    // One revocation per session, each audited by the staff room.
    for (const s of await sessions.listFor(found.session.party, id)) await sessions.revoke(found.session.party, id, s.id, false)
    return 'revoked_all'
  })

  app.post<{ Querystring: { lang?: string }; Body: { _csrf?: string; email?: string; role?: string } }>(
    '/staff/invite',
    { schema: { hide: true, querystring: LANG_QUERY, body: { type: 'object', additionalProperties: false, properties: { _csrf: { type: 'string', maxLength: 64 }, email: { type: 'string', maxLength: 254 }, role: ROLE } } }, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const found = await consolePost(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      if (!mayReadStaff(found.session.party)) return refuse(reply, found, lang, 'staff.account_create', 'staff_admin_only')
      try {
        const { account, token } = await directory.add(found.session.party, request.body.email ?? '', request.body.role ?? '')
        // As POST /v1/staff/accounts: the setup link goes to the person's mailbox, never to the page.
        await runtime.mailer.send(setupLinkMail(account.email, account.id, setupLinkUrl(runtime.config.baseUrl, token), 'account', runtime.policy().controller.name.en))
        return reply.redirect(withLang(`/admin/staff/accounts/${account.id}?notice=invited`, lang), 303)
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err
        if (err.status === 403) await runtime.audit.append({ actorId: found.session.party.id, action: 'staff.account_create', subjectId: null, purpose: null, categories: [], decision: 'deny', reason: err.code })
        return accountsPage(reply, found, lang, { error: errorText(lang, err) }, err.status)
      }
    },
  )

  // ---- the access review ----

  const reviewPage = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, extra: { notice?: string; error?: string } = {}, status = 200) => {
    const body = <ReviewBody data={{ lang, csrf: found.session.csrf, manage: mayManageStaff(found.session.party), review: await directory.accessReview(found.session.party), mayConfirm: mayConfirmReview(found.session.party), ...extra }} />
    return helpers.send(reply, renderConsolePage(frame(found, lang, texts(lang).sections.review, '/admin/staff/review'), body), status)
  }

  app.get<{ Querystring: PageQuery }>('/staff/review', { schema: { hide: true, querystring: PAGE_QUERY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    if (!mayReadStaff(found.session.party)) return refuse(reply, found, lang, 'staff.console', 'staff_admin_or_dpo_only')
    return reviewPage(reply, found, lang, request.query.notice ? { notice: texts(lang).notices[request.query.notice] } : {})
  })

  app.post<{ Querystring: { lang?: string }; Body: { _csrf?: string } }>('/staff/review/confirm', { schema: { hide: true, querystring: LANG_QUERY, body: CSRF_BODY } }, async (request, reply) => {
    const found = await consolePost(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    if (!mayReadStaff(found.session.party)) return refuse(reply, found, lang, 'staff.recertify', 'dpo_only')
    try {
      await directory.recertify(found.session.party)
      return reply.redirect(withLang('/admin/staff/review?notice=confirmed', lang), 303)
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 403) throw err
      await runtime.audit.append({ actorId: found.session.party.id, action: 'staff.recertify', subjectId: null, purpose: null, categories: [], decision: 'deny', reason: err.code })
      return reviewPage(reply, found, lang, { error: errorText(lang, err) }, 403)
    }
  })

  // ---- API keys ----

  const keysPage = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, extra: { notice?: string; error?: string } = {}, status = 200) => {
    const policy = runtime.policy()
    const body = <KeysBody data={{ lang, csrf: found.session.csrf, manage: mayManageStaff(found.session.party), policy, keys: await listApiKeys(runtime.database.db), purposes: policy.purposes.map((p) => p.id), ...extra }} />
    return helpers.send(reply, renderConsolePage(frame(found, lang, texts(lang).sections.keys, '/admin/staff/keys'), body), status)
  }

  app.get<{ Querystring: PageQuery }>('/staff/keys', { schema: { hide: true, querystring: PAGE_QUERY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    if (!mayReadStaff(found.session.party)) return refuse(reply, found, lang, 'staff.console', 'staff_admin_or_dpo_only')
    return keysPage(reply, found, lang, request.query.notice ? { notice: texts(lang).notices[request.query.notice] } : {})
  })

  /** A key change: staff administrators only; a refusal is audited and shown on the keys page. */
  const keyChange = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, action: 'apikey.create' | 'apikey.revoke', work: () => Promise<FastifyReply>) => {
    if (!mayReadStaff(found.session.party)) return refuse(reply, found, lang, action, 'staff_admin_only')
    try {
      requireStaffAdmin(found.session.party, 'manages API keys')
      return await work()
    } catch (err) {
      if (err instanceof ApiKeyError) return keysPage(reply, found, lang, { error: err.message }, 400)
      if (!(err instanceof AppError) || err.status !== 403) throw err
      await runtime.audit.append({ actorId: found.session.party.id, action, subjectId: null, purpose: null, categories: [], decision: 'deny', reason: err.code })
      return keysPage(reply, found, lang, { error: errorText(lang, err) }, 403)
    }
  }

  app.post<{ Querystring: { lang?: string }; Body: { _csrf?: string; name?: string; purposes?: string[]; intake?: string; recipient?: string; tenant?: string } }>(
    '/staff/keys',
    {
      schema: {
        hide: true,
        querystring: LANG_QUERY,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { _csrf: { type: 'string', maxLength: 64 }, name: { type: 'string', maxLength: 64 }, purposes: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 64 } }, intake: { type: 'string', enum: ['true'] }, recipient: { type: 'string', maxLength: 64 }, tenant: { type: 'string', maxLength: 64 } },
        },
      },
    },
    async (request, reply) => {
      const found = await consolePost(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      return keyChange(reply, found, lang, 'apikey.create', async () => {
        const b = request.body
        const policy = runtime.policy()
        // The purposes are the policy's (the form offers no other).
        const purposes = b.purposes ?? []
        if (purposes.some((p) => !policy.purpose(p))) return keysPage(reply, found, lang, { error: texts(lang).badInput }, 400)
        const { info, token } = await createApiKey(runtime.database.db, policy, { name: (b.name ?? '').trim(), purposes, scopes: b.intake === 'true' ? [INTAKE_SCOPE] : [], tenantId: b.tenant?.trim() || null, recipientId: b.recipient || null })
        await runtime.audit.append(apiKeyAuditEntry(found.session.party.id, 'apikey.create', info))
        // The only time the token is shown: this answer, never stored, never in a redirect.
        return helpers.send(reply, renderConsolePage(frame(found, lang, texts(lang).keys.createdTitle, '/admin/staff/keys'), <KeyCreatedBody lang={lang} info={info} token={token} />))
      })
    },
  )

  app.post<Post>('/staff/keys/:id/revoke', { schema: { hide: true, params: ACCOUNT_PARAMS, querystring: LANG_QUERY, body: CSRF_BODY } }, async (request, reply) => {
    const found = await consolePost(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    return keyChange(reply, found, lang, 'apikey.revoke', async () => {
      if (!isUuid(request.params.id)) return badInput(reply, found, lang)
      const info = await revokeApiKey(runtime.database.db, request.params.id.toLowerCase())
      // This instance stops accepting it at once; other instances within the cache's few seconds.
      runtime.apiKeys.forget()
      await runtime.audit.append(apiKeyAuditEntry(found.session.party.id, 'apikey.revoke', info))
      return reply.redirect(withLang('/admin/staff/keys?notice=key_revoked', lang), 303)
    })
  })
}
