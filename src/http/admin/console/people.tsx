// Finding a person and opening them under one purpose: only what that purpose may see, and their
// consent history. The searched address or number travels in a form post, never in a URL.
import type { Language } from '../../../policy/schema.ts'
import type { Policy } from '../../../policy/policy.ts'
import type { ConsentEvent } from '../../../consent/ledger.ts'
import type { LegalHold } from '../../../retention/legal-holds.ts'
import type { SubjectHistory } from '../../../gate/gate.ts'
import { eventName } from '../../../policy/i18n.ts'
import { customEvents } from '../../../policy/statement.ts'
import { categoryLabel, purposeName } from '../../../requests/mails.ts'
import { CONSOLE_TEXTS } from './texts.ts'
import { withLang } from './layout.tsx'

const shortId = (id: string) => id.slice(0, 8)

export interface PeopleSearchData {
  readonly lang: Language
  readonly csrf: string
  readonly policy: Policy
  readonly purposes: readonly string[]
  readonly form?: { purpose?: string | undefined; kind?: string | undefined }
  readonly results?: readonly { id: string; type: string }[] | undefined
  readonly error?: string | undefined
}

function PurposeSelect({ id, lang, policy, purposes, selected }: { id: string; lang: Language; policy: Policy; purposes: readonly string[]; selected?: string | undefined }) {
  return (
    <select id={id} name="purpose" required>
      {purposes.map((p) => <option key={p} value={p} selected={selected === p}>{purposeName(policy, p, lang)} ({p})</option>)}
    </select>
  )
}

