// What staff do to a request, in one place: the API (POST /v1/staff/requests/:id/<action>) and the
// console's forms call the same functions, so a decision has one meaning, one set of checks and one
// audit trail whichever way it is taken. Each returns the request as staff see it afterwards.
import type { Actor } from '../gate/actor.ts'
import type { Fulfilment } from './fulfil.ts'
import type { RequestService, StaffRequestView } from './service.ts'

export interface StaffActionInputs {
  doubt: { reason: string; means: string }
  'identity-verified': { method: string }
  extend: { months: number; reason: string }
  announce: { kind: 'fee' | 'refusal'; justification: string; feeCents?: number | undefined }
  refuse: Record<string, never>
  rectify: { subjectId: string; data: Record<string, string | number | boolean> }
  'objection-decision': { purpose: string; upheld: boolean; grounds?: string | undefined }
  'restriction-lift-notice': { liftOn: string }
  'lift-restriction': Record<string, never>
  'confirm-push': Record<string, never>
  close: { note?: 'answered' | 'no_data_held' | undefined }
}

export type StaffActionName = keyof StaffActionInputs

export interface StaffActionRooms {
  readonly requests: RequestService
  readonly fulfilment: Fulfilment
}

type Runner<K extends StaffActionName> = (rooms: StaffActionRooms, actor: Actor, id: string, input: StaffActionInputs[K]) => Promise<StaffRequestView>

// After an action that returns no row: read it again (the action itself was the authorised use).
const reread = async (rooms: StaffActionRooms, id: string) => rooms.requests.staffView((await rooms.requests.row(id))!)

export const STAFF_REQUEST_ACTIONS: { readonly [K in StaffActionName]: Runner<K> } = {
  doubt: (r, actor, id, b) => r.requests.recordDoubt(actor, id, b.reason, b.means),
  'identity-verified': (r, actor, id, b) => r.requests.recordIdentityVerified(actor, id, b.method),
  extend: (r, actor, id, b) => r.requests.extend(actor, id, b.months, b.reason),
  announce: (r, actor, id, b) => r.requests.announce(actor, id, b.kind, b.justification, b.feeCents),
  refuse: (r, actor, id) => r.requests.refuse(actor, id),
  rectify: async (r, actor, id, b) => r.requests.staffView(await r.fulfilment.rectify(actor, await r.requests.staffRow(actor, id), b.subjectId, b.data)),
  'objection-decision': async (r, actor, id, b) => r.requests.staffView(await r.fulfilment.decideObjection(actor, await r.requests.staffRow(actor, id), b.purpose, b.upheld, b.grounds ?? '')),
  'restriction-lift-notice': async (r, actor, id, b) => r.requests.staffView(await r.fulfilment.noticeLift(actor, await r.requests.staffRow(actor, id), b.liftOn)),
  'lift-restriction': async (r, actor, id) => {
    await r.fulfilment.lift(actor, await r.requests.staffRow(actor, id))
    return reread(r, id)
  },
  'confirm-push': async (r, actor, id) => {
    await r.fulfilment.push(await r.requests.staffRow(actor, id), actor.id)
    return reread(r, id)
  },
  close: async (r, actor, id, b) => r.requests.staffView(await r.requests.move(await r.requests.staffRow(actor, id), 'completed', `closed:${b.note ?? 'answered'}`, actor.id)),
}

export function runStaffAction<K extends StaffActionName>(rooms: StaffActionRooms, actor: Actor, id: string, action: K, input: StaffActionInputs[K]): Promise<StaffRequestView> {
  return STAFF_REQUEST_ACTIONS[action](rooms, actor, id, input)
}
