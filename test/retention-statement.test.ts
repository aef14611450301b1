// The statement tells the truth (issue 13 §6): for every purpose of the example policy, the period
// the published statement states in nl, fr and en is the one the sweep's planner applies — a person
// just inside it is kept, just past it is deleted or anonymised — counted on the controller's
// calendar (Europe/Brussels) across a month end, a leap day and a change of summer time.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { loadPolicyFile } from '../src/policy/load.ts'
import { renderStatement } from '../src/policy/statement.ts'
import { planRetention } from '../src/retention/plan.ts'
import type { SubjectState } from '../src/gate/decide.ts'
import type { Policy } from '../src/policy/policy.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'

/** Two trigger instants: the last day of August 2023 (summer time) and the leap day 2024 (winter time). */
const AUG_31 = '2023-08-31T10:00:00+02:00'
const LEAP_DAY = '2024-02-29T10:00:00+01:00'

interface Case {
  readonly purpose: string
  readonly type: string
  readonly trigger: string
  readonly action: 'delete' | 'anonymise'
  /** The end, written out, for a trigger on AUG_31 and on LEAP_DAY. */
  readonly ends: readonly [string, string]
  /** What the statement says of the period, per language (the retention column starts with it). */
  readonly stated?: { readonly en: string; readonly nl: string; readonly fr: string }
  readonly tenant?: string
}

const DELETED = { en: 'then deleted', nl: 'daarna verwijderd', fr: 'puis supprimées' }
const ANONYMISED = { en: 'then irreversibly anonymised', nl: 'daarna onomkeerbaar geanonimiseerd', fr: 'puis anonymisées de manière irréversible' }

const CASES: readonly Case[] = [
  // 6 months after the last day of August is the last day of February: the 29th in 2024.
  { purpose: 'customer_registration', type: 'customer_contact', trigger: 'application_closed', action: 'delete', ends: ['2024-02-29T10:00:00+01:00', '2024-08-29T10:00:00+02:00'], stated: { en: '6 months from application closed', nl: '6 maanden vanaf aanvraag afgehandeld', fr: '6 mois à compter' } },
  { purpose: 'contract_execution', type: 'customer_contact', trigger: 'contract_ended', action: 'delete', ends: ['2024-02-29T10:00:00+01:00', '2024-08-29T10:00:00+02:00'], stated: { en: '6 months from the end of the contract', nl: '6 maanden vanaf het einde van de overeenkomst', fr: '6 mois à compter' } },
  { purpose: 'customer_service', type: 'customer_contact', trigger: 'contract_ended', action: 'delete', ends: ['2024-02-29T10:00:00+01:00', '2024-08-29T10:00:00+02:00'], stated: { en: '6 months from the end of the contract', nl: '6 maanden vanaf het einde van de overeenkomst', fr: '6 mois à compter' } },
  // Ten years from 1 January of the year after the invoice, midnight in Brussels.
  { purpose: 'accounting', type: 'customer_contact', trigger: 'invoice_issued', action: 'delete', ends: ['2034-01-01T00:00:00+01:00', '2035-01-01T00:00:00+01:00'], stated: { en: '10 years from 1 January of the year after the invoice date', nl: '10 jaar vanaf 1 januari van het jaar na de factuurdatum', fr: '10 ans à compter du 1er janvier' } },
  { purpose: 'newsletter', type: 'newsletter_subscriber', trigger: 'last_interaction', action: 'delete', ends: ['2025-08-31T10:00:00+02:00', '2026-02-28T10:00:00+01:00'], stated: { en: '24 months from our last contact with you', nl: '24 maanden vanaf ons laatste contact met u', fr: '24 mois à compter' } },
  // Two years after a leap day is the 28th of February.
  { purpose: 'prospect_registration', type: 'prospect', trigger: 'last_interaction', action: 'delete', ends: ['2025-08-31T10:00:00+02:00', '2026-02-28T10:00:00+01:00'], stated: { en: '2 years from our last contact with you', nl: '2 jaar vanaf ons laatste contact met u', fr: '2 ans à compter' } },
  // Until the end of the contract: the trigger itself is the end.
  { purpose: 'customer_information', type: 'customer_contact', trigger: 'contract_ended', action: 'delete', ends: [AUG_31, LEAP_DAY], stated: { en: 'until the end of the contract', nl: 'tot het einde van de overeenkomst', fr: 'jusqu\'à la fin' } },
  // One year from the last contact-form message (an event recorded with each message).
  { purpose: 'contact_requests', type: 'contact', trigger: 'contact_message', action: 'delete', ends: ['2024-08-31T10:00:00+02:00', '2025-02-28T10:00:00+01:00'], stated: { en: '1 year from receipt of the last message through the contact form', nl: '1 jaar vanaf ontvangst van het laatste bericht via het contactformulier', fr: '1 an à compter de la réception du dernier message via le formulaire de contact' } },
  // Three years from the last complaint filed in the privacy center (an event recorded with each).
  { purpose: 'complaints', type: 'complainant', trigger: 'complaint_filed', action: 'delete', ends: ['2026-08-31T10:00:00+02:00', '2027-02-28T10:00:00+01:00'], stated: { en: '3 years from the filing of your last complaint', nl: '3 jaar vanaf het indienen van uw laatste klacht', fr: '3 ans à compter du dépôt de votre dernière plainte' } },
  { purpose: 'market_research', type: 'customer_contact', trigger: 'collected', action: 'anonymise', ends: ['2024-08-31T10:00:00+02:00', '2025-02-28T10:00:00+01:00'], stated: { en: '1 year from the collection of the data', nl: '1 jaar vanaf het verzamelen van de gegevens', fr: '1 an à compter' } },
  { purpose: 'legal_defence', type: 'customer_contact', trigger: 'contract_ended', action: 'delete', ends: ['2033-08-31T10:00:00+02:00', '2034-02-28T10:00:00+01:00'], stated: { en: '10 years from the end of the contract', nl: '10 jaar vanaf het einde van de overeenkomst', fr: '10 ans à compter' } },
  // Processing for a customer: 30 days after the visit (the customer's statement states it, not ours).
  { purpose: 'processing_for_customers', type: 'customer_visitor', trigger: 'visit', action: 'delete', ends: ['2023-09-30T10:00:00+02:00', '2024-03-30T10:00:00+01:00'], tenant: 'tenant-a' },
]

