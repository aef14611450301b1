// Records of processing activities (Art. 30 GDPR), built from the policy: the Art. 30(1) record of
// what the company does as controller and the Art. 30(2) record of what it does as processor for its
// customers. Exported as JSON, CSV (RFC 4180) and a readable HTML page for the DPO and the GBA.
import type { Policy, Purpose } from './policy.ts'
import { addressLine, inLanguage, controllerPurposes, processorPurposes, EEA_COUNTRIES } from './policy.ts'
import type { Language, LegalBasis, RecipientDocument } from './schema.ts'
import { basisArticle, BASIS_SHORT, countryName, formatDuration, formatRetention, ROPA_LABELS } from './i18n.ts'
import { customEvents, escapeHtml } from './statement.ts'
import { csvField, csvText } from '../util/csv.ts'

export interface RopaOptions {
  version?: number
  lang?: Language
  /** The processor and transfer register's row per recipient (src/processors/register.ts): DPA and mechanism references (REQ-ROPA-04). */
  register?: (recipientId: string) => RopaRegisterFacts | undefined
  /** Who published which statement version, when, and what changed (REQ-ROPA-03): see ropaHistory. */
  history?: readonly RopaVersion[]
  /** The DPIA register's file per purpose (src/dpia/register.ts ropaFacts): screening status and DPIA reference (REQ-DPIA-01). */
  dpia?: (purposeId: string) => RopaDpiaFacts
}

/** What the ROPA takes from the DPIA register for one purpose. */
export interface RopaDpiaFacts {
  readonly status: string
  readonly screenedOn?: string | undefined
  readonly reference?: string | undefined
  readonly completedOn?: string | undefined
  readonly reviewOn?: string | undefined
}

/** The DPIA reference as the CSV and HTML print it. */
export function dpiaText(d: RopaDpiaFacts | undefined): string {
  if (!d) return ''
  if (d.reference) return `DPIA ${d.reference} of ${d.completedOn ?? ''}, review ${d.reviewOn ?? ''} (${d.status})`
  return d.screenedOn ? `screened ${d.screenedOn}: ${d.status}` : d.status
}

/** What the ROPA takes from a register row (the shape of src/processors/entry.ts RegisterEntry). */
export interface RopaRegisterFacts {
  readonly dpa?: { readonly version: string; readonly signedOn: string; readonly endsOn?: string | undefined } | undefined
  readonly mechanisms: readonly (
    | { readonly country: string; readonly kind: 'adequacy'; readonly decisionId: string; readonly decisionDate: string }
    | { readonly country: string; readonly kind: 'scc'; readonly sccModule: number; readonly signedOn: string; readonly tiaOn: string }
  )[]
}

/** One published version of the statement, which the ROPA version is (REQ-ROPA-03). */
export interface RopaVersion {
  version: number
  publishedAt: string
  effectiveDate: string
  contentHash: string
  /** The actor id of the publication's audit entry (`staff:<id>`, `operator`), or `pledge:first-start` for version 1. */
  publishedBy: string
  /** Purposes that changed materially, with what changed. */
  changes: string[]
}

/** The DPA reference of the register for a processor or sub-processor: null when the register records none. */
export interface RopaDpaReference {
  version: string
  date: string
  endsOn?: string
}

/** The transfer mechanism the register records for this recipient's country: null when none. */
export interface RopaMechanismReference {
  kind: 'adequacy' | 'scc'
  /** Adequacy decision id, or `SCC module N`. */
  reference: string
  /** Decision date or signature date. */
  date: string
  /** Transfer impact assessment date (SCC). */
  tiaDate?: string
}

export interface RopaParty {
  name: string
  legalForm?: string
  address: string
  companyNumber: string
  email: string
  phone?: string
  privacyContact: { kind: 'dpo' | 'privacy_contact'; name: string; email: string; phone?: string }
}

export interface RopaRecipient {
  id: string
  name: string
  role: RecipientDocument['role']
  /** Category of recipient, e.g. "processor: Hosting". */
  category: string
  country: string
  example: boolean
  /** REQ-ROPA-04: the DPA reference from the register (processors and sub-processors; absent when built without the register). */
  dpa?: RopaDpaReference | null
}

