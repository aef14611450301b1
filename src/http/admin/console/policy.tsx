// The Policy page: the version in force, every published version with its notices' status, the
// policy file on the server as a draft (material or not, for which purposes, who is told, its
// changes against the version in force) with the DPO's publish form, and the notices' progress.
import type { Language } from '../../../policy/schema.ts'
import type { Policy } from '../../../policy/policy.ts'
import type { PolicyOverview } from '../../../policy/overview.ts'
import type { StatementComparison } from '../../../policy/version-compare.ts'
import { formatDate } from '../../../policy/i18n.ts'
import { dateInZone } from '../../../util/dates.ts'
import { changeText, comparisonHtml } from '../../versions-pages.ts'
import { VERSIONS_TEXTS } from '../../versions-i18n.ts'
import { POLICY_TEXTS, type NotificationStatus } from './policy-texts.ts'

export interface PolicyPageData {
  readonly lang: Language
  readonly csrf: string
  readonly overview: PolicyOverview
  /** The draft against the version in force, in the page's language. */
  readonly comparison?: StatementComparison | undefined
  readonly mayPublish: boolean
  /** The date the form shows (the earliest allowed, or what was sent back with an error). */
  readonly effective?: string | undefined
  readonly error?: string | undefined
  readonly done?: string | undefined
}

const STATUSES: readonly NotificationStatus[] = ['none', 'pending', 'sent', 'incomplete']
const statusOf = (s: string): NotificationStatus => (STATUSES.includes(s as NotificationStatus) ? (s as NotificationStatus) : 'pending')

function purposeName(policies: readonly (Policy | undefined)[], id: string, lang: Language): string {
  for (const p of policies) {
    const found = p?.purpose(id)
    if (found) return found.name[lang]
  }
  return id
}

