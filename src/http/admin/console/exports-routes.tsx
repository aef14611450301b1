// GET /admin/exports (the index) and, per export, GET /admin/exports/<id> (a page to print) and
// GET /admin/exports/<id>.csv (a download): the record of processing as controller (Art. 30(1)) and
// as processor (Art. 30(2)), the register of data-subject requests and the consent ledger. Who may:
// every staff member reads the record of processing (as every key reads GET /v1/ropa); the register,
// those holding the request-handling purpose (the gate decides); the ledger,
// the consent purposes among those the reader's roles hold (the gate decides). Every export, and every refusal, is an
// audit entry under the staff account, with codes and counts only.
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ComponentChildren } from 'preact'
import { GateDenied } from '../../../gate/gate.ts'
import type { Runtime } from '../../../runtime.ts'
import type { Language } from '../../../policy/schema.ts'
import { REQUEST_PURPOSE } from '../../../policy/builtin.ts'
import { buildRopa, ropaSectionsHtml, ropaToCsv } from '../../../policy/ropa.ts'
import { registerFacts, ropaHistory } from '../../../policy/ropa-check.ts'
import { registerToCsv, requestRegister } from '../../../requests/register.ts'
import { consentLedger, ledgerToCsv } from '../../../consent/ledger-export.ts'
import { dateInZone } from '../../../util/dates.ts'
import { renderConsolePage } from './layout.tsx'
import { EXPORTS, ExportsIndex, LedgerPrint, RegisterPrint, RopaPrint, exportTitle, type ExportId } from './exports.tsx'
import { EXPORTS_TEXTS } from './exports-texts.ts'
import { ComplaintRegisterPrint } from './complaints-export.tsx'
import { COMPLAINT_CONSOLE_TEXTS } from './complaints-texts.ts'
import { complaintRegisterToCsv } from '../../../complaints/complaints.ts'
import { complaintPurposeOf } from '../../../gate/system-actors.ts'
import { consoleCaller, consoleFrame, consoleLanguage, type ConsoleCaller, type ConsoleHelpers } from './console-session.ts'

const LANG_ONLY = { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 } } } as const

type Format = 'csv' | 'html'

/** The audit action of an export: `export.ropa_controller`, `export.request_register`, … */
export function exportAction(id: ExportId): string {
  return `export.${id.replace(/-/g, '_')}`
}

