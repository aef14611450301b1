// The console's request pages: GET /admin/requests (the inbox with filters), GET /admin/requests/:id
// (the request with its timeline), POST /admin/requests/:id/actions/:action (one decision, then back
// to the page). The staff member acts as their gate actor (the purposes their roles hold); every
// decision runs the same staff action as the API, audited under their account id.
import { isUuid } from '../../../util/ids.ts'
import { isIsoDate } from '../../../util/dates.ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Runtime } from '../../../runtime.ts'
import { GateDenied } from '../../../gate/gate.ts'
import type { StaffSession } from '../../../staff/sessions.ts'
import { AppError } from '../../errors.ts'
import type { Language } from '../../../policy/schema.ts'
import { REQUEST_STATUSES, REQUEST_TYPES, type RequestStatus, type RequestType } from '../../../requests/types.ts'
import { runStaffAction, type StaffActionInputs, type StaffActionName } from '../../../requests/staff-actions.ts'
import { renderConsolePage, withLang } from './layout.tsx'
import { InboxBody, RequestBody, requestTitle, type InboxFilter } from './requests.tsx'
import { CONSOLE_TEXTS } from './texts.ts'
import { consoleCaller, consoleFrame, consoleLanguage, consolePost, type ConsoleCaller, type ConsoleHelpers } from './console-session.ts'

const FORM_FIELD = { type: 'string', maxLength: 4000 } as const

type FormBody = Record<string, string | undefined>

function field(body: FormBody | undefined, name: string, what: string, lang: Language): string {
  const value = body?.[name]?.trim()
  if (!value) throw new AppError(400, 'form_incomplete', CONSOLE_TEXTS[lang].errors.badForm(what))
  return value
}

/** The form's fields as the staff action's input; the action itself checks the rest (states, dates, limits). */
function actionInput(action: StaffActionName, body: FormBody | undefined, lang: Language): StaffActionInputs[StaffActionName] {
  const a = CONSOLE_TEXTS[lang].act
  switch (action) {
    case 'identity-verified':
      return { method: field(body, 'method', a.verify.method, lang) }
    case 'doubt':
      return { reason: field(body, 'reason', a.doubt.reason, lang), means: field(body, 'means', a.doubt.means, lang) }
    case 'extend': {
      const months = Number(field(body, 'months', a.extend.months, lang))
      if (months !== 1 && months !== 2) throw new AppError(400, 'form_incomplete', CONSOLE_TEXTS[lang].errors.badForm(a.extend.months))
      return { months, reason: field(body, 'reason', a.extend.reason, lang) }
    }
    case 'announce': {
      const kind = field(body, 'kind', a.announce.kind, lang)
      if (kind !== 'fee' && kind !== 'refusal') throw new AppError(400, 'form_incomplete', CONSOLE_TEXTS[lang].errors.badForm(a.announce.kind))
      const amount = body?.amount?.trim().replace(',', '.')
      let feeCents: number | undefined
      if (kind === 'fee') {
        if (!amount || !/^\d{1,5}(\.\d{1,2})?$/.test(amount)) throw new AppError(400, 'form_incomplete', CONSOLE_TEXTS[lang].errors.badForm(a.announce.amount))
        feeCents = Math.round(Number(amount) * 100)
      }
      return { kind, justification: field(body, 'justification', a.announce.justification, lang), feeCents }
    }
    case 'rectify': {
      const subjectId = field(body, 'subjectId', a.rectify.person, lang)
      if (!isUuid(subjectId)) throw new AppError(400, 'form_incomplete', CONSOLE_TEXTS[lang].errors.badForm(a.rectify.person))
      return { subjectId, data: { [field(body, 'category', a.rectify.category, lang)]: field(body, 'value', a.rectify.value, lang) } }
    }
    case 'objection-decision': {
      const upheld = field(body, 'upheld', a.objection.title, lang)
      return { purpose: field(body, 'purpose', a.objection.purpose, lang), upheld: upheld === 'true', grounds: body?.grounds?.trim() ?? '' }
    }
    case 'restriction-lift-notice': {
      const liftOn = field(body, 'liftOn', a.liftNotice.liftOn, lang)
      if (!isIsoDate(liftOn)) throw new AppError(400, 'form_incomplete', CONSOLE_TEXTS[lang].errors.badForm(a.liftNotice.liftOn))
      return { liftOn }
    }
    case 'close': {
      const note = field(body, 'note', a.close.title, lang)
      if (note !== 'answered' && note !== 'no_data_held') throw new AppError(400, 'form_incomplete', CONSOLE_TEXTS[lang].errors.badForm(a.close.title))
      return { note }
    }
    case 'refuse':
    case 'lift-restriction':
    case 'confirm-push':
      return {}
  }
}

const ACTIONS: readonly StaffActionName[] = ['identity-verified', 'doubt', 'extend', 'announce', 'refuse', 'rectify', 'objection-decision', 'restriction-lift-notice', 'lift-restriction', 'confirm-push', 'close']

