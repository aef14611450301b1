// report.html of the access export: a self-contained page (no script, no style sheet or image to
// fetch) in the request's language, with every item of Art. 15(1)(a)-(h) and 15(2) GDPR (REQ-AC-01),
// recipients by name (REQ-AC-02, C-154/21), the specific source (REQ-AC-03), the copy of the data
// by category and the consent history. Every item has a stable id so people and tests can find it:
//
//   art15-confirmation  (i) whether data are processed      art15-copy  (ii) the copy, by category
//   art15-1-a  purposes and bases (one section purpose-<id> each, with -basis, -categories,
//              -recipients, -retention, -automated)
//   art15-1-b  categories   art15-1-c  recipients by name and the disclosure log
//   art15-1-d  retention    art15-1-e  rights   art15-1-f  complaint   art15-1-g  source
//   art15-1-h  automated decisions   art15-2  transfers and safeguards   consent-history
//   subject-facts  the file: type, since when, events, objections, restriction
//   art15-uses  when and why the data were used (audit log), not by whom (REQ-AC-09)
//
// Every text from the policy or the data goes through escapeHtml.
import type { Policy } from '../policy/policy.ts'
import { EEA_COUNTRIES, addressLine, displayName, inLanguage } from '../policy/policy.ts'
import type { Language, RecipientDocument } from '../policy/schema.ts'
import { LABELS, basisLabel, colon, countryName, formatDate, joinList, type Labels } from '../policy/i18n.ts'
import { escapeHtml } from '../util/html.ts'
import { dateInZone } from '../util/dates.ts'
import type { Dossier } from './dossier.ts'
import type { AccessData, AccessExportOptions } from './access-data.ts'
import { applicablePurposes, categoryLabel, valueText } from './access-data.ts'
import { EXPORT_LABELS, type ExportLabels } from './export-i18n.ts'

const STYLE = [
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;max-width:60rem;margin:0 auto;padding:1.5rem;color:#1a1a1a;background:#fff}',
  'h1{font-size:1.8rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}h3{margin-top:1.6rem}',
  'table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:600;padding:.3rem 0}',
  'th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}thead th{background:#f0f0f0}',
  'td code{white-space:pre-wrap;word-break:break-word}dt{font-weight:600;margin-top:.6rem}dd{margin-left:1.2rem}a{color:#0645ad}',
].join('')

const e = escapeHtml

class Html {
  readonly parts: string[] = []
  push(...s: string[]): void {
    for (const x of s) this.parts.push(x)
  }
  h(level: 2 | 3, text: string, id?: string): void {
    this.parts.push(`<h${level}${id ? ` id="${e(id)}"` : ''}>${e(text)}</h${level}>`)
  }
  p(html: string, id?: string): void {
    this.parts.push(`<p${id ? ` id="${e(id)}"` : ''}>${html}</p>`)
  }
  /** Cells are HTML already; the first cell of each row is its row header. */
  table(caption: string, head: readonly string[], rows: readonly (readonly string[])[], id?: string): void {
    this.parts.push(`<table${id ? ` id="${e(id)}"` : ''}>`, `<caption>${e(caption)}</caption>`)
    this.parts.push(`<thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>`, '<tbody>')
    for (const row of rows) this.parts.push(`<tr>${row.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`)
    this.parts.push('</tbody>', '</table>')
  }
  /** Entries: [term, id, details as HTML]. */
  dl(entries: readonly (readonly [string, string | undefined, readonly string[]])[]): void {
    this.parts.push('<dl>')
    for (const [term, id, details] of entries) {
      this.parts.push(`<dt${id ? ` id="${e(id)}"` : ''}>${e(term)}</dt>`, ...details.map((d) => `<dd>${d}</dd>`))
    }
    this.parts.push('</dl>')
  }
  ul(items: readonly string[]): void {
    this.parts.push('<ul>', ...items.map((i) => `<li>${i}</li>`), '</ul>')
  }
}

