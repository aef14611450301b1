// GET /admin/dpia (every controller purpose's screening status, re-screening triggers, the gate's
// hold; the legitimate-interest assessments and their review dates), GET /admin/dpia/:purposeId
// and the DPO's posts: …/screening, …/record (the DPIA, with the residual risk) and
// …/consultation (Art. 36). Exports: /admin/dpia/export.csv|html and /admin/dpia/lia.csv|html.
// Who may read and edit is the staff room's rule; the register audits every change and refreshes
// the held purposes the gate reads, so a hold applies from the next request on.
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ComponentChildren } from 'preact'
import type { Runtime } from '../../../runtime.ts'
import type { Language } from '../../../policy/schema.ts'
import { mayEditDpia, mayReadDpia } from '../../../staff/permissions.ts'
import { liaRows } from '../../../dpia/reminders.ts'
import { dpiaToCsv, liaToCsv } from '../../../dpia/export.ts'
import { ART35_CODES, GBA_CODES, WP248_CODES } from '../../../dpia/vocabulary.ts'
import { AppError } from '../../../util/app-error.ts'
import { renderConsolePage, withLang } from './layout.tsx'
import { DpiaBody, DpiaListBody, LiaTable } from './dpia.tsx'
import { DPIA_TEXTS } from './dpia-texts.ts'
import { consoleCaller, consoleFrame, consoleLanguage, consolePost, type ConsoleCaller, type ConsoleHelpers } from './console-session.ts'

const ID = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' } as const
const PARAMS = { type: 'object', required: ['purposeId'], properties: { purposeId: ID } } as const
const QUERY = { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 }, saved: { type: 'string', enum: ['1'] } } } as const
const POST_QUERY = { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 } } } as const
const FORM = { type: 'object', maxProperties: 40, propertyNames: { maxLength: 60, pattern: '^[A-Za-z0-9_]+$' }, additionalProperties: { type: 'string', maxLength: 5000 } } as const

type Form = Record<string, string | undefined>

const checked = (form: Form, name: string, codes: readonly string[]) => codes.filter((c) => form[`${name}__${c}`] === 'true')

function screeningOf(form: Form): unknown {
  const override = form.override === 'required' || form.override === 'not_required' ? { required: form.override === 'required', reasoning: form.overrideReasoning ?? '' } : undefined
  return { art35: checked(form, 'art35', ART35_CODES), wp248: checked(form, 'wp248', WP248_CODES), gba: checked(form, 'gba', GBA_CODES), notes: form.notes ?? '', screenedOn: form.screenedOn ?? '', ...(override ? { override } : {}) }
}

function dpiaOf(form: Form): unknown {
  const f = (k: string) => form[k] ?? ''
  return { reference: f('reference'), description: f('description'), necessity: f('necessity'), risks: f('risks'), measures: f('measures'), dpoAdvice: f('dpoAdvice'), dataSubjectViews: f('dataSubjectViews'), completedOn: f('completedOn'), reviewOn: f('reviewOn'), residualHighRisk: form.residualHighRisk === 'true' }
}

function consultationOf(form: Form): unknown {
  return { submittedOn: form.submittedOn ?? '', gbaReference: form.gbaReference ?? '', answeredOn: form.answeredOn ?? '', answer: form.answer ?? '' }
}

