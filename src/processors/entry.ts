// One recipient's row in the processor and transfer register (REQ-PRC-02, REQ-TF-01), and what a
// recipient still lacks before Pledge may disclose data to it (REQ-PRC-01). The policy declares the
// recipient (role, country, service, purposes); the register holds the dates and the evidence.
// Pure: no database, no HTTP.
import { EEA_COUNTRIES } from '../policy/policy.ts'
import type { RecipientDocument } from '../policy/schema.ts'
import { isIsoDate } from '../util/dates.ts'
import { AppError } from '../util/app-error.ts'

/** The Art. 28(3) terms a DPA must contain, points (a) to (h). */
export const ART28_TERMS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const
export type Art28Term = (typeof ART28_TERMS)[number]

export interface Dpa {
  readonly version: string
  /** The date it was signed and applies from (YYYY-MM-DD). */
  readonly signedOn: string
  /** The date it ends, when it has one (YYYY-MM-DD); after it the DPA is no longer active. */
  readonly endsOn?: string | undefined
  /** Which Art. 28(3) points the DPA covers, as checked by staff. */
  readonly terms: Readonly<Record<Art28Term, boolean>>
}

export interface SubProcessor {
  readonly name: string
  readonly country: string
  readonly service: string
}

export type Mechanism =
  | { readonly country: string; readonly kind: 'adequacy'; readonly decisionId: string; readonly decisionDate: string }
  | { readonly country: string; readonly kind: 'scc'; readonly sccModule: number; readonly signedOn: string; readonly tiaOn: string }

export interface RegisterEntry {
  readonly legalName: string
  readonly address: string
  readonly contact: string
  readonly dpo: string
  /** Countries where the data are processed (ISO 3166-1 alpha-2). */
  readonly processingLocations: readonly string[]
  /** Countries from which support staff may access the data. */
  readonly supportLocations: readonly string[]
  readonly dpa?: Dpa | undefined
  readonly subProcessors: readonly SubProcessor[]
  /** Assurance evidence: certification, audit report, questionnaire (a reference, not the file). */
  readonly assurance: string
  /** When the entry is next reviewed (YYYY-MM-DD). */
  readonly reviewOn?: string | undefined
  /** One per non-EEA location. */
  readonly mechanisms: readonly Mechanism[]
  /** True for a seeded example row. */
  readonly example?: boolean | undefined
}

/** What is missing, as codes: dpa_missing, dpa_not_yet_in_force, dpa_ended, mechanism_missing:<CC>. */
export type Gap = string

const COUNTRY = /^[A-Z]{2}$/

/** Every location the recipient's data reach: its declared country, processing and support, the sub-processors'. */
export function locationsOf(recipient: RecipientDocument, entry: RegisterEntry | undefined): string[] {
  return [...new Set([recipient.country, ...(entry?.processingLocations ?? []), ...(entry?.supportLocations ?? []), ...(entry?.subProcessors ?? []).map((s) => s.country)])]
}

/** Whether the role needs a DPA (Art. 28 binds processors only). */
export function needsDpa(recipient: RecipientDocument): boolean {
  return recipient.role === 'processor' || recipient.role === 'sub_processor'
}

/**
 * What the recipient still lacks on `today` (YYYY-MM-DD): an active DPA for a processor or
 * sub-processor, and a recorded mechanism for every location outside the EEA. Empty: covered.
 */
export function gapsOf(recipient: RecipientDocument, entry: RegisterEntry | undefined, today: string): Gap[] {
  const gaps: Gap[] = []
  if (needsDpa(recipient)) {
    const dpa = entry?.dpa
    if (!dpa) gaps.push('dpa_missing')
    else if (dpa.signedOn > today) gaps.push('dpa_not_yet_in_force')
    else if (dpa.endsOn && dpa.endsOn < today) gaps.push('dpa_ended')
  }
  for (const country of locationsOf(recipient, entry)) {
    if (EEA_COUNTRIES.has(country)) continue
    if (!(entry?.mechanisms ?? []).some((m) => m.country === country)) gaps.push(`mechanism_missing:${country}`)
  }
  return gaps
}

/** The gaps in words, for a refusal's message and the console. */
export function describeGaps(recipient: RecipientDocument, gaps: readonly Gap[]): string {
  const parts = gaps.map((g) => {
    if (g === 'dpa_missing') return `no data processing agreement (DPA, Art. 28(3)) is recorded for the ${recipient.role.replace('_', '-')} ${recipient.id}`
    if (g === 'dpa_not_yet_in_force') return `the DPA recorded for ${recipient.id} is not yet in force`
    if (g === 'dpa_ended') return `the DPA recorded for ${recipient.id} has ended`
    const country = g.slice('mechanism_missing:'.length)
    return `no transfer mechanism (adequacy decision or SCCs, Art. 45/46) is recorded for ${recipient.id} in ${country}, outside the EEA`
  })
  return `${parts.join('; ')}: record it in the processor register (/admin/processors/${recipient.id}, PUT /v1/processors/${recipient.id}, or pledge processors set)`
}

/** Missing DPA terms, for the console (the gate needs the DPA dated; the terms are the DPO's check). */
export function missingTerms(entry: RegisterEntry | undefined): Art28Term[] {
  const dpa = entry?.dpa
  return dpa ? ART28_TERMS.filter((t) => !dpa.terms[t]) : []
}

