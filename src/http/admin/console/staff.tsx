// The staff and keys pages: the accounts with their roles (in effect, or awaiting a second party),
// one account's roles, status and live sessions, the quarterly access review, and the API keys.
// Every form is a plain post with the session's CSRF token; what may be done is decided by the
// staff room (src/staff/), the page only leaves out the buttons a reader may not use.
import type { ComponentChildren } from 'preact'
import type { Language } from '../../../policy/schema.ts'
import type { Policy } from '../../../policy/policy.ts'
import type { AccountView, RecertificationView } from '../../../staff/accounts.ts'
import type { SessionListing } from '../../../staff/sessions.ts'
import type { ApiKeyInfo } from '../../../gate/api-keys.ts'
import { purposeName } from '../../../requests/mails.ts'
import { withLang } from './layout.tsx'
import { STAFF_TEXTS } from './staff-texts.ts'

export type StaffView = 'accounts' | 'review' | 'keys'

const shortId = (id: string) => id.slice(0, 8)
const when = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : undefined)

export interface StaffCommon {
  readonly lang: Language
  readonly csrf: string
  /** The reader manages (staff_admin); otherwise reads only (the DPO). */
  readonly manage: boolean
  readonly notice?: string | undefined
  readonly error?: string | undefined
}

function Messages({ data }: { data: StaffCommon }) {
  return (
    <>
      {data.notice ? <div class="notice" role="status"><p>{data.notice}</p></div> : null}
      {data.error ? <div class="error" role="alert"><p>{data.error}</p></div> : null}
    </>
  )
}

/** The three views of the section, as a second navigation. */
export function StaffNav({ lang, current }: { lang: Language; current: StaffView | undefined }) {
  const t = STAFF_TEXTS[lang]
  const views: [StaffView, string][] = [['accounts', '/admin/staff'], ['review', '/admin/staff/review'], ['keys', '/admin/staff/keys']]
  return (
    <nav aria-label={t.title}>
      <ul class="nav">
        {views.map(([id, path]) => <li key={id}><a href={withLang(path, lang)} aria-current={current === id ? 'page' : undefined}>{t.sections[id]}</a></li>)}
      </ul>
    </nav>
  )
}

/** A one-button form. */
function Button({ action, csrf, label, secondary, children }: { action: string; csrf: string; label: string; secondary?: boolean; children?: ComponentChildren }) {
  return (
    <form method="post" action={action} class="inline">
      <input type="hidden" name="_csrf" value={csrf} />
      <button type="submit" class={secondary ? 'secondary' : undefined}>{label}{children}</button>
    </form>
  )
}

function RoleStates({ lang, roles }: { lang: Language; roles: AccountView['roles'] }) {
  const t = STAFF_TEXTS[lang].accounts
  if (roles.length === 0) return <>{t.none}</>
  return (
    <ul>
      {roles.map((r) => <li key={r.role}><code>{r.role}</code> — {r.inEffect ? t.inEffect : t.awaiting}</li>)}
    </ul>
  )
}

export interface AccountsData extends StaffCommon {
  readonly accounts: readonly AccountView[]
  readonly lastSignIns: ReadonlyMap<string, string>
  readonly roles: readonly string[]
}

