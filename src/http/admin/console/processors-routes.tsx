// GET /admin/processors (the register: every recipient of the policy, what the gate misses, the
// legal notices that went out uncovered), GET /admin/processors/:recipientId (one recipient) and
// POST /admin/processors/:recipientId (the DPO enters or changes the row). Who may read and edit is
// the staff room's rule (src/staff/permissions.ts); the register audits every change and refreshes
// the copy the gate reads, so a blocked recipient works from the next request on.
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Runtime } from '../../../runtime.ts'
import type { Language } from '../../../policy/schema.ts'
import { mayEditProcessors, mayReadProcessors } from '../../../staff/permissions.ts'
import { registerView } from '../../../processors/view.ts'
import { ART28_TERMS } from '../../../processors/entry.ts'
import { AppError } from '../../../util/app-error.ts'
import { renderConsolePage, withLang } from './layout.tsx'
import { ProcessorBody, ProcessorsBody } from './processors.tsx'
import { PROCESSORS_TEXTS } from './processors-texts.ts'
import { consoleCaller, consoleFrame, consoleLanguage, consolePost, type ConsoleCaller, type ConsoleHelpers } from './console-session.ts'

const ID = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' } as const
const PARAMS = { type: 'object', required: ['recipientId'], properties: { recipientId: ID } } as const
const QUERY = { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 }, saved: { type: 'string', enum: ['1'] } } } as const

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

  const detail = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, recipientId: string, extra: { saved?: boolean; error?: string; draft?: unknown } = {}, status = 200) => {
    const path = `/admin/processors/${recipientId}`
    const policy = runtime.policy()
    if (!policy.recipient(recipientId)) return notFound(reply, found, lang, path)
    const view = registerView(policy, register.row(recipientId))
    const notices = await register.uncoveredNotices(recipientId)
    const frame = consoleFrame(found.session, lang, 'processors', `${title(lang)}: ${view.name}`, path)
    // What was typed, shown back after a refusal: entryOf's shape, not yet checked.
    const draft = extra.draft as Parameters<typeof ProcessorBody>[0]['data']['draft']
    return helpers.send(reply, renderConsolePage(frame, <ProcessorBody data={{ lang, csrf: found.session.csrf, policy, view, notices, editable: mayEditProcessors(found.session.party), saved: extra.saved === true, error: extra.error, draft }} />), status)
  }

  app.get<{ Querystring: { lang?: string } }>('/processors', { schema: { hide: true, querystring: QUERY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    if (!mayReadProcessors(found.session.party)) return refused(reply, found, lang, '/admin/processors')
    const policy = runtime.policy()
    const rows = register.list().map((row) => registerView(policy, row))
    const frame = consoleFrame(found.session, lang, 'processors', title(lang), '/admin/processors')
    return helpers.send(reply, renderConsolePage(frame, <ProcessorsBody lang={lang} rows={rows} notices={await register.uncoveredNotices()} editable={mayEditProcessors(found.session.party)} />))
  })

  app.get<{ Params: { recipientId: string }; Querystring: { lang?: string; saved?: string } }>('/processors/:recipientId', { schema: { hide: true, params: PARAMS, querystring: QUERY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    if (!mayReadProcessors(found.session.party)) return refused(reply, found, lang, `/admin/processors/${request.params.recipientId}`)
    return detail(reply, found, lang, request.params.recipientId, { saved: request.query.saved === '1' })
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
}