export function PeopleSearchBody({ data }: { data: PeopleSearchData }) {
  const t = CONSOLE_TEXTS[data.lang].people
  if (data.purposes.length === 0) return <p>{t.noPurposes}</p>
  const purpose = data.form?.purpose
  return (
    <>
      <p>{t.intro}</p>
      {data.error ? <div class="error" role="alert"><p>{data.error}</p></div> : null}
      <form method="post" action={withLang('/admin/people/search', data.lang)} class="filters">
        <input type="hidden" name="_csrf" value={data.csrf} />
        <div>
          <label for="p-purpose">{t.purpose}</label>
          <PurposeSelect id="p-purpose" lang={data.lang} policy={data.policy} purposes={data.purposes} selected={purpose} />
        </div>
        <div>
          <label for="p-kind">{t.kind}</label>
          <select id="p-kind" name="kind">
            <option value="email" selected={data.form?.kind !== 'phone'}>{t.email}</option>
            <option value="phone" selected={data.form?.kind === 'phone'}>{t.phone}</option>
          </select>
        </div>
        <div>
          <label for="p-value">{t.value}</label>
          <input id="p-value" name="value" type="text" required maxLength={320} autoComplete="off" />
        </div>
        <button type="submit">{t.search}</button>
      </form>
      {data.results ? (
        data.results.length === 0 ? (
          <p role="status">{t.none}</p>
        ) : (
          <table>
            <caption class="hint">{t.found(data.results.length)}</caption>
            <thead><tr><th scope="col">Id</th><th scope="col">{t.type}</th><th scope="col"><span class="visually-hidden">{t.open}</span></th></tr></thead>
            <tbody>
              {data.results.map((r) => (
                <tr key={r.id}>
                  <td><code>{r.id}</code></td>
                  <td>{r.type}</td>
                  <td><a href={withLang(`/admin/people/${r.id}?purpose=${encodeURIComponent(purpose ?? '')}`, data.lang)}>{t.open} <span class="visually-hidden">{shortId(r.id)}</span></a></td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </>
  )
}

export interface PersonData {
  readonly lang: Language
  readonly policy: Policy
  readonly purpose: string
  readonly purposes: readonly string[]
  readonly person: { id: string; type: string; data: Readonly<Record<string, unknown>>; withheld: readonly string[] }
  readonly consents: { current: Readonly<Record<string, boolean>>; history: readonly ConsentEvent[] }
  readonly history: SubjectHistory
}

export function personTitle(lang: Language, id: string): string {
  return CONSOLE_TEXTS[lang].people.personTitle(shortId(id))
}

const shown = (v: unknown) => (Array.isArray(v) ? v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(' · ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))

export function PersonBody({ data }: { data: PersonData }) {
  const { lang, policy } = data
  const t = CONSOLE_TEXTS[lang].people
  const entries = Object.entries(data.person.data)
  return (
    <>
      <p>{t.under(`${purposeName(policy, data.purpose, lang)} (${data.purpose})`)} · {data.person.type}</p>
      <h2>{t.data}</h2>
      {entries.length === 0 ? (
        <p>{t.noData}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t.data}</caption>
          <thead><tr><th scope="col">{t.category}</th><th scope="col">{t.valueCol}</th></tr></thead>
          <tbody>{entries.map(([k, v]) => <tr key={k}><td>{categoryLabel(policy, k, lang)}</td><td class="words">{shown(v)}</td></tr>)}</tbody>
        </table>
      )}
      {data.person.withheld.length ? <p class="hint">{t.withheld}: {data.person.withheld.map((c) => categoryLabel(policy, c, lang)).join(', ')}</p> : null}
      <h2>{t.consents}</h2>
      {data.consents.history.length === 0 ? (
        <p>{t.noConsents}</p>
      ) : (
        <>
          <ul>
            {Object.entries(data.consents.current).map(([p, granted]) => <li key={p}>{purposeName(policy, p, lang)}: <strong>{granted ? t.given : t.withdrawn}</strong></li>)}
          </ul>
          <table>
            <caption class="visually-hidden">{t.consents}</caption>
            <thead><tr><th scope="col">{t.at}</th><th scope="col">{t.purpose}</th><th scope="col">{t.consentCurrent}</th><th scope="col">{t.channel}</th><th scope="col">{t.version}</th></tr></thead>
            <tbody>
              {data.consents.history.map((e, i) => (
                <tr key={i}><td>{e.at.slice(0, 19).replace('T', ' ')}</td><td>{purposeName(policy, e.purpose, lang)}</td><td>{e.granted ? t.given : t.withdrawn}</td><td>{e.channel}</td><td>{e.statementVersion}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>{t.events}</h2>
      {data.history.events.length === 0 ? (
        <p>{t.noEvents}</p>
      ) : (
        <table>
          <caption class="hint">{t.eventsIntro}</caption>
          <thead><tr><th scope="col">{t.at}</th><th scope="col">{t.event}</th></tr></thead>
          <tbody>{data.history.events.map((e, i) => <tr key={i}><td>{e.at.toISOString().slice(0, 10)}</td><td>{eventName(e.event, lang, customEvents(policy))} <code>{e.event}</code></td></tr>)}</tbody>
        </table>
      )}
      <h2>{t.disclosures}</h2>
      {data.history.disclosures.length === 0 ? (
        <p>{t.noDisclosures}</p>
      ) : (
        <table>
          <caption class="hint">{t.disclosuresIntro(purposeName(policy, data.purpose, lang))}</caption>
          <thead><tr><th scope="col">{t.at}</th><th scope="col">{t.recipient}</th><th scope="col">{t.disclosedCategories}</th></tr></thead>
          <tbody>
            {data.history.disclosures.map((d, i) => (
              <tr key={i}><td>{d.at.toISOString().slice(0, 19).replace('T', ' ')}</td><td>{policy.recipient(d.recipientId)?.name ?? d.recipientId}</td><td>{d.categories.map((c) => categoryLabel(policy, c, lang)).join(', ') || '—'}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <p><a href={withLang(`/admin/people/${data.person.id}/holds?purpose=${encodeURIComponent(data.purpose)}`, lang)}>{t.holdsLink}</a></p>
      <h2>{t.otherPurpose}</h2>
      <ul>
        {data.purposes.filter((p) => p !== data.purpose).map((p) => <li key={p}><a href={withLang(`/admin/people/${data.person.id}?purpose=${encodeURIComponent(p)}`, lang)}>{purposeName(policy, p, lang)}</a></li>)}
      </ul>
    </>
  )
}

export function holdsTitle(lang: Language, id: string): string {
  return CONSOLE_TEXTS[lang].people.holdsTitle(shortId(id))
}

export function HoldsBody({ lang, policy, personId, backPurpose, holds }: { lang: Language; policy: Policy; personId: string; backPurpose: string; holds: readonly LegalHold[] | undefined }) {
  const t = CONSOLE_TEXTS[lang].people
  const back = <p><a href={withLang(`/admin/people/${personId}?purpose=${encodeURIComponent(backPurpose)}`, lang)}>{t.back}</a></p>
  if (!holds) return <>{back}<div class="error" role="alert"><p>{t.holdsNotAllowed}</p></div></>
  return (
    <>
      {back}
      <p>{t.holdsIntro}</p>
      {holds.length === 0 ? (
        <p>{t.holdsNone}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t.holdsLink}</caption>
          <thead><tr><th scope="col">{t.holdPlaced}</th><th scope="col">{t.holdPurpose}</th><th scope="col">{t.holdCategories}</th><th scope="col">{t.holdReason}</th><th scope="col">{t.holdReview}</th><th scope="col">{t.holdState}</th></tr></thead>
          <tbody>
            {holds.map((h) => (
              <tr key={h.id}>
                <td>{h.createdAt.slice(0, 10)}</td>
                <td>{purposeName(policy, h.purpose, lang)}</td>
                <td>{h.categories.map((c) => categoryLabel(policy, c, lang)).join(', ')}</td>
                <td class="words">{h.reason ?? '—'}</td>
                <td>{h.reviewDate}</td>
                <td>{h.active ? t.holdActive : t.holdReleased((h.releasedAt ?? '').slice(0, 10))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
