// The exports: an index with each register as a CSV download and as a page to print (the admin
// stylesheet's print rules leave the navigation out), and those printable pages.
import type { Language } from '../../../policy/schema.ts'
import type { Policy } from '../../../policy/policy.ts'
import type { RequestStatus, RequestType } from '../../../requests/types.ts'
import { REQUEST_STATUS_TEXT, REQUEST_TYPE_TEXT, purposeName } from '../../../requests/mails.ts'
import { decisionOf, timeliness, type RegisterRow } from '../../../requests/register.ts'
import type { LedgerRow } from '../../../consent/ledger-export.ts'
import { withLang } from './layout.tsx'
import { EXPORTS_TEXTS } from './exports-texts.ts'
import { COMPLAINT_CONSOLE_TEXTS } from './complaints-texts.ts'

/** The exports, each a CSV download and a printable page; the ids are the route segments. */
export const EXPORTS = ['ropa-controller', 'ropa-processor', 'request-register', 'consent-ledger', 'complaint-register'] as const
export type ExportId = (typeof EXPORTS)[number]

function exportText(lang: Language, id: ExportId): { title: string; hint: string } {
  const t = EXPORTS_TEXTS[lang]
  switch (id) {
    case 'ropa-controller':
      return t.ropaController
    case 'ropa-processor':
      return t.ropaProcessor
    case 'request-register':
      return t.register
    case 'consent-ledger':
      return t.ledger
    case 'complaint-register':
      return COMPLAINT_CONSOLE_TEXTS[lang].export
  }
}

export function exportTitle(lang: Language, id: ExportId): string {
  return exportText(lang, id).title
}

/** Registers exported from their own sections (they decide who may export them there), linked here too. */
const SECTION_REGISTERS: readonly { id: string; csv: string; printable: string; title: Record<Language, string> }[] = [
  { id: 'breaches', csv: '/admin/breaches/export.csv', printable: '/admin/breaches/export', title: { nl: 'Register van datalekken (art. 33, lid 5)', fr: 'Registre des violations de données (art. 33, §5)', en: 'Breach register (Art. 33(5))' } },
  { id: 'dpia', csv: '/admin/dpia/export.csv', printable: '/admin/dpia/export.html', title: { nl: 'GEB-register: screenings, GEB\'s en voorafgaande raadplegingen', fr: 'Registre des AIPD : analyses préalables, AIPD et consultations préalables', en: 'DPIA register: screenings, DPIAs and prior consultations' } },
  { id: 'lia', csv: '/admin/dpia/lia.csv', printable: '/admin/dpia/lia.html', title: { nl: 'Belangenafwegingen (gerechtvaardigd belang)', fr: 'Mises en balance des intérêts (intérêt légitime)', en: 'Legitimate-interest assessments' } },
]

export function ExportsIndex({ lang }: { lang: Language }) {
  const t = EXPORTS_TEXTS[lang]
  return (
    <>
      <p>{t.intro}</p>
      {EXPORTS.map((id) => {
        const x = exportText(lang, id)
        return (
          <section key={id} aria-labelledby={`x-${id}`} class="action">
            <h2 id={`x-${id}`}>{x.title}</h2>
            <p class="hint">{x.hint}</p>
            <ul>
              <li><a href={withLang(`/admin/exports/${id}.csv`, lang)} download>{t.csv}<span class="visually-hidden"> ({x.title})</span></a></li>
              <li><a href={withLang(`/admin/exports/${id}`, lang)}>{t.printable}<span class="visually-hidden"> ({x.title})</span></a></li>
            </ul>
          </section>
        )
      })}
      {SECTION_REGISTERS.map((r) => (
        <section key={r.id} aria-labelledby={`x-${r.id}`} class="action">
          <h2 id={`x-${r.id}`}>{r.title[lang]}</h2>
          <ul>
            <li><a href={withLang(r.csv, lang)} download>{t.csv}<span class="visually-hidden"> ({r.title[lang]})</span></a></li>
            <li><a href={withLang(r.printable, lang)}>{t.printable}<span class="visually-hidden"> ({r.title[lang]})</span></a></li>
          </ul>
        </section>
      ))}
    </>
  )
}

