// Renders the privacy statement from the policy, in HTML (a complete standalone document served at
// GET /privacy) or Markdown, in Dutch, French or English. The statement is built once as a small
// document model (headings, paragraphs, lists, definition lists, tables) and then written out in
// either format, so both formats always say the same thing.
import type { Policy, Purpose } from './policy.ts'
import { escapeHtml } from '../util/html.ts'
import { addressLine, inLanguage, controllerPurposes, displayName as controllerDisplayName, processorPurposes, EEA_COUNTRIES, type PostalAddress } from './policy.ts'
import type { Language, LegalBasis, RecipientDocument } from './schema.ts'
import {
  LABELS,
  basisLabel,
  BASIS_SHORT,
  basisArticle,
  countryName,
  formatDate,
  formatDuration,
  formatLifetime,
  formatRetention,
  joinList,
  colon,
  type Labels,
} from './i18n.ts'

export type StatementFormat = 'html' | 'md'
export interface StatementMeta {
  version?: number
  /** YYYY-MM-DD */
  effectiveDate?: string
  /** Address of the privacy center where people exercise their rights (e.g. PLEDGE_BASE_URL + path). */
  privacyCenterUrl?: string
  /** Address of the page listing every published version (e.g. /privacy/versions?lang=en). */
  versionsUrl?: string
}

// ---- document model --------------------------------------------------------------------------------

export type Inline = string | { readonly text: string; readonly href: string } | { readonly strong: string }
export type Block =
  | { readonly kind: 'h'; readonly level: 1 | 2 | 3; readonly text: string; readonly id?: string }
  | { readonly kind: 'p'; readonly content: readonly Inline[] }
  | { readonly kind: 'ul'; readonly items: readonly (readonly Inline[])[] }
  | { readonly kind: 'dl'; readonly entries: readonly { readonly term: string; readonly details: readonly (readonly Inline[])[] }[] }
  | {
      readonly kind: 'table'
      readonly caption: string
      readonly head: readonly string[]
      /** The first cell of each row is its row header. */
      readonly rows: readonly (readonly (readonly Inline[])[])[]
    }

// ---- escaping ----------------------------------------------------------------------------------------

export { escapeHtml }