export interface RopaTransfer {
  recipientId: string
  recipient: string
  country: string
  mechanism: 'adequacy' | 'scc' | 'none'
  /** Human-readable safeguard with decision and date. */
  safeguard: string
  decision?: string
  date?: string
  module?: number
  /** REQ-ROPA-04: the mechanism reference from the register for this country (absent when built without the register). */
  registerMechanism?: RopaMechanismReference | null
}

export interface RopaRetention {
  categoryId: string
  category: string
  period: string
}

export interface RopaRetentionRule {
  duration?: string
  trigger?: string
  countFrom: 'event' | 'next_calendar_year'
  endAction: 'delete' | 'anonymise'
  legalReference?: string
  rationale?: string
}

export interface RopaControllerEntry {
  purposeId: string
  name: string
  /** Art. 30(1)(b) */
  purposes: string
  /** Art. 30(1)(c) */
  dataSubjectCategories: string[]
  dataCategories: { id: string; label: string; required: boolean; special: boolean }[]
  /** Art. 30(1)(d) */
  recipients: RopaRecipient[]
  recipientCategories: string[]
  /** Art. 30(1)(e) */
  transfers: RopaTransfer[]
  /** Art. 30(1)(f): per data category. */
  retention: RopaRetention[]
  /** REQ-ROPA-04 extras. */
  legalBasis: { subjectType: string; basis: LegalBasis; article: string }[]
  legitimateInterest?: { interest: string; reference: string; author: string; date: string; reviewDate?: string }
  statutoryReference?: string
  source: string[]
  retentionRule: RopaRetentionRule
  directMarketing: boolean
  automatedDecisions: boolean
  staffRoles: string[]
  /** REQ-DPIA-01: the purpose's DPIA screening and reference (absent when built without the DPIA register). */
  dpia?: RopaDpiaFacts
}

export interface RopaProcessorEntry {
  purposeId: string
  name: string
  /** Art. 30(2)(b) */
  categoriesOfProcessing: string
  controllers: string
  dataSubjectCategories: string[]
  dataCategories: { id: string; label: string }[]
  /** Sub-processors engaged. */
  subProcessors: RopaRecipient[]
  /** Art. 30(2)(c) */
  transfers: RopaTransfer[]
  retention: RopaRetention[]
  retentionRule: RopaRetentionRule
  staffRoles: string[]
}

export interface Ropa {
  title: string
  version?: number
  lang: Language
  /** Content hash of the policy the record was built from. */
  policyHash: string
  controller: RopaParty
  /** Art. 30(1)(g) and 30(2)(d): general description of the Art. 32 measures. */
  securityMeasures: string[]
  controllerRecord: { heading: string; entries: RopaControllerEntry[] }
  processorRecord: { heading: string; processor: RopaParty; controllers: string; entries: RopaProcessorEntry[] }
  /** REQ-ROPA-03: the statement versions this record follows, newest first (when built with the history). */
  history?: RopaVersion[]
}

const ROLE_NAMES: Readonly<Record<RecipientDocument['role'], string>> = {
  processor: 'processor',
  sub_processor: 'sub-processor',
  third_party: 'third party',
  public_authority: 'public authority',
}

/**
 * Measures the engine itself enforces, described generally (Art. 32(1)). Each names the code that
 * carries it out, and a test checks that the running system calls that code: the record of
 * processing claims nothing that does not run.
 */