function PrintIntro({ lang }: { lang: Language }) {
  const t = EXPORTS_TEXTS[lang]
  return (
    <div class="no-print">
      <p class="hint">{t.printHint}</p>
      <p><a href={withLang('/admin/exports', lang)}>{t.back}</a></p>
    </div>
  )
}

/** The RoPA's sections, rendered (every value escaped) by src/policy/ropa.ts. */
export function RopaPrint({ lang, sectionsHtml }: { lang: Language; sectionsHtml: string }) {
  return (
    <>
      <PrintIntro lang={lang} />
      <div class="ropa" dangerouslySetInnerHTML={{ __html: sectionsHtml }} />
    </>
  )
}

export function RegisterPrint({ lang, rows, today }: { lang: Language; rows: readonly RegisterRow[]; today: string }) {
  const t = EXPORTS_TEXTS[lang]
  const c = t.register.columns
  return (
    <>
      <PrintIntro lang={lang} />
      {rows.length === 0 ? (
        <p role="status">{t.none}</p>
      ) : (
        <div class="scroll" tabIndex={0} role="region" aria-label={t.register.title}>
          <table class="audit">
            <caption class="hint">{t.register.caption(rows.length)}</caption>
            <thead>
              <tr><th scope="col">{c.id}</th><th scope="col">{c.type}</th><th scope="col">{c.channel}</th><th scope="col">{c.received}</th><th scope="col">{c.due}</th><th scope="col">{c.extended}</th><th scope="col">{c.status}</th><th scope="col">{c.closed}</th><th scope="col">{c.timeliness}</th><th scope="col">{c.decision}</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td><code>{r.id}</code></td>
                  <td>{REQUEST_TYPE_TEXT[lang][r.type as RequestType]?.title ?? r.type}</td>
                  <td><code>{r.channel}</code></td>
                  <td>{r.receivedOn}</td>
                  <td>{r.dueOn}</td>
                  <td>{r.extensionMonths > 0 ? t.register.months(r.extensionMonths) : '—'}</td>
                  <td>{REQUEST_STATUS_TEXT[lang][r.status as RequestStatus] ?? r.status}</td>
                  <td>{r.closedOn ?? '—'}</td>
                  <td>{t.timeliness[timeliness(r, today)]}</td>
                  <td>{decisionOf(r) ? <code>{decisionOf(r)}</code> : '—'}{r.feeCents !== null ? ` ${(r.feeCents / 100).toFixed(2)} EUR` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

export function LedgerPrint({ lang, policy, rows, purposes }: { lang: Language; policy: Policy; rows: readonly LedgerRow[]; purposes: readonly string[] }) {
  const t = EXPORTS_TEXTS[lang]
  const c = t.ledger.columns
  return (
    <>
      <PrintIntro lang={lang} />
      {rows.length === 0 ? (
        <p role="status">{t.none}</p>
      ) : (
        <div class="scroll" tabIndex={0} role="region" aria-label={t.ledger.title}>
          <table class="audit">
            <caption class="hint">{t.ledger.caption(rows.length, purposes.map((p) => purposeName(policy, p, lang)).join(', '))}</caption>
            <thead>
              <tr><th scope="col">{c.subject}</th><th scope="col">{c.purpose}</th><th scope="col">{c.event}</th><th scope="col">{c.at}</th><th scope="col">{c.channel}</th><th scope="col">{c.version}</th><th scope="col">{c.hash}</th></tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td><code>{r.subjectId}</code></td>
                  <td>{purposeName(policy, r.purpose, lang)}</td>
                  <td>{r.granted ? t.ledger.granted : t.ledger.withdrawn}</td>
                  <td>{r.at.slice(0, 19).replace('T', ' ')}</td>
                  <td><code>{r.channel}</code></td>
                  <td>{r.statementVersion}</td>
                  <td><code>{r.textHash}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
