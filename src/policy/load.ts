// Reads a policy file: YAML → schema check → lints → normalised Policy. Every problem carries the
// path of the field that causes it, written the way a person reads YAML: purposes[3].retention.duration.
import { readFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { parseDocument } from 'yaml'
import { Compile } from 'typebox/compile'
import { PolicySchema, LEGAL_BASES, BUILTIN_EVENTS, type Language, type LegalBasis, type LocalizedText, type PolicyDocument } from './schema.ts'
import { DEFAULT_MATERIAL_CHANGE_NOTICE_DAYS, OWN_RECORD_DEFAULTS, OWN_RECORD_KINDS, type Controller, type OwnRecordKind, type Policy, type PostalAddress, type Purpose, type PurposeRetention } from './policy.ts'
import { lintPolicy } from './lint.ts'
import { canonicalJson } from '../util/canonical-json.ts'

export interface PolicyIssue {
  /** Field path such as purposes[3].retention.duration ('' for the whole file). */
  readonly path: string
  readonly message: string
}

export class PolicyError extends Error {
  readonly issues: readonly PolicyIssue[]
  readonly source: string
  constructor(source: string, issues: readonly PolicyIssue[]) {
    super(`${source}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${issues.map((i) => `  ${i.path || '(file)'}: ${i.message}`).join('\n')}`)
    this.name = 'PolicyError'
    this.source = source
    this.issues = issues
  }
}

const validator = Compile(PolicySchema)

/** `/purposes/3/retention/duration` → `purposes[3].retention.duration`. */
export function toFieldPath(pointer: string): string {
  if (!pointer) return ''
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '')
}

