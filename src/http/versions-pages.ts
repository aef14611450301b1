// The public pages about the statement's versions, as complete HTML documents in the reader's
// language: every published version (GET /privacy/versions) and what changed between two of them
// (GET /privacy/versions/N/diff?from=M). They look like the privacy center's pages (same header, type
// and colours), carry no script, and escape every text that comes from the policy.
import type { Language } from '../policy/schema.ts'
import { LANGUAGES } from '../policy/schema.ts'
import type { Policy } from '../policy/policy.ts'
import type { StatementVersion } from '../policy/versions.ts'
import type { PurposeChange } from '../policy/statement-diff.ts'
import type { DiffItem, LineKind, StatementComparison, StatementLine } from '../policy/version-compare.ts'
import { formatDate } from '../policy/i18n.ts'
import { dateInZone } from '../util/dates.ts'
import { escapeHtml } from './page.ts'
import { PRIVACY_CENTER_TEXTS } from './privacy-center-i18n.ts'
import { VERSIONS_TEXTS, type VersionsTexts } from './versions-i18n.ts'

/**
 * How a comparison is marked up (comparisonHtml): insertions, deletions, changed lines, folded
 * passages, and the words only a screen reader reads. Shared by the public diff page and the console.
 */
export const DIFF_STYLE = [
  '.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}',
  'ins{background:#d9f2dd;color:#0b3d17;text-decoration:underline;text-decoration-thickness:2px}',
  'del{background:#fbe0e0;color:#6b0f0f;text-decoration:line-through;text-decoration-thickness:2px}del+ins,ins+del{margin-left:.25em}',
  '.diff h3{margin-top:1.6rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}.diff h4{margin-top:1.2rem}',
  '.diff .added,.diff .removed,.diff .changed{padding-left:.6rem;border-left:4px solid}',
  '.diff .added{border-color:#1e7b34}.diff .removed{border-color:#b00020}.diff .changed{border-color:#8a6d00}',
  '.diff .dt{font-weight:600;margin:.6rem 0 0}.diff .dd{margin:.2rem 0 .2rem 1.2rem}.diff .caption{font-weight:600}.diff .row{margin:.2rem 0 .2rem 1.2rem}',
  'details{border:1px dashed #888;border-radius:.3rem;padding:.3rem .8rem;margin:1rem 0}summary{cursor:pointer;font-weight:600;color:#333}',
].join('')

const STYLE = [
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.55;max-width:52rem;margin:0 auto;padding:1rem 1.5rem 3rem;color:#1a1a1a;background:#fff}',
  'header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.5rem;border-bottom:1px solid #ccc;margin-bottom:1rem}',
  'header p{margin:.5rem 0;font-weight:600}nav ul{list-style:none;display:flex;gap:1rem;margin:.5rem 0;padding:0}',
  'a{color:#0645ad}a:focus-visible,summary:focus-visible{outline:3px solid #0a58ca;outline-offset:2px}',
  'table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:600;padding:.3rem 0}th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}thead th{background:#f0f0f0}',
  'td ul{margin:.2rem 0;padding-left:1.1rem}td p{margin:0 0 .3rem}td.date{white-space:nowrap}td.read{min-width:10rem}td.read ul{list-style:none;padding:0;margin:0}td.read li{margin:0 0 .4rem}',
  // On a phone the table of versions becomes one block per version, each cell under its column's name.
  '@media (max-width:40rem){table.versions,table.versions caption,table.versions tbody,table.versions tr,table.versions th,table.versions td{display:block;width:auto;min-width:0}',
  'table.versions thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}table.versions tr{border:1px solid #bbb;margin:0 0 1rem}',
  'table.versions th,table.versions td{border:0;border-top:1px solid #ddd}table.versions th[scope=row]{border-top:0;background:#f0f0f0}',
  'table.versions td::before{content:attr(data-label);display:block;font-weight:600;font-size:.9rem;color:#444}h1{font-size:1.6rem}h2{font-size:1.25rem}}',
  '.badge{display:inline-block;white-space:nowrap;font-size:.85rem;font-weight:600;padding:0 .4rem;margin-left:.3rem;border-radius:.3rem;border:1px solid #1f4e79;color:#1f4e79}',
  '.links{display:flex;flex-wrap:wrap;gap:.4rem 1.5rem;padding:0;list-style:none}',
  DIFF_STYLE,
].join('')

function languageHref(here: string, lang: Language): string {
  const [path, query = ''] = here.split('?')
  const params = new URLSearchParams(query)
  params.set('lang', lang)
  return `${path}?${params.toString()}`
}

