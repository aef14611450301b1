// The policy as the API publishes it (GET /v1/policy): the validated document, with each purpose's
// basis spelled out per subject type so that a client never has to resolve the shorthand.
import type { Policy } from './policy.ts'

export interface VersionMeta {
  readonly version: number
  readonly effectiveDate: string
  readonly contentHash: string
}

export function policyView(policy: Policy, meta: VersionMeta) {
  return {
    version: meta.version,
    effectiveDate: meta.effectiveDate,
    contentHash: meta.contentHash,
    controller: policy.controller,
    supervisoryAuthority: policy.supervisoryAuthority,
    categories: policy.categories,
    subjectTypes: policy.subjectTypes,
    events: policy.events,
    purposes: policy.purposes.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      role: p.role,
      subjectTypes: p.subjectTypes,
      basis: p.basis,
      categories: p.categories.map((c) => c.id),
      requiredCategories: p.categories.filter((c) => c.required).map((c) => c.id),
      retention: p.retention,
      recipients: p.recipients,
      provision: p.provision,
      directMarketing: p.directMarketing,
      legalClaims: p.legalClaims,
      automatedDecisions: p.automatedDecisions,
      ...(p.legitimateInterest ? { legitimateInterest: p.legitimateInterest.interest } : {}),
      ...(p.statutoryReference ? { statutoryReference: p.statutoryReference } : {}),
    })),
    recipients: policy.recipients,
    staffRoles: policy.staffRoles,
    cookies: policy.cookies,
  }
}