export const ENGINE_MEASURES: readonly { readonly text: string; readonly implementedBy: readonly { readonly file: string; readonly symbol: string }[] }[] = [
  {
    text: 'Personal data encrypted per data subject (AES-256-GCM envelope encryption); keys wrapped by a master key kept outside the database and its backups',
    implementedBy: [{ file: 'src/vault/envelope.ts', symbol: 'encryptValue' }, { file: 'src/vault/envelope.ts', symbol: 'wrapDataKey' }],
  },
  {
    text: 'Look-ups by e-mail or telephone through keyed blind indexes, separate per controller and per customer',
    implementedBy: [{ file: 'src/vault/blind-index.ts', symbol: 'BlindIndexer' }],
  },
  {
    text: 'Every use of personal data passes one access gate (purpose × legal basis × subject state × actor) that releases only the categories the purpose may use; handling a data-subject request is bound to that one request',
    implementedBy: [{ file: 'src/gate/decide.ts', symbol: 'decide' }, { file: 'src/gate/request-grant.ts', symbol: 'decideRequestUse' }],
  },
  {
    text: 'Need-to-know access for services: each API key holds only the purposes it was given; Pledge\'s own jobs act as declared system actors with named purposes and categories',
    implementedBy: [{ file: 'src/gate/api-keys.ts', symbol: 'ApiKeyAuthenticator' }, { file: 'src/gate/system-actors.ts', symbol: 'declaredSystemActor' }],
  },
  {
    text: 'Append-only, hash-chained audit log of every access decision (identifiers only, no personal data), with signed checkpoints kept outside the database',
    implementedBy: [{ file: 'src/audit/chain-store.ts', symbol: 'createAuditLog' }, { file: 'src/audit/checkpoint.ts', symbol: 'writeSignedHead' }],
  },
  {
    text: 'Erasure by crypto-shredding with tombstones re-applied after any restore; data kept under a legal duty after an erasure is destroyed when that duty ends (daily)',
    implementedBy: [{ file: 'src/vault/erasure.ts', symbol: 'shred' }, { file: 'src/vault/tombstones.ts', symbol: 'reapplyTombstones' }, { file: 'src/vault/erasure.ts', symbol: 'expireRetained' }],
  },
  {
    text: 'Storage periods enforced by a daily sweep: data no purpose needs any more are deleted or irreversibly anonymised into counts of at least ten people, with a run report (identifiers only); Pledge\'s own records (request files, consent proofs, delivery logs, audit log) are pruned on their own periods',
    implementedBy: [{ file: 'src/retention/sweep.ts', symbol: 'RetentionSweep' }, { file: 'src/retention/plan.ts', symbol: 'planRetention' }, { file: 'src/vault/retention-store.ts', symbol: 'applyRetentionChanges' }, { file: 'src/retention/jobs.ts', symbol: 'startRetentionJobs' }],
  },
]

function party(policy: Policy, lang: Language): RopaParty {
  const c = policy.controller
  return {
    name: c.name[lang],
    legalForm: c.legalForm?.[lang],
    address: `${addressLine(c.address, lang)}, ${countryName(c.address.country, lang)}`,
    companyNumber: c.companyNumber,
    email: c.email,
    phone: c.phone,
    privacyContact: { kind: c.privacyContact.kind, name: c.privacyContact.name[lang], email: c.privacyContact.email, phone: c.privacyContact.phone },
  }
}

function dpaReference(r: RecipientDocument, register: RopaOptions['register']): RopaDpaReference | null | undefined {
  if (!register || (r.role !== 'processor' && r.role !== 'sub_processor')) return undefined
  const dpa = register(r.id)?.dpa
  return dpa ? { version: dpa.version, date: dpa.signedOn, ...(dpa.endsOn ? { endsOn: dpa.endsOn } : {}) } : null
}

function mechanismReference(r: RecipientDocument, register: RopaOptions['register']): RopaMechanismReference | null | undefined {
  if (!register) return undefined
  const m = register(r.id)?.mechanisms.find((x) => x.country === r.country)
  if (!m) return null
  return m.kind === 'adequacy' ? { kind: 'adequacy', reference: m.decisionId, date: m.decisionDate } : { kind: 'scc', reference: `SCC module ${m.sccModule}`, date: m.signedOn, tiaDate: m.tiaOn }
}

function recipients(policy: Policy, p: Purpose, lang: Language, register?: RopaOptions['register']): RopaRecipient[] {
  return p.recipients
    .map((id) => policy.recipient(id))
    .filter((r): r is RecipientDocument => !!r)
    .map((r) => {
      const dpa = dpaReference(r, register)
      return {
        id: r.id,
        name: r.name,
        role: r.role,
        category: `${ROLE_NAMES[r.role]}: ${r.service[lang]}`,
        country: r.country,
        example: r.example ?? false,
        ...(dpa !== undefined ? { dpa } : {}),
      }
    })
}

/** A recipient as the CSV and HTML name it: with its register DPA reference when the record has one. */
function recipientText(r: RopaRecipient, label: string = ROLE_NAMES[r.role]): string {
  const dpa = r.dpa === undefined ? '' : r.dpa === null ? ', NO DPA RECORDED' : `, DPA ${r.dpa.version} of ${r.dpa.date}${r.dpa.endsOn ? ` until ${r.dpa.endsOn}` : ''}`
  return `${r.name} (${label}, ${r.country}${r.example ? ', example' : ''}${dpa})`
}

