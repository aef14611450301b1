// GET /admin/processors (the register: every recipient of the policy, what the gate misses, the
// legal notices that went out uncovered), GET /admin/processors/:recipientId (one recipient) and
// POST /admin/processors/:recipientId (the DPO enters or changes the row). Who may read and edit is
// the staff room's rule (src/staff/permissions.ts); the register audits every change and refreshes
// the copy the gate reads, so a blocked recipient works from the next request on.
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Runtime } from '../../../runtime.ts'
import type { Language } from '../../../policy/schema.ts'
import { mayAnnounceSubprocessorChange, mayEditProcessors, mayReadProcessors } from '../../../staff/permissions.ts'
import { registerView } from '../../../processors/view.ts'
import { ART28_TERMS } from '../../../processors/entry.ts'
import { AppError } from '../../../util/app-error.ts'
import { renderConsolePage, withLang } from './layout.tsx'
import { ProcessorBody, ProcessorsBody } from './processors.tsx'
import { PROCESSORS_TEXTS } from './processors-texts.ts'
import { consoleCaller, consoleFrame, consoleLanguage, consolePost, type ConsoleCaller, type ConsoleHelpers } from './console-session.ts'

const ID = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' } as const
const PARAMS = { type: 'object', required: ['recipientId'], properties: { recipientId: ID } } as const
const QUERY = { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 }, saved: { type: 'string', enum: ['1'] }, announced: { type: 'integer', minimum: 0, maximum: 100000 } } } as const
const POST_QUERY = { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 } } } as const
const SHORT_FORM = { type: 'object', maxProperties: 10, propertyNames: { maxLength: 40, pattern: '^[A-Za-z0-9_]+$' }, additionalProperties: { type: 'string', maxLength: 400 } } as const

type Form = Record<string, string | undefined>

const countries = (v: string | undefined) => (v ?? '').split(',').map((c) => c.trim().toUpperCase()).filter(Boolean)
const orUndefined = (v: string | undefined) => (v?.trim() ? v.trim() : undefined)

