// Staff roles: `staff_admin` is built in (it manages accounts and roles and opens no personal data);
// every other role is declared in the policy (`staffRoles`), each with the purposes it may use.
import type { Policy } from '../policy/policy.ts'

export const STAFF_ADMIN_ROLE = 'staff_admin'
/** The role that confirms, each quarter, who holds which role (REQ-SEC-01). */
export const DPO_ROLE = 'dpo'
/** Access is reviewed at least every three months. */
export const RECERTIFICATION_MONTHS = 3

export function isKnownRole(policy: Policy, role: string): boolean {
  return role === STAFF_ADMIN_ROLE || policy.staffRoles.some((r) => r.id === role)
}

/** The purposes a role opens; none for staff_admin or a role the policy no longer declares. */
export function purposesOfRole(policy: Policy, role: string): readonly string[] {
  return policy.staffRoles.find((r) => r.id === role)?.purposes ?? []
}

/** A role that opens personal data needs a second party's approval before it takes effect. */
export function roleNeedsApproval(policy: Policy, role: string): boolean {
  return purposesOfRole(policy, role).length > 0
}

export function knownRoles(policy: Policy): string[] {
  return [STAFF_ADMIN_ROLE, ...policy.staffRoles.map((r) => r.id)]
}