function mail(address: string): string {
  return `<a href="mailto:${e(address)}">${e(address)}</a>`
}

function link(url: string): string {
  return /^https?:/i.test(url) ? `<a href="${e(url)}">${e(url)}</a>` : e(url)
}

function displayRecipient(r: RecipientDocument, L: Labels): string {
  return r.example && !/example|voorbeeld|exemple/i.test(r.name) ? `${r.name} (${L.example})` : r.name
}

/** The Art. 46/45 safeguard of a recipient, as the statement words it. */
export function safeguardText(r: RecipientDocument, lang: Language): string {
  const L = LABELS[lang]
  if (EEA_COUNTRIES.has(r.country)) return L.inEea
  const t = r.transfer
  if (!t) return '—'
  return t.mechanism === 'adequacy' ? L.adequacy(inLanguage(t.decision, lang), formatDate(t.date, lang)) : L.scc(inLanguage(t.decision, lang), t.module, formatDate(t.date, lang))
}

/** Where to get a copy of the safeguard (HTML), for standard contractual clauses. */
function safeguardCopy(r: RecipientDocument, policy: Policy): string {
  if (EEA_COUNTRIES.has(r.country) || r.transfer?.mechanism !== 'scc') return '—'
  const at = r.transfer.copyAvailableAt
  if (!at) return mail(policy.controller.privacyContact.email)
  if (/^https?:/i.test(at)) return link(at)
  return /^[^\s@]+@[^\s@]+$/.test(at) ? mail(at) : e(at)
}

function upperFirst(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1)
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase() + s.slice(1)
}

