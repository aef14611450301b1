// GET /admin/audit (entries filtered by actor, subject id, purpose, action and time) and
// POST /admin/audit/verify (the chain check, as `pledge audit verify` runs it inside the server).
// The log shows what employees did: the DPO only (src/staff/permissions.ts), and every read and
// every check is itself an audit entry, with the filters as codes (ids, never a person's data).
import { isUuid } from '../../../util/ids.ts'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Runtime } from '../../../runtime.ts'
import type { Language } from '../../../policy/schema.ts'
import { mayReadAudit } from '../../../staff/permissions.ts'
import { AUDIT_PAGE_LIMIT, readAuditLog, type AuditFilter } from '../../../audit/audit-query.ts'
import { auditOperations } from '../../../audit/audit-operations.ts'
import { OperationError } from '../../../operation.ts'
import { renderConsolePage, withLang } from './layout.tsx'
import { AuditBody, type AuditFilterForm } from './audit.tsx'
import { CONSOLE_TEXTS } from './texts.ts'
import { consoleCaller, consoleFrame, consoleLanguage, consolePost, type ConsoleCaller, type ConsoleHelpers } from './console-session.ts'

// What a browser's datetime-local field sends (seconds optional), read as UTC.
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/
const CODE = { type: 'string', maxLength: 120 } as const

type AuditQuery = AuditFilterForm & { lang?: string; before?: string }

function toFilter(q: AuditFilterForm): AuditFilter | undefined {
  const time = (v: string | undefined) => (v ? (LOCAL_TIME.test(v) ? new Date(`${v}Z`) : null) : undefined)
  const from = time(q.from)
  const to = time(q.to)
  if (from === null || to === null || (from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime()))) return undefined
  if (q.subject && !isUuid(q.subject)) return undefined
  return { actor: q.actor || undefined, subjectId: q.subject?.toLowerCase() || undefined, purpose: q.purpose || undefined, action: q.action || undefined, from, to }
}

export async function consoleAuditRoutes(app: FastifyInstance, runtime: Runtime, helpers: ConsoleHelpers): Promise<void> {
  const refused = (reply: FastifyReply, found: ConsoleCaller, lang: Language) =>
    helpers.send(reply, renderConsolePage(consoleFrame(found.session, lang, 'audit', CONSOLE_TEXTS[lang].audit.title, '/admin/audit'), <div class="error" role="alert"><p>{CONSOLE_TEXTS[lang].audit.notAllowed}</p></div>), 403)

  const auditPage = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, form: AuditFilterForm, extra: { before?: number; verdict?: { ok: boolean; text: string } } = {}, status = 200) => {
    const t = CONSOLE_TEXTS[lang].audit
    const filter = toFilter(form)
    const path = `/admin/audit?${new URLSearchParams(Object.entries(form).filter(([, v]) => v)).toString()}`
    const frame = consoleFrame(found.session, lang, 'audit', t.title, path)
    if (!filter) return helpers.send(reply, renderConsolePage(frame, <AuditBody data={{ lang, csrf: found.session.csrf, filter: form, entries: [], limit: AUDIT_PAGE_LIMIT, error: t.badFilter }} />), 400)
    const entries = await readAuditLog(runtime.audit, runtime.database.db, found.actor.id, filter, extra.before === undefined ? {} : { beforeSeq: extra.before })
    const last = entries.at(-1)
    const olderHref = entries.length >= AUDIT_PAGE_LIMIT && last ? withLang(`${path}${path.endsWith('?') ? '' : '&'}before=${last.seq}`, lang) : undefined
    return helpers.send(reply, renderConsolePage(frame, <AuditBody data={{ lang, csrf: found.session.csrf, filter: form, entries, limit: AUDIT_PAGE_LIMIT, olderHref, verdict: extra.verdict }} />), status)
  }

  app.get<{ Querystring: AuditQuery }>(
    '/audit',
    {
      schema: {
        hide: true,
        querystring: { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 }, actor: CODE, subject: { type: 'string', maxLength: 36 }, purpose: CODE, action: CODE, from: { type: 'string', maxLength: 19 }, to: { type: 'string', maxLength: 19 }, before: { type: 'string', maxLength: 15, pattern: '^[0-9]+$' } } },
      },
    },
    async (request, reply) => {
      const found = await consoleCaller(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      if (!mayReadAudit(found.session.party)) {
        await runtime.audit.append({ actorId: found.actor.id, action: 'audit.read', subjectId: null, purpose: null, categories: [], decision: 'deny', reason: 'dpo_only' })
        return refused(reply, found, lang)
      }
      const { lang: _lang, before, ...form } = request.query
      return auditPage(reply, found, lang, form, before ? { before: Number(before) } : {})
    },
  )

  app.post<{ Querystring: { lang?: string }; Body: { _csrf?: string } }>(
    '/audit/verify',
    { schema: { hide: true, querystring: { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 } } }, body: { type: 'object', additionalProperties: false, properties: { _csrf: { type: 'string', maxLength: 64 } } } } },
    async (request, reply) => {
      const found = await consolePost(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      if (!mayReadAudit(found.session.party)) return refused(reply, found, lang)
      let verdict: { ok: boolean; text: string }
      try {
        const result = await auditOperations['audit-verify']!({ database: runtime.database, config: runtime.config, runtime, policyPath: runtime.config.policyPath, now: runtime.now }, {})
        verdict = { ok: true, text: result.output }
      } catch (err) {
        if (!(err instanceof OperationError)) throw err
        verdict = { ok: false, text: err.message }
      }
      await runtime.audit.append({ actorId: found.actor.id, action: 'audit.verify', subjectId: null, purpose: null, categories: [], decision: null, reason: verdict.ok ? 'intact' : 'tampered' })
      return auditPage(reply, found, lang, {}, { verdict })
    },
  )
}