/** Escapes text so Markdown shows it literally (no emphasis, links, raw HTML or table breaks). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ')
    .replace(/^(\s*)([-+]|\d+[.)])(\s)/, '$1\\$2$3')
}

function safeHref(href: string): string | undefined {
  // Our own pages by path too (/privacy/versions), never a scheme-relative //host.
  return /^(https?:|mailto:|#|\/(?![/\\]))/i.test(href) ? href : undefined
}

// ---- writers ------------------------------------------------------------------------------------------

function inlineHtml(content: readonly Inline[]): string {
  return content
    .map((c) => {
      if (typeof c === 'string') return escapeHtml(c)
      if ('strong' in c) return `<strong>${escapeHtml(c.strong)}</strong>`
      const href = safeHref(c.href)
      return href ? `<a href="${escapeHtml(href)}">${escapeHtml(c.text)}</a>` : escapeHtml(c.text)
    })
    .join('')
}

function inlineMd(content: readonly Inline[]): string {
  return content
    .map((c) => {
      if (typeof c === 'string') return escapeMarkdown(c)
      if ('strong' in c) return `**${escapeMarkdown(c.strong)}**`
      const href = safeHref(c.href)
      if (!href) return escapeMarkdown(c.text)
      if (href.startsWith('mailto:') && href.slice(7) === c.text) return `<${c.text}>`
      if (href === c.text) return `<${href}>`
      return `[${escapeMarkdown(c.text)}](${href.replace(/[()\s]/g, encodeURIComponent)})`
    })
    .join('')
}

const STYLE = [
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.55;max-width:52rem;margin:0 auto;padding:1.5rem;color:#1a1a1a;background:#fff}',
  'h1{font-size:1.9rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}h3{margin-top:1.6rem}',
  'table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:600;padding:.3rem 0}',
  'th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}thead th{background:#f0f0f0}',
  'dt{font-weight:600;margin-top:.6rem}dd{margin-left:1.2rem}a{color:#0645ad}',
  '.meta{color:#444}',
].join('')

export function blocksToHtml(blocks: readonly Block[], lang: Language, title: string): string {
  const body: string[] = []
  for (const b of blocks) {
    switch (b.kind) {
      case 'h':
        body.push(`<h${b.level}${b.id ? ` id="${escapeHtml(b.id)}"` : ''}>${escapeHtml(b.text)}</h${b.level}>`)
        break
      case 'p':
        body.push(`<p>${inlineHtml(b.content)}</p>`)
        break
      case 'ul':
        body.push(`<ul>\n${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('\n')}\n</ul>`)
        break
      case 'dl':
        body.push(
          `<dl>\n${b.entries
            .map((e) => `<dt>${escapeHtml(e.term)}</dt>\n${e.details.map((d) => `<dd>${inlineHtml(d)}</dd>`).join('\n')}`)
            .join('\n')}\n</dl>`,
        )
        break
      case 'table':
        body.push(
          [
            '<table>',
            `<caption>${escapeHtml(b.caption)}</caption>`,
            `<thead><tr>${b.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
            '<tbody>',
            ...b.rows.map(
              (row) =>
                `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${inlineHtml(cell)}</th>` : `<td>${inlineHtml(cell)}</td>`)).join('')}</tr>`,
            ),
            '</tbody>',
            '</table>',
          ].join('\n'),
        )
        break
    }
  }
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

export function blocksToMarkdown(blocks: readonly Block[], lang: Language = 'en'): string {
  const sep = colon(lang).trimEnd()
  const out: string[] = []
  for (const b of blocks) {
    switch (b.kind) {
      case 'h':
        out.push(`${'#'.repeat(b.level)} ${escapeMarkdown(b.text)}`)
        break
      case 'p':
        out.push(inlineMd(b.content))
        break
      case 'ul':
        out.push(b.items.map((i) => `- ${inlineMd(i)}`).join('\n'))
        break
      case 'dl':
        out.push(
          b.entries
            .map((e) =>
              e.details.length === 1
                ? `- **${escapeMarkdown(e.term)}${sep}** ${inlineMd(e.details[0]!)}`
                  : `- **${escapeMarkdown(e.term)}${sep}**\n${e.details.map((d) => `  - ${inlineMd(d)}`).join('\n')}`,
            )
            .join('\n'),
        )
        break
      case 'table': {
        const lines = [
          `*${escapeMarkdown(b.caption)}*`,
          '',
          `| ${b.head.map(escapeMarkdown).join(' | ')} |`,
          `|${b.head.map(() => ' --- ').join('|')}|`,
          ...b.rows.map((row) => `| ${row.map((cell) => inlineMd(cell)).join(' | ')} |`),
        ]
        out.push(lines.join('\n'))
        break
      }
    }
  }
  return `${out.join('\n\n')}\n`
}

// ---- content ------------------------------------------------------------------------------------------

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase() + s.slice(1)
}

function mail(address: string): Inline {
  return { text: address, href: `mailto:${address}` }
}

function link(url: string): Inline {
  return { text: url, href: url }
}

/** Policy-declared events, lower-cased at the start so they read inside a sentence. */
export function customEvents(policy: Policy): Map<string, Readonly<Record<Language, string>>> {
  const inSentence = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? lowerFirst(s) : s)
  return new Map(
    (policy.document.events ?? []).map((e) => [e.id, { nl: inSentence(e.label.nl), fr: inSentence(e.label.fr), en: inSentence(e.label.en) }]),
  )
}

/** "Street 1 box 2, 3500 City, Country" in the reader's language (every line from the policy). */
export function postalAddress(a: PostalAddress, lang: Language): string {
  return `${addressLine(a, lang)}, ${countryName(a.country, lang)}`
}

/** Basis per subject type, grouped: [[basis, subjectTypeIds]]. */
export function basisGroups(purpose: Purpose): [LegalBasis, string[]][] {
  const groups = new Map<LegalBasis, string[]>()
  for (const st of purpose.subjectTypes) {
    const b = purpose.basis[st]
    if (!b) continue
    const list = groups.get(b) ?? []
    list.push(st)
    groups.set(b, list)
  }
  return [...groups.entries()]
}

