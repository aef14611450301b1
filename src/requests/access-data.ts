// The content of an access export (Art. 15) as data: what data.json holds, the CSV of every value,
// and the lookups the report shares (purpose and category names, the purposes that apply). Pure
// functions of the policy and the person's dossier; the ZIP around them is ./access-export.ts and
// the readable report ./access-report.ts.
import { addressLine, type Policy, type Purpose } from '../policy/policy.ts'
import type { Language, LegalBasis } from '../policy/schema.ts'
import { basisArticle, countryName, eventName, formatRetention } from '../policy/i18n.ts'
import { customEvents } from '../policy/statement.ts'
import type { Dossier } from './dossier.ts'
import type { PersonalValue, VaultRecord } from '../vault/vault.ts'
import { EXPORT_LABELS } from './export-i18n.ts'

export const ACCESS_EXPORT_FORMAT = 'pledge.access-export'
export const ACCESS_EXPORT_VERSION = 1

export interface AccessExportOptions {
  readonly lang: Language
  readonly requestId: string
  readonly receivedAt: Date
  readonly generatedAt: Date
  /** Zone in which report.html shows dates and times; the controller's (policy) by default. */
  readonly controllerTimeZone?: string
}

export interface AccessRecordEntry {
  readonly recordId: string
  readonly value: PersonalValue
  /** ISO 8601, UTC. */
  readonly writtenAt: string
  readonly purpose: string
  readonly purposeName: string
}

export interface AccessCategoryEntry {
  readonly id: string
  readonly label: string
  readonly records: readonly AccessRecordEntry[]
}

export interface AccessPurposeEntry {
  readonly id: string
  readonly name: string
  readonly basis: LegalBasis | null
  /** "Art. 6(1)(b) GDPR" in the request's language. */
  readonly article: string | null
  readonly legitimateInterest: string | null
  readonly statutoryReference: string | null
  readonly categories: readonly string[]
  readonly recipients: readonly { readonly id: string; readonly name: string; readonly country: string }[]
  readonly retention: string
  readonly automatedDecisions: boolean
}

/** data.json. Stable: fields are only ever added, and formatVersion changes if one changes meaning. */
export interface AccessData {
  readonly format: typeof ACCESS_EXPORT_FORMAT
  readonly formatVersion: typeof ACCESS_EXPORT_VERSION
  readonly language: Language
  readonly requestId: string
  readonly receivedAt: string
  readonly generatedAt: string
  readonly controller: { readonly name: string; readonly companyNumber: string; readonly address: string; readonly email: string }
  /** Art. 15(1) first part: whether personal data are processed, and how many values. */
  readonly confirmation: { readonly processed: boolean; readonly recordCount: number; readonly categoryCount: number }
  readonly subject: {
    readonly id: string
    readonly type: string
    readonly typeLabel: string
    readonly tenantId: string | null
    readonly createdAt: string
    /** Where the data came from when not from the person, as recorded at import or creation. */
    readonly source: string | null
    readonly restricted: boolean
    readonly events: readonly { readonly event: string; readonly label: string; readonly at: string }[]
    readonly objections: readonly { readonly purpose: string; readonly purposeName: string; readonly status: 'pending' | 'upheld' | 'rejected' }[]
  }
  /** Every value held, by category in the policy's order; values oldest first. */
  readonly categories: readonly AccessCategoryEntry[]
  readonly purposes: readonly AccessPurposeEntry[]
  readonly consents: readonly {
    readonly purpose: string
    readonly purposeName: string
    readonly granted: boolean
    readonly at: string
    readonly statementVersion: number
    readonly channel: string
    readonly act: string
    readonly language: string
    /** SHA-256 of the exact text shown when the choice was made. */
    readonly textHash: string
  }[]
  readonly disclosures: readonly {
    readonly recipientId: string
    readonly recipientName: string
    readonly purpose: string
    readonly purposeName: string
    readonly categories: readonly string[]
    readonly categoryLabels: readonly string[]
    readonly at: string
  }[]
  /** When and why your data were used (from the audit log, newest first), and by what kind of actor — not which employee. */
  readonly uses: readonly {
    readonly at: string
    readonly action: string
    readonly purpose: string | null
    readonly purposeName: string | null
    readonly categories: readonly string[]
    readonly by: 'service' | 'staff' | 'pledge'
  }[]
}

// ---- shared lookups -------------------------------------------------------------------------------

/** Purpose name in the language; the id itself for a purpose the policy no longer declares. */
export function purposeName(policy: Policy, id: string, lang: Language): string {
  return policy.purpose(id)?.name[lang] ?? id
}

export function categoryLabel(policy: Policy, id: string, lang: Language): string {
  return policy.category(id)?.label[lang] ?? id
}

export function recipientName(policy: Policy, id: string): string {
  return policy.recipient(id)?.name ?? id
}

/** Purposes that apply to the person: those covering their type, plus any a value was written under. */
export function applicablePurposes(policy: Policy, dossier: Dossier): Purpose[] {
  const used = new Set(dossier.records.map((r) => r.writtenPurpose))
  for (const d of dossier.disclosures) used.add(d.purpose)
  return policy.purposes.filter((p) => p.subjectTypes.includes(dossier.subjectType) || used.has(p.id))
}

