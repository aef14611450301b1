// The console's complaints section (issue 17, part 2):
//   GET  /admin/complaints               the register: confirmed complaints, due dates from the policy, overdue marked (ids, dates, codes)
//   GET  /admin/complaints/:id           one complaint, read through the gate under the staff member's actor (audited)
//   POST /admin/complaints/:id/note      a handling note (to the vault through the gate)
//   POST /admin/complaints/:id/outcome   the outcome code and the explanation; the complainant is mailed
// The gate decides every list, read and write (a role holding the complaints purpose); the pages
// show the handling forms only to such a role (handlesComplaints, in src/staff/permissions.ts).
import type { FastifyInstance, FastifyReply } from 'fastify'
import { isUuid } from '../../../util/ids.ts'
import type { Runtime } from '../../../runtime.ts'
import type { Language } from '../../../policy/schema.ts'
import { GateDenied } from '../../../gate/gate.ts'
import { COMPLAINT_LIMITS, ComplaintRefused, OUTCOMES } from '../../../complaints/complaints.ts'
import { handlesComplaints } from '../../../staff/permissions.ts'
import { renderConsolePage, withLang } from './layout.tsx'
import { COMPLAINT_CONSOLE_TEXTS } from './complaints-texts.ts'
import { consoleCaller, consoleFrame, consoleLanguage, consolePost, type ConsoleCaller, type ConsoleHelpers } from './console-session.ts'

const LANG_ONLY = { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 16 }, done: { type: 'string', enum: ['1'] } } } as const
const ID_PARAMS = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 36 } } } as const
const when = (d: Date | null) => (d ? `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC` : '—')

