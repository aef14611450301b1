// One purpose's DPIA file (REQ-DPIA-01..03): the screening against Art. 35(3), WP248 rev.01 and the
// GBA list, the DPIA record itself (Art. 35(7)(a)-(d), the DPO's advice, data subjects' views,
// review date), the residual high risk and the prior consultation of the GBA (Art. 36). Pure: the
// status, the gate's hold and the re-screening triggers are computed from the entry and the policy.
import { AppError } from '../util/app-error.ts'
import { isIsoDate } from '../util/dates.ts'
import { ART35_CODES, GBA_CODES, WP248_CODES } from './vocabulary.ts'

/** What the purpose looked like when it was screened: what a later change is compared with. */
export interface ScreeningBasis {
  readonly categories: readonly string[]
  readonly thirdCountryRecipients: readonly string[]
  readonly automatedDecisions: boolean
}

export interface Screening {
  readonly art35: readonly string[]
  readonly wp248: readonly string[]
  readonly gba: readonly string[]
  readonly notes: string
  /** The DPO's decision against the default (e.g. two criteria that do not add up to a high risk), with reasons. */
  readonly override?: { readonly required: boolean; readonly reasoning: string } | undefined
  readonly screenedOn: string
  /** Set by the register when the screening is saved. */
  readonly basis: ScreeningBasis
}

export interface DpiaRecord {
  readonly reference: string
  /** 35(7)(a): systematic description of the processing and its purposes (and the legitimate interest). */
  readonly description: string
  /** 35(7)(b): necessity and proportionality. */
  readonly necessity: string
  /** 35(7)(c): risks to the rights and freedoms of data subjects. */
  readonly risks: string
  /** 35(7)(d): measures, safeguards and mechanisms. */
  readonly measures: string
  /** Art. 35(2): the DPO's advice. */
  readonly dpoAdvice: string
  /** Art. 35(9): data subjects' views, where appropriate. */
  readonly dataSubjectViews: string
  readonly completedOn: string
  readonly reviewOn: string
  /** The risk that remains after the measures is high: Art. 36 prior consultation before processing. */
  readonly residualHighRisk: boolean
}

export interface PriorConsultation {
  readonly submittedOn: string
  readonly gbaReference: string
  readonly answeredOn: string
  readonly answer: string
}

export interface DpiaEntry {
  readonly screening?: Screening | undefined
  readonly dpia?: DpiaRecord | undefined
  readonly consultation?: PriorConsultation | undefined
}

export type DpiaStatus = 'not_screened' | 'not_required' | 'dpia_missing' | 'prior_consultation_needed' | 'dpia_complete'

/** The gate's refusal codes for a purpose held back by its DPIA file. */
export type HoldReason = 'purpose_on_hold_dpia' | 'dpia_missing'

/** Default rule (WP248 rev.01): any Art. 35(3) case or GBA-list item, or two WP248 criteria. The DPO's override wins. */
export function defaultRequired(s: Pick<Screening, 'art35' | 'wp248' | 'gba'>): boolean {
  return s.art35.length > 0 || s.gba.length > 0 || s.wp248.length >= 2
}

export function dpiaRequired(s: Screening): boolean {
  return s.override ? s.override.required : defaultRequired(s)
}

export function statusOf(entry: DpiaEntry | undefined): DpiaStatus {
  const s = entry?.screening
  if (!s) return 'not_screened'
  if (entry.dpia?.residualHighRisk && !entry.consultation) return 'prior_consultation_needed'
  if (!dpiaRequired(s) && !entry.dpia) return 'not_required'
  if (!entry.dpia) return 'dpia_missing'
  return 'dpia_complete'
}

/** Why the gate holds the purpose back, if it does (REQ-DPIA-03); undefined: it does not. */
export function holdOf(purposeId: string, entry: DpiaEntry | undefined): { reason: HoldReason; message: string } | undefined {
  const status = statusOf(entry)
  if (status === 'prior_consultation_needed') return { reason: 'purpose_on_hold_dpia', message: `the DPIA of ${purposeId} records a high residual risk: the purpose stays on hold until the prior consultation of the supervisory authority (Art. 36) is recorded` }
  if (status === 'dpia_missing') return { reason: 'dpia_missing', message: `the screening of ${purposeId} says a DPIA is required (Art. 35) and none is on file: the purpose stays on hold until it is recorded` }
  return undefined
}

/**
 * What changed since the screening that asks for a new one (REQ-DPIA-02, Art. 35(11)): a category
 * added to the purpose (an Art. 9 category or a photo: special_category_added), a recipient in a
 * third country, automated decisions switched on. Empty: the screening still fits.
 */
