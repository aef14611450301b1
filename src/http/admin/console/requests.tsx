// The requests inbox and one request's page: its facts, the requester's address and words, the
// whole timeline, and a form for every decision staff take (each posts to the same staff action the
// API runs). Plain forms, no script: every action works by keyboard and without JavaScript.
import type { ComponentChildren } from 'preact'
import type { Language } from '../../../policy/schema.ts'
import type { Policy } from '../../../policy/policy.ts'
import { REQUEST_STATUSES, REQUEST_TYPES, DOUBT_REASONS, type RequestStatus, type RequestType } from '../../../requests/types.ts'
import { REQUEST_STATUS_TEXT, REQUEST_TYPE_TEXT, categoryLabel, purposeName, requestDate } from '../../../requests/mails.ts'
import { VERIFICATION_MEANS, type StaffRequestView } from '../../../requests/service.ts'
import { CONSOLE_TEXTS } from './texts.ts'
import { MisdirectedAnswer } from './breaches.tsx'
import { withLang } from './layout.tsx'

export interface InboxFilter {
  readonly type?: RequestType | undefined
  readonly status?: RequestStatus | undefined
  readonly overdue?: boolean | undefined
  readonly dueBefore?: string | undefined
  /** A customer's tenant id: the requests passed on to that customer. */
  readonly customer?: string | undefined
}

const shortId = (id: string) => id.slice(0, 8)

function Flags({ lang, r }: { lang: Language; r: StaffRequestView }) {
  const f = CONSOLE_TEXTS[lang].inbox.flag
  const flags = [r.overdue && f.overdue, r.paused && f.paused, r.repeated && f.repeated, r.pushPending && f.pushPending, r.routedAt && f.routed].filter((x): x is string => typeof x === 'string')
  return <>{flags.map((x) => <span key={x} class={`flag${x === f.overdue ? ' flag-late' : ''}`}>{x}</span>)}</>
}

