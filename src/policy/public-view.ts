// The policy as the API publishes it (GET /v1/policy): what a person needs to understand the
// processing, the same facts the statement gives, field by field. Everything is named here on
// purpose (an allowlist): staff roles, internal flags, assessments' working papers and anything a
// later register adds (DPA dates, DPIA records) stay out unless a line below publishes them.
import type { Policy } from './policy.ts'

export interface VersionMeta {
  readonly version: number
  readonly effectiveDate: string
  readonly contentHash: string
}

const pick = <T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> => {
  const out = {} as Pick<T, K>
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k]
  return out
}

export function policyView(policy: Policy, meta: VersionMeta) {
  const c = policy.controller
  return {
    version: meta.version,
    effectiveDate: meta.effectiveDate,
    contentHash: meta.contentHash,
    controller: {
      ...pick(c, ['name', 'tradingName', 'legalForm', 'companyNumber', 'email', 'phone', 'website', 'timeZone']),
      address: pick(c.address, ['street', 'postalCode', 'city', 'country']),
      // Art. 13(1)(b): the contact details of the DPO or privacy contact.
      privacyContact: pick(c.privacyContact, ['kind', 'name', 'email', 'phone', 'note']),
    },
    supervisoryAuthority: {
      ...pick(policy.supervisoryAuthority, ['name', 'abbreviation', 'phone', 'email', 'website']),
      address: pick(policy.supervisoryAuthority.address, ['street', 'postalCode', 'city', 'country']),
    },
    // `records` tells the shape a read returns: 'many' is a list of values (oldest first), 'one' one value.
    categories: policy.categories.map((k) => ({ ...pick(k, ['id', 'label', 'special']), records: k.records ?? 'one' })),
    subjectTypes: policy.subjectTypes.map((t) => pick(t, ['id', 'label', 'role', 'source'])),
    events: policy.events,
    purposes: policy.purposes.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      role: p.role,
      subjectTypes: p.subjectTypes,
      basis: p.basis,
      categories: p.categories.map((k) => k.id),
      requiredCategories: p.categories.filter((k) => k.required).map((k) => k.id),
      retention: pick(p.retention, ['duration', 'trigger', 'countFrom', 'endAction', 'legalReference', 'rationale']),
      recipients: p.recipients,
      provision: pick(p.provision, ['requirement', 'consequence']),
      directMarketing: p.directMarketing,
      legalClaims: p.legalClaims,
      automatedDecisions: p.automatedDecisions,
      // The interest pursued is the statement's; the necessity and balancing notes are the file's.
      ...(p.legitimateInterest ? { legitimateInterest: p.legitimateInterest.interest } : {}),
      ...(p.statutoryReference ? { statutoryReference: p.statutoryReference } : {}),
      ...(p.source ? { source: p.source } : {}),
    })),
    recipients: policy.recipients.map((r) => ({
      ...pick(r, ['id', 'name', 'role', 'service', 'country']),
      // The decision in every language; a version published with one string reads it in all three.
      ...(r.transfer ? { transfer: pick({ ...r.transfer, decision: typeof r.transfer.decision === 'string' ? { nl: r.transfer.decision, fr: r.transfer.decision, en: r.transfer.decision } : r.transfer.decision } as Record<string, unknown>, ['mechanism', 'decision', 'module', 'date', 'copyAvailableAt']) } : {}),
    })),
    cookies: {
      categories: policy.cookies.categories.map((k) => pick(k, ['id', 'label', 'description', 'necessary'])),
      cookies: policy.cookies.cookies.map((k) => pick(k, ['name', 'provider', 'category', 'purpose', 'lifetime'])),
    },
  }
}
