// GET /admin/policy (the version in force, the published versions, the draft on the server with its
// material changes and its changes against the version in force, the notices' progress) and
// POST /admin/policy/publish (the draft as the next version: the same path as `pledge policy
// publish`, src/policy/publish.ts, so the material-change notices are queued exactly as there,
// audited under the staff member's actor id). Reading: the DPO or a staff administrator, like the
// notices' progress route; publishing: the DPO only (src/staff/permissions.ts). A refusal is a 403
// page and an audit entry.
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Runtime } from '../../../runtime.ts'
import type { Language } from '../../../policy/schema.ts'
import { mayPublishPolicy, mayReadNoticeProgress } from '../../../staff/permissions.ts'
import { draftComparison, policyOverview, type PolicyOverview } from '../../../policy/overview.ts'
import { publishPolicyFile } from '../../../policy/publish.ts'
import { PublishError } from '../../../policy/versions.ts'
import { PolicyError } from '../../../policy/load.ts'
import { noticeCounts } from '../../../policy/notices.ts'
import { formatDate } from '../../../policy/i18n.ts'
import { isIsoDate } from '../../../util/dates.ts'
import { renderConsolePage } from './layout.tsx'
import { PolicyBody } from './policy.tsx'
import { POLICY_TEXTS } from './policy-texts.ts'
import { consoleCaller, consoleFrame, consoleLanguage, consolePost, type ConsoleCaller, type ConsoleHelpers } from './console-session.ts'

const LANG = { type: 'string', maxLength: 16 } as const

export async function consolePolicyRoutes(app: FastifyInstance, runtime: Runtime, helpers: ConsoleHelpers): Promise<void> {
  const frame = (found: ConsoleCaller, lang: Language) => consoleFrame(found.session, lang, 'policy', POLICY_TEXTS[lang].title, '/admin/policy')

  const refused = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, action: string, reason: string) => {
    await runtime.audit.append({ actorId: found.actor.id, action, subjectId: null, purpose: null, categories: [], decision: 'deny', reason })
    return helpers.send(reply, renderConsolePage(frame(found, lang), <div class="error" role="alert"><p>{action === 'policy.publish' ? POLICY_TEXTS[lang].dpoOnly : POLICY_TEXTS[lang].notAllowed}</p></div>), 403)
  }

  const overviewNow = () => policyOverview(runtime.database.db, runtime.config.policyPath, runtime.now(), runtime.policy().controller.timeZone)

  const policyPage = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, extra: { effective?: string; error?: string; done?: string } = {}, status = 200, known?: PolicyOverview) => {
    const overview = known ?? (await overviewNow())
    const comparison = overview.draft && overview.inForce ? draftComparison(overview.inForce, overview.draft, lang) : undefined
    const body = <PolicyBody data={{ lang, csrf: found.session.csrf, overview, comparison, mayPublish: mayPublishPolicy(found.session.party), ...extra }} />
    return helpers.send(reply, renderConsolePage(frame(found, lang), body), status)
  }

  app.get<{ Querystring: { lang?: string; published?: string } }>(
    '/policy',
    { schema: { hide: true, querystring: { type: 'object', additionalProperties: false, properties: { lang: LANG, published: { type: 'string', maxLength: 9, pattern: '^[1-9][0-9]{0,8}$' } } } } },
    async (request, reply) => {
      const found = await consoleCaller(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      if (!mayReadNoticeProgress(found.session.party)) return refused(reply, found, lang, 'policy.read', 'dpo_or_staff_admin')
      const overview = await overviewNow()
      let done: string | undefined
      if (request.query.published) {
        // After the publish's redirect: what was published, and how many people are told.
        const n = Number(request.query.published)
        const v = overview.versions.find((x) => x.version === n)
        if (v) done = POLICY_TEXTS[lang].done(n, formatDate(v.effectiveDate, lang), (await noticeCounts(runtime.database.db, n)).total)
      }
      return policyPage(reply, found, lang, done ? { done } : {}, 200, overview)
    },
  )

  app.post<{ Querystring: { lang?: string }; Body: { _csrf?: string; effective?: string; hash?: string } }>(
    '/policy/publish',
    {
      schema: {
        hide: true,
        querystring: { type: 'object', additionalProperties: false, properties: { lang: LANG } },
        body: { type: 'object', additionalProperties: false, properties: { _csrf: { type: 'string', maxLength: 64 }, effective: { type: 'string', maxLength: 10 }, hash: { type: 'string', maxLength: 128 } } },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const found = await consolePost(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      if (!mayPublishPolicy(found.session.party)) return refused(reply, found, lang, 'policy.publish', 'dpo_only')
      const t = POLICY_TEXTS[lang]
      const effective = (request.body.effective ?? '').trim()
      const again = (error: string, status: number, overview?: PolicyOverview) => policyPage(reply, found, lang, { effective, error }, status, overview)
      if (!isIsoDate(effective)) return again(t.errors.badDate, 400)
      try {
        const v = await publishPolicyFile(
          { database: runtime.database, config: runtime.config, runtime, policyPath: runtime.config.policyPath, now: runtime.now, onChange: () => runtime.forgetCachedVersion() },
          { actorId: found.actor.id, effective, expectedHash: request.body.hash ?? '' },
        )
        return reply.redirect(`/admin/policy?lang=${lang}&published=${v.version}`, 303)
      } catch (err) {
        if (err instanceof PolicyError) return again(t.errors.unreadable, 422)
        if (!(err instanceof PublishError)) throw err
        if (err.code === 'invalid_effective_date') return again(t.errors.badDate, 400)
        if (err.code === 'unchanged') return again(t.errors.unchanged, 409)
        if (err.code === 'draft_changed') return again(t.errors.draftChanged, 409)
        const overview = await overviewNow()
        if (err.code === 'effective_date_in_past') return again(t.errors.inPast(formatDate(overview.today, lang), overview.today), 422, overview)
        const earliest = overview.draft?.earliestEffectiveDate ?? overview.today
        return again(t.errors.noticePeriod(overview.draft?.noticeDays ?? 0, formatDate(earliest, lang), earliest), 422, overview)
      }
    },
  )
}