function subjectLabels(policy: Policy, ids: readonly string[], lang: Language): string[] {
  return ids.map((id) => lowerFirst(policy.subjectType(id)?.label[lang] ?? id))
}

function recipientName(r: RecipientDocument, L: Labels): string {
  // An example placeholder is marked in the reader's language, also when its name carries the mark.
  if (!r.example) return r.name
  const bare = r.name.replace(/\s*\((example|voorbeeld|exemple)\)$/i, '')
  return /example|voorbeeld|exemple/i.test(bare) ? r.name : `${bare} (${L.example})`
}

function safeguard(r: RecipientDocument, lang: Language, L: Labels): string {
  if (EEA_COUNTRIES.has(r.country)) return L.inEea
  const t = r.transfer
  if (!t) return '—'
  return t.mechanism === 'adequacy' ? L.adequacy(inLanguage(t.decision, lang), formatDate(t.date, lang)) : L.scc(inLanguage(t.decision, lang), t.module, formatDate(t.date, lang))
}

function sccCopyWhere(r: RecipientDocument, policy: Policy): Inline | undefined {
  if (EEA_COUNTRIES.has(r.country) || r.transfer?.mechanism !== 'scc') return undefined
  return r.transfer.copyAvailableAt
    ? /^https?:/i.test(r.transfer.copyAvailableAt)
      ? link(r.transfer.copyAvailableAt)
      : r.transfer.copyAvailableAt
    : mail(policy.controller.privacyContact.email)
}

function purposeBlocks(policy: Policy, p: Purpose, lang: Language, L: Labels): Block[] {
  const events = customEvents(policy)
  const blocks: Block[] = [
    { kind: 'h', level: 3, text: p.name[lang], id: `purpose-${p.id}` },
    { kind: 'p', content: [p.description[lang]] },
  ]
  const entries: { term: string; details: Inline[][] }[] = []
  entries.push({ term: L.whose, details: [[joinList(subjectLabels(policy, p.subjectTypes, lang), lang)]] })

  const groups = basisGroups(p)
  entries.push({
    term: L.basis,
    details:
      groups.length === 1
        ? [[basisLabel(groups[0]![0], lang)]]
        : groups.map(([b, sts]) => [`${L.basisFor(joinList(subjectLabels(policy, sts, lang), lang))}${colon(lang)}${basisLabel(b, lang)}`]),
  })
  if (groups.some(([b]) => b === 'legitimate_interests') && p.legitimateInterest) {
    entries.push({ term: L.legitimateInterest, details: [[p.legitimateInterest.interest[lang]], [L.objectHint]] })
  }
  if (groups.some(([b]) => b === 'legal_obligation') && p.statutoryReference) {
    entries.push({ term: L.legalObligation, details: [[p.statutoryReference[lang]]] })
  }
  entries.push({ term: L.ifNotProvided, details: [[`${L.provision[p.provision.requirement]} ${p.provision.consequence[lang]}`]] })

  const sources = new Set<string>()
  if (p.source) sources.add(p.source[lang])
  for (const st of p.subjectTypes) {
    const s = policy.subjectType(st)?.source
    if (s) sources.add(`${policy.subjectType(st)!.label[lang]}${colon(lang)}${s[lang]}`)
  }
  entries.push({ term: L.source, details: sources.size ? [...sources].map((s) => [s]) : [[L.sourceSelf]] })

  const recipients = p.recipients.map((id) => policy.recipient(id)).filter((r): r is RecipientDocument => !!r)
  entries.push({
    term: L.recipients,
    details: recipients.length
      ? recipients.map((r) => [{ strong: recipientName(r, L) }, ` — ${r.service[lang]} (${L.roles[r.role]}, ${countryName(r.country, lang)})`])
      : [[L.noRecipients]],
  })
  const outside = recipients.filter((r) => !EEA_COUNTRIES.has(r.country))
  entries.push({
    term: L.transfers,
    details: outside.length
      ? outside.map((r) => {
          const copy = sccCopyWhere(r, policy)
          const line: Inline[] = [`${recipientName(r, L)}, ${countryName(r.country, lang)}${colon(lang)}${safeguard(r, lang, L)}.`]
          if (copy) line.push(` ${L.sccCopy}`, copy, '.')
          return line
        })
      : [[L.noTransfer]],
  })
  const retention: Inline[][] = [[formatRetention(p.retention, lang, events)]]
  if (p.retention.rationale) retention.push([p.retention.rationale[lang]])
  entries.push({ term: L.retention, details: retention })
  if (p.directMarketing) entries.push({ term: L.directMarketing, details: [[L.directMarketingNote]] })
  if (p.automatedDecisions) entries.push({ term: L.automated, details: [[L.automatedYes]] })

  blocks.push({ kind: 'dl', entries })
  blocks.push({
    kind: 'table',
    caption: L.dataCaption(p.name[lang]),
    head: [L.dataCol, L.requiredCol],
    rows: p.categories.map((c) => [[policy.category(c.id)?.label[lang] ?? c.id], [c.required ? L.required : L.optional]]),
  })
  return blocks
}