export async function consoleExportsRoutes(app: FastifyInstance, runtime: Runtime, helpers: ConsoleHelpers): Promise<void> {
  const page = (reply: FastifyReply, found: ConsoleCaller, lang: Language, title: string, path: string, body: ComponentChildren, status = 200) =>
    helpers.send(reply, renderConsolePage(consoleFrame(found.session, lang, 'exports', title, path), body), status)

  const csv = (reply: FastifyReply, name: string, text: string) =>
    reply.code(200).type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(text)

  const audit = (found: ConsoleCaller, id: ExportId, decision: 'allow' | 'deny', reason: string, purpose: string | null = null) =>
    runtime.audit.append({ actorId: found.actor.id, action: exportAction(id), subjectId: null, purpose, categories: [], decision, reason })

  const refused = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, id: ExportId, message: string, reason: string, purpose: string | null) => {
    await audit(found, id, 'deny', reason, purpose)
    return page(reply, found, lang, exportTitle(lang, id), `/admin/exports/${id}`, <div class="error" role="alert"><p>{message}</p></div>, 403)
  }

  app.get<{ Querystring: { lang?: string } }>('/exports', { schema: { hide: true, querystring: LANG_ONLY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    return page(reply, found, lang, EXPORTS_TEXTS[lang].title, '/admin/exports', <ExportsIndex lang={lang} />)
  })

  const serve = async (id: ExportId, format: Format, found: ConsoleCaller, lang: Language, reply: FastifyReply) => {
    const t = EXPORTS_TEXTS[lang]
    const title = exportTitle(lang, id)
    const path = `/admin/exports/${id}`
    switch (id) {
      case 'ropa-controller':
      case 'ropa-processor': {
        const record = id === 'ropa-controller' ? 'controller' : 'processor'
        const current = await runtime.currentVersion()
        const ropa = buildRopa(current.policy, { version: current.version, lang, register: registerFacts(runtime.processors), history: await ropaHistory(runtime.database.db), dpia: (id) => runtime.dpia.ropaFacts(id) })
        await audit(found, id, 'allow', `${format}:version:${current.version}`)
        if (format === 'csv') return csv(reply, id, ropaToCsv(ropa, record))
        return page(reply, found, lang, title, path, <RopaPrint lang={lang} sectionsHtml={ropaSectionsHtml(ropa, record)} />)
      }
      case 'request-register': {
        const policy = runtime.policy()
        // The gate decides (and audits its refusal as request.list); the export's own entry follows.
        try {
          await runtime.gate.authorizeRequestHandling(found.actor, 'list')
        } catch (err) {
          if (!(err instanceof GateDenied)) throw err
          return refused(reply, found, lang, id, t.register.notAllowed, err.reason, REQUEST_PURPOSE)
        }
        const rows = await requestRegister(runtime.database.db, policy.controller.timeZone, found.actor.tenantId)
        const today = dateInZone(runtime.now(), policy.controller.timeZone)
        await audit(found, id, 'allow', `${format}:rows:${rows.length}`, REQUEST_PURPOSE)
        if (format === 'csv') return csv(reply, id, registerToCsv(rows, today))
        return page(reply, found, lang, title, path, <RegisterPrint lang={lang} rows={rows} today={today} />)
      }
      case 'consent-ledger': {
        const policy = runtime.policy()
        // The gate decides which consent purposes this reader may export, and audits a refusal.
        let purposes: string[]
        try {
          purposes = await runtime.gate.authorizeConsentLedger(found.actor, 'export.consent_ledger')
        } catch (err) {
          if (!(err instanceof GateDenied)) throw err
          return page(reply, found, lang, title, path, <div class="error" role="alert"><p>{t.ledger.notAllowed}</p></div>, 403)
        }
        const rows = await consentLedger(runtime.database.db, purposes)
        await audit(found, id, 'allow', `${format}:purposes:${purposes.join('+')}:rows:${rows.length}`)
        if (format === 'csv') return csv(reply, id, ledgerToCsv(rows))
        return page(reply, found, lang, title, path, <LedgerPrint lang={lang} policy={policy} rows={rows} purposes={purposes} />)
      }
      case 'complaint-register': {
        const purpose = complaintPurposeOf(runtime.policy())
        // The gate decides (and audits a refusal as export.complaint_register); the export's own entry follows.
        let rows
        try {
          rows = await runtime.complaints.register(found.actor, exportAction(id))
        } catch (err) {
          if (!(err instanceof GateDenied)) throw err
          return page(reply, found, lang, title, path, <div class="error" role="alert"><p>{COMPLAINT_CONSOLE_TEXTS[lang].export.notAllowed}</p></div>, 403)
        }
        await audit(found, id, 'allow', `${format}:rows:${rows.length}`, purpose)
        if (format === 'csv') return csv(reply, id, complaintRegisterToCsv(rows))
        return page(reply, found, lang, title, path, <ComplaintRegisterPrint lang={lang} rows={rows} />)
      }
    }
  }

  for (const id of EXPORTS) {
    for (const format of ['html', 'csv'] as const) {
      app.get<{ Querystring: { lang?: string } }>(`/exports/${id}${format === 'csv' ? '.csv' : ''}`, { schema: { hide: true, querystring: LANG_ONLY } }, async (request, reply) => {
        const found = await consoleCaller(runtime, request, reply)
        if (!found) return reply
        return serve(id, format, found, consoleLanguage(request), reply)
      })
    }
  }
}
