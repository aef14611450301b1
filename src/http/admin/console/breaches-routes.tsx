// GET /admin/breaches (the register and the form to record a breach), POST /admin/breaches (record),
// GET /admin/breaches/:id (clock, record, GBA draft, submissions, Art. 34), POST …/:id (change the
// record), …/aware, …/submissions, …/communications, …/exception, …/close; the register as CSV and
// as a printable page; and POST /admin/breaches/from-request/:requestId (REQ-BR-05: a request's
// answer went to the wrong person). Who may do what is the staff room's rule
// (src/staff/permissions.ts); the register audits every change (ids and codes).
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Runtime } from '../../../runtime.ts'
import { isLanguage, type Language } from '../../../policy/schema.ts'
import { defaultLanguage } from '../../../policy/policy.ts'
import { mayManageBreaches, mayReadBreaches, mayRecordBreach, mayReportMisdirectedAnswer } from '../../../staff/permissions.ts'
import { AppError } from '../../../util/app-error.ts'
import { csvText } from '../../../util/csv.ts'
import { isUuid } from '../../../util/ids.ts'
import { renderConsolePage, withLang } from './layout.tsx'
import { BreachBody, BreachesBody, BreachesPrint, type BreachRow } from './breaches.tsx'
import { BREACHES_TEXTS } from './breaches-texts.ts'
import { consoleCaller, consoleFrame, consoleLanguage, consolePost, type ConsoleCaller, type ConsoleHelpers } from './console-session.ts'

const ID = { type: 'string', minLength: 36, maxLength: 36, pattern: '^[0-9a-f-]{36}$' } as const
const PARAMS = { type: 'object', required: ['id'], properties: { id: ID } } as const
const LANG = { lang: { type: 'string', maxLength: 16 } } as const
const QUERY = { type: 'object', additionalProperties: false, properties: { ...LANG, saved: { type: 'string', enum: ['1'] }, recorded: { type: 'string', enum: ['1'] }, draft: { type: 'string', enum: ['nl', 'fr', 'en'] } } } as const
const POST_QUERY = { type: 'object', additionalProperties: false, properties: LANG } as const
// Field names are ids (cat_<category>, st_<subject type>); each value is bounded here and again by the register.
const FORM_BODY = { type: 'object', maxProperties: 300, propertyNames: { maxLength: 80, pattern: '^[A-Za-z0-9_]+$' }, additionalProperties: { type: 'string', maxLength: 40000 } } as const

type Form = Record<string, string | undefined>

const ids = (form: Form, prefix: string) => Object.entries(form).filter(([k, v]) => k.startsWith(prefix) && typeof v === 'string' && v).map(([, v]) => v!)
const count = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : /^\d{1,10}$/.test(v.trim()) ? Number(v.trim()) : -1)

/** The console's record form as the register's input (the register checks it: src/breaches/entry.ts). */
function fieldsOf(form: Form, first: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { facts: form.facts ?? '', dataCategories: ids(form, 'cat_'), subjectTypes: ids(form, 'st_') }
  if (form.tenantId !== undefined) out.tenantId = form.tenantId.trim() || null
  if (form.detectedAt?.trim()) out.detectedAt = withZone(form.detectedAt.trim())
  if (first) return out
  for (const k of ['consequences', 'measures', 'riskReasoning', 'risk', 'decision'] as const) if (form[k] !== undefined) out[k] = form[k]
  out.approxSubjects = count(form.approxSubjects)
  out.approxRecords = count(form.approxRecords)
  return out
}