/** The console form as a register entry (the register checks it: src/processors/entry.ts). */
function entryOf(form: Form): unknown {
  const version = orUndefined(form.dpaVersion)
  const signedOn = orUndefined(form.dpaSignedOn)
  const dpa = version || signedOn
    ? { version: version ?? '', signedOn: signedOn ?? '', endsOn: orUndefined(form.dpaEndsOn), terms: Object.fromEntries(ART28_TERMS.map((t) => [t, form[`term_${t}`] === 'true'])) }
    : undefined
  const mechanisms = Object.keys(form)
    .map((k) => /^m_([A-Z]{2})_kind$/.exec(k)?.[1])
    .filter((c): c is string => !!c && !!form[`m_${c}_kind`])
    .map((c) => {
      const f = (n: string) => orUndefined(form[`m_${c}_${n}`])
      return form[`m_${c}_kind`] === 'adequacy'
        ? { country: c, kind: 'adequacy', decisionId: f('decisionId'), decisionDate: f('decisionDate') }
        : { country: c, kind: form[`m_${c}_kind`], sccModule: f('sccModule') === undefined ? undefined : Number(f('sccModule')), signedOn: f('signedOn'), tiaOn: f('tiaOn') }
    })
  const subProcessors = (form.subProcessors ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((line) => {
    const [name, country, ...service] = line.split(';').map((p) => p.trim())
    return { name: name ?? '', country: (country ?? '').toUpperCase(), service: service.join('; ') }
  })
  return {
    legalName: form.legalName ?? '',
    address: form.address ?? '',
    contact: form.contact ?? '',
    dpo: form.dpo ?? '',
    processingLocations: countries(form.processingLocations),
    supportLocations: countries(form.supportLocations),
    ...(dpa ? { dpa } : {}),
    subProcessors,
    assurance: form.assurance ?? '',
    reviewOn: orUndefined(form.reviewOn),
    mechanisms,
  }
}

export async function consoleProcessorRoutes(app: FastifyInstance, runtime: Runtime, helpers: ConsoleHelpers): Promise<void> {
  const register = runtime.processors
  const title = (lang: Language) => PROCESSORS_TEXTS[lang].title
  const refused = (reply: FastifyReply, found: ConsoleCaller, lang: Language, path: string) =>
    helpers.send(reply, renderConsolePage(consoleFrame(found.session, lang, 'processors', title(lang), path), <div class="error" role="alert"><p>{PROCESSORS_TEXTS[lang].notAllowed}</p></div>), 403)
  const notFound = (reply: FastifyReply, found: ConsoleCaller, lang: Language, path: string) =>
    helpers.send(reply, renderConsolePage(consoleFrame(found.session, lang, 'processors', title(lang), path), <div class="error" role="alert"><p>{PROCESSORS_TEXTS[lang].gap.recipient_not_declared}</p></div>), 404)

  const detail = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, recipientId: string, extra: { saved?: boolean; error?: string; draft?: unknown; announced?: number | undefined } = {}, status = 200) => {
    const path = `/admin/processors/${recipientId}`
    const policy = runtime.policy()
    if (!policy.recipient(recipientId)) return notFound(reply, found, lang, path)
    const view = registerView(policy, register.row(recipientId))
    const notices = await register.uncoveredNotices(recipientId)
    const frame = consoleFrame(found.session, lang, 'processors', `${title(lang)}: ${view.name}`, path)
    // What was typed, shown back after a refusal: entryOf's shape, not yet checked.
    const draft = extra.draft as Parameters<typeof ProcessorBody>[0]['data']['draft']
    const changes = await Promise.all((await runtime.subprocessorNotices.changes(recipientId)).map(async (change) => ({ change, notices: await runtime.subprocessorNotices.notices({ changeId: change.id }) })))
    const reminders = await runtime.processorReminders.open(recipientId)
    return helpers.send(reply, renderConsolePage(frame, <ProcessorBody data={{ lang, csrf: found.session.csrf, policy, view, notices, editable: mayEditProcessors(found.session.party), saved: extra.saved === true, error: extra.error, draft, changes, reminders, announced: extra.announced }} />), status)
  }

  app.get<{ Querystring: { lang?: string } }>('/processors', { schema: { hide: true, querystring: QUERY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    if (!mayReadProcessors(found.session.party)) return refused(reply, found, lang, '/admin/processors')
    const policy = runtime.policy()
    const rows = register.list().map((row) => registerView(policy, row))
    const frame = consoleFrame(found.session, lang, 'processors', title(lang), '/admin/processors')
    return helpers.send(reply, renderConsolePage(frame, <ProcessorsBody lang={lang} rows={rows} notices={await register.uncoveredNotices()} editable={mayEditProcessors(found.session.party)} reminders={await runtime.processorReminders.open()} csrf={found.session.csrf} />))
  })

  app.get<{ Params: { recipientId: string }; Querystring: { lang?: string; saved?: string; announced?: number } }>('/processors/:recipientId', { schema: { hide: true, params: PARAMS, querystring: QUERY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    if (!mayReadProcessors(found.session.party)) return refused(reply, found, lang, `/admin/processors/${request.params.recipientId}`)
    return detail(reply, found, lang, request.params.recipientId, { saved: request.query.saved === '1', announced: request.query.announced })
  })

  app.post<{ Params: { recipientId: string }; Querystring: { lang?: string }; Body: Form & { _csrf?: string } }>(
    '/processors/:recipientId',
    {
      schema: {
        hide: true,
        params: PARAMS,
        querystring: { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 } } },
        body: { type: 'object', maxProperties: 120, propertyNames: { maxLength: 40, pattern: '^[A-Za-z0-9_]+$' }, additionalProperties: { type: 'string', maxLength: 5000 } },
      },
    },
    async (request, reply) => {
      const found = await consolePost(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      const { recipientId } = request.params
      if (!mayEditProcessors(found.session.party)) {
        await runtime.audit.append({ actorId: found.actor.id, action: 'processor.register.set', subjectId: null, purpose: null, categories: [], decision: 'deny', reason: `${recipientId}:dpo_only` })
        return refused(reply, found, lang, `/admin/processors/${recipientId}`)
      }
      if (!runtime.policy().recipient(recipientId)) return notFound(reply, found, lang, `/admin/processors/${recipientId}`)
      const { _csrf, ...form } = request.body
      const entry = entryOf(form)
      try {
        await register.set(found.session.party.id, recipientId, entry)
      } catch (err) {
        if (err instanceof AppError && err.status === 422) return detail(reply, found, lang, recipientId, { error: err.message, draft: entry }, 422)
        throw err
      }
      return reply.redirect(withLang(`/admin/processors/${recipientId}?saved=1`, lang), 303)
    },
  )

  // The DPO announces a sub-processor change to every customer (REQ-PRC-03); the notices audit it.
  app.post<{ Params: { recipientId: string }; Querystring: { lang?: string }; Body: Form & { _csrf?: string } }>(
    '/processors/:recipientId/subprocessor-changes',
    { schema: { hide: true, params: PARAMS, querystring: POST_QUERY, body: SHORT_FORM } },
    async (request, reply) => {
      const found = await consolePost(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      const { recipientId } = request.params
      if (!mayAnnounceSubprocessorChange(found.session.party)) {
        await runtime.audit.append({ actorId: found.actor.id, action: 'processor.subprocessor.announce', subjectId: null, purpose: null, categories: [], decision: 'deny', reason: `${recipientId}:dpo_only` })
        return refused(reply, found, lang, `/admin/processors/${recipientId}`)
      }
      if (!runtime.policy().recipient(recipientId)) return notFound(reply, found, lang, `/admin/processors/${recipientId}`)
      const f = request.body
      const windowDays = f.windowDays?.trim() ? Number(f.windowDays.trim()) : undefined
      const input = {
        kind: f.kind ?? '',
        subProcessor: { name: f.name ?? '', country: (f.country ?? '').trim().toUpperCase(), service: f.service ?? '' },
        ...(f.kind === 'replaced' || f.replaces?.trim() ? { replaces: f.replaces ?? '' } : {}),
        ...(windowDays !== undefined ? { windowDays } : {}),
      }
      let sent: number
      try {
        sent = (await runtime.subprocessorNotices.announce(found.session.party.id, recipientId, input)).notices.length
      } catch (err) {
        if (err instanceof AppError && err.status === 422) return detail(reply, found, lang, recipientId, { error: err.message }, 422)
        throw err
      }
      return reply.redirect(withLang(`/admin/processors/${recipientId}?announced=${sent}`, lang), 303)
    },
  )

  // The DPO marks a re-validation reminder done (REQ-TF-03).
  app.post<{ Params: { id: string }; Querystring: { lang?: string }; Body: Form & { _csrf?: string } }>(
    '/processors/reminders/:id/resolve',
    { schema: { hide: true, params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[0-9a-f-]+$' } } }, querystring: POST_QUERY, body: SHORT_FORM } },
    async (request, reply) => {
      const found = await consolePost(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      if (!mayAnnounceSubprocessorChange(found.session.party)) {
        await runtime.audit.append({ actorId: found.actor.id, action: 'processor.reminder.resolve', subjectId: null, purpose: null, categories: [], decision: 'deny', reason: `${request.params.id}:dpo_only` })
        return refused(reply, found, lang, '/admin/processors')
      }
      const reminder = await runtime.processorReminders.resolve(found.session.party.id, request.params.id)
      const back = request.body.back && runtime.policy().recipient(request.body.back) ? `/admin/processors/${reminder.recipientId}` : '/admin/processors'
      return reply.redirect(withLang(back, lang), 303)
    },
  )
}