function schemaIssues(doc: unknown): PolicyIssue[] {
  if (validator.Check(doc)) return []
  const byPath = new Map<string, PolicyIssue>()
  const enums = new Map<string, unknown[]>()
  for (const e of validator.Errors(doc)) {
    const path = toFieldPath(e.instancePath)
    // Collapse the noise of a union of literals into one "must be one of" message.
    if (e.keyword === 'const') {
      const list = enums.get(path) ?? []
      list.push((e.params as { allowedValue?: unknown }).allowedValue)
      enums.set(path, list)
      continue
    }
    if (e.keyword === 'boolean') continue // reported again as additionalProperties
    if (e.keyword === 'anyOf' && enums.has(path)) {
      byPath.set(path, { path, message: `must be one of ${enums.get(path)!.map((v) => JSON.stringify(v)).join(', ')}` })
      continue
    }
    let message = e.message
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperties?: string[] }).additionalProperties ?? []
      message = `unknown field${extra.length > 1 ? 's' : ''} ${extra.join(', ')}`
    } else if (e.keyword === 'required') {
      const missing = (e.params as { requiredProperties?: string[] }).requiredProperties ?? []
      message = `missing required field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`
    } else if (e.keyword === 'enum') {
      const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues ?? []
      message = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`
    } else if (e.keyword === 'pattern') {
      const description = schemaDescriptionAt(e.schemaPath)
      message = description ? `must be ${description}` : message
    }
    const key = `${path}\u0000${message}`
    if (!byPath.has(key)) byPath.set(key, { path, message })
  }
  return [...byPath.values()]
}

function schemaDescriptionAt(schemaPath: string): string | undefined {
  let node: unknown = PolicySchema
  for (const seg of schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (node && typeof node === 'object') node = (node as Record<string, unknown>)[seg]
  }
  const description = node && typeof node === 'object' ? (node as { description?: unknown }).description : undefined
  return typeof description === 'string' ? description : undefined
}

function normaliseBasis(purpose: PolicyDocument['purposes'][number]): Record<string, LegalBasis> {
  const out: Record<string, LegalBasis> = {}
  const raw = purpose.basis
  for (const subjectType of purpose.subjectTypes) {
    const value = typeof raw === 'string' || Array.isArray(raw) ? raw : raw?.[subjectType]
    const single = Array.isArray(value) ? value[0] : value
    if (single && (LEGAL_BASES as readonly string[]).includes(single)) out[subjectType] = single as LegalBasis
  }
  return out
}

/** A reference, name or address line as a person reads it; one string reads the same in all three. */
function localised(text: string | LocalizedText): LocalizedText {
  return typeof text === 'string' ? { nl: text, fr: text, en: text } : text
}

function addressOf(a: PolicyDocument['controller']['address']): PostalAddress {
  return { street: localised(a.street), postalCode: a.postalCode, city: localised(a.city), country: a.country }
}

/** The legal name in each language with its legal form (appended unless the name already ends with it). */
function legalNameOf(c: PolicyDocument['controller']): LocalizedText {
  const name = localised(c.name)
  if (!c.legalForm) return name
  const form = localised(c.legalForm)
  const one = (lang: Language) => (name[lang] === form[lang] || name[lang].endsWith(` ${form[lang]}`) ? name[lang] : `${name[lang]} ${form[lang]}`)
  return { nl: one('nl'), fr: one('fr'), en: one('en') }
}

function controllerOf(c: PolicyDocument['controller']): Controller {
  const { name: _name, legalForm, address, privacyContact, ...rest } = c
  const { name: contactName, ...contact } = privacyContact
  return {
    ...rest,
    name: legalNameOf(c),
    ...(legalForm ? { legalForm: localised(legalForm) } : {}),
    address: addressOf(address),
    privacyContact: { ...contact, name: localised(contactName) },
  }
}

function retentionOf(r: PolicyDocument['purposes'][number]['retention']): PurposeRetention {
  const { legalReference, ...rest } = r
  return legalReference ? { ...rest, legalReference: localised(legalReference) } : rest
}

function buildPolicy(document: PolicyDocument): Policy {
  const purposes: Purpose[] = document.purposes.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    role: p.role ?? 'controller',
    subjectTypes: p.subjectTypes,
    basis: normaliseBasis(p),
    legitimateInterest: p.legitimateInterest,
    ...(p.statutoryReference ? { statutoryReference: localised(p.statutoryReference) } : {}),
    categories: p.categories,
    retention: retentionOf(p.retention),
    recipients: p.recipients ?? [],
    provision: p.provision,
    directMarketing: p.directMarketing ?? false,
    legalClaims: p.legalClaims ?? false,
    automatedDecisions: p.automatedDecisions ?? false,
    source: p.source,
    createEvents: p.createEvents ?? [],
  }))
  const purposeById = new Map(purposes.map((p) => [p.id, p]))
  const categoryById = new Map(document.categories.map((c) => [c.id, c]))
  const subjectTypeById = new Map(document.subjectTypes.map((s) => [s.id, s]))
  const recipients = document.recipients ?? []
  const recipientById = new Map(recipients.map((r) => [r.id, r]))
  const contentHash = createHash('sha256').update(canonicalJson(document)).digest('hex')
  return Object.freeze({
    document,
    contentHash,
    controller: controllerOf(document.controller),
    supervisoryAuthority: { ...document.supervisoryAuthority, address: addressOf(document.supervisoryAuthority.address) },
    categories: document.categories,
    subjectTypes: document.subjectTypes,
    purposes,
    recipients,
    events: [...BUILTIN_EVENTS, ...(document.events ?? []).map((e) => e.id)],
    derivedEvents: new Map((document.events ?? []).flatMap((e) => (e.derive ? [[e.id, { from: e.derive.from, after: e.derive.after }] as const] : []))),
    recordsRetention: Object.fromEntries(OWN_RECORD_KINDS.map((k) => [k, document.recordsRetention?.[k]?.duration ?? OWN_RECORD_DEFAULTS[k]])) as Record<OwnRecordKind, string>,
    staffRoles: document.staffRoles ?? [],
    cookies: document.cookies,
    statement: document.statement,
    materialChangeNoticeDays: document.statement.materialChangeNoticeDays ?? DEFAULT_MATERIAL_CHANGE_NOTICE_DAYS,
    purpose: (id: string) => purposeById.get(id),
    category: (id: string) => categoryById.get(id),
    subjectType: (id: string) => subjectTypeById.get(id),
    recipient: (id: string) => recipientById.get(id),
  })
}

/** Validates a policy given as YAML text. Throws PolicyError listing every problem found. */
export function parsePolicy(text: string, source = 'policy'): Policy {
  const yamlDoc = parseDocument(text, { prettyErrors: false, uniqueKeys: true })
  if (yamlDoc.errors.length > 0) {
    throw new PolicyError(
      source,
      yamlDoc.errors.map((e) => ({
        path: '',
        message: `YAML syntax: ${e.message.split('\n')[0]}${e.linePos ? ` (line ${e.linePos[0].line})` : ''}`,
      })),
    )
  }
  const raw: unknown = yamlDoc.toJS()
  return validatePolicyDocument(raw, source)
}

/** Validates an already parsed document (used by tests and by the database's stored versions). */
export function validatePolicyDocument(raw: unknown, source = 'policy', options: { stored?: boolean } = {}): Policy {
  const structural = schemaIssues(raw)
  if (structural.length > 0) throw new PolicyError(source, structural)
  const document = raw as PolicyDocument
  const semantic = lintPolicy(document, options)
  if (semantic.length > 0) throw new PolicyError(source, semantic)
  return buildPolicy(document)
}

export async function loadPolicyFile(path: string): Promise<Policy> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new PolicyError(path, [{ path: '', message: code === 'ENOENT' ? 'file not found' : `cannot read file (${code})` }])
  }
  return parsePolicy(text, path)
}
