// A grant is the gate's "yes": the only thing the vault accepts before it touches plaintext.
// Grants are minted in src/gate alone (an architecture test checks the imports) and recognised by
// identity, so a hand-made object with the same fields is refused.

export interface Grant {
  readonly subjectId: string
  readonly purpose: string
  readonly actorId: string
  /** The categories the purpose may use, already narrowed to what was asked. */
  readonly categories: readonly string[]
  readonly tenantId: string | null
}

const minted = new WeakSet<Grant>()

export function mintGrant(fields: Grant): Grant {
  const grant = Object.freeze({ ...fields, categories: Object.freeze([...fields.categories]) })
  minted.add(grant)
  return grant
}

export function assertGrant(grant: Grant): void {
  if (!minted.has(grant)) throw new Error('the vault was called without a grant from the gate')
}
