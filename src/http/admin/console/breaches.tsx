// The breach register pages (Art. 33–34): the list with each breach's 72-hour clock and the form to
// record one; a breach's page with its clock and alerts, the record, the GBA draft and its phased
// submissions (or, for a customer's data, what the customer was sent), and the Art. 34
// communication with its exceptions; the printable register.
import type { Language } from '../../../policy/schema.ts'
import { LANGUAGES } from '../../../policy/schema.ts'
import type { Policy } from '../../../policy/policy.ts'
import type { Breach, BreachAlert, BreachClock, BreachCommunication, BreachSubmission } from '../../../breaches/register.ts'
import { TEXT_MAX, SHORT_TEXT_MAX, RISKS, DECISIONS, EXCEPTIONS } from '../../../breaches/entry.ts'
import { withLang } from './layout.tsx'
import { BREACHES_TEXTS } from './breaches-texts.ts'

const at = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`
const short = (id: string) => id.slice(-8)

export function clockText(lang: Language, c: BreachClock): string {
  const t = BREACHES_TEXTS[lang].clock
  switch (c.state) {
    case 'not_started': return t.not_started
    case 'running': return t.running(c.hoursLeft!, at(c.deadline!))
    case 'overdue': return t.overdue(-c.hoursLeft!, at(c.deadline!))
    default: return t[c.state]
  }
}

export interface BreachRow {
  readonly breach: Breach
  readonly clock: BreachClock
}

export function BreachesBody({ lang, rows, csrf, canRead, recorded, error, policy }: { lang: Language; rows: readonly BreachRow[]; csrf: string; canRead: boolean; recorded: boolean; error?: string | undefined; policy: Policy }) {
  const t = BREACHES_TEXTS[lang]
  return (
    <>
      <p>{t.intro}</p>
      {recorded ? <div class="notice" role="status"><p>{canRead ? t.recorded : t.recordedNoAccess}</p></div> : null}
      {error ? <div class="error" role="alert"><p>{error}</p></div> : null}
      {canRead ? (
        <section aria-labelledby="register-title">
          <h2 id="register-title">{t.listTitle}</h2>
          {rows.length ? (
            <table id="breaches">
              <caption class="hint">{t.caption(rows.length)}</caption>
              <thead><tr><th scope="col">{t.columns.recorded}</th><th scope="col">{t.columns.breach}</th><th scope="col">{t.columns.source}</th><th scope="col">{t.columns.status}</th><th scope="col">{t.columns.clock}</th><th scope="col">{t.columns.risk}</th><th scope="col">{t.columns.decision}</th></tr></thead>
              <tbody>
                {rows.map(({ breach: b, clock }) => (
                  <tr key={b.id} class="breach" data-clock={clock.state}>
                    <td>{at(b.createdAt)}</td>
                    <td><a href={withLang(`/admin/breaches/${b.id}`, lang)}><code>{short(b.id)}</code></a>{b.tenantId ? <> · <code>{b.tenantId}</code></> : null}</td>
                    <td>{t.source[b.source]}</td>
                    <td>{t.status[b.status]}</td>
                    <td>{clockText(lang, clock)}</td>
                    <td>{t.risk[b.risk]}</td>
                    <td>{t.decision[b.decision]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p>{t.none}</p>}
          <p>{t.exports.title}: <a href={withLang('/admin/breaches/export.csv', lang)}>{t.exports.csv}</a> · <a href={withLang('/admin/breaches/export', lang)}>{t.exports.print}</a></p>
        </section>
      ) : null}
      <section aria-labelledby="new-title" class="action">
        <h2 id="new-title">{t.form.newTitle}</h2>
        <p class="hint" id="no-personal-data">{t.form.noPersonalData}</p>
        <form method="post" action={withLang('/admin/breaches', lang)}>
          <input type="hidden" name="_csrf" value={csrf} />
          <div>
            <label for="facts">{t.form.facts} <span class="hint" id="facts-hint">{t.form.factsHint} {t.form.limit(TEXT_MAX)}</span></label>
            <textarea id="facts" name="facts" rows={4} maxLength={TEXT_MAX} required aria-describedby="facts-hint no-personal-data"></textarea>
          </div>
          <div>
            <label for="detectedAt">{t.form.detectedAt}</label>
            <input id="detectedAt" name="detectedAt" type="text" maxLength={40} inputmode="numeric" placeholder="2026-12-03T09:00" />
          </div>
          <Categories lang={lang} policy={policy} selected={[]} prefix="new" />
          <div>
            <label for="tenantId">{t.form.tenantId} <span class="hint" id="tenant-hint">{t.form.tenantHint}</span></label>
            <input id="tenantId" name="tenantId" type="text" maxLength={64} pattern="[A-Za-z0-9_.\-]*" aria-describedby="tenant-hint" />
          </div>
          <div class="check">
            <input id="awareNow" name="awareNow" type="checkbox" value="true" />
            <label for="awareNow">{t.form.awareNow}</label>
          </div>
          <button type="submit">{t.form.record}</button>
        </form>
      </section>
    </>
  )
}

function Categories({ lang, policy, selected, prefix, subjectTypes = [] }: { lang: Language; policy: Policy; selected: readonly string[]; prefix: string; subjectTypes?: readonly string[] }) {
  const t = BREACHES_TEXTS[lang].form
  return (
    <>
      <fieldset>
        <legend>{t.dataCategories}</legend>
        {policy.categories.map((c) => (
          <div key={c.id} class="check">
            <input id={`${prefix}-cat-${c.id}`} name={`cat_${c.id.replace(/[^A-Za-z0-9_]/g, '_')}`} type="checkbox" value={c.id} checked={selected.includes(c.id)} />
            <label for={`${prefix}-cat-${c.id}`}>{c.label[lang]}</label>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t.subjectTypes}</legend>
        {policy.subjectTypes.map((s) => (
          <div key={s.id} class="check">
            <input id={`${prefix}-st-${s.id}`} name={`st_${s.id.replace(/[^A-Za-z0-9_]/g, '_')}`} type="checkbox" value={s.id} checked={subjectTypes.includes(s.id)} />
            <label for={`${prefix}-st-${s.id}`}>{s.label[lang]}</label>
          </div>
        ))}
      </fieldset>
    </>
  )
}

function Area({ id, label, value, max, hint }: { id: string; label: string; value: string; max: number; hint: string }) {
  return (
    <div>
      <label for={id}>{label} <span class="hint" id={`${id}-hint`}>{hint}</span></label>
      <textarea id={id} name={id} rows={4} maxLength={max} aria-describedby={`${id}-hint no-personal-data`}>{value}</textarea>
    </div>
  )
}

export interface BreachPageData {
  readonly lang: Language
  readonly csrf: string
  readonly policy: Policy
  readonly breach: Breach
  readonly clock: BreachClock
  readonly alerts: readonly BreachAlert[]
  readonly submissions: readonly BreachSubmission[]
  readonly communications: readonly BreachCommunication[]
  readonly draft: string
  readonly draftLang: Language
  readonly manage: boolean
  readonly saved: boolean
  readonly error?: string | undefined
}

export function BreachBody({ data }: { data: BreachPageData }) {
  const { lang, breach: b, clock, csrf, policy, manage } = data
  const t = BREACHES_TEXTS[lang]
  const base = `/admin/breaches/${b.id}`
  const post = (action: string) => withLang(`${base}${action}`, lang)
  return (
    <>
      <p><a href={withLang('/admin/breaches', lang)}>{t.back}</a></p>
      <p class="hint"><code>{b.id}</code> · {t.source[b.source]}{b.requestId ? <> · <a href={withLang(`/admin/requests/${b.requestId}`, lang)}><code>{b.requestId}</code></a></> : null} · {t.status[b.status]}</p>
      {data.saved ? <div class="notice" role="status"><p>{t.form.saved}</p></div> : null}
      {data.error ? <div class="error" role="alert"><p>{data.error}</p></div> : null}
      {b.status === 'closed' ? <div class="notice"><p>{t.closed}</p></div> : null}
      <section aria-labelledby="clock-title" id="clock" data-state={clock.state} class={clock.state === 'overdue' ? 'error' : 'notice'}>
        <h2 id="clock-title">{t.clock.title}</h2>
        <p id="clock-text">{clockText(lang, clock)}</p>
        {clock.awareAt ? (
          <dl class="facts">
            <dt>{t.clock.awareAt}</dt><dd>{at(clock.awareAt)}</dd>
            {!b.tenantId ? <><dt>{t.clock.deadline}</dt><dd>{at(clock.deadline!)}</dd></> : null}
            <dt>{t.clock.title}</dt><dd>{t.clock.elapsed(clock.hoursElapsed!)}{clock.nextAlert ? `; ${t.clock.nextAlert(clock.nextAlert)}` : ''}</dd>
            {!b.tenantId ? <><dt>{t.clock.alerts}</dt><dd id="alerts">{data.alerts.length ? data.alerts.map((a) => t.clock.alert(a.hours, at(a.raisedAt))).join('; ') : t.clock.noAlerts}</dd></> : null}
          </dl>
        ) : manage ? (
          <form method="post" action={post('/aware')}>
            <input type="hidden" name="_csrf" value={csrf} />
            <p class="hint" id="aware-hint">{t.clock.markAwareHint}</p>
            <div>
              <label for="awareAt">{t.clock.awareWhen}</label>
              <input id="awareAt" name="awareAt" type="text" maxLength={40} placeholder="2026-12-03T09:00" aria-describedby="aware-hint" />
            </div>
            <button type="submit">{t.clock.markAware}</button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="record-title" class="action">
        <h2 id="record-title">{t.form.editTitle}</h2>
        <p class="hint" id="no-personal-data">{t.form.noPersonalData}</p>
        <form method="post" action={post('')}>
          <input type="hidden" name="_csrf" value={csrf} />
          <Area id="facts" label={t.form.facts} value={b.facts} max={TEXT_MAX} hint={`${t.form.factsHint} ${t.form.limit(TEXT_MAX)}`} />
          <Categories lang={lang} policy={policy} selected={b.dataCategories} subjectTypes={b.subjectTypes} prefix="edit" />
          <div>
            <label for="approxSubjects">{t.form.approxSubjects}</label>
            <input id="approxSubjects" name="approxSubjects" type="number" min={0} max={1000000000} value={b.approxSubjects ?? ''} />
          </div>
          <div>
            <label for="approxRecords">{t.form.approxRecords}</label>
            <input id="approxRecords" name="approxRecords" type="number" min={0} max={1000000000} value={b.approxRecords ?? ''} />
          </div>
          <Area id="consequences" label={t.form.consequences} value={b.consequences} max={TEXT_MAX} hint={t.form.limit(TEXT_MAX)} />
          <Area id="measures" label={t.form.measures} value={b.measures} max={TEXT_MAX} hint={t.form.limit(TEXT_MAX)} />
          <div>
            <label for="risk">{t.form.risk}</label>
            <select id="risk" name="risk">
              {RISKS.map((r) => <option key={r} value={r} selected={b.risk === r}>{t.risk[r]}</option>)}
            </select>
          </div>
          <Area id="riskReasoning" label={t.form.riskReasoning} value={b.riskReasoning} max={TEXT_MAX} hint={t.form.limit(TEXT_MAX)} />
          <div>
            <label for="decision">{t.form.decision}</label>
            <select id="decision" name="decision">
              {DECISIONS.map((d) => <option key={d} value={d} selected={b.decision === d}>{t.decision[d]}</option>)}
            </select>
          </div>
          <div>
            <label for="tenantId">{t.form.tenantId} <span class="hint" id="tenant-hint">{t.form.tenantHint}</span></label>
            <input id="tenantId" name="tenantId" type="text" maxLength={64} value={b.tenantId ?? ''} aria-describedby="tenant-hint" />
          </div>
          {manage ? <button type="submit">{t.form.save}</button> : null}
        </form>
      </section>
      <section aria-labelledby="draft-title" class="action" id="draft">
        <h2 id="draft-title">{b.tenantId ? t.draft.customerHint : t.draft.title}</h2>
        <p class="hint">{b.tenantId ? (b.customerNotifiedAt ? t.draft.customerNotified(at(b.customerNotifiedAt), b.customerChannel ?? '') : t.draft.customerPending) : t.draft.hint}</p>
        <p>{t.draft.language}: {LANGUAGES.map((l, i) => <span key={l}>{i ? ' · ' : ''}<a href={`${base}?lang=${lang}&draft=${l}#draft`} lang={l} aria-current={l === data.draftLang ? 'true' : undefined}>{l.toUpperCase()}</a></span>)}</p>
        <pre id="draft-text" lang={data.draftLang} tabindex={0}>{data.draft}</pre>
      </section>
      {!b.tenantId ? (
        <section aria-labelledby="submit-title" class="action" id="submissions">
          <h2 id="submit-title">{t.submit.title}</h2>
          {data.submissions.length ? (
            <ul>{data.submissions.map((s) => <li key={s.id} class="submission">{t.submit.row(s.phase, at(s.submittedAt), s.final, s.late)}{s.gbaReference ? ` · ${s.gbaReference}` : ''}</li>)}</ul>
          ) : <p>{t.submit.none}</p>}
          {manage && !data.submissions.some((s) => s.final) ? (
            b.awareAt && b.decision === 'notify' ? (
              <form method="post" action={post('/submissions')}>
                <input type="hidden" name="_csrf" value={csrf} />
                <input type="hidden" name="draftLang" value={data.draftLang} />
                <h3>{t.submit.phase(data.submissions.length + 1)}</h3>
                <div>
                  <label for="gbaReference">{t.submit.gbaReference}</label>
                  <input id="gbaReference" name="gbaReference" type="text" maxLength={100} />
                </div>
                <div>
                  <label for="lateReason">{t.submit.lateReason} <span class="hint" id="late-hint">{t.submit.lateHint}</span></label>
                  <textarea id="lateReason" name="lateReason" rows={3} maxLength={SHORT_TEXT_MAX} aria-describedby="late-hint" required={clock.state === 'overdue' && data.submissions.length === 0}></textarea>
                </div>
                <div class="check">
                  <input id="final" name="final" type="checkbox" value="true" />
                  <label for="final">{t.submit.final}</label>
                </div>
                <button type="submit">{t.submit.send}</button>
              </form>
            ) : <p class="hint">{t.submit.decideFirst}</p>
          ) : null}
        </section>
      ) : null}
      {!b.tenantId ? (
        <section aria-labelledby="art34-title" class="action" id="art34">
          <h2 id="art34-title">{t.art34.title}</h2>
          <p class="hint">{t.art34.hint}</p>
          {b.art34Exception ? <p class="notice" id="art34-exception">{t.art34.recordedException(b.art34Exception)} {b.art34ExceptionReason}</p> : null}
          <h3>{t.art34.people}</h3>
          {data.communications.length ? (
            <ul>{data.communications.map((c) => <li key={c.id} class="communication" data-state={c.state}><code>{c.subjectId}</code>: {t.art34.state[c.state]}{c.language ? ` (${c.language})` : ''}{c.sentAt ? `, ${at(c.sentAt)}` : ''}</li>)}</ul>
          ) : <p>{t.art34.nobody}</p>}
          {manage ? (
            b.risk === 'high' ? (
              <>
                {!b.art34Exception ? (
                  <form method="post" action={post('/communications')}>
                    <input type="hidden" name="_csrf" value={csrf} />
                    <div>
                      <label for="subjectIds">{t.art34.subjectIds} <span class="hint" id="subjects-hint">{t.art34.subjectHint}</span></label>
                      <textarea id="subjectIds" name="subjectIds" rows={3} maxLength={40000} aria-describedby="subjects-hint"></textarea>
                    </div>
                    <button type="submit">{t.art34.send}</button>
                  </form>
                ) : null}
                <form method="post" action={post('/exception')}>
                  <input type="hidden" name="_csrf" value={csrf} />
                  <fieldset>
                    <legend>{t.art34.exception}</legend>
                    <div class="check"><input id="exc-none" name="exception" type="radio" value="" checked={!b.art34Exception} /><label for="exc-none">{t.art34.exceptionNone}</label></div>
                    {EXCEPTIONS.map((e) => <div key={e} class="check"><input id={`exc-${e}`} name="exception" type="radio" value={e} checked={b.art34Exception === e} /><label for={`exc-${e}`}>{t.art34.exceptions[e]}</label></div>)}
                  </fieldset>
                  <div>
                    <label for="exceptionReason">{t.art34.exceptionReason}</label>
                    <textarea id="exceptionReason" name="exceptionReason" rows={3} maxLength={SHORT_TEXT_MAX}>{b.art34ExceptionReason ?? ''}</textarea>
                  </div>
                  <button type="submit" class="secondary">{t.art34.saveException}</button>
                </form>
              </>
            ) : <p class="hint">{t.art34.onlyHigh}</p>
          ) : null}
        </section>
      ) : null}
      {manage && b.status !== 'closed' ? (
        <form method="post" action={post('/close')}>
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit" class="secondary">{t.close}</button>
        </form>
      ) : null}
    </>
  )
}

