// The complaint register as a page to print (ids, dates, states and outcome codes only).
import type { Language } from '../../../policy/schema.ts'
import type { ComplaintRow } from '../../../complaints/complaints.ts'
import { withLang } from './layout.tsx'
import { EXPORTS_TEXTS } from './exports-texts.ts'
import { COMPLAINT_CONSOLE_TEXTS } from './complaints-texts.ts'

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—')

export function ComplaintRegisterPrint({ lang, rows }: { lang: Language; rows: readonly ComplaintRow[] }) {
  const x = EXPORTS_TEXTS[lang]
  const t = COMPLAINT_CONSOLE_TEXTS[lang]
  return (
    <>
      <div class="no-print">
        <p class="hint">{x.printHint}</p>
        <p><a href={withLang('/admin/exports', lang)}>{x.back}</a></p>
      </div>
      {rows.length === 0 ? (
        <p role="status">{x.none}</p>
      ) : (
        <div class="scroll" tabIndex={0} role="region" aria-label={t.export.title}>
          <table class="audit">
            <caption class="hint">{t.export.caption(rows.length)}</caption>
            <thead>
              <tr><th scope="col">{t.reference}</th><th scope="col">{t.state}</th><th scope="col">{t.language}</th><th scope="col">{t.received}</th><th scope="col">{t.export.confirmedOn}</th><th scope="col">{t.due}</th><th scope="col">{t.notes}</th><th scope="col">{t.outcome}</th><th scope="col">{t.export.outcomeOn}</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td><code>{r.id}</code></td>
                  <td>{t.statuses[r.status]}</td>
                  <td>{r.lang}</td>
                  <td>{day(r.receivedAt)}</td>
                  <td>{day(r.confirmedAt)}</td>
                  <td>{r.dueOn ?? '—'}{r.overdue ? ` (${t.overdue})` : ''}</td>
                  <td>{r.notes}</td>
                  <td>{r.outcome ? <code>{r.outcome}</code> : '—'}</td>
                  <td>{day(r.outcomeAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
