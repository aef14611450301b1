// The DPIA register and the legitimate-interest assessments as CSV (formula guard: src/util/csv.ts).
// Codes and dates, and the DPO's texts; no personal data of data subjects.
import { csvText } from '../util/csv.ts'
import type { Language } from '../policy/schema.ts'
import type { DpiaRow } from './register.ts'
import type { LiaRow } from './reminders.ts'

export function dpiaToCsv(rows: readonly DpiaRow[], lang: Language): string {
  const head = ['purpose', 'purpose_name', 'status', 'dpia_required', 'art35', 'wp248', 'gba', 'override', 'screened_on', 'triggers', 'gate_hold', 'dpia_reference', 'dpia_completed_on', 'dpia_review_on', 'residual_high_risk', 'consultation_submitted_on', 'gba_reference', 'consultation_answered_on']
  return csvText([
    head,
    ...rows.map((r) => {
      const s = r.entry?.screening
      const d = r.entry?.dpia
      const c = r.entry?.consultation
      return [
        r.purpose.id,
        r.purpose.name[lang],
        r.status,
        r.required === undefined ? '' : r.required ? 'yes' : 'no',
        (s?.art35 ?? []).join(' '),
        (s?.wp248 ?? []).join(' '),
        (s?.gba ?? []).join(' '),
        s?.override ? (s.override.required ? 'required' : 'not_required') : '',
        s?.screenedOn ?? '',
        r.triggers.join(' '),
        r.hold?.reason ?? '',
        d?.reference ?? '',
        d?.completedOn ?? '',
        d?.reviewOn ?? '',
        d ? (d.residualHighRisk ? 'yes' : 'no') : '',
        c?.submittedOn ?? '',
        c?.gbaReference ?? '',
        c?.answeredOn ?? '',
      ]
    }),
  ])
}

export function liaToCsv(rows: readonly LiaRow[], lang: Language): string {
  return csvText([
    ['purpose', 'interest', 'necessity', 'balancing', 'mitigations', 'author', 'date', 'review_date', 'review_overdue'],
    ...rows.map((r) => [r.purposeId, r.assessment.interest[lang], r.assessment.necessity, r.assessment.balancing, r.assessment.mitigations ?? '', r.assessment.author, r.assessment.date, r.reviewDate ?? '', r.overdue ? 'yes' : 'no']),
  ])
}