function transferText(t: RopaTransfer): string {
  const m = t.registerMechanism
  const reg = m === undefined ? '' : m === null ? '; register: NO MECHANISM RECORDED' : `; register: ${m.kind === 'adequacy' ? `adequacy decision ${m.reference} of ${m.date}` : `${m.reference} signed ${m.date}${m.tiaDate ? `, TIA ${m.tiaDate}` : ''}`}`
  return `${t.recipient}, ${t.country}: ${t.safeguard}${reg}`
}

function transfers(policy: Policy, p: Purpose, lang: Language, register?: RopaOptions['register']): RopaTransfer[] {
  const out: RopaTransfer[] = []
  for (const id of p.recipients) {
    const r = policy.recipient(id)
    if (!r || EEA_COUNTRIES.has(r.country)) continue
    const t = r.transfer
    const mech = mechanismReference(r, register)
    const withReg = <T extends RopaTransfer>(x: T): T => (mech === undefined ? x : { ...x, registerMechanism: mech })
    const country = `${countryName(r.country, lang)} (${r.country})`
    if (!t) {
      out.push(withReg({ recipientId: r.id, recipient: r.name, country, mechanism: 'none', safeguard: 'NO TRANSFER MECHANISM RECORDED' }))
    } else if (t.mechanism === 'adequacy') {
      out.push(withReg({ recipientId: r.id, recipient: r.name, country, mechanism: 'adequacy', decision: inLanguage(t.decision, lang), date: t.date, safeguard: `Adequacy decision (Art. 45): ${inLanguage(t.decision, lang)} of ${t.date}` }))
    } else {
      out.push(withReg({
        recipientId: r.id,
        recipient: r.name,
        country,
        mechanism: 'scc',
        decision: inLanguage(t.decision, lang),
        date: t.date,
        module: t.module,
        safeguard: `Standard contractual clauses (Art. 46(2)(c)): ${inLanguage(t.decision, lang)}${t.module ? `, module ${t.module}` : ''}, signed ${t.date}${t.copyAvailableAt ? `; copy: ${t.copyAvailableAt}` : ''}`,
      }))
    }
  }
  return out
}

function retentionRule(p: Purpose, lang: Language): RopaRetentionRule {
  const r = p.retention
  return {
    duration: r.duration,
    trigger: r.trigger,
    countFrom: r.countFrom ?? 'event',
    endAction: r.endAction,
    legalReference: r.legalReference?.[lang],
    rationale: r.rationale?.[lang],
  }
}

function retentionPerCategory(policy: Policy, p: Purpose, lang: Language): RopaRetention[] {
  const period = formatRetention(p.retention, lang, customEvents(policy))
  return p.categories.map((c) => ({ categoryId: c.id, category: policy.category(c.id)?.label[lang] ?? c.id, period }))
}

function staffRolesFor(policy: Policy, p: Purpose): string[] {
  return policy.staffRoles.filter((r) => r.purposes.includes(p.id)).map((r) => r.id)
}

function subjectLabels(policy: Policy, p: Purpose, lang: Language): string[] {
  return p.subjectTypes.map((id) => policy.subjectType(id)?.label[lang] ?? id)
}