export async function consoleDpiaRoutes(app: FastifyInstance, runtime: Runtime, helpers: ConsoleHelpers): Promise<void> {
  const register = runtime.dpia
  const title = (lang: Language) => DPIA_TEXTS[lang].title
  const page = (reply: FastifyReply, found: ConsoleCaller, lang: Language, heading: string, path: string, body: ComponentChildren, status = 200) =>
    helpers.send(reply, renderConsolePage(consoleFrame(found.session, lang, 'dpia', heading, path), body), status)
  const refused = (reply: FastifyReply, found: ConsoleCaller, lang: Language, path: string) => page(reply, found, lang, title(lang), path, <div class="error" role="alert"><p>{DPIA_TEXTS[lang].notAllowed}</p></div>, 403)
  const notFound = (reply: FastifyReply, found: ConsoleCaller, lang: Language, path: string) => page(reply, found, lang, title(lang), path, <div class="error" role="alert"><p>{DPIA_TEXTS[lang].notFound}</p></div>, 404)
  const known = (purposeId: string) => runtime.policy().purpose(purposeId)?.role === 'controller'

  const detail = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, purposeId: string, extra: { saved?: boolean; error?: string } = {}, status = 200) => {
    const path = `/admin/dpia/${purposeId}`
    if (!known(purposeId)) return notFound(reply, found, lang, path)
    const row = register.row(purposeId)
    const reminders = await runtime.dpiaReminders.open(purposeId)
    return page(reply, found, lang, `${title(lang)}: ${row.purpose.name[lang]}`, path, <DpiaBody data={{ lang, csrf: found.session.csrf, row, editable: mayEditDpia(found.session.party), saved: extra.saved === true, error: extra.error, reminders, today: register.today() }} />, status)
  }

  app.get<{ Querystring: { lang?: string } }>('/dpia', { schema: { hide: true, querystring: QUERY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    if (!mayReadDpia(found.session.party)) return refused(reply, found, lang, '/admin/dpia')
    return page(reply, found, lang, title(lang), '/admin/dpia', <DpiaListBody lang={lang} rows={register.list()} lia={liaRows(runtime.policy(), register.today())} reminders={await runtime.dpiaReminders.open()} />)
  })

  // Exports: each is audited (export.dpia_register, export.lia_register) with its format and row count.
  for (const [name, format] of [['export', 'csv'], ['export', 'html'], ['lia', 'csv'], ['lia', 'html']] as const) {
    app.get<{ Querystring: { lang?: string } }>(`/dpia/${name}.${format}`, { schema: { hide: true, querystring: POST_QUERY } }, async (request, reply) => {
      const found = await consoleCaller(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      const action = name === 'export' ? 'export.dpia_register' : 'export.lia_register'
      if (!mayReadDpia(found.session.party)) {
        await runtime.audit.append({ actorId: found.actor.id, action, subjectId: null, purpose: null, categories: [], decision: 'deny', reason: 'dpo_only' })
        return refused(reply, found, lang, `/admin/dpia/${name}.${format}`)
      }
      const t = DPIA_TEXTS[lang]
      const rows = register.list()
      const lia = liaRows(runtime.policy(), register.today())
      await runtime.audit.append({ actorId: found.actor.id, action, subjectId: null, purpose: null, categories: [], decision: 'allow', reason: `${format}:rows:${name === 'export' ? rows.length : lia.length}` })
      if (format === 'csv') {
        const text = name === 'export' ? dpiaToCsv(rows, lang) : liaToCsv(lia, lang)
        return reply.code(200).type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name === 'export' ? 'dpia-register' : 'lia-register'}.csv"`).send(text)
      }
      if (name === 'lia') return page(reply, found, lang, t.exports.liaHtml, '/admin/dpia/lia.html', <><p><a href={withLang('/admin/dpia', lang)}>{t.detail.back}</a></p><LiaTable lang={lang} rows={lia} /></>)
      return page(reply, found, lang, t.exports.html, '/admin/dpia/export.html', <><p><a href={withLang('/admin/dpia', lang)}>{t.detail.back}</a></p><DpiaListBody lang={lang} rows={rows} lia={[]} reminders={[]} print /></>)
    })
  }

  app.get<{ Params: { purposeId: string }; Querystring: { lang?: string; saved?: string } }>('/dpia/:purposeId', { schema: { hide: true, params: PARAMS, querystring: QUERY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    if (!mayReadDpia(found.session.party)) return refused(reply, found, lang, `/admin/dpia/${request.params.purposeId}`)
    return detail(reply, found, lang, request.params.purposeId, { saved: request.query.saved === '1' })
  })

  const post = (segment: 'screening' | 'record' | 'consultation', action: string, parse: (form: Form) => unknown, save: (actorId: string, purposeId: string, input: unknown) => Promise<unknown>) =>
    app.post<{ Params: { purposeId: string }; Querystring: { lang?: string }; Body: Form & { _csrf?: string } }>(`/dpia/:purposeId/${segment}`, { schema: { hide: true, params: PARAMS, querystring: POST_QUERY, body: FORM } }, async (request, reply) => {
      const found = await consolePost(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      const { purposeId } = request.params
      if (!mayEditDpia(found.session.party)) {
        await runtime.audit.append({ actorId: found.actor.id, action, subjectId: null, purpose: null, categories: [], decision: 'deny', reason: `${purposeId}:dpo_only` })
        return page(reply, found, lang, title(lang), `/admin/dpia/${purposeId}`, <div class="error" role="alert"><p>{DPIA_TEXTS[lang].readOnly}</p></div>, 403)
      }
      if (!known(purposeId)) return notFound(reply, found, lang, `/admin/dpia/${purposeId}`)
      const { _csrf, ...form } = request.body
      try {
        await save(found.session.party.id, purposeId, parse(form))
      } catch (err) {
        if (err instanceof AppError && (err.status === 422 || err.status === 409)) return detail(reply, found, lang, purposeId, { error: err.message }, err.status)
        throw err
      }
      return reply.redirect(withLang(`/admin/dpia/${purposeId}?saved=1`, lang), 303)
    })

  post('screening', 'dpia.screening.set', screeningOf, (a, p, i) => register.setScreening(a, p, i))
  post('record', 'dpia.record.set', dpiaOf, (a, p, i) => register.setDpia(a, p, i))
  post('consultation', 'dpia.consultation.set', consultationOf, (a, p, i) => register.setConsultation(a, p, i))
}