export async function consoleComplaintRoutes(app: FastifyInstance, runtime: Runtime, helpers: ConsoleHelpers): Promise<void> {
  app.get<{ Querystring: { lang?: string } }>('/complaints', { schema: { hide: true, querystring: LANG_ONLY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    const t = COMPLAINT_CONSOLE_TEXTS[lang]
    const frame = consoleFrame(found.session, lang, 'complaints', t.listTitle, '/admin/complaints')
    try {
      const rows = await runtime.complaints.register(found.actor)
      const body = rows.length === 0 ? <p>{t.none}</p> : (
        <>
          <p>{t.listIntro}</p>
          <table>
            <thead><tr><th scope="col">{t.reference}</th><th scope="col">{t.received}</th><th scope="col">{t.due}</th><th scope="col">{t.state}</th><th scope="col">{t.notes}</th><th scope="col">{t.outcome}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td><a href={`/admin/complaints/${r.id}?lang=${lang}`}>{r.id}</a></td>
                  <td>{when(r.receivedAt)}</td>
                  <td>{r.dueOn ?? '—'}{r.overdue ? <> <strong class="flag">{t.overdue}</strong></> : null}</td>
                  <td>{t.statuses[r.status]}</td>
                  <td>{r.notes}</td>
                  <td>{r.outcome ? t.outcomes[r.outcome] : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )
      return helpers.send(reply, renderConsolePage(frame, body))
    } catch (err) {
      if (err instanceof GateDenied) return helpers.send(reply, renderConsolePage(frame, <div class="error" role="alert"><p>{t.notAllowed}</p></div>), 403)
      throw err
    }
  })

  const complaintPage = async (reply: FastifyReply, found: ConsoleCaller, lang: Language, id: string, extra: { notice?: string; error?: string; status?: number } = {}) => {
    const t = COMPLAINT_CONSOLE_TEXTS[lang]
    const frame = consoleFrame(found.session, lang, 'complaints', t.title(id), `/admin/complaints/${id}`)
    const refusal = (message: string, status: number) => helpers.send(reply, renderConsolePage(frame, <div class="error" role="alert"><p>{message}</p></div>), status)
    if (!isUuid(id)) return refusal(t.notFound, 404)
    try {
      const c = await runtime.complaints.read(found.actor, id)
      const mayHandle = handlesComplaints(runtime.policy(), found.session)
      const csrf = <input type="hidden" name="_csrf" value={found.session.csrf} />
      const body = (
        <>
          {extra.notice ? <p role="status" class="notice">{extra.notice}</p> : null}
          {extra.error ? <div class="error" role="alert"><p>{extra.error}</p></div> : null}
          <p>{t.readNote}</p>
          <dl class="facts">
            <dt>{t.state}</dt><dd id="complaint-status">{t.statuses[c.status]}</dd>
            <dt>{t.received}</dt><dd>{when(c.receivedAt)}</dd>
            <dt>{t.confirmed}</dt><dd>{when(c.confirmedAt)}</dd>
            <dt>{t.due}</dt><dd>{c.dueOn ?? '—'}{c.overdue ? <> <strong class="flag">{t.overdue}</strong></> : null}</dd>
            <dt>{t.language}</dt><dd>{c.lang}</dd>
            <dt>{t.name}</dt><dd>{c.name}</dd>
            <dt>{t.email}</dt><dd>{c.email}</dd>
          </dl>
          <h2>{t.description}</h2>
          <div class="message" id="complaint-description">{c.description.split('\n').map((line) => <>{line}<br /></>)}</div>
          <h2>{t.handling}</h2>
          {c.notesText.length === 0 ? <p>{t.noNotes}</p> : (
            <ol id="complaint-notes">{c.notesText.map((n, i) => <li key={i}><p class="hint">{when(n.at)} · <code>{n.actorId ?? '—'}</code></p><div class="message">{n.text.split('\n').map((line) => <>{line}<br /></>)}</div></li>)}</ol>
          )}
          {c.status === 'closed' ? (
            <>
              <h2>{t.outcomeSent}</h2>
              <dl class="facts"><dt>{t.outcome}</dt><dd id="complaint-outcome">{c.outcome ? t.outcomes[c.outcome] : '—'}</dd><dt>{t.when}</dt><dd>{when(c.outcomeAt)}</dd></dl>
              <div class="message">{(c.outcomeText ?? '').split('\n').map((line) => <>{line}<br /></>)}</div>
            </>
          ) : mayHandle ? (
            <>
              <form method="post" action={withLang(`/admin/complaints/${id}/note`, lang)}>
                {csrf}
                <h3>{t.addNote}</h3>
                <label for="note">{t.noteLabel(COMPLAINT_LIMITS.note)}</label>
                <textarea id="note" name="note" rows={4} maxlength={COMPLAINT_LIMITS.note} required></textarea>
                <p><button type="submit">{t.saveNote}</button></p>
              </form>
              <form method="post" action={withLang(`/admin/complaints/${id}/outcome`, lang)}>
                {csrf}
                <h3>{t.outcomeHeading}</h3>
                <label for="outcome">{t.outcomeLabel}</label>
                <select id="outcome" name="outcome" required>{OUTCOMES.map((o) => <option key={o} value={o}>{t.outcomes[o]}</option>)}</select>
                <label for="explanation">{t.explanationLabel(COMPLAINT_LIMITS.note)}</label>
                <textarea id="explanation" name="explanation" rows={5} maxlength={COMPLAINT_LIMITS.note} required></textarea>
                <p><button type="submit">{t.sendOutcome}</button></p>
              </form>
            </>
          ) : null}
          <h2>{t.history}</h2>
          <table>
            <thead><tr><th scope="col">{t.when}</th><th scope="col">{t.what}</th><th scope="col">{t.by}</th></tr></thead>
            <tbody>{c.events.map((e, i) => <tr key={i}><td>{when(e.at)}</td><td>{t.events[e.kind] ?? e.kind}{e.code ? <> (<code>{e.code}</code>)</> : null}</td><td><code>{e.actorId}</code></td></tr>)}</tbody>
          </table>
        </>
      )
      return helpers.send(reply, renderConsolePage(frame, body), extra.status ?? 200)
    } catch (err) {
      if (err instanceof ComplaintRefused && err.status === 404) return refusal(t.notFound, 404)
      if (err instanceof GateDenied) return refusal(err.status === 404 || err.reason === 'subject_erased' ? t.notFound : t.notAllowed, err.reason === 'subject_erased' ? 404 : err.status)
      throw err
    }
  }

  app.get<{ Params: { id: string }; Querystring: { lang?: string; done?: string } }>('/complaints/:id', { schema: { hide: true, params: ID_PARAMS, querystring: LANG_ONLY } }, async (request, reply) => {
    const found = await consoleCaller(runtime, request, reply)
    if (!found) return reply
    const lang = consoleLanguage(request)
    return complaintPage(reply, found, lang, request.params.id.toLowerCase(), request.query.done ? { notice: COMPLAINT_CONSOLE_TEXTS[lang].done } : {})
  })

  for (const action of ['note', 'outcome'] as const) {
    app.post<{ Params: { id: string }; Querystring: { lang?: string }; Body: { _csrf?: string; note?: string; outcome?: string; explanation?: string } }>(
      `/complaints/:id/${action}`,
      {
        schema: {
          hide: true,
          params: ID_PARAMS,
          querystring: LANG_ONLY,
          body: { type: 'object', additionalProperties: false, properties: { _csrf: { type: 'string', maxLength: 200 }, note: { type: 'string', maxLength: 2 * COMPLAINT_LIMITS.note }, outcome: { type: 'string', maxLength: 64 }, explanation: { type: 'string', maxLength: 2 * COMPLAINT_LIMITS.note } } },
        },
      },
      async (request, reply) => {
        const found = await consolePost(runtime, request, reply)
        if (!found) return reply
        const lang = consoleLanguage(request)
        const t = COMPLAINT_CONSOLE_TEXTS[lang]
        const id = request.params.id.toLowerCase()
        if (!isUuid(id)) return complaintPage(reply, found, lang, id)
        try {
          if (action === 'note') await runtime.complaints.addNote(found.actor, id, request.body.note ?? '')
          else await runtime.complaints.recordOutcome(found.actor, id, request.body.outcome ?? '', request.body.explanation ?? '')
        } catch (err) {
          if (err instanceof ComplaintRefused && err.status !== 404) return complaintPage(reply, found, lang, id, { error: t.refusals[err.code] ?? err.message, status: err.status })
          if (err instanceof ComplaintRefused) return complaintPage(reply, found, lang, id)
          if (err instanceof GateDenied) return helpers.send(reply, renderConsolePage(consoleFrame(found.session, lang, 'complaints', t.title(id), `/admin/complaints/${id}`), <div class="error" role="alert"><p>{err.status === 404 ? t.notFound : t.notAllowed}</p></div>), err.status)
          throw err
        }
        return reply.redirect(withLang(`/admin/complaints/${id}?done=1`, lang), 303)
      },
    )
  }
}
