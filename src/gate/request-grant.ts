// Handling a person's request is never a purpose that opens everyone. Holding the built-in purpose
// data_subject_request lets an actor handle requests (list them, take the decisions the law leaves to
// a person); a use of a person's data under it is a grant for one (request, subject, right), for the
// operations that right needs, only while its work lasts:
//
//   access, portability        export (read every value) while the request is open or its download link lives
//   rectification              rectify: write the categories staff name on the rectify action
//   erasure                    erase (plan, shred, finish) while the request is open
//   restriction                restrict while open; lift_restriction until it is lifted
//   objection                  object: record objections (state only, no value read)
//   withdraw_consent           withdraw: the consent state only, no value read
//   rectification, erasure,
//   restriction, objection     facts: ids around the data (categories, recipients) for Art. 19
//   every right                compare: does a value the requester gave match what is held? (yes or no, never the value)
//   every right                language: the language the person is written to in, as they chose it on the
//                              request's form or page (the subject row only, no value read)
//
// The request must be verified, with no reasonable doubt open on it (the clock paused for it) and not
// refused; the subject must be one it matched; while unverified or in doubt only `compare` is allowed.
// `language` is the one use that outlives the work: the person who proved control of the address may
// choose the language we write to them in while the request is open or after it completed, and
// while a doubt is open (it concerns who they are, not which language the mails to that address use).
// Pure: the request's facts and the subject's state are read elsewhere and handed in.
import type { Actor } from './actor.ts'
import { REQUEST_PURPOSE } from '../policy/builtin.ts'

export { REQUEST_PURPOSE }

export const REQUEST_RIGHTS = ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdraw_consent'] as const
export type RequestRight = (typeof REQUEST_RIGHTS)[number]

export const REQUEST_OPERATIONS = ['export', 'rectify', 'erase', 'facts', 'restrict', 'lift_restriction', 'object', 'withdraw', 'compare', 'language'] as const
export type RequestOperation = (typeof REQUEST_OPERATIONS)[number]

/** What the requests room knows of one request, as the gate needs it: no address, no words. */
export interface RequestFacts {
  readonly id: string
  readonly type: RequestRight
  /** received, awaiting_verification, verified, in_progress, waiting_on_controller, completed, refused */
  readonly status: string
  /** The customer a routed request belongs to; null for the controller's own. */
  readonly tenantId: string | null
  readonly verified: boolean
  /** A reasonable doubt was recorded and is not settled yet (the clock is paused for it). */
  readonly doubtOpen: boolean
  /** The people the verified address matched. */
  readonly subjectIds: readonly string[]
  /** Until when the access or portability download link lives. */
  readonly exportExpiresAt: Date | null
  /** A restriction request whose restriction has been lifted: its work has ended. */
  readonly restrictionLifted: boolean
}

export type RequestDenyReason =
  | 'purpose_not_allowed_for_actor'
  | 'request_not_found'
  | 'request_refused'
  | 'request_not_verified'
  | 'request_doubt_open'
  | 'subject_not_in_request'
  | 'operation_not_for_right'
  | 'request_closed'
  | 'export_expired'

export type RequestUseDecision = { readonly allow: true } | { readonly allow: false; readonly reason: RequestDenyReason; readonly message: string }

/** The operations each right needs. */
export const RIGHT_OPERATIONS: Readonly<Record<RequestRight, readonly RequestOperation[]>> = {
  access: ['export', 'compare', 'language'],
  portability: ['export', 'compare', 'language'],
  rectification: ['rectify', 'facts', 'compare', 'language'],
  erasure: ['erase', 'facts', 'compare', 'language'],
  restriction: ['restrict', 'lift_restriction', 'facts', 'compare', 'language'],
  objection: ['object', 'facts', 'compare', 'language'],
  withdraw_consent: ['withdraw', 'compare', 'language'],
}

const OPEN = new Set(['verified', 'in_progress', 'waiting_on_controller'])
const UNVERIFIED = new Set(['received', 'awaiting_verification'])

const deny = (reason: RequestDenyReason, message: string): RequestUseDecision => ({ allow: false, reason, message })

export function decideRequestUse(actor: Actor, request: RequestFacts | undefined, subjectId: string, operation: RequestOperation, now: Date): RequestUseDecision {
  if (!actor.purposes.has(REQUEST_PURPOSE)) return deny('purpose_not_allowed_for_actor', `${actor.name} does not handle data-subject requests (purpose ${REQUEST_PURPOSE})`)
  // A customer's key answers the requests routed to it, the controller's actors the controller's (REQ-PR-01).
  if (!request || request.tenantId !== actor.tenantId) return deny('request_not_found', 'no request with this id')
  if (request.status === 'refused') return deny('request_refused', 'this request was refused: nothing more is done with the person\'s data for it')
  if (!request.subjectIds.includes(subjectId)) return deny('subject_not_in_request', 'this person is not one this request matched')
  if (!RIGHT_OPERATIONS[request.type].includes(operation)) return deny('operation_not_for_right', `a ${request.type.replace(/_/g, ' ')} request does not ${operation.replace(/_/g, ' ')}`)
  const unverified = !request.verified || UNVERIFIED.has(request.status)
  if (operation === 'language') {
    if (unverified) return deny('request_not_verified', 'the requester has not proven control of the address yet: the language of mails to it is theirs to choose once they have')
    if (OPEN.has(request.status) || request.status === 'completed') return { allow: true }
    return deny('request_closed', `a request that is ${request.status.replace(/_/g, ' ')} does not use the person's data`)
  }
  if (unverified || request.doubtOpen) {
    if (operation === 'compare' && (unverified ? UNVERIFIED.has(request.status) : OPEN.has(request.status))) return { allow: true }
    return unverified
      ? deny('request_not_verified', 'the requester has not proven control of the address yet: only a value they give can be compared with what is held')
      : deny('request_doubt_open', 'a reasonable doubt is open on this request: until it is settled, only a value the requester gives can be compared with what is held')
  }
  if (OPEN.has(request.status)) return { allow: true }
  if (request.status !== 'completed') return deny('request_closed', `a request that is ${request.status.replace(/_/g, ' ')} does not use the person's data`)
  // After completion: the download while its link lives, and a restriction until it is lifted.
  if (operation === 'export') {
    if (request.exportExpiresAt && now < request.exportExpiresAt) return { allow: true }
    return deny('export_expired', 'the download of this request has expired: the person may file a new request')
  }
  if (request.type === 'restriction' && (operation === 'lift_restriction' || operation === 'facts') && !request.restrictionLifted) return { allow: true }
  return deny('request_closed', 'this request is completed: its grant has ended')
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
