// The DPIA register pages: every controller purpose with its screening status, re-screening
// triggers and whether the gate holds it back; the legitimate-interest assessments with their
// review dates; one purpose's page with the DPO's forms (screening, DPIA, prior consultation).
import type { Language } from '../../../policy/schema.ts'
import type { DpiaRow } from '../../../dpia/register.ts'
import type { DpiaReminder, LiaRow } from '../../../dpia/reminders.ts'
import { ART35_CODES, GBA_CODES, WP248_CODES, screeningLabel, triggerLabel } from '../../../dpia/vocabulary.ts'
import { withLang } from './layout.tsx'
import { DPIA_TEXTS } from './dpia-texts.ts'

const criteriaOf = (row: DpiaRow) => {
  const s = row.entry?.screening
  return s ? [...s.art35, ...s.wp248, ...s.gba] : []
}

function Reminders({ lang, reminders }: { lang: Language; reminders: readonly DpiaReminder[] }) {
  const t = DPIA_TEXTS[lang].reminders
  return (
    <section aria-labelledby="dpia-reminders-title" class="action" id="reminders">
      <h2 id="dpia-reminders-title">{t.title}</h2>
      {reminders.length ? (
        <ul>
          {reminders.map((r) => <li key={r.id} class="dpia-reminder" data-kind={r.kind}><code>{r.purposeId}</code>: {t.kind(r.kind, r.dueOn)}</li>)}
        </ul>
      ) : <p>{t.none}</p>}
    </section>
  )
}

export function LiaTable({ lang, rows }: { lang: Language; rows: readonly LiaRow[] }) {
  const t = DPIA_TEXTS[lang].lia
  return (
    <section aria-labelledby="lia-title" id="lia">
      <h2 id="lia-title">{t.title}</h2>
      <p class="hint">{t.hint}</p>
      {rows.length ? (
        <table>
          <thead><tr><th scope="col">{t.purpose}</th><th scope="col">{t.author}</th><th scope="col">{t.date}</th><th scope="col">{t.reviewDate}</th><th scope="col"><span class="visually-hidden">{t.overdue}</span></th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.purposeId} class="lia-row" data-purpose={r.purposeId}>
                <td><code>{r.purposeId}</code><br />{r.assessment.interest[lang]}</td>
                <td>{r.assessment.author}</td>
                <td>{r.assessment.date}</td>
                <td>{r.reviewDate ?? '—'}</td>
                <td>{r.overdue ? <strong class="flag flag-late lia-overdue">{t.overdue}</strong> : <span class="flag">{t.onTime}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p>{t.none}</p>}
    </section>
  )
}

/** The register table; `print`: the printable export (no export links, reminders or LIA list). */
export function DpiaListBody({ lang, rows, lia, reminders, print = false }: { lang: Language; rows: readonly DpiaRow[]; lia: readonly LiaRow[]; reminders: readonly DpiaReminder[]; print?: boolean }) {
  const t = DPIA_TEXTS[lang]
  return (
    <>
      <p>{t.intro}</p>
      {print ? null : <ul class="nav">
        <li><a href={withLang('/admin/dpia/export.csv', lang)}>{t.exports.csv}</a></li>
        <li><a href={withLang('/admin/dpia/export.html', lang)}>{t.exports.html}</a></li>
        <li><a href={withLang('/admin/dpia/lia.csv', lang)}>{t.exports.liaCsv}</a></li>
        <li><a href={withLang('/admin/dpia/lia.html', lang)}>{t.exports.liaHtml}</a></li>
      </ul>}
      <table>
        <thead><tr><th scope="col">{t.columns.purpose}</th><th scope="col">{t.columns.status}</th><th scope="col">{t.columns.criteria}</th><th scope="col">{t.columns.dpia}</th><th scope="col">{t.columns.triggers}</th><th scope="col">{t.columns.gate}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.purpose.id} class="dpia-row" data-purpose={r.purpose.id} data-status={r.status}>
              <td><a href={withLang(`/admin/dpia/${r.purpose.id}`, lang)}>{r.purpose.name[lang]}</a> <code>{r.purpose.id}</code></td>
              <td>{t.status[r.status]}</td>
              <td>{criteriaOf(r).map((c) => <span key={c} class="flag" title={screeningLabel(c, lang)}>{c}</span>)}</td>
              <td>{r.entry?.dpia ? `${r.entry.dpia.reference} (${r.entry.dpia.completedOn})` : '—'}</td>
              <td>{r.triggers.length ? <strong class="flag flag-late needs-rescreening">{t.needsRescreening}</strong> : '—'}</td>
              <td>{r.hold ? <strong class="flag flag-late purpose-held">{t.held}: {r.hold.reason}</strong> : t.notHeld}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {print ? null : <Reminders lang={lang} reminders={reminders} />}
      {print ? null : <LiaTable lang={lang} rows={lia} />}
    </>
  )
}