function shell(lang: Language, controller: string, title: string, here: string, body: string): string {
  const pc = PRIVACY_CENTER_TEXTS[lang]
  const languages = LANGUAGES.map(
    (l) =>
      `<li><a href="${escapeHtml(languageHref(here, l))}" lang="${l}" hreflang="${l}"${l === lang ? ' aria-current="page"' : ''}>${escapeHtml(PRIVACY_CENTER_TEXTS[l].languageNames[l])}</a></li>`,
  ).join('')
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${title} — ${controller}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p>${escapeHtml(controller)} · <a href="/privacy-center?lang=${lang}">${escapeHtml(pc.title)}</a></p>
<nav aria-label="${escapeHtml(pc.languageNav)}"><ul>${languages}</ul></nav>
</header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`
}

export interface VersionsPageInput {
  readonly lang: Language
  readonly controller: string
  readonly timeZone: string
  /** The version in force now. */
  readonly current: number
  /** Every published version, oldest first, each with its policy (for the purposes' names). */
  readonly versions: readonly (StatementVersion & { readonly policy: Policy })[]
}

/** "Newsletter (retention, recipients)", in the reader's language, from the version that has the purpose. */
export function changeText(t: VersionsTexts, lang: Language, c: PurposeChange, policy: Policy, previous: Policy | undefined): string {
  const name = (policy.purpose(c.purposeId) ?? previous?.purpose(c.purposeId))?.name[lang] ?? c.purposeId
  const what = c.added ? [t.purposeAdded] : c.removed ? [t.purposeRemoved] : c.changed.map((a) => t.aspects[a])
  return what.length ? `${name} (${what.join(', ')})` : name
}

function materialList(t: VersionsTexts, lang: Language, changes: readonly PurposeChange[], policy: Policy, previous: Policy | undefined, intro = true): string {
  const material = changes.filter((c) => c.material)
  if (!material.length) return `<p>${escapeHtml(t.noMaterial)}</p>`
  return `${intro ? `<p>${escapeHtml(t.material)}</p>` : ''}<ul>${material.map((c) => `<li>${escapeHtml(changeText(t, lang, c, policy, previous))}</li>`).join('')}</ul>`
}

export function versionsPage(input: VersionsPageInput): string {
  const { lang, controller } = input
  const t = VERSIONS_TEXTS[lang]
  const rows = [...input.versions]
    .reverse()
    .map((v) => {
      const previous = input.versions.find((p) => p.version === v.version - 1)
      const badge = v.version === input.current ? t.inForce : v.version > input.current ? t.announced : undefined
      const changes = v.version === 1 || !previous ? `<p>${escapeHtml(t.firstVersion)}</p>` : materialList(t, lang, v.materialChanges, v.policy, previous.policy)
      const links = [`<li><a href="/privacy/versions/${v.version}?lang=${lang}">${escapeHtml(t.readVersion(v.version))}</a></li>`]
      if (previous) links.push(`<li><a href="/privacy/versions/${v.version}/diff?from=${previous.version}&amp;lang=${lang}">${escapeHtml(t.diffSince(previous.version))}</a></li>`)
      return [
        `<tr id="version-${v.version}">`,
        `<th scope="row">${escapeHtml(t.version(v.version))}${badge ? ` <span class="badge">${escapeHtml(badge)}</span>` : ''}</th>`,
        `<td class="date" data-label="${escapeHtml(t.effectiveCol)}">${escapeHtml(formatDate(v.effectiveDate, lang))}</td>`,
        `<td class="date" data-label="${escapeHtml(t.publishedCol)}">${escapeHtml(formatDate(dateInZone(new Date(v.publishedAt), input.timeZone), lang))}</td>`,
        `<td data-label="${escapeHtml(t.changesCol)}">${changes}</td>`,
        `<td class="read" data-label="${escapeHtml(t.readCol)}"><ul>${links.join('')}</ul></td>`,
        '</tr>',
      ].join('')
    })
    .join('\n')
  const body = `<p>${escapeHtml(t.intro(controller))}</p>
<table class="versions">
<caption>${escapeHtml(t.caption)}</caption>
<thead><tr><th scope="col">${escapeHtml(t.versionCol)}</th><th scope="col">${escapeHtml(t.effectiveCol)}</th><th scope="col">${escapeHtml(t.publishedCol)}</th><th scope="col">${escapeHtml(t.changesCol)}</th><th scope="col">${escapeHtml(t.readCol)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p><a href="/privacy?lang=${lang}">${escapeHtml(t.statementInForce)}</a></p>`
  return shell(lang, controller, t.title, '/privacy/versions', body)
}

// ---- the comparison ----

/** The statement's title and sections sit under the page's h1 and the comparison's h2. */
const HEADING: Partial<Record<LineKind, string>> = { h1: 'h3', h2: 'h3', h3: 'h4' }

function marked(t: VersionsTexts, op: 'ins' | 'del', text: string): string {
  return `<${op}><span class="sr">${escapeHtml(op === 'ins' ? t.srAdded : t.srRemoved)}</span>${escapeHtml(text)}<span class="sr">${escapeHtml(t.srEnd)}</span></${op}>`
}

/** One line as an element; list items are grouped into lists by the caller. */
function lineHtml(t: VersionsTexts, item: Exclude<DiffItem, { change: 'folded' }> | (StatementLine & { change: 'same' })): string {
  const content =
    item.change === 'changed'
      ? item.parts.map((p) => (p.op === 'same' ? escapeHtml(p.text) : marked(t, p.op, p.text))).join('')
      : item.change === 'added'
        ? marked(t, 'ins', item.text)
        : item.change === 'removed'
          ? marked(t, 'del', item.text)
          : escapeHtml(item.text)
  const cls = [item.change === 'same' ? '' : item.change, ['dt', 'dd', 'caption', 'row'].includes(item.kind) ? item.kind : ''].filter(Boolean).join(' ')
  const attr = cls ? ` class="${cls}"` : ''
  const heading = HEADING[item.kind]
  if (heading) return `<${heading}${attr}>${content}</${heading}>`
  if (item.kind === 'li') return `<li${attr}>${content}</li>`
  return `<p${attr}>${content}</p>`
}

function linesHtml(t: VersionsTexts, items: readonly DiffItem[]): string {
  const out: string[] = []
  let list: string[] = []
  const closeList = () => {
    if (list.length) out.push(`<ul>\n${list.join('\n')}\n</ul>`)
    list = []
  }
  for (const item of items) {
    if (item.change === 'folded') {
      closeList()
      out.push(`<details>\n<summary>${escapeHtml(t.folded(item.lines.length))}</summary>\n${linesHtml(t, item.lines.map((l) => ({ ...l, change: 'same' as const })))}\n</details>`)
      continue
    }
    const html = lineHtml(t, item)
    if (item.kind === 'li') list.push(html)
    else {
      closeList()
      out.push(html)
    }
  }
  closeList()
  return out.join('\n')
}

/**
 * A comparison as HTML (every text escaped): how changes are marked, how many passages changed, and
 * the lines themselves, the statement's headings as h3/h4. Shared by the public diff page and the
 * console's Policy page (the draft against the version in force); style it with DIFF_STYLE.
 */
export function comparisonHtml(lang: Language, comparison: StatementComparison): string {
  const t = VERSIONS_TEXTS[lang]
  const { changed, added, removed } = comparison.counts
  const same = changed + added + removed === 0
  return `<p>${escapeHtml(t.legend)} ${marked(t, 'ins', t.legendAdded)} · ${marked(t, 'del', t.legendRemoved)}</p>
<p id="counts">${escapeHtml(same ? t.noDifference : t.counts(changed, added, removed))}</p>
<div class="diff">
${linesHtml(t, comparison.items)}
</div>`
}

export interface DiffPageInput {
  readonly lang: Language
  readonly controller: string
  readonly older: StatementVersion & { readonly policy: Policy }
  readonly newer: StatementVersion & { readonly policy: Policy }
  readonly comparison: StatementComparison
}

export function diffPage(input: DiffPageInput): string {
  const { lang, controller, older, newer, comparison } = input
  const t = VERSIONS_TEXTS[lang]
  const side = (v: StatementVersion) => t.versionEffective(v.version, formatDate(v.effectiveDate, lang))
  const heading = `${side(older)} → ${side(newer)}`
  // The material changes recorded at publishing are those against the version just before.
  const material =
    newer.version === older.version + 1
      ? `<h3 id="material">${escapeHtml(t.materialIn(newer.version))}</h3>\n${materialList(t, lang, newer.materialChanges, newer.policy, older.policy, false)}\n`
      : ''
  const body = `<h2 id="comparison">${escapeHtml(heading.charAt(0).toUpperCase() + heading.slice(1))}</h2>
<ul class="links">
<li><a href="/privacy/versions?lang=${lang}">${escapeHtml(t.allVersions)}</a></li>
<li><a href="/privacy/versions/${older.version}?lang=${lang}">${escapeHtml(t.readVersion(older.version))}</a></li>
<li><a href="/privacy/versions/${newer.version}?lang=${lang}">${escapeHtml(t.readVersion(newer.version))}</a></li>
</ul>
${material}${comparisonHtml(lang, comparison)}
<p><a href="/privacy/versions/${newer.version}/diff?from=${older.version}&amp;lang=${lang}&amp;format=text">${escapeHtml(t.plainText)}</a></p>`
  return shell(lang, controller, t.diffTitle, `/privacy/versions/${newer.version}/diff?from=${older.version}`, body)
}
