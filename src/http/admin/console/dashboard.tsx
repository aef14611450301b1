// The compliance dashboard (REQ-AUD-03): counts only. Two charts drawn as inline SVG (no script),
// each an image with a title and a description, and the same numbers in a table beneath it.
import type { Language } from '../../../policy/schema.ts'
import type { Policy } from '../../../policy/policy.ts'
import { purposeName, categoryLabel } from '../../../requests/mails.ts'
import { onTimePercent, type RequestDashboard } from '../../../requests/register.ts'
import type { ConsentVolume } from '../../../consent/ledger-export.ts'
import type { OutlookRow } from '../../../retention/outlook.ts'
import { withLang } from './layout.tsx'
import { DASHBOARD_TEXTS } from './dashboard-texts.ts'

export interface DashboardData {
  readonly lang: Language
  readonly policy: Policy
  readonly requests: RequestDashboard
  readonly consents: readonly ConsentVolume[]
  readonly retention: readonly OutlookRow[]
  readonly retentionDays: number
}

/** A label that fits the chart; the table beneath gives it whole. */
function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

const GRANTED = '#0a6b2e'
const WITHDRAWN = '#b00020'
const BAR = '#0a4fb4'

function OnTimeChart({ data }: { data: DashboardData }) {
  const t = DASHBOARD_TEXTS[data.lang].onTime
  const months = data.requests.months
  const w = 600
  const h = 220
  const left = 40
  const bottom = 30
  const top = 22
  const plot = h - bottom - top
  const step = (w - left) / months.length
  const desc = t.chart(months[0]!.month, months.at(-1)!.month)
  return (
    <svg class="chart" role="img" aria-labelledby="chart-ontime-title chart-ontime-desc" viewBox={`0 0 ${w} ${h}`} xmlns="http://www.w3.org/2000/svg">
      <title id="chart-ontime-title">{t.title}</title>
      <desc id="chart-ontime-desc">{desc}</desc>
      {[0, 50, 100].map((pct) => {
        const y = top + plot - (plot * pct) / 100
        return (
          <g key={pct}>
            <line x1={left} x2={w} y1={y} y2={y} stroke="#c4c4c4" stroke-width="1" />
            <text x={left - 6} y={y + 4} text-anchor="end">{`${pct}%`}</text>
          </g>
        )
      })}
      {months.map((m, i) => {
        const pct = onTimePercent(m)
        const x = left + i * step + step * 0.15
        const barH = pct === null ? 0 : (plot * pct) / 100
        return (
          <g key={m.month}>
            {pct === null ? null : <rect x={x} y={top + plot - barH} width={step * 0.7} height={barH} fill={BAR} />}
            <text x={x + step * 0.35} y={h - bottom + 16} text-anchor="middle">{m.month.slice(5)}</text>
            <text x={x + step * 0.35} y={top + plot - barH - 4} text-anchor="middle">{pct === null ? '–' : `${pct}`}</text>
          </g>
        )
      })}
    </svg>
  )
}

function ConsentChart({ data }: { data: DashboardData }) {
  const t = DASHBOARD_TEXTS[data.lang].consents
  const rows = data.consents
  const max = Math.max(1, ...rows.flatMap((r) => [r.granted, r.withdrawn]))
  const labelW = 260
  const w = 600
  const barMax = w - labelW - 50
  const rowH = 44
  const h = rows.length * rowH + 30
  return (
    <svg class="chart" role="img" aria-labelledby="chart-consent-title chart-consent-desc" viewBox={`0 0 ${w} ${h}`} xmlns="http://www.w3.org/2000/svg">
      <title id="chart-consent-title">{t.title}</title>
      <desc id="chart-consent-desc">{t.chart}</desc>
      <rect x={labelW} y={4} width={12} height={12} fill={GRANTED} />
      <text x={labelW + 16} y={14}>{t.granted}</text>
      <rect x={labelW + 110} y={4} width={12} height={12} fill={WITHDRAWN} />
      <text x={labelW + 126} y={14}>{t.withdrawn}</text>
      {rows.map((r, i) => {
        const y = 30 + i * rowH
        const gw = (barMax * r.granted) / max
        const ww = (barMax * r.withdrawn) / max
        return (
          <g key={r.purpose}>
            <text x={labelW - 8} y={y + 20} text-anchor="end">{shorten(purposeName(data.policy, r.purpose, data.lang), 34)}</text>
            <rect x={labelW} y={y} width={gw} height={16} fill={GRANTED} />
            <text x={labelW + gw + 4} y={y + 13}>{r.granted}</text>
            <rect x={labelW} y={y + 18} width={ww} height={16} fill={WITHDRAWN} />
            <text x={labelW + ww + 4} y={y + 31}>{r.withdrawn}</text>
          </g>
        )
      })}
    </svg>
  )
}