function Checks({ name, legend, codes, checked, lang }: { name: string; legend: string; codes: readonly string[]; checked: readonly string[]; lang: Language }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {codes.map((c) => (
        <div key={c} class="check">
          <input id={`${name}-${c}`} name={`${name}__${c}`} type="checkbox" value="true" checked={checked.includes(c)} />
          <label for={`${name}-${c}`}>{screeningLabel(c, lang)} <code>{c}</code></label>
        </div>
      ))}
    </fieldset>
  )
}

function Area({ id, label, value, required = true }: { id: string; label: string; value: string | undefined; required?: boolean }) {
  return (
    <div>
      <label for={id}>{label}</label>
      <textarea id={id} name={id} rows={3} maxLength={5000} required={required}>{value ?? ''}</textarea>
    </div>
  )
}

function Input({ id, label, value, type = 'text', max = 80 }: { id: string; label: string; value: string | undefined; type?: 'text' | 'date'; max?: number }) {
  return (
    <div>
      <label for={id}>{label}</label>
      {type === 'date' ? <input id={id} name={id} type="date" value={value ?? ''} required /> : <input id={id} name={id} type="text" value={value ?? ''} maxLength={max} required autoComplete="off" />}
    </div>
  )
}

export interface DpiaPageData {
  readonly lang: Language
  readonly csrf: string
  readonly row: DpiaRow
  readonly editable: boolean
  readonly saved: boolean
  readonly error?: string | undefined
  readonly reminders: readonly DpiaReminder[]
  readonly today: string
}

