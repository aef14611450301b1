// What staff enter about a breach, checked (REQ-BR-01): bounded staff-written descriptions of the
// incident (never personal data: the form says so), the policy's category and subject type ids,
// approximate counts, the risk with its reasoning and the decision. Pure.
import type { Policy } from '../policy/policy.ts'
import type { Art34Exception, BreachDecision, BreachRisk } from '../db/schema-breaches.ts'
import { AppError } from '../util/app-error.ts'
import { describeTextProblem, textProblem } from '../util/text.ts'

export const TEXT_MAX = 4000
export const SHORT_TEXT_MAX = 2000
export const REFERENCE_MAX = 100
export const COUNT_MAX = 1_000_000_000
export const LIST_MAX = 50
export const RISKS: readonly BreachRisk[] = ['unassessed', 'unlikely', 'risk', 'high']
export const DECISIONS: readonly BreachDecision[] = ['pending', 'notify', 'not_notify']
export const EXCEPTIONS: readonly Art34Exception[] = ['a', 'b', 'c']

/** The fields staff set; every one optional in a change (a patch), facts required at first. */
export interface BreachFields {
  readonly facts?: string
  readonly dataCategories?: readonly string[]
  readonly subjectTypes?: readonly string[]
  readonly approxSubjects?: number | null
  readonly approxRecords?: number | null
  readonly consequences?: string
  readonly measures?: string
  readonly risk?: BreachRisk
  readonly riskReasoning?: string
  readonly decision?: BreachDecision
  readonly tenantId?: string | null
  readonly detectedAt?: string
}

const invalid = (field: string, message: string) => new AppError(422, 'invalid_breach', message, { field })

/** A staff-written text: a string, at most `max` characters, storable exactly as given. */
export function checkText(field: string, v: unknown, max: number, required = false): string {
  if (typeof v !== 'string') throw invalid(field, `${field} must be text`)
  const problem = textProblem(v)
  if (problem) throw invalid(field, describeTextProblem(field, problem))
  if (v.length > max) throw invalid(field, `${field} is longer than ${max} characters`)
  if (required && !v.trim()) throw invalid(field, `${field} is required`)
  return v.trim()
}

function checkIds(field: string, v: unknown, known: (id: string) => boolean): string[] {
  if (!Array.isArray(v)) throw invalid(field, `${field} must be a list of ids`)
  if (v.length > LIST_MAX) throw invalid(field, `${field} lists more than ${LIST_MAX} ids`)
  const ids = [...new Set(v.map((x) => (typeof x === 'string' ? x.trim() : '')))].filter(Boolean)
  const unknown = ids.filter((id) => id.length > 64 || !known(id))
  if (unknown.length) throw invalid(field, `${field}: the policy has no ${unknown.map((u) => u.slice(0, 64)).join(', ')}`)
  return ids.sort()
}

function checkCount(field: string, v: unknown): number | null {
  if (v === null) return null
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > COUNT_MAX) throw invalid(field, `${field} must be a whole number from 0 to ${COUNT_MAX}`)
  return v
}

/** Checks what came in (from the API or the console form); unknown keys are refused. */
export function parseFields(policy: Policy, input: unknown, first: boolean): BreachFields {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('body', 'send the breach as an object')
  const i = input as Record<string, unknown>
  const allowed = new Set(['facts', 'dataCategories', 'subjectTypes', 'approxSubjects', 'approxRecords', 'consequences', 'measures', 'risk', 'riskReasoning', 'decision', 'tenantId', 'detectedAt'])
  const extra = Object.keys(i).filter((k) => !allowed.has(k))
  if (extra.length) throw invalid(extra[0]!.slice(0, 40), `unknown field ${extra[0]!.slice(0, 40)}`)
  const out: { -readonly [K in keyof BreachFields]: BreachFields[K] } = {}
  if (first || i.facts !== undefined) out.facts = checkText('facts', i.facts ?? '', TEXT_MAX, true)
  if (i.dataCategories !== undefined) out.dataCategories = checkIds('dataCategories', i.dataCategories, (id) => !!policy.category(id))
  if (i.subjectTypes !== undefined) out.subjectTypes = checkIds('subjectTypes', i.subjectTypes, (id) => !!policy.subjectType(id))
  if (i.approxSubjects !== undefined) out.approxSubjects = checkCount('approxSubjects', i.approxSubjects)
  if (i.approxRecords !== undefined) out.approxRecords = checkCount('approxRecords', i.approxRecords)
  if (i.consequences !== undefined) out.consequences = checkText('consequences', i.consequences, TEXT_MAX)
  if (i.measures !== undefined) out.measures = checkText('measures', i.measures, TEXT_MAX)
  if (i.riskReasoning !== undefined) out.riskReasoning = checkText('riskReasoning', i.riskReasoning, TEXT_MAX)
  if (i.risk !== undefined) {
    if (!RISKS.includes(i.risk as BreachRisk)) throw invalid('risk', `risk is one of ${RISKS.join(', ')}`)
    out.risk = i.risk as BreachRisk
  }
  if (i.decision !== undefined) {
    if (!DECISIONS.includes(i.decision as BreachDecision)) throw invalid('decision', `decision is one of ${DECISIONS.join(', ')}`)
    out.decision = i.decision as BreachDecision
  }
  if (i.tenantId !== undefined) {
    if (i.tenantId !== null && (typeof i.tenantId !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(i.tenantId))) throw invalid('tenantId', 'tenantId is a customer (tenant) id: letters, digits, _ . -, at most 64')
    out.tenantId = i.tenantId === '' ? null : (i.tenantId as string | null)
  }
  if (i.detectedAt !== undefined) {
    if (typeof i.detectedAt !== 'string' || i.detectedAt.length > 40 || Number.isNaN(Date.parse(i.detectedAt))) throw invalid('detectedAt', 'detectedAt is a date and time (ISO 8601)')
    out.detectedAt = new Date(i.detectedAt).toISOString()
  }
  return out
}

/**
 * The decision must follow from the assessment (Art. 33(1)): not notifying needs a risk assessed
 * as unlikely, with its reasoning; notifying needs a risk. Pure; throws 422 with the field.
 */
export function checkDecision(risk: BreachRisk, decision: BreachDecision, reasoning: string): void {
  if (decision === 'pending') return
  if (risk === 'unassessed') throw invalid('risk', 'assess the risk before deciding whether to notify')
  if (!reasoning.trim()) throw invalid('riskReasoning', 'record the reasoning of the risk assessment before deciding (Art. 33(5))')
  if (decision === 'not_notify' && risk !== 'unlikely') throw invalid('decision', 'a breach likely to result in a risk is notified (Art. 33(1)): not notifying needs a risk assessed as unlikely')
  if (decision === 'notify' && risk === 'unlikely') throw invalid('decision', 'the risk is assessed as unlikely: record the decision not to notify, with the reasoning, or change the assessment')
}