function anchor(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^a-zA-Z0-9_-]/g, '-')}`
}

export function renderAccessReport(policy: Policy, dossier: Dossier, data: AccessData, options: AccessExportOptions): string {
  const lang = options.lang
  const L = LABELS[lang]
  const X: ExportLabels = EXPORT_LABELS[lang]
  const tz = options.controllerTimeZone ?? policy.controller.timeZone
  const dateTimeFmt = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : `${lang}-BE`, { dateStyle: 'long', timeStyle: 'short', timeZone: tz })
  const when = (iso: string | Date) => e(dateTimeFmt.format(typeof iso === 'string' ? new Date(iso) : iso))
  const day = (iso: string | Date) => e(formatDate(dateInZone(typeof iso === 'string' ? new Date(iso) : iso, tz), lang))
  const c = policy.controller
  const controllerName = c.tradingName ? `${c.tradingName} (${c.name[lang]})` : c.name[lang]
  const purposes = applicablePurposes(policy, dossier)
  const subjectType = dossier.subjectType
  const out = new Html()

  // ---- header ---------------------------------------------------------------------------------------
  out.push(`<h1 id="report-title">${e(`${X.title} — ${displayName(c, lang)}`)}</h1>`)
  out.p(e(X.intro(controllerName)))
  out.dl([
    [X.requestId, 'request-id', [`<code>${e(data.requestId)}</code>`]],
    [X.receivedAt, 'request-received', [when(data.receivedAt)]],
    [X.generatedAt, 'request-generated', [when(data.generatedAt)]],
  ])
  out.p(e(X.filesNote))
  const toc: [string, string][] = [
    ['art15-confirmation', X.confirmationHeading],
    ['art15-copy', X.copyHeading],
    ['subject-facts', X.factsHeading],
    ['art15-1-a', X.purposesHeading],
    ['art15-1-b', X.categoriesHeading],
    ['art15-1-c', X.recipientsHeading],
    ['art15-1-d', X.retentionHeading],
    ['art15-1-e', X.rightsHeading],
    ['art15-1-f', X.complaintHeading],
    ['art15-1-g', X.sourceHeading],
    ['art15-1-h', X.automatedHeading],
    ['art15-2', X.transfersHeading],
    ['consent-history', X.consentHeading],
    ['art15-uses', X.usesHeading],
  ]
  out.push(`<nav aria-labelledby="toc"><h2 id="toc">${e(X.toc)}</h2>`)
  out.ul(toc.map(([id, text]) => `<a href="#${id}">${e(text)}</a>`))
  out.push('</nav>')

  // ---- (i) confirmation -----------------------------------------------------------------------------
  out.push('<section aria-labelledby="art15-confirmation">')
  out.h(2, X.confirmationHeading, 'art15-confirmation')
  if (data.confirmation.processed) {
    out.p(`<strong>${e(X.confirmationYes(data.confirmation.recordCount, data.confirmation.categoryCount))}</strong>`, 'confirmation-text')
  } else {
    out.p(`<strong>${e(X.confirmationNone)}</strong>`, 'confirmation-text')
    if (dossier.consents.length || dossier.events.length || dossier.disclosures.length) out.p(e(X.confirmationNoneHistory))
  }
  out.push('</section>')

  // ---- (ii) the copy --------------------------------------------------------------------------------
  out.push('<section aria-labelledby="art15-copy">')
  out.h(2, X.copyHeading, 'art15-copy')
  if (data.categories.length === 0) out.p(e(X.confirmationNone))
  else out.p(e(X.copyIntro))
  const purposeCell = new Map<string, string>()
  for (const cat of data.categories) {
    out.h(3, cat.label, anchor('category', cat.id))
    const rows: string[][] = []
    for (const r of cat.records) {
      let pc = purposeCell.get(r.purpose)
      if (pc === undefined) purposeCell.set(r.purpose, (pc = e(r.purposeName)))
      const v = valueText(r.value)
      rows.push([typeof r.value === 'string' ? e(v) : `<code>${e(v)}</code>`, when(r.writtenAt), pc, `<code>${e(r.recordId)}</code>`])
    }
    out.table(X.copyCaption(cat.label, cat.records.length), [X.valueCol, X.writtenAtCol, X.purposeCol, X.recordIdCol], rows, anchor('data', cat.id))
  }
  out.push('</section>')

  // ---- the file -------------------------------------------------------------------------------------
  out.push('<section aria-labelledby="subject-facts">')
  out.h(2, X.factsHeading, 'subject-facts')
  out.dl([
    [X.subjectType, 'subject-type', [e(data.subject.typeLabel)]],
    [X.recordedSince, 'subject-since', [day(data.subject.createdAt)]],
    [X.restricted, 'subject-restricted', [e(dossier.restricted ? X.restrictedYes : X.restrictedNo)]],
  ])
  if (data.subject.events.length) {
    out.table(X.eventsCaption, [X.eventCol, X.dateCol], data.subject.events.map((ev) => [e(upperFirst(ev.label)), when(ev.at)]), 'subject-events')
  } else out.p(e(X.noEvents))
  if (data.subject.objections.length) {
    out.table(X.objectionsCaption, [X.purposeCol, X.statusCol], data.subject.objections.map((o) => [e(o.purposeName), e(X.objectionStatus[o.status])]), 'subject-objections')
  } else out.p(e(X.noObjections))
  out.push('</section>')

  // ---- (iii)(a)-(d),(h) per purpose ------------------------------------------------------------------
  const held = new Set(data.categories.map((x) => x.id))
  const disclosedBy = new Map<string, Map<string, Date[]>>() // purpose → recipient → dates
  for (const d of dossier.disclosures) {
    const byRecipient = disclosedBy.get(d.purpose) ?? new Map<string, Date[]>()
    const dates = byRecipient.get(d.recipientId) ?? []
    dates.push(d.at)
    byRecipient.set(d.recipientId, dates)
    disclosedBy.set(d.purpose, byRecipient)
  }
  const recipientLine = (id: string, dates: readonly Date[] | undefined): string => {
    const r = policy.recipient(id)
    const base = r
      ? `<strong>${e(displayRecipient(r, L))}</strong> — ${e(`${r.service[lang]} (${L.roles[r.role]}, ${countryName(r.country, lang)})`)}`
      : `<strong>${e(id)}</strong>`
    const received = dates?.length ? `; ${e(X.receivedYourData(joinList([...new Set(dates.map((d) => dateInZone(d, tz)))].sort().map((d) => formatDate(d, lang)), lang)))}` : ''
    return base + received
  }
  const purposeInfo = new Map(data.purposes.map((x) => [x.id, x]))
  out.push('<section aria-labelledby="art15-1-a">')
  out.h(2, X.purposesHeading, 'art15-1-a')
  out.p(e(X.purposesIntro))
  for (const p of purposes) {
    const info = purposeInfo.get(p.id)!
    const pid = anchor('purpose', p.id)
    out.push(`<section aria-labelledby="${pid}">`)
    out.h(3, p.name[lang], pid)
    out.p(e(p.description[lang]))
    const basis = p.basis[subjectType]
    const basisDetails: string[] = basis ? [e(basisLabel(basis, lang))] : ['—']
    if (basis === 'legitimate_interests' && p.legitimateInterest) basisDetails.push(`${e(L.legitimateInterest)}${e(colon(lang))}${e(p.legitimateInterest.interest[lang])}`, e(L.objectHint))
    if (basis === 'legal_obligation' && p.statutoryReference) basisDetails.push(`${e(L.legalObligation)}${e(colon(lang))}${e(p.statutoryReference[lang])}`)
    const categoryItems = p.categories.map((x) => `${e(categoryLabel(policy, x.id, lang))} (${e(held.has(x.id) ? X.heldForYou : X.notHeld)})`)
    const disclosed = disclosedBy.get(p.id) ?? new Map<string, Date[]>()
    const recipientIds = [...new Set([...p.recipients, ...disclosed.keys()])]
    const retention = [e(info.retention)]
    if (p.retention.rationale) retention.push(e(p.retention.rationale[lang]))
    out.dl([
      [X.basisForYou, `${pid}-basis`, basisDetails],
      [X.categoriesOfPurpose, `${pid}-categories`, [`<ul>${categoryItems.map((i) => `<li>${i}</li>`).join('')}</ul>`]],
      [X.recipientsOfPurpose, `${pid}-recipients`, recipientIds.length ? recipientIds.map((id) => recipientLine(id, disclosed.get(id))) : [e(L.noRecipients)]],
      [X.retentionOfPurpose, `${pid}-retention`, retention],
      [X.automatedOfPurpose, `${pid}-automated`, [e(p.automatedDecisions ? L.automatedYes : X.automatedNo)]],
    ])
    out.push('</section>')
  }
  out.push('</section>')

  // ---- (iii)(b) categories ---------------------------------------------------------------------------
  out.push('<section aria-labelledby="art15-1-b">')
  out.h(2, X.categoriesHeading, 'art15-1-b')
  const purposesOfCategory = (id: string) => {
    const under = new Set<string>()
    for (const cat of data.categories) if (cat.id === id) for (const r of cat.records) under.add(r.purposeName)
    return [...under].sort()
  }
  if (data.categories.length) {
    out.table(
      X.categoriesCaption,
      [X.categoryCol, X.recordsCol, X.purposesCol],
      data.categories.map((cat) => [`<a href="#${anchor('category', cat.id)}">${e(cat.label)}</a>`, String(cat.records.length), e(purposesOfCategory(cat.id).join('; '))]),
      'categories-table',
    )
  } else out.p(e(X.confirmationNone))
  out.push('</section>')

  // ---- (iii)(c) recipients by name --------------------------------------------------------------------
  const recipientIds = new Set<string>()
  for (const p of purposes) for (const id of p.recipients) recipientIds.add(id)
  for (const d of dossier.disclosures) recipientIds.add(d.recipientId)
  const recipients = [...recipientIds]
  out.push('<section aria-labelledby="art15-1-c">')
  out.h(2, X.recipientsHeading, 'art15-1-c')
  out.p(e(X.recipientsIntro))
  if (recipients.length) {
    out.table(
      X.recipientsCaption,
      [X.recipientCol, X.roleCol, L.serviceCol, X.countryCol, X.purposesCol],
      recipients.map((id) => {
        const r = policy.recipient(id)
        const forPurposes = [...new Set([...purposes.filter((p) => p.recipients.includes(id)).map((p) => p.name[lang]), ...dossier.disclosures.filter((d) => d.recipientId === id).map((d) => policy.purpose(d.purpose)?.name[lang] ?? d.purpose)])]
        return r
          ? [e(displayRecipient(r, L)), e(L.roles[r.role]), e(r.service[lang]), e(countryName(r.country, lang)), e(forPurposes.join('; '))]
          : [e(id), '—', '—', '—', e(forPurposes.join('; '))]
      }),
      'recipients-table',
    )
  } else out.p(e(X.noRecipients))
  if (data.disclosures.length) {
    out.table(
      X.disclosuresCaption,
      [X.recipientCol, X.dateCol, X.purposeCol, X.categoriesCol],
      data.disclosures.map((d) => {
        const r = policy.recipient(d.recipientId)
        return [e(r ? displayRecipient(r, L) : d.recipientName), when(d.at), e(d.purposeName), e(d.categoryLabels.join('; '))]
      }),
      'disclosures-table',
    )
  } else out.p(e(X.noDisclosures), 'no-disclosures')
  out.push('</section>')

  // ---- (iii)(d) retention ---------------------------------------------------------------------------
  out.push('<section aria-labelledby="art15-1-d">')
  out.h(2, X.retentionHeading, 'art15-1-d')
  out.table(X.retentionCaption, [X.purposeCol, X.retentionCol], purposes.map((p) => [`<a href="#${anchor('purpose', p.id)}">${e(p.name[lang])}</a>`, e(purposeInfo.get(p.id)!.retention)]), 'retention-table')
  out.push('</section>')

  // ---- (iii)(e) rights ------------------------------------------------------------------------------
  out.push('<section aria-labelledby="art15-1-e">')
  out.h(2, X.rightsHeading, 'art15-1-e')
  const rightEntries: [string, string | undefined, string[]][] = L.rights.map((r, i) => [r.title, `right-${i + 1}`, [e(r.text)]])
  if (purposes.some((p) => p.basis[subjectType] === 'consent')) rightEntries.push([L.withdrawTitle, 'right-withdraw', [e(L.withdrawText)]])
  const dm = purposes.filter((p) => p.directMarketing)
  if (dm.length) rightEntries.push([L.objectDmHeading, 'right-object-direct-marketing', [`<strong>${e(L.objectDmText(joinList(dm.map((p) => lowerFirst(p.name[lang])), lang)))}</strong>`]])
  out.dl(rightEntries)
  out.p(e(X.rightsHow(c.privacyContact.email)).replace(e(c.privacyContact.email), mail(c.privacyContact.email)))
  out.push('</section>')

  // ---- (iii)(f) complaint ---------------------------------------------------------------------------
  const sa = policy.supervisoryAuthority
  const saName = `${sa.name[lang]}${sa.abbreviation ? ` (${sa.abbreviation})` : ''}`
  out.push('<section aria-labelledby="art15-1-f">')
  out.h(2, X.complaintHeading, 'art15-1-f')
  out.p(e(L.complaintText(saName)))
  out.p(`<strong>${e(saName)}</strong>`, 'authority-name')
  const saEntries: [string, string | undefined, string[]][] = [[L.address, 'authority-address', [e(`${addressLine(sa.address, lang)}, ${countryName(sa.address.country, lang)}`)]]]
  if (sa.phone) saEntries.push([L.phone, 'authority-phone', [e(sa.phone)]])
  if (sa.email) saEntries.push([L.email, 'authority-email', [mail(sa.email)]])
  saEntries.push([L.website, 'authority-website', [link(sa.website)]])
  out.dl(saEntries)
  out.p(e(L.complaintCourt), 'court')
  out.push('</section>')

  // ---- (iii)(g) source ------------------------------------------------------------------------------
  out.push('<section aria-labelledby="art15-1-g">')
  out.h(2, X.sourceHeading, 'art15-1-g')
  const sourceEntries: [string, string | undefined, string[]][] = []
  if (dossier.source) sourceEntries.push([X.sourceRecorded, 'source-recorded', [e(dossier.source)]])
  const st = policy.subjectType(subjectType)
  if (st?.source) sourceEntries.push([`${X.sourceSubjectType}${colon(lang)}${lowerFirst(st.label[lang])}`, 'source-subject-type', [e(st.source[lang])]])
  for (const p of purposes) if (p.source) sourceEntries.push([`${X.sourcePurpose}${colon(lang)}${p.name[lang]}`, anchor('source-purpose', p.id), [e(p.source[lang])]])
  if (sourceEntries.length) out.dl(sourceEntries)
  else out.p(e(L.sourceSelf), 'source-self')
  out.push('</section>')

  // ---- (iii)(h) automated decisions ------------------------------------------------------------------
  out.push('<section aria-labelledby="art15-1-h">')
  out.h(2, X.automatedHeading, 'art15-1-h')
  const adm = purposes.filter((p) => p.automatedDecisions)
  out.p(e(adm.length ? L.admSome(joinList(adm.map((p) => p.name[lang]), lang)) : L.admNone), 'automated-text')
  out.push('</section>')

  // ---- Art. 15(2) transfers -------------------------------------------------------------------------
  const outside = recipients.map((id) => policy.recipient(id)).filter((r): r is RecipientDocument => !!r && !EEA_COUNTRIES.has(r.country))
  out.push('<section aria-labelledby="art15-2">')
  out.h(2, X.transfersHeading, 'art15-2')
  if (outside.length) {
    out.p(e(X.transfersIntro))
    out.table(
      X.transfersCaption,
      [X.recipientCol, X.countryCol, X.safeguardCol, X.copyOfSafeguardCol],
      outside.map((r) => [e(displayRecipient(r, L)), e(countryName(r.country, lang)), e(safeguardText(r, lang)), safeguardCopy(r, policy)]),
      'transfers-table',
    )
  } else out.p(e(X.transfersNone), 'transfers-none')
  out.push('</section>')

  // ---- consent history ------------------------------------------------------------------------------
  out.push('<section aria-labelledby="consent-history">')
  out.h(2, X.consentHeading, 'consent-history')
  if (data.consents.length) {
    out.table(
      X.consentCaption,
      [X.purposeCol, X.consentActionCol, X.dateCol, X.statementVersionCol, X.channelCol],
      data.consents.map((ev) => [e(ev.purposeName), e(ev.granted ? X.consentGiven : X.consentWithdrawn), when(ev.at), String(ev.statementVersion), e(ev.channel)]),
      'consent-table',
    )
  } else out.p(e(X.consentNone), 'consent-none')
  out.push('</section>')

  // ---- uses of the data (REQ-AC-09, C-579/21): when and why, not who ------------------------------
  out.push('<section aria-labelledby="art15-uses">')
  out.h(2, X.usesHeading, 'art15-uses')
  if (data.uses.length) {
    out.p(e(X.usesIntro))
    out.table(
      X.usesCaption,
      [X.dateCol, X.actionCol, X.purposeCol, X.categoriesCol, X.byCol],
      data.uses.map((u) => [
        when(u.at),
        e(X.actions[u.action] ?? u.action),
        e(u.purpose === 'data_subject_request' ? X.requestPurposeName : (u.purposeName ?? '—')),
        e(u.categories.map((id) => categoryLabel(policy, id, lang)).join('; ') || '—'),
        e(X.by[u.by]),
      ]),
      'uses-table',
    )
  } else out.p(e(X.usesNone), 'uses-none')
  out.push('</section>')

  return [
    '<!DOCTYPE html>',
    `<html lang="${e(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(`${X.title} — ${displayName(c, lang)}`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    out.parts.join('\n'),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

