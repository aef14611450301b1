// The built-in purpose under which Pledge answers data-subject requests: Art. 6(1)(c), the legal
// obligation of Art. 12-22 itself. It reaches every category, also while the person is restricted or
// has given no consent, and only request handling uses it: Pledge's own request service and keys or
// staff given the request-handling role (the purpose `data_subject_request`).
import type { Policy } from '../policy/policy.ts'
import type { Decision, GateQuestion } from './decide.ts'
import type { Actor } from './actor.ts'

import { REQUEST_PURPOSE } from '../policy/builtin.ts'

export { REQUEST_PURPOSE }

export function decideForRequest(policy: Policy, q: GateQuestion): Decision {
  if (!q.actor.purposes.has(REQUEST_PURPOSE)) {
    return { allow: false, reason: 'purpose_not_allowed_for_actor', message: `${q.actor.name} does not handle data-subject requests (purpose ${REQUEST_PURPOSE})` }
  }
  const subject = q.subject
  if (!subject) return { allow: false, reason: 'subject_not_visible', message: 'no such subject' }
  // A customer's data is answered by that customer (REQ-PR-01), and the controller's by the controller.
  if (subject.tenantId !== q.actor.tenantId) return { allow: false, reason: 'subject_not_visible', message: 'no such subject' }
  // After erasure only the facts around the data (ids: categories, recipients) remain, so that a
  // request interrupted after the shredding can still finish its Art. 19 notices; no values.
  if (subject.erased) {
    if (q.operation === 'search') return { allow: true, basis: 'legal_obligation', categories: [], withheld: [] }
    return { allow: false, reason: 'subject_erased', message: 'this person\'s data has been erased' }
  }
  const all = policy.categories.map((c) => c.id)
  const asked = q.categories ?? all
  const outside = asked.filter((c) => !all.includes(c))
  if (outside.length && q.operation === 'write') {
    return { allow: false, reason: 'categories_not_in_purpose', message: `the policy has no categories ${outside.join(', ')}`, categories: outside }
  }
  return { allow: true, basis: 'legal_obligation', categories: asked.filter((c) => all.includes(c)), withheld: outside }
}

/** What an actor wants to do with requests themselves (not with a person's data). */
export type RequestAccess = 'list' | 'read' | 'record'

export type RequestHandlingDecision = { readonly allow: true } | { readonly allow: false; readonly reason: 'purpose_not_allowed_for_actor' | 'request_not_found'; readonly message: string }

/**
 * Who may handle requests: only actors with the request-handling purpose; a customer's key only the
 * requests routed to that customer, the controller's keys only the controller's (REQ-PR-01); only
 * the controller records requests received on another channel.
 */
export function decideRequestHandling(actor: Actor, access: RequestAccess, requestTenantId?: string | null): RequestHandlingDecision {
  if (!actor.purposes.has(REQUEST_PURPOSE)) {
    return { allow: false, reason: 'purpose_not_allowed_for_actor', message: `${actor.name} does not handle data-subject requests: give the key the purpose ${REQUEST_PURPOSE}` }
  }
  if (access === 'record' && actor.tenantId !== null) {
    return { allow: false, reason: 'purpose_not_allowed_for_actor', message: 'a customer\'s key answers the requests routed to it; only the controller records new ones' }
  }
  if (access === 'read' && requestTenantId !== actor.tenantId) return { allow: false, reason: 'request_not_found', message: 'no request with this id' }
  return { allow: true }
}
