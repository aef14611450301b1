// Who is asking. Services use API keys, Pledge's own jobs are declared system actors
// (./system-actors.ts), staff accounts fit the same shape. Actors are minted in src/gate only and
// recognised by identity, like grants: an object with the same fields made elsewhere is refused, so
// no room can hand the gate an actor holding purposes it gave itself.

export type ActorKind = 'api_key' | 'staff' | 'system'

/** What a declared system actor may do beyond using purposes (each one named in its declaration). */
export type Capability =
  /** Open a requester's sealed address to write to them, and match it across every tenant's index. */
  | 'requesters'
  /** Open the mailbox a customer or recipient registered, to tell it of a request or a change. */
  | 'party_mailboxes'
  /** Open an address waiting for a double opt-in, find its subscriber, lift its own objection. */
  | 'subscriptions'
  /** Carry out a person's own one-click unsubscribe: withdraw, object, suppress. */
  | 'unsubscribe'
  /** Carry out the retention sweep: delete, anonymise, move under the retention key, erase. */
  | 'retention'
  /** The contact form: find the controller's person a confirmed sender's address belongs to (to link the message, never to write into them). */
  | 'contact_form'
  /** Carry out a customer's end-of-contract instruction: export and erase that one tenant's people. */
  | 'end_of_contract'

export interface Actor {
  readonly kind: ActorKind
  /** Stable id recorded in the audit log, e.g. `key:<uuid>`, `staff:<uuid>`, `system:import`. */
  readonly id: string
  readonly name: string
  /** Purposes this actor may use (need-to-know, REQ-SEC-01). */
  readonly purposes: ReadonlySet<string>
  /**
   * Per purpose, the only categories this actor may use under it (declared system actors); a
   * purpose absent here gives the actor every category the purpose uses.
   */
  readonly categories: ReadonlyMap<string, readonly string[]>
  readonly capabilities: ReadonlySet<Capability>
  /** The customer (tenant) this actor acts for; null for the controller's own actors. */
  readonly tenantId: string | null
  /** A recipient of the policy (processor or third party): every read is then a disclosure. */
  readonly recipientId: string | null
}

const minted = new WeakSet<Actor>()

/** A set nobody can add to after minting (a frozen object still lets a Set grow). */
class FixedSet<T> implements ReadonlySet<T> {
  readonly #items: Set<T>
  constructor(items: Iterable<T>) {
    this.#items = new Set(items)
  }
  get size(): number {
    return this.#items.size
  }
  has(value: T): boolean {
    return this.#items.has(value)
  }
  forEach(fn: (value: T, value2: T, set: ReadonlySet<T>) => void): void {
    for (const v of this.#items) fn(v, v, this)
  }
  entries(): SetIterator<[T, T]> {
    return this.#items.entries()
  }
  keys(): SetIterator<T> {
    return this.#items.keys()
  }
  values(): SetIterator<T> {
    return this.#items.values()
  }
  [Symbol.iterator](): SetIterator<T> {
    return this.#items.values()
  }
}

class FixedMap<K, V> implements ReadonlyMap<K, V> {
  readonly #items: Map<K, V>
  constructor(items: Iterable<readonly [K, V]>) {
    this.#items = new Map(items)
  }
  get size(): number {
    return this.#items.size
  }
  get(key: K): V | undefined {
    return this.#items.get(key)
  }
  has(key: K): boolean {
    return this.#items.has(key)
  }
  forEach(fn: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [k, v] of this.#items) fn(v, k, this)
  }
  entries(): MapIterator<[K, V]> {
    return this.#items.entries()
  }
  keys(): MapIterator<K> {
    return this.#items.keys()
  }
  values(): MapIterator<V> {
    return this.#items.values()
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.#items.entries()
  }
}

export interface ActorFields {
  readonly kind: ActorKind
  readonly id: string
  readonly name: string
  readonly purposes: Iterable<string>
  readonly categories?: ReadonlyMap<string, readonly string[]>
  readonly capabilities?: Iterable<Capability>
  readonly tenantId?: string | null
  readonly recipientId?: string | null
}

/** Makes an actor the gate will accept. Called in src/gate only (an architecture test checks it). */
export function mintActor(fields: ActorFields): Actor {
  const actor: Actor = Object.freeze({
    kind: fields.kind,
    id: fields.id,
    name: fields.name,
    purposes: new FixedSet(fields.purposes),
    categories: new FixedMap([...(fields.categories ?? [])].map(([p, c]) => [p, Object.freeze([...c])] as const)),
    capabilities: new FixedSet(fields.capabilities ?? []),
    tenantId: fields.tenantId ?? null,
    recipientId: fields.recipientId ?? null,
  })
  minted.add(actor)
  return actor
}

export class UnknownActorError extends Error {
  constructor() {
    super('the gate was called by an actor it did not mint: use an API key, a staff session or a declared system actor')
    this.name = 'UnknownActorError'
  }
}

export function assertActor(actor: Actor): void {
  if (!minted.has(actor)) throw new UnknownActorError()
}