/** Records grouped by category in the policy's order (undeclared ones last, by id); oldest first inside. */
export function groupRecords(policy: Policy, records: readonly VaultRecord[]): [string, VaultRecord[]][] {
  const order = new Map(policy.categories.map((c, i) => [c.id, i]))
  const groups = new Map<string, VaultRecord[]>()
  for (const r of records) {
    const list = groups.get(r.category)
    if (list) list.push(r)
    else groups.set(r.category, [r])
  }
  const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER
  const out = [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
  for (const [, list] of out) list.sort(byTimeThenId)
  return out
}

function byTimeThenId(a: VaultRecord, b: VaultRecord): number {
  return a.writtenAt.getTime() - b.writtenAt.getTime() || (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0)
}

// ---- data.json ------------------------------------------------------------------------------------

export function accessData(policy: Policy, dossier: Dossier, options: AccessExportOptions): AccessData {
  const { lang } = options
  const events = customEvents(policy)
  const names = new Map<string, string>()
  const nameOf = (id: string) => {
    let n = names.get(id)
    if (n === undefined) names.set(id, (n = purposeName(policy, id, lang)))
    return n
  }
  const categories: AccessCategoryEntry[] = groupRecords(policy, dossier.records).map(([id, records]) => ({
    id,
    label: categoryLabel(policy, id, lang),
    records: records.map((r) => ({ recordId: r.recordId, value: r.value, writtenAt: r.writtenAt.toISOString(), purpose: r.writtenPurpose, purposeName: nameOf(r.writtenPurpose) })),
  }))
  const c = policy.controller
  const a = c.address
  return {
    format: ACCESS_EXPORT_FORMAT,
    formatVersion: ACCESS_EXPORT_VERSION,
    language: lang,
    requestId: options.requestId,
    receivedAt: options.receivedAt.toISOString(),
    generatedAt: options.generatedAt.toISOString(),
    controller: { name: c.name[lang], companyNumber: c.companyNumber, address: `${addressLine(a, lang)}, ${countryName(a.country, lang)}`, email: c.privacyContact.email },
    confirmation: { processed: dossier.records.length > 0, recordCount: dossier.records.length, categoryCount: categories.length },
    subject: {
      id: dossier.subjectId,
      type: dossier.subjectType,
      typeLabel: policy.subjectType(dossier.subjectType)?.label[lang] ?? dossier.subjectType,
      tenantId: dossier.tenantId,
      createdAt: dossier.createdAt.toISOString(),
      source: dossier.source,
      restricted: dossier.restricted,
      events: [...dossier.events].sort((x, y) => x.at.getTime() - y.at.getTime()).map((e) => ({ event: e.event, label: eventName(e.event, lang, events), at: e.at.toISOString() })),
      objections: dossier.objections.map((o) => ({ purpose: o.purpose, purposeName: nameOf(o.purpose), status: o.status })),
    },
    categories,
    purposes: applicablePurposes(policy, dossier).map((p) => {
      const basis = p.basis[dossier.subjectType] ?? null
      return {
        id: p.id,
        name: p.name[lang],
        basis,
        article: basis ? basisArticle(basis, lang) : null,
        legitimateInterest: basis === 'legitimate_interests' && p.legitimateInterest ? p.legitimateInterest.interest[lang] : null,
        statutoryReference: basis === 'legal_obligation' ? (p.statutoryReference?.[lang] ?? null) : null,
        categories: p.categories.map((x) => x.id),
        recipients: p.recipients.map((id) => ({ id, name: recipientName(policy, id), country: policy.recipient(id)?.country ?? '' })),
        retention: formatRetention(p.retention, lang, events),
        automatedDecisions: p.automatedDecisions,
      }
    }),
    consents: dossier.consents.map((e) => ({
      purpose: e.purpose,
      purposeName: nameOf(e.purpose),
      granted: e.granted,
      at: new Date(e.at).toISOString(),
      statementVersion: e.statementVersion,
      channel: e.channel,
      act: e.act,
      language: e.lang,
      textHash: e.textHash,
    })),
    disclosures: [...dossier.disclosures]
      .sort((x, y) => x.at.getTime() - y.at.getTime())
      .map((d) => ({
        recipientId: d.recipientId,
        recipientName: recipientName(policy, d.recipientId),
        purpose: d.purpose,
        purposeName: nameOf(d.purpose),
        categories: [...d.categories],
        categoryLabels: d.categories.map((id) => categoryLabel(policy, id, lang)),
        at: d.at.toISOString(),
      })),
    uses: (dossier.uses ?? []).map((u) => ({ at: u.at, action: u.action, purpose: u.purpose, purposeName: u.purpose ? nameOf(u.purpose) : null, categories: [...u.categories], by: u.by })),
  }
}

// ---- data.csv -------------------------------------------------------------------------------------

/** A value as one cell: text as is, anything else as JSON. */
export function valueText(value: PersonalValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would run as a formula (=, @, or + / - followed by
 * something that is not a digit, such as "+cmd|...") gets a leading apostrophe; phone numbers like
 * "+32 470 ..." and negative numbers are left as they are.
 */
export function csvCell(text: string, guardFormulas = true): string {
  let t = text
  if (guardFormulas && /^(?:[=@\t\r]|[+-][^\d\s.])/.test(t)) t = `'${t}`
  return /[",\r\n]/.test(t) || t !== t.trim() ? `"${t.replace(/"/g, '""')}"` : t
}

/** data.csv: UTF-8 with a byte-order mark (so spreadsheets read accents right), CRLF line ends. */
export function accessCsv(data: AccessData): string {
  const L = EXPORT_LABELS[data.language].csv
  const lines: string[] = [[L.categoryLabel, L.categoryId, L.value, L.writtenAt, L.purpose, L.purposeId, L.recordId].map((h) => csvCell(h)).join(',')]
  for (const c of data.categories) {
    const label = csvCell(c.label)
    const id = csvCell(c.id)
    for (const r of c.records) {
      lines.push(`${label},${id},${csvCell(valueText(r.value))},${r.writtenAt},${csvCell(r.purposeName)},${csvCell(r.purpose)},${csvCell(r.recordId)}`)
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