export function triggersOf(basis: ScreeningBasis, now: ScreeningBasis, special: (category: string) => boolean): string[] {
  const out: string[] = []
  for (const c of now.categories) if (!basis.categories.includes(c)) out.push(`${special(c) ? 'special_category_added' : 'category_added'}:${c}`)
  for (const r of now.thirdCountryRecipients) if (!basis.thirdCountryRecipients.includes(r)) out.push(`third_country_recipient:${r}`)
  if (now.automatedDecisions && !basis.automatedDecisions) out.push('automated_decisions_added')
  return out
}

// ---- Reading from untrusted input (API body, seed file, console form) ----

function bad(field: string, message: string): AppError {
  return new AppError(422, 'invalid_dpia_entry', `${field} ${message}`, { field })
}

function object(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(field, 'must be an object')
  return v as Record<string, unknown>
}

function known(o: Record<string, unknown>, fields: readonly string[], where: string): void {
  for (const k of Object.keys(o)) if (!fields.includes(k)) throw bad(`${where}${k}`, 'is not a field here')
}

const text = (v: unknown, field: string, max: number, required: boolean): string => {
  if (v === undefined || v === null || v === '') {
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

const codes = (v: unknown, field: string, allowed: readonly string[]): string[] => {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v) || v.length > allowed.length) throw bad(field, `must be a list of codes among ${allowed.join(', ')}`)
  const out = new Set<string>()
  for (const [i, c] of v.entries()) {
    if (typeof c !== 'string' || !allowed.includes(c)) throw bad(`${field}[${i}]`, `must be one of ${allowed.join(', ')}`)
    out.add(c)
  }
  return allowed.filter((c) => out.has(c))
}

/** A screening as staff give it (the basis is the register's to set). */
export function parseScreening(input: unknown): Omit<Screening, 'basis'> {
  const o = object(input, 'screening')
  known(o, ['art35', 'wp248', 'gba', 'notes', 'override', 'screenedOn'], '')
  let override: Screening['override']
  if (o.override !== undefined && o.override !== null) {
    const x = object(o.override, 'override')
    known(x, ['required', 'reasoning'], 'override.')
    if (typeof x.required !== 'boolean') throw bad('override.required', 'must be true or false')
    override = { required: x.required, reasoning: text(x.reasoning, 'override.reasoning', 2000, true) }
  }
  return {
    art35: codes(o.art35, 'art35', ART35_CODES),
    wp248: codes(o.wp248, 'wp248', WP248_CODES),
    gba: codes(o.gba, 'gba', GBA_CODES),
    notes: text(o.notes, 'notes', 2000, false),
    ...(override ? { override } : {}),
    screenedOn: date(o.screenedOn, 'screenedOn'),
  }
}

export function parseDpia(input: unknown): DpiaRecord {
  const o = object(input, 'dpia')
  known(o, ['reference', 'description', 'necessity', 'risks', 'measures', 'dpoAdvice', 'dataSubjectViews', 'completedOn', 'reviewOn', 'residualHighRisk'], '')
  if (typeof o.residualHighRisk !== 'boolean') throw bad('residualHighRisk', 'must be true or false')
  const completedOn = date(o.completedOn, 'completedOn')
  const reviewOn = date(o.reviewOn, 'reviewOn')
  if (reviewOn < completedOn) throw bad('reviewOn', 'is before completedOn')
  return {
    reference: text(o.reference, 'reference', 80, true),
    description: text(o.description, 'description', 5000, true),
    necessity: text(o.necessity, 'necessity', 5000, true),
    risks: text(o.risks, 'risks', 5000, true),
    measures: text(o.measures, 'measures', 5000, true),
    dpoAdvice: text(o.dpoAdvice, 'dpoAdvice', 5000, true),
    dataSubjectViews: text(o.dataSubjectViews, 'dataSubjectViews', 5000, false),
    completedOn,
    reviewOn,
    residualHighRisk: o.residualHighRisk,
  }
}

export function parseConsultation(input: unknown): PriorConsultation {
  const o = object(input, 'consultation')
  known(o, ['submittedOn', 'gbaReference', 'answeredOn', 'answer'], '')
  const submittedOn = date(o.submittedOn, 'submittedOn')
  const answeredOn = date(o.answeredOn, 'answeredOn')
  if (answeredOn < submittedOn) throw bad('answeredOn', 'is before submittedOn')
  return { submittedOn, gbaReference: text(o.gbaReference, 'gbaReference', 80, true), answeredOn, answer: text(o.answer, 'answer', 5000, true) }
}
