// GET /admin/contact: the newest messages, ids and times only, for a role holding the contact purpose.
// GET /admin/contact/:id: one message of the website's contact form, read through the gate as the
// staff member's actor under the contact purpose (the gate decides from their role and audits the
// read; an erased or expired message is gone). The mailbox notice links here; it never carries the
// message itself.
import type { FastifyInstance } from 'fastify'
import { isUuid } from '../../../util/ids.ts'
import type { Runtime } from '../../../runtime.ts'
import { GateDenied } from '../../../gate/gate.ts'
import { renderConsolePage } from './layout.tsx'
import { CONTACT_CONSOLE_TEXTS } from './contact-texts.ts'
import { consoleCaller, consoleFrame, consoleLanguage, type ConsoleHelpers } from './console-session.ts'

const DETAIL_CATEGORIES = ['contact.name', 'contact.email', 'contact.phone', 'professional.organisation', 'professional.role'] as const

export async function consoleContactRoutes(app: FastifyInstance, runtime: Runtime, helpers: ConsoleHelpers): Promise<void> {
  app.get<{ Querystring: { lang?: string } }>('/contact', { schema: { hide: true, querystring: { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 } } } } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    const t = CONTACT_CONSOLE_TEXTS[lang]
    const frame = consoleFrame(found.session, lang, 'contact', t.listTitle, '/admin/contact')
    try {
      const rows = await runtime.contact.list(found.actor)
      const body = rows.length === 0 ? <p>{t.none}</p> : (
        <>
          <p>{t.listIntro}</p>
          <table>
            <thead><tr><th scope="col">{t.reference}</th><th scope="col">{t.received}</th><th scope="col">{t.state}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}><td><a href={`/admin/contact/${r.id}?lang=${lang}`}>{r.id}</a></td><td>{r.receivedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</td><td>{r.confirmed ? t.yes : t.no} / {r.linked ? t.yes : t.no}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )
      return helpers.send(reply, renderConsolePage(frame, body))
    } catch (err) {
      if (err instanceof GateDenied) return helpers.send(reply, renderConsolePage(frame, <div class="error" role="alert"><p>{t.notAllowed}</p></div>), err.status)
      throw err
    }
  })

  app.get<{ Params: { id: string }; Querystring: { lang?: string } }>(
    '/contact/:id',
    { schema: { hide: true, params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 36 } } }, querystring: { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 } } } } },
    async (request, reply) => {
      const found = await consoleCaller(runtime, request, reply)
      if (!found) return reply
      const lang = consoleLanguage(request)
      const t = CONTACT_CONSOLE_TEXTS[lang]
      const id = request.params.id.toLowerCase()
      const frame = consoleFrame(found.session, lang, 'contact', t.title(id), `/admin/contact/${id}`)
      const refusal = (message: string, status: number) => helpers.send(reply, renderConsolePage(frame, <div class="error" role="alert"><p>{message}</p></div>), status)
      if (!isUuid(id)) return refusal(t.notFound, 404)
      try {
        const m = await runtime.contact.read(found.actor, id)
        const policy = runtime.policy()
        const value = (k: string) => (typeof m.data[k] === 'string' ? (m.data[k] as string) : undefined)
        const body = (
          <>
            <p>{t.readNote}</p>
            <dl class="facts">
              <dt>{t.received}</dt><dd>{m.receivedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</dd>
              <dt>{t.language}</dt><dd>{m.lang}</dd>
              <dt>{m.confirmedAt ? t.confirmed : t.notConfirmed}</dt><dd>{m.confirmedAt ? m.confirmedAt.toISOString().replace('T', ' ').slice(0, 16) : '—'}</dd>
              <dt>{m.linkedSubjectId ? t.linked : t.notLinked}</dt><dd>{m.linkedSubjectId ? <a href={`/admin/people/${m.linkedSubjectId}?lang=${lang}`}>{m.linkedSubjectId}</a> : '—'}</dd>
            </dl>
            <h2>{t.details}</h2>
            <dl class="facts">
              {DETAIL_CATEGORIES.filter((k) => value(k) !== undefined).map((k) => (
                <><dt>{policy.category(k)?.label[lang] ?? k}</dt><dd>{value(k)}</dd></>
              ))}
            </dl>
            <h2>{t.message}</h2>
            <div class="message">{(value('communication.message') ?? '').split('\n').map((line) => <>{line}<br /></>)}</div>
          </>
        )
        return helpers.send(reply, renderConsolePage(frame, body))
      } catch (err) {
        if (err instanceof GateDenied) return refusal(err.status === 404 || err.reason === 'subject_erased' ? t.notFound : t.notAllowed, err.reason === 'subject_erased' ? 404 : err.status)
        throw err
      }
    },
  )
}
