// The DPO's view of the audit log: filters, the newest matching entries, and the chain check.
import type { Language } from '../../../policy/schema.ts'
import type { AuditRow } from '../../../audit/audit-query.ts'
import { CONSOLE_TEXTS } from './texts.ts'

export interface AuditFilterForm {
  readonly actor?: string | undefined
  readonly subject?: string | undefined
  readonly purpose?: string | undefined
  readonly action?: string | undefined
  readonly from?: string | undefined
  readonly to?: string | undefined
}

export interface AuditPageData {
  readonly lang: Language
  readonly csrf: string
  readonly filter: AuditFilterForm
  readonly entries: readonly AuditRow[]
  readonly limit: number
  /** The link to the next (older) page, when there may be one. */
  readonly olderHref?: string | undefined
  readonly verdict?: { readonly ok: boolean; readonly text: string } | undefined
  readonly error?: string | undefined
}

function TextFilter({ id, name, label, value, hint, type = 'text' }: { id: string; name: string; label: string; value: string | undefined; hint?: string; type?: 'text' | 'datetime-local' }) {
  return (
    <div>
      <label for={id}>
        {label}
        {hint ? <span class="hint">{hint}</span> : null}
      </label>
      {type === 'datetime-local' ? <input id={id} name={name} type="datetime-local" value={value ?? ''} /> : <input id={id} name={name} type="text" value={value ?? ''} maxLength={120} autoComplete="off" />}
    </div>
  )
}

export function AuditBody({ data }: { data: AuditPageData }) {
  const t = CONSOLE_TEXTS[data.lang].audit
  const f = data.filter
  return (
    <>
      <p>{t.intro}</p>
      {data.error ? <div class="error" role="alert"><p>{data.error}</p></div> : null}
      {/* With script, the check's answer replaces only this region (htmx); without, the whole page. */}
      <div id="chain-verdict">
        {data.verdict ? (
          <div class={data.verdict.ok ? 'notice' : 'error'} role={data.verdict.ok ? 'status' : 'alert'}>
            <p><strong>{data.verdict.ok ? t.intact : t.tampered}</strong></p>
            <pre class="verdict">{data.verdict.text}</pre>
          </div>
        ) : null}
      </div>
      <section aria-labelledby="verify-title" class="action">
        <h2 id="verify-title">{t.verify}</h2>
        <p class="hint">{t.verifyHint}</p>
        <form method="post" action={`/admin/audit/verify?lang=${data.lang}`} hx-post={`/admin/audit/verify?lang=${data.lang}`} hx-target="#chain-verdict" hx-select="#chain-verdict" hx-swap="outerHTML">
          <input type="hidden" name="_csrf" value={data.csrf} />
          <button type="submit">{t.verify}</button>
        </form>
      </section>
      <h2>{t.filters}</h2>
      <form method="get" action="/admin/audit" class="filters" aria-label={t.filters}>
        <input type="hidden" name="lang" value={data.lang} />
        <TextFilter id="a-actor" name="actor" label={t.actor} value={f.actor} />
        <TextFilter id="a-subject" name="subject" label={t.subject} value={f.subject} />
        <TextFilter id="a-purpose" name="purpose" label={t.purpose} value={f.purpose} />
        <TextFilter id="a-action" name="action" label={t.action} hint={t.actionHint} value={f.action} />
        <TextFilter id="a-from" name="from" label={t.from} value={f.from} type="datetime-local" />
        <TextFilter id="a-to" name="to" label={t.to} value={f.to} type="datetime-local" />
        <button type="submit">{t.apply}</button>
      </form>
      {data.entries.length === 0 ? (
        <p role="status">{t.empty}</p>
      ) : (
        <div class="scroll" tabIndex={0} role="region" aria-label={t.title}>
          <table class="audit">
            <caption class="hint">{t.caption(data.entries.length, data.limit)}</caption>
            <thead>
              <tr><th scope="col">{t.seq}</th><th scope="col">{t.at}</th><th scope="col">{t.actor.replace(/ \(.*$/, '')}</th><th scope="col">{t.action}</th><th scope="col">{t.subject}</th><th scope="col">{t.purpose}</th><th scope="col">{t.categories}</th><th scope="col">{t.decision}</th><th scope="col">{t.reason}</th></tr>
            </thead>
            <tbody>
              {data.entries.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td>{e.at.slice(0, 19).replace('T', ' ')}</td>
                  <td><code>{e.actorId}</code></td>
                  <td><code>{e.action}</code></td>
                  <td>{e.subjectId ? <code>{e.subjectId}</code> : '—'}</td>
                  <td>{e.purpose ?? '—'}</td>
                  <td>{e.categories.join(', ') || '—'}</td>
                  <td>{e.decision ?? '—'}</td>
                  <td>{e.reason ? <code>{e.reason}</code> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.olderHref ? <p><a href={data.olderHref}>{t.older}</a></p> : null}
    </>
  )
}