/** The printable register (Art. 33(5)): every breach with its facts, effects, remedies and reasoning. */
export function BreachesPrint({ lang, rows, policy }: { lang: Language; rows: readonly BreachRow[]; policy: Policy }) {
  const t = BREACHES_TEXTS[lang]
  return (
    <>
      <p class="hint">{policy.controller.name[lang]} · {t.caption(rows.length)}</p>
      {rows.length ? rows.map(({ breach: b, clock }) => (
        <section key={b.id} aria-labelledby={`b-${b.id}`} class="print-entry">
          <h2 id={`b-${b.id}`}><code>{b.id}</code></h2>
          <dl class="facts">
            <dt>{t.columns.recorded}</dt><dd>{at(b.createdAt)}</dd>
            <dt>{t.columns.source}</dt><dd>{t.source[b.source]}</dd>
            <dt>{t.columns.status}</dt><dd>{t.status[b.status]}</dd>
            <dt>{t.clock.awareAt}</dt><dd>{b.awareAt ? at(b.awareAt) : '—'}</dd>
            <dt>{t.columns.clock}</dt><dd>{clockText(lang, clock)}</dd>
            <dt>{t.form.facts}</dt><dd>{b.facts}</dd>
            <dt>{t.form.dataCategories}</dt><dd>{b.dataCategories.map((c) => policy.category(c)?.label[lang] ?? c).join(', ') || '—'}</dd>
            <dt>{t.form.subjectTypes}</dt><dd>{b.subjectTypes.map((s) => policy.subjectType(s)?.label[lang] ?? s).join(', ') || '—'}</dd>
            <dt>{t.form.approxSubjects}</dt><dd>{b.approxSubjects ?? '—'}</dd>
            <dt>{t.form.approxRecords}</dt><dd>{b.approxRecords ?? '—'}</dd>
            <dt>{t.form.consequences}</dt><dd>{b.consequences || '—'}</dd>
            <dt>{t.form.measures}</dt><dd>{b.measures || '—'}</dd>
            <dt>{t.form.risk}</dt><dd>{t.risk[b.risk]}</dd>
            <dt>{t.form.riskReasoning}</dt><dd>{b.riskReasoning || '—'}</dd>
            <dt>{t.form.decision}</dt><dd>{t.decision[b.decision]}</dd>
            {b.tenantId ? <><dt>{t.form.tenantId}</dt><dd><code>{b.tenantId}</code></dd></> : null}
          </dl>
        </section>
      )) : <p>{t.none}</p>}
    </>
  )
}