export function buildRopa(policy: Policy, options: RopaOptions = {}): Ropa {
  const lang = options.lang ?? 'en'
  const labels = ROPA_LABELS[lang]
  const controller = party(policy, lang)
  const controllerEntries: RopaControllerEntry[] = controllerPurposes(policy).map((p) => {
    const rs = recipients(policy, p, lang, options.register)
    const sources: string[] = []
    if (p.source) sources.push(p.source[lang])
    for (const st of p.subjectTypes) {
      const s = policy.subjectType(st)
      if (s?.source) sources.push(`${s.label[lang]}: ${s.source[lang]}`)
    }
    if (sources.length === 0) sources.push('the data subject')
    const li = p.legitimateInterest
    return {
      purposeId: p.id,
      name: p.name[lang],
      purposes: p.description[lang],
      dataSubjectCategories: subjectLabels(policy, p, lang),
      dataCategories: p.categories.map((c) => {
        const cat = policy.category(c.id)
        return { id: c.id, label: cat?.label[lang] ?? c.id, required: c.required, special: cat?.special ?? false }
      }),
      recipients: rs,
      recipientCategories: [...new Set(rs.map((r) => r.category))],
      transfers: transfers(policy, p, lang, options.register),
      retention: retentionPerCategory(policy, p, lang),
      legalBasis: p.subjectTypes
        .filter((st) => p.basis[st])
        .map((st) => ({ subjectType: st, basis: p.basis[st]!, article: basisArticle(p.basis[st]!, lang) })),
      legitimateInterest: li
        ? { interest: li.interest[lang], reference: `LIA ${p.id} ${li.date} (${li.author})`, author: li.author, date: li.date, reviewDate: li.reviewDate }
        : undefined,
      statutoryReference: p.statutoryReference?.[lang],
      source: sources,
      retentionRule: retentionRule(p, lang),
      directMarketing: p.directMarketing,
      automatedDecisions: p.automatedDecisions,
      staffRoles: staffRolesFor(policy, p),
      ...(options.dpia ? { dpia: options.dpia(p.id) } : {}),
    }
  })
  const customersOf = `Each customer (tenant) of ${policy.controller.name[lang]} on whose behalf the data are processed, under its data processing agreement; names and contact details of each customer and its DPO are kept in the customer register`
  const processorEntries: RopaProcessorEntry[] = processorPurposes(policy).map((p) => ({
    purposeId: p.id,
    name: p.name[lang],
    categoriesOfProcessing: p.description[lang],
    controllers: customersOf,
    dataSubjectCategories: subjectLabels(policy, p, lang),
    dataCategories: p.categories.map((c) => ({ id: c.id, label: policy.category(c.id)?.label[lang] ?? c.id })),
    subProcessors: recipients(policy, p, lang, options.register),
    transfers: transfers(policy, p, lang, options.register),
    retention: retentionPerCategory(policy, p, lang),
    retentionRule: retentionRule(p, lang),
    staffRoles: staffRolesFor(policy, p),
  }))
  const sla = policy.document.processorRequestSla
  return {
    title: labels.title,
    version: options.version,
    lang,
    policyHash: policy.contentHash,
    controller,
    securityMeasures: [policy.statement.security[lang], ...ENGINE_MEASURES.map((m) => m.text)],
    controllerRecord: { heading: labels.controllerRecord, entries: controllerEntries },
    processorRecord: {
      heading: labels.processorRecord,
      processor: controller,
      controllers: sla ? `${customersOf}. Requests from data subjects are forwarded to the customer within ${formatDuration(sla, 'en')}.` : `${customersOf}.`,
      entries: processorEntries,
    },
    ...(options.history ? { history: [...options.history] } : {}),
  }
}

export function ropaToJson(ropa: Ropa): string {
  return `${JSON.stringify(ropa, null, 2)}\n`
}

// ---- CSV ------------------------------------------------------------------------------------------------

export const ROPA_CSV_COLUMNS = [
  'record',
  'purpose_id',
  'purpose_name',
  'description',
  'controller',
  'processor',
  'privacy_contact',
  'data_subject_categories',
  'data_categories',
  'legal_basis',
  'legitimate_interest',
  'lia_reference',
  'statutory_reference',
  'source',
  'recipients',
  'recipient_categories',
  'transfers',
  'retention_per_category',
  'retention_rule',
  'security_measures',
  'direct_marketing',
  'automated_decisions',
  'staff_roles',
  'dpia',
] as const

/** One RFC 4180 field, safe against formula injection: src/util/csv.ts. */
export { csvField }

function ruleText(r: RopaRetentionRule): string {
  return [
    `duration=${r.duration ?? ''}`,
    `trigger=${r.trigger ?? ''}`,
    `countFrom=${r.countFrom}`,
    `endAction=${r.endAction}`,
    r.legalReference ? `legalReference=${r.legalReference}` : '',
  ]
    .filter(Boolean)
    .join('; ')
}

function partyText(p: RopaParty): string {
  const legalName = p.legalForm && !p.name.endsWith(` ${p.legalForm}`) ? `${p.name} ${p.legalForm}` : p.name
  return `${legalName}, ${p.address}, company number ${p.companyNumber}, ${p.email}${p.phone ? `, ${p.phone}` : ''}`
}

