// The built-in purpose under which Pledge answers data-subject requests: Art. 6(1)(c), the legal
// obligation of Art. 12-22 itself. It reaches every category, also while the person is restricted or
// has given no consent, and only request handling uses it: Pledge's own request service and keys or
// staff given the request-handling role (the purpose `data_subject_request`).
import type { Policy } from '../policy/policy.ts'
import type { Decision, GateQuestion } from './decide.ts'

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
  if (subject.erased) return { allow: false, reason: 'subject_erased', message: 'this person\'s data has been erased' }
  const all = policy.categories.map((c) => c.id)
  const asked = q.categories ?? all
  const outside = asked.filter((c) => !all.includes(c))
  if (outside.length && q.operation === 'write') {
    return { allow: false, reason: 'categories_not_in_purpose', message: `the policy has no categories ${outside.join(', ')}`, categories: outside }
  }
  return { allow: true, basis: 'legal_obligation', categories: asked.filter((c) => all.includes(c)), withheld: outside }
}