/** The statement as a document model (exported for tests and for other renderers). */
export function statementBlocks(policy: Policy, lang: Language, meta: StatementMeta = {}): Block[] {
  const L = LABELS[lang]
  const c = policy.controller
  const events = customEvents(policy)
  const own = controllerPurposes(policy)
  const forCustomers = processorPurposes(policy)
  const blocks: Block[] = []
  const displayName = controllerDisplayName(c, lang)

  blocks.push({ kind: 'h', level: 1, text: `${L.title} — ${displayName}` })
  const versionLine = meta.version !== undefined ? L.version(meta.version) : L.draft
  blocks.push({
    kind: 'p',
    content: [{ strong: meta.effectiveDate ? `${versionLine}, ${L.effective(formatDate(meta.effectiveDate, lang))}` : versionLine }],
  })
  blocks.push({ kind: 'p', content: [policy.statement.introduction[lang]] })

  // Definitions: what "personal data" and "processing" mean (Art. 4(1)-(2) GDPR), for every policy
  blocks.push({ kind: 'h', level: 2, text: L.definitionsHeading, id: 'definitions' })
  blocks.push({ kind: 'dl', entries: L.definitions.map((d) => ({ term: d.term, details: [[d.text]] })) })
  blocks.push({ kind: 'p', content: [L.definitionsNote] })

  // Who we are (Art. 13(1)(a)-(b), REQ-AUD-02)
  blocks.push({ kind: 'h', level: 2, text: L.whoWeAre, id: 'controller' })
  const legalName = c.name[lang]
  blocks.push({ kind: 'p', content: [L.controllerIntro(legalName, c.tradingName)] })
  const contact = c.privacyContact
  const controllerEntries: { term: string; details: Inline[][] }[] = [
    { term: L.address, details: [[postalAddress(c.address, lang)]] },
    { term: L.companyNumber, details: [[c.companyNumber]] },
    { term: L.email, details: [[mail(c.email)]] },
  ]
  if (c.phone) controllerEntries.push({ term: L.phone, details: [[c.phone]] })
  if (c.website) controllerEntries.push({ term: L.website, details: [[link(c.website)]] })
  const contactDetails: Inline[][] = [[contact.name[lang]], [mail(contact.email)]]
  if (contact.phone) contactDetails.push([contact.phone])
  if (contact.note) contactDetails.push([contact.note[lang]])
  controllerEntries.push({ term: contact.kind === 'dpo' ? L.dpo : L.privacyContact, details: contactDetails })
  blocks.push({ kind: 'dl', entries: controllerEntries })

  // Overview
  blocks.push({ kind: 'h', level: 2, text: L.overview, id: 'overview' })
  blocks.push({
    kind: 'table',
    caption: L.overviewCaption,
    head: [L.purposeCol, L.basisCol, L.retentionCol],
    rows: own.map((p) => [
      [{ text: p.name[lang], href: `#purpose-${p.id}` }],
      [basisGroups(p).map(([b]) => `${BASIS_SHORT[lang][b]} (${basisArticle(b, lang)})`).join('; ')],
      [formatRetention(p.retention, lang, events)],
    ]),
  })

  // Purposes (Art. 13(1)(c)-(f), 13(2)(a),(e), 14(2)(f))
  blocks.push({ kind: 'h', level: 2, text: L.purposesHeading, id: 'purposes' })
  blocks.push({ kind: 'p', content: [L.purposesIntro] })
  for (const p of own) blocks.push(...purposeBlocks(policy, p, lang, L))

  // Recipients and transfers
  const usedIds = new Set(own.flatMap((p) => p.recipients))
  const used = policy.recipients.filter((r) => usedIds.has(r.id))
  blocks.push({ kind: 'h', level: 2, text: L.recipientsHeading, id: 'recipients' })
  blocks.push({ kind: 'p', content: [L.recipientsIntro] })
  if (used.length) {
    blocks.push({
      kind: 'table',
      caption: L.recipientsCaption,
      head: [L.nameCol, L.roleCol, L.serviceCol, L.countryCol, L.safeguardCol],
      rows: used.map((r) => [[recipientName(r, L)], [L.roles[r.role]], [r.service[lang]], [countryName(r.country, lang)], [safeguard(r, lang, L)]]),
    })
    for (const r of used) {
      const copy = sccCopyWhere(r, policy)
      if (!copy) continue
      blocks.push({ kind: 'p', content: [`${recipientName(r, L)}${colon(lang)}${L.sccCopy}`, copy, '.'] })
    }
  } else {
    blocks.push({ kind: 'p', content: [L.noRecipients] })
  }

  // Processor role (checklist §4 row 11)
  const processorSubjects = policy.subjectTypes.filter((s) => s.role === 'processor')
  if (forCustomers.length || processorSubjects.length) {
    blocks.push({ kind: 'h', level: 2, text: L.processorHeading, id: 'processor' })
    const subjectIds = processorSubjects.length ? processorSubjects.map((s) => s.id) : [...new Set(forCustomers.flatMap((p) => p.subjectTypes))]
    blocks.push({ kind: 'p', content: [L.processorText(c.name[lang], joinList(subjectLabels(policy, subjectIds, lang), lang))] })
    const sla = policy.document.processorRequestSla ? formatDuration(policy.document.processorRequestSla, lang) : undefined
    blocks.push({ kind: 'p', content: [`${L.processorRequests(sla)} ${L.processorNoReuse}`] })
    if (forCustomers.length) {
      blocks.push({
        kind: 'ul',
        items: forCustomers.map((p) => [{ strong: p.name[lang] }, `${colon(lang)}${p.description[lang]}`]),
      })
    }
  }

  // Rights (Art. 13(2)(b)-(d))
  blocks.push({ kind: 'h', level: 2, text: L.rightsHeading, id: 'rights' })
  blocks.push({ kind: 'p', content: [L.rightsIntro] })
  blocks.push({ kind: 'dl', entries: [...L.rights.map((r) => ({ term: r.title, details: [[r.text]] })), { term: L.withdrawTitle, details: [[L.withdrawText]] }] })

  // Objection to direct marketing, separately (Art. 21(4), REQ-OB-03)
  const dm = own.filter((p) => p.directMarketing)
  blocks.push({ kind: 'h', level: 2, text: L.objectDmHeading, id: 'object-direct-marketing' })
  blocks.push({ kind: 'p', content: [{ strong: L.objectDmText(dm.length ? joinList(dm.map((p) => lowerFirst(p.name[lang])), lang) : '—') }] })
  blocks.push({ kind: 'p', content: [L.objectDmHow(contact.email)] })

  // How to exercise
  blocks.push({ kind: 'h', level: 2, text: L.exerciseHeading, id: 'exercise' })
  const privacyCenter = meta.privacyCenterUrl
  blocks.push({ kind: 'p', content: [L.exerciseChannels(contact.email, privacyCenter, `${c.name[lang]}, ${postalAddress(c.address, lang)}`)] })
  blocks.push({ kind: 'p', content: [L.free] })
  blocks.push({ kind: 'p', content: [L.identity] })
  blocks.push({ kind: 'p', content: [L.identityDoubt] })
  blocks.push({ kind: 'p', content: [L.deadline] })
  blocks.push({ kind: 'p', content: [L.excessive] })

  // Complaint: unconditional (Art. 77; checklist §4 row 10)
  const sa = policy.supervisoryAuthority
  const saName = `${sa.name[lang]}${sa.abbreviation ? ` (${sa.abbreviation})` : ''}`
  blocks.push({ kind: 'h', level: 2, text: L.complaintHeading, id: 'complaint' })
  blocks.push({ kind: 'p', content: [L.complaintText(saName)] })
  const saEntries: { term: string; details: Inline[][] }[] = [{ term: L.address, details: [[postalAddress(sa.address, lang)]] }]
  if (sa.phone) saEntries.push({ term: L.phone, details: [[sa.phone]] })
  if (sa.email) saEntries.push({ term: L.email, details: [[mail(sa.email)]] })
  saEntries.push({ term: L.website, details: [[link(sa.website)]] })
  blocks.push({ kind: 'p', content: [{ strong: saName }] })
  blocks.push({ kind: 'dl', entries: saEntries })
  blocks.push({ kind: 'p', content: [L.complaintCourt] })

  // Automated decisions (Art. 13(2)(f), REQ-AD-01)
  blocks.push({ kind: 'h', level: 2, text: L.admHeading, id: 'automated-decisions' })
  const adm = own.filter((p) => p.automatedDecisions)
  blocks.push({ kind: 'p', content: [adm.length ? L.admSome(joinList(adm.map((p) => p.name[lang]), lang)) : L.admNone] })

  // Cookies
  blocks.push({ kind: 'h', level: 2, text: L.cookiesHeading, id: 'cookies' })
  blocks.push({ kind: 'p', content: [L.cookiesIntro] })
  for (const cat of policy.cookies.categories) {
    const cookies = policy.cookies.cookies.filter((k) => k.category === cat.id)
    blocks.push({ kind: 'p', content: [{ strong: cat.label[lang] }, `${colon(lang)}${cat.description[lang]}`] })
    if (cookies.length) {
      blocks.push({
        kind: 'table',
        caption: L.cookieCaption(cat.label[lang], cat.necessary),
        head: [L.cookieNameCol, L.providerCol, L.cookiePurposeCol, L.lifetimeCol],
        rows: cookies.map((k) => [[k.name], [k.provider], [k.purpose[lang]], [formatLifetime(k.lifetime, lang)]]),
      })
    } else {
      blocks.push({ kind: 'p', content: [L.noCookies] })
    }
  }

  // Security and the policy's own texts
  blocks.push({ kind: 'h', level: 2, text: L.securityHeading, id: 'security' })
  blocks.push({ kind: 'p', content: [policy.statement.security[lang]] })
  for (const [i, extra] of (policy.statement.additional ?? []).entries()) {
    blocks.push({ kind: 'h', level: 2, text: extra.title[lang], id: `additional-${i + 1}` })
    blocks.push({ kind: 'p', content: [extra.body[lang]] })
  }

  // Changes (REQ-TR-04; checklist §4 row 9)
  blocks.push({ kind: 'h', level: 2, text: L.changesHeading, id: 'changes' })
  blocks.push({ kind: 'p', content: meta.versionsUrl ? [L.changesText, ' ', { text: L.versionsLink, href: meta.versionsUrl }] : [L.changesText] })
  blocks.push({ kind: 'p', content: [versionLine + (meta.effectiveDate ? `, ${L.effective(formatDate(meta.effectiveDate, lang))}` : '')] })
  return blocks
}

/** The full privacy statement generated from the policy. */
export function renderStatement(policy: Policy, lang: Language, format: StatementFormat, meta: StatementMeta = {}): string {
  const blocks = statementBlocks(policy, lang, meta)
  if (format === 'md') return blocksToMarkdown(blocks, lang)
  const L = LABELS[lang]
  return blocksToHtml(blocks, lang, `${L.title} — ${controllerDisplayName(policy.controller, lang)}`)
}
