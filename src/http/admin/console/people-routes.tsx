// GET /admin/people (the search form), POST /admin/people/search (the address or number in the body,
// never in a URL), GET /admin/people/:id?purpose=P (the person under one purpose the account holds).
// Every search and read goes through the gate as the staff member's actor: the gate decides which
// people and which categories the purpose may see, and audits each one under the account id.
import { isUuid } from '../../../util/ids.ts'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Runtime } from '../../../runtime.ts'
import { GateDenied } from '../../../gate/gate.ts'
import type { Language } from '../../../policy/schema.ts'
import { renderConsolePage } from './layout.tsx'
import { HoldsBody, PeopleSearchBody, PersonBody, holdsTitle, personTitle } from './people.tsx'
import { CONSOLE_TEXTS } from './texts.ts'
import { consoleCaller, consoleFrame, consoleLanguage, consolePost, type ConsoleCaller, type ConsoleHelpers } from './console-session.ts'

const LANG_QUERY = { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 } } } as const

export async function consolePeopleRoutes(app: FastifyInstance, runtime: Runtime, helpers: ConsoleHelpers): Promise<void> {
  const purposesOf = (found: ConsoleCaller) => [...found.actor.purposes].filter((p) => runtime.policy().purpose(p)).sort()

  const searchPage = (reply: FastifyReply, found: ConsoleCaller, lang: Language, extra: { form?: { purpose?: string; kind?: string }; results?: { id: string; type: string }[]; error?: string } = {}, status = 200) =>
    helpers.send(
      reply,
      renderConsolePage(consoleFrame(found.session, lang, 'people', CONSOLE_TEXTS[lang].people.title, '/admin/people'), <PeopleSearchBody data={{ lang, csrf: found.session.csrf, policy: runtime.policy(), purposes: purposesOf(found), ...extra }} />),
      status,
    )

  app.get<{ Querystring: { lang?: string } }>('/people', { schema: { hide: true, querystring: LANG_QUERY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    return searchPage(reply, found, consoleLanguage(request))
  })

  app.post<{ Querystring: { lang?: string }; Body: { _csrf?: string; purpose?: string; kind?: string; value?: string } }>(
    '/people/search',
    {
      schema: {
        hide: true,
        querystring: LANG_QUERY,
        body: { type: 'object', additionalProperties: false, properties: { _csrf: { type: 'string', maxLength: 64 }, purpose: { type: 'string', maxLength: 64 }, kind: { type: 'string', enum: ['email', 'phone'] }, value: { type: 'string', maxLength: 320 } } },
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const found = await consolePost(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      const { purpose, value } = request.body
      const kind = request.body.kind === 'phone' ? 'phone' : 'email'
      const form = { ...(purpose ? { purpose } : {}), kind }
      if (!purpose || !value?.trim()) return searchPage(reply, found, lang, { form, error: CONSOLE_TEXTS[lang].people.badSearch }, 400)
      try {
        // The gate keeps only the people this purpose may see and audits each candidate.
        const results = await runtime.gate.search(found.actor, purpose, kind, value.trim())
        return searchPage(reply, found, lang, { form, results })
      } catch (err) {
        if (err instanceof GateDenied) return searchPage(reply, found, lang, { form, error: CONSOLE_TEXTS[lang].people.notAllowed }, err.status)
        throw err
      }
    },
  )

  app.get<{ Params: { id: string }; Querystring: { lang?: string; purpose?: string } }>(
    '/people/:id',
    { schema: { hide: true, params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 36 } } }, querystring: { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 }, purpose: { type: 'string', maxLength: 64 } } } } },
    async (request, reply) => {
      const found = await consoleCaller(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      const t = CONSOLE_TEXTS[lang].people
      const id = request.params.id.toLowerCase()
      const purpose = request.query.purpose ?? ''
      const refusal = (message: string, status: number) => helpers.send(reply, renderConsolePage(consoleFrame(found.session, lang, 'people', t.title, '/admin/people'), <div class="error" role="alert"><p>{message}</p></div>), status)
      if (!isUuid(id)) return refusal(t.notFound, 404)
      try {
        const person = await runtime.gate.read(found.actor, purpose, id)
        const [consents, history] = await Promise.all([runtime.gate.consentHistory(found.actor, id), runtime.gate.history(found.actor, purpose, id)])
        const body = <PersonBody data={{ lang, policy: runtime.policy(), purpose, purposes: purposesOf(found), person, consents, history }} />
        return helpers.send(reply, renderConsolePage(consoleFrame(found.session, lang, 'people', personTitle(lang, id), `/admin/people/${id}?purpose=${encodeURIComponent(purpose)}`), body))
      } catch (err) {
        if (err instanceof GateDenied) return refusal(err.status === 404 ? t.notFound : t.notAllowed, err.status)
        throw err
      }
    },
  )

  // The person's legal holds, on its own page: opening it is one audited use of a legal-claims
  // purpose, which the gate grants (legalClaimsAccess) or refuses.
  app.get<{ Params: { id: string }; Querystring: { lang?: string; purpose?: string } }>(
    '/people/:id/holds',
    { schema: { hide: true, params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 36 } } }, querystring: { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 }, purpose: { type: 'string', maxLength: 64 } } } } },
    async (request, reply) => {
      const found = await consoleCaller(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      const id = request.params.id.toLowerCase()
      const frame = consoleFrame(found.session, lang, 'people', holdsTitle(lang, id), `/admin/people/${id}/holds`)
      const body = (holds: Parameters<typeof HoldsBody>[0]['holds']) => <HoldsBody lang={lang} policy={runtime.policy()} personId={id} backPurpose={request.query.purpose ?? ''} holds={holds} />
      if (!isUuid(id)) return helpers.send(reply, renderConsolePage(frame, body(undefined)), 404)
      try {
        return helpers.send(reply, renderConsolePage(frame, body(await runtime.legalHolds.list(found.actor, id))))
      } catch (err) {
        if (err instanceof GateDenied) return helpers.send(reply, renderConsolePage(frame, body(undefined)), err.status)
        throw err
      }
    },
  )
}