export function AccountsBody({ data }: { data: AccountsData }) {
  const { lang } = data
  const t = STAFF_TEXTS[lang]
  return (
    <>
      <StaffNav lang={lang} current="accounts" />
      <p>{t.accounts.intro}</p>
      {data.manage ? null : <p class="hint">{t.readOnly}</p>}
      <Messages data={data} />
      <table>
        <caption class="hint">{t.accounts.caption(data.accounts.length)}</caption>
        <thead>
          <tr><th scope="col">{t.accounts.email}</th><th scope="col">{t.accounts.status}</th><th scope="col">{t.accounts.roles}</th><th scope="col">{t.accounts.lastSignIn}</th><th scope="col">{t.accounts.undertaking}</th></tr>
        </thead>
        <tbody>
          {data.accounts.map((a) => (
            <tr key={a.id}>
              <th scope="row"><a href={withLang(`/admin/staff/accounts/${a.id}`, lang)}>{a.email}</a></th>
              <td>{t.accounts.statusName[a.status]}</td>
              <td><RoleStates lang={lang} roles={a.roles} /></td>
              <td>{when(data.lastSignIns.get(a.id)) ?? t.accounts.never}</td>
              <td>{a.undertakings.at(-1)?.signedOn ?? t.accounts.none}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.manage ? (
        <section aria-labelledby="invite-title" class="action">
          <h2 id="invite-title">{t.invite.title}</h2>
          <p class="hint">{t.invite.hint}</p>
          <form method="post" action={withLang('/admin/staff/invite', lang)}>
            <input type="hidden" name="_csrf" value={data.csrf} />
            <label for="invite-email">{t.invite.email}</label>
            <input id="invite-email" name="email" type="email" required maxLength={254} autoComplete="off" />
            <label for="invite-role">{t.invite.role}</label>
            <select id="invite-role" name="role" required>
              {data.roles.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
            <button type="submit">{t.invite.submit}</button>
          </form>
        </section>
      ) : null}
    </>
  )
}

export interface AccountData extends StaffCommon {
  readonly account: AccountView
  readonly sessions: readonly SessionListing[]
  readonly roles: readonly string[]
  readonly self: boolean
}

export function accountTitle(lang: Language, id: string): string {
  return STAFF_TEXTS[lang].account.title(shortId(id))
}

export function AccountBody({ data }: { data: AccountData }) {
  const { lang, account: a, csrf } = data
  const t = STAFF_TEXTS[lang]
  const base = `/admin/staff/accounts/${a.id}`
  const act = (path: string) => withLang(`${base}${path}`, lang)
  // Buttons for what the reader may do; the staff room refuses the rest anyway.
  const manage = data.manage && !data.self
  const grantable = data.roles.filter((r) => !a.roles.some((held) => held.role === r))
  return (
    <>
      <StaffNav lang={lang} current={undefined} />
      <p><a href={withLang('/admin/staff', lang)}>{t.account.back}</a></p>
      <Messages data={data} />
      <h2>{t.account.facts}</h2>
      <dl class="facts">
        <dt>{t.accounts.email}</dt><dd>{a.email}</dd>
        <dt>{t.account.id}</dt><dd><code>{a.id}</code></dd>
        <dt>{t.accounts.status}</dt><dd>{t.accounts.statusName[a.status]}</dd>
        <dt>{t.account.created}</dt><dd>{when(a.createdAt)}</dd>
        <dt>{t.accounts.undertaking}</dt><dd>{a.undertakings.at(-1)?.signedOn ?? t.accounts.none}</dd>
      </dl>
      <h2 id="roles-title">{t.account.roles}</h2>
      {a.roles.length === 0 ? (
        <p>{t.account.noRoles}</p>
      ) : (
        <table aria-labelledby="roles-title">
          <caption class="visually-hidden">{t.account.roles}</caption>
          <thead>
            <tr><th scope="col">{t.account.role}</th><th scope="col">{t.account.state}</th><th scope="col">{t.account.grantedBy}</th><th scope="col">{t.account.approvedBy}</th>{manage ? <th scope="col">{t.account.actions}</th> : null}</tr>
          </thead>
          <tbody>
            {a.roles.map((r) => (
              <tr key={r.role}>
                <th scope="row"><code>{r.role}</code></th>
                <td>{r.inEffect ? t.accounts.inEffect : t.accounts.awaiting}</td>
                <td><code>{r.grantedBy}</code> · {when(r.grantedAt)}</td>
                <td>{r.approvedBy ? <><code>{r.approvedBy}</code> · {when(r.approvedAt)}</> : '—'}</td>
                {manage ? (
                  <td>
                    {r.inEffect ? null : <Button action={act(`/roles/${r.role}/approve`)} csrf={csrf} label={t.account.approve}><span class="visually-hidden"> {r.role}</span></Button>}{' '}
                    <Button action={act(`/roles/${r.role}/remove`)} csrf={csrf} label={t.account.remove} secondary><span class="visually-hidden"> {r.role}</span></Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manage && a.status !== 'disabled' && grantable.length ? (
        <section aria-labelledby="grant-title" class="action">
          <h2 id="grant-title">{t.account.grant}</h2>
          <p class="hint">{t.account.grantHint}</p>
          <form method="post" action={act('/roles')} class="filters">
            <input type="hidden" name="_csrf" value={csrf} />
            <div>
              <label for="grant-role">{t.account.role}</label>
              <select id="grant-role" name="role" required>
                {grantable.map((r) => <option key={r} value={r}>{r}</option>)}
              </select>
            </div>
            <button type="submit">{t.account.grantSubmit}</button>
          </form>
        </section>
      ) : null}
      {manage ? (
        <section aria-labelledby="manage-title" class="action">
          <h2 id="manage-title">{t.account.manage}</h2>
          {a.status === 'disabled' ? (
            <><p class="hint">{t.account.enableHint}</p><Button action={act('/enable')} csrf={csrf} label={t.account.enable} /></>
          ) : (
            <>
              <p class="hint">{t.account.disableHint}</p>
              <Button action={act('/disable')} csrf={csrf} label={t.account.disable} />
              {a.status === 'active' ? <><p class="hint">{t.account.resetHint}</p><Button action={act('/second-factor-reset')} csrf={csrf} label={t.account.reset} /></> : null}
            </>
          )}
        </section>
      ) : null}
      {manage ? (
        <section aria-labelledby="undertaking-title" class="action">
          <h2 id="undertaking-title">{t.account.undertaking}</h2>
          <p class="hint">{t.account.undertakingHint}</p>
          <form method="post" action={act('/undertakings')} class="filters">
            <input type="hidden" name="_csrf" value={csrf} />
            <div>
              <label for="u-signed">{t.account.signedOn}</label>
              <input id="u-signed" name="signedOn" type="date" required />
            </div>
            <div>
              <label for="u-reference">{t.account.reference} <span class="hint">{t.account.referenceHint}</span></label>
              <input id="u-reference" name="reference" type="text" maxLength={120} autoComplete="off" />
            </div>
            <button type="submit">{t.account.undertakingSubmit}</button>
          </form>
        </section>
      ) : null}
      {data.manage ? (
        <section aria-labelledby="sessions-title" class="action">
          <h2 id="sessions-title">{t.account.sessions}</h2>
          {data.sessions.length === 0 ? (
            <p>{t.account.noSessions}</p>
          ) : (
            <>
              <table>
                <caption class="hint">{t.account.sessionsCaption(data.sessions.length)}</caption>
                <thead>
                  <tr><th scope="col">{t.account.signedIn}</th><th scope="col">{t.account.lastUsed}</th><th scope="col">{t.account.browser}</th>{manage ? <th scope="col">{t.account.actions}</th> : null}</tr>
                </thead>
                <tbody>
                  {data.sessions.map((s) => (
                    <tr key={s.id}>
                      <td>{when(s.createdAt)}</td>
                      <td>{when(s.lastSeenAt)}</td>
                      <td>{s.userAgent ?? t.account.unknownBrowser}</td>
                      {manage ? <td><Button action={act(`/sessions/${s.id}/revoke`)} csrf={csrf} label={t.account.revoke}><span class="visually-hidden"> {shortId(s.id)}</span></Button></td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
              {manage ? <p><Button action={act('/sessions/revoke-all')} csrf={csrf} label={t.account.revokeAll} /></p> : null}
            </>
          )}
        </section>
      ) : null}
    </>
  )
}

export interface ReviewData extends StaffCommon {
  readonly review: RecertificationView & { readonly assignments: readonly { accountId: string; email: string; roles: readonly string[]; undertakingSignedOn: string | null }[] }
  readonly mayConfirm: boolean
}

export function ReviewBody({ data }: { data: ReviewData }) {
  const { lang, review } = data
  const t = STAFF_TEXTS[lang]
  return (
    <>
      <StaffNav lang={lang} current="review" />
      <p>{t.review.intro}</p>
      <Messages data={data} />
      <p>
        {review.last ? t.review.last(when(review.last.confirmedAt)!, review.last.confirmedBy, review.last.accounts) : t.review.never}{' '}
        {review.overdue ? <strong>{t.review.overdue}</strong> : t.review.due(review.dueOn)}
      </p>
      <table>
        <caption class="hint">{t.review.caption}</caption>
        <thead><tr><th scope="col">{t.review.account}</th><th scope="col">{t.review.roles}</th><th scope="col">{t.review.undertaking}</th></tr></thead>
        <tbody>
          {review.assignments.map((a) => (
            <tr key={a.accountId}>
              <th scope="row">{a.email}</th>
              <td>{a.roles.length ? a.roles.map((r, i) => <>{i ? ', ' : ''}<code>{r}</code></>) : t.accounts.none}</td>
              <td>{a.undertakingSignedOn ?? t.accounts.none}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="confirm-title" class="action">
        <h2 id="confirm-title">{t.review.confirm}</h2>
        {data.mayConfirm ? (
          <>
            <p class="hint">{t.review.confirmHint}</p>
            <Button action={withLang('/admin/staff/review/confirm', lang)} csrf={data.csrf} label={t.review.confirm} />
          </>
        ) : (
          <p class="hint">{t.review.dpoOnly}</p>
        )}
      </section>
    </>
  )
}

export interface KeysData extends StaffCommon {
  readonly policy: Policy
  readonly keys: readonly ApiKeyInfo[]
  /** The purposes a key may be given, in the policy's order. */
  readonly purposes: readonly string[]
}

export function KeysBody({ data }: { data: KeysData }) {
  const { lang, policy } = data
  const t = STAFF_TEXTS[lang]
  const k = t.keys
  return (
    <>
      <StaffNav lang={lang} current="keys" />
      <p>{k.intro}</p>
      {data.manage ? null : <p class="hint">{t.readOnly}</p>}
      <Messages data={data} />
      {data.keys.length === 0 ? (
        <p>{k.none}</p>
      ) : (
        <table>
          <caption class="hint">{k.caption(data.keys.length)}</caption>
          <thead>
            <tr><th scope="col">{k.name}</th><th scope="col">{k.purposes}</th><th scope="col">{k.recipient}</th><th scope="col">{k.created}</th><th scope="col">{k.lastUsed}</th><th scope="col">{k.state}</th>{data.manage ? <th scope="col">{t.account.actions}</th> : null}</tr>
          </thead>
          <tbody>
            {data.keys.map((key) => (
              <tr key={key.id}>
                <th scope="row">{key.name} <span class="hint"><code>{shortId(key.id)}</code></span></th>
                <td>{[...key.purposes, ...key.scopes].map((p, i) => <>{i ? ', ' : ''}<code>{p}</code></>)}{key.tenantId ? <> · tenant <code>{key.tenantId}</code></> : null}</td>
                <td>{key.recipientId ? <code>{key.recipientId}</code> : '—'}</td>
                <td>{when(key.createdAt)}</td>
                <td>{when(key.lastUsedAt) ?? k.never}</td>
                <td>{key.revokedAt ? k.revokedOn(when(key.revokedAt)!) : k.active}</td>
                {data.manage ? <td>{key.revokedAt ? null : <Button action={withLang(`/admin/staff/keys/${key.id}/revoke`, lang)} csrf={data.csrf} label={k.revoke} secondary><span class="visually-hidden"> {key.name}</span></Button>}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.manage ? (
        <section aria-labelledby="create-title" class="action">
          <h2 id="create-title">{k.create}</h2>
          <form method="post" action={withLang('/admin/staff/keys', lang)}>
            <input type="hidden" name="_csrf" value={data.csrf} />
            <label for="key-name">{k.name} <span class="hint">{k.nameHint}</span></label>
            <input id="key-name" name="name" type="text" required maxLength={64} pattern="[\w .:\-]{1,64}" autoComplete="off" />
            <fieldset>
              <legend>{k.purposesLegend}</legend>
              {data.purposes.map((p) => (
                <div class="check" key={p}>
                  <input id={`key-p-${p}`} name="purposes" type="checkbox" value={p} />
                  <label for={`key-p-${p}`}>{purposeName(policy, p, lang)} (<code>{p}</code>)</label>
                </div>
              ))}
              <div class="check">
                <input id="key-intake" name="intake" type="checkbox" value="true" />
                <label for="key-intake">{k.intake} <span class="hint">— {k.intakeHint}</span></label>
              </div>
            </fieldset>
            <label for="key-recipient">{k.recipient}</label>
            <select id="key-recipient" name="recipient">
              <option value="">{k.noRecipient}</option>
              {policy.recipients.map((r) => <option key={r.id} value={r.id}>{r.id}</option>)}
            </select>
            <label for="key-tenant">{k.tenant} <span class="hint">{k.tenantHint}</span></label>
            <input id="key-tenant" name="tenant" type="text" maxLength={64} autoComplete="off" />
            <button type="submit">{k.createSubmit}</button>
          </form>
        </section>
      ) : null}
    </>
  )
}

/** The one page that shows a new key's token, with the warning that it is never shown again. */
export function KeyCreatedBody({ lang, info, token }: { lang: Language; info: ApiKeyInfo; token: string }) {
  const k = STAFF_TEXTS[lang].keys
  return (
    <>
      <StaffNav lang={lang} current="keys" />
      <div class="notice" role="alert"><p><strong>{k.tokenWarning}</strong></p></div>
      <dl class="facts">
        <dt>{k.name}</dt><dd>{info.name} <code>{info.id}</code></dd>
        <dt>{k.purposes}</dt><dd>{[...info.purposes, ...info.scopes].join(', ')}</dd>
        <dt>{k.recipient}</dt><dd>{info.recipientId ?? '—'}</dd>
      </dl>
      <label for="api-key-token">{k.tokenLabel}</label>
      <input id="api-key-token" type="text" readOnly value={token} size={60} autoComplete="off" spellcheck={false} />
      <p><a href={withLang('/admin/staff/keys', lang)}>{k.backToKeys}</a></p>
    </>
  )
}
