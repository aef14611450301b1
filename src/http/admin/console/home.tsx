// The signed-in home (/admin) inside the console's frame: one's roles and whether each is in
// effect, the purposes they open, one's sessions with sign-out, the recovery codes left, and for the
// DPO the access review with its confirmation. No personal data of data subjects.
import type { Language } from '../../../policy/schema.ts'
import type { SessionListing } from '../../../staff/sessions.ts'
import type { AccountView, RecertificationView } from '../../../staff/accounts.ts'
import type { StaffSession } from '../../../staff/sessions.ts'
import { HOME_TEXTS } from './home-texts.ts'
import { renderConsolePage } from './layout.tsx'
import { consoleFrame } from './console-session.ts'

export interface HomeData {
  readonly lang: Language
  readonly csrf: string
  readonly account: AccountView
  readonly purposes: readonly string[]
  readonly sessions: readonly SessionListing[]
  readonly recoveryCodesLeft: number
  readonly notice?: string | undefined
  readonly error?: string | undefined
  /** The access review, for the DPO. */
  readonly review?: { readonly status: RecertificationView; readonly assignments: readonly { accountId: string; email: string; roles: readonly string[]; undertakingSignedOn: string | null }[] } | undefined
}

export const homeTitle = (lang: Language) => HOME_TEXTS[lang].title

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`

export function HomeBody({ data }: { data: HomeData }) {
  const t = HOME_TEXTS[data.lang]
  const q = `?lang=${data.lang}`
  return (
    <>
      {data.notice ? <div class="notice" role="status"><p>{data.notice}</p></div> : null}
      {data.error ? <div class="error" role="alert"><p>{data.error}</p></div> : null}
      {data.account.roles.length ? (
        <table>
          <caption class="hint">{t.rolesCaption}</caption>
          <thead><tr><th scope="col">{t.role}</th><th scope="col">{t.state}</th></tr></thead>
          <tbody>{data.account.roles.map((r) => <tr key={r.role}><td>{r.role}</td><td>{r.inEffect ? t.inEffect : t.awaiting}</td></tr>)}</tbody>
        </table>
      ) : (
        <p>{t.noRole}</p>
      )}
      {data.purposes.length ? <p>{t.purposes(data.purposes.join(', '))}</p> : <p>{t.noPurposes}</p>}
      <p>{t.recoveryLeft(data.recoveryCodesLeft)}{data.recoveryCodesLeft <= 3 ? t.recoveryLow : ''}</p>
      <h2>{t.sessions}</h2>
      <table>
        <caption class="hint">{t.sessionsCaption}</caption>
        <thead><tr><th scope="col">{t.signedIn}</th><th scope="col">{t.lastUsed}</th><th scope="col">{t.browser}</th><th scope="col"><span class="hint">{t.action}</span></th></tr></thead>
        <tbody>
          {data.sessions.map((s) => (
            <tr key={s.id}>
              <td>{when(s.createdAt)}</td>
              <td>{when(s.lastSeenAt)}</td>
              <td>{(s.userAgent ?? t.unknownBrowser).slice(0, 60)}{s.current ? t.thisOne : ''}</td>
              <td>
                <form method="post" action={`/admin/sessions/${s.id}/revoke${q}`} class="inline">
                  <input type="hidden" name="_csrf" value={data.csrf} />
                  <button type="submit" class="secondary" aria-label={t.signOutLabel(when(s.createdAt))}>{t.signOut}</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.review ? (
        <>
          <h2>{t.review}</h2>
          <p>
            {data.review.status.last ? t.lastConfirmed(when(data.review.status.last.confirmedAt)) : t.neverConfirmed} {data.review.status.overdue ? <strong>{t.dueNow}</strong> : t.dueBy(data.review.status.dueOn)}
          </p>
          <table>
            <caption class="hint">{t.whoHolds}</caption>
            <thead><tr><th scope="col">{t.account}</th><th scope="col">{t.rolesInEffect}</th><th scope="col">{t.undertaking}</th></tr></thead>
            <tbody>
              {data.review.assignments.map((a) => (
                <tr key={a.accountId}><td>{a.email}</td><td>{a.roles.join(', ') || '—'}</td><td>{a.undertakingSignedOn ? t.signed(a.undertakingSignedOn) : <strong>{t.noneRecorded}</strong>}</td></tr>
              ))}
            </tbody>
          </table>
          <form method="post" action={`/admin/recertify${q}`}>
            <input type="hidden" name="_csrf" value={data.csrf} />
            <button type="submit">{t.confirm}</button>
          </form>
        </>
      ) : null}
    </>
  )
}

/** The whole page, in the console's frame (its navigation, language links and htmx). */
export function renderHomePage(session: StaffSession, data: HomeData): string {
  return renderConsolePage(consoleFrame(session, data.lang, 'home', homeTitle(data.lang), '/admin'), <HomeBody data={data} />)
}