export function InboxBody({ lang, filter, requests, customers }: { lang: Language; filter: InboxFilter; requests: readonly StaffRequestView[]; customers: readonly string[] }) {
  const t = CONSOLE_TEXTS[lang].inbox
  return (
    <>
      <p>{t.intro}</p>
      {/* With script, a changed filter refreshes only the list and the address (htmx); without, Apply reloads the page. */}
      <form method="get" action="/admin/requests" class="filters" aria-label={t.filters} hx-get="/admin/requests" hx-trigger="change, submit" hx-target="#inbox-results" hx-select="#inbox-results" hx-swap="outerHTML" hx-push-url="true">
        <input type="hidden" name="lang" value={lang} />
        <div>
          <label for="f-type">{t.type}</label>
          <select id="f-type" name="type">
            <option value="">{t.any}</option>
            {REQUEST_TYPES.map((type) => <option key={type} value={type} selected={filter.type === type}>{REQUEST_TYPE_TEXT[lang][type].title}</option>)}
          </select>
        </div>
        <div>
          <label for="f-status">{t.status}</label>
          <select id="f-status" name="status">
            <option value="">{t.any}</option>
            {REQUEST_STATUSES.map((s) => <option key={s} value={s} selected={filter.status === s}>{REQUEST_STATUS_TEXT[lang][s]}</option>)}
          </select>
        </div>
        <div>
          <label for="f-due">{t.dueBefore}</label>
          <input id="f-due" name="dueBefore" type="date" value={filter.dueBefore ?? ''} />
        </div>
        <div>
          <label for="f-customer">{t.customer}</label>
          <select id="f-customer" name="customer">
            <option value="">{t.ownRequests}</option>
            {customers.map((c) => <option key={c} value={c} selected={filter.customer === c}>{t.routedTo(c)}</option>)}
          </select>
        </div>
        <div class="check">
          <input id="f-overdue" name="overdue" type="checkbox" value="true" checked={filter.overdue === true} />
          <label for="f-overdue">{t.overdueOnly}</label>
        </div>
        <button type="submit">{t.apply}</button>
      </form>
      <div id="inbox-results">
      {requests.length === 0 ? (
        <p role="status">{t.empty}</p>
      ) : (
        <table>
          <caption class="hint">{t.caption(requests.length)}</caption>
          <thead>
            <tr><th scope="col">{t.due}</th><th scope="col">{t.type}</th><th scope="col">{t.status}</th><th scope="col">{t.received}</th><th scope="col">{t.flags}</th><th scope="col">{t.customer}</th><th scope="col"><span class="visually-hidden">{t.open}</span></th></tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id}>
                <td>{r.dueAt}</td>
                <td>{REQUEST_TYPE_TEXT[lang][r.type].title}</td>
                <td>{REQUEST_STATUS_TEXT[lang][r.status]}</td>
                <td>{r.receivedAt.slice(0, 16).replace('T', ' ')} UTC</td>
                <td><Flags lang={lang} r={r} /></td>
                <td>{r.tenantId ?? t.ownCustomer}</td>
                {/* A request passed on belongs to the customer: the controller sees its state, not its content. */}
                <td>{r.tenantId && r.routedAt ? <span class="hint">{t.customerHandles}</span> : <a href={withLang(`/admin/requests/${r.id}`, lang)}>{t.open} <span class="visually-hidden">{shortId(r.id)}</span></a>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      </div>
    </>
  )
}

export interface RequestPageData {
  readonly lang: Language
  readonly csrf: string
  readonly policy: Policy
  readonly request: StaffRequestView
  readonly requester: { email: string | null; details: string | null; pushTo: string | null }
  readonly history: readonly { at: string; from: string | null; to: string; action: string; actor: string }[]
  readonly notice?: string | undefined
  readonly error?: string | undefined
}

export function requestTitle(lang: Language, id: string): string {
  return CONSOLE_TEXTS[lang].request.title(shortId(id))
}

function ActionForm({ data, action, title, hint, submit, children }: { data: RequestPageData; action: string; title: string; hint?: string; submit: string; children?: ComponentChildren }) {
  const id = `act-${action}`
  return (
    <section aria-labelledby={id} class="action">
      <h3 id={id}>{title}</h3>
      {hint ? <p class="hint">{hint}</p> : null}
      <form method="post" action={withLang(`/admin/requests/${data.request.id}/actions/${action}`, data.lang)}>
        <input type="hidden" name="_csrf" value={data.csrf} />
        {children}
        <button type="submit">{submit}</button>
      </form>
    </section>
  )
}

function Field({ id, label, children }: { id: string; label: string; children: ComponentChildren }) {
  return (
    <>
      <label for={id}>{label}</label>
      {children}
    </>
  )
}

const isOpen = (s: RequestStatus) => s !== 'completed' && s !== 'refused'

export function RequestBody({ data }: { data: RequestPageData }) {
  const { lang, request: r, requester, policy } = data
  const t = CONSOLE_TEXTS[lang]
  const tr = t.request
  const a = t.act
  const liPurposes = policy.purposes.filter((p) => p.role === 'controller' && Object.values(p.basis).includes('legitimate_interests'))
  return (
    <>
      <p><a href={withLang('/admin/requests', lang)}>{tr.back}</a></p>
      {data.notice ? <div class="notice" role="status"><p>{data.notice}</p></div> : null}
      {data.error ? <div class="error" role="alert"><p>{data.error}</p></div> : null}
      <h2>{tr.facts}</h2>
      <dl class="facts">
        <dt>{t.inbox.type}</dt><dd>{REQUEST_TYPE_TEXT[lang][r.type].title} ({REQUEST_TYPE_TEXT[lang][r.type].article})</dd>
        <dt>{t.inbox.status}</dt><dd>{REQUEST_STATUS_TEXT[lang][r.status]} <Flags lang={lang} r={r} /></dd>
        <dt>{t.inbox.received}</dt><dd>{r.receivedAt.slice(0, 16).replace('T', ' ')} UTC</dd>
        <dt>{t.inbox.due}</dt><dd>{r.dueAt}{r.extensionMonths ? ` (+${r.extensionMonths})` : ''}</dd>
        <dt>{tr.channel}</dt><dd>{r.channel}</dd>
        <dt>{tr.language}</dt><dd>{r.lang}</dd>
        <dt>{tr.verification}</dt><dd>{r.verification.verified ? tr.verifiedBy(r.verification.method ?? '', r.verification.by ?? null, (r.verification.at ?? '').slice(0, 10)) : tr.notVerified}</dd>
        <dt>{tr.people}</dt><dd>{r.subjectIds.length ? r.subjectIds.map((s) => <code key={s}>{s} </code>) : tr.noPeople}</dd>
      </dl>
      <h2>{tr.requester}</h2>
      <p class="hint">{tr.requesterNote}</p>
      {requester.email === null && requester.details === null ? (
        <p>{tr.forgotten}</p>
      ) : (
        <dl class="facts">
          <dt>{tr.email}</dt><dd>{requester.email ?? '—'}</dd>
          <dt>{tr.words}</dt><dd class="words">{requester.details ?? '—'}</dd>
          {requester.pushTo ? <><dt>{tr.pushTo}</dt><dd>{requester.pushTo}</dd></> : null}
          {r.pushCountry ? <><dt>{tr.pushCountry}</dt><dd id="push-country"><code>{r.pushCountry}</code>{r.pushRisksAcceptedAt ? <> — {tr.pushRisksAccepted(requestDate(data.policy, r.pushRisksAcceptedAt, data.lang))}</> : null}</dd></> : null}
        </dl>
      )}
      <h2>{tr.timeline}</h2>
      <table>
        <caption class="visually-hidden">{tr.timeline}</caption>
        <thead><tr><th scope="col">{tr.when}</th><th scope="col">{tr.from}</th><th scope="col">{tr.to}</th><th scope="col">{tr.action}</th><th scope="col">{tr.by}</th></tr></thead>
        <tbody>
          {data.history.map((e, i) => (
            <tr key={i}>
              <td>{e.at.slice(0, 19).replace('T', ' ')} UTC</td>
              <td>{e.from ? REQUEST_STATUS_TEXT[lang][e.from as RequestStatus] ?? e.from : '—'}</td>
              <td>{REQUEST_STATUS_TEXT[lang][e.to as RequestStatus] ?? e.to}</td>
              <td><code>{e.action}</code></td>
              <td><code>{e.actor}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{tr.actions}</h2>
      {!isOpen(r.status) ? (
        <p>{tr.closedNote}</p>
      ) : (
        <div class="actions">
          {!r.verification.verified ? (
            <ActionForm data={data} action="identity-verified" title={a.verify.title} submit={a.verify.submit}>
              <Field id="verify-method" label={a.verify.method}>
                <select id="verify-method" name="method" required>{VERIFICATION_MEANS.map((m) => <option key={m} value={m}>{t.verificationMeans[m]}</option>)}</select>
              </Field>
            </ActionForm>
          ) : null}
          <ActionForm data={data} action="doubt" title={a.doubt.title} hint={a.doubt.hint} submit={a.doubt.submit}>
            <Field id="doubt-reason" label={a.doubt.reason}>
              <select id="doubt-reason" name="reason" required>{DOUBT_REASONS.map((x) => <option key={x} value={x}>{t.doubtReasons[x]}</option>)}</select>
            </Field>
            <Field id="doubt-means" label={a.doubt.means}>
              <select id="doubt-means" name="means" required>{VERIFICATION_MEANS.map((m) => <option key={m} value={m}>{t.verificationMeans[m]}</option>)}</select>
            </Field>
          </ActionForm>
          <ActionForm data={data} action="extend" title={a.extend.title} hint={a.extend.hint} submit={a.extend.submit}>
            <Field id="extend-months" label={a.extend.months}>
              <select id="extend-months" name="months" required><option value="1">1</option><option value="2">2</option></select>
            </Field>
            <Field id="extend-reason" label={a.extend.reason}>
              <textarea id="extend-reason" name="reason" required maxLength={2000} rows={3} />
            </Field>
          </ActionForm>
          <ActionForm data={data} action="announce" title={a.announce.title} hint={a.announce.hint} submit={a.announce.submit}>
            <Field id="announce-kind" label={a.announce.kind}>
              <select id="announce-kind" name="kind" required><option value="fee">{a.announce.fee}</option><option value="refusal">{a.announce.refusal}</option></select>
            </Field>
            <Field id="announce-amount" label={a.announce.amount}>
              <input id="announce-amount" name="amount" inputMode="decimal" pattern="[0-9]{1,5}([.,][0-9]{1,2})?" />
            </Field>
            <Field id="announce-justification" label={a.announce.justification}>
              <textarea id="announce-justification" name="justification" required maxLength={4000} rows={3} />
            </Field>
          </ActionForm>
          {r.intended ? (
            <ActionForm data={data} action="refuse" title={a.refuse.title} hint={a.refuse.hint} submit={a.refuse.submit} />
          ) : null}
          {r.type === 'rectification' && r.subjectIds.length ? (
            <ActionForm data={data} action="rectify" title={a.rectify.title} hint={a.rectify.hint} submit={a.rectify.submit}>
              <Field id="rectify-person" label={a.rectify.person}>
                <select id="rectify-person" name="subjectId" required>{r.subjectIds.map((s) => <option key={s} value={s}>{s}</option>)}</select>
              </Field>
              <Field id="rectify-category" label={a.rectify.category}>
                <select id="rectify-category" name="category" required>{policy.categories.map((c) => <option key={c.id} value={c.id}>{categoryLabel(policy, c.id, lang)}</option>)}</select>
              </Field>
              <Field id="rectify-value" label={a.rectify.value}>
                <input id="rectify-value" name="value" required maxLength={1000} autoComplete="off" />
              </Field>
            </ActionForm>
          ) : null}
          {r.type === 'objection' && liPurposes.length ? (
            <ActionForm data={data} action="objection-decision" title={a.objection.title} hint={a.objection.hint} submit={a.objection.submit}>
              <Field id="objection-purpose" label={a.objection.purpose}>
                <select id="objection-purpose" name="purpose" required>{liPurposes.map((p) => <option key={p.id} value={p.id}>{purposeName(policy, p.id, lang)}</option>)}</select>
              </Field>
              <fieldset>
                <legend>{a.objection.title}</legend>
                <div class="check"><input type="radio" id="objection-upheld" name="upheld" value="true" required /><label for="objection-upheld">{a.objection.upheld}</label></div>
                <div class="check"><input type="radio" id="objection-rejected" name="upheld" value="false" /><label for="objection-rejected">{a.objection.rejected}</label></div>
              </fieldset>
              <Field id="objection-grounds" label={a.objection.grounds}>
                <textarea id="objection-grounds" name="grounds" maxLength={4000} rows={3} />
              </Field>
            </ActionForm>
          ) : null}
          {r.type === 'restriction' ? (
            <>
              <ActionForm data={data} action="restriction-lift-notice" title={a.liftNotice.title} submit={a.liftNotice.submit}>
                <Field id="lift-on" label={a.liftNotice.liftOn}>
                  <input id="lift-on" name="liftOn" type="date" required />
                </Field>
              </ActionForm>
              <ActionForm data={data} action="lift-restriction" title={a.lift.title} hint={a.lift.hint} submit={a.lift.submit} />
            </>
          ) : null}
          {r.pushPending ? <ActionForm data={data} action="confirm-push" title={a.push.title} hint={a.push.hint} submit={a.push.submit} /> : null}
          <ActionForm data={data} action="close" title={a.close.title} submit={a.close.submit}>
            <fieldset>
              <legend>{a.close.title}</legend>
              <div class="check"><input type="radio" id="close-answered" name="note" value="answered" required /><label for="close-answered">{a.close.answered}</label></div>
              <div class="check"><input type="radio" id="close-no-data" name="note" value="no_data_held" /><label for="close-no-data">{a.close.noData}</label></div>
            </fieldset>
          </ActionForm>
        </div>
      )}
      <MisdirectedAnswer lang={data.lang} requestId={data.request.id} csrf={data.csrf} />
    </>
  )
}
