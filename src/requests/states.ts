// The life of a request (design README): received → awaiting verification → verified → in progress
// → (waiting on the controller, for data held on a customer's behalf) → completed | refused.
// Every move is checked here and recorded (dsr_event + audit log) by the service.
import type { RequestStatus } from './types.ts'

const NEXT: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  received: ['awaiting_verification', 'verified', 'refused'],
  awaiting_verification: ['verified', 'refused'],
  verified: ['in_progress', 'waiting_on_controller', 'completed', 'refused'],
  in_progress: ['waiting_on_controller', 'completed', 'refused'],
  waiting_on_controller: ['in_progress', 'completed', 'refused'],
  completed: [],
  refused: [],
}

export function canMove(from: RequestStatus, to: RequestStatus): boolean {
  return NEXT[from].includes(to)
}

export function isOpen(status: RequestStatus): boolean {
  return status !== 'completed' && status !== 'refused'
}

export class TransitionError extends Error {
  readonly from: RequestStatus
  readonly to: RequestStatus
  constructor(from: RequestStatus, to: RequestStatus) {
    super(`a request that is ${from.replace(/_/g, ' ')} cannot become ${to.replace(/_/g, ' ')}`)
    this.name = 'TransitionError'
    this.from = from
    this.to = to
  }
}