export async function consoleRequestRoutes(app: FastifyInstance, runtime: Runtime, helpers: ConsoleHelpers): Promise<void> {
  const { requests, fulfilment } = runtime
  const rooms = { requests, fulfilment }

  const caller = (request: FastifyRequest, reply: FastifyReply) => consoleCaller(runtime, request, reply)
  const frame = (session: StaffSession, lang: Language, title: string, path: string) => consoleFrame(session, lang, 'requests', title, path)

  /** A refusal by the gate or the request room, as a page in the staff member's language. */
  const refusal = (reply: FastifyReply, session: StaffSession, lang: Language, err: unknown): FastifyReply => {
    const t = CONSOLE_TEXTS[lang]
    if (err instanceof GateDenied && err.status === 403) return helpers.send(reply, renderConsolePage(frame(session, lang, t.inbox.title, '/admin/requests'), <div class="error" role="alert"><p>{t.errors.notAllowed}</p></div>), 403)
    if ((err instanceof AppError || err instanceof GateDenied) && err.status === 404) return helpers.send(reply, renderConsolePage(frame(session, lang, t.inbox.title, '/admin/requests'), <div class="error" role="alert"><p>{t.errors.notFound}</p></div>), 404)
    throw err
  }

  const inboxQuery = {
    type: 'object',
    additionalProperties: false,
    properties: {
      lang: { type: 'string', maxLength: 16 },
      type: { type: 'string', enum: ['', ...REQUEST_TYPES] },
      status: { type: 'string', enum: ['', ...REQUEST_STATUSES] },
      overdue: { type: 'string', enum: ['', 'true'] },
      dueBefore: { type: 'string', maxLength: 10, pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' },
      customer: { type: 'string', maxLength: 64, pattern: '^([A-Za-z0-9][A-Za-z0-9._-]{0,63})?$' },
    },
  } as const

  app.get<{ Querystring: { lang?: string; type?: string; status?: string; overdue?: string; dueBefore?: string; customer?: string } }>('/requests', { schema: { hide: true, querystring: inboxQuery } }, async (request, reply) => {
    const found = await caller(request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    const q = request.query
    const filter: InboxFilter = {
      type: q.type ? (q.type as RequestType) : undefined,
      status: q.status ? (q.status as RequestStatus) : undefined,
      overdue: q.overdue === 'true' ? true : undefined,
      dueBefore: q.dueBefore || undefined,
      customer: q.customer || undefined,
    }
    const path = `/admin/requests?${new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString()}`
    try {
      const [list, customers] = await Promise.all([requests.list(found.actor, filter), requests.routedCustomers(found.actor)])
      return helpers.send(reply, renderConsolePage(frame(found.session, lang, CONSOLE_TEXTS[lang].inbox.title, path), <InboxBody lang={lang} filter={filter} requests={list} customers={customers} />))
    } catch (err) {
      return refusal(reply, found.session, lang, err)
    }
  })

  const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 36 } } } as const

  const requestPage = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, id: string, extra: { notice?: string; error?: string; status?: number } = {}) => {
    try {
      if (!isUuid(id)) throw new AppError(404, 'request_not_found', 'no request with this id')
      const row = await requests.staffRow(found.actor, id.toLowerCase())
      // The handler needs the person's own words and address: the read is audited by the gate.
      const requester = await requests.requesterFor(found.actor, row)
      const body = <RequestBody data={{ lang, csrf: found.session.csrf, policy: runtime.policy(), request: requests.staffView(row), requester, history: await requests.history(row.id), notice: extra.notice, error: extra.error }} />
      return helpers.send(reply, renderConsolePage(frame(found.session, lang, requestTitle(lang, row.id), `/admin/requests/${row.id}`), body), extra.status ?? 200)
    } catch (err) {
      return refusal(reply, found.session, lang, err)
    }
  }

  app.get<{ Params: { id: string }; Querystring: { lang?: string; done?: string } }>(
    '/requests/:id',
    { schema: { hide: true, params: idParams, querystring: { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 }, done: { type: 'string', enum: ['1'] } } } } },
    async (request, reply) => {
      const found = await caller(request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      return requestPage(reply, found, lang, request.params.id, request.query.done ? { notice: CONSOLE_TEXTS[lang].request.done } : {})
    },
  )

  app.post<{ Params: { id: string; action: string }; Querystring: { lang?: string }; Body: FormBody }>(
    '/requests/:id/actions/:action',
    {
      schema: {
        hide: true,
        params: { type: 'object', required: ['id', 'action'], properties: { id: { type: 'string', maxLength: 36 }, action: { type: 'string', enum: [...ACTIONS] } } },
        querystring: { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 } } },
        body: { type: 'object', maxProperties: 12, additionalProperties: FORM_FIELD },
      },
    },
    async (request, reply) => {
      const found = await consolePost(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      const id = request.params.id.toLowerCase()
      const action = request.params.action as StaffActionName
      try {
        // actionInput builds the input of exactly this action; the compiler cannot pair the two unions.
        await runStaffAction(rooms, found.actor, id, action, actionInput(action, request.body, lang) as never)
      } catch (err) {
        // A refused decision: the same page, with the reason, and the status the API would give.
        if (err instanceof AppError && err.status !== 404 && err.status < 500) return requestPage(reply, found, lang, id, { error: CONSOLE_TEXTS[lang].refusals?.[err.code] ?? err.message, status: err.status })
        if (err instanceof GateDenied && err.status !== 403 && err.status !== 404) return requestPage(reply, found, lang, id, { error: err.message, status: err.status })
        return refusal(reply, found.session, lang, err)
      }
      return reply.redirect(withLang(`/admin/requests/${id}?done=1`, lang), 303)
    },
  )
}
