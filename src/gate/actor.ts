// Who is asking. Services use API keys today; staff accounts (a later room) fit the same shape.

export type ActorKind = 'api_key' | 'staff' | 'system'

export interface Actor {
  readonly kind: ActorKind
  /** Stable id recorded in the audit log, e.g. `key:<uuid>`, `staff:<uuid>`, `system:import`. */
  readonly id: string
  readonly name: string
  /** Purposes this actor may use (need-to-know, REQ-SEC-01). */
  readonly purposes: ReadonlySet<string>
  /** The customer (tenant) this actor acts for; null for the controller's own actors. */
  readonly tenantId: string | null
  /** A recipient of the policy (processor or third party): every read is then a disclosure. */
  readonly recipientId: string | null
}

export function systemActor(name: string, purposes: Iterable<string>, tenantId: string | null = null): Actor {
  return { kind: 'system', id: `system:${name}`, name, purposes: new Set(purposes), tenantId, recipientId: null }
}