export function DpiaBody({ data }: { data: DpiaPageData }) {
  const { lang, row } = data
  const t = DPIA_TEXTS[lang]
  const d = t.detail
  const s = row.entry?.screening
  const dpia = row.entry?.dpia
  const c = row.entry?.consultation
  const base = `/admin/dpia/${row.purpose.id}`
  return (
    <>
      <p><a href={withLang('/admin/dpia', lang)}>{d.back}</a></p>
      {data.saved ? <div class="notice" role="status"><p>{d.saved}</p></div> : null}
      {data.error ? <div class="error" role="alert"><p>{d.badInput(data.error)}</p></div> : null}
      <p><strong>{t.columns.status}:</strong> <span id="dpia-status" data-status={row.status}>{t.status[row.status]}</span></p>
      {row.hold ? <div class="error" id="gate-hold"><p>{d.gateHeld(row.hold.reason)}</p><p>{row.hold.message}</p></div> : <div class="notice" id="gate-hold"><p>{d.gateFree}</p></div>}
      {row.triggers.length ? (
        <div class="error" id="triggers">
          <p>{d.triggersTitle}</p>
          <ul>{row.triggers.map((tr) => <li key={tr}><code>{tr}</code> — {triggerLabel(tr, lang)}</li>)}</ul>
        </div>
      ) : null}
      {row.updatedAt ? <p class="hint">{d.updated(row.updatedAt.toISOString().slice(0, 16).replace('T', ' '), row.updatedBy ?? '')}</p> : null}
      {row.required !== undefined ? <p>{d.required(row.required)}</p> : null}
      <section aria-labelledby="screening-title" class="action">
        <h2 id="screening-title">{d.screening}</h2>
        {data.editable ? (
          <form method="post" action={withLang(`${base}/screening`, lang)}>
            <input type="hidden" name="_csrf" value={data.csrf} />
            <Checks name="art35" legend={d.art35} codes={ART35_CODES} checked={s?.art35 ?? []} lang={lang} />
            <Checks name="wp248" legend={d.wp248} codes={WP248_CODES} checked={s?.wp248 ?? []} lang={lang} />
            <Checks name="gba" legend={d.gba} codes={GBA_CODES} checked={s?.gba ?? []} lang={lang} />
            <Area id="notes" label={d.notes} value={s?.notes} required={false} />
            <Input id="screenedOn" label={d.screenedOn} value={s?.screenedOn ?? data.today} type="date" />
            <fieldset>
              <legend>{d.override}</legend>
              <div>
                <label for="override">{d.overrideChoice}</label>
                <select id="override" name="override">
                  <option value="" selected={!s?.override}>{d.overrideNone}</option>
                  <option value="required" selected={s?.override?.required === true}>{d.overrideRequired}</option>
                  <option value="not_required" selected={s?.override?.required === false}>{d.overrideNotRequired}</option>
                </select>
              </div>
              <Area id="overrideReasoning" label={d.overrideReasoning} value={s?.override?.reasoning} required={false} />
            </fieldset>
            <button type="submit">{d.saveScreening}</button>
          </form>
        ) : (
          <>
            <p class="hint">{t.readOnly}</p>
            <ul>{(row ? criteriaOf(row) : []).map((code) => <li key={code}>{screeningLabel(code, lang)}</li>)}</ul>
            {s ? <p>{s.notes}</p> : <p>{t.status.not_screened}</p>}
          </>
        )}
      </section>
      {s ? (
        <section aria-labelledby="dpia-title" class="action">
          <h2 id="dpia-title">{d.dpia}</h2>
          {data.editable ? (
            <form method="post" action={withLang(`${base}/record`, lang)}>
              <input type="hidden" name="_csrf" value={data.csrf} />
              <Input id="reference" label={d.reference} value={dpia?.reference} />
              <Area id="description" label={d.description} value={dpia?.description} />
              <Area id="necessity" label={d.necessity} value={dpia?.necessity} />
              <Area id="risks" label={d.risks} value={dpia?.risks} />
              <Area id="measures" label={d.measures} value={dpia?.measures} />
              <Area id="dpoAdvice" label={d.dpoAdvice} value={dpia?.dpoAdvice} />
              <Area id="dataSubjectViews" label={d.dataSubjectViews} value={dpia?.dataSubjectViews} required={false} />
              <Input id="completedOn" label={d.completedOn} value={dpia?.completedOn ?? data.today} type="date" />
              <Input id="reviewOn" label={d.reviewOn} value={dpia?.reviewOn} type="date" />
              <div class="check">
                <input id="residualHighRisk" name="residualHighRisk" type="checkbox" value="true" checked={dpia?.residualHighRisk === true} />
                <label for="residualHighRisk">{d.residualHighRisk}</label>
              </div>
              <button type="submit">{d.saveDpia}</button>
            </form>
          ) : dpia ? (
            <dl class="facts">
              <dt>{d.reference}</dt><dd>{dpia.reference}</dd>
              <dt>{d.description}</dt><dd>{dpia.description}</dd>
              <dt>{d.necessity}</dt><dd>{dpia.necessity}</dd>
              <dt>{d.risks}</dt><dd>{dpia.risks}</dd>
              <dt>{d.measures}</dt><dd>{dpia.measures}</dd>
              <dt>{d.dpoAdvice}</dt><dd>{dpia.dpoAdvice}</dd>
              <dt>{d.dataSubjectViews}</dt><dd>{dpia.dataSubjectViews || '—'}</dd>
              <dt>{d.completedOn}</dt><dd>{dpia.completedOn}</dd>
              <dt>{d.reviewOn}</dt><dd>{dpia.reviewOn}</dd>
              <dt>{d.residualHighRisk}</dt><dd>{dpia.residualHighRisk ? '✔' : '—'}</dd>
            </dl>
          ) : <p>—</p>}
        </section>
      ) : null}
      {dpia?.residualHighRisk ? (
        <section aria-labelledby="consultation-title" class="action">
          <h2 id="consultation-title">{d.consultation}</h2>
          <p class="hint">{d.consultationHint}</p>
          {data.editable ? (
            <form method="post" action={withLang(`${base}/consultation`, lang)}>
              <input type="hidden" name="_csrf" value={data.csrf} />
              <Input id="submittedOn" label={d.submittedOn} value={c?.submittedOn} type="date" />
              <Input id="gbaReference" label={d.gbaReference} value={c?.gbaReference} />
              <Input id="answeredOn" label={d.answeredOn} value={c?.answeredOn} type="date" />
              <Area id="answer" label={d.answer} value={c?.answer} />
              <button type="submit">{d.saveConsultation}</button>
            </form>
          ) : c ? (
            <dl class="facts">
              <dt>{d.submittedOn}</dt><dd>{c.submittedOn}</dd>
              <dt>{d.gbaReference}</dt><dd>{c.gbaReference}</dd>
              <dt>{d.answeredOn}</dt><dd>{c.answeredOn}</dd>
              <dt>{d.answer}</dt><dd>{c.answer}</dd>
            </dl>
          ) : <p>—</p>}
        </section>
      ) : null}
      <Reminders lang={lang} reminders={data.reminders} />
    </>
  )
}