// ---- Reading an entry from untrusted input (API body, CLI file, console form) ----

const text = (v: unknown, field: string, max = 400, required = false): string => {
  if (v === undefined || v === null) {
    if (required) throw bad(field, 'is required')
    return ''
  }
  if (typeof v !== 'string' || v.length > max) throw bad(field, `must be text of at most ${max} characters`)
  if (required && !v.trim()) throw bad(field, 'is required')
  return v.trim()
}

const date = (v: unknown, field: string): string => {
  if (typeof v !== 'string' || !isIsoDate(v)) throw bad(field, 'must be a date YYYY-MM-DD')
  return v
}

const optionalDate = (v: unknown, field: string): string | undefined => (v === undefined || v === null || v === '' ? undefined : date(v, field))

const country = (v: unknown, field: string): string => {
  if (typeof v !== 'string' || !COUNTRY.test(v)) throw bad(field, 'must be an ISO 3166-1 alpha-2 country code such as DE')
  return v
}

const list = (v: unknown, field: string, max = 20): unknown[] => {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v) || v.length > max) throw bad(field, `must be a list of at most ${max} items`)
  return v
}

function bad(field: string, message: string): AppError {
  return new AppError(422, 'invalid_register_entry', `${field} ${message}`, { field })
}

function object(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(field, 'must be an object')
  return v as Record<string, unknown>
}

/** Reads and checks an entry; throws a 422 AppError naming the field at fault. */
export function parseEntry(input: unknown): RegisterEntry {
  const o = object(input, 'entry')
  const known = new Set(['legalName', 'address', 'contact', 'dpo', 'processingLocations', 'supportLocations', 'dpa', 'subProcessors', 'assurance', 'reviewOn', 'mechanisms', 'example'])
  for (const k of Object.keys(o)) if (!known.has(k)) throw bad(k, 'is not a field of a register entry')
  let dpa: Dpa | undefined
  if (o.dpa !== undefined && o.dpa !== null) {
    const d = object(o.dpa, 'dpa')
    const terms = d.terms === undefined ? {} : object(d.terms, 'dpa.terms')
    for (const k of Object.keys(terms)) if (!(ART28_TERMS as readonly string[]).includes(k) || typeof terms[k] !== 'boolean') throw bad(`dpa.terms.${k}`, 'is not an Art. 28(3) point a to h with true or false')
    const signedOn = date(d.signedOn, 'dpa.signedOn')
    const endsOn = optionalDate(d.endsOn, 'dpa.endsOn')
    if (endsOn && endsOn < signedOn) throw bad('dpa.endsOn', 'is before dpa.signedOn')
    dpa = { version: text(d.version, 'dpa.version', 80, true), signedOn, endsOn, terms: Object.fromEntries(ART28_TERMS.map((t) => [t, terms[t] === true])) as Record<Art28Term, boolean> }
  }
  const mechanisms = list(o.mechanisms, 'mechanisms').map((m, i): Mechanism => {
    const x = object(m, `mechanisms[${i}]`)
    const c = country(x.country, `mechanisms[${i}].country`)
    if (EEA_COUNTRIES.has(c)) throw bad(`mechanisms[${i}].country`, `is in the EEA (${c}): no transfer mechanism is needed`)
    if (x.kind === 'adequacy') return { country: c, kind: 'adequacy', decisionId: text(x.decisionId, `mechanisms[${i}].decisionId`, 200, true), decisionDate: date(x.decisionDate, `mechanisms[${i}].decisionDate`) }
    if (x.kind === 'scc') {
      const module = x.sccModule
      if (typeof module !== 'number' || !Number.isInteger(module) || module < 1 || module > 4) throw bad(`mechanisms[${i}].sccModule`, 'must be the SCC module, 1 to 4')
      return { country: c, kind: 'scc', sccModule: module, signedOn: date(x.signedOn, `mechanisms[${i}].signedOn`), tiaOn: date(x.tiaOn, `mechanisms[${i}].tiaOn`) }
    }
    throw bad(`mechanisms[${i}].kind`, 'must be adequacy or scc')
  })
  const seen = new Set<string>()
  for (const [i, m] of mechanisms.entries()) {
    if (seen.has(m.country)) throw bad(`mechanisms[${i}].country`, `repeats ${m.country}: one mechanism per country`)
    seen.add(m.country)
  }
  return {
    legalName: text(o.legalName, 'legalName', 200, true),
    address: text(o.address, 'address'),
    contact: text(o.contact, 'contact', 200),
    dpo: text(o.dpo, 'dpo', 200),
    processingLocations: list(o.processingLocations, 'processingLocations').map((c, i) => country(c, `processingLocations[${i}]`)),
    supportLocations: list(o.supportLocations, 'supportLocations').map((c, i) => country(c, `supportLocations[${i}]`)),
    dpa,
    subProcessors: list(o.subProcessors, 'subProcessors', 50).map((s, i) => {
      const x = object(s, `subProcessors[${i}]`)
      return { name: text(x.name, `subProcessors[${i}].name`, 200, true), country: country(x.country, `subProcessors[${i}].country`), service: text(x.service, `subProcessors[${i}].service`, 200) }
    }),
    assurance: text(o.assurance, 'assurance', 1000),
    reviewOn: optionalDate(o.reviewOn, 'reviewOn'),
    mechanisms,
    ...(o.example === true ? { example: true } : {}),
  }
}