export function PolicyBody({ data }: { data: PolicyPageData }) {
  const { lang, overview: o } = data
  const t = POLICY_TEXTS[lang]
  const vt = VERSIONS_TEXTS[lang]
  const date = (iso: string) => formatDate(iso, lang)
  const publishedOn = (at: string) => date(dateInZone(new Date(at), o.timeZone))
  const names = [o.draft?.policy, o.latest?.policy, o.inForce?.policy]
  const draft = o.draft
  const material = draft?.changes.filter((c) => c.material) ?? []
  const errorId = data.error ? 'publish-error' : undefined
  return (
    <>
      <p>{t.intro}</p>
      {data.done ? <div class="notice" role="status"><p>{data.done}</p></div> : null}
      {data.error ? <div class="error" role="alert" id="publish-error"><p>{data.error}</p></div> : null}

      <section aria-labelledby="in-force-title">
        <h2 id="in-force-title">{t.inForce}</h2>
        {o.inForce ? (
          <dl class="facts" id="in-force">
            <dt>{t.versionCol}</dt>
            <dd>{t.version(o.inForce.version)}</dd>
            <dt>{t.effective}</dt>
            <dd>{date(o.inForce.effectiveDate)} (<code>{o.inForce.effectiveDate}</code>)</dd>
            <dt>{t.published}</dt>
            <dd>{publishedOn(o.inForce.publishedAt)}</dd>
          </dl>
        ) : (
          <p>{t.nothingPublished}</p>
        )}
        <p><a href={`/privacy/versions?lang=${lang}`}>{t.publicVersions}</a></p>
      </section>

      <section aria-labelledby="versions-title">
        <h2 id="versions-title">{t.versions}</h2>
        <div class="scroll" tabIndex={0} role="region" aria-label={t.versionsCaption}>
          <table id="versions">
            <caption class="hint">{t.versionsCaption}</caption>
            <thead>
              <tr><th scope="col">{t.versionCol}</th><th scope="col">{t.effective}</th><th scope="col">{t.published}</th><th scope="col">{t.materialCol}</th><th scope="col">{t.noticesCol}</th></tr>
            </thead>
            <tbody>
              {o.versions.map((v) => {
                const changed = v.materialChanges.filter((c) => c.material)
                return (
                  <tr key={v.version} id={`version-${v.version}`}>
                    <th scope="row"><a href={`/privacy/versions/${v.version}?lang=${lang}`}>{t.version(v.version)}</a>{v.version === o.inForce?.version ? ` (${vt.inForce})` : v.version > (o.inForce?.version ?? 0) ? ` (${vt.announced})` : ''}</th>
                    <td>{date(v.effectiveDate)}</td>
                    <td>{publishedOn(v.publishedAt)}</td>
                    <td>{v.version === 1 ? t.firstVersion : changed.length ? changed.map((c) => purposeName(names, c.purposeId, lang)).join(', ') : t.noMaterial}</td>
                    <td>{t.status[statusOf(v.notificationStatus)]}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="draft-title">
        <h2 id="draft-title">{t.draft}</h2>
        {o.unreadable !== undefined ? (
          <div class="error" role="alert">
            <p>{t.unreadable}</p>
            <pre class="verdict">{o.unreadable}</pre>
          </div>
        ) : !draft ? (
          <p id="draft-state">{t.noDraft(o.latest?.version ?? 0)}</p>
        ) : (
          <div id="draft-state">
            <p>{t.isDraft(o.latest?.version, draft.nextVersion)}</p>
            {draft.material ? (
              <>
                <p><strong class="flag flag-late" id="material">{t.materialYes}</strong></p>
                <p>{t.materialPurposes}</p>
                <ul id="material-purposes">
                  {material.map((c) => <li key={c.purposeId}>{changeText(vt, lang, c, draft.policy, o.latest?.policy)} <code>{c.purposeId}</code></li>)}
                </ul>
                <p>{t.materialNotice(draft.noticeDays)}</p>
                {draft.affectedTypes.length ? (
                  <>
                    <p>{t.concerns}</p>
                    <ul id="affected-types">
                      {draft.affectedTypes.map((id) => <li key={id}>{(draft.policy.subjectType(id) ?? o.latest?.policy.subjectType(id))?.label[lang] ?? id} <code>{id}</code></li>)}
                    </ul>
                  </>
                ) : (
                  <p>{t.concernsNobody}</p>
                )}
              </>
            ) : (
              <p id="material">{t.materialNo}</p>
            )}
          </div>
        )}
      </section>

      {draft && o.inForce && data.comparison ? (
        <section aria-labelledby="diff-title">
          <h2 id="diff-title">{t.changesAgainst(o.inForce.version)}</h2>
          {/* comparisonHtml escapes every text it is given (src/http/versions-pages.ts). */}
          <div dangerouslySetInnerHTML={{ __html: comparisonHtml(lang, data.comparison) }} />
        </section>
      ) : null}

      {draft ? (
        <section aria-labelledby="publish-title" class="action">
          <h2 id="publish-title">{t.publish}</h2>
          {data.mayPublish ? (
            <>
              <p>{t.publishIntro(draft.nextVersion)}</p>
              <form method="post" action={`/admin/policy/publish?lang=${lang}`}>
                <input type="hidden" name="_csrf" value={data.csrf} />
                <input type="hidden" name="hash" value={draft.contentHash} />
                <label for="effective">
                  {t.effectiveLabel}
                  <span class="hint" id="effective-hint">{t.earliestHint(date(draft.earliestEffectiveDate), draft.earliestEffectiveDate)}</span>
                </label>
                <input
                  id="effective"
                  name="effective"
                  type="date"
                  required
                  min={draft.earliestEffectiveDate}
                  value={data.effective ?? draft.earliestEffectiveDate}
                  aria-describedby={errorId ? `effective-hint ${errorId}` : 'effective-hint'}
                  aria-invalid={errorId ? 'true' : undefined}
                />
                <button type="submit">{t.submit(draft.nextVersion)}</button>
              </form>
            </>
          ) : (
            <p>{t.dpoOnly}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="notices-title">
        <h2 id="notices-title">{t.notices}</h2>
        <p>{t.noticesIntro}</p>
        {o.notices.size === 0 ? (
          <p>{t.noNotices}</p>
        ) : (
          <div class="scroll" tabIndex={0} role="region" aria-label={t.noticesCaption}>
            <table id="notices">
              <caption class="hint">{t.noticesCaption}</caption>
              <thead>
                <tr><th scope="col">{t.versionCol}</th><th scope="col">{t.noticesCol}</th><th scope="col">{t.total}</th><th scope="col">{t.pending}</th><th scope="col">{t.sent}</th><th scope="col">{t.failed}</th><th scope="col">{t.noContact}</th></tr>
              </thead>
              <tbody>
                {o.versions.filter((v) => o.notices.has(v.version)).map((v) => {
                  const c = o.notices.get(v.version)!
                  return (
                    <tr key={v.version} id={`notices-${v.version}`}>
                      <th scope="row">{t.version(v.version)}</th>
                      <td>{t.status[statusOf(v.notificationStatus)]}</td>
                      <td>{c.total}</td>
                      <td>{c.pending}</td>
                      <td>{c.sent}</td>
                      <td>{c.failed}</td>
                      <td>{c.no_contact}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}
