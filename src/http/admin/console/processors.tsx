// The processor register pages: the list of the policy's recipients with what the gate misses and
// the legal notices that went out uncovered, and one recipient's page with the DPO's form.
import type { Language } from '../../../policy/schema.ts'
import type { Policy } from '../../../policy/policy.ts'
import { EEA_COUNTRIES } from '../../../policy/policy.ts'
import { ART28_TERMS, locationsOf, needsDpa, type Gap, type RegisterEntry } from '../../../processors/entry.ts'
import type { RegisterView } from '../../../processors/view.ts'
import type { UncoveredNotice } from '../../../processors/register.ts'
import type { SubprocessorChange, SubprocessorNotice } from '../../../processors/subprocessor-notices.ts'
import type { ProcessorReminder } from '../../../processors/reminders.ts'
import { categoryLabel } from '../../../requests/mails.ts'
import { withLang } from './layout.tsx'
import { PROCESSORS_TEXTS } from './processors-texts.ts'

export function gapText(lang: Language, gap: Gap): string {
  const g = PROCESSORS_TEXTS[lang].gap
  if (gap.startsWith('mechanism_missing:')) return g.mechanism_missing(gap.slice('mechanism_missing:'.length))
  return (g as unknown as Record<string, string>)[gap] ?? gap
}

const day = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ')

function Notices({ lang, notices }: { lang: Language; notices: readonly UncoveredNotice[] }) {
  const t = PROCESSORS_TEXTS[lang].notices
  return (
    <section aria-labelledby="uncovered-title" class="action">
      <h2 id="uncovered-title">{t.title}</h2>
      <p class="hint">{t.hint}</p>
      {notices.length ? (
        <table>
          <caption class="hint">{t.caption(notices.length)}</caption>
          <thead><tr><th scope="col">{t.sentAt}</th><th scope="col">{t.recipient}</th><th scope="col">{t.event}</th><th scope="col">{t.missing}</th></tr></thead>
          <tbody>
            {notices.map((n) => (
              <tr key={n.id} class="uncovered-notice"><td>{day(n.sentAt)}</td><td><code>{n.recipientId}</code></td><td><code>{n.event}</code></td><td>{n.missing.map((g) => gapText(lang, g)).join('; ')}</td></tr>
            ))}
          </tbody>
        </table>
      ) : <p>{t.none}</p>}
    </section>
  )
}