function contactText(p: RopaParty): string {
  return `${p.privacyContact.kind === 'dpo' ? 'DPO' : 'Privacy contact'}: ${p.privacyContact.name}, ${p.privacyContact.email}${p.privacyContact.phone ? `, ${p.privacyContact.phone}` : ''}`
}

/** Which of the two records: Art. 30(1) (controller), Art. 30(2) (processor), or both. */
export type RopaRecord = 'controller' | 'processor' | 'both'

/** CSV with a header row and one row per purpose and record type (controller / processor). CRLF line ends. */
export function ropaToCsv(ropa: Ropa, record: RopaRecord = 'both'): string {
  const rows: string[][] = [[...ROPA_CSV_COLUMNS]]
  const measures = ropa.securityMeasures.join('; ')
  for (const e of record === 'processor' ? [] : ropa.controllerRecord.entries) {
    rows.push([
      'controller',
      e.purposeId,
      e.name,
      e.purposes,
      partyText(ropa.controller),
      '',
      contactText(ropa.controller),
      e.dataSubjectCategories.join('; '),
      e.dataCategories.map((c) => `${c.label} (${c.id}${c.required ? ', required' : ', optional'})`).join('; '),
      e.legalBasis.map((b) => `${b.subjectType}: ${BASIS_SHORT.en[b.basis]} (${b.article})`).join('; '),
      e.legitimateInterest?.interest ?? '',
      e.legitimateInterest?.reference ?? '',
      e.statutoryReference ?? '',
      e.source.join('; '),
      e.recipients.map((r) => recipientText(r)).join('; '),
      e.recipientCategories.join('; '),
      e.transfers.map((t) => transferText(t)).join('; '),
      e.retention.map((r) => `${r.categoryId}: ${r.period}`).join('; '),
      ruleText(e.retentionRule),
      measures,
      e.directMarketing ? 'yes' : 'no',
      e.automatedDecisions ? 'yes' : 'no',
      e.staffRoles.join('; '),
      dpiaText(e.dpia),
    ])
  }
  for (const e of record === 'controller' ? [] : ropa.processorRecord.entries) {
    rows.push([
      'processor',
      e.purposeId,
      e.name,
      e.categoriesOfProcessing,
      ropa.processorRecord.controllers,
      partyText(ropa.processorRecord.processor),
      contactText(ropa.processorRecord.processor),
      e.dataSubjectCategories.join('; '),
      e.dataCategories.map((c) => `${c.label} (${c.id})`).join('; '),
      '',
      '',
      '',
      '',
      'the customer (controller)',
      e.subProcessors.map((r) => recipientText(r)).join('; '),
      [...new Set(e.subProcessors.map((r) => r.category))].join('; '),
      e.transfers.map((t) => transferText(t)).join('; '),
      e.retention.map((r) => `${r.categoryId}: ${r.period}`).join('; '),
      ruleText(e.retentionRule),
      measures,
      'no',
      'no',
      e.staffRoles.join('; '),
      'the customer (controller, Art. 35)',
    ])
  }
  return csvText(rows)
}

// ---- HTML -------------------------------------------------------------------------------------------------

function fieldTable(caption: string, fields: [string, string | string[]][]): string {
  const rows = fields.map(([k, v]) => {
    const value = Array.isArray(v) ? (v.length ? `<ul>${v.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>` : '—') : escapeHtml(v || '—')
    return `<tr><th scope="row">${escapeHtml(k)}</th><td>${value}</td></tr>`
  })
  return `<table>\n<caption>${escapeHtml(caption)}</caption>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`
}

/**
 * The record's sections as HTML (every value escaped), without the page around them: the whole
 * record, or only Art. 30(1) or 30(2) — for the console's printable page under its own stylesheet.
 */
