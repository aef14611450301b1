// A staff member as an actor of the gate (REQ-SEC-01): the purposes of the roles they hold in
// effect, from the policy in force — nothing else. `staff_admin` and roles the policy no longer
// declares open nothing. The actor's id is the account's (`staff:<uuid>`); its name carries no
// e-mail address, so nothing that names the actor leaks who the person is.
import type { Policy } from '../policy/policy.ts'
import { purposesOfRole } from '../staff/roles.ts'
import { mintActor, type Actor } from './actor.ts'

export function staffActor(policy: Policy, accountId: string, roles: Iterable<string>): Actor {
  const purposes = new Set<string>()
  for (const role of roles) for (const p of purposesOfRole(policy, role)) purposes.add(p)
  return mintActor({ kind: 'staff', id: `staff:${accountId}`, name: `staff account ${accountId}`, purposes })
}