/** Open re-validation reminders (REQ-TF-03), with the DPO's "done" button. */
function Reminders({ lang, reminders, csrf, editable }: { lang: Language; reminders: readonly ProcessorReminder[]; csrf: string; editable: boolean }) {
  const t = PROCESSORS_TEXTS[lang].reminders
  return (
    <section aria-labelledby="reminders-title" class="action" id="reminders">
      <h2 id="reminders-title">{t.title}</h2>
      <p class="hint">{t.hint}</p>
      {reminders.length ? (
        <ul>
          {reminders.map((r) => (
            <li key={r.id} class="processor-reminder" data-kind={r.kind}>
              <code>{r.recipientId}</code>: {t.kind(r.kind, r.dueOn)}
              {editable ? (
                <form method="post" action={withLang(`/admin/processors/reminders/${r.id}/resolve`, lang)} class="inline">
                  <input type="hidden" name="_csrf" value={csrf} />
                  <input type="hidden" name="back" value={r.recipientId} />
                  <button type="submit">{t.resolve}</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : <p>{t.none}</p>}
    </section>
  )
}

export interface ChangeWithNotices {
  readonly change: SubprocessorChange
  readonly notices: readonly SubprocessorNotice[]
}

/** Announced sub-processor changes and each customer's notice (REQ-PRC-03); the DPO's form. */
function Changes({ lang, recipientId, changes, csrf, editable }: { lang: Language; recipientId: string; changes: readonly ChangeWithNotices[]; csrf: string; editable: boolean }) {
  const t = PROCESSORS_TEXTS[lang].changes
  return (
    <section aria-labelledby="changes-title" class="action" id="subprocessor-changes">
      <h2 id="changes-title">{t.title}</h2>
      <p class="hint">{t.hint}</p>
      {changes.length ? changes.map(({ change: c, notices }) => (
        <div key={c.id} class="subprocessor-change" id={`change-${c.id}`}>
          <h3>{c.kind === 'replaced' ? t.replaced(c.subProcessor.name, c.subProcessor.country, c.replaces ?? '') : t.added(c.subProcessor.name, c.subProcessor.country)}</h3>
          <p class="hint">{t.announced(day(c.announcedAt), c.windowEndsOn)}</p>
          {notices.length ? (
            <table>
              <thead><tr><th scope="col">{t.customer}</th><th scope="col">{t.state}</th><th scope="col">{t.sentAt}</th></tr></thead>
              <tbody>
                {notices.map((n) => (
                  <tr key={n.id} class="subprocessor-notice" data-state={n.state}><td><code>{n.tenantId}</code></td><td>{t.states[n.state]}</td><td>{n.sentAt ? day(n.sentAt) : '—'}</td></tr>
                ))}
              </tbody>
            </table>
          ) : <p>{t.noCustomers}</p>}
        </div>
      )) : <p>{t.none}</p>}
      {editable ? (
        <form method="post" action={withLang(`/admin/processors/${recipientId}/subprocessor-changes`, lang)}>
          <input type="hidden" name="_csrf" value={csrf} />
          <fieldset>
            <legend>{t.form}</legend>
            <p class="hint">{t.formHint}</p>
            <div>
              <label for="sp-kind">{t.kind}</label>
              <select id="sp-kind" name="kind">
                <option value="added">{t.kindAdded}</option>
                <option value="replaced">{t.kindReplaced}</option>
              </select>
            </div>
            <Field id="sp-name" name="name" label={t.name} value={undefined} required />
            <Field id="sp-country" name="country" label={t.country} value={undefined} required max={2} />
            <Field id="sp-service" name="service" label={t.service} value={undefined} />
            <Field id="sp-replaces" name="replaces" label={t.replaces} value={undefined} />
            <Field id="sp-window" name="windowDays" label={t.windowDays} value="30" max={3} />
            <button type="submit">{t.announce}</button>
          </fieldset>
        </form>
      ) : null}
    </section>
  )
}

export function ProcessorsBody({ lang, rows, notices, editable, reminders = [], csrf = '' }: { lang: Language; rows: readonly RegisterView[]; notices: readonly UncoveredNotice[]; editable: boolean; reminders?: readonly ProcessorReminder[]; csrf?: string }) {
  const t = PROCESSORS_TEXTS[lang]
  const flagged = new Set(reminders.map((r) => r.recipientId))
  return (
    <>
      <p>{t.intro}</p>
      {editable ? null : <p class="hint">{t.readOnly}</p>}
      <div class="scroll" tabIndex={0} role="region" aria-label={t.caption(rows.length)}>
      <table>
        <caption class="hint">{t.caption(rows.length)}</caption>
        <thead>
          <tr><th scope="col">{t.columns.recipient}</th><th scope="col">{t.columns.role}</th><th scope="col">{t.columns.country}</th><th scope="col">{t.columns.dpa}</th><th scope="col">{t.columns.review}</th><th scope="col">{t.columns.status}</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.recipientId} id={`row-${r.recipientId}`}>
              <td><a href={withLang(`/admin/processors/${r.recipientId}`, lang)}>{r.name}</a> <code>{r.recipientId}</code></td>
              <td>{t.roles[r.role as keyof typeof t.roles] ?? r.role}</td>
              <td>{r.country}</td>
              <td>{r.entry?.dpa ? t.dpaOf(r.entry.dpa.version, r.entry.dpa.signedOn) : r.role === 'processor' || r.role === 'sub_processor' ? t.noDpa : t.notNeeded}</td>
              <td>{r.entry?.reviewOn ?? '—'}</td>
              <td class={r.covered ? 'covered' : 'not-covered'}>{r.covered ? t.covered : <><strong>{t.notCovered}</strong><ul>{r.gaps.map((g) => <li key={g}>{gapText(lang, g)}</li>)}</ul></>}{flagged.has(r.recipientId) ? <p class="reminder-flag"><a href="#reminders">{t.reminders.flag}</a></p> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <Reminders lang={lang} reminders={reminders} csrf={csrf} editable={editable} />
      <Notices lang={lang} notices={notices} />
    </>
  )
}

function Field({ id, name = id, label, value, hint, type = 'text', required = false, max = 200 }: { id: string; name?: string; label: string; value: string | undefined; hint?: string | undefined; type?: 'text' | 'date'; required?: boolean; max?: number }) {
  return (
    <div>
      <label for={id}>
        {label}
        {hint ? <span class="hint" id={`${id}-hint`}>{hint}</span> : null}
      </label>
      {type === 'date'
        ? <input id={id} name={name} type="date" value={value ?? ''} required={required} aria-describedby={hint ? `${id}-hint` : undefined} />
        : <input id={id} name={name} type="text" value={value ?? ''} maxLength={max} required={required} aria-describedby={hint ? `${id}-hint` : undefined} autoComplete="off" />}
    </div>
  )
}

export interface ProcessorPageData {
  readonly lang: Language
  readonly csrf: string
  readonly policy: Policy
  readonly view: RegisterView
  readonly notices: readonly UncoveredNotice[]
  readonly editable: boolean
  readonly saved?: boolean
  readonly error?: string | undefined
  /** What the DPO typed, shown again after a refusal. */
  readonly draft?: RegisterEntry | undefined
  readonly changes?: readonly ChangeWithNotices[]
  readonly reminders?: readonly ProcessorReminder[]
  readonly announced?: number | undefined
}

export function ProcessorBody({ data }: { data: ProcessorPageData }) {
  const { lang, view, policy } = data
  const t = PROCESSORS_TEXTS[lang]
  const d = t.detail
  const recipient = policy.recipient(view.recipientId)!
  const e = data.draft ?? view.entry ?? undefined
  const outside = locationsOf(recipient, e).filter((c) => !EEA_COUNTRIES.has(c))
  const action = withLang(`/admin/processors/${view.recipientId}`, lang)
  return (
    <>
      <p><a href={withLang('/admin/processors', lang)}>{d.back}</a></p>
      {data.saved ? <div class="notice" role="status"><p>{d.saved}</p></div> : null}
      {data.announced !== undefined ? <div class="notice" role="status"><p>{t.changes.announcedOk(data.announced)}</p></div> : null}
      {data.error ? <div class="error" role="alert"><p>{d.badInput(data.error)}</p></div> : null}
      {view.covered ? (
        <div class="notice" id="coverage"><p>{d.allowed}</p></div>
      ) : (
        <div class="error" id="coverage"><p>{d.blocked}</p><ul>{view.gaps.map((g) => <li key={g}>{gapText(lang, g)}</li>)}</ul></div>
      )}
      {view.missingTerms.length ? <p class="hint">{d.missingTerms(view.missingTerms.join(', '))}</p> : null}
      {view.updatedAt ? <p class="hint">{d.updated(view.updatedAt.slice(0, 16).replace('T', ' '), view.updatedBy ?? '')}</p> : null}
      <section aria-labelledby="declared-title">
        <h2 id="declared-title">{d.declared}</h2>
        <p class="hint">{d.declaredHint}</p>
        <dl class="facts">
          <dt>{t.columns.role}</dt><dd>{t.roles[view.role as keyof typeof t.roles] ?? view.role}</dd>
          <dt>{t.columns.country}</dt><dd>{view.country}</dd>
          <dt>{d.service}</dt><dd>{view.service[lang]}</dd>
          <dt>{d.purposes}</dt><dd>{view.purposes.map((p) => policy.purpose(p)?.name[lang] ?? p).join(', ') || '—'}</dd>
          <dt>{d.categories}</dt><dd>{view.categories.map((c) => categoryLabel(policy, c, lang)).join(', ') || '—'}</dd>
        </dl>
      </section>
      {data.editable ? (
        <section aria-labelledby="form-title" class="action">
          <h2 id="form-title">{d.form}</h2>
          <form method="post" action={action}>
            <input type="hidden" name="_csrf" value={data.csrf} />
            <fieldset>
              <legend>{d.identity}</legend>
              <Field id="legalName" label={d.legalName} value={e?.legalName ?? recipient.name} required />
              <Field id="address" label={d.address} value={e?.address} max={400} />
              <Field id="contact" label={d.contact} value={e?.contact} />
              <Field id="dpo" label={d.dpo} value={e?.dpo} />
            </fieldset>
            <fieldset>
              <legend>{d.locations}</legend>
              <Field id="processingLocations" label={d.processingLocations} value={(e?.processingLocations ?? [recipient.country]).join(', ')} hint={d.countriesHint} />
              <Field id="supportLocations" label={d.supportLocations} value={(e?.supportLocations ?? []).join(', ')} hint={d.countriesHint} />
            </fieldset>
            {needsDpa(recipient) || e?.dpa ? (
              <fieldset>
                <legend>{d.dpa}</legend>
                <p class="hint">{d.dpaHint}</p>
                <Field id="dpaVersion" label={d.dpaVersion} value={e?.dpa?.version} max={80} />
                <Field id="dpaSignedOn" label={d.dpaSignedOn} value={e?.dpa?.signedOn} type="date" />
                <Field id="dpaEndsOn" label={d.dpaEndsOn} value={e?.dpa?.endsOn} type="date" />
                <fieldset>
                  <legend>{d.terms}</legend>
                  {ART28_TERMS.map((term) => (
                    <div key={term} class="check">
                      <input id={`term-${term}`} name={`term_${term}`} type="checkbox" value="true" checked={e?.dpa?.terms[term] === true} />
                      <label for={`term-${term}`}>{d.term[term]}</label>
                    </div>
                  ))}
                </fieldset>
              </fieldset>
            ) : null}
            <div>
              <label for="subProcessors">{d.subProcessors}<span class="hint" id="subProcessors-hint">{d.subProcessorsHint}</span></label>
              <textarea id="subProcessors" name="subProcessors" rows={3} maxLength={5000} aria-describedby="subProcessors-hint">{(e?.subProcessors ?? []).map((s) => `${s.name}; ${s.country}; ${s.service}`).join('\n')}</textarea>
            </div>
            <Field id="assurance" label={d.assurance} value={e?.assurance} max={1000} />
            <Field id="reviewOn" label={d.reviewOn} value={e?.reviewOn} type="date" />
            {outside.map((c) => {
              const m = e?.mechanisms.find((x) => x.country === c)
              return (
                <fieldset key={c}>
                  <legend>{d.mechanism(c)}</legend>
                  <p class="hint">{d.mechanismHint}</p>
                  <div>
                    <label for={`m_${c}_kind`}>{d.kind}</label>
                    <select id={`m_${c}_kind`} name={`m_${c}_kind`}>
                      <option value="" selected={!m}>{d.kindNone}</option>
                      <option value="adequacy" selected={m?.kind === 'adequacy'}>{d.kindAdequacy}</option>
                      <option value="scc" selected={m?.kind === 'scc'}>{d.kindScc}</option>
                    </select>
                  </div>
                  <Field id={`m_${c}_decisionId`} label={d.decisionId} value={m?.kind === 'adequacy' ? m.decisionId : undefined} />
                  <Field id={`m_${c}_decisionDate`} label={d.decisionDate} value={m?.kind === 'adequacy' ? m.decisionDate : undefined} type="date" />
                  <Field id={`m_${c}_sccModule`} label={d.sccModule} value={m?.kind === 'scc' ? String(m.sccModule) : undefined} max={1} />
                  <Field id={`m_${c}_signedOn`} label={d.sccSignedOn} value={m?.kind === 'scc' ? m.signedOn : undefined} type="date" />
                  <Field id={`m_${c}_tiaOn`} label={d.tiaOn} value={m?.kind === 'scc' ? m.tiaOn : undefined} type="date" />
                </fieldset>
              )
            })}
            <button type="submit">{d.save}</button>
          </form>
        </section>
      ) : (
        <section aria-labelledby="entry-title">
          <h2 id="entry-title">{d.form}</h2>
          <p class="hint">{t.readOnly}</p>
          {e ? (
            <dl class="facts">
              <dt>{d.legalName}</dt><dd>{e.legalName}</dd>
              <dt>{d.address}</dt><dd>{e.address || '—'}</dd>
              <dt>{d.contact}</dt><dd>{e.contact || '—'}</dd>
              <dt>{d.dpo}</dt><dd>{e.dpo || '—'}</dd>
              <dt>{d.processingLocations}</dt><dd>{e.processingLocations.join(', ') || '—'}</dd>
              <dt>{d.supportLocations}</dt><dd>{e.supportLocations.join(', ') || '—'}</dd>
              <dt>{d.dpa}</dt><dd>{e.dpa ? `${t.dpaOf(e.dpa.version, e.dpa.signedOn)}${e.dpa.endsOn ? ` – ${e.dpa.endsOn}` : ''}` : t.noDpa}</dd>
              <dt>{d.subProcessors}</dt><dd>{e.subProcessors.map((s) => `${s.name} (${s.country})`).join(', ') || '—'}</dd>
              <dt>{d.assurance}</dt><dd>{e.assurance || '—'}</dd>
              <dt>{d.reviewOn}</dt><dd>{e.reviewOn ?? '—'}</dd>
              {e.mechanisms.map((m) => (
                <><dt key={`dt-${m.country}`}>{d.mechanism(m.country)}</dt><dd key={`dd-${m.country}`}>{m.kind === 'adequacy' ? `${d.kindAdequacy}: ${m.decisionId}, ${m.decisionDate}` : `${d.kindScc}: ${d.sccModule} ${m.sccModule}, ${m.signedOn}; ${d.tiaOn} ${m.tiaOn}`}</dd></>
              ))}
            </dl>
          ) : <p>{t.noDpa}</p>}
        </section>
      )}
      <Reminders lang={lang} reminders={data.reminders ?? []} csrf={data.csrf} editable={data.editable} />
      <Changes lang={lang} recipientId={view.recipientId} changes={data.changes ?? []} csrf={data.csrf} editable={data.editable && needsDpa(recipient)} />
      <Notices lang={lang} notices={data.notices} />
    </>
  )
}