/** The dashboard's breach clocks (REQ-BR-02): each running clock, its hours left and the alerts raised. */
export function BreachClocks({ lang, running }: { lang: Language; running: readonly { breach: Breach; clock: BreachClock; alerts: readonly BreachAlert[] }[] }) {
  const t = BREACHES_TEXTS[lang]
  return (
    <section aria-labelledby="d-breaches" id="breach-clocks">
      <h2 id="d-breaches">{t.dashboard.title}</h2>
      {running.length ? (
        <ul>
          {running.map(({ breach, clock, alerts }) => (
            <li key={breach.id} class={clock.state === 'overdue' ? 'breach-clock overdue' : 'breach-clock'}>
              <a href={withLang(`/admin/breaches/${breach.id}`, lang)}>{clock.state === 'overdue' ? clockText(lang, clock) : t.dashboard.row(short(breach.id), clock.hoursLeft!, alerts.map((a) => `${a.hours} h`).join(', '))}</a>
            </li>
          ))}
        </ul>
      ) : <p>{t.dashboard.none}</p>}
    </section>
  )
}

/** On a request's page (REQ-BR-05): its answer went to the wrong person — record a breach candidate. */
export function MisdirectedAnswer({ lang, requestId, csrf }: { lang: Language; requestId: string; csrf: string }) {
  const t = BREACHES_TEXTS[lang].misdirected
  return (
    <section aria-labelledby="act-misdirected" class="action" id="misdirected">
      <h2 id="act-misdirected">{t.title}</h2>
      <p class="hint">{t.hint}</p>
      <form method="post" action={withLang(`/admin/breaches/from-request/${requestId}`, lang)}>
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit" class="secondary">{t.button}</button>
      </form>
    </section>
  )
}