/** A time typed without a zone is UTC (the form says so). */
const withZone = (v: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v}Z` : v)

export async function consoleBreachRoutes(app: FastifyInstance, runtime: Runtime, helpers: ConsoleHelpers): Promise<void> {
  const register = runtime.breaches
  const title = (lang: Language) => BREACHES_TEXTS[lang].title
  const message = (reply: FastifyReply, found: ConsoleCaller, lang: Language, path: string, text: string, status: number) =>
    helpers.send(reply, renderConsolePage(consoleFrame(found.session, lang, 'breaches', title(lang), path), <div class="error" role="alert"><p>{text}</p></div>), status)
  const refused = (reply: FastifyReply, found: ConsoleCaller, lang: Language, path: string) => message(reply, found, lang, path, BREACHES_TEXTS[lang].notAllowed, 403)
  const deny = (found: ConsoleCaller, action: string, reason: string) =>
    runtime.audit.append({ actorId: found.actor.id, action, subjectId: null, purpose: null, categories: [], decision: 'deny', reason })

  const rows = async (): Promise<BreachRow[]> => Promise.all((await register.list()).map(async (breach) => ({ breach, clock: await register.clock(breach) })))

  const listPage = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, extra: { recorded?: boolean; error?: string } = {}, status = 200) => {
    const canRead = mayReadBreaches(found.session.party)
    const frame = consoleFrame(found.session, lang, 'breaches', title(lang), '/admin/breaches')
    return helpers.send(reply, renderConsolePage(frame, <BreachesBody lang={lang} rows={canRead ? await rows() : []} csrf={found.session.csrf} canRead={canRead} recorded={extra.recorded === true} error={extra.error} policy={runtime.policy()} />), status)
  }

  const detail = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, id: string, extra: { saved?: boolean; error?: string; draftLang?: Language } = {}, status = 200) => {
    const path = `/admin/breaches/${id}`
    const breach = await register.find(id)
    if (!breach) return message(reply, found, lang, path, 'no such breach', 404)
    const draftLang = extra.draftLang ?? (lang === 'en' ? defaultLanguage(runtime.policy()) : lang)
    const submissions = await register.submissions(id)
    const frame = consoleFrame(found.session, lang, 'breaches', `${BREACHES_TEXTS[lang].columns.breach} ${id.slice(-8)}`, path)
    return helpers.send(
      reply,
      renderConsolePage(frame, (
        <BreachBody
          data={{
            lang,
            csrf: found.session.csrf,
            policy: runtime.policy(),
            breach,
            clock: await register.clock(breach),
            alerts: await register.alerts(id),
            submissions,
            communications: await register.communications(id),
            draft: register.draft(breach, draftLang, { n: submissions.length + 1, final: false }),
            draftLang,
            manage: mayManageBreaches(found.session.party),
            saved: extra.saved === true,
            error: extra.error,
          }}
        />
      )),
      status,
    )
  }

  app.get<{ Querystring: { lang?: string; recorded?: string } }>('/breaches', { schema: { hide: true, querystring: QUERY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    return listPage(reply, found, consoleLanguage(request), { recorded: request.query.recorded === '1' })
  })

  app.post<{ Querystring: { lang?: string }; Body: Form & { _csrf?: string } }>('/breaches', { schema: { hide: true, querystring: POST_QUERY, body: FORM_BODY } }, async (request, reply) => {
    const found = await consolePost(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    if (!mayRecordBreach(found.session.party)) {
      await deny(found, 'breach.record', 'account_required')
      return refused(reply, found, lang, '/admin/breaches')
    }
    const { _csrf, ...form } = request.body
    let id: string
    try {
      id = (await register.record(found.session.party.id, fieldsOf(form, true), { awareAt: form.awareNow === 'true' ? runtime.now().toISOString() : null })).id
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return listPage(reply, found, lang, { error: err.message }, 422)
      throw err
    }
    if (!mayReadBreaches(found.session.party)) return reply.redirect(withLang('/admin/breaches?recorded=1', lang), 303)
    return reply.redirect(withLang(`/admin/breaches/${id}?recorded=1`, lang), 303)
  })

  const exportRows = async (found: ConsoleCaller, format: 'csv' | 'html') => {
    const list = await rows()
    await runtime.audit.append({ actorId: found.actor.id, action: 'export.breach_register', subjectId: null, purpose: null, categories: [], decision: 'allow', reason: `${format}:rows:${list.length}` })
    return list
  }

  app.get<{ Querystring: { lang?: string } }>('/breaches/export.csv', { schema: { hide: true, querystring: POST_QUERY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    if (!mayReadBreaches(found.session.party)) {
      await deny(found, 'export.breach_register', 'dpo_only')
      return refused(reply, found, lang, '/admin/breaches')
    }
    const list = await exportRows(found, 'csv')
    const head = ['id', 'recorded_at', 'source', 'request_id', 'tenant_id', 'status', 'detected_at', 'aware_at', 'clock', 'facts', 'data_categories', 'subject_types', 'approx_subjects', 'approx_records', 'consequences', 'measures', 'risk', 'risk_reasoning', 'decision', 'art34_exception', 'art34_exception_reason', 'customer_notified_at']
    const iso = (d: Date | null) => (d ? d.toISOString() : '')
    const body = list.map(({ breach: b, clock }) => [b.id, iso(b.createdAt), b.source, b.requestId ?? '', b.tenantId ?? '', b.status, iso(b.detectedAt), iso(b.awareAt), clock.state, b.facts, b.dataCategories.join(' '), b.subjectTypes.join(' '), b.approxSubjects === null ? '' : String(b.approxSubjects), b.approxRecords === null ? '' : String(b.approxRecords), b.consequences, b.measures, b.risk, b.riskReasoning, b.decision, b.art34Exception ?? '', b.art34ExceptionReason ?? '', iso(b.customerNotifiedAt)])
    return reply.code(200).type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="breach-register.csv"').send(csvText([head, ...body]))
  })

  app.get<{ Querystring: { lang?: string } }>('/breaches/export', { schema: { hide: true, querystring: POST_QUERY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    if (!mayReadBreaches(found.session.party)) {
      await deny(found, 'export.breach_register', 'dpo_only')
      return refused(reply, found, lang, '/admin/breaches')
    }
    const list = await exportRows(found, 'html')
    const frame = consoleFrame(found.session, lang, 'breaches', BREACHES_TEXTS[lang].exports.printTitle, '/admin/breaches/export')
    return helpers.send(reply, renderConsolePage(frame, <BreachesPrint lang={lang} rows={list} policy={runtime.policy()} />))
  })

  app.get<{ Params: { id: string }; Querystring: { lang?: string; saved?: string; recorded?: string; draft?: string } }>('/breaches/:id', { schema: { hide: true, params: PARAMS, querystring: QUERY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    if (!mayReadBreaches(found.session.party)) return refused(reply, found, lang, `/admin/breaches/${request.params.id}`)
    const draft = request.query.draft
    return detail(reply, found, lang, request.params.id, { saved: request.query.saved === '1' || request.query.recorded === '1', ...(isLanguage(draft) ? { draftLang: draft } : {}) })
  })

  /** A DPO change: refused and audited for others; a 422 shows the page again with the reason. */
  const change = (suffix: string, action: string, work: (actorId: string, id: string, form: Form, lang: Language) => Promise<unknown>) =>
    app.post<{ Params: { id: string }; Querystring: { lang?: string }; Body: Form & { _csrf?: string } }>(`/breaches/:id${suffix}`, { schema: { hide: true, params: PARAMS, querystring: POST_QUERY, body: FORM_BODY } }, async (request, reply) => {
      const found = await consolePost(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      const { id } = request.params
      if (!mayManageBreaches(found.session.party)) {
        await deny(found, action, `${id}:dpo_only`)
        return refused(reply, found, lang, `/admin/breaches/${id}`)
      }
      const { _csrf, ...form } = request.body
      try {
        await work(found.session.party.id, id, form, lang)
      } catch (err) {
        if (err instanceof AppError && (err.status === 422 || err.status === 409)) return detail(reply, found, lang, id, { error: err.message }, err.status)
        if (err instanceof AppError && err.status === 404) return message(reply, found, lang, `/admin/breaches/${id}`, err.message, 404)
        throw err
      }
      return reply.redirect(withLang(`/admin/breaches/${id}?saved=1`, lang), 303)
    })

  change('', 'breach.update', (actorId, id, form) => register.update(actorId, id, fieldsOf(form, false)))
  change('/aware', 'breach.aware', (actorId, id, form) => register.markAware(actorId, id, form.awareAt?.trim() ? withZone(form.awareAt.trim()) : undefined))
  change('/submissions', 'breach.submit', (actorId, id, form) =>
    register.submit(actorId, id, { final: form.final === 'true', gbaReference: form.gbaReference ?? '', lateReason: form.lateReason ?? '', lang: isLanguage(form.draftLang) ? form.draftLang : defaultLanguage(runtime.policy()) }))
  change('/communications', 'breach.communication', (actorId, id, form) => register.communicate(actorId, id, (form.subjectIds ?? '').split(/[\s,]+/).map((s) => s.trim().toLowerCase()).filter(Boolean)))
  change('/exception', 'breach.art34_exception', (actorId, id, form) => register.recordException(actorId, id, { exception: form.exception ?? '', reason: form.exceptionReason ?? '' }))
  change('/close', 'breach.close', (actorId, id) => register.close(actorId, id))

  // REQ-BR-05: a staff action on the request — its answer went to the wrong person.
  app.post<{ Params: { requestId: string }; Querystring: { lang?: string }; Body: Form & { _csrf?: string } }>(
    '/breaches/from-request/:requestId',
    { schema: { hide: true, params: { type: 'object', required: ['requestId'], properties: { requestId: ID } }, querystring: POST_QUERY, body: FORM_BODY } },
    async (request, reply) => {
      const found = await consolePost(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      const { requestId } = request.params
      if (!isUuid(requestId) || !mayReportMisdirectedAnswer(runtime.policy(), found.session.party)) {
        await deny(found, 'breach.record', `request:${requestId}:not_allowed`)
        return refused(reply, found, lang, `/admin/requests/${requestId}`)
      }
      // Reading the request is the gate's decision (request handling), as on the request page.
      let row
      try {
        row = await runtime.requests.staffRow(found.actor, requestId)
      } catch (err) {
        if (err instanceof AppError && err.status === 404) return message(reply, found, lang, `/admin/requests/${requestId}`, err.message, 404)
        if (err instanceof Error && err.name === 'GateDenied') return refused(reply, found, lang, `/admin/requests/${requestId}`)
        throw err
      }
      const { breach } = await register.recordMisdirected(found.session.party.id, { id: row.id, subjectIds: row.subject_ids, tenantId: row.tenant_id })
      if (mayReadBreaches(found.session.party)) return reply.redirect(withLang(`/admin/breaches/${breach.id}?recorded=1`, lang), 303)
      return reply.redirect(withLang(`/admin/requests/${requestId}`, lang), 303)
    },
  )
}