export function DashboardBody({ data }: { data: DashboardData }) {
  const t = DASHBOARD_TEXTS[data.lang]
  const r = data.requests
  const sum = (k: 'extended' | 'refused' | 'fees') => r.months.reduce((n, m) => n + m[k], 0)
  return (
    <>
      <p>{t.intro(r.today)}</p>
      <section aria-labelledby="d-requests">
        <h2 id="d-requests">{t.requests.title}</h2>
        <ul class="tiles">
          <li id="tile-due-week"><strong>{r.dueThisWeek}</strong>{t.requests.dueThisWeek}</li>
          <li id="tile-overdue"><strong>{r.overdue}</strong>{t.requests.overdue}</li>
          <li id="tile-open"><strong>{r.open}</strong>{t.requests.open}</li>
          <li id="tile-extended"><strong>{sum('extended')}</strong>{t.requests.extended}</li>
          <li id="tile-refused"><strong>{sum('refused')}</strong>{t.requests.refused}</li>
          <li id="tile-fees"><strong>{sum('fees')}</strong>{t.requests.fees}</li>
        </ul>
        <p><a href={withLang('/admin/requests', data.lang)}>{t.requests.inbox}</a></p>
      </section>
      <section aria-labelledby="d-ontime">
        <h2 id="d-ontime">{t.onTime.title}</h2>
        <OnTimeChart data={data} />
        <div class="scroll" tabIndex={0} role="region" aria-label={t.onTime.caption}>
          <table id="table-ontime">
            <caption class="hint">{t.onTime.caption}</caption>
            <thead>
              <tr><th scope="col">{t.onTime.month}</th><th scope="col">{t.onTime.closed}</th><th scope="col">{t.onTime.onTime}</th><th scope="col">{t.onTime.late}</th><th scope="col">{t.onTime.rate}</th><th scope="col">{t.onTime.extended}</th><th scope="col">{t.onTime.refused}</th></tr>
            </thead>
            <tbody>
              {r.months.map((m) => {
                const pct = onTimePercent(m)
                return (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    <td>{m.closed}</td>
                    <td>{m.onTime}</td>
                    <td>{m.late}</td>
                    <td>{pct === null ? t.onTime.noneClosed : `${pct}%`}</td>
                    <td>{m.extended}</td>
                    <td>{m.refused}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="d-consents">
        <h2 id="d-consents">{t.consents.title}</h2>
        {data.consents.length === 0 ? (
          <p>{t.consents.none}</p>
        ) : (
          <>
            <ConsentChart data={data} />
            <table id="table-consents">
              <caption class="hint">{t.consents.caption}</caption>
              <thead>
                <tr><th scope="col">{t.consents.purpose}</th><th scope="col">{t.consents.granted}</th><th scope="col">{t.consents.withdrawn}</th></tr>
              </thead>
              <tbody>
                {data.consents.map((c) => (
                  <tr key={c.purpose}><th scope="row">{purposeName(data.policy, c.purpose, data.lang)}</th><td>{c.granted}</td><td>{c.withdrawn}</td></tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <section aria-labelledby="d-retention">
        <h2 id="d-retention">{t.retention.title}</h2>
        <p class="hint">{t.retention.hint(data.retentionDays)}</p>
        {data.retention.length === 0 ? (
          <p>{t.retention.none(data.retentionDays)}</p>
        ) : (
          <table id="table-retention">
            <caption class="hint">{t.retention.caption}</caption>
            <thead>
              <tr><th scope="col">{t.retention.action}</th><th scope="col">{t.retention.category}</th><th scope="col">{t.retention.people}</th></tr>
            </thead>
            <tbody>
              {data.retention.map((o) => (
                <tr key={`${o.action}|${o.category}`}>
                  <th scope="row">{t.retention.actions[o.action as keyof typeof t.retention.actions] ?? o.action}</th>
                  <td>{o.category === '*' ? t.retention.wholePerson : categoryLabel(data.policy, o.category, data.lang)}</td>
                  <td>{o.people}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}