/**
 * A person for whom only `c.purpose` applies: every other purpose is objected to (upheld) or lacks
 * its basis, so the planner's answer for the purpose's categories is this purpose's rule alone.
 */
function isolated(policy: Policy, c: Case, trigger: Date): SubjectState {
  const events = new Map<string, Date>()
  if (c.trigger !== 'collected') events.set(c.trigger, trigger)
  if (c.purpose === 'customer_information') {
    // Marketing e-mail to a customer contact needs the soft opt-in facts.
    events.set('contract_started', new Date(trigger.getTime() - 86_400_000 * 400))
    events.set('marketing_opt_out_offered', new Date(trigger.getTime() - 86_400_000 * 400))
  }
  const objections = new Map<string, 'upheld'>(policy.purposes.filter((p) => p.id !== c.purpose).map((p) => [p.id, 'upheld']))
  return {
    id: '018f0000-0000-7000-8000-0000000000aa',
    type: c.type,
    tenantId: c.tenant ?? null,
    createdAt: c.trigger === 'collected' ? trigger : new Date(trigger.getTime() - 86_400_000 * 500),
    lastEvent: events,
    restricted: false,
    erased: false,
    objections,
    consents: new Map([[c.purpose, true]]),
    suppressed: false,
  }
}

test('REQ-RT-01 every purpose of the example policy is covered here, with a retention rule', async () => {
  const policy = await loadPolicyFile(EXAMPLE_POLICY)
  assert.deepEqual(policy.purposes.map((p) => p.id).sort(), CASES.map((c) => c.purpose).sort())
  for (const c of CASES) {
    const p = policy.purpose(c.purpose)!
    assert.equal(p.retention.endAction, c.action, c.purpose)
    assert.equal(p.retention.trigger ?? 'collected', c.trigger, c.purpose)
  }
})

test('REQ-RT-01 REQ-RT-03 the statement states in nl, fr and en the period and end action the sweep applies', async () => {
  const policy = await loadPolicyFile(EXAMPLE_POLICY)
  for (const lang of ['en', 'nl', 'fr'] as const) {
    const md = renderStatement(policy, lang, 'md', { version: 1, effectiveDate: '2026-12-01' })
    for (const c of CASES) {
      if (!c.stated) continue
      const row = md.split('\n').find((l) => l.startsWith('| [') && l.includes(`(#purpose-${c.purpose})`))
      assert.ok(row, `${lang}: the statement's overview has a row for ${c.purpose}`)
      const cell = row.split(' | ').at(-1)!.replace(/ \|$/, '')
      assert.ok(cell.startsWith(c.stated[lang]), `${lang} ${c.purpose}: "${cell.slice(0, 80)}" should start with "${c.stated[lang]}"`)
      assert.ok(cell.includes((c.action === 'anonymise' ? ANONYMISED : DELETED)[lang]), `${lang} ${c.purpose}: states the end action`)
    }
  }
})

test('REQ-RT-02 REQ-RT-03 a person just inside each period is kept and just past it is deleted or anonymised, across a month end, a leap day and summer time, in Europe/Brussels', async () => {
  const policy = await loadPolicyFile(EXAMPLE_POLICY)
  assert.equal(policy.controller.timeZone, 'Europe/Brussels')
  const MINUTE = 60_000
  for (const c of CASES) {
    const purpose = policy.purpose(c.purpose)!
    const categories = purpose.categories.map((x) => x.id)
    const legal = purpose.basis[c.type] === 'legal_obligation' || purpose.legalClaims === true
    for (const [i, triggerAt] of [AUG_31, LEAP_DAY].entries()) {
      const end = new Date(c.ends[i]!)
      const subject = isolated(policy, c, new Date(triggerAt))
      const plan = (now: Date) => planRetention({ policy, subject, categories, holds: [], instructed: new Set(), now })
      const inside = plan(new Date(end.getTime() - MINUTE))
      const label = `${c.purpose}, trigger ${triggerAt}, end ${c.ends[i]}`
      // Inside: nothing deleted or anonymised; a legal duty or legal claims keep it under the retention key.
      assert.deepEqual(inside.actions.filter((a) => a.action === 'delete' || a.action === 'anonymise'), [], `${label}: kept just inside`)
      if (legal) assert.deepEqual(inside.actions.map((a) => a.action), categories.map(() => 'retain'), `${label}: kept for the legal duty only`)
      else assert.equal(inside.outcome, 'living', `${label}: the person stays just inside`)
      const past = plan(new Date(end.getTime() + MINUTE))
      assert.deepEqual(
        past.actions.map((a) => [a.category, a.action]),
        [...categories].sort().map((x) => [x, c.action]),
        `${label}: every category ${c.action}d just past the end`,
      )
      assert.equal(past.outcome, 'erase', `${label}: nothing else needs the person`)
    }
  }
})
