// GET /admin/dashboard: the compliance dashboard (REQ-AUD-03) — requests due and overdue, on time
// per month, extensions, refusals and fees; consents and withdrawals per purpose; what the retention
// sweep will do in the next 30 days. Counts only. For those who handle data-subject requests and the
// DPO (src/staff/permissions.ts); a refusal is a 403 page and an audit entry, and so is each read.
import type { FastifyInstance } from 'fastify'
import type { Runtime } from '../../../runtime.ts'
import { mayReadBreaches, mayReadDashboard } from '../../../staff/permissions.ts'
import { requestDashboard, requestRegister } from '../../../requests/register.ts'
import { consentEventCounts, consentPurposes, consentVolumes } from '../../../consent/ledger-export.ts'
import { retentionOutlook } from '../../../retention/outlook.ts'
import { dateInZone } from '../../../util/dates.ts'
import { renderConsolePage } from './layout.tsx'
import { DashboardBody } from './dashboard.tsx'
import { BreachClocks } from './breaches.tsx'
import { DASHBOARD_TEXTS } from './dashboard-texts.ts'
import { consoleCaller, consoleFrame, consoleLanguage, type ConsoleHelpers } from './console-session.ts'

/** The retention outlook's window, in days. */
export const RETENTION_OUTLOOK_DAYS = 30

export async function consoleDashboardRoutes(app: FastifyInstance, runtime: Runtime, helpers: ConsoleHelpers): Promise<void> {
  app.get<{ Querystring: { lang?: string } }>(
    '/dashboard',
    { schema: { hide: true, querystring: { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 } } } } },
    async (request, reply) => {
      const found = await consoleCaller(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      const t = DASHBOARD_TEXTS[lang]
      const frame = consoleFrame(found.session, lang, 'dashboard', t.title, '/admin/dashboard')
      const policy = runtime.policy()
      if (!mayReadDashboard(policy, found.session.party)) {
        await runtime.audit.append({ actorId: found.actor.id, action: 'dashboard.read', subjectId: null, purpose: null, categories: [], decision: 'deny', reason: 'purpose_not_allowed_for_actor' })
        return helpers.send(reply, renderConsolePage(frame, <div class="error" role="alert"><p>{t.notAllowed}</p></div>), 403)
      }
      const zone = policy.controller.timeZone
      const today = dateInZone(runtime.now(), zone)
      const [rows, counts, forecast] = await Promise.all([
        requestRegister(runtime.database.db, zone, found.actor.tenantId),
        consentEventCounts(runtime.database.db),
        runtime.retention.forecast(found.actor, RETENTION_OUTLOOK_DAYS),
      ])
      await runtime.audit.append({ actorId: found.actor.id, action: 'dashboard.read', subjectId: null, purpose: null, categories: [], decision: 'allow', reason: null })
      const data = { lang, policy, requests: requestDashboard(rows, today), consents: consentVolumes(counts, consentPurposes(policy)), retention: retentionOutlook(forecast), retentionDays: RETENTION_OUTLOOK_DAYS }
      // The breach clocks (REQ-BR-02), for those who read the breach register.
      const breaches = mayReadBreaches(found.session.party) ? await runtime.breaches.running() : undefined
      return helpers.send(reply, renderConsolePage(frame, <><DashboardBody data={data} />{breaches ? <BreachClocks lang={lang} running={breaches} /> : null}</>))
    },
  )
}