export function ropaSectionsHtml(ropa: Ropa, record: RopaRecord = 'both'): string {
  const c = ropa.controller
  const parts: string[] = []
  parts.push(`<p>${escapeHtml(`${ropa.version !== undefined ? `Policy version ${ropa.version}. ` : ''}Policy content hash ${ropa.policyHash}.`)}</p>`)
  if (record !== 'processor') {
    parts.push('<h2 id="controller">Controller (Art. 30(1)(a))</h2>')
    parts.push(fieldTable('Controller and privacy contact', [['Controller', partyText(c)], ['Privacy contact', contactText(c)]]))
  }
  parts.push(`<h2 id="measures">Technical and organisational security measures (${record === 'controller' ? 'Art. 30(1)(g)' : record === 'processor' ? 'Art. 30(2)(d)' : 'Art. 30(1)(g), 30(2)(d)'}, Art. 32)</h2>`)
  parts.push(`<ul>${ropa.securityMeasures.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>`)
  if (record !== 'processor') parts.push(`<h2 id="controller-record">${escapeHtml(ropa.controllerRecord.heading)}</h2>`)
  for (const e of record === 'processor' ? [] : ropa.controllerRecord.entries) {
    parts.push(`<h3 id="c-${escapeHtml(e.purposeId)}">${escapeHtml(e.name)}</h3>`)
    parts.push(
      fieldTable(`Processing activity ${e.purposeId}`, [
        ['Purposes (b)', e.purposes],
        ['Categories of data subjects (c)', e.dataSubjectCategories],
        ['Categories of personal data (c)', e.dataCategories.map((d) => `${d.label} (${d.id}; ${d.required ? 'required' : 'optional'}${d.special ? '; special category' : ''})`)],
        ['Legal basis', e.legalBasis.map((b) => `${b.subjectType}: ${BASIS_SHORT.en[b.basis]} (${b.article})`)],
        ['Legitimate interest', e.legitimateInterest ? `${e.legitimateInterest.interest} [${e.legitimateInterest.reference}]` : ''],
        ['Statutory reference', e.statutoryReference ?? ''],
        ['Source of the data', e.source],
        ['Categories of recipients (d)', e.recipientCategories],
        ['Recipients by name (d)', e.recipients.map((r) => recipientText(r))],
        ['Transfers to third countries (e)', e.transfers.map((t) => transferText(t))],
        ['Erasure time limits per data category (f)', e.retention.map((r) => `${r.category}: ${r.period}`)],
        ['Retention rule', ruleText(e.retentionRule)],
        ['Direct marketing', e.directMarketing ? 'yes' : 'no'],
        ['Automated decisions (Art. 22)', e.automatedDecisions ? 'yes' : 'no'],
        ['Staff roles with access', e.staffRoles],
        ['DPIA (Art. 35)', dpiaText(e.dpia)],
      ]),
    )
  }
  if (record === 'controller') return parts.join('\n')
  parts.push(`<h2 id="processor-record">${escapeHtml(ropa.processorRecord.heading)}</h2>`)
  parts.push(
    fieldTable('Processor and controllers (Art. 30(2)(a))', [
      ['Processor', partyText(ropa.processorRecord.processor)],
      ['Privacy contact', contactText(ropa.processorRecord.processor)],
      ['Controllers', ropa.processorRecord.controllers],
    ]),
  )
  for (const e of ropa.processorRecord.entries) {
    parts.push(`<h3 id="p-${escapeHtml(e.purposeId)}">${escapeHtml(e.name)}</h3>`)
    parts.push(
      fieldTable(`Processing on behalf of customers ${e.purposeId}`, [
        ['Categories of processing (b)', e.categoriesOfProcessing],
        ['Categories of data subjects', e.dataSubjectCategories],
        ['Categories of personal data', e.dataCategories.map((d) => `${d.label} (${d.id})`)],
        ['Sub-processors', e.subProcessors.map((r) => recipientText(r, r.category))],
        ['Transfers to third countries (c)', e.transfers.map((t) => transferText(t))],
        ['Default retention (customer may instruct otherwise)', e.retention.map((r) => `${r.category}: ${r.period}`)],
        ['Staff roles with access', e.staffRoles],
      ]),
    )
  }
  if (ropa.processorRecord.entries.length === 0) parts.push('<p>No processing on behalf of customers.</p>')
  return parts.join('\n')
}

export function ropaToHtml(ropa: Ropa): string {
  const c = ropa.controller
  const parts = [`<h1>${escapeHtml(ropa.title)}</h1>`, ropaSectionsHtml(ropa)]
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(ropa.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${ropa.title} — ${c.name}`)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;line-height:1.45;max-width:70rem;margin:0 auto;padding:1.5rem}table{border-collapse:collapse;width:100%;margin:.8rem 0}caption{text-align:left;font-weight:600}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}th{width:22rem;background:#f4f4f4}ul{margin:0;padding-left:1.1rem}</style>',
    '</head>',
    '<body>',
    '<main>',
    ...parts,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
